"""Construction feeds: the curated project registry, Epoch AI data centres and GPU clusters."""

from data_contracts.contract import CONTRACT_DIR
from orchestration.feeds import Feed
from transforms import ai_dc_projects

FEEDS: tuple[Feed, ...] = (
    Feed(
        name="ai_dc_projects",
        family="construction",
        curated_path=CONTRACT_DIR / "curated" / "ai_dc_projects.csv",
        stage=ai_dc_projects.stage_feed,
    ),
)
