"""A malformed line of a wide survey export (one row per respondent, one column per item)
holds a respondent's answers, not one row: it counts as the answers it holds towards
the share that refuses a file (helper-268 F2: 41 of 185 respondents, 22%,
were 41 of 1144 rows, 3.6%, and the file loaded), and its reason names the columns of
the file's own header, as a long file's does (helper-268 F6: 'regel heeft 14 velden, de
kop heeft er 13', no column, no value)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.core.catalogue import load_catalogue
from tests.ingesthelpers import ingest_only
from tests.test_ingest import ORG, query, write

HEADER = "RespondentID;Meetmoment;Eenheid;CLA1;CLA2;PS1\n"
MAPPING = (
    "dataset: survey_responses\nfiles: ['breed*.csv']\n"
    "unpivot: {id_columns: [RespondentID, Meetmoment, Eenheid]}\n"
    "columns: {RespondentID: respondent_key, Meetmoment: wave_date, Eenheid: org_unit}\n"
)
RESPONDENTS = 20  # three answers each: 60 rows; the default limit refuses more than 10%


def ingest(tmp_path: Path, malformed: int, empty: int = 0):
    """20 respondents, the first ``malformed`` lines with a field too many (a ; in no
    quotes), the next ``empty`` lines with one answer left empty."""
    lines = []
    for n in range(RESPONDENTS):
        answers = "4;;3" if malformed <= n < malformed + empty else "4;5;3"
        extra = ";Bouw" if n < malformed else ""
        lines.append(f"R{n + 100};15-03-2026;VH-N;{answers}{extra}\n")
    folder = tmp_path / "in"
    org = write(folder / "org_units.csv", ORG)
    f = write(folder / "breed.csv", HEADER + "".join(lines))
    m = write(folder / "breed.mapping.yaml", MAPPING)
    results = ingest_only(
        tmp_path / "warehouse.duckdb", [org, f], mappings=[m], catalogue=load_catalogue()
    )
    return results[-1]


@pytest.mark.parametrize(
    ("malformed", "failed", "counts"),
    [
        (0, False, (60, 60, 0)),
        (2, False, (60, 54, 6)),  # 10%: at the limit, not over it
        (3, True, (60, 0, 9)),  # 15%; one row a line made it 3 of 54, 5.6%
    ],
)
def test_a_malformed_wide_line_counts_as_the_answers_of_a_line(
    tmp_path: Path, malformed: int, failed: bool, counts: tuple[int, int, int]
) -> None:
    result = ingest(tmp_path, malformed)
    assert result.failed == failed
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == counts
    logged = "select rows_in, rows_quarantined from ingest_log where dataset = 'survey_responses'"
    assert query(tmp_path, logged) == [(counts[0], counts[2])]


@pytest.mark.parametrize(
    ("wide", "counts", "failed"),
    [
        (False, (17 * 3 + 3 * 1, 3), False),  # 5.6%; as three lines of three, 15%: refused
        (True, (17 * 3 + 3 * 1 + 3, 3 + 3), True),  # 6 of 57, 10.5%
    ],
)
def test_a_line_counts_as_the_answers_it_holds(
    tmp_path: Path, wide: bool, counts: tuple[int, int], failed: bool
) -> None:
    """helper-270 F5: respondents who stopped after the first question, written without
    the delimiters after it, hold one answer each, not a line's three; a line of its
    answers and two fields more holds the three items' at most."""
    lines = [f"R{n};15-03-2026;VH-N;4;5;3\n" for n in range(100, 117)]
    lines += [f"R{n};15-03-2026;VH-N;4\n" for n in range(117, 120)]  # stopped after CLA1
    lines += ["R120;15-03-2026;VH-N;4;5;3;Bouw;x\n"] if wide else []
    folder = tmp_path / "in"
    org = write(folder / "org_units.csv", ORG)
    f = write(folder / "breed.csv", HEADER + "".join(lines))
    m = write(folder / "breed.mapping.yaml", MAPPING)
    [*_, result] = ingest_only(
        tmp_path / "warehouse.duckdb", [org, f], mappings=[m], catalogue=load_catalogue()
    )
    assert (result.rows_in, result.rows_quarantined) == counts
    assert result.failed == failed


def test_a_malformed_wide_line_is_said_by_the_files_own_header(tmp_path: Path) -> None:
    ingest(tmp_path, 1)
    assert query(tmp_path, "select line, value, reason from quarantine") == [
        (
            2,
            None,
            "breed.csv, regel 2: regel heeft 7 velden, de kop heeft er 6: na de laatste "
            "kolom, 'PS1', staat nog een waarde, niet getoond: het kan die van "
            "'RespondentID' zijn, een persoonssleutel (een ; in een waarde zonder "
            "aanhalingstekens?)",
        )
    ]
