"""EIA-930 hourly demand through its loader: every hour of the real files loaded or quarantined with its reason,
the gate passing a BA that stopped reporting, a second load of the same files changing nothing, and a month
screened a few BAs at a time (as at scale) loading what one piece loads, a failing BA keeping its month out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from data_contracts.paths import REFERENCE_DATA
from ingest.hourly import HourlyOutcome
from ingest.hourly import months as hourly_months
from ingest.reading import FeedFileError
from tests.helpers.hourly import load_hourly, mirror_of, query

BA_FILES = REFERENCE_DATA / "hourly" / "eia930_demand_by_ba"

FEED = "eia930__demand_hourly"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> tuple[Path, HourlyOutcome]:
    """Every month of the real files loaded into a fresh home, once: the other tests start from its spills
    (reading and preparing the 23 files is most of a load)."""
    home = tmp_path_factory.mktemp("eia930") / "home"
    return home, load_hourly(home, FEED)


def test_every_hour_of_the_real_files_is_loaded_or_quarantined_with_its_reason(loaded):
    tmp_path, outcome = loaded
    counts = outcome.counts
    # 23 files x 43,848 hours; NSB's 43,698 MISSING hours and PJM-RECO's 8,875 zeros are known absences and do
    # not fail the gate
    assert not outcome.failures and counts["months_loaded"] == 60
    assert counts["rows_read"] == 23 * 43848 == counts["rows_loaded"] + counts["rows_quarantined"]
    (loaded,) = query(tmp_path, f"select count(*) from raw.{FEED}")[0]
    assert loaded == counts["rows_loaded"]
    # PJM's sentinels on 2021-10-19, in the October partition, each record whole as the file has it
    sentinels = query(
        tmp_path,
        """
        select partition_key, raw_value, raw_record from audit.quarantine
        where feed = ? and reason like 'implausible: more than 3.0x%' and raw_record like '2021-10-19%' order by source_line""",
        [FEED],
    )
    assert sentinels == [
        ("2021-10-01", "1527760000", "2021-10-19 03:00:00,1527760000"),
        ("2021-10-01", "2147480000", "2021-10-19 04:00:00,2147480000"),
        ("2021-10-01", "431044000", "2021-10-19 05:00:00,431044000"),
    ]
    reasons = dict(
        query(
            tmp_path,
            "select reason, count(distinct (source_file_sha256, source_line)) from audit.quarantine where feed = ? group by 1",
            [FEED],
        )
    )
    zeros = sum(line.rstrip().endswith(",0") for path in BA_FILES.glob("[A-Z]*.csv") for line in path.open())
    assert reasons["zero demand: the balancing authority reported nothing, not a load of 0 MW"] == zeros == 8875 + 6
    empty = sum(line.rstrip().endswith(",EMPTY") for path in BA_FILES.glob("[A-Z]*.csv") for line in path.open())
    assert reasons["no value published: EMPTY"] == empty >= 115 + 29 + 25 + 13 + 4  # PJM, MISO, SWPP, CISO, ISNE ...
    # ERCOT's missing autumn clock-change hour is in quarantine, not in the table
    assert query(
        tmp_path,
        f"select count(*) from raw.{FEED} where balancing_authority = 'ERCO' and hour_utc = '2021-11-07 06:00:00+00'",
    ) == [(0,)]


def test_loading_the_same_files_again_changes_no_month(loaded, tmp_path):
    shutil.copytree(loaded[0], tmp_path, dirs_exist_ok=True)  # a home the real files were loaded into
    before = query(
        tmp_path, "select partition_key, loaded_at from audit.partition_loads where feed = ? order by 1", [FEED]
    )
    again = load_hourly(tmp_path, FEED)
    assert again.loaded == () and len(again.unchanged) > 60
    assert (
        query(tmp_path, "select partition_key, loaded_at from audit.partition_loads where feed = ? order by 1", [FEED])
        == before
    )


def test_two_balancing_authorities_with_identical_files_are_two_areas(loaded, tmp_path):
    """Two BAs reporting nothing write the same bytes: each file's rows stay its own BA's, once each."""
    mirror = mirror_of(tmp_path, "eia930_demand_by_ba")
    folder = mirror / "hourly" / "eia930_demand_by_ba"
    for path in folder.glob("[A-Z]*.csv"):
        if path.stem not in ("ERCO", "NSB"):
            path.unlink()
    shutil.copy(folder / "NSB.csv", folder / "NSBX.csv")
    outcome = load_hourly(tmp_path / "home", FEED, mirror=mirror, spills_from=loaded[0])
    assert not outcome.failures
    rows = dict(query(tmp_path / "home", f"select balancing_authority, count(*) from raw.{FEED} group by 1"))
    assert rows["NSB"] == rows["NSBX"] > 0 and rows["ERCO"] == 43847
    (entries,) = query(
        tmp_path / "home", "select count(*) from audit.quarantine where feed = ? and reason like 'no value%'", [FEED]
    )[0]

    def no_value(name: str) -> int:
        return sum(line.rstrip().endswith((",MISSING", ",EMPTY")) for line in (folder / name).open())

    assert entries == 2 * no_value("NSB.csv") + no_value("ERCO.csv")


AUTUMN_2021 = ["2021-10-01", "2021-11-01"]  # PJM's sentinels and ERCOT's missing clock-change hour


def _counting_chunks(monkeypatch) -> list[int]:
    """The loader itself, counting the chunks it stages."""
    staged, stage = [], hourly_months.stage_chunk

    def counted(con, screened, partition_column):
        staged.append(screened.rows_read)
        return stage(con, screened, partition_column)

    monkeypatch.setattr(hourly_months, "stage_chunk", counted)
    return staged


def test_a_month_screened_a_few_balancing_authorities_at_a_time_loads_what_one_piece_loads(
    loaded, tmp_path, monkeypatch
):
    staged = _counting_chunks(monkeypatch)
    load_hourly(tmp_path / "whole", FEED, months=AUTUMN_2021, spills_from=loaded[0])
    assert staged == [23 * (31 + 30) * 24]  # both months, every BA, one chunk
    staged.clear()
    monkeypatch.setattr(hourly_months, "BATCH_ROWS", 5_000)
    load_hourly(tmp_path / "chunked", FEED, months=AUTUMN_2021, spills_from=loaded[0])
    # a month (23 BAs x 744 hours) is more than 5,000 rows: a batch per month, 7 BAs (5,208 rows) at most a chunk
    assert len(staged) == 8 and max(staged) <= 7 * 31 * 24 and sum(staged) == 23 * (31 + 30) * 24
    for sql in (
        f"select * from raw.{FEED} order by balancing_authority, hour_utc",
        "select * exclude (quarantined_at) from audit.quarantine order by all",
        "select partition_key, digest, rows_read, rows_loaded, rows_quarantined, contract_passed"
        " from audit.partition_loads order by 1",
    ):
        assert query(tmp_path / "whole", sql) == query(tmp_path / "chunked", sql)
    sentinel = "select count(distinct source_line), count(*) from audit.quarantine where raw_value = '2147480000'"
    assert query(tmp_path / "chunked", sentinel) == [(1, 2)]  # one row: over 3x the month's median, and over the range


def _erco_unreadable(tmp_path, hours_starting: bytes):
    """A mirror whose ERCO file has `n/a` for demand in the hours whose stamps start so: a bad number, which
    counts against the quarantine ceiling (2 % of a month's rows)."""
    mirror = mirror_of(tmp_path, "eia930_demand_by_ba")
    erco = mirror / "hourly" / "eia930_demand_by_ba" / "ERCO.csv"
    lines = erco.read_bytes().split(b"\r\n")
    erco.write_bytes(
        b"\r\n".join(line.split(b",")[0] + b",n/a" if line.startswith(hours_starting) else line for line in lines)
    )
    return mirror


def test_the_quarantine_ceiling_judges_the_month_not_the_chunk_its_bad_rows_fall_in(loaded, tmp_path, monkeypatch):
    """240 bad hours are 1.4 % of November's 16,560 rows but 5 % of ERCO's chunk of 7 BAs: the month passes."""
    mirror = _erco_unreadable(tmp_path, b"2021-11-1")  # November 10th to 19th
    monkeypatch.setattr(hourly_months, "BATCH_ROWS", 5_000)
    outcome = load_hourly(tmp_path / "home", FEED, mirror=mirror, months=AUTUMN_2021, spills_from=loaded[0])
    assert not outcome.failures
    november = f"select count(*) from raw.{FEED} where balancing_authority = 'ERCO' and month_start = '2021-11-01'"
    assert query(tmp_path / "home", november) == [(30 * 24 - 240 - 1,)]  # 1: its missing clock-change hour
    (bad,) = query(
        tmp_path / "home",
        "select count(*) from audit.quarantine where partition_key = '2021-11-01' and raw_value = 'n/a'",
    )[0]
    assert bad == 10 * 24  # each hour kept whole with its reason


def test_one_balancing_authority_failing_its_gate_keeps_its_whole_month_out(loaded, tmp_path, monkeypatch):
    """ERCO's whole November unreadable is 4.3 % of the month: no BA's November loads, whichever chunk it was in."""
    mirror = _erco_unreadable(tmp_path, b"2021-11")
    monkeypatch.setattr(hourly_months, "BATCH_ROWS", 5_000)
    outcome = load_hourly(tmp_path / "home", FEED, mirror=mirror, months=AUTUMN_2021, spills_from=loaded[0])
    failed = {m.month: m.failures for m in outcome.loaded if m.failures}
    assert list(failed) == ["2021-11-01"] and "expect_table_row_count_to_be_between" in failed["2021-11-01"][0]
    loaded = query(
        tmp_path / "home",
        f"select month_start::varchar, count(distinct balancing_authority) from raw.{FEED} group by 1",
    )
    assert loaded == [("2021-10-01", 22)]  # 22: NSB reported nothing; no BA's November (its old rows, none, kept)
    (bad,) = query(
        tmp_path / "home",
        "select count(*) from audit.quarantine where partition_key = '2021-11-01' and raw_value = 'n/a'",
    )[0]
    assert bad == 30 * 24


def test_a_file_without_its_demand_column_stops_the_load_naming_feed_and_file(loaded, tmp_path):
    mirror = mirror_of(tmp_path, "eia930_demand_by_ba")
    load_hourly(tmp_path / "home", FEED, mirror=mirror, months=AUTUMN_2021, spills_from=loaded[0])
    before = query(tmp_path / "home", f"select count(*) from raw.{FEED}")
    erco = mirror / "hourly" / "eia930_demand_by_ba" / "ERCO.csv"
    erco.write_bytes(erco.read_bytes().replace(b"demand (MW)", b"demand"))
    with pytest.raises(FeedFileError) as raised:
        load_hourly(tmp_path / "home", FEED, mirror=mirror, months=AUTUMN_2021)
    assert "eia930__demand_hourly" in str(raised.value) and "ERCO.csv" in str(raised.value)
    assert "demand (MW)" in str(raised.value)
    assert query(tmp_path / "home", f"select count(*) from raw.{FEED}") == before  # the last good rows stay
    (failed,) = query(tmp_path / "home", "select contract_failures from audit.feed_loads where not contract_passed")[0]
    assert "ERCO.csv" in failed[0]
    # the broken file is kept as it landed, beside the good ones
    kept = [
        p
        for p in (tmp_path / "home" / "landing").rglob("*")
        if p.is_file() and p.read_bytes().startswith(b"date_time,demand\r\n")
    ]
    assert len(kept) == 1
