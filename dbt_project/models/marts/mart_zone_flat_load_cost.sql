-- What a flat 24/7 load really pays: per price zone and year, the price a flat load pays (every hour
-- weighted alike, negative hours included) against the simple average of the monthly averages, the
-- negative-price hours and what they paid the load, and the yearly bill per 100 MW.
with prices as (
    select * from {{ ref('int_zone_prices_hourly_unioned') }}
),

monthly as (
    select price_zone, year, month(hour_utc at time zone 'UTC') as month, avg(price_eur_per_mwh) as price_eur_per_mwh
    from prices
    group by all
),

monthly_averaged as (
    select price_zone, year, avg(price_eur_per_mwh) as monthly_average_price_eur_per_mwh, count(*) as months_priced
    from monthly
    group by all
),

eur_per_usd as (
    select year(period_start) as year, currency_per_usd as eur_per_usd
    from {{ ref('stg_datahub__fx_rates_annual') }}
    where fx_series_code = 'EUR'
),

yearly as (
    select
        price_zone,
        any_value(country_iso3) as country_iso3,
        year,
        any_value(price_source) as price_source,
        count(*) as hours_priced,
        -- hours in the UTC year
        datediff('hour', make_date(year, 1, 1)::timestamp, make_date(year + 1, 1, 1)::timestamp) as hours_in_year,
        avg(price_eur_per_mwh) as flat_load_price_eur_per_mwh,
        count(*) filter (where price_eur_per_mwh < 0) as negative_price_hours,
        -- 100 MW for an hour is 100 MWh: at a negative price the load is paid
        coalesce(-100 * sum(price_eur_per_mwh) filter (where price_eur_per_mwh < 0), 0)
            as negative_price_earnings_eur_per_100mw,
        100 * sum(price_eur_per_mwh) as yearly_bill_eur_per_100mw
    from prices
    group by price_zone, year
)

select
    yearly.price_zone,
    yearly.country_iso3,
    yearly.year,
    yearly.price_source,
    yearly.hours_priced,
    yearly.hours_in_year,
    yearly.hours_priced = yearly.hours_in_year as is_complete_year,
    monthly_averaged.months_priced,
    yearly.flat_load_price_eur_per_mwh,
    monthly_averaged.monthly_average_price_eur_per_mwh,
    yearly.flat_load_price_eur_per_mwh - monthly_averaged.monthly_average_price_eur_per_mwh
        as flat_minus_monthly_average_eur_per_mwh,
    yearly.negative_price_hours,
    yearly.negative_price_earnings_eur_per_100mw,
    yearly.yearly_bill_eur_per_100mw,
    eur_per_usd.eur_per_usd,
    yearly.flat_load_price_eur_per_mwh / eur_per_usd.eur_per_usd as flat_load_price_usd_per_mwh,
    yearly.yearly_bill_eur_per_100mw / eur_per_usd.eur_per_usd / 1e6 as yearly_bill_usd_m_per_100mw
from yearly
join monthly_averaged using (price_zone, year)
left join eur_per_usd using (year)
