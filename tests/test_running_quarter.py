"""A period still running is never published (helper-275, High): with the quarter shown
from July and August, and a month later from July to September, the difference of the
two published figures was September's alone, and a team's one respondent in September
gave their answers away. The attacker here is the monthly reader: two builds of one
organisation a month apart, every published cell of one held against the other's.

The organisation is no demo: a department with a head of its own and teams of k, k-1
and 8 (one of whom moves mid-year), a department without own members, and a continuous
survey in which everyone answers once a quarter, in a month of their own, so a team's
month often holds one respondent."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from pipelines.build.builder import build
from pipelines.core.catalogue import Catalogue, load_catalogue
from pipelines.ingest import loads
from tests.conftest import home_copy, home_template
from tests.readers import reading

UNITS = [
    ("WH", "Woonstichting Elders", "", "organisatie"),
    ("D1", "Afdeling Een", "WH", "afdeling"),
    ("A", "Team A", "D1", "team"),
    ("B", "Team B", "D1", "team"),
    ("C", "Team C", "D1", "team"),
    ("D2", "Afdeling Twee", "WH", "afdeling"),
    ("E", "Team E", "D2", "team"),
    ("F", "Team F", "D2", "team"),
]
SIZES = {"A": 5, "B": 4, "C": 8, "E": 5, "F": 7}  # k = 5: a team of k and one of k-1
ITEMS = [
    f"{c}{i}" for c in ("CLA", "CSU", "CMA", "FEA", "SUP", "TRA", "DIS", "SAN") for i in (1, 2, 3)
]
EMPLOYEE_HEADER = (
    "employee_key;snapshot_month;org_unit;manager_key;job_title;is_manager;fte;hire_date;"
    "role_start_date;sick_days;overtime_hours;leave_days;longest_leave_block_days_12m;"
    "exit_date;exit_reason"
)


def people() -> list[tuple[str, str, str, str]]:
    """(key, unit, manager, is_manager): a head of D1 placed in D1 itself, D2's in E."""
    found = [("900001", "WH", "", "ja"), ("900002", "D1", "900001", "ja")]
    found.append(("900003", "E", "900001", "ja"))
    key = 900010
    for team, size in SIZES.items():
        for _ in range(size):
            found.append((str(key), team, "900002" if team in "ABC" else "900003", "nee"))
            key += 1
    return found


def months(last: str) -> list[str]:
    out, year, month = [], 2025, 1
    while f"{year}-{month:02d}" <= last:
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def write_exports(folder: Path, last: str) -> Path:
    """The organisation's exports from 2025-01 up to ``last``, as a month's run writes
    them: year to date, the same rows for every month before."""
    folder.mkdir(parents=True, exist_ok=True)
    org = "org_unit;name;parent_unit;level\n" + "".join(";".join(u) + "\n" for u in UNITS)
    (folder / "org_units.csv").write_text(org, encoding="utf-8")
    staff = people()
    mover = next(p[0] for p in staff if p[1] == "C")
    hr, survey = [EMPLOYEE_HEADER], ["respondent_key;wave_date;org_unit;item_code;answer"]
    for month in months(last):
        for key, unit, manager, is_manager in staff:
            unit = "A" if key == mover and month >= "2025-08" else unit
            title = "Afdelingshoofd" if is_manager == "ja" and key != "900001" else "Medewerker"
            hr.append(
                f"{key};{month};{unit};{manager};{title};{is_manager};1,0;01-01-2015;"
                "01-01-2020;0;0;1;10;;"
            )
            if (int(month[5:]) - 1) % 3 != int(key) % 3:  # one month a quarter, their own
                continue
            answers = random.Random(f"{key}{month}")
            for item in ITEMS:
                survey.append(
                    f"R{key};15-{month[5:]}-{month[:4]};{unit};{item};{answers.randint(1, 5)}"
                )
    (folder / "employees.csv").write_text("\n".join(hr) + "\n", encoding="utf-8")
    (folder / "survey.csv").write_text("\n".join(survey) + "\n", encoding="utf-8")
    mapping = 'dataset: survey_responses\nfiles: ["survey*.csv"]\ncolumns: {}\n'
    (folder / "survey.mapping.yaml").write_text(mapping, encoding="utf-8")
    return folder


