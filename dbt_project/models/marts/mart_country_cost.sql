-- What a watt of data-centre IT load costs to build in each country and year, in constant 2025 USD,
-- and what the country's tracked pipeline (int_country_capacity_pivoted) would cost to build at its latest cost.
with market_costs as (
    select * from {{ ref('int_market_cost_deflated') }}
),

pipeline as (
    select country_iso3, unbuilt_it_mw from {{ ref('int_country_capacity_pivoted') }}
),

countries as (
    select country_iso3, country_name from {{ ref('stg_datahub__country_codes') }}
),

-- the multi-market rule: the unweighted mean of the country's markets that year, min and max beside it.
-- Unweighted because nothing says how a country's building splits between its metros.
country_year_costs as (
    select
        country_iso3,
        cost_year,
        count(*) as market_count,
        string_agg(market, '; ' order by market) as markets,
        avg(usd_per_w_nominal) as usd_per_w_nominal,
        avg(usd_per_w_2025) as usd_per_w_2025,
        min(usd_per_w_2025) as usd_per_w_2025_min,
        max(usd_per_w_2025) as usd_per_w_2025_max
    from market_costs
    group by country_iso3, cost_year
),

latest_cost_years as (
    select country_iso3, max(cost_year) as latest_cost_year
    from country_year_costs
    group by country_iso3
),

country_years_with_cost as (
    select
        country_year_costs.*,
        true as has_cost_index_market,
        country_year_costs.cost_year = latest_cost_years.latest_cost_year as is_latest_for_country
    from country_year_costs
    join latest_cost_years using (country_iso3)
),

-- pipeline countries the index does not cover keep one row with null cost: never an invented number
pipeline_countries_without_market as (
    select
        country_iso3,
        0 as market_count,
        false as has_cost_index_market,
        true as is_latest_for_country
    from pipeline
    where country_iso3 not in (select country_iso3 from country_year_costs)
),

country_years as (
    select * from country_years_with_cost
    union all by name
    select * from pipeline_countries_without_market
)

select
    country_years.country_iso3,
    countries.country_name,
    country_years.cost_year,
    country_years.market_count,
    country_years.markets,
    country_years.has_cost_index_market,
    country_years.is_latest_for_country,
    country_years.usd_per_w_nominal,
    country_years.usd_per_w_2025,
    country_years.usd_per_w_2025_min,
    country_years.usd_per_w_2025_max,
    -- USD per watt is USD million per MW
    country_years.usd_per_w_2025 as capex_usd_m_per_mw_2025,
    pipeline.country_iso3 is not null as has_tracked_pipeline,
    -- the pipeline is today's, so it is priced only once, at the country's latest cost
    case when country_years.is_latest_for_country then pipeline.unbuilt_it_mw end as unbuilt_it_mw,
    -- MW x 1e6 W x USD/W / 1e9 = USD bn
    case
        when country_years.is_latest_for_country
            then pipeline.unbuilt_it_mw * 1e6 * country_years.usd_per_w_2025 / 1e9
    end as unbuilt_build_cost_usd_bn_2025
from country_years
left join pipeline using (country_iso3)
left join countries using (country_iso3)
order by country_years.country_iso3, country_years.cost_year
