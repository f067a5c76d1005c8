"""datahub annual exchange rates: currency units per 1 USD, one row per currency and year (transforms/common/fx_rates.py)."""

from transforms.common.fx_rates import prepare, rules

__all__ = ["prepare", "rules"]
