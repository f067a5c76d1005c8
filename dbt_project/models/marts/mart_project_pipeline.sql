-- The registry's projects phase by phase, with how far each first phase's online date has moved since the
-- warehouse first saw the plan. The phases and their MW and status are the campus's own
-- (int_campus_phases_split), so this mart and the country marts give the same MW per campus and status.
-- Dates are partial (year, quarter, month or day) and kept as the period's first day: slippage compares
-- both dates at the coarser of their two precisions, so '2026' refined to '2026-Q3' is no slip, while
-- '2026' moved to '2027' is 365 days.
with project_campuses as (
    select source_record as project_name, campus_id
    from {{ ref('int_campus_records_unioned') }}
    where source = 'registry'
),

phases as (
    select
        project_campuses.project_name,
        campus_phases.*,
        row_number() over (
            partition by campus_phases.campus_id
            order by {{ vocabulary_rank('campus_phase', 'campus_phases.phase') }},
                campus_phases.online_on nulls last
        ) as phase_number
    from project_campuses
    join {{ ref('int_campus_phases_split') }} as campus_phases using (campus_id)
),

projects as (
    select * from {{ ref('int_project_versions_summarised') }}
),

phase_dates as (
    select
        phases.project_name,
        phases.phase_number,
        phases.phase,
        phases.country_iso3,
        phases.status,
        phases.it_mw,
        phases.online_on,
        projects.first_seen_at,
        projects.last_changed_at,
        projects.version_count,
        -- the registry dates one phase, its first; the history sits on the project's first row
        case when phases.phase_number = 1 then projects.first_planned_online_on end as first_planned_online_on,
        case when phases.phase_number = 1 then projects.first_planned_online_precision end as first_planned_online_precision,
        case when phases.phase_number = 1 then projects.latest_online_on end as latest_online_on,
        case when phases.phase_number = 1 then projects.latest_online_precision end as latest_online_precision,
        projects.status = 'operational' as is_project_operational
    from phases
    inner join projects using (project_name)
),

with_comparison_precision as (
    select
        *,
        case
            when first_planned_online_on is null or latest_online_on is null then null
            when 'year' in (first_planned_online_precision, latest_online_precision) then 'year'
            when 'quarter' in (first_planned_online_precision, latest_online_precision) then 'quarter'
            when 'month' in (first_planned_online_precision, latest_online_precision) then 'month'
            else 'day'
        end as slippage_precision
    from phase_dates
)

select
    project_name,
    phase_number,
    phase,
    country_iso3,
    status,
    it_mw,
    online_on,
    first_seen_at,
    last_changed_at,
    version_count,
    first_planned_online_on,
    first_planned_online_precision,
    latest_online_on,
    latest_online_precision,
    -- the registry's date is planned unless the project is operational
    case when latest_online_on is not null then is_project_operational end as is_latest_online_actual,
    slippage_precision,
    date_diff(
        'day',
        cast(date_trunc(slippage_precision, first_planned_online_on) as date),
        cast(date_trunc(slippage_precision, latest_online_on) as date)
    ) as slippage_days
from with_comparison_precision
order by country_iso3, project_name, phase_number
