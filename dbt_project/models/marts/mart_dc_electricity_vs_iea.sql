-- Our pipeline's electricity at full build next to the IEA's estimates and projections for the
-- areas the IEA publishes that map onto countries exactly (World, United States, China). The gap is
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

atlas as (
    select country_iso3 as area_code, scenario, sum(dc_energy_twh) as atlas_dc_energy_twh
    from {{ ref('mart_country_energy') }}
    where not is_projected_demand
    group by all
    union all
    select 'world', scenario, sum(dc_energy_twh)
    from {{ ref('mart_country_energy') }}
    where not is_projected_demand
    group by all
)

select
    iea.area_code,
    iea.area_name,
    iea.year,
    iea.iea_scenario,
    atlas.scenario,
    iea.iea_dc_electricity_twh,
    atlas.atlas_dc_energy_twh,
    atlas.atlas_dc_energy_twh - iea.iea_dc_electricity_twh as gap_twh,
    100 * atlas.atlas_dc_energy_twh / nullif(iea.iea_dc_electricity_twh, 0) as atlas_share_of_iea_pct
from iea
left join atlas using (area_code)
