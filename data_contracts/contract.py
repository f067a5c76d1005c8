"""Reads a feed's contract YAML into typed objects. No I/O beyond the contract files themselves.

A contract is the only place a feed is declared: where its file comes from (`source:`), the raw tables its
transform reads (`references:`) and its columns. Everything else is derived from it: the feed registry
(data_contracts/feeds.py), the row rules (row_rules.py), the Great Expectations gate (gx_suite.py) and the dbt
source definitions (dbt_sources.py, written to dbt_project/models/staging/_raw__sources.yml). A column used by
several feeds is written once in shared_columns.yml and named with `like:`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from data_contracts.paths import CONTRACT_DIR

TYPES = {"string", "integer", "float", "date", "partial_date", "boolean", "timestamp"}
# A bound that is not a fixed value: no row can describe a period after the file was retrieved.
RETRIEVED = "retrieved"
# what a contract column that is `like:` a shared column may still say for itself; its rules are the shared ones
SHARED_OVERRIDES = {"description", "source", "required"}
SOURCE_KEYS = {"url", "mirror_path", "files", "member", "delimiter", "credential", "curated"}
SQL_TYPES = {
    "string": "varchar",
    "integer": "bigint",
    "float": "double",
    "date": "date",
    "partial_date": "date",
    "boolean": "boolean",
    "timestamp": "timestamptz",
}  # timestamps are UTC instants, written ISO 8601 with Z
LINE_COLUMN = "source_line"
LINE_END_COLUMN = "source_line_end"  # the record's last line: more than source_line when a value holds newlines
PROBLEM_COLUMN = "source_problem"  # set on records that cannot be read as a row: quarantined whole
# every raw table ends with these, after the contract's columns: name -> (SQL type, description)
SYSTEM_COLUMNS = {
    "source_file_sha256": ("varchar", "sha256 of the landed file this row came from (audit.feed_loads)."),
    "source_line": ("bigint", "Line of the row in that file (the header is line 1; 0 for a row the transform added)."),
}


class ContractError(ValueError):
    """A contract that cannot be honoured; the message starts with the contract's file."""


@dataclass(frozen=True)
class Credential:
    """A secret a live source needs (an API key): read from the environment when the download runs, sent as
    a header, and never written anywhere (landing record, metadata, logs, releases)."""

    env: str  # the environment variable holding it
    header: str  # the HTTP header it is sent in


@dataclass(frozen=True)
class Source:
    """Where the feed's file comes from: a live URL and the same file in ATLAS_MIRROR, or curated/<feed>.csv."""

    url: str | None = None  # third-party feeds: the live source ...
    mirror_path: str | None = None  # ... and the file inside ATLAS_MIRROR (laid out like shared/reference_data)
    # A feed of many files: mirror_path is a folder and `files` the glob of its files in it. Such a feed is
    # hourly and partitioned by month (ingest/hourly/); prepare() may take `source_file`.
    files: str | None = None
    member: str | None = None  # a download that is a zip: the file inside it to land (mirrors hold that file)
    delimiter: str = ","
    credential: Credential | None = None  # None: the live source is open
    # The project's own files (curated/<feed>.csv): always read from the repository, mirror or not, so that
    # rows added there reach the warehouse.
    curated: bool = False


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    source: str | None = None  # column in the prepared frame; defaults to name
    unit: str | None = None
    required: bool = False
    min: float | date | None = None  # dates for date and partial_date columns
    max: float | date | str | None = None  # or RETRIEVED: the landed file's retrieval date (a year for integers)
    allowed: tuple[str, ...] | None = None
    vocabulary: str | None = None  # the allowed values, named in vocabularies.yml (shared by several feeds)
    separator: str | None = None  # a list-valued text: each item, split on this, must be allowed
    pattern: str | None = None
    references: str | None = None  # a feed whose key this column must be (the country dimension)
    like: str | None = None  # the shared column (shared_columns.yml) this one is

    @property
    def source_column(self) -> str:
        return self.source or self.name

    @property
    def table_names(self) -> list[str]:
        return [self.name, f"{self.name}_precision"] if self.type == "partial_date" else [self.name]


