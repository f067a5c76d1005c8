{{ config(meta={"dagster": {"ref": {"name": "mart_country_capacity"}}}) }}

-- Per country and scenario, the mart's MW over all quarters and statuses is exactly the full build of
-- the reconciled campuses: phases add up, nothing dropped, nothing counted twice.
with mart_totals as (
    select country_iso3, scenario, coalesce(sum(it_mw), 0) as it_mw
    from {{ ref('mart_country_capacity') }}
    group by all
),

campus_totals as (
    select country_iso3, coalesce(sum(it_mw), 0) as it_mw, count(*) as campus_count
    from {{ ref('int_campuses_reconciled') }}
    group by all
)

select mart_totals.*, campus_totals.it_mw as campus_it_mw
from mart_totals
full join campus_totals using (country_iso3)
where mart_totals.country_iso3 is null
    or campus_totals.country_iso3 is null
    -- within the rounding of finished figures (a millionth of a MW a row, var finished_figure_units)
    or abs(mart_totals.it_mw - campus_totals.it_mw) > 1e-3
