"""A unit written by its name, not its code (helper-262): an HR export's `Verhuur Noord`
was 'geen bekende organisatie-eenheid', and nothing said that it is unit VH-N's name. It
is still quarantined (a name is not matched: two units may share one, and the mapping's
``values`` is the user's word), and the reason names the unit and the mapping that reads
it so; a name as the newest org export has it, without case, accents or spaces about it."""

from __future__ import annotations

from pathlib import Path

from tests.test_ingest import EMPLOYEE_HEADER, ORG, employee, query, run, write

WAY = "zo gelezen met values: {org_unit: {'%s': %s}}"


def reasons(home: Path) -> list[tuple[int, str]]:
    return query(
        home,
        "select line, reason from quarantine where dataset = 'employees' "
        "and \"column\" = 'org_unit' order by line",
    )


def test_a_unit_written_by_its_name_is_said_to_be_that_unit(tmp_path: Path) -> None:
    home = tmp_path / "home"
    run(home, write(tmp_path / "org" / "org.csv", ORG))
    cells = ["VH-N", "Verhuur Noord", " verhuur noord ", "Verhuur", "Verhuur Oost"]
    rows = "".join(employee(f"10000{n}", org_unit=c) for n, c in enumerate(cells))
    mapping = write(tmp_path / "hr" / "hr.mapping.yaml", "dataset: employees\nfiles: ['hr.csv']\n")
    [result] = run(
        home, write(tmp_path / "hr" / "hr.csv", EMPLOYEE_HEADER + rows), mappings=[mapping]
    )
    assert (result.rows_loaded, result.rows_quarantined) == (1, 4)
    said = dict(reasons(home))
    assert "dat is de naam van eenheid VH-N; " + WAY % ("Verhuur Noord", "VH-N") in said[3]
    assert "dat is de naam van eenheid VH-N; " + WAY % ("verhuur noord", "VH-N") in said[4]
    assert "dat is de naam van eenheid VH; " + WAY % ("Verhuur", "VH") in said[5]
    assert "naam van eenheid" not in said[6]  # no unit's name: the reason as before
    # the way out the reason names reads it so
    again = write(
        tmp_path / "hr2" / "hr.mapping.yaml",
        "dataset: employees\nfiles: ['hr.csv']\nvalues: {org_unit: {'Verhuur Noord': VH-N}}\n",
    )
    one = employee("100009", org_unit="Verhuur Noord")
    [fixed] = run(home, write(tmp_path / "hr2" / "hr.csv", EMPLOYEE_HEADER + one), mappings=[again])
    assert (fixed.rows_loaded, fixed.rows_quarantined) == (1, 0)


def test_the_newest_name_of_a_unit_is_the_one_said(tmp_path: Path) -> None:
    """A unit renamed in a later org export (Verhuur Noord to Wijkteam Noord): the new
    name is the unit's; the old one no longer says it."""
    home = tmp_path / "home"
    run(home, write(tmp_path / "org1" / "org.csv", ORG))
    renamed = ORG.replace("Verhuur Noord", "Wijkteam Noord")
    run(home, write(tmp_path / "org2" / "org.csv", renamed))
    rows = employee("100001", org_unit="Wijkteam Noord") + employee(
        "100002", org_unit="Verhuur Noord"
    )
    run(home, write(tmp_path / "hr" / "hr.csv", EMPLOYEE_HEADER + rows))
    said = dict(reasons(home))
    assert "naam van eenheid VH-N" in said[2] and "naam van eenheid" not in said[3]


def test_a_name_with_a_quote_or_of_two_units_is_said_as_it_can_be_read(tmp_path: Path) -> None:
    """helper-265 F4: the way out for 's-Hertogenbosch was no YAML ('' before the name),
    and a name two units share named one of them: the quote is doubled, and both units
    are named, without a mapping to choose between them."""
    import yaml

    home = tmp_path / "home"
    org = (
        "org_unit;name;parent_unit;level\nWH;Woonstichting;;organisatie\n"
        "DB;'s-Hertogenbosch;WH;afdeling\nN1;Noord;WH;afdeling\nN2;NOORD;WH;afdeling\n"
    )
    run(home, write(tmp_path / "org" / "org.csv", org))
    rows = employee("100001", org_unit="'s-Hertogenbosch") + employee("100002", org_unit="noord")
    run(home, write(tmp_path / "hr" / "hr.csv", EMPLOYEE_HEADER + rows))
    said = dict(reasons(home))
    way = said[2].split("zo gelezen met ", 1)[1].split("):", 1)[0]
    assert yaml.safe_load(way) == {"values": {"org_unit": {"'s-Hertogenbosch": "DB"}}}
    assert "dat is de naam van de eenheden N1, N2: noem de juiste" in said[3]
