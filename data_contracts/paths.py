"""The repository's folders, written once: every module that reads a file of the project's own asks here."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CONTRACT_DIR = REPO_ROOT / "data_contracts"
CURATED_DIR = REPO_ROOT / "curated"  # the project's own curated feeds, a source per row
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
SQL_DIR = REPO_ROOT / "sql"  # analysts' saved questions
DOCS_DIR = REPO_ROOT / "docs"
# CI and every developer have the shared folder beside the project: the recorded copies of the live feeds
REFERENCE_DATA = (REPO_ROOT / ".." / "shared" / "reference_data").resolve()
