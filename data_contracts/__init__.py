"""Data contracts: one YAML per feed, the single source for raw table schemas, row rules, GX suites and dbt sources."""

from data_contracts.contract import Column, Contract, load_contract

__all__ = ["Column", "Contract", "load_contract"]