@dataclass(frozen=True)
class Anchor:
    """A known published value that pins the feed's units and direction: a tolerance range, never a pin."""

    where: dict[str, object]
    column: str
    min: float
    max: float
    why: str


@dataclass(frozen=True)
class Publisher:
    name: str
    description: str


@dataclass(frozen=True)
class Contract:
    feed: str  # <publisher>__<entity>: the contract's file, the transform, the raw table and the dbt source
    family: str
    description: str
    publisher: Publisher
    # a file must have each of these; a tuple is a choice (a column renamed between export vintages)
    required_source_columns: tuple[str | tuple[str, ...], ...]
    optional_source_columns: tuple[str, ...]  # columns one vintage has and another lacks: null when absent
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    min_rows: int
    max_quarantined_share: float
    anchors: tuple[Anchor, ...] = field(default=())
    source: Source = field(default_factory=Source)
    # the raw tables prepare() receives: its parameter name -> the feed whose raw table it is
    references: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def table_columns(self) -> list[str]:
        return [name for c in self.columns for name in c.table_names]

    @property
    def raw_table_schema(self) -> list[tuple[str, str]]:
        """(column, SQL type) of the raw table: the contract's columns, each date's precision, the system columns."""
        typed = [(n, SQL_TYPES[c.type] if n == c.name else "varchar") for c in self.columns for n in c.table_names]
        return [*typed, *((n, t) for n, (t, _) in SYSTEM_COLUMNS.items())]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise LookupError(f"{self.feed} has no column {name!r}; its columns are {self.column_names}")


@cache
def vocabularies(contract_dir: Path = CONTRACT_DIR) -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load((contract_dir / "vocabularies.yml").read_text(encoding="utf-8"))
    return {name: tuple(v["values"]) for name, v in raw.items()}


@cache
def publishers(contract_dir: Path = CONTRACT_DIR) -> dict[str, Publisher]:
    raw = yaml.safe_load((contract_dir / "publishers.yml").read_text(encoding="utf-8"))
    return {key: Publisher(**value) for key, value in raw.items()}


@cache
def shared_columns(contract_dir: Path = CONTRACT_DIR) -> dict[str, dict]:
    """Columns several feeds share, written once: name -> the keys of a contract column (rules and description)."""
    return yaml.safe_load((contract_dir / "shared_columns.yml").read_text(encoding="utf-8"))


def _overrides(raw: dict, like: str) -> dict:
    """What a column that is `like:` a shared one says for itself: its description, source or required only."""
    said = {k: v for k, v in raw.items() if k not in {"name", "like"}}
    fixed = sorted(set(said) - SHARED_OVERRIDES)
    if fixed:
        raise ValueError(
            f"column {raw.get('name', like)}: {fixed} are fixed by shared column {like!r} (shared_columns.yml); "
            f"it may only set {sorted(SHARED_OVERRIDES)}"
        )
    return said


def shared_column(name: str, contract_dir: Path = CONTRACT_DIR) -> dict:
    """A shared column's definition; one that is itself `like:` another takes that one's rules."""
    known = shared_columns(contract_dir)
    if name not in known:
        raise ValueError(f"like {name!r}: shared_columns.yml has no such column; it holds {sorted(known)}")
    base = known[name].get("like")
    if base is None:
        return dict(known[name])
    return {**shared_column(base, contract_dir), **_overrides(known[name], base)}


def _column(raw: dict, contract_dir: Path) -> Column:
    if "like" in raw:
        raw = {**shared_column(raw["like"], contract_dir), **_overrides(raw, raw["like"]), **raw}
    if raw["type"] not in TYPES:
        raise ValueError(f"column {raw['name']}: unknown type {raw['type']!r}; expected one of {sorted(TYPES)}")
    allowed = raw.get("allowed")
    if raw.get("vocabulary"):
        known = vocabularies(contract_dir)
        if raw["vocabulary"] not in known:
            raise ValueError(f"column {raw['name']}: unknown vocabulary {raw['vocabulary']!r}; see vocabularies.yml")
        allowed = known[raw["vocabulary"]]
    if isinstance(raw.get("max"), str) and raw["max"] != RETRIEVED:
        raise ValueError(f"column {raw['name']}: max {raw['max']!r} is neither a value nor {RETRIEVED!r}")
    return Column(**{**raw, "allowed": tuple(allowed) if allowed else None})


