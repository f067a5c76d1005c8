-- The registry projects that belong to OpenAI's Stargate / OpenAI-for-Countries programme, capex in 2025
-- dollars. Rule: the name carries the Stargate brand AND OpenAI is the operator or a partner. OpenAI as a
-- partner alone is not enough: Microsoft Fairwater Atlanta lists OpenAI but is Microsoft's own site, and
-- Nscale Loughton is a Microsoft campus, not a Stargate site (SOURCE.md).
with projects as (
    select * from {{ ref('stg_atlas__ai_dc_projects') }}
),

programme_projects as (
    select
        *,
        -- capex is nominal "as reported": priced in the year it was announced
        year(announced_on) as capex_year
    from projects
    where project_name ilike '%stargate%'
        and (
            list_contains(string_split(operator, '; '), 'OpenAI')
            or list_contains(string_split(partners, '; '), 'OpenAI')
        )
),

-- a registry project's campus and its capex in 2025 dollars, as int_campus_records_unioned has them
-- (priced in the announcement year there, once)
project_campuses as (
    select source_record as project_name, campus_id, headline_capex_usd_bn_2025 as capex_usd_bn_2025
    from {{ ref('int_campus_records_unioned') }}
    where source = 'registry'
),

-- what runs: the registry's status is per project, so an operational campus's planned build is not
-- what is online; the campus phases say how much of it is operational
campus_online as (
    select campus_id, sum(it_mw) filter (where status = 'operational') as online_it_mw
    from {{ ref('int_campus_phases_split') }}
    group by campus_id
),

priced_projects as (
    select
        programme_projects.*,
        project_campuses.campus_id,
        project_campuses.capex_usd_bn_2025
    from programme_projects
    left join project_campuses using (project_name)
)

select
    priced_projects.project_name,
    priced_projects.campus_id,
    priced_projects.country_iso3,
    priced_projects.operator,
    priced_projects.partners,
    priced_projects.status,
    priced_projects.it_mw,
    coalesce(campus_online.online_it_mw, 0) as online_it_mw,
    priced_projects.capex_usd_bn_nominal,
    priced_projects.capex_basis,
    priced_projects.capex_year,
    priced_projects.capex_usd_bn_2025
from priced_projects
left join campus_online using (campus_id)
