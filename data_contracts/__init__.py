"""Data contracts: one YAML per feed, the single source for staged schemas, quarantine rules and GX suites."""

from data_contracts.contract import Column, Contract, load_contract

__all__ = ["Column", "Contract", "load_contract"]
