with population as (
    select * from {{ source('worldbank', 'population') }}
)

select
    area_code,
    area_name,
    area_type,
    country_iso3,
    year,
    population_persons,
    source_file_sha256,
    source_line
from population
