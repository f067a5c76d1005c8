{# The registry's power for sums: IT where a source says IT, then a figure of unstated basis (press figures for
   AI campuses are mostly IT), then facility power converted with epoch_site_facility_to_it. Never mixed. #}
{% macro registry_it_mw(it_mw, unstated_mw, facility_mw) %}
    coalesce({{ it_mw }}, {{ unstated_mw }}, {{ facility_mw }} / {{ var('epoch_site_facility_to_it') }})
{% endmacro %}

{# Which of the three registry_it_mw took. #}
{% macro registry_mw_basis(it_mw, unstated_mw, facility_mw) %}
    case
        when {{ it_mw }} is not null then 'reported_it'
        when {{ unstated_mw }} is not null then 'unstated_taken_as_it'
        when {{ facility_mw }} is not null then 'converted_from_facility'
    end
{% endmacro %}
