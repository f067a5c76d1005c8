"""The registry's report log: each row's value goes to the typed column its field names, so the contract checks a
status against the status vocabulary, a power figure as MW and a date as a partial date.

Rules a row must also keep: an online date belongs to a phase; capex comes with its currency, price year and
basis (and only capex does); a phase named must be one of the project's phases.
"""

from __future__ import annotations

import polars as pl

from transforms.common.rules import Rule

MW_FIELDS = ("it_mw", "facility_mw", "unstated_mw")
CAPEX_ONLY = ("currency", "price_year", "capex_basis")


def _value_if(fields: tuple[str, ...]) -> pl.Expr:
    return pl.when(pl.col("field").str.strip_chars().is_in(list(fields))).then(pl.col("value"))


def prepare(raw: pl.DataFrame, phases: pl.DataFrame) -> pl.DataFrame:
    known = phases.select(
        pl.col("project_id").alias("_project"),
        pl.col("phase_id").cast(pl.String).alias("_phase"),
        phase_known=pl.lit(True),
    )
    frame = raw.with_columns(
        status_value=_value_if(("status",)),
        mw_value=_value_if(MW_FIELDS),
        online_value=_value_if(("online_on",)),
        capex_value=_value_if(("capex_bn",)),
        _project=pl.col("project_id").str.strip_chars(),
        # '2' and '2.0' are the same phase, as the contract reads integers
        _phase=pl.col("phase_id")
        .str.strip_chars()
        .cast(pl.Float64, strict=False)
        .cast(pl.Int64, strict=False)
        .cast(pl.String),
    )
    return frame.join(known, on=["_project", "_phase"], how="left").drop("_project", "_phase")


def rules() -> list[Rule]:
    field = pl.col("field")
    is_capex = field == "capex_bn"
    return [
        Rule(
            "phase_id",
            (field == "online_on") & pl.col("phase_id").is_null(),
            "an online date belongs to a phase: give the phase_id (atlas__dc_project_phases)",
        ),
        Rule(
            "phase_id",
            pl.col("phase_id").is_not_null() & pl.col("phase_known").is_null(),
            "not a phase of this project in atlas__dc_project_phases",
        ),
        *[
            Rule(column, is_capex & pl.col(column).is_null(), f"a capex report needs its {column}")
            for column in CAPEX_ONLY
        ],
        *[
            Rule(column, ~is_capex & pl.col(column).is_not_null(), f"{column} is given only for a capex_bn report")
            for column in CAPEX_ONLY
        ],
    ]
