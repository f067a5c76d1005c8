"""Energy feeds: electricity demand, carbon intensity, wholesale prices."""

from orchestration.feeds import Feed
from transforms import ember_country_overview_yearly

FEEDS: tuple[Feed, ...] = (
    Feed(
        name="ember_country_overview_yearly",
        family="energy",
        url="https://raw.githubusercontent.com/ember-climate/ember-data-api/main/data/api_country_overview_yearly.csv",
        mirror_path="ember/api_country_overview_yearly.csv",
        stage=ember_country_overview_yearly.stage_feed,
    ),
)
