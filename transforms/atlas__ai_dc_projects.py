"""The curated AI data-centre project registry: statuses normalised to one vocabulary, partial dates parsed."""

from __future__ import annotations

import polars as pl

from transforms.rules import Rule

# Spellings seen in announcements -> Capacity Atlas's status vocabulary. 'paused' is real: keep it.
STATUS_SYNONYMS = {
    "announced": "announced",
    "planned": "announced",
    "proposed": "announced",
    "permitted": "permitted",
    "approved": "permitted",
    "under construction": "under_construction",
    "under_construction": "under_construction",
    "construction": "under_construction",
    "operational": "operational",
    "operating": "operational",
    "online": "operational",
    "live": "operational",
    "paused": "paused",
    "on hold": "paused",
    "suspended": "paused",
    "cancelled": "cancelled",
    "canceled": "cancelled",
}


def normalise_status(status: pl.Expr) -> pl.Expr:
    """Known spellings map to the vocabulary; anything else passes through lower-cased, for the contract to reject."""
    lowered = status.str.strip_chars().str.to_lowercase().str.replace_all(r"[\s-]+", " ")
    return lowered.replace(STATUS_SYNONYMS)


def prepare(raw: pl.DataFrame) -> pl.DataFrame:
    return raw.with_columns(status_normalised=normalise_status(pl.col("status")))


def rules() -> list[Rule]:
    # a capex figure without its basis cannot be summed with like figures; a basis without a figure is a slip
    unpaired = Rule(
        "capex_basis",
        pl.col("capex_usd_bn_nominal").is_null() != pl.col("capex_basis").is_null(),
        "capex_basis is given exactly when capex_usd_bn is",
    )
    return [unpaired]
