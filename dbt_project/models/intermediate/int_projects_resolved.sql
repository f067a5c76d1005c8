-- Each registry project as the report log has it on var registry_as_of, in the shape of a capacity record:
-- its full build (the project's own power report, else the sum of its phases), what runs (its operational
-- phases), its next phase (the first phase not running) and its latest capex (the whole project's, else
-- its phases' added when like for like). A project is in the registry from the day a source first
-- reported it; a factory is kept here and left out of capacity downstream.
with projects as (
    select * from {{ ref('stg_atlas__dc_projects') }}
    where reported_on <= {{ registry_as_of() }}
),

phases as (
    select * from {{ ref('int_project_phases_resolved') }}
),

project_reports as (
    -- the latest report on the whole project, per field
    select * from {{ ref('int_project_reports_sequenced') }}
    where phase_id is null and is_current
),

full_build as (
    select
        project_id,
        max(mw) filter (where field = 'it_mw') as it_mw,
        max(mw) filter (where field = 'unstated_mw') as unstated_mw,
        max(mw) filter (where field = 'facility_mw') as facility_mw,
        max(capex_bn) filter (where field = 'capex_bn') as capex_bn,
        max(currency) filter (where field = 'capex_bn') as capex_currency,
        max(price_year) filter (where field = 'capex_bn') as capex_price_year,
        max(capex_basis) filter (where field = 'capex_bn') as capex_basis,
        max(reported_on) filter (where field = 'capex_bn') as capex_reported_on,
        max(source_url) filter (where field = 'capex_bn') as capex_source_url
    from project_reports
    group by project_id
),

-- capex a source gives per phase: the project's capex where no report gives one for the whole project, if
-- the phases' figures are like for like (one currency, one basis)
phase_capex as (
    select
        project_id,
        sum(capex_bn) as capex_bn,
        min(currency) as capex_currency,
        max(price_year) as capex_price_year,
        min(capex_basis) as capex_basis,
        max(reported_on) as capex_reported_on,
        string_agg(distinct source_url, ' | ' order by source_url) as capex_source_url
    from {{ ref('int_project_reports_sequenced') }}
    where phase_id is not null and is_current and field = 'capex_bn'
    group by project_id
    having count(distinct currency) = 1 and count(distinct capex_basis) = 1
),

capex as (
    select
        project_id,
        coalesce(full_build.capex_bn, phase_capex.capex_bn) as capex_bn,
        case
            when full_build.capex_bn is not null then full_build.capex_currency
            else phase_capex.capex_currency
        end as capex_currency,
        case
            when full_build.capex_bn is not null then full_build.capex_price_year
            else phase_capex.capex_price_year
        end as capex_price_year,
        case
            when full_build.capex_bn is not null then full_build.capex_basis
            else phase_capex.capex_basis
        end as capex_basis,
        case
            when full_build.capex_bn is not null then full_build.capex_reported_on
            else phase_capex.capex_reported_on
        end as capex_reported_on,
        case
            when full_build.capex_bn is not null then full_build.capex_source_url
            else phase_capex.capex_source_url
        end as capex_source_url,
        full_build.capex_bn is null and phase_capex.capex_bn is not null as is_capex_sum_of_phases
    from full_build
    full join phase_capex using (project_id)
),

phase_totals as (
    select
        project_id,
        count(*) as phase_count,
        sum(capacity_it_mw) as phases_it_mw,
        coalesce(sum(capacity_it_mw) filter (where status = 'operational'), 0) as running_it_mw,
        bool_or(status = 'operational') as has_operational_phase,
        arg_min(phase_id, phase_id) filter (where status is distinct from 'operational') as next_phase_id
    from phases
    group by project_id
),

next_phases as (
    select
        phase_totals.project_id,
        phases.status as next_phase_status,
        phases.capacity_it_mw as next_phase_own_it_mw,
        phases.latest_online_on as next_phase_online_on,
        phases.latest_online_precision as next_phase_online_on_precision
    from phase_totals
    join phases on phases.project_id = phase_totals.project_id and phases.phase_id = phase_totals.next_phase_id
),

first_phases as (
    select project_id, latest_online_on as online_on, latest_online_precision as online_on_precision
    from phases
    qualify row_number() over (partition by project_id order by phase_id) = 1
),

-- capex in US dollars of its price year, then in 2025 dollars (annual FX and the US deflator)
fx as (
    select currency_iso4217, year(period_start) as year, usd_per_currency
    from {{ ref('stg_datahub__fx_rates_annual') }}
    where not is_legacy_currency
    qualify row_number() over (partition by currency_iso4217, year(period_start) order by fx_series_code) = 1
),

deflator as (
    select year, to_usd_2025_factor from {{ ref('int_usd_deflator_chained') }}
)

select
    projects.project_id,
    projects.project_name,
    projects.country_iso3,
    projects.site,
    projects.developer,
    projects.operator,
    projects.partners,
    projects.programmes,
    projects.is_stargate,
    projects.is_openai_for_countries,
    projects.project_kind,
    -- operational once a phase runs; otherwise where its next phase stands
    case when phase_totals.has_operational_phase then 'operational' else next_phases.next_phase_status end as status,
    coalesce(
        {{ registry_it_mw('full_build.it_mw', 'full_build.unstated_mw', 'full_build.facility_mw') }},
        phase_totals.phases_it_mw
    ) as it_mw,
    coalesce(
        {{ registry_mw_basis('full_build.it_mw', 'full_build.unstated_mw', 'full_build.facility_mw') }},
        case when phase_totals.phases_it_mw is not null then 'sum_of_phases' end
    ) as it_mw_basis,
    phase_totals.phase_count,
    phase_totals.running_it_mw,
    next_phases.next_phase_status,
    -- an unsized next phase of a project in several phases adds nothing known: the rest of the build is not
    -- being built because its first phase is (a one-phase project's unsized phase is its whole build)
    phase_totals.running_it_mw
    + coalesce(next_phases.next_phase_own_it_mw, case when phase_totals.phase_count > 1 then 0 end) as next_phase_it_mw,
    next_phases.next_phase_online_on,
    next_phases.next_phase_online_on_precision,
    first_phases.online_on,
    first_phases.online_on_precision,
    capex.capex_bn,
    capex.capex_currency,
    capex.capex_price_year,
    capex.capex_basis,
    capex.capex_reported_on,
    capex.capex_source_url,
    coalesce(capex.is_capex_sum_of_phases, false) as is_capex_sum_of_phases,
    case when capex.capex_currency = 'USD' then capex.capex_bn else capex.capex_bn * fx.usd_per_currency end
    * deflator.to_usd_2025_factor as capex_usd_bn_2025
from projects
join phase_totals using (project_id)
left join next_phases using (project_id)
left join first_phases using (project_id)
left join full_build using (project_id)
left join capex using (project_id)
left join fx on fx.currency_iso4217 = capex.capex_currency and fx.year = capex.capex_price_year
left join deflator on deflator.year = capex.capex_price_year
