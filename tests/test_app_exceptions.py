"""The Uitzonderingen page under AppTest, as the integriteitsfunctionaris, on the built demo."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apphelpers import frame_with, run_app
from tests.readers import reading

ROLE = "integriteitsfunctionaris"
# The indicators the demo's scenarios name that are also a hard rule of the code
# (risks/code_rules.yaml, checked once in int_kri__registers or int_kri__vehicle_km).
RULE_OF_INDICATOR = {
    "KRI-REG-GIFT-OVER50": "CODE-GIFT-VALUE",
    "KRI-REG-GIFT-MONEY": "CODE-GIFT-TENANT-MONEY",
    "KRI-REG-GIFT-HOME": "CODE-GIFT-HOME",
    "KRI-REG-SJ-UNAPPROVED": "CODE-SIDEJOB-APPROVAL",
    "KRI-REG-SJ-RELATION": "CODE-SIDEJOB-TENANT",
    "KRI-REG-CAR-KM": "CODE-CAR-KM",
}


def exceptions_page(lang: str = "nl") -> AppTest:
    at = run_app("exceptions.py", lang=lang, role=ROLE)
    assert not at.exception
    return at


def warehouse_exceptions(home: Path) -> pd.DataFrame:
    with reading(str(home / "warehouse.duckdb")) as con:
        frame = con.execute("select * from report_code_exceptions").df()
    return frame.assign(occurred_on=pd.to_datetime(frame["occurred_on"]).dt.date)


def shown_rows(at: AppTest) -> list[tuple]:
    """(date, rule id, pseudonym) of every row in the page's table, in page order."""
    table = frame_with(at, "Pseudoniem")
    return list(
        zip(
            pd.to_datetime(table["Datum"]).dt.date,
            table["Code"],
            table["Pseudoniem"],
            strict=True,
        )
    )


def mart_rows(frame: pd.DataFrame) -> list[tuple]:
    return list(zip(frame["occurred_on"], frame["rule_id"], frame["employee_id"], strict=True))


def page_tokens(at: AppTest) -> set[str]:
    """Every word and number the page shows: prose, labels, options and table cells."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [f"{w.label} {w.options}" for w in [*at.multiselect, *at.selectbox]]
    for frame in [d.value for d in at.dataframe]:
        parts += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    return set(re.findall(r"[\w-]+", "\n".join(parts)))


def raw_employee_numbers(raw: Path) -> set[str]:
    """Every employee and manager number in the demo's exports, as the source has them."""
    employees = pd.read_csv(raw / "employees.csv", sep=";", encoding="cp1252", dtype=str)
    side_jobs = pd.read_csv(raw / "side_jobs.csv", sep=";", encoding="cp1252", dtype=str)
    gifts = pd.read_excel(raw / "gifts.xlsx", dtype=str)
    cars = pd.read_csv(raw / "vehicle_use.csv", sep=";", encoding="utf-8", dtype=str)
    keys = pd.concat(
        [
            employees["employee_key"],
            employees["manager_key"],
            side_jobs["employee_key"],
            gifts["employee_key"],
            cars["employee_key"],
        ]
    )
    return {str(k).strip() for k in keys.dropna()}


