-- The lower bound for benchmarks/run_benchmark.py: the pipeline's core transformations as one bare
-- DuckDB SQL pass over the same files. `${ATLAS_MIRROR}` and `${ATLAS_CURATED}` are substituted by the caller.
-- What it leaves out on purpose (the pipeline does it, plain SQL here does not) is BARE_LEFT_OUT in
-- run_benchmark.py, which the benchmark prints. A lower bound, not an equivalent.

-- 1. typed tables from the same files
create or replace table ember_yearly as
select
    country_or_region as country_name, country_code as country_iso3, year::integer as year,
    demand_twh::double as demand_twh, emissions_intensity_gco2_per_kwh::double as emissions_intensity_gco2_per_kwh
from read_csv('${ATLAS_MIRROR}/ember/api_country_overview_yearly.csv', header = true, all_varchar = true)
where country_code is not null and demand_twh is not null;

create or replace table ember_price_monthly as
select country_code as country_iso3, date::date as month, day_ahead_price_eur_per_mwh::double as price_eur_per_mwh
from read_csv('${ATLAS_MIRROR}/ember/api_price_monthly.csv', header = true, all_varchar = true)
where day_ahead_price_eur_per_mwh is not null;

create or replace table fx_monthly as
select "Date"::date as month, "Country" as currency_area, "Exchange rate"::double as units_per_usd
from read_csv('${ATLAS_MIRROR}/exchange_rates/monthly.csv', header = true, all_varchar = true)
where "Exchange rate" is not null;

-- the registry: each project's latest whole-project status and power report (IT, else unstated basis)
create or replace table registry as
with reports as (
    select *, row_number() over () as line
    from read_csv('${ATLAS_CURATED}/atlas__dc_project_reports.csv', header = true, all_varchar = true)
),

latest as (
    select project_id, field, arg_max(value, {'on': reported_on, 'line': line}) as value
    from reports
    where phase_id is null and field in ('status', 'it_mw', 'unstated_mw')
    group by all
)

select
    projects.project_id as project, projects.country_iso3, projects.operator, projects.reported_on as announced_date,
    coalesce(max(value) filter (where field = 'it_mw'), max(value) filter (where field = 'unstated_mw'))::double
        as it_mw,
    max(value) filter (where field = 'status') as status,
    null::double as capex_usd_bn
from read_csv('${ATLAS_CURATED}/atlas__dc_projects.csv', header = true, all_varchar = true) as projects
left join latest using (project_id)
where projects.project_kind = 'data_centre'
group by all;

create or replace table cost_per_watt as
select market, country_iso3, year::integer as year, usd_per_watt::double as usd_per_watt
from read_csv('${ATLAS_CURATED}/atlas__dc_cost_per_watt.csv', header = true, all_varchar = true);

create or replace table gpu_clusters as
select
    "Name" as name, replace(lower(trim("Status")), ' ', '_') as status, "Country" as country_name,
    try_cast("Power Capacity (MW)" as double) as power_mw,
    try_cast("H100 equivalents" as double) as h100_equivalents
from read_csv('${ATLAS_MIRROR}/epoch_ai/gpu_clusters.csv', header = true, all_varchar = true);

-- 2. per-country capacity by status: the registry, and the Epoch GPU clusters named to ISO3 through Ember's names
create or replace table country_capacity as
select 'registry' as source, country_iso3, status, count(*) as project_count, sum(it_mw) as it_mw
from registry
group by all
union all
select 'epoch__gpu_clusters', names.country_iso3, clusters.status, count(*), sum(clusters.power_mw)
from gpu_clusters as clusters
left join (select distinct country_name, country_iso3 from ember_yearly) as names using (country_name)
group by all;

-- 3. per-country energy: the registry pipeline (paused excluded) at full build, 80 % utilisation, PUE 1.2,
-- against the latest actual demand; the latest full-year average day-ahead price in USD (EUR per USD by month)
create or replace table country_energy as
with pipeline as (
    select country_iso3, sum(it_mw) as it_mw
    from registry
    where status in ('announced', 'permitted', 'under_construction', 'operational')
    group by all
),

demand as (
    select * from ember_yearly
    qualify row_number() over (partition by country_iso3 order by year desc) = 1
),

prices as (
    select
        prices.country_iso3, year(prices.month) as price_year,
        avg(prices.price_eur_per_mwh / fx.units_per_usd) as price_usd_per_mwh, count(*) as months
    from ember_price_monthly as prices
    join fx_monthly as fx on fx.currency_area = 'Euro' and fx.month = prices.month
    group by prices.country_iso3, year(prices.month)
    having count(*) = 12
    qualify row_number() over (partition by prices.country_iso3 order by price_year desc) = 1
),

cost as (
    select country_iso3, avg(usd_per_watt) as usd_per_watt
    from cost_per_watt
    group by all
)

select
    pipeline.country_iso3,
    demand.country_name,
    pipeline.it_mw,
    pipeline.it_mw * 8760 * 0.8 * 1.2 / 1e6 as dc_energy_twh,
    demand.year as demand_year,
    demand.demand_twh,
    100 * (pipeline.it_mw * 8760 * 0.8 * 1.2 / 1e6) / nullif(demand.demand_twh, 0) as dc_share_of_demand_pct,
    demand.emissions_intensity_gco2_per_kwh,
    pipeline.it_mw * 8760 * 0.8 * 1.2 * demand.emissions_intensity_gco2_per_kwh / 1000 as dc_emissions_tco2,
    prices.price_year,
    prices.price_usd_per_mwh,
    pipeline.it_mw * 8760 * 0.8 * 1.2 * prices.price_usd_per_mwh / 1e9 as dc_electricity_bill_usd_bn,
    cost.usd_per_watt,
    pipeline.it_mw * 1.2 * cost.usd_per_watt / 1e3 as facility_build_cost_usd_bn
from pipeline
left join demand using (country_iso3)
left join prices using (country_iso3)
left join cost using (country_iso3);
