-- Product settings from risks/settings.yaml that models use. Grain: one row.
with

source as (
    select * from raw_catalogue__settings
),

final as (
    select
        cast(min_group_size as integer) as min_group_size,
        cast(publish_months as boolean) as publish_months,
        cast(data_freshness_warn_days as integer) as data_freshness_warn_days,
        cast(flagged_min_likelihood as integer) as flagged_min_likelihood,
        cast(alpha_warn as double) as alpha_warn,
        cast(alpha_alarm as double) as alpha_alarm,
        cast(overdispersion_winsor as double) as overdispersion_winsor,
        cast(overdispersion_min_cells as integer) as overdispersion_min_cells,
        cast(main_weight as double) as main_weight,
        cast(min_coverage as double) as min_coverage,
        cast(gap_oranje as double) as gap_oranje,
        cast(gap_rood as double) as gap_rood,
        cast(triangle_controls_in_place_min as double) as triangle_controls_in_place_min,
        cast(triangle_signal_red_min_likelihood as integer)
            as triangle_signal_red_min_likelihood,
        cast(finding_max_penalty as double) as finding_max_penalty
    from source
)

select * from final
