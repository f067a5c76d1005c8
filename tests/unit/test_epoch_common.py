"""Epoch's export quirks parsed on values copied from the real files: DMS, confidence tags, US dates."""

from __future__ import annotations

import polars as pl
import pytest

from transforms.common.epoch import confidence_tags, dms_to_degrees, untagged_values, us_date_to_iso


def _one(expr: pl.Expr, text: str | None):
    return pl.DataFrame({"t": [text]}, schema={"t": pl.String}).select(expr)["t"][0]


@pytest.mark.parametrize(
    "text, hemispheres, degrees",
    [
        ("32°35'25\"N", "NS", 32.59027777777778),  # Amazon Madison Mega Site
        ("90°05'35\"W", "EW", -90.09305555555555),
        (" 101°18'43\"W", "EW", -101.31194444444445),  # Goodnight, leading space as published
        ("32°29'59\"N ", "NS", 32.49972222222222),  # Stargate Abilene, trailing space as published
        ("41°11'6.6732\"N", "NS", 41.185187),  # Alibaba Zhangbei, decimal seconds
        ("114°42'1.6272\"E", "EW", 114.700452),
        ("24°9'15\"N", "NS", 24.154166666666665),  # Stargate UAE, one-digit minutes
        ("33.5", "NS", 33.5),  # decimal degrees pass as they are
    ],
)
def test_dms_to_decimal_degrees(text, hemispheres, degrees):
    assert float(_one(dms_to_degrees(pl.col("t"), hemispheres), text)) == pytest.approx(degrees, abs=1e-9)


@pytest.mark.parametrize(
    "text, hemispheres",
    [("35°03'35\"E", "NS"), ("35°63'35\"N", "NS"), ("35°03'35\"", "NS"), ("north", "NS")],
)
def test_unreadable_coordinates_pass_through_for_the_contract_to_reject(text, hemispheres):
    assert _one(dms_to_degrees(pl.col("t"), hemispheres), text) == text


@pytest.mark.parametrize(
    "text, values, tags",
    [
        ("Amazon #confident", "Amazon", "confident"),
        ("OpenAI #likely, Microsoft #likely", "OpenAI; Microsoft", "likely; likely"),
        ("Project Rainier #speculative", "Project Rainier", "speculative"),
        ("Softbank,Oracle,NVIDIA,Cisco,G42", "Softbank; Oracle; NVIDIA; Cisco; G42", None),  # no tags: none invented
        ("Meta #confident, Oracle", "Meta; Oracle", "confident; untagged"),
        ("EU AI Gigafactory #3", "EU AI Gigafactory #3", None),  # '#3' is a number, not a tag
        (None, None, None),
    ],
)
def test_confidence_tags_split_from_values(text, values, tags):
    assert (_one(untagged_values(pl.col("t")), text), _one(confidence_tags(pl.col("t")), text)) == (values, tags)


@pytest.mark.parametrize(
    "text, iso",
    [("9/20/2016", "2016-09-20"), ("1/1/2029", "2029-01-01"), ("2021-07", "2021-07"), ("13/1/2020", "13/1/2020")],
)
def test_us_dates(text, iso):
    assert _one(us_date_to_iso(pl.col("t")), text) == iso
