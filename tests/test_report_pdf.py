"""The RvC quarterly overview as a PDF, read back as text and images with poppler-utils.

Longer than 600 lines because the checks of one document are kept together: most read the
same PDF, rendered once for the module.

Every test works on a copy of the demo home with a snapshot of its newest quarter and
compares the PDF with that snapshot (and, for teams, with dim_org_units), so no number is
written down here. pdfinfo, pdftotext and pdftoppm come from Debian's poppler-utils: the
tests fail, not skip, without them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageStat

from pipelines.cli.report import add_report_parser
from pipelines.core import formats, headline
from pipelines.core.texts import REPORT_FILE, TEXTS_DIR
from pipelines.reports.pdf import (
    ReportError,
    load_verified,
    render_report,
    write_atomically,
)
from pipelines.reports.snapshot import content_hash, load_snapshot, take_snapshot
from tests.quarterhelpers import quarter_with_department_moves
from tests.readers import reading

REPO = Path(__file__).resolve().parent.parent
A4_POINTS = (595.28, 841.89)
FOOTER = re.compile(r"^.*(Pagina \d+ van \d+|Integriteitsradar · RvC-kwartaaloverzicht).*$", re.M)


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} not found: the PDF tests read the report back with Debian's poppler-utils "
            "(apt-get install -y poppler-utils)"
        )
    return path


def run(*args: str | Path) -> str:
    return subprocess.run(
        [tool(str(args[0])), *map(str, args[1:])], check=True, capture_output=True, text=True
    ).stdout


def flat(text: str) -> str:
    """Text with every run of whitespace as one space, as a wrapped line reads."""
    return " ".join(text.split())


def query(home: Path, sql: str) -> list[tuple]:
    with reading(str(home / "warehouse.duckdb")) as con:
        return con.execute(sql).fetchall()


def records(home: Path, sql: str) -> list[dict]:
    """Rows as a snapshot holds them: dicts, dates as ISO text."""
    with reading(str(home / "warehouse.duckdb")) as con:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description]
        return [
            {
                c: v.isoformat() if hasattr(v, "isoformat") else v
                for c, v in zip(columns, row, strict=True)
            }
            for row in cursor.fetchall()
        ]


def organisation_counts(home: Path, quarter: str) -> tuple[int, int, int]:
    """Gestegen, gedaald, nieuw rood of the organisation as a whole, from the mart."""
    ((up, down, new_red),) = query(
        home,
        "select count(*) filter (direction = 'omhoog'), count(*) filter (direction = 'omlaag'), "
        "count(*) filter (is_new_red) from report_risk_changes "
        f"where period = '{quarter}' and org_level = 'organisatie'",
    )
    return up, down, new_red


def sentences(snap: dict, lang: str = "nl") -> list[str]:
    return headline.snapshot_sentences(snap, lang)


def quarters(home: Path) -> list[str]:
    sql = "select distinct period from report_risk_scores where period_type = 'quarter' order by 1"
    return [r[0] for r in query(home, sql)]


@dataclass
class Read:
    """A rendered PDF and what poppler reads from it."""

    path: Path
    info: str  # pdfinfo, with per-page sizes
    layout: str  # pdftotext -layout, pages split by form feeds
    raw: str  # pdftotext -raw (content order: a table cell's lines stay together), flat
    images: list[Path]  # pdftoppm -png -r 50, one per page

    @property
    def pages(self) -> int:
        return int(re.search(r"^Pages:\s+(\d+)", self.info, re.M).group(1))


def read_pdf(data: bytes, folder: Path) -> Read:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "report.pdf"
    path.write_bytes(data)
    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", path), re.M).group(1))
    run("pdftoppm", "-png", "-r", "50", path, folder / "page")
    raw = run("pdftotext", "-raw", path, "-")
    return Read(
        path=path,
        info=run("pdfinfo", "-f", "1", "-l", str(pages), path),
        layout=run("pdftotext", "-layout", path, "-"),
        raw=flat(FOOTER.sub("", raw)),
        images=sorted(folder.glob("page-*.png")),
    )


@pytest.fixture(scope="module")
def frozen(
    demo_home: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, dict]]:
    """A copy of the demo (as RADAR_HOME) with a snapshot of its newest quarter, as loaded."""
    home = tmp_path_factory.mktemp("report") / "home"
    shutil.copytree(demo_home, home)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RADAR_HOME", str(home))
        newest = quarters(home)[-1]
        take_snapshot(newest, actor="Risicomanager", home=home)
        yield home, load_snapshot(newest, home)


@pytest.fixture(scope="module")
def report(frozen: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory) -> Read:
    _, snap = frozen
    return read_pdf(render_report(snap), tmp_path_factory.mktemp("pdf"))


@pytest.fixture
def home(frozen: tuple[Path, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the frozen demo home, as RADAR_HOME (free to change)."""
    copy = tmp_path / "home"
    shutil.copytree(frozen[0], copy)
    monkeypatch.setenv("RADAR_HOME", str(copy))
    return copy


