"""mart_country_programme: the Stargate / OpenAI-for-Countries programme by country, hand-computed from the registry."""

from __future__ import annotations

import pytest

USA_INFLATION_2024_PCT = 2.94952520485207  # World Bank cpi.csv; the deflator carries it into 2025 (and beyond)
FACTOR_2025 = 1.0  # int_usd_deflator_chained: 2025 = 1.0
FACTOR_2026 = 1 / (1 + USA_INFLATION_2024_PCT / 100)  # India's capex, announced 2026-02-19
IND_CAPEX_USD_BN_2025 = 7 * FACTOR_2026
# capex as reported, all announced in 2025 except India: ARE 30, ARG 25, USA 15 (Abilene), AUS 4.5, NOR 1
PROGRAMME_CAPEX_USD_BN_2025 = (30 + 25 + 15 + 4.5 + 1) * FACTOR_2025 + IND_CAPEX_USD_BN_2025
LONG_TERM_USD_BN, FIRST_PHASE_USD_BN = 500, 100  # dbt vars


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


def test_are_is_stargate_uae(built):
    are = programme_row(built, "ARE")
    assert are["country_name"] == "United Arab Emirates"
    assert are["partners"] == "Cisco; G42; NVIDIA; Oracle; SoftBank"
    assert (are["announced_it_mw"], are["online_it_mw"]) == (1000, 0)
    assert are["capex_committed_usd_bn_2025"] == pytest.approx(30 * FACTOR_2025) == 30.0
    assert are["long_term_envelope_share_pct"] == pytest.approx(100 * 30 / LONG_TERM_USD_BN)  # 6 %
    assert are["first_phase_envelope_share_pct"] == pytest.approx(100 * 30 / FIRST_PHASE_USD_BN)  # 30 %


def test_nor_is_one_billion_of_2025(built):
    nor = programme_row(built, "NOR")
    assert (nor["country_name"], nor["partners"], nor["announced_it_mw"]) == ("Norway", "Aker; Nscale", 230)
    assert nor["capex_committed_usd_bn_2025"] == pytest.approx(1 * FACTOR_2025)
    assert nor["long_term_envelope_share_pct"] == pytest.approx(0.2)


def test_usa_sums_the_seven_us_stargate_sites(built):
    usa = programme_row(built, "USA")
    assert usa["announced_it_mw"] == 1200 + 1000  # Abilene + Michigan; five sites published no MW
    assert usa["online_it_mw"] == 1200  # Abilene, operational, at full build
    assert (usa["projects_with_capex_count"], usa["capex_committed_usd_bn_2025"]) == (1, pytest.approx(15.0))
    assert usa["partners"] == (
        "Blue Owl Capital; Crusoe; DTE Energy; Oracle; Primary Digital Infrastructure; "
        "Related Digital; SB Energy; SoftBank"
    )


def test_india_capex_announced_in_2026_is_deflated_to_2025(built):
    ind = programme_row(built, "IND")
    assert ind["capex_committed_usd_bn_2025"] == pytest.approx(IND_CAPEX_USD_BN_2025) == pytest.approx(6.79945, abs=1e-5)


def test_paused_uk_counts_as_a_project_without_mw_or_capex(built):
    gbr = programme_row(built, "GBR")
    assert (gbr["project_count"], gbr["announced_it_mw"], gbr["paused_it_mw"], gbr["capex_committed_usd_bn_2025"]) == (1, None, None, 0)
    assert gbr["partners"] == "Nscale; NVIDIA"


def test_cumulative_envelope_share_runs_from_the_largest_commitment(built):
    rows = built.query(
        "select country_iso3, cumulative_capex_committed_usd_bn_2025, cumulative_long_term_envelope_share_pct, "
        "cumulative_first_phase_envelope_share_pct from marts.mart_country_programme "
        "order by capex_committed_usd_bn_2025 desc, country_iso3"
    )
    assert [r[0] for r in rows] == ["ARE", "ARG", "USA", "IND", "AUS", "NOR", "GBR", "KOR"]
    assert rows[2][1:] == pytest.approx((70.0, 14.0, 70.0))
    last = rows[-1]
    assert last[1] == pytest.approx(PROGRAMME_CAPEX_USD_BN_2025) == pytest.approx(82.29945, abs=1e-5)
    assert last[2] == pytest.approx(100 * PROGRAMME_CAPEX_USD_BN_2025 / LONG_TERM_USD_BN)  # about 16.5 %
    assert last[3] == pytest.approx(100 * PROGRAMME_CAPEX_USD_BN_2025 / FIRST_PHASE_USD_BN)  # about 82.3 %
