"""mart_country_scorecard: factors come from the other marts, scores follow the documented formula."""

from __future__ import annotations

import pytest
import yaml

from data_contracts.paths import DBT_PROJECT_DIR
from tests.helpers import golden

FACTORS = {  # score column -> (raw column, lower is better)
    "grid_headroom": ("dc_share_of_demand_pct", True),
    "carbon_intensity": ("emissions_intensity_gco2_per_kwh", True),
    "electricity_price": ("day_ahead_price_usd_per_mwh", True),
    "build_cost": ("usd_per_w_2025", True),
    "pipeline_speed": ("pipeline_realised_pct", False),
}


def scorecard(built) -> dict[str, dict]:
    columns = [c[0] for c in built.query("describe marts.mart_country_scorecard")]
    return {row[0]: dict(zip(columns, row)) for row in built.query("select * from marts.mart_country_scorecard")}


def test_factors_are_the_other_marts_values(built):
    card = scorecard(built)
    (are_share,) = built.query(
        "select dc_share_of_demand_pct from marts.mart_country_energy where country_iso3 = 'ARE' and scenario = 'base' and not is_projected_demand"
    )[0]
    assert card["ARE"]["dc_share_of_demand_pct"] == pytest.approx(are_share)
    heaviest = max((r for r in card.values() if r["is_ranked"]), key=lambda r: r["dc_share_of_demand_pct"] or 0)
    assert heaviest["grid_headroom_score"] == 0  # the heaviest draw on its grid among the ranked scores 0
    assert card["USA"]["usd_per_w_2025"] == pytest.approx(13.3)  # Silicon Valley 2025
    assert card["NOR"]["emissions_intensity_gco2_per_kwh"] == 30.75 and card["NOR"]["usd_per_w_2025"] is None
    assert card["NOR"]["factors_available_count"] == 4  # no Norwegian market in the cost index


def percent_rank(values: list[float], value: float, lower_is_better: bool) -> float:
    """DuckDB's percent_rank: (rank - 1) / (n - 1), ties sharing the first rank; 1 when there is no spread."""
    if min(values) == max(values):
        return 1.0
    better = [v for v in values if (v > value if lower_is_better else v < value)]
    return len(better) / (len(values) - 1)


def test_only_countries_with_a_real_pipeline_and_enough_factors_are_ranked(built):
    card = scorecard(built)
    min_mw, min_factors = golden.dbt_var("scorecard_min_tracked_it_mw"), golden.dbt_var("scorecard_min_factor_count")
    assert (min_mw, min_factors) == (100, 3)
    for row in card.values():
        assert row["is_ranked"] == (row["tracked_it_mw"] >= min_mw and row["factors_available_count"] >= min_factors)
        assert (row["siting_rank"] is None) == (row["siting_score"] is None) == (not row["is_ranked"])
        assert (row["unranked_reason"] is None) == row["is_ranked"]
    # Sweden ranked first on 6.5 MW, all of it running; it stays listed, unranked, with its reason
    swe = card["SWE"]
    assert (swe["pipeline_realised_pct"], swe["is_ranked"], swe["unranked_reason"]) == (
        100,
        False,
        "tracked pipeline below 100 MW",
    )
    assert card["PHL"]["unranked_reason"] == "tracked pipeline below 100 MW; fewer than 3 of 5 factors"
    # Argentina and Australia hold letters of intent only (no tracked pipeline); Japan's SoftBank sites count
    assert sorted(c for c, r in card.items() if r["is_ranked"]) == [
        "ARE",
        "CHN",
        "FRA",
        "GBR",
        "IND",
        "JPN",
        "KOR",
        "NOR",
        "SAU",
        "USA",
    ]


def test_scores_follow_percent_rank_among_ranked_countries_and_the_weights(built):
    card = scorecard(built)
    weights = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text())["vars"]["scorecard_weights"]
    ranked = [row for row in card.values() if row["is_ranked"]]
    for factor, (column, lower_is_better) in FACTORS.items():
        values = [row[column] for row in ranked if row[column] is not None]
        for row in card.values():
            if row[column] is None or not row["is_ranked"]:
                assert row[f"{factor}_score"] is None
                continue
            assert row[f"{factor}_score"] == pytest.approx(percent_rank(values, row[column], lower_is_better))
    for row in ranked:
        available = {f: w for f, w in weights.items() if row[f"{f}_score"] is not None}
        expected = sum(row[f"{f}_score"] * w for f, w in available.items()) / sum(available.values())
        assert row["siting_score"] == pytest.approx(expected)
    by_score = sorted(ranked, key=lambda r: -r["siting_score"])
    assert [r["siting_rank"] for r in by_score] == list(range(1, len(ranked) + 1))
    assert card["ARE"]["factors_available_count"] == 3  # no wholesale prices, no cost-index market


def test_norway_ranks_second_behind_britain(built):
    card = scorecard(built)
    nor = card["NOR"]
    # among the 10 ranked: the cleanest grid (30.75 gCO2/kWh) and, of the two with prices, the cheaper;
    # 5 of 9 other ranked countries draw a larger share of their grid, 5 of 9 realised less of their pipeline
    assert (nor["carbon_intensity_score"], nor["electricity_price_score"]) == (1.0, 1.0)
    assert (nor["grid_headroom_score"], nor["pipeline_speed_score"]) == (pytest.approx(5 / 9), pytest.approx(5 / 9))
    assert nor["siting_score"] == pytest.approx((0.30 * 5 / 9 + 0.25 * 1 + 0.15 * 1 + 0.15 * 5 / 9) / 0.85)  # 0.765
    assert nor["siting_rank"] == 2
    # Britain: Stargate UK paused (no MW), Loughton's 50 MW being built: a small pipeline on a large grid
    assert card["GBR"]["siting_rank"] == 1
