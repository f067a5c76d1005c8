"""mart_country_capacity: golden values for ARE, NOR and USA, hand-computed from the source files."""

from __future__ import annotations

import pytest

from tests import golden


def capacity(built, iso3: str, scenario: str = "base") -> dict[str, float]:
    return dict(built.query(
        "select status, sum(it_mw) from marts.mart_country_capacity where country_iso3 = ? and scenario = ? group by 1",
        [iso3, scenario],
    ))


def campus(built, campus_id: str) -> dict:
    columns = [c[0] for c in built.query("describe intermediate.int_campuses_reconciled")]
    (row,) = built.query("select * from intermediate.int_campuses_reconciled where campus_id = ?", [campus_id])
    return dict(zip(columns, row))


def test_stargate_uae_is_one_campus_with_the_source_of_each_figure(built):
    uae = campus(built, "stargate_uae")
    assert uae["source_record_count"] == 5  # registry, Epoch site, Epoch phase 1 and 2 clusters, the 5 GW campus record
    assert (uae["it_mw"], uae["it_mw_source"], uae["status"]) == (1000, "registry", "under_construction")
    assert (uae["capex_usd_bn_2025"], uae["capex_source"]) == (30, "registry")  # announced 2025: no deflation
    assert uae["h100_equivalents_source"] == "epoch_data_center"
    assert str(uae["online_on"]) == "2026-01-01" and uae["online_on_precision"] == "year"


def test_are_golden_values(built):
    clusters = golden.epoch_clusters("United Arab Emirates")
    assert capacity(built, "ARE") == pytest.approx({
        "under_construction": float(golden.registry("Stargate UAE")["capacity_mw_planned"]),  # 1000
        "announced": golden.cluster_it_mw(clusters, "Planned"),  # G42/Microsoft clusters: 160 MW facility
        "operational": golden.cluster_it_mw(clusters, "Existing"),  # Core42 SuperPOD, G42 Artemis
    })
    (quarter_mw,) = built.query(
        "select it_mw from marts.mart_country_capacity where country_iso3 = 'ARE' and scenario = 'base' "
        "and online_quarter = '2026-Q1' and status = 'under_construction'"
    )[0]
    assert quarter_mw == 200  # the first phase; the other 800 MW are undated


def test_nor_golden_values(built):
    clusters = golden.epoch_clusters("Norway")
    assert capacity(built, "NOR") == pytest.approx({
        "announced": float(golden.registry("Stargate Norway")["capacity_mw_planned"]),  # 230
        "operational": golden.cluster_it_mw(clusters, "Existing"),  # NexGen Cloud and Northern Data: 29.2
    })


def phases(built, campus_id: str) -> dict[str, tuple]:
    rows = built.query(
        "select phase, status, it_mw, online_on from intermediate.int_campus_phases_split where campus_id = ?", [campus_id]
    )
    return {phase: (status, it_mw, str(online_on) if online_on else None) for phase, status, it_mw, online_on in rows}


def test_usa_campuses_counted_once_and_split_into_what_runs_and_the_rest(built):
    abilene = campus(built, "stargate_abilene")
    assert (abilene["it_mw"], abilene["status"], abilene["source_record_count"]) == (1200, "operational", 5)
    # Epoch's site tracking says 295 MW of IT power run today; the registry's 1.2 GW full build is the rest
    assert abilene["running_it_mw_source"] == "epoch_data_center"
    assert phases(built, "stargate_abilene") == {
        "running": ("operational", 295, "2025-06-01"), "rest": ("under_construction", 905, None),
    }
    prometheus = campus(built, "meta_prometheus")  # Epoch only: the site's timeline maximum, projections included
    assert (prometheus["it_mw"], prometheus["it_mw_source"]) == (1360, "epoch_data_center")
    assert phases(built, "meta_prometheus") == {
        "running": ("operational", 691, "2020-05-19"), "rest": ("under_construction", 669, None),
    }
    assert campus(built, "meta_hyperion")["source_record_count"] == 3  # registry, Epoch site, Meta Louisiana cluster


def test_scenarios_change_facility_and_expected_build_as_the_formula_says(built):
    rows = dict(
        ((scenario, status), (it_mw, facility_mw, expected_mw))
        for scenario, status, it_mw, facility_mw, expected_mw in built.query(
            "select scenario, status, sum(it_mw), sum(facility_mw), sum(expected_built_it_mw) "
            "from marts.mart_country_capacity where country_iso3 = 'ARE' group by all"
        )
    )
    for name in ("base", "low", "high"):
        preset = golden.scenario(name)
        announced = golden.cluster_it_mw(golden.epoch_clusters("United Arab Emirates"), "Planned")
        it_mw, facility_mw, expected_mw = rows[(name, "announced")]
        assert it_mw == pytest.approx(announced)
        assert facility_mw == pytest.approx(announced * preset["pue"])
        assert expected_mw == pytest.approx(announced * preset["announced_to_built"])
        assert rows[(name, "under_construction")][2] == pytest.approx(1000)  # built in full whatever the scenario


def test_records_left_out_are_counted_with_their_reason(built):
    left_out = {reason: count for reason, count in built.query(
        "select left_out_reason, record_count from intermediate.int_campus_records_left_out"
    )}
    assert left_out["decommissioned"] == 6
    assert left_out["Epoch rates it unlikely"] > 0
    assert sum(left_out.values()) == built.query(
        "select count(*) from staging.stg_epoch__gpu_clusters"
    )[0][0] - built.query(
        "select count(*) from intermediate.int_campus_records_unioned where source = 'epoch_gpu_cluster'"
    )[0][0]
