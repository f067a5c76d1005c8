"""Cost feeds: construction cost per watt, FX, inflation."""

from data_contracts.feeds import COUNTRY_DIMENSION, COUNTRY_NAMES, Feed
from transforms import datahub__fx_rates_annual, datahub__fx_rates_monthly, worldbank__cpi_inflation

FEEDS: tuple[Feed, ...] = (
    Feed(
        name="atlas__dc_cost_per_watt",
        family="cost",
        curated=True,
    ),
    Feed(
        name="datahub__fx_rates_annual",
        references={"country_codes": COUNTRY_DIMENSION, "country_names": COUNTRY_NAMES},
        family="cost",
        url="https://raw.githubusercontent.com/datasets/exchange-rates/main/data/annual.csv",
        mirror_path="exchange_rates/annual.csv",
        transform=datahub__fx_rates_annual,
    ),
    Feed(
        name="datahub__fx_rates_monthly",
        references={"country_codes": COUNTRY_DIMENSION, "country_names": COUNTRY_NAMES},
        family="cost",
        url="https://raw.githubusercontent.com/datasets/exchange-rates/main/data/monthly.csv",
        mirror_path="exchange_rates/monthly.csv",
        transform=datahub__fx_rates_monthly,
    ),
    Feed(
        name="worldbank__cpi_inflation",
        family="cost",
        # The World Bank API serves FP.CPI.TOTL.ZG only as a zip; datahub's CSV is the same indicator.
        url="https://raw.githubusercontent.com/datasets/cpi/main/data/cpi.csv",
        mirror_path="cpi/cpi.csv",
        transform=worldbank__cpi_inflation,
    ),
)
