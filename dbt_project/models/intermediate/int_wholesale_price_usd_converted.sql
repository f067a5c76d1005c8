-- Ember publishes day-ahead prices in euros; the FX feed quotes euros per US dollar for the same month,
-- so dollars = euros / (euros per dollar).
with prices as (
    select * from {{ ref('stg_ember__price_monthly') }}
),

euro_per_usd as (
    select period_start as month_start, currency_per_usd as eur_per_usd
    from {{ ref('stg_datahub__fx_rates_monthly') }}
    where fx_series_code = 'EUR'
)

select
    prices.country_iso3,
    prices.country_name,
    prices.month_start,
    prices.year,
    prices.day_ahead_price_eur_per_mwh,
    euro_per_usd.eur_per_usd,
    prices.day_ahead_price_eur_per_mwh / euro_per_usd.eur_per_usd as day_ahead_price_usd_per_mwh
from prices
left join euro_per_usd using (month_start)
