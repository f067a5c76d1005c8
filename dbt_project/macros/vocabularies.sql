{# Generated from data_contracts/ by `python -m data_contracts.dbt_sources`: edit the contracts, not this file. #}
{% macro vocabulary_values(name) %}
    {% set vocabularies = {
        'campus_status': ['talks', 'letter_of_intent', 'announced', 'permitted', 'under_construction', 'operational', 'paused', 'cancelled'],
        'area_type': ['country', 'aggregate'],
        'capex_basis': ['committed', 'announced_up_to', 'partner_plan', 'press_figure'],
        'date_precision': ['day', 'month', 'quarter', 'half', 'year'],
        'campus_phase': ['running', 'next_phase', 'rest'],
        'confidence_tag': ['confident', 'likely', 'speculative', 'untagged'],
        'programme': ['stargate', 'openai_for_countries'],
        'registry_field': ['status', 'it_mw', 'facility_mw', 'unstated_mw', 'online_on', 'capex_bn'],
        'project_kind': ['data_centre', 'factory']
    } %}
    {{ return(vocabularies[name]) }}
{% endmacro %}
