"""mart_country_programme: the Stargate / OpenAI-for-Countries programme by country, hand-computed from the registry."""

from __future__ import annotations

import pytest

from tests.golden import dbt_var, epoch_site, registry, registry_rows

USA_INFLATION_2024_PCT = 2.94952520485207  # World Bank cpi.csv; the deflator carries it into 2025 (and beyond)
FACTOR_2025 = 1.0  # int_usd_deflator_chained: 2025 = 1.0
FACTOR_2026 = 1 / (1 + USA_INFLATION_2024_PCT / 100)  # India's capex, announced 2026-02-19
IND_CAPEX_USD_BN_2025 = 7 * FACTOR_2026
LONG_TERM_USD_BN, FIRST_PHASE_USD_BN = 500, 100  # dbt vars
# committed capex, all announced in 2025: Abilene USD 15 bn (Crusoe's joint venture) and Norway's 1 bn first phase
PROGRAMME_COMMITTED_USD_BN_2025 = (15 + 1) * FACTOR_2025
BASES = ("committed", "announced_up_to", "partner_plan", "press_figure")


def programme_row(built, iso3: str) -> dict:
    columns = [c[0] for c in built.query("describe marts.mart_country_programme")]
    (row,) = built.query("select * from marts.mart_country_programme where country_iso3 = ?", [iso3])
    return dict(zip(columns, row))


def test_membership_is_the_15_stargate_projects_with_openai(built):
    members = {name for (name,) in built.query("select project_name from intermediate.int_programme_projects_selected")}
    assert len(members) == 15
    assert "Nscale Loughton AI Campus" not in members  # not a Stargate site (SOURCE.md)
    assert "Microsoft Fairwater Atlanta" not in members  # OpenAI is a partner, but it is Microsoft's site
    assert {"Stargate UK (Cobalt Park)", "OpenAI-TCS HyperVault (Stargate India)", "Stargate Michigan"} <= members
    assert built.query("select country_iso3, project_count from marts.mart_country_programme order by 1") == [
        ("ARE", 1), ("ARG", 1), ("AUS", 1), ("GBR", 1), ("IND", 1), ("KOR", 2), ("NOR", 1), ("USA", 7),
    ]


def test_every_registry_capex_has_a_basis_and_no_basis_lacks_a_capex():
    rows = registry_rows()
    assert all(bool(r["capex_usd_bn"]) == bool(r["capex_basis"]) for r in rows)
    assert {r["project"]: r["capex_basis"] for r in rows if r["capex_basis"]} == {
        "Stargate UAE": "press_figure",  # USD 30 bn only in a 2026 secondary article (SOURCE.md)
        "Stargate Norway": "committed",  # the joint venture's ~USD 1 bn for the first 20 MW
        "Stargate Argentina": "announced_up_to",  # "up to" USD 25 bn in a letter of intent
        "OpenAI-TCS HyperVault (Stargate India)": "partner_plan",  # TCS's plan for its 1 GW unit
        "Stargate Australia (NEXTDC S7)": "announced_up_to",  # estimated cost under a non-binding MoU
        "Stargate Abilene": "committed",  # the USD 15 bn Crusoe / Blue Owl / Primary Digital joint venture
        "Meta Hyperion": "committed",  # Meta's USD 10 bn headline investment
        "Microsoft Fairwater Wisconsin": "committed",  # Microsoft's USD 3.3 bn + 4 bn
    }


def test_are_is_stargate_uae_with_a_press_figure_outside_the_envelope(built):
    are = programme_row(built, "ARE")
    assert are["country_name"] == "United Arab Emirates"
    assert are["partners"] == "Cisco; G42; NVIDIA; Oracle; SoftBank"
    assert (are["announced_it_mw"], are["online_it_mw"]) == (1000, 0)  # nothing of Stargate UAE runs yet
    assert are["capex_press_figure_usd_bn_2025"] == pytest.approx(float(registry("Stargate UAE")["capex_usd_bn"])) == 30.0
    assert are["capex_committed_usd_bn_2025"] == 0
    assert are["programme_wide_long_term_envelope_share_pct"] == 0  # a press figure fills no envelope
    assert are["us_only_long_term_envelope_share_pct"] is None  # outside the US-only reading


def test_nor_is_one_billion_of_2025_committed(built):
    nor = programme_row(built, "NOR")
    assert (nor["country_name"], nor["partners"], nor["announced_it_mw"]) == ("Norway", "Aker; Nscale", 230)
    assert nor["capex_committed_usd_bn_2025"] == pytest.approx(1 * FACTOR_2025)
    assert nor["programme_wide_long_term_envelope_share_pct"] == pytest.approx(100 * 1 / LONG_TERM_USD_BN) == pytest.approx(0.2)
    assert nor["programme_wide_first_phase_envelope_share_pct"] == pytest.approx(1.0)


