-- How far does the Stargate / OpenAI-for-Countries programme, country by country, fill its announced
-- envelope (USD 500 bn long term, USD 100 bn first phase)? Largest committed capex first, with the
-- running total down the list; the last row's cumulative share is the whole programme's.
-- Units: announced_it_mw and online_it_mw in MW (IT capacity); capex in billions of 2025 USD (reported
-- capex, deflated from the announcement year); shares in % of the envelope.
select country_iso3,
       country_name,
       project_count,
       announced_it_mw,
       online_it_mw,
       projects_with_capex_count,
       capex_committed_usd_bn_2025,
       cumulative_capex_committed_usd_bn_2025,
       long_term_envelope_share_pct,
       first_phase_envelope_share_pct,
       cumulative_long_term_envelope_share_pct,
       cumulative_first_phase_envelope_share_pct
from marts.mart_country_programme
order by capex_committed_usd_bn_2025 desc, country_iso3;
