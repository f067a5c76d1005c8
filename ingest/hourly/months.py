"""A many-file feed's second step: each month asked for whose rows changed since its last good load (a digest
of its records) is screened by the contract and gated by Great Expectations, in batches of whole months, each
screened in chunks of whole series (a BA's files) staged in DuckDB; a batch replaces its months' rows in one
transaction if every chunk passed (ingest/warehouse.py writes it). A month whose rows did not change is left
alone, so adding a month loads one month.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from data_contracts import Contract, load_contract
from data_contracts.contract import LINE_COLUMN
from data_contracts.feeds import Feed
from data_contracts.gx_suite import validate, validate_row_floor
from data_contracts.row_rules import SHA_COLUMN, ScreenedFeed, apply_contract
from ingest.hourly.spill import EXPLAINED, MONTH, code_fingerprint, remove_old_spills, spill_all, spilled_month_sums
from ingest.landing import FeedFetchError, LandedFile, failed_fetch, latest_landed
from ingest.reading import FeedFileError
from ingest.settings import AtlasSettings
from ingest.warehouse import (
    MonthLoad,
    create_raw_table,
    ensure_audit,
    last_good_digests,
    record_failed_load,
    record_feed_load,
    stage_batch,
    stage_chunk,
    staged_source_lines,
    write_months,
)
from transforms.common.files import series_of

BATCH_ROWS = 250_000  # rows screened and gated at once (whole series); two in memory: about 1 GB of Python, measured
DUCKDB_MEMORY = "384MB"  # the load's DuckDB buffer: inserts beyond it spill to disk, not into this process's RSS


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


def month_counts(
    spills: list[Path], months: list[str], fingerprint: str
) -> tuple[dict[str, tuple[str, int]], dict[tuple[str, Path], int]]:
    """Each month's digest (its records, whatever file holds them) and row count, and each (month, spill)'s
    row count; a month with no rows is absent."""
    wanted = set(months)
    per_file = pl.DataFrame(
        [(m, str(path), h, n) for path in spills for m, (h, n) in spilled_month_sums(path).items() if m in wanted],
        schema={MONTH: pl.String, "spill": pl.String, "h": pl.UInt64, "n": pl.Int64},
        orient="row",
    )
    monthly = per_file.group_by(MONTH).agg(pl.col("h").sum(), pl.col("n").sum())
    digests = {m: (f"{fingerprint}-{h}-{n}", n) for m, h, n in monthly.select(MONTH, "h", "n").iter_rows()}
    return digests, {(m, Path(f)): n for m, f, n in per_file.select(MONTH, "spill", "n").iter_rows()}


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
    screened = apply_contract(frame, contract, file_sha256="", rules=feed.rules(), retrieved_on=landed.retrieval_day)
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
    tally.fail(validate_row_floor(staged_source_lines(con), contract, tally.gated_rows_read).failures)
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
                stage_batch(con, feed.name)
                tally = _Tally()
            screened = screening.result()
            if screened is not None:
                _gate_chunk(contract, *screened, tally)
                stage_chunk(con, screened[0], MONTH)
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
                write_months(con, feed.name, job.months, not tally.failures, loads)
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
        spills = spill_all(feed, contract, landed.members, settings.home / "spill" / feed.name)
    except (FeedFetchError, FeedFileError) as err:
        with warehouse() as con:
            record_failed_load(con, feed.name, None if isinstance(err, FeedFetchError) else landed, str(err))
        raise
    series = {path: series_of(m["name"]) for path, m in zip(spills, landed.members)}
    digests, file_counts = month_counts(spills, months, code_fingerprint(feed))
    with warehouse() as con:
        con.execute(f"set memory_limit = '{DUCKDB_MEMORY}'")
        ensure_audit(con)
        create_raw_table(con, contract)
        previous = last_good_digests(con, feed.name)
        # a month never loaded and still empty is no change; one whose rows went (a file removed) is
        changed = [m for m in months if previous.get(m) != digests.get(m, (None,))[0]]
        loaded = _load(con, feed, contract, _jobs(changed, spills, series, digests, file_counts), landed, digests)
        outcome = HourlyOutcome(landed, tuple(loaded), tuple(m for m in months if m not in changed))
        counts = outcome.counts
        record_feed_load(
            con,
            feed.name,
            landed,
            outcome.failures,
            counts["rows_read"],
            counts["rows_loaded"],
            counts["rows_quarantined"],
        )
    remove_old_spills(spills)
    return outcome
