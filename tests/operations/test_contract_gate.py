"""A feed that breaks its contract blocks everything downstream and leaves the previous good data alone."""

from __future__ import annotations

import csv
import io

import duckdb

from data_contracts.paths import REFERENCE_DATA
from orchestration.keys import landing_key
from tests.helpers.builds import (
    copy_of,
    downstream_of,
    materialise_everything,
    mirror_with,
)
from tests.helpers.hourly import with_two_balancing_authorities

EMBER = "ember/api_country_overview_yearly.csv"
EMBER_LANDING = landing_key("ember__country_overview_yearly")
PRICE_LANDING = landing_key("ember__price_monthly")
PROJECTS_LANDING = landing_key("atlas__dc_projects")
ARE_DEMAND = (
    "select national_demand_twh from marts.mart_country_energy "
    "where country_iso3 = 'ARE' and scenario = 'base' and not is_projected_demand"
)


def decimal_comma_export() -> bytes:
    """The Ember file as a European-locale spreadsheet would re-export it: demand as "4272,81"."""
    with (REFERENCE_DATA / EMBER).open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "demand_twh": row["demand_twh"].replace(".", ",")})
    return out.getvalue().encode()


def test_corrupted_feed_fails_its_contract_and_freezes_only_what_reads_it(tmp_path):
    """A fresh home: the feed never had good data, so the models that read it cannot build; the rest do (with one
    month of the hourly feeds, and two of EIA's 23 areas: nothing here reads them)."""
    mirror = with_two_balancing_authorities(mirror_with(tmp_path, EMBER, decimal_comma_export()))
    build = materialise_everything(tmp_path / "home", mirror, hourly_months="2024-12")

    assert not build.result.success
    assert build.check_passed(["raw", "ember__country_overview_yearly"], "contract") is False
    assert build.check_passed(["raw", "atlas__dc_project_reports"], "contract") is True
    tables = {t for (t,) in build.query("select table_schema || '.' || table_name from information_schema.tables")}
    assert "raw.ember__country_overview_yearly" not in tables
    assert "raw.atlas__dc_project_reports" in tables  # the healthy feeds still stage
    # every model that does not read Ember still builds in the same run
    assert {"marts.mart_country_capacity", "marts.mart_project_pipeline"} <= tables
    assert "marts.mart_country_energy" not in tables  # it reads Ember: nothing good to build it from

    # nothing lost: the bad rows are kept with their reason and line
    line, value, reason = build.query(
        "select source_line, raw_value, reason from audit.quarantine "
        "where feed = 'ember__country_overview_yearly' and column_name = 'demand_twh' and raw_value = '4272,81'"
    )[0]
    assert (value, reason) == ("4272,81", "not a valid float")
    assert line == 1 + 1 + next(
        i
        for i, r in enumerate(csv.DictReader((REFERENCE_DATA / EMBER).open()))
        if r["country_code"] == "USA" and r["year"] == "2023"
    )
    ((read, loaded, quarantined, passed),) = build.query(
        "select rows_read, rows_loaded, rows_quarantined, contract_passed from audit.feed_loads "
        "where feed = 'ember__country_overview_yearly'"
    )
    assert (read, passed) == (5372, False)
    assert read == loaded + quarantined
    assert quarantined > 5000  # every row with a demand value; the few empty ones still parse


def test_a_bad_file_keeps_the_previous_good_data(built, tmp_path):
    home = tmp_path / "home"
    good = copy_of(built, home)  # a good build, then the bad file
    before = good.query("select count(*), any_value(source_file_sha256) from raw.ember__country_overview_yearly")

    # the feed and what reads it
    bad = materialise_everything(
        home, mirror_with(tmp_path, EMBER, decimal_comma_export()), only=downstream_of(EMBER_LANDING)
    )

    assert bad.check_passed(["raw", "ember__country_overview_yearly"], "contract") is False
    assert bad.query("select count(*), any_value(source_file_sha256) from raw.ember__country_overview_yearly") == before
    assert bad.query(ARE_DEMAND) == [(164.92,)]
    assert bad.query("select count(*) from audit.feed_loads where not contract_passed") == [(1,)]


