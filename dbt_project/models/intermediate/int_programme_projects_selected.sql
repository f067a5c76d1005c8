-- The registry projects of OpenAI's Stargate / OpenAI-for-Countries programme: those whose programmes name
-- either (curated from the pages that tie them to it). Factories are left out: they build equipment, not
-- capacity. Capex is the latest project-level report, in 2025 dollars (int_projects_resolved).
with programme_projects as (
    select * from {{ ref('int_projects_resolved') }}
    where (is_stargate or is_openai_for_countries) and project_kind = 'data_centre'
),

-- what runs: the campus phases, which weigh the registry against Epoch's site tracking
campus_online as (
    select campus_id as project_id, sum(it_mw) filter (where status = 'operational') as online_it_mw
    from {{ ref('int_campus_phases_split') }}
    group by campus_id
)

select
    programme_projects.project_id,
    programme_projects.project_name,
    programme_projects.project_id as campus_id,
    programme_projects.country_iso3,
    programme_projects.operator,
    programme_projects.partners,
    programme_projects.programmes,
    programme_projects.status,
    programme_projects.it_mw,
    coalesce(campus_online.online_it_mw, 0) as online_it_mw,
    programme_projects.capex_bn,
    programme_projects.capex_currency,
    programme_projects.capex_price_year,
    programme_projects.capex_basis,
    programme_projects.capex_usd_bn_2025
from programme_projects
left join campus_online using (project_id)
