-- Which projects slipped, and by how much? Each registry phase as the report log has it on var
-- registry_as_of: its status, power and online date, each with the report behind it, and how far its
-- online date moved from the first date a source reported to the latest. Partial dates (year, half,
-- quarter, month, day) are kept as their period's first day; a slip compares both at the coarser of their
-- precisions, so '2026' refined to '2026-Q3' is no slip while '2026-Q1' moved to '2026-Q3' is 182 days.
-- A plan whose period has ended without an operational report is overdue, counted to the registry's date
-- (registry_as_of, else registry_reviewed_on, the day it was last checked): the same on every rebuild.
with projects as (
    select * from {{ ref('int_projects_resolved') }}
),

phases as (
    select * from {{ ref('int_project_phases_resolved') }}
),

registry_date as (
    select
        {{ registry_as_of() if var('registry_as_of', none) else "date '" ~ var('registry_reviewed_on') ~ "'" }}
            as registry_on
),

compared as (
    select
        *,
        {{ coarser_precision('first_online_precision', 'latest_online_precision') }} as slippage_precision,
        {{ period_end('latest_online_on', 'latest_online_precision') }} as latest_online_period_end
    from phases
)

select
    projects.project_id,
    projects.project_name,
    compared.phase_id,
    compared.phase_name,
    projects.country_iso3,
    projects.programmes,
    projects.project_kind,
    compared.status,
    compared.status_reported_on,
    compared.status_source_url,
    compared.status_since_reported_on,
    compared.it_mw,
    compared.facility_mw,
    compared.unstated_mw,
    compared.capacity_it_mw,
    compared.capacity_mw_basis,
    compared.mw_reported_on,
    compared.mw_source_url,
    compared.first_online_on,
    compared.first_online_precision,
    compared.first_online_reported_on,
    compared.first_online_source_url,
    compared.latest_online_on,
    compared.latest_online_precision,
    compared.latest_online_reported_on,
    compared.latest_online_source_url,
    compared.online_report_count,
    -- the latest date is an actual one once the phase is reported operational
    case when compared.latest_online_on is not null then compared.status = 'operational' end as is_latest_online_actual,
    compared.slippage_precision,
    date_diff(
        'day',
        {{ period_start('compared.first_online_on', 'compared.slippage_precision') }},
        {{ period_start('compared.latest_online_on', 'compared.slippage_precision') }}
    ) as slippage_days,
    registry_date.registry_on,
    case
        when compared.status not in ('operational', 'cancelled')
            and compared.latest_online_period_end < registry_date.registry_on
            then date_diff('day', compared.latest_online_period_end, registry_date.registry_on)
    end as overdue_days,
    compared.announced_reported_on,
    compared.construction_reported_on,
    compared.operational_reported_on,
    compared.report_count
from compared
join projects using (project_id)
cross join registry_date
order by projects.country_iso3, projects.project_id, compared.phase_id
