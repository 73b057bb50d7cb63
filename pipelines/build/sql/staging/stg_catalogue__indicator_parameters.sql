-- Named parameters of indicators (list values one row each). Grain: indicator x name x value.
with

source as (
    select * from raw_catalogue__indicator_parameters
),

final as (
    select
        cast(indicator_id as varchar) as indicator_id,
        cast(name as varchar) as parameter_name,
        cast(value as varchar) as parameter_value
    from source
)

select * from final
