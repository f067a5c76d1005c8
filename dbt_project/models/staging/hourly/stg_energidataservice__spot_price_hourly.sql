-- Denmark's hourly spot price by price area, one row per UTC hour. Incremental by month (the Dagster partitions).
with prices as (
    select * from {{ source('raw', 'energidataservice__spot_price_hourly') }}
    {% if is_incremental() %}
        where month_start between {{ hourly_months() }}
    {% endif %}
)

select
    price_area as price_zone,
    hour_utc,
    month_start,
    spot_price_eur_per_mwh as price_eur_per_mwh,
    spot_price_dkk_per_mwh,
    source_file_sha256,
    source_line
from prices
