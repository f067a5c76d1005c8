-- The US data-centre pipeline by balancing authority: each campus the crosswalk places, at full build.
-- Paused and cancelled capacity is not pipeline (as in mart_country_energy). The programme's part: the
-- Stargate / OpenAI-for-Countries campuses (int_programme_projects_selected).
with campuses as (
    select * from {{ ref('int_campuses_reconciled') }}
    where country_iso3 = 'USA' and status in ('announced', 'permitted', 'under_construction', 'operational')
),

crosswalk as (
    select * from {{ ref('stg_atlas__campus_balancing_areas') }}
),

programme as (
    select campus_id, true as in_programme from {{ ref('int_programme_projects_selected') }}
)

select
    crosswalk.balancing_authority,
    count(*) as campus_count,
    sum(campuses.it_mw) as pipeline_it_mw,
    coalesce(sum(campuses.it_mw) filter (where campuses.status = 'operational'), 0) as operational_it_mw,
    string_agg(campuses.campus_id, ', ' order by campuses.it_mw desc, campuses.campus_id) as campus_ids,
    coalesce(sum(campuses.it_mw) filter (where programme.in_programme), 0) as programme_it_mw,
    string_agg(
        campuses.campus_id, ', ' order by campuses.it_mw desc, campuses.campus_id
    ) filter (where programme.in_programme) as programme_campus_ids
from campuses
join crosswalk using (campus_id)
left join programme using (campus_id)
group by crosswalk.balancing_authority
