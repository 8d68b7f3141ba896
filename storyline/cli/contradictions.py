"""``storyline contradictions``: where reports of one event or claim disagree, each side with its
value, outlets, articles and sentences.

The records come from ``storyline.contradictions.contradiction_records``; this module renders them.
"""

from __future__ import annotations

import json
from typing import Any

import click

from ..contradictions import FIELDS
from ..errors import OptionError
from ..read import UNKNOWN_OUTLET
from . import _open, db_option, handle_errors

__all__ = ["contradictions", "format_contradictions"]

def format_contradictions(records: list[dict[str, Any]], *, fmt: str = "text") -> str:
    """Records as text (per record: field and what is disputed, then each side: value, outlets,
    article ids and sentences) or JSON."""
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2)
    lines: list[str] = []
    for r in records:
        if lines:
            lines.append("")
        story = f"  story {r['story_id']}" if r["story_id"] else ""
        lines.append(click.style(f"{r['field']}: {r['subject']}", bold=True) + f"  ({r['id']}{story})")
        if r["event_ids"]:
            lines.append(f"  events: {', '.join(r['event_ids'])}")
        for c in r["claims"]:
            outlets = ", ".join(c["outlets"]) or UNKNOWN_OUTLET
            lines.append(f"  • {c['value']} — {outlets}; article(s) {', '.join(c['article_ids'])}")
            for s in c["sentences"]:
                lines.append(f"      > {s}")
    return "\n".join(lines)


@click.command()
@db_option
@click.option("--story", default=None, metavar="ID", help="Only among this story's articles (id or id prefix; 'storyline stories').")
@click.option("--field", "field_", type=click.Choice(FIELDS), default=None,
              help="Only this kind of disagreement (actor is not detected yet: it lists none).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def contradictions(db: str, story: str | None, field_: str | None, fmt: str) -> None:
    """Where reports of the same event or claim disagree: the place of a meeting, the date of an
    event or a named conference, the status (postponed or cancelled), a number (killed,
    wounded, troops) or an actor's stance ('never took sides' against 'sided with').

    Precision first: only values that cannot both be true, from different articles; a
    difference of precision (June and 14 June, Libya and Tripoli, 'about 2,000' and 2,000) is
    never one. Each record shows the field, what is disputed, and each side's value with its
    outlets, article ids and sentences. Computed from the last build; nothing is stored."""
    from ..contradictions import contradiction_records

    with _open(db) as store:
        if story is not None and not store.stories(story):
            raise OptionError(f"--story {story!r}: no story in {db} has that id. List them with 'storyline stories --db {db}'.")
        records = contradiction_records(store, story=story, field=field_)
    if fmt == "json":
        click.echo(format_contradictions(records, fmt="json"))
        return
    if not records:
        click.echo(f"no contradiction found in {db}" + (" for those options" if story or field_ else "") + ".", err=True)
        return
    click.echo(format_contradictions(records))
