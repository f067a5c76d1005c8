with cpi_inflation as (
    select * from {{ source('worldbank', 'cpi_inflation') }}
)

select
    area_code,
    area_name,
    area_type,
    country_iso3,
    year,
    inflation_pct,
    source_file_sha256,
    source_line
from cpi_inflation
