{#- The months an incremental run of the hourly models rebuilds (YYYY-MM-01): vars hourly_first_month /
    hourly_last_month when given by hand, else the Dagster partition range the hourly dbt asset wrote to
    audit.hourly_dbt_months (a table, not --vars: vars that change each run make dbt parse the project again). -#}
{% macro hourly_months() -%}
    {%- if var("hourly_first_month", none) -%}
        date '{{ var("hourly_first_month") }}' and date '{{ var("hourly_last_month", var("hourly_first_month")) }}'
    {%- else -%}
        (select first_month from audit.hourly_dbt_months) and (select last_month from audit.hourly_dbt_months)
    {%- endif -%}
{%- endmacro %}
