"""A survey item answered on another scale (helper-140): a 7-point item's 1-5 answers were
loaded as if they were five points, and only its 6s and 7s were quarantined. An item with
more than ingest.survey_off_scale_share (5%) of its answers in a file outside 1-5 is now
held back whole (off_scale), when at least ingest.survey_off_scale_min (2) are; one stray
6 stays that row's own fault, however few answers the item has."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.core.catalogue import IngestSettings, load_catalogue
from pipelines.ingest.quality.base import SuiteContext
from tests.ingesthelpers import ingest_only
from tests.test_ingest import SURVEY_HEADER, home, org_home, query, run, write
from tests.test_wide_survey import wide_mapping

__all__ = ["home", "org_home"]  # fixtures used here


def answers(item: str, cells: list[str], start: int = 0, day: str = "15-03-2026") -> str:
    return "".join(f"R{start + i};{day};VH-N;{item};{c}\n" for i, c in enumerate(cells))


def reasons(home: Path) -> list[tuple]:
    return query(
        home,
        "select reason_code, count(*) from quarantine where dataset = 'survey_responses' "
        "group by all order by 1",
    )


def test_the_default_share_is_the_settings_and_the_contexts() -> None:
    ingest = load_catalogue().settings.ingest
    settings = (ingest.survey_off_scale_share, ingest.survey_off_scale_min)
    assert (*settings, ingest.survey_off_scale_chance) == (0.05, 2, 0.05)
    ctx = SuiteContext(today=None)  # type: ignore[arg-type]
    settings = (ctx.survey_off_scale_share, ctx.survey_off_scale_min)
    assert (*settings, ctx.survey_off_scale_chance) == (0.05, 2, 0.05)


@pytest.mark.parametrize(
    ("n", "off", "held_back"),
    [
        (40, 2, False),  # 5.0%: not more than the share
        (39, 2, True),  # 5.1%
        (20, 1, False),  # 5.0%
        (10, 1, False),  # 10%, but one alone: a typo is no scale
        (3, 1, False),  # 33%, alone (docs/mappings/wide_survey.csv: a 9 of four)
        (10, 2, True),  # 20%, two
    ],
)
def test_an_item_past_the_share_is_held_back_whole(
    home: Path, tmp_path: Path, n: int, off: int, held_back: bool
) -> None:
    """CLA1 with ``off`` of its ``n`` answers a 6 or a 7, the rest 1-5, and one empty cell
    besides ("weet niet": no answer, in neither count); CLA2 all on the five points. Held
    back: CLA1's answers 1-5 and its empty one are off_scale, its 6s and 7s out_of_range
    (one reason each, not both), and CLA2 loads."""
    cla1 = [str(1 + i % 5) for i in range(n - off)] + [""] + ["6", "7"][:off]
    f = write(
        tmp_path / "survey.csv", SURVEY_HEADER + answers("CLA1", cla1) + answers("CLA2", ["4"] * 10)
    )
    [result] = run(home, f)
    assert result.error is None
    loaded = query(
        home, "select item_code, count(*) from raw_survey_responses group by 1 order by 1"
    )
    if held_back:
        assert loaded == [("CLA2", 10)]
        assert reasons(home) == [("off_scale", n - off + 1), ("out_of_range", off)]
    else:
        assert loaded == [("CLA1", n - off + 1), ("CLA2", 10)]
        assert reasons(home) == [("out_of_range", off)]


def test_a_seven_point_item_in_a_wide_export_is_held_back_and_said(
    home: Path, tmp_path: Path
) -> None:
    """A wide export whose CLA2 is on seven points: its 4 is no "mee eens". The message
    names file, line, column and value, the share and the way out."""
    rows = "".join(f"R{i};15-10-2024;VH-N;{1 + i % 5};{1 + i % 7}\n" for i in range(30))
    wide = write(tmp_path / "breed.csv", "Respondent;Datum;Eenheid;CLA1;CLA2\n" + rows)
    [result] = run(home, wide, mappings=[wide_mapping(tmp_path)])
    assert result.error is None
    assert query(home, "select distinct item_code from raw_survey_responses") == [("CLA1",)]
    [(line, column, value, reason)] = query(
        home,
        'select line, "column", value, reason from quarantine '
        "where reason_code = 'off_scale' order by line limit 1",
    )
    assert (line, column, value) == (2, "answer", "1")
    assert reason.startswith("breed.csv, regel 2, kolom CLA2, waarde '1': meer dan 5% van")
    assert (
        "ingest.survey_off_scale_share en _min" in reason
        and "(hier boven 5: 6, 7; values: {answer: {'6': null}} voor een 6)" in reason
        and "een andere schaal wordt niet gelezen: laat het item weg uit de export" in reason
    )


def five(n: int) -> list[str]:
    return [str(1 + i % 5) for i in range(n)]


def test_each_wave_month_is_judged_on_its_own_answers(home: Path, tmp_path: Path) -> None:
    """helper-143: CLA1 on five points in September 2025 (100 answers) and on seven in
    March 2026 (17 answers 1-5, three 6s and 7s): 3 of 120 in the file is under the share,
    and the seven-point month's 1-5 were read as five points. Per month, March is held
    back and September loads. The other way round, a seven-point March of 60 answers (14
    past 5) no longer holds back September's five-point answers, which have none."""
    september = answers("CLA1", five(100), day="15-09-2025")
    march = answers("CLA1", five(17) + ["6", "7", "6"], start=100)
    f = write(tmp_path / "survey.csv", SURVEY_HEADER + september + march)
    [result] = run(home, f)
    assert query(
        home, "select month(wave_date), count(*) from raw_survey_responses group by 1"
    ) == [(9, 100)]
    assert reasons(home) == [("off_scale", 17), ("out_of_range", 3)]
    assert result.rows_quarantined == 20


