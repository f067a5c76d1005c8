-- What int_campus_records_unioned leaves out of the capacity count, and why, so nothing disappears unseen.
with chains as (
    select cluster_id as chain_id, unnest(string_split(earlier_phases, '; ')) as cluster_id
    from {{ ref('int_epoch_cluster_phases_chained') }}
    where earlier_phases is not null
),

clusters as (
    select
        clusters.* exclude (left_out_reason),
        coalesce(
            clusters.left_out_reason,
            case
                when chains.chain_id is not null
                    then 'an earlier phase, included in the later phase that builds upon it'
            end
        ) as left_out_reason
    from {{ ref('int_epoch_clusters_screened') }} as clusters
    left join chains using (cluster_id)
),

-- a timeline whose site the site table does not list has no country and no current power
timeline_only as (
    select data_center_name, max(facility_power_mw) as facility_mw
    from {{ ref('int_epoch_site_milestones_matched') }}
    where site_name is null
    group by data_center_name
)

select
    'epoch_gpu_cluster' as source,
    left_out_reason,
    count(*) as record_count,
    sum(power_capacity_mw) as facility_mw
from clusters
where left_out_reason is not null
group by all
union all
select
    'epoch_data_center_timeline',
    'a timeline without a row in the site table: no country, no current power',
    count(*),
    sum(facility_mw)
from timeline_only
having count(*) > 0
