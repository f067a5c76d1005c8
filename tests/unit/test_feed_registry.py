"""The feed registry is derived from the contracts: each feed declared once, its transform found by name and
checked against the contract's `references:` when the registry loads, the traps of issue 23 as errors that name
the contract file."""

from __future__ import annotations

import dataclasses
import shutil
import textwrap
import uuid
from pathlib import Path

import polars as pl
import pytest

from data_contracts.contract import CONTRACT_DIR, ContractError, all_feed_names, load_contract
from data_contracts.feeds import COUNTRY_DIMENSION, all_feeds, feed_by_name, registry

# --- the real registry ------------------------------------------------------------------------------


def test_every_contract_is_a_feed_with_its_source_block():
    assert sorted(f.name for f in all_feeds()) == all_feed_names()
    for feed in all_feeds():
        contract = load_contract(feed.name)
        source = contract.source
        assert (feed.family, feed.url, feed.mirror_path, feed.curated) == (
            contract.family,
            source.url,
            source.mirror_path,
            source.curated,
        ), feed.name
        assert (feed.member, feed.files, feed.delimiter, feed.references) == (
            source.member,
            source.files,
            source.delimiter,
            contract.references,
        ), feed.name
        found = (CONTRACT_DIR.parent / "transforms" / f"{feed.name}.py").exists()
        assert (feed.transform is not None) == found, feed.name


def test_the_source_blocks_say_what_the_feeds_declared():
    ember = feed_by_name("ember__price_monthly")
    assert ember.url.endswith("/api_price_monthly.csv") and ember.mirror_path == "ember/api_price_monthly.csv"
    assert ember.transform is None and ember.references == {} and ember.reference_tables == (COUNTRY_DIMENSION,)
    timelines = feed_by_name("epoch__data_center_timelines")
    assert timelines.url.endswith("data_centers.zip") and timelines.member == "data_center_timelines.csv"
    prices = feed_by_name("energidataservice__spot_price_hourly")
    assert prices.partitioned and prices.delimiter == ";" and prices.files == "Elspotprices*.csv" and prices.url is None
    reports = feed_by_name("atlas__dc_project_reports")
    assert reports.curated_path.name == "atlas__dc_project_reports.csv" and reports.mirror_path is None
    assert reports.references == {"phases": "atlas__dc_project_phases"}
    assert reports.reference_tables == ("atlas__dc_project_phases", "atlas__dc_projects")


def test_every_feed_comes_after_the_feeds_it_reads_and_otherwise_by_name():
    names = [f.name for f in all_feeds()]
    for position, feed in enumerate(all_feeds()):
        assert set(feed.reference_tables) <= set(names[:position]), feed.name
    independent = [f.name for f in all_feeds() if not f.reference_tables]
    assert independent == sorted(independent)
    assert names.index(COUNTRY_DIMENSION) < names.index("atlas__country_names") < names.index("epoch__data_centers")


def test_unknown_names_say_what_exists():
    with pytest.raises(LookupError, match=r"no feed 'nope'.*ember__price_monthly"):
        feed_by_name("nope")
    with pytest.raises(LookupError, match=r"ember__price_monthly has no column 'nope'.*month_start"):
        load_contract("ember__price_monthly").column("nope")


# --- the dispatcher the loaders call ----------------------------------------------------------------


def test_prepare_passes_the_declared_tables_by_parameter_name():
    reports = feed_by_name("atlas__dc_project_reports")
    seen = {}

    class Transform:
        @staticmethod
        def prepare(raw, phases):
            seen["phases"] = phases
            return raw.with_columns(prepared=pl.lit(True))

    phases = pl.DataFrame({"project_id": ["a"]})
    feed = dataclasses.replace(reports, transform=Transform)
    out = feed.prepare(pl.DataFrame({"x": ["1"]}), {"atlas__dc_project_phases": phases, "other": pl.DataFrame()})
    assert out["prepared"].to_list() == [True] and seen["phases"] is phases
    with pytest.raises(ValueError, match=r"needs raw tables \['atlas__dc_project_phases'\]"):
        feed.prepare(pl.DataFrame({"x": ["1"]}), {})


