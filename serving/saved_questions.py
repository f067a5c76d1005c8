"""The analysts' saved questions (sql/<name>.sql), read from their files wherever one is shown: each is written once."""

from __future__ import annotations

import duckdb

from data_contracts.paths import SQL_DIR

CAPACITY_BY_COUNTRY_AND_STATUS = "capacity_by_country_and_status"


def saved_question_sql(name: str) -> str:
    """sql/<name>.sql as written, without its closing semicolon."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8").strip().removesuffix(";")


def open_saved_question(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """The saved question as a temporary view named after its file, for a query to read (a temporary view is
    allowed on a read-only connection): a caller needing another shape derives it from the question's rows."""
    con.execute(f"create or replace temporary view {name} as {saved_question_sql(name)}")
