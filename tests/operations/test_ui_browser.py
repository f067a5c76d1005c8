"""The Dagster UI as an engineer sees it: the webserver on 127.0.0.1, the asset graph in headless Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from data_contracts.paths import REFERENCE_DATA, REPO_ROOT
from orchestration.definitions import defs
from tests.helpers.browser import ARTIFACTS, CHROMIUM_FLAGS, free_port
from tests.helpers.dbt_parse import build_vars, parse_environment
from tests.helpers.hourly import mirror_of, with_two_balancing_authorities

BIN_DIR = Path(sys.executable).parent


def _environment(atlas_home: Path, mirror: Path = REFERENCE_DATA) -> dict[str, str]:
    return {
        **os.environ,
        "ATLAS_HOME": str(atlas_home),
        "DAGSTER_HOME": str(atlas_home / "dagster"),
        "ATLAS_MIRROR": str(mirror),
        "PATH": f"{BIN_DIR}:{os.environ['PATH']}",
    }


@contextmanager
def _serving(atlas_home: Path) -> Iterator[str]:
    """dagster-webserver on the instance that `make run` writes to (`make ui`'s), on a free port."""
    port, env = free_port(), _environment(atlas_home)
    Path(env["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [str(BIN_DIR / "dagster-webserver"), "-m", "orchestration.definitions", "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):  # bounded: at most about a minute
            try:
                urllib.request.urlopen(f"{url}/server_info", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("dagster-webserver did not answer on 127.0.0.1 within a minute")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def ui(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """`make ui`'s webserver on an instance of its own, once for the module: its home and its URL."""
    home = tmp_path_factory.mktemp("ui") / "atlas"
    with _serving(home) as url:
        yield home, url


def chromium(*args: str, tmp_path: Path) -> str:
    binary = shutil.which("chromium")
    assert binary, "chromium is missing: `make test` installs it (apt-get install chromium)"
    profile = tmp_path / "chromium-profile"
    result = subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=20000", *args],
        capture_output=True,
        text=True,
        timeout=180,
    )
    return result.stdout


def test_asset_graph_shows_every_group(ui, tmp_path):
    _, webserver = ui
    groups = {spec.group_name for spec in defs().resolve_all_asset_specs()}
    dom = chromium("--dump-dom", f"{webserver}/asset-groups", tmp_path=tmp_path)
    missing = sorted(g for g in groups if g not in dom)
    assert not missing, f"asset groups not on the page: {missing}"

    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "asset-graph.png"
    chromium("--window-size=1600,1000", f"--screenshot={screenshot}", f"{webserver}/asset-groups", tmp_path=tmp_path)
    assert screenshot.stat().st_size > 10_000


PARTITIONS = """query ($path: [String!]!) { assetNodeOrError(assetKey: {path: $path}) {
  ... on AssetNode { partitionStats { numMaterialized numPartitions numFailed } } } }"""


def _graphql(url: str, query: str, variables: dict) -> dict:
    request = urllib.request.Request(
        f"{url}/graphql",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)["data"]


def test_the_hourly_assets_show_their_materialised_months(ui, tmp_path):
    """Three months loaded by `python -m orchestration.run --hourly --months` into the instance `make ui`'s
    webserver shows: the partitioned assets hold those three months materialised, and the page shows them."""
    home, url = ui
    mirror = with_two_balancing_authorities(mirror_of(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "orchestration.run", "--hourly", "--months", "2021-01:2021-03"],
        cwd=REPO_ROOT,
        env={**_environment(home, mirror), **parse_environment(build_vars(home), tmp_path / "dbt")},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for path in (["raw", "energidataservice__spot_price_hourly"], ["staging", "stg_eia930__demand_hourly"]):
        stats = _graphql(url, PARTITIONS, {"path": path})["assetNodeOrError"]["partitionStats"]
        assert stats["numMaterialized"] == 3 and stats["numFailed"] == 0, (path, stats)
        assert stats["numPartitions"] >= 12 * 11  # monthly from 2015-12 to the month before today
    page = f"{url}/assets/raw/energidataservice__spot_price_hourly?view=partitions"
    dom = chromium("--dump-dom", page, tmp_path=tmp_path)
    text = re.sub(r"<[^>]+>", "", dom)
    assert "Materialized (3)" in text and "Missing (" in text, text[-3000:]
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "hourly-partitions.png"
    chromium("--window-size=1600,1000", f"--screenshot={screenshot}", page, tmp_path=tmp_path)
    assert screenshot.stat().st_size > 10_000
