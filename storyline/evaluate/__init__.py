"""Scorers against public gold data, one module per gold format.

Each scorer returns a plain dict of numbers; ``baseline.json`` holds the
floors a test enforces (``tests/test_quality_gates.py``). Development sets
are split into a tune and a check part (``split.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["shared_data"]

# the checkout this package runs from (storyline/evaluate/__init__.py -> the repository)
CHECKOUT = Path(__file__).resolve().parents[2]


def shared_data(name: str = "") -> Path:
    """A path under the shared gold data: ``$STORYLINE_SHARED_DATA``, else ``shared/data``
    beside the checkout (``../shared/data`` seen from it, whatever the working directory),
    else — for an installed package, which has no checkout — ``../shared/data`` from the
    working directory."""
    root = os.environ.get("STORYLINE_SHARED_DATA")
    if root:
        return Path(root) / name
    beside = CHECKOUT.parent / "shared" / "data"
    base = beside if beside.is_dir() else Path.cwd().parent / "shared" / "data"
    return base / name
