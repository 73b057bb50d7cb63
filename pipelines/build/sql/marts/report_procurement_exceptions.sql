-- Person-level procurement exceptions (G2), one row per order and signal:
-- - requester_is_approver: the person who requested the order also approved it, or
--   nobody approved an order at or over the first threshold (the four-eyes principle;
--   int_procurement__orders.is_same_approver, which KRI-PR-SAME-APPROVER counts);
-- - related_supplier: an order with a supplier related to an employee
--   (KRI-PR-RELATED-SUPPLIER's rows that count, checked once in int_kri__pr_suppliers);
-- - bank_change_before_large_payment: a large payment to a supplier whose bank account
--   changed within bank_change_days before it (KRI-PR-BANK-CHANGE's rows that count).
-- Requester and approver are pseudonyms only (ingest replaced the keys). The supplier's
-- name is here with is_sole_trader: an eenmanszaak is a person, so its name is
-- personal data; the dashboard shows it only to a role with see_person_level and
-- otherwise the supplier_id. For the integriteitsfunctionaris only (dashboard/data.py
-- PERSON_LEVEL_MARTS; never exported: pipelines/reports/parquet.py); DT and RvC see
-- these as counts in report_indicators. Grain: order x signal. Published.
with

orders as (
    select * from stg_procurement__orders
),

suppliers as (
    select * from stg_procurement__suppliers
),

signals as (
    select * from int_kri__pr_suppliers
    where numerator = 1
),

same_approver as (
    select order_id from int_procurement__orders
    where is_same_approver
),

units as (
    select * from dim_org_units
),

events as (
    select
        'requester_is_approver' as signal,
        'KRI-PR-SAME-APPROVER' as indicator_id,
        order_id
    from same_approver
    union all
    select
        case indicator_id
            when 'KRI-PR-RELATED-SUPPLIER' then 'related_supplier'
            when 'KRI-PR-BANK-CHANGE' then 'bank_change_before_large_payment'
        end,
        indicator_id,
        order_id
    from signals
),

final as (
    select
        events.signal,
        events.indicator_id,
        orders.order_id,
        orders.ordered_on,
        strftime(orders.ordered_on, '%Y-%m') as month,
        strftime(orders.ordered_on, '%Y') || '-Q' || quarter(orders.ordered_on) as quarter,
        orders.org_unit_id,
        units.org_unit_name,
        units.org_level,
        units.department_id,
        units.department_name,
        orders.requester_id,
        orders.approver_id,
        orders.supplier_id,
        suppliers.supplier_name,
        coalesce(suppliers.is_sole_trader, false) as is_sole_trader,
        orders.amount_eur,
        orders.procedure,
        suppliers.bank_account_changed_on,
        case
            when events.signal = 'bank_change_before_large_payment'
                then orders.ordered_on - suppliers.bank_account_changed_on
        end as days_after_bank_change,
        coalesce(suppliers.is_related_to_employee, false) as is_related_to_employee
    from events
    inner join orders on events.order_id = orders.order_id
    left join suppliers on orders.supplier_id = suppliers.supplier_id
    left join units on orders.org_unit_id = units.org_unit_id
)

select * from final
order by ordered_on desc, signal, order_id
