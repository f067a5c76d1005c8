"""Load a many-file hourly feed by month into raw.<feed>. No Dagster here: the partitioned raw asset calls it.

Two steps, so memory is bounded by one file and one batch of months, never the whole feed:
1. spill: each landed file is read, checked (transforms/csv_reading.py) and prepared once, then kept as Parquet
   under its sha256 (spill/<feed>/<sha256>.parquet), each row with its month, file and whole record;
2. load: each month asked for whose rows changed since its last good load (a digest of its records) is screened
   by the contract and gated by Great Expectations in batches of whole months, and replaces that month's rows
   in one transaction. A month whose rows did not change is left alone, so adding a month loads one month.
"""

from __future__ import annotations

import hashlib
import inspect
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from data_contracts import Contract, load_contract
from data_contracts.gx_suite import validate
from data_contracts.row_rules import RECORD_COLUMN, SHA_COLUMN, ScreenedFeed, apply_contract, with_optional_columns
from orchestration.feeds import Feed
from orchestration.landing import FeedFetchError, LandedFile, failed_fetch, latest_landed
from orchestration.raw_load import retrieval_day
from orchestration.settings import AtlasSettings
from orchestration.warehouse import RAW_SCHEMA, ensure_audit, record_failed_load
from transforms.csv_reading import LINE_COLUMN, LINE_END_COLUMN, FeedFileError, read_csv, with_raw_records

MONTH = "partition_month"  # the row's month; month_start itself may be null on a row the contract rejects
EXPLAINED = "explained_absence"  # a row the transform's own rules quarantine: a publisher's known gap
BATCH_ROWS = 500_000  # rows screened and gated at once (whole months): about 1.5 GB of Python at 2 M, measured
_SPILL_VERSION = "3"  # bump when the spill's layout changes
SPILL_ROW_GROUP = 8_192  # about 11 days of one series
DUCKDB_MEMORY = "512MB"  # the load's DuckDB buffer: inserts beyond it spill to disk, not into this process's RSS


@dataclass(frozen=True)
class MonthLoad:
    month: str  # YYYY-MM-01
    digest: str
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    failures: tuple[str, ...]


@dataclass(frozen=True)
class HourlyOutcome:
    landed: LandedFile
    loaded: tuple[MonthLoad, ...]  # the months that changed and were screened
    unchanged: tuple[str, ...]  # the months asked for whose rows had not changed

    @property
    def failures(self) -> list[str]:
        return [f"{m.month[:7]}: {f}" for m in self.loaded for f in m.failures]

    @property
    def counts(self) -> dict[str, object]:
        return {
            "months_loaded": len(self.loaded),
            "months_unchanged": len(self.unchanged),
            "rows_read": sum(m.rows_read for m in self.loaded),
            "rows_loaded": sum(m.rows_loaded for m in self.loaded if not m.failures),
            "rows_quarantined": sum(m.rows_quarantined for m in self.loaded),
            "source_file_sha256": self.landed.sha256,
        }


def _code_fingerprint(feed: Feed) -> str:
    """The contract and the transform: a change to either reloads every month."""
    parts = [Path(inspect.getfile(feed.transform)).read_bytes(), (Path(__file__).parents[1] / "data_contracts" / f"{feed.name}.yml").read_bytes()]
    return hashlib.sha256(b"".join(parts) + _SPILL_VERSION.encode()).hexdigest()[:16]


def _prepare(feed: Feed, raw: pl.DataFrame, source_file: str) -> pl.DataFrame:
    prepare = getattr(feed.transform, "prepare", None)
    if prepare is None:
        return raw
    takes_file = "source_file" in inspect.signature(prepare).parameters
    return prepare(raw, source_file=source_file) if takes_file else prepare(raw)


def _rules(feed: Feed) -> list:
    return feed.transform.rules() if hasattr(feed.transform, "rules") else []


