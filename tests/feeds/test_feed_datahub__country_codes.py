"""The master country dimension."""

from __future__ import annotations

import pytest

from tests.helpers.feeds import real_bytes, screen_bytes

FEED = "datahub__country_codes"


def test_real_file_stages_whole_plus_kosovo():
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert (screened.rows_read, screened.rows_loaded, screened.rows_quarantined) == (250, 250, 0)
    kosovo = screened.rows.filter(screened.rows["country_iso3"] == "XKX").row(0, named=True)
    assert (kosovo["source_line"], kosovo["country_name"], kosovo["currency_iso4217"]) == (0, "Kosovo", "EUR")


@pytest.mark.parametrize(
    "old, new, column, reason",
    [
        (b",AFG,af,", b",AFGH,af,", "country_iso3", "does not match ^[A-Z]{3}$"),
        (b",4,1,AF,AF,AF,", b",four,1,AF,AF,AF,", "iso_numeric", "not a valid integer"),
        (b",AFG,af,", b",ALB,af,", "country_iso3", "duplicate key (country_iso3): an earlier row has the same key"),
    ],
)
def test_bad_rows_are_quarantined_with_their_reason(old, new, column, reason):
    data = real_bytes(FEED)
    lines = data.split(b"\n")
    lines[1] = lines[1].replace(old, new, 1)
    if column == "country_iso3" and b"ALB" in new:  # move the duplicate after the real ALB row
        lines.append(lines.pop(1))
    screened = screen_bytes(FEED, b"\n".join(lines) + (b"" if data.endswith(b"\n") else b""))
    assert (column, reason) in screened.quarantine.select("column_name", "reason").rows()
    assert screened.rows_read == screened.rows_loaded + screened.rows_quarantined
    assert screened.rows_quarantined == 1
