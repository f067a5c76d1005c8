"""The contract's row rules: types every column, and sends each row that breaks a rule to quarantine with its
reason, the column, the value and the whole record as the file has it.

rows read = rows loaded + rows quarantined, always: a row is either loaded whole or quarantined whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from data_contracts.contract import LINE_COLUMN, PROBLEM_COLUMN, RETRIEVED, Column, Contract
from data_contracts.partial_dates import partial_date, partial_date_precision
from transforms.common.rules import Rule

SHA_COLUMN = "source_file_sha256"
RECORD_COLUMN = "raw_record"
PASSTHROUGH = ("partition_month",)  # a many-file feed's row month, carried into its quarantine rows
_ROW = "__row"  # a row's place in the frame: lines repeat when a feed has many files
QUARANTINE_SCHEMA = {
    "feed": pl.String,
    SHA_COLUMN: pl.String,
    LINE_COLUMN: pl.Int64,
    "column_name": pl.String,
    "raw_value": pl.String,
    "reason": pl.String,
    "raw_record": pl.String,
}
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
INTEGER_TOLERANCE = 1e-9  # relative: float noise, never a fraction anyone wrote
_TRUE = ["1", "1.0", "true", "t", "yes", "y"]
_FALSE = ["0", "0.0", "false", "f", "no", "n"]


@dataclass(frozen=True)
class ScreenedFeed:
    rows: pl.DataFrame
    quarantine: pl.DataFrame
    rows_read: int

    @property
    def rows_loaded(self) -> int:
        return self.rows.height

    @property
    def rows_quarantined(self) -> int:
        return self.quarantine.select(SHA_COLUMN, LINE_COLUMN).n_unique() if self.quarantine.height else 0


def _text(column: str) -> pl.Expr:
    value = pl.col(column).cast(pl.String).str.strip_chars()
    return pl.when(value == "").then(None).otherwise(value)


def _typed_name(name: str) -> str:
    """Typed values live beside the raw text until the end, so rules can compare the two."""
    return f"{name}__typed"


def _raw_name(name: str) -> str:
    return f"{name}__raw"


def _typed(column: Column) -> list[pl.Expr]:
    raw, name = _text(column.source_column), _typed_name(column.name)
    if column.type == "string":
        return [raw.alias(name)]
    if column.type == "float":
        return [raw.cast(pl.Float64, strict=False).alias(name)]
    if column.type == "integer":
        # accepts '2023.0' as pandas exports write it, and float noise a publisher's export carries
        # ('100000.00000000001' chips in Epoch's 2026 clusters); '2023.5' is no integer
        number = raw.cast(pl.Float64, strict=False)
        nearest = number.round(0)
        close = (number - nearest).abs() <= INTEGER_TOLERANCE * pl.max_horizontal(nearest.abs(), pl.lit(1.0))
        return [pl.when(close).then(nearest).cast(pl.Int64).alias(name)]
    if column.type == "boolean":
        lowered = raw.str.to_lowercase()
        return [pl.when(lowered.is_in(_TRUE)).then(True).when(lowered.is_in(_FALSE)).then(False).alias(name)]
    if column.type == "date":
        return [raw.str.to_date("%Y-%m-%d", strict=False).alias(name)]
    if column.type == "timestamp":  # an instant in UTC, as the transform writes it: 2021-10-19T03:00:00Z
        return [raw.str.strptime(pl.Datetime("us", "UTC"), TIMESTAMP_FORMAT, strict=False).alias(name)]
    # partial_date
    return [partial_date(raw).alias(name), partial_date_precision(raw).alias(_typed_name(f"{column.name}_precision"))]


def _bound(value: float | date) -> str:
    return value.isoformat() if isinstance(value, date) else f"{value:g}"


def _upper_bound(column: Column, retrieved_on: date) -> float | date | None:
    """RETRIEVED is the retrieval day for dates and its year for integer years."""
    if column.max != RETRIEVED:
        return column.max
    return retrieved_on.year if column.type == "integer" else retrieved_on


def _column_rules(column: Column, retrieved_on: date, references: dict[str, pl.DataFrame]) -> list[Rule]:
    raw, value = pl.col(_raw_name(column.name)), pl.col(_typed_name(column.name))
    unit = f" {column.unit}" if column.unit else ""
    rules = [Rule(column.name, raw.is_not_null() & value.is_null(), f"not a valid {column.type.replace('_', ' ')}")]
    if column.required:
        rules.append(Rule(column.name, raw.is_null(), "required value is missing"))
    if column.min is not None:
        rules.append(Rule(column.name, value < column.min, f"below the minimum of {_bound(column.min)}{unit}"))
    upper = _upper_bound(column, retrieved_on)
    if upper is not None:
        after = " (the file was retrieved then)" if column.max == RETRIEVED else ""
        rules.append(Rule(column.name, value > upper, f"above the maximum of {_bound(upper)}{unit}{after}"))
    if column.allowed and column.separator:
        items_allowed = value.str.split(column.separator).list.eval(pl.element().is_in(list(column.allowed))).list.all()
        reason = f"not a '{column.separator}'-separated list of {list(column.allowed)}"
        rules.append(Rule(column.name, ~items_allowed, reason))
    elif column.allowed:
        rules.append(Rule(column.name, ~value.is_in(list(column.allowed)), f"not one of {list(column.allowed)}"))
    if column.pattern:
        rules.append(Rule(column.name, ~value.str.contains(column.pattern), f"does not match {column.pattern}"))
    if column.references:
        known = references[column.references][column.name].implode()
        reason = f"not a {column.name} in {column.references} (data_contracts/{column.references}.yml)"
        rules.append(Rule(column.name, value.is_not_null() & ~value.is_in(known), reason))
    return rules


def _key_rule(contract: Contract) -> Rule:
    key = list(contract.key)
    return Rule(
        ",".join(key),
        ~pl.struct([pl.col(_typed_name(k)) for k in key]).is_first_distinct(),
        f"duplicate key ({', '.join(key)}): an earlier row has the same key",
    )


def _raw_value(rule: Rule, contract: Contract) -> pl.Expr:
    if rule.column == "(record)":
        return pl.lit(None, pl.String)
    if rule.column in contract.column_names:
        return pl.col(_raw_name(rule.column))
    parts = [pl.col(_typed_name(c)).cast(pl.String) for c in rule.column.split(",")]
    return pl.concat_str(parts, separator="|", ignore_nulls=True)


def with_optional_columns(raw: pl.DataFrame, contract: Contract) -> pl.DataFrame:
    """Columns only some export vintages have, added as nulls so one transform reads every vintage."""
    missing = [pl.lit(None, pl.String).alias(c) for c in contract.optional_source_columns if c not in raw.columns]
    return raw.with_columns(missing) if missing else raw


def apply_contract(
    prepared: pl.DataFrame,
    contract: Contract,
    *,
    file_sha256: str,
    retrieved_on: date,
    rules: list[Rule] = (),
    references: dict[str, pl.DataFrame] | None = None,
) -> ScreenedFeed:
    """`prepared` holds the feed's string columns plus `source_line`; returns typed rows and quarantine."""
    references = references or {}
    # a feed of many files brings each row's file and record itself (ingest/hourly/)
    sha = pl.col(SHA_COLUMN) if SHA_COLUMN in prepared.columns else pl.lit(file_sha256)
    record = pl.col(RECORD_COLUMN) if RECORD_COLUMN in prepared.columns else pl.lit(None, pl.String)
    for column in ("source_line_end", PROBLEM_COLUMN):
        if column not in prepared.columns:
            fill = pl.col(LINE_COLUMN) if column == "source_line_end" else pl.lit(None, pl.String)
            prepared = prepared.with_columns(fill.alias(column))
    typed_exprs = [e for c in contract.columns for e in _typed(c)]
    typed_columns = [e.meta.output_name() for e in typed_exprs]
    frame = (
        prepared.with_row_index(_ROW)
        .with_columns(*typed_exprs, *(_text(c.source_column).alias(_raw_name(c.name)) for c in contract.columns))
        .with_columns(pl.col(c).alias(c.removesuffix("__typed")) for c in typed_columns)
    )
    unreadable = pl.col(PROBLEM_COLUMN).is_not_null()
    column_rules = [r for c in contract.columns for r in _column_rules(c, retrieved_on, references)]
    column_rules += [*rules, _key_rule(contract)]
    # A record that could not be read as a row is quarantined once, for that, not for each column.
    all_rules = [Rule("(record)", unreadable, pl.col(PROBLEM_COLUMN))] + [
        Rule(r.column, r.bad.fill_null(False) & ~unreadable, r.reason) for r in column_rules
    ]
    problems = (
        pl.concat(
            [
                frame.filter(rule.bad.fill_null(False)).select(
                    pl.lit(contract.feed).alias("feed"),
                    sha.alias(SHA_COLUMN),
                    pl.col(LINE_COLUMN),
                    pl.lit(rule.column).alias("column_name"),
                    _raw_value(rule, contract).alias("raw_value"),
                    (pl.lit(rule.reason) if isinstance(rule.reason, str) else rule.reason).alias("reason"),
                    record.alias(RECORD_COLUMN),
                    pl.col("source_line_end"),
                    pl.col(_ROW),
                    *(pl.col(c) for c in PASSTHROUGH if c in frame.columns),
                )
                for rule in all_rules
            ]
        )
        .cast({**QUARANTINE_SCHEMA, "source_line_end": pl.Int64})
        .sort(_ROW, maintain_order=True)
    )
    rows = frame.filter(~pl.col(_ROW).is_in(problems[_ROW].implode())).select(
        *[pl.col(c).alias(c.removesuffix("__typed")) for c in typed_columns],
        sha.alias(SHA_COLUMN),
        LINE_COLUMN,
    )
    return ScreenedFeed(rows=rows, quarantine=problems.drop(_ROW), rows_read=prepared.height)
