with clusters as (
    select * from {{ source('raw', 'epoch__gpu_clusters') }}
)

select
    -- the anonymised chinese systems share one name; name_seq tells them apart
    case
        when name_seq is null then cluster_name
        else cluster_name || ' #' || name_seq
    end as cluster_id,
    cluster_name,
    name_seq,
    status,
    certainty,
    single_cluster,
    country_name,
    country_iso3,
    location,
    owner,
    users,
    sector,
    first_operational_on,
    decommissioned_on,
    decommissioned_on_precision,
    power_capacity_mw,
    calculated_power_capacity_mw,
    reported_power_capacity_mw,
    h100_equivalents,
    chip_type_primary,
    chip_quantity_primary,
    total_ai_chips,
    gpu_supplier_primary,
    performance_int8_ops,
    performance_fp16_ops,
    performance_max_ops,
    hardware_cost_usd,
    is_possible_duplicate,
    possible_duplicate_of,
    in_standard_analysis,
    builds_upon,
    superseded_by,
    source_url,
    source_file_sha256,
    source_line
from clusters
