"""datahub monthly exchange rates: currency units per 1 USD, one row per currency and month (transforms/fx_rates.py)."""

from transforms.fx_rates import prepare, rules

__all__ = ["prepare", "rules"]
