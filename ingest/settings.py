"""Where the pipeline reads and writes. Read from the environment when a run starts, never at import."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from data_contracts.paths import DEFAULT_ATLAS_HOME


@dataclass(frozen=True)
class AtlasSettings:
    home: Path  # landing area, warehouse file, serving file and Dagster's home
    mirror: Path | None  # a directory laid out like shared/reference_data, instead of live URLs
    # Tests only: a folder holding edited copies of the curated files (curated/), so a
    # test can change the registry between two runs without touching the repository. None: the repository's.
    curated_dir: Path | None = None

    @classmethod
    def resolve(
        cls, home: str | None = None, mirror: str | None = None, curated_dir: str | None = None
    ) -> AtlasSettings:
        home = home or os.environ.get("ATLAS_HOME") or str(DEFAULT_ATLAS_HOME)
        mirror = mirror or os.environ.get("ATLAS_MIRROR") or None
        return cls(
            home=Path(home).resolve(),
            mirror=Path(mirror).resolve() if mirror else None,
            curated_dir=Path(curated_dir).resolve() if curated_dir else None,
        )

    def curated_file(self, repository_path: Path) -> Path:
        """A curated feed's file: the repository's, or the file of the same name in curated_dir when set."""
        return self.curated_dir / repository_path.name if self.curated_dir else repository_path

    @property
    def landing_dir(self) -> Path:
        return self.home / "landing"

    @property
    def dagster_home(self) -> Path:
        return Path(os.environ.get("DAGSTER_HOME") or self.home / "dagster")

    @property
    def warehouse_path(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def serving_path(self) -> Path:
        """What analysts open (read-only): the marts and dimensions, republished after each good build."""
        return self.home / "serving" / "atlas.duckdb"

    @property
    def releases_dir(self) -> Path:
        """One folder per publish (Parquet, CSV, datapackage.json): serving/releases.py."""
        return self.home / "releases"

    @property
    def report_dir(self) -> Path:
        """The static report, a link onto the newest site: serving/report/site.py."""
        return self.home / "report"

    @property
    def keep_releases(self) -> int:
        """How many releases to keep (ATLAS_KEEP_RELEASES, read when asked, default 5)."""
        return int(os.environ.get("ATLAS_KEEP_RELEASES") or 5)
