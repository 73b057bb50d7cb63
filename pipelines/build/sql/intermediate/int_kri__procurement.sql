-- Procurement indicators (G2) per requester and month, at the order's cost centre (its
-- org unit), from the order flags of int_procurement__orders:
-- KRI-PR-SPLIT-ORDERS splits, each counted once at its first order (is_split_first), of
--   the purchases: the orders not exempt with an amount, a split's later parts left out (a split is
--   one purchase, one event for the exact binomial test, not one per part);
-- KRI-PR-NO-CONTRACT orders at or over the first threshold without a contract or under
--   a weaker procedure than their amount requires, of the orders over it (orders, not
--   spend: each order is one event, which the exact binomial test needs);
-- KRI-PR-FEW-QUOTES orders with fewer quotes than their procedure asks, of those not exempt
--   with an amount (the amount sets the procedure: without one, none is asked);
-- KRI-PR-JUST-UNDER orders just under a threshold, of those not exempt with an amount (the test holds
--   the unit against the organisation's own share: what is expected);
-- KRI-PR-SAME-APPROVER orders approved by the requester (or by nobody over the first
--   threshold), of all orders.
-- Every requester with an order that month counts in n, also with a zero denominator.
-- Only unit-level shares leave this model; the orders themselves stay in
-- int_procurement__orders. Grain: indicator x month x cost centre x requester.
with

orders as (
    select * from int_procurement__orders
),

per_requester as (
    select
        requester_id,
        month_start,
        org_unit_id,
        count(*) as orders,
        count(*) filter (where not is_exempt) as not_exempt,
        -- an order without an amount (a credit row in Debet/Credit columns) can be neither
        -- just under a threshold nor a split's part (helper-231), nor short of the quotes
        -- its amount's procedure asks (helper-232): no event of any of them
        count(*) filter (where not is_exempt and amount_eur is not null) as not_exempt_priced,
        count(*) filter (where is_split_first) as split,
        count(*) filter (
            where not is_exempt and amount_eur is not null and not (is_split and not is_split_first)
        ) as purchases,
        count(*) filter (where is_over_first_threshold) as over_first_threshold,
        count(*) filter (
            where is_over_first_threshold and (contract_id is null or is_outside_procedure)
        ) as no_contract,
        count(*) filter (where has_too_few_quotes) as few_quotes,
        count(*) filter (where is_just_under) as just_under,
        count(*) filter (where is_same_approver) as same_approver
    from orders
    where requester_id is not null and org_unit_id is not null
    group by all
),

long as (
    select 'KRI-PR-SPLIT-ORDERS' as indicator_id, requester_id, month_start, org_unit_id,
        split as numerator, purchases as denominator
    from per_requester
    union all
    select 'KRI-PR-NO-CONTRACT', requester_id, month_start, org_unit_id, no_contract,
        over_first_threshold
    from per_requester
    union all
    select 'KRI-PR-FEW-QUOTES', requester_id, month_start, org_unit_id, few_quotes,
        not_exempt_priced
    from per_requester
    union all
    select 'KRI-PR-JUST-UNDER', requester_id, month_start, org_unit_id, just_under,
        not_exempt_priced
    from per_requester
    union all
    select 'KRI-PR-SAME-APPROVER', requester_id, month_start, org_unit_id, same_approver,
        orders
    from per_requester
),

final as (
    select
        indicator_id,
        month_start,
        org_unit_id,
        requester_id as subject_id,
        numerator::double as numerator,
        denominator::double as denominator,
        null::double as score_sum,
        null::double as score_n
    from long
)

select * from final
