"""What a column's own name says about its cells, held against the column it is read as.
A header is the export's one statement about a whole column: ``Uren per week`` read as
fte, ``Totaal incl. btw`` as an amount excluding VAT, ``Total (USD)`` as euros, ``Bedrag
(x € 1.000)`` as euros and ``Datum (MM/DD/YYYY)`` day first would each load every cell of
the column wrong without a word (helper-174: 36 hours a week became 0,36 fte under the
percent hint, 16 sick hours 16 sick days, 59.895 including VAT an order over 50.000).
Such a file is refused whole, naming the column, what its name says and the way out:
a unit or a scale the mapping's ``convert`` takes care of (``convert: {fte: {divide_by:
36}}``; ``multiply_by: 1`` says the column is in its own unit whatever its name says) is
no conflict; another currency or VAT cannot be converted here, and a date order is
declared by ``date_order``.

A name is read as words: camelCase and snake_case split (``UrenPerWeek``,
``Bedrag_kEUR``). A unit counts as a word, as the end of a compound (``Verlofuren``,
``Overwerkminuten``; not ``Arbeidsduur``), or abbreviated in brackets (``Verzuim (u)``,
``(mnt)``, ``(hh:mm)``); a unit after ``per`` or ``/`` or a number is a rate or a window
(``Overwerk per week``, ``laatste 4 weken``), and a number's percent a class (``Overwerk
125%``), neither the cells' unit. What brackets or a closing ``in ...`` say decides over
the words before them (helper-176: ``Verzuimdagen (in uren)`` loaded hours as days): any
unit said there other than the column's is a conflict.
"""

from __future__ import annotations

import re

from pipelines.core.texts import InLanguage
from pipelines.ingest.amount_cells import CURRENCIES
from pipelines.ingest.mapping import Convert, Mapping
from pipelines.ingest.quality.base import Column, DatasetSpec
from pipelines.ingest.readers import unusable

# A unit's words, and the short forms that say it in brackets only (``Verzuim (u)``)
UNIT_WORDS = {
    "uren": ("uur", "uren", "hours", "hour", "hrs"),
    "minuten": ("minuten", "minuut", "minutes", "minute", "mins"),
    "seconden": ("seconden", "seconde", "seconds", "second", "sec"),
    "dagen": ("dag", "dagen", "days", "day"),
    "dagdelen": ("dagdeel", "dagdelen"),
    "weken": ("weken", "weeks"),  # a week alone is a period (Overuren (week))
    "procenten": ("procent", "percentage", "pct", "%"),
    "fte": ("fte",),
    "kilometers": ("km", "kilometer", "kilometers"),
    "mijlen": ("mijl", "mijlen", "mile", "miles"),
    "meters": ("meter", "meters"),
}
IN_BRACKETS = {"u": "uren", "h": "uren", "hh": "uren", "uu": "uren",  # not HR (bron HR)
               "m": "minuten", "min": "minuten", "mnt": "minuten", "mm": "minuten",
               "d": "dagen", "w": "weken", "mi": "mijlen", "s": "seconden"}  # fmt: skip
WORD_OF = {w: unit for unit, words in UNIT_WORDS.items() for w in words}
# The end of a Dutch compound that is a unit (Verlofuren), but not these words
COMPOUND_ENDS = {"uren": "uren", "uur": "uren", "minuten": "minuten", "seconden": "seconden",
                 "percentage": "procenten", "dagdelen": "dagdelen", "dagen": "dagen"}  # fmt: skip
