"""mart_country_programme: the Stargate / OpenAI-for-Countries programme by country, hand-computed from the registry."""

from __future__ import annotations

import csv

import pytest

from data_contracts.paths import CURATED_DIR
from tests.helpers.golden import dbt_var, epoch_site, registry_latest

USA_INFLATION_2024_PCT = 2.94952520485207  # World Bank cpi.csv; the deflator carries it into 2025 (and beyond)
FACTOR_2025 = 1.0  # int_usd_deflator_chained: 2025 = 1.0
FACTOR_2026 = 1 / (1 + USA_INFLATION_2024_PCT / 100)  # capex priced in 2026 (India, Michigan, the UAE's USD 30 bn)
IND_CAPEX_USD_BN_2025 = 7 * FACTOR_2026
LONG_TERM_USD_BN, FIRST_PHASE_USD_BN = 500, 100  # dbt vars
# committed capex, all in 2025 dollars: Port Washington's USD 15 bn (Vantage) and Norway's 1 bn first phase
PROGRAMME_COMMITTED_USD_BN_2025 = (15 + 1) * FACTOR_2025
PROGRAMME = {
    "stargate_uae",
    "stargate_norway",
    "stargate_uk",
    "stargate_argentina",
    "stargate_india",
    "stargate_korea_pohang",
    "stargate_korea_south_jeolla",
    "stargate_australia",
    "stargate_canada",
    "stargate_abilene",
    "stargate_shackelford",
    "stargate_dona_ana",
    "stargate_port_washington",
    "stargate_milam",
    "stargate_michigan",
}


def programme_row(built, iso3: str) -> dict:
    columns = [c[0] for c in built.query("describe marts.mart_country_programme")]
    (row,) = built.query("select * from marts.mart_country_programme where country_iso3 = ?", [iso3])
    return dict(zip(columns, row))


def test_membership_is_the_tagged_data_centre_projects(built):
    members = {p for (p,) in built.query("select project_id from intermediate.int_programme_projects_selected")}
    assert members == PROGRAMME
    # tagged by hand from the pages: Lordstown is a Stargate factory (not capacity); Loughton, Fairwater
    # Atlanta, Piketon and SoftBank's Japanese sites are tied to no programme page
    with (CURATED_DIR / "atlas__dc_projects.csv").open(newline="", encoding="utf-8") as f:
        tagged = {r["project_id"]: r["project_kind"] for r in csv.DictReader(f) if r["programmes"]}
    assert set(tagged) - members == {"stargate_lordstown"} and tagged["stargate_lordstown"] == "factory"
    assert built.query("select country_iso3, project_count from marts.mart_country_programme order by 1") == [
        ("ARE", 1),
        ("ARG", 1),
        ("AUS", 1),
        ("CAN", 1),
        ("GBR", 1),
        ("IND", 1),
        ("KOR", 2),
        ("NOR", 1),
        ("USA", 6),
    ]


def test_a_letter_of_intent_or_talks_announce_no_capacity(built):
    # Argentina (letter of intent for up to 500 MW, up to USD 25 bn), Australia (MoU), Korea, Canada (talks)
    for iso3 in ("ARG", "AUS", "KOR", "CAN"):
        row = programme_row(built, iso3)
        assert (row["announced_it_mw"], row["projects_with_capex_count"], row["capex_announced_up_to_usd_bn_2025"]) == (
            None,
            0,
            0,
        ), iso3
    assert registry_latest("stargate_argentina", "status")["value"] == "letter_of_intent"


def test_are_is_stargate_uae_with_a_press_figure_outside_the_envelope(built):
    are = programme_row(built, "ARE")
    assert are["country_name"] == "United Arab Emirates"
    assert are["partners"] == "Cisco; NVIDIA; Oracle; SoftBank"
    assert (are["announced_it_mw"], are["online_it_mw"]) == (1000, 0)  # nothing of Stargate UAE runs yet
    # the latest capex report: USD 30 bn in 2026 dollars, a press figure (an earlier editorial said 20)
    assert registry_latest("stargate_uae", "capex_bn")["value"] == "30"
    assert are["capex_press_figure_usd_bn_2025"] == pytest.approx(30 * FACTOR_2026)
    assert are["capex_committed_usd_bn_2025"] == 0
    assert are["programme_wide_long_term_envelope_share_pct"] == 0  # a press figure fills no envelope
    assert are["us_only_long_term_envelope_share_pct"] is None  # outside the US-only reading


