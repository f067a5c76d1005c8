with fx_rates as (
    select * from {{ source('raw', 'datahub__fx_rates_annual') }}
)

select
    fx_series_code,
    period_start,
    fx_area_name,
    country_iso3,
    currency_iso4217,
    is_legacy_currency,
    currency_per_usd,
    1 / currency_per_usd as usd_per_currency,
    source_file_sha256,
    source_line
from fx_rates