def radar_report(*argv: str) -> int:
    """``radar report ...`` through add_report_parser, as pipelines/cli/main.py will wire it."""
    parser = argparse.ArgumentParser(prog="radar")
    add_report_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["report", *argv])
    return args.func(args)


# ---------------------------------------------------------------- the document


def test_the_pdf_is_a4_with_more_than_one_page_each_numbered(report: Read) -> None:
    assert report.pages > 1
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", report.info, re.M)
    assert len(sizes) == report.pages
    for width, height in sizes:
        assert (float(width), float(height)) == pytest.approx(A4_POINTS, abs=0.5)
    pages = report.layout.split("\f")
    for number in range(1, report.pages + 1):
        assert f"Pagina {number} van {report.pages}" in pages[number - 1]


def test_every_page_image_has_something_on_it(report: Read) -> None:
    assert len(report.images) == report.pages
    for image in report.images:
        with Image.open(image) as page:
            assert page.size == pytest.approx((413, 585), abs=2), image.name  # A4 at 50 dpi
            (spread,) = ImageStat.Stat(page.convert("L")).stddev
        assert spread > 10, f"{image.name} looks blank (grey-level spread {spread:.1f})"


def test_the_title_block_names_quarter_organisation_who_froze_it_and_the_checksum(
    frozen: tuple[Path, dict], report: Read
) -> None:
    _, snap = frozen
    first = flat(report.layout.split("\f")[0])
    organisation = next(u for u in snap["org_units"] if u["org_level"] == "organisatie")
    assert f"RvC-kwartaaloverzicht {snap['quarter']}" in first
    assert organisation["org_unit_name"] in first
    assert f"door {snap['created_by']}" in first
    assert f"vergeleken met {snap['previous_quarter']}" in first
    assert snap["sha256"][:12] in first and "klopt" in first
    assert "Integriteitsradar" in first
    head = snap["audit_head"]
    assert f"Auditlog (kop) {head['count']}:{head['mac']} – {head['count']} regels" in first
    assert "radar audit verify --head" in first


def test_a_snapshot_from_before_the_audit_head_still_renders(tmp_path: Path) -> None:
    """Captured with `radar snapshot` from the code before the head existed (format 1)."""
    home = tmp_path / "home"
    shutil.copytree(REPO / "tests" / "fixtures" / "snapshot_before_audit_head", home / "snapshots")
    snap = load_verified("2026-Q3", home)
    assert "audit_head" not in snap
    for lang, says in [
        ("nl", "Auditlog (kop) niet vastgelegd: deze momentopname is van vóór de sleutelketen"),
        ("en", "Audit log (head) not recorded: this snapshot predates the keyed chain"),
    ]:
        pdf = read_pdf(render_report(snap, lang=lang), tmp_path / lang)
        first = flat(pdf.layout.split("\f")[0])
        assert says in first and snap["sha256"][:12] in first
        assert pdf.pages > 1


def test_every_department_of_the_snapshot_is_named(frozen: tuple[Path, dict], report: Read) -> None:
    _, snap = frozen
    departments = [u["org_unit_name"] for u in snap["org_units"] if u["org_level"] == "afdeling"]
    assert departments
    for name in departments:
        assert name in report.raw, name


