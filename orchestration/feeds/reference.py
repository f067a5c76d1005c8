"""Reference feeds: dimensions and reconciliation tables other feeds and marts lean on."""

from orchestration.feeds import Feed
from transforms import country_codes, iea_dc_electricity, population

FEEDS: tuple[Feed, ...] = (
    Feed(
        name="country_codes",
        family="reference",
        url="https://raw.githubusercontent.com/datasets/country-codes/main/data/country-codes.csv",
        mirror_path="country_codes/country-codes.csv",
        stage=country_codes.stage_feed,
        reference_tables=(),  # it is the reference
    ),
    Feed(
        name="population",
        family="reference",
        url="https://raw.githubusercontent.com/datasets/population/main/data/population.csv",
        mirror_path="population/population.csv",
        stage=population.stage_feed,
    ),
    Feed(
        name="iea_dc_electricity",
        family="reference",
        # No machine-readable live source: the IEA publishes these figures in a report and a data
        # explorer (IEA terms, not open-licensed), and the file was compiled from press pages, one
        # source_url per row. Only a mirror (ATLAS_MIRROR) serves the CSV; fetched live, this URL
        # returns an HTML page, which the landing rejects as a file error.
        url="https://www.iea.org/reports/energy-and-ai",
        mirror_path="iea_dc_electricity/dc_electricity_twh.csv",
        stage=iea_dc_electricity.stage_feed,
    ),
)
