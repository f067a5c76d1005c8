with milestones as (
    select * from {{ source('epoch', 'data_center_timelines') }}
)

select
    data_center_name,
    date,
    construction_status,
    it_power_mw,
    h100_equivalents,
    buildings_operational,
    capital_cost_usd_bn_2025,
    compute_cost_usd_bn_2025,
    construction_cost_usd_bn_2025,
    building_area_sqft,
    site_area_sqft,
    water_use_mgd,
    performance_int8_ops,
    source_file_sha256,
    source_line
from milestones
