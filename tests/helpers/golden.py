"""Golden values computed by hand from the source files with the csv module, independently of the pipeline."""

from __future__ import annotations

import copy
import csv
import functools
from pathlib import Path

import yaml

from data_contracts.paths import REFERENCE_DATA, REPO_ROOT

HOURS_PER_YEAR = 8760


def _rows(path: Path) -> list[dict]:
    """The file's rows, a fresh copy each call (callers may edit them); each file is read once."""
    return copy.deepcopy(_read(path))


@functools.cache
def _read(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def dbt_var(name: str):
    return copy.deepcopy(_dbt_vars()[name])


@functools.cache
def _dbt_vars() -> dict:
    return yaml.safe_load((REPO_ROOT / "dbt_project" / "dbt_project.yml").read_text())["vars"]


def scenario(name: str) -> dict:
    return dbt_var("scenario_presets")[name]


def registry_reports(project_id: str, field: str, phase_id: str = "", as_of: str = "9999-12-31") -> list[dict]:
    """The reports on one project, phase ('' = the whole project) and field up to `as_of`, in report order
    (the date, then the line of the file: the header is line 1)."""
    rows = _rows(REPO_ROOT / "curated" / "atlas__dc_project_reports.csv")
    for line, r in enumerate(rows, start=2):
        r["line"] = line
    picked = [
        r
        for r in rows
        if (r["project_id"], r["phase_id"], r["field"]) == (project_id, phase_id, field) and r["reported_on"] <= as_of
    ]
    return sorted(picked, key=lambda r: (r["reported_on"], r["line"]))


def registry_latest(project_id: str, field: str, phase_id: str = "", as_of: str = "9999-12-31") -> dict | None:
    """The registry's word on one field as it stood on `as_of`: the latest report up to that day."""
    reports = registry_reports(project_id, field, phase_id, as_of)
    return reports[-1] if reports else None


def epoch_site(title: str) -> dict:
    """A site of Epoch's Frontier Data Centers table (December-2025 file) by its Title."""
    return next(r for r in _rows(REFERENCE_DATA / "epoch_ai" / "data_centers.csv") if r["Title"] == title)


@functools.cache
def crosswalked_clusters() -> frozenset[str]:
    seed = _rows(REPO_ROOT / "dbt_project" / "seeds" / "campus_crosswalk.csv")
    return frozenset(r["source_record"] for r in seed if r["source"] == "epoch_gpu_cluster")


def _counted_clusters(left_out: frozenset[str], vintage: str = "epoch_ai") -> list[dict]:
    """Clusters the atlas counts: all but those `left_out` names (the rule is written once, in
    int_epoch_clusters_screened: `Build.left_out_clusters()` reads it). The anonymised Chinese systems share
    one name: numbered in file order, as stg_epoch__gpu_clusters' cluster_id."""
    rows, seen = _rows(REFERENCE_DATA / vintage / "gpu_clusters.csv"), {}
    for r in rows:
        name = r["Name"] = r["Name"].strip()
        if name.startswith(("Anonymized", "Anonymised")):
            seen[name] = seen.get(name, 0) + 1
            r["Name"] = f"{name} #{seen[name]}"
    return [r for r in rows if r["Name"] not in left_out]


def cluster_it_mw_of(r: dict, yardstick_w: float) -> float | None:
    """One basis per figure: a reported figure is a headline (IT); Epoch's calculated power is facility power
    (/ epoch_cluster_pue); an existing cluster without power is estimated from its H100-equivalents."""
    if r["Reported Power Capacity (MW)"]:
        return float(r["Reported Power Capacity (MW)"])
    if r["Power Capacity (MW)"]:
        return float(r["Power Capacity (MW)"]) / dbt_var("epoch_cluster_pue")
    if r["Status"] == "Existing" and r["H100 equivalents"] and float(r["H100 equivalents"]) > 0:
        return float(r["H100 equivalents"]) * yardstick_w / 1e6
    return None


def cluster_yardstick_w(clusters: list[dict]) -> float:
    """Median IT W per H100-equivalent of existing clusters whose power Epoch calculated."""
    ratios = sorted(
        float(r["Calculated Power Capacity (MW)"]) / dbt_var("epoch_cluster_pue") * 1e6 / float(r["H100 equivalents"])
        for r in clusters
        if r["Status"] == "Existing"
        and r["Calculated Power Capacity (MW)"]
        and float(r["Calculated Power Capacity (MW)"]) > 0
        and r["H100 equivalents"]
        and float(r["H100 equivalents"]) > 0
    )
    mid = len(ratios) // 2
    return ratios[mid] if len(ratios) % 2 else (ratios[mid - 1] + ratios[mid]) / 2


def cluster_chains(country_name: str, left_out: frozenset[str], vintage: str = "epoch_ai") -> list[dict]:
    return copy.deepcopy(_cluster_chains(country_name, left_out, vintage))


@functools.cache
def _cluster_chains(country_name: str, left_out: frozenset[str], vintage: str) -> list[dict]:
    """Epoch's cumulative phases, chained by Builds Upon / Superseded by: the latest phase is the full build,
    the largest existing phase is what runs. Chains whose latest phase is linked to a campus are left out."""
    counted = _counted_clusters(left_out, vintage)
    yardstick = cluster_yardstick_w(counted)
    names = {r["Name"] for r in counted}
    later = {}  # earlier -> later
    for r in counted:
        if r["Builds Upon"] in names and r["Builds Upon"] != r["Name"]:
            later[r["Builds Upon"]] = min(later.get(r["Builds Upon"], r["Name"]), r["Name"])
        if r["Superseded by"] in names and r["Superseded by"] != r["Name"]:
            later[r["Name"]] = min(later.get(r["Name"], r["Superseded by"]), r["Superseded by"])
    chains: dict[str, list[dict]] = {}
    for r in counted:
        head, steps = r["Name"], 0
        while head in later and steps < 20:
            head, steps = later[head], steps + 1
        chains.setdefault(head, []).append(r)
    result = []
    for head, members in chains.items():
        (latest,) = [m for m in members if m["Name"] == head] or [members[0]]
        if latest["Country"] != country_name or head in crosswalked_clusters():
            continue
        mws = [cluster_it_mw_of(m, yardstick) for m in members]
        full = cluster_it_mw_of(latest, yardstick)
        full = full if full is not None else max((m for m in mws if m is not None), default=None)
        existing = [mw for m, mw in zip(members, mws) if m["Status"] == "Existing" and mw is not None]
        is_operational = any(m["Status"] == "Existing" for m in members)
        running = max(existing) if existing else (None if is_operational else 0.0)
        result.append({"name": head, "operational": is_operational, "it_mw": full, "running_it_mw": running})
    return result


def cluster_mw_by_status(country_name: str, left_out: frozenset[str], vintage: str = "epoch_ai") -> dict[str, float]:
    """Operational = what the chains run; announced = the rest of each chain's full build."""
    totals = {"operational": 0.0, "announced": 0.0}
    for chain in cluster_chains(country_name, left_out, vintage):
        running = chain["running_it_mw"] or 0.0
        full = max(chain["it_mw"] or 0.0, running)
        totals["operational"] += running
        totals["announced"] += full - running
    return totals


def epoch_site_it_mw(current_power_mw: str) -> float:
    """Dec-2025 site power is facility power: IT = facility / epoch_site_facility_to_it."""
    return float(current_power_mw) / dbt_var("epoch_site_facility_to_it")


def epoch_sites(vintage: str = "epoch_ai") -> list[dict]:
    return _rows(REFERENCE_DATA / vintage / "data_centers.csv")


def ember_latest(iso3: str, column: str) -> tuple[int, float]:
    rows = [
        r
        for r in _rows(REFERENCE_DATA / "ember" / "api_country_overview_yearly.csv")
        if r["country_code"] == iso3 and r[column]
    ]
    latest = max(rows, key=lambda r: int(r["year"]))
    return int(latest["year"]), float(latest[column])


def energy_twh(expected_it_mw: float, preset: dict) -> float:
    return expected_it_mw * HOURS_PER_YEAR * preset["utilisation"] * preset["pue"] / 1e6