def months_published() -> Catalogue:
    """The catalogue with privacy.publish_months on: months are published periods too."""
    cat = load_catalogue()
    privacy = cat.settings.privacy.model_copy(update={"publish_months": True})
    settings = cat.settings.model_copy(update={"privacy": privacy})
    return cat.model_copy(update={"settings": settings})


def read_on(
    home: Path, folder: Path, moment: dt.datetime, monkeypatch, catalogue: Catalogue | None = None
) -> None:
    """`radar ingest` of ``folder`` as if it ran at ``moment`` (the ingest log's
    ingested_at: when the exports were read in)."""
    with monkeypatch.context() as patch:
        # the ingest's clock (loads.next_moment: clock.now_here, Dutch time) alone
        patch.setattr(loads, "now_here", lambda: moment)
        result = build(
            path=home / "warehouse.duckdb", inputs=[folder], only_new=True, catalogue=catalogue
        )
    assert [f.error for f in result.files if f.error] == []
    assert result.rebuilt


def shown(warehouse: Path) -> dict[tuple, tuple]:
    """Every published indicator cell with its figures (report_indicators: what pages,
    the BI export and the snapshots read)."""
    with reading(str(warehouse)) as con:
        rows = con.execute(
            "select indicator_id, period_type, period, org_unit_id, numerator, denominator, "
            "n, value, mean_score from report_indicators where not suppressed"
        ).fetchall()
    return {row[:4]: row[4:] for row in rows}


def quarters(warehouse: Path, mart: str) -> set[str]:
    with reading(str(warehouse)) as con:
        where = "where period_type = 'quarter'" if mart == "report_indicators" else ""
        return {
            row[0] for row in con.execute(f"select distinct period from {mart} {where}").fetchall()
        }