def test_dutch_letters_come_out_right(report: Read) -> None:
    assert "Financiën" in report.raw  # a department of the demo
    assert "privésfeer" in report.raw  # RF7
    assert "Financiële druk (privé)" in report.raw


def test_page_one_leads_with_the_three_sentences_the_counts_and_the_gap_chart(
    frozen: tuple[Path, dict], report: Read
) -> None:
    home, snap = frozen
    first = flat(FOOTER.sub("", report.layout.split("\f")[0]))
    raw_first = flat(FOOTER.sub("", run("pdftotext", "-raw", "-l", "1", report.path, "-")))
    lead = raw_first.index(f"De zekerheidskloof in {snap['quarter']}")
    said = sentences(snap)
    assert [raw_first.index(flat(text)) for text in said] == sorted(
        raw_first.index(flat(text)) for text in said
    )
    assert all(raw_first.index(flat(text)) > lead for text in said)
    # every red risk of the organisation is named on page one, its bar in the chart
    red = [
        r for r in snap["risk_scores"] if r["org_level"] == "organisatie" and r["level"] == "rood"
    ]
    assert red
    chart = raw_first[raw_first.index("De kloof per risico voor de organisatie als geheel") :]
    for row in red:
        assert row["risk_name_nl"] in said[0]
        gap = formats.number(row["assurance_gap"], "nl", signed=True)
        assert re.search(rf"(?<!\w){row['risk_id']} [^+]*?{re.escape(gap)}", chart), row["risk_id"]
    # the counts: the organisation's, as the mart says; the run-on text is gone
    up, down, new_red = organisation_counts(home, snap["quarter"])
    overdue = len(snap["overdue_controls"])
    assert f"{up} {down} {new_red} {overdue} Gestegen (organisatie) Gedaald (organisatie)" in (
        raw_first
    )
    assert "Dit overzicht vergelijkt" not in report.raw
    assert "Risicokaart" not in first


def test_the_gap_list_holds_every_risk_with_its_level(
    frozen: tuple[Path, dict], report: Read
) -> None:
    _, snap = frozen
    start = report.raw.index("Zekerheidskloof per risico, organisatie als geheel")
    gaps = report.raw[start : report.raw.index("Zekerheidskloof per risico en afdeling")]
    for risk in snap["risks"]:
        assert f"{risk['risk_id']} {risk['risk_name_nl']}" in gaps, risk["risk_id"]
    organisation = [r for r in snap["risk_scores"] if r["org_level"] == "organisatie"]
    levels = yaml.safe_load((REPO / "risks" / "settings.yaml").read_text())["levels"]
    for level in {r["level"] for r in organisation if r["level"]}:
        assert levels[level]["nl"] in gaps
    largest = max(organisation, key=lambda r: r["assurance_gap"] or float("-inf"))
    first_row = gaps[gaps.index("Rood bij afdeling") :]
    assert first_row.split(" ", 3)[3].startswith(largest["risk_id"]), "largest gap first"


