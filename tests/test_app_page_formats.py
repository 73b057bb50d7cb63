"""Issue 15, item 3: Rode vlaggen, Fraudedriehoek, Uitzonderingen and the "Waarom deze
score?" drill-down write numbers, dates and labels as the PDF does. Under AppTest on the
small demo, every table cell (as the reader sees it), metric, heading, text and caption
is scanned: in Dutch no decimal point (thousands dots allowed), no ISO date, no "None" or
"nan", no snake_case code; in English no decimal comma. The drill-down is opened at the
organisation, at a department (tests with p-values and alarm limits) and at a team with
suppressed rows, so each of its tables is seen with numbers in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.core.texts import t
from tests.apphelpers import run_app
from tests.formathelpers import frame_shown, page_texts, problems
from tests.test_app_fraud_triangle import finding_home  # noqa: F401  (a fixture)
from tests.test_app_red_flags import explanations, latest_quarter, query

PLOTLY_SEPARATORS = {"nl": ",.", "en": ".,"}


def assert_well_written(at: AppTest, lang: str) -> None:
    assert not at.exception
    found = problems(page_texts(at), lang)
    assert not found, found[:10]
    for chart in at.get("plotly_chart"):  # hover texts and axes with the language's marks
        assert json.loads(chart.proto.spec)["layout"].get("separators") == PLOTLY_SEPARATORS[lang]


def department_with_tests(home: Path, risk: str, quarter: str) -> str:
    """A department whose score of ``risk`` has tested indicators with an alarm limit."""
    return query(
        home,
        """select e.org_unit_id from report_risk_explanations as e
        inner join dim_org_units as u using (org_unit_id)
        where e.risk_id = ? and e.period_type = 'quarter' and e.period = ?
          and u.org_level = 'afdeling' and e.alarm_limit is not null
        order by e.org_unit_id limit 1""",
        risk,
        quarter,
    )["org_unit_id"].iloc[0]


def partly_suppressed_team(home: Path, risk: str, quarter: str) -> str:
    return query(
        home,
        """select e.org_unit_id from report_risk_explanations as e
        inner join dim_org_units as u using (org_unit_id)
        where e.risk_id = ? and e.period_type = 'quarter' and e.period = ?
          and u.org_level = 'team'
        group by all
        having bool_or(e.suppressed) and not bool_and(e.suppressed)
        order by e.org_unit_id limit 1""",
        risk,
        quarter,
    )["org_unit_id"].iloc[0]


@pytest.mark.parametrize("role", ["risicomanager", "integriteitsfunctionaris"])
def test_red_flags_write_every_number_date_and_label_in_dutch(demo_env: Path, role: str) -> None:
    quarter = latest_quarter(demo_env)
    at = run_app("red_flags.py", role=role)
    assert_well_written(at, "nl")  # the organisation: the headline metrics, all units
    # a department: its tests with p-values and alarm limits in the indicators' units
    at.selectbox(key="rf_unit").set_value(department_with_tests(demo_env, "RF1", quarter)).run()
    assert any("p-waarde" in d.value.columns for d in at.dataframe)
    assert_well_written(at, "nl")
    # a team with suppressed rows: a dash or the words, never "None"
    at.selectbox(key="rf_unit").set_value(partly_suppressed_team(demo_env, "RF1", quarter)).run()
    assert_well_written(at, "nl")


def test_the_fraud_triangle_writes_every_number_and_label_in_dutch(
    finding_home: Path,  # noqa: F811  (the fixture imported above)
) -> None:
    at = run_app("fraud_triangle.py")
    assert_well_written(at, "nl")
    # the finding's table (this copy of the demo has one) with a likelihood and a share
    quarter = query(
        finding_home,
        "select period from report_fraud_triangle where is_pressure_despite_controls",
    )["period"].iloc[0]
    at.selectbox(key="f_quarter").set_value(quarter).run()
    assert any("Rode risico's" in d.value.columns for d in at.dataframe)
    assert_well_written(at, "nl")
    at.selectbox(key="f_department").set_value(
        department_with_tests(finding_home, at.selectbox(key="ft_explain_risk").value, quarter)
    ).run()
    assert_well_written(at, "nl")


def test_the_exceptions_write_dates_and_amounts_in_dutch(demo_env: Path) -> None:
    at = run_app("exceptions.py", role="integriteitsfunctionaris")
    assert_well_written(at, "nl")
    shown = frame_shown(next(d for d in at.dataframe if "Pseudoniem" in d.value.columns))
    assert shown["Datum"].str.fullmatch(r"\d{2}-\d{2}-\d{4}").all()
    amounts = shown["Waarde"][shown["Waarde"] != "–"]
    assert len(amounts) and amounts.str.fullmatch(r"€ \d{1,3}(\.\d{3})*,\d{2}").all()


@pytest.mark.parametrize(
    ("page", "role"),
    [
        ("red_flags.py", "risicomanager"),
        ("fraud_triangle.py", "risicomanager"),
        ("exceptions.py", "integriteitsfunctionaris"),
    ],
)
def test_in_english_no_number_has_a_decimal_comma(demo_env: Path, page: str, role: str) -> None:
    at = run_app(page, lang="en", role=role)
    assert_well_written(at, "en")
    if page == "red_flags.py":
        quarter = latest_quarter(demo_env)
        at.selectbox(key="rf_unit").set_value(department_with_tests(demo_env, "RF1", quarter)).run()
        assert_well_written(at, "en")


def test_every_indicator_value_carries_its_unit(demo_env: Path) -> None:
    quarter = latest_quarter(demo_env)
    unit_id = department_with_tests(demo_env, "RF1", quarter)
    at = run_app("red_flags.py")
    at.selectbox(key="rf_unit").set_value(unit_id).run()
    table = next(d for d in at.dataframe if "Oranje vanaf" in d.value.columns)
    shown = frame_shown(table)
    expected = explanations(demo_env, "RF1", quarter, unit_id)
    units = [t(u, "nl", group="ex_unit") for u in expected["unit"]]
    for column in ("Waarde", "Organisatie", "Oranje vanaf", "Rood vanaf"):
        for cell, unit in zip(shown[column], units, strict=True):
            assert cell == "–" or cell.endswith(f" {unit}"), (column, cell, unit)
    percentages = shown["Waarde"][[u == "%" for u in units]]
    assert percentages.str.fullmatch(r"\d{1,3},\d %|–").all(), list(percentages)
    tests = frame_shown(next(d for d in at.dataframe if "Alarmgrens" in d.value.columns))
    limits = [(c, u) for c, u in zip(tests["Alarmgrens"], units, strict=True) if c]
    assert limits and all(cell.endswith(f" {unit}") for cell, unit in limits)


def test_long_names_get_wide_columns(demo_env: Path) -> None:
    at = run_app("red_flags.py")
    widths = {}
    for frame in at.dataframe:
        for column, config in json.loads(frame.proto.columns).items():
            widths[column] = config.get("width")
    assert widths["Eenheid"] == widths["Indicator"] == widths["Beheersmaatregel"] == "large"


@pytest.mark.parametrize(
    ("text", "lang", "bad"),
    [
        ("Verwacht restrisico 6.9", "nl", ["6.9"]),
        ("37.2 %", "nl", ["37.2"]),
        ("1.234 uitzonderingen, 1.234,5 km, 6,9 en 2026-Q3", "nl", []),
        ("12.5", "nl", ["12.5"]),  # not a thousands group: a decimal point
        ("p-waarde 0.050", "nl", ["0.050"]),  # nor after a lone 0
        ("p-value 0,050", "en", ["0,050"]),
        ("6,9", "en", ["6,9"]),
        ("1,234 exceptions and 1,234.5 km", "en", []),
    ],
)
def test_the_scan_tells_a_decimal_mark_from_a_thousands_mark(
    text: str, lang: str, bad: list[str]
) -> None:
    assert [found.split("'")[1] for found, _ in problems([text], lang)] == bad


def test_the_scan_finds_iso_dates_missing_words_and_codes() -> None:
    found = problems(["2026-03-16", "None", "nan", "<NA>", "exact_poisson", "16-03-2026"], "nl")
    assert [what.split(" '")[0] for what, _ in found] == [
        "ISO date",
        "missing value as a word",
        "missing value as a word",
        "missing value as a word",
        "code instead of a label",
    ]
