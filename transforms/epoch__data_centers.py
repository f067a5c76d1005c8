"""Epoch AI Frontier Data Centers, one row per site, read by column name from either export version.

Dec-2025 export: Handle, Title, Latitude/Longitude in DMS, no Country. Live export: Name and Country, no
Handle/Title/coordinates. The site's name is Title or Name; its country is Country where given, else read
from the address (transforms/common/addresses.py). A country that cannot be determined quarantines the row.
"""

from __future__ import annotations

import polars as pl

from transforms.common.addresses import country_from_address
from transforms.common.countries import MAPPING_FILE, country_name_rules, is_unmapped, name_lookup, to_iso3
from transforms.common.epoch import confidence_tags, dms_to_degrees, untagged_values
from transforms.common.rules import Rule

# source column -> raw table column; each gets a <column>_confidence beside it (contract: the tag convention)
TAGGED = {
    "Project": "project",
    "Owner": "owner",
    "Users": "users",
    "Investors": "investors",
    "Construction companies": "construction_companies",
    "Energy companies": "energy_companies",
}


def _countries(frame: pl.DataFrame, country_names: pl.DataFrame) -> pl.DataFrame:
    """Country where the file gives one (live export), else the address; the basis says which."""
    lookup = name_lookup(country_names)
    named = to_iso3(frame["Country"], lookup)
    from_address = country_from_address(frame["Address"].str.strip_chars(), lookup)
    has_name = frame["Country"].str.strip_chars().fill_null("") != ""
    return frame.with_columns(
        country_name_unmapped=is_unmapped(frame["Country"], lookup),
        country_iso3=pl.when(has_name).then(named).otherwise(from_address),
        country_iso3_basis=pl.when(has_name)
        .then(pl.lit("country"))
        .when(from_address.is_not_null())
        .then(pl.lit("address")),
    )


def prepare(raw: pl.DataFrame, country_names: pl.DataFrame) -> pl.DataFrame:
    """`raw` has every column the contract names (Title or Name, the others null when a vintage lacks them)."""
    frame = raw.with_columns(
        data_center_name=pl.coalesce("Title", "Name"),
        latitude_deg=dms_to_degrees(pl.col("Latitude"), "NS"),
        longitude_deg=dms_to_degrees(pl.col("Longitude"), "EW"),
        **{name: untagged_values(pl.col(source)) for source, name in TAGGED.items()},
        **{f"{name}_confidence": confidence_tags(pl.col(source)) for source, name in TAGGED.items()},
    )
    return _countries(frame, country_names)


def rules() -> list[Rule]:
    undetermined = Rule(
        "address",
        pl.col("country_iso3_basis").is_null(),
        f"no Country value, and the address does not end in a country name ({MAPPING_FILE}) or a US state (transforms/common/addresses.py)",
    )
    named = pl.col("country_iso3_basis") == "country"
    return [*country_name_rules("country_name", "Country", "country_name_unmapped", named), undetermined]
