-- How much AI data-centre capacity each country has announced, is building and runs, by the quarter it
-- came or is planned to come online, with every campus phase counted once (int_campus_phases_split) and
-- the scenario presets applied where an assumption enters (facility MW, expected build-out).
with campuses as (
    select
        *,
        date_trunc('quarter', online_on) as online_quarter_start
    from {{ ref('int_campus_phases_split') }}
),

scenarios as (
    select * from {{ ref('int_scenarios_unpacked') }}
),

-- campus counts that do not depend on the quarter: a campus's phases sit in several quarter cells, so
-- summing campus_count over quarters counts a campus once per cell
campuses_by_status as (
    select country_iso3, status, count(distinct campus_id) as status_campus_count
    from campuses
    group by all
),

campuses_by_country as (
    select country_iso3, count(distinct campus_id) as country_campus_count
    from campuses
    group by all
),

capacity_by_quarter as (
    select
        country_iso3,
        online_quarter_start,
        status,
        count(distinct campus_id) as campus_count,
        count(*) as campus_phase_count,
        count(*) filter (where it_mw is null) as campuses_without_mw_count,
        -- null, not 0, when no campus in the cell has a capacity figure
        sum(it_mw) as it_mw,
        max(online_on_precision) filter (where online_on_precision = 'year') is not null as has_year_only_dates,
        sum(h100_equivalents) as h100_equivalents,
        count(*) filter (where h100_equivalents is not null) as campuses_with_h100_count,
        -- two bases, never added: registry headlines, Epoch's capital cost including compute
        sum(headline_capex_usd_bn_2025) as headline_capex_usd_bn_2025,
        count(*) filter (where headline_capex_usd_bn_2025 is not null) as campuses_with_headline_capex_count,
        sum(epoch_capital_cost_usd_bn_2025) as epoch_capital_cost_usd_bn_2025,
        count(*) filter (where epoch_capital_cost_usd_bn_2025 is not null) as campuses_with_epoch_capital_cost_count,
        string_agg(distinct it_mw_source, '; ' order by it_mw_source) as it_mw_sources
    from campuses
    group by all
)

select
    capacity_by_quarter.country_iso3,
    countries.country_name,
    capacity_by_quarter.online_quarter_start,
    coalesce(
        cast(year(capacity_by_quarter.online_quarter_start) as varchar)
        || '-Q' || quarter(capacity_by_quarter.online_quarter_start),
        'undated'
    ) as online_quarter,
    capacity_by_quarter.has_year_only_dates,
    capacity_by_quarter.status,
    scenarios.scenario,
    capacity_by_quarter.campus_count,
    campuses_by_status.status_campus_count,
    campuses_by_country.country_campus_count,
    capacity_by_quarter.campus_phase_count,
    capacity_by_quarter.campuses_without_mw_count,
    capacity_by_quarter.it_mw,
    capacity_by_quarter.it_mw * scenarios.pue as facility_mw,
    -- announced and permitted capacity is discounted by the scenario; talks, letters of intent, paused and
    -- cancelled count for nothing
    capacity_by_quarter.it_mw * case
        when capacity_by_quarter.status in ('announced', 'permitted') then scenarios.announced_to_built
        when capacity_by_quarter.status in ('under_construction', 'operational') then 1.0
        else 0.0
    end as expected_built_it_mw,
    capacity_by_quarter.h100_equivalents,
    capacity_by_quarter.campuses_with_h100_count,
    capacity_by_quarter.headline_capex_usd_bn_2025,
    capacity_by_quarter.campuses_with_headline_capex_count,
    capacity_by_quarter.epoch_capital_cost_usd_bn_2025,
    capacity_by_quarter.campuses_with_epoch_capital_cost_count,
    capacity_by_quarter.it_mw_sources,
    scenarios.pue,
    scenarios.announced_to_built
from capacity_by_quarter
cross join scenarios
left join campuses_by_status using (country_iso3, status)
left join campuses_by_country using (country_iso3)
left join {{ ref('stg_datahub__country_codes') }} as countries using (country_iso3)
