"""datahub monthly exchange rates: currency units per 1 USD, one row per currency and month (transforms/common/fx_rates.py)."""

from transforms.common.fx_rates import prepare, rules

__all__ = ["prepare", "rules"]