def test_the_page_lists_exactly_the_code_exceptions_newest_first(demo_env: Path) -> None:
    at = exceptions_page()
    assert at.title[0].value == "Uitzonderingen"
    intro = next(c.value for c in at.caption if c.value.startswith("Overtredingen"))
    assert "gepseudonimiseerde persoonsgegevens" in intro
    assert "alleen de integriteitsfunctionaris" in intro
    assert "integriteitsbeleid" in intro

    expected = warehouse_exceptions(demo_env)
    assert len(expected) > 0
    rows = shown_rows(at)
    assert sorted(rows) == sorted(mart_rows(expected))
    dates = [r[0] for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert f"{len(expected)} uitzonderingen (van {len(expected)}), nieuwste eerst." in [
        c.value for c in at.caption
    ]


def test_the_demo_planted_code_breaches_appear_in_their_team(demo_env: Path) -> None:
    manifest = json.loads((demo_env / "raw" / "demo" / "manifest.json").read_text("utf-8"))
    planted = [
        (scenario, RULE_OF_INDICATOR[indicator])
        for scenario in manifest["scenarios"]
        for indicator in scenario["indicators"]
        if indicator in RULE_OF_INDICATOR
    ]
    assert planted, "the demo plants no code breach any more: this test checks nothing"
    with reading(str(demo_env / "warehouse.duckdb")) as con:
        names = dict(con.execute("select org_unit_id, org_unit_name from dim_org_units").fetchall())
    table = frame_with(exceptions_page(), "Pseudoniem")
    table = table.assign(quarter=pd.to_datetime(table["Datum"]).dt.to_period("Q").astype(str))
    for scenario, rule_id in planted:
        start = scenario["start_quarter"].replace("-", "")  # pandas writes 2025Q1
        found = table[
            (table["Team"] == names[scenario["org_unit"]])
            & (table["Code"] == rule_id)
            & (table["quarter"] >= start)
        ]
        assert len(found) > 0, (scenario["id"], rule_id)
        if rule_id == "CODE-GIFT-VALUE":
            # S-G4 plants at least two gifts of EUR 75 or more, accepted or shared, in
            # every quarter from its start: each quarter shows them
            quarters = [q.replace("-", "") for q in manifest["period"]["quarters"]]
            assert sorted(set(found["quarter"])) == [q for q in quarters if q >= start]


def test_no_raw_employee_number_appears_only_pseudonyms(demo_env: Path) -> None:
    at = exceptions_page()
    raw = raw_employee_numbers(demo_env / "raw" / "demo")
    assert len(raw) > 100
    assert page_tokens(at) & raw == set()
    pseudonyms = set(frame_with(at, "Pseudoniem")["Pseudoniem"])
    assert pseudonyms <= set(warehouse_exceptions(demo_env)["employee_id"])
    assert all(re.fullmatch(r"[0-9a-f]{32}", p) for p in pseudonyms)


def test_the_filters_narrow_by_rule_period_and_department(demo_env: Path) -> None:
    expected = warehouse_exceptions(demo_env)
    at = exceptions_page()

    at.multiselect(key="exc_rule").select("CODE-GIFT-VALUE").run()
    want = expected[expected["rule_id"] == "CODE-GIFT-VALUE"]
    assert sorted(shown_rows(at)) == sorted(mart_rows(want))

    at.date_input(key="exc_dates").set_value((dt.date(2025, 4, 1), dt.date(2025, 6, 30))).run()
    want = want[want["occurred_on"].between(dt.date(2025, 4, 1), dt.date(2025, 6, 30))]
    assert 0 < len(want) < len(expected)
    assert sorted(shown_rows(at)) == sorted(mart_rows(want))

    at.multiselect(key="exc_rule").unselect("CODE-GIFT-VALUE").run()
    everything = (expected["occurred_on"].min(), expected["occurred_on"].max())
    at.date_input(key="exc_dates").set_value(everything).run()
    at.selectbox(key="f_department").select("VG").run()
    want = expected[expected["department_id"] == "VG"]
    assert 0 < len(want) < len(expected)
    assert sorted(shown_rows(at)) == sorted(mart_rows(want))
    assert set(frame_with(at, "Pseudoniem")["Afdeling"]) == {"Vastgoed"}

    at.selectbox(key="f_department").select("DIR").run()
    if expected[expected["department_id"] == "DIR"].empty:
        assert not [d for d in at.dataframe if "Pseudoniem" in d.value.columns]
        assert "Geen uitzonderingen die aan deze filters voldoen." in [i.value for i in at.info]


def test_the_page_speaks_english(demo_env: Path) -> None:
    at = exceptions_page("en")
    assert at.title[0].value == "Exceptions"
    assert any("pseudonymised personal data" in c.value for c in at.caption)
    table = frame_with(at, "Pseudonym")
    assert list(table.columns) == [
        "Date",
        "Code",
        "Rule",
        "Pseudonym",
        "Team",
        "Department",
        "Value",
        "Private km",
        "Private km limit",
        "Details",
        "Follow-up",
    ]
    assert set(table["Follow-up"]) == {"Open"}  # none followed up in the demo
    assert "Gift over the maximum value" in set(table["Rule"])
    value_rows = table[table["Code"] == "CODE-GIFT-VALUE"]
    assert value_rows["Details"].str.contains("over the maximum of € 50.00").all()
    assert not table["Details"].str.contains("boven|geregistreerd|aangenomen").any()


def dutch_km(value: float) -> str:
    """Kilometres as Dutch writes them, independently of pipelines.core.formats: a dot
    between thousands, a decimal comma, whole figures without decimals."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".") + " km"


def test_a_company_car_year_shows_its_kilometres_in_dutch(demo_env: Path) -> None:
    expected = warehouse_exceptions(demo_env)
    cars = expected[expected["rule_id"] == "CODE-CAR-KM"]
    assert len(cars) > 0, "the demo has no company-car exception: this test checks nothing"
    assert (cars["private_km"] >= cars["max_private_km"]).all()
    assert set(cars["occurred_on"].map(lambda d: (d.month, d.day))) == {(1, 1)}
    table = frame_with(exceptions_page(), "Pseudoniem")
    shown = table[table["Code"] == "CODE-CAR-KM"]
    shown = shown.set_index([shown["Pseudoniem"], pd.to_datetime(shown["Datum"]).dt.date])
    assert len(shown) == len(cars)
    assert set(shown["Regel"]) == {"Dienstauto boven de grens voor privékilometers"}
    for _, car in cars.iterrows():
        row = shown.loc[(car["employee_id"], car["occurred_on"])]
        assert row["Privé-km"] == dutch_km(car["private_km"])
        assert row["Grens privé-km"] == "500 km"
        year = car["occurred_on"].year
        assert row["Details"] == (
            f"{dutch_km(car['private_km'])} privé gereden in {year}; "
            "het jaartotaal moet onder 500 km blijven"
        )
    # a big figure shows the thousands dot: the demo plants up to 2.400 km
    assert shown["Privé-km"].str.contains(r"^\d\.\d{3}", regex=True).any()
    others = table[table["Code"] != "CODE-CAR-KM"]
    assert set(others["Privé-km"]) == set(others["Grens privé-km"]) == {"–"}


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("radar_home", "Geen uitzonderingen op de integriteitscode in de ingelezen registers."),
        (
            "empty_home",
            "Er zijn nog geen gegevens verwerkt. Een beheerder verwerkt ze met "
            "`radar build` (of `make run`).",
        ),
    ],
    ids=["no exceptions", "no warehouse"],
)
def test_without_exceptions_or_warehouse_the_page_says_so(
    fixture: str, message: str, request: pytest.FixtureRequest
) -> None:
    request.getfixturevalue(fixture)
    at = exceptions_page()
    assert message in [i.value for i in at.info]
    assert not at.dataframe
