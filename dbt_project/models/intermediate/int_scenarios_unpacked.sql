-- One row per scenario preset (dbt var scenario_presets, sources in dbt_project.yml).
with presets as (
    {{ scenario_presets_values() }}
)

select
    cast(scenario as varchar) as scenario,
    cast(pue as double) as pue,
    cast(utilisation as double) as utilisation,
    cast(announced_to_built as double) as announced_to_built,
    cast(demand_growth_pct_per_year as double) as demand_growth_pct_per_year
from presets
