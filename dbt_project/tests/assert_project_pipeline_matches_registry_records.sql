-- The pipeline mart and the capacity count read the same registry: per data-centre project, what the
-- mart's operational phases add up to is what the project's capacity record says runs.
with pipeline as (
    select project_id, coalesce(sum(capacity_it_mw) filter (where status = 'operational'), 0) as running_it_mw
    from {{ ref('mart_project_pipeline') }}
    where project_kind = 'data_centre'
    group by project_id
),

records as (
    select source_record as project_id, running_it_mw
    from {{ ref('int_campus_records_unioned') }}
    where source = 'registry'
)

select project_id, pipeline.running_it_mw as pipeline_running_it_mw, records.running_it_mw as record_running_it_mw
from pipeline
full join records using (project_id)
where abs(coalesce(pipeline.running_it_mw, -1) - coalesce(records.running_it_mw, -1)) > 1e-6
