"""Epoch AI's export quirks, as polars expressions: confidence tags, DMS coordinates, US dates, optional columns.

Every parser returns text for the contract to type. A value it cannot read is passed through unchanged, so
the contract quarantines it as 'not a valid float/date' with the text as published, instead of a silent null.
"""

from __future__ import annotations

import polars as pl

# Epoch marks how sure it is of a value with a trailing tag: "Amazon #confident", "OpenAI #likely" (the
# known tags are the contract's vocabulary confidence_tag).
UNTAGGED = "untagged"
LIST_SEPARATOR = "; "  # the project's separator for list-valued text (see atlas__ai_dc_projects.partners)
_TAG = r"#([A-Za-z]+)"  # '#3' in 'EU AI Gigafactory #3' is not a tag: tags are words
_DMS = r"^(\d{1,3}(?:\.\d+)?)°(?:(\d{1,2}(?:\.\d+)?)')?(?:(\d{1,2}(?:\.\d+)?)\")?([NSEW])$"


def _items(text: pl.Expr) -> pl.Expr:
    """A cell's comma-separated values, stripped, empties dropped ('Crusoe,Hoffman' and 'A #x, B #y' alike)."""
    return (
        text.str.split(",").list.eval(pl.element().str.strip_chars()).list.eval(pl.element().filter(pl.element() != ""))
    )


def untagged_values(text: pl.Expr) -> pl.Expr:
    """'OpenAI #likely, Microsoft #likely' -> 'OpenAI; Microsoft'; null stays null."""
    cleaned = _items(text).list.eval(pl.element().str.replace_all(r"\s*" + _TAG, "").str.strip_chars())
    joined = cleaned.list.join(LIST_SEPARATOR)
    return pl.when(joined != "").then(joined)


def confidence_tags(text: pl.Expr) -> pl.Expr:
    """The tag of each value, in the same order ('likely; likely'); 'untagged' for a value without one.

    Null when no value in the cell carries a tag: Epoch did not say, and a column of 'untagged' says nothing.
    """
    tags = _items(text).list.eval(pl.element().str.extract(_TAG, 1).str.to_lowercase().fill_null(UNTAGGED))
    return pl.when(text.str.contains(_TAG)).then(tags.list.join(LIST_SEPARATOR))


def dms_to_degrees(text: pl.Expr, hemispheres: str) -> pl.Expr:
    """'32°35\\'25"N' -> '32.590277...' (S and W negative); plain decimal degrees pass as they are.

    `hemispheres` is 'NS' for latitude, 'EW' for longitude: a latitude written with E is unreadable, not guessed.
    """
    compact = text.str.replace_all(r"\s+", "")
    parts = compact.str.extract_groups(_DMS)
    number = [parts.struct.field(str(i)).cast(pl.Float64).fill_null(0.0) for i in (1, 2, 3)]
    hemisphere = parts.struct.field("4")
    sign = pl.when(hemisphere.is_in(["S", "W"])).then(-1.0).otherwise(1.0)
    degrees = sign * (number[0] + number[1] / 60 + number[2] / 3600)
    readable = hemisphere.is_in(list(hemispheres)) & (number[1] < 60) & (number[2] < 60)
    decimal = compact.cast(pl.Float64, strict=False)
    return (
        pl.when(decimal.is_not_null())
        .then(decimal.cast(pl.String))
        .when(readable)
        .then(degrees.cast(pl.String))
        .otherwise(text)
    )


def us_date_to_iso(text: pl.Expr) -> pl.Expr:
    """'9/20/2016' -> '2016-09-20'; anything else passes through for the contract to judge."""
    parsed = text.str.strip_chars().str.to_date("%m/%d/%Y", strict=False)
    return pl.when(parsed.is_not_null()).then(parsed.dt.strftime("%Y-%m-%d")).otherwise(text)


def lower_case(text: pl.Expr) -> pl.Expr:
    """Published vocabularies ('Existing', 'Confirmed') kept, lower-cased and stripped."""
    return text.str.strip_chars().str.to_lowercase()
