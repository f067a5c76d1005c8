"""Columns several feeds share are written once (data_contracts/shared_columns.yml) and named with `like:`;
their dbt docs are one block each."""

from __future__ import annotations

import re
import shutil
import textwrap

import pytest
import yaml

from data_contracts.contract import (
    CONTRACT_DIR,
    ContractError,
    all_feed_names,
    load_contract,
    shared_column,
    shared_columns,
)
from data_contracts.dbt_sources import docs_block, docs_md, sources_yml
from data_contracts.paths import DBT_PROJECT_DIR

RULES = ("type", "pattern", "references", "min", "max", "unit", "allowed", "vocabulary")


def test_every_country_code_a_feed_writes_has_the_shared_rules():
    shared = shared_column("country_iso3")
    for feed in all_feed_names():
        contract = load_contract(feed)
        if "country_iso3" not in contract.column_names or feed == shared["references"]:
            continue  # the country dimension defines the codes; it does not check against itself
        column = contract.column("country_iso3")
        assert column.like and shared_column(column.like)["references"] == shared["references"], feed
        assert (column.type, column.pattern, column.references) == ("string", "^[A-Z]{3}$", shared["references"]), feed


def test_a_like_column_has_the_shared_rules_and_may_say_its_own_description_source_and_required():
    population, inflation = load_contract("worldbank__population"), load_contract("worldbank__cpi_inflation")
    for name in ("area_code", "area_type", "country_iso3", "year"):
        one, other = population.column(name), inflation.column(name)
        assert {k: getattr(one, k) for k in RULES} == {k: getattr(other, k) for k in RULES}, name
    ember = load_contract("ember__price_monthly").column("country_iso3")
    assert (ember.like, ember.required, ember.source_column) == ("country_iso3", True, "country_code")
    assert ember.description != shared_column("country_iso3")["description"]


@pytest.fixture
def contract_dir(tmp_path):
    for name in ("publishers.yml", "vocabularies.yml", "shared_columns.yml", "datahub__country_codes.yml"):
        shutil.copy(CONTRACT_DIR / name, tmp_path / name)
    return tmp_path


def _write(contract_dir, column: str):
    path = contract_dir / "atlas__alpha.yml"
    body = """\
        feed: atlas__alpha
        family: reference
        source: {curated: true}
        description: A test feed.
        required_source_columns: [country_iso3]
        key: [country_iso3]
        min_rows: 1
        max_quarantined_share: 0
        columns:
        """
    path.write_text(textwrap.dedent(body) + f"  - {column}\n")
    return path


def test_a_like_column_may_not_change_the_shared_rules(contract_dir):
    path = _write(contract_dir, "{name: country_iso3, like: country_iso3, pattern: '^[A-Z]{2}$'}")
    with pytest.raises(ContractError, match=rf"{path}: column country_iso3: \['pattern'\] are fixed by shared column"):
        load_contract("atlas__alpha", contract_dir)


def test_a_like_column_names_a_shared_column(contract_dir):
    path = _write(contract_dir, "{name: country_iso3, like: country_code}")
    with pytest.raises(ContractError, match=rf"{path}: .*'country_code'.*holds \[.*'country_iso3'"):
        load_contract("atlas__alpha", contract_dir)


def test_a_like_column_without_overrides_is_the_shared_column(contract_dir):
    _write(contract_dir, "{name: country_iso3, like: country_iso3, required: true}")
    column = load_contract("atlas__alpha", contract_dir).column("country_iso3")
    assert column.references == "datahub__country_codes" and column.required and column.pattern == "^[A-Z]{3}$"
    assert column.description == "ISO 3166-1 alpha-3 code."


def test_the_dbt_docs_carry_one_block_per_shared_column_which_the_sources_reuse():
    docs = docs_md()
    for name in shared_columns():
        assert docs.count(f"{{% docs shared__{name} %}}") == 1, name
    # a column that keeps its shared description has no block of its own
    assert "{% docs worldbank__population__area_code %}" not in docs
    sources = yaml.safe_load(sources_yml())["sources"][0]["tables"]
    for table in sources:
        contract = load_contract(table["name"])
        for column in table["columns"]:
            if column["name"] in contract.column_names:
                block = docs_block(table["name"], contract.column(column["name"]))
                assert column["description"] == f"{{{{ doc('{block}') }}}}", (table["name"], column["name"])


def test_dbt_models_reuse_the_country_code_description_rather_than_repeat_it():
    models = DBT_PROJECT_DIR / "models"
    repeated = [
        f"{path.relative_to(models)}: {line.strip()}"
        for path in sorted(models.rglob("*.yml"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.fullmatch(r"\s*description: ISO 3166-1 alpha-3 code\.", line)
    ]
    assert repeated == [], "use \"{{ doc('shared__country_iso3') }}\""
    assert "doc('shared__country_iso3')" in (models / "marts" / "mart_country_capacity.yml").read_text()
