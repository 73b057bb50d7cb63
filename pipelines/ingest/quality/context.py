"""What the rules need to know beyond the file: the warehouse's org units (with their
parents, as the newest export of each has them), suppliers, the catalogue's survey items
and exit reasons, and the ingest settings (``SuiteContext``), read once per file."""

from __future__ import annotations

import datetime as dt

import duckdb

from pipelines.core.catalogue import Catalogue
from pipelines.core.clock import today_here
from pipelines.ingest.covered_order import newest_parents, order_key
from pipelines.ingest.quality.base import SuiteContext


def suite_context(
    con: duckdb.DuckDBPyConnection, catalogue: Catalogue, export_date: dt.date | None = None
) -> SuiteContext:
    """``export_date``: the file's own date (its mapping's), if it has one."""
    # each stored unit's parent as the newest export of it has it (a top: none)
    org_parents = con.execute(f"{newest_parents()} order by org_unit").fetchall()
    org_units = {unit for unit, _ in org_parents}
    return SuiteContext(
        today=today_here(),
        org_units=frozenset(org_units),
        org_parents=tuple(org_parents),
        org_newer=frozenset(newer_units(con, export_date)),
        org_names=tuple(
            con.execute(
                f"select arg_max(name, {order_key()}), org_unit from raw_org_units"
                " where org_unit is not null and name is not null group by org_unit order by 2"
            ).fetchall()
        ),
        **_catalogue_context(con, catalogue),
    )


def newer_units(con: duckdb.DuckDBPyConnection, export_date: dt.date | None) -> list[str]:
    """The stored units an export newer than a file of ``export_date`` holds: their
    parents count, not the file's, as the staging model orders exports (covered_order.
    order_key: the export date, else the ingest time; a file without a date is ingested
    last, so newest; of one date, the one ingested last)."""
    if export_date is None:
        return []
    newest = "max(coalesce(cast(_export_date as timestamp), _ingested_at))"
    sql = (
        "select org_unit from raw_org_units where org_unit is not null"
        f" group by org_unit having {newest} > cast($1 as timestamp)"
    )
    return [unit for (unit,) in con.execute(sql, [export_date]).fetchall()]


def _catalogue_context(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> dict:
    suppliers = {
        r[0] for r in con.execute("select distinct supplier_id from raw_suppliers").fetchall()
    }
    return dict(
        suppliers=frozenset(suppliers),
        survey_items=frozenset(i.code for i in catalogue.survey.items),
        exit_reasons=frozenset(catalogue.settings.exit_reasons),
        exit_reason_labels=tuple(
            (label, code)
            for code, text in catalogue.settings.exit_reasons.items()
            for label in (text.nl, text.en)
        ),
        max_org_depth=catalogue.settings.ingest.max_org_depth,
        survey_off_scale_share=catalogue.settings.ingest.survey_off_scale_share,
        survey_off_scale_min=catalogue.settings.ingest.survey_off_scale_min,
        survey_off_scale_chance=catalogue.settings.ingest.survey_off_scale_chance,
        no_manager_titles=tuple(catalogue.settings.no_manager_titles.titles),
    )
