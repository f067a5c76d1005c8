{# The column holds only values of a vocabulary in data_contracts/vocabularies.yml (nulls pass: not_null says
   otherwise). #}
{% test accepted_vocabulary(model, column_name, vocabulary) %}
select {{ column_name }} as value
from {{ model }}
where {{ column_name }} is not null
  and {{ column_name }} not in ({% for v in vocabulary_values(vocabulary) %}'{{ v }}'{{ ", " if not loop.last }}{% endfor %})
{% endtest %}

{# A vocabulary's values ranked in the order vocabularies.yml lists them (campus phases: running first). #}
{% macro vocabulary_rank(vocabulary, column) %}
    case {{ column }}{% for v in vocabulary_values(vocabulary) %} when '{{ v }}' then {{ loop.index }}{% endfor %} end
{% endmacro %}
