-- Which countries' grids cannot easily carry their AI data-centre pipeline? Countries where the
-- pipeline at full build would draw more than 5 % of national electricity demand.
-- Threshold: 5 % of national demand. Not a physical limit: a planning flag. For scale, data centres of
-- every kind drew about 1.5 % of world electricity in 2024 (IEA, Energy and AI 2025); a 5 % draw from
-- the AI pipeline alone means new generation and grid connections on a national scale. Change 5 below.
-- Scenario: base (PUE 1.2, utilisation 0.8, half of announced capacity built); year: the country's
-- latest actual Ember demand year (no projection).
-- Units: dc_share_of_demand_pct in % of national demand; dc_energy_twh and national_demand_twh in TWh
-- per year; expected_built_it_mw in MW.
select
    country_iso3,
    country_name,
    year as demand_year,
    expected_built_it_mw,
    dc_energy_twh,
    national_demand_twh,
    dc_share_of_demand_pct
from marts.mart_country_energy
where scenario = 'base'
    and not is_projected_demand
    and dc_share_of_demand_pct > 5
order by dc_share_of_demand_pct desc;
