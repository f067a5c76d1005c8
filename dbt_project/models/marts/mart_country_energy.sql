-- Can each country's grid carry its AI pipeline, what would powering it cost and emit: the pipeline
-- expected to get built, at full build, against national demand in the latest actual year and in the
-- projection years (demand grown by the scenario's rate).
with scenarios as (
    select * from {{ ref('int_scenarios_unpacked') }}
),

pipeline as (
    select
        country_iso3,
        scenario,
        sum(expected_built_it_mw) as expected_built_it_mw,
        -- the pipeline: paused and cancelled capacity is not in it (as in int_country_capacity_pivoted)
        sum(it_mw) filter (where status in ('announced', 'permitted', 'under_construction', 'operational')) as it_mw,
        coalesce(sum(it_mw) filter (where status = 'operational'), 0) as running_it_mw
    from {{ ref('mart_country_capacity') }}
    group by all
),

electricity as (
    select * from {{ ref('int_country_electricity_latest_selected') }}
),

population as (
    select country_iso3, year as population_year, population_persons
    from {{ source('raw', 'worldbank__population') }}
    where area_type = 'country'
    qualify row_number() over (partition by country_iso3 order by year desc) = 1
),

years as (
    select country_iso3, demand_year as year, false as is_projected_demand from electricity
    union all
    select electricity.country_iso3, projection.year, true
    from electricity
    cross join (select unnest({{ var('projection_years') }}) as year) as projection
    where projection.year > electricity.demand_year
),

energy as (
    select
        pipeline.country_iso3,
        years.year,
        pipeline.scenario,
        years.is_projected_demand,
        pipeline.it_mw,
        pipeline.expected_built_it_mw,
        scenarios.pue,
        scenarios.utilisation,
        -- MW x 8760 h = MWh; / 1e6 = TWh
        pipeline.expected_built_it_mw * 8760 * scenarios.utilisation * scenarios.pue / 1e6 as dc_energy_twh,
        pipeline.running_it_mw,
        pipeline.running_it_mw * 8760 * scenarios.utilisation * scenarios.pue / 1e6 as dc_energy_running_twh,
        electricity.demand_year as demand_base_year,
        electricity.demand_twh
        * power(1 + scenarios.demand_growth_pct_per_year / 100, years.year - electricity.demand_year)
            as national_demand_twh,
        electricity.emissions_intensity_year,
        electricity.emissions_intensity_gco2_per_kwh
    from pipeline
    join scenarios using (scenario)
    join years using (country_iso3)
    join electricity using (country_iso3)
)

select
    energy.country_iso3,
    countries.country_name,
    energy.year,
    energy.scenario,
    energy.is_projected_demand,
    energy.it_mw,
    energy.expected_built_it_mw,
    energy.pue,
    energy.utilisation,
    energy.dc_energy_twh,
    energy.running_it_mw,
    energy.dc_energy_running_twh,
    energy.demand_base_year,
    energy.national_demand_twh,
    100 * energy.dc_energy_twh / nullif(energy.national_demand_twh, 0) as dc_share_of_demand_pct,
    energy.emissions_intensity_year,
    energy.emissions_intensity_gco2_per_kwh,
    -- TWh x 1e6 = MWh; gCO2/kWh = kgCO2/MWh; / 1000 = tonnes
    energy.dc_energy_twh * 1e6 * energy.emissions_intensity_gco2_per_kwh / 1000 as dc_emissions_tco2,
    prices.price_year,
    prices.day_ahead_price_usd_per_mwh,
    prices.price_basis,
    prices.price_basis_note,
    energy.dc_energy_twh * 1e6 * prices.day_ahead_price_usd_per_mwh / 1e9 as dc_electricity_bill_usd_bn_nominal,
    population.population_year,
    population.population_persons,
    -- TWh x 1e9 = kWh, per person
    energy.dc_energy_twh * 1e9 / nullif(population.population_persons, 0) as dc_energy_kwh_per_capita
from energy
left join population using (country_iso3)
left join {{ ref('int_country_price_basis_selected') }} as prices using (country_iso3)
left join {{ ref('stg_datahub__country_codes') }} as countries using (country_iso3)
