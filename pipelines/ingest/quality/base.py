"""What every dataset's quality suite is made of, and how GE itself runs one on a batch.

Each module beside this one describes one canonical dataset (docs/contracts.md, written
from these modules): its columns with their types, and its rules as Great Expectations
expectations (expect.py: GE's own types and arguments, kept as data). A rule carries a
reason code and a Dutch reason, so a failed row lands in quarantine with a message the
risk manager can act on. Rules that span rows or tables (an org-tree cycle, the
bestuurder's empty manager) are first computed into a check column by the dataset's
``derive`` (SQL) and then asserted by an expectation, so every rule is an expectation. The
ingest runs the expectations as SQL (pipelines/ingest/checks.py); ``run_suite`` runs them in GE
itself, which tests/test_quality_agreement.py compares row by row.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.expect import Expectation

ColumnType = Literal["text", "date", "month", "integer", "decimal", "boolean"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    required: bool = False
    # A coded column: its codes, or the SuiteContext field that holds them. A cell that
    # differs from a code only in case, spaces or accents is stored as the code.
    codes: tuple[str, ...] | str | None = None
    # Or another column of the same file, whose cells are the codes (org_units'
    # parent_unit names an org_unit of its file): matched as codes are (checks.own_codes).
    codes_from: str | None = None
    # An amount in euros: at most this many decimals, and a leading or trailing "€" or
    # "EUR" is not part of the number (checks.py). None: any decimals, no currency sign.
    decimals: int | None = None
    # Other spellings of the codes, each to its code: matched like the codes and, beyond
    # them, without dots, apostrophes, hyphens and spaces ("B.V.", "Coöperatie U.A."), so
    # a fixed vocabulary as exports write it is read without a mapping (lookups.py).
    # Or the SuiteContext field that holds them (the catalogue's own labels of its codes).
    spellings: tuple[tuple[str, str], ...] | str = ()
    # A date column that is a period: a month written without a day (2026-03, mrt 2026)
    # is the month's first day; a date with a day is read as any date is.
    months: bool = False
    # A share of a whole (fte): a cell with a percent sign (80%, 80,5 %) is its hundredth.
    percent: bool = False
    # The largest such a share can be (its rule's): under a mapping's percent, a number no
    # larger may be the share itself (unit_cells.SHARE_OR_PERCENT).
    share_max: float | None = None
    # A number of hours: a cell as hours and minutes (7:30) is 7.5.
    hours: bool = False
    # The column's own unit, as a cell may write it after the number (0,8 fte, 12.500 km,
    # 7,5 uur): dropped; any other word stays and the cell is no number.
    units: tuple[str, ...] = ()
    # At most how many hours one of those units spans (a day: 24): under a mapping's
    # convert the factor says whether a file writes hours or minutes (8 or 480 a day;
    # unit_cells.factor_unit). None: the factor does not tell (an fte's may be a week's,
    # a month's or a year's hours: 36, 173,33 or 1872; helper-221).
    unit_hours: float | None = None
    # A date that may lie decades back (a hire date): 1 January 1980 at 00:00:00 is that
    # day, not the moment a survey tool writes for none (dates.NO_DATE_MOMENTS).
    long_ago: bool = False

    def code_list(self, ctx: SuiteContext) -> list[str]:
        if self.codes is None:
            return []
        if isinstance(self.codes, str):
            return sorted(getattr(ctx, self.codes))
        return list(self.codes)

    def spelling_list(self, ctx: SuiteContext) -> tuple[tuple[str, str], ...]:
        if isinstance(self.spellings, str):
            return tuple(getattr(ctx, self.spellings))
        return self.spellings


@dataclass(frozen=True)
class SuiteContext:
    """What the rules need to know beyond the batch itself."""

    today: dt.date
    org_units: frozenset[str] = frozenset()
    # the stored units with their parents, as the newest export of each has them
    org_parents: tuple[tuple[str, str | None], ...] = ()
    # the stored units an export newer than the file holds: their parents count, not the
    # file's (an older export of them read after a newer one)
    org_newer: frozenset[str] = frozenset()
    # the stored units' names (as the newest export of each has it), each with its code
    org_names: tuple[tuple[str, str], ...] = ()
    survey_items: frozenset[str] = frozenset()
    exit_reasons: frozenset[str] = frozenset()
    # the exit reasons' labels in the catalogue, each to its code ("Eigen verzoek")
    exit_reason_labels: tuple[tuple[str, str], ...] = ()
    # the supplier ids loaded so far (raw_suppliers): procurement names one of them
    suppliers: frozenset[str] = frozenset()
    # how far up the org tree the cycle check walks (ingest.max_org_depth)
    max_org_depth: int = 50
    # the share of an item's answers in a file outside 1-5 past which, with at least
    # survey_off_scale_min of them, the item is on another scale (ingest.survey_off_scale_*)
    survey_off_scale_share: float = 0.05
    survey_off_scale_min: int = 2
    survey_off_scale_chance: float = 0.05
    # the job titles that may have no manager_key (settings no_manager_titles.titles):
    # whole-title patterns, the board's
    no_manager_titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One expectation with the column it is about and the reason a row breaks it."""

    expectation: Expectation
    column: str
    reason_code: str
    reason: str
    # other names of the set's values, each with its value (a unit's name with its code):
    # said in the reason of a cell that is one of them, never matched (rule_sql)
    names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    columns: tuple[Column, ...]
    rules: Callable[[SuiteContext], list[Rule]]
    # The check columns a rule over rows or tables needs, as a SQL select over a
    # relation of typed rows (pipelines/ingest/checks.py and the GE agreement test both use it).
    derive: Callable[[str, SuiteContext], str] = lambda relation, ctx: f"select * from {relation}"
    freshness_column: str | None = None
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def key_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.name.endswith("_key")]

    def suite_rules(self, ctx: SuiteContext) -> list[Rule]:
        """Required columns first (not empty), then the dataset's own rules."""
        required = [
            Rule(
                e.ExpectColumnValuesToNotBeNull(column=name),
                name,
                "missing_required",
                f"{name} is verplicht maar leeg",
            )
            for name in self.required
        ]
        return required + self.rules(ctx)


