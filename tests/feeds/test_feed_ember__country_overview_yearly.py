"""Ember's yearly overview: countries and aggregates, row-level problems quarantined with reasons."""

from __future__ import annotations

import pytest

from tests.helpers.feeds import real_bytes, replace_line, screen_bytes

FEED = "ember__country_overview_yearly"

# line 2: Afghanistan 2000 (0.57 TWh, 250.0 gCO2/kWh)
CATALOGUE = [
    (b",0.57,", b",-0.57,", "demand_twh", "below the minimum of 0 TWh"),
    (b",0.57,", b",n/a,", "demand_twh", "not a valid float"),
    (b",250.0,", b",25000.0,", "emissions_intensity_gco2_per_kwh", "above the maximum of 2000 gCO2/kWh"),
    (b",2000,", b",1899,", "year", "below the minimum of 1990"),
    (b",2000,", b",2000.5,", "year", "not a valid integer"),
    (b",2000,", b",2001,", "area_code,year", "duplicate key (area_code, year): an earlier row has the same key"),
    (
        b",AFG,",
        b",AFX,",
        "country_iso3",
        "not a country_iso3 in datahub__country_codes (data_contracts/datahub__country_codes.yml)",
    ),
    (
        b"Afghanistan,AFG,",
        b"Afghanistan,,",
        "country_iso3",
        "no ISO3 code and not an aggregate in curated/atlas__country_names.csv",
    ),
    (b",0.0,0.0,0.0,0.0,", b",maybe,0.0,0.0,0.0,", "is_eu", "not a valid boolean"),
]


@pytest.mark.parametrize("old, new, column, reason", CATALOGUE)
def test_bad_rows_are_quarantined_with_their_reason(old, new, column, reason):
    screened = screen_bytes(FEED, replace_line(real_bytes(FEED), 2, old, new))
    lines = {2, 3} if column == "area_code,year" else {2}
    assert (max(lines), column, reason) in screened.quarantine.select("source_line", "column_name", "reason").rows()
    assert screened.rows_read == screened.rows_loaded + screened.rows_quarantined == 5372
    assert screened.rows_quarantined == 1


def test_scientific_notation_and_quoted_numbers_parse():
    data = replace_line(real_bytes(FEED), 2, b",0.57,", b',"5.7E-1",')
    screened = screen_bytes(FEED, data)
    assert screened.rows_quarantined == 0
    assert screened.rows.filter(screened.rows["source_line"] == 2)["demand_twh"].to_list() == [0.57]
