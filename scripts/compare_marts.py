"""Compare every layer of two warehouses bit for bit: `python -m scripts.compare_marts BEFORE.duckdb AFTER.duckdb`.

A refactor must leave every mart as it was: the same tables, columns, types and rows (compared as multisets,
so row order does not count). Prints one line per table and exits 1 on any difference.
"""

from __future__ import annotations

import sys

import duckdb

SCHEMAS = ("raw", "staging", "intermediate", "marts")  # the warehouse: every layer dbt and the loads build
# Intermediate doubles are sums in no fixed order (the marts round them once: round_finished_figures), so their
# last bits vary between two builds of the same code; they are compared to 1e-6, every other layer bit for bit.
LOOSE_SCHEMAS = {"intermediate": 6}


def _tables(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute(
        "select table_schema || '.' || table_name, column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema in (select unnest(?)) order by table_schema, table_name, ordinal_position",
        [catalog, list(SCHEMAS)],
    ).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        tables.setdefault(table, []).append((column, data_type))
    return tables


def compare(before: str, after: str) -> list[str]:
    con = duckdb.connect()
    con.execute(f"attach '{before}' as a (read_only)")
    con.execute(f"attach '{after}' as b (read_only)")
    a, b = _tables(con, "a"), _tables(con, "b")
    problems = [f"{t}: only in {before}" for t in sorted(set(a) - set(b))]
    problems += [f"{t}: only in {after}" for t in sorted(set(b) - set(a))]
    for table in sorted(set(a) & set(b)):
        if a[table] != b[table]:
            problems.append(f"{table}: columns differ: {a[table]} != {b[table]}")
            continue
        (rows,) = con.execute(f"select count(*) from a.{table}").fetchone()
        digits = LOOSE_SCHEMAS.get(table.split(".")[0])
        columns = ", ".join(
            f'round("{c}", {digits})' if digits is not None and t == "DOUBLE" else f'"{c}"' for c, t in a[table]
        )
        a_rows, b_rows = f"select {columns} from a.{table}", f"select {columns} from b.{table}"
        (missing,) = con.execute(f"select count(*) from ({a_rows} except all {b_rows})").fetchone()
        (extra,) = con.execute(f"select count(*) from ({b_rows} except all {a_rows})").fetchone()
        verdict = "same" if missing == extra == 0 else f"DIFFERENT: {missing} rows only before, {extra} only after"
        print(f"{table:60} {rows:>8} rows  {verdict}")
        if missing or extra:
            problems.append(f"{table}: {verdict}")
    return problems


if __name__ == "__main__":
    found = compare(*sys.argv[1:3])
    print("\n".join(found) if found else "every mart is the same")
    sys.exit(1 if found else 0)
