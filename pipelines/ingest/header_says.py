"""What a column's own name says about its cells, held against the column it is read as.
A header is the export's one statement about a whole column: ``Uren per week`` read as
fte, ``Totaal incl. btw`` as an amount excluding VAT, ``Total (USD)`` as euros, ``Bedrag
(x € 1.000)`` as euros and ``Datum (MM/DD/YYYY)`` day first would each load every cell of
the column wrong without a word (helper-174: 36 hours a week became 0,36 fte under the
percent hint, 16 sick hours 16 sick days, 59.895 including VAT an order over 50.000).
Such a file is refused whole, naming the column, what its name says and the way out:
a unit or a scale the mapping's ``convert`` takes care of (``convert: {fte: {divide_by:
36}}``) is no conflict; another currency or VAT cannot be converted here, and a date
order is declared by ``date_order``.

Only what a name plainly says counts: a unit as a word of its own or at the end of a
compound (``Verlofuren``, ``Ziekte (uren)``), a currency as its ISO code in capitals or its
sign, a scale as finance reports write it. A name that also names the column's own unit
(``FTE (uren/week)``) says nothing against it.
"""

from __future__ import annotations

import re

from pipelines.core.texts import InLanguage
from pipelines.ingest.lookups import CURRENCIES
from pipelines.ingest.mapping import Mapping
from pipelines.ingest.quality.base import DatasetSpec
from pipelines.ingest.readers import unusable

# A unit's words: whole words, and (the longer ones) the end of a Dutch compound
UNIT_WORDS = {
    "uren": ("uur", "uren", "hours", "hour", "hrs", "hr"),
    "minuten": ("minuten", "minuut", "min", "mins", "minutes", "minute"),
    "dagen": ("dag", "dagen", "days", "day", "werkdagen", "kalenderdagen"),
    "weken": ("week", "weken", "weeks"),
    "procenten": ("procent", "percentage", "pct", "%"),
    "fte": ("fte",),
    "kilometers": ("km", "kilometer", "kilometers"),
    "mijlen": ("mijl", "mijlen", "mile", "miles"),
    "meters": ("meter", "meters"),
}
COMPOUND_ENDS = {"uren": "uren", "minuten": "minuten", "dagen": "dagen", "kilometers": "kilometers"}
NO_COMPOUND = ("facturen", "structuren", "figuren", "procedures")  # -uren, not hours
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
# A scale as finance reports write it in a name: x 1.000, x € 1.000, (€ 000), k€, TEUR,
# in duizenden, mln, x 1 mln
# How each unit is named in a message, and the example of a conversion to the column's
UNIT_NAMES = {
    "uren": ("uren", "hours"),
    "minuten": ("minuten", "minutes"),
    "dagen": ("dagen", "days"),
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
    "kilometers": ("multiply_by: 1.609 voor mijlen", "multiply_by: 1.609 for miles"),
}  # fmt: skip
SCALE = re.compile(
    r"x\s*(?:€\s*)?1(?:[.,\s]?000)+(?![0-9])|x\s*(?:€\s*)?1\s*(?:mln|mio|miljoen)"
    r"|€\s*000(?![0-9])|\(\s*000\s*\)"
    r"|(?<![\w€])(?:k€|€k|keur|teur|tsd|duizenden|duizendtallen|thousands|millions|miljoenen"
    r"|mln|mio)(?![\w€])",
    re.IGNORECASE,
)
SIGNS = ("$", "£", "¥", "ƒ")
CURRENCY_WORDS = ("dollar", "dollars", "pound", "pounds", "pond", "ponden", "gulden", "guldens")
# The amounts a contract reads excluding VAT (docs/contracts.md: procurement's amount_eur)
WITHOUT_VAT = {("procurement", "amount_eur")}
WITH_VAT = re.compile(
    r"(?<!\w)(?:incl|inclusief|including|inc|met|plus)\.?\s*(?:de\s+)?(?:btw|vat|tax)(?!\w)"
    r"|(?<!\w)(?:btw|vat)[\s.-]*(?:incl|inclusief|included)(?!\w)",
    re.IGNORECASE,
)
# A date's order written in its column's name: (DD-MM-JJJJ), (MM/DD/YYYY), d/m/yy
DAY_FIRST = re.compile(r"(?<![a-z])d{1,2}[-/. ]m{1,2}[-/. ](?:y{2,4}|j{2,4})(?![a-z])")
MONTH_FIRST = re.compile(r"(?<![a-z])m{1,2}[-/. ]d{1,2}[-/. ](?:y{2,4}|j{2,4})(?![a-z])")


def _units(header: str) -> set[str]:
    """The units a column's name speaks of."""
    words = re.findall(r"[a-zà-ÿ]+|%", header.lower())
    found = {unit for unit, names in UNIT_WORDS.items() for w in words if w in names}
    for word in words:
        for end, unit in COMPOUND_ENDS.items():
            if word.endswith(end) and word != end and word not in NO_COMPOUND:
                found.add(unit)
    return found


def _currency(header: str) -> str | None:
    """Another currency than the euro that a name gives its amounts: an ISO code in
    capitals (Total (USD), Bedrag EUR/USD), a sign or a currency's word."""
    for token in re.findall(r"[A-Za-z]+", header):
        if token in CURRENCIES and token != "EUR":
            return token
        if token.lower() in CURRENCY_WORDS:
            return token
    return next((sign for sign in SIGNS if sign in header), None)


def _words(units: list[str]) -> InLanguage:
    return InLanguage(lambda lang: ", ".join(UNIT_NAMES[u][lang == "en"] for u in units))


def check_header(
    path: object, spec: DatasetSpec, rename: dict[str, str], mapping: Mapping | None
) -> None:
    """Refuse the file (UnusableFile) when a mapped or recognised column's name says
    something its cells would be read against: another unit or a scale (unless the
    mapping's convert takes care of it), another currency, VAT included where the
    contract reads amounts without it, or a date order other than the one read."""
    types = {c.name: c for c in spec.columns}
    converted = set(mapping.convert) if mapping is not None else set()
    order = mapping.date_order if mapping is not None else "dmy"
    for header, name in rename.items():
        column = types.get(name)
        if column is None:
            continue
        said = _said(header, name, column.type, column.decimals, spec.name, order, converted)
        if said is not None:
            key, values = said
            raise unusable(key, path, header=header, column=name, **values)


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
        units = _units(header)
        if units and not units & set(COLUMN_UNITS[name]):
            wanted = COLUMN_UNITS[name][0]
            return "header_unit", {
                "unit": _words(sorted(units)),
                "wanted": _words([wanted]),
                "example": InLanguage(lambda lang: EXAMPLES[wanted][lang == "en"]),
            }
    if kind == "decimal" and name not in converted:
        if scale := SCALE.search(header):
            return "header_scale", {"scale": scale.group(0).strip()}
    if decimals is not None and (currency := _currency(header)):
        return "header_currency", {"currency": currency}
    if (dataset, name) in WITHOUT_VAT and (vat := WITH_VAT.search(header)):
        return "header_vat", {"vat": vat.group(0).strip()}
    if kind == "date":
        low = header.lower()
        written = "mdy" if MONTH_FIRST.search(low) else "dmy" if DAY_FIRST.search(low) else None
        if written is not None and written != order:
            return f"header_order_{written}", {}
    return None
