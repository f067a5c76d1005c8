"""A test's dbt calls reuse the session's parse of the project instead of parsing it again.

dbt parses the whole project anew (13 s of CPU) whenever its --vars or its connection differ from those its saved
parse was made with, and every build passes its own warehouse path (the var `atlas_warehouse`, which is also the
profile's path): each dbt call of each test build parsed the project in full. The vars do not change what a parse
yields here: profiles.yml reads the warehouse path, of which a parse keeps only the file's stem (every node's
catalog, `warehouse`: another stem is parsed in full), and the models read vars in their SQL, which dbt renders
when it runs them (this holds while no var chooses a model's refs or config; none does). So the saved parse
(dbt_project/target/partial_parse.msgpack, from `make manifest` or the session's manifest fixture) is handed to
dbt through DBT_PARTIAL_PARSE_FILE_PATH, with the two hashes dbt compares written for the vars at hand. dbt still
compares each project file with the saved parse and re-parses what changed; should these hashes ever stop
matching dbt's own, dbt parses in full, as it did before.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pprint
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import msgpack  # dbt's own format for the saved parse
import yaml

from data_contracts.paths import DBT_PROJECT_DIR
from ingest.settings import AtlasSettings

SAVED_PARSE = DBT_PROJECT_DIR / "target" / "partial_parse.msgpack"
PARSE_FILE_VARIABLE = "DBT_PARTIAL_PARSE_FILE_PATH"


def _sha256(text: str) -> dict[str, str]:
    return {"name": "sha256", "checksum": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def _vars_hash(dbt_vars: dict) -> dict[str, str]:
    """As dbt.parser.manifest.ManifestLoader.build_manifest_state_check: the vars, --profile, --target, dbt's version."""
    from dbt.version import __version__

    return _sha256("\x00".join([pprint.pformat(dbt_vars), "", "", __version__]))


def _profile_hash(warehouse: str) -> dict[str, str]:
    """As dbt does it: the connection's keys and values, the profile's output with this path."""
    from dbt.adapters.duckdb.credentials import DuckDBCredentials

    profile = yaml.safe_load((DBT_PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8"))
    output = next(iter(profile.values()))["outputs"]["local"]
    fields = {k: v for k, v in output.items() if k not in ("type", "threads", "path")}
    credentials = DuckDBCredentials.from_dict(
        {"database": Path(warehouse).stem, "schema": "main", **fields, "path": warehouse}
    )
    return _sha256(pprint.pformat(sorted(credentials.connection_info())))


@functools.cache
def _saved_parse(mtime_ns: int) -> dict:
    return msgpack.unpackb(SAVED_PARSE.read_bytes(), strict_map_key=False)


def build_vars(home: Path) -> dict[str, str]:
    """The --vars a build into `home` passes to dbt (orchestration/dbt_assets.py)."""
    return {"atlas_warehouse": str(AtlasSettings.resolve(str(home)).warehouse_path)}


def parse_environment(dbt_vars: dict, folder: Path) -> dict[str, str]:
    """What a dbt process called with these --vars (or a build process calling it) needs in its environment to
    reuse the saved parse: the saved parse, as dbt would have saved it for them, written into `folder`."""
    if not SAVED_PARSE.exists():
        return {}
    parse = _saved_parse(SAVED_PARSE.stat().st_mtime_ns)
    warehouse = Path(dbt_vars["atlas_warehouse"])
    if {node["database"] for node in parse["nodes"].values()} != {warehouse.stem}:
        return {}  # every node names the file's stem as its catalog: another name needs a parse of its own
    state = {
        **parse["state_check"],
        "vars_hash": _vars_hash(dbt_vars),
        "profile_hash": _profile_hash(str(warehouse)),
    }
    folder.mkdir(parents=True, exist_ok=True)
    saved = (
        folder
        / f"partial_parse-{hashlib.sha256(json.dumps(dbt_vars, sort_keys=True).encode()).hexdigest()[:12]}.msgpack"
    )
    saved.write_bytes(msgpack.packb({**parse, "state_check": state}))
    return {PARSE_FILE_VARIABLE: str(saved)}


@contextmanager
def reusing_the_session_parse(dbt_vars: dict, folder: Path) -> Iterator[None]:
    """While it lasts, dbt called by this process with these --vars reuses the saved parse (dagster-dbt passes
    this process's environment on to dbt)."""
    before = os.environ.get(PARSE_FILE_VARIABLE)
    os.environ.update(parse_environment(dbt_vars, folder))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(PARSE_FILE_VARIABLE, None)
        else:
            os.environ[PARSE_FILE_VARIABLE] = before
