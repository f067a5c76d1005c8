"""World Bank indicator files (datahub core/cpi, core/population): countries and aggregates kept apart.

A code is a country when it is in the country dimension. Otherwise it must be one of the World Bank's
aggregates below; any other code is quarantined, so a new or misspelt code is never silently summed
with the countries.
"""

from __future__ import annotations

import polars as pl

from transforms.common.rules import Rule

# The World Bank's aggregate codes (API: region.id "NA", "Aggregates"; WDI country metadata, 2025):
# regions, income and lending groups, demographic-dividend groups, small states, EU, euro area, OECD.
AGGREGATE_CODES = (
    "AFE",
    "AFW",
    "ARB",
    "CEB",
    "CSS",
    "EAP",
    "EAR",
    "EAS",
    "ECA",
    "ECS",
    "EMU",
    "EUU",
    "FCS",
    "HIC",
    "HPC",
    "IBD",
    "IBT",
    "IDA",
    "IDB",
    "IDX",
    "INX",
    "LAC",
    "LCN",
    "LDC",
    "LIC",
    "LMC",
    "LMY",
    "LTE",
    "MEA",
    "MIC",
    "MNA",
    "NAC",
    "OED",
    "OSS",
    "PRE",
    "PSS",
    "PST",
    "SAS",
    "SSA",
    "SSF",
    "SST",
    "TEA",
    "TEC",
    "TLA",
    "TMN",
    "TSA",
    "TSS",
    "UMC",
    "WLD",
)
# Economies the World Bank publishes that span several ISO 3166 territories, so no single ISO3 code
# fits: the Channel Islands are Jersey (JEY) and Guernsey (GGY). Kept apart with the aggregates.
MULTI_TERRITORY_CODES = ("CHI",)


def with_area_type(raw: pl.DataFrame, code_column: str, country_codes: pl.DataFrame) -> pl.DataFrame:
    """area_code (as published), area_type ('country' | 'aggregate') and country_iso3 (countries only)."""
    code = pl.col(code_column).str.strip_chars()
    is_country = code.is_in(country_codes["country_iso3"].implode())
    return raw.with_columns(
        area_code=code,
        area_type=pl.when(is_country).then(pl.lit("country")).when(code.is_not_null()).then(pl.lit("aggregate")),
        country_iso3=pl.when(is_country).then(code),
    )


def unknown_area_rule() -> Rule:
    known = list(AGGREGATE_CODES + MULTI_TERRITORY_CODES)
    return Rule(
        "area_code",
        (pl.col("area_type") == "aggregate") & ~pl.col("area_code").is_in(known),
        "code neither in the country dimension nor a World Bank aggregate (transforms/common/worldbank.py)",
    )