def test_a_continuous_surveys_small_months_are_judged_together(home: Path, tmp_path: Path) -> None:
    """helper-145: a continuous survey's seven-point item with 4 answers a month; months
    without a 6 or 7 loaded as five points. Three months hold two above 5 (held back by
    themselves), five one, three none: judged together, the eight months not held back
    by themselves hold 5 of 32 above 5, and every month is held back."""
    cells = [five(2) + ["6", "7"]] * 3 + [five(3) + ["6"]] * 5 + [five(4)] * 3
    rows = "".join(
        answers("CLA1", c, start=4 * m, day=f"15-{m + 1:02d}-2025") for m, c in enumerate(cells)
    )
    f = write(tmp_path / "survey.csv", SURVEY_HEADER + rows)
    run(home, f)
    assert query(home, "select count(*) from raw_survey_responses") == [(0,)]
    assert reasons(home) == [("off_scale", 33), ("out_of_range", 11)]


def test_a_wave_of_its_own_with_a_stray_six_loads_beside_a_seven_point_wave(
    home: Path, tmp_path: Path
) -> None:
    """helper-145: a seven-point wave in March (60 answers, 14 past 5) and a five-point
    wave in September (120 answers, one of them a 6): September was held back whole and
    the file refused. Each month with answers enough is judged on its own."""
    march = answers("CLA1", five(46) + ["6", "7"] * 7, day="15-03-2026")
    september = answers("CLA1", five(119) + ["6"], start=60, day="15-09-2025")
    f = write(tmp_path / "survey.csv", SURVEY_HEADER + march + september)
    run(home, f)
    assert query(
        home, "select month(wave_date), count(*) from raw_survey_responses group by 1"
    ) == [(9, 119)]
    assert reasons(home) == [("off_scale", 46), ("out_of_range", 15)]


