"""Fetches a feed's file and keeps it in the landing area under its content hash. No Dagster here.

landing/<feed>/<sha256>.csv    the file, byte for byte, never overwritten
landing/<feed>/<sha256>.json    where it came from and when
landing/<feed>/latest.json      the most recent fetch, read by the raw asset
landing/<feed>/attempt.json     the most recent try and its error, if it failed: the raw asset marks the feed stale

A feed of many files (Feed.files) keeps each file the same way; its record lists them as `members` and its
sha256 is the hash of that list, so one changed file makes a new landing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from data_contracts.feeds import Feed
from ingest.files import remove_partials, write_atomically
from ingest.http_fetch import Download, DownloadError, RetryPolicy, download
from ingest.settings import AtlasSettings

DEFAULT_RETRY = RetryPolicy()
LANDED_SUFFIX = "csv"  # every feed's file is CSV (a zipped download lands its declared member)


class FeedFetchError(RuntimeError):
    def __init__(self, message: str, retryable: bool = False):
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class LandedFile:
    feed: str
    path: str
    sha256: str
    source: str  # URL, mirror path or curated path
    fetched_at: str
    size_bytes: int
    etag: str | None = None
    last_modified: str | None = None
    unchanged: bool = False  # the server answered 304: this is the previous file
    members: tuple[dict, ...] = ()  # a feed of many files: each file's name, sha256, path and size_bytes

    @property
    def retrieval_day(self) -> date:
        """The day the file was fetched: a contract's `max: retrieved` bound (no date after the file's own)."""
        return datetime.fromisoformat(self.fetched_at).date()


def _secret_headers(feed: Feed) -> dict[str, str]:
    """The feed's credential from the environment, read now (never at import, never stored)."""
    if feed.credential is None:
        return {}
    secret = os.environ.get(feed.credential.env, "").strip()
    if not secret:
        raise FeedFetchError(
            f"feed '{feed.name}': its live source needs a credential: set ${feed.credential.env} in the environment "
            f"(it is sent as the {feed.credential.header} header and never written down), or use ATLAS_MIRROR."
        )
    return {feed.credential.header: secret}


def _download(feed: Feed, previous: LandedFile | None, policy: RetryPolicy) -> Download:
    try:
        return download(
            feed.url,
            etag=previous.etag if previous else None,
            last_modified=previous.last_modified if previous else None,
            policy=policy,
            secret_headers=_secret_headers(feed),
        )
    except DownloadError as err:
        raise FeedFetchError(
            f"feed '{feed.name}': download of {err}. Without internet, point the feeds at a local copy: "
            f"ATLAS_MIRROR=/path/to/reference_data, holding {feed.mirror_path}.",
            retryable=err.retryable,
        ) from None


def _read_local(feed: Feed, settings: AtlasSettings) -> tuple[bytes, str]:
    if feed.curated_path is not None:
        path = settings.curated_file(feed.curated_path)
        return path.read_bytes(), str(path)
    path = settings.mirror / feed.mirror_path
    if not path.is_file():
        raise FeedFetchError(f"feed '{feed.name}': ATLAS_MIRROR={settings.mirror} has no file {feed.mirror_path}")
    return path.read_bytes(), str(path)


