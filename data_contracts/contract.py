"""Reads a feed's contract YAML into typed objects. No I/O beyond the contract files themselves.

A contract is the only place a feed's columns are written; everything else is derived from it: the row
rules (data_contracts/row_rules.py), the Great Expectations gate (gx_suite.py) and the dbt source
definitions (dbt_sources.py, written to dbt_project/models/staging/_raw__sources.yml).
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
        return next(c for c in self.columns if c.name == name)


@cache
def vocabularies(contract_dir: Path = CONTRACT_DIR) -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load((contract_dir / "vocabularies.yml").read_text(encoding="utf-8"))
    return {name: tuple(v["values"]) for name, v in raw.items()}


@cache
def publishers(contract_dir: Path = CONTRACT_DIR) -> dict[str, Publisher]:
    raw = yaml.safe_load((contract_dir / "publishers.yml").read_text(encoding="utf-8"))
    return {key: Publisher(**value) for key, value in raw.items()}


def _column(raw: dict, contract_dir: Path) -> Column:
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


@cache
def load_contract(feed: str, contract_dir: Path = CONTRACT_DIR) -> Contract:
    path = contract_path(feed, contract_dir)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if raw["feed"] != feed:
        raise ValueError(f"{path}: declares feed {raw['feed']!r}, expected {feed!r}")
    prefix = feed.split("__")[0]
    if prefix not in publishers(contract_dir):
        raise ValueError(f"{path}: publisher {prefix!r} (the feed name's prefix) is not in publishers.yml")
    columns = tuple(_column(c, contract_dir) for c in raw["columns"])
    missing_key = set(raw["key"]) - {c.name for c in columns}
    if missing_key:
        raise ValueError(f"{path}: key columns {sorted(missing_key)} are not declared")
    return Contract(
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
    )
