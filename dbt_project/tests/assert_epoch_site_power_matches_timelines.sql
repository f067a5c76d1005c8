{{ config(meta={"dagster": {"ref": {"name": "stg_epoch__data_centers"}}}) }}

-- The site file's power basis is read from its export's timelines (stg_epoch__data_centers). If the basis
-- were read wrong, a site's current IT power would match none of its timeline's milestones: in every export
-- checked nearly all running sites match one (Dec-2025: 10 of 10; July-2026: 55 of 56). Fails when fewer
-- than half do, instead of letting a fifth too much or too little power through.
with running as (
    select
        sites.data_center_name,
        exists (
            select 1
            from {{ ref('stg_epoch__data_center_timelines') }} as timelines
            where timelines.data_center_name in (sites.data_center_handle, sites.data_center_name)
              and abs(timelines.it_power_mw - sites.it_power_mw) < 0.5
        ) as matches_a_milestone
    from {{ ref('stg_epoch__data_centers') }} as sites
    where sites.it_power_mw > 0
)

select count(*) as running_sites, count(*) filter (where matches_a_milestone) as matching_sites
from running
having count(*) filter (where matches_a_milestone) < 0.5 * count(*)
