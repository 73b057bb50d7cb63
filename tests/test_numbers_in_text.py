"""A text column an XLSX stores as numbers is said where leading zeros may have been lost:
a person's key, which HR numbers (000101), or a column whose text cells in the file begin
with a zero; not a register's own Volgnr 1 to 15 or a survey tool's respondent numbers,
said so on every file (helper-266, helper-268 F8 c)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.test_ingest import home, org_home, run

__all__ = ["home", "org_home"]  # fixtures used here

SAID = "als getal bewaart"


def gifts(path: Path, record_ids: list[object], employees: list[object]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["record_id", "employee_key", "received_on", "gift_type", "value_eur"])
    for n, (record, employee) in enumerate(zip(record_ids, employees, strict=True)):
        ws.append([record, employee, f"{n + 1:02d}-03-2026", "goederen", 20])
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("record_ids", "employees", "said"),
    [
        ([1, 2, 3], ["E1", "E2", "E3"], None),  # a register's own numbers: nothing lost
        ([1, 2, "003"], ["E1", "E2", "E3"], "record_id (2)"),  # its text cells have zeros
        ([1, 2, "3"], ["E1", "E2", "E3"], None),  # text cells without zeros
        (["G1", "G2", "G3"], [101, 102, "E3"], "employee_key (2)"),  # HR's numbers
        ([1, 2, "03"], [101, 102, 103], "record_id (2), employee_key (3)"),
    ],
)
def test_numbers_in_a_text_column_are_said_where_zeros_may_be_lost(
    home: Path, tmp_path: Path, record_ids: list, employees: list, said: str | None
) -> None:
    [result] = run(home, gifts(tmp_path / "gifts.xlsx", record_ids, employees))
    notes = [str(n) for n in result.notes if SAID in str(n)]
    assert notes == (
        [
            f"tekstkolom(men) die het bestand {SAID} (aantal cellen): {said}; voorloopnullen "
            "(000101) zijn dan al weg, dus zo'n nummer past mogelijk niet meer bij hetzelfde "
            "nummer in andere exports: sla de kolom op als tekst"
        ]
        if said
        else []
    ), result.notes
