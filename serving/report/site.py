"""Builds the report's static site from a release and the serving file, and publishes it atomically. No Dagster here.

The site is self-contained: the Vega bundle, CSS and the release's CSVs are copied in, and every link is relative,
so it opens from disk or any static host with no request leaving its folder.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from serving.release_files import CHANGES_JSON, CHANGES_MD, DATA_DIR, DATAPACKAGE
from serving.report import pages
from serving.report.data import load_figures
from serving.report.tables import fmt_number

STATIC_DIR = Path(__file__).parent / "static"
SITES_DIR = ".report-sites"  # beside the report folder ($ATLAS_HOME/report), a link to the newest site in it


@dataclass(frozen=True)
class ReportInputs:
    serving_path: Path
    release_path: Path
    feeds: dict[str, dict]  # feed -> family, url, warn_hours, fail_hours (from the feeds' declarations)
    built_at: datetime
    previous_site: Path | None = None  # the site published before: its Vega bundle is reused when still current


@dataclass(frozen=True)
class Site:
    path: Path
    pages: list[str]  # relative to path
    chart_count: int
    country_count: int


BUNDLE = "vega-bundle.js"


def bundle_version() -> str:
    """What the bundle is built from: vl-convert's own pinned Vega, Vega-Lite and Vega-Embed."""
    return f"vl-convert-python {importlib.metadata.version('vl-convert-python')}"


@functools.cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one classic script (window.vegaEmbed); building it takes ~6 s."""
    import vl_convert

    return f"/* {bundle_version()} */\n" + vl_convert.javascript_bundle()


def _bundle(previous_site: Path | None) -> str:
    """The previous site's bundle when the same vl-convert built it (the first line names the version)."""
    previous = previous_site / "assets" / BUNDLE if previous_site else None
    if previous and previous.is_file():
        with previous.open(encoding="utf-8") as bundle:
            if bundle.readline().strip() == f"/* {bundle_version()} */":
                return previous.read_text(encoding="utf-8")
    return vega_bundle()


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("serving.report", "templates"),
        autoescape=select_autoescape(),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = fmt_number
    return env


def build_site(inputs: ReportInputs, out_dir: Path) -> Site:
    """Writes the site beside out_dir and renames it into place."""
    figures = load_figures(inputs.serving_path)
    datapackage = json.loads((inputs.release_path / DATAPACKAGE).read_text(encoding="utf-8"))
    changes = json.loads((inputs.release_path / CHANGES_JSON).read_text(encoding="utf-8"))
    feeds = pages.feed_health(figures, inputs.feeds, inputs.built_at)
    feed_urls = {name: info.get("url") for name, info in inputs.feeds.items()}
    countries = figures["countries"]
    site_pages = [pages.overview(figures, feeds), pages.programme(figures), pages.health(feeds, changes)]
    site_pages += [pages.country(figures, c["country_iso3"], c["country_name"], feed_urls) for c in countries]

    staging = out_dir.with_name(f".{out_dir.name}.{uuid.uuid4().hex}.tmp")
    (staging / "country").mkdir(parents=True)
    env = _environment()
    common = {
        "release_id": inputs.release_path.name,
        "built_at": inputs.built_at.strftime("%Y-%m-%d %H:%M UTC"),
        "countries": countries,
        "datapackage_title": datapackage.get("title", ""),
    }
    for page in site_pages:
        for section in page.sections:
            section.tables = [table.describe(datapackage) for table in section.tables]
        root = "../" * page.path.count("/")
        html = env.get_template("page.html").render(page=page, root=root, **common)
        (staging / page.path).write_text(html, encoding="utf-8")
    _copy_assets(inputs.release_path, staging, _bundle(inputs.previous_site))
    shutil.rmtree(out_dir, ignore_errors=True)
    os.replace(staging, out_dir)
    return Site(
        out_dir, [p.path for p in site_pages], sum(1 for p in site_pages for s in p.sections if s.chart), len(countries)
    )


def _copy_assets(release_path: Path, site: Path, bundle: str) -> None:
    """The site carries its own copies: a link works the same from the release and from $ATLAS_HOME/report."""
    (site / "assets").mkdir()
    (site / "assets" / BUNDLE).write_text(bundle, encoding="utf-8")
    for static in STATIC_DIR.iterdir():
        shutil.copy(static, site / "assets" / static.name)
    shutil.copytree(release_path / DATA_DIR, site / DATA_DIR, ignore=shutil.ignore_patterns("*.parquet"))
    for name in (CHANGES_MD, CHANGES_JSON, DATAPACKAGE):
        shutil.copy(release_path / name, site / name)


def publish_site(site: Path, report_dir: Path) -> Path:
    """Copies the site beside the published one and swaps the link report_dir ($ATLAS_HOME/report) onto it with
    one rename: a reader gets the previous complete site or the new one, never half of one. Returns the published
    index."""
    sites = report_dir.parent / SITES_DIR
    sites.mkdir(parents=True, exist_ok=True)
    name = f"{site.parent.name}-{uuid.uuid4().hex[:8]}"
    shutil.copytree(site, sites / name)
    temp_link = report_dir.with_name(f".{report_dir.name}.{uuid.uuid4().hex}.tmp")
    temp_link.symlink_to(Path(SITES_DIR) / name, target_is_directory=True)  # relative: the home can move
    if report_dir.is_dir() and not report_dir.is_symlink():
        shutil.rmtree(report_dir)  # a folder left by hand: replaced once by the link
    os.replace(temp_link, report_dir)
    for old in sites.iterdir():
        if old.name != name:
            shutil.rmtree(old, ignore_errors=True)
    return report_dir / "index.html"
