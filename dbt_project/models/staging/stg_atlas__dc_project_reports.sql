with reports as (
    select * from {{ source('raw', 'atlas__dc_project_reports') }}
)

select
    project_id,
    phase_id,
    field,
    status,
    mw,
    online_on,
    online_on_precision,
    capex_bn,
    currency,
    price_year,
    capex_basis,
    reported_on,
    source_url,
    note,
    source_file_sha256,
    source_line
from reports
