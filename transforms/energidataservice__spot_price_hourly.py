"""Energi Data Service (Energinet) Elspotprices, hourly, as the site's manual CSV download writes it.

Semicolon-delimited with decimal commas ("978,750000"), newest hour first. HourUTC is the hour's start in UTC,
so it is the key; HourDK repeats at the autumn change and skips the spring hour, so it is never used for time.
Prices in DKK/MWh and EUR/MWh; negative prices are real and kept.
"""

from __future__ import annotations

import polars as pl

UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def _decimal(column: str) -> pl.Expr:
    """'978,750000' -> '978.750000'; a value with a dot as well would be a thousands mark: left unreadable."""
    text = pl.col(column).str.strip_chars()
    return pl.when(~text.str.contains(r"\.")).then(text.str.replace(",", ".", literal=True))


def prepare(raw: pl.DataFrame) -> pl.DataFrame:
    hour = pl.col("HourUTC").str.strip_chars().str.strptime(pl.Datetime("us", "UTC"), "%Y-%m-%d %H:%M", strict=False)
    return raw.with_columns(
        hour_utc=hour.dt.strftime(UTC_FORMAT),
        month_start=hour.dt.truncate("1mo").dt.strftime("%Y-%m-%d"),
        price_area=pl.col("PriceArea").str.strip_chars(),
        spot_price_dkk_per_mwh=_decimal("SpotPriceDKK"),
        spot_price_eur_per_mwh=_decimal("SpotPriceEUR"),
    )
