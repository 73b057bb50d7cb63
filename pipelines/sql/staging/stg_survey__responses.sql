-- Survey answers with pseudonymised respondents. Grain: one row per answer.
with

source as (
    select * from raw_survey_responses
),

-- Exports overlap (year to date, corrected re-exports): per natural key only the rows
-- of the newest export count, newest by the export's own date (_export_date, from the
-- mapping; else the ingest time), ties by the later ingest, then file and content hash.
-- Rows of one export with the same key all stay, as the export has them.
newest as (
    select *
    from source
    qualify dense_rank() over (
        partition by respondent_key, wave_date, item_code
        order by
            coalesce(cast(_export_date as timestamp), _ingested_at) desc,
            _ingested_at desc, _source_file desc, _content_hash desc
    ) = 1
),

final as (
    select
        respondent_key as respondent_id,
        wave_date as wave_on,
        org_unit as org_unit_id,
        item_code,
        cast(answer as tinyint) as answer,
        _ingested_at as ingested_at,
        _source_file as source_file
    from newest
)

select * from final
