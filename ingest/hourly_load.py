"""Load a many-file hourly feed by month into raw.<feed>. No Dagster here: the partitioned raw asset calls it.

Two steps, so memory is bounded by a few files and two chunks of rows, never the whole feed:
1. spill: each landed file is read, checked (ingest/reading.py) and prepared once, then kept as Parquet
   (spill/<feed>/<sha256>-<name hash>-<code fingerprint>.parquet), each row with its month and whole record;
2. load: each month asked for whose rows changed since its last good load (a digest of its records) is screened
   by the contract and gated by Great Expectations, in batches of whole months, each screened in chunks of
   whole series (a BA's files) staged in DuckDB; a batch replaces its months' rows in one transaction if every
   chunk passed. A month whose rows did not change is left alone, so adding a month loads one month.
"""

from __future__ import annotations

import gc
import hashlib
import inspect
import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from data_contracts import Contract, load_contract
from data_contracts.contract import LINE_COLUMN, LINE_END_COLUMN, contract_path
from data_contracts.feeds import Feed
from data_contracts.gx_suite import validate, validate_row_floor
from data_contracts.row_rules import RECORD_COLUMN, SHA_COLUMN, ScreenedFeed, apply_contract, with_optional_columns
from ingest.landing import FeedFetchError, LandedFile, failed_fetch, latest_landed, write_atomically
from ingest.raw_load import retrieval_day
from ingest.reading import FeedFileError, read_csv, with_raw_records
from ingest.settings import AtlasSettings
from ingest.warehouse import RAW_SCHEMA, ensure_audit, record_failed_load
from transforms.common.files import series_of

