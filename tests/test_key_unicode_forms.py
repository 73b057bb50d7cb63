"""An identifier with an accent written in its two Unicode forms (é as one character, NFC,
or as e and a combining accent, NFD, as macOS and some web tools write it) is one
identifier: helper-184, a respondent 'Rén1' in two exports counted twice. Keys are
pseudonymised and _id columns kept after NFC (lookups, checks)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from tests.test_ingest import EMPLOYEE_HEADER, employee, home, org_home, query, run, write
from tests.test_ingest_failed_files import ALLOCATION_HEADER

__all__ = ["home", "org_home"]  # fixtures used here

COMPOSED, DECOMPOSED = (unicodedata.normalize(form, "Jérôme") for form in ("NFC", "NFD"))


def test_a_key_in_either_form_is_one_person(home: Path, tmp_path: Path) -> None:
    assert COMPOSED != DECOMPOSED
    text = EMPLOYEE_HEADER + employee(COMPOSED, "2026-02") + employee(DECOMPOSED, "2026-03")
    [result] = run(home, write(tmp_path / "employees.csv", text))
    assert result.rows_loaded == 2
    assert query(home, "select count(distinct employee_key) from raw_employees") == [(1,)]


def test_an_id_in_either_form_is_one_id(home: Path, tmp_path: Path) -> None:
    rows = "".join(
        f"TW-{i};15-03-2026;D{n};Noord;regulier;1;ja;104233;100001;nee;nee\n"
        for n, i in enumerate((COMPOSED, DECOMPOSED))
    )
    [result] = run(home, write(tmp_path / "allocations.csv", ALLOCATION_HEADER + rows))
    # one id twice in one export: the duplicate rule quarantines both, as for any id
    assert (result.rows_loaded, result.rows_quarantined) == (0, 2)
    assert query(home, "select distinct reason_code from quarantine") == [("duplicate_key",)]
