"""Partial dates ('2026', '2026-H2', '2026-Q1', '2025-09', '2025-09-16') as a date (start of the period) plus its precision."""

from __future__ import annotations

import polars as pl

_DAY = r"^\d{4}-\d{2}-\d{2}$"
_MONTH = r"^\d{4}-\d{2}$"
_QUARTER = r"^\d{4}-Q[1-4]$"
_HALF = r"^\d{4}-H[12]$"
_YEAR = r"^\d{4}$"


def partial_date(text: pl.Expr) -> pl.Expr:
    """The first day of the stated period; null when the text is not one of the five forms."""
    text = text.str.strip_chars().str.to_uppercase()
    year = text.str.slice(0, 4).cast(pl.Int32, strict=False)
    quarter_month = (text.str.slice(6, 1).cast(pl.Int8, strict=False) - 1) * 3 + 1
    half_month = (text.str.slice(6, 1).cast(pl.Int8, strict=False) - 1) * 6 + 1
    return (
        pl.when(text.str.contains(_DAY))
        .then(text.str.to_date("%Y-%m-%d", strict=False))
        .when(text.str.contains(_MONTH))
        .then((text + "-01").str.to_date("%Y-%m-%d", strict=False))
        .when(text.str.contains(_QUARTER))
        .then(pl.date(year, quarter_month, 1))
        .when(text.str.contains(_HALF))
        .then(pl.date(year, half_month, 1))
        .when(text.str.contains(_YEAR))
        .then(pl.date(year, 1, 1))
    )


def partial_date_precision(text: pl.Expr) -> pl.Expr:
    text = text.str.strip_chars().str.to_uppercase()
    return (
        pl.when(text.str.contains(_DAY))
        .then(pl.lit("day"))
        .when(text.str.contains(_MONTH))
        .then(pl.lit("month"))
        .when(text.str.contains(_QUARTER))
        .then(pl.lit("quarter"))
        .when(text.str.contains(_HALF))
        .then(pl.lit("half"))
        .when(text.str.contains(_YEAR))
        .then(pl.lit("year"))
    )
