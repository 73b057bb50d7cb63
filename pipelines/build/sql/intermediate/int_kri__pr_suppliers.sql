-- KRI-PR-BANK-CHANGE and KRI-PR-RELATED-SUPPLIER, per order in the month it was placed
-- (the catalogue's window_months 12: a quarter counts the orders of the last 12 months):
-- - bank change: of the large payments (amount_eur >= large_payment_eur), those to a
--   supplier whose bank account changed within bank_change_days before the order (the
--   order's day and exactly bank_change_days before included; a change after the order
--   does not count). The supplier file holds the last change only;
-- - related supplier: of all orders, those to a supplier related to an employee.
-- The subject is the requester, who placed the order (as the consultant is for the
-- allocation shares), so n counts the people ordering and k protects them; a team has
-- one to three budget holders, who would keep every team figure below k. Each row carries the order (order_id, supplier_id, amount_eur,
-- bank_account_changed_on) for the exceptions. Grain: indicator x order.
with

orders as (
    select * from stg_procurement__orders
),

suppliers as (
    select * from stg_procurement__suppliers
),

signals as (
    select * from stg_catalogue__procurement_signals
),

placed as (
    select
        orders.order_id,
        date_trunc('month', orders.ordered_on)::date as month_start,
        orders.ordered_on,
        orders.org_unit_id,
        orders.requester_id as subject_id,
        orders.supplier_id,
        orders.amount_eur,
        suppliers.bank_account_changed_on,
        coalesce(suppliers.is_related_to_employee, false) as is_related_to_employee
    from orders
    left join suppliers on orders.supplier_id = suppliers.supplier_id
    where orders.ordered_on is not null
),

final as (
    select
        'KRI-PR-BANK-CHANGE' as indicator_id,
        placed.*,
        coalesce(
            placed.bank_account_changed_on
                between placed.ordered_on - signals.bank_change_days and placed.ordered_on,
            false
        )::int::double as numerator,
        1.0 as denominator
    from placed
    cross join signals
    where placed.amount_eur >= signals.large_payment_eur
    union all by name
    select
        'KRI-PR-RELATED-SUPPLIER' as indicator_id,
        placed.*,
        placed.is_related_to_employee::int::double as numerator,
        1.0 as denominator
    from placed
)

select *, null::double as score_sum, null::double as score_n from final
