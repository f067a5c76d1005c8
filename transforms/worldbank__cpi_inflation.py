"""World Bank consumer-price inflation (FP.CPI.TOTL.ZG): annual % changes, not an index, despite the file's 'CPI'."""

from __future__ import annotations

import polars as pl

from transforms.common.rules import Rule
from transforms.common.worldbank import unknown_area_rule, with_area_type


def prepare(raw: pl.DataFrame, country_codes: pl.DataFrame) -> pl.DataFrame:
    return with_area_type(raw, "Country Code", country_codes)


def rules() -> list[Rule]:
    return [unknown_area_rule()]
