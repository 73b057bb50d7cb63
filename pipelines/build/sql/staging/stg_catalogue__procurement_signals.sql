-- The G2 signal thresholds from risks/settings.yaml procurement: (the budget-holder,
-- bank-change and related-supplier indicators read them here). Grain: one row.
with

source as (
    select * from raw_catalogue__procurement_signals
),

final as (
    select
        cast(large_payment_eur as double) as large_payment_eur,
        cast(bank_change_days as integer) as bank_change_days,
        cast(benford_min_orders as integer) as benford_min_orders,
        cast(benford_alpha as double) as benford_alpha,
        cast(concentration_share as double) as concentration_share,
        cast(concentration_min_orders as integer) as concentration_min_orders
    from source
)

select * from final
