-- Epoch's timeline milestones with the site each belongs to: the timelines name a site by its Handle
-- (Dec-2025) or by its Name (2026 on), so both are tried, here and only here. site_name is null for a
-- timeline the site table does not list (assert_epoch_timelines_join_sites, int_campus_records_left_out).
with sites as (
    select data_center_name, data_center_handle, it_power_mw from {{ ref('stg_epoch__data_centers') }}
)

select
    sites.data_center_name as site_name,
    sites.it_power_mw as site_current_it_mw,
    timelines.*
from {{ ref('stg_epoch__data_center_timelines') }} as timelines
left join sites on timelines.data_center_name in (sites.data_center_handle, sites.data_center_name)
