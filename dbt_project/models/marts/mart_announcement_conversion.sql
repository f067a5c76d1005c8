-- How much announced capacity has reached construction and operation, and how long did it take? Per
-- country and in total, for every registry project and for the Stargate / OpenAI-for-Countries programme,
-- from the dated status reports: a phase counts as announced from the first report that it was announced
-- (or further along), as reached construction from the first report of it under construction or running,
-- and as reached operation from the first report of it running. Durations are between those report dates
-- (when sources said so, not when ground was broken). Talks and letters of intent are not announcements,
-- and factories are not capacity: they are counted, never summed.
with phases as (
    select
        *,
        programmes is not null as is_programme
    from {{ ref('mart_project_pipeline') }}
    where project_kind = 'data_centre'
),

scoped as (
    select 'all_projects' as scope, * from phases
    union all
    select 'programme' as scope, * from phases where is_programme
),

areas as (
    select scope, country_iso3 as area, * exclude (scope) from scoped
    union all
    select scope, 'World' as area, * exclude (scope) from scoped
)

select
    scope,
    area,
    count(distinct project_id) filter (where announced_reported_on is not null) as project_count,
    count(distinct project_id) filter (where announced_reported_on is null) as pre_announcement_project_count,
    count(*) filter (where announced_reported_on is not null) as phase_count,
    count(*) filter (where announced_reported_on is not null and capacity_it_mw is null) as phases_without_mw_count,
    coalesce(sum(capacity_it_mw) filter (where announced_reported_on is not null), 0) as announced_it_mw,
    coalesce(sum(capacity_it_mw) filter (where construction_reported_on is not null), 0) as reached_construction_it_mw,
    coalesce(sum(capacity_it_mw) filter (where operational_reported_on is not null), 0) as reached_operation_it_mw,
    coalesce(sum(capacity_it_mw) filter (where status in ('paused', 'cancelled')), 0) as paused_or_cancelled_it_mw,
    count(*) filter (where construction_reported_on is not null) as phases_reached_construction_count,
    count(*) filter (where operational_reported_on is not null) as phases_reached_operation_count,
    median(date_diff('day', announced_reported_on, construction_reported_on)) as median_days_to_construction,
    median(date_diff('day', announced_reported_on, operational_reported_on)) as median_days_to_operation,
    max(registry_on) as registry_on
from areas
group by scope, area
order by scope, area = 'World', area
