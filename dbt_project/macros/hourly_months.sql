{#- The months a partitioned run rebuilds: vars hourly_first_month / hourly_last_month (YYYY-MM-01), set
    from the Dagster partition range (orchestration/dbt_assets.py); unset, every month. -#}
{% macro hourly_months() -%}
    date '{{ var("hourly_first_month", "1900-01-01") }}' and date '{{ var("hourly_last_month", "9999-12-01") }}'
{%- endmacro %}
