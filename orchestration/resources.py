"""The one resource every Python asset uses: settings and warehouse connections, resolved at run time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb

from ingest.settings import AtlasSettings
from ingest.warehouse import connect


class AtlasResource(dg.ConfigurableResource):
    """Empty fields fall back to ATLAS_HOME / ATLAS_MIRROR, read when the run starts."""

    home: str | None = None
    mirror: str | None = None
    curated_dir: str | None = None  # tests only: edited copies of curated/ (see AtlasSettings)

    def settings(self) -> AtlasSettings:
        return AtlasSettings.resolve(self.home, self.mirror, self.curated_dir)

    @contextmanager
    def warehouse(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = connect(self.settings().warehouse_path)
        try:
            yield con
        finally:
            con.close()  # release the single-writer lock before dbt opens the file
