-- Every capacity record of the three construction sources in one shape, IT power throughout, with its
-- campus (a registry project is its own campus, project_id; Epoch records follow campus_crosswalk, else
-- each is its own campus) and the source's rank for picking figures:
-- the registry's curated pages first, then Epoch's site-level data, then Epoch's cluster chains.
-- Power basis is settled upstream, once: Epoch sites in stg_epoch__data_centers / _timelines, Epoch
-- clusters in int_epoch_cluster_phases_chained; registry power is settled in int_project_phases_resolved.
-- Left out (int_campus_records_left_out): clusters Epoch decommissioned, rates unlikely or flags as possible
-- duplicates, clusters without a country, earlier phases of a cluster chain, timeline-only Epoch sites.
with registry as (
    -- a registry project is its own campus (its project_id); a factory builds equipment, not capacity
    select
        'registry' as source,
        1 as source_rank,
        project_id as source_record,
        project_id as registry_campus_id,
        country_iso3,
        status,
        it_mw,
        it_mw_basis,
        running_it_mw,
        next_phase_status,
        next_phase_it_mw,
        next_phase_online_on,
        next_phase_online_on_precision,
        cast(null as double) as h100_equivalents,
        -- a separate column from Epoch's capital cost: headlines rarely include the IT hardware
        capex_usd_bn_2025 as headline_capex_usd_bn_2025,
        capex_basis as headline_capex_basis,
        cast(null as double) as epoch_capital_cost_usd_bn_2025,
        online_on,
        online_on_precision,
        false as has_estimated_mw
    from {{ ref('int_projects_resolved') }}
    where project_kind = 'data_centre'
),

site_timelines as (
    select
        site_name as data_center_name,
        max(it_power_mw) as planned_it_mw,
        max(h100_equivalents) as planned_h100_equivalents,
        max(capital_cost_usd_bn_2025) as planned_capital_cost_usd_bn_2025,
        min(date) filter (where it_power_mw > 0) as first_powered_on
    from {{ ref('int_epoch_site_milestones_matched') }}
    where site_name is not null
    group by site_name
),

next_phases as (
    select site_name as data_center_name, it_mw, online_on
    from {{ ref('int_epoch_site_steps_dated') }}
    where step = 'next_phase'
),

epoch_sites as (
    select
        'epoch_data_center' as source,
        2 as source_rank,
        sites.data_center_name as source_record,
        sites.country_iso3,
        -- Epoch tracks a site from its first land clearing: one not yet running is being built
        case when sites.it_power_mw > 0 then 'operational' else 'under_construction' end as status,
        -- planned build: the timeline's maximum, Epoch's projections included; a site with no power in
        -- place or projected has an unknown size, not a size of 0
        nullif(greatest(coalesce(timelines.planned_it_mw, 0), sites.it_power_mw), 0) as it_mw,
        case sites.reported_power_basis when 'it' then 'reported_it' else 'converted_from_facility' end as it_mw_basis,
        sites.it_power_mw as running_it_mw,
        sites.it_power_mw + next_phases.it_mw as next_phase_it_mw,
        next_phases.online_on as next_phase_online_on,
        case when next_phases.online_on is not null then 'day' end as next_phase_online_on_precision,
        coalesce(timelines.planned_h100_equivalents, sites.h100_equivalents) as h100_equivalents,
        cast(null as double) as headline_capex_usd_bn_2025,
        -- Epoch's total capital cost includes compute (IT hardware): its own column
        coalesce(timelines.planned_capital_cost_usd_bn_2025, sites.capital_cost_usd_bn_2025)
            as epoch_capital_cost_usd_bn_2025,
        timelines.first_powered_on as online_on,
        case when timelines.first_powered_on is not null then 'day' end as online_on_precision,
        false as has_estimated_mw
    from {{ ref('stg_epoch__data_centers') }} as sites
    left join site_timelines as timelines using (data_center_name)
    left join next_phases using (data_center_name)
),

epoch_clusters as (
    select
        'epoch_gpu_cluster' as source,
        3 as source_rank,
        cluster_id as source_record,
        country_iso3,
        status,
        it_mw,
        it_mw_basis,
        running_it_mw,
        cast(null as double) as next_phase_it_mw,
        cast(null as date) as next_phase_online_on,
        cast(null as varchar) as next_phase_online_on_precision,
        h100_equivalents,
        cast(null as double) as headline_capex_usd_bn_2025,
        cast(null as double) as epoch_capital_cost_usd_bn_2025,
        first_operational_on as online_on,
        case when first_operational_on is not null then 'day' end as online_on_precision,
        has_estimated_mw
    from {{ ref('int_epoch_cluster_phases_chained') }}
),

records as (
    select * from registry
    union all by name
    select * from epoch_sites
    union all by name
    select * from epoch_clusters
),

-- Epoch renames records between exports ('xAI Colossus 1' -> 'Colossus 1'): the crosswalk names a record
-- once, under any of its names
renames as (
    select source, published_name, earlier_name from {{ ref('epoch_record_renames') }}
)

select
    coalesce(records.registry_campus_id, crosswalk.campus_id, records.source || ':' || records.source_record)
        as campus_id,
    records.* exclude (registry_campus_id)
from records
left join renames
    on renames.source = records.source and renames.published_name = records.source_record
left join {{ ref('campus_crosswalk') }} as crosswalk
    on crosswalk.source = records.source
        and crosswalk.source_record in (records.source_record, renames.earlier_name)