def test_the_counts_head_tables_of_exactly_that_many_rows_at_organisation_level(
    home: Path, tmp_path: Path
) -> None:
    """'Gestegen (n)' heads n rows, the organisation's; what moved in a department only is
    in the table per department, which says that it is not counted. Read from the report
    of the newest quarter in which a department moved on its own."""
    quarter = quarter_with_department_moves(home)
    take_snapshot(quarter, actor="Risicomanager", home=home)
    snap = load_snapshot(quarter, home)
    report = read_pdf(render_report(snap), tmp_path / "pdf")
    up, down, new_red = organisation_counts(home, snap["quarter"])
    changes = report.raw[report.raw.index("Veranderingen sinds") :]
    departments = changes.index("Veranderingen per afdeling sinds")
    organisation, per_department = changes[:departments], changes[departments:]
    assert f"Gestegen ({up})" in organisation
    assert f"Gedaald ({down})" in organisation
    assert f"Nieuw rood ({new_red})" in organisation
    moved = headline.movements(snap["changes"])
    assert (len(moved.up), len(moved.down), len(moved.new_red)) == (up, down, new_red)
    heads = ["Gestegen", "Gedaald", "Nieuw rood", None]
    for rows, head, following in zip(
        (moved.up, moved.down, moved.new_red), heads[:3], heads[1:], strict=True
    ):
        start = organisation.index(f"{head} (")
        block = organisation[start : organisation.index(f"{following} (") if following else None]
        assert block.count(" Was Nu ") == (1 if rows else 0)
        named = {r["risk_id"] for r in snap["risks"] if f" {r['risk_name_nl']} " in block}
        assert named == {r["risk_id"] for r in rows}, head  # those rows, no other
        assert ("Geen." in block) is (not rows)
    assert "tellen niet mee in de aantallen van pagina 1" in per_department
    department_rows = [
        r
        for r in snap["changes"]
        if r["org_level"] == "afdeling"
        and (r["direction"] in ("omhoog", "omlaag") or r["is_new_red"])
    ]
    assert department_rows, "the demo has departments that moved on their own"
    for row in department_rows:
        assert f"{row['risk_name_nl']} {row['org_unit_name']}" in per_department, row


def test_department_cells_show_the_gap_coloured_by_its_own_level(
    frozen: tuple[Path, dict], tmp_path: Path
) -> None:
    """In the risks x departments table each cell's number is the signed gap and its fill
    the level of that gap: every red cell's gap is larger than every amber one's, and
    those larger than every green one's; a dash has no fill."""
    from pipelines.reports.pdf import LEVEL_FILL, _Report

    _, snap = frozen
    report = _Report(snap, "nl")
    section = report.departments_section()
    table = section[-1]
    fills = {
        (cmd[1][0], cmd[1][1]): cmd[3].hexval()[2:].lower()
        for cmd in table._bkgrndcmds
        if cmd[0] == "BACKGROUND" and cmd[1] == cmd[2] and cmd[1][1] > 0
    }
    by_level: dict[str, list[float]] = {"groen": [], "oranje": [], "rood": []}
    colour_level = {v.lstrip("#").lower(): k for k, v in LEVEL_FILL.items()}
    for r, row in enumerate(table._cellvalues[1:], start=1):
        for c, cell in enumerate(row[1:], start=1):
            text = cell.text if hasattr(cell, "text") else str(cell)
            fill = fills.get((c, r))
            if text in ("–", "onvoldoende gegevens"):
                assert fill is None, (r, c, text)
                continue
            assert fill is not None, (r, c, text)
            by_level[colour_level[fill]].append(float(text.replace(",", ".")))
    assert all(by_level.values())
    assert min(by_level["rood"]) > max(by_level["oranje"])
    assert min(by_level["oranje"]) > max(by_level["groen"])


def test_the_overdue_controls_are_listed_as_of_the_build_day(
    frozen: tuple[Path, dict], report: Read
) -> None:
    _, snap = frozen
    assert snap["overdue_controls"]
    year, month, day = snap["overdue_as_of"].split("-")
    as_of = f"{day}-{month}-{year}"  # dd-mm-jjjj
    assert f"Beheersmaatregelen niet op tijd beoordeeld (stand op {as_of})" in report.raw
    overdue = report.raw[report.raw.index("Beheersmaatregelen niet op tijd beoordeeld") :]
    for row in snap["overdue_controls"]:
        assert flat(row["text_nl"]) in overdue, row["control_measure_id"]
        y, m, d = row["next_review_on"].split("-")
        assert f"{d}-{m}-{y}" in overdue, row["control_measure_id"]


def test_the_trends_and_the_map_are_there_for_every_red_flag(
    frozen: tuple[Path, dict], report: Read
) -> None:
    _, snap = frozen
    trends = report.raw[report.raw.index("Trend van de rode vlaggen") :]
    for risk in snap["risks"]:
        if risk["category"] == "red_flag":
            assert f"{risk['risk_id']} {risk['risk_name_nl']}" in trends
    assert snap["previous_quarter"] in trends and snap["quarter"] in trends
    assert "Risicokaart" in report.raw and "Kans" in report.raw and "Impact" in report.raw


