"""Golden values computed by hand from the source files with the csv module, independently of the pipeline."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from orchestration.settings import REPO_ROOT
from tests.conftest import REFERENCE_DATA

HOURS_PER_YEAR = 8760


def _rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def dbt_var(name: str):
    return yaml.safe_load((REPO_ROOT / "dbt_project" / "dbt_project.yml").read_text())["vars"][name]


def scenario(name: str) -> dict:
    return dbt_var("scenario_presets")[name]


def registry(project: str) -> dict:
    return next(r for r in registry_rows() if r["project"] == project)


def registry_rows() -> list[dict]:
    return _rows(REPO_ROOT / "data_contracts" / "curated" / "ai_dc_projects.csv")


def epoch_site(title: str) -> dict:
    """A site of Epoch's Frontier Data Centers table (December-2025 file) by its Title."""
    return next(r for r in _rows(REFERENCE_DATA / "epoch_ai" / "data_centers.csv") if r["Title"] == title)


def crosswalked_clusters() -> set[str]:
    seed = _rows(REPO_ROOT / "dbt_project" / "seeds" / "campus_crosswalk.csv")
    return {r["source_record"] for r in seed if r["source"] == "epoch_gpu_cluster"}


def epoch_clusters(country_name: str) -> list[dict]:
    """Clusters the atlas counts on their own: not decommissioned, not rated unlikely, not flagged as
    possible duplicates, not linked to a campus described by another source."""
    return [
        r for r in _rows(REFERENCE_DATA / "epoch_ai" / "gpu_clusters.csv")
        if r["Country"] == country_name and r["Status"] != "Decommissioned" and r["Certainty"] != "Unlikely"
        and r["Possible Duplicate"] != "TRUE" and r["Name"] not in crosswalked_clusters()
    ]


def cluster_it_mw(clusters: list[dict], status: str) -> float:
    """Epoch's cluster power is facility power: IT MW = MW / the PUE Epoch applied (var epoch_cluster_pue)."""
    facility_mw = sum(float(r["Power Capacity (MW)"]) for r in clusters if r["Status"] == status and r["Power Capacity (MW)"])
    return facility_mw / dbt_var("epoch_cluster_pue")


def ember_latest(iso3: str, column: str) -> tuple[int, float]:
    rows = [r for r in _rows(REFERENCE_DATA / "ember" / "api_country_overview_yearly.csv") if r["country_code"] == iso3 and r[column]]
    latest = max(rows, key=lambda r: int(r["year"]))
    return int(latest["year"]), float(latest[column])


def energy_twh(expected_it_mw: float, preset: dict) -> float:
    return expected_it_mw * HOURS_PER_YEAR * preset["utilisation"] * preset["pue"] / 1e6
