"""Tell: the linked events as a timeline, in text, Markdown or JSON.

The records come from ``storyline.read.event_records`` (the export contract, with
per-mention detail so that every statement links back to its sentence); this module
only renders them. ``--story ID`` keeps one story's events (``store.stories()``);
``--key`` shows key dates with summaries instead (``storyline.keydates``).
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import OptionError
from ..read import reporter
from ..store import Store

__all__ = ["format_timeline", "format_key_dates", "story_scope", "key_timeline"]


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


def story_scope(store: Store, story_id: str) -> tuple[str, set[str], set[str]]:
    """The story an id (or unique id prefix) names: its full id, article ids and event ids.
    Raises :class:`OptionError` when no story or several match."""
    found = store.stories(story_id)
    exact = [s for s in found if s.id == story_id]
    found = exact or found
    if not found:
        raise OptionError(f"--story {story_id}: no story has this id (list them with 'storyline stories')")
    if len(found) > 1:
        raise OptionError(f"--story {story_id}: {len(found)} stories start with this id ({', '.join(s.id for s in found[:5])}"
                          f"{' …' if len(found) > 5 else ''}); give more of it")
    s = found[0]
    return s.id, set(s.article_ids), set(s.event_ids)


def _day_bound(value: str | None, last: bool) -> str | None:
    from ..filters import period

    if value is None:
        return None
    days = period(value)
    if days is None:
        raise OptionError(f"{'--until' if last else '--since'} {value}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return days[1 if last else 0].isoformat()


def key_timeline(store: Store, *, max_dates: int, story: str | None = None, since: str | None = None,
                 until: str | None = None, max_sentences: int = 3) -> list[dict[str, Any]]:
    """The key-date records of the corpus or of one story (``storyline.keydates.key_dates``);
    a story's are read from its summary stored by the build when there is a current one for
    these limits (``storyline.summaries``: the same records), else computed."""
    from ..keydates import key_dates
    from ..summaries import stored_key_dates

    articles = events = None
    if story:
        story_id, articles, events = story_scope(store, story)
        if since is None and until is None:
            kept = stored_key_dates(store, story_id, max_dates, max_sentences)
            if kept is not None:
                return kept
    return key_dates(store, max_dates=max_dates, max_sentences=max_sentences, article_ids=articles,
                     event_ids=events, since=_day_bound(since, False), until=_day_bound(until, True))


def format_key_dates(records: list[dict[str, Any]], *, fmt: str = "text", evidence: bool = False) -> str:
    """Key-date records as text (the date, its summary, its counts), Markdown (a table) or JSON;
    ``evidence`` adds, under each date, every summary sentence's outlet, date and article."""
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2)
    lines: list[str] = []
    if fmt == "md":
        lines += ["| date | summary | events | articles |", "|---|---|---|---|"]
    for rec in records:
        counts = f"{len(rec['event_ids'])} event(s), {len(rec['article_ids'])} article(s)"
        if fmt == "md":
            summary = rec["summary"].replace("|", "\\|")
            lines.append(f"| {rec['date']} | {summary} | {len(rec['event_ids'])} | {len(rec['article_ids'])} |")
        else:
            lines.append(f"{rec['date']}  ({counts})")
            lines.append(f"    {rec['summary'] or '(no sentence names this date)'}")
        if evidence:
            for s in rec["sentences"]:
                who = s["outlet"] or "unknown outlet"
                src = f"{who} ({s['published'] or 'undated'}; {s['article_id']}, sentence {s['sentence']})"
                lines.append(f"| | > {src} | | |" if fmt == "md" else f"    > {src}")
    return "\n".join(lines)
