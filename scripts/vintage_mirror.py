"""A mirror laid out like reference_data whose `epoch_ai/` is another Epoch export, built of symlinks.

The mirror's default Epoch vintage is December 2025 (reference_data/epoch_ai). To build the warehouse on
the July-2026 export instead:  python -m scripts.vintage_mirror ../shared/reference_data
epoch_ai_2026_07 .atlas/mirror-epoch-2026  then  ATLAS_MIRROR=.atlas/mirror-epoch-2026 make run.
Nothing is copied: third-party files stay where they are.
"""

from __future__ import annotations

import sys
from pathlib import Path

EPOCH_DIR = "epoch_ai"


def vintage_mirror(reference: Path, epoch_vintage: str, target: Path) -> Path:
    reference, target = reference.resolve(), target.resolve()
    if not (reference / epoch_vintage / "data_centers.csv").is_file():
        raise FileNotFoundError(f"{reference / epoch_vintage} holds no Epoch export (data_centers.csv)")
    target.mkdir(parents=True, exist_ok=True)
    for entry in reference.iterdir():
        if entry.is_dir():
            link = target / entry.name
            if link.is_symlink():
                link.unlink()
            link.symlink_to(reference / epoch_vintage if entry.name == EPOCH_DIR else entry, target_is_directory=True)
    return target


if __name__ == "__main__":
    reference_dir, vintage, target_dir = sys.argv[1:4]
    print(vintage_mirror(Path(reference_dir), vintage, Path(target_dir)))
