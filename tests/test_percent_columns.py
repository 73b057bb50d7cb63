"""A share written as a percentage without its sign (AFAS' Parttimepercentage: 100, 88,89,
50) is fte only where the mapping says so (percent: [fte]): then each number is its
hundredth, a cell with its % sign too (once). Without it such a file is refused by the
fte rule, whose reason now names the way out (helper-104: no mapping key could say it)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pipelines.ingest.mapping import load_mapping
from pipelines.ingest.readers import UnusableFile
from tests.test_ingest import home, org_home, quarantined, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

HEADER = "Medewerker;Peildatum;Afdeling;Leidinggevende;Functie;Parttimepercentage\n"
MAPPING = (
    "dataset: employees\nfiles: [afas*.csv, afas*.xlsx]\n"
    "columns: {Medewerker: employee_key, Peildatum: snapshot_month, Afdeling: org_unit, "
    "Leidinggevende: manager_key, Functie: job_title, Parttimepercentage: fte}\n"
)


def rows(*shares: str) -> str:
    return "".join(
        f"{100 + i};31-03-2026;VH-N;1;Medewerker;{share}\n" for i, share in enumerate(shares)
    )


def test_percentages_declared_are_their_hundredths(home: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "afas.mapping.yaml", MAPPING + "percent: [fte]\n")
    write(tmp_path / "in" / "afas_hr.csv", HEADER + rows("100", "88,89", "50", "80%", "120", "121"))
    run(home, tmp_path / "in")
    loaded = query(home, "select fte from raw_employees order by fte")
    assert [f for (f,) in loaded] == [0.5, 0.8, 0.8889, 1.0, 1.2]
    # 121% is 1,21 fte: over the rule's 1,2
    assert [(line, code) for line, _c, _v, code in quarantined(home, "employees")] == [
        (7, "out_of_range")
    ]


def test_without_percent_the_rule_names_the_way_out(home: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "afas.mapping.yaml", MAPPING)
    write(tmp_path / "in" / "afas_hr.csv", HEADER + rows("88,89", "0,8"))
    run(home, tmp_path / "in")
    [(reason,)] = query(home, "select reason from quarantine")
    assert reason.endswith(
        "waarde '88,89': fte moet groter dan 0 en hoogstens 1,2 zijn (een percentage, 80 voor "
        "0,8? zet dan percent: [fte] in de kolomkoppeling)"
    )
    assert query(home, "select fte from raw_employees") == [(0.8,)]


def test_a_workbooks_number_cells_declared_percent_too(home: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "afas.mapping.yaml", MAPPING + "percent: [fte]\n")
    wb = openpyxl.Workbook()
    wb.active.append(HEADER.strip().split(";"))
    wb.active.append([100, "31-03-2026", "VH-N", 1, "Adviseur", 88.89])
    wb.active.append([101, "31-03-2026", "VH-N", 1, "Adviseur", "75 %"])
    wb.save(tmp_path / "in" / "afas_hr.xlsx")
    run(home, tmp_path / "in")
    assert query(home, "select fte from raw_employees order by fte") == [(0.75,), (0.8889,)]


@pytest.mark.parametrize("column", ["sick_days", "salaris"])
def test_percent_names_a_share_of_the_dataset(tmp_path: Path, column: str) -> None:
    path = write(tmp_path / "afas.mapping.yaml", MAPPING + f"percent: [{column}]\n")
    with pytest.raises(UnusableFile) as caught:
        load_mapping(path)
    assert (
        f"percent: '{column}' is geen kolom van employees die een deel van een geheel is; "
        "verwacht een van ['fte']"
    ) in str(caught.value.message)


def test_under_percent_a_number_that_may_be_the_share_itself_is_not_guessed(
    home: Path, tmp_path: Path
) -> None:
    """helper-107: 0,8 under percent: [fte] was 0,008 fte, without a word, and so was a
    workbook's 80% (its number is 0.8). A number no larger than fte can be (1,2) is
    either; one just above is a percentage; a cell with its sign says it."""
    write(tmp_path / "in" / "afas.mapping.yaml", MAPPING + "percent: [fte]\n")
    write(tmp_path / "in" / "afas_hr.csv", HEADER + rows("0,8", "1,2", "1,3", "0,8%", "80"))
    wb = openpyxl.Workbook()
    wb.active.append(HEADER.strip().split(";"))
    wb.active.append([200, "31-03-2026", "VH-N", 1, "Adviseur", 0.8])
    wb.active.cell(2, 6).number_format = "0%"
    wb.save(tmp_path / "in" / "afas_hr2.xlsx")
    run(home, tmp_path / "in")
    held = query(
        home, "select source_file, line, reason_code, reason from quarantine order by 1, 2"
    )
    assert [(Path(f).name, line, code) for f, line, code, _ in held] == [
        ("afas_hr.csv", 2, "ambiguous_number"),
        ("afas_hr.csv", 3, "ambiguous_number"),
        ("afas_hr2.xlsx", 2, "ambiguous_number"),
    ]
    assert held[0][3].endswith(
        "'0,8' in een kolom die de kolomkoppeling als percentage leest (percent: [fte]): "
        "als percentage 0,008 fte, of staat er al het deel zelf, 0,8 fte? Niet geraden: "
        "schrijf de percentages als percentage (80 of 80%), of laat percent weg als de kolom "
        "delen bevat (een werkmap met cellen opgemaakt als percentage bewaart het deel zelf: "
        "daar is 80% het getal 0,8)"
    )
    loaded = query(home, "select fte from raw_employees order by fte")
    assert [f for (f,) in loaded] == [0.008, 0.013, 0.8]
