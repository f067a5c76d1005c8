"""Screening a feed's real file, or a mutation of it, in memory with its contract: the pure half of every feed test."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
from datetime import date

import polars as pl

from data_contracts.feeds import COUNTRY_DIMENSION, COUNTRY_NAMES, feed_by_name
from data_contracts.paths import REFERENCE_DATA
from data_contracts.row_rules import ScreenedFeed
from ingest.raw_load import screen

RETRIEVED_ON = date(2026, 12, 1)  # the day the reference files' feeds are taken as fetched


def real_bytes(feed: str) -> bytes:
    """The feed's file; for a feed of many files, its first (tests/helpers/hourly.py loads them all)."""
    declared = feed_by_name(feed)
    path = declared.curated_path or REFERENCE_DATA / declared.mirror_path
    if declared.partitioned:
        path = sorted(path.glob(declared.files))[0]
    return path.read_bytes()


def country_dimension() -> pl.DataFrame:
    return _reference(COUNTRY_DIMENSION)


def screen_bytes(
    feed: str,
    data: bytes,
    file: str = "test.csv",
    retrieved_on: date = RETRIEVED_ON,
    more_names: dict[str, str] | None = None,
) -> ScreenedFeed:
    """`more_names` adds reviewed rows (name -> ISO3) to the country-name mapping, as a reviewer would."""
    declared = feed_by_name(feed)
    tables = {table: _reference(table) for table in declared.reference_tables}
    if more_names and COUNTRY_NAMES in tables:
        extra = pl.DataFrame(
            {"name": list(more_names), "country_iso3": list(more_names.values()), "area_kind": "country"}
        )
        tables[COUNTRY_NAMES] = pl.concat([tables[COUNTRY_NAMES], extra], how="diagonal")
    return screen(
        declared, data, file=file, sha256=hashlib.sha256(data).hexdigest(), retrieved_on=retrieved_on, tables=tables
    )


def country_names() -> pl.DataFrame:
    """The reviewed name -> ISO3 mapping, as the raw table holds it."""
    return _reference(COUNTRY_NAMES)


@functools.cache
def _reference(table: str) -> pl.DataFrame:
    """A raw table another feed reads, screened from its real file as the build stages it."""
    return screen_bytes(table, real_bytes(table)).rows


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


def counts(screened: ScreenedFeed) -> tuple[int, int, int]:
    """(rows read, loaded, quarantined), asserting that every row read is loaded or quarantined."""
    assert screened.rows_read == screened.rows_loaded + screened.rows_quarantined
    return screened.rows_read, screened.rows_loaded, screened.rows_quarantined


def unmapped(name: str) -> str:
    """The quarantine reason for a country name the reviewed mapping does not list."""
    return f"name '{name}' is not in curated/atlas__country_names.csv: review it and add a row"


def quarantined(screened: ScreenedFeed) -> list[tuple]:
    return screened.quarantine.select("source_line", "column_name", "raw_value", "reason").rows()
