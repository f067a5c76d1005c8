"""Shared transforms: file-level reading, partial dates, staging invariants, the contract gate."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from data_contracts import load_contract
from data_contracts.feeds import all_feeds, feed_by_name
from data_contracts.gx_suite import validate
from data_contracts.partial_dates import partial_date, partial_date_precision
from ingest.reading import FeedFileError
from tests.helpers.feeds import real_bytes, replace_line, screen_bytes

EMBER = "ember__country_overview_yearly"


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("2025-09-16", date(2025, 9, 16), "day"),
        ("2025-09", date(2025, 9, 1), "month"),
        ("2026-Q1", date(2026, 1, 1), "quarter"),
        ("2027-q3", date(2027, 7, 1), "quarter"),
        ("2026", date(2026, 1, 1), "year"),
        ("2026-H2", date(2026, 7, 1), "half"),
        ("2027-h1", date(2027, 1, 1), "half"),
        ("2026-H3", None, None),
        ("2025-13", None, "month"),
        ("soon", None, None),
    ],
)
def test_partial_dates(text, expected, precision):
    frame = pl.DataFrame({"t": [text]}).select(d=partial_date(pl.col("t")), p=partial_date_precision(pl.col("t")))
    assert frame.row(0) == (expected, precision)


def test_real_files_stage_whole():
    for feed, rows in [
        (EMBER, 5372),
        ("atlas__dc_projects", 26),
        ("atlas__dc_project_phases", 46),
        ("atlas__dc_cost_per_watt", 21),
        ("datahub__country_codes", 249 + 1),
    ]:
        screened = screen_bytes(feed, real_bytes(feed))
        assert (screened.rows_read, screened.rows_loaded, screened.rows_quarantined) == (rows, rows, 0)


def test_unknown_aggregate_without_iso3_is_quarantined():
    data = replace_line(real_bytes(EMBER), 2, b"Afghanistan,AFG,", b"Afghanistan,,")
    screened = screen_bytes(EMBER, data)
    assert screened.quarantine.select("source_line", "raw_value", "reason").row(0) == (
        2,
        None,
        "no ISO3 code and not an aggregate in curated/atlas__country_names.csv",
    )


@pytest.mark.parametrize(
    "mutate, problem",
    [
        (lambda d: b"", "file is empty"),
        (lambda d: b"<!DOCTYPE html><html><body>503 Service Unavailable</body></html>", "is an HTML/XML page, not CSV"),
        (lambda d: d.split(b"\n")[0] + b"\n", "has a header but no data rows"),
        (lambda d: d.split(b"\n")[0] + b"\n\n\n", "has a header but no data rows"),  # blank lines are no rows
        (lambda d: d.replace(b"demand_twh", b"demand_gwh", 1), "missing required columns ['demand_twh']"),
        (lambda d: d.replace(b",", b";"), "(the header has one column: wrong delimiter?)"),
        (lambda d: d.replace(b"Afghanistan", b"Afgh\xe4nistan", 1), "not UTF-8: byte 0xe4 on line 2"),
        (lambda d: d.rstrip(b"\n")[:-40], "truncated last line 5373: 9 of 19 fields (download cut short?)"),
        (
            lambda d: d.replace(b"country_code", b"country_or_region", 1),
            "column names appear twice: ['country_or_region']",
        ),
        (
            lambda d: d.replace(b"Zimbabwe,ZWE,2023", b'"Zimbabwe,ZWE,2023', 1),
            "unclosed quote on line 5373 runs to the end of the file",
        ),
        (
            lambda d: replace_line(d, 100, b"American Samoa,ASM", b'"American Samoa,ASM'),
            "cannot be parsed as CSV at line 100",
        ),
    ],
)
def test_file_level_problems_name_feed_file_and_problem(mutate, problem):
    with pytest.raises(FeedFileError) as raised:
        screen_bytes(EMBER, mutate(real_bytes(EMBER)))
    assert str(raised.value).startswith(f"feed '{EMBER}', file 'test.csv': ")
    assert problem in str(raised.value)


def test_bom_and_crlf_are_accepted():
    data = b"\xef\xbb\xbf" + real_bytes(EMBER).replace(b"\n", b"\r\n")
    screened = screen_bytes(EMBER, data)
    assert (screened.rows_loaded, screened.rows_quarantined) == (5372, 0)


def test_contract_anchor_catches_a_unit_change():
    """Demand in PWh instead of TWh passes every range, but not the USA 2023 anchor."""
    screened = screen_bytes(EMBER, real_bytes(EMBER))
    contract = load_contract(EMBER)
    rescaled = screened.rows.with_columns(pl.col("demand_twh") / 1000)
    verdict = validate(rescaled, contract, screened.rows_read)
    assert not verdict.passed
    assert len(verdict.failures) == 1
    assert "expect_column_values_to_be_between" in verdict.failures[0]
    assert "area_code==" in verdict.failures[0]
    assert validate(screened.rows, contract, screened.rows_read).passed


def test_a_record_with_extra_fields_is_quarantined_once():
    data = replace_line(real_bytes(EMBER), 10, b",Asia,Asia,", b",Asia,Asia,extra,")
    screened = screen_bytes(EMBER, data)
    assert screened.quarantine.select("source_line", "column_name", "reason").rows() == [
        (10, "(record)", "has 20 fields where the header has 19")
    ]
    assert (screened.rows_read, screened.rows_loaded, screened.rows_quarantined) == (5372, 5371, 1)


def test_publisher_variations_are_accepted():
    """Quoted numbers, reordered columns and an added column are cosmetic: same rows, same values."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(real_bytes(EMBER).decode())))
    fields = list(reversed(list(rows[0]))) + ["note"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({**r, "note": "added by publisher"} for r in rows)
    varied = screen_bytes(EMBER, out.getvalue().encode())
    original = screen_bytes(EMBER, real_bytes(EMBER))
    assert varied.rows_quarantined == 0
    assert varied.rows.drop("source_file_sha256").equals(original.rows.drop("source_file_sha256"))


@pytest.mark.parametrize("feed", [f.name for f in all_feeds()])
def test_duckdb_and_polars_read_every_real_file_alike(feed):
    """The two native parsers agree on every real file: values, nulls and line numbers."""
    from ingest import reading as csv_reading

    data, delimiter = real_bytes(feed), feed_by_name(feed).delimiter
    text = csv_reading._decode(data, feed, "test.csv")
    header, header_last_line = csv_reading._header(text, feed, "test.csv", delimiter)
    frame, rejects = csv_reading._duckdb_rows(text, header, header_last_line, delimiter)
    assert rejects == []
    by_duckdb = csv_reading._empty_as_null(csv_reading._numbered(frame, header, header_last_line), header)
    by_polars = csv_reading._empty_as_null(
        csv_reading._polars_rows(text, header, header_last_line, feed, "test.csv", delimiter), header
    )
    assert by_duckdb.equals(by_polars)


@pytest.mark.parametrize(
    "text, rows",
    [
        ('a,b\n"two\nlines",1\n"",3\n', [("two\nlines", "1", 2, 3, None), (None, "3", 4, 4, None)]),
        ("a,b\n1,2\n\n3,4\n", [("1", "2", 2, 2, None), ("3", "4", 4, 4, None)]),  # a blank line is no record
        (
            "a,b\n1,2\n3\n4,5\n",
            [("1", "2", 2, 2, None), ("3", None, 3, 3, "has 1 fields where the header has 2"), ("4", "5", 4, 4, None)],
        ),
        ("a,b\n1,2,3\n\n4,5\n", [("1", "2", 2, 2, "has 3 fields where the header has 2"), ("4", "5", 4, 4, None)]),
        # a short record after blank lines: DuckDB's reject carries the blank lines, the line is still its own
        (
            "a,b\n1,2\n\n\n3\n4,5\n",
            [("1", "2", 2, 2, None), ("3", None, 5, 5, "has 1 fields where the header has 2"), ("4", "5", 6, 6, None)],
        ),
        (
            "a,b\r\n1\r\n2,3\r\n",
            [("1", None, 2, 2, "has 1 fields where the header has 2"), ("2", "3", 3, 3, None)],
        ),  # first record short
    ],
)
def test_line_numbers_count_inner_newlines_and_blank_lines(text, rows):
    """Every record keeps its own line, whatever blank lines and wrong field counts are around it."""
    from ingest.reading import read_csv

    frame = read_csv(text.encode(), feed="x", file="test.csv", required_columns=("a", "b"))
    assert frame.select("a", "b", "source_line", "source_line_end", "source_problem").rows() == rows


def test_integers_accept_an_exports_float_noise_but_not_a_fraction():
    """Epoch's 2026 clusters write '100000.00000000001' chips: an integer, not a row to quarantine."""
    from data_contracts.row_rules import _typed

    column = load_contract("epoch__gpu_clusters").column("chip_quantity_primary")
    frame = pl.DataFrame({column.source_column: ["100000.00000000001", "8000.0", "7999.5", "50000.00000000001"]})
    assert frame.select(_typed(column)).to_series().to_list() == [100000, 8000, None, 50000]
