"""The Datakwaliteit page, run by Streamlit's AppTest against a real warehouse."""

from __future__ import annotations

from pathlib import Path

from tests.apphelpers import frame_with, run_app


def test_the_data_quality_page_shows_files_quarantine_and_freshness(
    tmp_path: Path, monkeypatch
) -> None:
    from pipelines.build import build

    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    org = tmp_path / "org_units.csv"
    org.write_text("org_unit;name;parent_unit;level\nWH;W;;organisatie\nT1;Team;WH;team\n")
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "respondent_key;wave_date;org_unit;item_code;answer\n"
        "R1;15-03-2026;T1;CLA1;4\nR1;15-03-2026;T1;CLA2;6\nR2;15-03-2026;ZZ;CLA1;2\n"
    )
    build(path=home / "warehouse.duckdb", inputs=[org, survey])

    at = run_app("data_quality.py")
    assert not at.exception
    assert at.title[0].value == "Datakwaliteit"
    assert [h.value for h in at.header] == [
        "Actualiteit per dataset",
        "Ingelezen bestanden",
        "Quarantaine",
    ]
    files = frame_with(at, "Ingelezen op")
    assert sorted(files["Bestand"]) == ["org_units.csv", "survey.csv"]
    survey_row = files[files["Bestand"] == "survey.csv"].iloc[0]
    assert (survey_row["Rijen in"], survey_row["Geladen"], survey_row["Quarantaine"]) == (3, 1, 2)
    quarantine = frame_with(at, "Regel")
    assert sorted(quarantine["Regel"]) == [3, 4]
    assert "2 rijen in quarantaine (van 5 ingelezen)." in [c.value for c in at.caption]

    at.multiselect(key="q_reason").select("unknown_org_unit").run()
    assert list(frame_with(at, "Regel")["Waarde"]) == ["ZZ"]
    freshness = frame_with(at, "Nieuwste datum")
    assert freshness.set_index("Dataset").loc["survey_responses", "Rijen"] == 1
