"""mart_country_scorecard: factors come from the other marts, scores follow the documented formula."""

from __future__ import annotations

import pytest
import yaml

from orchestration.settings import REPO_ROOT

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
    heaviest = max(card.values(), key=lambda r: r["dc_share_of_demand_pct"] or 0)
    assert heaviest["grid_headroom_score"] == 0  # the heaviest draw on its grid scores 0
    assert card["USA"]["usd_per_w_2025"] == pytest.approx(13.3)  # Silicon Valley 2025
    assert card["NOR"]["emissions_intensity_gco2_per_kwh"] == 30.75 and card["NOR"]["usd_per_w_2025"] is None
    assert card["NOR"]["factors_available_count"] == 4  # no Norwegian market in the cost index


def test_scores_follow_min_max_and_the_weights(built):
    card = scorecard(built)
    weights = yaml.safe_load((REPO_ROOT / "dbt_project" / "dbt_project.yml").read_text())["vars"]["scorecard_weights"]
    for factor, (column, lower_is_better) in FACTORS.items():
        values = [row[column] for row in card.values() if row[column] is not None]
        low, high = min(values), max(values)
        for row in card.values():
            if row[column] is None:
                assert row[f"{factor}_score"] is None
                continue
            expected = (high - row[column]) / (high - low) if lower_is_better else (row[column] - low) / (high - low)
            assert row[f"{factor}_score"] == pytest.approx(expected)
    for row in card.values():
        available = {f: w for f, w in weights.items() if row[f"{f}_score"] is not None}
        expected = sum(row[f"{f}_score"] * w for f, w in available.items()) / sum(available.values())
        assert row["siting_score"] == pytest.approx(expected)
    ranked = sorted(card.values(), key=lambda r: -r["siting_score"])
    assert [r["siting_rank"] for r in ranked] == list(range(1, len(ranked) + 1))
    assert card["ARE"]["factors_available_count"] == 3  # no wholesale prices, no cost-index market