def test_usa_online_is_what_runs_at_abilene_not_its_planned_build(built):
    usa = programme_row(built, "USA")
    assert usa["announced_it_mw"] == 1200 + 1000  # Abilene + Michigan; five sites published no MW
    # the rule: operational phases of the campus (crosswalk: Stargate Abilene -> stargate_abilene)
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
    assert usa["online_it_mw"] < float(registry("Stargate Abilene")["capacity_mw_planned"])  # not the 1.2 GW build
    assert (usa["projects_with_capex_count"], usa["capex_committed_usd_bn_2025"]) == (1, pytest.approx(15.0))
    assert (usa["projects_without_mw_count"], usa["projects_without_capex_count"]) == (5, 6)
    assert usa["partners"] == (
        "Blue Owl Capital; Crusoe; DTE Energy; Oracle; Primary Digital Infrastructure; "
        "Related Digital; SB Energy; SoftBank"
    )


def test_the_envelope_has_a_us_only_and_a_programme_wide_reading_each_with_its_source(built):
    usa = programme_row(built, "USA")
    assert usa["us_only_long_term_envelope_share_pct"] == pytest.approx(100 * 15 / LONG_TERM_USD_BN) == pytest.approx(3.0)
    assert usa["us_only_first_phase_envelope_share_pct"] == pytest.approx(100 * 15 / FIRST_PHASE_USD_BN) == pytest.approx(15.0)
    assert usa["programme_wide_long_term_envelope_share_pct"] == pytest.approx(3.0)
    assert built.query(
        "select count(*) from marts.mart_country_programme where us_only_long_term_envelope_share_pct is not null"
    ) == [(1,)]
    sources = set(built.query("select distinct us_only_reading_source_url, programme_wide_reading_source_url from marts.mart_country_programme"))
    assert sources == {(dbt_var("programme_envelope_us_only_source_url"), dbt_var("programme_envelope_programme_wide_source_url"))}
    assert sources == {("https://openai.com/index/announcing-the-stargate-project/", "https://www.techrepublic.com/article/news-openai-for-countries/")}


def test_unlike_capex_bases_stay_apart(built):
    arg, ind, aus = (programme_row(built, c) for c in ("ARG", "IND", "AUS"))
    assert (arg["capex_announced_up_to_usd_bn_2025"], arg["capex_committed_usd_bn_2025"]) == (25.0, 0)
    assert aus["capex_announced_up_to_usd_bn_2025"] == pytest.approx(4.5)
    assert ind["capex_partner_plan_usd_bn_2025"] == pytest.approx(IND_CAPEX_USD_BN_2025) == pytest.approx(6.79945, abs=1e-5)
    assert ind["capex_committed_usd_bn_2025"] == 0
    totals = built.query(
        "select " + ", ".join(f"sum(capex_{b}_usd_bn_2025)" for b in BASES) + " from marts.mart_country_programme"
    )[0]
    assert totals == pytest.approx((PROGRAMME_COMMITTED_USD_BN_2025, 25 + 4.5, IND_CAPEX_USD_BN_2025, 30))


def test_paused_uk_counts_as_a_project_without_mw_or_capex(built):
    gbr = programme_row(built, "GBR")
    assert (gbr["project_count"], gbr["announced_it_mw"], gbr["paused_it_mw"], gbr["capex_committed_usd_bn_2025"]) == (1, None, None, 0)
    assert (gbr["projects_without_mw_count"], gbr["projects_without_capex_count"]) == (1, 1)
    assert gbr["partners"] == "Nscale; NVIDIA"
    kor = programme_row(built, "KOR")
    assert (kor["announced_it_mw"], kor["projects_without_mw_count"], kor["projects_without_capex_count"]) == (40, 0, 2)


def test_cumulative_envelope_share_runs_from_the_largest_commitment(built):
    rows = built.query(
        "select country_iso3, cumulative_capex_committed_usd_bn_2025, cumulative_programme_wide_long_term_envelope_share_pct, "
        "cumulative_programme_wide_first_phase_envelope_share_pct from marts.mart_country_programme "
        "order by capex_committed_usd_bn_2025 desc, country_iso3"
    )
    assert [r[0] for r in rows] == ["USA", "NOR", "ARE", "ARG", "AUS", "GBR", "IND", "KOR"]
    assert rows[0][1:] == pytest.approx((15.0, 3.0, 15.0))
    last = rows[-1]
    assert last[1] == pytest.approx(PROGRAMME_COMMITTED_USD_BN_2025) == 16.0
    assert last[2] == pytest.approx(100 * PROGRAMME_COMMITTED_USD_BN_2025 / LONG_TERM_USD_BN) == pytest.approx(3.2)
    assert last[3] == pytest.approx(100 * PROGRAMME_COMMITTED_USD_BN_2025 / FIRST_PHASE_USD_BN) == pytest.approx(16.0)
