-- KRI-HR-360: the integrity score from managers' 360-degree feedback, at the manager's
-- unit in the first month of the feedback period; only scores from at least min_raters
-- raters (the indicator's parameter) count. Grain: period month x manager.
with

feedback as (
    select * from stg_hr__feedback_360
),

months as (
    select * from int_hr__employee_months
),

final as (
    select
        'KRI-HR-360' as indicator_id,
        date_trunc('month', feedback.period_start) as month_start,
        months.org_unit_id,
        feedback.manager_id as subject_id,
        feedback.integrity_score::double as numerator,
        1.0 as denominator,
        null::double as score_sum,
        null::double as score_n
    from feedback
    inner join months
        on feedback.manager_id = months.employee_id
        and date_trunc('month', feedback.period_start) = months.month_start
    where feedback.integrity_score is not null
        and feedback.n_raters >= (
            select parameter_value::double from stg_catalogue__indicator_parameters
            where indicator_id = 'KRI-HR-360' and parameter_name = 'min_raters'
        )
)

select * from final
