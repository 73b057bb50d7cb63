-- Integrity reports per quarter of receipt: the total and, each adding up to it, by risk
-- category, by route and by outcome (int_meldingen__reports), of the quarters that had
-- ended when the register was read (int_meldingen__ended: README, Privacy, rule 4).
-- Never by whom a report concerns, never below the organisation.
-- The organisation's total per quarter is always shown with its value: it is not a
-- protected figure. It follows from KRI-REG-MELD-RATE's published 12-month windows at
-- organisation level (a window minus the one before plus the quarter a year earlier), and
-- corporations publish their yearly number of meldingen in the annual report anyway.
-- What is protected is which route, category or outcome a few reports had (README,
-- Privacy; k = privacy.min_group_size):
-- 1. a quarter with fewer than k reports shows only its total row (no breakdown rows, so
--    not which route, category or outcome had a report);
-- 2. primary: a breakdown group of fewer than k reports is suppressed;
-- 3. complementary, per quarter and breakdown: the suppressed groups together (the total
--    minus the shown ones) must be no report or at least k reports in at least two
--    groups; otherwise the smallest shown group is suppressed too (one is enough: shown
--    groups hold at least k).
-- The three breakdowns partition the same, known total, so with no breakdown leaving
-- exactly one unknown no suppressed group can be solved from the others
-- (tests/test_meldingen_marts.py runs the attacker's linear algebra over all of them).
-- Grain: quarter x breakdown x group.
with

reports as (
    select * from int_meldingen__ended
),

settings as (
    select * from stg_catalogue__settings
),

totals as (
    select period, count(*) as quarter_total from reports group by all
),

groups as (
    select period, 'totaal' as breakdown, 'totaal' as group_code, count(*) as n_reports
    from reports group by all
    union all
    select period, 'categorie', category_group, count(*) from reports group by all
    union all
    select period, 'route', route_group, count(*) from reports group by all
    union all
    select period, 'uitkomst', outcome_group, count(*) from reports group by all
),

primary_suppressed as (
    select
        groups.*,
        totals.quarter_total,
        settings.min_group_size as k,
        -- rule 2: the total is never suppressed, only a small breakdown group
        groups.breakdown <> 'totaal' and groups.n_reports < settings.min_group_size
            as is_primary
    from groups
    inner join totals on groups.period = totals.period
    cross join settings
    -- rule 1: a small quarter keeps only its total row
    where totals.quarter_total >= settings.min_group_size or groups.breakdown = 'totaal'
),

remainders as (
    select
        *,
        sum(case when is_primary then n_reports else 0 end)
            over (partition by period, breakdown) as suppressed_reports,
        row_number() over (
            partition by period, breakdown, is_primary order by n_reports, group_code
        ) as rank_among_shown
    from primary_suppressed
),

final as (
    select
        period,
        breakdown,
        group_code,
        case
            when is_primary then 'primary'
            -- a lone suppressed group is always below k, so this covers both
            when not is_primary and rank_among_shown = 1 and suppressed_reports > 0
                and suppressed_reports < k then 'complementary'
        end as suppressed_by,
        n_reports
    from remainders
)

select
    period,
    breakdown,
    group_code,
    suppressed_by is not null as is_suppressed,
    suppressed_by,
    case when suppressed_by is null then n_reports end as n_reports
from final
