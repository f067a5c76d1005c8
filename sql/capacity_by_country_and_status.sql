-- How much AI data-centre capacity does each country have announced, permitted, being built,
-- running, paused or cancelled? Base scenario, all online quarters together.
-- Units: IT capacity in MW (it_mw: full build as announced; expected_built_it_mw: what the base
-- scenario expects to get built, announced and permitted capacity discounted); campus_count: distinct
-- campuses with capacity in the status (a campus running in part and building the rest counts in both);
-- country_campus_count: distinct campuses in the country, any status. One row per country and status,
-- largest countries first.
select
    country_iso3,
    any_value(country_name) as country_name,
    status,
    -- counted once per campus in the mart, repeated on every quarter row: take it, never sum it
    any_value(status_campus_count) as campus_count,
    any_value(country_campus_count) as country_campus_count,
    sum(it_mw) as it_mw,
    sum(expected_built_it_mw) as expected_built_it_mw
from marts.mart_country_capacity
where scenario = 'base'
group by country_iso3, status
order by sum(sum(expected_built_it_mw)) over (partition by country_iso3) desc, country_iso3, status;
