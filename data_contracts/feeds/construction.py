"""Construction feeds: the curated project registry (projects, phases, reports), Epoch AI data centres and GPU clusters."""

from data_contracts.feeds import COUNTRY_NAMES, Feed
from transforms import atlas__dc_project_reports, epoch__data_center_timelines, epoch__data_centers, epoch__gpu_clusters

# Epoch publishes the data-centre hub as one zip holding data_centers.csv and data_center_timelines.csv
# (the URL public build scripts download); each feed lands its own member. Mirrors hold the CSVs themselves.
EPOCH_DATA_CENTERS_ZIP = "https://epoch.ai/data/data_centers/data_centers.zip"

FEEDS: tuple[Feed, ...] = (
    # The registry: projects, their phases, and the dated report log every figure comes from
    Feed(name="atlas__dc_projects", family="construction", curated=True),
    Feed(name="atlas__dc_project_phases", family="construction", curated=True),
    Feed(
        name="atlas__dc_project_reports",
        family="construction",
        curated=True,
        transform=atlas__dc_project_reports,
        references={"phases": "atlas__dc_project_phases"},
    ),
    Feed(
        name="epoch__data_centers",
        references={"country_names": COUNTRY_NAMES},
        family="construction",
        url=EPOCH_DATA_CENTERS_ZIP,
        member="data_centers.csv",
        mirror_path="epoch_ai/data_centers.csv",
        transform=epoch__data_centers,
    ),
    Feed(
        name="epoch__data_center_timelines",
        family="construction",
        url=EPOCH_DATA_CENTERS_ZIP,
        member="data_center_timelines.csv",
        mirror_path="epoch_ai/data_center_timelines.csv",
        transform=epoch__data_center_timelines,
    ),
    Feed(
        name="epoch__gpu_clusters",
        references={"country_names": COUNTRY_NAMES},
        family="construction",
        # The CSV behind https://epoch.ai/data/gpu-clusters, the URL several public build scripts download
        # (a zip of it sits at gpu_clusters.zip); this machine cannot fetch it, so it is unverified from here.
        url="https://epoch.ai/data/gpu_clusters.csv",
        mirror_path="epoch_ai/gpu_clusters.csv",
        transform=epoch__gpu_clusters,
    ),
)
