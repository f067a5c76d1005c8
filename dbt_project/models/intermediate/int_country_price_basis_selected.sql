-- The wholesale price each country's bill uses: a flat load's hourly price (mart_zone_flat_load_cost) where
-- the country has a complete year of hourly prices at least as recent as Ember's latest complete monthly
-- year, else Ember's monthly average. Either way the basis is named.
with monthly as (
    select country_iso3, price_year, day_ahead_price_usd_per_mwh
    from {{ ref('int_country_price_yearly_averaged') }}
),

hourly as (
    select country_iso3, year as price_year, price_zone, flat_load_price_usd_per_mwh
    from {{ ref('mart_zone_flat_load_cost') }}
    where is_complete_year and flat_load_price_usd_per_mwh is not null
    qualify row_number() over (partition by country_iso3 order by year desc, price_zone) = 1
),

chosen as (
    select
        coalesce(monthly.country_iso3, hourly.country_iso3) as country_iso3,
        hourly.price_year is not null and hourly.price_year >= coalesce(monthly.price_year, 0) as use_hourly,
        monthly.price_year as monthly_year,
        monthly.day_ahead_price_usd_per_mwh as monthly_usd_per_mwh,
        hourly.price_year as hourly_year,
        hourly.price_zone,
        hourly.flat_load_price_usd_per_mwh as hourly_usd_per_mwh
    from monthly
    full join hourly using (country_iso3)
)

select
    country_iso3,
    case when use_hourly then hourly_year else monthly_year end as price_year,
    case when use_hourly then hourly_usd_per_mwh else monthly_usd_per_mwh end as day_ahead_price_usd_per_mwh,
    case when use_hourly then 'hourly_flat_load' else 'monthly_average' end as price_basis,
    case
        when use_hourly then 'a flat load''s hourly price in ' || price_zone || ', ' || hourly_year
        when hourly_year is not null
            then 'Ember''s monthly average, ' || monthly_year
            || ' (the latest complete hourly year, ' || price_zone || ' ' || hourly_year || ', is older)'
        else 'Ember''s monthly average, ' || monthly_year || ' (no hourly prices)'
    end as price_basis_note
from chosen
