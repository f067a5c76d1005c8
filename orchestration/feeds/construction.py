"""Construction feeds: the curated project registry, Epoch AI data centres and GPU clusters."""

from data_contracts.contract import CONTRACT_DIR
from orchestration.feeds import Feed
from transforms import ai_dc_projects, epoch_data_center_timelines, epoch_data_centers, epoch_gpu_clusters

# Epoch publishes the data-centre hub as one zip holding data_centers.csv and data_center_timelines.csv
# (the URL public build scripts download); each feed lands its own member. Mirrors hold the CSVs themselves.
EPOCH_DATA_CENTERS_ZIP = "https://epoch.ai/data/data_centers/data_centers.zip"

FEEDS: tuple[Feed, ...] = (
    Feed(
        name="ai_dc_projects",
        family="construction",
        curated_path=CONTRACT_DIR / "curated" / "ai_dc_projects.csv",
        stage=ai_dc_projects.stage_feed,
    ),
    Feed(
        name="epoch_data_centers",
        family="construction",
        url=EPOCH_DATA_CENTERS_ZIP,
        member="data_centers.csv",
        mirror_path="epoch_ai/data_centers.csv",
        stage=epoch_data_centers.stage_feed,
    ),
    Feed(
        name="epoch_data_center_timelines",
        family="construction",
        url=EPOCH_DATA_CENTERS_ZIP,
        member="data_center_timelines.csv",
        mirror_path="epoch_ai/data_center_timelines.csv",
        stage=epoch_data_center_timelines.stage_feed,
    ),
    Feed(
        name="epoch_gpu_clusters",
        family="construction",
        # Unverified: the download link on https://epoch.ai/data/gpu-clusters was not checked from here.
        url="https://epoch.ai/data/gpu_clusters.csv",
        mirror_path="epoch_ai/gpu_clusters.csv",
        stage=epoch_gpu_clusters.stage_feed,
    ),
)
