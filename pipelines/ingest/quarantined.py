"""What ingest says about a quarantined line: the file, the line, the column as the file
names it, the value (at most SHOWN_CHARS of it) and why; in Dutch as the warehouse keeps
it (``quarantine.reason``, built in SQL by checks), in another language from the same
parts (``Quarantined.said``). ``radar ingest`` names a file's first QUARANTINE_EXAMPLES
lines, control characters printed as their code (``printable``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from pipelines.core.texts import messages
from pipelines.ingest.source_table import SourceTable, _new_name, sql_text

# A reason quotes at most this many characters of a value (quarantine.value keeps it whole).
SHOWN_CHARS = 80


def quoted(value: str) -> str:
    """A value as a reason quotes it: at most SHOWN_CHARS characters, said when cut (the
    same rule as the SQL that writes the other reasons, checks._check_rules)."""
    cut = " (ingekort)" if len(value) > SHOWN_CHARS else ""
    return f"'{value[:SHOWN_CHARS]}'{cut}"


def column_in_file(source: SourceTable, rename: dict[str, str]) -> str:
    """SQL for a failure's column as the file names it, for its quarantine reason (in a
    wide export, the column the answer stood in: ``s._source``)."""
    header_of = {canonical: header for header, canonical in rename.items()}
    from_source = {rename.get(h, h) for h in source.header[-2:]} if source.unpivoted else set()
    cases = " ".join(
        f"when {sql_text(c)} then "
        + (f"coalesce(s._source, {sql_text(h)})" if c in from_source else sql_text(h))
        for c, h in header_of.items()
    )
    return f'case f."column" {cases} else f."column" end' if cases else 'f."column"'


def in_file_names(source: SourceTable, rename: dict[str, str]) -> Callable[[str], str]:
    """What writes a reason with each column a mapping renames as the file names it,
    quoted ('Datum in functie' ligt vóór 'Datum in dienst'), as the line's own column
    already is (helper-193: role_start_date and hire_date are in no file of the user's);
    a wide export's item and value as its header and its cell (helper-202). Not where a
    reason shows a mapping's own text, which names the contract column ({giver_type: ...},
    [fte], {{answer}}), nor a unit after a number (0,8 fte). Applied to the rules' texts
    before they run and to the few reasons of the cells that could not be read
    (rename_reasons), not to every failing row's reason: a file of 2.8 million answers,
    every key twice, had as many distinct reasons (each names its twin's line), and
    renaming them took 1.5 GB (helper-201)."""
    wide = {rename.get(h, h) for h in source.header[-2:]} if source.unpivoted else set()
    said = {
        canonical: f"'{header.strip()}'"
        for header, canonical in rename.items()
        if canonical not in wide and header.strip().casefold() != canonical
    }
    if source.unpivoted:  # a wide export's item is a column's header, its value the cell
        # (helper-202: 'answer moet 1 tot en met 5 zijn' in a file without that column)
        item, value = (rename.get(h, h) for h in source.header[-2:])
        said |= {item: "de kolomkop", value: "de waarde in deze kolom"}
    if not said:
        return lambda reason: reason
    pattern = "|".join(re.escape(c) for c in sorted(said, key=len, reverse=True))
    named = re.compile(rf"(?<![\w{{\[])(?<![0-9] )({pattern})(?![\w}}\]])")  # 0,8 fte
    return lambda reason: named.sub(lambda m: said[m[1]], reason)


def rename_reasons(
    con: duckdb.DuckDBPyConnection, unread: str, in_file: Callable[[str], str], names: str
) -> None:
    """The temp table ``names`` (old, new) for the quarantine statement to join: the
    reasons of ``unread`` (cells that could not be read: a reason per distinct cell at
    most) written by ``in_file``. Not an update of the failures: DuckDB keeps updated
    strings in memory it cannot spill (a survey of 1.4 million rows all quarantined, read
    before its org units, ran a build out of memory and was said to be too large)."""
    con.execute(f"create temp table {names} (old varchar, new varchar)")
    reasons = con.execute(f"select distinct reason from {unread} where reason is not null")
    changed = {r: new for (r,) in reasons.fetchall() if (new := in_file(r)) != r}
    if changed:
        frame = pd.DataFrame({"old": list(changed), "new": list(changed.values())})
        con.register("_reasons_in_file_names", frame)
        con.execute(f"insert into {names} select old, new from _reasons_in_file_names")
        con.unregister("_reasons_in_file_names")


# A rule's reason may quote its own column ({{answer}}, rule_sql.reason_sql): as the file
# writes it, as a mapping's values match it ('09', not the 9 it was read as; helper-191),
# filled in with the quarantine's value
OWN_VALUE_SQL = """replace(reason, '{{' || "column" || '}}', coalesce(left(trim(value), 40), ''))"""

# A file's quarantine rows, as checks.check_source makes them (and the table of none)
QUARANTINE_COLUMNS = (
    'line bigint, "column" varchar, value varchar, reason_code varchar, reason varchar, '
    "file_column varchar"
)


@dataclass(frozen=True)
class Where:
    """Where a file's quarantine rows come from: its table and the names its columns
    were read by (rename), the failures by _rid, the reasons in the file's own names
    (rename_reasons) and the joins to the cells' lookups (checks.check_source)."""

    source: SourceTable
    rename: dict[str, str]
    failures: str
    names: str
    joins: list[str]


def quarantine_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    where: Where,
    shown_of: dict[str, str],
    written_of: dict[str, str],
    failing: int,
    truncated: str,
) -> None:
    """The temp table ``table`` of a file's quarantine rows (QUARANTINE_COLUMNS): each
    failure's line, column, value as the file shows it (``shown_of``; a label values
    translated as written: ``written_of``) and reason, and each line with too few or too
    many fields (reason code ``truncated``). ``failing``: the rows that failed; with
    none, and no such line, the table is made empty without planning the statement (most
    files)."""
    source = where.source
    if not failing and not source.malformed:
        con.execute(f"create temp table {table} ({QUARANTINE_COLUMNS})")
        return
    shown = " ".join(f"when {sql_text(c)} then {e}" for c, e in shown_of.items())
    label = " ".join(f"when {sql_text(c)} then {e}" for c, e in written_of.items())
    label = f'case f."column" {label} end' if label else "cast(null as varchar)"
    file_column, quote = column_in_file(source, where.rename), sql_text("'")
    at_line = f"{sql_text(source.path.name + ', regel ')} || line"
    malformed = malformed_frame(source, truncated, where.rename)
    mf = _new_name("malformed")
    con.register(mf, malformed)
    con.execute(
        f"""create temp table {table} as
        select line, "column", value, reason_code, reason, file_column from (
            select line, "column", value, reason_code,
                {at_line} || coalesce(', kolom ' || nullif(file_column, ''), '')
                    || case when says_value then '' else ', waarde '
                    -- a label values translated: the file's, and what it became (helper-193)
                    || coalesce({quote} || left(written, {SHOWN_CHARS}) || {quote}
                        || ' (values maakt er ' || coalesce({quote} || value || {quote},
                            'een lege cel') || ' van)',
                        {quote} || left(value, {SHOWN_CHARS}) || {quote}
                        || case when length(value) > {SHOWN_CHARS} then ' (ingekort)'
                            else '' end, 'leeg') end || ': ' || {OWN_VALUE_SQL}
                    as reason,
                file_column, rid
            from (
                select s._line as line, f."column", case f."column" {shown} end as value,
                    {label} as written,
                    f.reason_code, coalesce(n.new, f.reason) as reason, f.says_value, f._rid as rid,
                    {file_column} as file_column
                from {where.failures} as f join {source.name} as s on s._rid = f._rid
                left join {where.names} as n on n.old = f.reason {" ".join(where.joins)}
            )
            union all
            select cast(line as integer), cast("column" as varchar), cast(value as varchar),
                cast(reason_code as varchar), {at_line} || ': ' || reason, '', null
            from {mf}
        ) order by line, "column", rid"""
    )
    con.unregister(mf)


