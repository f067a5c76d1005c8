{# Partial dates are kept as the first day of their period plus a precision (day, month, quarter, half, year). #}

{# The first day of the period of `precision` that holds `date` (DuckDB's date_trunc knows no half-year). #}
{% macro period_start(date, precision) %}
    case {{ precision }}
        when 'half' then make_date(year({{ date }}), case when month({{ date }}) <= 6 then 1 else 7 end, 1)
        else cast(date_trunc({{ precision }}, {{ date }}) as date)
    end
{% endmacro %}

{# The last day of the period a partial date names: when a plan for it is overdue. #}
{% macro period_end(date, precision) %}
    cast(
        {{ date }} + case {{ precision }}
            when 'year' then interval 1 year
            when 'half' then interval 6 month
            when 'quarter' then interval 3 month
            when 'month' then interval 1 month
            else interval 1 day
        end - interval 1 day
    as date)
{% endmacro %}

{# The coarser of two precisions: two partial dates compare only as precisely as the vaguer one. #}
{% macro coarser_precision(a, b) %}
    case
        when {{ a }} is null or {{ b }} is null then null
        when 'year' in ({{ a }}, {{ b }}) then 'year'
        when 'half' in ({{ a }}, {{ b }}) then 'half'
        when 'quarter' in ({{ a }}, {{ b }}) then 'quarter'
        when 'month' in ({{ a }}, {{ b }}) then 'month'
        else 'day'
    end
{% endmacro %}

{# The registry as it stood on var registry_as_of (a date); unset: every report entered. #}
{% macro registry_as_of() %}
    {%- set as_of = var('registry_as_of', none) -%}
    {%- if as_of -%} date '{{ as_of }}' {%- else -%} date '9999-12-31' {%- endif -%}
{% endmacro %}

{# A partial date as it is written in the registry: 2026, 2026-H2, 2026-Q3, 2026-09, 2026-09-30. #}
{% macro partial_date_text(date, precision) %}
    case {{ precision }}
        when 'year' then strftime({{ date }}, '%Y')
        when 'half' then strftime({{ date }}, '%Y') || '-H' || case when month({{ date }}) <= 6 then '1' else '2' end
        when 'quarter' then strftime({{ date }}, '%Y') || '-Q' || quarter({{ date }})
        when 'month' then strftime({{ date }}, '%Y-%m')
        when 'day' then strftime({{ date }}, '%Y-%m-%d')
    end
{% endmacro %}
