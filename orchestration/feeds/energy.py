"""Energy feeds: electricity demand, carbon intensity, wholesale prices."""

from orchestration.feeds import Feed
from transforms import ember_country_overview_yearly, ember_price_monthly

FEEDS: tuple[Feed, ...] = (
    Feed(
        name="ember_country_overview_yearly",
        family="energy",
        url="https://raw.githubusercontent.com/ember-climate/ember-data-api/main/data/api_country_overview_yearly.csv",
        mirror_path="ember/api_country_overview_yearly.csv",
        stage=ember_country_overview_yearly.stage_feed,
    ),
    Feed(
        name="ember_price_monthly",
        family="energy",
        url="https://raw.githubusercontent.com/ember-climate/ember-data-api/main/data/api_price_monthly.csv",
        mirror_path="ember/api_price_monthly.csv",
        stage=ember_price_monthly.stage_feed,
    ),
)
