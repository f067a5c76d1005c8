-- Splitting into phases neither adds nor loses capacity: a project's phases sum to its campus's full build.
with phase_totals as (
    select project_name, sum(it_mw) as phases_it_mw
    from {{ ref('mart_project_pipeline') }}
    group by project_name
),

project_campuses as (
    select unioned.source_record as project_name, campuses.it_mw
    from {{ ref('int_campus_records_unioned') }} as unioned
    join {{ ref('int_campuses_reconciled') }} as campuses using (campus_id)
    where unioned.source = 'registry'
)

select project_campuses.project_name, project_campuses.it_mw, phase_totals.phases_it_mw
from project_campuses
full outer join phase_totals using (project_name)
where abs(coalesce(project_campuses.it_mw, -1) - coalesce(phase_totals.phases_it_mw, -1)) > 1e-6
