-- Which projects have slipped, or are overdue? Phases whose latest reported online date is later than the
-- first one reported (both cut to the coarser of their precisions, so 2026 made more precise as 2026-Q3 is
-- no slip), and phases whose planned period has ended without a report that they run. Each carries the
-- reports behind both dates. The report log is dated, so a fresh build already knows every slip.
-- Units: capacity_it_mw in MW of IT load; slippage_days and overdue_days in days; dates are first days of
-- their periods.
select
    project_id,
    phase_id,
    phase_name,
    country_iso3,
    status,
    capacity_it_mw,
    first_online_on,
    first_online_precision,
    first_online_reported_on,
    latest_online_on,
    latest_online_precision,
    latest_online_reported_on,
    slippage_days,
    overdue_days,
    latest_online_source_url
from marts.mart_project_pipeline
where slippage_days > 0 or overdue_days > 0
order by coalesce(slippage_days, 0) + coalesce(overdue_days, 0) desc, project_id, phase_id;
