-- US consumer prices chained into a deflator with 2025 = 1.0, so nominal US dollars of any year can be
-- expressed in 2025 dollars. The World Bank publishes inflation as annual % changes, not as an index:
-- the index is rebuilt by chain-multiplying (1 + inflation_pct / 100) back from 2025.
-- The file ends before 2025: each missing year up to 2025 carries forward the last published rate,
-- flagged is_projected_rate. A gap inside the published years leaves inflation_pct null, which the
-- model's not_null test turns into a failure instead of a silently shorter chain.
with usa_inflation as (
    select year, inflation_pct
    from {{ source('raw', 'worldbank__cpi_inflation') }}
    where country_iso3 = 'USA'
),

last_published as (
    select max(year) as last_year, arg_max(inflation_pct, year) as last_inflation_pct
    from usa_inflation
),

year_spine as (
    -- through 2035, so announcements dated after 2025 deflate at the projected rate too
    select unnest(generate_series(min(year), greatest(max(year), 2035))) as year
    from usa_inflation
),

rates_through_2025 as (
    select
        year_spine.year,
        case
            when year_spine.year > last_published.last_year then last_published.last_inflation_pct
            else usa_inflation.inflation_pct
        end as inflation_pct,
        year_spine.year > last_published.last_year as is_projected_rate
    from year_spine
    cross join last_published
    left join usa_inflation using (year)
),

-- growth of prices from the end of year Y to 2025: the product of (1 + r/100) over the years after Y
growth_to_2025 as (
    select
        year,
        inflation_pct,
        is_projected_rate,
        case
            when year <= 2025
                then coalesce(exp(sum(ln(1 + inflation_pct / 100)) filter (where year <= 2025) over later_years), 1.0)
            -- after 2025: discount each later year's prices back to 2025 at the projected rate
            else exp(-sum(ln(1 + inflation_pct / 100)) filter (where year > 2025) over years_so_far)
        end as to_usd_2025_factor
    from rates_through_2025
    window
        later_years as (order by year rows between 1 following and unbounded following),
        years_so_far as (order by year rows between unbounded preceding and current row)
)

select
    year,
    inflation_pct,
    is_projected_rate,
    1 / to_usd_2025_factor as cpi_index_2025_base,
    to_usd_2025_factor
from growth_to_2025
