with cost_index as (
    select * from {{ source('raw', 'atlas__dc_cost_per_watt') }}
)

select
    market,
    country_iso3,
    cost_year,
    usd_per_w_nominal,
    -- USD per watt is USD million per MW
    usd_per_w_nominal as usd_m_per_mw_nominal,
    source_url,
    source_file_sha256,
    source_line
from cost_index
