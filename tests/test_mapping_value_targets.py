"""A mapping's ``values`` that turn a label into no code of the catalogue (helper-179:
'Bijzonder: bijzondere_doelgroep') quarantined every such row, each showing the
translated value and never the file's label: the mapping is wrong, and is said to be once,
by its file, column, label and target (pipelines/ingest/codes.py, known_targets)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.ingest.codes import known_targets
from pipelines.ingest.mapping import load_mapping
from pipelines.ingest.quality import DATASETS
from pipelines.ingest.quality.base import SuiteContext
from pipelines.ingest.readers import UnusableFile
from tests.test_ingest import home, org_home, query, run, write
from tests.test_ingest_failed_files import ALLOCATION_HEADER, allocation

__all__ = ["home", "org_home"]  # fixtures used here


def ingest(home: Path, tmp_path: Path, values: str) -> tuple:
    f = write(
        tmp_path / "alloc" / "toewijzing.csv",
        ALLOCATION_HEADER + allocation(1, "Bijzonder") + allocation(2, "Regulier"),
    )
    mapping = write(
        tmp_path / "alloc.mapping.yaml",
        f"dataset: allocations\nfiles: ['toewijzing*.csv']\nvalues: {{channel: {values}}}\n",
    )
    [result] = run(home, f, mappings=[mapping])
    return result, mapping


def test_a_label_turned_into_no_code_refuses_the_file_naming_the_mapping(
    home: Path, tmp_path: Path
) -> None:
    result, mapping = ingest(home, tmp_path, "{Bijzonder: bijzondere_doelgroep}")
    assert result.error == (
        f"{mapping}: values zet in kolom channel 'Bijzonder' om in 'bijzondere_doelgroep', "
        "maar dat is geen code van channel; bekend zijn: regulier, urgentie, maatwerk, "
        "direct, herhuisvesting, statushouder. Pas values in de kolomkoppeling aan (null "
        "maakt een label leeg); niets van dit bestand geladen"
    )
    assert query(home, "select count(*) from raw_allocations") == [(0,)]
    assert query(home, "select count(*) from quarantine") == [(0,)]
    # a word for none is no way to empty a label (it would be quarantined on every row)
    result, _ = ingest(home, tmp_path, "{Bijzonder: 'n.v.t.'}")
    assert "'Bijzonder' om in 'n.v.t.'" in (result.error or "")


@pytest.mark.parametrize(
    # a code as codes are matched; none, also as '' (helper-186)
    "target",
    ["maatwerk", "Maatwerk", " MAATWERK ", None, "", " "],
)
def test_a_label_turned_into_a_code_in_any_case_loads(
    home: Path, tmp_path: Path, target: str | None
) -> None:
    shown = "null" if target is None else f"'{target}'"
    result, _ = ingest(home, tmp_path, f"{{Bijzonder: {shown}}}")
    assert (result.error, result.rows_loaded) == (None, 2)
    expected = [("maatwerk",) if target and "erk" in target.lower() else (None,), ("regulier",)]
    assert query(home, "select channel from raw_allocations order by allocation_id") == expected


def test_only_fixed_code_lists_are_held_to_their_codes(tmp_path: Path) -> None:
    """An org unit is data (a later file may bring it): a mapped unknown unit is the rule's
    to quarantine, row by row, as any unknown unit is; an exit reason is the catalogue's."""
    mapping = load_mapping(
        write(
            tmp_path / "hr.mapping.yaml",
            "dataset: employees\nfiles: ['hr*.csv']\n"
            "values: {org_unit: {Noord: NERGENS}, exit_reason: {Weg: nergens_heen}}\n",
        )
    )
    columns = {c.name: c for c in DATASETS["employees"].columns}
    ctx = SuiteContext(today=dt.date(2026, 3, 1), org_units=frozenset({"FIN"}),
                       exit_reasons=frozenset({"eigen_verzoek"}))  # fmt: skip
    known_targets(mapping, columns["org_unit"], ctx)
    with pytest.raises(UnusableFile, match="'Weg' om in 'nergens_heen'"):
        known_targets(mapping, columns["exit_reason"], ctx)


@pytest.mark.parametrize(
    "values, said",
    [
        ("{Bijzonder: maatwerk, 'bijzonder ': urgentie}", "'Bijzonder' om in 'maatwerk' en "),
        ("{Bijzonder: maatwerk, BIJZÖNDER: urgentie}", "'BIJZÖNDER' in 'urgentie'"),
        ("{Bijzonder: maatwerk, bijzonder: null}", "'bijzonder' in 'null'"),
    ],
)
def test_two_labels_one_as_a_cell_is_matched_to_two_values_refuse_the_file(
    home: Path, tmp_path: Path, values: str, said: str
) -> None:
    """helper-193: 'Dilemma' and 'dilemma ' (or 'Dilémma') to two codes loaded every
    Dilemma session as the last one's, unsaid: a cell is matched to a label without regard
    to case, accents and spaces, so which value it gets is not to be guessed."""
    result, mapping = ingest(home, tmp_path, values)
    assert (result.error or "").startswith(f"{mapping}: values van kolom channel zet ")
    assert said in result.error
    assert "hetzelfde label (hoofdletters, accenten en spaties tellen niet mee)" in result.error
    assert query(home, "select count(*) from raw_allocations") == [(0,)]


def test_two_spellings_of_a_label_to_one_value_load(home: Path, tmp_path: Path) -> None:
    result, _ = ingest(home, tmp_path, "{Bijzonder: '', ' BIJZONDER': null }")
    assert result.error is None
    result, _ = ingest(home, tmp_path, "{Bijzonder: maatwerk, ' BIJZONDER': Maatwerk }")
    assert result.error is None
    assert query(home, "select channel from raw_allocations order by 1") == [
        ("maatwerk",), ("regulier",)
    ]  # fmt: skip


def test_two_columns_keys_one_header_cell_to_two_columns_refuse_the_file(
    home: Path, tmp_path: Path
) -> None:
    """helper-193: columns {Aanwezig: attended_n, aanwezig: invited_n} read the one cell
    'Aanwezig' as the last one's, and the refusal blamed two header cells for one column.
    The mapping's two names are named; two spellings of one name to one column load."""
    header = ALLOCATION_HEADER.replace("candidate_rank", "Positie")
    f = write(tmp_path / "alloc" / "toewijzing.csv", header + allocation(1) + allocation(2))
    for columns, error in [
        ("{Positie: candidate_rank, ' positie': district}", True),
        ("{Positie: candidate_rank, 'POSITIE ': candidate_rank}", False),
    ]:
        mapping = write(
            tmp_path / "alloc.mapping.yaml",
            f"dataset: allocations\nfiles: ['toewijzing*.csv']\ncolumns: {columns}\n",
        )
        [result] = run(home, f, mappings=[mapping])
        if error:
            assert result.error == (
                f"{mapping}: columns noemt 'Positie' (candidate_rank) en ' positie' (district), "
                "maar voor een kop is dat dezelfde kolom (hoofdletters en spaties tellen niet "
                "mee); welke geldt is niet te raden. Houd er één in de kolomkoppeling; niets van "
                "dit bestand geladen"
            )
        else:
            assert result.error is None
            assert query(home, "select count(*) from raw_allocations") == [(2,)]
