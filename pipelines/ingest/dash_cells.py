"""A dash alone in a number column, beside numbers: read as empty (the README's "no
value" dash), yet Excel's number format 0;-0;- saved as CSV writes a zero so (helper-185:
three employees whose longest leave block was 0 days came in empty, and
KRI-HR-NO-LEAVE-BLOCK, which counts only filled cells, left them out without a word).
Which it is, no cell can tell: not guessed, said per column with its lines and the
mapping's way out (``values: {column: {"-": 0}}``)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Any

import duckdb

from pipelines.core.texts import Message
from pipelines.ingest.codes import code_key
from pipelines.ingest.key_numbers import SPACES_SQL
from pipelines.ingest.none_words import NULL_MARKERS
from pipelines.ingest.parsing import INVISIBLE_SQL
from pipelines.ingest.quality.base import DatasetSpec, SuiteContext
from pipelines.ingest.source_table import SourceTable, sql_text

# The dashes the reader takes for a hyphen as it matches the words for no value (lookups'
# _is_marker: NFKC, then code_key): the en and em dash a format may show, their small and
# full-width forms, the hyphens (HYPHENS); a cell begins with one of DASH_CHARS, as the
# words do, so the figure dash or the non-breaking hyphen alone is refused, and after a
# dash read as one (helper-251 F6: '––' was '--', empty, and unsaid; helper-252 F5)
HYPHENS = "".join(
    chr(c)
    for c in itertools.chain(range(0x2010, 0x2016), range(0xFE30, 0xFE70), range(0xFF0D, 0xFF0E))
    if code_key(unicodedata.normalize("NFKC", chr(c))) == "-"
)
DASH_CHARS = "".join(
    c for c in HYPHENS if unicodedata.normalize("NFKC", c)[0] in {m[0] for m in NULL_MARKERS}
)
# the words for no value that are dashes alone, as code_key reads them: - and -- (helper-
# 250: '--', a format's zero as '-' is, was read as empty without a word)
DASHES = tuple(sorted({code_key(m) for m in NULL_MARKERS if set(code_key(m)) == {"-"}}))
# Excel's accounting format (parsing.accounting_zeros, in RE2): its padded numbers and
# its zero, a dash between spaces, read as 0 where the padded numbers are the most
PADDED, PADDED_ZERO, UNPADDED = r" +\(?-?[0-9][0-9., ]*\)? +", " +[-\u2013] +", r"\S*[0-9]\S*"
LINES_SHOWN = 5
# Every cell that plain_sql may make a dash or two (and more): dashes with spaces and
# invisible characters about them, in RE2
_AROUND = f"{SPACES_SQL}|{INVISIBLE_SQL}"
MAYBE_DASH = f"(?:{_AROUND})*[-{DASH_CHARS}](?:[-{HYPHENS}]|{_AROUND})*"


def zero_refused(spec: DatasetSpec, ctx: SuiteContext | None) -> set[str]:
    """The number columns whose rules refuse a 0 (a rank of at least 1): there a dash
    cannot be Excel's zero, and the way out (``'-': 0``) would be refused (helper-262
    F7): the dashes read as empty are said without it."""
    if ctx is None:
        return set()
    refused = set()
    for rule in spec.suite_rules(ctx):
        kw = rule.expectation.kwargs
        low = kw.get("min_value")
        if rule.expectation.type == "expect_column_values_to_be_between" and low is not None:
            if low > 0 or (low == 0 and kw.get("strict_min")):
                refused.add(kw["column"])
    return refused


def dash_notes(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    spec: DatasetSpec,
    rename: dict[str, str],
    mapping: Any,
    ctx: SuiteContext | None = None,
) -> list[Message]:
    """Per number column with a dash alone beside a number: a note with the dashes'
    count, first lines and the mapping's way out. Not for a dash the mapping's ``values``
    says what it is; in a column where 0 is refused (``ctx``: the rules' context), without
    the way out."""
    numeric = {c.name for c in spec.columns if c.type in ("integer", "decimal")}
    said = getattr(mapping, "values", None) or {}
    # per column the dashes its mapping's values do not say what they are
    columns = [
        (header, name, ", ".join(sql_text(d) for d in unsaid))
        for header, name in rename.items()
        if name in numeric
        and (
            unsaid := [d for d in DASHES if d not in {code_key(str(k)) for k in said.get(name, {})}]
        )
    ]
    if columns:  # first the columns with a dash at all (one cheap pass, most have none:
        # a regular expression of every cell a dash may be, not the exact test per cell)
        found = ", ".join(
            f"bool_or(regexp_full_match(s.{source.column(h)}, {sql_text(MAYBE_DASH)}))"
            for h, _, _ in columns
        )
        row = con.execute(f"select {found} from {source.name} as s").fetchone()
        columns = [c for c, dash in zip(columns, row, strict=True) if dash]
    if not columns:
        return []
    no_zero = zero_refused(spec, ctx)  # said without the way out (helper-264 F7)
    parts = []
    for header, _, dashes in columns:
        raw = f"s.{source.column(header)}"
        zero = f"regexp_full_match({raw}, '{PADDED_ZERO}')"
        lone = f"{plain_sql(raw)} in ({dashes}) and not {zero}"
        parts.append(
            f"list(distinct s._line order by s._line) filter (where {lone}), "
            f"list(distinct s._line order by s._line) filter (where {zero}), "
            f"count(distinct {raw}) filter (where regexp_full_match({raw}, '{PADDED}')), "
            f"count(distinct {raw}) filter (where regexp_full_match({raw}, '{UNPADDED}')), "
            # a number as the column writes it: with its unit or sign (3 dagen, € 12,50)
            f"count(*) filter (where regexp_matches({raw}, '[0-9]')), "
            # the dashes the way out names (none but the accounting format's zero: '-')
            f"list(distinct {trimmed_sql(raw)} order by {trimmed_sql(raw)}) "
            f"filter (where {lone})"
        )
    row = con.execute(f"select {', '.join(parts)} from {source.name} as s").fetchone()
    out = []
    for i, (header, name, _) in enumerate(columns):
        lone, zeros, padded, plain, numbers, dashes = row[6 * i : 6 * i + 6]
        # the accounting format's zeros are 0 where its padded numbers are the most
        lines = sorted((lone or []) + ([] if padded > plain else zeros or []))
        count = len(lines)
        if count and numbers:
            shown = ", ".join(map(str, lines[:LINES_SHOWN])) + (
                " ..." if len(lines) > LINES_SHOWN else ""
            )
            out.append(
                Message(
                    "note.dash_in_numbers_no_zero" if name in no_zero else "note.dash_in_numbers",
                    locale_file="ingest",
                    column=header,
                    name=name,
                    count=count,
                    lines=shown,
                    dashes=", ".join(f"'{d}': 0" for d in dashes or ["-"]),
                )  # fmt: skip
            )
    return out


def trimmed_sql(cell: str) -> str:
    """A cell (an SQL expression) without invisible characters, trimmed as str.strip trims (a
    tab, a no-break space too: helper-252 F5), in SQL: as the reader reads it (a
    zero-width space after a dash was read as empty, and unsaid: helper-252)."""
    ends = sql_text(f"^{SPACES_SQL}+|{SPACES_SQL}+$")
    seen = f"regexp_replace({cell}, {sql_text(INVISIBLE_SQL)}, '', 'g')"
    return f"regexp_replace({seen}, {ends}, '', 'g')"


def plain_sql(cell: str) -> str:
    """A cell (an SQL expression) trimmed, its dashes hyphens (HYPHENS) when it begins
    with one of DASH_CHARS (else empty), in SQL."""
    hyphens, seen = sql_text("-" * len(HYPHENS)), trimmed_sql(cell)
    first = sql_text(f"^[-{DASH_CHARS}]")
    plain = f"translate({seen}, {sql_text(HYPHENS)}, {hyphens})"
    return f"case when regexp_matches({seen}, {first}) then {plain} else '' end"


# A word for no value is short (onbekend, niet bekend, n.v.t.); a longer text is quoted
# once, as the quarantine shows a value (80 characters at most), not again in the way out
WORD_AT_MOST = 20


def word_note(cell: str, column: str, wanted: str) -> str | None:
    """The reason for a cell without a digit in an optional column of decimals (onbekend,
    n.b., ?): what is expected, and the mapping's way out when it means no value
    (helper-207: a gift's value 'onbekend' quarantined the gift, and its reason named
    none). Not for a count: a count an export hid (*, <5) is no empty cell (helper-112)."""
    text = cell.strip()
    if not text or len(text) > WORD_AT_MOST or any(c.isdigit() for c in text):
        return None
    said = "'" + text.replace("'", "''") + "'"  # as YAML quotes it
    return (
        f"verwacht {wanted}; staat {said} voor een onbekende waarde, vertaal het dan in de "
        f"kolomkoppeling: values: {{{column}: {{{said}: null}}}}"
    )


# A number said to be about so much (ca. 50, ± 25, circa € 100): an estimate, no amount
APPROXIMATE = re.compile(
    r"(?:ca\.?|circa|ongeveer|ong\.|plm\.?|pl\.m\.|±|\+/-|~)\s*(?:€|eur\.?)?\s*"
    r"([0-9][0-9.,]*)\s*(?:€|euro?)?",
    re.IGNORECASE,
)


def approximate_note(cell: str, column: str, wanted: str, number_format: str) -> str | None:
    """The reason for an estimate in a column of numbers ('ca. 50'): not guessed, and the
    mapping's way out with the number it says (helper-268 F8: 'verwacht een getal' alone,
    where 'onbekend' named one)."""
    from pipelines.ingest.parsing import read_number

    found = APPROXIMATE.fullmatch(cell.strip())
    own = "en" if number_format == "en" else "nl"
    number = found and read_number(found[1], own)
    other = found and read_number(found[1], "nl" if own == "en" else "en")
    if not found or number is None or other not in (None, number):
        return None  # 1.250: 1250, or 1,25 euro? Not named as the way out either
    said = "'" + cell.strip().replace("'", "''") + "'"  # as YAML quotes it
    value = format(number.normalize(), "f")  # as YAML writes a number: 50, 12.5
    return (
        f"verwacht {wanted}; {said} is een schatting, niet geraden: schrijf het getal in de "
        f"bron, of neem het over in de kolomkoppeling: values: {{{column}: {{{said}: {value}}}}}"
    )


def date_word_note(cell: str, column: str, wanted: str) -> str | None:
    """word_note for an optional date column (helper-266: 'in behandeling' refused a
    register with 'verwacht een datum' alone); not for a yes or no (an approval's 'ja':
    null would make it none) or a word of a month or a weekday (a date in part, 'eind
    maart': no unknown value; helper-267 F7)."""
    from pipelines.ingest.dates import MONTH_WORDS, WEEKDAY_WORDS
    from pipelines.ingest.parsing import FALSE, TRUE

    words = {w.strip(".,") for w in code_key(cell).split()}
    if words & (TRUE | FALSE) or words & (set(MONTH_WORDS) | set(WEEKDAY_WORDS)):
        return None
    return word_note(cell, column, wanted)


# A tick in a checkbox column (a register's Thuisbezorgd? with x on the gifts delivered at
# home): no ja or nee to the reader, and not guessed as either (a cross may strike out)
TICKS = frozenset(("x", "v", "\u2713", "\u2714", "\u2611", "\u2612", "\u221a", "\u2715", "\u2717"))


def tick_note(cell: str, column: str) -> str | None:
    """The reason for a tick alone in a yes/no column, with the mapping's way out
    (helper-253 F4: the two gifts delivered at home, marked x, were quarantined as
    'verwacht ja of nee', and the reason named no way out), and how an unticked box is
    read as nee (helper-255 F9: after the way out it stayed empty, unknown)."""
    text = cell.strip()
    if text.lower() not in TICKS:
        return None
    said = "'" + text.replace("'", "''") + "'"
    return (
        "een kruisje of vinkje, geen ja of nee; niet geraden. Staat het voor ja, "
        f"vertaal het dan in de kolomkoppeling: values: {{{column}: {{{said}: ja}}}}; "
        f"is een lege cel van deze kolom dan nee, zet er '': nee bij ({{{said}: ja, '': nee}}), "
        "anders blijft die leeg (onbekend)"
    )
