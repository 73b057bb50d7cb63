"""pipelines.core.formats: numbers and dates written as Dutch (nl_NL) and British (en_GB)
readers expect, read back by Babel's own strict parser; missing values as a dash."""

from __future__ import annotations

import datetime as dt
import math
import time
from decimal import Decimal

import pandas as pd
import pytest
from babel.numbers import parse_decimal
from hypothesis import given
from hypothesis import strategies as st

from pipelines.core import formats

FINITE = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(FINITE, st.integers(min_value=0, max_value=3))
def test_a_written_number_reads_back_in_its_locale_to_the_rounded_value(
    value: float, places: int
) -> None:
    for lang, loc in formats.LOCALES.items():
        text = formats.number(value, lang, decimals=places)
        back = parse_decimal(text, locale=loc, strict=True)
        assert abs(float(back) - value) <= 0.5 * 10**-places + 1e-9 * abs(value), (lang, text)


@given(FINITE)
def test_dutch_numbers_have_no_decimal_point_and_english_no_decimal_comma(value: float) -> None:
    dutch, english = formats.number(value, "nl"), formats.number(value, "en")
    assert dutch.rsplit(",", 1)[0].replace(".", "").lstrip("-").isdigit()
    assert "," in dutch and "." not in dutch.rsplit(",", 1)[1]
    assert "." in english and "," not in english.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    ("value", "kwargs", "nl", "en"),
    [
        (1443, {"decimals": 0}, "1.443", "1,443"),
        (1234.56, {}, "1.234,6", "1,234.6"),
        (9.0, {"decimals": None}, "9", "9"),
        (9.25, {"decimals": None}, "9,2", "9.2"),  # half to even, as Babel rounds
        (7.5, {"signed": True}, "+7,5", "+7.5"),
        (-2.0, {"signed": True}, "-2,0", "-2.0"),
        (0.04, {"signed": True}, "0,0", "0.0"),  # no "+0,0"
        (-0.04, {"signed": True}, "0,0", "0.0"),  # no "-0,0"
        (502, {"decimals": 0, "unit": "km"}, "502 km", "502 km"),
        (Decimal("12.5"), {"unit": "%"}, "12,5 %", "12.5 %"),
    ],
)
def test_numbers(value, kwargs, nl: str, en: str) -> None:
    assert formats.number(value, "nl", **kwargs) == nl
    assert formats.number(value, "en", **kwargs) == en


@pytest.mark.parametrize("missing", [None, math.nan, pd.NA, pd.NaT, math.inf, -math.inf])
def test_a_missing_value_is_a_dash_never_none_or_nan(missing) -> None:
    assert formats.number(missing, "nl") == formats.MISSING
    assert formats.percent(missing, "nl") == formats.MISSING
    assert formats.number(missing, "en", unit="km") == formats.MISSING


def test_percent_money_and_counts() -> None:
    assert formats.percent(0.372, "nl") == "37 %"
    assert formats.percent(0.372, "nl", decimals=1) == "37,2 %"
    assert formats.money(1234.5, "nl") == "€ 1.234,50"
    assert formats.money(1234.5, "en") == "€ 1,234.50"
    assert formats.whole(4683, "nl") == "4.683"


@pytest.mark.parametrize(
    "value",
    [
        "2026-03-07",
        dt.date(2026, 3, 7),
        dt.datetime(2026, 3, 7, 23, 59),
        pd.Timestamp("2026-03-07"),
    ],
)
def test_dates_are_day_first(value) -> None:
    assert formats.date(value, "nl") == "07-03-2026"
    assert formats.date(value, "en") == "07/03/2026"


@pytest.mark.parametrize("zone", ["UTC", "Etc/GMT+12", "Europe/Amsterdam"])
def test_an_aware_moment_is_shown_in_dutch_time_whatever_the_machines_zone(
    zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register's 'bijgewerkt', the RvC page's build time and a melding's change are
    aware moments: shown in Dutch time, as Datakwaliteit's ingest times are (helper-279)."""
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        winter = dt.datetime(2026, 12, 7, 20, 37, tzinfo=dt.UTC)
        assert formats.date_time(winter, "nl") == "07-12-2026 21:37"
        summer = dt.datetime.fromisoformat("2026-07-31T22:00:00+00:00")
        assert formats.date_time(summer.isoformat(), "nl") == "01-08-2026 00:00"
        assert formats.date_time(winter, "nl", local=False) == "07-12-2026 20:37"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_moment_with_its_clock_and_missing_dates() -> None:
    assert formats.date_time("2026-03-07T09:05:00", "nl") == "07-03-2026 09:05"
    assert formats.date_time("2026-03-07", "nl") == "07-03-2026"
    assert formats.date(None, "nl") == formats.date("", "nl") == formats.MISSING
    assert formats.date(pd.NaT, "en") == formats.MISSING


def test_an_unknown_language_is_an_error_not_a_guess() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        formats.number(1, "de")
