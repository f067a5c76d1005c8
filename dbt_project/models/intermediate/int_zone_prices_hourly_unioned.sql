-- Every hourly day-ahead price zone in one table: Germany from ENTSO-E, the Danish areas from Energi Data
-- Service, each zone with the country whose bill it prices.
with entsoe as (
    select price_zone, hour_utc, price_eur_per_mwh, 'entsoe' as price_source
    from {{ ref('stg_entsoe__day_ahead_price_hourly') }}
),

energidataservice as (
    select price_zone, hour_utc, price_eur_per_mwh, 'energidataservice' as price_source
    from {{ ref('stg_energidataservice__spot_price_hourly') }}
),

zone_countries as (
    select * from (values ('DE', 'DEU'), ('DK1', 'DNK'), ('DK2', 'DNK')) as t (price_zone, country_iso3)
),

prices as (
    select * from entsoe
    union all
    select * from energidataservice
)

select
    prices.price_zone,
    zone_countries.country_iso3,
    prices.hour_utc,
    year(prices.hour_utc at time zone 'UTC') as year,
    prices.price_eur_per_mwh,
    prices.price_source
from prices
join zone_countries using (price_zone)
