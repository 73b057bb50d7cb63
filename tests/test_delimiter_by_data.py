"""A CSV's delimiter when its header alone misleads (helper-158): descriptive names hold
commas (``Loonbeslagen (lopend, nieuw, beëindigd)``), more of them than the tabs or
semicolons between the names, and the file was split on its commas and refused. The
first data records decide: the delimiter that splits the header and them alike, the
header's own when it does (delimiters.choose_delimiter)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.ingest.delimiters import (
    DECIDING_LINES,
    DECIDING_RECORDS,
    DELIMITERS,
    _fitting,
    choose_delimiter,
    header_lines,
    sniff_delimiter,
)
from pipelines.ingest.readers import read_csv
from pipelines.ingest.source_table import _header
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

NAMES = [
    "Maand",
    "Afdeling",
    "Loonbeslagen (lopend, nieuw, beëindigd)",
    "Verwijzingen (AMW, bedrijfsmaatschappelijk werk, schuldhulp)",
]
ROWS = [["januari 2026", "VH-N", "2", "1"], ["januari 2026", "VH-Z", "0", "3"]]
MAPPING = (
    "dataset: hr_aggregates\nfiles: ['loonbeslag*']\n{extra}columns: {{Maand: month, "
    "Afdeling: org_unit, 'Loonbeslagen (lopend, nieuw, beëindigd)': garnishment_count, "
    "'Verwijzingen (AMW, bedrijfsmaatschappelijk werk, schuldhulp)': "
    "social_worker_referrals}}\n"
)


def _text(delimiter: str, rows: list[list[str]] = ROWS, names: list[str] = NAMES) -> str:
    return "".join(delimiter.join(r) + "\r\n" for r in [names, *rows])


def _lines(text: str) -> list[str]:
    return header_lines(text, 1)


# --- the unit: the data decides -------------------------------------------------------


# a name's words, and the signs of the other delimiters put inside them unquoted
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ()0123456789", min_size=1, max_size=8)
VALUE = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-.0123456789", min_size=1, max_size=6)


@st.composite
def misleading_files(draw: st.DrawFn) -> tuple[str, str]:
    """A file split by ``true``, each of whose names may hold the other delimiters (at
    least one more of one of them than the header has of ``true``), over rows holding
    none of them."""
    true = draw(st.sampled_from(DELIMITERS))
    others = [d for d in DELIMITERS if d != true]
    width = draw(st.integers(2, 5))
    names = [
        draw(WORD) + "".join(draw(st.lists(st.sampled_from(others), max_size=3)))
        for _ in range(width)
    ]
    names[-1] += draw(st.sampled_from(others)) * width  # more of it than of true
    rows = draw(st.lists(st.lists(VALUE, min_size=width, max_size=width), min_size=1, max_size=25))
    return true, _text(true, rows, names)


@settings(max_examples=300, deadline=None)
@given(misleading_files())
def test_the_data_lines_decide_a_header_of_names_holding_other_delimiters(
    case: tuple[str, str],
) -> None:
    true, text = case
    assert choose_delimiter(_lines(text)) == true


@pytest.mark.parametrize(
    ("true", "other"), [(t, o) for t in DELIMITERS for o in DELIMITERS if t != o]
)
def test_the_data_decide_for_every_delimiter_and_every_sign_in_the_names(
    true: str, other: str
) -> None:
    names = ["Maand", "Afdeling", f"Loonbeslagen (lopend{other} nieuw{other} oud{other} anders)"]
    text = _text(true, [r[:3] for r in ROWS], names)
    assert sniff_delimiter(_lines(text)[0]) == other  # the header alone misleads
    assert choose_delimiter(_lines(text)) == true


@pytest.mark.parametrize("true", DELIMITERS)
def test_a_header_with_more_of_the_true_delimiter_is_read_as_before(true: str) -> None:
    other = "," if true != "," else ";"
    names = ["Maand", "Afdeling", "Team", f"Loonbeslagen (lopend{other} nieuw)"]
    text = _text(true, [[*r[:3], "1"] for r in ROWS], names)
    assert choose_delimiter(_lines(text)) == sniff_delimiter(text.splitlines()[0]) == true


def test_the_headers_own_delimiter_is_kept_when_the_other_splits_alike_too() -> None:
    # three fields by ',', two by ';' (first in a tie): both split header and rows alike
    text = "a,b,c;d\r\n1,2,3;4\r\n5,6,7;8\r\n"
    assert choose_delimiter(_lines(text)) == ","


def test_as_many_records_fitting_another_delimiter_as_the_headers_own_keep_it() -> None:
    # by ',' (the header's) three of four records fit, by ';' three as well
    lines = ["a,b,c;d", "1,2,3;4", "5,6,7;8", "1,2;3", "1,2,3"]
    assert [_fitting(lines, d) for d in ",;"] == [(3, 4), (3, 4)]
    assert choose_delimiter(lines) == ","


@pytest.mark.parametrize(
    "text",
    [
        "Maand\tLoonbeslagen (lopend, nieuw, beëindigd)\r\n",  # only a header: as before
        "Maand\tLoonbeslagen (lopend, nieuw)\r\njan;feb\r\nmrt\r\n",  # no sign fits the rows
        "alleen\r\neen\r\nkolom\r\n",
    ],
)
def test_without_a_deciding_record_the_header_decides(text: str) -> None:
    assert choose_delimiter(_lines(text)) == sniff_delimiter(text.splitlines()[0])


@pytest.mark.parametrize(("fitting", "chosen"), [(10, ","), (11, ";")])
def test_more_than_half_of_the_records_must_fit_another_delimiter(fitting: int, chosen: str):
    """Of 20 records, 11 that split as the header does by ';' (the rest a field short)
    decide for it; 10 leave the header's comma (the file is then refused, as before)."""
    header = "Maand;Afdeling;Loonbeslagen (lopend, nieuw, beëindigd, anders)"
    rows = ["jan;VH-N;2"] * fitting + ["jan;VH-N"] * (DECIDING_RECORDS - fitting)
    assert choose_delimiter([header, *rows]) == chosen


