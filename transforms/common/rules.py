"""A feed-specific row rule, as plain data: the framework quarantines rows where `bad` holds.

Transforms return these; they import nothing from the contracts or the orchestration.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class Rule:
    """Rows where `bad` holds are quarantined with `reason`.

    In `bad`, a contract column's name means its typed value; other names are the prepared frame's text.
    """

    column: str
    bad: pl.Expr
    reason: str | pl.Expr