def malformed_frame(
    source: SourceTable, reason_code: str, rename: dict[str, str] | None = None
) -> pd.DataFrame:
    """The lines with more or fewer fields than the header, as quarantine rows."""
    keys = [h for h, c in (rename or {}).items() if c.endswith("_key")]  # pseudonymised
    keys += [h for h in source.header if h.strip().casefold().endswith("_key")]  # unread too
    return pd.DataFrame(
        [
            (line, "", *_malformed(source, line, n, w, keys), reason_code)
            for line, n, w in source.malformed
        ],
        columns=["line", "column", "value", "reason", "reason_code"],
    )[["line", "column", "value", "reason_code", "reason"]]


def _malformed(
    source: SourceTable, line: int, n: int, w: int, keys: list[str]
) -> tuple[str | None, str]:
    """A malformed line's value (its fields beyond the header's, as written) and reason:
    the count, and the columns it stops before or what follows the last column
    (helper-202: 'regel heeft 7 velden, de kop heeft er 6' named neither). Never a
    person's key: a value shifted to the right (a ; in an unquoted value) may put any
    later column's value past the header, so in a file with a key column (``keys``, the
    file's names of its ``*_key`` columns, read or not) the fields there are not shown,
    as a key is pseudonymised wherever else it is stored (helper-203: an employee number
    in quarantine as written; helper-204: a shift of two with a field left off, and a
    manager_key column the contract does not read)."""
    said = f"regel heeft {n} {'veld' if n == 1 else 'velden'}, de kop heeft er {w}"
    fields = source.bad_fields.get(line)
    # a wide export's line as its header has it (helper-268 F6: said bare, unpivoted)
    header = source.wide_header or source.header
    if fields is None or len(fields) != n or n == 0 or len(header) != w:
        return None, said

    def named(i: int) -> str:  # a nameless column by its number
        return f"'{header[i].strip()}'" if header[i].strip() else f"kolom {i + 1}"

    if n < w:
        gone = [named(i) for i in range(n, w)]
        more = f" en nog {len(gone) - 3}" if len(gone) > 4 else ""
        gone = ", ".join(gone[:3] if more else gone) + more
        after = named(n - 1) if not header[n - 1].strip() else f"kolom {named(n - 1)}"
        return None, f"{said}: na {after} houdt de regel op, zonder {gone}"
    if source.format == "xlsx":  # cells, not fields: nothing shifts in a workbook
        return _beside(header, line, fields, w, keys)
    sep = source.delimiter or ";"
    # as written: a field with the delimiter or a quote in it quoted, as CSV quotes it
    extra = [
        f'"{f.replace(chr(34), chr(34) * 2)}"' if sep in f or '"' in f else f for f in fields[w:]
    ]
    rest = sep.join(extra)
    last = f"na de laatste kolom, {named(w - 1)}"
    if not rest.strip(sep + " "):
        return rest, (
            f"{said}: {last}, staan nog lege velden (een {sep} aan het eind van alleen deze regel?)"
        )
    if keys:
        whose = ", ".join(f"'{h.strip()}'" for h in dict.fromkeys(keys))
        return None, (
            f"{said}: {last}, staat nog een waarde, niet getoond: het kan die van {whose} "
            f"zijn, een persoonssleutel (een {sep} in een waarde zonder aanhalingstekens?)"
        )
    hint = f"(een {sep} in een waarde zonder aanhalingstekens?)"
    return rest, f"{said}: {last}, staat nog {quoted(rest)} {hint}"


