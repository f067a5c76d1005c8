{{ config(meta={"dagster": {"ref": {"name": "mart_country_capacity"}}}) }}

-- pipeline_it_mw is exactly the four statuses it claims to be; the registry's MW all land in some status.
with mart as (
    select * from {{ ref('mart_country_capacity') }}
),

registry as (
    select country_iso3, coalesce(sum(it_mw), 0) as registry_it_mw
    from {{ ref('stg_atlas__ai_dc_projects') }}
    group by country_iso3
)

select mart.country_iso3
from mart
join registry using (country_iso3)
where abs(mart.pipeline_it_mw - (mart.announced_it_mw + mart.permitted_it_mw + mart.under_construction_it_mw + mart.operational_it_mw)) > 1e-9
   or abs(registry.registry_it_mw - (mart.pipeline_it_mw + mart.paused_it_mw + mart.cancelled_it_mw)) > 1e-9
