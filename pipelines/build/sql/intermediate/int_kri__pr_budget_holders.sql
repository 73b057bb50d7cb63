-- KRI-PR-CONCENTRATION and KRI-PR-BENFORD: per budget holder (the order's approver; its
-- requester when nobody approved) and month, over the holder's orders of the 12 months
-- ending with that month (the value already spans 12 months per person, as
-- KRI-HR-NO-LEAVE-BLOCK's, so the catalogue gives these no window_months):
-- - concentration: with at least concentration_min_orders orders, the holder's largest
--   spend on one supplier is more than concentration_share of his or her spend;
-- - Benford: with at least benford_min_orders orders of more than 0 euro, the nine first
--   digits' counts against Benford's law (log10(1 + 1/d)) by a chi-square test with 8
--   degrees of freedom (scipy, pipelines/build/stats.py): deviating at p < benford_alpha.
-- A holder counts in the unit where most of his or her window's spend went (ties: most
-- orders, then the first unit id), up to the last month of order data. Each row carries
-- the holder's figures (orders_n, top_share, chi_square, p_value) for the explanation.
-- Grain: indicator x month x budget holder.
with

orders as (
    select * from stg_procurement__orders
),

signals as (
    select * from stg_catalogue__procurement_signals
),

holder_orders as (
    select
        coalesce(approver_id, requester_id) as holder_id,
        org_unit_id,
        supplier_id,
        coalesce(amount_eur, 0) as amount_eur,
        date_trunc('month', ordered_on)::date as order_month,
        -- the first significant digit, read from the scientific notation (no log10
        -- rounding at powers of ten)
        case
            when amount_eur > 0 then cast(left(printf('%.6e', amount_eur), 1) as integer)
        end as first_digit
    from orders
    where coalesce(approver_id, requester_id) is not null and ordered_on is not null
),

last_month as (
    select max(order_month) as last_month from holder_orders
),

-- every order once in each of the 12 months whose window holds it
windowed as (
    select holder_orders.*, (holder_orders.order_month + to_months(ahead.k))::date as month_start
    from holder_orders
    cross join (select unnest(range(12)) as k) as ahead
    cross join last_month
    where holder_orders.order_month + to_months(ahead.k) <= last_month.last_month
),

unit_spend as (
    -- euro sums to the cent: summed in parallel, in no fixed order, a double sum differed
    -- in its last bits between builds (a top supplier of exactly half was 0.5000000000000002)
    select
        holder_id, month_start, org_unit_id, round(sum(amount_eur), 2) as spend,
        count(*) as orders_n
    from windowed
    group by all
),

holders as (
    select
        holder_id,
        month_start,
        first(org_unit_id order by spend desc, orders_n desc, org_unit_id) as org_unit_id,
        sum(orders_n) as orders_n
    from unit_spend
    group by all
),

supplier_spend as (
    select holder_id, month_start, supplier_id, round(sum(amount_eur), 2) as spend
    from windowed
    group by all
),

concentration as (
    select holder_id, month_start, max(spend) / nullif(round(sum(spend), 2), 0) as top_share
    from supplier_spend
    group by all
),

digits as (
    select d as first_digit, log10(1 + 1 / d) as benford_share
    from (select unnest(range(1, 10))::double as d)
),

digit_counts as (
    select holder_id, month_start, first_digit, count(*) as observed
    from windowed
    where first_digit is not null
    group by all
),

digit_totals as (
    select holder_id, month_start, sum(observed) as digits_n
    from digit_counts
    group by all
),

benford as (
    select
        digit_totals.holder_id,
        digit_totals.month_start,
        any_value(digit_totals.digits_n) as digits_n,
        sum(
            power(
                coalesce(digit_counts.observed, 0)
                - digit_totals.digits_n * digits.benford_share,
                2
            ) / (digit_totals.digits_n * digits.benford_share)
        ) as chi_square
    from digit_totals
    cross join digits
    left join digit_counts
        on digit_totals.holder_id = digit_counts.holder_id
        and digit_totals.month_start = digit_counts.month_start
        and digits.first_digit = digit_counts.first_digit
    group by all
),

final as (
    select
        'KRI-PR-CONCENTRATION' as indicator_id,
        holders.month_start,
        holders.org_unit_id,
        holders.holder_id as subject_id,
        (concentration.top_share > signals.concentration_share)::int::double as numerator,
        1.0 as denominator,
        holders.orders_n,
        concentration.top_share,
        null::double as chi_square,
        null::double as p_value
    from holders
    inner join concentration
        on holders.holder_id = concentration.holder_id
        and holders.month_start = concentration.month_start
    cross join signals
    where holders.orders_n >= signals.concentration_min_orders
        and concentration.top_share is not null
    union all by name
    select
        'KRI-PR-BENFORD' as indicator_id,
        holders.month_start,
        holders.org_unit_id,
        holders.holder_id as subject_id,
        (chi2_p_upper(benford.chi_square, 8) < signals.benford_alpha)::int::double
            as numerator,
        1.0 as denominator,
        benford.digits_n as orders_n,
        null::double as top_share,
        benford.chi_square,
        chi2_p_upper(benford.chi_square, 8) as p_value
    from holders
    inner join benford
        on holders.holder_id = benford.holder_id
        and holders.month_start = benford.month_start
    cross join signals
    where benford.digits_n >= signals.benford_min_orders
)

select *, null::double as score_sum, null::double as score_n from final
