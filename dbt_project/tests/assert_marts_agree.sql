{{ config(meta={"dagster": {"ref": {"name": "mart_country_energy"}}}) }}

-- The marts give the same MW for the same campus and status: the capacity mart per country and status, the
-- energy mart's pipeline (paused and cancelled excluded) and running MW per country, and the programme's
-- online MW per country, all equal the campus phases they are built from, within the rounding of finished
-- figures (1 kW over sums of rows each rounded to the watt: var finished_figure_units).
with phases as (
    select * from {{ ref('int_campus_phases_split') }}
),

by_country_status as (
    select country_iso3, status, coalesce(sum(it_mw), 0) as it_mw from phases group by all
),

capacity as (
    select country_iso3, status, coalesce(sum(it_mw), 0) as it_mw
    from {{ ref('mart_country_capacity') }}
    where scenario = 'base'
    group by all
),

energy as (
    select country_iso3, coalesce(it_mw, 0) as it_mw, running_it_mw
    from {{ ref('mart_country_energy') }}
    where scenario = 'base' and not is_projected_demand
),

country_pipeline as (
    select
        country_iso3,
        coalesce(
            sum(it_mw) filter (where status in ('announced', 'permitted', 'under_construction', 'operational')), 0
        ) as it_mw,
        coalesce(sum(it_mw) filter (where status = 'operational'), 0) as running_it_mw
    from phases
    group by all
)

select
    'mart_country_capacity' as mart,
    country_iso3 as grain,
    status,
    capacity.it_mw,
    by_country_status.it_mw as phases_it_mw
from capacity
full join by_country_status using (country_iso3, status)
where abs(coalesce(capacity.it_mw, -1) - coalesce(by_country_status.it_mw, -1)) > 1e-3
union all
select 'mart_country_energy', country_iso3, 'pipeline', energy.it_mw, country_pipeline.it_mw as phases_it_mw
from energy
join country_pipeline using (country_iso3)
where abs(energy.it_mw - country_pipeline.it_mw) > 1e-3
union all
select
    'mart_country_energy',
    country_iso3,
    'operational',
    energy.running_it_mw,
    country_pipeline.running_it_mw as phases_it_mw
from energy
join country_pipeline using (country_iso3)
where abs(energy.running_it_mw - country_pipeline.running_it_mw) > 1e-3
union all
select
    'mart_country_programme',
    programme.country_iso3,
    'operational',
    programme.online_it_mw,
    coalesce(phases_online.it_mw, 0)
from {{ ref('mart_country_programme') }} as programme
left join (
    select selected.country_iso3, sum(phases.it_mw) as it_mw
    from {{ ref('int_programme_projects_selected') }} as selected
    join phases using (campus_id)
    where phases.status = 'operational'
    group by all
) as phases_online using (country_iso3)
where abs(programme.online_it_mw - coalesce(phases_online.it_mw, 0)) > 1e-3
