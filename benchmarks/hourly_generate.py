"""Synthetic EIA-930 hourly demand at scale, for benchmarks/hourly_scale.py: a mirror of N rows.

    .venv/bin/python -m benchmarks.hourly_generate --rows 1e7 --out /tmp/atlas-hourly-bench/rows-10000000
    .venv/bin/python -m benchmarks.hourly_generate --append-month /tmp/atlas-hourly-bench/rows-10000000

Why synthetic, and why like this: the recorded copy (../shared/reference_data/hourly/eia930_demand_by_ba) holds
about 1 M rows; a benchmark at 1e7 and 1e8 rows needs more files of the same kind. Each synthetic BA file is one
real file's series, every numeric value multiplied by a factor fixed by the seed and the file's name, so the
data keep the real hourly shapes and the real quirks the loader must survive, at the same timestamps:
MISSING / EMPTY rows, zeros (PJM-RECO), a BA that stopped reporting (NSB), spikes and sentinels. Values of
1e9 MW or more are sentinels (PJM's 2,147,480,000, about int32's maximum), not demand: they are kept verbatim.
The sources are every series file of the recorded copy (BAs, EIA regions and US48), taken in turn; synthetic
names are `<SOURCE>-G<nnnn>` (ERCO-G0001), one file per synthetic BA in the real layout: header
`date_time,demand (MW)`, CRLF, `YYYY-MM-DD HH:MM:SS` UTC, one row per hour.

The output folder is laid out like ../shared/reference_data, so it serves as ATLAS_MIRROR: every other folder
(the non-hourly feeds and the other two hourly feeds) is a symlink to the real one, and the EIA folder holds
only the synthetic files plus balancing_authority_acronyms.csv and SOURCE.md, copied.

Streaming: one file is built and written at a time (about 1.2 MB), so 1e8 rows (~2.7 GB) never sit in memory.
A marker file (.hourly_generate.json) records what was generated; the same request again is a no-op.

--append-month DIR adds the month after the last one in DIR for every BA, as a monthly download lands it: a file
of its own, <BA>__<YYYY-MM>.csv (the feed reads the BA before the "__"), holding the same month of the previous
year of its source (clamped to the source's years), scaled by the same factor. This is "one new month arrives"
for the benchmark. --reset DIR removes those files, undoing appends.
"""

from __future__ import annotations

import argparse
import calendar
import json
import math
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from data_contracts.paths import REFERENCE_DATA

EIA = Path("hourly") / "eia930_demand_by_ba"
COPIED = ("balancing_authority_acronyms.csv", "SOURCE.md")  # copied into the synthetic EIA folder
MARKER = ".hourly_generate.json"
HEADER = b"date_time,demand (MW)\r\n"
FIRST_MONTH, LAST_MONTH = "2020-01", "2024-12"  # the recorded copy's range
SENTINEL_MW = 1_000_000_000  # at or above: a sentinel, kept verbatim
SCALE_RANGE = (0.5, 2.0)
DEFAULT_SEED = 930
SYNTHETIC = re.compile(r"^[A-Z0-9-]+-G\d{4,}\.csv$")


# ---- the real series ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One real file, split into what scaling needs: its timestamps, numeric values and verbatim text values."""

    name: str
    stamps: list[bytes]  # b"2020-01-01 00:00:00"
    values: list[bytes]  # as in the file: b"96028", b"MISSING", b"EMPTY", b""
    numbers: np.ndarray  # float64, NaN where the value is not a plain integer
    scaled_mask: np.ndarray  # bool: a number below SENTINEL_MW (scaled); the rest is written verbatim


def source_names(reference: Path = REFERENCE_DATA) -> list[str]:
    """Every series file of the recorded copy: upper-case names (balancing_authority_acronyms.csv is not one)."""
    return sorted(p.stem for p in (reference / EIA).glob("[A-Z]*.csv"))


def read_series(path: Path) -> Series:
    lines = path.read_bytes().split(b"\r\n")
    if lines[0] + b"\r\n" != HEADER:
        raise ValueError(f"{path}: header {lines[0]!r}, expected {HEADER!r}")
    rows = [line.split(b",", 1) for line in lines[1:] if line]
    stamps = [r[0] for r in rows]
    values = [r[1] if len(r) > 1 else b"" for r in rows]
    numbers = np.array([float(v) if v.isdigit() else math.nan for v in values])
    with np.errstate(invalid="ignore"):
        scaled_mask = numbers < SENTINEL_MW  # NaN compares False
    return Series(path.stem, stamps, values, numbers, scaled_mask)


def scale_factor(name: str, seed: int) -> float:
    """Deterministic per synthetic BA: the same seed and name give the same factor, in every process."""
    return round(random.Random(f"{seed}:{name}").uniform(*SCALE_RANGE), 4)


