"""Country names from every feed resolve through the one reviewed mapping (curated/atlas__country_names.csv)."""

from __future__ import annotations

import polars as pl
import pytest

from tests.helpers.feeds import country_dimension, country_names, real_bytes, screen_bytes
from transforms.common.countries import MAPPING_FILE, is_unmapped, name_lookup, suggest_iso3, to_iso3


@pytest.mark.parametrize(
    "name, iso3",
    [
        ("United States of America", "USA"),  # Epoch GPU clusters (UN style)
        ("Korea (Republic of)", "KOR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("Philippines (the)", "PHL"),
        ("South Korea", "KOR"),  # FX
        (" United Kingdom ", "GBR"),
        ("Russia", "RUS"),
        ("Vietnam", "VNM"),
        ("Taiwan", "TWN"),
        ("Hong Kong", "HKG"),
        ("Euro", None),  # a currency area, not a country
        ("Europe", None),  # an IEA region
    ],
)
def test_mapped_names_resolve(name, iso3):
    lookup = name_lookup(country_names())
    assert to_iso3(pl.Series([name]), lookup).to_list() == [iso3]
    assert is_unmapped(pl.Series([name]), lookup).to_list() == [False]


@pytest.mark.parametrize("name", ["Narnia", "Korea", "the Czech Republic", "Kosovo"])
def test_names_the_mapping_does_not_list_are_unmapped_never_guessed(name):
    lookup = name_lookup(country_names())
    assert to_iso3(pl.Series([name]), lookup).to_list() == [None]
    assert is_unmapped(pl.Series([name]), lookup).to_list() == [True]


def test_every_mapped_country_agrees_with_the_dimension_names():
    """The review aid: each mapped country is what the dimension's (and ISO's) names suggest for it."""
    mapping = country_names().filter(pl.col("area_kind") == "country")
    disagreements = [
        (name, iso3, suggest_iso3(name, country_dimension()))
        for name, iso3 in mapping.select("name", "country_iso3").iter_rows()
        if suggest_iso3(name, country_dimension()) != iso3
    ]
    assert disagreements == []
    assert suggest_iso3("Korea", country_dimension()) is None  # two Koreas: a reviewer decides


def test_the_mapping_file_is_gated_by_its_contract():
    screened = screen_bytes("atlas__country_names", real_bytes("atlas__country_names"))
    assert screened.rows_read == screened.rows_loaded == 66
    broken = real_bytes("atlas__country_names").replace(b"Japan,JPN,country,", b"Japan,,country,")
    quarantined = screen_bytes("atlas__country_names", broken).quarantine
    assert quarantined.select("column_name", "reason", "raw_record").rows() == [
        ("country_iso3", "country_iso3 is given exactly when area_kind is country", "Japan,,country,")
    ]
    assert MAPPING_FILE == "curated/atlas__country_names.csv"


def test_dimension_has_every_iso_country_and_kosovo():
    dimension = country_dimension()
    assert dimension.height == 250
    assert dimension.filter(pl.col("country_iso3") == "NAM")["country_iso2"].to_list() == ["NA"]
    assert dimension.filter(pl.col("country_iso3") == "KOR")["currency_iso4217"].to_list() == ["KRW"]
