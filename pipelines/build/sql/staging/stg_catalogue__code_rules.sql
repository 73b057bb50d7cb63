-- Integrity-code rules with their parameters. Grain: one row per rule.
with

source as (
    select * from raw_catalogue__code_rules
),

final as (
    select
        cast(rule_id as varchar) as rule_id,
        cast(check_name as varchar) as check_name,
        cast(max_value_eur as double) as max_value_eur,
        cast(max_private_km_per_year as double) as max_private_km_per_year,
        cast(giver_types as varchar[]) as giver_types,
        cast(forbidden_gift_types as varchar[]) as forbidden_gift_types,
        cast(risk_ids as varchar[]) as risk_ids
    from source
)

select * from final
