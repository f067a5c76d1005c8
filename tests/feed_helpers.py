"""Staging a feed's real file, or a mutation of it, in memory: the pure half of every feed test."""

from __future__ import annotations

import functools
import hashlib

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
