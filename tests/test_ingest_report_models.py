"""The models the ingest's report refresh reruns when a run loaded nothing new
(builder.ingest_report_models): those whose SQL reads the ingest bookkeeping, and those
built on them; not a model whose comment names it (ccf95c0: a staging model's comment
naming the quarantine ran it, and a mart on it, in a warehouse without their inputs)."""

from __future__ import annotations

from pathlib import Path

from pipelines.build.builder import ingest_report_models
from pipelines.build.models import Model, discover_models


def model(name: str, sql: str, depends_on: set[str] = frozenset()) -> Model:
    return Model(name, "staging", Path(f"{name}.sql"), sql, frozenset(depends_on))


def test_a_model_is_chosen_by_what_it_reads_not_by_its_comments() -> None:
    models = [
        model("reads", "select * from quarantine"),
        model("says", "-- rows quarantine held back\nselect * from raw_gifts"),
        model("quoted", "select 'quarantine' as word from raw_gifts"),
        model("on_reads", "select * from reads", {"reads"}),
        model("on_says", "select * from says", {"says"}),
    ]
    assert [m.name for m in ingest_report_models(models)] == ["reads", "on_reads"]


def test_no_staging_model_of_a_dataset_is_refreshed_with_the_reports() -> None:
    chosen = {m.name for m in ingest_report_models(discover_models())}
    assert "stg_radar__quarantine" in chosen
    assert not {n for n in chosen if n.startswith(("stg_registers", "stg_hr", "stg_survey"))}


def test_a_model_that_also_reads_a_dataset_is_chosen_only_where_that_is_built() -> None:
    """int_quality__unlinked_rows reads the quarantine (its people: helper-266) and the
    registers: a first file refused, before any build, ran it without stg_registers__gifts
    ('Table ... does not exist'); after a build it is refreshed with the reports."""
    models = [
        model("reads", "select * from quarantine"),
        model("data", "select * from raw_gifts"),
        model("both", "select * from reads, data", {"reads", "data"}),
    ]
    assert [m.name for m in ingest_report_models(models, present=set())] == ["reads"]
    chosen = ingest_report_models(models, present={"data", "reads"})
    assert [m.name for m in chosen] == ["reads", "both"]
    real = {m.name for m in ingest_report_models(discover_models(), present=set())}
    assert "stg_radar__quarantine" in real and "int_quality__unlinked_rows" not in real
