"""Reference feeds: dimensions and reconciliation tables other feeds and marts lean on."""

from data_contracts.feeds import COUNTRY_NAMES, Feed
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
        # Curated (curated/iea__dc_electricity.csv): the IEA publishes these figures in a report and a data
        # explorer (https://www.iea.org/reports/energy-and-ai, IEA terms, not open-licensed) with no file a
        # loader could read, so the table is the project's own, one source_url per row, as the registry is.
        curated=True,
        transform=iea__dc_electricity,
    ),
    Feed(
        name="atlas__campus_balancing_areas",
        family="reference",
        curated=True,
        references={},  # US campuses to EIA-930 balancing authorities, a source per row
    ),
)
