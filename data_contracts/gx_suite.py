"""Builds a Great Expectations suite from a contract and validates a feed's screened rows with it.

Great Expectations is imported lazily (3-8 s): only where a check actually runs, and only through
_great_expectations(), the one place that turns its usage analytics off.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl

from data_contracts.contract import Contract


@dataclass(frozen=True)
class ContractVerdict:
    passed: bool
    evaluated: int
    failures: tuple[str, ...]  # one readable line per failed expectation


def raw_table_columns(contract: Contract) -> list[str]:
    return [name for name, _ in contract.raw_table_schema]


def min_rows_expected(contract: Contract, rows_read: int) -> int:
    """The contract's floor, raised so that no more than max_quarantined_share of rows read went to quarantine."""
    return max(contract.min_rows, math.ceil(rows_read * (1 - contract.max_quarantined_share)))


def _literal(value: object) -> str:
    return f"'{value.isoformat()}'" if isinstance(value, date) else repr(value)


def _anchor_condition(where: dict[str, object]) -> str:
    """A list is any of its values: one anchor holds across export vintages that name a row differently."""
    return " and ".join(
        f"{column} in [{', '.join(_literal(v) for v in value)}]"
        if isinstance(value, list)
        else f"{column}=={_literal(value)}"
        for column, value in where.items()
    )


def _great_expectations():
    """The one way in. GX releases that send usage analytics read GX_ANALYTICS_ENABLED when imported (the pinned
    1.24 sends none): off before the import, so no build or test calls home; a value already set is kept."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx

    return gx


def build_suite(contract: Contract, rows_read: int | None):
    """What the row rules cannot check, on the raw table as a whole: its column set, the row-count floor
    (how much went to quarantine; rows_read None: judged on the whole batch, see validate_row_floor), key
    uniqueness and the anchor values. Types, ranges, allowed values, patterns, references and required values
    are row rules (data_contracts/row_rules.py): a row breaking one is already in quarantine, so checking them
    again here would only cost time."""
    gx = _great_expectations()
    gxe = gx.expectations
    suite = gx.ExpectationSuite(name=f"{contract.feed}_contract")
    suite.add_expectation(gxe.ExpectTableColumnsToMatchSet(column_set=raw_table_columns(contract), exact_match=True))
    if rows_read is not None:
        suite.add_expectation(_row_floor(contract, rows_read))
    if len(contract.key) == 1:
        suite.add_expectation(gxe.ExpectColumnValuesToBeUnique(column=contract.key[0]))
    else:
        suite.add_expectation(gxe.ExpectCompoundColumnsToBeUnique(column_list=list(contract.key)))
    for anchor in contract.anchors:
        suite.add_expectation(
            gxe.ExpectColumnValuesToBeBetween(
                column=anchor.column,
                min_value=anchor.min,
                max_value=anchor.max,
                row_condition=_anchor_condition(anchor.where),
                condition_parser="pandas",
                notes=anchor.why,
            )
        )
    return suite


def _row_floor(contract: Contract, rows_read: int):
    return _great_expectations().expectations.ExpectTableRowCountToBeBetween(
        min_value=min_rows_expected(contract, rows_read)
    )


def _describe(result) -> str:
    config = result.expectation_config
    kwargs = {k: v for k, v in config.kwargs.items() if k not in ("batch_id", "result_format")}
    found = result.result or {}
    observed = found.get("observed_value")
    detail = (
        f"observed {observed}"
        if observed is not None
        else (f"{found.get('unexpected_count')} unexpected, e.g. {found.get('partial_unexpected_list', [])[:5]}")
    )
    return f"{config.type} {kwargs}: {detail}"


def _missing_anchors(frame: pl.DataFrame, contract: Contract) -> list[str]:
    missing = []
    for anchor in contract.anchors:
        condition = pl.all_horizontal(
            [pl.col(c).is_in(v) if isinstance(v, list) else pl.col(c) == v for c, v in anchor.where.items()]
        )
        if anchor.column not in frame.columns or frame.filter(condition).height == 0:
            missing.append(f"anchor row {anchor.where} is missing, so {anchor.column} cannot be pinned ({anchor.why})")
    return missing


def _for_pandas(frame: pl.DataFrame):
    """Dates as ISO text: pandas 3 never matches a datetime64 column against a date literal in a row condition.
    Text as categories: a column of Python strings costs about 100 bytes a row (a 500 k-row batch of hourly rows
    held 0.5 GB), a category a small integer, and uniqueness and row conditions read them alike."""
    text = pl.col(pl.Date).dt.strftime("%Y-%m-%d").cast(pl.Categorical)
    return frame.with_columns(text, pl.col(pl.String).cast(pl.Categorical)).to_pandas()


def _run(frame: pl.DataFrame, contract: Contract, make_suite: Callable[[], object]) -> tuple[list[str], int]:
    """Failures and expectations evaluated; the suite is made once a context is active, as GX requires."""
    context = _great_expectations().get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False}
    batch = (
        context.data_sources.add_pandas(contract.feed)
        .add_dataframe_asset(contract.feed)
        .add_batch_definition_whole_dataframe("raw")
        .get_batch(batch_parameters={"dataframe": _for_pandas(frame)})
    )
    result = batch.validate(context.suites.add(make_suite()))
    return [_describe(r) for r in result.results if not r.success], len(result.results)


def validate(frame: pl.DataFrame, contract: Contract, rows_read: int | None) -> ContractVerdict:
    """Runs the contract's suite on the screened rows (pandas data source: the SQL one fails over DuckDB).
    rows_read None: the rows are one chunk of a batch, whose row floor validate_row_floor checks."""
    failures, evaluated = _run(frame, contract, lambda: build_suite(contract, rows_read))
    failures += _missing_anchors(frame, contract)
    return ContractVerdict(passed=not failures, evaluated=evaluated, failures=tuple(failures))


def validate_row_floor(rows: pl.DataFrame, contract: Contract, rows_read: int) -> ContractVerdict:
    """The row floor of a batch screened in chunks, on the batch's loaded rows (one narrow column is enough)."""

    def row_floor_suite():
        return _great_expectations().ExpectationSuite(
            name=f"{contract.feed}_row_floor", expectations=[_row_floor(contract, rows_read)]
        )

    failures, evaluated = _run(rows, contract, row_floor_suite)
    return ContractVerdict(passed=not failures, evaluated=evaluated, failures=tuple(failures))
