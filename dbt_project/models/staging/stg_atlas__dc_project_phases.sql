with phases as (
    select * from {{ source('raw', 'atlas__dc_project_phases') }}
)

select
    project_id,
    phase_id,
    phase_name,
    note,
    source_file_sha256,
    source_line
from phases
