with projects as (
    select * from {{ source('raw', 'atlas__dc_projects') }}
)

select
    project_id,
    project_name,
    country_iso3,
    site,
    developer,
    operator,
    partners,
    programmes,
    coalesce(list_contains(string_split(programmes, '; '), 'stargate'), false) as is_stargate,
    coalesce(list_contains(string_split(programmes, '; '), 'openai_for_countries'), false) as is_openai_for_countries,
    project_kind,
    source_url,
    reported_on,
    source_file_sha256,
    source_line
from projects
