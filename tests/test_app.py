"""The dashboard pages, run by Streamlit's AppTest against a real warehouse."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pipelines.catalogue import Catalogue

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "streamlit_app.py")


def run_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    return at


def test_the_register_page_lists_every_risk_with_its_measures(
    radar_home: Path, catalogue: Catalogue
) -> None:
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "Risicoregister"
    assert [h.value for h in at.header] == [
        "Strategische red flags",
        "Gelegenheid",
        "Druk",
        "Rationalisatie",
    ]
    labels = [e.label for e in at.expander]
    assert labels == [f"{r.id} · {r.name.nl}" for r in catalogue.risks_in_order()]
    shown = {text for table in at.table for text in table.value.iloc[:, 0]}
    assert shown == {m.text.nl for _, m in catalogue.control_measures()}


def test_the_language_switch_shows_the_register_in_english(
    radar_home: Path, catalogue: Catalogue
) -> None:
    at = run_app()
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Risk register"
    assert at.header[0].value == "Strategic red flags"
    assert at.expander[0].label == f"RF1 · {catalogue.risk('RF1').name.en}"


def test_without_a_warehouse_the_page_says_how_to_build_one(empty_home: Path) -> None:
    at = run_app()
    assert not at.exception
    assert "radar build" in at.info[0].value
