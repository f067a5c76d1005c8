{#
  A mart's figures are finished: each double is rounded to the precision its unit is stated at
  (var finished_figure_units, matched on the column name's unit), so two builds on the same files give
  the same bits whatever order DuckDB summed in. Intermediate models keep full precision: rounding happens
  once, where a figure is finished, never in between.
#}
{% macro round_finished_figures(relation) %}
    {% set units = var('finished_figure_units') %}
    {% set assignments = [] %}
    {% for column in adapter.get_columns_in_relation(relation) %}
        {% if column.dtype | upper in ('DOUBLE', 'FLOAT', 'REAL') %}
            {% set ns = namespace(decimals=none) %}
            {% for suffix, unit in units.items() %}
                {% if ns.decimals is none and suffix != 'default' and suffix in column.name %}
                    {% set ns.decimals = unit['decimals'] %}
                {% endif %}
            {% endfor %}
            {% set ns.decimals = units['default']['decimals'] if ns.decimals is none else ns.decimals %}
            {% set quoted = adapter.quote(column.name) %}
            {% do assignments.append(quoted ~ ' = round(' ~ quoted ~ ', ' ~ ns.decimals ~ ')') %}
        {% endif %}
    {% endfor %}
    {% if assignments %}
        update {{ relation }} set {{ assignments | join(', ') }}
    {% else %}
        select 1
    {% endif %}
{% endmacro %}
