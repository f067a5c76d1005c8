"""What the report shows, read from the serving file (read-only) as the marts hold it: no figure is recomputed.

Sums over quarters are the saved questions' sums (sql/capacity_by_country_and_status.sql); every other figure is
a mart's column as published. Dates become ISO strings so the rows go into Vega-Lite specs and templates as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from serving.saved_questions import CAPACITY_BY_COUNTRY_AND_STATUS, open_saved_question, saved_question_sql

# the statuses that are capacity in a pipeline (talks and letters of intent never are), in build order
CAPACITY_STATUSES = ("operational", "under_construction", "permitted", "announced", "paused")

QUERIES = {
    "countries": """
        select country_iso3, any_value(country_name) as country_name
        from marts.mart_country_capacity group by all order by country_name""",
    # the saved question's rows: it_mw over every online quarter (base rows; it_mw is the same in every scenario)
    "capacity_by_status": f"""
        select country_iso3, country_name, status, it_mw, expected_built_it_mw
        from {CAPACITY_BY_COUNTRY_AND_STATUS} order by all""",
    "capacity_by_quarter": """
        select country_iso3, online_quarter, online_quarter_start, status, it_mw, expected_built_it_mw, it_mw_sources
        from marts.mart_country_capacity where scenario = 'base' order by all""",
    "energy": "select * from marts.mart_country_energy order by country_iso3, year, scenario",
    "iea": "select * from marts.mart_dc_electricity_vs_iea order by area_code, iea_year, scenario, atlas_basis",
    "country_cost_latest": """
        select * from marts.mart_country_cost where is_latest_for_country and has_cost_index_market
        order by usd_per_w_2025 desc""",
    "country_cost": "select * from marts.mart_country_cost order by country_iso3, cost_year",
    "market_cost": "select * from marts.mart_market_cost order by country_iso3, market, cost_year",
    "pipeline": "select * from marts.mart_project_pipeline order by country_iso3, project_id, phase_id",
    "programme": """
        select * from marts.mart_country_programme
        order by cumulative_capex_committed_usd_bn_2025, capex_committed_usd_bn_2025 desc, country_iso3""",
    "feed_state": "select * from dimensions.feed_state order by feed",
    "feed_loads": "select * from dimensions.feed_loads order by feed",
}


@dataclass(frozen=True)
class Figures:
    """Each query's rows as dicts, by the query's name in QUERIES."""

    tables: dict[str, list[dict]]

    def __getitem__(self, name: str) -> list[dict]:
        return self.tables[name]

    def for_country(self, name: str, iso3: str) -> list[dict]:
        return [row for row in self.tables[name] if row.get("country_iso3") == iso3]


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [{n: _plain(v) for n, v in zip(names, row)} for row in cursor.fetchall()]


def marts_read() -> list[str]:
    """The marts the report reads, through its queries and the saved question."""
    sql = " ".join([*QUERIES.values(), saved_question_sql(CAPACITY_BY_COUNTRY_AND_STATUS)])
    return sorted(set(re.findall(r"\bmarts\.(\w+)", sql)))


def missing_marts(serving_path: Path) -> list[str]:
    """The marts the report reads that the serving file lacks: a first build whose dbt failed publishes the
    marts that did build, and the report waits for the rest rather than fail on a missing table."""
    with duckdb.connect(str(serving_path), read_only=True) as con:
        present = {
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        }
    return [mart for mart in marts_read() if mart not in present]


def load_figures(serving_path: Path) -> Figures:
    with duckdb.connect(str(serving_path), read_only=True) as con:
        open_saved_question(con, CAPACITY_BY_COUNTRY_AND_STATUS)
        return Figures({name: _rows(con, sql) for name, sql in QUERIES.items()})
