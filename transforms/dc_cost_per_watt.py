"""Curated construction cost per watt by market (Turner & Townsend index as reported)."""

from __future__ import annotations

import polars as pl

from data_contracts import Contract
from transforms.staging import StagedFeed, stage


def stage_feed(raw: pl.DataFrame, contract: Contract, file_sha256: str) -> StagedFeed:
    return stage(raw, contract, file_sha256=file_sha256)
