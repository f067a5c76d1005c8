"""ENTSO-E day-ahead prices for Germany through the loader: local intervals to UTC hours across the clock
changes, n/e and the spring hour quarantined with their reasons, negative prices kept."""

from __future__ import annotations

from tests.helpers.hourly import load_hourly, query

FEED = "entsoe__day_ahead_price_hourly"


def test_the_clock_changes_and_n_e_hours_are_handled_as_documented(tmp_path):
    outcome = load_hourly(tmp_path, FEED)
    assert not outcome.failures
    # four files: 2016 (leap) and 2017-2019, each with a blank spring hour and a repeated autumn one
    assert outcome.counts["rows_read"] == 8785 + 8761 + 8761 + 8761
    # the repeated 2019 autumn hour: first CEST, then CET, one UTC hour each with its own price
    assert query(
        tmp_path,
        f"""
        select hour_utc::varchar, price_eur_per_mwh from raw.{FEED} where local_start = '2019-10-27T02:00' order by 1""",
    ) == [("2019-10-27 00:00:00+00", -29.97), ("2019-10-27 01:00:00+00", -9.97)]
    # each spring hour that never happened is quarantined once for it, in its month's partition
    spring = query(
        tmp_path,
        """
        select partition_key, raw_record from audit.quarantine
        where feed = ? and reason like 'a local hour that does not exist%' order by 1""",
        [FEED],
    )
    assert [p for p, _ in spring] == ["2016-03-01", "2017-03-01", "2018-03-01", "2019-03-01"]
    assert spring[0][1] == '"27.03.2016 02:00 - 27.03.2016 03:00",""'
    n_e = query(
        tmp_path,
        "select count(distinct source_line) from audit.quarantine where feed = ? and reason like 'n/e:%'",
        [FEED],
    )
    assert n_e == [(2209,)]
    # negative prices are real and kept; the first hour of the 2016 file is 2015-12-31T23Z, in its own partition
    assert query(
        tmp_path,
        f"select count(*), min(price_eur_per_mwh) from raw.{FEED} where price_eur_per_mwh < 0 and year(hour_utc) = 2016",
    ) == [(97, -130.09)]
    assert query(tmp_path, f"select min(hour_utc)::varchar from raw.{FEED}") == [("2015-12-31 23:00:00+00",)]
    # every other row loads, one per UTC hour
    rows_read = outcome.counts["rows_read"]
    assert query(tmp_path, f"select count(*), count(distinct hour_utc) from raw.{FEED}") == [
        (rows_read - 4 - 2209,) * 2
    ]
