"""The pandas baseline of benchmarks/hourly_scale.py: what an analyst would write to load the EIA files.

    .venv/bin/python -m benchmarks.hourly_pandas_analyst EIA_DIR OUT.duckdb

Why: the project's hourly path should be judged against the obvious alternative, not only against bare DuckDB.
This is that alternative, written plainly: read every BA file with pandas (MISSING / EMPTY as NaN, dates
parsed), add the BA from the file name, concatenate, write one DuckDB table. No screening: the sentinels and
zeros go in as demand. The whole feed is in memory at once (twice, while concatenating): its peak RSS is the
point, so hourly_scale.py skips it where that would not fit.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import duckdb
import pandas as pd

FILES = "*-G*.csv"  # the synthetic BA files of hourly_generate.py


def read_ba(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, na_values=["MISSING", "EMPTY"], keep_default_na=False)
    frame["date_time"] = pd.to_datetime(frame["date_time"], format="%Y-%m-%d %H:%M:%S", utc=True)
    frame.insert(0, "balancing_authority", path.stem)
    return frame.rename(columns={"date_time": "hour_utc", "demand (MW)": "demand_mw"})


def main(argv: list[str]) -> int:
    eia_dir, database = Path(argv[0]), Path(argv[1])
    start = time.perf_counter()
    demand = pd.concat([read_ba(p) for p in sorted(eia_dir.glob(FILES))], ignore_index=True)
    demand["demand_mw"] = demand["demand_mw"].astype("float64")
    with duckdb.connect(str(database)) as con:
        con.register("demand_frame", demand)
        con.execute("create table demand as select * from demand_frame")
        (rows,) = con.execute("select count(*) from demand").fetchone()
    print(f"{rows} rows in {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
