"""The benchmark's lower bound, benchmarks/bare_pipeline.sql, computes real values. Its speed is never asserted."""

from __future__ import annotations

import duckdb
import pytest

from benchmarks.run_benchmark import run_bare_sql
from data_contracts.paths import REFERENCE_DATA


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    database = tmp_path_factory.mktemp("bare") / "bare_pipeline.duckdb"
    run_bare_sql(REFERENCE_DATA, database)
    with duckdb.connect(str(database), read_only=True) as con:
        yield con


def test_capacity_by_status_from_the_registry(bare):
    rows = dict(
        bare.execute(
            "select status, it_mw from country_capacity where source = 'registry' and country_iso3 = 'ARE'"
        ).fetchall()
    )
    assert rows == {"under_construction": 1000.0}
    usa = dict(
        bare.execute(
            "select status, it_mw from country_capacity where source = 'registry' and country_iso3 = 'USA'"
        ).fetchall()
    )
    # the bare path reads whole-project reports only: Piketon's 10 GW, Hyperion's 5 GW ... under construction;
    # operational phases are reported per phase, so no whole project is
    assert usa == {"under_construction": 22500.0, "operational": None, "announced": 1200.0}


def test_gpu_clusters_are_named_to_countries(bare):
    (existing,) = bare.execute(
        "select project_count from country_capacity "
        "where source = 'epoch__gpu_clusters' and country_iso3 = 'CHN' and status = 'existing'"
    ).fetchone()
    assert existing > 100


def test_energy_against_latest_demand(bare):
    demand_year, demand_twh, it_mw, energy_twh, share_pct = bare.execute(
        "select demand_year, demand_twh, it_mw, dc_energy_twh, dc_share_of_demand_pct "
        "from country_energy where country_iso3 = 'USA'"
    ).fetchone()
    assert (demand_year, demand_twh, it_mw) == (2024, 4401.07, 23700.0)
    assert energy_twh == pytest.approx(23700 * 8760 * 0.8 * 1.2 / 1e6)
    assert share_pct == pytest.approx(100 * energy_twh / 4401.07)
    # paused campuses count for nothing: GBR's paused campus has no MW, Loughton 90 (under construction)
    (gbr_mw,) = bare.execute("select it_mw from country_energy where country_iso3 = 'GBR'").fetchone()
    assert gbr_mw == 90.0
