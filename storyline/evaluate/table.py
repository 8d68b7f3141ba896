"""Scorer reports as text tables, in one style: a title line, then rows of a label and one
right-aligned cell per column (as ``split.side_by_side`` draws the tune/check/all reports)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .split import cell

__all__ = ["table"]


def table(columns: Sequence[str], rows: Sequence[tuple[str, Sequence[Any], str]], *, width: int = 30, cell_width: int = 12) -> list[str]:
    """Report lines: a header of ``columns``, then each row (label, one value per column,
    format "pct", "int" or "f3"; a value of None is "-"). A row with no label is a blank line."""
    lines = [f"  {'':<{width}}" + "".join(f"{c:>{cell_width}}" for c in columns)]
    for label, values, fmt in rows:
        if not label:
            lines.append("")
            continue
        lines.append(f"  {label:<{width}}" + "".join(f"{cell(v, fmt):>{cell_width}}" for v in values))
    return lines
