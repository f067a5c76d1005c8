{#
  A mart's figures are finished: each double is rounded to the precision its unit is stated at
  (var finished_figure_decimals, matched on the column name's unit), so two builds on the same files give
  the same bits whatever order DuckDB summed in. Intermediate models keep full precision: rounding happens
  once, where a figure is finished, never in between.
#}
{% macro round_finished_figures(relation) %}
    {% set decimals_by_unit = var('finished_figure_decimals') %}
    {% set assignments = [] %}
    {% for column in adapter.get_columns_in_relation(relation) %}
        {% if column.dtype | upper in ('DOUBLE', 'FLOAT', 'REAL') %}
            {% set ns = namespace(decimals=decimals_by_unit['default']) %}
            {% for unit, decimals in decimals_by_unit.items() %}
                {% if ns.decimals == decimals_by_unit['default'] and unit != 'default' and unit in column.name %}
                    {% set ns.decimals = decimals %}
                {% endif %}
            {% endfor %}
            {% do assignments.append(adapter.quote(column.name) ~ ' = round(' ~ adapter.quote(column.name) ~ ', ' ~ ns.decimals ~ ')') %}
        {% endif %}
    {% endfor %}
    {% if assignments %}
        update {{ relation }} set {{ assignments | join(', ') }}
    {% else %}
        select 1
    {% endif %}
{% endmacro %}
