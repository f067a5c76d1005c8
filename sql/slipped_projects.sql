-- Which projects have slipped? Phases whose latest online date is later than the first planned one,
-- both cut to the coarser of their precisions (year, quarter, month, day) and compared at the period's
-- start (so 2026 made more precise as 2026-Q3 is not a slip). History starts with the warehouse's first
-- run: a fresh warehouse has no slippage yet.
-- Units: it_mw in MW (IT capacity of the phase); slippage_days in days; dates are first days of periods.
select project_name,
       phase,
       country_iso3,
       status,
       it_mw,
       first_planned_online_on,
       first_planned_online_precision,
       latest_online_on,
       latest_online_precision,
       slippage_days
from marts.mart_project_pipeline
where slippage_days > 0
order by slippage_days desc, project_name, phase_number;
