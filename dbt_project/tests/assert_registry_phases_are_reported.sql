-- Every phase in atlas__dc_project_phases has at least one report of its own or of its project that speaks
-- for it, and a status: a phase no source speaks for would vanish from the pipeline unseen.
select phases.project_id, phases.phase_id, phases.phase_name
from {{ ref('stg_atlas__dc_project_phases') }} as phases
left join (
    select * from {{ ref('int_project_phases_resolved') }}
    where status is not null
) as resolved using (project_id, phase_id)
where resolved.project_id is null
