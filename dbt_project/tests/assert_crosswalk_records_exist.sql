{{ config(meta={"dagster": {"ref": {"name": "int_campuses_reconciled"}}}) }}

-- Every record the crosswalk links must exist in its source, under its name or a reviewed rename: a renamed
-- Epoch record would otherwise stop linking and silently count its campus twice. A record Epoch only
-- carries from a later export (epoch_export_from) may be missing from an earlier one.
with crosswalk as (
    select * from {{ ref('campus_crosswalk') }}
),

as_of as (
    select coalesce(max(as_of_date), date '1900-01-01') as as_of_date from {{ ref('int_epoch_site_steps_dated') }}
),

records as (
    select source, source_record from {{ ref('int_campus_records_unioned') }}
    union all
    select renames.source, renames.earlier_name
    from {{ ref('epoch_record_renames') }} as renames
    join {{ ref('int_campus_records_unioned') }} as unioned
        on unioned.source = renames.source and unioned.source_record = renames.published_name
    union all
    -- linked clusters left out of the union (flagged, unlikely, earlier phases) still exist
    select 'epoch_gpu_cluster', cluster_id from {{ ref('stg_epoch__gpu_clusters') }}
)

select crosswalk.*
from crosswalk
cross join as_of
left join (select distinct * from records) as records using (source, source_record)
where records.source is null
    and (crosswalk.epoch_export_from is null or cast(crosswalk.epoch_export_from as date) <= as_of.as_of_date)
