-- The atlas's tracked AI capacity next to the IEA's data-centre electricity for the areas the IEA
-- publishes that map onto countries exactly (World, United States, China). Like years: against an IEA
-- estimate year, the capacity that was online by the end of that year (campus phases running now whose
-- online date falls in or before it); against its projection years, the pipeline expected to get built
-- (undated, full build). The gap is shown, not forced: the IEA counts every data centre, the atlas only
-- tracked AI campuses.
with iea as (
    select
        coalesce(country_iso3, 'world') as area_code,
        region as area_name,
        year as iea_year,
        scenario as iea_scenario,
        dc_electricity_twh as iea_dc_electricity_twh
    from {{ source('raw', 'iea__dc_electricity') }}
    where country_iso3 is not null or region = 'World'
),

energy_countries as (
    select country_iso3, scenario, expected_built_it_mw, dc_energy_twh, pue, utilisation
    from {{ ref('mart_country_energy') }}
    where not is_projected_demand
),

estimate_years as (
    select distinct iea_year from iea where iea_scenario = 'estimate'
),

-- what ran at the end of each estimate year: phases operational now and online by 31 December of it;
-- an operational phase without a date cannot be placed in a year and is left out
online_by_year_end as (
    select phases.country_iso3, estimate_years.iea_year, sum(phases.it_mw) as online_it_mw
    from {{ ref('int_campus_phases_split') }} as phases
    join estimate_years on phases.online_on < make_date(estimate_years.iea_year + 1, 1, 1)
    where phases.status = 'operational'
    group by all
),

-- the same countries on both sides (those with Ember demand, as in mart_country_energy), per IEA year
atlas_by_country as (
    select
        energy_countries.country_iso3 as area_code,
        estimate_years.iea_year,
        'estimate' as iea_scenario,
        energy_countries.scenario,
        estimate_years.iea_year as capacity_as_of_year,
        coalesce(online_by_year_end.online_it_mw, 0) as atlas_it_mw,
        -- MW x 8760 h = MWh; / 1e6 = TWh: the year-end capacity as if it ran the whole year
        coalesce(online_by_year_end.online_it_mw, 0) * 8760 * energy_countries.utilisation * energy_countries.pue / 1e6
            as atlas_dc_energy_twh
    from energy_countries
    cross join estimate_years
    left join online_by_year_end
        on online_by_year_end.country_iso3 = energy_countries.country_iso3
            and online_by_year_end.iea_year = estimate_years.iea_year
    union all
    select
        energy_countries.country_iso3,
        projections.iea_year,
        projections.iea_scenario,
        energy_countries.scenario,
        cast(null as integer),
        energy_countries.expected_built_it_mw,
        energy_countries.dc_energy_twh
    from energy_countries
    cross join (select distinct iea_year, iea_scenario from iea where iea_scenario <> 'estimate') as projections
),

atlas as (
    select * from atlas_by_country
    union all
    select
        'world', iea_year, iea_scenario, scenario, min(capacity_as_of_year), sum(atlas_it_mw), sum(atlas_dc_energy_twh)
    from atlas_by_country
    group by iea_year, iea_scenario, scenario
)

select
    iea.area_code,
    iea.area_name,
    iea.iea_year,
    iea.iea_scenario,
    atlas.scenario,
    iea.iea_dc_electricity_twh,
    case when iea.iea_scenario = 'estimate' then 'online by end of IEA year' else 'expected at full build' end
        as atlas_basis,
    atlas.capacity_as_of_year,
    atlas.atlas_it_mw,
    atlas.atlas_dc_energy_twh,
    atlas.atlas_dc_energy_twh - iea.iea_dc_electricity_twh as gap_twh,
    100 * atlas.atlas_dc_energy_twh / nullif(iea.iea_dc_electricity_twh, 0) as atlas_share_of_iea_pct
from iea
left join atlas using (area_code, iea_year, iea_scenario)
