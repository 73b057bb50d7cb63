-- Housing allocations (woningtoewijzingen). Grain: one row per allocation.
with

source as (
    select * from raw_allocations
),

final as (
    select
        allocation_id,
        allocated_on,
        dwelling_id,
        district,
        channel,
        cast(candidate_rank as integer) as candidate_rank,
        motivation_recorded as has_motivation_recorded,
        consultant_key as consultant_id,
        approver_key as approver_id,
        related_to_employee as is_related_to_employee,
        registration_date_modified as is_registration_date_modified,
        _ingested_at as ingested_at,
        _source_file as source_file
    from source
)

select * from final
