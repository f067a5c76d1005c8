-- Each registry phase as the report log has it on var registry_as_of: the latest report per field, the
-- first online date ever reported (what slippage is measured from), and the report dates at which its
-- status first reached announcement, construction and operation. A status reported for the whole project
-- (no phase) speaks for every phase (a paused project pauses its phases, unless a phase reports later),
-- except under construction and operational, which speak for its first phase only; its power and dates
-- speak only for a project of one phase: otherwise a project's power is its full build
-- (int_projects_resolved). Facility power is never read as IT power: it is converted with
-- epoch_site_facility_to_it, the facility / IT ratio of large AI sites, and says so in capacity_mw_basis.
-- The one phase of a project that no report sizes is the rest of the project's full build after the
-- phases before it.
with phases as (
    select * from {{ ref('stg_atlas__dc_project_phases') }}
),

phase_counts as (
    select project_id, count(*) as phase_count from phases group by project_id
),

phase_reports as (
    select
        phases.project_id,
        phases.phase_id,
        reports.* exclude (project_id, phase_id)
    from phases
    join phase_counts using (project_id)
    join {{ ref('int_project_reports_sequenced') }} as reports
        on reports.project_id = phases.project_id
            and (
                reports.phase_id = phases.phase_id
                or (reports.phase_id is null and (
                    phase_counts.phase_count = 1
                    -- "being built" or "running" said of a whole project is its first phase; the stages of
                    -- planning and a pause or cancellation hold for every phase
                    or (
                        reports.field = 'status'
                        and (phases.phase_id = 1 or reports.status not in ('under_construction', 'operational'))
                    )
                ))
            )
    where reports.field != 'capex_bn'
),

latest as (
    select * from phase_reports
    qualify {{ is_latest_report('project_id, phase_id, field') }}
),

first_online as (
    select * from phase_reports
    where field = 'online_on'
    qualify row_number() over (partition by project_id, phase_id order by reported_on, source_line) = 1
),

pivoted as (
    select
        project_id,
        phase_id,
        max(status) filter (where field = 'status') as status,
        max(reported_on) filter (where field = 'status') as status_reported_on,
        max(source_url) filter (where field = 'status') as status_source_url,
        max(mw) filter (where field = 'it_mw') as it_mw,
        max(mw) filter (where field = 'facility_mw') as facility_mw,
        max(mw) filter (where field = 'unstated_mw') as unstated_mw,
        max(online_on) filter (where field = 'online_on') as latest_online_on,
        max(online_on_precision) filter (where field = 'online_on') as latest_online_precision,
        max(reported_on) filter (where field = 'online_on') as latest_online_reported_on,
        max(source_url) filter (where field = 'online_on') as latest_online_source_url,
        -- the power figure the capacity count uses: IT where reported, then a figure of unstated basis
        -- (press figures for AI campuses are mostly IT), then facility power converted
        arg_min(
            reported_on, case field when 'it_mw' then 1 when 'unstated_mw' then 2 when 'facility_mw' then 3 end
        ) filter (where field in ('it_mw', 'unstated_mw', 'facility_mw')) as mw_reported_on,
        arg_min(
            source_url, case field when 'it_mw' then 1 when 'unstated_mw' then 2 when 'facility_mw' then 3 end
        ) filter (where field in ('it_mw', 'unstated_mw', 'facility_mw')) as mw_source_url
    from latest
    group by project_id, phase_id
),

-- a project's full build, where a report on the whole project gives one
full_builds as (
    select
        project_id,
        {{ registry_it_mw("max(mw) filter (where field = 'it_mw')", "max(mw) filter (where field = 'unstated_mw')",
                          "max(mw) filter (where field = 'facility_mw')") }} as full_build_it_mw
    from {{ ref('int_project_reports_sequenced') }}
    where phase_id is null and is_current and field in ('it_mw', 'unstated_mw', 'facility_mw')
    group by project_id
),

