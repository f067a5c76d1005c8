{# Generated from data_contracts/ by `python -m data_contracts.dbt_sources`: edit the contracts, not this file. #}
{% macro vocabulary_values(name) %}
    {% set vocabularies = {
        'campus_status': ['announced', 'permitted', 'under_construction', 'operational', 'paused', 'cancelled'],
        'area_type': ['country', 'aggregate'],
        'capex_basis': ['committed', 'announced_up_to', 'partner_plan', 'press_figure'],
        'date_precision': ['day', 'month', 'quarter', 'year'],
        'campus_phase': ['running', 'next_phase', 'rest'],
        'confidence_tag': ['confident', 'likely', 'speculative', 'untagged']
    } %}
    {{ return(vocabularies[name]) }}
{% endmacro %}
