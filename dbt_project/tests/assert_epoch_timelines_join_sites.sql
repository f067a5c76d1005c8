{{ config(meta={"dagster": {"ref": {"name": "int_epoch_site_steps_dated"}}}) }}

-- The timelines must join the site table (int_epoch_site_milestones_matched): when a new export changes the
-- key, every site would lose its timeline and its planned build would vanish from the marts. Fails on any
-- site with no timeline while the export has timelines, and on any timeline site matching no site unless it
-- is one reviewed as timeline-only (epoch_timeline_sites_unmatched).
with milestones as (
    select distinct site_name, data_center_name from {{ ref('int_epoch_site_milestones_matched') }}
)

select 'site without a timeline' as problem, sites.data_center_name
from {{ ref('stg_epoch__data_centers') }} as sites
where sites.data_center_name not in (select site_name from milestones where site_name is not null)
    and exists (select 1 from milestones)
union all
select 'timeline without a site', data_center_name
from milestones
where site_name is null
    and data_center_name not in (select data_center_name from {{ ref('epoch_timeline_sites_unmatched') }})
