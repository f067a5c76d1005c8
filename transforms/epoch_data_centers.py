"""Epoch AI Frontier Data Centers, one row per site, read by column name from either export version.

Dec-2025 export: Handle, Title, Latitude/Longitude in DMS, no Country. Live export: Name and Country, no
Handle/Title/coordinates. The site's name is Title or Name; its country is Country where given, else read
from the address (transforms/addresses.py). A country that cannot be determined quarantines the row.
"""

from __future__ import annotations

import polars as pl

from data_contracts import Contract
from transforms.addresses import country_from_address
from transforms.countries import name_lookup, to_iso3, unknown_country_rule
from transforms.csv_reading import FeedFileError
from transforms.epoch_common import confidence_tags, dms_to_degrees, untagged_values, with_optional_columns
from transforms.staging import Rule, StagedFeed, stage

NAME_COLUMNS = ("Title", "Name")  # Dec-2025 export, live export
ONE_VERSION_ONLY = ("Handle", "Title", "Name", "Latitude", "Longitude", "Country")
# source column -> staged column; each gets a <column>_confidence beside it (contract: the tag convention)
TAGGED = {
    "Project": "project",
    "Owner": "owner",
    "Users": "users",
    "Investors": "investors",
    "Construction companies": "construction_companies",
    "Energy companies": "energy_companies",
}


def _name(raw: pl.DataFrame, contract: Contract, file_sha256: str) -> pl.Expr:
    present = [c for c in NAME_COLUMNS if c in raw.columns]
    if not present:
        problem = "has no site name column: expected Title (Dec-2025 export) or Name (live export)"
        raise FeedFileError(contract.feed, f"sha256 {file_sha256[:12]}", problem)
    return pl.coalesce([pl.col(c) for c in present]).alias("data_center_name")


def _countries(frame: pl.DataFrame, country_codes: pl.DataFrame) -> pl.DataFrame:
    """Country where the file gives one (live export), else the address; the basis says which."""
    lookup = name_lookup(country_codes)
    named = to_iso3(frame["Country"].str.strip_chars(), lookup)
    from_address = country_from_address(frame["Address"].str.strip_chars(), lookup)
    has_name = frame["Country"].str.strip_chars().fill_null("") != ""
    return frame.with_columns(
        country_iso3=pl.when(has_name).then(named).otherwise(from_address),
        country_iso3_basis=pl.when(has_name).then(pl.lit("country"))
        .when(from_address.is_not_null()).then(pl.lit("address")),
    )


def prepare(raw: pl.DataFrame, contract: Contract, file_sha256: str, country_codes: pl.DataFrame) -> pl.DataFrame:
    frame = with_optional_columns(raw, ONE_VERSION_ONLY).with_columns(
        _name(raw, contract, file_sha256),
        latitude_deg=dms_to_degrees(pl.col("Latitude"), "NS"),
        longitude_deg=dms_to_degrees(pl.col("Longitude"), "EW"),
        **{name: untagged_values(pl.col(source)) for source, name in TAGGED.items()},
        **{f"{name}_confidence": confidence_tags(pl.col(source)) for source, name in TAGGED.items()},
    )
    return _countries(frame, country_codes)


def _country_rules(country_codes: pl.DataFrame) -> list[Rule]:
    unmatched = Rule(
        "country_name",
        (pl.col("country_iso3_basis") == "country") & pl.col("country_iso3").is_null(),
        "country name matches no single country in the country dimension (transforms/countries.py)",
    )
    undetermined = Rule(
        "address",
        pl.col("country_iso3_basis").is_null(),
        "no Country value, and the address does not end in a country name or a US state (transforms/addresses.py)",
    )
    return [unmatched, undetermined, unknown_country_rule("country_iso3", country_codes)]


def stage_feed(raw: pl.DataFrame, contract: Contract, file_sha256: str, refs: dict[str, pl.DataFrame]) -> StagedFeed:
    country_codes = refs["datahub__country_codes"]
    prepared = prepare(raw, contract, file_sha256, country_codes)
    return stage(prepared, contract, file_sha256=file_sha256, rules=_country_rules(country_codes))
