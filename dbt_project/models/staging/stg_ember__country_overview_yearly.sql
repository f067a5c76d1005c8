with overview as (
    select * from {{ source('ember', 'country_overview_yearly') }}
)

select
    area_code,
    area_name,
    area_type,
    country_iso3,
    year,
    demand_twh,
    demand_mwh_per_capita,
    emissions_intensity_gco2_per_kwh,
    continent,
    ember_region,
    is_eu,
    is_g20,
    is_g7,
    is_oecd,
    latest_year,
    source_file_sha256,
    source_line
from overview