# Hours and minutes as a clock writes them (uu:mm, hh:mm, uren en minuten): hours, as a
# column of hours reads 7:30 (helper-177: 'Overwerk (uu:mm)' was refused as minutes, and
# the divide_by: 60 its message suggested loaded 2:30 as 0,04 hours)
CLOCK = re.compile(
    r"(?<![a-z])(?:hh|uu|h|u|uren|uur|hrs?)\s*[:.]\s*(?:mm|minuten|min|mins|m)(?![a-z])"
    r"|uren en minuten"
)
HALF_DAYS = re.compile(r"halve\s+dag(?:en)?")
NO_COMPOUND = re.compile(
    r".*(?:duur|huur|vuur|buur|zuur|muur|stuur|kuur|factuur|facturen|structuren|figuren"
    r"|culturen|naturen|agenturen)"
    # which days, not days as a unit (Overwerk zon- en feestdagen, Overuren (werkdagen))
    r"|(?:feest|zon|zater|werk|week|kalender|vrije|rust)dagen"
)
RATE = ("per", "/", "p", "pro", "laatste", "afgelopen", "last")  # before a unit: no unit
# Each column with a unit: the units its name may speak of (a percentage is fte's under
# the mapping's percent, and said by its range rule otherwise)
COLUMN_UNITS = {
    "fte": ("fte", "procenten"),
    "sick_days": ("dagen",),
    "leave_days": ("dagen",),
    "longest_leave_block_days_12m": ("dagen",),
    "overtime_hours": ("uren",),
    "private_km": ("kilometers",),
}
# How each unit is named in a message, and the example of a conversion to the column's
UNIT_NAMES = {
    "uren": ("uren", "hours"),
    "minuten": ("minuten", "minutes"),
    "seconden": ("seconden", "seconds"),
    "dagen": ("dagen", "days"),
    "dagdelen": ("dagdelen", "half days"),
    "weken": ("weken", "weeks"),
    "procenten": ("procenten", "percent"),
    "fte": ("fte (een deel van een volle werkweek, zoals 0,8)",
            "fte (a share of a full week, such as 0.8)"),
    "kilometers": ("kilometers", "kilometres"),
    "mijlen": ("mijlen", "miles"),
    "meters": ("meters", "metres"),
}  # fmt: skip
EXAMPLES = {
    "fte": ("divide_by: 36 voor uren per week bij een volle werkweek van 36 uur",
            "divide_by: 36 for hours a week at a full week of 36 hours"),
    "dagen": ("divide_by: 8 voor uren bij werkdagen van 8 uur",
              "divide_by: 8 for hours at working days of 8 hours"),
    "uren": ("divide_by: 60 voor minuten", "divide_by: 60 for minutes"),
    "kilometers": ("multiply_by: 1.6093 voor mijlen", "multiply_by: 1.6093 for miles"),
}  # fmt: skip
# A scale as finance reports write it in a name: x 1.000, × € 1.000, (€ 000), EUR '000,
# (000s), k€, T€, K EUR, TEUR, (k), in duizenden, x 1 mln, (miljoen)
THOUSANDS = re.compile(
    r"(?<![a-z])[x×*]\s*(?:€\s*|eur\s*)?1(?:[.,\s]?000)+(?![0-9])|in\s+1[.,]?000\s+(?:euro|eur|€)"
    r"|(?:€|eur)\s*'?\s*000(?![0-9])|'000|(?<![0-9])000'?s(?![\w])|\(\s*000\s*\)"
    r"|(?<![\w€])(?:k\s*€|€\s*k|t\s*€|k\s+eur|eur\s+k|keur|teur|tsd|duizend(?:en|tallen)?"
    r"|thousands?)(?![\w€])|\(\s*k\s*\)",
    re.IGNORECASE,
)
MILLIONS = re.compile(
    r"[x×*]\s*(?:€\s*)?1\s*(?:mln|mio|miljoen)|(?<![\w€])(?:mln|mio|miljoen(?:en)?"
    r"|millions?)(?![\w€])",
    re.IGNORECASE,
)
SIGNS = ("$", "£", "¥", "ƒ")
CURRENCY_WORDS = (
    "dollar", "dollars", "pound", "pounds", "pond", "ponden", "gulden", "guldens", "yen",
    "yuan", "frank", "franken", "franc", "francs", "fl",
)  # fmt: skip
FOREIGN = re.compile(r"vreemde valuta|foreign currency|(?<![a-z])vv(?![a-z])", re.IGNORECASE)
# ISO 4217 codes that are words in a name (ALL, TOP, CUP, PEN ...): no currency said
CODE_WORDS = {"ALL", "TOP", "CUP", "PEN", "MOP", "BOB", "TRY", "MAD", "GEL", "BAM", "XXX",
              "LAK", "SOS", "ANG"}  # fmt: skip
