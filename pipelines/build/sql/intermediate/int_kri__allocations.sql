-- Allocation indicators, per housing consultant and month, at the consultant's unit:
-- KRI-AL-OUT-OF-RANK ranked letting to a candidate below rank 1 without motivation,
-- KRI-AL-NO-MOTIVATION maatwerk or direct allocation without recorded motivation,
-- KRI-AL-STAFF letting to staff or relatives, KRI-AL-REGDATE-EDIT registration date
-- edited by hand, KRI-AL-SAME-APPROVER a letting in one of the indicator's channels
-- approved by the consultant themself or by nobody.
-- Numerator: allocations with the signal; denominator: the allocations it is a share of.
-- Every consultant who allocated that month counts in n, also with a zero denominator:
-- the group whose work an aggregate describes is all of them.
-- Grain: indicator x month x consultant.
with

allocations as (
    select * from stg_allocation__allocations
),

months as (
    select * from int_hr__employee_months
),

approval_channels as (
    select parameter_value as channel from stg_catalogue__indicator_parameters
    where indicator_id = 'KRI-AL-SAME-APPROVER' and parameter_name = 'channels'
),

-- the channels with a ranking (a rank elsewhere, a direct letting's candidate number,
-- is no ranked letting) and the exceptions to it, as the catalogue names them
ranked_channels as (
    select parameter_value as channel from stg_catalogue__indicator_parameters
    where indicator_id = 'KRI-AL-OUT-OF-RANK' and parameter_name = 'channels'
),

exception_channels as (
    select parameter_value as channel from stg_catalogue__indicator_parameters
    where indicator_id = 'KRI-AL-NO-MOTIVATION' and parameter_name = 'channels'
),

flagged as (
    select
        consultant_id,
        date_trunc('month', allocated_on) as month_start,
        channel in (select channel from ranked_channels) and candidate_rank is not null
            as is_ranked,
        channel in (select channel from ranked_channels) and candidate_rank > 1
            and not coalesce(has_motivation_recorded, false) as is_out_of_rank,
        channel in (select channel from exception_channels) as is_exception,
        channel in (select channel from exception_channels)
            and not coalesce(has_motivation_recorded, false) as is_unmotivated_exception,
        coalesce(is_related_to_employee, false) as is_staff,
        coalesce(is_registration_date_modified, false) as is_regdate_edit,
        channel in (select channel from approval_channels) as is_approval_channel,
        channel in (select channel from approval_channels)
            and (approver_id is null or approver_id = consultant_id) as is_same_approver
    from allocations
),

per_consultant as (
    select
        consultant_id,
        month_start,
        count(*) as allocations,
        count(*) filter (where is_ranked) as ranked,
        count(*) filter (where is_out_of_rank) as out_of_rank,
        count(*) filter (where is_exception) as exceptions,
        count(*) filter (where is_unmotivated_exception) as unmotivated,
        count(*) filter (where is_staff) as staff,
        count(*) filter (where is_regdate_edit) as regdate_edits,
        count(*) filter (where is_approval_channel) as approval_channel,
        count(*) filter (where is_same_approver) as same_approver
    from flagged
    group by all
),

long as (
    select 'KRI-AL-OUT-OF-RANK' as indicator_id, consultant_id, month_start,
        out_of_rank as numerator, ranked as denominator
    from per_consultant
    union all
    select 'KRI-AL-NO-MOTIVATION', consultant_id, month_start, unmotivated, exceptions
    from per_consultant
    union all
    select 'KRI-AL-STAFF', consultant_id, month_start, staff, allocations from per_consultant
    union all
    select 'KRI-AL-REGDATE-EDIT', consultant_id, month_start, regdate_edits, allocations
    from per_consultant
    union all
    select 'KRI-AL-SAME-APPROVER', consultant_id, month_start, same_approver,
        approval_channel
    from per_consultant
),

final as (
    select
        long.indicator_id,
        long.month_start,
        months.org_unit_id,
        long.consultant_id as subject_id,
        long.numerator::double as numerator,
        long.denominator::double as denominator,
        null::double as score_sum,
        null::double as score_n
    from long
    inner join months
        on long.consultant_id = months.employee_id and long.month_start = months.month_start
)

select * from final
