"""One file, one way of writing numbers (helper-97): a number only the other convention
reads in one column (fte 0.8 in a Dutch file) shows that the file's author writes
decimals with a point, so a number the two conventions read differently in another column
(leave_days 12.500: 12500 or 12,5) is ambiguous there too; it was stored as 12500. A
file whose numbers give no such proof reads 12.500 the Dutch way, as documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import (
    EMPLOYEE_HEADER,
    employee,
    home,
    org_home,
    quarantined,
    query,
    run,
    write,
)

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize("fte", ["0.8", "0,8"])
def test_a_number_proof_in_one_column_holds_for_the_others(
    home: Path, tmp_path: Path, fte: str
) -> None:
    folder = tmp_path / "in"
    write(
        folder / "medewerkers.csv",
        EMPLOYEE_HEADER
        + employee("104233", fte=fte, leave_days="12.500")  # 2
        + employee("104234", fte="1", leave_days="3"),  # 3: read alike in both
    )
    run(home, folder)
    held = {(q[0], q[1]): q[3] for q in quarantined(home, "employees")}
    if fte == "0.8":  # written with a point: 12.500 may be 12,5
        assert held == {(2, "fte"): "ambiguous_number", (2, "leave_days"): "ambiguous_number"}
        reason = query(home, "select reason from quarantine where \"column\" = 'leave_days'")
        assert "12.500" in reason[0][0], reason
    else:  # no proof: the Dutch reading, as documented
        assert held == {}
        assert sorted(r[0] for r in query(home, "select leave_days from raw_employees")) == [
            3.0,
            12500.0,
        ]
    assert 3.0 in [r[0] for r in query(home, "select leave_days from raw_employees")]


@pytest.mark.parametrize(
    ("cell", "convention", "proof", "status", "reading"),
    [
        ("1,200", "nl", False, "ambiguous", "1.200"),  # 1,2 here, 1200 with a decimal point
        ("1.200", "en", False, "ambiguous", "1.200"),
        # helper-98: 12 or 12000, both whole, in a file that proves no convention (a comma
        # file); helper-153: where it does (a ;-file, or declared), its own reading, the
        # zeros a database's fixed scale (decimal(9,3)), as 12,000 there is 12
        ("12,000", "nl", True, "ambiguous", "12.000"),
        ("1,000", "nl", True, "ambiguous", "1.000"),
        ("1.000", "en", True, "ambiguous", "1.000"),
        ("12,000", "nl", False, 12, None),
        ("1,000", "nl", False, 1, None),
        ("1.000", "en", False, 1, None),
        ("7,00", "nl", True, 7, None),  # no other reading
        ("1,5", "nl", False, "wrong", None),  # a fraction either way: no whole number
        ("7,0", "nl", False, 7, None),
        ("1.200", "nl", True, "ambiguous", "1,2"),
        ("1.200", "nl", False, 1200, None),
    ],
)
def test_a_whole_number_only_the_other_convention_reads_is_ambiguous(
    cell: str, convention: str, proof: bool, status: str | int, reading: str | None
) -> None:
    """helper-97: invited_n '1,200' in a comma file was told only 'verwacht een geheel
    getal', not that it may be 1200 written the other way."""
    from pipelines.ingest.lookups import AMBIGUOUS, OK, WRONG_TYPE, ColumnPlan, lookup
    from pipelines.ingest.quality.base import Column

    plan = ColumnPlan(Column("invited_n", "integer"), convention, number_proof=proof)
    frame, _ = lookup(plan, [cell], b"k" * 32)
    got = {OK: "ok", AMBIGUOUS: "ambiguous", WRONG_TYPE: "wrong"}[int(frame["status"].iloc[0])]
    assert got == ("ok" if isinstance(status, int) else status)
    if isinstance(status, int):
        assert frame["value"].iloc[0] == status
    if reading:
        assert f"zou het {reading} zijn" in frame["note"].iloc[0]
        assert frame["value"].isna().iloc[0]


