-- Each campus in up to three phases, so capacity lands in the quarter and status it belongs to:
--   running     what runs now (operational), in the quarter it first came online;
--   first_phase the registry's announced first phase of a campus not yet running, at its planned date;
--   rest        the remainder of the full build, undated; a running campus's remainder is taken as
--               being built (under_construction), any other campus's keeps the campus status.
with campuses as (
    select
        *,
        least(coalesce(running_it_mw, 0), coalesce(it_mw, 0)) as running_mw,
        case when coalesce(running_it_mw, 0) = 0 then least(coalesce(first_phase_it_mw, 0), coalesce(it_mw, 0)) else 0 end
            as first_phase_mw
    from {{ ref('int_campuses_reconciled') }}
),

phases as (
    select campus_id, 'running' as phase, 'operational' as status, running_mw as it_mw, online_on, online_on_precision
    from campuses where running_mw > 0
    union all
    select campus_id, 'first_phase', status, first_phase_mw, online_on, online_on_precision
    from campuses where first_phase_mw > 0
    union all
    select
        campus_id,
        'rest',
        case when status = 'operational' then 'under_construction' else status end,
        it_mw - running_mw - first_phase_mw,
        -- a campus with nothing running and no first phase keeps its only date
        case when running_mw = 0 and first_phase_mw = 0 then online_on end,
        case when running_mw = 0 and first_phase_mw = 0 then online_on_precision end
    from campuses
    -- a campus always keeps at least one row, even with no MW figure at all
    where it_mw is null or it_mw - running_mw - first_phase_mw > 0 or (running_mw = 0 and first_phase_mw = 0)
)

select
    phases.campus_id,
    phases.phase,
    campuses.country_iso3,
    campuses.campus_name,
    phases.status,
    phases.it_mw,
    campuses.it_mw_source,
    phases.online_on,
    phases.online_on_precision,
    -- campus-wide figures sit on one phase only, so sums stay right
    case when phases.phase = first_value(phases.phase) over (partition by phases.campus_id order by phases.phase desc) then campuses.h100_equivalents end as h100_equivalents,
    case when phases.phase = first_value(phases.phase) over (partition by phases.campus_id order by phases.phase desc) then campuses.capex_usd_bn_2025 end as capex_usd_bn_2025
from phases
join campuses using (campus_id)