# The amounts a contract reads excluding VAT (docs/contracts.md: procurement's amount_eur)
WITHOUT_VAT = {("procurement", "amount_eur")}
VAT = r"(?:btw|vat|omzetbelasting|sales\s+tax|tax)(?![\s-]*(?:code|tarief|nummer|nr|percentage))"
SAID_WITHOUT_VAT = re.compile(
    rf"(?<!\w)(?:excl|exclusief|excluding|exclusive|ex|zonder|netto)\.?\s*(?:de\s+)?"
    rf"(?:[0-9]+\s*%\s*)?{VAT}",
    re.IGNORECASE,
)
SAID_WITH_VAT = re.compile(
    rf"(?<!\w)(?:incl|inclusief|including|inc|ink|met|plus|i\.c\.m|i)\.?\s*(?:de\s+)?"
    rf"(?:[0-9]+\s*%\s*)?{VAT}|(?<!\w){VAT}[\s.]*(?:incl|inclusief|included|inbegrepen)(?!\w)",
    re.IGNORECASE,
)
# A date's order written in its column's name: (DD-MM-JJJJ), (MM/DD/YYYY), mmddjjjj,
# (maand/dag/jaar), (US format)
_SEP = r"[-/._ ]?"
DAY_FIRST = re.compile(
    rf"(?<![a-z])d{{1,2}}{_SEP}m{{1,2}}{_SEP}(?:y{{2,4}}|j{{2,4}})(?![a-z])"
    r"|dag\s*/\s*maand\s*/\s*jaar|day\s*/\s*month\s*/\s*year"
)
MONTH_FIRST = re.compile(
    rf"(?<![a-z])m{{1,2}}{_SEP}d{{1,2}}{_SEP}(?:y{{2,4}}|j{{2,4}})(?![a-z])"
    r"|maand\s*/\s*dag\s*/\s*jaar|month\s*/\s*day\s*/\s*year|\bus[- ]?(?:format|formaat)\b"
    r"|amerikaans"
)


