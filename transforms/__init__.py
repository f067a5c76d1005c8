"""Pure polars transforms, one module per feed plus shared helpers. Never imports Dagster, does no I/O."""
