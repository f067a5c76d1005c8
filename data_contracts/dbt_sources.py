"""Writes the dbt files derived from the contracts, never edited by hand:

- dbt_project/models/staging/_raw__sources.yml: one source table per feed (raw.<feed>), its columns with
  type, unit and description, its key test and meta.dagster.asset_key;
- dbt_project/models/staging/_raw__docs.md: a docs block per contract column, which staging models' .yml
  reuse for the columns they pass through ({{ doc('<feed>__<column>') }}), and one per shared column
  (shared_columns.yml), which every feed using it as it is and any model's .yml reuse ({{ doc('shared__<name>') }});
- dbt_project/macros/vocabularies.sql: the shared vocabularies (data_contracts/vocabularies.yml).

`python -m data_contracts.dbt_sources` rewrites them; tests/unit/test_generated_files.py fails when one is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from data_contracts.contract import (
    SYSTEM_COLUMNS,
    Column,
    Contract,
    all_feed_names,
    load_contract,
    shared_column,
    shared_columns,
    vocabularies,
)
from data_contracts.paths import DBT_PROJECT_DIR, REPO_ROOT

HEADER = (
    "# Generated from data_contracts/ by `python -m data_contracts.dbt_sources`: edit the contracts, not this file.\n"
)


def _description(description: str, unit: str | None) -> str:
    unit_text = f" Unit: {unit}." if unit else ""
    return f"{description.strip()}{unit_text}"


def docs_block(feed: str, column: Column) -> str:
    """The docs block describing a contract column: its shared column's, where it keeps that description."""
    if column.like and column.description == shared_column(column.like)["description"]:
        return f"shared__{column.like}"
    return f"{feed}__{column.name}"


def _block(contract: Contract, name: str) -> str:
    if name in SYSTEM_COLUMNS:
        return f"raw__{name}"
    own = {c.name: c for c in contract.columns}
    return docs_block(contract.feed, own[name]) if name in own else f"{contract.feed}__{name}"  # a date's precision


def _columns(contract: Contract) -> list[dict]:
    units = {c.name: c.unit for c in contract.columns if c.unit}
    columns = []
    for name, sql_type in contract.raw_table_schema:
        block = _block(contract, name)
        entry = {"name": name, "data_type": sql_type, "description": f"{{{{ doc('{block}') }}}}"}
        if name in units:
            entry["meta"] = {"unit": units[name]}
        columns.append(entry)
    return columns


def _key_test(contract: Contract) -> dict:
    if len(contract.key) == 1:
        return {"unique": {"column_name": contract.key[0]}}
    # grouped on the key's columns, not on their text joined: the hourly feeds' tables run to 100 M rows
    return {"grain": {"arguments": {"columns": list(contract.key)}}}


def _table(contract: Contract) -> dict:
    return {
        "name": contract.feed,
        "description": f"{contract.description} Publisher: {contract.publisher.description} Contract: data_contracts/{contract.feed}.yml; key ({', '.join(contract.key)}).",
        "meta": {
            "dagster": {"asset_key": ["raw", contract.feed]},
            "family": contract.family,
            "key": list(contract.key),
        },
        "data_tests": [_key_test(contract)],
        "columns": _columns(contract),
    }


def sources_yml() -> str:
    source = {
        "name": "raw",
        "description": "One table per feed, loaded by its Dagster raw asset after the feed's data contract passed; every row carries its file's sha256 and line.",
        "schema": "raw",
        "tables": [_table(load_contract(feed)) for feed in all_feed_names()],
    }
    body = yaml.safe_dump({"version": 2, "sources": [source]}, sort_keys=False, allow_unicode=True, width=120)
    return HEADER + body


def _precision(column: Column) -> str:
    return f"How precise {column.name} is as published: one of {list(vocabularies()['date_precision'])}."


def docs_md() -> str:
    texts = {f"raw__{name}": text for name, (_, text) in SYSTEM_COLUMNS.items()}
    for name in shared_columns():
        shared = shared_column(name)
        texts[f"shared__{name}"] = _description(shared["description"], shared.get("unit"))
    for feed in all_feed_names():
        for column in load_contract(feed).columns:
            texts[docs_block(feed, column)] = _description(column.description, column.unit)
            if column.type == "partial_date":
                texts[f"{feed}__{column.name}_precision"] = _precision(column)
    blocks = [f"{{% docs {name} %}}\n{text}\n{{% enddocs %}}\n" for name, text in texts.items()]
    return "<!-- " + HEADER.strip("# \n") + " -->\n\n" + "\n".join(blocks)


def vocabularies_sql() -> str:
    entries = ",\n        ".join(f"'{name}': {list(values)}" for name, values in vocabularies().items())
    return (
        "{# " + HEADER.strip("# \n") + " #}\n"
        "{% macro vocabulary_values(name) %}\n"
        "    {% set vocabularies = {\n        " + entries + "\n    } %}\n"
        "    {{ return(vocabularies[name]) }}\n"
        "{% endmacro %}\n"
    )


def generated_files() -> dict[Path, str]:
    return {
        DBT_PROJECT_DIR / "models" / "staging" / "_raw__sources.yml": sources_yml(),
        DBT_PROJECT_DIR / "models" / "staging" / "_raw__docs.md": docs_md(),
        DBT_PROJECT_DIR / "macros" / "vocabularies.sql": vocabularies_sql(),
    }


def main() -> int:
    for path, text in generated_files().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
