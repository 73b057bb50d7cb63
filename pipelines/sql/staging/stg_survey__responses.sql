-- Survey answers with pseudonymised respondents. Grain: one row per answer.
with

source as (
    select * from raw_survey_responses
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
    from source
)

select * from final