@pytest.mark.parametrize(
    "text",
    [
        # a header ending in the delimiter (a nameless last column) over rows that do not
        "Maand;Loonbeslagen (lopend, nieuw, beëindigd, anders);\r\njan;2\r\nfeb;1\r\n",
        # rows ending in it (an empty field after the last column) under one that does not
        "Maand;Loonbeslagen (lopend, nieuw, beëindigd)\r\njan;2;\r\nfeb;1;\r\n",
    ],
)
def test_records_fit_as_the_readers_take_them(text: str) -> None:
    assert choose_delimiter(_lines(text)) == ";"


def test_a_quote_after_a_delimiter_and_spaces_opens_a_quoted_value() -> None:
    # as people write CSV by hand: read so by the readers too (spaced_quote)
    text = 'Maand,Opmerking (kort; zakelijk; intern)\r\njan, "Bouw, Noord"\r\nfeb, los\r\n'
    assert choose_delimiter(_lines(text)) == ","


def test_quoted_values_over_lines_and_with_delimiters_are_one_field() -> None:
    text = (
        "Maand\tOpmerking (kort, zakelijk, intern)\tAantal\r\n"
        'jan\t"Loonbeslag, nieuw\r\nzie dossier, map 3"\t2\r\n'
        'feb\t"tab\tbinnen"\t1\r\n'
    )
    assert choose_delimiter(_lines(text)) == "\t"


def test_only_the_first_records_and_lines_are_read() -> None:
    text = _text(";", ROWS * 200)
    assert len(header_lines(text, 1)) == DECIDING_LINES
    assert _fitting(_lines(text), ";") == (DECIDING_RECORDS, DECIDING_RECORDS)
    # a quote opened in the last line read: the record it begins may be cut, decides nothing
    lines = [";".join(NAMES), *[";".join(ROWS[0])] * 2, 'jan;"VH-N']
    lines += ["tekst"] * (DECIDING_LINES - len(lines))
    assert _fitting(lines, ";") == (2, 2)


# --- the file: read, and read alike by both readers ------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("loonbeslag_2026.txt", b"\xff\xfe" + _text("\t").encode("utf-16-le")),  # Unicode text
        ("loonbeslag_2026.csv", b"\xef\xbb\xbf" + _text(";").encode("utf-8")),
    ],
)
def test_a_narrow_export_with_commas_in_its_names_loads(
    tmp_path: Path, home: Path, name: str, data: bytes
) -> None:
    """helper-158's two reproductions: 'niet te gebruiken', the mapped names not found."""
    path = tmp_path / name
    path.write_bytes(data)
    mapping = write(tmp_path / "agg.mapping.yaml", MAPPING.format(extra=""))
    [result] = run(home, path, mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 2)
    sql = "select org_unit, garnishment_count, social_worker_referrals from raw_hr_aggregates"
    assert query(home, sql + " order by 1") == [("VH-N", 2, 1), ("VH-Z", 0, 3)]
    delimiter = "\t" if name.endswith(".txt") else ";"
    table = read_csv(path, data)
    assert (table.delimiter, table.header) == (delimiter, NAMES)
    text = data[2:].decode("utf-16-le") if name.endswith(".txt") else data[3:].decode()
    assert _header(text, 1, path)[:2] == (NAMES, delimiter)  # DuckDB's path alike


def test_a_title_above_such_a_header_is_hinted_and_read_with_header_row(
    tmp_path: Path, home: Path
) -> None:
    path = write(tmp_path / "loonbeslag_2026.txt", "Loonbeslagen 2026\r\n" + _text("\t"))
    mapping = write(tmp_path / "agg.mapping.yaml", MAPPING.format(extra=""))
    [result] = run(home, path, mappings=[mapping])
    assert "header_row: 2" in str(result.error)
    mapping = write(tmp_path / "agg.mapping.yaml", MAPPING.format(extra="header_row: 2\n"))
    [result] = run(home, path, mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 2)


@pytest.mark.parametrize(
    ("own", "chosen"), [(DECIDING_RECORDS // 2, ","), (DECIDING_RECORDS // 2 + 1, ";")]
)
def test_the_headers_own_delimiter_stands_while_it_fits_more_than_half_of_the_records(
    own: int, chosen: str
) -> None:
    """helper-163: a ';' file with 'omschrijving (kort, lang)' in its header and a decimal
    comma in every row splits every record in two on its commas; one row with a ';' in
    its text made the comma win and the file was refused. The header's own stands until
    no more than half of the records fit it."""
    header = "record_id;value_eur;omschrijving (kort, lang)"
    rows = ["G1;1,50;bloemen"] * own + ["G2;2,50;bloemen; wijn"] * (DECIDING_RECORDS - own)
    assert choose_delimiter([header, *rows]) == chosen
