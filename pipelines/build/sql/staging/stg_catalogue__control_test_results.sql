-- Control test results and their multiplier. Grain: one row per result.
with

source as (
    select * from raw_catalogue__control_test_results
),

final as (
    select
        cast(test_result as varchar) as test_result,
        cast(result_multiplier as double) as result_multiplier
    from source
)

select * from final
