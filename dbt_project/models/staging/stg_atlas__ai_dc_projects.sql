with projects as (
    select * from {{ source('raw', 'atlas__ai_dc_projects') }}
)

select
    project_name,
    country_iso3,
    site,
    operator,
    partners,
    status,
    announced_on,
    announced_on_precision,
    planned_it_mw,
    first_phase_it_mw,
    -- full build where announced, else the first phase: the most a page committed to
    coalesce(planned_it_mw, first_phase_it_mw) as it_mw,
    case
        when planned_it_mw is not null then 'full build'
        when first_phase_it_mw is not null then 'first phase only'
        else 'not published'
    end as it_mw_basis,
    first_phase_online_on,
    first_phase_online_on_precision,
    capex_usd_bn_nominal,
    capex_basis,
    source_urls,
    source_file_sha256,
    source_line
from projects
