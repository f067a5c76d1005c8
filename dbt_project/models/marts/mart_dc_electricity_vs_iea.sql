-- The atlas's tracked AI capacity next to the IEA's data-centre electricity for the areas the IEA
-- publishes that map onto countries exactly (World, United States, China): what runs now against the
-- IEA's estimate year, the pipeline expected to get built against its projection years. The gap is
-- shown, not forced: the IEA counts every data centre, the atlas only tracked AI campuses.
with iea as (
    select
        coalesce(country_iso3, 'world') as area_code,
        region as area_name,
        year,
        scenario as iea_scenario,
        dc_electricity_twh as iea_dc_electricity_twh
    from {{ ref('stg_iea__dc_electricity') }}
    where country_iso3 is not null or region = 'World'
),

atlas_by_country as (
    select country_iso3 as area_code, scenario, dc_energy_running_twh, dc_energy_twh
    from {{ ref('mart_country_energy') }}
    where not is_projected_demand
),

atlas as (
    select area_code, scenario, dc_energy_running_twh, dc_energy_twh from atlas_by_country
    union all
    select 'world', scenario, sum(dc_energy_running_twh), sum(dc_energy_twh)
    from atlas_by_country
    group by scenario
)

select
    iea.area_code,
    iea.area_name,
    iea.year,
    iea.iea_scenario,
    atlas.scenario,
    iea.iea_dc_electricity_twh,
    case when iea.iea_scenario = 'estimate' then 'running now' else 'expected at full build' end as atlas_basis,
    atlas_energy.atlas_dc_energy_twh,
    atlas_energy.atlas_dc_energy_twh - iea.iea_dc_electricity_twh as gap_twh,
    100 * atlas_energy.atlas_dc_energy_twh / nullif(iea.iea_dc_electricity_twh, 0) as atlas_share_of_iea_pct
from iea
left join atlas using (area_code)
cross join lateral (
    select case when iea.iea_scenario = 'estimate' then atlas.dc_energy_running_twh else atlas.dc_energy_twh end
        as atlas_dc_energy_twh
) as atlas_energy
