-- Every indicator's contributions in one shape: per subject (respondent, employee,
-- consultant; null for aggregate-only counts), month and org unit, a numerator and a
-- denominator (and for the survey a score sum for the mean). Grain: indicator x month x
-- unit x subject.
-- A view (pipelines/build/models.py): written out, its rows (the int_kri models' rows once
-- more, 1.8 million on the large demo) cost more time than its five readers save by
-- reading a table (int_indicators__protected, reading it three times, holds some 100-140 MiB
-- more at its peak instead).
-- materialized: view
with

final as (
    select * from int_kri__survey
    union all by name
    select * from int_kri__hr_employees
    union all by name
    select * from int_kri__hr_span
    union all by name
    select * from int_kri__hr_360
    union all by name
    select * from int_kri__hr_aggregates
    union all by name
    select * from int_kri__registers
    union all by name
    select * from int_kri__vehicle_km
    union all by name
    select * from int_kri__allocations
    union all by name
    -- procurement orders (G2: splits, contracts, quotes, just under, same approver)
    select * from int_kri__procurement
    union all by name
    select * from int_kri__gift_zero
    union all by name
    select * from int_kri__control_tests
    union all by name
    select * from int_kri__meldingen
    -- procurement (G2): budget holders, and suppliers' bank changes and relations
    union all by name
    select * from int_kri__pr_budget_holders
    union all by name
    select * from int_kri__pr_suppliers
)

select
    indicator_id, month_start, org_unit_id, subject_id, numerator, denominator, score_sum,
    score_n
from final
