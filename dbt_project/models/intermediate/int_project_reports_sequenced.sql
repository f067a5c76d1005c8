-- The report log as it stood on var registry_as_of (every report when unset), each report with the window
-- it held: a report holds until the next report on the same project, phase and field (a later date, or
-- the same date on a later line of the file). Nothing is overwritten: a report that contradicts an earlier
-- one is a new row, and the earlier one keeps its window.
with reports as (
    select * from {{ ref('stg_atlas__dc_project_reports') }}
    where reported_on <= {{ registry_as_of() }}
),

valued as (
    select
        *,
        -- the value in one text column, as the registry writes it, to compare a report with the one before
        coalesce(
            status,
            cast(mw as varchar),
            {{ partial_date_text('online_on', 'online_on_precision') }},
            cast(capex_bn as varchar) || ' ' || currency || ' ' || price_year
        ) as value_text
    from reports
),

sequenced as (
    select
        *,
        row_number() over report_order as report_number,
        lead(reported_on) over report_order as valid_to,
        lag(value_text) over report_order as previous_value_text
    from valued
    window report_order as (partition by project_id, phase_id, field order by reported_on, source_line)
)

select
    * exclude (previous_value_text, valid_to, source_file_sha256, source_line),
    previous_value_text,
    report_number > 1 and (value_text is distinct from previous_value_text) as changes_value,
    reported_on as valid_from,
    valid_to,
    {{ is_latest_report('project_id, phase_id, field') }} as is_current,
    source_file_sha256,
    source_line
from sequenced
