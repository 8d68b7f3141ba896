"""The records the web view shows, from the read side of the library.

Pages and ``/api/…`` share these functions: a page renders what the matching API returns.
Every record comes from the functions the CLI uses (``storyline.read``, ``storyline.keydates``,
``storyline.network``, ``storyline.filters``, ``storyline.search``), so a story page and
``storyline timeline --story``, ``/api/events`` and ``storyline export events`` agree.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter, defaultdict
from typing import Any

from .. import read, summaries
from ..errors import OptionError
from ..store import Store

__all__ = [
    "story_list", "story_page_list", "PAGE", "story_page", "story_events", "actor_page", "article_page", "raw_page", "segments",
    "valid_id", "event_list", "contradictions_of", "MAX_KEY_DATES",
]

MAX_KEY_DATES = 12
ACTOR_EVENTS = 300  # an actor page reads at most this many of the actor's events, the latest
_ID = re.compile(r"^[^\x00-\x1f\x7f/\\]{1,300}$")


def valid_id(ident: str) -> bool:
    """An id a URL may carry: 1-300 characters, no control character and no slash."""
    return bool(_ID.match(ident))


# -- stories --------------------------------------------------------------------------------


PAGE = 50  # stories on a page of the index (and of /api/stories unless ?limit= says otherwise)


def story_page_list(
    store: Store, *, offset: int = 0, limit: int = PAGE, **filters: str | None
) -> tuple[list[dict[str, Any]], int, list[str]]:
    """A page of :func:`story_list`: (records, how many match, notes). Without a filter the
    page is read alone — the ids of the page's stories by size, then each story by id — so a
    corpus of tens of thousands of stories lists in milliseconds; its order is most articles
    first, then id (``storyline stories`` breaks ties by the earliest date)."""
    if not any(filters.values()):
        sizes, total = store.story_sizes(limit=limit, offset=offset)
        return _records(store, [sid for sid, _ in sizes]), total, []
    if not filters.get("q") and summaries.current(store):
        # the stored summaries' small rows (size, span, languages) answer language and dates
        # by SQL; an actor or a country gives its candidate stories by index (its events, the
        # articles naming the actor); only the page's stories are read
        since = _bound(filters.get("since"), "since", False)
        until = _bound(filters.get("until"), "until", True)
        ids, notes = _stories_of_actor_country(store, filters.get("actor"), filters.get("country"))
        page, total = store.story_summary_page(
            languages=[filters["language"].strip().lower()] if filters.get("language") else None,
            since=since, until=until, ids=ids, limit=limit, offset=offset)
        return _records(store, page), total, notes
    records, notes = story_list(store, **filters)
    return records[offset : offset + limit], len(records), notes


def _records(store: Store, story_ids: list[str]) -> list[dict[str, Any]]:
    """These stories' records, in this order: from their stored summaries when current (the
    largest stories' records otherwise cost ~0.1 s each through stories_view), else read."""
    if summaries.current(store):
        kept = store.story_summary_records(story_ids)
        if len(kept) == len(set(story_ids)):
            return [kept[sid] for sid in story_ids]
    return [r for sid in story_ids for r in read.story_records(store, story_id=sid)]


def _stories_of_actor_country(store: Store, actor: str | None, country: str | None) -> tuple[set[str] | None, list[str]]:
    """The stories :func:`story_list` keeps for an actor and/or a country filter (None: no such
    filter), and its notes: the events of the actor (by index) or that may concern the country
    are read, kept by the same ``EventFilter``, and their stories found by index."""
    from ..filters import event_filter

    if not actor and not country:
        return None, []
    wanted, notes = event_filter(store, actors=[actor] if actor else (), countries=[country] if country else ())
    if actor:
        candidates = set(store.event_ids_of(wanted.actors[0][1])[0])
    else:
        candidates = set(store.event_ids_near_country(wanted.countries[0]))
    kept = {e["id"] for e in story_events(store, candidates) if wanted.keep(e)} if candidates else set()
    mentioned: set[str] = set()
    if actor and not country:
        mentioned = {m.article_id for m in store.mentions_of(wanted.actors[0][1])}
    return store.story_ids_of(event_ids=kept, article_ids=mentioned), notes


