-- Where to site the next campus: the factors a siting decision weighs, each scored 0-1 by rank across the
-- ranked countries (1 best), and a weighted score whose weights are the dbt var scorecard_weights. A factor
-- a country lacks is left out and its remaining weights rescaled, so the rank never rests on a guessed value.
-- Only countries with enough tracked pipeline and enough factors are ranked: a barely tracked country would
-- otherwise top the list on 100 % of a few MW realised.
{% set weights = var('scorecard_weights') %}
{% set min_tracked_it_mw = var('scorecard_min_tracked_it_mw') %}
{% set min_factor_count = var('scorecard_min_factor_count') %}
with energy as (
    select * from {{ ref('mart_country_energy') }}
    where scenario = 'base' and not is_projected_demand
),

cost as (
    select country_iso3, usd_per_w_2025 from {{ ref('mart_country_cost') }}
    where is_latest_for_country
),

capacity as (
    select * from {{ ref('int_country_capacity_pivoted') }}
),

factors as (
    select
        energy.country_iso3,
        energy.country_name,
        energy.dc_share_of_demand_pct,
        energy.emissions_intensity_gco2_per_kwh,
        energy.day_ahead_price_usd_per_mwh,
        cost.usd_per_w_2025,
        100 * (coalesce(capacity.operational_it_mw, 0) + coalesce(capacity.under_construction_it_mw, 0))
        / nullif(capacity.pipeline_it_mw, 0)
            as pipeline_realised_pct,
        coalesce(capacity.pipeline_it_mw, 0) as tracked_it_mw
    from energy
    left join cost using (country_iso3)
    left join capacity using (country_iso3)
),

eligibility as (
    select
        *,
        (dc_share_of_demand_pct is not null)::int + (emissions_intensity_gco2_per_kwh is not null)::int
        + (day_ahead_price_usd_per_mwh is not null)::int + (usd_per_w_2025 is not null)::int
        + (pipeline_realised_pct is not null)::int as factors_available_count
    from factors
),

ranked_or_not as (
    select
        *,
        tracked_it_mw >= {{ min_tracked_it_mw }} and factors_available_count >= {{ min_factor_count }} as is_ranked,
        nullif(concat_ws(
            '; ',
            case
                when tracked_it_mw < {{ min_tracked_it_mw }}
                    then 'tracked pipeline below {{ min_tracked_it_mw }} MW'
            end,
            case
                when factors_available_count < {{ min_factor_count }}
                    then 'fewer than {{ min_factor_count }} of 5 factors'
            end
        ), '') as unranked_reason
    from eligibility
),

scores as (
    select
        *,
        {{ percent_rank_score('dc_share_of_demand_pct', true, 'is_ranked') }} as grid_headroom_score,
        {{ percent_rank_score('emissions_intensity_gco2_per_kwh', true, 'is_ranked') }} as carbon_intensity_score,
        {{ percent_rank_score('day_ahead_price_usd_per_mwh', true, 'is_ranked') }} as electricity_price_score,
        {{ percent_rank_score('usd_per_w_2025', true, 'is_ranked') }} as build_cost_score,
        {{ percent_rank_score('pipeline_realised_pct', false, 'is_ranked') }} as pipeline_speed_score
    from ranked_or_not
),

weighted as (
    select
        *,
        {% for factor, weight in weights.items() %}
            coalesce({{ factor }}_score * {{ weight }}, 0){{ " +" if not loop.last }}
        {% endfor %} as weighted_sum,
        {% for factor, weight in weights.items() %}
            (case when {{ factor }}_score is not null then {{ weight }} else 0 end){{ " +" if not loop.last }}
        {% endfor %} as weight_available
    from scores
)

select
    country_iso3,
    country_name,
    dc_share_of_demand_pct,
    emissions_intensity_gco2_per_kwh,
    day_ahead_price_usd_per_mwh,
    usd_per_w_2025,
    pipeline_realised_pct,
    tracked_it_mw,
    grid_headroom_score,
    carbon_intensity_score,
    electricity_price_score,
    build_cost_score,
    pipeline_speed_score,
    factors_available_count,
    is_ranked,
    unranked_reason,
    weighted_sum / nullif(weight_available, 0) as siting_score,
    case
        when is_ranked then rank() over (
            partition by is_ranked order by weighted_sum / nullif(weight_available, 0) desc nulls last
        )
    end as siting_rank
from weighted
