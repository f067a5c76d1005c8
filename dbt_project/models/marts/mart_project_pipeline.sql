-- The project pipeline phase by phase, with how far each first phase's online date has moved since the
-- warehouse first saw the plan. Dates are partial (year, quarter, month or day) and kept as the period's
-- first day: slippage compares both dates at the coarser of their two precisions, so '2026' refined to
-- '2026-Q3' is no slip, while '2026' moved to '2027' is 365 days.
with phases as (
    select * from {{ ref('int_project_phases_split') }}
),

projects as (
    select * from {{ ref('int_project_versions_summarised') }}
),

phase_dates as (
    select
        phases.*,
        projects.country_iso3,
        -- the rest of an operational project's build is not running yet: taken as being built, as
        -- int_campus_phases_split does
        case
            when projects.status = 'operational' and phases.phase = 'remaining_build' then 'under_construction'
            else projects.status
        end as status,
        projects.first_seen_at,
        projects.last_changed_at,
        projects.version_count,
        -- only the first phase is dated in the registry; a remaining build has no date of its own
        case when phases.is_dated_phase then projects.first_planned_online_on end as first_planned_online_on,
        case when phases.is_dated_phase then projects.first_planned_online_precision end as first_planned_online_precision,
        case when phases.is_dated_phase then projects.latest_online_on end as latest_online_on,
        case when phases.is_dated_phase then projects.latest_online_precision end as latest_online_precision
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
    first_seen_at,
    last_changed_at,
    version_count,
    first_planned_online_on,
    first_planned_online_precision,
    latest_online_on,
    latest_online_precision,
    -- the registry's date is planned unless the project is operational
    case when latest_online_on is not null then status = 'operational' end as is_latest_online_actual,
    slippage_precision,
    date_diff(
        'day',
        cast(date_trunc(slippage_precision, first_planned_online_on) as date),
        cast(date_trunc(slippage_precision, latest_online_on) as date)
    ) as slippage_days
from with_comparison_precision
order by country_iso3, project_name, phase_number
