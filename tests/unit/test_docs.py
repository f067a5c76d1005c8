"""The written documentation stays true: docs/feeds.md is what its generator writes now, every link between the
README, CONTRIBUTING.md and docs/ lands on a file and heading that exist, and the README opens with the two commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from data_contracts.feeds_table import FEEDS_DOC, feeds_doc
from data_contracts.paths import DOCS_DIR, REPO_ROOT

README = REPO_ROOT / "README.md"
PAGES = [README, REPO_ROOT / "CONTRIBUTING.md", *sorted(DOCS_DIR.glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def test_feeds_doc_is_fresh():
    assert FEEDS_DOC.read_text(encoding="utf-8") == feeds_doc(), (
        "docs/feeds.md is stale: run `python -m data_contracts.feeds_table`"
    )


def _anchors(page: Path) -> set[str]:
    """GitHub's heading ids: lower case, punctuation but `-` and `_` dropped, spaces to `-`."""
    headings = re.findall(r"^#+\s+(.+?)\s*$", FENCE.sub("", page.read_text(encoding="utf-8")), re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


def _local_links(page: Path) -> list[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t)]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_links_between_pages_land(page):
    broken = []
    for target in _local_links(page):
        path, _, anchor = target.partition("#")
        landing = (page.parent / path).resolve() if path else page
        if not landing.exists():
            broken.append(f"{target}: no file {landing.relative_to(REPO_ROOT)}")
        elif anchor and landing.suffix == ".md" and anchor not in _anchors(landing):
            broken.append(f"{target}: no heading #{anchor} in {landing.name}")
    assert not broken, f"{page.name}: " + "; ".join(broken)


def test_readme_opens_with_the_two_commands():
    opening = "\n".join(README.read_text(encoding="utf-8").splitlines()[:40])
    assert "make run" in opening and "make test" in opening
