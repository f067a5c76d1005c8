"""Energy feeds: electricity demand, carbon intensity, wholesale prices."""

from data_contracts.feeds import COUNTRY_NAMES, Feed
from transforms import ember__country_overview_yearly

FEEDS: tuple[Feed, ...] = (
    Feed(
        name="ember__country_overview_yearly",
        references={"country_names": COUNTRY_NAMES},
        family="energy",
        url="https://raw.githubusercontent.com/ember-climate/ember-data-api/main/data/api_country_overview_yearly.csv",
        mirror_path="ember/api_country_overview_yearly.csv",
        transform=ember__country_overview_yearly,
    ),
    Feed(
        name="ember__price_monthly",
        family="energy",
        url="https://raw.githubusercontent.com/ember-climate/ember-data-api/main/data/api_price_monthly.csv",
        mirror_path="ember/api_price_monthly.csv",
    ),
)
