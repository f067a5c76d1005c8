"""The Dagster UI as an engineer sees it: the webserver on 127.0.0.1, the asset graph in headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from orchestration.definitions import defs
from orchestration.settings import REPO_ROOT

ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def webserver(tmp_path):
    port = free_port()
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "ATLAS_HOME": str(tmp_path / "atlas"), "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    process = subprocess.Popen(
        [str(bin_dir / "dagster-webserver"), "-m", "orchestration.definitions", "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
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


def chromium(*args: str, tmp_path: Path) -> str:
    binary = shutil.which("chromium")
    assert binary, "chromium is missing: `make test` installs it (apt-get install chromium)"
    profile = tmp_path / "chromium-profile"
    result = subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=20000", *args],
        capture_output=True, text=True, timeout=180,
    )
    return result.stdout


def test_asset_graph_shows_every_group(webserver, tmp_path):
    groups = {spec.group_name for spec in defs().resolve_all_asset_specs()}
    dom = chromium("--dump-dom", f"{webserver}/asset-groups", tmp_path=tmp_path)
    missing = sorted(g for g in groups if g not in dom)
    assert not missing, f"asset groups not on the page: {missing}"

    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "asset-graph.png"
    chromium("--window-size=1600,1000", f"--screenshot={screenshot}", f"{webserver}/asset-groups", tmp_path=tmp_path)
    assert screenshot.stat().st_size > 10_000
