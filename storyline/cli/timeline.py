"""Tell: the linked events as a timeline, in text, Markdown or JSON.

The records come from ``storyline.read.event_records`` (the export contract, with
per-mention detail so that every statement links back to its sentence); this module
only renders them.
"""

from __future__ import annotations

import json
from typing import Any

from ..read import reporter

__all__ = ["format_timeline"]


def _actors_text(rec: dict[str, Any]) -> str:
    src = " + ".join(a["name"] for a in rec["sources"]) or "?"
    tgt = " + ".join(a["name"] for a in rec["targets"])
    return f"{src} → {tgt}" if tgt else src


def _date_text(rec: dict[str, Any]) -> str:
    if not rec["date"]:
        return "undated"
    if rec["date_precision"] == "reported":
        return f"{rec['date']} (reported)"
    return rec["date"]


def format_timeline(records: list[dict[str, Any]], *, fmt: str = "text", evidence: bool = False) -> str:
    """Event records (in date order) as a timeline: date and precision, type, status, actors,
    place, and the outlets reporting each; ``evidence`` adds every report's sentence."""
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2)
    lines: list[str] = []
    if fmt == "md":
        lines += ["| date | event | status | actors | place | reported by |", "|---|---|---|---|---|---|"]
    for rec in records:
        outlets = sorted({reporter(m) for m in rec["mentions"]})
        place = rec["location"]["name"] if rec["location"] else ""
        what = rec["type"] + (f"/{rec['mode']}" if rec["mode"] else "")
        if fmt == "md":
            lines.append(f"| {_date_text(rec)} | {what} | {rec['status']} | {_actors_text(rec)} | {place} | {', '.join(outlets)} ({len(rec['mentions'])}) |")
        else:
            status = "" if rec["status"] == "occurred" else f" [{rec['status']}]"
            where = f" @ {place}" if place else ""
            lines.append(f"{_date_text(rec):24} {what:18}{status} {_actors_text(rec)}{where}  — {len(rec['mentions'])} report(s): {', '.join(outlets)}")
        if evidence:
            for m in rec["mentions"]:
                quote = " ".join((m["text"] or "").split())
                prefix = "  > " if fmt == "text" else "| | | | | | > "
                lines.append(f"{prefix}{reporter(m)} ({m['published'] or 'undated'}; {m['article_id']}): {quote}" + (" |" if fmt == "md" else ""))
    return "\n".join(lines + legend(records, md=fmt == "md"))


def legend(records: list[dict[str, Any]], *, md: bool = False) -> list[str]:
    """The lines under a timeline that explain its marks, for the marks it uses: "+" joins
    several actors on one side, "?" stands for an actor the text does not name (in Markdown,
    a list with the marks as code)."""
    several = any(len(r["sources"]) > 1 or len(r["targets"]) > 1 for r in records)
    unnamed = any(not r["sources"] for r in records)
    out = []
    if several:
        out.append(("- `+`: " if md else "+  ") + 'several actors on one side: "Turkey + Russia → Libya" is one act of both')
    if unnamed:
        out.append(("- `?`: " if md else "?  ") + 'an actor the text does not name: "? → Turkey" (someone unnamed acted on Turkey)')
    return [""] + out if out else []
