-- Every capacity record of the three construction sources in one shape, with its campus
-- (campus_crosswalk, else the record is its own campus) and the source's rank for picking figures:
-- the registry's curated pages first, then Epoch's site-level data, then Epoch's cluster list.
-- Left out: decommissioned clusters, clusters Epoch rates 'unlikely' or flags as possible duplicates,
-- clusters without a country (counted in int_campus_records_left_out).
with deflator as (
    select year, to_usd_2025_factor from {{ ref('int_usd_deflator_chained') }}
),

registry as (
    select
        'registry' as source,
        1 as source_rank,
        project_name as source_record,
        country_iso3,
        status,
        coalesce(planned_it_mw, first_phase_it_mw) as it_mw,
        -- running now: an operational project's first phase (its full build when no phase is given)
        case when status = 'operational' then coalesce(first_phase_it_mw, planned_it_mw) else 0 end as running_it_mw,
        first_phase_it_mw,
        cast(null as double) as h100_equivalents,
        -- capex is nominal "as reported", priced in the announcement year; no year, no 2025 figure
        capex_usd_bn_nominal * deflator.to_usd_2025_factor as capex_usd_bn_2025,
        first_phase_online_on as online_on,
        first_phase_online_on_precision as online_on_precision
    from {{ ref('stg_atlas__ai_dc_projects') }} as projects
    left join deflator on deflator.year = year(projects.announced_on)
),

epoch_site_timelines as (
    select
        data_center_name as data_center_handle,
        max(it_power_mw) as planned_it_mw,
        max(h100_equivalents) as planned_h100_equivalents,
        max(capital_cost_usd_bn_2025) as planned_capital_cost_usd_bn_2025,
        min(date) filter (where it_power_mw > 0) as first_powered_on
    from {{ ref('stg_epoch__data_center_timelines') }}
    group by data_center_name
),

epoch_sites as (
    select
        'epoch_data_center' as source,
        2 as source_rank,
        sites.data_center_name as source_record,
        sites.country_iso3,
        case when sites.it_power_mw > 0 then 'operational' else 'under_construction' end as status,
        -- planned build: the timeline's maximum, Epoch's projections included
        coalesce(timelines.planned_it_mw, sites.it_power_mw) as it_mw,
        sites.it_power_mw as running_it_mw,
        cast(null as double) as first_phase_it_mw,
        coalesce(timelines.planned_h100_equivalents, sites.h100_equivalents) as h100_equivalents,
        coalesce(timelines.planned_capital_cost_usd_bn_2025, sites.capital_cost_usd_bn_2025) as capex_usd_bn_2025,
        timelines.first_powered_on as online_on,
        case when timelines.first_powered_on is not null then 'day' end as online_on_precision
    from {{ ref('stg_epoch__data_centers') }} as sites
    left join epoch_site_timelines as timelines using (data_center_handle)
),

epoch_clusters as (
    select
        'epoch_gpu_cluster' as source,
        3 as source_rank,
        cluster_id as source_record,
        country_iso3,
        case status when 'existing' then 'operational' when 'planned' then 'announced' end as status,
        power_capacity_mw / {{ var('epoch_cluster_pue') }} as it_mw,
        case when status = 'existing' then power_capacity_mw / {{ var('epoch_cluster_pue') }} else 0 end as running_it_mw,
        cast(null as double) as first_phase_it_mw,
        h100_equivalents,
        cast(null as double) as capex_usd_bn_2025,
        first_operational_on as online_on,
        case when first_operational_on is not null then 'day' end as online_on_precision
    from {{ ref('stg_epoch__gpu_clusters') }}
    where status != 'decommissioned'
      and certainty != 'unlikely'
      and not coalesce(is_possible_duplicate, false)
      and country_iso3 is not null
),

records as (
    select * from registry
    union all by name
    select * from epoch_sites
    union all by name
    select * from epoch_clusters
)

select
    coalesce(crosswalk.campus_id, records.source || ':' || records.source_record) as campus_id,
    records.*
from records
left join {{ ref('campus_crosswalk') }} as crosswalk
    on crosswalk.source = records.source and crosswalk.source_record = records.source_record
