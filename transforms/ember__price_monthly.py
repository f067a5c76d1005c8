"""Ember monthly day-ahead wholesale prices (EUR/MWh), European countries."""

from __future__ import annotations

import polars as pl

