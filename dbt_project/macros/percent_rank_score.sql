-- A column scored 0-1 by rank among the rows where `eligible` holds, 1 best: percent_rank, so one outlier
-- cannot squeeze everyone else into a corner of the scale as min-max does. lower_is_better ranks the
-- lowest value highest. Ties share the rank of the first of them; with no spread (one row, or all equal)
-- every row scores 1. Null for a null value or a row that is not eligible.
{% macro percent_rank_score(column, lower_is_better, eligible='true') -%}
    {%- set scored = '(' ~ column ~ ' is not null and (' ~ eligible ~ '))' -%}
    case when {{ scored }} then
        case when max({{ column }}) over (partition by {{ scored }}) = min({{ column }}) over (partition by {{ scored }})
            then 1.0
            else percent_rank() over (partition by {{ scored }} order by {{ column }} {{ 'desc' if lower_is_better else 'asc' }})
        end
    end
{%- endmacro %}
