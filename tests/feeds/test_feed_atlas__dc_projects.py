"""The registry's projects: the entity every phase and report hangs on."""

from __future__ import annotations

import polars as pl
import pytest

from tests.helpers.feeds import real_bytes, replace_line, screen_bytes

PROJECTS = "atlas__dc_projects"
PHASES = "atlas__dc_project_phases"  # every project has a phase 1 (checked here, with the projects)


def test_every_project_and_phase_stages_whole():
    projects = screen_bytes(PROJECTS, real_bytes(PROJECTS))
    phases = screen_bytes(PHASES, real_bytes(PHASES))
    assert projects.rows_quarantined == phases.rows_quarantined == 0
    # every project has a phase 1, and phases are numbered 1..n without gaps
    numbered = phases.rows.group_by("project_id").agg(pl.col("phase_id").sort())
    assert set(numbered["project_id"]) == set(projects.rows["project_id"])
    assert all(ids == list(range(1, len(ids) + 1)) for ids in numbered["phase_id"].to_list())


def test_programme_tags_and_kinds():
    rows = screen_bytes(PROJECTS, real_bytes(PROJECTS)).rows
    kinds = dict(rows.select("project_id", "project_kind").iter_rows())
    assert kinds["stargate_lordstown"] == "factory"  # SoftBank's plant for modular data-centre equipment
    tagged = rows.filter(pl.col("programmes").str.contains("stargate"))["project_id"].to_list()
    assert "stargate_abilene" in tagged and "fairwater_atlanta" not in tagged and "piketon" not in tagged


def _line_of(data: bytes, project_id: bytes) -> int:
    return next(i for i, line in enumerate(data.split(b"\n"), start=1) if line.startswith(project_id + b","))


@pytest.mark.parametrize(
    "old, new, column, reason",
    [
        (
            b",stargate,",
            b",stargate; moonshot,",
            "programmes",
            "not a '; '-separated list of ['stargate', 'openai_for_countries']",
        ),
        (b",data_centre,", b",warehouse,", "project_kind", "not one of ['data_centre', 'factory']"),
        (b",USA,", b",US,", "country_iso3", "does not match ^[A-Z]{3}$"),
    ],
)
def test_bad_projects_are_quarantined_with_their_reason(old, new, column, reason):
    data = real_bytes(PROJECTS)
    line = _line_of(data, b"stargate_abilene")
    screened = screen_bytes(PROJECTS, replace_line(data, line, old, new))
    assert (line, column, reason) in screened.quarantine.select("source_line", "column_name", "reason").rows()
