"""Screening a file: its bytes read natively (ingest/reading.py) and prepared by its feed's transform, each row
with its record as the file has it, then typed and checked by the contract. No Dagster here.

One step for every feed: a single-file feed screens its file whole (screen); a feed of many files prepares each
file once (prepare_file, ingest/hourly/spill.py) and applies the contract to a month's rows later.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import polars as pl

from data_contracts import Contract, load_contract
from data_contracts.contract import LINE_COLUMN, LINE_END_COLUMN
from data_contracts.feeds import Feed
from data_contracts.row_rules import RECORD_COLUMN, ScreenedFeed, apply_contract, with_optional_columns
from ingest.reading import read_csv, with_raw_records


def prepare_file(
    feed: Feed, contract: Contract, data: bytes, *, file: str, tables: dict[str, pl.DataFrame]
) -> pl.DataFrame:
    """A file's bytes -> the transform's rows as text, each with `raw_record` (null on a row the transform added).

    `tables` holds the raw tables prepare() reads; `file` names the file in errors and is prepare()'s
    `source_file`. File-level problems raise FeedFileError."""
    raw = read_csv(
        data,
        feed=feed.name,
        file=file,
        required_columns=contract.required_source_columns,
        delimiter=feed.delimiter,
    )
    prepared = feed.prepare(with_optional_columns(raw, contract), tables, source_file=file)
    if prepared.height == 0:  # nothing to find records for (with_raw_records leaves such a frame as it is)
        return prepared.with_columns(pl.lit(None, pl.String).alias(RECORD_COLUMN))
    records = with_raw_records(prepared.select(LINE_COLUMN, LINE_END_COLUMN), data)[RECORD_COLUMN]
    return prepared.with_columns(records)


def screen(
    feed: Feed, data: bytes, *, file: str, sha256: str, retrieved_on: date, tables: dict[str, pl.DataFrame]
) -> ScreenedFeed:
    """A file's bytes -> typed rows and quarantine (each rejected record whole, with its reason).

    `tables` holds the raw tables the feed reads (Feed.reference_tables). File-level problems raise FeedFileError.
    """
    contract = load_contract(feed.name)
    prepared = prepare_file(feed, contract, data, file=file, tables=tables)
    screened = apply_contract(
        prepared, contract, file_sha256=sha256, retrieved_on=retrieved_on, rules=feed.rules(), references=tables
    )
    return replace(screened, quarantine=screened.quarantine.drop(LINE_END_COLUMN))
