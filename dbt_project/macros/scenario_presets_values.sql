-- The scenario_presets var as rows, so models join scenarios like any other table.
{% macro scenario_presets_values() -%}
    {%- set presets = var('scenario_presets') -%}
    select * from (values
    {%- for name, preset in presets.items() %}
        ('{{ name }}', {{ preset['pue'] }}, {{ preset['utilisation'] }}, {{ preset['announced_to_built'] }}, {{ preset['demand_growth_pct_per_year'] }}){{ "," if not loop.last }}
    {%- endfor %}
    ) as presets(scenario, pue, utilisation, announced_to_built, demand_growth_pct_per_year)
{%- endmacro %}
