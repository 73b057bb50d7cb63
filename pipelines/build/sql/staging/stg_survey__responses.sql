-- Survey answers with pseudonymised respondents. Grain: one row per answer.
with

source as (
    select * from raw_survey_responses
),

-- Exports overlap (year to date, corrected re-exports): per natural key only the rows
-- of the newest export count, newest by the export's own date (_export_date, from the
-- mapping; else the ingest time), ties by the later ingest, then file and content hash.
-- Rows of one export with the same key all stay, as the export has them.
-- The survey is the largest export (a row per answer), so unlike the other staging
-- models it does not rank every row per key: the exports are ranked once, and only rows
-- of an older export are looked up among the keys of newer ones.
exports as (
    -- every export once, newest first (exports equal on all four share a rank)
    select
        _export_date,
        _ingested_at,
        _source_file,
        _content_hash,
        dense_rank() over (
            order by
                coalesce(cast(_export_date as timestamp), _ingested_at) desc,
                _ingested_at desc, _source_file desc, _content_hash desc
        ) as export_rank
    from (select distinct _export_date, _ingested_at, _source_file, _content_hash from source)
),

-- read three times below; not materialized: each reader scans the table itself
ranked as not materialized (
    select source.*, exports.export_rank
    from source
    inner join exports
        on source._export_date is not distinct from exports._export_date
        and source._ingested_at is not distinct from exports._ingested_at
        and source._source_file is not distinct from exports._source_file
        and source._content_hash is not distinct from exports._content_hash
),

-- The waves an export replaces (covers: wave in its mapping: a survey tool that gives
-- respondents new anonymous numbers in every export, so no key matches an older
-- export's): no older export's row of such a wave stays in a unit the export holds that
-- wave in (a wave exported per department is not replaced by another department's).
-- A wave is its month: an export that writes it 31-03-2026 replaces one that wrote 2026-03.
covered as (
    select distinct export_rank, date_trunc('month', wave_date) as wave_month, org_unit
    from ranked
    where _covers = 'wave'
),

newest as (
    -- the newest export's rows all stay
    select * exclude (export_rank) from ranked where export_rank = 1
    union all
    -- an older export's row stays when no newer export has its key (the oldest export
    -- is newer than none, so it is left out of the newer side)
    select older.* exclude (export_rank)
    from ranked as older
    anti join (
        select * from ranked where export_rank < (select max(export_rank) from exports)
    ) as newer
        on older.respondent_key is not distinct from newer.respondent_key
        and older.wave_date is not distinct from newer.wave_date
        and older.item_code is not distinct from newer.item_code
        and newer.export_rank < older.export_rank
    anti join covered
        on date_trunc('month', older.wave_date) is not distinct from covered.wave_month
        and older.org_unit is not distinct from covered.org_unit
        and covered.export_rank < older.export_rank
    where older.export_rank > 1
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
