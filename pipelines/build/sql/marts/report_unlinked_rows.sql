-- Per dataset, file and reason: how many rows name a person who is not in the HR data
-- when the row happened, and the months they fall in (int_quality__unlinked_rows). Counts
-- of rows, no person. Grain: dataset x field x source file x reason. Published
-- (Datakwaliteit; radar build and radar ingest say the total).
select
    dataset,
    field as column_name,
    source_file,
    reason_code,
    count(*) as row_count,
    cast(min(month_start) as date) as first_month,
    cast(max(month_start) as date) as last_month
from int_quality__unlinked_rows
group by all
order by dataset, source_file, reason_code