def contract_path(feed: str, contract_dir: Path = CONTRACT_DIR) -> Path:
    return contract_dir / f"{feed}.yml"


def all_feed_names(contract_dir: Path = CONTRACT_DIR) -> list[str]:
    return sorted(p.stem for p in contract_dir.glob("*__*.yml"))


def _source(raw: dict | None, path: Path) -> Source:
    if not raw:
        raise ContractError(
            f"{path}: no source block: give `source: {{url: ..., mirror_path: ...}}` or `{{curated: true}}`"
        )
    unknown = sorted(set(raw) - SOURCE_KEYS)
    if unknown:
        raise ContractError(f"{path}: source has unknown keys {unknown}; it may hold {sorted(SOURCE_KEYS)}")
    if raw.get("curated") and set(raw) - {"curated", "delimiter"}:
        raise ContractError(
            f"{path}: a curated source is curated/{path.stem}.csv: it takes no url, mirror_path or files"
        )
    if not raw.get("curated") and not raw.get("mirror_path"):
        raise ContractError(
            f"{path}: source needs a mirror_path (the file or folder inside ATLAS_MIRROR), or curated: true"
        )
    if raw.get("files") and raw.get("member"):
        raise ContractError(f"{path}: source.member (a file inside a zip) is for one-file feeds, not with files")
    credential = Credential(**raw["credential"]) if raw.get("credential") else None
    return Source(**{**raw, "credential": credential})


def _check_references(contract: Contract, path: Path, contract_dir: Path) -> None:
    """The feeds a contract names exist; a many-file feed names none (it is loaded by month with no raw table
    to check against: ingest/hourly/)."""
    named = {f"references.{name}": feed for name, feed in contract.references.items()}
    named |= {f"column {c.name}": c.references for c in contract.columns if c.references}
    unknown = {where: feed for where, feed in named.items() if not contract_path(feed, contract_dir).exists()}
    if unknown:
        raise ContractError(
            f"{path}: {unknown} name feeds without a contract; the feeds are {all_feed_names(contract_dir)}"
        )
    if contract.source.files and named:
        raise ContractError(
            f"{path}: a many-file feed (source.files) is loaded by month without reference tables "
            f"(ingest/hourly/), so it cannot check {sorted(named)} against another feed; "
            "drop them and test the join in its staging model instead"
        )


@cache
def load_contract(feed: str, contract_dir: Path = CONTRACT_DIR) -> Contract:
    path = contract_path(feed, contract_dir)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if raw["feed"] != feed:
        raise ContractError(f"{path}: declares feed {raw['feed']!r}, expected {feed!r}")
    prefix = feed.split("__")[0]
    if prefix not in publishers(contract_dir):
        raise ContractError(f"{path}: publisher {prefix!r} (the feed name's prefix) is not in publishers.yml")
    try:
        columns = tuple(_column(c, contract_dir) for c in raw["columns"])
    except ValueError as err:
        raise ContractError(f"{path}: {err}") from None
    missing_key = set(raw["key"]) - {c.name for c in columns}
    if missing_key:
        raise ContractError(f"{path}: key columns {sorted(missing_key)} are not declared")
    contract = Contract(
        feed=raw["feed"],
        family=raw["family"],
        description=raw["description"].strip(),
        publisher=publishers(contract_dir)[prefix],
        required_source_columns=tuple(tuple(c) if isinstance(c, list) else c for c in raw["required_source_columns"]),
        optional_source_columns=tuple(raw.get("optional_source_columns", ())),
        columns=columns,
        key=tuple(raw["key"]),
        min_rows=int(raw["min_rows"]),
        max_quarantined_share=float(raw["max_quarantined_share"]),
        anchors=tuple(Anchor(**a) for a in raw.get("anchors", [])),
        source=_source(raw.get("source"), path),
        references=dict(raw.get("references") or {}),
    )
    _check_references(contract, path, contract_dir)
    return contract
