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
-- - is_unit_price_call_off: has a contract_id under a contract with unit prices;
-- - is_split: part of a split (README "Procurement orders (G2)"). For a threshold T, the
--   *parts* are the orders of one cost centre to one supplier that are not exempt, not a
--   call-off under a contract with unit prices, under T, under a procedure weaker than
--   T's, and at least min_part_share x T (0.2: 10 000.00 for 50 000; 9 999.99 is no
--   part): real splitting cuts one purchase into a few large parts, whereas many small
--   orders to a regular supplier add up by themselves. A *window* starts at a part and
--   holds the parts placed up to split_window_days later (inclusive: 30 days apart is
--   within 30 days, 31 is not); it is a split when it holds at least two parts,
--   together at or over T. The splits of a cost centre and supplier do not overlap: the
--   first split window is the first cluster, the next cluster is the first split window
--   that starts after the last part of the one before (so a part belongs to at most one
--   cluster per threshold). An order's cluster is the one of the highest T it is part of
--   (split_threshold_eur; split_orders, split_eur: its parts and their sum;
--   split_cluster_id: its first order); is_split_first marks that first order, so a
--   cluster counts once, as one purchase (int_kri__procurement).
-- Grain: one row per order.
with recursive

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
            and orders.contract_id is not null as is_exempt,
        coalesce(orders.has_unit_price_contract and orders.contract_id is not null, false)
            as is_unit_price_call_off
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

-- the parts that could make up a split of threshold T, numbered per cost centre and
-- supplier in order of date (then order_id)
split_parts as (
    select
        classified.order_id,
        classified.ordered_on,
        classified.org_unit_id,
        classified.supplier_id,
        classified.amount_eur,
        thresholds.threshold_eur,
        row_number() over (
            partition by thresholds.threshold_eur, classified.org_unit_id, classified.supplier_id
            order by classified.ordered_on, classified.order_id
        ) as part_no
    from classified
    cross join policy
    inner join thresholds
        on classified.amount_eur < thresholds.threshold_eur
        and classified.amount_eur >= round(thresholds.threshold_eur * policy.min_part_share, 2)
        and coalesce(classified.procedure_rank, -1) < thresholds.procedure_rank
    where not classified.is_exempt and not classified.is_unit_price_call_off
),

-- per threshold and part: the window of parts that starts with it (parts first_no to
-- last_no) and whether it is a split
split_windows as (
    select
        anchor.threshold_eur,
        anchor.org_unit_id,
        anchor.supplier_id,
        anchor.order_id as first_order_id,
        anchor.part_no as first_no,
        max(member.part_no) as last_no,
        count(*) as parts,
        -- to the cent: 17.239,70 + 17.535,67 + 15.224,63 is 50.000,00, and as doubles
        -- 49999.99999999999 or 50000.0 by the order they were summed in
        round(sum(member.amount_eur), 2) as parts_eur,
        count(*) >= 2 and round(sum(member.amount_eur), 2) >= anchor.threshold_eur as is_split
    from split_parts as anchor
    cross join policy
    inner join split_parts as member
        on member.threshold_eur = anchor.threshold_eur
        and member.org_unit_id = anchor.org_unit_id
        and member.supplier_id = anchor.supplier_id
        and member.part_no >= anchor.part_no
        and member.ordered_on <= anchor.ordered_on + policy.split_window_days
    group by
        anchor.threshold_eur, anchor.org_unit_id, anchor.supplier_id, anchor.order_id,
        anchor.part_no
),

-- per split window: the first split window that starts after its last part
split_next as (
    select
        this.threshold_eur,
        this.org_unit_id,
        this.supplier_id,
        this.first_order_id,
        this.first_no,
        this.last_no,
        this.parts,
        this.parts_eur,
        (
            select min(later.first_no)
            from split_windows as later
            where later.threshold_eur = this.threshold_eur
                and later.org_unit_id = this.org_unit_id
                and later.supplier_id = this.supplier_id
                and later.is_split
                and later.first_no > this.last_no
        ) as next_no
    from split_windows as this
    where this.is_split
),

-- the clusters: the first split window of each cost centre and supplier, then each
-- next one in turn
split_clusters as (
    select * from split_next
    where first_no = (
        select min(first.first_no) from split_next as first
        where first.threshold_eur = split_next.threshold_eur
            and first.org_unit_id = split_next.org_unit_id
            and first.supplier_id = split_next.supplier_id
    )
    union all
    select next.*
    from split_clusters as cluster
    inner join split_next as next
        on next.threshold_eur = cluster.threshold_eur
        and next.org_unit_id = cluster.org_unit_id
        and next.supplier_id = cluster.supplier_id
        and next.first_no = cluster.next_no
),

-- per order: the cluster of the highest threshold it is a part of
split_per_order as (
    select
        split_parts.order_id,
        max(split_clusters.threshold_eur) as split_threshold_eur,
        arg_max(split_clusters.first_order_id, split_clusters.threshold_eur) as split_cluster_id,
        arg_max(split_clusters.parts, split_clusters.threshold_eur) as split_orders,
        arg_max(split_clusters.parts_eur, split_clusters.threshold_eur) as split_eur
    from split_parts
    inner join split_clusters
        on split_clusters.threshold_eur = split_parts.threshold_eur
        and split_clusters.org_unit_id = split_parts.org_unit_id
        and split_clusters.supplier_id = split_parts.supplier_id
        and split_parts.part_no between split_clusters.first_no and split_clusters.last_no
    group by split_parts.order_id
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
        classified.is_unit_price_call_off,
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
        coalesce(split_per_order.split_cluster_id = classified.order_id, false)
            as is_split_first,
        split_per_order.split_cluster_id,
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
