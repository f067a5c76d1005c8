"""Epoch AI GPU clusters (AI supercomputers): one row per cluster, UN-style country names to ISO3.

Name is unique except for 'Anonymized Chinese System': Epoch publishes 257 anonymised Chinese clusters
under that one name (52 of them identical in every column to an earlier row) and counts each as a
cluster. They are kept and numbered in file order (name_seq); a repeated real name is still a duplicate.
A blank Country is Epoch not saying (multi-site plans, 'Europe', benchmark papers), so the row stays with
no ISO3; a Country text that matches no country is quarantined with its text.
"""

from __future__ import annotations

import polars as pl

from transforms.common.countries import country_name_rules, is_unmapped, name_lookup, to_iso3
from transforms.common.epoch import lower_case, us_date_to_iso
from transforms.common.rules import Rule

ANONYMISED = r"^Anonymi[sz]ed\b"  # Epoch's word for rows whose name it withholds


def _name_seq() -> pl.Expr:
    """1, 2, ... in file order among anonymised rows sharing a name; null for named clusters."""
    name = pl.col("Name").str.strip_chars()
    seq = (pl.int_range(pl.len()).over(name) + 1).cast(pl.String)
    return pl.when(name.str.contains(ANONYMISED)).then(seq).alias("name_seq")


def _flag(column: str) -> pl.Expr:
    """Epoch writes TRUE or leaves the cell blank: blank is 'not flagged'."""
    return pl.col(column).fill_null("false")


def prepare(raw: pl.DataFrame, country_names: pl.DataFrame) -> pl.DataFrame:
    lookup = name_lookup(country_names)
    return raw.with_columns(
        _name_seq(),
        status_lower=lower_case(pl.col("Status")),
        certainty_lower=lower_case(pl.col("Certainty")),
        single_cluster_lower=lower_case(pl.col("Single cluster?")),
        sector_lower=lower_case(pl.col("Sector")),
        country_iso3=to_iso3(raw["Country"], lookup),
        country_name_unmapped=is_unmapped(raw["Country"], lookup),
        first_operational_iso=us_date_to_iso(pl.col("First Operational Date")),
        decommissioned_iso=us_date_to_iso(pl.col("Decommissioned Date (if applicable)")),
        possible_duplicate_flag=_flag("Possible Duplicate"),
        standard_analysis_flag=_flag("Include in Standard Analysis"),
    )


def rules() -> list[Rule]:
    named = pl.col("Country").str.strip_chars().fill_null("").ne("")
    return country_name_rules("country_name", "Country", "country_name_unmapped", named)
