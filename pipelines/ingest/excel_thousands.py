"""Numbers Dutch Excel made of an English export's decimals (helper-225), and English
Excel of a Dutch one's (helper-248).

An export written with a decimal point (`number_format: en`) opened in Dutch Excel and
saved as a workbook: Excel reads each text as a Dutch number, the point as the thousands
separator, and makes a number cell of what it can (`1.500`, meant 1,5 hours, becomes the
number 1500; `12.250` becomes 12250) and leaves the rest as text (`0.750`, `2.5`). Under
the mapping's `number_format: en` the text was read right and the number cells as Excel
made them, a thousand times too large, without a word. So in a column the mapping reads
in English whose text cells hold such a decimal, a number cell that is a whole number of
four to six digits (what `1.000` to `999.999` become) is no certain number:
`ambiguous_number`, with both readings. Number cells alone are numbers: nothing says
Excel made them.

The mirror (helper-248): a Dutch export opened in Excel set to English reads `1.500`
(1500 euro) as 1,5 and leaves `12,50` and `1.234,56` as text. Read the Dutch way (the
default), a column whose text cells hold a decimal comma and whose number cells have
one to three decimals after one to three digits (what `1.001` to `999.999` become) is
said in a note, naming those lines: they are loaded as the workbook holds them. Not
quarantined: a workbook kept by hand with one number pasted as text beside typed ones
looks the same, and quarantine refused all of it (helper-249: 255 of 538 gifts held
for one text cell '12,50', the file refused). Nor is a whole number cell said (1.000
becomes 1): no cell tells it from a 1 typed.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pandas as pd

from pipelines.core.texts import Message
from pipelines.ingest.key_numbers import SPACES_SQL
from pipelines.ingest.parsing import parse_column, show_number, strip_currency
from pipelines.ingest.quarantined import quoted
from pipelines.ingest.source_table import SourceTable, sql_text

# a text cell with a decimal point: what Dutch Excel leaves as text, or reads as thousands
POINT_DECIMAL = rf"{SPACES_SQL}*-?[0-9]+\.[0-9]+{SPACES_SQL}*"
# a whole number cell Excel may have made of 1.000 to 999.999 (and its .0)
THOUSANDS = r"-?[0-9]{4,6}(?:\.0+)?"

# the mirror: a number cell English Excel may have made of 1.500 to 999.999 (1,5 to
# 999,999; not 0.750, which no Dutch tool groups), beside a text cell the Dutch parser
# reads as a number with a decimal comma (_dutch_proof: as the column's own cells are
# read, an amount's euro sign, brackets, -/- and all; helper-249, helper-251, helper-252:
# a pattern of its own took text the parser refused, and missed text it read)
FRACTION = r"-?[1-9][0-9]{0,2}\.[0-9]{1,3}"
DECIMAL_COMMA = ",[0-9]"  # what a candidate holds, in SQL, before the parser is asked
PROOFS_ASKED = 100  # candidates, the first by line, asked of the parser

NOTE = (
    "een getalcel van de werkmap in een kolom met tekstgetallen met een "
    "decimale punt (zoals {proof}), en de kolomkoppeling zegt number_format: en: Excel "
    "leest zulke tekst als een Nederlands getal, met de punt als duizendtal, en maakt er "
    "een getal van waar het kan, dus dit kan ook {reading} zijn. Niet geraden: open de "
    "export als tekst, of schrijf de getallen in één notatie"
)
# per convention the column is read in: the number cells Excel may have made of a
# thousand (quarantined under en, said under nl)
RULES = {"en": THOUSANDS, "nl": FRACTION}
LINES_SAID = 5


def excel_thousands(
    con: duckdb.DuckDBPyConnection, source: SourceTable, rename: dict[str, str], plans: list
) -> list[str]:
    """Quarantine rows (as the checks' parse failures) of such number cells, per column
    the mapping reads in English; a note on those of a column read the Dutch way."""
    out = []
    for plan in plans:
        if plan.column.type not in ("integer", "decimal"):
            continue
        if plan.number_format not in RULES:  # the mapping's: Dutch is the default
            continue
        made = RULES[plan.number_format]
        header = next((h for h, c in rename.items() if c == plan.column.name), None)
        flag = source.number_flag(header) if header in source.header else None
        if flag is None:
            continue
        cell = f"s.{source.column(header)}"
        if plan.number_format == "nl":
            if found := _dutch_proof(con, source, (cell, flag), plan.column.decimals):
                said = (quoted(found[0].strip()), found[1])
                _say_fractions(con, source, header, (cell, flag, made), said)
            continue
        first = con.execute(
            f"select {cell} from {source.name} as s where not s.{flag}"
            f" and regexp_full_match({cell}, {sql_text(POINT_DECIMAL)}) order by s._line limit 1"
        ).fetchall()
        if not first:
            continue
        [(proof,)] = first
        found = con.execute(
            f"select distinct {cell} from {source.name} as s where s.{flag}"
            f" and regexp_full_match(trim({cell}), {sql_text(made)})"
        ).fetchall()
        if not found:
            continue
        # one select per column, not one per such cell (an amounts column may hold
        # thousands of them, each a part of the checks' union to plan)
        proof_text = quoted(proof.strip())
        readings = [(number, show_number(Decimal(number.strip()) / 1000)) for (number,) in found]
        notes = ", ".join(
            f"({sql_text(number)}, {sql_text(NOTE.format(proof=proof_text, reading=reading))})"
            for number, reading in readings
        )
        out.append(
            f"""select s._rid, {sql_text(plan.column.name)} as "column",
                'ambiguous_number' as reason_code, p.why as reason,
                false as says_value, cast(null as integer) as rule
            from {source.name} as s join (values {notes}) as p (k, why) on {cell} = p.k
            where s.{flag}"""
        )
    return out


def _dutch_proof(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    cells: tuple[str, str],
    decimals: int | None,
) -> tuple[str, int] | None:
    """The first text cell (and its line) of a column (``cells``: the cell, its number
    flag) that the Dutch parser reads as a number with a decimal comma, as it reads the
    column's cells (an amount, of ``decimals``, without its euro sign), or None."""
    cell, flag = cells
    rows = con.execute(
        f"select {cell}, min(s._line) as line from {source.name} as s where not s.{flag}"
        f" and regexp_matches({cell}, '{DECIMAL_COMMA}') group by all order by line"
        f" limit {PROOFS_ASKED}"
    ).fetchall()
    if not rows:
        return None
    texts = pd.Series([text for text, _ in rows], dtype=object)
    read = texts.map(strip_currency) if decimals is not None else texts
    parsed = parse_column(read, "decimal", "nl", decimals=decimals)
    doubt = parsed.ambiguous if parsed.ambiguous is not None else False
    ok = (~parsed.invalid & parsed.values.notna() & ~doubt).to_numpy(dtype=bool)
    return next((row for row, good in zip(rows, ok, strict=True) if good), None)


def _say_fractions(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    header: str,
    cells: tuple[str, str, str],
    proof: tuple[str, int],
) -> None:
    """The note on a column read the Dutch way: its number cells English Excel may have
    made of a Dutch thousand (``cells``: the cell, its number flag, the pattern), counted,
    with their first lines, and the first text cell with a decimal comma (``proof``: as
    quoted, and its line)."""
    cell, flag, made = cells
    count, lines = con.execute(
        f"select count(*), list(s._line order by s._line)[1:{LINES_SAID}] from {source.name}"
        f" as s where s.{flag} and regexp_full_match(trim({cell}), {sql_text(made)})"
    ).fetchall()[0]
    if count:
        said = ", ".join(str(n) for n in lines) + (", ..." if count > LINES_SAID else "")
        source.notes.append(
            Message(
                "note.english_excel_fractions",
                locale_file="ingest",
                column=header,
                count=count,
                lines=said,
                proof=proof[0],
                proof_line=proof[1],
            )
        )
