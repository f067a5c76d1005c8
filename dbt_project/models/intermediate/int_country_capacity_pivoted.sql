-- One row per country with reconciled campuses, IT MW split by status. Never adds statuses together
-- except in pipeline_it_mw, whose definition says which ones.
with campuses as (
    select * from {{ ref('int_campuses_reconciled') }}
),

capacity_by_country as (
    select
        country_iso3,
        count(*) as campus_count,
        count(*) filter (where it_mw is null) as campuses_without_mw_count,
        coalesce(sum(it_mw) filter (where status = 'announced'), 0) as announced_it_mw,
        coalesce(sum(it_mw) filter (where status = 'permitted'), 0) as permitted_it_mw,
        coalesce(sum(it_mw) filter (where status = 'under_construction'), 0) as under_construction_it_mw,
        coalesce(sum(it_mw) filter (where status = 'operational'), 0) as operational_it_mw,
        coalesce(sum(it_mw) filter (where status = 'paused'), 0) as paused_it_mw,
        coalesce(sum(it_mw) filter (where status = 'cancelled'), 0) as cancelled_it_mw
    from campuses
    group by country_iso3
)

select
    *,
    announced_it_mw + permitted_it_mw + under_construction_it_mw + operational_it_mw as pipeline_it_mw
from capacity_by_country
