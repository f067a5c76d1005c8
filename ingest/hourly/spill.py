"""A many-file feed's first step: each landed file screened (ingest/screening.py) once and kept as Parquet,
spill/<feed>/<sha256>-<name hash>-<code fingerprint>.parquet, each row with its month, its whole record and
whether the transform's own rules explain it, and beside it the sums of each month's records
(<spill>.months.json), from which a run tells which months changed without reading the rows again."""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polars as pl

from data_contracts import Contract
from data_contracts.contract import contract_path
from data_contracts.feeds import Feed
from data_contracts.row_rules import RECORD_COLUMN, SHA_COLUMN
from ingest.files import write_atomically
from ingest.reading import FeedFileError
from ingest.screening import prepare_file

MONTH = "partition_month"  # the row's month; month_start itself may be null on a row the contract rejects
EXPLAINED = "explained_absence"  # a row the transform's own rules quarantine: a publisher's known gap
_SPILL_VERSION = "4"  # bump when the spill's layout changes
SPILL_ROW_GROUP = 31 * 24  # a month of hours
SPILL_THREADS = min(4, os.cpu_count() or 1)  # files read and spilled at once


def code_fingerprint(feed: Feed) -> str:
    """The contract and the transform: a change to either reloads every month."""
    parts = [Path(inspect.getfile(feed.transform)).read_bytes(), contract_path(feed.name).read_bytes()]
    return hashlib.sha256(b"".join(parts) + _SPILL_VERSION.encode()).hexdigest()[:16]


def spill(feed: Feed, contract: Contract, member: dict, folder: Path) -> Path:
    """One landed file, read, checked and prepared, as Parquet; done once per file content."""
    # the name counts too: two files alike byte for byte (two BAs reporting nothing) are two BAs' rows
    name = hashlib.sha256(member["name"].encode()).hexdigest()[:12]
    path = folder / f"{member['sha256']}-{name}-{code_fingerprint(feed)}.parquet"
    if path.exists():
        return path
    data = Path(member["path"]).read_bytes()
    prepared = prepare_file(feed, contract, data, file=member["name"], tables={})
    if "month_start" not in prepared.columns:
        raise ValueError(f"feed '{feed.name}': its transform must add month_start (the row's UTC month)")
    rules = feed.rules()
    explained = pl.any_horizontal([r.bad.fill_null(False) for r in rules]) if rules else pl.lit(False)
    # a row with no readable hour belongs to its neighbour's month: quarantined there, never lost
    month = pl.col("month_start").forward_fill().backward_fill()
    spilled = prepared.with_columns(
        pl.lit(member["sha256"]).alias(SHA_COLUMN),
        month.alias(MONTH),
        explained.alias(EXPLAINED),
    ).drop_nulls(MONTH)  # only a file with no readable hour at all: raised below
    if spilled.height < prepared.height:
        raise FeedFileError(feed.name, member["name"], "no row has a readable hour, so no month to load it in")
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(_sums_path(path), json.dumps(_month_sums(spilled)).encode())  # first: a spill has its sums
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    # sorted by month in groups of a month's hours: a batch of months decodes at most twice its rows of each
    # file (groups of 8,192 rows made a month of 2,000 BAs decode ten times its rows)
    spilled.sort(MONTH, maintain_order=True).write_parquet(tmp, statistics=True, row_group_size=SPILL_ROW_GROUP)
    os.replace(tmp, path)
    return path


def _month_sums(spilled: pl.DataFrame) -> dict[str, list[int]]:
    """Per month: the sum of its records' hashes (the same whatever file or order holds them) and its rows."""
    sums = spilled.group_by(MONTH).agg(pl.col(RECORD_COLUMN).hash(seed=13).sum().alias("h"), pl.len().alias("n"))
    return {m: [h, n] for m, h, n in sums.iter_rows()}


def _sums_path(spill_path: Path) -> Path:
    """Beside the spill, which never changes: a run reads a small file per spill, not every record again."""
    return spill_path.with_suffix(".months.json")


def spilled_month_sums(spill_path: Path) -> dict[str, list[int]]:
    """A spill's month sums (_month_sums), as written beside it."""
    return json.loads(_sums_path(spill_path).read_text())


def spill_all(feed: Feed, contract: Contract, members: list[dict], folder: Path) -> list[Path]:
    """Spills every file, a few at a time: the work is polars' and DuckDB's, which run beside Python's lock."""
    with ThreadPoolExecutor(SPILL_THREADS) as pool:
        return list(pool.map(lambda member: spill(feed, contract, member, folder), members))  # the first error raises


def remove_old_spills(kept: list[Path]) -> None:
    """Spills of files no longer landed, or made by an older transform or contract."""
    if kept:
        for old in set(kept[0].parent.glob("*.parquet")) - set(kept):
            old.unlink(missing_ok=True)
            _sums_path(old).unlink(missing_ok=True)
