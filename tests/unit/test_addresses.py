"""Countries read from the end of real Epoch addresses, or none when the end names no single country."""

from __future__ import annotations

import polars as pl
import pytest

from tests.helpers.feeds import country_names
from transforms.common.addresses import country_from_address
from transforms.common.countries import name_lookup


@pytest.mark.parametrize(
    "address, iso3",
    [
        ("5502 Spinks Rd, Abilene, TX 79601", "USA"),  # postal state code + ZIP
        ("1626 County Line Road Ridgeland, Mississippi", "USA"),  # state name
        (
            "Amazon Data Services Inc, Madison Mega Site Nissan Parkway and Highway 22 Canton, Mississippi Madison County",
            "USA",
        ),
        ("Alibaba Zhangbei Yun Calculation Data Center, Zhangbei County, Zhangjiakou, Hebei, China, 076471", "CHN"),
        ("Nexus L&T Project Office, Al Bihouth, Al Dhafrah, Abu Dhabi, United Arab Emirates", "ARE"),
        ("1435 Hwy 54 W, Fayetteville, Georgia 30214", "USA"),  # the ZIP makes it the state
        ("1435 Hwy 54 W, Fayetteville, Georgia", None),  # the state or the country: not guessed
        ("Some Rd, San Juan, PR 00901", None),  # Puerto Rico has an ISO3 code of its own, not USA
        ("Holly Ridge, ZZ 71269", None),  # not a US postal code
        ("Memphis", None),
    ],
)
def test_country_from_address(address, iso3):
    lookup = name_lookup(country_names())
    assert country_from_address(pl.Series([address]), lookup).to_list() == [iso3]
