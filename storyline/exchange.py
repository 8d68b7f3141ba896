"""Exports other tools load: PLOVER JSON of events, GeoJSON of events (QGIS), GraphML of the
alliance network (Gephi). Built from the read side's records (``read.event_records``,
``network.alliance_records``); ``storyline export … --format plover|geojson|graphml`` writes them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from . import __version__
from .network import alliance_nodes, alliance_records, event_score
from .read import event_csv_row, event_records
from .store import Store

__all__ = ["FORMATS", "plover_records", "geojson", "write_graphml", "write"]

# which export each extra format applies to
FORMATS = {"plover": "events", "geojson": "events", "graphml": "alliances"}

# PLOVER manual, chapter "Quad category" subsections of each type
QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),  # verbal cooperation
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),  # material cooperation
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),  # verbal conflict
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),  # material conflict
}


def _entity(actor: dict[str, Any]) -> dict[str, Any]:
    """An actor as the manual's entity object (table "Information object for entities")."""
    return {
        "code": actor.get("country"),
        "sector": actor.get("sector"),
        "entity_text": actor.get("name"),
        "identifier_id": actor.get("actor_id"),
        "identifier_text": actor.get("name"),
    }


def _list(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


def plover_record(rec: dict[str, Any]) -> dict[str, Any]:
    """An event record with the PLOVER manual's JSON field names (chapter "Data Fields", table
    "PLOVER JSON"): id, date, actor, recipient, event, mode, context, event_loc, event_text,
    event_scale, quad_code, text_info, cite_info, coder, has_event; then our own named fields
    (the manual allows them): status, date_precision, cameo, confidence, attribution."""
    loc = rec["location"]
    first = rec["mentions"][0] if rec["mentions"] else {}
    score = event_score(rec["type"], rec["mode"])
    return {
        "id": rec["id"],
        "has_event": True,
        "date": rec["date"],
        "actor": [_entity(a) for a in rec["sources"]] or [_entity({"actor_id": "unknown", "name": None})],
        "recipient": [_entity(a) for a in rec["targets"]],
        "event": [rec["type"]],
        "mode": _list(rec["mode"]),
        "context": _list(rec["context"]),
        "event_loc": None if loc is None else {
            "extracted_place": loc.get("name"), "resolved_place": loc.get("name"),
            "lat": loc.get("lat"), "lon": loc.get("lon"), "country_code": loc.get("country"),
            "identifier_id": loc.get("place_id"),
        },
        "event_text": [m["text"] for m in rec["mentions"] if m.get("text")],
        "event_scale": None if score is None else round(score * 10, 2),
        "quad_code": QUAD.get(rec["type"]),
        "text_info": [{"sequence": m["sentence"], "start": m["start"], "end": m["end"]} for m in rec["mentions"]],
        "cite_info": [{"citation": m["article_id"], "publication": m.get("outlet")} for m in rec["mentions"]]
        if rec["mentions"] else [],
        "coder": f"storyline {__version__}",
        "comment": None if not first else f"{len(rec['mentions'])} report(s)",
        "status": rec["status"],
        "date_precision": rec["date_precision"],
        "cameo": rec["cameo"],
        "confidence": rec["confidence"],
        "attribution": rec["attribution"],
    }


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    for rec in event_records(store):
        yield plover_record(rec)


def geojson(store: Store) -> dict[str, Any]:
    """A FeatureCollection of the events whose place has coordinates: a Point [lon, lat] each,
    the event's flat export row (``export events --format csv`` columns) as its properties."""
    features = []
    for rec in event_records(store):
        loc = rec["location"] or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            continue
        features.append({
            "type": "Feature",
            "id": rec["id"],
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": event_csv_row(rec),
        })
    return {"type": "FeatureCollection", "features": features}


# GraphML keys: (id, for, attr.name, attr.type)
GRAPHML_KEYS = [
    ("name", "node", "name", "string"), ("country", "node", "country", "string"), ("kind", "node", "kind", "string"),
    ("score", "edge", "score", "double"), ("stance", "edge", "stance", "string"), ("period", "edge", "period", "string"),
    ("events", "edge", "events", "int"), ("event_ids", "edge", "event_ids", "string"), ("weight", "edge", "weight", "double"),
]


def write_graphml(store: Store, out: TextIO) -> None:
    """The overall alliance network (period ``all``) as GraphML: nodes are actors (name, country,
    kind), undirected edges carry score, stance, period, events (count), event_ids (space
    separated) and weight (|score|, for layouts that need a positive weight)."""
    edges = alliance_records(store, period="all")
    nodes = alliance_nodes(store, edges)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
              'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for key, domain, name, typ in GRAPHML_KEYS:
        out.write(f'  <key id="{key}" for="{domain}" attr.name="{name}" attr.type="{typ}"/>\n')
    out.write('  <graph id="alliances" edgedefault="undirected">\n')

    def data(key: str, value: Any) -> str:
        return f'<data key="{key}">{escape("" if value is None else str(value))}</data>'

    for n in nodes:
        out.write(f'    <node id={quoteattr(n["id"])}>{data("name", n["name"])}{data("country", n["country"])}{data("kind", n["kind"])}</node>\n')
    for i, e in enumerate(edges):
        out.write(
            f'    <edge id="e{i}" source={quoteattr(e["a"])} target={quoteattr(e["b"])}>'
            f'{data("score", e["score"])}{data("stance", e["stance"])}{data("period", e["period"])}'
            f'{data("events", e["events"])}{data("event_ids", " ".join(e["event_ids"]))}{data("weight", abs(e["score"]))}</edge>\n'
        )
    out.write("  </graph>\n</graphml>\n")


def write(store: Store, fmt: str, out: TextIO) -> None:
    """Write an export in one of :data:`FORMATS` to ``out``."""
    if fmt == "plover":
        for rec in plover_records(store):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif fmt == "geojson":
        json.dump(geojson(store), out, ensure_ascii=False)
        out.write("\n")
    elif fmt == "graphml":
        write_graphml(store, out)
    else:
        raise ValueError(f"unknown format {fmt!r}")
