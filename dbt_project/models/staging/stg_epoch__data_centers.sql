-- Current power converted to IT power once, here. The site file does not say its basis; the timelines
-- file of the same export does: with an IT power column (2026 on) the site's current power is IT power,
-- without one (Dec-2025) it is facility power (SOURCE.md of both vintages), divided by epoch_site_facility_to_it.
with sites as (
    select * from {{ source('raw', 'epoch__data_centers') }}
),

vintage as (
    select count(reported_it_power_mw) > 0 as publishes_it_power
    from {{ source('raw', 'epoch__data_center_timelines') }}
)

select
    sites.data_center_name,
    sites.data_center_handle,
    sites.project,
    sites.project_confidence,
    sites.address,
    sites.country_name,
    sites.country_iso3,
    sites.country_iso3_basis,
    sites.latitude_deg,
    sites.longitude_deg,
    sites.owner,
    sites.owner_confidence,
    sites.users,
    sites.users_confidence,
    sites.investors,
    sites.investors_confidence,
    sites.construction_companies,
    sites.construction_companies_confidence,
    sites.energy_companies,
    sites.energy_companies_confidence,
    sites.h100_equivalents,
    sites.current_power_mw as reported_power_mw,
    case when vintage.publishes_it_power then 'it' else 'facility' end as reported_power_basis,
    case
        when vintage.publishes_it_power then sites.current_power_mw
        else sites.current_power_mw / {{ var('epoch_site_facility_to_it') }}
    end as it_power_mw,
    sites.capital_cost_usd_bn_2025,
    -- epoch reports 0 mw for sites where nothing runs yet
    sites.current_power_mw > 0 as is_operational,
    sites.source_file_sha256,
    sites.source_line
from sites
cross join vintage
