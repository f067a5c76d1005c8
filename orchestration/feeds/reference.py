"""Reference feeds: dimensions and reconciliation tables other feeds and marts lean on."""

from orchestration.feeds import COUNTRY_DIMENSION, COUNTRY_NAMES, Feed
from transforms import atlas__country_names, datahub__country_codes, iea__dc_electricity, worldbank__population

FEEDS: tuple[Feed, ...] = (
    Feed(
        name="datahub__country_codes",
        family="reference",
        url="https://raw.githubusercontent.com/datasets/country-codes/main/data/country-codes.csv",
        mirror_path="country_codes/country-codes.csv",
        transform=datahub__country_codes,
        references={},  # it is the reference
    ),
    Feed(
        name="atlas__country_names",
        family="reference",
        curated=True,
        transform=atlas__country_names,
        references={},  # its contract checks its codes against the country dimension
    ),
    Feed(
        name="worldbank__population",
        family="reference",
        url="https://raw.githubusercontent.com/datasets/population/main/data/population.csv",
        mirror_path="population/population.csv",
        transform=worldbank__population,
    ),
    Feed(
        name="iea__dc_electricity",
        references={"country_names": COUNTRY_NAMES},
        family="reference",
        # No machine-readable live source: the IEA publishes these figures in a report and a data
        # explorer (IEA terms, not open-licensed), and the file was compiled from press pages, one
        # source_url per row. Only a mirror (ATLAS_MIRROR) serves the CSV; fetched live, this URL
        # returns an HTML page, which the landing rejects as a file error.
        url="https://www.iea.org/reports/energy-and-ai",
        mirror_path="iea_dc_electricity/dc_electricity_twh.csv",
        transform=iea__dc_electricity,
    ),
)
