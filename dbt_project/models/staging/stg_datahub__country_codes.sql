with country_codes as (
    select * from {{ source('raw', 'datahub__country_codes') }}
)

select
    country_iso3,
    country_iso2,
    iso_numeric,
    country_name,
    official_name_en,
    currency_iso4217,
    currency_name,
    region_name,
    sub_region_name,
    continent_code,
    sovereignty,
    sovereignty = 'Yes' as is_independent,
    source_file_sha256,
    source_line
from country_codes
