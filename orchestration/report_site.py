"""The report as an asset: after each publish, the release's static site of charts and country pages, and
$ATLAS_HOME/report/ swapped onto it. Logic in serving/report/ (no Dagster there)."""

from __future__ import annotations

from datetime import UTC, datetime

import dagster as dg

from data_contracts.feeds import all_feeds
from orchestration.cadence import FAMILY_CADENCE
from orchestration.keys import OWNER, REPORT_KEY, SERVING_GROUP, SERVING_KEY
from orchestration.resources import AtlasResource


def feed_catalogue() -> dict[str, dict]:
    """What the data health page says of each feed beyond its load log: family, source and freshness windows."""
    hours = 3600
    return {
        feed.name: {
            "family": feed.family,
            "url": feed.url,
            "warn_hours": FAMILY_CADENCE[feed.family].warn_window.total_seconds() / hours,
            "fail_hours": FAMILY_CADENCE[feed.family].fail_window.total_seconds() / hours,
        }
        for feed in all_feeds()
    }


def build_report_asset() -> dg.AssetsDefinition:
    @dg.asset(
        key=REPORT_KEY,
        deps=[SERVING_KEY],
        group_name=SERVING_GROUP,
        kinds={"python", "html"},
        owners=[OWNER],
        # reads the serving file read-only and the release's files: no writer pool
        description=(
            "$ATLAS_HOME/report/index.html: the atlas as a static site (overview, a page per country, the programme, "
            "data health), Vega-Lite charts with their numbers in tables and the release's CSVs, opening from disk "
            "with no network. Written into the newest release (<release>/report/) and published by swapping the "
            "link $ATLAS_HOME/report onto a copy of it."
        ),
    )
    def serving_report(context, atlas: AtlasResource) -> dg.MaterializeResult:
        from serving.releases import release_dirs
        from serving.report.data import missing_marts
        from serving.report.site import ReportInputs, build_site, publish_site

        settings = atlas.settings()
        missing = missing_marts(settings.serving_path)
        if missing:
            # not a failure of its own: the run's verdict (serving/build_status) names what did not build
            note = f"no new report: the serving file has no {', '.join(missing)} yet; the previous report stays"
            context.log.warning(note)
            return dg.MaterializeResult(metadata={"not_built": note})
        release = release_dirs(settings.releases_dir)[-1]  # the one the publish just wrote: ids start with the time
        inputs = ReportInputs(settings.serving_path, release, feed_catalogue(), datetime.now(UTC), settings.report_dir)
        site = build_site(inputs, release / "report")
        index = publish_site(site.path, settings.report_dir)
        context.log.info(f"report: {index}")
        return dg.MaterializeResult(
            metadata={
                "index": dg.MetadataValue.path(str(index)),
                "release_report": dg.MetadataValue.path(str(site.path)),
                "page_count": len(site.pages),
                "country_page_count": site.country_count,
                "chart_count": site.chart_count,
            }
        )

    return serving_report
