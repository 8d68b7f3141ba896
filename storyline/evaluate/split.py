"""The tuning/checking split of a development set, by sentence text.

A sentence belongs to the **tune** part when the SHA-1 of its UTF-8 text, read
as an integer, is even, else to the **check** part. The rule needs no list of
ids, never moves a sentence when others are added, and puts duplicate texts in
the same part. We may read the tune part's errors one by one; of the check part
we look only at aggregate numbers, so they say how the coder does on sentences
nobody tuned it on. The scorers (``plover``, ``plv``) report both parts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["PARTS", "CHOICES", "part", "in_part", "columns", "cell", "side_by_side"]

PARTS = ("tune", "check")
CHOICES = (*PARTS, "all")


def part(text: str) -> str:
    """"tune" or "check": the part of the development set ``text`` belongs to."""
    return "tune" if int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "check"


def in_part(text: str, which: str) -> bool:
    """Whether ``text`` is in ``which`` ("tune", "check" or "all")."""
    if which not in CHOICES:
        raise ValueError(f"unknown part {which!r}: expected one of {', '.join(CHOICES)}")
    return which == "all" or part(text) == which


def columns(result: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """The columns of a scorer's report: tune, check and all side by side, or the one part
    scored (a result has ``part`` and, for "all", ``parts``)."""
    parts = result.get("parts") or {}
    return [(p, parts[p]) for p in PARTS if p in parts] + [(result.get("part", "all"), result)]


def cell(value: Any, fmt: str) -> str:
    """One report cell: "pct" (a share as a percentage), "int" or "f3"; "-" when missing."""
    if value is None:
        return "-"
    if fmt == "pct":
        return f"{100 * value:.1f}%"
    return f"{value:d}" if fmt == "int" else f"{value:.3f}"


def side_by_side(result: Mapping[str, Any], rows: Sequence[tuple[str, str, str]], *, width: int = 30) -> list[str]:
    """Report lines with one column per part: ``rows`` are (label, key, format), the format
    "pct" (a share as a percentage), "int" or "f3" (three decimals); a missing value is "-"."""

    cols = columns(result)
    lines = [f"  {'':<{width}}" + "".join(f"{name:>9}" for name, _ in cols)]
    for label, key, fmt in rows:
        lines.append(f"  {label:<{width}}" + "".join(f"{cell(m.get(key), fmt):>9}" for _, m in cols))
    return lines
