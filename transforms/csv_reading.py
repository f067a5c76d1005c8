"""Turns a fetched CSV file's bytes into an all-string polars frame, or fails naming feed, file and problem.

A clean file is parsed natively by DuckDB (columnar, strict: a record with the wrong number of fields or a
broken quote is rejected, never padded), and each row's line number is counted from the newlines inside
the records before it. A file DuckDB rejects anything in, or whose rows do not account for every line
(blank lines, which DuckDB skips), is read record by record with the csv module instead, which names each
problem and its line.
"""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
from pathlib import Path

import duckdb
import polars as pl

LINE_COLUMN = "source_line"
PROBLEM_COLUMN = "source_problem"  # set on records that cannot be read as a row: quarantined whole


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


def _check_header(header: list[str], feed: str, file: str, required_columns: tuple[str, ...]) -> None:
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if duplicated:
        raise FeedFileError(feed, file, f"column names appear twice: {duplicated}")
    missing = [c for c in required_columns if c not in header]
    if missing:
        hint = ""
        if len(header) == 1 and any(d in header[0] for d in ";\t|"):
            hint = " (the header has one column: wrong delimiter?)"
        raise FeedFileError(feed, file, f"missing required columns {missing}{hint}; found {header}")


def _records(text: str, feed: str, file: str):
    """(first line, last line, fields) for every non-blank record."""
    reader = csv.reader(io.StringIO(text), strict=True)
    line = 1
    try:
        for fields in reader:
            if fields:
                yield line, reader.line_num, fields
            line = reader.line_num + 1
    except csv.Error as err:
        if "unexpected end of data" in str(err):
            raise FeedFileError(feed, file, f"unclosed quote on line {line} runs to the end of the file") from None
        raise FeedFileError(feed, file, f"cannot be parsed as CSV at line {line}: {err}") from None


def _row_problem(first: int, last: int, fields: list[str], width: int, feed: str, file: str) -> str | None:
    if len(fields) == width:
        return None
    if last > first and any("\n" in f for f in fields):
        # an unclosed quote swallows the lines after it: losing them silently is not an option
        raise FeedFileError(feed, file, f"unclosed quote on line {first} runs to line {last}")
    return f"has {len(fields)} fields where the header has {width}"


def _header(text: str, feed: str, file: str) -> tuple[list[str], int]:
    """The header's column names and the line it ends on."""
    records = _records(text, feed, file)
    _, last, fields = next(records)
    return [c.strip() for c in fields], last


def _native_rows(text: str, header: list[str], header_last_line: int) -> pl.DataFrame | None:
    """The data rows parsed by DuckDB, with source_line; None when the file needs the record-by-record path."""
    positional = [f"c{i}" for i in range(len(header))]
    columns = "{" + ", ".join(f"'{name}': 'VARCHAR'" for name in positional) + "}"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.csv"
        path.write_text(text, encoding="utf-8")
        con = duckdb.connect()
        try:
            frame = con.execute(
                "select * from read_csv(?, header = false, skip = ?, auto_detect = false, delim = ',', "
                "quote = '\"', escape = '\"', new_line = '\\n', strict_mode = true, null_padding = false, "
                f"store_rejects = true, columns = {columns})",
                [str(path), header_last_line],
            ).pl()
            (rejected,) = con.execute("select count(*) from reject_errors").fetchone()
        except duckdb.Error:
            return None
        finally:
            con.close()
    if rejected or frame.height == 0:
        return None
    frame = frame.rename(dict(zip(positional, header)))
    embedded = pl.sum_horizontal([pl.col(c).str.count_matches("\n").fill_null(0) for c in header])
    # DuckDB skips blank lines silently: when the rows and their inner newlines do not account for every
    # line of the file, line numbers would shift, so the record-by-record path reads it
    lines_in_file = text.count("\n") + (0 if text.endswith("\n") else 1)
    if header_last_line + frame.height + frame.select(embedded.sum()).item() != lines_in_file:
        return None
    first_line = header_last_line + 1 + pl.int_range(pl.len()) + embedded.cum_sum() - embedded
    return _empty_as_null(frame, header).with_columns(
        first_line.cast(pl.Int64).alias(LINE_COLUMN), pl.lit(None, pl.String).alias(PROBLEM_COLUMN)
    )


def _record_rows(text: str, feed: str, file: str, header: list[str]) -> pl.DataFrame:
    """Record by record, for a file with blank lines or a record DuckDB rejected: each problem named."""
    records = _records(text, feed, file)
    next(records)
    rows = list(records)
    if not rows:
        raise FeedFileError(feed, file, "has a header but no data rows")
    width = len(header)
    last_line, _, last_fields = rows[-1]
    if len(last_fields) < width and not text.endswith("\n"):
        raise FeedFileError(
            feed, file, f"truncated last line {last_line}: {len(last_fields)} of {width} fields (download cut short?)"
        )
    lines = [line for line, _, _ in rows]
    problems = [_row_problem(line, last, fields, width, feed, file) for line, last, fields in rows]
    values = [(fields + [""] * width)[:width] for _, _, fields in rows]
    frame = pl.DataFrame(values, schema={name: pl.String for name in header}, orient="row")
    return _empty_as_null(frame, header).with_columns(
        pl.Series(LINE_COLUMN, lines, dtype=pl.Int64), pl.Series(PROBLEM_COLUMN, problems, dtype=pl.String)
    )


def _empty_as_null(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    return frame.with_columns([pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in columns])


def read_csv(data: bytes, *, feed: str, file: str, required_columns: tuple[str, ...]) -> pl.DataFrame:
    """Every column as a string (empty cells null), plus `source_line` (the header is line 1) and
    `source_problem` (why a record could not be read as a row, else null)."""
    text = _decode(data, feed, file)
    _reject_non_csv(text, feed, file)
    header, header_last_line = _header(text, feed, file)
    _check_header(header, feed, file, required_columns)
    native = _native_rows(text, header, header_last_line)
    return native if native is not None else _record_rows(text, feed, file, header)
