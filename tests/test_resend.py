"""A re-sent export after a newer one (helper-190 D8): the same content is not read
again, so the newer export keeps counting for the keys both hold. The skip says so, with
the way out, when the file was written after its ingest (saved, copied or downloaded
again); a folder read again (its files as they were) says nothing more than before."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pipelines.cli.main import main
from tests.readers import reading
from tests.test_ingest import ORG, SURVEY_HEADER, run, write
from tests.test_ingest_failed_files import ALLOCATION_HEADER, allocation
from tests.test_org_parent_and_top import ORG_HEADER as HEADER
from tests.test_org_parent_and_top import empty

__all__ = ["empty"]  # a RADAR_HOME with nothing in it yet (fixture)

UNITS = "WH;Woonstichting;;organisatie\nVH;Verhuur;WH;afdeling\nVG;Vastgoed;WH;afdeling\n"


def ingested_at(home: Path, path: Path) -> float:
    """When the first load of ``path`` was ingested, as a POSIX timestamp: its UTC
    moment (ingested_utc), else ingested_at as a log from before that was kept holds it,
    the machine's wall-clock time (loads.written_since)."""
    sql = (
        "select ingested_utc, ingested_at from ingest_log where source_file = ? "
        "order by ingested_at limit 1"
    )
    with reading(str(home / "warehouse.duckdb")) as con:
        utc, machine = con.execute(sql, [str(path)]).fetchall()[0]
    return utc.replace(tzinfo=dt.UTC).timestamp() if utc else machine.timestamp()


def code_of(home: Path, path: Path) -> str:
    """The content code (12 characters) of the newest load of ``path``."""
    sql = "select content_hash from ingest_log where source_file = ? order by ingested_at desc"
    with reading(str(home / "warehouse.duckdb")) as con:
        return con.execute(sql, [str(path)]).fetchall()[0][0][:12]


def resent(home: Path, path: Path, seconds: float) -> str:
    """``path`` ingested again, written ``seconds`` after its first ingest: its summary."""
    at = ingested_at(home, path) + seconds
    os.utime(path, (at, at))
    [result] = run(home, path)
    assert result.skipped
    return result.summary()


def test_a_resent_export_is_told_which_newer_export_counts_and_the_way_out(
    empty: Path, tmp_path: Path
) -> None:
    home = empty
    first = write(tmp_path / "a" / "org_units.csv", HEADER + UNITS)
    wrong = write(tmp_path / "b" / "org_units.csv", HEADER + UNITS.replace("Verhuur", "Fout"))
    run(home, first)
    run(home, wrong)
    # a folder read again: the file as it was at its ingest, nothing more said
    assert resent(home, first, -1) == f"{first}: al ingelezen (zelfde inhoud), niets gewijzigd"
    said = resent(home, first, 1)  # written again since: a re-send
    assert said.startswith(f"{first}: al ingelezen (zelfde inhoud), niets gewijzigd\n  let op: ")
    assert "3 sleutel(s) of rij(en) van deze export tellen nu uit nieuwere exports" in said
    code = code_of(home, wrong)
    assert f"(bestand: aantal, inhoud-code): {wrong}: 3, {code}; daar telt" in said
    assert f"trek ze dan in (radar withdraw {code} --by NAAM)" in said
    # the newest of the dataset (nothing after it): nothing more said
    assert "let op" not in resent(home, wrong, 1)
    # the wrong one withdrawn: the re-send counts again, nothing to say
    assert main(["withdraw", str(wrong), "--by", "R. de Vries"]) == 0
    assert "let op" not in resent(home, first, 2)


def test_a_newer_export_without_any_of_its_keys_is_not_named(empty: Path, tmp_path: Path) -> None:
    home = empty
    first = write(tmp_path / "a" / "org_units.csv", HEADER + UNITS)
    other = write(tmp_path / "b" / "org_units.csv", HEADER + "XX;Elders;;organisatie\n")
    run(home, first)
    run(home, other)
    assert "let op" not in resent(home, first, 1)