@pytest.mark.parametrize(
    ("delimiter", "km", "held"),
    [
        (",", '"12,500"', True),  # helper-99: 12,5 or 12500; stored 12,5
        (",", "12.500", True),  # helper-97: 12500 or 12,5
        (",", '"12,5"', False),  # only the Dutch reading
        (",", "12500", False),
        ("\t", "12,500", True),  # helper-100: a tab-separated export proves nothing either
        ("|", "12.500", True),
        (";", "12,500", False),  # Dutch Excel's separator: the Dutch reading, as documented
        (";", "12.500", False),
    ],
)
def test_a_comma_separated_file_proves_no_convention(
    home: Path, tmp_path: Path, delimiter: str, km: str, held: bool
) -> None:
    folder = tmp_path / "in"
    write(
        folder / "leaseauto.csv",
        delimiter.join(["employee_key", "year", "private_km"]) + "\n"
        + delimiter.join(["104233", "2025", km]) + "\n",
    )  # fmt: skip
    run(home, folder)
    reasons = [q[3] for q in quarantined(home, "vehicle_use")]
    assert reasons == (["ambiguous_number"] if held else []), reasons


def test_a_number_format_declared_for_one_column_leaves_the_others_unproven(
    home: Path, tmp_path: Path
) -> None:
    """helper-100: 'number_format: {year: nl}' switched the comma file's doubt off for
    private_km too, and "12,500" km was stored as 12,5."""
    folder = tmp_path / "in"
    write(folder / "leaseauto.csv", 'employee_key,year,private_km\n104233,2025,"12,500"\n')
    mapping = write(
        tmp_path / "leaseauto.mapping.yaml",
        "dataset: vehicle_use\nfiles: [leaseauto.csv]\nnumber_format: {year: nl}\n",
    )
    run(home, folder, mappings=[mapping])
    assert [(q[1], q[3]) for q in quarantined(home, "vehicle_use")] == [
        ("private_km", "ambiguous_number")
    ]


def _employees_with(folder: Path, mapping: str, fte: str, overtime: str, beside: str = "2") -> Path:
    """Three employees: the first with ``fte``, the second with ``overtime``; the others'
    fte a whole percentage under percent (80), else the default 0,8, and their overtime
    ``beside`` (2: no way of writing shown)."""
    other = "80" if "percent" in mapping else "0,8"
    write(folder / "medewerkers.mapping.yaml", "dataset: employees\nfiles: ['m*.csv']\n" + mapping)
    return write(
        folder / "medewerkers.csv",
        EMPLOYEE_HEADER
        + employee("104233", fte=fte, overtime_hours=beside)  # 2
        + employee("104234", fte=other, overtime_hours=overtime)  # 3
        + employee("104235", fte=other, overtime_hours=beside),  # 4
    )


@pytest.mark.parametrize(
    ("mapping", "fte", "overtime", "held", "hours", "beside"),
    [
        # helper-146: a share under percent (0,8: 0,8% or 0,8 fte) proves nothing about
        # how the file writes numbers; 1.250 stays 1250 in a Dutch file
        ("percent: [fte]\n", "0,8", "1.250", {2: "fte"}, 1250.0, "2"),
        # a declared convention is not overruled by another column's proof
        ("number_format: {overtime_hours: nl}\n", "0.8", "1.250", {2: "fte"}, 1250.0, "2"),
        # the boundary: undeclared, the same proof (0.8 in a Dutch file) still holds
        ("", "0.8", "1.250", {2: "fte", 3: "overtime_hours"}, None, "2"),
        # and so it does under a file-wide declaration the file's cells contradict
        # (helper-147: number_format: nl silenced it)
        ("number_format: nl\n", "0.8", "1.250", {2: "fte", 3: "overtime_hours"}, None, "2"),
        # helper-158: unless the column shows its own way (2,5 is no English number)
        ("", "0.8", "1.250", {2: "fte"}, 1250.0, "2,5"),
    ],
)
def test_only_a_number_the_convention_makes_ambiguous_proves_and_a_declared_column_keeps_its_own(
    home: Path,
    tmp_path: Path,
    mapping: str,
    fte: str,
    overtime: str,
    held: dict,
    hours: float | None,
    beside: str,
) -> None:
    folder = tmp_path / "in"
    _employees_with(folder, mapping, fte, overtime, beside)
    run(home, folder)
    assert {q[0]: q[1] for q in quarantined(home, "employees")} == held
    loaded = query(home, "select overtime_hours from raw_employees where overtime_hours > 100")
    assert loaded == ([(hours,)] if hours else [])


