-- Splitting into phases neither adds nor loses capacity: a project's phases sum to its registry it_mw.
with phase_totals as (
    select project_name, sum(it_mw) as phases_it_mw
    from {{ ref('mart_project_pipeline') }}
    group by project_name
)

select registry.project_name, registry.it_mw, phase_totals.phases_it_mw
from {{ ref('stg_atlas__ai_dc_projects') }} as registry
full outer join phase_totals using (project_name)
where registry.it_mw is distinct from phase_totals.phases_it_mw
