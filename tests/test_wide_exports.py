"""An export with hundreds of columns besides the contract's (an HR system's "alle
velden") reads as the same export with a few: its repeated headers, its totals row and a
date that proves the file month first are found alike (helper-201: 980 columns took 17 s
and 2.9 GB, a test per column of every row; pipelines/ingest/every_cell.py tests the
first cells one by one and the rest as one list, date_order.file_order_proof reads a
wide file's cells as one list). Each case runs narrow (the first path) and wide (the
other)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.date_order import WIDE
from pipelines.ingest.every_cell import FIRST
from pipelines.ingest.every_cell import NARROW as CONJUNCTS_UP_TO
from tests.test_ingest import quarantined, query, run, write

NARROW, BROAD = 2, WIDE + 20  # other columns: the first path, and past both limits


def _export(tmp_path: Path, extra: int, rows: list[list[str]], extra_cell: str = "x") -> Path:
    """vehicle_use with ``extra`` other columns before its three (so that every read
    column is past FIRST in the wide case)."""
    head = [f"Veld {k}" for k in range(extra)] + ["employee_key", "year", "private_km"]
    lines = [";".join(head)]
    for row in rows:
        fill = row[0] if len(row) == extra + 3 else None
        lines.append(";".join(row) if fill is not None else ";".join([extra_cell] * extra + row))
    return write(tmp_path / "vehicle_use.csv", "\n".join(lines) + "\n")


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))


@pytest.mark.parametrize("extra", [NARROW, BROAD])
def test_a_repeated_header_is_left_out_in_any_width(tmp_path: Path, extra: int) -> None:
    assert NARROW + 3 <= FIRST < CONJUNCTS_UP_TO < BROAD  # the narrow case and the list's
    head = [f"Veld {k}" for k in range(extra)] + ["employee_key", "year", "private_km"]
    f = _export(tmp_path, extra, [["e1", "2025", "100"], head, ["e2", "2025", "200"]])
    [result] = run(tmp_path / "home", f)
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (2, 2, 0)
    assert [str(n)[:27] for n in result.notes if "herhaalt de kop" in str(n)] == [
        "regel 3 herhaalt de kop ('V"
    ]


@pytest.mark.parametrize("extra", [NARROW, BROAD])
def test_a_header_with_a_read_column_moved_past_the_first_cells_is_refused(
    tmp_path: Path, extra: int
) -> None:
    moved = [f"Veld {k}" for k in range(extra)] + ["employee_key", "private_km", "year"]
    f = _export(tmp_path, extra, [["e1", "2025", "100"], moved, ["e2", "200", "2025"]])
    [result] = run(tmp_path / "home", f)
    assert result.error is not None and "year, private_km" in result.error, result.error


@pytest.mark.parametrize("extra", [NARROW, BROAD])
def test_a_row_like_the_header_but_in_one_late_cell_is_a_row(tmp_path: Path, extra: int) -> None:
    """The header's names in every cell but the last: no repeat, a row (quarantined for
    its key and year, not left out)."""
    almost = [f"Veld {k}" for k in range(extra)] + ["employee_key", "year", "12"]
    f = _export(tmp_path, extra, [["e1", "2025", "100"], almost, ["e2", "2025", "200"]])
    [result] = run(tmp_path / "home", f)
    assert (result.rows_in, result.rows_loaded) == (3, 2)
    assert [line for line, *_ in quarantined(tmp_path / "home", "vehicle_use")] == [3]


@pytest.mark.parametrize("extra", [NARROW, BROAD])
@pytest.mark.parametrize("at", ["conjunct", "list"])
@pytest.mark.parametrize(("word", "kept"), [("", 3), ("zie toelichting", 4)])
def test_a_totals_row_is_left_out_in_any_width_and_a_word_in_it_keeps_it(
    tmp_path: Path, extra: int, at: str, word: str, kept: int
) -> None:
    """'Totaal' and the sum under three rows: the report's end, left out; with a word in
    another column (the last one tested alone, or one in the list) no total but a row."""
    total = ["Totaal"] + [""] * (extra - 1) + ["", "", "600"]
    total[min(FIRST - 1, extra - 1) if at == "conjunct" else extra - 1] = word or total[1]
    rows = [["e1", "2025", "100"], ["e2", "2025", "200"], ["e3", "2025", "300"], total]
    [result] = run(tmp_path / "home", _export(tmp_path, extra, rows))
    assert result.rows_in == kept
    assert query(tmp_path / "home", "select sum(private_km) from raw_vehicle_use") == [(600.0,)]


@pytest.mark.parametrize("extra", [NARROW, BROAD])
def test_a_sum_without_its_word_is_left_out_in_any_width(tmp_path: Path, extra: int) -> None:
    total = [""] * extra + ["", "", "600"]
    f = _export(
        tmp_path,
        extra,
        [["e1", "2025", "100"], ["e2", "2025", "200"], ["e3", "2025", "300"], total],
    )
    [result] = run(tmp_path / "home", f)
    assert (result.rows_in, result.rows_loaded) == (3, 3)


@pytest.mark.parametrize("extra", [NARROW, BROAD])
def test_a_month_first_date_in_the_last_other_column_makes_slash_dates_ambiguous(
    tmp_path: Path, extra: int
) -> None:
    head = [f"Veld {k}" for k in range(extra)] + ["employee_key", "received_on", "value_eur"]
    rows = [
        ["x"] * (extra - 1) + ["03/15/2019", "e1", "06/05/2025", "10"],
        ["x"] * extra + ["e2", "13/05/2025", "10"],
    ]
    f = write(tmp_path / "gifts.csv", "\n".join(";".join(r) for r in [head, *rows]) + "\n")
    run(tmp_path / "home", f)
    held = [(line, code) for line, _c, _v, code in quarantined(tmp_path / "home", "gifts")]
    assert (2, "ambiguous_date") in held
    [(reason,)] = query(
        tmp_path / "home", "select reason from quarantine where reason_code = 'ambiguous_date'"
    )
    assert f"in kolom Veld {extra - 1} van dit bestand staat '03/15/2019'" in reason, reason


@pytest.mark.parametrize(("last", "left_out"), [(";;;11;9;8", True), (";;;11;9;7", False)])
def test_a_sum_without_its_word_under_a_wide_survey_is_left_out(
    tmp_path: Path, last: str, left_out: bool
) -> None:
    """helper-206: the dataset of a wide export is known only after it is unpivoted, so
    its key and date columns were not, and the sum row under its items (11, 9, 8) was
    quarantined twelve times and refused the file. A row that is no sum stays a row."""
    from tests.ingesthelpers import WIDE_SURVEY, ingest_only
    from tests.test_ingest import lenient

    mapping = write(tmp_path / "wijd.mapping.yaml", WIDE_SURVEY + "answer_scale: 5\n")
    rows = "R1;15-03-2026;VH-N;4;5;3\nR2;15-03-2026;VH-N;2;;4\nR3;15-03-2026;VH-N;5;4;1\n"
    f = write(
        tmp_path / "wijd.csv",
        "RespondentID;Meetmoment;Eenheid;CLA1;CLA2;PS1\n" + rows + last + "\n",
    )
    [result] = ingest_only(
        tmp_path / "warehouse.duckdb", [f], mappings=[mapping], catalogue=lenient()
    )
    said = [str(n) for n in result.notes if "totaalregel zonder woord" in str(n)]
    assert bool(said) == left_out, result.notes
    quarantined_lines = query(tmp_path, "select distinct line from quarantine where line = 5")
    assert quarantined_lines == ([] if left_out else [(5,)])
