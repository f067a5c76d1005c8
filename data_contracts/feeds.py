"""The feed registry, discovered from the contracts: every data_contracts/<feed>.yml is a feed.

The name is the feed's one spelling: its contract (data_contracts/<name>.yml, which says where its file comes
from in `source:` and which raw tables its transform reads in `references:`), its transform
(transforms/<name>.py, found by name, where the feed needs one), its raw table (raw.<name>), its dbt source
(source('raw', '<name>')) and its tests (tests/feeds/test_feed_<name>.py).

A transform that does not match its contract is an error naming the contract when the registry is first built,
not a KeyError or TypeError when the feed loads.
"""

from __future__ import annotations

import functools
import heapq
import importlib
import importlib.util
import inspect
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import polars as pl

from data_contracts.contract import Contract, ContractError, Credential, all_feed_names, contract_path, load_contract
from data_contracts.paths import CONTRACT_DIR, CURATED_DIR

__all__ = ["COUNTRY_DIMENSION", "COUNTRY_NAMES", "Credential", "Feed", "all_feeds", "feed_by_name", "registry"]

COUNTRY_DIMENSION = "datahub__country_codes"
COUNTRY_NAMES = "atlas__country_names"  # the reviewed name -> ISO3 mapping (transforms/common/countries.py)
SOURCE_FILE = "source_file"  # the prepare() parameter a many-file feed's transform may take: the file's name
TRANSFORMS = "transforms"  # the package holding transforms/<feed>.py


@dataclass(frozen=True)
class Feed:
    name: str
    family: str  # energy | hourly | cost | construction | reference
    # transforms/<name>.py, where the feed needs something of its own: prepare(raw, **references) -> frame
    # and/or rules() -> [Rule]. None: the contract alone types and checks the file.
    transform: ModuleType | None = None
    url: str | None = None  # the fields below are the contract's source block (data_contracts/contract.py, Source)
    mirror_path: str | None = None
    curated: bool = False
    credential: Credential | None = None
    member: str | None = None
    references: dict[str, str] = field(default_factory=dict)  # prepare()'s parameter -> the raw table it receives
    delimiter: str = ","
    files: str | None = None
    checks_against: tuple[str, ...] = ()  # raw tables the contract's columns check their values against

    @property
    def partitioned(self) -> bool:
        return self.files is not None

    @property
    def curated_path(self) -> Path | None:
        return CURATED_DIR / f"{self.name}.csv" if self.curated else None

    @property
    def reference_tables(self) -> tuple[str, ...]:
        """Raw tables this feed reads: prepare()'s arguments and what its contract's columns check against."""
        return tuple(sorted(set(self.references.values()) | set(self.checks_against)))

    def prepare(
        self, raw: pl.DataFrame, tables: dict[str, pl.DataFrame], source_file: str | None = None
    ) -> pl.DataFrame:
        """The transform's prepare() on a file's text columns, given the raw tables its contract declares (by
        table name in `tables`) and, where it takes it, the file's name; the frame as it is without prepare()."""
        prepare = getattr(self.transform, "prepare", None)
        if prepare is None:
            return raw
        missing = sorted(set(self.references.values()) - set(tables))
        if missing:
            raise ValueError(f"feed '{self.name}': prepare() needs raw tables {missing}; it was given {sorted(tables)}")
        arguments = {parameter: tables[table] for parameter, table in self.references.items()}
        if SOURCE_FILE in _parameters(prepare):
            arguments[SOURCE_FILE] = source_file
        return prepare(raw, **arguments)

    def rules(self) -> list:
        """The transform's own row rules (transforms.common.rules.Rule), or none."""
        rules = getattr(self.transform, "rules", None)
        return rules() if rules is not None else []


def _parameters(prepare) -> list[str]:
    """prepare()'s parameters after the frame."""
    return list(inspect.signature(prepare).parameters)[1:]


