"""Every feed, declared once: name, family, live URL, file inside a mirror, format, transform.

The name is the feed's one spelling: its contract (data_contracts/<name>.yml), its transform
(transforms/<name>.py), its raw table (raw.<name>), its dbt source (source('raw', '<name>')) and its tests
(tests/feeds/test_feed_<name>.py).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import polars as pl

from data_contracts.paths import CURATED_DIR

COUNTRY_DIMENSION = "datahub__country_codes"
COUNTRY_NAMES = "atlas__country_names"  # the reviewed name -> ISO3 mapping (transforms/common/countries.py)


@dataclass(frozen=True)
class Credential:
    """A secret a live source needs (an API key): read from the environment when the download runs, sent as
    a header, and never written anywhere (landing record, metadata, logs, releases)."""

    env: str  # the environment variable holding it
    header: str  # the HTTP header it is sent in


@dataclass(frozen=True)
class Feed:
    name: str
    family: str  # energy | cost | construction | reference
    # transforms/<name>.py, where the feed needs something of its own: prepare(raw, **references) -> frame
    # and/or rules() -> [Rule]. None: the contract alone types and checks the file.
    transform: ModuleType | None = None
    url: str | None = None  # third-party feeds: the live source ...
    mirror_path: str | None = None  # ... and the same file inside ATLAS_MIRROR (laid out like shared/reference_data)
    # Curated feeds are the project's own files (curated/<name>.csv): always read from the repository,
    # mirror or not, so that rows added there reach the warehouse.
    curated: bool = False
    fmt: str = "csv"
    credential: Credential | None = None  # None: the live source is open
    # a download that is a zip: the file inside it to land (mirrors hold that file itself)
    member: str | None = None
    # prepare()'s reference arguments: parameter name -> the raw table it receives
    references: dict[str, str] = field(default_factory=lambda: {"country_codes": COUNTRY_DIMENSION})
    delimiter: str = ","
    # A feed of many files: mirror_path is a folder and `files` the glob of its files in it. Such a feed is
    # hourly and partitioned by month (ingest/hourly_load.py); prepare() may take `source_file`.
    files: str | None = None

    @property
    def partitioned(self) -> bool:
        return self.files is not None

    @property
    def curated_path(self) -> Path | None:
        return CURATED_DIR / f"{self.name}.csv" if self.curated else None

    @property
    def reference_tables(self) -> tuple[str, ...]:
        """Raw tables this feed reads: prepare()'s arguments and what its contract's columns reference."""
        from data_contracts import load_contract

        referenced = {c.references for c in load_contract(self.name).columns if c.references}
        return tuple(sorted(set(self.references.values()) | referenced))

    def prepare(
        self, raw: pl.DataFrame, tables: dict[str, pl.DataFrame], source_file: str | None = None
    ) -> pl.DataFrame:
        """The transform's prepare(), each parameter after the frame given the raw table `references` names for
        it, and `source_file` where it takes one; the frame as it is when the transform has no prepare()."""
        prepare = getattr(self.transform, "prepare", None)
        if prepare is None:
            return raw
        wanted = list(inspect.signature(prepare).parameters)[1:]
        arguments = {name: tables[self.references[name]] for name in wanted if name != "source_file"}
        if "source_file" in wanted:
            arguments["source_file"] = source_file
        return prepare(raw, **arguments)

    def rules(self) -> list:
        """The transform's own row rules; none without a transform or a rules()."""
        return self.transform.rules() if hasattr(self.transform, "rules") else []


def all_feeds() -> tuple[Feed, ...]:
    """Every feed, reference data first (other feeds check against it). One module per family."""
    from data_contracts.feeds import construction, cost, energy, hourly, reference

    return (*reference.FEEDS, *energy.FEEDS, *hourly.FEEDS, *cost.FEEDS, *construction.FEEDS)


def feed_by_name(name: str) -> Feed:
    return next(f for f in all_feeds() if f.name == name)
