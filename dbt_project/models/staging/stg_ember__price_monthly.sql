with prices as (
    select * from {{ source('raw', 'ember__price_monthly') }}
)

select
    country_iso3,
    country_name,
    month_start,
    year(month_start) as year,
    day_ahead_price_eur_per_mwh,
    source_file_sha256,
    source_line
from prices