def _beside(
    header: list[str], line: int, cells: list[str], width: int, keys: list[str]
) -> tuple[str | None, str]:
    """A workbook's row with a value right beside the table, in a column without a name
    in the header: the cells by their place (J4) and what they hold, and the ways out
    (helper-253 F2: a remark in J4 got 'regel heeft 10 velden, de kop heeft er 9', a
    CSV's words, naming no cell). In a file with a person's key (``keys``) what they
    hold is not shown: a column without a name may hold personnel numbers, and a key is
    stored pseudonymised wherever else it is (helper-255 F5)."""
    from openpyxl.utils import get_column_letter

    filled = [
        (get_column_letter(i + 1), c) for i, c in enumerate(cells) if i >= width and c.strip()
    ]
    if keys:
        shown = ", ".join(f"{letter}{line}" for letter, _ in filled) + " een waarde (niet getoond)"
    else:
        shown = ", ".join(f"{letter}{line} {quoted(c)}" for letter, c in filled)
    last = header[width - 1].strip() or f"kolom {width}"
    return None if keys else "; ".join(c for _, c in filled), (
        f"naast de tabel, direct na de laatste kolom met een naam ('{last}'), staat {shown}, "
        "in een kolom zonder naam in de kop: een opmerking? Zet die na een lege kolom (dan "
        "wordt hij overgeslagen, met een melding) of geef de kolom een naam in de kop"
    )


def shares(share: float, limit: float) -> tuple[str, str]:
    """A refused file's share of quarantined rows and the limit it is over, as percents
    with as many decimals as show the difference (helper-201: 10001 of 100000 rows was
    '(10%), meer dan de grens van 10%'): 10,001% against 10%."""
    said = f"{limit * 100:g}%"
    start = len(said.rstrip("%").partition(".")[2])  # at least the limit's decimals
    for places in range(start, 6):
        shown = f"{share:.{places}%}"
        # over the limit as it is said (0.29 * 100 is 28.999999999999996: helper-203)
        if float(shown.rstrip("%")) > float(said.rstrip("%")):
            break
    if "." in shown:  # 13,0% is 13%
        shown = shown.rstrip("%").rstrip("0").rstrip(".") + "%"
    return shown.replace(".", ","), said.replace(".", ",")


