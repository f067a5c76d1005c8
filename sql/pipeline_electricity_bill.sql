-- What would each country's AI data-centre pipeline cost to power each year? The pipeline's yearly
-- electricity at full build priced at the country's average day-ahead wholesale price.
-- Scenario: base; year: the country's latest actual demand year. Prices: Ember, latest complete year,
-- European countries only, so countries without prices are listed with a null bill (not zero).
-- Units: dc_energy_twh in TWh per year; day_ahead_price_usd_per_mwh in USD/MWh of price_year;
-- dc_electricity_bill_usd_bn_nominal in billions of USD of price_year per year (nominal, not 2025 USD).
select
    country_iso3,
    country_name,
    year as demand_year,
    dc_energy_twh,
    price_year,
    day_ahead_price_usd_per_mwh,
    dc_electricity_bill_usd_bn_nominal
from marts.mart_country_energy
where scenario = 'base'
    and not is_projected_demand
order by dc_electricity_bill_usd_bn_nominal desc nulls last, dc_energy_twh desc;
