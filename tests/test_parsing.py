"""The number rule and coded values, on columns alone (no warehouse): fast.

Numbers written by Babel in each convention come back as the same value or are marked
unreadable or ambiguous; never as another value."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from babel.numbers import format_decimal
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipelines.ingest.codes import code_key, match_codes
from pipelines.ingest.parsing import _read, parse_column, parse_number

LOCALES = {"nl": "nl_NL", "en": "en_US"}

decimals = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=4
)


def written(value: Decimal, convention: str, grouping: bool) -> str:
    return format_decimal(
        value, locale=LOCALES[convention], decimal_quantization=False, group_separator=grouping
    )


def read(cells: list[str | None], number_format: str) -> tuple[list, list[bool]]:
    col = parse_number(pd.Series(cells, dtype=object), number_format)
    return list(col.values), list(col.invalid | col.ambiguous)


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(decimals, min_size=1, max_size=8),
    convention=st.sampled_from(["nl", "en"]),
    grouping=st.booleans(),
)
def test_a_number_in_its_declared_convention_is_read_back_or_refused(
    values: list[Decimal], convention: str, grouping: bool
) -> None:
    cells = [written(v, convention, grouping) for v in values]
    got, refused = read(cells, convention)
    for value, cell, number, bad in zip(values, cells, got, refused, strict=True):
        assert bad or number == float(value), f"{cell!r} read as {number}, written {value}"
    # in its own convention every such number is readable
    assert not any(refused), cells


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(decimals, min_size=1, max_size=8),
    extra=decimals,
    grouping=st.booleans(),
)
def test_english_numbers_in_a_dutch_column_are_never_read_as_another_value(
    values: list[Decimal], extra: Decimal, grouping: bool
) -> None:
    """Once a Dutch column shows one number that only English reads (``extra``, such as
    12.25 or 1,234.5), it reads nothing that the two conventions read differently.

    (A column of nothing but numbers like 15.977 is Dutch 15977 by the rule: that is why
    a source that writes decimal points must say so in its mapping.)"""
    extra_cell = written(extra, "en", grouping)
    assume(_read(extra_cell, "nl") is None)
    cells = [written(v, "en", grouping) for v in values] + [extra_cell]
    got, refused = read(cells, "nl")
    for value, cell, number, bad in zip([*values, extra], cells, got, refused, strict=True):
        assert bad or number == float(value), f"{cell!r} read as {number}, written {value}"
    assert refused[-1], f"{cells[-1]!r} is English only and was not refused"


@pytest.mark.parametrize(
    "cell, number_format, value, status",
    [
        ("1.443", "nl", 1443.0, "ok"),
        ("1.234,5", "nl", 1234.5, "ok"),
        ("1.234.567", "nl", 1234567.0, "ok"),
        ("12,5", "nl", 12.5, "ok"),
        ("-12,5", "nl", -12.5, "ok"),
        ("80", "nl", 80.0, "ok"),
        ("1.5", "nl", None, "ambiguous"),
        ("1,234.5", "nl", None, "ambiguous"),
        ("1234.5", "nl", None, "ambiguous"),
        ("veel", "nl", None, "invalid"),
        ("1.23.456", "nl", None, "invalid"),
        ("1 234,5", "nl", 1234.5, "ok"),  # thousands apart by a space (tests/test_spellings.py)
        ("12 34", "nl", None, "invalid"),
        ("1,234.5", "en", 1234.5, "ok"),
        ("1.5", "en", 1.5, "ok"),
        ("1,443", "en", 1443.0, "ok"),
        ("12,5", "en", None, "ambiguous"),
        ("1.234,5", "en", None, "ambiguous"),
        ("7.5", "cell", 7.5, "ok"),
        ("1e-05", "cell", 1e-05, "ok"),
        ("12,5", "cell", 12.5, "ok"),
        ("NaN", "nl", None, "invalid"),
    ],
)
def test_one_cell(cell: str, number_format: str, value: float | None, status: str) -> None:
    col = parse_number(pd.Series([cell], dtype=object), number_format)
    got = "invalid" if col.invalid[0] else "ambiguous" if col.ambiguous[0] else "ok"
    assert got == status
    assert (None if pd.isna(col.values[0]) else col.values[0]) == value


def test_one_decimal_point_in_a_dutch_column_makes_thousands_dots_doubtful() -> None:
    """Alone, 1.443 is 1443 in a Dutch file; beside 12.25 the column may write decimal
    points, so 1.443 might be 1,443: ambiguous, not guessed. 1.234,5 stays readable."""
    alone = parse_number(pd.Series(["1.443", "80"]), "nl")
    assert list(alone.values) == [1443.0, 80.0] and not alone.ambiguous.any()
    mixed = parse_number(pd.Series(["1.443", "12.25", "1.234,5", "80"]), "nl")
    assert list(mixed.ambiguous) == [True, True, False, False]
    assert list(mixed.values[2:]) == [1234.5, 80.0]
    assert mixed.readings == {"1.443": "1,443", "12.25": "12,25"}


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(alphabet="0123456789.,+-", min_size=1, max_size=12)
    | st.from_regex(r"[+-]?[0-9]{1,9}[.,][0-9]{1,6}", fullmatch=True)
    | st.from_regex(r"[+-]?0?[0-9]{1,3}([.,][0-9]{2,4}){1,7}([.,][0-9]{0,5})?", fullmatch=True),
    number_format=st.sampled_from(["nl", "en"]),
)
def test_a_cell_is_read_exactly_as_babels_strict_parse_reads_it(
    text: str, number_format: str
) -> None:
    """_read skips Babel for a cell without its convention's group symbol or grouped as
    the convention groups; whatever the cell (grouped well, badly, in the other
    convention, signed, with leading zeros, long), it must agree with Babel's strict
    parse itself: the same value, or both refuse. A leading plus says nothing and is
    dropped first (helper-88: Babel refuses +1.200, which then read only as the other
    convention's 1,2): the cell is held to Babel's reading of it without the plus."""
    from babel import Locale
    from babel.numbers import NumberFormatError, parse_decimal

    from pipelines.ingest.parsing import DECIMAL_SYMBOL, GROUP_SYMBOL, NUMBER_FORMATS

    locale = Locale.parse(NUMBER_FORMATS[number_format])
    assert (GROUP_SYMBOL[number_format], DECIMAL_SYMBOL[number_format]) == (
        locale.number_symbols["latn"]["group"],
        locale.number_symbols["latn"]["decimal"],
    )
    try:
        signs = text[:2].count("+") + text[:2].count("-")
        unsigned = text[1:] if text.startswith("+") and signs == 1 else text
        babel = parse_decimal(unsigned, locale=locale, strict=True)
        expected = babel if babel.is_finite() else None
    except (NumberFormatError, ValueError, ArithmeticError):
        expected = None
    got = _read(text, number_format)
    assert got == expected and str(got) == str(expected)


@pytest.mark.parametrize(
    ("text", "number_format"),
    [
        ("1.000,0000000000000000000000000001", "nl"),
        ("1.234.567.890.123.456.789.012.345.678,9", "nl"),
        ("1,000.0000000000000000000000000001", "en"),
        ("0,00000000000000000000000000001", "nl"),
    ],
)
def test_more_digits_than_decimal_holds_are_babels_to_judge(text: str, number_format: str):
    """Found by a review: past 28 digits Babel's check refuses what Decimal would round;
    the fast reading must not accept it either."""
    from babel.numbers import NumberFormatError, parse_decimal

    from pipelines.ingest.parsing import NUMBER_FORMATS

    try:
        expected = parse_decimal(text, locale=NUMBER_FORMATS[number_format], strict=True)
    except (NumberFormatError, ValueError, ArithmeticError):
        expected = None
    assert _read(text, number_format) == expected


def test_each_distinct_cell_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import pipelines.ingest.parsing as parsing

    calls: list[str] = []
    real = parsing._read

    def counting(text: str, number_format: str) -> Decimal | None:
        calls.append(text)
        return real(text, number_format)

    monkeypatch.setattr(parsing, "_read", counting)
    col = parse_number(pd.Series(["1.234,5", "12,5", None] * 10_000), "nl")
    assert col.values.iloc[0] == 1234.5 and col.values.isna().sum() == 10_000
    # once, in the column's own convention: nothing in it is read only the other way
    assert sorted(calls) == ["1.234,5", "12,5"]
    calls.clear()
    col = parse_number(pd.Series(["1.234,5", "12,5", "1.5"] * 10_000), "nl")
    assert col.ambiguous.tolist()[:3] == [False, False, True]
    # "1.5" is English only: now every cell is read the other way too, once
    assert sorted(calls) == ["1.234,5", "1.234,5", "1.5", "1.5", "12,5", "12,5"]


def test_integers_are_whole_numbers_in_the_same_rule() -> None:
    parsed = parse_column(pd.Series(["1.443", "2,5", "3"]), "integer", "nl")
    assert parsed.values.tolist() == [1443, pd.NA, 3]
    assert parsed.invalid.tolist() == [False, True, False]
    doubtful = parse_column(pd.Series(["1.443", "1.5", "3"]), "integer", "nl")
    assert doubtful.ambiguous.tolist() == [True, True, False]
    assert doubtful.values.tolist() == [pd.NA, pd.NA, 3]


@pytest.mark.parametrize(
    "cell, code",
    [
        ("Regulier", "regulier"),
        (" urgentie ", "urgentie"),
        ("URGENTIE", "urgentie"),
        ("Geweigerd", "geweigerd"),
        ("gewéigerd", "geweigerd"),
        ("Status  Houder", "Status  Houder"),  # not a code: left for the rule to judge
        ("onbekend", "onbekend"),
    ],
)
def test_a_coded_value_matches_regardless_of_case_spaces_and_accents(cell: str, code: str) -> None:
    codes = ["regulier", "urgentie", "geweigerd", "statushouder"]
    assert match_codes(pd.Series([cell, None], dtype=object), codes).tolist() == [code, None]


def test_the_code_key() -> None:
    assert code_key("  Café  Noir ") == "cafe noir"
    assert code_key("ÉÉN") == code_key("een")


@pytest.mark.parametrize(
    ("typed", "exported"),
    [
        ("dilemma's", "dilemma\u2019s"),  # helper-104: Microsoft Forms' question text
        ("dilemma's", "dilemma\u2018s"),
        ('"Zeer" eens', "\u201cZeer\u201d eens"),
        ('"Zeer" eens', "\u201eZeer\u201d eens"),
        ("E-learning", "E\u2013learning"),
        ("E-learning", "E\u2011learning"),
    ],
)
def test_typographic_quotes_and_dashes_match_their_plain_forms(typed: str, exported: str) -> None:
    from pipelines.ingest.recognise import header_name

    assert code_key(exported) == code_key(typed)
    assert header_name(exported) == header_name(typed)


@pytest.mark.parametrize(("one", "other"), [("dilemma's", "dilemmas"), ("E-learning", "Elearning")])
def test_a_missing_mark_is_still_another_code(one: str, other: str) -> None:
    assert code_key(one) != code_key(other)


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("€ 25,-", "25"),
        ("1.250,--", "1.250"),
        ("25,—", "25"),
        ("25,–", "25"),
        ("€ 50,=", "50"),  # helper-104: hand-kept registers
        ("50,==", "50"),
        ("50,=5", "50,=5"),
        # helper-119: after a dot too, where only digits stand before it
        ("€ 25.-", "25"),
        ("EUR 25.-", "25"),
        ("25.-", "25"),
        ("1250.--", "1250"),
        ("1.250.-", "1.250.-"),  # 1250 or 1,25: left for the rule to refuse
        ("2,5.-", "2,5.-"),
        (",=", ",="),
        ("EUR 12,50", "12,50"),
        # the sign before the currency, as Excel's currency formats write it
        ("-€ 25,00", "-25,00"),
        ("+€ 25,00", "+25,00"),
        ("- € 1.250,50", "-1.250,50"),
        ("-EUR 12,50", "-12,50"),
        ("-€ x", "-€ x"),  # no number after it: left for the rule to refuse
        ("12,-5", "12,-5"),  # a dash inside is no whole-euro mark: left for the rule to refuse
        (",-", ",-"),
        # the sign alone is no amount: kept for the rule to refuse (it read as empty)
        ("€", "€"),
        (" EUR ", " EUR "),
        ("eur", "eur"),
        ("€ EUR", "€ EUR"),
    ],
)
def test_an_amount_drops_its_currency_and_whole_euro_dash(cell: str, text: str) -> None:
    from pipelines.ingest.parsing import strip_currency

    assert strip_currency(cell) == text