def spill(feed: Feed, contract: Contract, member: dict, folder: Path) -> Path:
    """One landed file, read, checked and prepared, as Parquet; done once per file content."""
    # the name counts too: two files alike byte for byte (two BAs reporting nothing) are two BAs' rows
    name = hashlib.sha256(member["name"].encode()).hexdigest()[:12]
    path = folder / f"{member['sha256']}-{name}-{_code_fingerprint(feed)}.parquet"
    if path.exists():
        return path
    data = Path(member["path"]).read_bytes()
    raw = read_csv(data, feed=feed.name, file=member["name"], required_columns=contract.required_source_columns,
                   delimiter=feed.delimiter)
    prepared = _prepare(feed, with_optional_columns(raw, contract), member["name"])
    if "month_start" not in prepared.columns:
        raise ValueError(f"feed '{feed.name}': its transform must add month_start (the row's UTC month)")
    records = with_raw_records(prepared.select(LINE_COLUMN, LINE_END_COLUMN), data)[RECORD_COLUMN]
    rules = _rules(feed)
    explained = pl.any_horizontal([r.bad.fill_null(False) for r in rules]) if rules else pl.lit(False)
    # a row with no readable hour belongs to its neighbour's month: quarantined there, never lost
    month = pl.col("month_start").forward_fill().backward_fill()
    spilled = prepared.with_columns(
        pl.Series(RECORD_COLUMN, records), pl.lit(member["sha256"]).alias(SHA_COLUMN),
        month.alias(MONTH), explained.alias(EXPLAINED),
    ).drop_nulls(MONTH)  # only a file with no readable hour at all: raised below
    if spilled.height < prepared.height:
        raise FeedFileError(feed.name, member["name"], "no row has a readable hour, so no month to load it in")
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    # sorted by month in small row groups: a batch of months reads only its row groups of each file
    spilled.sort(MONTH, maintain_order=True).write_parquet(tmp, statistics=True, row_group_size=SPILL_ROW_GROUP)
    os.replace(tmp, path)
    return path


def month_digests(spills: list[Path], months: list[str], fingerprint: str) -> dict[str, tuple[str, int]]:
    """Each month's digest (its records, whatever file holds them) and row count; a month with no rows is absent."""
    digests = (
        pl.scan_parquet(spills)
        .filter(pl.col(MONTH).is_in(months))
        .group_by(MONTH)
        .agg(pl.col(RECORD_COLUMN).hash(seed=13).sum().alias("h"), pl.len().alias("n"))
        .collect(engine="streaming")  # every record of the feed passes through: never all in memory
    )
    return {m: (f"{fingerprint}-{h}-{n}", n) for m, h, n in digests.iter_rows()}


def _last_good_digests(con: duckdb.DuckDBPyConnection, feed: str) -> dict[str, str]:
    rows = con.execute(
        "select partition_key, arg_max(digest, loaded_at) from audit.partition_loads "
        "where feed = ? and contract_passed group by partition_key", [feed]).fetchall()
    return {month: digest for month, digest in rows if digest is not None}  # None: loaded empty


def _batches(months: list[str], counts: dict[str, int]) -> Iterator[list[str]]:
    batch, size = [], 0
    for month in months:
        if batch and size + counts.get(month, 0) > BATCH_ROWS:
            yield batch
            batch, size = [], 0
        batch.append(month)
        size += counts.get(month, 0)
    if batch:
        yield batch


def _create_raw_table(con: duckdb.DuckDBPyConnection, contract: Contract) -> None:
    columns = ", ".join(f'"{name}" {sql_type}' for name, sql_type in contract.raw_table_schema)
    con.execute(f"create table if not exists {RAW_SCHEMA}.{contract.feed} ({columns})")


def _write_batch(con, contract: Contract, months: list[str], screened: ScreenedFeed, passed: bool,
                 loads: list[MonthLoad]) -> None:
    """One transaction: readers of the raw table see each month's old rows or its new ones."""
    feed = contract.feed
    con.execute("begin transaction")
    if passed:
        con.register("batch_rows", screened.rows.to_arrow())
        con.execute(f"delete from {RAW_SCHEMA}.{feed} where month_start in (select unnest(?::date[]))", [months])
        con.execute(f"insert into {RAW_SCHEMA}.{feed} by name select * from batch_rows")
        con.unregister("batch_rows")
    quarantine = screened.quarantine.with_columns(pl.col("month_start_key").alias("partition_key")).drop("month_start_key")
    con.register("batch_quarantine", quarantine.to_arrow())
    con.execute("delete from audit.quarantine where feed = ? and partition_key in (select unnest(?))", [feed, months])
    con.execute(
        "insert into audit.quarantine (feed, source_file_sha256, source_line, column_name, raw_value, reason, raw_record,"
        " quarantined_at, partition_key) select feed, source_file_sha256, source_line, column_name, raw_value, reason,"
        " raw_record, now(), partition_key from batch_quarantine")
    con.unregister("batch_quarantine")
    con.executemany(
        "insert into audit.partition_loads values (?, ?, ?, ?, ?, ?, ?, ?, now())",
        [[feed, m.month, m.digest, m.rows_read, m.rows_loaded, m.rows_quarantined, not m.failures, list(m.failures)]
         for m in loads])
    con.execute("commit")