def _transform(feed: str, package: str) -> ModuleType | None:
    module = f"{package}.{feed}"
    return importlib.import_module(module) if importlib.util.find_spec(module) is not None else None


def _check_transform(contract: Contract, transform: ModuleType | None, path: Path) -> None:
    """prepare()'s parameters are the contract's references (and source_file for a many-file feed)."""
    prepare = getattr(transform, "prepare", None)
    many_files = contract.source.files is not None
    if many_files and prepare is None:
        where = "has no prepare()" if transform else "has none"
        raise ContractError(
            f"{path}: a many-file feed (source.files) needs transforms/{contract.feed}.py with "
            f"prepare(raw, source_file) adding month_start (the row's UTC month); the transform {where}"
        )
    taken = set(_parameters(prepare)) if prepare else set()
    if SOURCE_FILE in taken and not many_files:
        raise ContractError(
            f"{path}: transforms/{contract.feed}.py's prepare() takes {SOURCE_FILE}, which only a many-file feed "
            "(source.files) is given"
        )
    undeclared, unused = (
        sorted(taken - {SOURCE_FILE} - set(contract.references)),
        sorted(set(contract.references) - taken),
    )
    if undeclared:
        raise ContractError(
            f"{path}: transforms/{contract.feed}.py's prepare() takes {undeclared}, which the contract's "
            "`references:` does not declare (parameter name -> the feed whose raw table it receives)"
        )
    if unused:
        takes = f"prepare() takes {sorted(taken) or 'no table'}" if prepare else "has no prepare()"
        raise ContractError(
            f"{path}: `references:` declares {unused}, but transforms/{contract.feed}.py {takes}; "
            "each name must be a parameter of prepare() after the frame"
        )


def _feed(contract: Contract, transform: ModuleType | None) -> Feed:
    source = contract.source
    return Feed(
        name=contract.feed,
        family=contract.family,
        transform=transform,
        url=source.url,
        mirror_path=source.mirror_path,
        curated=source.curated,
        credential=source.credential,
        member=source.member,
        references=dict(contract.references),
        delimiter=source.delimiter,
        files=source.files,
        checks_against=tuple(sorted({c.references for c in contract.columns if c.references})),
    )


def _in_dependency_order(feeds: list[Feed]) -> tuple[Feed, ...]:
    """Every feed after the feeds whose raw tables it reads; among those ready, by name."""
    by_name = {feed.name: feed for feed in feeds}
    waiting = {feed.name: set(feed.reference_tables) for feed in feeds}
    ready = [name for name, needs in waiting.items() if not needs]
    heapq.heapify(ready)
    ordered = []
    while ready:
        name = heapq.heappop(ready)
        ordered.append(by_name[name])
        for other, needs in waiting.items():
            if name in needs:
                needs.discard(name)
                if not needs:
                    heapq.heappush(ready, other)
    if len(ordered) < len(feeds):
        cycle = sorted(name for name, needs in waiting.items() if needs)
        raise ContractError(f"feeds {cycle} reference each other in a cycle: no order loads each after its references")
    return tuple(ordered)


@functools.cache
def registry(contract_dir: Path = CONTRACT_DIR, package: str = TRANSFORMS) -> tuple[Feed, ...]:
    """Every feed with a contract in `contract_dir`, its transform the module `<package>.<feed>` if there is one."""
    feeds = []
    for name in all_feed_names(contract_dir):
        contract, transform = load_contract(name, contract_dir), _transform(name, package)
        _check_transform(contract, transform, contract_path(name, contract_dir))
        feeds.append(_feed(contract, transform))
    return _in_dependency_order(feeds)


def all_feeds() -> tuple[Feed, ...]:
    """Every feed, each after the feeds it reads (reference data first: the others check against it)."""
    return registry()


def feed_by_name(name: str) -> Feed:
    for feed in all_feeds():
        if feed.name == name:
            return feed
    raise LookupError(
        f"no feed {name!r} (no data_contracts/{name}.yml); the feeds are {sorted(f.name for f in all_feeds())}"
    )
