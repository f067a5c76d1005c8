"""The hourly feeds are monthly partitions: a backfill is one run over a range, and a month added to the
mirror is one partition run that loads that month and leaves every other month's rows as they were."""

from __future__ import annotations

import dagster as dg
import pytest

from orchestration.cadence import hourly_range_tags
from orchestration.definitions import HOURLY_LOAD_JOB, build_definitions
from orchestration.resources import AtlasResource
from tests.helpers.dbt_parse import build_vars, reusing_the_session_parse
from tests.helpers.hourly import mirror_of, query, with_two_balancing_authorities

DK = "energidataservice__spot_price_hourly"
RAW_DK = dg.AssetKey(["raw", DK])
STAGED_DK = dg.AssetKey(["staging", f"stg_{DK}"])


def _months_loaded_after(home, moment) -> list[tuple]:
    return query(
        home, "select feed, partition_key from audit.partition_loads where loaded_at > ? order by 1, 2", [moment]
    )


@pytest.mark.integration  # runs the hourly load job, dbt included, into a warehouse of its own
def test_a_new_month_is_one_partition_run_that_leaves_the_other_months_untouched(tmp_path):
    home = tmp_path / "home"
    mirror = with_two_balancing_authorities(mirror_of(tmp_path, "energidataservice_elspotprices"))
    prices = mirror / "hourly" / "energidataservice_elspotprices" / "Elspotprices.csv"
    header, *rows = prices.read_text(encoding="utf-8").splitlines(keepends=True)
    february = [r for r in rows if r.startswith("2021-02")]
    until_january = [r for r in rows if r[:7] <= "2021-01"]
    prices.write_text(header + "".join(until_january), encoding="utf-8")  # newest first, as published

    job = build_definitions(AtlasResource(home=str(home), mirror=str(mirror))).resolve_job_def(HOURLY_LOAD_JOB)
    instance = dg.DagsterInstance.ephemeral()
    with reusing_the_session_parse(build_vars(home), tmp_path / "dbt"):
        backfill = job.execute_in_process(
            instance=instance, tags=hourly_range_tags("2015-12:2021-01"), raise_on_error=False
        )
    assert backfill.success
    (first_done,) = query(home, "select max(loaded_at) from audit.partition_loads")[0]
    history = "select * exclude (source_file_sha256) from {} where month_start < '2021-02-01' order by hour_utc"
    raw_before = query(home, history.format(f"raw.{DK}"))
    staged_before = query(home, history.format(f"staging.stg_{DK}"))
    assert len(raw_before) == len(until_january) and february[0] not in until_january

    prices.write_text(header + "".join(february + until_january), encoding="utf-8")  # February arrives
    with reusing_the_session_parse(build_vars(home), tmp_path / "dbt"):
        month = job.execute_in_process(instance=instance, partition_key="2021-02-01", raise_on_error=False)
    assert month.success
    # the partition run loaded February alone (EIA's February too: it had not been asked for before)
    assert _months_loaded_after(home, first_done) == [("eia930__demand_hourly", "2021-02-01"), (DK, "2021-02-01")]
    assert {e.partition for e in month.get_asset_materialization_events() if e.asset_key == RAW_DK} == {"2021-02-01"}
    # every earlier month's rows are the rows the backfill wrote, in raw and in the incremental staging model
    assert query(home, history.format(f"raw.{DK}")) == raw_before
    assert query(home, history.format(f"staging.stg_{DK}")) == staged_before
    assert query(home, f"select count(*) from staging.stg_{DK} where month_start = '2021-02-01'") == [(len(february),)]
    assert len(february) == 28 * 24
    # Dagster holds every partition of the range and the new one as materialised
    partitions = instance.get_materialized_partitions(RAW_DK)
    assert {"2015-12-01", "2021-01-01", "2021-02-01"} <= partitions and "2021-03-01" not in partitions
    assert "2021-02-01" in instance.get_materialized_partitions(STAGED_DK)