def _bound(value: str | None, flag: str, last: bool) -> str | None:
    """A ``since``/``until`` filter's first (last) day, ISO; raises OptionError (E503) for a
    value that is not a date."""
    from ..filters import period

    if not value:
        return None
    days = period(value)
    if days is None:
        raise OptionError(f"{flag} {value!r} is not a date. Use YYYY, YYYY-MM or YYYY-MM-DD.")
    return days[1 if last else 0].isoformat()


def story_list(
    store: Store,
    *,
    q: str | None = None,
    actor: str | None = None,
    country: str | None = None,
    language: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """The stories (``storyline stories`` records) that match every filter given, and notes:
    ``q`` words of a search (``storyline search``: a story matches when one of its articles
    does), ``actor`` (any spelling or id: a story whose events it takes part in, or whose
    articles mention it), ``country`` (ISO-3 or name: an event with an actor of it or located
    there), ``language`` (a language of its articles), ``since``/``until`` (YYYY[-MM[-DD]]: its
    span overlaps). Raises OptionError (E503) for a value that names nothing."""
    from ..filters import event_filter, period

    notes: list[str] = []
    records = read.story_records(store)
    if q:
        hits = {h["id"] for h in read.search(store, q, limit=0)}
        records = [r for r in records if hits & set(r["article_ids"])]
    if language:
        lang = language.strip().lower()
        records = [r for r in records if any(x.lower() == lang or x.lower().split("-")[0] == lang for x in r["languages"])]
    if since or until:
        lo = period(since)[0].isoformat() if since and period(since) else None
        hi = period(until)[1].isoformat() if until and period(until) else None
        for flag, value, bound in (("since", since, lo), ("until", until, hi)):
            if value and bound is None:
                raise OptionError(f"{flag} {value!r} is not a date. Use YYYY, YYYY-MM or YYYY-MM-DD.")
        records = [r for r in records if r["start"]
                   and (lo is None or (r["end"] or r["start"]) >= lo[: len(r["end"] or r["start"])])
                   and (hi is None or r["start"][: len(hi)] <= hi)]
    if actor or country:
        wanted, notes = event_filter(store, actors=[actor] if actor else (), countries=[country] if country else ())
        kept = {e["id"] for e in story_events(store, None) if wanted.keep(e)}
        mentioned: set[str] = set()
        if actor and not country:
            mentioned = {m.article_id for m in store.mentions_of(wanted.actors[0][1])}
        records = [r for r in records if kept & set(r["event_ids"]) or mentioned & set(r["article_ids"])]
    return records, notes


def _story(store: Store, story_id: str) -> dict[str, Any] | None:
    found = [r for r in read.story_records(store, story_id=story_id) if r["id"] == story_id]
    return found[0] if found else None


def story_record(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story's record (its ``event_ids`` among them), by its whole id; None when none has it."""
    return _story(store, story_id)


def story_events(store: Store, event_ids: set[str] | None) -> list[dict[str, Any]]:
    """The event records (the ``events`` export's) of these ids (None: all), in timeline order;
    a set of ids is read alone, without the rest of the corpus."""
    return read.event_records(store, ids=event_ids)


def contradictions_of(store: Store, story_id: str) -> list[dict[str, Any]] | None:
    """The contradictions among a story's reports (``storyline.contradictions.contradiction_records``,
    the ``contradictions`` export's records: ``{id, story_id, event_id, field, claims: [{value,
    article_ids, outlets, sentences}], subject, event_ids}``); None when that module is not
    there or cannot compute them (the page says "not computed")."""
    try:
        mod = importlib.import_module("storyline.contradictions")
    except ImportError:
        return None
    func = getattr(mod, "contradiction_records", None)
    if not callable(func):
        return None
    try:
        found = func(store, story=story_id)
    except Exception:  # noqa: BLE001 - a table or record it needs is missing: "not computed"
        return None
    return [dict(c) for c in found if c.get("story_id") in (None, story_id)]


def _outlets(rec: dict[str, Any]) -> list[str]:
    return sorted({read.reporter(m) for m in rec["mentions"]})


_network = summaries.network_of  # the page's network and map: storyline/summaries.py (stored per story)
_places = summaries.places_of


def story_page(store: Store, story_id: str, *, events_offset: int = 0, events_limit: int | None = None) -> dict[str, Any] | None:
    """Everything ``/stories/ID`` shows (and ``/api/stories/ID`` returns): the story record, its
    articles, key dates, events (with outlets), places and network, and ``events_total``. With
    ``events_limit``, only that window of the events (in timeline order) is read: with the
    story's stored summary (``storyline.summaries``: its articles' list, key dates, places,
    network and the order of its events, computed by the build) a page of a story of thousands of events reads only
    its own; without one (an older database) everything is computed as before and the window
    cut from it. Its contradictions come apart (:func:`contradictions_of`,
    ``/api/stories/ID/contradictions``): the page loads them after it is shown, so their
    finder's time never delays the page."""
    kept = summaries.stored(store, story_id)
    if kept is None:
        data = _computed_story_page(store, story_id)
        if data is None:
            return None
        end = None if events_limit is None else events_offset + events_limit
        total = len(data["events"])
        return {**data, "events": data["events"][events_offset:end], "events_total": total}
    order = kept["event_order"]
    end = None if events_limit is None else events_offset + events_limit
    window = order[events_offset:end]
    events = read.event_records(store, events=store.events(ids=set(window))) if window else []
    for e in events:
        e["outlets"] = _outlets(e)
    story = kept["record"]
    return {
        "story": story,
        "articles": kept["articles"],
        "key_dates": kept["key_dates"][str(MAX_KEY_DATES)],
        "events": events,
        "places": kept["places"],
        "network": kept["network"],
        "events_total": len(order),
    }


def _computed_story_page(store: Store, story_id: str) -> dict[str, Any] | None:
    """``story_page`` computed on read, every event: what a database without stored summaries gives."""
    from ..keydates import key_dates
    from ..network import alliance_edges

    story = _story(store, story_id)
    if story is None:
        return None
    found = store.events(ids=set(story["event_ids"]))  # read once: for the records and for the key dates
    events = read.event_records(store, events=found)
    for e in events:
        e["outlets"] = _outlets(e)
    articles = [{k: getattr(a, k) for k in read.ARTICLE_LIST_FIELDS}
                for a in store.article_summaries(ids=story["article_ids"])]
    keyed = key_dates(store, max_dates=MAX_KEY_DATES, article_ids=story["article_ids"], event_ids=story["event_ids"],
                      events=found)
    edges = alliance_edges(events)
    return {
        "story": story,
        "articles": articles,
        "key_dates": keyed,
        "events": events,
        "places": _places(events),
        "network": _network(edges),
    }


def event_list(store: Store) -> list[dict[str, Any]]:
    """``/api/events``: exactly the records of ``storyline export events``."""
    return list(read.export_records(store, "events"))


# -- actors ---------------------------------------------------------------------------------


def actor_page(store: Store, actor_id: str) -> dict[str, Any] | None:
    """``/actors/ID``: the actor record (spellings, mention count), its roles per month
    (source, target), its events, and its allies and adversaries per month and overall — from
    its latest ``ACTOR_EVENTS`` events (``events_total`` says how many it has)."""
    from ..network import alliance_edges

    found = [{"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
              "aliases": forms, "mentions": n, "origin": a.origin} for a, n, forms in store.actors(ids=[actor_id])]
    ids, total = store.event_ids_of([actor_id], latest=ACTOR_EVENTS)
    events = story_events(store, set(ids))
    if not found and not events:
        return None
    actor = found[0] if found else {"id": actor_id, "name": actor_id, "kind": None, "country": None,
                                     "sector": None, "aliases": [], "mentions": 0, "origin": None}
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for e in events:
        month = (e["date"] or "undated")[:7]
        if actor_id in {x["actor_id"] for x in e["sources"]}:
            roles[month]["source"] += 1
        if actor_id in {x["actor_id"] for x in e["targets"]}:
            roles[month]["target"] += 1
    for e in events:
        e["outlets"] = _outlets(e)
    touching = lambda edges: [x for x in edges if actor_id in (x["a"], x["b"])]  # noqa: E731
    overall = touching(alliance_edges(events, period="all"))
    monthly = touching(alliance_edges(events, period="month"))

    def side(edge: dict[str, Any]) -> dict[str, Any]:
        other = "b" if edge["a"] == actor_id else "a"
        return {"id": edge[other], "name": edge[other + "_name"], "country": edge[other + "_country"], "period": edge["period"],
                "score": edge["score"], "stance": edge["stance"], "events": edge["events"], "event_ids": edge["event_ids"]}

    return {
        "actor": actor,
        "events_total": total,
        "roles": [{"period": k, "source": v["source"], "target": v["target"]} for k, v in sorted(roles.items())],
        "events": events,
        "relations": [side(x) for x in overall],
        "relations_over_time": [side(x) for x in monthly],
    }


# -- articles -------------------------------------------------------------------------------


def segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """The text cut into pieces at the spans (start, end, kind): ``{text, mark}``, mark the
    span's kind or None; an overlapping span is skipped (the first wins). Templates and
    scripts insert each piece as text, so nothing in it is ever markup."""
    out: list[dict[str, Any]] = []
    pos = 0
    for start, end, kind in sorted(spans):
        if start is None or end is None or start < pos or end <= start or start >= len(text):
            continue
        if start > pos:
            out.append({"text": text[pos:start], "mark": None})
        out.append({"text": text[start:end], "mark": kind})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:], "mark": None})
    return out


