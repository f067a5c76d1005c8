"""EIA-930 hourly demand through its loader: every hour of the real files loaded or quarantined with its reason,
the gate passing a BA that stopped reporting, and a second load of the same files changing nothing."""

from __future__ import annotations

import shutil

from tests.conftest import REFERENCE_DATA
from tests.hourly_helpers import load_hourly, mirror_of, query

BA_FILES = REFERENCE_DATA / "hourly" / "eia930_demand_by_ba"

FEED = "eia930__demand_hourly"


def test_every_hour_of_the_real_files_is_loaded_or_quarantined_with_its_reason(tmp_path):
    outcome = load_hourly(tmp_path, FEED)
    counts = outcome.counts
    # 23 files x 43,848 hours; NSB's 43,698 MISSING hours and PJM-RECO's 8,875 zeros are known absences and do
    # not fail the gate
    assert not outcome.failures and counts["months_loaded"] == 60
    assert counts["rows_read"] == 23 * 43848 == counts["rows_loaded"] + counts["rows_quarantined"]
    (loaded,) = query(tmp_path, f"select count(*) from raw.{FEED}")[0]
    assert loaded == counts["rows_loaded"]
    # PJM's sentinels on 2021-10-19, in the October partition, each record whole as the file has it
    sentinels = query(tmp_path, """
        select partition_key, raw_value, raw_record from audit.quarantine
        where feed = ? and reason like 'implausible: more than 3.0x%' and raw_record like '2021-10-19%' order by source_line""", [FEED])
    assert sentinels == [
        ("2021-10-01", "1527760000", "2021-10-19 03:00:00,1527760000"),
        ("2021-10-01", "2147480000", "2021-10-19 04:00:00,2147480000"),
        ("2021-10-01", "431044000", "2021-10-19 05:00:00,431044000"),
    ]
    reasons = dict(query(tmp_path, "select reason, count(distinct (source_file_sha256, source_line)) from audit.quarantine where feed = ? group by 1", [FEED]))
    zeros = sum(line.rstrip().endswith(",0") for path in BA_FILES.glob("[A-Z]*.csv") for line in path.open())
    assert reasons["zero demand: the balancing authority reported nothing, not a load of 0 MW"] == zeros == 8875 + 6
    empty = sum(line.rstrip().endswith(",EMPTY") for path in BA_FILES.glob("[A-Z]*.csv") for line in path.open())
    assert reasons["no value published: EMPTY"] == empty >= 115 + 29 + 25 + 13 + 4  # PJM, MISO, SWPP, CISO, ISNE ...
    # ERCOT's missing autumn clock-change hour is in quarantine, not in the table
    assert query(tmp_path, f"select count(*) from raw.{FEED} where balancing_authority = 'ERCO' and hour_utc = '2021-11-07 06:00:00+00'") == [(0,)]


def test_loading_the_same_files_again_changes_no_month(tmp_path):
    load_hourly(tmp_path, FEED)
    before = query(tmp_path, "select partition_key, loaded_at from audit.partition_loads where feed = ? order by 1", [FEED])
    again = load_hourly(tmp_path, FEED)
    assert again.loaded == () and len(again.unchanged) > 60
    assert query(tmp_path, "select partition_key, loaded_at from audit.partition_loads where feed = ? order by 1", [FEED]) == before


def test_two_balancing_authorities_with_identical_files_are_two_areas(tmp_path):
    """Two BAs reporting nothing write the same bytes: each file's rows stay its own BA's, once each."""
    mirror = mirror_of(tmp_path, "eia930_demand_by_ba")
    folder = mirror / "hourly" / "eia930_demand_by_ba"
    for path in folder.glob("[A-Z]*.csv"):
        if path.stem not in ("ERCO", "NSB"):
            path.unlink()
    shutil.copy(folder / "NSB.csv", folder / "NSBX.csv")
    outcome = load_hourly(tmp_path / "home", FEED, mirror=mirror)
    assert not outcome.failures
    rows = dict(query(tmp_path / "home", f"select balancing_authority, count(*) from raw.{FEED} group by 1"))
    assert rows["NSB"] == rows["NSBX"] > 0 and rows["ERCO"] == 43847
    (entries,) = query(tmp_path / "home", "select count(*) from audit.quarantine where feed = ? and reason like 'no value%'", [FEED])[0]
    def no_value(name: str) -> int:
        return sum(line.rstrip().endswith((",MISSING", ",EMPTY")) for line in (folder / name).open())
    assert entries == 2 * no_value("NSB.csv") + no_value("ERCO.csv")
