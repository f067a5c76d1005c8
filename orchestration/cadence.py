"""How often each feed family is refreshed, in one place: the schedules and the freshness policies read it.

A family's schedule fetches its feeds on `cron` (UTC); its raw tables are overdue (warn) once
`warn_window` passes without a good load and stale (fail) after `fail_window`: one missed run warns,
two fail. Reference data (country codes, population, IEA) changes a few times a year: monthly is plenty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import dagster as dg

TIMEZONE = "UTC"


@dataclass(frozen=True)
class Cadence:
    label: str  # daily | weekly | monthly
    cron: str
    warn_window: timedelta
    fail_window: timedelta

    def freshness_policy(self) -> dg.FreshnessPolicy:
        return dg.FreshnessPolicy.time_window(fail_window=self.fail_window, warn_window=self.warn_window)

    def monthly_partition_offsets(self) -> dict[str, int]:
        """The cron as the minute, hour and day of month a monthly partitioned schedule takes: Dagster builds
        that schedule's cron from its partitions and these, and refuses a cron of its own."""
        minute, hour, day_of_month, month, day_of_week = self.cron.split()
        if (month, day_of_week) != ("*", "*"):
            raise ValueError(f"cron {self.cron!r}: a monthly partitioned schedule runs on a day of every month")
        return {"minute_of_hour": int(minute), "hour_of_day": int(hour), "day_of_month": int(day_of_month)}


DAILY = Cadence("daily", "0 5 * * *", warn_window=timedelta(hours=30), fail_window=timedelta(hours=54))
WEEKLY = Cadence("weekly", "0 5 * * 1", warn_window=timedelta(days=8), fail_window=timedelta(days=15))
MONTHLY = Cadence("monthly", "0 5 1 * *", warn_window=timedelta(days=32), fail_window=timedelta(days=63))
# Reference runs on the 1st one hour before cost, so the country dimension is fresh when cost stages.
MONTHLY_REFERENCE = Cadence("monthly", "0 4 1 * *", warn_window=timedelta(days=32), fail_window=timedelta(days=63))

# The hourly grid feeds load whole UTC months: on the 1st, the month just ended (the latest partition).
MONTHLY_HOURLY = Cadence("monthly", "0 6 1 * *", warn_window=timedelta(days=32), fail_window=timedelta(days=63))

FAMILY_CADENCE: dict[str, Cadence] = {
    "energy": DAILY,
    "hourly": MONTHLY_HOURLY,
    "construction": WEEKLY,
    "cost": MONTHLY,
    "reference": MONTHLY_REFERENCE,
}


# The hourly feeds' partitions: one per UTC month, from the earliest month any of them holds (ENTSO-E 2016 starts 2015-12-31T23Z).
# A new month is one partition run; a backfill is a range, run as one run (BackfillPolicy.single_run).
HOURLY_MONTHS = dg.MonthlyPartitionsDefinition(start_date="2015-12-01", timezone=TIMEZONE)
HOURLY_BACKFILL = dg.BackfillPolicy.single_run()


def hourly_range_tags(months: str | None = None) -> dict[str, str]:
    """A run's hourly partitions as one range (the assets' single-run backfill policy): FIRST[:LAST] as
    YYYY-MM, or every month up to the last complete one."""
    keys = HOURLY_MONTHS.get_partition_keys()
    first, last = keys[0], keys[-1]
    if months:
        start, _, end = months.partition(":")
        first, last = f"{start[:7]}-01", f"{(end or start)[:7]}-01"
        for key in (first, last):
            if key not in keys:
                raise ValueError(
                    f"months {months}: {key[:7]} is not an hourly partition ({keys[0][:7]} to {keys[-1][:7]})"
                )
    return {"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last}
