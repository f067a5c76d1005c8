-- One row per project still in the registry: its current version (latest status, size and online date)
-- beside what the history says: when the warehouse first saw it, when it last changed, and the first
-- online date ever planned for its first phase, the baseline that slippage is measured against.
with versions as (
    select * from {{ ref('snap_atlas__ai_dc_projects') }}
),

history as (
    select
        project_name,
        min(dbt_valid_from) as first_seen_at,
        max(dbt_valid_from) as last_changed_at,
        count(*) as version_count,
        -- the earliest version's date as it stood then, even if it was blank
        arg_min(first_phase_online_on, dbt_valid_from) as first_planned_online_on,
        arg_min(first_phase_online_on_precision, dbt_valid_from) as first_planned_online_precision
    from versions
    group by project_name
),

current_versions as (
    -- a project dropped from the registry has no open version and leaves the pipeline
    select * from versions where dbt_valid_to is null
)

select
    current_versions.project_name,
    current_versions.country_iso3,
    current_versions.operator,
    current_versions.partners,
    current_versions.status,
    current_versions.announced_on,
    current_versions.planned_it_mw,
    current_versions.first_phase_it_mw,
    current_versions.it_mw,
    current_versions.first_phase_online_on as latest_online_on,
    current_versions.first_phase_online_on_precision as latest_online_precision,
    current_versions.capex_usd_bn_nominal,
    history.first_seen_at,
    history.last_changed_at,
    history.version_count,
    history.first_planned_online_on,
    history.first_planned_online_precision
from current_versions
inner join history using (project_name)
