-- One row per cost-index market and year, the construction cost restated in constant 2025 US dollars.
-- The index reports nominal USD of its edition year: deflating by US CPI (not a local index) is right
-- because the figures are already in dollars.
with market_costs as (
    select * from {{ ref('stg_atlas__dc_cost_per_watt') }}
),

deflator as (
    select year, to_usd_2025_factor from {{ ref('int_usd_deflator_chained') }}
)

select
    market_costs.market,
    market_costs.country_iso3,
    market_costs.cost_year,
    market_costs.usd_per_w_nominal,
    -- left join: a cost year the deflator lacks keeps its row with a null factor, which the not_null
    -- test turns into a failure instead of silently dropping the market
    deflator.to_usd_2025_factor,
    market_costs.usd_per_w_nominal * deflator.to_usd_2025_factor as usd_per_w_2025,
    -- USD per watt is USD million per MW
    market_costs.usd_per_w_nominal * deflator.to_usd_2025_factor as capex_usd_m_per_mw_2025,
    market_costs.source_url
from market_costs
left join deflator on deflator.year = market_costs.cost_year
