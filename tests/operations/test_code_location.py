"""The code location loads the way `make ui` loads it: the dagster CLI, in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from data_contracts.paths import REPO_ROOT


def test_dagster_cli_loads_the_code_location_without_errors(tmp_path):
    """What `dagster dev` does first; a failure here is an empty graph in the UI."""
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dagster"), "definitions", "validate", "-m", "orchestration.definitions"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation successful" in result.stdout + result.stderr
