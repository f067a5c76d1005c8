"""The registry's phases: each project's stages in the order they come online."""

from __future__ import annotations

from tests.helpers.feeds import real_bytes, screen_bytes

PHASES = "atlas__dc_project_phases"


def test_a_phase_of_an_unknown_project_is_quarantined():
    data = real_bytes(PHASES).rstrip(b"\n") + b"\nstargate_atlantis,1,full build,\n"
    screened = screen_bytes(PHASES, data)
    assert screened.quarantine.select("column_name", "reason").rows() == [
        ("project_id", "not a project_id in atlas__dc_projects (data_contracts/atlas__dc_projects.yml)")
    ]