def test_nor_is_one_billion_of_2025_committed(built):
    nor = programme_row(built, "NOR")
    assert (nor["country_name"], nor["partners"], nor["announced_it_mw"]) == ("Norway", "Microsoft", 230)
    # the USD 1 bn is reported for the first 20 MW phase: the project's capex is its phases' capex
    assert nor["capex_committed_usd_bn_2025"] == pytest.approx(1 * FACTOR_2025)
    assert (
        nor["programme_wide_long_term_envelope_share_pct"]
        == pytest.approx(100 * 1 / LONG_TERM_USD_BN)
        == pytest.approx(0.2)
    )
    assert nor["programme_wide_first_phase_envelope_share_pct"] == pytest.approx(1.0)


def test_usa_online_is_what_runs_at_abilene_not_its_planned_build(built):
    usa = programme_row(built, "USA")
    # Abilene 1.2 GW, Shackelford 1.4, Port Washington 1.0, Milam 1.2, Michigan 1.0; Dona Ana published no MW
    assert usa["announced_it_mw"] == 1200 + 1400 + 1000 + 1200 + 1000
    assert usa["projects_without_mw_count"] == 1
    ((operational_mw,),) = built.query(
        "select sum(it_mw) from intermediate.int_campus_phases_split "
        "where campus_id = 'stargate_abilene' and status = 'operational'"
    )
    assert usa["online_it_mw"] == pytest.approx(operational_mw)
    # by hand, December 2025: Epoch's current power at Abilene, buildings 1 and 2 (data_centers.csv), 295 MW of
    # facility power, as IT power
    facility_mw = float(epoch_site("OpenAI Stargate Abilene")["Current power (MW)"])
    assert facility_mw == 295
    assert usa["online_it_mw"] == pytest.approx(facility_mw / dbt_var("epoch_site_facility_to_it"))
    assert (usa["projects_with_capex_count"], usa["capex_committed_usd_bn_2025"]) == (5, pytest.approx(15.0))
    # "up to": Dona Ana's USD 165 bn bond ceiling and Shackelford's USD 25 bn
    assert usa["capex_announced_up_to_usd_bn_2025"] == pytest.approx(165 + 25)


def test_the_envelope_has_a_us_only_and_a_programme_wide_reading_each_with_its_source(built):
    usa = programme_row(built, "USA")
    assert (
        usa["us_only_long_term_envelope_share_pct"] == pytest.approx(100 * 15 / LONG_TERM_USD_BN) == pytest.approx(3.0)
    )
    assert (
        usa["us_only_first_phase_envelope_share_pct"]
        == pytest.approx(100 * 15 / FIRST_PHASE_USD_BN)
        == pytest.approx(15.0)
    )
    assert usa["programme_wide_long_term_envelope_share_pct"] == pytest.approx(3.0)
    assert built.query(
        "select count(*) from marts.mart_country_programme where us_only_long_term_envelope_share_pct is not null"
    ) == [(1,)]
    sources = set(
        built.query(
            "select distinct us_only_reading_source_url, programme_wide_reading_source_url from marts.mart_country_programme"
        )
    )
    assert sources == {
        (dbt_var("programme_envelope_us_only_source_url"), dbt_var("programme_envelope_programme_wide_source_url"))
    }
    assert sources == {
        (
            "https://openai.com/index/announcing-the-stargate-project/",
            "https://www.techrepublic.com/article/news-openai-for-countries/",
        )
    }


def test_unlike_capex_bases_stay_apart(built):
    ind, usa = (programme_row(built, c) for c in ("IND", "USA"))
    assert (
        ind["capex_announced_up_to_usd_bn_2025"]
        == pytest.approx(IND_CAPEX_USD_BN_2025)
        == pytest.approx(6.79945, abs=1e-5)
    )
    # Michigan's USD 16 bn (2026) and Milam's first building, USD 0.47 bn (2026), are press figures
    assert usa["capex_press_figure_usd_bn_2025"] == pytest.approx((16 + 0.47) * FACTOR_2026)
    assert sum(
        programme_row(built, c)[f"capex_{b}_usd_bn_2025"] for c in ("USA", "NOR") for b in ("committed",)
    ) == pytest.approx(PROGRAMME_COMMITTED_USD_BN_2025)
