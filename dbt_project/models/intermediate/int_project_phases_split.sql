-- A project's capacity split into the phases the registry can date. Only the first phase carries an
-- online date, so a project that publishes a first-phase size becomes the first phase plus, when the
-- full build is larger, an undated remaining build. A project without a first-phase size stays whole:
-- inventing a phase size would be worse than keeping the one figure the pages gave.
with projects as (
    select * from {{ ref('int_project_versions_summarised') }}
),

first_phases as (
    select
        project_name,
        1 as phase_number,
        case when first_phase_it_mw is not null then 'first_phase' else 'full_build' end as phase,
        coalesce(first_phase_it_mw, planned_it_mw) as it_mw,
        -- a whole build is dated by the registry's only date, when its first part comes online
        true as is_dated_phase
    from projects
),

remaining_builds as (
    select
        project_name,
        2 as phase_number,
        'remaining_build' as phase,
        planned_it_mw - first_phase_it_mw as it_mw,
        false as is_dated_phase
    from projects
    where planned_it_mw > first_phase_it_mw
)

select * from first_phases
union all
select * from remaining_builds