def _screen_batch(feed: Feed, contract: Contract, spills: list[Path], months: list[str], landed: LandedFile,
                  digests: dict[str, tuple[str, int]]) -> tuple[ScreenedFeed, list[MonthLoad], bool]:
    # one chunk: polars 2.1 panics filtering string views across the chunks of many Parquet files
    frame = pl.scan_parquet(spills).filter(pl.col(MONTH).is_in(months)).collect().rechunk()
    screened = apply_contract(frame, contract, file_sha256="", rules=_rules(feed), retrieved_on=retrieval_day(landed))
    explained = int(frame[EXPLAINED].sum())
    verdict = validate(screened.rows, contract, screened.rows_read - explained)
    keyed = screened.quarantine.rename({MONTH: "month_start_key"})
    screened = ScreenedFeed(screened.rows, keyed, screened.rows_read)
    loads = []
    for month in months:
        rows_loaded = screened.rows.filter(pl.col("month_start") == pl.lit(month).str.to_date()).height
        quarantined = keyed.filter(pl.col("month_start_key") == month).select(SHA_COLUMN, LINE_COLUMN).n_unique()
        digest, read = digests.get(month, (None, 0))
        loads.append(MonthLoad(month, digest, read, rows_loaded, quarantined, verdict.failures))
    return screened, loads, verdict.passed


def load_months(
    feed: Feed,
    settings: AtlasSettings,
    warehouse: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
    months: list[str],
) -> HourlyOutcome:
    """Loads the months asked for (YYYY-MM-01) whose rows changed. A failed fetch raises FeedFetchError and a
    broken file FeedFileError (the attempt logged, the table unchanged); a month failing its gate keeps its rows."""
    contract = load_contract(feed.name)
    try:
        fetch_error = failed_fetch(feed, settings)
        if fetch_error is not None:
            raise FeedFetchError(fetch_error)
        landed = latest_landed(feed, settings)
        spills = [spill(feed, contract, m, settings.home / "spill" / feed.name) for m in landed.members]
    except (FeedFetchError, FeedFileError) as err:
        with warehouse() as con:
            record_failed_load(con, feed.name, None if isinstance(err, FeedFetchError) else landed, str(err))
        raise
    fingerprint = _code_fingerprint(feed)
    digests = month_digests(spills, months, fingerprint)
    with warehouse() as con:
        con.execute(f"set memory_limit = '{DUCKDB_MEMORY}'")
        ensure_audit(con)
        _create_raw_table(con, contract)
        previous = _last_good_digests(con, feed.name)
        # a month never loaded and still empty is no change; one whose rows went (a file removed) is
        changed = [m for m in months if previous.get(m) != digests.get(m, (None,))[0]]
        loaded: list[MonthLoad] = []
        counts = {m: n for m, (_, n) in digests.items()}
        for batch in _batches(changed, counts):
            screened, loads, passed = _screen_batch(feed, contract, spills, batch, landed, digests)
            _write_batch(con, contract, batch, screened, passed, loads)
            loaded += loads
        outcome = HourlyOutcome(landed, tuple(loaded), tuple(m for m in months if m not in changed))
        _record_run(con, feed, landed, outcome)
    _remove_old_spills(spills)
    return outcome


def _remove_old_spills(kept: list[Path]) -> None:
    """Spills of files no longer landed, or made by an older transform or contract."""
    if kept:
        for old in set(kept[0].parent.glob("*.parquet")) - set(kept):
            old.unlink(missing_ok=True)


def _record_run(con, feed: Feed, landed: LandedFile, outcome: HourlyOutcome) -> None:
    """One audit.feed_loads row per run, as for every feed: what dimensions.feed_state reads."""
    counts = outcome.counts
    con.execute(
        "insert into audit.feed_loads (feed, source_file_sha256, source, landed_path, rows_read, rows_loaded,"
        " rows_quarantined, contract_passed, contract_failures, loaded_at, retrieved_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)",
        [feed.name, landed.sha256, landed.source, landed.path, counts["rows_read"], counts["rows_loaded"],
         counts["rows_quarantined"], not outcome.failures, outcome.failures, landed.fetched_at])
