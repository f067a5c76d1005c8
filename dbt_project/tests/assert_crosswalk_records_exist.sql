{{ config(meta={"dagster": {"ref": {"name": "int_campuses_reconciled"}}}) }}

-- Every record the crosswalk links must exist in its source: a renamed Epoch record would otherwise stop
-- linking and silently count its campus twice.
with crosswalk as (
    select * from {{ ref('campus_crosswalk') }}
),

records as (
    select source, source_record from {{ ref('int_campus_records_unioned') }}
    union all
    -- linked clusters Epoch itself flags or rates unlikely are left out of the union but still exist
    select 'epoch_gpu_cluster', cluster_id from {{ ref('stg_epoch__gpu_clusters') }}
)

select crosswalk.*
from crosswalk
left join (select distinct * from records) as records using (source, source_record)
where records.source is null
