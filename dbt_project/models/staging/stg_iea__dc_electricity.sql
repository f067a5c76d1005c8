with dc_electricity as (
    select * from {{ source('iea', 'dc_electricity') }}
)

select
    region,
    country_iso3,
    year,
    scenario,
    dc_electricity_twh,
    source_url,
    source_file_sha256,
    source_line
from dc_electricity
