"""Scorers against public gold data, one module per gold format.

Each scorer returns a plain dict of numbers; ``baseline.json`` holds the
floors a test enforces (``tests/test_quality_gates.py``). Development sets
are split into a tune and a check part (``split.py``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import SharedDataMissing

__all__ = ["shared_data", "repository_root", "SharedDataMissing"]

PROJECT = "storyline"


def repository_root(start: Path | None = None) -> Path | None:
    """The checkout this package comes from: the nearest folder above the package that holds a
    ``pyproject.toml`` naming the project. That is the checkout for a source tree or an
    editable install, and also for a package installed into a virtual environment inside the
    checkout (``.venv/lib/python3.11/site-packages/storyline``); None for a package installed
    anywhere else, which has no checkout."""
    here = (start or Path(__file__)).resolve()
    for folder in here.parents:
        project = folder / "pyproject.toml"
        try:
            text = project.read_text("utf-8") if project.is_file() else ""
        except OSError:
            continue
        if re.search(rf'^name\s*=\s*"{PROJECT}"\s*$', text, re.M):
            return folder
    return None


# the checkout this package runs from (storyline/evaluate/__init__.py -> the repository)
CHECKOUT = repository_root() or Path(__file__).resolve().parents[2]


def shared_data(name: str = "", *, must_exist: bool = False) -> Path:
    """A path under the shared gold data: ``$STORYLINE_SHARED_DATA/NAME``, else
    ``shared/data/NAME`` beside the checkout (``../shared/data`` seen from the repository,
    whatever the working directory), else — for an installed package, which has no checkout —
    ``../shared/data`` from the working directory. With ``must_exist``, a path that does not
    exist raises :class:`SharedDataMissing`, naming where it looked and the fix."""
    root = os.environ.get("STORYLINE_SHARED_DATA")
    checkout = repository_root()
    if root:
        base, where = Path(root), "$STORYLINE_SHARED_DATA"
    elif checkout is not None:
        base, where = checkout.parent / "shared" / "data", f"beside the checkout {checkout}"
    else:
        base, where = Path.cwd().parent / "shared" / "data", "from the working directory (an installed package has no checkout)"
    path = base / name
    if must_exist and not path.exists():
        raise SharedDataMissing(
            f"{path}: gold data not found ({where}). Put the shared data there, set STORYLINE_SHARED_DATA "
            "to its folder, or pass the path as DATA."
        )
    return path
