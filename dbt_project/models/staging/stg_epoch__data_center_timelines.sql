-- Power converted to IT power once, here: where the export publishes IT power (2026 on) it is taken as
-- published; where it publishes facility power only (Dec-2025) it is divided by epoch_site_facility_to_it.
with milestones as (
    select * from {{ source('raw', 'epoch__data_center_timelines') }}
)

select
    data_center_name,
    date,
    construction_status,
    coalesce(reported_it_power_mw, facility_power_mw / {{ var('epoch_site_facility_to_it') }}) as it_power_mw,
    case when reported_it_power_mw is not null then 'reported' else 'converted_from_facility' end as it_power_basis,
    facility_power_mw,
    h100_equivalents,
    buildings_operational,
    capital_cost_usd_bn_2025,
    compute_cost_usd_bn_2025,
    construction_cost_usd_bn_2025,
    annual_operating_cost_usd_bn_2025,
    building_area_sqft,
    site_area_sqft,
    water_use_mgd,
    performance_int8_ops,
    source_file_sha256,
    source_line
from milestones
