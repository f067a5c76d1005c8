{# The column holds only values of a vocabulary in data_contracts/vocabularies.yml (nulls pass: not_null says otherwise). #}
{% test accepted_vocabulary(model, column_name, vocabulary) %}
select {{ column_name }} as value
from {{ model }}
where {{ column_name }} is not null
  and {{ column_name }} not in ({% for v in vocabulary_values(vocabulary) %}'{{ v }}'{{ ", " if not loop.last }}{% endfor %})
{% endtest %}
