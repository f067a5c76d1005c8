-- One row per campus: each figure from the best-ranked source that has it, with that source named,
-- so a campus phase described by the registry, Epoch's site list and Epoch's cluster list counts once.
with records as (
    select * from {{ ref('int_campus_records_unioned') }}
)

select
    campus_id,
    arg_min(country_iso3, source_rank) as country_iso3,
    arg_min(source_record, source_rank) as campus_name,
    count(*) as source_record_count,
    arg_min(status, source_rank) as status,
    arg_min(source, source_rank) as status_source,
    arg_min(it_mw, source_rank) filter (where it_mw is not null) as it_mw,
    arg_min(source, source_rank) filter (where it_mw is not null) as it_mw_source,
    -- what runs now: Epoch's site tracking (satellite and permits) first, then the registry, then clusters
    arg_min(running_it_mw, case source when 'epoch_data_center' then 1 when 'registry' then 2 else 3 end)
        filter (where running_it_mw is not null) as running_it_mw,
    arg_min(source, case source when 'epoch_data_center' then 1 when 'registry' then 2 else 3 end)
        filter (where running_it_mw is not null) as running_it_mw_source,
    max(first_phase_it_mw) as first_phase_it_mw,
    arg_min(h100_equivalents, source_rank) filter (where h100_equivalents is not null) as h100_equivalents,
    arg_min(source, source_rank) filter (where h100_equivalents is not null) as h100_equivalents_source,
    arg_min(capex_usd_bn_2025, source_rank) filter (where capex_usd_bn_2025 is not null) as capex_usd_bn_2025,
    arg_min(source, source_rank) filter (where capex_usd_bn_2025 is not null) as capex_source,
    arg_min(online_on, source_rank) filter (where online_on is not null) as online_on,
    arg_min(online_on_precision, source_rank) filter (where online_on is not null) as online_on_precision,
    arg_min(source, source_rank) filter (where online_on is not null) as online_on_source
from records
group by campus_id