@pytest.mark.parametrize(("big", "held"), [(40, 12), (39, 12 + 39)])
def test_a_month_of_forty_answers_tells_by_itself_and_one_of_39_is_pooled(
    home: Path, tmp_path: Path, big: int, held: int
) -> None:
    """September's five-point answers, none above 5, beside three months of five answers
    with one 7 each: 40 answers tell by themselves and load; 39 are judged with the three
    (3 of 54 above 5, 5.6%; none among 39 has a chance of 10.8% at that rate)."""
    september = answers("CLA1", five(big), day="15-09-2025")
    later = "".join(
        answers("CLA1", five(4) + ["7"], start=100 + 5 * m, day=f"15-{m:02d}-2025")
        for m in (10, 11, 12)
    )
    f = write(tmp_path / "survey.csv", SURVEY_HEADER + september + later)
    run(home, f)
    off = query(home, "select count(*) from quarantine where reason_code = 'off_scale'")
    assert off == [(held,)]
    loaded = query(home, "select count(*) from raw_survey_responses")
    assert loaded == [(big + 12 - held,)]


def test_a_row_without_an_item_keeps_its_own_reason_only(home: Path, tmp_path: Path) -> None:
    """helper-143: rows with an empty item_code were one pseudo-item, off_scale on top of
    missing_required."""
    f = write(tmp_path / "survey.csv", SURVEY_HEADER + answers("", ["6", "7", "2", "3"]))
    run(home, f)
    assert reasons(home) == [("missing_required", 4), ("out_of_range", 2)]


def test_a_number_for_weet_niet_in_the_mapping_loads_the_item(home: Path, tmp_path: Path) -> None:
    """Where the tool writes "weet niet" as 6, the mapping says so and the item loads with
    its 6s empty."""
    cells = ["4", "6", "2", "6", "5", "3", "6", "1"]
    f = write(tmp_path / "survey.csv", SURVEY_HEADER + answers("CLA1", cells))
    mapping = write(
        tmp_path / "survey.mapping.yaml",
        "dataset: survey_responses\nfiles: ['survey.csv']\nvalues: {answer: {'6': null}}\n",
    )
    [result] = run(home, f, mappings=[mapping])
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 8, 0)
    assert query(home, "select count(answer), count(*) from raw_survey_responses") == [(5, 8)]


@pytest.mark.parametrize(
    ("settings", "held_back"),
    [({}, True), ({"survey_off_scale_share": 0.10}, False), ({"survey_off_scale_min": 3}, False)],
)
def test_the_share_and_the_least_number_are_settings(
    home: Path, tmp_path: Path, settings: dict, held_back: bool
) -> None:
    """2 of 20 answers off the scale (10%): held back by default; loaded (its 18, the 6 and
    the 7 quarantined) at a share of 0.10, or when it takes three."""
    cat = load_catalogue()
    ingest = IngestSettings(max_quarantined_share=1.0, **settings)
    cat = cat.model_copy(update={"settings": cat.settings.model_copy(update={"ingest": ingest})})
    cells = [str(1 + i % 5) for i in range(18)] + ["6", "7"]
    f = write(tmp_path / "survey.csv", SURVEY_HEADER + answers("CLA1", cells))
    [result] = ingest_only(home / "warehouse.duckdb", [f], catalogue=cat)
    assert (result.rows_loaded, result.rows_quarantined) == ((0, 20) if held_back else (18, 2))


@pytest.mark.parametrize("each", [20, 10])
def test_a_seven_point_december_beside_five_point_months_is_held_back_alone(
    home: Path, tmp_path: Path, each: int
) -> None:
    """Months January to November of ``each`` five-point answers and a December of 20
    with 8 above 5. helper-147 (20 a month): pooled, 8 of 240 was under the share and
    December's 1-5 loaded as five points. helper-148 (10 a month): December counted with
    the small months (8 of 130) and held back all eleven. December is held back by its
    own answers and left out of the small months' count; the other months load."""
    months = "".join(
        answers("CLA1", five(each), start=each * m, day=f"15-{m:02d}-2025") for m in range(1, 12)
    )
    december = answers("CLA1", five(12) + ["6", "7"] * 4, start=300, day="15-12-2025")
    f = write(tmp_path / "survey.csv", SURVEY_HEADER + months + december)
    run(home, f)
    assert query(home, "select count(*) from raw_survey_responses") == [(11 * each,)]
    assert reasons(home) == [("off_scale", 12), ("out_of_range", 8)]


