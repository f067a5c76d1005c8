-- The latest year with a value, chosen per measure: Ember's latest year is ragged across countries
-- and a year can carry demand without intensity.
with country_years as (
    select * from {{ source('raw', 'ember__country_overview_yearly') }}
    where area_type = 'country'
),

latest_demand as (
    select country_iso3, area_name, year as demand_year, demand_twh
    from country_years
    where demand_twh is not null
    qualify row_number() over (partition by country_iso3 order by year desc) = 1
),

latest_intensity as (
    select country_iso3, year as emissions_intensity_year, emissions_intensity_gco2_per_kwh
    from country_years
    where emissions_intensity_gco2_per_kwh is not null
    qualify row_number() over (partition by country_iso3 order by year desc) = 1
)

select
    latest_demand.country_iso3,
    latest_demand.area_name as country_name,
    latest_demand.demand_year,
    latest_demand.demand_twh,
    latest_intensity.emissions_intensity_year,
    latest_intensity.emissions_intensity_gco2_per_kwh
from latest_demand
left join latest_intensity using (country_iso3)
