"""The curated cost-per-watt table."""

from __future__ import annotations

import polars as pl
import pytest

from tests.helpers.feeds import real_bytes, replace_line, screen_bytes

FEED = "atlas__dc_cost_per_watt"


def test_real_file_stages_whole_with_values():
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert (screened.rows_read, screened.rows_loaded, screened.rows_quarantined) == (21, 21, 0)
    tokyo = screened.rows.filter((pl.col("market") == "Tokyo") & (pl.col("cost_year") == 2025))
    assert tokyo.select("country_iso3", "usd_per_w_nominal").rows() == [("JPN", 15.2)]


# line 2 is Tokyo 2025
CATALOGUE = [
    (b",15.2,", b",15.2 USD,", "usd_per_w_nominal", "not a valid float"),
    (b",15.2,", b",0.0152,", "usd_per_w_nominal", "below the minimum of 1 USD/W (nominal)"),
    (b",15.2,", b",15200,", "usd_per_w_nominal", "above the maximum of 50 USD/W (nominal)"),
    (b",15.2,", b",,", "usd_per_w_nominal", "required value is missing"),
    (b",2025,", b",2025/26,", "cost_year", "not a valid integer"),
    (
        b",JPN,",
        b",JAP,",
        "country_iso3",
        "not a country_iso3 in datahub__country_codes (data_contracts/datahub__country_codes.yml)",
    ),
    (
        b"Tokyo,JPN,2025",
        b"Tokyo,JPN,2024",
        "market,cost_year",
        "duplicate key (market, cost_year): an earlier row has the same key",
    ),
]


@pytest.mark.parametrize("old, new, column, reason", CATALOGUE)
def test_bad_rows_are_quarantined_with_their_reason(old, new, column, reason):
    screened = screen_bytes(FEED, replace_line(real_bytes(FEED), 2, old, new))
    problems = screened.quarantine.select("column_name", "reason").rows()
    assert (column, reason) in problems
    assert screened.rows_read == screened.rows_loaded + screened.rows_quarantined == 21
    assert screened.rows_quarantined == 1
