"""employees: the HR snapshot, one row per employee per month."""

from __future__ import annotations

from pipelines.core.board_titles import NoManagerTitles
from pipelines.ingest.parsing import INVISIBLE_SQL
from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import at_least, known_org_unit_rule, one_of
from pipelines.ingest.source_table import sql_text

FTE_MAX = 1.2  # the largest fte a contract has (the fte rule; a mapping's percent reads by it)


def top_title(ctx: SuiteContext) -> str:
    """SQL: whether job_title is the board's (risks/settings.yaml no_manager_titles): one of
    its titles from the first word to the last, read without case, accents, invisible
    characters and dots, other punctuation a space (`Lid R.v.B.`, `Directeur-bestuurder`).
    The patterns hold lower case letters, digits and ( ) [ ] | (the catalogue checks), so
    their regular expression goes in as written."""
    if not ctx.no_manager_titles:
        return "false"
    regex = NoManagerTitles(titles=list(ctx.no_manager_titles)).regex()
    bare = f"regexp_replace(job_title, {sql_text(INVISIBLE_SQL)}, '', 'g')"
    undotted = f"replace(lower(strip_accents({bare})), '.', '')"
    read = f"trim(regexp_replace({undotted}, '[^a-z0-9]+', ' ', 'g')) || ' '"
    return f"coalesce(regexp_full_match({read}, '{regex}'), false)"


def derive(relation: str, ctx: SuiteContext) -> str:
    """Check columns in SQL: the month's last day and length, and whether an empty
    manager_key is allowed (only the top of the organisation has no manager: top_title)."""
    return f"""
        select *,
            last_day(snapshot_month) as _month_end,
            cast(day(last_day(snapshot_month)) as double) as _days_in_month,
            -- the title only where it is asked: its regular expressions on every row
            -- were half of the rules' time on the large demo's 120,000 rows
            case when manager_key is not null then true else {top_title(ctx)} end
                as _manager_ok
        from {relation}
    """


def pair(a: str, b: str, column: str, code: str, reason: str) -> Rule:
    return Rule(
        e.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=a, column_B=b, or_equal=True, ignore_row_if="either_value_is_missing"
        ),
        column,
        code,
        reason,
    )


def rules(ctx: SuiteContext) -> list[Rule]:
    return [
        Rule(
            e.ExpectCompoundColumnsToBeUnique(column_list=["employee_key", "snapshot_month"]),
            "employee_key",
            "duplicate_key",
            # two employments of one person (AFAS's Dienstverband 1 and 2: helper-253 F9,
            # both rows quarantined without a hint)
            "employee_key komt meer dan eens voor in dezelfde snapshot_month; twee "
            "dienstverbanden van één medewerker? Exporteer één regel per medewerker per "
            "maand, met de fte van de dienstverbanden samen",
        ),
        known_org_unit_rule(ctx),
        Rule(
            e.ExpectColumnValuesToBeInSet(column="_manager_ok", value_set=[True]),
            "manager_key",
            "missing_required",
            "manager_key is leeg; dat mag alleen bij de bestuurder (de functietitels van "
            "risks/settings.yaml, no_manager_titles)",
        ),
        Rule(
            e.ExpectColumnValuesToBeBetween(
                column="fte", min_value=0, strict_min=True, max_value=FTE_MAX
            ),
            "fte",
            "out_of_range",
            # both ways out: hours a week read as a percentage are a third of the fte
            # (helper-197: 36 hours followed the one advice given and loaded as 0,36)
            "fte moet groter dan 0 en hoogstens 1,2 zijn (een percentage, 80 voor 0,8? zet "
            "dan percent: [fte] in de kolomkoppeling; uren per week, 36 voor een volle week? "
            "zet dan convert: {fte: {divide_by: 36}}, met de uren van een volle week)",
        ),
        pair(
            "_month_end",
            "hire_date",
            "hire_date",
            "out_of_range",
            "hire_date ligt na het einde van snapshot_month ({{_month_end}})",
        ),
        pair(
            "role_start_date",
            "hire_date",
            "role_start_date",
            "out_of_range",
            "role_start_date ligt vóór hire_date ({{hire_date}})",
        ),
        at_least("sick_days", 0),
        pair(
            "_days_in_month",
            "sick_days",
            "sick_days",
            "out_of_range",
            "sick_days is meer dan het aantal dagen in de maand ({{_days_in_month}})",
        ),
        at_least("overtime_hours", 0),
        at_least("leave_days", 0),
        at_least("longest_leave_block_days_12m", 0),
        pair(
            "exit_date",
            "snapshot_month",
            "exit_date",
            "out_of_range",
            "exit_date ligt vóór snapshot_month ({{snapshot_month}}): wie uit dienst is, hoort "
            "niet in de snapshot",
        ),
        one_of(
            "exit_reason",
            sorted(ctx.exit_reasons),
            [label for label, _ in ctx.exit_reason_labels[::2]],  # (nl, en) per code: Dutch
        ),
    ]


# the most hours a day spans: under convert, a factor up to it is hours, from 60 minutes
# (an fte's factor may be a week's, a month's or a year's hours: it tells neither)
DAY = 24
# the day columns' unit, as a cell may write it
DAYS = (
    *("dag", "dagen", "dgn", "d", "days", "dg", "wd", "dag(en)", "day", "day(s)"),
    *("werkdag", "werkdagen", "werkdag(en)", "kalenderdag", "kalenderdagen"),  # (helper-217)
)
# the hours' (overtime), as a cell may write them (helper-218: hrs, hour)
HOURS = (
    "uur",
    "uren",
    "u",
    "h",
    "hours",
    "hr",
    "hrs",
    "hour",
    "hour(s)",
)  # the day columns' unit, as a cell may write it

SPEC = DatasetSpec(
    name="employees",
    description="HR-snapshot: één rij per medewerker per maand",
    columns=(
        Column("employee_key", "text", required=True),
        Column("snapshot_month", "month", required=True),
        Column("org_unit", "text", required=True, codes="org_units"),
        Column("manager_key", "text"),
        Column("job_title", "text"),
        Column("is_manager", "boolean"),
        Column("fte", "decimal", percent=True, units=("fte",), share_max=FTE_MAX),
        Column("hire_date", "date", long_ago=True),
        Column("role_start_date", "date", long_ago=True),
        Column("sick_days", "decimal", units=DAYS, unit_hours=DAY),
        Column("overtime_hours", "decimal", hours=True, units=HOURS),
        Column("leave_days", "decimal", units=DAYS, unit_hours=DAY),
        Column("longest_leave_block_days_12m", "integer", units=DAYS),
        Column("exit_date", "date"),
        Column("exit_reason", "text", codes="exit_reasons", spellings="exit_reason_labels"),
    ),
    rules=rules,
    derive=derive,
    freshness_column="snapshot_month",
)
