"""mart_country_capacity: golden values for ARE, NOR and USA, hand-computed from the source files."""

from __future__ import annotations

import pytest

from data_contracts.paths import REFERENCE_DATA
from tests.helpers import golden


def capacity(built, iso3: str, scenario: str = "base") -> dict[str, float]:
    return dict(
        built.query(
            "select status, sum(it_mw) from marts.mart_country_capacity where country_iso3 = ? and scenario = ? group by 1",
            [iso3, scenario],
        )
    )


def campus(built, campus_id: str) -> dict:
    columns = [c[0] for c in built.query("describe intermediate.int_campuses_reconciled")]
    (row,) = built.query("select * from intermediate.int_campuses_reconciled where campus_id = ?", [campus_id])
    return dict(zip(columns, row))


def test_stargate_uae_is_one_campus_with_the_source_of_each_figure(built):
    uae = campus(built, "stargate_uae")
    # registry, Epoch site, and one Epoch cluster chain: Phase 1 -> Phase 2 -> the 5 GW campus, which includes both
    assert uae["source_record_count"] == 3
    assert (uae["it_mw"], uae["it_mw_source"], uae["status"]) == (1000, "registry", "under_construction")
    # two capex bases side by side, never one: the registry's headline and Epoch's total including compute
    # the latest headline, USD 30 bn in 2026 dollars (a weak May-2026 page), in 2025 dollars
    capex = golden.registry_latest("stargate_uae", "capex_bn")
    assert (capex["value"], capex["currency"], capex["price_year"]) == ("30", "USD", "2026")
    (factor,) = built.query("select to_usd_2025_factor from intermediate.int_usd_deflator_chained where year = 2026")[0]
    assert uae["headline_capex_usd_bn_2025"] == pytest.approx(30 * factor)
    assert uae["epoch_capital_cost_usd_bn_2025"] == max(
        float(r["Total capital cost (2025 USD billions)"] or 0)
        for r in golden._rows(REFERENCE_DATA / "epoch_ai" / "data_center_timelines.csv")
        if r["Data center"] == "OpenAI-Oracle Stargate Abu Dhabi"
    )
    assert uae["h100_equivalents_source"] == "epoch_data_center"
    # the first phase's latest date, 2026-Q3 (The National, 2025-12-05, and every later report)
    assert str(uae["online_on"]) == "2026-07-01" and uae["online_on_precision"] == "quarter"


def test_are_golden_values(built):
    clusters = golden.cluster_mw_by_status("United Arab Emirates", built.left_out_clusters())
    first_phase = float(golden.registry_latest("stargate_uae", "unstated_mw", "1")["value"])
    full_build = float(golden.registry_latest("stargate_uae", "unstated_mw")["value"])
    assert (first_phase, full_build) == (200, 1000)
    assert capacity(built, "ARE") == pytest.approx(
        {
            "under_construction": first_phase,  # 200: the phase the registry's dated sources say is being built
            "announced": full_build - first_phase + clusters["announced"],  # the other 800 MW are not built yet
            "operational": clusters["operational"],  # Core42 SuperPOD, G42 Artemis
        }
    )
    (quarter_mw,) = built.query(
        "select it_mw from marts.mart_country_capacity where country_iso3 = 'ARE' and scenario = 'base' "
        "and online_quarter = '2026-Q3' and status = 'under_construction'"
    )[0]
    assert quarter_mw == 200  # the first phase, in the quarter its latest report names; the other 800 MW are undated


def test_nor_golden_values(built):
    clusters = golden.cluster_mw_by_status("Norway", built.left_out_clusters())
    # the full build is 230 MW (IT on one page); the 290 MW ambition beyond it is not part of it
    assert golden.registry_latest("stargate_norway", "it_mw")["value"] == "230"
    assert capacity(built, "NOR") == pytest.approx(
        {
            "announced": 230.0,  # first phase (20 MW) and rest alike announced
            "operational": clusters["operational"],  # NexGen Cloud and Northern Data
        }
    )


def test_sau_announced_counts_each_cumulative_phase_once(built):
    # DataVolt Neom 1.5 GW Phase 2 includes Phase 1's 300 MW; HUMAIN Phase 2 includes Phase 1: latest phases only
    clusters = golden.cluster_mw_by_status("Saudi Arabia", built.left_out_clusters())
    assert (
        capacity(built, "SAU")["announced"] == pytest.approx(clusters["announced"]) == pytest.approx(2015.84, abs=0.01)
    )


def phases(built, campus_id: str) -> list[tuple]:
    rows = built.query(
        "select phase, status, it_mw, online_on from intermediate.int_campus_phases_split where campus_id = ? "
        "order by phase desc, online_on nulls last",
        [campus_id],
    )
    return [
        (phase, status, pytest.approx(it_mw), str(online_on) if online_on else None)
        for phase, status, it_mw, online_on in rows
    ]


