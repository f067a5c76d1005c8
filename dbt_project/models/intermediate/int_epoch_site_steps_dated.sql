-- Each Epoch site's IT power in dated steps, so capacity lands in the quarter it came online:
--   running     each increase Epoch observed up to the export's as-of date, capped at the site's current
--               IT power (Colossus 1 fell from 424 to 348 MW before reaching 498: the dip is not counted twice);
--   next_phase  the first increase Epoch projects after it: the buildings it has seen under way;
-- later projected rows are left to the campus remainder, which counts as announced.
with sites as (
    select * from {{ ref('stg_epoch__data_centers') }}
),

milestones as (
    select site_name, site_current_it_mw as current_it_mw, date, it_power_mw
    from {{ ref('int_epoch_site_milestones_matched') }}
    where site_name is not null
),

-- the export's as-of date is not in the files: the latest day on which a site first reached the power the
-- site table says it runs now (Dec-2025: 2025-11-30, Meta Prometheus's 691 MW). Later rows are projections.
reached as (
    select site_name, min(date) as reached_on
    from milestones
    where current_it_mw > 0 and abs(it_power_mw - current_it_mw) < 0.5
    group by site_name
),

as_of as (
    -- no site runs anything: nothing observed can be placed, so every row is a projection
    select coalesce(max(reached_on), date '1900-01-01') as as_of_date from reached
),

observed as (
    select
        milestones.*,
        max(it_power_mw) over (partition by site_name order by date rows unbounded preceding) as peak_it_mw
    from milestones, as_of
    where milestones.date <= as_of.as_of_date
),

running_steps as (
    select
        site_name,
        'running' as step,
        date as online_on,
        least(peak_it_mw, current_it_mw)
        - least(coalesce(lag(peak_it_mw) over (partition by site_name order by date), 0), current_it_mw) as it_mw
    from observed
),

-- current power the observed rows do not reach (a site table newer than its timeline) runs from the as-of
-- date, or undated when the files give none
unplaced as (
    select
        sites.data_center_name as site_name,
        'running' as step,
        case when as_of.as_of_date > date '1900-01-01' then as_of.as_of_date end as online_on,
        sites.it_power_mw - coalesce(placed.it_mw, 0) as it_mw
    from sites
    cross join as_of
    left join (select site_name, sum(it_mw) as it_mw from running_steps group by site_name) as placed
        on placed.site_name = sites.data_center_name
    where sites.it_power_mw - coalesce(placed.it_mw, 0) > 0.001
),

next_phase as (
    select
        site_name,
        'next_phase' as step,
        arg_min(date, date) as online_on,
        arg_min(it_power_mw, date) - any_value(current_it_mw) as it_mw
    from milestones, as_of
    where milestones.date > as_of.as_of_date and it_power_mw > current_it_mw
    group by site_name
)

select steps.*, as_of.as_of_date
from (
    select * from running_steps where it_mw > 0
    union all
    select * from unplaced
    union all
    select * from next_phase
) as steps
cross join as_of
