-- Where to site the next campus: the factors a siting decision weighs, each scaled 0-1 across countries
-- (1 best), and a weighted score whose weights are the dbt var scorecard_weights. A factor a country
-- lacks is left out and its remaining weights rescaled, so the rank never rests on a guessed value.
{% set weights = var('scorecard_weights') %}
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
            as pipeline_realised_pct
    from energy
    left join cost using (country_iso3)
    left join capacity using (country_iso3)
),

scores as (
    select
        *,
        {{ min_max_score('dc_share_of_demand_pct', true) }} as grid_headroom_score,
        {{ min_max_score('emissions_intensity_gco2_per_kwh', true) }} as carbon_intensity_score,
        {{ min_max_score('day_ahead_price_usd_per_mwh', true) }} as electricity_price_score,
        {{ min_max_score('usd_per_w_2025', true) }} as build_cost_score,
        {{ min_max_score('pipeline_realised_pct', false) }} as pipeline_speed_score
    from factors
),

weighted as (
    select
        *,
        {% for factor, weight in weights.items() %}
        coalesce({{ factor }}_score * {{ weight }}, 0){{ " +" if not loop.last }}
        {% endfor %} as weighted_sum,
        {% for factor, weight in weights.items() %}
        (case when {{ factor }}_score is not null then {{ weight }} else 0 end){{ " +" if not loop.last }}
        {% endfor %} as weight_available,
        {% for factor, weight in weights.items() %}
        (case when {{ factor }}_score is not null then 1 else 0 end){{ " +" if not loop.last }}
        {% endfor %} as factors_available_count
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
    grid_headroom_score,
    carbon_intensity_score,
    electricity_price_score,
    build_cost_score,
    pipeline_speed_score,
    factors_available_count,
    weighted_sum / nullif(weight_available, 0) as siting_score,
    rank() over (order by weighted_sum / nullif(weight_available, 0) desc nulls last) as siting_rank
from weighted
