"""Reference feeds: dimensions and reconciliation tables other feeds and marts lean on."""

from orchestration.feeds import Feed
from transforms import country_codes

FEEDS: tuple[Feed, ...] = (
    Feed(
        name="country_codes",
        family="reference",
        url="https://raw.githubusercontent.com/datasets/country-codes/main/data/country-codes.csv",
        mirror_path="country_codes/country-codes.csv",
        stage=country_codes.stage_feed,
        reference_tables=(),  # it is the reference
    ),
)
