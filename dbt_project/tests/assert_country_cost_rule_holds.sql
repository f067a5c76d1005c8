{{ config(meta={"dagster": {"ref": {"name": "mart_country_cost"}}}) }}

-- Rows that break the mart's stated rules: a plausible cost (the contract's 1-50 USD/W band), the mean
-- inside its min and max, no cost for a country without a market, and the pipeline priced as documented.
with mart as (
    select * from {{ ref('mart_country_cost') }}
)

select country_iso3, cost_year
from mart
where
    (
        has_cost_index_market and (
            usd_per_w_2025 not between 1 and 50
            or usd_per_w_2025 < usd_per_w_2025_min - 1e-9
            or usd_per_w_2025 > usd_per_w_2025_max + 1e-9
            or market_count < 1
        )
    )
    or (
        not has_cost_index_market and (
            coalesce(usd_per_w_2025, usd_per_w_nominal, capex_usd_m_per_mw_2025, unbuilt_build_cost_usd_bn_2025)
            is not null
            or market_count != 0
        )
    )
    or (
        is_latest_for_country and has_cost_index_market
        -- within the rounding of finished figures (var finished_figure_units)
        and abs(unbuilt_build_cost_usd_bn_2025 - unbuilt_it_mw * usd_per_w_2025 / 1e3) > 1e-6
    )
    or (not is_latest_for_country and coalesce(unbuilt_it_mw, unbuilt_build_cost_usd_bn_2025) is not null)
