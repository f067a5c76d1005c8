"""Load a many-file hourly feed by month into raw.<feed>. No Dagster here: the partitioned raw asset calls it.

Two steps, so memory is bounded by a few files and two chunks of rows, never the whole feed:
1. spill.py: each landed file is read, checked and prepared once (ingest/screening.py), then kept as Parquet,
   each row with its month and whole record;
2. months.py: each month asked for whose rows changed since its last good load (a digest of its records) is
   screened by the contract and gated by Great Expectations, in batches of whole months, each screened in chunks
   of whole series (a BA's files) staged in DuckDB; a batch replaces its months' rows in one transaction if every
   chunk passed. A month whose rows did not change is left alone, so adding a month loads one month.
"""

from ingest.hourly.months import HourlyOutcome, load_months

__all__ = ["HourlyOutcome", "load_months"]
