"""Fetching: failures name the feed and where it looked; every file is kept by content hash."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zipfile

import pytest

from data_contracts.feeds import feed_by_name
from data_contracts.paths import REFERENCE_DATA
from ingest.http_fetch import RetryPolicy
from ingest.landing import FeedFetchError, land, latest_landed
from ingest.settings import AtlasSettings

EMBER = feed_by_name("ember__country_overview_yearly")


def test_failed_download_names_feed_url_and_the_mirror(tmp_path):
    unreachable = dataclasses.replace(EMBER, url="http://127.0.0.1:9/api_country_overview_yearly.csv")
    with pytest.raises(FeedFetchError) as raised:
        land(unreachable, AtlasSettings(home=tmp_path, mirror=None), RetryPolicy(attempts=2, first_delay_s=0.01))
    message = str(raised.value)
    assert message.startswith(
        "feed 'ember__country_overview_yearly': download of http://127.0.0.1:9/api_country_overview_yearly.csv failed"
    )
    assert "failed 2 times, last with URLError: [Errno 111] Connection refused" in message
    assert "ATLAS_MIRROR=" in message and "ember/api_country_overview_yearly.csv" in message


def test_mirror_without_the_file_says_which(tmp_path):
    with pytest.raises(FeedFetchError, match=r"ATLAS_MIRROR=.* has no file ember/api_country_overview_yearly.csv"):
        land(EMBER, AtlasSettings(home=tmp_path / "home", mirror=tmp_path))


def test_landing_keeps_each_version_by_hash(tmp_path):
    settings = AtlasSettings(home=tmp_path / "home", mirror=tmp_path / "mirror")
    source = settings.mirror / EMBER.mirror_path
    source.parent.mkdir(parents=True)
    original = (REFERENCE_DATA / EMBER.mirror_path).read_bytes()
    source.write_bytes(original)
    first = land(EMBER, settings)
    source.write_bytes(original.replace(b"4272.81", b"4272.82"))
    second = land(EMBER, settings)

    assert first.sha256 == hashlib.sha256(original).hexdigest() != second.sha256
    folder = settings.landing_dir / EMBER.name
    assert sorted(p.name for p in folder.glob("*.csv")) == sorted([f"{first.sha256}.csv", f"{second.sha256}.csv"])
    assert (folder / f"{first.sha256}.csv").read_bytes() == original
    assert json.loads((folder / f"{first.sha256}.json").read_text())["source"] == str(source)
    assert latest_landed(EMBER, settings) == second


def test_a_zipped_download_lands_its_member(tmp_path):
    """Epoch's data-centre zip holds both CSVs; each feed lands only its own file (file:// stands in for https)."""
    archive = tmp_path / "data_centers.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name in ("data_centers.csv", "data_center_timelines.csv"):
            z.write(REFERENCE_DATA / "epoch_ai" / name, f"data_centers/{name}")
    feed = dataclasses.replace(feed_by_name("epoch__data_center_timelines"), url=archive.as_uri())
    landed = land(feed, AtlasSettings(home=tmp_path / "home", mirror=None))
    expected = (REFERENCE_DATA / "epoch_ai" / "data_center_timelines.csv").read_bytes()
    assert (landed.sha256, landed.source) == (
        hashlib.sha256(expected).hexdigest(),
        f"{archive.as_uri()}!data_center_timelines.csv",
    )
    missing = dataclasses.replace(feed, member="gpu_clusters.csv")
    with pytest.raises(
        FeedFetchError, match=r"has no gpu_clusters.csv; it holds \['data_center_timelines.csv', 'data_centers.csv'\]"
    ):
        land(missing, AtlasSettings(home=tmp_path / "home", mirror=None))


def test_curated_feeds_read_the_repository_unless_curated_dir_overrides(tmp_path):
    projects = feed_by_name("atlas__dc_projects")
    from_repo = land(projects, AtlasSettings(home=tmp_path / "a", mirror=None))
    assert from_repo.source == str(projects.curated_path)
    (tmp_path / "curated").mkdir()
    edited = projects.curated_path.read_bytes() + b"\n"
    (tmp_path / "curated" / "atlas__dc_projects.csv").write_bytes(edited)
    overridden = land(projects, AtlasSettings(home=tmp_path / "b", mirror=None, curated_dir=tmp_path / "curated"))
    assert overridden.source == str(tmp_path / "curated" / "atlas__dc_projects.csv")
    assert overridden.sha256 == hashlib.sha256(edited).hexdigest()


def test_a_dead_writers_partial_file_is_removed_and_a_live_ones_kept(tmp_path):
    import os
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()  # a pid that no longer runs: the writer was killed mid-file
    settings = AtlasSettings(home=tmp_path / "home", mirror=REFERENCE_DATA)
    folder = settings.landing_dir / EMBER.name
    folder.mkdir(parents=True)
    dead, live = folder / f".partial-{process.pid}-abc", folder / f".partial-{os.getpid()}-def"
    for partial in (dead, live):
        partial.write_bytes(b"country_code,ye")

    landed = land(EMBER, settings)

    assert not dead.exists() and live.exists()
    assert hashlib.sha256(open(landed.path, "rb").read()).hexdigest() == landed.sha256
