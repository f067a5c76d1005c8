-- The market grain of the cost mart: one row per Turner & Townsend market (metro) and year, in constant
-- 2025 USD, with the market's country so it can be read beside mart_country_cost.
with market_costs as (
    select * from {{ ref('int_market_cost_deflated') }}
),

countries as (
    select country_iso3, country_name from {{ ref('stg_datahub__country_codes') }}
)

select
    market_costs.market,
    market_costs.country_iso3,
    countries.country_name,
    market_costs.cost_year,
    market_costs.cost_year = max(market_costs.cost_year) over (partition by market_costs.market)
        as is_latest_for_market,
    market_costs.usd_per_w_nominal,
    market_costs.to_usd_2025_factor,
    market_costs.usd_per_w_2025,
    market_costs.capex_usd_m_per_mw_2025,
    market_costs.source_url
from market_costs
left join countries using (country_iso3)
order by market_costs.country_iso3, market_costs.market, market_costs.cost_year
