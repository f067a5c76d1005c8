-- Every Epoch GPU cluster with why it is left out of the capacity count, or null when it counts. The one
-- place this rule is written: int_epoch_cluster_phases_chained counts the rows without a reason and
-- int_campus_records_left_out lists the rest.
select
    *,
    case
        when status = 'decommissioned' then 'decommissioned'
        when certainty = 'unlikely' then 'Epoch rates it unlikely'
        when coalesce(is_possible_duplicate, false) then 'Epoch flags it as a possible duplicate'
        when country_iso3 is null then 'no country'
    end as left_out_reason
from {{ ref('stg_epoch__gpu_clusters') }}