def _words(header: str) -> str:
    """A name's words: camelCase and snake_case apart (UrenPerWeek, Bedrag_kEUR)."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", header)
    return text.replace("_", " ")


def _units(header: str) -> set[str]:
    """The units a column's name says its cells are in: a bracket or a closing 'in ...'
    of units alone ((uren), (in uren), (u/w), in %) states them, whatever the words
    before it say; else the units of its words. A name of several, one of them the
    column's, says nothing against it (Vakantiedagen (excl. ADV-uren), Verlofdagen
    (omgerekend uit uren); helper-178)."""
    text = HALF_DAYS.sub(" dagdelen ", CLOCK.sub(" uren ", _words(header).lower()))
    parts = re.findall(r"[(\[]([^)\]]*)[)\]]", text)
    closing = re.search(r"(?<![a-z])in\s+([^()\[\]]+)$", text)
    parts += [closing.group(1)] if closing else []
    stated = {u for part in parts if _only_units(part) for u in _found(part, brackets=True)}
    return stated or _found(re.sub(r"[(\[][^)\]]*[)\]]", " ", text), brackets=False)


def units_named(header: str) -> set[str]:
    """The units a column's name says its cells are in (uren, minuten, dagen, weken: the
    keys of UNIT_NAMES), or none (_units)."""
    return _units(header)


TIMES = frozenset(("uren", "minuten"))


def time_unit_named(header: str) -> set[str]:
    """The one time unit (uren or minuten) a column's name says, or none: where its words
    anywhere (_time_words), a bracket's among other words too, say another besides, it
    says neither ('Verzuimuren (totaal minuten)', 'Verlofuren (min. 4 uur)': read as the
    one its strict reading (_units) found, helper-222)."""
    # min. 1 dag, min 50%, min. per jaar: a minimum; Minute(s), Hour(s): a plural
    header = MINIMUM.sub(" minimum ", re.sub(r"(?<=[A-Za-z])\(s\)", "s", header))
    named = _units(header) & TIMES
    return named if len(named) == 1 and _time_words(header) == named else set()


MINIMUM = re.compile(r"(?i)\bmin\b\.?(?=\s*(?:[0-9]|per\b|\.))")


def _time_words(header: str) -> set[str]:
    """Every time unit a name's words say, wherever they stand (after a number or a
    slash too: 'Verzuim 2025 (min)', 'uren/minuten'); the short forms (u, m, min) only in
    a bracket or a closing 'in ...' of units alone ('Verlofuren t.m. mei', '(t.m. mei)'
    are no minutes; helper-223, helper-224)."""
    text = CLOCK.sub(" uren ", _words(header).lower())
    found = set()
    for token in re.findall(r"[a-zà-ÿ]+", text):
        ends = (u for end, u in COMPOUND_ENDS.items() if token.endswith(end))
        found.add(
            WORD_OF.get(token) or (None if NO_COMPOUND.fullmatch(token) else next(ends, None))
        )
    parts = re.findall(r"[(\[]([^)\]]*)[)\]]", text)
    closing = re.search(r"(?<![a-z])in\s+([^()\[\]]+)$", text)  # Verzuim in min
    for part in [*parts, *([closing.group(1)] if closing else [])]:
        if _only_units(part):  # (t.m. mei), (m.u.v. zwangerschap): words, no units
            found |= {IN_BRACKETS.get(token) for token in re.findall(r"[a-zà-ÿ]+", part)}
    return found & TIMES


# What a bracket of units alone may hold besides them: (in uren), (uren/week), (u p/w)
PART_WORDS = ("in", "per", "p", "week", "wk", "maand", "mnd", "jaar")


def _only_units(part: str) -> bool:
    """Whether a bracket's text is units alone (and in, /, numbers): (m.u.v. ...),
    (min. wettelijk) and (t.m. 31-12) are words, their letters no units (helper-178)."""
    tokens = re.findall(r"[a-zà-ÿ]+|%", part)
    return bool(tokens) and all(t in WORD_OF or t in IN_BRACKETS or t in PART_WORDS for t in tokens)


def _found(text: str, brackets: bool) -> set[str]:
    tokens = re.findall(r"[a-zà-ÿ]+|%|/|[0-9]+", text.replace(":", " "))
    found = set()
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        if before in RATE or before.isdigit():
            continue  # per week, /dag, 4 weken: a rate or a window; 125%: a class
        unit = WORD_OF.get(token) or (IN_BRACKETS.get(token) if brackets else None)
        if unit is None and not NO_COMPOUND.fullmatch(token):
            unit = next((u for end, u in COMPOUND_ENDS.items() if token.endswith(end)), None)
        if unit is not None:
            found.add(unit)
    return found


def _currency(header: str) -> str | None:
    """Another currency than the euro that a name gives its amounts: an ISO code in
    capitals (Total (USD), AmountUSD), in brackets in any case ((usd)), a sign, a
    currency's word, or foreign currency (Exact's Bedrag VV)."""
    text = _words(header)
    if re.search(r"omgerekend|converted", text, re.IGNORECASE):
        return None  # Waarde in euro (omgerekend uit vreemde valuta): euros (helper-178)
    bracketed = {t.upper() for part in re.findall(r"\(([^)]*)\)", text) for t in part.split()}
    for token in re.findall(r"[A-Za-z]+", text):
        code = token.upper()
        if code in CURRENCIES and code != "EUR" and code not in CODE_WORDS:
            if token.isupper() or code in bracketed:
                return token
        if token.lower() in CURRENCY_WORDS:
            return token
    if found := FOREIGN.search(text):
        return found.group(0)
    return next((sign for sign in SIGNS if sign in header), None)


def _scale(header: str) -> tuple[str, str] | None:
    """A scale a name gives its numbers, and the factor that undoes it."""
    text = _words(header)
    if found := MILLIONS.search(text):
        return found.group(0).strip(), "1000000"
    if found := THOUSANDS.search(text):
        return found.group(0).strip(), "1000"
    return None


def _names(units: list[str]) -> InLanguage:
    return InLanguage(lambda lang: ", ".join(UNIT_NAMES[u][lang == "en"] for u in units))


def check_header(
    path: object, spec: DatasetSpec, rename: dict[str, str], mapping: Mapping | None
) -> None:
    """Refuse the file (UnusableFile) when a mapped or recognised column's name says
    something its cells would be read against: another unit or a scale (unless the
    mapping's convert takes care of it), another currency, VAT included where the
    contract reads amounts without it, or a date order other than the one read."""
    types = {c.name: c for c in spec.columns}
    converts = mapping.convert if mapping is not None else {}
    converted = set(converts)
    order = mapping.date_order if mapping is not None else "dmy"
    for header, name in rename.items():
        column = types.get(name)
        if column is None:
            continue
        said = _factor_said(header, column, converts.get(name)) or _said(
            header, name, column.type, column.decimals, spec.name, order, converted
        )
        if said is not None:
            key, values = said
            raise unusable(key, path, header=header, column=name, **values)


def _factor_said(
    header: str, column: Column, convert: Convert | None
) -> tuple[str, dict[str, object]] | None:
    """A converted column of days whose name says hours or minutes and whose factor says
    the other (Verzuim (min) divided by 8, the hours of a working day: 240 minutes loaded
    as 30 days; helper-221): every cell would be read wrong."""
    from pipelines.ingest.unit_cells import factor_unit

    if convert is None or convert.unit is not None:
        return None  # a unit the mapping says itself is not asked of the name
    named = time_unit_named(header)
    if column.hours and named == {"uren"} and _minutes_factor(convert, header):
        # a column of hours whose name says hours, converted by the minutes' 60 all the
        # same ('Overwerk (uren)': 90 hours loaded as 1,5, unsaid; helper-233); another
        # factor is a scale the name may say otherwise ('Overuren (x 100)': helper-234)
        return "header_factor_own", {"factor": convert.said()}
    if not column.unit_hours:
        return None
    by_factor = factor_unit(convert.sql(), column.unit_hours)
    if not named or by_factor in (None, *named):
        return None
    return "header_factor", {
        "unit": _names(sorted(named)),
        "other": _names([by_factor]),
        "factor": convert.said(),
    }


def _minutes_factor(convert: Convert, header: str) -> bool:
    """Whether ``convert`` turns minutes into hours (60, within a factor's rounding) and
    nothing in the name says minutes as a word of its own (Overuren_min: helper-234)."""
    from pipelines.ingest.unit_cells import MINUTES_PER_HOUR, ROUNDING, per_unit

    sql = convert.sql()
    minutes = re.search(r"(?i)\bmin", _words(header)) is not None
    off = abs(per_unit(sql) - MINUTES_PER_HOUR) if sql else None  # a factor of 1: none
    return off is not None and off <= MINUTES_PER_HOUR * ROUNDING and not minutes


def _said(
    header: str,
    name: str,
    kind: str,
    decimals: int | None,
    dataset: str,
    order: str,
    converted: set[str],
) -> tuple[str, dict[str, object]] | None:
    if name in COLUMN_UNITS and name not in converted:
        units, own = _units(header), set(COLUMN_UNITS[name])
        if (other := sorted(units - own)) and not units & own:
            wanted = COLUMN_UNITS[name][0]
            return "header_unit" if kind == "decimal" else "header_unit_whole", {
                "unit": _names(other),
                "wanted": _names([wanted]),
                "example": InLanguage(lambda lang: EXAMPLES[wanted][lang == "en"]),
            }
    if kind == "decimal" and name not in converted and (scale := _scale(header)):
        return "header_scale", {"scale": scale[0], "factor": scale[1]}
    if decimals is not None and (currency := _currency(header)):
        return "header_currency", {"currency": currency}
    text = _words(header)
    if (dataset, name) in WITHOUT_VAT and not SAID_WITHOUT_VAT.search(text):
        if vat := SAID_WITH_VAT.search(text):  # convert's one factor is no way out: the
            # rates differ per line (21 %, 9 %, exempt; helper-231: divide_by 1.21, unsaid)
            key = "header_vat_converted" if name in converted else "header_vat"
            return key, {"vat": vat.group(0).strip()}
    if kind == "date":
        low = text.lower()
        written = "mdy" if MONTH_FIRST.search(low) else "dmy" if DAY_FIRST.search(low) else None
        if written is not None and written != order:
            return f"header_order_{written}", {}
    return None
