-- The control ratings behind each risk's control effectiveness, with the audit findings
-- still open on each measure and what they took off (the combining rule). Grain: control
-- measure.
-- Published.
with

rated as (
    select * from int_risks__control_effectiveness
),

final as (
    select
        risk_id,
        control_measure_id,
        status,
        last_test_result,
        last_tested_on,
        next_review_on,
        coalesce(is_in_force and next_review_on < current_date, false) as is_overdue,
        status_weight,
        result_multiplier,
        open_findings,
        finding_penalty,
        finding_factor,
        measure_effectiveness,
        is_in_force,
        control_effectiveness
    from rated
)

select * from final
order by risk_id, control_measure_id
