"""Turns a fetched CSV file's bytes into an all-string polars frame, or fails naming feed, file and problem."""

from __future__ import annotations

import codecs
import csv
import io

import polars as pl

LINE_COLUMN = "source_line"


class FeedFileError(ValueError):
    """A whole file is unusable: the feed's asset fails and the previous good data stays."""

    def __init__(self, feed: str, file: str, problem: str):
        self.feed, self.file, self.problem = feed, file, problem
        super().__init__(f"feed '{feed}', file '{file}': {problem}")


def _decode(data: bytes, feed: str, file: str) -> str:
    if data.startswith(codecs.BOM_UTF8):  # Excel-style exports; harmless
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise FeedFileError(feed, file, f"not UTF-8: byte 0x{data[err.start]:02x} on line {line}") from None
    return text.replace("\r\n", "\n")


def _reject_non_csv(text: str, feed: str, file: str) -> None:
    if not text.strip():
        raise FeedFileError(feed, file, "file is empty")
    start = text.lstrip()[:100].lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")):
        raise FeedFileError(feed, file, "is an HTML/XML page, not CSV (the server probably sent an error page)")


def _check_header(text: str, feed: str, file: str, required_columns: tuple[str, ...]) -> None:
    header = [c.strip() for c in next(csv.reader(io.StringIO(text.split("\n", 1)[0])))]
    missing = [c for c in required_columns if c not in header]
    if missing:
        hint = ""
        if len(header) == 1 and any(d in header[0] for d in ";\t|"):
            hint = " (the header has one column: wrong delimiter?)"
        raise FeedFileError(feed, file, f"missing required columns {missing}{hint}; found {header}")


def read_csv(data: bytes, *, feed: str, file: str, required_columns: tuple[str, ...]) -> pl.DataFrame:
    """Every column as a string, plus `source_line` (1-based line in the file; the header is line 1)."""
    text = _decode(data, feed, file)
    _reject_non_csv(text, feed, file)
    _check_header(text, feed, file, required_columns)
    try:
        frame = pl.read_csv(io.StringIO(text), infer_schema=False)
    except pl.exceptions.PolarsError as err:
        raise FeedFileError(feed, file, f"cannot be parsed as CSV: {str(err).splitlines()[0]}") from None
    frame = frame.rename({c: c.strip() for c in frame.columns})
    if frame.height == 0:
        raise FeedFileError(feed, file, "has a header but no data rows")
    columns = frame.columns
    return (
        frame.with_row_index(LINE_COLUMN, offset=2)
        .with_columns(pl.col(LINE_COLUMN).cast(pl.Int64))
        .filter(~pl.all_horizontal(pl.col(columns).is_null()))  # blank lines are not rows
    )