@dataclass(frozen=True)
class Failure:
    """A row (by its source line) that broke a rule."""

    line: int
    column: str
    reason_code: str
    reason: str


@dataclass(frozen=True)
class ExpectationOutcome:
    expectation: str
    column: str
    reason_code: str
    success: bool
    unexpected_count: int


_context: Any = None


def _batch_definition() -> Any:
    """One ephemeral GX context per process, with a pandas data source (not SQL: GX's SQL
    data source does not work against DuckDB in current releases)."""
    global _context
    if _context is None:
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        logging.getLogger("great_expectations").setLevel(logging.ERROR)
        _context = gx.get_context(mode="ephemeral")
        _context.variables.progress_bars = ProgressBarsConfig(
            globally=False, metric_calculations=False
        )
        asset = _context.data_sources.add_pandas("radar").add_dataframe_asset("batch")
        asset.add_batch_definition_whole_dataframe("whole")
    return _context.data_sources.get("radar").get_asset("batch").get_batch_definition("whole")


def run_suite(
    df: pd.DataFrame, rules: list[Rule], suite_name: str
) -> tuple[list[Failure], list[ExpectationOutcome]]:
    """Validate ``df`` (indexed by source line) and return the failing rows per rule."""
    if df.empty:
        outcomes = [
            ExpectationOutcome(r.expectation.class_name, r.column, r.reason_code, True, 0)
            for r in rules
        ]
        return [], outcomes
    import great_expectations as gx

    expectations = []
    for number, rule in enumerate(rules):
        expectation = rule.expectation.to_gx()
        expectation.meta = {"rule": number}
        expectations.append(expectation)
    suite = gx.ExpectationSuite(name=suite_name, expectations=expectations)
    # An unnamed index makes GX report the failing rows as plain index values (lines).
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": df.rename_axis(None)})
    result = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    failures: list[Failure] = []
    outcomes: list[ExpectationOutcome] = []
    for res in result.results:
        rule = rules[res.expectation_config.meta["rule"]]
        if res.exception_info and res.exception_info.get("raised_exception"):
            raise RuntimeError(
                f"quality rule {rule.reason_code} on {rule.column} could not run: "
                f"{res.exception_info.get('exception_message')}"
            )
        lines = res.result.get("unexpected_index_list") or []
        outcomes.append(
            ExpectationOutcome(
                rule.expectation.class_name,
                rule.column,
                rule.reason_code,
                bool(res.success),
                len(lines),
            )
        )
        failures.extend(
            Failure(int(line), rule.column, rule.reason_code, rule.reason) for line in lines
        )
    return failures, outcomes
