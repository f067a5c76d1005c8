{{ config(meta={"dagster": {"ref": {"name": "mart_country_capacity"}}}) }}

-- Per country and scenario, the mart's MW over all quarters and statuses is exactly the reconciled
-- campuses' MW: nothing dropped, nothing counted twice.
with mart_totals as (
    select country_iso3, scenario, sum(it_mw) as it_mw, sum(campus_count) as campus_count
    from {{ ref('mart_country_capacity') }}
    group by all
),

campus_totals as (
    select country_iso3, coalesce(sum(it_mw), 0) as it_mw, count(*) as campus_count
    from {{ ref('int_campuses_reconciled') }}
    group by all
)

select mart_totals.*
from mart_totals
join campus_totals using (country_iso3)
where abs(mart_totals.it_mw - campus_totals.it_mw) > 1e-6
   or mart_totals.campus_count != campus_totals.campus_count
