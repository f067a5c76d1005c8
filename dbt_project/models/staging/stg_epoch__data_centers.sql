with sites as (
    select * from {{ source('epoch', 'data_centers') }}
)

select
    data_center_name,
    data_center_handle,
    project,
    project_confidence,
    address,
    country_name,
    country_iso3,
    country_iso3_basis,
    latitude_deg,
    longitude_deg,
    owner,
    owner_confidence,
    users,
    users_confidence,
    investors,
    investors_confidence,
    construction_companies,
    construction_companies_confidence,
    energy_companies,
    energy_companies_confidence,
    h100_equivalents,
    it_power_mw,
    capital_cost_usd_bn_2025,
    -- epoch reports 0 mw for sites where nothing runs yet
    it_power_mw > 0 as is_operational,
    source_file_sha256,
    source_line
from sites
