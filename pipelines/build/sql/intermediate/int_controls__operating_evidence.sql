-- Operating evidence per control measure (risks/settings.yaml, operating_evidence): the
-- share of units whose data shows the measure operates, in the window_months up to the
-- day the register was read (both days included; for trainings and 360 rounds at most up
-- to the end of the reference month below), and its rating: a share of at least
-- werkt_min_share is werkt, at least deels_min_share deels, else werkt_niet; geen_gegevens
-- when the source has no data at all or nothing to count. By source kind:
-- - training: departments (units at unit_level) with staff in the reference month (the
--   register's month, or the newest HR month when the data ends earlier) that held a
--   session of one of the source's training kinds, in the unit or below it, or above it
--   inviting at least that unit's staff of the day (organisation-wide), with at least
--   min_attendance of those invited attending. No session of any kind in the trainings
--   data: geen_gegevens.
-- - feedback_360: managers in the reference month with a 360 round of at least
--   KRI-HR-360's min_raters raters whose period starts in the window. No 360 data at all:
--   geen_gegevens.
-- - register_reviews: control measures in force whose last test plus their review
--   frequency is not before the day (the opposite of KRI-REG-CTRL-OVERDUE).
-- Measures no source names have no row. Grain: one row per control measure with a source.
with

sources as (
    select * from stg_catalogue__operating_sources
),

kinds as (
    select * from stg_catalogue__operating_training_kinds
),

ratings as (
    select * from stg_catalogue__operating_ratings
),

sessions as (
    select * from stg_trainings__sessions
),

feedback as (
    select * from stg_hr__feedback_360
),

measures as (
    select * from stg_register__control_measures
),

months as (
    select * from int_hr__employee_months
),

units as (
    select * from int_org__units
),

hierarchy as (
    select * from int_org__hierarchy
),

as_of as (
    select
        coalesce(stg_register__as_of.as_of, current_date) as as_of,
        least(
            date_trunc('month', coalesce(stg_register__as_of.as_of, current_date)),
            coalesce(
                (select max(month_start) from months),
                date_trunc('month', coalesce(stg_register__as_of.as_of, current_date))
            )
        )::date as as_of_month
    from stg_register__as_of
),

-- Each source with its window: it ends on the day the register was read, or for trainings
-- and 360 rounds (counted against the staff of the reference month) at the end of that
-- month when the HR data ends earlier.
ends as (
    select distinct
        sources.source,
        sources.source_kind,
        sources.unit_level,
        sources.min_attendance,
        sources.window_months,
        case when sources.source_kind = 'register_reviews' then as_of.as_of
            else least(as_of.as_of, last_day(as_of.as_of_month)) end as window_to,
        as_of.as_of_month
    from sources
    cross join as_of
),

windows as (
    select
        source, source_kind, unit_level, min_attendance,
        (window_to - to_months(window_months))::date as window_from,
        window_to,
        as_of_month
    from ends
),

-- Units with staff in the reference month, each with the units above it.
staffed_departments as (
    select distinct windows.source, hierarchy.ancestor_id as org_unit_id
    from windows
    inner join months on months.month_start = windows.as_of_month
    inner join hierarchy on months.org_unit_id = hierarchy.org_unit_id
    where windows.source_kind = 'training' and hierarchy.ancestor_level = windows.unit_level
),

-- Departments that held a counted session of the source's kinds in the window: in the
-- department or below it, or in a unit above it that invited at least as many as that
-- unit had staff on the session's day (an organisation-wide e-learning: helper-231,
-- whose 8 of 8 invited made no department's; a management team's session at the top,
-- 8 of 297 invited, stays the top's alone).
-- The staff of each session's unit on the session's day: in the month's HR rows, and
-- not hired after the day nor gone before it (helper-232: counting every row of the
-- month took in the month's leavers and joiners, and an e-learning sent to everyone
-- employed that day fell one short).
session_staff as (
    select sessions.org_unit_id, sessions.held_on,
        count(distinct months.employee_id) as staff_n
    from (select distinct org_unit_id, held_on from sessions) as sessions
    inner join hierarchy on sessions.org_unit_id = hierarchy.ancestor_id
    inner join months
        on months.org_unit_id = hierarchy.org_unit_id
        and months.month_start = date_trunc('month', sessions.held_on)
    where coalesce(months.hired_on <= sessions.held_on, true)
        and coalesce(months.exited_on >= sessions.held_on, true)
    group by all
),

reached as (
    -- the session's unit and the units above it (it was held in them), and below it
    select org_unit_id as session_unit_id, ancestor_id as org_unit_id, false as is_below
    from hierarchy
    union all
    select ancestor_id, org_unit_id, true from hierarchy where depth > 0
),

held as (
    select distinct windows.source, reached.org_unit_id
    from windows
    inner join kinds on windows.source = kinds.source
    inner join sessions on sessions.training_kind = kinds.training_kind
    inner join reached on sessions.org_unit_id = reached.session_unit_id
    left join session_staff
        on sessions.org_unit_id = session_staff.org_unit_id
        and sessions.held_on = session_staff.held_on
    where windows.source_kind = 'training'
        and (not reached.is_below or sessions.invited_n >= session_staff.staff_n)
        and sessions.held_on between windows.window_from and windows.window_to
        and sessions.invited_n > 0
        and sessions.attended_n / sessions.invited_n >= windows.min_attendance
),

training_counts as (
    select
        staffed_departments.source,
        count(held.org_unit_id) as evidence_n,
        count(*) as evidence_total,
        exists (select 1 from sessions) as has_data
    from staffed_departments
    left join held
        on staffed_departments.source = held.source
        and staffed_departments.org_unit_id = held.org_unit_id
    group by staffed_departments.source
),

managers as (
    select distinct windows.source, months.employee_id
    from windows
    inner join months on months.month_start = windows.as_of_month
    where windows.source_kind = 'feedback_360' and months.is_manager
),

completed_rounds as (
    select distinct windows.source, feedback.manager_id
    from windows
    inner join feedback
        on feedback.period_start between windows.window_from and windows.window_to
    where windows.source_kind = 'feedback_360'
        and feedback.n_raters >= (
            select max(parameter_value::double) from stg_catalogue__indicator_parameters
            where indicator_id = 'KRI-HR-360' and parameter_name = 'min_raters'
        )
),

feedback_counts as (
    select
        managers.source,
        count(completed_rounds.manager_id) as evidence_n,
        count(*) as evidence_total,
        exists (select 1 from feedback) as has_data
    from managers
    left join completed_rounds
        on managers.source = completed_rounds.source
        and managers.employee_id = completed_rounds.manager_id
    group by managers.source
),

review_counts as (
    select
        windows.source,
        count(*) filter (
            where measures.last_tested_on is not null
                and measures.last_tested_on + to_months(measures.review_months)
                >= windows.window_to
        ) as evidence_n,
        count(*) as evidence_total,
        true as has_data
    from windows
    inner join measures on measures.status <> 'vervallen'
    where windows.source_kind = 'register_reviews'
    group by windows.source
),

counts as (
    select * from training_counts
    union all
    select * from feedback_counts
    union all
    select * from review_counts
),

rated as (
    select
        sources.source,
        sources.source_kind,
        sources.control_measure_id,
        sources.window_months,
        windows.window_from,
        windows.window_to,
        coalesce(counts.evidence_n, 0) as evidence_n,
        coalesce(counts.evidence_total, 0) as evidence_total,
        case when counts.evidence_total > 0 and counts.has_data
            then counts.evidence_n / counts.evidence_total end as evidence_share,
        case
            when not coalesce(counts.has_data, false) or coalesce(counts.evidence_total, 0) = 0
                then 'geen_gegevens'
            when counts.evidence_n / counts.evidence_total >= sources.werkt_min_share
                then 'werkt'
            when counts.evidence_n / counts.evidence_total >= sources.deels_min_share
                then 'deels'
            else 'werkt_niet'
        end as operating_rating
    from sources
    inner join windows on sources.source = windows.source
    left join counts on sources.source = counts.source
),

final as (
    select
        rated.*,
        coalesce(ratings.effectiveness_penalty, 0.0) as operating_penalty
    from rated
    left join ratings on rated.operating_rating = ratings.rating
)

select * from final
