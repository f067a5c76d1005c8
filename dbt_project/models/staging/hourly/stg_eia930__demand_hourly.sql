-- Hourly demand by balancing authority, screened on load (sentinels, zeros and missing hours are in
-- audit.quarantine). Incremental by month: a run rebuilds only the months of its Dagster partitions.
with demand as (
    select * from {{ source('raw', 'eia930__demand_hourly') }}
    {% if is_incremental() %}
        where month_start between {{ hourly_months() }}
    {% endif %}
)

select
    balancing_authority,
    hour_utc,
    month_start,
    demand_mw,
    source_file_sha256,
    source_line
from demand
