-- Per dataset the day its newest export was read in: the data can hold nothing after it,
-- so a period that ended before that day is complete, and one that had not ended is
-- still running. Grain: one row per dataset with a loaded export.
--
-- A period still running is never published (int_indicators__period_months): what the
-- next build adds to it would be the difference of two published figures. A quarter
-- shown with July and August, and the next month with July to September, gave
-- September's own figures, and a team's one respondent in September their answers
-- (helper-275; the same with a 12-month window running to the last month of data).
-- The registers the radar keeps itself (integrity reports) are read at the build
-- (stg_register__as_of). An export taken before its period ended but read in after it
-- counts as complete (when it was read in is known, when it was taken not always): the
-- limit of this rule, said in the README.
with

files as (
    select dataset, ingested_at from stg_radar__ingest_log where status = 'geladen'
),

as_of as (
    select * from stg_register__as_of
),

final as (
    select dataset, max(cast(ingested_at as date)) as read_on
    from files
    where dataset is not null
    group by dataset

    union all

    select 'meldingen', as_of from as_of where as_of is not null
)

select * from final
