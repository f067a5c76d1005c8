-- How much AI data-centre capacity each country has announced, is building and runs, and what
-- share of its electricity demand the pipeline would draw at full build.
with capacity as (
    select * from {{ ref('int_country_capacity_pivoted') }}
),

electricity as (
    select * from {{ ref('int_country_electricity_latest_selected') }}
),

assumptions as (
    select
        cast({{ var('pue') }} as double) as pue,
        cast({{ var('utilisation') }} as double) as utilisation
),

capacity_with_energy as (
    select
        capacity.*,
        electricity.country_name,
        electricity.demand_year,
        electricity.demand_twh,
        electricity.emissions_intensity_year,
        electricity.emissions_intensity_gco2_per_kwh,
        assumptions.pue,
        assumptions.utilisation,
        -- MW x 8760 h = MWh; / 1e6 = TWh
        capacity.pipeline_it_mw * 8760 * assumptions.utilisation * assumptions.pue / 1e6 as pipeline_energy_twh
    from capacity
    cross join assumptions
    left join electricity using (country_iso3)
)

select
    country_iso3,
    country_name,
    project_count,
    projects_without_mw_count,
    announced_it_mw,
    permitted_it_mw,
    under_construction_it_mw,
    operational_it_mw,
    paused_it_mw,
    cancelled_it_mw,
    pipeline_it_mw,
    pipeline_it_mw * pue as pipeline_facility_mw,
    demand_year,
    demand_twh,
    emissions_intensity_year,
    emissions_intensity_gco2_per_kwh,
    pue,
    utilisation,
    pipeline_energy_twh,
    100 * pipeline_energy_twh / nullif(demand_twh, 0) as pipeline_share_of_demand_pct
from capacity_with_energy
order by pipeline_it_mw desc, country_iso3
