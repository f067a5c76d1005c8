-- One row per country with reconciled campuses, IT MW split by the status of each campus phase. Never
-- adds statuses together except in pipeline_it_mw and unbuilt_it_mw, whose definitions say which ones.
-- A sum is null, not 0, when no phase in it has a capacity figure.
with phases as (
    select * from {{ ref('int_campus_phases_split') }}
)

select
    country_iso3,
    count(distinct campus_id) as campus_count,
    count(distinct campus_id) filter (where it_mw is null) as campuses_without_mw_count,
    sum(it_mw) filter (where status = 'announced') as announced_it_mw,
    sum(it_mw) filter (where status = 'permitted') as permitted_it_mw,
    sum(it_mw) filter (where status = 'under_construction') as under_construction_it_mw,
    sum(it_mw) filter (where status = 'operational') as operational_it_mw,
    sum(it_mw) filter (where status = 'paused') as paused_it_mw,
    sum(it_mw) filter (where status = 'cancelled') as cancelled_it_mw,
    sum(it_mw) filter (where status in ('announced', 'permitted', 'under_construction', 'operational'))
        as pipeline_it_mw,
    sum(it_mw) filter (where status in ('announced', 'permitted', 'under_construction')) as unbuilt_it_mw
from phases
group by country_iso3