def test_every_newer_export_its_keys_count_from_is_named_by_its_code(
    empty: Path, tmp_path: Path
) -> None:
    """helper-194: only the newest export holding any of its keys was named (1 key of C,
    while 2 counted from B), and a wrong export saved over the good one under the same
    name was named by that name, which fits two loads: the advice withdrew the good one."""
    home = empty
    rows = [allocation(n) for n in (1, 2, 3)]
    first = write(tmp_path / "a" / "toewijzing.csv", ALLOCATION_HEADER + "".join(rows))
    urgent = "".join(r.replace("regulier", "urgentie") for r in rows)
    wrong = write(tmp_path / "b" / "toewijzing.csv", ALLOCATION_HEADER + urgent)
    one = write(tmp_path / "c" / "toewijzing.csv", ALLOCATION_HEADER + allocation(3, "maatwerk"))
    for path in (first, wrong, one):
        run(home, path)
    said = resent(home, first, 1)
    b, c = code_of(home, wrong), code_of(home, one)
    assert "3 sleutel(s) of rij(en)" in said
    assert f": {wrong}: 2, {b}; {one}: 1, {c}; daar telt" in said
    assert f"(radar withdraw {b} {c} --by NAAM)" in said
    # the good one saved over by a wrong one under its own name, then saved back
    same = tmp_path / "export" / "org_units.csv"
    write(same, HEADER + UNITS)
    run(home, same)
    good = code_of(home, same)
    write(same, HEADER + UNITS.replace("Vastgoed", "Fout"))
    run(home, same)
    bad = code_of(home, same)
    write(same, HEADER + UNITS)
    [result] = run(home, same)  # the same bytes as its first load: skipped, said
    assert result.skipped
    assert f": {same}: 3, {bad}; daar telt" in result.summary()
    assert good not in result.summary()


def test_a_register_without_record_ids_under_covers_is_told_too(
    empty: Path, tmp_path: Path
) -> None:
    """helper-194: a register's re-send (covers: all, no record_id) after a wrong
    correction was skipped unsaid: it has no keys, its rows are replaced by period."""
    home = empty
    mapping = "dataset: side_jobs\nfiles: ['nevenwerk*.csv']\ncovers: all\n"
    header = (
        "employee_key;registered_on;started_on;approved_on;sector;involves_tenant_or_relation\n"
    )
    rows = "".join(f"1{i:05d};{i:02d}-01-2026;;{i:02d}-01-2026;Sport;nee\n" for i in range(1, 21))
    first = write(tmp_path / "a" / "nevenwerk.csv", header + rows)
    write(tmp_path / "a" / "nevenwerk.mapping.yaml", mapping)
    wrong = write(tmp_path / "b" / "nevenwerk.csv", header + rows.replace(";nee\n", ";ja\n"))
    write(tmp_path / "b" / "nevenwerk.mapping.yaml", mapping)
    run(home, first.parent)
    run(home, wrong.parent)
    at = ingested_at(home, first) + 1
    os.utime(first, (at, at))
    [result] = run(home, first.parent)
    assert "20 sleutel(s) of rij(en) van deze export tellen nu uit nieuwere exports" in (
        result.summary()
    )
    assert f": {wrong}: 20, {code_of(home, wrong)}; daar telt" in result.summary()


def test_a_survey_wave_a_covering_export_replaced_is_counted_whole(
    empty: Path, tmp_path: Path
) -> None:
    """helper-195: under covers: wave a newer export replaces a wave and unit whole; the
    re-send of the older one was told 8 of its 12 answers counted elsewhere (the four the
    newer one also has), or nothing when that one numbered its respondents otherwise,
    while none of the 12 counted."""
    home = empty
    run(home, write(tmp_path / "org" / "org_units.csv", ORG))
    mapping = "dataset: survey_responses\nfiles: ['enquete*.csv']\ncovers: wave\n"
    rows = [f"R{r};16-03-2026;VH-N;{item};4\n" for r in range(1, 7) for item in ("CLA1", "CLA2")]
    first = write(tmp_path / "a" / "enquete.csv", SURVEY_HEADER + "".join(rows))
    write(tmp_path / "a" / "enquete.mapping.yaml", mapping)
    for folder, newer in (("b", rows[:8]), ("c", [r.replace("R", "X") for r in rows[:8]])):
        write(tmp_path / folder / "enquete.csv", SURVEY_HEADER + "".join(newer))
        write(tmp_path / folder / "enquete.mapping.yaml", mapping)
    run(home, first.parent)
    run(home, tmp_path / "b")
    at = ingested_at(home, first) + 1
    os.utime(first, (at, at))
    [result] = run(home, first.parent)
    b = tmp_path / "b" / "enquete.csv"
    assert "12 sleutel(s) of rij(en)" in result.summary()
    assert f": {b}: 12, {code_of(home, b)}; daar telt" in result.summary()
    run(home, tmp_path / "c")  # newer still, its respondents numbered otherwise
    [result] = run(home, first.parent)
    c = tmp_path / "c" / "enquete.csv"
    assert f": {c}: 12, {code_of(home, c)}; daar telt" in result.summary()