@pytest.fixture(scope="module")
def august(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exports up to August read in on 5 September (2025-Q3 is running), and the
    next month's exports up to September beside them (sep/), not read yet."""

    def make(root: Path) -> None:
        write_exports(root / "aug", "2025-08")
        write_exports(root / "sep", "2025-09")
        with pytest.MonkeyPatch.context() as patch:
            read_on(root / "home", root / "aug", dt.datetime(2025, 9, 5, 9), patch)

    return home_template(tmp_path_factory.mktemp("running"), make)


def test_a_quarter_read_before_its_end_is_published_nowhere(august: Path) -> None:
    warehouse = august / "home" / "warehouse.duckdb"
    for mart in ("report_indicators", "report_risk_scores", "report_risk_changes"):
        found = quarters(warehouse, mart)
        assert "2025-Q2" in found, mart
        assert "2025-Q3" not in found, mart
    # the register's state of its controls (RF5), as of the build, in the newest quarter
    # that has ended, not in the running one, where it would be shown nowhere
    controls = {key[2] for key in shown(warehouse) if key[0].startswith("KRI-REG-CTRL-")}
    assert controls == {"2025-Q2"}


@pytest.mark.parametrize(
    ("moment", "published"),
    [
        (dt.datetime(2025, 9, 30, 23, 59), False),  # the quarter's last day: still running
        (dt.datetime(2025, 10, 1, 0, 1), True),  # the day after: ended
    ],
)
def test_the_next_months_build_revises_no_published_figure(
    august: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment, published
) -> None:
    home = home_copy(august, tmp_path, monkeypatch)
    before = shown(home / "warehouse.duckdb")
    read_on(home, tmp_path / "sep", moment, monkeypatch)
    after = shown(home / "warehouse.duckdb")
    assert ("2025-Q3" in {key[2] for key in after}) is published
    # the attacker's subtraction: a cell shown in both builds is the same in both
    revised = {key: (before[key], after[key]) for key in before.keys() & after.keys()}
    assert {k: v for k, v in revised.items() if v[0] != v[1]} == {}
    assert len(revised) > 100


def test_each_dataset_waits_for_its_own_export(
    august: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The HR export up to September read in on 3 October, the survey's still the one up
    to August read in on 5 September: the HR figures of 2025-Q3 are published, the
    survey's are not."""
    home = home_copy(august, tmp_path, monkeypatch)
    read_on(home, tmp_path / "sep" / "employees.csv", dt.datetime(2025, 10, 3, 9), monkeypatch)
    q3 = {key[0] for key in shown(home / "warehouse.duckdb") if key[2] == "2025-Q3"}
    assert any(i.startswith("KRI-HR-") for i in q3)
    assert not any(i.startswith("KRI-SV-") for i in q3)


def test_the_build_and_the_pages_say_which_quarter_waits_and_why(
    august: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Not shown is not lost: `radar build` says which quarter waits for which datasets,
    and so do the overview and Datakwaliteit (the same text, locale common.yaml)."""
    from pipelines.cli.main import main
    from tests.apphelpers import frame_with, run_app

    home_copy(august, tmp_path, monkeypatch)
    assert main(["build", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "nog niet getoond, het kwartaal liep nog toen de export werd ingelezen: " in err
    assert "2025-Q3 (Medewerkers" in err and "Medewerkersonderzoek)" in err

    at = run_app("data_quality.py")
    assert not at.exception
    [info] = [i.value for i in at.info if "Nog niet getoond" in i.value]
    assert "2025-Q3 (Medewerkers" in info
    fresh = frame_with(at, "Nog niet getoond")
    waiting = dict(zip(fresh["Dataset"], fresh["Nog niet getoond"], strict=True))
    assert waiting["Medewerkers (HR)"] == waiting["Medewerkersonderzoek"] == "2025-Q3"
    assert set(fresh["Nieuwste export ingelezen op"]) >= {"05-09-2025"}

    at = run_app("overview.py", role="dt")
    assert not at.exception
    assert any("2025-Q3 (Medewerkers" in i.value for i in at.info)


def test_nothing_waits_once_the_quarter_has_ended(
    august: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    home = home_copy(august, tmp_path, monkeypatch)
    read_on(home, tmp_path / "sep", dt.datetime(2025, 10, 1, 0, 1), monkeypatch)
    from pipelines.cli.main import main

    capsys.readouterr()
    assert main(["build", "--quiet"]) == 0
    assert "nog niet getoond" not in capsys.readouterr().err


def test_a_quarter_not_complete_in_every_dataset_is_not_frozen(
    august: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The RvC's snapshot is frozen for good: not of a quarter some dataset's export was
    read in before the end of (its figures are missing), and said which and until when."""
    from pipelines.reports.snapshot import QuarterNotEnded, take_snapshot

    home = home_copy(august, tmp_path, monkeypatch)
    read_on(home, tmp_path / "sep" / "employees.csv", dt.datetime(2025, 10, 3, 9), monkeypatch)
    with pytest.raises(QuarterNotEnded) as refused:
        take_snapshot("2025-Q3", actor="R. de Vries", home=home)
    said = str(refused.value)
    assert "2025-Q3 is nog niet compleet" in said and "survey_responses" in said
    assert "employees" not in said and "na 30-09-2025" in said
    assert not (home / "snapshots" / "2025-Q3.json").exists()
    # the survey's September read in after the quarter too: frozen
    read_on(home, tmp_path / "sep" / "survey.csv", dt.datetime(2025, 10, 3, 10), monkeypatch)
    assert take_snapshot("2025-Q3", actor="R. de Vries", home=home).exists()


def test_with_months_published_a_month_read_before_its_end_waits_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """privacy.publish_months on: the exports up to August read in on 20 August publish
    July, not August (its last eleven days were still to come) nor 2025-Q3; the next
    month's, read on 1 October, publish both months and the quarter, and revise nothing
    the first build showed."""
    write_exports(tmp_path / "aug", "2025-08")
    write_exports(tmp_path / "sep", "2025-09")
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    cat = months_published()
    read_on(home, tmp_path / "aug", dt.datetime(2025, 8, 20, 9), monkeypatch, cat)
    before = shown(home / "warehouse.duckdb")
    periods = {key[2] for key in before}
    assert "2025-07" in periods and "2025-Q2" in periods
    assert "2025-08" not in periods and "2025-Q3" not in periods
    read_on(home, tmp_path / "sep", dt.datetime(2025, 10, 1, 9), monkeypatch, cat)
    after = shown(home / "warehouse.duckdb")
    assert {"2025-08", "2025-09", "2025-Q3"} <= {key[2] for key in after}
    revised = {key for key in before.keys() & after.keys() if before[key] != after[key]}
    assert revised == set()
