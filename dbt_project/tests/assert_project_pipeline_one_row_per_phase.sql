-- The pipeline mart's grain: one row per project and phase.
select project_name, phase_number, count(*) as row_count
from {{ ref('mart_project_pipeline') }}
group by project_name, phase_number
having count(*) > 1
