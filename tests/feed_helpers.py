"""Staging a feed's real file, or a mutation of it, in memory: the pure half of every feed test."""

from __future__ import annotations

import csv
import functools
import hashlib
import io

import polars as pl

from data_contracts import load_contract
from orchestration.feeds import COUNTRY_DIMENSION, feed_by_name
from tests.conftest import REFERENCE_DATA
from transforms.csv_reading import read_csv
from transforms.staging import StagedFeed


def real_bytes(feed: str) -> bytes:
    declared = feed_by_name(feed)
    path = declared.curated_path or REFERENCE_DATA / declared.mirror_path
    return path.read_bytes()


@functools.cache
def country_dimension() -> pl.DataFrame:
    return stage_bytes("country_codes", real_bytes("country_codes")).rows


def stage_bytes(feed: str, data: bytes, file: str = "test.csv") -> StagedFeed:
    declared, contract = feed_by_name(feed), load_contract(feed)
    raw = read_csv(data, feed=feed, file=file, required_columns=contract.required_source_columns)
    refs = {table: _reference(table) for table in declared.reference_tables}
    return declared.stage(raw, contract, hashlib.sha256(data).hexdigest(), refs)


def _reference(table: str) -> pl.DataFrame:
    if table == COUNTRY_DIMENSION:
        return country_dimension()
    raise KeyError(f"no test reference for {table}")


def replace_line(data: bytes, line_no: int, old: bytes, new: bytes) -> bytes:
    """Replace `old` by `new` on one line of the file (1-based; the header is line 1)."""
    lines = data.split(b"\n")
    assert old in lines[line_no - 1], f"line {line_no} has no {old!r}"
    lines[line_no - 1] = lines[line_no - 1].replace(old, new, 1)
    return b"\n".join(lines)


def line_number(data: bytes, text: bytes) -> int:
    """1-based line of the first line containing `text` (the header is line 1)."""
    return next(i for i, line in enumerate(data.split(b"\n"), start=1) if text in line)


def append_copy_of_line(data: bytes, line_no: int) -> bytes:
    """The file with one of its lines repeated at the end (a duplicate key), on line count + 1."""
    lines = data.rstrip(b"\n").split(b"\n")
    return b"\n".join([*lines, lines[line_no - 1]]) + b"\n"


def reordered_with_extra_column(data: bytes) -> bytes:
    """The same rows with the columns reversed and an unexpected column added: must be accepted."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["publisher_note", *reversed(rows[0])])
    writer.writerows(["added by a mirror", *reversed(row)] for row in rows[1:])
    return out.getvalue().encode("utf-8")


def counts(staged: StagedFeed) -> tuple[int, int, int]:
    """(rows read, loaded, quarantined), asserting that every row read is loaded or quarantined."""
    assert staged.rows_read == staged.rows_loaded + staged.rows_quarantined
    return staged.rows_read, staged.rows_loaded, staged.rows_quarantined


def quarantined(staged: StagedFeed) -> list[tuple]:
    return staged.quarantine.select("source_line", "column_name", "raw_value", "reason").rows()