-- since when the current status holds: its first report after the last report of another status
status_runs as (
    select
        phase_reports.project_id,
        phase_reports.phase_id,
        min(phase_reports.reported_on) as status_since_reported_on
    from phase_reports
    join pivoted using (project_id, phase_id)
    where phase_reports.field = 'status'
        and phase_reports.status = pivoted.status
        and {'on': phase_reports.reported_on, 'line': phase_reports.source_line} > coalesce((
            select max({'on': other.reported_on, 'line': other.source_line})
            from phase_reports as other
            where other.project_id = phase_reports.project_id and other.phase_id = phase_reports.phase_id
                and other.field = 'status' and other.status != pivoted.status
        ), {'on': date '0001-01-01', 'line': 0})
    group by phase_reports.project_id, phase_reports.phase_id
),

milestones as (
    select
        project_id,
        phase_id,
        count(*) filter (where field = 'online_on') as online_report_count,
        count(*) as report_count,
        min(reported_on) filter (
            where field = 'status' and status in ('announced', 'permitted', 'under_construction', 'operational')
        ) as announced_reported_on,
        min(reported_on) filter (where field = 'status' and status in ('under_construction', 'operational'))
            as construction_reported_on,
        min(reported_on) filter (where field = 'status' and status = 'operational') as operational_reported_on
    from phase_reports
    group by project_id, phase_id
),

sized as (
    select
        phases.project_id,
        phases.phase_id,
        phases.phase_name,
        pivoted.* exclude (project_id, phase_id),
        {{ registry_it_mw('pivoted.it_mw', 'pivoted.unstated_mw', 'pivoted.facility_mw') }} as reported_it_mw,
        first_online.online_on as first_online_on,
        first_online.online_on_precision as first_online_precision,
        first_online.reported_on as first_online_reported_on,
        first_online.source_url as first_online_source_url,
        milestones.* exclude (project_id, phase_id),
        status_runs.status_since_reported_on
    -- a phase no report speaks for yet (as of an earlier day) is not in the registry yet
    from phases
    left join pivoted using (project_id, phase_id)
    left join first_online using (project_id, phase_id)
    left join status_runs using (project_id, phase_id)
    inner join milestones using (project_id, phase_id)
),

-- the one phase of a project left unsized is the rest of its full build after the phases before it (later
-- phases are expansions beyond the full build the project reports; a cancelled phase is not part of it)
unsized as (
    select sized.project_id, sized.phase_id
    from sized
    where sized.reported_it_mw is null and sized.status is distinct from 'cancelled'
    qualify count(*) over (partition by sized.project_id) = 1
),

remainders as (
    select
        unsized.project_id,
        unsized.phase_id,
        greatest(
            full_builds.full_build_it_mw
            - coalesce(sum(earlier.reported_it_mw) filter (where earlier.status is distinct from 'cancelled'), 0),
            0
        ) as remainder_it_mw
    from unsized
    join full_builds using (project_id)
    left join sized as earlier on earlier.project_id = unsized.project_id and earlier.phase_id < unsized.phase_id
    group by unsized.project_id, unsized.phase_id, full_builds.full_build_it_mw
)

select
    sized.project_id,
    sized.phase_id,
    sized.phase_name,
    sized.status,
    sized.status_reported_on,
    sized.status_source_url,
    sized.status_since_reported_on,
    sized.it_mw,
    sized.facility_mw,
    sized.unstated_mw,
    coalesce(sized.reported_it_mw, remainders.remainder_it_mw) as capacity_it_mw,
    coalesce(
        {{ registry_mw_basis('sized.it_mw', 'sized.unstated_mw', 'sized.facility_mw') }},
        case when remainders.remainder_it_mw is not null then 'remainder_of_full_build' end
    ) as capacity_mw_basis,
    sized.mw_reported_on,
    sized.mw_source_url,
    sized.first_online_on,
    sized.first_online_precision,
    sized.first_online_reported_on,
    sized.first_online_source_url,
    sized.latest_online_on,
    sized.latest_online_precision,
    sized.latest_online_reported_on,
    sized.latest_online_source_url,
    coalesce(sized.online_report_count, 0) as online_report_count,
    coalesce(sized.report_count, 0) as report_count,
    sized.announced_reported_on,
    sized.construction_reported_on,
    sized.operational_reported_on
from sized
left join remainders using (project_id, phase_id)
