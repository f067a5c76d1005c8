"""What a many-file feed's file name says."""

from __future__ import annotations

from pathlib import PurePath


def series_of(file_name: str) -> str:
    """A many-file feed's file is <series>.csv or a part of it, <series>__<part>.csv (ERCO__2025-01.csv)."""
    return PurePath(file_name).stem.split("__")[0]
