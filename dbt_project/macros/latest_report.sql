{# "Latest report wins": true for the latest report of each `partition_by` group of the registry's report log,
   the one with the latest reported_on, and on a tie of days the later line of the file. Every pick of the
   current report (int_project_reports_sequenced's is_current, int_project_phases_resolved's latest word per
   phase) is this one expression: a filter for `qualify`, or a flag. #}
{% macro is_latest_report(partition_by) -%}
    row_number() over (partition by {{ partition_by }} order by reported_on desc, source_line desc) = 1
{%- endmacro %}
