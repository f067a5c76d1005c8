{{ config(meta={"dagster": {"ref": {"name": "int_epoch_site_milestones_matched"}}}) }}

-- The site file's power basis is read from its export's timelines (stg_epoch__data_centers). If the basis
-- were read wrong, a site's current IT power would match none of its timeline's milestones: in every export
-- checked nearly all running sites match one (Dec-2025: 10 of 10; July-2026: 55 of 56). Fails when fewer
-- than half do, instead of letting a fifth too much or too little power through.
with running as (
    select site_name, bool_or(abs(it_power_mw - site_current_it_mw) < 0.5) as matches_a_milestone
    from {{ ref('int_epoch_site_milestones_matched') }}
    where site_current_it_mw > 0
    group by site_name
)

select count(*) as running_sites, count(*) filter (where matches_a_milestone) as matching_sites
from running
having count(*) filter (where matches_a_milestone) < 0.5 * count(*)
