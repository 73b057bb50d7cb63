-- The side-jobs register (nevenwerkzaamheden). Grain: one row per registration.
with

source as (
    select
        *,
        -- Exports in order, newest first: the export's own date (_export_date, from the
        -- mapping; else the ingest time), ties by the later ingest, file, content hash.
        dense_rank() over (
            order by
                coalesce(cast(_export_date as timestamp), _ingested_at) desc,
                _ingested_at desc, _source_file desc, _content_hash desc
        ) as _export_rank,
        -- by the date and the moment alone: the sheets of one workbook (or of a copy of
        -- it under another name) are one export, as they share their moment of ingest
        -- (loads.next_moment; every other load has its own), and one sheet's rows do not
        -- replace another's period (helper-262 F4, helper-264 F1)
        dense_rank() over (
            order by coalesce(cast(_export_date as timestamp), _ingested_at) desc, _ingested_at desc
        ) as _workbook_rank
    from (
        select *, false as _dropped from raw_side_jobs
        union all by name
        -- a key a mapping's drop_rows left out of an export (a cancelled order): a row of
        -- that export that does not count (pipelines/ingest/dropped_keys.py)
        select key as record_id, _source_file, _content_hash, _ingested_at, _export_date,
            true as _dropped
        from raw_dropped_keys where dataset = 'side_jobs'
        union all by name
        -- a day of a row a covering export held but did not load (drop_rows, the rules):
        -- its period that export covers all the same, no row of it counts
        -- (pipelines/ingest/dropped_keys.py, store_held_days)
        select period_on as registered_on, _covers, _source_file, _content_hash, _ingested_at,
            _export_date, true as _dropped
        from raw_held_periods where dataset = 'side_jobs'
    )
),

-- The periods each export without record_ids covers (covers in its mapping): the
-- months or years its rows fall in, or everything.
covered as (
    select distinct
        _workbook_rank,
        _covers,
        case _covers
            when 'month' then date_trunc('month', registered_on)
            when 'year' then date_trunc('year', registered_on)
        end as period_start
    from source
    where record_id is null and _covers is not null
),

-- With a record_id, the rows of the newest export per record count. Without one, a
-- row counts unless a newer export covers its period (two identical rows can be two
-- real ones); a source that declares no covers keeps every row of every export.
newest as (
    select *
    from source as s
    where s.record_id is null
        and not exists (
            select 1
            from covered as c
            where c._workbook_rank < s._workbook_rank
                and (
                    c._covers = 'all'
                    or (c._covers = 'year' and c.period_start = date_trunc('year', s.registered_on))
                    or (c._covers = 'month' and c.period_start = date_trunc('month', s.registered_on))
                )
        )
    union all by name
    select *
    from source
    where record_id is not null
    qualify min(_export_rank) over (partition by record_id) = _export_rank
),

final as (
    select
        record_id,
        employee_key as employee_id,
        registered_on,
        started_on,
        approved_on,
        sector,
        involves_tenant_or_relation as is_for_tenant_or_relation,
        _ingested_at as ingested_at,
        _export_date as export_date,
        _source_file as source_file
    from newest
    where not _dropped
)

select * from final
