{# The model's grain: no two rows share these columns. Written once here per mart, read by the release's change
   report too (serving/releases.py), which matches rows of two releases on it. #}
{% test grain(model, columns) %}
select {{ columns | join(', ') }}, count(*) as row_count
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