@pytest.mark.parametrize(
    ("delimiter", "amount", "loaded"),
    [
        # helper-149: a database's fixed scale of three writes 12,5 euro as 12.500, as it
        # writes 99,99 as 99,990: in a file that proves no convention both readings stand
        (",", "12.500", None),
        (",", "7.990", None),
        (",", '"99,990"', None),
        (",", "1.443", 1443.0),  # as 1,443 euro it would have three decimals: none
        (",", "1.2500", None),  # only the point reads it (1,25): never guessed either
        (",", '"1.250,00"', 1250.0),  # only the Dutch reading
        (",", "12.5", None),
        (";", "12.500", 12500.0),  # Dutch Excel's separator: the Dutch reading
        (";", "7.990", 7990.0),
        # the dash of whole euros is the decimal comma's (helper-151: 12.500,- was refused)
        (",", '"12.500,-"', 12500.0),
        (",", '"€ 1.250,--"', 1250.0),
        (",", '"7.990,="', 7990.0),
        (",", '"12.500,- €"', 12500.0),  # the sign after it (helper-152)
        (",", '"12.500,-EUR"', 12500.0),
    ],
)
def test_an_amount_with_a_fixed_scale_of_three_is_not_read_a_thousand_times_larger(
    home: Path, tmp_path: Path, delimiter: str, amount: str, loaded: float | None
) -> None:
    folder = tmp_path / "in"
    header = ["record_id", "employee_key", "received_on", "giver_type", "gift_type"]
    header += ["value_eur", "decision"]
    cells = ["G1", "104233", "2026-03-01", "leverancier", "goederen", amount, "geaccepteerd"]
    write(
        folder / "geschenken.csv",
        delimiter.join(header) + "\n" + delimiter.join(cells) + "\n",
    )
    run(home, folder)
    reasons = [q[3] for q in quarantined(home, "gifts")]
    values = [v for (v,) in query(home, "select value_eur from raw_gifts")]
    if loaded is None:
        assert (reasons, values) == (["ambiguous_number"], []), (reasons, values)
    else:
        assert (reasons, values) == ([], [loaded]), (reasons, values)


@pytest.mark.parametrize("beside", ["1,250", "1.5"])
def test_a_whole_number_in_both_is_in_doubt_beside_a_proof_in_its_own_column(beside: str) -> None:
    """helper-155: in a ;-file 1,250 (1,25 or 1250) shows the column writes thousands with
    a comma, yet its 1,000 was read as 1, silently a thousand times too small."""
    from pipelines.ingest.lookups import AMBIGUOUS, ColumnPlan, lookup
    from pipelines.ingest.quality.base import Column

    plan = ColumnPlan(Column("invited_n", "integer"), "nl")
    frame, _ = lookup(plan, ["1,000", "1.000", beside, "12"], b"k" * 32)
    assert frame["status"].tolist()[:2] == [AMBIGUOUS, AMBIGUOUS]  # 1.000 too (helper-157)
    assert frame["value"].tolist()[3] == 12


@pytest.mark.parametrize(
    ("cells", "held"),
    [
        # helper-158: 0,889 is no number in English, so the column writes a decimal comma
        # and its 1,000 is 1, in a file whose format proves nothing (tabs, XLSX text)
        (["1,000", "0,889"], []),
        (["1,000", "12,5"], []),
        (["1,000", "1.234,5"], []),
        (["1,000"], ["1,000"]),  # nothing in the column says which way: in doubt
        (["1,000", "1,500"], ["1,000", "1,500"]),  # both read in both: in doubt
        # a cell only the other way reads beside one only the own: no way is shown
        (["1,000", "0,889", "1.5"], ["1,000", "1.5"]),
    ],
)
def test_a_column_that_shows_its_own_way_is_read_so_beside_a_proof(
    cells: list[str], held: list[str]
) -> None:
    from dataclasses import replace

    from pipelines.ingest.lookups import AMBIGUOUS, ColumnPlan, lookup
    from pipelines.ingest.quality.base import Column

    plan = replace(ColumnPlan(Column("fte", "decimal"), "nl"), number_proof=True)
    frame, _ = lookup(plan, cells, b"k" * 32)
    assert [c for c, s in zip(cells, frame["status"], strict=True) if s == AMBIGUOUS] == held
    if not held:
        assert frame["value"].tolist()[0] == 1.0


