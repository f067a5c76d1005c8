-- What int_campus_records_unioned leaves out of the capacity count, and why, so nothing disappears unseen.
with clusters as (
    select
        *,
        case
            when status = 'decommissioned' then 'decommissioned'
            when certainty = 'unlikely' then 'Epoch rates it unlikely'
            when coalesce(is_possible_duplicate, false) then 'Epoch flags it as a possible duplicate'
            when country_iso3 is null then 'no country'
        end as left_out_reason
    from {{ ref('stg_epoch__gpu_clusters') }}
)

select
    'epoch_gpu_cluster' as source,
    left_out_reason,
    count(*) as record_count,
    sum(power_capacity_mw) as facility_mw
from clusters
where left_out_reason is not null
group by all
