"""The registry's report log: every report typed by its field, and every bad report quarantined whole with its reason."""

from __future__ import annotations

import csv
import io
from datetime import date

import polars as pl
import pytest

from tests.helpers.feeds import real_bytes, screen_bytes

FEED = "atlas__dc_project_reports"
STATUSES = "['talks', 'letter_of_intent', 'announced', 'permitted', 'under_construction', 'operational', 'paused', 'cancelled']"
GOOD = {
    "project_id": "stargate_abilene",
    "phase_id": "2",
    "field": "status",
    "value": "operational",
    "currency": "",
    "price_year": "",
    "capex_basis": "",
    "reported_on": "2026-11-30",
    "source_url": "https://example.org/a",
    "note": "",
}


def real_rows() -> int:
    return len(list(csv.DictReader(io.StringIO(real_bytes(FEED).decode("utf-8")))))


def with_report(**changes: str) -> tuple[bytes, int]:
    """The real file with one report appended; returns the bytes and the new report's line."""
    data = real_bytes(FEED)
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=list(GOOD), lineterminator="\n").writerow({**GOOD, **changes})
    data = data if data.endswith(b"\n") else data + b"\n"
    return data + out.getvalue().encode("utf-8"), real_rows() + 2


def test_real_file_stages_whole_each_value_in_its_typed_column():
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert screened.rows_read == screened.rows_loaded == real_rows()
    assert screened.rows_quarantined == 0
    rows = screened.rows
    typed = {
        "status": "status",
        "it_mw": "mw",
        "facility_mw": "mw",
        "unstated_mw": "mw",
        "online_on": "online_on",
        "capex_bn": "capex_bn",
    }
    for field, column in typed.items():
        of_field = rows.filter(pl.col("field") == field)
        assert of_field[column].null_count() == 0, field  # every report of the field has its typed value
    assert (
        rows.filter(pl.col("field") != "capex_bn")["currency"].null_count()
        == rows.filter(pl.col("field") != "capex_bn").height
    )


def test_a_new_report_on_a_later_day_is_a_row_of_its_own():
    data, line = with_report()
    screened = screen_bytes(FEED, data)
    assert screened.rows_loaded == real_rows() + 1
    added = screened.rows.filter(pl.col("source_line") == line).row(0, named=True)
    assert (added["status"], added["reported_on"], added["mw"]) == ("operational", date(2026, 11, 30), None)


def test_a_half_year_online_date_keeps_its_precision():
    data, line = with_report(field="online_on", value="2027-H2")
    row = screen_bytes(FEED, data).rows.filter(pl.col("source_line") == line).row(0, named=True)
    assert (row["online_on"], row["online_on_precision"]) == (date(2027, 7, 1), "half")


CATALOGUE = [
    ({"source_url": ""}, "source_url", "required value is missing"),
    ({"reported_on": ""}, "reported_on", "required value is missing"),
    ({"reported_on": "30/11/2026"}, "reported_on", "not a valid date"),
    ({"reported_on": "2026-12-25"}, "reported_on", "above the maximum of 2026-12-01 (the file was retrieved then)"),
    ({"source_url": "example.org/a"}, "source_url", "does not match ^https?://"),
    ({"value": "rumoured"}, "status", f"not one of {STATUSES}"),
    (
        {"field": "power"},
        "field",
        "not one of ['status', 'it_mw', 'facility_mw', 'unstated_mw', 'online_on', 'capex_bn']",
    ),
    ({"field": "it_mw", "value": "1 GW"}, "mw", "not a valid float"),
    ({"field": "it_mw", "value": "-5"}, "mw", "below the minimum of 0 MW"),
    ({"field": "online_on", "value": "2026-Q5"}, "online_on", "not a valid partial date"),
    (
        {"field": "online_on", "value": "2026", "phase_id": ""},
        "phase_id",
        "an online date belongs to a phase: give the phase_id (atlas__dc_project_phases)",
    ),
    ({"phase_id": "9"}, "phase_id", "not a phase of this project in atlas__dc_project_phases"),
    (
        {"project_id": "stargate_atlantis"},
        "project_id",
        "not a project_id in atlas__dc_projects (data_contracts/atlas__dc_projects.yml)",
    ),
    (
        {"field": "capex_bn", "value": "30", "price_year": "2025", "capex_basis": "committed"},
        "currency",
        "a capex report needs its currency",
    ),
    (
        {"field": "capex_bn", "value": "30", "currency": "USD", "price_year": "2025", "capex_basis": "promised"},
        "capex_basis",
        "not one of ['committed', 'announced_up_to', 'partner_plan', 'press_figure']",
    ),
    ({"currency": "USD"}, "currency", "currency is given only for a capex_bn report"),
    ({"value": ""}, "value", "required value is missing"),
]


@pytest.mark.parametrize("changes, column, reason", CATALOGUE)
def test_bad_reports_are_quarantined_whole_with_their_reason(changes, column, reason):
    data, line = with_report(**changes)
    screened = screen_bytes(FEED, data)
    assert (line, column, reason) in screened.quarantine.select("source_line", "column_name", "reason").rows()
    assert screened.rows_loaded == real_rows()  # the rest of the log still stages
    record = screened.quarantine.filter(pl.col("source_line") == line)["raw_record"].to_list()
    assert all(r is None or "stargate" in r for r in record)


def test_the_same_report_twice_is_a_duplicate_but_a_contradicting_one_is_kept():
    data, line = with_report()
    twice = data + data.splitlines(keepends=True)[-1]
    assert screen_bytes(FEED, twice).quarantine.select("source_line", "reason").rows() == [
        (
            line + 1,
            "duplicate key (project_id, phase_id, field, reported_on, source_url): an earlier row has the same key",
        )
    ]
    other_source = data + data.splitlines(keepends=True)[-1].replace(
        b"https://example.org/a", b"https://example.org/b"
    ).replace(b"operational", b"under_construction")
    assert screen_bytes(FEED, other_source).rows_loaded == real_rows() + 2
