-- Epoch's GPU clusters with their phases chained: a later phase includes the earlier ones (Colossus Phase 2
-- builds upon Phase 1), so a chain counts once. Its latest phase is the full build and its latest existing
-- phase is what runs. Links are Epoch's "Builds Upon" (the earlier phase) and "Superseded by" (the later one).
-- Power basis, one per figure: Epoch's calculated power is facility power (divided by epoch_cluster_pue);
-- a reported figure is a headline capacity, taken as IT power as the registry takes headlines; unknown
-- power of an existing cluster is estimated from its H100-equivalents (flagged), never a change of status.
with recursive counted as (
    select * exclude (left_out_reason)
    from {{ ref('int_epoch_clusters_screened') }}
    where left_out_reason is null
),

-- IT watts per H100-equivalent of existing clusters whose power Epoch calculated: the estimate's yardstick
yardstick as (
    select
        median(calculated_power_capacity_mw / {{ var('epoch_cluster_pue') }} * 1e6 / h100_equivalents) as it_w_per_h100e
    from counted
    where status = 'existing' and calculated_power_capacity_mw > 0 and h100_equivalents > 0
),

powered as (
    select
        counted.*,
        case
            when reported_power_capacity_mw is not null then reported_power_capacity_mw
            when power_capacity_mw is not null then power_capacity_mw / {{ var('epoch_cluster_pue') }}
            when status = 'existing' and h100_equivalents > 0 then h100_equivalents * yardstick.it_w_per_h100e / 1e6
        end as cluster_it_mw,
        case
            when reported_power_capacity_mw is not null then 'reported_headline'
            when power_capacity_mw is not null then 'calculated_facility_converted'
            when status = 'existing' and h100_equivalents > 0 then 'estimated_from_h100e'
        end as it_mw_basis
    from counted
    cross join yardstick
),

links as (
    select distinct earlier.cluster_id as earlier_id, later.cluster_id as later_id
    from powered as later
    join powered as earlier
        on later.builds_upon in (earlier.cluster_name, earlier.cluster_id)
            or earlier.superseded_by in (later.cluster_name, later.cluster_id)
    where earlier.cluster_id != later.cluster_id
),

-- walk each cluster forward to the latest phase that includes it (depth-capped against a cycle in the links)
walk as (
    select cluster_id as member_id, cluster_id as reached_id, 0 as depth from powered
    union all
    select walk.member_id, links.later_id, walk.depth + 1
    from walk
    join links on links.earlier_id = walk.reached_id
    where walk.depth < 20
),

chains as (
    -- a phase two later phases build upon joins the first of them by name: it counts once either way
    select member_id, min(reached_id) as chain_id
    from walk
    where reached_id not in (select earlier_id from links)
    group by member_id
),

members as (
    select chains.chain_id, powered.*
    from chains
    join powered on powered.cluster_id = chains.member_id
)

select
    chain_id as cluster_id,
    any_value(country_iso3) filter (where cluster_id = chain_id) as country_iso3,
    case when bool_or(status = 'existing') then 'operational' else 'announced' end as status,
    count(*) as phase_count,
    string_agg(cluster_id, '; ' order by cluster_id) filter (where cluster_id != chain_id) as earlier_phases,
    coalesce(any_value(cluster_it_mw) filter (where cluster_id = chain_id), max(cluster_it_mw)) as it_mw,
    coalesce(
        any_value(it_mw_basis) filter (where cluster_id = chain_id),
        arg_max(it_mw_basis, {'mw': cluster_it_mw, 'cluster': cluster_id})
    ) as it_mw_basis,
    -- null when no existing phase has a power figure: unknown, not zero
    case when bool_or(status = 'existing') then max(cluster_it_mw) filter (where status = 'existing') else 0 end
        as running_it_mw,
    bool_or(it_mw_basis = 'estimated_from_h100e') as has_estimated_mw,
    coalesce(any_value(h100_equivalents) filter (where cluster_id = chain_id), max(h100_equivalents))
        as h100_equivalents,
    coalesce(min(first_operational_on) filter (where status = 'existing'), min(first_operational_on))
        as first_operational_on
from members
group by chain_id
