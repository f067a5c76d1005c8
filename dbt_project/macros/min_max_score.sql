-- A column scaled 0-1 across all rows, 1 best: lower_is_better flips the scale; with no spread every
-- row that has a value scores 1; a null stays null.
{% macro min_max_score(column, lower_is_better) -%}
    coalesce(
        {% if lower_is_better %}(max({{ column }}) over () - {{ column }}){% else %}({{ column }} - min({{ column }}) over ()){% endif %}
        / nullif(max({{ column }}) over () - min({{ column }}) over (), 0),
        case when {{ column }} is not null then 1.0 end
    )
{%- endmacro %}
