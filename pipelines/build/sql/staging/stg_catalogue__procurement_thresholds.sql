-- The procurement ladder from risks/settings.yaml (procurement.procedure_thresholds and
-- exempt_procedures): per procedure its strength (procedure_rank, 0 = weakest; empty for
-- an exempt call-off procedure), the amount excl. VAT from which it is required (empty:
-- never required by amount alone) and the quotes it asks for. Grain: one row per procedure.
with

source as (
    select * from raw_catalogue__procurement_thresholds
),

final as (
    select
        cast(procedure as varchar) as procedure,
        cast(procedure_rank as integer) as procedure_rank,
        cast(from_eur as double) as from_eur,
        cast(min_quotes as integer) as min_quotes,
        cast(is_exempt as boolean) as is_exempt
    from source
)

select * from final
