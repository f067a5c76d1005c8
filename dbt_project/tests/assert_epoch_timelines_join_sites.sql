{{ config(meta={"dagster": {"ref": {"name": "int_epoch_site_steps_dated"}}}) }}

-- The timelines must join the site table (by Handle in Dec-2025, by Name from 2026): when a new export
-- changes the key, every site would lose its timeline and its planned build would vanish from the marts.
-- Fails on any site with no timeline while the export has timelines, and on any timeline site matching no
-- site unless it is one reviewed as timeline-only (epoch_timeline_sites_unmatched).
with sites as (
    select data_center_handle, data_center_name from {{ ref('stg_epoch__data_centers') }}
),

timeline_sites as (
    select distinct data_center_name from {{ ref('stg_epoch__data_center_timelines') }}
),

sites_without_timeline as (
    select 'site without a timeline' as problem, sites.data_center_name
    from sites
    left join timeline_sites
        on timeline_sites.data_center_name in (sites.data_center_handle, sites.data_center_name)
    where timeline_sites.data_center_name is null
      and exists (select 1 from timeline_sites)
),

timelines_without_site as (
    select 'timeline without a site' as problem, timeline_sites.data_center_name
    from timeline_sites
    left join sites
        on timeline_sites.data_center_name in (sites.data_center_handle, sites.data_center_name)
    where sites.data_center_name is null
      and timeline_sites.data_center_name not in (
          select data_center_name from {{ ref('epoch_timeline_sites_unmatched') }}
      )
)

select * from sites_without_timeline
union all
select * from timelines_without_site
