"""Reads a feed's contract YAML into typed objects. No I/O beyond the contract file itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

CONTRACT_DIR = Path(__file__).parent
TYPES = {"string", "integer", "float", "date", "partial_date", "boolean"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    source: str | None = None  # column in the prepared frame; defaults to name
    unit: str | None = None
    required: bool = False
    min: float | date | None = None  # dates for date and partial_date columns
    max: float | date | None = None
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None

    @property
    def source_column(self) -> str:
        return self.source or self.name


@dataclass(frozen=True)
class Anchor:
    """A known published value that pins the feed's units and direction."""

    where: dict[str, object]
    column: str
    min: float
    max: float
    why: str


@dataclass(frozen=True)
class Contract:
    feed: str
    table: str
    family: str
    description: str
    required_source_columns: tuple[str, ...]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    min_rows: int
    max_quarantined_share: float
    anchors: tuple[Anchor, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _column(raw: dict) -> Column:
    if raw["type"] not in TYPES:
        raise ValueError(f"column {raw['name']}: unknown type {raw['type']!r}; expected one of {sorted(TYPES)}")
    allowed = raw.get("allowed")
    return Column(**{**raw, "allowed": tuple(allowed) if allowed else None})


def load_contract(feed: str, contract_dir: Path = CONTRACT_DIR) -> Contract:
    path = contract_dir / f"{feed}.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if raw["feed"] != feed:
        raise ValueError(f"{path}: declares feed {raw['feed']!r}, expected {feed!r}")
    columns = tuple(_column(c) for c in raw["columns"])
    names = {c.name for c in columns}
    missing_key = set(raw["key"]) - names
    if missing_key:
        raise ValueError(f"{path}: key columns {sorted(missing_key)} are not declared")
    return Contract(
        feed=raw["feed"],
        table=raw["table"],
        family=raw["family"],
        description=raw["description"].strip(),
        required_source_columns=tuple(raw["required_source_columns"]),
        columns=columns,
        key=tuple(raw["key"]),
        min_rows=int(raw["min_rows"]),
        max_quarantined_share=float(raw["max_quarantined_share"]),
        anchors=tuple(Anchor(**a) for a in raw.get("anchors", [])),
    )
