-- The day the register was read for this build: what "overdue" (a control test past its
-- review date, a finding past its due date) is measured against. Grain: one row.
with

source as (
    select * from raw_register__as_of
),

final as (
    select cast(max(as_of) as date) as as_of from source
)

select * from final
