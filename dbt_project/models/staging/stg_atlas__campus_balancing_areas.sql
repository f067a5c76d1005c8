with crosswalk as (
    select * from {{ source('raw', 'atlas__campus_balancing_areas') }}
)

select
    campus_id,
    balancing_authority,
    serving_utility,
    basis,
    source_url,
    source_title,
    source_published_on,
    source_published_on_precision,
    note,
    source_file_sha256,
    source_line
from crosswalk