def test_no_team_is_named_anywhere(frozen: tuple[Path, dict], report: Read) -> None:
    """A team name in the PDF would mean a drill-down below department level.

    Some team names are also other words the report rightly uses: a department name
    ("Bestuursbureau"), a word in one ("Control" in "Financiën & Control"), an owner role
    ("HR") or a word in a measure's text. Those are left out; the rest must not appear.
    """
    home, snap = frozen
    teams = {
        r[0]
        for r in query(home, "select org_unit_name from dim_org_units where org_level = 'team'")
    }
    allowed = json.dumps(snap, ensure_ascii=False) + REPORT_FILE.read_text("utf-8")
    allowed += (TEXTS_DIR / "common.yaml").read_text("utf-8")

    def named(name: str, text: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None

    checked = sorted(name for name in teams if not named(name, allowed))
    assert len(checked) >= len(teams) / 2, f"too few team names to check: {checked}"
    assert not [name for name in checked if named(name, report.raw)]
    assert not [name for name in checked if named(name, flat(report.layout))]


def test_the_same_snapshot_always_gives_the_same_bytes(frozen: tuple[Path, dict]) -> None:
    _, snap = frozen
    assert render_report(snap) == render_report(snap)


def test_the_english_report_leads_with_the_english_sentences(
    frozen: tuple[Path, dict], tmp_path: Path
) -> None:
    _, snap = frozen
    english = read_pdf(render_report(snap, lang="en"), tmp_path)
    assert f"Board quarterly overview {snap['quarter']}" in english.raw
    assert f"Page 1 of {english.pages}" in english.layout
    for sentence in sentences(snap, "en"):
        assert flat(sentence) in english.raw, sentence[:80]
    assert "Up (organisation)" in english.raw


def test_the_first_quarter_claims_no_change(home: Path, tmp_path: Path) -> None:
    first = quarters(home)[0]
    take_snapshot(first, actor="Risicomanager", home=home)
    snap = load_snapshot(first, home)
    assert not snap["has_previous_quarter"]
    pdf = read_pdf(render_report(snap), tmp_path / "pdf")
    assert f"Op rood in {first}" in pdf.raw
    assert "Gestegen (organisatie)" not in pdf.raw and "Veranderingen sinds" not in pdf.raw
    assert "Rood (organisatie)" in pdf.raw
    for sentence in sentences(snap):
        assert flat(sentence) in pdf.raw
    assert "Er is geen vorig kwartaal" in pdf.raw


def test_trends_and_data_quality_fields_are_used_when_the_snapshot_holds_them(
    frozen: tuple[Path, dict], tmp_path: Path
) -> None:
    """The fields a later snapshot format may add: every quarter of the red flags, and the
    data-quality marts. Here they are read straight from the demo warehouse and re-hashed."""
    home, snap = frozen
    trends = records(
        home,
        "select s.risk_id, s.org_unit_id, s.org_level, s.period, s.observed_likelihood, "
        "s.suppressed from report_risk_scores s join dim_risks r using (risk_id) "
        "where s.period_type = 'quarter' and r.category = 'red_flag' "
        f"and s.org_level in ('organisatie', 'afdeling') and s.period <= '{snap['quarter']}'",
    )
    freshness = records(home, "select * from report_data_freshness")
    content = {k: v for k, v in snap.items() if k not in ("path", "verified", "sha256")}
    content |= {
        "red_flag_trends": trends,
        "data_freshness": freshness,
        "ingest_summary": [{"dataset": "survey_responses", "rows_quarantined": 5}],
    }
    content["sha256"] = content_hash(content)
    pdf = read_pdf(render_report(content), tmp_path)
    assert "een langere reeks staat er (nog) niet in" not in pdf.raw
    trend_text = pdf.raw[pdf.raw.index("Trend van de rode vlaggen") :]
    assert quarters(home)[0] in trend_text
    assert "Medewerkersonderzoek" in pdf.raw and "In quarantaine" in pdf.raw
    assert "legt deze momentopname niets vast" not in pdf.raw


# ---------------------------------------------------------------- refusals


def test_a_tampered_snapshot_is_refused(home: Path) -> None:
    quarter = quarters(home)[-1]
    path = home / "snapshots" / f"{quarter}.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["summary"]["counts"]["new_red"] = 0
    path.chmod(0o644)
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    with pytest.raises(ReportError, match="na het vastleggen gewijzigd"):
        render_report(load_snapshot(quarter, home))
    with pytest.raises(ReportError, match="controlegetal klopt niet"):
        render_report(doc)  # the frozen dict itself, without load_snapshot's verdict


def test_a_snapshot_renamed_to_another_quarter_is_refused(home: Path) -> None:
    newest, other = quarters(home)[-1], quarters(home)[-2]
    shutil.copy(home / "snapshots" / f"{newest}.json", home / "snapshots" / f"{other}.json")
    with pytest.raises(ReportError, match=f"hoort bij kwartaal {newest}, niet bij {other}"):
        render_report(load_snapshot(other, home))


# ---------------------------------------------------------------- radar report


def test_radar_report_writes_the_pdf_and_exits_0(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quarter = quarters(home)[-1]
    out = tmp_path / "out" / f"rvc-{quarter}.pdf"
    out.parent.mkdir()
    assert radar_report(quarter, "--out", str(out)) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert out.read_bytes() == render_report(load_snapshot(quarter, home))
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left
    assert str(out) in capsys.readouterr().out
    assert radar_report(quarter, "--out", str(out), "--lang", "en") == 0  # replaces it
    assert "Board quarterly overview" in run("pdftotext", out, "-")


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("no_snapshot", "maak die eerst met `radar snapshot {earlier}`"),
        ("bad_quarter", "ongeldig kwartaal '2026-Q5'"),
        ("tampered", "na het vastleggen gewijzigd"),
        ("missing_folder", "bestaat niet"),
        ("folder", "dat is een map"),
        ("parent_is_a_file", "is geen map"),
    ],
)
def test_radar_report_exits_1_with_a_dutch_reason_and_writes_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, message: str
) -> None:
    newest, earlier = quarters(home)[-1], quarters(home)[-2]
    quarter, out = newest, tmp_path / "report.pdf"
    if case == "no_snapshot":
        quarter = earlier
    elif case == "bad_quarter":
        quarter = "2026-Q5"
    elif case == "tampered":
        path = home / "snapshots" / f"{newest}.json"
        path.chmod(0o644)
        path.write_text(path.read_text("utf-8").replace(newest, newest + " ", 1), "utf-8")
    elif case == "missing_folder":
        out = tmp_path / "nowhere" / "report.pdf"
    elif case == "folder":
        out = tmp_path
    elif case == "parent_is_a_file":
        (tmp_path / "file").write_text("x")
        out = tmp_path / "file" / "report.pdf"
    before = sorted(tmp_path.rglob("*"))
    assert radar_report(quarter, "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert err.startswith("radar: ") and message.format(earlier=earlier) in err
    assert sorted(tmp_path.rglob("*")) == before  # no PDF, no temporary file


def test_a_failed_write_leaves_the_old_file_and_no_half_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the previous report")

    def broken_rename(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_rename)
    with pytest.raises(ReportError, match="kan .* niet schrijven: No space left on device"):
        write_atomically(out, b"%PDF-1.4 new")
    assert out.read_bytes() == b"the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


# ---------------------------------------------------------------- user text is text

MARKUP = (
    '<a href="https://evil.example/x">klik</a> <img src="https://evil.example/t.png"/> '
    "<b>vet</b> **ster** [link](https://evil.example)"
)


def test_text_a_user_typed_is_printed_as_typed_never_as_markup(
    frozen: tuple[Path, dict], tmp_path: Path
) -> None:
    """A measure text and the name of whoever froze the snapshot, with reportlab's own
    markup (links, images, bold) and Markdown in them: the PDF shows the characters, holds
    no link annotation and fetches no image."""
    _, snap = frozen
    content = {k: v for k, v in snap.items() if k not in ("path", "verified", "sha256")}
    content = json.loads(json.dumps(content))
    content["created_by"] = MARKUP
    assert content["overdue_controls"], "the demo snapshot has no overdue control to print"
    for control in content["overdue_controls"]:
        control["text_nl"] = MARKUP
    content["sha256"] = content_hash(content)
    data = render_report(content)
    pdf = read_pdf(data, tmp_path)
    assert b"/URI" not in data and b"/Link" not in data
    # the charts are the only images: as many as in the PDF of the untouched snapshot
    assert data.count(b"/Subtype /Image") == render_report(snap).count(b"/Subtype /Image")
    assert '<a href="https://evil.example/x">klik</a>' in pdf.raw
    assert "<b>vet</b> **ster** [link](https://evil.example)" in pdf.raw


# ---------------------------------------------------------------- the scoring method


def test_the_pdf_names_its_method_and_says_onvoldoende_gegevens(
    frozen: tuple[Path, dict], report: Read
) -> None:
    _, snap = frozen
    first = flat(report.layout.split("\f")[0])
    assert "Rekenmethode de huidige: elke indicator getoetst tegen de organisatie" in first
    short = [r for r in snap["risk_scores"] if r["score_rule"] == "onvoldoende_gegevens"]
    assert short
    assert f'{len(short)} scores staan er als "onvoldoende gegevens"' in report.raw
    assert "None" not in report.raw
    start = report.raw.index("Zekerheidskloof per risico, organisatie als geheel")
    gaps = report.raw[start : report.raw.index("Zekerheidskloof per risico en afdeling")]
    assert "Dekking" in gaps
    organisation = {r["risk_id"]: r for r in snap["risk_scores"] if r["org_level"] == "organisatie"}
    for risk_id, row in organisation.items():
        if not row["suppressed"]:
            assert f"{round(100 * row['coverage'])} %" in gaps, risk_id


def test_a_score_of_the_organisation_without_enough_evidence_is_named_in_the_gap_list(
    frozen: tuple[Path, dict], tmp_path: Path
) -> None:
    """The demo's organisation has a score for every risk; a snapshot where one has too
    little evidence (made so, and rehashed) shows the words in the level column and
    under the map."""
    _, snap = frozen
    scores = [dict(r) for r in snap["risk_scores"]]
    row = next(r for r in scores if r["org_level"] == "organisatie")
    row.update(
        observed_likelihood=None,
        observed_score=None,
        assurance_gap=None,
        level=None,
        exceeds_appetite=None,
        score_rule="onvoldoende_gegevens",
        coverage=0.25,
    )
    content = {k: v for k, v in snap.items() if k not in ("path", "verified")}
    content["risk_scores"] = scores
    content["sha256"] = content_hash(content)
    pdf = read_pdf(render_report(content), tmp_path)
    gaps = pdf.raw[pdf.raw.index("Zekerheidskloof per risico, organisatie als geheel") :]
    line = gaps[gaps.index(f"{row['risk_id']} {row['risk_name_nl']}") :][:200]
    assert "onvoldoende gegevens" in line and "25 %" in line
    assert (
        f"Zonder stip, want onvoldoende gegevens voor de organisatie: {row['risk_id']}." in pdf.raw
    )
    english = read_pdf(render_report(content, lang="en"), tmp_path / "en")
    assert "No dot, as there is insufficient data for the organisation" in english.raw


def test_a_snapshot_from_before_the_scoring_method_renders_and_says_so(tmp_path: Path) -> None:
    """The fixture of tests/test_snapshot.py, taken by the code of commit 54d045c."""
    home = tmp_path / "home"
    shutil.copytree(
        REPO / "tests" / "fixtures" / "snapshot_before_scoring_method", home / "snapshots"
    )
    snap = load_verified("2026-Q3", home)
    assert "scoring_method" not in snap
    for lang, says in [
        ("nl", "Rekenmethode de oudere: afwijkingen tegen funnelgrenzen"),
        ("en", "Scoring method the older one: outliers against funnel limits"),
    ]:
        pdf = read_pdf(render_report(snap, lang=lang), tmp_path / lang)
        first = flat(pdf.layout.split("\f")[0])
        assert says in first and snap["sha256"][:12] in first
        assert "Dekking" not in pdf.raw and "Coverage" not in pdf.raw
        assert pdf.pages > 1


def _arrows(snap: dict) -> dict[str, tuple[float, float, str]]:
    """Per risk on the PDF's map: (ring x, dot x, dot colour), read from the drawing."""
    from reportlab.graphics.shapes import Circle, String

    from pipelines.reports.pdf import _Report

    rep = _Report(snap, "nl")
    drawing = rep.heatmap(rep.map_rows(), [lim for lim, _ in rep.appetite_limits()])
    shapes = drawing.contents
    rings = [s for s in shapes if isinstance(s, Circle) and s.fillColor is None and s.r == 2.6]
    dots = [s for s in shapes if isinstance(s, Circle) and s.fillColor is not None and s.r == 1.8]
    labels = [s for s in shapes if isinstance(s, String) and s.fontSize == 5.8]
    out = {}
    for label in labels:
        ring = min(rings, key=lambda c: abs(c.cy - (label.y + 2)))
        row = [d for d in dots if abs(d.cy - ring.cy) < 1e-6]
        out[label.text] = (
            ring.cx,
            row[0].cx if row else None,
            row[0].fillColor.hexval() if row else None,
        )
    return out


@pytest.mark.parametrize("older", [False, True])
def test_the_pdf_maps_arrows_run_from_the_registers_expected_position_to_the_data(
    frozen: tuple[Path, dict], older: bool
) -> None:
    """As on the Overzicht: the ring where the register expects the risk after its
    measures, the dot where the data puts it, right of the ring exactly when the gap is
    positive, in the gap level's colour. A snapshot from before expected_likelihood was
    frozen places the ring at its expected residual over the impact: the same place."""
    from pipelines.core.riskmap import LEVEL_INK

    _, snap = frozen
    if older:
        snap = json.loads(json.dumps(snap))
        for row in snap["risk_scores"]:
            row.pop("expected_likelihood", None)
    drawn = _arrows(snap)
    org = {r["risk_id"]: r for r in snap["risk_scores"] if r["org_level"] == "organisatie"}
    assert set(drawn) == set(org)
    scale = {}
    for risk_id, (ring, dot, colour) in drawn.items():
        row = org[risk_id]
        if dot is None:
            assert row["observed_likelihood"] is None or row["suppressed"]
            continue
        if abs(row["assurance_gap"]) > 0.3:
            assert (dot > ring) == (row["assurance_gap"] > 0), risk_id
        assert colour.lower().endswith(LEVEL_INK[row["level"]].lstrip("#").lower())
        # one scale for every risk: the dot-ring distance is proportional to gap / impact
        impact = row["observed_score"] / row["observed_likelihood"]
        if abs(row["assurance_gap"]) > 0.5:
            scale[risk_id] = (dot - ring) / (row["assurance_gap"] / impact)
    assert len(scale) >= 5
    values = list(scale.values())
    assert max(values) == pytest.approx(min(values), rel=1e-6)


def test_a_snapshot_of_scoring_method_2_renders_and_names_that_method(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Taken by code whose SCORING_METHOD was 2: page one says which older method."""
    import pipelines.reports.snapshot as snapshot_module

    quarter = quarters(home)[-2]  # the newest is frozen already (module fixture)
    with monkeypatch.context() as m:
        m.setattr(snapshot_module, "SCORING_METHOD", 2)
        take_snapshot(quarter, actor="Risicomanager", home=home)
    snap = load_verified(quarter, home)
    pdf = read_pdf(render_report(snap, lang="nl"), tmp_path / "nl")
    first = flat(pdf.layout.split("\f")[0])
    assert "Rekenmethode een oudere: een eenheid niet voorbij haar waarschuwingsgrens" in first
    assert "funnelgrenzen" not in first
