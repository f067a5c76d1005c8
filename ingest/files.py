"""Files written whole or not at all, and what a killed writer leaves behind. No Dagster here."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ingest.processes import process_alive

_PARTIAL = ".partial-"  # + the writer's pid: a killed run leaves it behind, and the next landing removes it


def write_atomically(path: Path, data: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f"{_PARTIAL}{os.getpid()}-", delete=False) as tmp:
        tmp.write(data)
    os.replace(tmp.name, path)


def remove_partials(folder: Path) -> None:
    """Partial files of processes that died writing them; never one a live process is writing."""
    for partial in folder.glob(f"{_PARTIAL}*"):
        pid = partial.name.removeprefix(_PARTIAL).split("-")[0]
        if not (pid.isdigit() and process_alive(int(pid))):
            partial.unlink(missing_ok=True)
