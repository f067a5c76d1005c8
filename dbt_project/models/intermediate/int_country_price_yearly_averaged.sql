-- Each country's average wholesale price in US dollars over its latest complete year of prices
-- (all 12 months), the price the energy mart bills the pipeline at.
with monthly as (
    select * from {{ ref('int_wholesale_price_usd_converted') }}
    where day_ahead_price_usd_per_mwh is not null
),

complete_years as (
    select
        country_iso3,
        year,
        avg(day_ahead_price_usd_per_mwh) as day_ahead_price_usd_per_mwh,
        avg(day_ahead_price_eur_per_mwh) as day_ahead_price_eur_per_mwh
    from monthly
    group by country_iso3, year
    having count(*) = 12
)

select
    country_iso3,
    year as price_year,
    day_ahead_price_usd_per_mwh,
    day_ahead_price_eur_per_mwh
from complete_years
qualify row_number() over (partition by country_iso3 order by year desc) = 1
