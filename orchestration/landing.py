"""Fetches a feed's file and keeps it in the landing area under its content hash. No Dagster here.

landing/<feed>/<sha256>.<fmt>   the file, byte for byte, never overwritten
landing/<feed>/<sha256>.json    where it came from and when
landing/<feed>/latest.json      the most recent fetch, read by the staging asset
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from orchestration.feeds import Feed
from orchestration.settings import AtlasSettings


class FeedFetchError(RuntimeError):
    pass


@dataclass(frozen=True)
class LandedFile:
    feed: str
    path: str
    sha256: str
    source: str  # URL, mirror path or curated path
    fetched_at: str
    size_bytes: int


def _download(feed: Feed, timeout_s: float) -> bytes:
    try:
        with urllib.request.urlopen(feed.url, timeout=timeout_s) as response:
            return response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        raise FeedFetchError(
            f"feed '{feed.name}': download of {feed.url} failed ({err}). Without internet, point the feeds "
            f"at a local copy: ATLAS_MIRROR=/path/to/reference_data, holding {feed.mirror_path}."
        ) from None


def read_source(feed: Feed, settings: AtlasSettings, timeout_s: float = 60) -> tuple[bytes, str]:
    if feed.curated_path is not None:
        return feed.curated_path.read_bytes(), str(feed.curated_path)
    if settings.mirror is not None:
        path = settings.mirror / feed.mirror_path
        if not path.is_file():
            raise FeedFetchError(f"feed '{feed.name}': ATLAS_MIRROR={settings.mirror} has no file {feed.mirror_path}")
        return path.read_bytes(), str(path)
    data = _download(feed, timeout_s)
    return (_unzip(feed, data), f"{feed.url}!{feed.member}") if feed.member else (data, feed.url)


def _unzip(feed: Feed, data: bytes) -> bytes:
    """The declared member of a downloaded zip; landing keeps that file, so staging never sees a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {Path(n).name: n for n in archive.namelist()}  # tolerate a folder inside the zip
            if feed.member not in names:
                raise FeedFetchError(f"feed '{feed.name}': {feed.url} has no {feed.member}; it holds {sorted(names)}")
            return archive.read(names[feed.member])
    except zipfile.BadZipFile:
        raise FeedFetchError(f"feed '{feed.name}': {feed.url} is not a zip file") from None


def _write_atomically(path: Path, data: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
        tmp.write(data)
    os.replace(tmp.name, path)


def land(feed: Feed, settings: AtlasSettings) -> LandedFile:
    data, source = read_source(feed, settings)
    sha256 = hashlib.sha256(data).hexdigest()
    folder = settings.landing_dir / feed.name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{sha256}.{feed.fmt}"
    if not path.exists():
        _write_atomically(path, data)
    landed = LandedFile(feed.name, str(path), sha256, source, datetime.now(UTC).isoformat(), len(data))
    record = json.dumps(asdict(landed), indent=2).encode()
    _write_atomically(folder / f"{sha256}.json", record)
    _write_atomically(folder / "latest.json", record)
    return landed


def latest_landed(feed: Feed, settings: AtlasSettings) -> LandedFile:
    pointer = settings.landing_dir / feed.name / "latest.json"
    if not pointer.is_file():
        raise FeedFetchError(f"feed '{feed.name}': nothing landed yet in {pointer.parent}; materialise its landing asset first")
    return LandedFile(**json.loads(pointer.read_text()))
