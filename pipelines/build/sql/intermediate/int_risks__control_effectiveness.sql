-- Control effectiveness per risk (0-1): the mean over its measures in force of status
-- weight x last-test multiplier, both from settings.yaml; a measure never tested counts
-- for little. Then the one combining rule (settings.yaml, audit_findings): every audit
-- finding on the measure that is not closed takes its severity's penalty off, together at
-- most max_penalty (finding_factor = 1 - that). Operating evidence enters through the same
-- rule (int_controls__operating_evidence): its rating's penalty is added to the findings'
-- and the sum is capped by the same max_penalty (combined_factor = 1 - that, the factor
-- applied); a measure without operating evidence is rated as before. A risk with no
-- measure in force (all retired) is controlled by nothing: 0, never NULL, so its gap is
-- still computed.
-- Grain: one row per control measure, with the risk's effectiveness.
with

measures as (
    select * from stg_register__control_measures
),

statuses as (
    select * from stg_catalogue__control_statuses
),

results as (
    select * from stg_catalogue__control_test_results
),

findings as (
    select * from stg_register__audit_findings
),

finding_statuses as (
    select * from stg_catalogue__finding_statuses
),

severities as (
    select * from stg_catalogue__finding_severities
),

settings as (
    select * from stg_catalogue__settings
),

operating as (
    select * from int_controls__operating_evidence
),

-- Open findings per measure and the share of its effectiveness they take off (capped).
-- Grain: control measure with at least one open finding.
open_findings as (
    select
        findings.control_measure_id,
        count(*) as open_findings,
        sum(severities.effectiveness_penalty) as finding_penalty_sum,
        least(sum(severities.effectiveness_penalty), any_value(settings.finding_max_penalty))
            as finding_penalty
    from findings
    inner join finding_statuses on findings.status = finding_statuses.status
    inner join severities on findings.severity = severities.severity
    cross join settings
    where not finding_statuses.is_closed and findings.control_measure_id is not null
    group by findings.control_measure_id
),

rated as (
    select
        measures.risk_id,
        measures.control_measure_id,
        measures.status,
        measures.last_test_result,
        measures.last_tested_on,
        measures.next_review_on,
        statuses.status_weight,
        results.result_multiplier,
        coalesce(open_findings.open_findings, 0) as open_findings,
        coalesce(open_findings.finding_penalty, 0.0) as finding_penalty,
        1.0 - coalesce(open_findings.finding_penalty, 0.0) as finding_factor,
        operating.source as evidence_source,
        operating.source_kind as evidence_kind,
        operating.operating_rating,
        operating.evidence_n,
        operating.evidence_total,
        operating.evidence_share,
        operating.window_months as evidence_window_months,
        operating.window_to as evidence_as_of,
        coalesce(operating.operating_penalty, 0.0) as operating_penalty,
        least(
            coalesce(open_findings.finding_penalty_sum, 0.0)
            + coalesce(operating.operating_penalty, 0.0),
            (select coalesce(max(finding_max_penalty), 1.0) from settings)
        ) as combined_penalty,
        measures.status <> 'vervallen' as is_in_force
    from measures
    inner join statuses on measures.status = statuses.status
    inner join results on measures.last_test_result = results.test_result
    left join open_findings on measures.control_measure_id = open_findings.control_measure_id
    left join operating on measures.control_measure_id = operating.control_measure_id
),

combined as (
    select
        *,
        1.0 - combined_penalty as combined_factor,
        status_weight * result_multiplier * (1.0 - combined_penalty) as measure_effectiveness
    from rated
),

final as (
    select
        *,
        coalesce(
            avg(measure_effectiveness) filter (where is_in_force) over (partition by risk_id),
            0
        ) as control_effectiveness
    from combined
)

select * from final
