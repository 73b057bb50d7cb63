"""A survey file without a single 5 among at least ingest.survey_top_min answers is on a
scale of four points, not five: refused whole (pipelines/ingest/top_answer.py; helper-174:
60 respondents x 3 items answered 1-4 loaded as five points, 'eens' (3) the midpoint).
A mapping translates the four points with values, or confirms five with answer_scale: 5."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.core.catalogue import load_catalogue
from pipelines.ingest.mapping import load_mapping
from pipelines.ingest.readers import UnusableFile
from tests.test_ingest import SURVEY_HEADER, home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

LEAST = load_catalogue().settings.ingest.survey_top_min


ITEMS = ("CLA1", "CLA2", "PS1")


def survey(
    tmp_path: Path, answers: list[int], mapping: str = "", items: tuple[str, ...] = ITEMS
) -> list:
    rows = "".join(
        f"R{i};15-03-2026;VH-N;{items[i % len(items)]};{a}\n" for i, a in enumerate(answers)
    )
    path = write(tmp_path / "in" / "survey.csv", SURVEY_HEADER + rows)
    if not mapping:
        return [path]
    return [
        path,
        write(tmp_path / "in" / "s.mapping.yaml", "dataset: survey_responses\n" + mapping),
    ]


def four_points(n: int) -> list[int]:
    return [1 + i % 4 for i in range(n)]


@pytest.mark.parametrize(("n", "refused"), [(LEAST - 1, False), (LEAST, True)])
def test_a_file_without_a_five_is_refused_from_so_many_answers(
    home: Path, tmp_path: Path, n: int, refused: bool
) -> None:
    path, *_ = survey(tmp_path, four_points(n))
    [result] = run(home, path)
    loaded = query(home, "select count(*) from raw_survey_responses")
    if refused:
        assert result.error is not None and f"geen enkel antwoord 5 in de {n} antwoorden" in str(
            result.error
        ), result.error
        assert "values: {answer: {'3': 4, '4': 5}}" in str(result.error)
        assert loaded == [(0,)]
    else:
        assert result.error is None and loaded == [(n,)], result.error


def test_one_five_is_a_five_point_file(home: Path, tmp_path: Path) -> None:
    path, *_ = survey(tmp_path, four_points(LEAST) + [5])
    [result] = run(home, path)
    assert result.error is None, result.error


def test_a_four_point_scale_translated_by_values_is_read_so(home: Path, tmp_path: Path) -> None:
    files = survey(tmp_path, four_points(LEAST), "values: {answer: {'3': 4, '4': 5}}\n")
    [result] = run(home, files[0], mappings=[files[1]])
    assert result.error is None, result.error
    got = query(home, "select answer, count(*) from raw_survey_responses group by 1 order by 1")
    assert [a for a, _ in got] == [1, 2, 4, 5]


def test_answer_scale_5_confirms_five_points(home: Path, tmp_path: Path) -> None:
    files = survey(tmp_path, four_points(LEAST), "answer_scale: 5\n")
    [result] = run(home, files[0], mappings=[files[1]])
    assert result.error is None, result.error
    assert query(home, "select max(answer) from raw_survey_responses") == [(4,)]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("dataset: survey_responses\nanswer_scale: 4\n", "alleen answer_scale: 5"),
        ("dataset: trainings\nanswer_scale: 5\n", "alleen answer_scale: 5"),
    ],
)
def test_answer_scale_is_five_in_a_survey_alone(tmp_path: Path, text: str, said: str) -> None:
    path = write(tmp_path / "a.mapping.yaml", text)
    with pytest.raises(UnusableFile) as caught:
        load_mapping(path)
    assert said in str(caught.value)


@pytest.mark.parametrize(("items", "refused"), [(ITEMS[:2], False), (ITEMS, True)])
def test_one_or_two_items_may_have_no_five(
    home: Path, tmp_path: Path, items: tuple[str, ...], refused: bool
) -> None:
    """helper-177: the demo's reversed item RAE2 alone, 1604 answers piled at 1-2 and none
    5, was refused; three items without a single 5 are four points."""
    path, *_ = survey(tmp_path, [1, 2, 3, 4] * 100, items=items)
    [result] = run(home, path)
    assert (result.error is not None) == refused, result.error


def test_values_for_the_answers_say_how_they_read(home: Path, tmp_path: Path) -> None:
    """helper-177: four points translated by values, where nobody chose the 4th, were
    refused again with the advice already followed."""
    files = survey(tmp_path, [1, 2, 3] * 60, "values: {answer: {'3': 4, '4': 5}}\n")
    [result] = run(home, files[0], mappings=[files[1]])
    assert result.error is None, result.error


@pytest.mark.parametrize(
    ("values", "refused"),
    [
        ("{'Weet niet': null}", True),
        ("{'Weet niet': null, '6': null}", True),
        ("{'Weet niet': null, '4': 5}", False),
        ("{'Weet niet': ''}", True),  # helper-208: an empty target is no score
        ("{'Oneens': 1, 'Enigszins oneens': 2, 'Enigszins eens': 3, 'Eens': 4}", True),
        ("{'Weet niet': null, '4,0': 4}", True),
        ("{'Helemaal eens': '5'}", False),
    ],
)
def test_values_that_only_empty_answers_say_nothing_of_the_scale(
    home: Path, tmp_path: Path, values: str, refused: bool
) -> None:
    """helper-207: docs/mappings' vendor_long mapping, values: {answer: {"Weet niet":
    null}}, let a file of four points load as five; a value that scores an answer says
    how they read."""
    files = survey(tmp_path, four_points(LEAST), f"values: {{answer: {values}}}\n")
    [result] = run(home, files[0], mappings=[files[1]])
    assert (result.error is not None) == refused, result.error
    if refused:
        assert f"geen enkel antwoord 5 in de {LEAST} antwoorden" in str(result.error)


def monthly(tmp_path: Path, sizes: list[int], folder: str = "in") -> list[Path]:
    """A continuous survey exported per month, each file ``sizes[i]`` answers on four
    points (1-4) to the three items."""
    paths = []
    for month, n in enumerate(sizes, start=1):
        rows = "".join(
            f"R{month}{i};15-{month:02d}-2026;VH-N;{ITEMS[i % 3]};{1 + i % 4}\n" for i in range(n)
        )
        paths.append(
            write(tmp_path / folder / f"survey_2026-{month:02d}.csv", SURVEY_HEADER + rows)
        )
    return paths


@pytest.mark.parametrize(("last", "refused"), [(LEAST - 80, True), (LEAST - 81, False)])
def test_small_monthly_files_are_judged_together(
    home: Path, tmp_path: Path, last: int, refused: bool
) -> None:
    """helper-207: a monthly export of 40 answers stays under survey_top_min and was never
    judged, every month; with the earlier months read the same way, the month that brings
    the answers to survey_top_min is refused (at exactly that many, not one fewer)."""
    *earlier, final = monthly(tmp_path, [40, 40, last])
    assert [r.error for r in run(home, *earlier)] == [None, None]
    [result] = run(home, final)
    if refused:
        assert result.error is not None, result.error
        assert (
            f"geen enkel antwoord 5 in de {last} antwoorden van dit bestand en die van de "
            "eerdere bestanden die net als dit zonder kolomkoppeling zijn ingelezen, elk te "
            f"klein om alleen te beoordelen ({tmp_path}/in/survey_2026-01.csv, "
            f"{tmp_path}/in/survey_2026-02.csv), samen {LEAST}"
        ) in str(result.error), result.error
        assert query(home, "select count(*) from raw_survey_responses") == [(80,)]
    else:
        assert result.error is None, result.error


def test_the_way_out_reads_the_earlier_months_again(home: Path, tmp_path: Path) -> None:
    """The refusal's advice followed: the mapping translates four points and the folder is
    ingested again, so the earlier months are read again (remapped) and the last loads."""
    paths = monthly(tmp_path, [40, 40, 40])
    run(home, *paths)
    mapping = write(
        tmp_path / "m" / "s.mapping.yaml",
        "dataset: survey_responses\nfiles: [survey_*.csv]\nvalues: {answer: {'3': 4, '4': 5}}\n",
    )
    results = run(home, *paths, mappings=[mapping])
    assert [r.error for r in results] == [None] * 3
    got = query(home, "select answer, count(*) from raw_survey_responses group by 1 order by 1")
    assert got == [(1, 30), (2, 30), (4, 30), (5, 30)]


def test_files_read_another_way_are_not_judged_together(home: Path, tmp_path: Path) -> None:
    """Only the files of the same reading count together: a month under another mapping
    (another tool's export) is not this one's earlier month."""
    first, second = monthly(tmp_path, [60, 60])
    other = write(
        tmp_path / "m" / "o.mapping.yaml",
        "dataset: survey_responses\nfiles: [survey_2026-01.csv]\nexport_date: 2026-02-01\n",
    )
    assert run(home, first, mappings=[other])[0].error is None
    assert run(home, second)[0].error is None


def test_a_file_judged_alone_proves_its_own_scale_not_the_next_ones(
    home: Path, tmp_path: Path
) -> None:
    """helper-209: an earlier five-point file of 150 answers with its 5s, in the pool for
    all time, let every later small four-point month through."""
    rows = "".join(f"W{i};15-10-2025;VH-N;{ITEMS[i % 3]};{1 + i % 5}\n" for i in range(LEAST + 50))
    wave = write(tmp_path / "old" / "survey_2025-10.csv", SURVEY_HEADER + rows)
    assert run(home, wave)[0].error is None
    *earlier, final = monthly(tmp_path, [40, 40, 40])
    assert [r.error for r in run(home, *earlier)] == [None, None]
    [result] = run(home, final)
    assert "/in/survey_2026-02.csv), samen 120" in str(result.error), result.error


def test_under_a_mapping_the_refusal_names_it(home: Path, tmp_path: Path) -> None:
    mapping = write(
        tmp_path / "m" / "s.mapping.yaml", "dataset: survey_responses\nfiles: [survey_*.csv]\n"
    )
    *earlier, final = monthly(tmp_path, [40, 40, 40])
    assert [r.error for r in run(home, *earlier, mappings=[mapping])] == [None, None]
    [result] = run(home, final, mappings=[mapping])
    assert "eerdere bestanden die met een kolomkoppeling van dezelfde inhoud (op files: en " in str(
        result.error
    )


def test_a_small_file_of_another_series_covers_nothing(home: Path, tmp_path: Path) -> None:
    """helper-210: a small five-point pulse (with a 5) read first let every later small
    four-point month through: without a mapping, files named alike are one series."""
    pulse = "".join(f"P{i};15-12-2025;VH-N;{ITEMS[i % 3]};{1 + i % 5}\n" for i in range(39))
    assert run(home, write(tmp_path / "in" / "pulse.csv", SURVEY_HEADER + pulse))[0].error is None
    *earlier, final = monthly(tmp_path, [40, 40, 40])
    assert [r.error for r in run(home, *earlier)] == [None, None]
    [result] = run(home, final)
    assert "samen 120" in str(result.error), result.error


def test_a_cumulative_export_counts_each_answer_once(home: Path, tmp_path: Path) -> None:
    """helper-210: January's 39 answers and February's export holding January's again
    with its own (78) were 117 together: 78 answers, under 100, judged as more."""
    january, february = monthly(tmp_path, [39, 39])
    assert run(home, january)[0].error is None
    write(february, january.read_text() + february.read_text().split("\n", 1)[1])
    [result] = run(home, february)
    assert result.error is None, result.error


def test_a_mapping_with_a_fixed_export_date_still_judges_its_months(
    home: Path, tmp_path: Path
) -> None:
    """helper-210: a mapping whose export_date the user sets each month read every month
    another way (its identity), so none was judged with the others."""
    results = []
    for month, path in enumerate(monthly(tmp_path, [40, 40, 40]), start=1):
        mapping = write(
            tmp_path / "m" / "s.mapping.yaml",
            f"dataset: survey_responses\nfiles: [survey_*.csv]\nexport_date: 2026-0{month}-28\n",
        )
        results += run(home, path, mappings=[mapping])
    assert [r.error is None for r in results] == [True, True, False], results[-1].error


def test_a_five_in_an_earlier_month_proves_the_series_scale(home: Path, tmp_path: Path) -> None:
    """helper-211, -213: a five-point survey whose January held one 5 and whose February to
    April, 39 answers each, none: leaving the month with the 5 out of the pool chose the
    pool for having none, and a survey whose 5s are rare was refused."""
    paths = monthly(tmp_path, [39, 39, 39, 39])
    january = paths[0].read_text().splitlines()
    january[1] = january[1].rsplit(";", 1)[0] + ";5"
    write(paths[0], "\n".join(january) + "\n")
    assert [r.error for r in run(home, *paths)] == [None] * 4


def test_months_named_by_their_month_are_one_series(home: Path, tmp_path: Path) -> None:
    """helper-212: enquete_januari.csv, enquete_februari.csv, ... without a mapping were a
    series each (the digits of a name told them apart), and never judged."""
    results = []
    for name, path in zip(
        ("januari", "februari", "maart"), monthly(tmp_path, [40, 40, 40]), strict=True
    ):
        results += run(home, path.rename(path.with_name(f"enquete_{name}.csv")))
    assert [r.error is None for r in results] == [True, True, False]


def test_a_warehouse_from_before_the_series_pools_its_files_without_a_mapping(
    home: Path, tmp_path: Path
) -> None:
    """helper-212: the ingest_log rows of a warehouse from before the series column had
    none, so its months were never pooled; those read without a mapping are one series."""
    *earlier, final = monthly(tmp_path, [40, 40, 40])
    assert [r.error for r in run(home, *earlier)] == [None, None]
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("alter table ingest_log drop column series")
    [result] = run(home, final)
    assert "samen 120" in str(result.error), result.error


def test_a_copy_of_the_mapping_in_each_months_folder_is_one_series(
    home: Path, tmp_path: Path
) -> None:
    """helper-211: each month in a folder of its own with a copy of one mapping (and a file
    named alike in each, export.csv): pooled by the mapping's path, no month was judged."""
    results = []
    for month, n in enumerate([42, 42, 42], start=1):
        folder = tmp_path / f"2026-0{month}"
        (path,) = monthly(tmp_path, [0] * (month - 1) + [n], folder=folder.name)[-1:]
        export = path.rename(folder / "export.csv")
        mapping = write(
            folder / "enquete.mapping.yaml", "dataset: survey_responses\nfiles: [export.csv]\n"
        )
        results += run(home, export, mappings=[mapping])
    assert [r.error is None for r in results] == [True, True, False], results[-1].error


def test_an_old_warehouse_pools_its_files_read_without_a_mapping(
    home: Path, tmp_path: Path
) -> None:
    """helper-213: rows from before mapping_hash was kept (NULL there too) were never
    pooled; their series comes from their names."""
    *earlier, final = monthly(tmp_path, [40, 40, 40])
    assert [r.error for r in run(home, *earlier)] == [None, None]
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("alter table ingest_log drop column series")
        con.execute("update ingest_log set mapping_hash = null")
    [result] = run(home, final)
    assert "samen 120" in str(result.error), result.error