def test_prepare_gives_source_file_where_prepare_takes_it_and_rules_default_to_none():
    class Transform:
        @staticmethod
        def prepare(raw, source_file):
            return raw.with_columns(file=pl.lit(source_file))

    eia = dataclasses.replace(feed_by_name("eia930__demand_hourly"), transform=Transform)
    assert eia.prepare(pl.DataFrame({"a": ["1"]}), {}, source_file="ERCO.csv")["file"].to_list() == ["ERCO.csv"]
    ember = feed_by_name("ember__price_monthly")
    frame = pl.DataFrame({"a": ["1"]})
    assert ember.prepare(frame, {}) is frame and ember.rules() == []
    assert feed_by_name("epoch__gpu_clusters").rules()


# --- a registry of test contracts and transforms ----------------------------------------------------


class Folder:
    """A contract folder and a transforms package of its own, for one test."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
        self.contracts = tmp_path / "contracts"
        self.contracts.mkdir()
        for name in ("publishers.yml", "vocabularies.yml", "shared_columns.yml"):
            shutil.copy(CONTRACT_DIR / name, self.contracts / name)
        self.package = f"transforms_{uuid.uuid4().hex}"
        (tmp_path / self.package).mkdir()
        (tmp_path / self.package / "__init__.py").write_text("")
        self.root = tmp_path
        monkeypatch.syspath_prepend(str(tmp_path))

    def contract(self, feed: str, *, source: str = "{curated: true}", top: str = "", columns: str = "") -> Path:
        path = self.contracts / f"{feed}.yml"
        body = f"""\
            feed: {feed}
            family: reference
            source: {source}
            {top}
            description: A test feed.
            required_source_columns: [code]
            key: [code]
            min_rows: 1
            max_quarantined_share: 0
            columns:
              - {{name: code, type: string, required: true, description: A code.}}
            """
        path.write_text(textwrap.dedent(body) + columns)
        return path

    def transform(self, feed: str, code: str) -> None:
        (self.root / self.package / f"{feed}.py").write_text(textwrap.dedent(code))

    def feeds(self):
        return registry(self.contracts, self.package)


MANY_FILES = "{mirror_path: hourly/test, files: '*.csv'}"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Folder:
    return Folder(tmp_path, monkeypatch)


def test_a_test_registry_finds_transforms_by_name_and_orders_by_references(folder):
    folder.contract("atlas__alpha", top="references: {beta: atlas__beta}")
    folder.contract("atlas__beta")
    folder.contract("atlas__gamma")
    folder.transform("atlas__alpha", "def prepare(raw, beta):\n    return raw\n")
    feeds = folder.feeds()
    assert [f.name for f in feeds] == ["atlas__beta", "atlas__alpha", "atlas__gamma"]
    assert feeds[1].transform.__name__ == f"{folder.package}.atlas__alpha" and feeds[0].transform is None


def test_a_prepare_parameter_the_contract_does_not_declare_names_the_contract(folder):
    path = folder.contract("atlas__alpha")
    folder.contract("atlas__beta")
    folder.transform("atlas__alpha", "def prepare(raw, beta):\n    return raw\n")
    with pytest.raises(ContractError, match=rf"{path}.*prepare\(\) takes \['beta'\].*`references:`"):
        folder.feeds()


def test_a_declared_reference_prepare_does_not_take_names_the_contract(folder):
    path = folder.contract("atlas__alpha", top="references: {country_names: atlas__beta}")
    folder.contract("atlas__beta")
    folder.transform("atlas__alpha", "def prepare(raw):\n    return raw\n")
    with pytest.raises(ContractError, match=rf"{path}.*declares \['country_names'\].*prepare\(\) takes no table"):
        folder.feeds()


def test_a_declared_reference_without_any_prepare_names_the_contract(folder):
    path = folder.contract("atlas__alpha", top="references: {beta: atlas__beta}")
    folder.contract("atlas__beta")
    with pytest.raises(ContractError, match=rf"{path}.*declares \['beta'\].*has no prepare\(\)"):
        folder.feeds()


def test_a_reference_to_a_feed_without_a_contract_names_both(folder):
    path = folder.contract("atlas__alpha", top="references: {beta: atlas__nope}")
    with pytest.raises(ContractError, match=rf"{path}.*atlas__nope.*the feeds are \['atlas__alpha'\]"):
        load_contract("atlas__alpha", folder.contracts)
    column = "  - {name: other, type: string, references: atlas__nope, description: x}\n"
    path = folder.contract("atlas__gamma", columns=column)
    with pytest.raises(ContractError, match=rf"{path}.*column other.*atlas__nope"):
        load_contract("atlas__gamma", folder.contracts)


def test_source_file_is_for_many_file_feeds_only(folder):
    path = folder.contract("atlas__alpha")
    folder.transform("atlas__alpha", "def prepare(raw, source_file):\n    return raw\n")
    with pytest.raises(ContractError, match=rf"{path}.*source_file.*only a many-file feed"):
        folder.feeds()


def test_a_many_file_feed_needs_a_transform(folder):
    path = folder.contract("atlas__alpha", source=MANY_FILES)
    with pytest.raises(ContractError, match=rf"{path}.*many-file feed.*needs .*atlas__alpha.py.*has none"):
        folder.feeds()


def test_a_many_file_feed_needs_prepare(folder):
    path = folder.contract("atlas__alpha", source=MANY_FILES)
    folder.transform("atlas__alpha", "def rules():\n    return []\n")
    with pytest.raises(ContractError, match=rf"{path}.*many-file feed.*has no prepare\(\)"):
        folder.feeds()


def test_a_many_file_feed_with_prepare_taking_source_file_loads(folder):
    folder.contract("atlas__alpha", source=MANY_FILES)
    folder.transform("atlas__alpha", "def prepare(raw, source_file):\n    return raw\n")
    (feed,) = folder.feeds()
    assert feed.partitioned and feed.files == "*.csv" and feed.mirror_path == "hourly/test"


def test_a_many_file_feed_cannot_check_against_another_feed(folder):
    """ingest/hourly/ loads by month with no reference table: a column's references is refused up front."""
    folder.contract("atlas__beta")
    column = "  - {name: other, type: string, references: atlas__beta, description: x}\n"
    path = folder.contract("atlas__alpha", source=MANY_FILES, columns=column)
    with pytest.raises(ContractError, match=rf"{path}.*many-file feed.*without reference tables.*column other"):
        load_contract("atlas__alpha", folder.contracts)
    path = folder.contract("atlas__gamma", source=MANY_FILES, top="references: {beta: atlas__beta}")
    with pytest.raises(ContractError, match=rf"{path}.*many-file feed.*references.beta"):
        load_contract("atlas__gamma", folder.contracts)


def test_a_source_block_is_required_and_checked(folder):
    path = folder.contract("atlas__alpha", source="{url: 'https://example.org/a.csv'}")
    with pytest.raises(ContractError, match=rf"{path}.*needs a mirror_path"):
        load_contract("atlas__alpha", folder.contracts)
    path = folder.contract("atlas__beta", source="{curated: true, mirror_path: x.csv}")
    with pytest.raises(ContractError, match=rf"{path}.*curated source.*takes no url"):
        load_contract("atlas__beta", folder.contracts)
    path = folder.contract("atlas__gamma", source="{mirror_path: x.csv, fmt: csv}")
    with pytest.raises(ContractError, match=rf"{path}.*unknown keys \['fmt'\]"):
        load_contract("atlas__gamma", folder.contracts)


def test_feeds_that_reference_each_other_in_a_cycle_are_refused(folder):
    column = "  - {name: peer, type: string, references: atlas__OTHER, description: x}\n"
    folder.contract("atlas__alpha", columns=column.replace("OTHER", "beta"))
    folder.contract("atlas__beta", columns=column.replace("OTHER", "alpha"))
    with pytest.raises(ContractError, match=r"\['atlas__alpha', 'atlas__beta'\].*cycle"):
        folder.feeds()
