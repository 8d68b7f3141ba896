"""Tell: the linked events as records (the export contract) and as a timeline.

``event_records`` turns the store's events into the DESIGN.md export
contract (plus per-mention detail, so that every statement links back to
its sentence); ``timeline`` renders them in date order as text, Markdown
or JSON.
"""

from __future__ import annotations

import json
from typing import Any

from ..models import Event
from ..store import Store

__all__ = ["event_records", "timeline", "CSV_FIELDS"]

CSV_FIELDS = [
    "id", "type", "cameo", "mode", "context", "status", "date", "date_precision",
    "source_actor_id", "source_name", "source_country", "source_sector",
    "target_actor_id", "target_name", "target_country", "target_sector",
    "location_place_id", "location_name", "location_country", "location_lat", "location_lon",
    "attribution", "confidence", "n_mentions", "n_articles", "outlets", "mentions",
]


UNKNOWN_ACTOR = {"actor_id": "unknown", "name": "(not named)", "country": None, "sector": None}


class _Lookup:
    def __init__(self, store: Store) -> None:
        self.actors = {a.id: a for a, _, _ in store.actors()}
        self.places = {p.id: p for p, _, _ in store.places()}
        self.articles = store.articles_by_id()

    def actor(self, actor_id: str) -> dict[str, Any]:
        a = self.actors.get(actor_id)
        if a is None:  # a country the coder named ("the two Libyan sides") but no article did
            from ..knowledge import load_knowledge

            iso3, _, sector = actor_id.partition("-")
            c = load_knowledge().country(iso3) if len(iso3) == 3 and iso3.isupper() else None
            if c is not None:
                return {"actor_id": actor_id, "name": c.name + (f" ({sector})" if sector else ""), "country": c.iso3, "sector": sector or None}
        return {
            "actor_id": actor_id,
            "name": a.name if a else actor_id,
            "country": a.country if a else None,
            "sector": a.sector if a else None,
        }

    def place(self, place_id: str | None) -> dict[str, Any] | None:
        if not place_id:
            return None
        p = self.places.get(place_id)
        if p is None:
            return {"place_id": place_id, "name": place_id, "country": None, "lat": None, "lon": None}
        return {"place_id": p.id, "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon}

    def attribution(self, value: str | None) -> str | None:
        if value and value in self.actors:
            return self.actors[value].name
        return value


def _record(ev: Event, look: _Lookup) -> dict[str, Any]:
    sources = [look.actor(a) for a in ev.source]
    targets = [look.actor(a) for a in ev.target]
    mentions = []
    for m in ev.mentions:
        art = look.articles.get(m.article_id)
        mentions.append({
            "article_id": m.article_id,
            "sentence": m.sentence,
            "start": m.start,
            "end": m.end,
            "text": art.text[m.start : m.end] if art else None,
            "outlet": art.source if art else None,
            "path": art.path if art else None,
            "published": art.published if art else None,
            "trigger": {"start": m.trigger[0], "end": m.trigger[1], "text": m.trigger[2]},
            "status": m.status,
            "date": m.date,
            "date_precision": m.date_precision,
            "source": list(m.source),
            "target": list(m.target),
            "location": m.location,
            "attribution": look.attribution(m.attribution),
            "confidence": m.confidence,
        })
    return {
        "id": ev.id,
        "type": ev.type,
        "cameo": ev.cameo,
        "mode": ev.mode,
        "context": ev.context,
        "status": ev.status,
        "date": ev.date,
        "date_precision": ev.date_precision,
        # an act whose doer the text does not name ("three soldiers were killed") keeps the
        # contract's non-null source as an explicit unknown (CAMEO's "---")
        "source": sources[0] if sources else dict(UNKNOWN_ACTOR),
        "target": targets[0] if targets else None,
        "sources": sources,
        "targets": targets,
        "location": look.place(ev.location),
        "attribution": look.attribution(ev.attribution),
        "confidence": ev.confidence,
        "mentions": mentions,
    }


def event_records(store: Store, *, min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Every linked event as an export record, in date order (on one date, events with a date of
    their own before those dated only by their report)."""
    look = _Lookup(store)
    events = sorted(store.events(), key=lambda e: (e.date or "9999", e.date_precision == "reported", e.id))
    return [_record(ev, look) for ev in events if ev.confidence >= min_confidence]


def csv_row(rec: dict[str, Any]) -> dict[str, Any]:
    """A flat row: one column per PLOVER/ICEWS-style field."""
    row: dict[str, Any] = {k: rec[k] for k in ("id", "type", "cameo", "mode", "context", "status", "date", "date_precision", "attribution", "confidence")}
    for role in ("source", "target"):
        a = rec[role] or {}
        for k in ("actor_id", "name", "country", "sector"):
            row[f"{role}_{k}"] = a.get(k)
    loc = rec["location"] or {}
    for k in ("place_id", "name", "country", "lat", "lon"):
        row[f"location_{k}"] = loc.get(k)
    row["n_mentions"] = len(rec["mentions"])
    row["n_articles"] = len({m["article_id"] for m in rec["mentions"]})
    row["outlets"] = "; ".join(sorted({_who(m) for m in rec["mentions"]}))
    row["mentions"] = json.dumps([{k: m[k] for k in ("article_id", "sentence", "start", "end")} for m in rec["mentions"]])
    return row


def _who(m: dict[str, Any]) -> str:
    """Who reported a mention: the outlet, else the file it came from."""
    if m.get("outlet"):
        return m["outlet"]
    path = (m.get("path") or "?").replace("\\", "/").rsplit("/", 1)[-1]
    return path or "?"


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


def timeline(store: Store, *, fmt: str = "text", evidence: bool = False, min_confidence: float = 0.0) -> str:
    """The events in date order, with precision, actors, place, status and outlets."""
    records = event_records(store, min_confidence=min_confidence)
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2)
    lines: list[str] = []
    if fmt == "md":
        lines += ["| date | event | status | actors | place | reported by |", "|---|---|---|---|---|---|"]
    for rec in records:
        outlets = sorted({_who(m) for m in rec["mentions"]})
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
                lines.append(f"{prefix}{_who(m)} ({m['published'] or 'undated'}): {quote}" + (" |" if fmt == "md" else ""))
    return "\n".join(lines)
