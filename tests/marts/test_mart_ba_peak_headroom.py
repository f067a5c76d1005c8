"""mart_ba_peak_headroom against ERCO's file by hand: the screened peak, the Texas Stargate sites the crosswalk
places in ERCOT drawn flat at full load, and the hours demand plus that load would have passed the peak."""

from __future__ import annotations

import csv

import pytest

from data_contracts.paths import REFERENCE_DATA
from tests.helpers import golden


def _erco_demand() -> list[tuple[str, float]]:
    """ERCO's hours as the file has them, less MISSING / EMPTY (ERCO has no zero, sentinel or spike)."""
    with (REFERENCE_DATA / "hourly" / "eia930_demand_by_ba" / "ERCO.csv").open(newline="") as handle:
        return [
            (r["date_time"], float(r["demand (MW)"]))
            for r in csv.DictReader(handle)
            if r["demand (MW)"] not in ("MISSING", "EMPTY")
        ]


def _row(built, ba: str, scenario: str = "base") -> dict:
    columns = [c[0] for c in built.query("describe marts.mart_ba_peak_headroom")]
    (row,) = built.query(
        "select * from marts.mart_ba_peak_headroom where balancing_authority = ? and scenario = ?", [ba, scenario]
    )
    return dict(zip(columns, row))


def test_erco_peak_hour_headroom_for_the_texas_stargate_sites(built):
    demand = _erco_demand()
    peak = max(mw for _, mw in demand)
    peak_hour = min(hour for hour, mw in demand if mw == peak)
    erco = _row(built, "ERCO")
    assert (erco["hours_observed"], erco["peak_demand_mw"]) == (43848 - 1, peak) == (43847, 85544.0)
    assert erco["peak_hour_utc"].strftime("%Y-%m-%d %H:%M:%S") == peak_hour == "2024-08-20 23:00:00"
    # the programme's Texas sites in ERCOT: Abilene (Milam's utility is unnamed, Shackelford runs off-grid)
    assert erco["programme_campus_ids"] == "stargate_abilene"
    (abilene_it_mw,) = built.query(
        "select it_mw from intermediate.int_campuses_reconciled where campus_id = 'stargate_abilene'"
    )[0]
    facility_mw = abilene_it_mw * golden.scenario("base")["pue"]
    assert (abilene_it_mw, erco["programme_facility_mw"]) == (1200.0, pytest.approx(facility_mw))
    assert erco["hours_over_peak_with_programme"] == sum(1 for _, mw in demand if mw + facility_mw > peak)
    assert erco["programme_share_of_peak_pct"] == pytest.approx(100 * facility_mw / peak)


def test_the_whole_pipeline_in_each_area_and_areas_without_demand_data(built):
    demand = [mw for _, mw in _erco_demand()]
    erco = _row(built, "ERCO", "high")
    facility_mw = erco["pipeline_it_mw"] * golden.scenario("high")["pue"]
    assert erco["pipeline_facility_mw"] == pytest.approx(facility_mw)
    peak = max(demand)  # once: inside the sum it was taken 43,847 times over
    assert erco["hours_over_peak_with_pipeline"] == sum(1 for mw in demand if mw + facility_mw > peak)
    assert erco["campus_count"] == 7
    # TVA has a campus (Colossus 1) but no demand file in the feed: listed, its peaks unknown
    tva = _row(built, "TVA")
    assert (tva["has_demand_data"], tva["peak_demand_mw"], tva["campus_ids"]) == (False, None, "xai_colossus_1")