def test_usa_operational_is_epoch_it_power_plus_running_clusters(built):
    """Epoch's Dec-2025 site power is facility power: IT = facility / 1.3, applied once."""
    us_sites = [r for r in golden.epoch_sites() if not r["Address"].endswith(("China, 076471", "United Arab Emirates"))]
    sites_it_mw = sum(golden.epoch_site_it_mw(r["Current power (MW)"]) for r in us_sites)
    assert sites_it_mw == pytest.approx((4538 - 339) / 1.3)  # 16 sites less Alibaba Zhangbei (CHN) and Abu Dhabi (0 MW)
    expected = (
        sites_it_mw + golden.cluster_mw_by_status("United States of America", built.left_out_clusters())["operational"]
    )
    assert capacity(built, "USA")["operational"] == pytest.approx(expected)
    assert expected == pytest.approx(4356.24, abs=0.01)


def test_usa_campuses_counted_once_and_split_into_what_runs_what_is_built_and_the_rest(built):
    ratio = golden.dbt_var("epoch_site_facility_to_it")
    abilene = campus(built, "stargate_abilene")
    # registry, Epoch site, Epoch's OCI supercluster Phase 1 -> 2 -> 3 chain counted once
    assert (abilene["it_mw"], abilene["status"], abilene["source_record_count"]) == (1200, "operational", 3)
    assert abilene["running_it_mw_source"] == "epoch_data_center"
    # Epoch saw 147 then 295 MW of facility power run; the registry's phase 2 (six more buildings, reported
    # under construction 2025-03-18, due 2026) is the rest of its 1.2 GW
    assert phases(built, "stargate_abilene") == [
        ("running", "operational", 147 / ratio, "2025-06-28"),
        ("running", "operational", 148 / ratio, "2025-09-26"),
        ("next_phase", "under_construction", 1200 - 295 / ratio, "2026-01-01"),
    ]
    prometheus = campus(built, "meta_prometheus")  # Epoch only: the site's timeline maximum, projections included
    assert (prometheus["it_mw"], prometheus["it_mw_source"]) == (pytest.approx(1360 / ratio), "epoch_data_center")
    running = built.query(
        "select online_on, it_mw * ? from intermediate.int_campus_phases_split "
        "where campus_id = 'meta_prometheus' and phase = 'running' order by online_on",
        [ratio],
    )
    # each building in the quarter it came online, not 691 MW in 2020-Q2
    assert [(str(d), round(mw)) for d, mw in running] == [
        ("2020-05-19", 167),
        ("2021-06-18", 28),
        ("2023-03-10", 54),
        ("2025-02-02", 70),
        ("2025-08-06", 145),
        ("2025-09-20", 76),
        ("2025-10-29", 75),
        ("2025-11-30", 76),
    ]
    assert (
        built.query(
            "select sum(it_mw) from marts.mart_country_capacity where country_iso3 = 'USA' and scenario = 'base' "
            "and online_quarter = '2020-Q2' and status = 'operational'"
        )[0][0]
        < 691 / ratio
    )
    assert campus(built, "meta_hyperion")["source_record_count"] == 3  # registry, Epoch site, Meta Louisiana cluster
    # Hyperion: the registry's 2 GW first phase is being built; the 3 GW beyond it is announced
    hyperion = {(phase, status): mw for phase, status, mw, _ in phases(built, "meta_hyperion")}
    assert hyperion == {("next_phase", "under_construction"): 2000, ("rest", "announced"): 3000}


def test_a_chinese_existing_cluster_without_power_stays_operational_with_an_estimate(built):
    counted = golden._counted_clusters(built.left_out_clusters())
    (row,) = [r for r in counted if r["Name"] == "Anonymized Chinese System #2"]
    assert (row["Status"], row["Power Capacity (MW)"], row["H100 equivalents"]) == ("Existing", "", "30000")
    estimate = 30000 * golden.cluster_yardstick_w(counted) / 1e6
    assert built.query(
        "select status, it_mw, it_mw_basis, has_estimated_mw from intermediate.int_campus_phases_split "
        "where campus_id = 'epoch_gpu_cluster:Anonymized Chinese System #2'"
    ) == [("operational", pytest.approx(estimate), "estimated_from_h100e", True)]
    # no existing cluster anywhere lands under construction for want of a power figure
    assert built.query(
        "select count(*) from intermediate.int_campus_phases_split "
        "where campus_id like 'epoch_gpu_cluster:%' and status = 'under_construction'"
    ) == [(0,)]


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
        announced = 800 + golden.cluster_mw_by_status("United Arab Emirates", built.left_out_clusters())["announced"]
        it_mw, facility_mw, expected_mw = rows[(name, "announced")]
        assert it_mw == pytest.approx(announced)
        assert facility_mw == pytest.approx(announced * preset["pue"])
        assert expected_mw == pytest.approx(announced * preset["announced_to_built"])
        assert rows[(name, "under_construction")][2] == pytest.approx(200)  # built in full whatever the scenario


def test_records_left_out_are_counted_with_their_reason(built):
    left_out = {
        reason: count
        for reason, count in built.query(
            "select left_out_reason, record_count from intermediate.int_campus_records_left_out"
        )
    }
    assert left_out["decommissioned"] == 6
    assert left_out["Epoch rates it unlikely"] > 0
    assert left_out["an earlier phase, included in the later phase that builds upon it"] == 51
    assert (
        sum(left_out.values())
        == built.query("select count(*) from staging.stg_epoch__gpu_clusters")[0][0]
        - built.query(
            "select count(*) from intermediate.int_campus_records_unioned where source = 'epoch_gpu_cluster'"
        )[0][0]
    )
