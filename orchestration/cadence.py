"""How often each feed family is refreshed, in one place: the schedules and the freshness policies read it.

A family's schedule fetches its feeds on `cron` (UTC); its raw tables are overdue (warn) once
`warn_window` passes without a good load and stale (fail) after `fail_window`: one missed run warns,
two fail. Reference data (country codes, population, IEA) changes a few times a year: monthly is plenty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import dagster as dg

OWNER = "team:data-engineering"
TIMEZONE = "UTC"
DUCKDB_WRITER_POOL = "duckdb_writer"  # one writer at a time: the warehouse is a single DuckDB file


@dataclass(frozen=True)
class Cadence:
    label: str  # daily | weekly | monthly
    cron: str
    warn_window: timedelta
    fail_window: timedelta

    def freshness_policy(self) -> dg.FreshnessPolicy:
        return dg.FreshnessPolicy.time_window(fail_window=self.fail_window, warn_window=self.warn_window)


DAILY = Cadence("daily", "0 5 * * *", warn_window=timedelta(hours=30), fail_window=timedelta(hours=54))
WEEKLY = Cadence("weekly", "0 5 * * 1", warn_window=timedelta(days=8), fail_window=timedelta(days=15))
MONTHLY = Cadence("monthly", "0 5 1 * *", warn_window=timedelta(days=32), fail_window=timedelta(days=63))
# Reference runs on the 1st one hour before cost, so the country dimension is fresh when cost stages.
MONTHLY_REFERENCE = Cadence("monthly", "0 4 1 * *", warn_window=timedelta(days=32), fail_window=timedelta(days=63))

FAMILY_CADENCE: dict[str, Cadence] = {
    "energy": DAILY,
    "construction": WEEKLY,
    "cost": MONTHLY,
    "reference": MONTHLY_REFERENCE,
}
LAYERS = ("landing", "raw")


def group_name(family: str, layer: str) -> str:
    """Python feed assets: `<family>_<layer>`, e.g. energy_landing, energy_raw."""
    return f"{family}_{layer}"