def test_a_broken_file_fails_its_feed_and_the_rest_still_builds_from_the_previous_data(built, tmp_path):
    home = tmp_path / "home"
    copy_of(built, home)  # a good build, then the broken file
    html = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"
    mirror = mirror_with(tmp_path, EMBER, html)

    # the broken feed, a healthy one, and everything that reads either
    broken = materialise_everything(home, mirror, only=downstream_of(EMBER_LANDING, PROJECTS_LANDING))

    # the run fails, after the publish, naming the feed; the feed's check is red, never green
    assert not broken.result.success
    assert broken.check_passed(["raw", "ember__country_overview_yearly"], "contract") is False
    message = next(f for f in broken.failures() if f.startswith("serving__build_status"))
    assert (
        f"ember__country_overview_yearly is stale: feed 'ember__country_overview_yearly', file '{mirror / EMBER}': "
        "is an HTML/XML page, not CSV" in message
    )
    assert broken.materialisation_metadata(["raw", "atlas__dc_projects"])["rows_loaded"] == 26
    assert broken.query("select count(*) from raw.ember__country_overview_yearly") == [(5372,)]
    landed = {p.read_bytes() for p in (home / "landing" / "ember__country_overview_yearly").glob("*.csv")}
    assert html in landed  # the bad file is kept too

    # in the same run the marts that read it were rebuilt from what is staged, and the serving file published,
    # with the feed's state for analysts
    assert broken.query(ARE_DEMAND) == [(164.92,)]
    serving = home / "serving" / "atlas.duckdb"
    with duckdb.connect(str(serving), read_only=True) as con:
        state = con.execute(
            "select state, last_good_sha256, error from dimensions.feed_state where feed = 'ember__country_overview_yearly'"
        ).fetchone()
        ok = con.execute("select count(*) from dimensions.feed_state where state = 'ok'").fetchone()[0]
    good_sha = built.query("select distinct source_file_sha256 from raw.ember__country_overview_yearly")[0][0]
    assert state[0] == "stale" and state[1] == good_sha and "is an HTML/XML page, not CSV" in state[2]
    assert ok == len(broken.query("select distinct feed from audit.feed_loads")) - 1
    assert serving.stat().st_mtime > (built.home / "serving" / "atlas.duckdb").stat().st_mtime
    _assert_only_readers_of_ember_say_stale(serving)


def _assert_only_readers_of_ember_say_stale(serving) -> None:
    """The marts that read the stale feed say so, in the serving file and in the release's alerts."""
    with duckdb.connect(str(serving), read_only=True) as con:
        stale = dict(
            con.execute("select mart, stale_feeds from dimensions.mart_state where state = 'stale_inputs'").fetchall()
        )
        fresh = {m for (m,) in con.execute("select mart from dimensions.mart_state where state = 'ok'").fetchall()}
        alerts = [a for (a,) in con.execute("select alert from release.alerts order by alert_number").fetchall()]
    assert stale["mart_country_energy"] == ["ember__country_overview_yearly"]
    assert {"mart_project_pipeline", "mart_market_cost"} <= fresh
    assert alerts[0].startswith("feed ember__country_overview_yearly went stale: ")
    assert (
        "mart_country_energy: stale_inputs: built from the last good data of ember__country_overview_yearly "
        "(the latest file did not load)" in alerts
    )


def test_a_feed_that_cannot_be_fetched_is_stale_and_the_rest_still_builds(built, tmp_path):
    home = tmp_path / "home"
    copy_of(built, home)
    mirror = mirror_with(tmp_path, EMBER, b"")
    (mirror / EMBER).unlink()  # the publisher's file is gone: the fetch fails, not the file

    # the feed, another feed that still fetches, and what reads them, the publish included
    missing = materialise_everything(home, mirror, only=downstream_of(EMBER_LANDING, PRICE_LANDING))

    assert not missing.result.success
    assert missing.check_passed(["landing", "ember__country_overview_yearly"], "fetched") is False
    assert missing.check_passed(["raw", "ember__country_overview_yearly"], "contract") is False
    assert missing.check_passed(["landing", "ember__price_monthly"], "fetched") is True
    message = next(f for f in missing.failures() if f.startswith("serving__build_status"))
    assert (
        f"ember__country_overview_yearly is stale: feed 'ember__country_overview_yearly': ATLAS_MIRROR={mirror} has no file {EMBER}"
        in message
    )
    assert missing.query(ARE_DEMAND) == [(164.92,)]  # rebuilt from the last good file
    ((sha, source, error),) = missing.query(
        "select source_file_sha256, source, contract_failures[1] from audit.feed_loads "
        "where feed = 'ember__country_overview_yearly' order by loaded_at desc limit 1"
    )
    assert (sha, source) == (None, None) and "has no file" in error
    _assert_only_readers_of_ember_say_stale(home / "serving" / "atlas.duckdb")
