-- OpenAI's Stargate / OpenAI-for-Countries programme by country: what each partner country has
-- announced, runs and has committed in capex, against the programme's announced envelope.
with programme as (
    select * from {{ ref('int_programme_projects_selected') }}
),

countries as (
    select country_iso3, country_name from {{ ref('stg_datahub__country_codes') }}
),

-- every company named as operator or partner; OpenAI is on every programme project, so it says nothing
companies as (
    select distinct country_iso3, trim(company) as company
    from (
        select country_iso3, unnest(string_split(concat_ws('; ', operator, partners), ';')) as company
        from programme
    )
    where trim(company) not in ('', 'OpenAI')
),

partners_by_country as (
    select country_iso3, string_agg(company, '; ' order by lower(company), company) as partners
    from companies
    group by country_iso3
),

-- paused projects still count as announced (not withdrawn); only cancelled ones drop out
by_country as (
    select
        country_iso3,
        count(*) as project_count,
        -- null, not 0, when no project in the country published a capacity (Stargate UK)
        sum(it_mw) filter (where status <> 'cancelled') as announced_it_mw,
        sum(it_mw) filter (where status = 'paused') as paused_it_mw,
        coalesce(sum(it_mw) filter (where status = 'operational'), 0) as online_it_mw,
        count(capex_usd_bn_2025) filter (where status <> 'cancelled') as projects_with_capex_count,
        coalesce(sum(capex_usd_bn_2025) filter (where status <> 'cancelled'), 0) as capex_committed_usd_bn_2025
    from programme
    group by country_iso3
),

envelope as (
    select
        cast({{ var('programme_envelope_long_term_usd_bn') }} as double) as programme_envelope_long_term_usd_bn,
        cast({{ var('programme_envelope_first_phase_usd_bn') }} as double) as programme_envelope_first_phase_usd_bn
),

-- running total from the largest commitment down: how much of the envelope the top countries fill
cumulative as (
    select
        *,
        sum(capex_committed_usd_bn_2025) over (
            order by capex_committed_usd_bn_2025 desc, country_iso3
            rows between unbounded preceding and current row
        ) as cumulative_capex_committed_usd_bn_2025
    from by_country
)

select
    cumulative.country_iso3,
    countries.country_name,
    cumulative.project_count,
    partners_by_country.partners,
    cumulative.announced_it_mw,
    cumulative.paused_it_mw,
    cumulative.online_it_mw,
    cumulative.projects_with_capex_count,
    cumulative.capex_committed_usd_bn_2025,
    cumulative.cumulative_capex_committed_usd_bn_2025,
    envelope.programme_envelope_long_term_usd_bn,
    envelope.programme_envelope_first_phase_usd_bn,
    100 * cumulative.capex_committed_usd_bn_2025 / envelope.programme_envelope_long_term_usd_bn
        as long_term_envelope_share_pct,
    100 * cumulative.capex_committed_usd_bn_2025 / envelope.programme_envelope_first_phase_usd_bn
        as first_phase_envelope_share_pct,
    100 * cumulative.cumulative_capex_committed_usd_bn_2025 / envelope.programme_envelope_long_term_usd_bn
        as cumulative_long_term_envelope_share_pct,
    100 * cumulative.cumulative_capex_committed_usd_bn_2025 / envelope.programme_envelope_first_phase_usd_bn
        as cumulative_first_phase_envelope_share_pct
from cumulative
cross join envelope
left join countries using (country_iso3)
left join partners_by_country using (country_iso3)
order by cumulative.capex_committed_usd_bn_2025 desc, cumulative.country_iso3
