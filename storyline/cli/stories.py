"""``storyline stories``: the stories of a corpus, one line each (or JSON).

The records come from ``storyline.read.story_records``; this module renders them.
"""

from __future__ import annotations

import json
from typing import Any

import click

from .. import read
from . import _open, db_option, handle_errors

__all__ = ["stories", "format_stories"]

TITLE_WIDTH = 90


def _span(rec: dict[str, Any]) -> str:
    start, end = rec["start"], rec["end"]
    if not start:
        return "undated"
    return start if start == end else f"{start}…{end}"


def _list(values: list[str], limit: int) -> str:
    return ", ".join(values[:limit]) + (f" +{len(values) - limit}" if len(values) > limit else "") if values else "-"


def format_stories(records: list[dict[str, Any]], *, fmt: str = "text") -> str:
    """Story records as text (a header line per story, then its languages and outlets) or JSON."""
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2)
    lines = []
    for r in records:
        title = r["title"] or "(no title)"
        title = title if len(title) <= TITLE_WIDTH else title[: TITLE_WIDTH - 1] + "…"
        lines.append(f"{r['id']}  {_span(r)}  {r['articles']} article(s), {r['events']} event(s)  {title}")
        lines.append(f"    languages: {_list(r['languages'], 8)}; outlets: {_list(r['outlets'], 5)}")
    return "\n".join(lines)


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="At most this many stories (0: all).")
@handle_errors
def stories(db: str, fmt: str, limit: int) -> None:
    """List the stories the articles tell, most articles first: id, date span, counts of
    articles and events, title (its most central article's), languages and outlets.
    'storyline export stories' gives every field, with article and event ids."""
    with _open(db) as store:
        records = read.story_records(store)
    shown = records[: limit or None]
    if fmt == "json" or shown:
        click.echo(format_stories(shown, fmt=fmt))
    if not records:
        click.echo(f"{db} has no stories yet (run 'storyline build').", err=True)
    elif len(shown) < len(records):
        click.echo(f"… {len(records) - len(shown)} more of {len(records)} (--limit 0 lists all).", err=True)
