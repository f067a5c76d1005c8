-- OpenAI's Stargate / OpenAI-for-Countries programme by country: what each partner country has
-- announced, runs and has put capex behind (one sum per capex basis), and committed capex against the
-- programme's announced envelope under both of its readings (US only, programme wide).
with programme as (
    select
        *,
        -- paused projects still count as announced (not withdrawn); cancelled ones drop out, and talks and
        -- letters of intent were never announcements
        status not in ('cancelled', 'talks', 'letter_of_intent') as is_announced
    from {{ ref('int_programme_projects_selected') }}
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
    ) as named
    where trim(company) not in ('', 'OpenAI')
),

partners_by_country as (
    select country_iso3, string_agg(company, '; ' order by lower(company), company) as partners
    from companies
    group by country_iso3
),

by_country as (
    select
        country_iso3,
        count(*) as project_count,
        -- projects without a figure add nothing to a sum, so they are counted, not lost
        count(*) filter (where is_announced and it_mw is null) as projects_without_mw_count,
        count(*) filter (where is_announced and capex_usd_bn_2025 is null) as projects_without_capex_count,
        -- null, not 0, when no project in the country published a capacity (Stargate UK)
        sum(it_mw) filter (where is_announced) as announced_it_mw,
        sum(it_mw) filter (where status = 'paused') as paused_it_mw,
        -- what runs (the campus phases), not the planned build of projects marked operational
        coalesce(sum(online_it_mw), 0) as online_it_mw,
        count(capex_usd_bn_2025) filter (where is_announced) as projects_with_capex_count,
        -- like with like: a commitment, an "up to" letter of intent, a partner's plan and a press figure
        -- are different things, so each basis has its own sum
    {% for basis in ['committed', 'announced_up_to', 'partner_plan', 'press_figure'] %}
        coalesce(sum(capex_usd_bn_2025) filter (where is_announced and capex_basis = '{{ basis }}'), 0)
            as capex_{{ basis }}_usd_bn_2025{{ "," if not loop.last }}
    {% endfor %}
    from programme
    group by country_iso3
),

envelope as (
    select
        cast({{ var('programme_envelope_long_term_usd_bn') }} as double) as programme_envelope_long_term_usd_bn,
        cast({{ var('programme_envelope_first_phase_usd_bn') }} as double) as programme_envelope_first_phase_usd_bn,
        '{{ var("programme_envelope_us_only_source_url") }}' as us_only_reading_source_url,
        '{{ var("programme_envelope_programme_wide_source_url") }}' as programme_wide_reading_source_url
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

-- shares are of committed capex only: the other bases are not commitments to fill an envelope with
select
    cumulative.country_iso3,
    countries.country_name,
    cumulative.project_count,
    partners_by_country.partners,
    cumulative.announced_it_mw,
    cumulative.paused_it_mw,
    cumulative.online_it_mw,
    cumulative.projects_without_mw_count,
    cumulative.projects_with_capex_count,
    cumulative.projects_without_capex_count,
    cumulative.capex_committed_usd_bn_2025,
    cumulative.capex_announced_up_to_usd_bn_2025,
    cumulative.capex_partner_plan_usd_bn_2025,
    cumulative.capex_press_figure_usd_bn_2025,
    cumulative.cumulative_capex_committed_usd_bn_2025,
    envelope.programme_envelope_long_term_usd_bn,
    envelope.programme_envelope_first_phase_usd_bn,
    -- reading 1: the envelope is for AI infrastructure in the United States; other countries are outside it
    case
        when cumulative.country_iso3 = 'USA'
            then 100 * cumulative.capex_committed_usd_bn_2025 / envelope.programme_envelope_long_term_usd_bn
    end as us_only_long_term_envelope_share_pct,
    case
        when cumulative.country_iso3 = 'USA'
            then 100 * cumulative.capex_committed_usd_bn_2025 / envelope.programme_envelope_first_phase_usd_bn
    end as us_only_first_phase_envelope_share_pct,
    envelope.us_only_reading_source_url,
    -- reading 2: the country projects of OpenAI for Countries sit inside the same envelope
    100 * cumulative.capex_committed_usd_bn_2025 / envelope.programme_envelope_long_term_usd_bn
        as programme_wide_long_term_envelope_share_pct,
    100 * cumulative.capex_committed_usd_bn_2025 / envelope.programme_envelope_first_phase_usd_bn
        as programme_wide_first_phase_envelope_share_pct,
    100 * cumulative.cumulative_capex_committed_usd_bn_2025 / envelope.programme_envelope_long_term_usd_bn
        as cumulative_programme_wide_long_term_envelope_share_pct,
    100 * cumulative.cumulative_capex_committed_usd_bn_2025 / envelope.programme_envelope_first_phase_usd_bn
        as cumulative_programme_wide_first_phase_envelope_share_pct,
    envelope.programme_wide_reading_source_url
from cumulative
cross join envelope
left join countries using (country_iso3)
left join partners_by_country using (country_iso3)
order by cumulative.capex_committed_usd_bn_2025 desc, cumulative.country_iso3
