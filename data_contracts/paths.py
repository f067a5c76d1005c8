"""The repository's folders, written once: every module that reads a file of the project's own asks here."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CONTRACT_DIR = REPO_ROOT / "data_contracts"
CURATED_DIR = REPO_ROOT / "curated"  # the project's own curated feeds, a source per row
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
SQL_DIR = REPO_ROOT / "sql"  # analysts' saved questions
DOCS_DIR = REPO_ROOT / "docs"
DEFAULT_ATLAS_HOME = REPO_ROOT / ".atlas"  # ATLAS_HOME when unset: the build's files, never committed
TEST_ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"  # what tests and benchmarks leave for a person to look at
# CI and every developer have the shared folder beside the project: the recorded copies of the live feeds
REFERENCE_DATA = (REPO_ROOT / ".." / "shared" / "reference_data").resolve()
