-- What moved since the previous quarter, per risk and org unit: observed likelihood and
-- score now and a quarter earlier, the change in assurance gap, and whether the risk
-- turned red (only against a previous quarter whose level was not red). Read by the
-- overview ("wat is er bewogen") and the RvC snapshot. Grain: risk x quarter x org
-- unit. Published.
with

scores as (
    select * from report_risk_scores
    where period_type = 'quarter'
),

with_previous_period as (
    select
        *,
        case
            when right(period, 1) = '1'
                then cast(cast(left(period, 4) as integer) - 1 as varchar) || '-Q4'
            else left(period, 6) || cast(cast(right(period, 1) as integer) - 1 as varchar)
        end as previous_period
    from scores
),

final as (
    select
        now_.risk_id,
        now_.period,
        now_.previous_period,
        now_.org_unit_id,
        now_.org_level,
        now_.observed_likelihood,
        before_.observed_likelihood as previous_observed_likelihood,
        now_.observed_score,
        before_.observed_score as previous_observed_score,
        now_.observed_likelihood - before_.observed_likelihood as likelihood_change,
        now_.assurance_gap,
        now_.assurance_gap - before_.assurance_gap as assurance_gap_change,
        now_.level,
        before_.level as previous_level,
        case
            when now_.observed_likelihood > before_.observed_likelihood then 'omhoog'
            when now_.observed_likelihood < before_.observed_likelihood then 'omlaag'
            when now_.observed_likelihood = before_.observed_likelihood then 'gelijk'
        end as direction,
        -- New red only against a previous quarter that had a level and it was not red:
        -- without one (no row, suppressed, no data) we cannot say it was not red before.
        coalesce(now_.level = 'rood' and before_.level <> 'rood', false) as is_new_red,
        now_.exceeds_appetite,
        now_.suppressed
    from with_previous_period as now_
    left join scores as before_
        on
            now_.risk_id = before_.risk_id
            and now_.org_unit_id = before_.org_unit_id
            and now_.previous_period = before_.period
)

select * from final
order by risk_id, period, org_unit_id