MONTH = "partition_month"  # the row's month; month_start itself may be null on a row the contract rejects
EXPLAINED = "explained_absence"  # a row the transform's own rules quarantine: a publisher's known gap
BATCH_ROWS = 250_000  # rows screened and gated at once (whole series); two in memory: about 1 GB of Python, measured
_SPILL_VERSION = "4"  # bump when the spill's layout changes
SPILL_ROW_GROUP = 31 * 24  # a month of hours
SPILL_THREADS = min(4, os.cpu_count() or 1)  # files read and spilled at once
DUCKDB_MEMORY = "384MB"  # the load's DuckDB buffer: inserts beyond it spill to disk, not into this process's RSS


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
    parts = [Path(inspect.getfile(feed.transform)).read_bytes(), contract_path(feed.name).read_bytes()]
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
    raw = read_csv(
        data,
        feed=feed.name,
        file=member["name"],
        required_columns=contract.required_source_columns,
        delimiter=feed.delimiter,
    )
    prepared = _prepare(feed, with_optional_columns(raw, contract), member["name"])
    if "month_start" not in prepared.columns:
        raise ValueError(f"feed '{feed.name}': its transform must add month_start (the row's UTC month)")
    records = with_raw_records(prepared.select(LINE_COLUMN, LINE_END_COLUMN), data)[RECORD_COLUMN]
    rules = _rules(feed)
    explained = pl.any_horizontal([r.bad.fill_null(False) for r in rules]) if rules else pl.lit(False)
    # a row with no readable hour belongs to its neighbour's month: quarantined there, never lost
    month = pl.col("month_start").forward_fill().backward_fill()
    spilled = prepared.with_columns(
        pl.Series(RECORD_COLUMN, records),
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


def _spill_all(feed: Feed, contract: Contract, members: list[dict], folder: Path) -> list[Path]:
    """Spills every file, a few at a time: the work is polars' and DuckDB's, which run beside Python's lock."""
    with ThreadPoolExecutor(SPILL_THREADS) as pool:
        return list(pool.map(lambda member: spill(feed, contract, member, folder), members))  # the first error raises


def month_counts(
    spills: list[Path], months: list[str], fingerprint: str
) -> tuple[dict[str, tuple[str, int]], dict[tuple[str, Path], int]]:
    """Each month's digest (its records, whatever file holds them) and row count, and each (month, spill)'s
    row count; a month with no rows is absent."""
    wanted = set(months)
    per_file = pl.DataFrame(
        [
            (m, str(path), h, n)
            for path in spills
            for m, (h, n) in json.loads(_sums_path(path).read_text()).items()
            if m in wanted
        ],
        schema={MONTH: pl.String, "spill": pl.String, "h": pl.UInt64, "n": pl.Int64},
        orient="row",
    )
    monthly = per_file.group_by(MONTH).agg(pl.col("h").sum(), pl.col("n").sum())
    digests = {m: (f"{fingerprint}-{h}-{n}", n) for m, h, n in monthly.select(MONTH, "h", "n").iter_rows()}
    return digests, {(m, Path(f)): n for m, f, n in per_file.select(MONTH, "spill", "n").iter_rows()}


def _last_good_digests(con: duckdb.DuckDBPyConnection, feed: str) -> dict[str, str]:
    rows = con.execute(
        "select partition_key, arg_max(digest, loaded_at) from audit.partition_loads "
        "where feed = ? and contract_passed group by partition_key",
        [feed],
    ).fetchall()
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


def _chunks(
    spills: list[Path], series: dict[Path, str], months: list[str], counts: dict[tuple[str, Path], int]
) -> Iterator[list[Path]]:
    """The spills holding rows of these months, a whole series at a time (its files' keys may meet), in groups
    of at most BATCH_ROWS rows: a month of 2,000 BAs is screened a few hundred BAs at a time."""
    by_series: dict[str, list[Path]] = {}
    for path in spills:
        if any(counts.get((m, path)) for m in months):
            by_series.setdefault(series[path], []).append(path)
    chunk, size = [], 0
    for paths in by_series.values():
        rows = sum(counts.get((m, p), 0) for m in months for p in paths)
        if chunk and size + rows > BATCH_ROWS:
            yield chunk
            chunk, size = [], 0
        chunk += paths
        size += rows
    if chunk:
        yield chunk


def _create_raw_table(con: duckdb.DuckDBPyConnection, contract: Contract) -> None:
    columns = ", ".join(f'"{name}" {sql_type}' for name, sql_type in contract.raw_table_schema)
    con.execute(f"create table if not exists {RAW_SCHEMA}.{contract.feed} ({columns})")


QUARANTINE_COLUMNS = "feed, source_file_sha256, source_line, column_name, raw_value, reason, raw_record, partition_key"


def _stage(con: duckdb.DuckDBPyConnection, feed: str) -> None:
    """Temporary tables holding a batch's chunks until the batch is judged: DuckDB spills them to disk, so
    Python holds one chunk at a time."""
    con.execute(f"create or replace temp table batch_rows as from {RAW_SCHEMA}.{feed} limit 0")
    con.execute(
        f"create or replace temp table batch_quarantine as select {QUARANTINE_COLUMNS} from audit.quarantine limit 0"
    )


def _stage_chunk(con: duckdb.DuckDBPyConnection, screened: ScreenedFeed) -> None:
    quarantine = screened.quarantine.rename({MONTH: "partition_key"})
    for table, frame in (
        ("batch_rows", screened.rows),
        ("batch_quarantine", quarantine.select(QUARANTINE_COLUMNS.split(", "))),
    ):
        con.register("chunk", frame.to_arrow())
        con.execute(f"insert into {table} by name select * from chunk")
        con.unregister("chunk")


def _write_batch(con, feed: str, months: list[str], passed: bool, loads: list[MonthLoad]) -> None:
    """One transaction: readers of the raw table see each month's old rows or its new ones."""
    con.execute("begin transaction")
    if passed:
        con.execute(f"delete from {RAW_SCHEMA}.{feed} where month_start in (select unnest(?::date[]))", [months])
        con.execute(f"insert into {RAW_SCHEMA}.{feed} by name select * from batch_rows")
    con.execute("delete from audit.quarantine where feed = ? and partition_key in (select unnest(?))", [feed, months])
    con.execute(
        f"insert into audit.quarantine ({QUARANTINE_COLUMNS}, quarantined_at) "
        f"select {QUARANTINE_COLUMNS}, now() from batch_quarantine"
    )
    con.executemany(
        "insert into audit.partition_loads values (?, ?, ?, ?, ?, ?, ?, ?, now())",
        [
            [feed, m.month, m.digest, m.rows_read, m.rows_loaded, m.rows_quarantined, not m.failures, list(m.failures)]
            for m in loads
        ],
    )
    con.execute("commit")


@dataclass
class _Tally:
    """A batch's months as its chunks are gated: what each month loaded and quarantined, what failed."""

    loaded: dict[str, int] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    gated_rows_read: int = 0  # rows read less those the transform's rules explain: the row floor's base

    def fail(self, failures: tuple[str, ...]) -> None:
        self.failures += [f for f in failures if f not in self.failures]


@dataclass(frozen=True)
class _Job:
    months: list[str]  # the batch
    spills: list[Path]  # one chunk of it ([]: the batch's months have no rows left)
    first: bool  # the batch's first chunk
    last: bool  # and its last


def _jobs(
    months: list[str],
    spills: list[Path],
    series: dict[Path, str],
    digests: dict[str, tuple[str, int]],
    file_counts: dict[tuple[str, Path], int],
) -> Iterator[_Job]:
    for batch in _batches(months, {m: n for m, (_, n) in digests.items()}):
        chunks = list(_chunks(spills, series, batch, file_counts)) or [[]]
        for i, chunk in enumerate(chunks):
            yield _Job(batch, chunk, i == 0, i == len(chunks) - 1)


def _screen_chunk(feed: Feed, contract: Contract, job: _Job, landed: LandedFile) -> tuple[ScreenedFeed, int] | None:
    """The chunk's rows through the contract's row rules, and how many the transform's rules explain."""
    if not job.spills:
        return None
    # one chunk: polars 2.1 panics filtering string views across the chunks of many Parquet files
    frame = pl.scan_parquet(job.spills).filter(pl.col(MONTH).is_in(job.months)).collect().rechunk()
    screened = apply_contract(frame, contract, file_sha256="", rules=_rules(feed), retrieved_on=retrieval_day(landed))
    return screened, int(frame[EXPLAINED].sum())


def _gate_chunk(contract: Contract, screened: ScreenedFeed, explained: int, tally: _Tally) -> None:
    tally.fail(validate(screened.rows, contract, None).failures)  # the row floor is the batch's: _gate_batch
    tally.gated_rows_read += screened.rows_read - explained
    for day, n in screened.rows.group_by("month_start").len().iter_rows():
        tally.loaded[day.isoformat()] = tally.loaded.get(day.isoformat(), 0) + n
    quarantined = screened.quarantine.select(MONTH, SHA_COLUMN, LINE_COLUMN).unique().group_by(MONTH).len()
    for month, n in quarantined.iter_rows():
        tally.quarantined[month] = tally.quarantined.get(month, 0) + n


def _gate_batch(con, contract: Contract, tally: _Tally) -> None:
    """The quarantine ceiling on the batch's months as a whole, as if screened in one piece: a chunk of BAs
    with a bad summer does not fail a month that is, in all, within the contract."""
    tally.fail(
        validate_row_floor(
            con.execute("select source_line from batch_rows").pl(), contract, tally.gated_rows_read
        ).failures
    )
    # Great Expectations leaves reference cycles holding its pandas frames, which Python's collector reaches
    # rarely: without this a 100 M-row load grew by 12 MB a month, to 2.6 GB
    gc.collect()


def _load(
    con, feed: Feed, contract: Contract, jobs: Iterator[_Job], landed: LandedFile, digests: dict[str, tuple[str, int]]
) -> list[MonthLoad]:
    """Gates and stages each chunk while a thread screens the next (two cores at work, two chunks in memory);
    writes each batch once its last chunk is staged."""
    loaded: list[MonthLoad] = []
    with ThreadPoolExecutor(1) as screener:

        def submit(job: _Job | None):
            return job and (job, screener.submit(_screen_chunk, feed, contract, job, landed))

        pending = submit(next(jobs, None))
        while pending:
            (job, screening), pending = pending, submit(next(jobs, None))
            if job.first:
                _stage(con, feed.name)
                tally = _Tally()
            screened = screening.result()
            if screened is not None:
                _gate_chunk(contract, *screened, tally)
                _stage_chunk(con, screened[0])
                del screened
            if job.last:
                _gate_batch(con, contract, tally)
                loads = [
                    MonthLoad(
                        m,
                        *digests.get(m, (None, 0)),
                        tally.loaded.get(m, 0),
                        tally.quarantined.get(m, 0),
                        tuple(tally.failures),
                    )
                    for m in job.months
                ]
                _write_batch(con, feed.name, job.months, not tally.failures, loads)
                loaded += loads
    return loaded


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
        spills = _spill_all(feed, contract, landed.members, settings.home / "spill" / feed.name)
    except (FeedFetchError, FeedFileError) as err:
        with warehouse() as con:
            record_failed_load(con, feed.name, None if isinstance(err, FeedFetchError) else landed, str(err))
        raise
    series = {path: series_of(m["name"]) for path, m in zip(spills, landed.members)}
    digests, file_counts = month_counts(spills, months, _code_fingerprint(feed))
    with warehouse() as con:
        con.execute(f"set memory_limit = '{DUCKDB_MEMORY}'")
        ensure_audit(con)
        _create_raw_table(con, contract)
        previous = _last_good_digests(con, feed.name)
        # a month never loaded and still empty is no change; one whose rows went (a file removed) is
        changed = [m for m in months if previous.get(m) != digests.get(m, (None,))[0]]
        loaded = _load(con, feed, contract, _jobs(changed, spills, series, digests, file_counts), landed, digests)
        outcome = HourlyOutcome(landed, tuple(loaded), tuple(m for m in months if m not in changed))
        _record_run(con, feed, landed, outcome)
    _remove_old_spills(spills)
    return outcome


def _remove_old_spills(kept: list[Path]) -> None:
    """Spills of files no longer landed, or made by an older transform or contract."""
    if kept:
        for old in set(kept[0].parent.glob("*.parquet")) - set(kept):
            old.unlink(missing_ok=True)
            _sums_path(old).unlink(missing_ok=True)


def _record_run(con, feed: Feed, landed: LandedFile, outcome: HourlyOutcome) -> None:
    """One audit.feed_loads row per run, as for every feed: what dimensions.feed_state reads."""
    counts = outcome.counts
    con.execute(
        "insert into audit.feed_loads (feed, source_file_sha256, source, landed_path, rows_read, rows_loaded,"
        " rows_quarantined, contract_passed, contract_failures, loaded_at, retrieved_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)",
        [
            feed.name,
            landed.sha256,
            landed.source,
            landed.path,
            counts["rows_read"],
            counts["rows_loaded"],
            counts["rows_quarantined"],
            not outcome.failures,
            outcome.failures,
            landed.fetched_at,
        ],
    )