def scaled_values(series: Series, factor: float, rows: slice | np.ndarray = slice(None)) -> list[bytes]:
    """The series' values (the rows selected) as written: numbers scaled and rounded, the rest verbatim."""
    values = series.values[rows] if isinstance(rows, slice) else [series.values[i] for i in rows]
    mask = series.scaled_mask[rows]
    scaled = np.rint(series.numbers[rows][mask] * factor).astype(np.int64).tolist()
    out, it = list(values), iter(scaled)
    for i in np.flatnonzero(mask).tolist():
        out[i] = str(next(it)).encode()
    return out


# ---- months -----------------------------------------------------------------------------------------------------


def next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + mon // 12}-{mon % 12 + 1:02d}"


def month_end_stamp(month: str) -> bytes:
    """The first timestamp after `month` (exclusive bound, compared as bytes: the format sorts as text)."""
    return f"{next_month(month)}-01 00:00:00".encode()


def _check_month(month: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise argparse.ArgumentTypeError(f"{month!r} is not YYYY-MM")
    return month


# ---- generate ---------------------------------------------------------------------------------------------------


def parse_rows(text: str) -> int:
    """1e6, 10000000, 1_000_000."""
    return int(float(text.replace("_", "")))


def _link_the_rest(reference: Path, out: Path) -> None:
    """Everything of the reference but the EIA folder, as symlinks: the full build reads DIR like the real mirror."""
    out.mkdir(parents=True, exist_ok=True)
    for entry in reference.iterdir():
        if entry.name == "hourly":
            continue
        _symlink(out / entry.name, entry)
    (out / "hourly").mkdir(exist_ok=True)
    for entry in (reference / "hourly").iterdir():
        if entry.name != EIA.name:
            _symlink(out / "hourly" / entry.name, entry)


def _symlink(link: Path, target: Path) -> None:
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.is_dir():
        shutil.rmtree(link)
    link.symlink_to(target, target_is_directory=target.is_dir())


def read_marker(out: Path) -> dict | None:
    marker = out / MARKER
    return json.loads(marker.read_text()) if marker.is_file() else None


def _write_marker(out: Path, marker: dict) -> None:
    tmp = out / (MARKER + ".tmp")
    tmp.write_text(json.dumps(marker, indent=1) + "\n")
    tmp.replace(out / MARKER)


def generate(
    rows: int, out: Path, through_month: str = LAST_MONTH, seed: int = DEFAULT_SEED, reference: Path = REFERENCE_DATA
) -> dict:
    """Writes (or reuses) the synthetic mirror; returns its marker."""
    out = out.resolve()
    if out == reference.resolve() or reference.resolve() in out.parents:
        raise SystemExit(f"--out {out} is inside the reference data: choose another folder")
    if not FIRST_MONTH <= through_month <= LAST_MONTH:
        raise SystemExit(f"--through-month {through_month}: the recorded copy covers {FIRST_MONTH} to {LAST_MONTH}")
    wanted = {"rows_requested": rows, "through_month": through_month, "seed": seed}
    previous = read_marker(out)
    if previous and all(previous.get(k) == v for k, v in wanted.items()) and not previous.get("appended"):
        print(f"reusing {out}: {previous['rows']:,} rows in {previous['files']:,} files already generated")
        return previous
    _link_the_rest(reference, out)
    eia = out / EIA
    eia.mkdir(parents=True, exist_ok=True)
    (out / MARKER).unlink(missing_ok=True)  # from here until the end, the folder is not a finished generation
    for old in eia.iterdir():
        if SYNTHETIC.match(old.name):
            old.unlink()
    for name in COPIED:
        shutil.copyfile(reference / EIA / name, eia / name)

    sources = [read_series(reference / EIA / f"{name}.csv") for name in source_names(reference)]
    end = month_end_stamp(through_month)
    kept = [sum(1 for s in series.stamps if s < end) for series in sources]  # each source's rows in range
    per_file = sum(kept) / len(kept)
    files = max(1, math.ceil(rows / per_file))
    width = max(4, len(str(files)))
    written, base_bytes = 0, {}
    for i in range(files):
        series, n = sources[i % len(sources)], kept[i % len(sources)]
        name = f"{series.name}-G{i + 1:0{width}d}"
        values = scaled_values(series, scale_factor(name, seed), slice(0, n))
        data = HEADER + b"".join(s + b"," + v + b"\r\n" for s, v in zip(series.stamps[:n], values))
        (eia / f"{name}.csv").write_bytes(data)
        written += n
        base_bytes[name] = len(data)
        if (i + 1) % 200 == 0:
            print(f"  {i + 1:,}/{files:,} files, {written:,} rows", flush=True)
    marker = {
        **wanted,
        "rows": written,
        "files": files,
        "csv_bytes": sum(base_bytes.values()),
        "last_month": through_month,
        "appended": [],
        "sources": [s.name for s in sources],
        "scale_range": list(SCALE_RANGE),
        "base_bytes": base_bytes,
    }
    _write_marker(out, marker)
    print(f"generated {out}: {written:,} rows in {files:,} files, {marker['csv_bytes'] / 2**20:,.0f} MiB of CSV")
    return marker


# ---- append one month, reset ------------------------------------------------------------------------------------


def _month_rows(series: Series, month: str) -> tuple[list[bytes], np.ndarray]:
    """`month`'s timestamps, and for each the row of the series holding the same month, day and hour of the
    previous year (clamped to the series' years; day 29 of a February taken from the 28th)."""
    year, mon = int(month[:4]), int(month[5:7])
    src_year = min(max(year - 1, int(FIRST_MONTH[:4])), int(LAST_MONTH[:4]))
    index = {s: i for i, s in enumerate(series.stamps)}
    days_src = calendar.monthrange(src_year, mon)[1]
    stamps, rows = [], []
    for day in range(1, calendar.monthrange(year, mon)[1] + 1):
        for hour in range(24):
            stamps.append(f"{month}-{day:02d} {hour:02d}:00:00".encode())
            rows.append(index[f"{src_year}-{mon:02d}-{min(day, days_src):02d} {hour:02d}:00:00".encode()])
    return stamps, np.array(rows)


def append_month(out: Path, reference: Path = REFERENCE_DATA) -> str:
    """Appends the next month to every synthetic file; returns that month (YYYY-MM)."""
    out = out.resolve()
    marker = read_marker(out)
    if marker is None:
        raise SystemExit(f"{out} holds no generated data ({MARKER} missing): generate it first")
    month = next_month(marker["last_month"])
    eia = out / EIA
    cache: dict[str, tuple[Series, list[bytes], np.ndarray]] = {}
    appended = 0
    for name in marker["base_bytes"]:
        source = name.rsplit("-G", 1)[0]
        if source not in cache:
            series = read_series(reference / EIA / f"{source}.csv")
            cache[source] = (series, *_month_rows(series, month))
        series, stamps, rows = cache[source]
        values = scaled_values(series, scale_factor(name, marker["seed"]), rows)
        with open(eia / f"{name}__{month}.csv", "wb") as f:
            f.write(HEADER + b"".join(s + b"," + v + b"\r\n" for s, v in zip(stamps, values)))
        appended += len(stamps)
    marker["last_month"] = month
    marker["appended"] = [*marker["appended"], {"month": month, "rows": appended}]
    _write_marker(out, marker)
    print(f"appended {month}: {appended:,} rows to {len(marker['base_bytes']):,} files in {eia}")
    return month


def reset(out: Path) -> dict:
    """Truncates every file back to its generated size: the appended months go."""
    out = out.resolve()
    marker = read_marker(out)
    if marker is None:
        raise SystemExit(f"{out} holds no generated data ({MARKER} missing)")
    for name, size in marker["base_bytes"].items():
        with open(out / EIA / f"{name}.csv", "r+b") as f:
            f.truncate(size)  # appends of an older version of this script grew the file itself
        for month_file in (out / EIA).glob(f"{name}__*.csv"):
            month_file.unlink()
    marker["last_month"], marker["appended"] = marker["through_month"], []
    _write_marker(out, marker)
    print(f"reset {out} to {marker['rows']:,} rows through {marker['through_month']}")
    return marker


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hourly_generate", description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--rows", type=parse_rows, help="about how many rows in all (1e6, 1e7, 1e8); with --out")
    mode.add_argument(
        "--append-month", metavar="DIR", type=Path, help="add the next month of every BA to DIR, a file each"
    )
    mode.add_argument("--reset", metavar="DIR", type=Path, help="undo --append-month: back to the generated rows")
    parser.add_argument("--out", type=Path, help="the mirror folder to write (with --rows)")
    parser.add_argument("--through-month", type=_check_month, default=LAST_MONTH, help=f"YYYY-MM, default {LAST_MONTH}")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--reference", type=Path, default=REFERENCE_DATA, help=f"the recorded copy, default {REFERENCE_DATA}"
    )
    args = parser.parse_args(argv)
    if args.rows is not None:
        if args.out is None:
            parser.error("--rows needs --out DIR")
        generate(args.rows, args.out, args.through_month, args.seed, args.reference)
    elif args.append_month is not None:
        print(append_month(args.append_month, args.reference))  # the last line is the month appended
    else:
        reset(args.reset)
    return 0


if __name__ == "__main__":
    sys.exit(main())