def article_page(store: Store, article_id: str, *, event_id: str | None = None) -> dict[str, Any] | None:
    """``/articles/ID``: the article's metadata and cleaned text, its events (ids, types,
    sentences' offsets) and, with ``event_id``, that event's evidence marked in the text."""
    a = store.article(article_id)  # the article alone: not its raw input, annotation, mentions or times
    if a is None or a.id != article_id:
        return None
    events = []
    marks: list[tuple[int, int, str]] = []
    for idx, m in store.event_mentions(a.id):
        events.append({"index": idx, "type": m.type, "status": m.status, "start": m.start, "end": m.end,
                       "trigger": {"start": m.trigger[0], "end": m.trigger[1], "text": m.trigger[2]},
                       "confidence": m.confidence})
    linked = {}
    if event_id:
        rec = next((e for e in story_events(store, {event_id})), None)
        if rec:
            linked = rec
            for m in rec["mentions"]:
                if m["article_id"] == a.id:
                    marks.append((m["start"], m["end"], "evidence"))
    return {
        "article": {
            "id": a.id, "title": a.title, "source": a.source, "url": a.url, "published": a.published,
            "published_precision": a.published_precision, "language": a.language, "author": a.author,
            "path": a.path, "text": a.text, "removed": [r.as_dict() for r in a.removed],
        },
        "events": events,
        "event": linked or None,
        "segments": segments(a.text, marks),
    }


def raw_page(store: Store, article_id: str) -> dict[str, Any] | None:
    """``/articles/ID/raw``: the input as read, cut into pieces where the cleaner removed a
    block (mark "removed", with its reason)."""
    detail = read.article_detail(store, article_id)
    if detail is None or detail.article.id != article_id:
        return None
    raw = detail.raw or ""
    reasons = {}
    spans = []
    for r in detail.article.removed:
        if r.start is not None and r.end is not None:
            spans.append((r.start, r.end, "removed"))
            reasons[(r.start, r.end)] = r.reason
    pieces = segments(raw, spans)
    pos = 0
    for p in pieces:
        if p["mark"]:
            p["reason"] = reasons.get((pos, pos + len(p["text"])))
        pos += len(p["text"])
    unplaced = [r.as_dict() for r in detail.article.removed if r.start is None or r.end is None]
    return {"article": {"id": detail.article.id, "title": detail.article.title, "path": detail.article.path},
            "segments": pieces, "unplaced": unplaced, "removed": len(detail.article.removed)}
