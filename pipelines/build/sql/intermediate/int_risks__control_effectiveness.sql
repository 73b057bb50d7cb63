-- Control effectiveness per risk (0-1): the mean over its measures in force of status
-- weight x last-test multiplier, both from settings.yaml; a measure never tested counts
-- for little. A risk with no measure in force (all retired) is controlled by nothing: 0,
-- never NULL, so its gap is still computed. Grain: one row per control measure, with
-- the risk's effectiveness.
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
        statuses.status_weight * results.result_multiplier as measure_effectiveness,
        measures.status <> 'vervallen' as is_in_force
    from measures
    inner join statuses on measures.status = statuses.status
    inner join results on measures.last_test_result = results.test_result
),

final as (
    select
        *,
        coalesce(
            avg(measure_effectiveness) filter (where is_in_force) over (partition by risk_id),
            0
        ) as control_effectiveness
    from rated
)

select * from final
