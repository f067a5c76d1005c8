"""Curated construction cost per watt by market (Turner & Townsend index as reported)."""

from __future__ import annotations

import polars as pl