def april_and_others(april: int) -> str:
    """April's answers, none above 5, and eight later months of five answers with one 7
    each (none held back by itself: one is no scale)."""
    rows = answers("CLA1", five(april), day="15-04-2025")
    for m in range(5, 13):
        rows += answers("CLA1", five(4) + ["7"], start=100 + 5 * m, day=f"15-{m:02d}-2025")
    return SURVEY_HEADER + rows


@pytest.mark.parametrize(("april", "held"), [(21, True), (22, False), (30, False)])
def test_a_small_five_point_month_too_unlike_the_pool_is_not_held_back(
    home: Path, tmp_path: Path, april: int, held: bool
) -> None:
    """helper-147: a five-point April beside months of another scale was held back with
    them. Judged with eight months of one 7 in five answers (8 of 40 + ``april``), no 7
    among April's answers has a chance of 5.2% with 21 answers (held back), 4.8% with 22
    and 2.6% with 30 (April loads)."""
    f = write(tmp_path / "survey.csv", april_and_others(april))
    run(home, f)
    loaded = query(home, "select count(*) from raw_survey_responses")
    assert loaded == [(0 if held else april,)]
    assert reasons(home) == [("off_scale", 32 + (april if held else 0)), ("out_of_range", 8)]


def test_the_chance_is_a_setting(home: Path, tmp_path: Path) -> None:
    """At a chance of 0.04, April's 22 answers without a 7 (4.8%) are held back."""
    cat = load_catalogue()
    ingest = IngestSettings(max_quarantined_share=1.0, survey_off_scale_chance=0.04)
    cat = cat.model_copy(update={"settings": cat.settings.model_copy(update={"ingest": ingest})})
    f = write(tmp_path / "survey.csv", april_and_others(22))
    [result] = ingest_only(home / "warehouse.duckdb", [f], catalogue=cat)
    assert (result.rows_loaded, result.rows_quarantined) == (0, 62)


def test_a_zero_is_no_higher_scales_answer(home: Path, tmp_path: Path) -> None:
    """helper-148: a month of 15 answers with a 6 and a 0 (two typos) was held back whole;
    a 0 is no seven-point answer, so one above 5 is left: the month loads its 13."""
    f = write(tmp_path / "survey.csv", SURVEY_HEADER + answers("CLA1", five(13) + ["6", "0"]))
    run(home, f)
    assert query(home, "select count(*) from raw_survey_responses") == [(13,)]
    assert reasons(home) == [("out_of_range", 2)]


def test_a_small_months_one_answer_above_5_counts_in_its_chance(home: Path, tmp_path: Path) -> None:
    """April of 30 answers with one 7, beside the eight months of one 7 in five answers:
    at their rate (9 of 70) at most one 7 among 30 has a chance of 8.6% (none alone:
    1.6%), so April is held back with them."""
    text = april_and_others(30).replace(";15-04-2025;VH-N;CLA1;4\n", ";15-04-2025;VH-N;CLA1;7\n", 1)
    f = write(tmp_path / "survey.csv", text)
    run(home, f)
    assert query(home, "select count(*) from raw_survey_responses") == [(0,)]
    assert reasons(home) == [("off_scale", 32 + 29), ("out_of_range", 9)]


def test_a_month_that_loads_beside_months_held_back_is_named(home: Path, tmp_path: Path) -> None:
    """helper-148: a seven-point item, 10 answers a month with three above 5, but June's
    ten all 1-5: June cannot be told from five points and loads, and the log names the
    item and June, so the reader can check it."""
    rows = "".join(
        answers(
            "CLA1", five(10) if m == 6 else five(7) + ["6", "7", "6"], 10 * m, f"15-{m:02d}-2025"
        )
        for m in range(1, 13)
    )
    [result] = run(home, write(tmp_path / "survey.csv", SURVEY_HEADER + rows))
    assert query(home, "select count(*) from raw_survey_responses") == [(10,)]
    said = [str(n) for n in result.notes]
    assert any(
        n.startswith(
            "item CLA1: 11 maand(en) op een andere schaal in quarantaine (off_scale), "
            "maar geladen als vijf punten in 06-2025;"
        )
        for n in said
    ), said
