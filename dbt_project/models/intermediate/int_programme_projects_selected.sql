-- The registry projects that belong to OpenAI's Stargate / OpenAI-for-Countries programme, capex in 2025
-- dollars. Rule: the name carries the Stargate brand AND OpenAI is the operator or a partner. OpenAI as a
-- partner alone is not enough: Microsoft Fairwater Atlanta lists OpenAI but is Microsoft's own site, and
-- Nscale Loughton is a Microsoft campus, not a Stargate site (SOURCE.md).
with projects as (
    select * from {{ ref('stg_atlas__ai_dc_projects') }}
),

deflator as (
    select * from {{ ref('int_usd_deflator_chained') }}
),

programme_projects as (
    select
        *,
        -- capex is nominal "as reported": priced in the year it was announced
        year(announced_on) as capex_year
    from projects
    where project_name ilike '%stargate%'
        and (
            list_contains(string_split(operator, '; '), 'OpenAI')
            or list_contains(string_split(partners, '; '), 'OpenAI')
        )
),

priced_projects as (
    select
        programme_projects.*,
        deflator.to_usd_2025_factor
    from programme_projects
    left join deflator on deflator.year = programme_projects.capex_year
)

select
    project_name,
    country_iso3,
    operator,
    partners,
    status,
    it_mw,
    capex_usd_bn_nominal,
    capex_year,
    to_usd_2025_factor,
    capex_usd_bn_nominal * to_usd_2025_factor as capex_usd_bn_2025
from priced_projects
