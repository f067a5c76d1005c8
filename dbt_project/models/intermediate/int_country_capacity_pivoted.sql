-- One row per country in the registry, IT MW split by status. Never adds statuses together
-- except in pipeline_it_mw, whose definition says which ones.
with projects as (
    select * from {{ ref('stg_atlas__ai_dc_projects') }}
),

capacity_by_country as (
    select
        country_iso3,
        count(*) as project_count,
        count(*) filter (where it_mw is null) as projects_without_mw_count,
        coalesce(sum(it_mw) filter (where status = 'announced'), 0) as announced_it_mw,
        coalesce(sum(it_mw) filter (where status = 'permitted'), 0) as permitted_it_mw,
        coalesce(sum(it_mw) filter (where status = 'under_construction'), 0) as under_construction_it_mw,
        coalesce(sum(it_mw) filter (where status = 'operational'), 0) as operational_it_mw,
        coalesce(sum(it_mw) filter (where status = 'paused'), 0) as paused_it_mw,
        coalesce(sum(it_mw) filter (where status = 'cancelled'), 0) as cancelled_it_mw
    from projects
    group by country_iso3
)

select
    *,
    announced_it_mw + permitted_it_mw + under_construction_it_mw + operational_it_mw as pipeline_it_mw
from capacity_by_country
