-- Germany's hourly day-ahead price, one row per UTC hour. Incremental by month (the Dagster partitions).
with prices as (
    select * from {{ source('raw', 'entsoe__day_ahead_price_hourly') }}
    {% if is_incremental() %}
        where month_start between {{ hourly_months() }}
    {% endif %}
)

select
    price_zone,
    hour_utc,
    local_start,
    month_start,
    price_eur_per_mwh,
    source_file_sha256,
    source_line
from prices
