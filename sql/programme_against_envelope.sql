-- How far does the Stargate / OpenAI-for-Countries programme, country by country, fill its announced
-- envelope (USD 500 bn long term, USD 100 bn first phase)? Only committed capex counts against it; "up
-- to" letters of intent, partners' plans and press figures are shown beside it, never added to it. The
-- envelope is read two ways, each with its source: US only (OpenAI's announcement names it for the
-- United States: only the USA row has a share) and programme wide (OpenAI for Countries inside it).
-- Largest committed capex first, with the programme-wide running total; its last row is the programme's.
-- Units: announced_it_mw and online_it_mw in MW (IT capacity; online is what runs, from the campus
-- phases); capex in billions of 2025 USD (reported capex, deflated from the announcement year); shares in
-- % of the envelope; counts are projects (not cancelled) with no MW or no capex figure.
select
    country_iso3,
    country_name,
    project_count,
    announced_it_mw,
    online_it_mw,
    projects_without_mw_count,
    projects_without_capex_count,
    capex_committed_usd_bn_2025,
    capex_announced_up_to_usd_bn_2025,
    capex_partner_plan_usd_bn_2025,
    capex_press_figure_usd_bn_2025,
    cumulative_capex_committed_usd_bn_2025,
    us_only_long_term_envelope_share_pct,
    us_only_first_phase_envelope_share_pct,
    us_only_reading_source_url,
    programme_wide_long_term_envelope_share_pct,
    programme_wide_first_phase_envelope_share_pct,
    cumulative_programme_wide_long_term_envelope_share_pct,
    cumulative_programme_wide_first_phase_envelope_share_pct,
    programme_wide_reading_source_url
from marts.mart_country_programme
order by capex_committed_usd_bn_2025 desc, country_iso3;