def test_an_integer_column_that_shows_its_own_way_is_read_so_beside_a_proof() -> None:
    """1.234.567 is no number in English: the column's 1,000 is 1; 1,250 beside it stays
    in doubt (1,25 is no whole number, 1250 is), without re-reading it beside a proof
    without end."""
    from dataclasses import replace

    from pipelines.ingest.lookups import AMBIGUOUS, OK, ColumnPlan, lookup
    from pipelines.ingest.quality.base import Column

    plan = ColumnPlan(Column("invited_n", "integer"), "nl")
    frame, _ = lookup(replace(plan, number_proof=True), ["1,000", "1.234.567"], b"k" * 32)
    assert frame["status"].tolist() == [OK, OK]
    assert frame["value"].tolist() == [1, 1234567]
    frame, _ = lookup(plan, ["1,250", "1.234.567", "1,000"], b"k" * 32)
    assert frame["status"].tolist() == [AMBIGUOUS, OK, OK]
    frame, _ = lookup(plan, ["1,250", "1,000"], b"k" * 32)
    assert frame["status"].tolist() == [AMBIGUOUS, AMBIGUOUS]


def test_excels_unicode_text_with_a_decimal_comma_column_loads(home: Path, tmp_path: Path) -> None:
    """helper-158: Dutch Excel's "Unicode-tekst" (UTF-16, tabs) of an fte column formatted
    0,000: 4 of 5 rows were held as ambiguous and the file refused."""
    folder = tmp_path / "in"
    lines = [EMPLOYEE_HEADER.splitlines()[0].replace(";", "\t")]
    for key, fte in (("104233", "1,000"), ("104234", "0,889"), ("104235", "1,000")):
        lines.append(employee(key, fte=fte, overtime_hours="2").strip().replace(";", "\t"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "medewerkers.txt").write_bytes(
        b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")
    )
    [result] = [r for r in run(home, folder) if r.path.name == "medewerkers.txt"]
    assert quarantined(home, "employees") == []
    assert sorted(r[0] for r in query(home, "select fte from raw_employees")) == [0.889, 1.0, 1.0]
    # said, as a column of two sources would be read whole the one way (helper-163)
    assert [str(n) for n in result.notes if "zoals de kolom zelf schrijft" in str(n)] == [
        "kolom fte: getallen die in de andere schrijfwijze iets anders zijn (zoals '1,000') "
        "gelezen zoals de kolom zelf schrijft, want daar staat ook '0,889', dat alleen zo "
        "een getal is; komt de kolom uit twee bronnen met elk een eigen schrijfwijze, leg "
        "die dan vast (number_format in de kolomkoppeling)"
    ]


@pytest.mark.parametrize(
    ("column", "cells", "way"),
    [
        (("fte", "decimal", None), ["1,000", "0,889"], ("1,000", "0,889")),
        (("fte", "decimal", None), ["0,889", "0,5"], None),  # nothing read otherwise
        (("fte", "decimal", None), ["1,000"], None),  # nothing shows the way: in doubt
        # an amount's other reading with three decimals is none: 1.443 euro is no doubt
        (("value_eur", "decimal", 2), ["1.443", "12,5"], None),
        (("value_eur", "decimal", 2), ["1.250", "12,5"], ("1.250", "12,5")),
        (("invited_n", "integer", None), ["1,000", "1.234.567"], ("1,000", "1.234.567")),
    ],
)
def test_what_a_column_read_its_own_way_is_kept_for_a_note(
    column: tuple, cells: list[str], way: tuple | None
) -> None:
    from dataclasses import replace

    from pipelines.ingest.lookups import ColumnPlan, lookup
    from pipelines.ingest.quality.base import Column

    name, kind, decimals = column
    plan = ColumnPlan(Column(name, kind, decimals=decimals), "nl")
    frame, _ = lookup(replace(plan, number_proof=True), cells, b"k" * 32)
    assert frame.attrs["own_way"] == way
