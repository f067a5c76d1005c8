-- Can the grid carry it at its peak hour: each balancing authority's screened peak demand (and 99th
-- percentile) against the data-centre pipeline the crosswalk places in it, drawn flat at full load
-- (IT MW x the scenario's PUE), and the hours of the history when demand plus that load would have
-- exceeded the historical peak.
with demand as (
    select balancing_authority, hour_utc, demand_mw from {{ ref('stg_eia930__demand_hourly') }}
),

peaks as (
    select
        balancing_authority,
        min(hour_utc) as first_hour_utc,
        max(hour_utc) as last_hour_utc,
        count(*) as hours_observed,
        max(demand_mw) as peak_demand_mw,
        quantile_cont(demand_mw, 0.99) as p99_demand_mw
    from demand
    group by balancing_authority
),

peak_hours as (
    -- the earliest hour at the peak, so a tie gives the same answer on every rebuild
    select demand.balancing_authority, min(demand.hour_utc) as peak_hour_utc
    from demand
    join peaks on peaks.balancing_authority = demand.balancing_authority and demand.demand_mw = peaks.peak_demand_mw
    group by demand.balancing_authority
),

pipeline as (
    select * from {{ ref('int_ba_pipeline_located') }}
),

scenarios as (
    select scenario, pue from {{ ref('int_scenarios_unpacked') }}
),

areas as (
    select
        coalesce(peaks.balancing_authority, pipeline.balancing_authority) as balancing_authority,
        peaks.* exclude (balancing_authority),
        peak_hours.peak_hour_utc,
        coalesce(pipeline.campus_count, 0) as campus_count,
        coalesce(pipeline.pipeline_it_mw, 0) as pipeline_it_mw,
        coalesce(pipeline.operational_it_mw, 0) as operational_it_mw,
        pipeline.campus_ids,
        coalesce(pipeline.programme_it_mw, 0) as programme_it_mw,
        pipeline.programme_campus_ids
    from peaks
    left join peak_hours using (balancing_authority)
    full join pipeline using (balancing_authority)
),

loaded as (
    select
        areas.*,
        scenarios.scenario,
        scenarios.pue,
        areas.pipeline_it_mw * scenarios.pue as pipeline_facility_mw,
        areas.programme_it_mw * scenarios.pue as programme_facility_mw
    from areas
    cross join scenarios
),

hours_over as (
    select
        loaded.balancing_authority,
        loaded.scenario,
        count(*) filter (where demand.demand_mw + loaded.pipeline_facility_mw > loaded.peak_demand_mw)
            as hours_over_peak_with_pipeline,
        count(*) filter (where demand.demand_mw + loaded.programme_facility_mw > loaded.peak_demand_mw)
            as hours_over_peak_with_programme
    from loaded
    join demand using (balancing_authority)
    where loaded.pipeline_facility_mw > 0
    group by all
)

select
    loaded.balancing_authority,
    loaded.scenario,
    loaded.first_hour_utc,
    loaded.last_hour_utc,
    loaded.hours_observed,
    loaded.peak_demand_mw,
    loaded.peak_hour_utc,
    loaded.p99_demand_mw,
    loaded.campus_count,
    loaded.campus_ids,
    loaded.pipeline_it_mw,
    loaded.operational_it_mw,
    loaded.pue,
    loaded.pipeline_facility_mw,
    100 * loaded.pipeline_facility_mw / nullif(loaded.peak_demand_mw, 0) as pipeline_share_of_peak_pct,
    100 * loaded.pipeline_facility_mw / nullif(loaded.p99_demand_mw, 0) as pipeline_share_of_p99_pct,
    case when loaded.hours_observed is not null then coalesce(hours_over.hours_over_peak_with_pipeline, 0) end
        as hours_over_peak_with_pipeline,
    loaded.programme_campus_ids,
    loaded.programme_it_mw,
    loaded.programme_facility_mw,
    100 * loaded.programme_facility_mw / nullif(loaded.peak_demand_mw, 0) as programme_share_of_peak_pct,
    case when loaded.hours_observed is not null then coalesce(hours_over.hours_over_peak_with_programme, 0) end
        as hours_over_peak_with_programme,
    100 * coalesce(hours_over.hours_over_peak_with_pipeline, 0) / nullif(loaded.hours_observed, 0)
        as hours_over_peak_with_pipeline_pct,
    loaded.hours_observed is not null as has_demand_data
from loaded
left join hours_over using (balancing_authority, scenario)
