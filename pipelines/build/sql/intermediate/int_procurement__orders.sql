-- Every procurement order held against the procurement policy (risks/settings.yaml
-- procurement:, README "Procurement indicators (G2)"); int_kri__procurement counts the
-- flags per requester, the person-level exceptions may list them. Per order:
-- - the procedure its amount requires: the ladder step with the highest from_eur at or
--   below the amount (procedure_rank: 0 = weakest), with the quotes it asks for;
-- - is_exempt: a call-off under an exempt procedure (raamcontract) with a contract_id:
--   no procedure of its own, so no split, quote or just-under question;
-- - is_over_first_threshold: at or over the lowest amount that requires more than the
--   first step (50 000: more than enkelvoudig onderhands);
-- - is_outside_procedure: not exempt, over the first threshold, under a procedure weaker
--   than its amount requires (an unknown procedure counts as the weakest);
-- - has_too_few_quotes: not exempt and fewer quotes than the required procedure asks for;
-- - is_just_under: not exempt and from (1 - just_under_band) x a threshold up to, not
--   including, that threshold;
-- - is_same_approver: approved by the requester, or by nobody at or over the first threshold;
-- - is_split: part of a split. For a threshold T, the orders of one cost centre to one
--   supplier that are not exempt, each under T and under a procedure weaker than T's,
--   placed from an order's date up to split_window_days later (inclusive: 30 days apart
--   is within 30 days, 31 is not), at least two, together at or over T: each of them is
--   part of a split (split_threshold_eur: the highest such T; split_orders, split_eur: the
--   largest such group).
-- Grain: one row per order.
with

orders as (
    select * from stg_procurement__orders
),

ladder as (
    select * from stg_catalogue__procurement_thresholds
),

policy as (
    select * from stg_catalogue__procurement_settings
),

steps as (
    select * from ladder where not is_exempt
),

-- the amounts from which a stronger procedure is required
thresholds as (
    select procedure, procedure_rank, from_eur as threshold_eur
    from steps
    where from_eur > 0
),

first_threshold as (
    select min(threshold_eur) as first_threshold_eur from thresholds
),

classified as (
    select
        orders.*,
        date_trunc('month', orders.ordered_on)::date as month_start,
        own.procedure_rank,
        coalesce(orders.procedure in (select procedure from ladder where is_exempt), false)
            and orders.contract_id is not null as is_exempt
    from orders
    left join steps as own on orders.procedure = own.procedure
),

required as (
    select
        classified.order_id,
        arg_max(steps.procedure, steps.from_eur) as required_procedure,
        arg_max(steps.procedure_rank, steps.from_eur) as required_rank,
        arg_max(steps.min_quotes, steps.from_eur) as required_min_quotes
    from classified
    inner join steps on steps.from_eur <= classified.amount_eur
    group by classified.order_id
),

just_under as (
    select classified.order_id, max(thresholds.threshold_eur) as just_under_threshold_eur
    from classified
    cross join policy
    inner join thresholds
        on classified.amount_eur < thresholds.threshold_eur
        and classified.amount_eur
            >= round(thresholds.threshold_eur * (1 - policy.just_under_band), 2)
    where not classified.is_exempt
    group by classified.order_id
),

-- orders that could be part of a split below threshold T
split_candidates as (
    select classified.*, thresholds.threshold_eur, thresholds.procedure_rank as threshold_rank
    from classified
    inner join thresholds
        on classified.amount_eur < thresholds.threshold_eur
        and coalesce(classified.procedure_rank, -1) < thresholds.procedure_rank
    where not classified.is_exempt
),

-- per threshold and first order: the orders of its cost centre to its supplier within
-- the window that starts on its date
split_groups as (
    select
        anchor.threshold_eur,
        anchor.order_id as anchor_order_id,
        list(member.order_id) as member_order_ids,
        count(*) as split_orders,
        sum(member.amount_eur) as split_eur
    from split_candidates as anchor
    cross join policy
    inner join split_candidates as member
        on member.threshold_eur = anchor.threshold_eur
        and member.org_unit_id = anchor.org_unit_id
        and member.supplier_id = anchor.supplier_id
        and member.ordered_on >= anchor.ordered_on
        and member.ordered_on <= anchor.ordered_on + policy.split_window_days
        and (member.ordered_on > anchor.ordered_on or member.order_id >= anchor.order_id)
    group by anchor.threshold_eur, anchor.order_id
    having count(*) >= 2 and sum(member.amount_eur) >= anchor.threshold_eur
),

splits as (
    select
        unnest(member_order_ids) as order_id,
        threshold_eur,
        split_orders,
        split_eur
    from split_groups
),

split_per_order as (
    select
        order_id,
        max(threshold_eur) as split_threshold_eur,
        max(split_orders) as split_orders,
        max(split_eur) as split_eur
    from splits
    group by order_id
),

final as (
    select
        classified.order_id,
        classified.ordered_on,
        classified.month_start,
        classified.org_unit_id,
        classified.supplier_id,
        classified.requester_id,
        classified.approver_id,
        classified.amount_eur,
        classified.procedure,
        classified.quotes_count,
        classified.contract_id,
        classified.is_exempt,
        required.required_procedure,
        required.required_min_quotes,
        coalesce(classified.amount_eur >= first_threshold.first_threshold_eur, false)
            as is_over_first_threshold,
        not classified.is_exempt
            and coalesce(classified.amount_eur >= first_threshold.first_threshold_eur, false)
            and coalesce(classified.procedure_rank, -1) < required.required_rank
            as is_outside_procedure,
        not classified.is_exempt
            and coalesce(classified.quotes_count, 0) < coalesce(required.required_min_quotes, 0)
            as has_too_few_quotes,
        just_under.just_under_threshold_eur,
        just_under.order_id is not null as is_just_under,
        coalesce(classified.approver_id = classified.requester_id, false)
            or (
                classified.approver_id is null
                and coalesce(classified.amount_eur >= first_threshold.first_threshold_eur, false)
            ) as is_same_approver,
        split_per_order.order_id is not null as is_split,
        split_per_order.split_threshold_eur,
        split_per_order.split_orders,
        split_per_order.split_eur
    from classified
    cross join first_threshold
    left join required on classified.order_id = required.order_id
    left join just_under on classified.order_id = just_under.order_id
    left join split_per_order on classified.order_id = split_per_order.order_id
)

select * from final
