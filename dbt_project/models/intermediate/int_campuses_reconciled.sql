-- One row per campus: each figure from the best-ranked source that has it, with that source named,
-- so a campus phase described by the registry, Epoch's site list and Epoch's cluster list counts once.
with records as (
    select * from {{ ref('int_campus_records_unioned') }}
),

-- what runs now: Epoch's site tracking (satellite and permits) first, then the registry, then clusters.
-- Ties within a rank (two clusters of one campus) go to the first record by name: the same pick every build.
ranked as (
    select
        *,
        {'rank': source_rank, 'record': source_record} as source_order,
        {'rank': case source when 'epoch_data_center' then 1 when 'registry' then 2 else 3 end, 'record': source_record}
            as running_order
    from records
),

picked as (
    select
        campus_id,
        arg_min(country_iso3, source_order) as country_iso3,
        arg_min(source_record, source_order) as campus_name,
        count(*) as source_record_count,
        arg_min(status, source_order) as status,
        arg_min(source, source_order) as status_source,
        arg_min(it_mw, source_order) filter (where it_mw is not null) as best_it_mw,
        arg_min(source, source_order) filter (where it_mw is not null) as best_it_mw_source,
        arg_min(it_mw_basis, source_order) filter (where it_mw is not null) as best_it_mw_basis,
        arg_min(it_mw_basis, running_order) filter (where running_it_mw is not null) as running_it_mw_basis,
        arg_min(running_it_mw, running_order) filter (where running_it_mw is not null) as running_it_mw,
        arg_min(source, running_order) filter (where running_it_mw is not null) as running_it_mw_source,
        -- the campus's Epoch site, whose timeline dates each running increment
        min(source_record) filter (where source = 'epoch_data_center') as epoch_site_name,
        arg_min(next_phase_it_mw, source_order) filter (where next_phase_it_mw is not null) as next_phase_it_mw,
        arg_min(next_phase_online_on, source_order) filter (where next_phase_it_mw is not null) as next_phase_online_on,
        arg_min(next_phase_online_on_precision, source_order) filter (where next_phase_it_mw is not null)
            as next_phase_online_on_precision,
        arg_min(source, source_order) filter (where next_phase_it_mw is not null) as next_phase_source,
        -- only the registry reports its next phase's own status (Epoch's next increment is being built)
        arg_min(next_phase_status, source_order) filter (where next_phase_it_mw is not null) as next_phase_status,
        bool_or(has_estimated_mw) as has_estimated_mw,
        arg_min(h100_equivalents, source_order) filter (where h100_equivalents is not null) as h100_equivalents,
        arg_min(source, source_order) filter (where h100_equivalents is not null) as h100_equivalents_source,
        -- two capex bases, never one column: registry headlines and Epoch's totals including compute
        arg_min(headline_capex_usd_bn_2025, source_record) filter (where source = 'registry')
            as headline_capex_usd_bn_2025,
        arg_min(headline_capex_basis, source_record) filter (where source = 'registry') as headline_capex_basis,
        arg_min(epoch_capital_cost_usd_bn_2025, source_record) filter (where source = 'epoch_data_center')
            as epoch_capital_cost_usd_bn_2025,
        arg_min(online_on, source_order) filter (where online_on is not null) as online_on,
        arg_min(online_on_precision, source_order) filter (where online_on is not null) as online_on_precision,
        arg_min(source, source_order) filter (where online_on is not null) as online_on_source
    from ranked
    group by campus_id
)

select
    * exclude (best_it_mw, best_it_mw_source, best_it_mw_basis, running_it_mw_basis),
    -- a full build is never smaller than what runs (a registry headline Epoch has since seen exceeded)
    case when running_it_mw > coalesce(best_it_mw, 0) then running_it_mw else nullif(best_it_mw, 0) end as it_mw,
    case when running_it_mw > coalesce(best_it_mw, 0) then running_it_mw_source else best_it_mw_source end
        as it_mw_source,
    case when running_it_mw > coalesce(best_it_mw, 0) then running_it_mw_basis else best_it_mw_basis end as it_mw_basis
from picked
