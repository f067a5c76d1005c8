"""The report as a reader opens it: $ATLAS_HOME/report/ from disk in headless Chromium (Debian's package), with
no network. Every page loads with no console error and no request leaving the local files, every chart renders,
and the figures shown are the marts'."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from serving.report.tables import fmt_number
from tests.helpers.browser import ARTIFACTS, LOCAL_SCHEMES, Browser

LINK = re.compile(r'(?:href|src)="([^"#]+)')
PHONE_PX = 375


@pytest.fixture(scope="module")
def report(built) -> Path:
    return built.home / "report"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with Browser(tmp_path_factory.mktemp("report-chromium") / "profile") as chromium:
        yield chromium


def _serving(built, sql: str, params: list | None = None):
    with duckdb.connect(str(built.home / "serving" / "atlas.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_a_page_per_country_and_every_local_link_resolves(built, report):
    countries = {iso3 for (iso3,) in _serving(built, "select distinct country_iso3 from marts.mart_country_capacity")}
    assert report.is_symlink() and (report / "index.html").is_file()
    assert {p.stem for p in (report / "country").glob("*.html")} == countries
    metadata = built.materialisation_metadata(["serving", "report"])
    assert metadata["country_page_count"] == len(countries)
    release_site = Path(metadata["release_report"])
    for site in (report, release_site):  # the same relative links work from the release and from $ATLAS_HOME/report
        for page in _pages(site):
            for target in LINK.findall(page.read_text(encoding="utf-8")):
                if not target.startswith(("http://", "https://", "data:")):
                    assert (page.parent / target).resolve().is_file(), f"{page.relative_to(site)} links {target}"


def test_every_page_loads_offline_and_renders_its_charts(report, browser):
    for page in _pages(report):
        loaded = browser.open(page)
        name = page.relative_to(report).as_posix()
        leaving = [url for url in loaded["requests"] if not url.startswith(LOCAL_SCHEMES)]
        assert not leaving, f"{name} requested {leaving}"
        assert not loaded["errors"], f"{name}: {loaded['errors']}"
        charts = browser.evaluate(
            "[...document.querySelectorAll('div.chart')].map(e => [e.id, e.dataset.rendered, !!e.querySelector('svg, canvas')])"
        )
        assert charts, f"{name} has no chart"
        assert all(rendered == "true" and drawn for _, rendered, drawn in charts), f"{name}: {charts}"
        labels = browser.evaluate("[...document.querySelectorAll('div.chart')].map(e => e.getAttribute('aria-label'))")
        assert all(labels), f"{name}: a chart without a text alternative"


def _figure(browser, element_id: str) -> tuple[float, str]:
    value, text = browser.evaluate(f"(e => [e.dataset.value, e.textContent])(document.getElementById('{element_id}'))")
    return float(value), text


def test_the_figures_shown_are_the_marts(built, report, browser):
    browser.open(report / "country" / "ARE.html")
    for status in ("operational", "under_construction"):
        ((expected,),) = _serving(
            built,
            "select sum(it_mw) from marts.mart_country_capacity "
            "where country_iso3 = 'ARE' and scenario = 'base' and status = ?",
            [status],
        )
        assert _figure(browser, f"it-mw-{status}") == (expected, fmt_number(expected, 1)), status

    browser.open(report / "country" / "USA.html")
    ((share,),) = _serving(
        built,
        "select dc_share_of_demand_pct from marts.mart_country_energy "
        "where country_iso3 = 'USA' and scenario = 'base' and not is_projected_demand",
    )
    assert _figure(browser, "share-base") == (share, fmt_number(share, 2))

    browser.open(report / "programme.html")
    ((envelope,),) = _serving(
        built, "select max(cumulative_programme_wide_long_term_envelope_share_pct) from marts.mart_country_programme"
    )
    assert _figure(browser, "envelope-share-long-term") == (envelope, fmt_number(envelope, 1))


def test_pages_fit_a_phone_and_screenshots_are_kept(report, browser):
    for page in ("index.html", "country/ARE.html", "programme.html", "health.html"):
        browser.open(report / page, width=PHONE_PX)
        overflow = browser.evaluate("document.documentElement.scrollWidth")
        assert overflow <= PHONE_PX, f"{page} is {overflow} px wide at {PHONE_PX} px: it scrolls sideways"
    for page, shot in (
        ("index.html", "report-overview.png"),
        ("country/ARE.html", "report-country-ARE.png"),
        ("programme.html", "report-programme.png"),
    ):
        browser.open(report / page)
        assert browser.screenshot(ARTIFACTS / shot).stat().st_size > 10_000


def test_publishing_swaps_the_link_onto_a_complete_copy_and_drops_the_old_one(tmp_path):
    from serving.report.site import SITES_DIR, publish_site

    home = tmp_path / "home"
    for release, text in (("r1", "first"), ("r2", "second")):
        site = tmp_path / "releases" / release / "report"
        site.mkdir(parents=True)
        (site / "index.html").write_text(text)
        index = publish_site(site, home / "report")
        assert index.read_text() == text and (home / "report").is_symlink()
        assert not (home / "report").readlink().is_absolute()  # the home can move with its report
    assert [p.name.split("-")[0] for p in (home / SITES_DIR).iterdir()] == ["r2"]
    assert not list(home.glob(".report.*.tmp"))


def test_the_health_page_says_when_a_feed_is_stale():
    from datetime import UTC, datetime

    from serving.report import pages
    from serving.report.data import Figures

    built_at = datetime(2026, 12, 3, 12, tzinfo=UTC)
    state = {
        "feed": "ember__price_monthly",
        "last_good_sha256": "ab" * 32,
        "last_good_loaded_at": "2026-12-01T05:00:00+00:00",
        "last_attempt_at": "2026-12-03T05:00:00+00:00",
        "state": "stale",
        "error": "header only",
    }
    load = {
        "feed": "ember__price_monthly",
        "rows_read": None,
        "rows_loaded": None,
        "rows_quarantined": None,
        "contract_passed": False,
        "contract_failures": "header only",
    }
    feeds = pages.feed_health(
        Figures({"feed_state": [state], "feed_loads": [load]}),
        {"ember__price_monthly": {"family": "energy", "url": None, "warn_hours": 30, "fail_hours": 54}},
        built_at,
    )
    # the last good file is 55 h old: past the energy family's 54 h fail window
    assert [(f["contract"], f["freshness"], f["age_hours"]) for f in feeds] == [("failed", "stale", 55.0)]
    page = pages.health(feeds, {"since": None, "marts": {}, "alerts": []})
    assert not page.extra["trusted"] and page.extra["stale"] == ["ember__price_monthly"]
