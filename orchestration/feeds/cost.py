"""Cost feeds: construction cost per watt, FX, inflation."""

from data_contracts.contract import CONTRACT_DIR
from orchestration.feeds import Feed
from transforms import dc_cost_per_watt

FEEDS: tuple[Feed, ...] = (
    Feed(
        name="dc_cost_per_watt",
        family="cost",
        curated_path=CONTRACT_DIR / "curated" / "dc_cost_per_watt.csv",
        stage=dc_cost_per_watt.stage_feed,
    ),
)
