"""Identical inputs give identical bytes: a second build on the same files, into a copy of the first one's
home, leaves every mart and the serving file equal bit for bit (figures are rounded where they are finished,
dbt_project/macros/round_finished_figures.sql, and order-dependent picks have a deterministic order)."""

from __future__ import annotations

import duckdb

from data_contracts.paths import REFERENCE_DATA
from tests.helpers.builds import copy_of, materialise_everything


def _tables(path, schema: str) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        names = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = ? order by 1", [schema]
            ).fetchall()
        ]
        return {name: con.execute(f'select * from {schema}."{name}" order by all').fetchall() for name in names}


def test_a_rebuild_on_the_same_files_changes_no_bit_of_any_mart(built, tmp_path):
    rebuilt = materialise_everything(copy_of(built, tmp_path / "home").home, REFERENCE_DATA)
    assert rebuilt.result.success, rebuilt.failures()
    first, second = _tables(built.warehouse, "marts"), _tables(rebuilt.warehouse, "marts")
    assert len(first) == 11 and sum(len(rows) for rows in first.values()) > 1000
    assert [name for name in first if first[name] != second[name]] == []
    assert first == second
    serving = built.home / "serving" / "atlas.duckdb", rebuilt.home / "serving" / "atlas.duckdb"
    assert _tables(serving[0], "marts") == _tables(serving[1], "marts")
