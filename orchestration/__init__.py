"""Dagster definitions for Capacity Atlas. `definitions.py` assembles; nothing runs at import."""
