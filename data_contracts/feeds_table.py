"""Writes docs/feeds.md from the contracts and the feed registry, never edited by hand: one table of every
feed (family, publisher, source, mirror path, key, row floor, columns) and a section per feed with its columns.

`python -m data_contracts.feeds_table` rewrites it; tests/unit/test_docs.py fails when it is stale.
"""

from __future__ import annotations

import sys

from data_contracts.contract import Contract, load_contract
from data_contracts.feeds import all_feeds
from data_contracts.paths import DBT_PROJECT_DIR, DOCS_DIR, REPO_ROOT

FEEDS_DOC = DOCS_DIR / "feeds.md"
STAGING_DIR = DBT_PROJECT_DIR / "models" / "staging"

INTRO = """\
# Feeds

<!-- Generated from data_contracts/ by `python -m data_contracts.feeds_table`: edit the contracts, not this file. -->

Every feed the atlas reads, written from its contract (`data_contracts/<feed>.yml`) and the feed registry
(`data_contracts.feeds`); `tests/unit/test_docs.py` fails when this page is stale. One feed, one hop: a feed's
name, `<publisher>__<entity>`, is its contract `data_contracts/<feed>.yml`, its transform `transforms/<feed>.py`
(where it needs one), its raw table `raw.<feed>`, its dbt source `source('raw', '<feed>')`, its staging model
`stg_<feed>` (only where staging renames, casts or derives something) and its tests
`tests/feeds/test_feed_<feed>.py`. Every raw row also carries `source_file_sha256` and `source_line`.

Curated feeds are the project's own files in `curated/`, read from the repository, mirror or not. A mirror path
is the file (or, for a feed of many files, the folder and its files' pattern) inside `ATLAS_MIRROR`, laid out
like `../shared/reference_data`. How to add a feed: [CONTRIBUTING.md](../CONTRIBUTING.md#adding-a-feed).
"""


def _cell(text: str) -> str:
    """One table cell: one line, and a `|` that would end the cell escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(values) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _source(feed) -> str:
    if feed.curated:
        return f"curated: `{feed.curated_path.relative_to(REPO_ROOT).as_posix()}`"
    if not feed.url:
        return "mirror only (no live download yet)"
    member = f" (zip member `{feed.member}`)" if feed.member else ""
    return f"<{feed.url}>{member}"


def _mirror(feed) -> str:
    if not feed.mirror_path:
        return "none"
    return f"`{feed.mirror_path}/{feed.files}`" if feed.files else f"`{feed.mirror_path}`"


def _staging_model(name: str) -> str:
    found = sorted(STAGING_DIR.rglob(f"stg_{name}.sql"))
    if not found:
        return f"none: models read `source('raw', '{name}')`"
    return f"`{found[0].relative_to(REPO_ROOT).as_posix()}`"


def _summary_row(feed, contract: Contract) -> str:
    cells = [
        f"[`{feed.name}`](#{feed.name})",
        feed.family,
        contract.publisher.name,
        _source(feed),
        _mirror(feed),
        _code(contract.key),
        f"{contract.min_rows:,}",
        str(len(contract.columns)),
    ]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _column_row(column) -> str:
    cells = [f"`{column.name}`", column.type, column.unit or "", "yes" if column.required else "", column.description]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _section(feed, contract: Contract) -> list[str]:
    return [
        f"### `{feed.name}`",
        "",
        " ".join(contract.description.split()),
        "",
        f"- family `{feed.family}`; publisher {contract.publisher.name}: {contract.publisher.description}",
        f"- source: {_source(feed)}; mirror path: {_mirror(feed)}",
        f"- key {_code(contract.key)}; rows floor (`min_rows`) {contract.min_rows:,}",
        f"- contract `data_contracts/{feed.name}.yml`; staging model {_staging_model(feed.name)}",
        "",
        "| column | type | unit | required | description |",
        "|---|---|---|---|---|",
        *(_column_row(c) for c in contract.columns),
        "",
    ]


def feeds_doc() -> str:
    feeds = sorted(all_feeds(), key=lambda f: (f.family, f.name))
    contracts = {f.name: load_contract(f.name) for f in feeds}
    lines = [
        INTRO,
        "| feed | family | publisher | source | mirror path | key | rows floor | columns |",
        "|---|---|---|---|---|---|---:|---:|",
        *(_summary_row(f, contracts[f.name]) for f in feeds),
        "",
        "## Each feed",
        "",
    ]
    for feed in feeds:
        lines += _section(feed, contracts[feed.name])
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> int:
    text = feeds_doc()
    if not FEEDS_DOC.exists() or FEEDS_DOC.read_text(encoding="utf-8") != text:
        FEEDS_DOC.parent.mkdir(parents=True, exist_ok=True)
        FEEDS_DOC.write_text(text, encoding="utf-8")
        print(f"wrote {FEEDS_DOC.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