def _unzip(feed: Feed, data: bytes) -> bytes:
    """The declared member of a downloaded zip; landing keeps that file, so the raw load never sees a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {Path(n).name: n for n in archive.namelist()}  # tolerate a folder inside the zip
            if feed.member not in names:
                raise FeedFetchError(f"feed '{feed.name}': {feed.url} has no {feed.member}; it holds {sorted(names)}")
            return archive.read(names[feed.member])
    except zipfile.BadZipFile:
        raise FeedFetchError(f"feed '{feed.name}': {feed.url} is not a zip file") from None


def _keep(folder: Path, data: bytes) -> tuple[str, Path]:
    sha256 = hashlib.sha256(data).hexdigest()
    path = folder / f"{sha256}.{LANDED_SUFFIX}"
    if not path.exists():
        write_atomically(path, data)
    return sha256, path


def _record(folder: Path, landed: LandedFile) -> LandedFile:
    record = json.dumps(asdict(landed), indent=2).encode()
    write_atomically(folder / f"{landed.sha256}.json", record)
    write_atomically(folder / "latest.json", record)
    return landed


def _land_files(feed: Feed, settings: AtlasSettings) -> LandedFile:
    """Every file of a many-file feed, each kept under its sha256 (an unchanged file costs one hash)."""
    if settings.mirror is None:
        raise FeedFetchError(
            f"feed '{feed.name}': no live download yet (its live source has another layout than the recorded "
            f"files); set ATLAS_MIRROR to a folder holding {feed.mirror_path}/{feed.files}"
        )
    source = settings.mirror / feed.mirror_path
    files = sorted(source.glob(feed.files)) if source.is_dir() else []
    if not files:
        raise FeedFetchError(
            f"feed '{feed.name}': ATLAS_MIRROR={settings.mirror} has no {feed.mirror_path}/{feed.files}"
        )
    folder = settings.landing_dir / feed.name
    folder.mkdir(parents=True, exist_ok=True)
    remove_partials(folder)
    members = []
    for file in files:
        sha256, path = _keep(folder, file.read_bytes())
        members.append({"name": file.name, "sha256": sha256, "path": str(path), "size_bytes": path.stat().st_size})
    listing = json.dumps([(m["name"], m["sha256"]) for m in members]).encode()
    landed = LandedFile(
        feed.name,
        str(folder),
        hashlib.sha256(listing).hexdigest(),
        str(source),
        _now(),
        sum(m["size_bytes"] for m in members),
        members=tuple(members),
    )
    _record(folder, landed)
    record_attempt(feed, settings, error=None)
    return landed


def land(feed: Feed, settings: AtlasSettings, policy: RetryPolicy = DEFAULT_RETRY) -> LandedFile:
    """Fetch the feed's file and keep it; an unchanged remote file (304) lands nothing new."""
    if feed.partitioned:
        return _land_files(feed, settings)
    etag = last_modified = None
    if feed.curated_path is not None or settings.mirror is not None:
        data, source = _read_local(feed, settings)
    else:
        previous = _previous(feed, settings)
        fetched = _download(feed, previous, policy)
        if fetched.unchanged and previous is not None:
            record_attempt(feed, settings, error=None)
            return replace(previous, fetched_at=_now(), unchanged=True)
        data, source, etag, last_modified = fetched.data, feed.url, fetched.etag, fetched.last_modified
        if feed.member:  # a zipped download: land the declared file, so the raw load never sees a zip
            data, source = _unzip(feed, data), f"{feed.url}!{feed.member}"
    folder = settings.landing_dir / feed.name
    folder.mkdir(parents=True, exist_ok=True)
    remove_partials(folder)
    sha256, path = _keep(folder, data)
    landed = _record(folder, LandedFile(feed.name, str(path), sha256, source, _now(), len(data), etag, last_modified))
    record_attempt(feed, settings, error=None)
    return landed


def record_attempt(feed: Feed, settings: AtlasSettings, error: str | None) -> None:
    """The latest try to fetch, so the raw load can tell a failed fetch (the feed is stale) from a good one."""
    folder = settings.landing_dir / feed.name
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / "attempt.json", json.dumps({"attempted_at": _now(), "error": error}).encode())


def failed_fetch(feed: Feed, settings: AtlasSettings) -> str | None:
    """The error of the feed's latest fetch, or None when it landed (or was never tried by this code)."""
    attempt = settings.landing_dir / feed.name / "attempt.json"
    return json.loads(attempt.read_text()).get("error") if attempt.is_file() else None


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _previous(feed: Feed, settings: AtlasSettings) -> LandedFile | None:
    pointer = settings.landing_dir / feed.name / "latest.json"
    if not pointer.is_file():
        return None
    record = json.loads(pointer.read_text())
    return LandedFile(**{**record, "members": tuple(record.get("members", ()))})


def latest_landed(feed: Feed, settings: AtlasSettings) -> LandedFile:
    previous = _previous(feed, settings)
    if previous is None:
        folder = settings.landing_dir / feed.name
        raise FeedFetchError(f"feed '{feed.name}': nothing landed yet in {folder}; materialise its landing asset first")
    return previous
