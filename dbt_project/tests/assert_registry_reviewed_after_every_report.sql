-- registry_reviewed_on says when the registry was last checked against public pages: no report can be newer,
-- or overdue plans would be counted to a day before what the log knows.
select project_id, phase_id, field, reported_on, source_url
from {{ ref('stg_atlas__dc_project_reports') }}
where reported_on > date '{{ var("registry_reviewed_on") }}'