# how many quarantined lines of a file ingest names (Datakwaliteit shows them all)
QUARANTINE_EXAMPLES = 5
# Control characters in a value (a terminal's escape sequences among them) are printed
# as their code, never sent to the terminal as they are.
# Bidi controls (U+202E turns the rest of a line around) too, and the other invisible
# format characters (a zero-width space, a soft hyphen, a byte order mark: helper-101, a
# value that looked exactly like an allowed code held one).
_BIDI = (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_INVISIBLE = (0xAD, 0x061C, 0x180E, *range(0x200B, 0x200E), *range(0x2060, 0x2065), 0xFEFF)
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}
_CONTROL.update({c: f"\\u{c:04x}" for c in (*_BIDI, *_INVISIBLE)})


def printable(text: str) -> str:
    """``text`` with every control character written as its code."""
    return text.translate(_CONTROL)


def terminal_safe(text: str) -> str:
    """``text`` for a terminal: its lines kept, any other control character as its code."""
    return "\n".join(printable(line) for line in text.split("\n"))


@dataclass(frozen=True)
class Quarantined:
    """A quarantined line as ingest names it: the column as the file names it, the value
    as quarantine shows it, and why (``reason``: the Dutch the warehouse keeps)."""

    line: int
    column: str
    value: str | None
    reason_code: str
    reason: str

    def said(self, file: str, lang: str) -> str:
        """The Dutch reason as stored; in another language the same places with the
        reason's label (the rules' own words are Dutch only)."""
        if lang == "nl":
            return self.reason
        from pipelines.core.labels import label

        parts = [say_in(lang, "at_line", file=file, line=self.line)]
        if self.column:
            parts.append(say_in(lang, "at_column", column=self.column))
            if self.value is None:
                parts.append(say_in(lang, "empty_value"))
            else:
                cut = len(self.value) > SHOWN_CHARS
                value = self.value[:SHOWN_CHARS]
                parts.append(say_in(lang, "cut_value" if cut else "at_value", value=value))
        return ", ".join(parts) + ": " + label("reason", self.reason_code, lang)


def say_in(lang: str, key: str, **values: object) -> str:
    return messages("ingest")[f"quarantined.{key}"][lang].format(**values)


# --- results ------------------------------------------------------------------------


def first_quarantined(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[Quarantined], int]:
    """The first QUARANTINE_EXAMPLES reasons of a checked file's quarantine ``table`` (a
    line breaking two rules has two), and how many reasons it holds in all. A reason is
    said once per line: the answer rows of one line of a wide export that fail for the
    same cell (an unknown unit in the id column) are one reason, not one per answer."""
    # a value as far as it is shown (and whether it is cut): a value of 200 MB, distinct,
    # ran the refused file's report out of memory, a traceback (helper-269 F6)
    value = f"left(value, {SHOWN_CHARS + 1}) as value"
    reasons = (
        f'select distinct line, "column", file_column, {value}, reason_code, reason from {table}'
    )
    rows = con.execute(
        f"select line, file_column, value, reason_code, reason from ({reasons}) "
        f'order by line, "column", file_column, value limit {QUARANTINE_EXAMPLES}'
    ).fetchall()
    total = con.execute(f"select count(*) from ({reasons})").fetchall()[0][0]
    return [Quarantined(*row) for row in rows], total


def store_quarantine(
    con: duckdb.DuckDBPyConnection,
    checked: Any,
    source: str,
    content_hash: str,
    now: dt.datetime,
) -> None:
    """A file's quarantine rows into the warehouse's quarantine, each with the person of
    its line as a pseudonym (its employee_key) and, of an HR line, its month: whose HR
    lines are quarantined, for int_quality__unlinked_rows (helper-266: such a person's
    rows were said to be by nobody in the HR data; helper-267 F2: one month's line, not
    employed that month). A line with too few or too many fields has none (its cells
    were never read as columns)."""
    columns = checked.spec.column_names
    person = "p.k" if "employee_key" in columns else "null"
    month = "p.m" if "snapshot_month" in columns else "cast(null as date)"
    picked = ", ".join(
        f"any_value({c}) as {a}"
        for c, a in (("employee_key", "k"), ("snapshot_month", "m"))
        if c in columns
    )
    # the quarantined lines' alone (not a group of every row of a clean file)
    lines = f"where _line in (select line from {checked.quarantine})"
    joined = (
        f"left join (select _line, {picked} from {checked.typed} {lines} group by 1) as p "
        "on p._line = q.line"
        if picked
        else ""
    )
    con.execute(
        f"""insert into quarantine by name
        select q.* exclude (file_column), ? as dataset, ? as source_file, ? as content_hash,
            ? as ingested_at, {person} as person_key, {month} as person_month
        from {checked.quarantine} as q {joined}""",
        [checked.spec.name, source, content_hash, now],
    )
