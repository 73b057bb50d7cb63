-- The control ratings behind each risk's control effectiveness, with the audit findings
-- still open on each measure and what they took off, and for a measure with operating
-- evidence its rating, the units counted (evidence_n of evidence_total in the
-- evidence_window_months up to evidence_as_of) and its penalty; combined_factor is what
-- the combining rule left of it (1 - the findings' and the rating's penalty together, at
-- most max_penalty). Grain: control measure.
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
        evidence_source,
        evidence_kind,
        operating_rating,
        evidence_n,
        evidence_total,
        evidence_share,
        evidence_window_months,
        evidence_as_of,
        operating_penalty,
        combined_penalty,
        combined_factor,
        measure_effectiveness,
        is_in_force,
        control_effectiveness
    from rated
)

select * from final
order by risk_id, control_measure_id
