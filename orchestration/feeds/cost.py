"""Cost feeds: construction cost per watt, FX, inflation."""

from data_contracts.contract import CONTRACT_DIR
from orchestration.feeds import Feed
from transforms import cpi_inflation, dc_cost_per_watt, fx_rates_annual, fx_rates_monthly

FEEDS: tuple[Feed, ...] = (
    Feed(
        name="dc_cost_per_watt",
        family="cost",
        curated_path=CONTRACT_DIR / "curated" / "dc_cost_per_watt.csv",
        stage=dc_cost_per_watt.stage_feed,
    ),
    Feed(
        name="fx_rates_annual",
        family="cost",
        url="https://raw.githubusercontent.com/datasets/exchange-rates/main/data/annual.csv",
        mirror_path="exchange_rates/annual.csv",
        stage=fx_rates_annual.stage_feed,
    ),
    Feed(
        name="fx_rates_monthly",
        family="cost",
        url="https://raw.githubusercontent.com/datasets/exchange-rates/main/data/monthly.csv",
        mirror_path="exchange_rates/monthly.csv",
        stage=fx_rates_monthly.stage_feed,
    ),
    Feed(
        name="cpi_inflation",
        family="cost",
        # The World Bank API serves FP.CPI.TOTL.ZG only as a zip; datahub's CSV is the same indicator.
        url="https://raw.githubusercontent.com/datasets/cpi/main/data/cpi.csv",
        mirror_path="cpi/cpi.csv",
        stage=cpi_inflation.stage_feed,
    ),
)
