"""`make run`: materialise every asset into the warehouse, then show where it is and the capacity mart."""

from __future__ import annotations

import argparse
import sys

import dagster as dg
import duckdb

from data_contracts.feeds import feed_by_name
from ingest.settings import AtlasSettings
from orchestration.cadence import hourly_range_tags
from orchestration.definitions import FULL_BUILD_JOB, HOURLY_LOAD_JOB, build_definitions
from orchestration.instance import (
    release_dead_runs,
    run_tags,
    slot_holders,
    sqlite_without_fsync,
    write_instance_config,
)
from orchestration.keys import SERVING_KEY, landing_key
from serving.release_files import CHANGES_JSON, CHANGES_MD
from serving.saved_questions import CAPACITY_BY_COUNTRY_AND_STATUS, open_saved_question

_QUIET = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


# the saved question's rows as one row per country, with the latest actual share of national demand
_TOP_COUNTRIES = f"""
    with capacity as (
        select country_iso3, any_value(country_name) as country_name,
               sum(it_mw) filter (where status = 'announced') as announced_it_mw,
               sum(it_mw) filter (where status = 'under_construction') as under_construction_it_mw,
               sum(it_mw) filter (where status = 'operational') as operational_it_mw,
               sum(expected_built_it_mw) as expected_built_it_mw
        from {CAPACITY_BY_COUNTRY_AND_STATUS}
        group by all
    )
    select capacity.*, round(energy.dc_share_of_demand_pct, 2) as dc_share_of_demand_pct
    from capacity
    left join marts.mart_country_energy as energy
        on energy.country_iso3 = capacity.country_iso3 and energy.scenario = 'base'
        and not energy.is_projected_demand
    order by expected_built_it_mw desc
    limit 10
"""


def _print_mart(settings: AtlasSettings) -> None:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        try:
            open_saved_question(con, CAPACITY_BY_COUNTRY_AND_STATUS)
            con.sql(_TOP_COUNTRIES).show(max_width=200)
        except duckdb.CatalogException as missing:  # a first refresh of some feeds builds some marts only
            print(f"  not shown: {str(missing).splitlines()[0]}")


def _print_release(settings: AtlasSettings) -> None:
    import json

    from serving.releases import describe_changes, release_dirs

    releases = release_dirs(settings.releases_dir)
    if releases:
        changes = json.loads((releases[-1] / CHANGES_JSON).read_text())
        if changes["since"]:
            summary = f"since {changes['since']}: {describe_changes(changes['marts'])}"
        else:
            summary = "(the first release: every row is new)"
        print(f"release {releases[-1].name} in {settings.releases_dir} {summary}")
        for alert in changes.get("alerts", []):
            print(f"  {alert}")
        print(f"change report: {releases[-1] / CHANGES_MD}")
    if (settings.report_dir / "index.html").exists():
        print(f"report (open in a browser, no network needed): {settings.report_dir / 'index.html'}")


def _failure_reasons(result: dg.ExecuteInProcessResult) -> list[tuple[str, str]]:
    """Each failed check (a feed that did not fetch or load) and failed step, with the first line of its error:
    what went wrong, without the trace."""
    reasons = []
    for check in result.get_asset_check_evaluations():
        if not check.passed:
            message = next((v.value for k, v in check.metadata.items() if k in ("error", "failures")), "failed")
            reasons.append(
                (f"{'__'.join(check.asset_key.path)} ({check.check_name})", str(message).strip().splitlines()[0])
            )
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            while error is not None and error.cause is not None:  # the error itself, not Dagster's wrapper
                error = error.cause
            message = (error.message if error else "no error recorded").strip().splitlines()[0]
            reasons.append((event.step_key, message.removeprefix("dagster._core.definitions.events.Failure: ")))
    return reasons


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m orchestration.run", description=__doc__)
    parser.add_argument(
        "--hourly",
        action="store_true",
        help="only the hourly feeds, landing to staging (no mart, no publish): what the benchmark times",
    )
    parser.add_argument(
        "--feeds",
        nargs="+",
        metavar="FEED",
        help="only these feeds and everything that reads them (their models, the serving file, the report): "
        "a refresh once a feed's file is fixed",
    )
    parser.add_argument(
        "--months",
        metavar="FIRST[:LAST]",
        help="the hourly feeds' months to load, YYYY-MM (default: every month up to the last complete one)",
    )
    arguments = parser.parse_args(argv)
    if arguments.feeds and arguments.hourly:
        parser.error("--feeds and --hourly: choose one")
    for name in arguments.feeds or ():
        try:
            feed_by_name(name)
        except LookupError as error:
            parser.error(str(error))
    return arguments


def feeds_and_downstream(definitions: dg.Definitions, feed_names: list[str]) -> list[dg.AssetKey]:
    """The feeds' landing assets and every asset that reads them, in the graph's terms."""
    selection = dg.AssetSelection.assets(*(landing_key(name) for name in feed_names)).downstream()
    return sorted(selection.resolve(definitions.resolve_asset_graph()), key=lambda key: key.to_user_string())


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    settings = AtlasSettings.resolve()
    print(f"ATLAS_HOME={settings.home}  ATLAS_MIRROR={settings.mirror or '(unset: live URLs)'}")
    definitions = build_definitions()
    job = definitions.resolve_job_def(HOURLY_LOAD_JOB if arguments.hourly else FULL_BUILD_JOB)
    selection = feeds_and_downstream(definitions, arguments.feeds) if arguments.feeds else None
    tags = {**run_tags(), **hourly_range_tags(arguments.months)}
    write_instance_config(settings.dagster_home)  # metadata in this folder; the duckdb_writer pool limit
    sqlite_without_fsync()
    instance = dg.DagsterInstance.from_config(str(settings.dagster_home))  # runs show up in `make ui`
    for run_id in release_dead_runs(instance):
        print(f"run {run_id} had died holding the warehouse writer's slot: marked failed, slot freed")
    for holder in slot_holders(instance):
        print(
            f"waiting for {holder}: it holds the warehouse writer's slot (duckdb_writer); this build writes once it ends"
        )
    result = job.execute_in_process(
        instance=instance, raise_on_error=False, run_config=_QUIET, tags=tags, asset_selection=selection
    )
    failed = [event.step_key for event in result.all_events if event.is_step_failure]
    reasons = _failure_reasons(result)
    print(f"\nwarehouse: {settings.warehouse_path}")
    if not result.success:
        print(f"run {result.run_id} failed at steps {failed}; see the Dagster UI (make ui) for details.")
        for step_key, reason in reasons:
            print(f"  {step_key}: {reason}")
        if any(e.asset_key == SERVING_KEY for e in result.get_asset_materialization_events()):
            _print_release(settings)  # the rest was published all the same
        return 1
    if arguments.hourly:
        print(
            f"hourly feeds loaded, {tags['dagster/asset_partition_range_start'][:7]} to {tags['dagster/asset_partition_range_end'][:7]}"
        )
        return 0
    print("marts.mart_country_capacity (base scenario), top 10 countries by IT MW expected to get built:")
    _print_mart(settings)
    print(f"\nserving file for analysts (open it read-only; sql/ has saved questions): {settings.serving_path}")
    _print_release(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
