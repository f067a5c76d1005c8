"""Country names from every feed resolve to one ISO3 code through the dimension and pycountry, or to none."""

from __future__ import annotations

import polars as pl
import pytest

from tests.feed_helpers import country_dimension
from transforms.countries import name_lookup, to_iso3


@pytest.mark.parametrize(
    "name, iso3",
    [
        ("United States of America", "USA"),  # Epoch GPU clusters (UN style)
        ("Korea (Republic of)", "KOR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("Philippines (the)", "PHL"),
        ("South Korea", "KOR"),  # FX
        ("United Kingdom", "GBR"),
        ("the Czech Republic", "CZE"),
        ("Russia", "RUS"),
        ("Vietnam", "VNM"),
        ("Taiwan", "TWN"),
        ("Hong Kong", "HKG"),
        ("Kosovo", "XKX"),
        ("Euro", None),  # a currency area, not a country
        ("Narnia", None),
        ("Korea", None),  # two Koreas: never guessed
    ],
)
def test_names_resolve_or_stay_unmatched(name, iso3):
    lookup = name_lookup(country_dimension())
    assert to_iso3(pl.Series([name]), lookup).to_list() == [iso3]


def test_dimension_has_every_iso_country_and_kosovo():
    dimension = country_dimension()
    assert dimension.height == 250
    assert dimension.filter(pl.col("country_iso3") == "NAM")["country_iso2"].to_list() == ["NA"]
    assert dimension.filter(pl.col("country_iso3") == "KOR")["currency_iso4217"].to_list() == ["KRW"]
