"""``storyline alliances``: who backs and who opposes whom, with the events behind each edge.

The edges come from ``storyline.network.alliance_records``; this module renders them.
"""

from __future__ import annotations

import json
from typing import Any

import click

from ..errors import OptionError
from . import _open, db_option, handle_errors

__all__ = ["alliances", "format_alliances"]

SENTENCE_WIDTH = 110
ARROW = {"a→b": "→", "b→a": "←", "a+b": "+", "a×b": "×"}


def format_alliances(edges: list[dict[str, Any]], *, fmt: str = "text", evidence: bool = True) -> str:
    """Edges as text (grouped by period; under each edge its events) or JSON."""
    if fmt == "json":
        return json.dumps(edges, ensure_ascii=False, indent=2)
    lines: list[str] = []
    period = None
    for e in edges:
        if e["period"] != period:
            period = e["period"]
            if lines:
                lines.append("")
            lines.append(click.style(f"period {period}", bold=True))
        a = e["a_name"] + (f" ({e['a_country']})" if e["a_country"] and e["a_country"] != e["a"] else "")
        b = e["b_name"] + (f" ({e['b_country']})" if e["b_country"] and e["b_country"] != e["b"] else "")
        lines.append(f"  {e['stance']:9} {e['score']:+.2f}  {a} — {b}  "
                     f"({e['events']} event(s): {e['cooperative']} cooperative, {e['hostile']} hostile)")
        if evidence:
            for ev in e["evidence"]:
                sentence = (ev["sentence"] or "").replace("\n", " ")
                if len(sentence) > SENTENCE_WIDTH:
                    sentence = sentence[: SENTENCE_WIDTH - 1] + "…"
                how = ARROW[ev["how"]]
                mode = f"/{ev['mode']}" if ev["mode"] else ""
                lines.append(f"      {ev['date'] or 'undated':10} {ev['type']}{mode} a{how}b {ev['score']:+.2f}×{ev['confidence']:.2f}  "
                             f"{ev['id']}  {sentence}")
    return "\n".join(lines)


@click.command()
@db_option
@click.option("--actor", "actor_name", default=None, metavar="NAME",
              help="Only the edges of this actor: any name, spelling or id, as 'timeline --actor' "
                   "(a country also stands for its government, military, …).")
@click.option("--period", type=click.Choice(["month", "quarter", "all"]), default="all", show_default=True,
              help="One edge per pair and month (YYYY-MM), quarter (YYYY-Qn), or over the whole corpus.")
@click.option("--story", default=None, metavar="ID", help="Only the events of this story (id or id prefix; 'storyline stories').")
@click.option("--countries", is_flag=True, help="Roll the actors up to their countries (a pair within one country drops out).")
@click.option("--min-events", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only edges with at least this many events.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.3, show_default=True,
              help="Stance: ally when score >= +T, adversary when <= -T, else mixed.")
@click.option("--no-evidence", is_flag=True, help="One line per edge, without its events.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def alliances(db: str, actor_name: str | None, period: str, story: str | None, countries: bool,
              min_events: int, threshold: float, no_evidence: bool, fmt: str) -> None:
    """Who stands with whom: a signed network of the actors from the events that occurred.

    Each event weighs PLOVER's scaled score of its type and mode (cooperative positive, hostile
    negative; manual table 'PLOVER conflict--cooperation scores', /10) by its confidence; an
    edge's score, in -1..1, is the confidence-weighted mean of its events' scores. Planned,
    hypothetical, cancelled and denied events do not count, nor RETREAT and CONCEDE
    (de-escalation between opponents, not taking sides). Each edge lists its events: date,
    type, direction (a→b, a←b, a+b acting together, or a×b backing opposite sides), score ×
    confidence, id and sentence."""
    from ..filters import event_filter
    from ..network import alliance_records

    with _open(db) as store:
        actor_ids = None
        if actor_name is not None:
            wanted, notes = event_filter(store, actors=[actor_name])
            for note in notes:
                click.echo(f"note: {note}", err=True)
            actor_ids = set(wanted.actors[0][1])
            if countries:
                actor_ids |= {i[:3] for i in actor_ids if len(i) >= 3 and i[:3].isupper() and i[:3].isalpha()}
                from ..read import actor_records

                actor_ids |= {a["country"] for a in actor_records(store) if a["id"] in actor_ids and a["country"]}
            actor_ids = frozenset(actor_ids)
        if story is not None and not store.stories(story):
            raise OptionError(f"--story {story!r}: no story in {db} has that id. List them with 'storyline stories --db {db}'.")
        edges = alliance_records(store, period=period, countries=countries, story=story, actor_ids=actor_ids,
                                 min_events=min_events, threshold=threshold)
    if fmt == "json":
        click.echo(format_alliances(edges, fmt="json"))
        return
    if not edges:
        click.echo(f"no edge in {db}" + (" for those options" if actor_name or story or min_events > 1 else "")
                   + " (only events that occurred, with a named actor on each side, make one).", err=True)
        return
    click.echo(format_alliances(edges, evidence=not no_evidence))
