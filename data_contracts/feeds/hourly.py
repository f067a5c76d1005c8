"""Hourly grid data (family `hourly`, the energy side's hourly feeds): many files each, loaded by UTC month (ingest/hourly_load.py).

Mirror only for now: each live source has another layout than its recorded copy (EIA's six-month BALANCE
CSVs hold every BA in one file; Energi Data Service's API answers JSON; ENTSO-E's API needs a token and
answers XML), so without ATLAS_MIRROR their landing fails its `fetched` check and only they go stale.
"""

from data_contracts.feeds import Feed
from transforms import eia930__demand_hourly, energidataservice__spot_price_hourly, entsoe__day_ahead_price_hourly

FEEDS: tuple[Feed, ...] = (
    Feed(
        name="eia930__demand_hourly",
        family="hourly",
        mirror_path="hourly/eia930_demand_by_ba",
        files="[A-Z]*.csv",  # one file per BA or region; balancing_authority_acronyms.csv is not one
        transform=eia930__demand_hourly,
        references={},
    ),
    Feed(
        name="entsoe__day_ahead_price_hourly",
        family="hourly",
        mirror_path="hourly/entsoe_tp_export_DE_hourly",
        files="entsoe*.csv",  # one file per year
        transform=entsoe__day_ahead_price_hourly,
        references={},
    ),
    Feed(
        name="energidataservice__spot_price_hourly",
        family="hourly",
        mirror_path="hourly/energidataservice_elspotprices",
        files="Elspotprices*.csv",
        delimiter=";",
        transform=energidataservice__spot_price_hourly,
        references={},
    ),
)
