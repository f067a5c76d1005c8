"""Files derived from the contracts are never edited by hand: each must equal what its generator writes now."""

from __future__ import annotations

import re

import pytest
import yaml

from data_contracts.contract import all_feed_names, load_contract
from data_contracts.dbt_sources import docs_block, generated_files
from data_contracts.feeds import all_feeds
from data_contracts.paths import DBT_PROJECT_DIR

STAGING = DBT_PROJECT_DIR / "models" / "staging"


@pytest.mark.parametrize("path, text", generated_files().items(), ids=lambda v: getattr(v, "name", ""))
def test_generated_file_is_fresh(path, text):
    assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run `python -m data_contracts.dbt_sources`"


def test_every_feed_has_one_contract_one_transform_one_source():
    declared = sorted(feed.name for feed in all_feeds())
    assert declared == all_feed_names()
    sources = yaml.safe_load((STAGING / "_raw__sources.yml").read_text(encoding="utf-8"))["sources"]
    assert [t["name"] for t in sources[0]["tables"]] == declared
    for feed in all_feeds():  # a feed's own code, where it has any, is transforms/<feed>.py
        assert feed.transform is None or feed.transform.__name__ == f"transforms.{feed.name}"


def test_staging_models_reuse_the_contract_descriptions():
    """A column a staging model passes through is described by its contract's docs block (its shared column's,
    where it keeps that description), never re-written."""
    for sql in sorted(STAGING.glob("stg_*.sql")):
        feed = re.search(r"source\('raw', '(\w+)'\)", sql.read_text()).group(1)
        contract = load_contract(feed)
        blocks = {c.name: docs_block(feed, c) for c in contract.columns}
        contract_columns = set(contract.table_columns)
        model = yaml.safe_load(sql.with_suffix(".yml").read_text(encoding="utf-8"))["models"][0]
        for column in model["columns"]:
            passes_through = re.search(rf"^\s*(\w+\.)?{column['name']},?\s*$", sql.read_text(), re.M)
            if column["name"] in contract_columns and passes_through:
                block = blocks.get(column["name"], f"{feed}__{column['name']}")  # or a date's precision
                assert column["description"] == f"{{{{ doc('{block}') }}}}", (sql.name, column["name"])
