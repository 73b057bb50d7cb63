"""What ingest says about quarantined lines: the first five of a file under its count line,
each naming the file, the line, the column as the file names it and the value; a value
quoted at most 80 characters long; no control character printed to the terminal; the
same places in English (pipelines/ingest/quarantined.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.build.builder import build
from pipelines.cli.main import main
from pipelines.ingest.answer_labels import LIKERT_NL
from pipelines.ingest.lookups import ColumnPlan, lookup
from pipelines.ingest.quality.base import Column
from tests import test_ingest
from tests.test_ingest import EMPLOYEE_HEADER, employee, lenient, query, run, write

# test_ingest's fixtures: its organisation tree ingested once, a copy of it per test
org_home, home = test_ingest.org_home, test_ingest.home


def test_ingest_names_the_first_five_quarantined_lines_and_counts_the_rest(
    home: Path, tmp_path: Path
) -> None:
    """A file with 7 bad lines: its summary names the first 5 (file, line, column as the
    file calls it, value, why) and counts the other 2; a file with exactly 5 names all 5
    and counts none; a clean file names nothing."""
    mapping = write(
        tmp_path / "maps" / "personeel.mapping.yaml",
        "dataset: employees\ncolumns:\n  Dienstverband: fte\n",
    )
    header = EMPLOYEE_HEADER.replace(";fte;", ";Dienstverband;")
    bad = "".join(employee(str(104240 + i), fte=f"x{i}") for i in range(7))
    f7 = write(tmp_path / "personeel.csv", header + employee() + bad)
    [result] = build(
        path=home / "warehouse.duckdb", inputs=[f7], mappings=[mapping], catalogue=lenient()
    ).files
    lines = result.summary().splitlines()
    named = [line for line in lines if line.startswith("  quarantaine: ")]
    assert named == [
        f"  quarantaine: personeel.csv, regel {3 + i}, kolom Dienstverband, waarde 'x{i}': "
        "verwacht een getal (bijv. 12,5 of 1.234,5)"
        for i in range(5)
    ]
    assert lines[-1] == "  ... en nog 2 reden(en) in quarantaine: zie Datakwaliteit"
    english = result.summary("en").splitlines()
    assert english[1] == (
        "  quarantined: personeel.csv, line 3, column Dienstverband, value 'x0': Unreadable value"
    )
    assert english[-1].startswith("  ... and 2 more reason(s) in quarantine")

    five = "".join(employee(str(104250 + i), fte="-1") for i in range(5))
    [result] = run(home, write(tmp_path / "five" / "employees.csv", EMPLOYEE_HEADER + five))
    lines = result.summary().splitlines()
    assert sum(line.startswith("  quarantaine: ") for line in lines) == 5
    assert not any("en nog" in line for line in lines)
    assert "employees.csv, regel 6, kolom fte, waarde '-1': fte moet" in lines[-1]

    clean = write(tmp_path / "clean" / "employees.csv", EMPLOYEE_HEADER + employee("104299"))
    [result] = run(home, clean)
    assert result.summary().splitlines() == [result.summary()]


def test_a_reason_quotes_at_most_80_characters_and_ingest_prints_no_control_character(
    home: Path, tmp_path: Path
) -> None:
    """A cell of 80 characters is quoted whole, one of 81 cut to 80 and said to be;
    quarantine.value keeps both whole. An escape sequence in a cell reaches the terminal
    as its code, not as the sequence."""
    rows = employee("104261", fte="x" * 80) + employee("104262", fte="y" * 81)
    rows += employee("104263", fte="\x1b[31mrood")
    [result] = run(home, write(tmp_path / "employees.csv", EMPLOYEE_HEADER + rows))
    reasons = query(home, "select value, reason from quarantine order by line")
    assert reasons[0] == (
        "x" * 80,
        f"employees.csv, regel 2, kolom fte, waarde '{'x' * 80}': "
        "verwacht een getal (bijv. 12,5 of 1.234,5)",
    )
    assert reasons[1][0] == "y" * 81
    assert f"waarde '{'y' * 80}' (ingekort): verwacht" in reasons[1][1]
    printed = result.summary()
    assert "\x1b" not in printed and "waarde '\\x1b[31mrood'" in printed


def test_the_rest_is_counted_in_reasons_when_lines_break_two_rules(
    home: Path, tmp_path: Path
) -> None:
    """Three lines each breaking two rules (fte and sick_days): six reasons, five named
    (lines 2, 2, 3, 3, 4), one more counted; one line breaking six rules: five named,
    one counted, though the file has a single quarantined line."""
    rows = "".join(employee(str(104270 + i), fte="veel", sick_days="x") for i in range(3))
    [result] = run(home, write(tmp_path / "two" / "employees.csv", EMPLOYEE_HEADER + rows))
    named = [line for line in result.summary().splitlines() if line.startswith("  quarantaine:")]
    assert [line.split(", ")[1] for line in named] == ["regel 2"] * 2 + ["regel 3"] * 2 + [
        "regel 4"
    ]
    assert result.summary().splitlines()[-1].startswith("  ... en nog 1 reden(en)")
    six = employee(
        "104280",
        fte="a",
        sick_days="b",
        overtime_hours="c",
        leave_days="d",
        longest_leave_block_days_12m="e",
        hire_date="f",
    )
    [result] = run(home, write(tmp_path / "six" / "employees.csv", EMPLOYEE_HEADER + six))
    assert result.rows_quarantined == 1
    assert result.summary().splitlines()[-1].startswith("  ... en nog 1 reden(en)")


def test_a_file_name_with_an_escape_sequence_reaches_the_terminal_as_its_code(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """radar ingest prints a file's name and its quarantined cells with every control
    character (and bidi control) as its code; the lines themselves stay lines."""
    folder = tmp_path / "in"
    write(folder / "employees\x1b[32mGROEN\u202e.csv", EMPLOYEE_HEADER + employee(fte="veel"))
    main(["ingest", str(folder)])
    out = capsys.readouterr()
    printed = out.out + out.err
    assert "\x1b" not in printed and "\u202e" not in printed
    assert "employees\\x1b[32mGROEN\\u202e.csv" in printed
    assert len(printed.splitlines()) > 3


@pytest.mark.parametrize(("length", "cut"), [(80, False), (81, True)])
def test_an_unknown_answer_label_is_quoted_at_most_80_characters(length: int, cut: bool) -> None:
    """The reasons whose note quotes the value itself (an unknown answer label) follow the
    same 80-character rule as the others."""
    plan = ColumnPlan(
        Column("answer", "integer"),
        "nl",
        answer_labels=LIKERT_NL,
        answer_label_set="likert_nl",
    )
    frame, _ = lookup(plan, ["z" * length], b"k" * 32)
    note = frame["note"].iloc[0]
    assert note.startswith(f"'{'z' * 80}'{' (ingekort)' if cut else ''} is geen bekend")
