-- Each campus in up to three phases, so capacity lands in the status and quarter it belongs to:
--   running      what runs now (operational); a campus Epoch tracks gets one row per increment Epoch saw
--                come online, in its own quarter (int_epoch_site_steps_dated);
--   next_phase   the next phase a dated source names: the registry's first phase of a project not yet
--                running (with that phase's own status), or the increment Epoch projects next from buildings
--                it has seen under way (under construction);
--   rest         the remainder of the full build: announced, unless the campus is in talks, under a letter
--                of intent, permitted, paused or cancelled, which it keeps. No dated source says it is
--                being built, and Epoch's later projected rows are projections, not construction.
-- A campus without an MW figure keeps one row with its own status: unknown power never changes a status.
with campuses as (
    select * from {{ ref('int_campuses_reconciled') }}
),

sized as (
    select
        *,
        least(coalesce(running_it_mw, 0), coalesce(it_mw, 0)) as running_mw,
        -- a project the registry has under construction without a phase size: its whole build is being built
        coalesce(next_phase_it_mw, case when status = 'under_construction' then it_mw end) as next_level_mw
    from campuses
),

split as (
    select
        *,
        least(greatest(coalesce(next_level_mw, 0) - running_mw, 0), coalesce(it_mw, 0) - running_mw) as first_phase_mw
    from sized
),

steps as (
    select
        site_name, online_on, it_mw,
        sum(it_mw) over (partition by site_name order by online_on rows unbounded preceding) as cumulative_mw
    from {{ ref('int_epoch_site_steps_dated') }}
    where step = 'running'
),

running as (
    -- Epoch's dated increments, capped at what the campus runs
    select
        split.campus_id,
        'running' as phase,
        'operational' as status,
        least(steps.cumulative_mw, split.running_mw)
        - least(steps.cumulative_mw - steps.it_mw, split.running_mw) as it_mw,
        steps.online_on,
        'day' as online_on_precision
    from split
    join steps on steps.site_name = split.epoch_site_name
    where split.running_it_mw_source = 'epoch_data_center' and split.running_mw > 0
    union all
    select campus_id, 'running', 'operational', running_mw, online_on, online_on_precision
    from split
    where running_mw > 0 and running_it_mw_source is distinct from 'epoch_data_center'
),

phases as (
    select * from running where it_mw > 0
    union all
    select
        campus_id,
        'next_phase',
        case
            when status in ('paused', 'cancelled') then status
            -- the registry's next phase has its own dated status (a running campus's next phase may be only announced)
            when next_phase_source = 'registry' and next_phase_status is not null then next_phase_status
            when next_phase_source = 'epoch_data_center' or status = 'operational' then 'under_construction'
            else status
        end,
        first_phase_mw,
        coalesce(next_phase_online_on, case when running_mw = 0 then online_on end),
        case
            when next_phase_online_on is not null then next_phase_online_on_precision
            when running_mw = 0 then online_on_precision
        end
    from split
    where first_phase_mw > 0
    union all
    select
        campus_id,
        'rest',
        -- unknown MW keeps the campus status; a known remainder is announced unless held or stopped
        case
            when it_mw is null or status in ('talks', 'letter_of_intent', 'permitted', 'paused', 'cancelled')
                then status
            else 'announced'
        end,
        it_mw - running_mw - first_phase_mw,
        -- a campus with nothing running and no first phase keeps its only date
        case when running_mw = 0 and first_phase_mw = 0 then online_on end,
        case when running_mw = 0 and first_phase_mw = 0 then online_on_precision end
    from split
    -- a campus always keeps at least one row, even with no MW figure at all
    where it_mw is null or it_mw - running_mw - first_phase_mw > 0.0005 or (running_mw = 0 and first_phase_mw = 0)
),

carried as (
    -- campus-wide figures go on one row only, so sums stay right: what runs, else the full build's rest,
    -- else the next phase
    select
        *,
        row_number() over (
            partition by campus_id
            order by case phase when 'running' then 1 when 'rest' then 2 else 3 end, online_on nulls last
        ) = 1 as carries_campus_figures
    from phases
)

select
    phases.campus_id,
    phases.phase,
    campuses.country_iso3,
    campuses.campus_name,
    phases.status,
    phases.it_mw,
    campuses.it_mw_source,
    campuses.it_mw_basis,
    campuses.has_estimated_mw,
    phases.online_on,
    phases.online_on_precision,
    case when phases.carries_campus_figures then campuses.h100_equivalents end as h100_equivalents,
    case when phases.carries_campus_figures then campuses.headline_capex_usd_bn_2025 end as headline_capex_usd_bn_2025,
    case when phases.carries_campus_figures then campuses.epoch_capital_cost_usd_bn_2025 end
        as epoch_capital_cost_usd_bn_2025
from carried as phases
join campuses using (campus_id)
