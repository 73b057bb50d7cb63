-- Survey indicators: per respondent and month, unfavourable answers (1-2 on the
-- favourable-oriented scale, so 4-5 on reverse items) out of answers given, and the sum
-- of favourable-oriented scores for the mean. "Weet niet" (empty) is not counted.
-- Grain: indicator x month x respondent.
with

responses as (
    select * from stg_survey__responses
),

indicator_items as (
    select * from stg_catalogue__indicator_items
),

items as (
    select * from stg_catalogue__survey_items
),

scored as (
    select
        indicator_items.indicator_id,
        date_trunc('month', responses.wave_on) as month_start,
        responses.org_unit_id,
        responses.respondent_id,
        case when items.is_reverse then 6 - responses.answer else responses.answer end
            as favourable_score
    from responses
    inner join indicator_items on responses.item_code = indicator_items.item_code
    inner join items on responses.item_code = items.item_code
    where responses.answer is not null
),

final as (
    select
        indicator_id,
        month_start,
        org_unit_id,
        respondent_id as subject_id,
        count(*) filter (where favourable_score <= 2)::double as numerator,
        count(*)::double as denominator,
        sum(favourable_score)::double as score_sum,
        count(*)::double as score_n
    from scored
    group by all
)

select * from final
