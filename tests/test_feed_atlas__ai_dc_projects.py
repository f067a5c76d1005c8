"""The curated project registry: statuses, partial dates, and every row kept or quarantined with a reason."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from tests.feed_helpers import real_bytes, replace_line, screen_bytes
from transforms.atlas__ai_dc_projects import normalise_status

FEED = "atlas__ai_dc_projects"
STATUSES = "['announced', 'permitted', 'under_construction', 'operational', 'paused', 'cancelled']"
BASES = "['committed', 'announced_up_to', 'partner_plan', 'press_figure']"


def test_real_file_stages_whole_with_values():
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert (screened.rows_read, screened.rows_loaded, screened.rows_quarantined) == (21, 21, 0)
    uae = screened.rows.filter(pl.col("project_name") == "Stargate UAE").row(0, named=True)
    assert (uae["country_iso3"], uae["planned_it_mw"], uae["first_phase_it_mw"], uae["status"]) == ("ARE", 1000, 200, "under_construction")
    assert (uae["announced_on"], uae["announced_on_precision"]) == (date(2025, 5, 22), "day")
    assert (uae["capex_usd_bn_nominal"], uae["capex_basis"]) == (30, "press_figure")
    assert screened.rows["status"].value_counts().sort("status").rows() == [
        ("announced", 12), ("operational", 5), ("paused", 1), ("under_construction", 3)
    ]


def test_statuses_map_to_one_vocabulary_and_keep_paused():
    raw = ["Under Construction", "under-construction", "paused", "On hold", "Operating", "Canceled", "rumoured"]
    normalised = pl.Series(raw).to_frame("s").select(normalise_status(pl.col("s")))["s"].to_list()
    assert normalised == ["under_construction", "under_construction", "paused", "paused", "operational", "cancelled", "rumoured"]


# (line, old, new, column, reason) on the real file; line 2 is Stargate UAE, 3 Stargate Norway, 4 Stargate UK
CATALOGUE = [
    (4, b",paused,", b",rumoured,", "status", f"not one of {STATUSES}"),
    (3, b",230,20,", b",-230,20,", "planned_it_mw", "below the minimum of 0 MW"),
    (3, b",230,20,", b",230000,20,", "planned_it_mw", "above the maximum of 10000 MW"),
    (3, b",230,20,", b",230 MW,20,", "planned_it_mw", "not a valid float"),
    (3, b",NOR,", b",NRW,", "country_iso3", "not a country_iso3 in datahub__country_codes (data_contracts/datahub__country_codes.yml)"),
    (3, b",NOR,", b",Norway,", "country_iso3", "does not match ^[A-Z]{3}$"),
    (3, b",2025-07-31,", b",31/07/2025,", "announced_on", "not a valid partial date"),
    (3, b",2025-07-31,", b",2025-Q5,", "announced_on", "not a valid partial date"),
    (2, b"Stargate UAE,", b",", "project_name", "required value is missing"),
    (2, b",2026,under", b",2099,under", "first_phase_online_on", "above the maximum of 2040-12-31"),
    (3, b",2025-07-31,", b",1925-07-31,", "announced_on", "below the minimum of 2015-01-01"),
    (3, b",1,committed,", b",1,promised,", "capex_basis", f"not one of {BASES}"),
    (3, b",1,committed,", b",1,,", "capex_basis", "capex_basis is given exactly when capex_usd_bn is"),
    (3, b",1,committed,", b",,committed,", "capex_basis", "capex_basis is given exactly when capex_usd_bn is"),
]


@pytest.mark.parametrize("line, old, new, column, reason", CATALOGUE)
def test_bad_rows_are_quarantined_with_their_reason(line, old, new, column, reason):
    screened = screen_bytes(FEED, replace_line(real_bytes(FEED), line, old, new))
    assert (line, column, reason) in screened.quarantine.select("source_line", "column_name", "reason").rows()
    assert (screened.rows_read, screened.rows_loaded, screened.rows_quarantined) == (21, 20, 1)


def test_duplicate_key_after_a_blank_line():
    data = real_bytes(FEED)
    data = data + b"\n" + data.split(b"\n")[1] + b"\n"  # a blank line, then Stargate UAE again
    screened = screen_bytes(FEED, data)
    assert screened.quarantine.select("source_line", "reason").rows() == [
        (24, "duplicate key (project_name): an earlier row has the same key")
    ]
    assert screened.rows_read == screened.rows_loaded + screened.rows_quarantined == 22
