"""The read side: the records every view of a corpus shows, built from the store's API.

``export`` (every WHAT), ``timeline``, ``stats``, ``show``, ``articles``, ``actors``,
``places`` and ``search`` take their records from here, and so will the web view: one place decides
what a record holds. Records are plain dicts with the field names of the export
contract (DESIGN.md, docs/cli.md); rendering them as text is the caller's business.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from .errors import AmbiguousId, NoSuchArticle
from .models import Article, Event, Mention, TimeExpr
from .contradictions import CONTRADICTION_FIELDS
from .network import ALLIANCE_FIELDS
from .store import ArticleSummary, Store

__all__ = [
    "EXPORTS", "EVENT_CSV_FIELDS", "LIST_SEP", "UNKNOWN_OUTLET", "ArticleDetail", "export_records", "csv_fields", "csv_records",
    "event_records", "event_csv_row", "reporter", "stats", "article_detail", "actor_records",
    "place_records", "search", "ARTICLE_LIST_FIELDS", "article_list", "find_article", "story_records",
]

# the fields of each export, in order (the contract: DESIGN.md and docs/cli.md)
EXPORTS: dict[str, list[str]] = {
    "articles": [
        "id", "path", "source", "url", "title", "published", "language", "text", "removed",
        "format", "author", "published_precision", "published_source", "published_earliest",
        "published_latest", "published_basis", "language_score", "analysis",
    ],
    "failures": ["path", "stage", "code", "message"],
    "actors": ["id", "name", "kind", "country", "sector", "aliases", "mentions", "origin"],
    "places": ["id", "name", "country", "lat", "lon", "aliases", "mentions", "kind", "origin"],
    "times": ["article_id", "text", "start", "end", "type", "value", "anchor"],
    "mentions": ["article_id", "start", "end", "text", "kind", "entity_id", "sentence", "via", "role"],
    "events": [
        "id", "type", "cameo", "mode", "context", "status", "date", "date_precision", "source", "target",
        "sources", "targets", "location", "attribution", "confidence", "mentions",
    ],
    "stories": ["id", "title", "summary", "start", "end", "article_ids", "event_ids", "languages", "outlets"],
    "alliances": ALLIANCE_FIELDS,  # storyline/network.py
    "contradictions": CONTRADICTION_FIELDS,  # storyline/contradictions.py
}

# `export events --format csv`: the record flattened, one column per PLOVER/ICEWS-style field;
# the source_* and target_* columns hold every actor of a compound side, joined by LIST_SEP
EVENT_CSV_FIELDS = [
    "id", "type", "cameo", "mode", "context", "status", "date", "date_precision",
    "source_actor_id", "source_name", "source_country", "source_sector",
    "target_actor_id", "target_name", "target_country", "target_sector",
    "location_place_id", "location_name", "location_country", "location_lat", "location_lon",
    "attribution", "confidence", "headline", "n_sources", "n_targets", "n_mentions", "n_articles",
    "outlets", "mentions",
]
LIST_SEP = "; "  # between the values of a multi-valued CSV cell
# an article naming more different days than this, half of them more than this many days from
# its own date, tells of its own story's days, not of the day it appeared (headline())
RETROSPECTIVE_DAYS = 10
RETROSPECTIVE_LAG = 30
UNKNOWN_OUTLET = "unknown outlet"  # what the timeline shows for an article no outlet is known for

UNKNOWN_ACTOR = {"actor_id": "unknown", "name": "(not named)", "country": None, "sector": None}


# -- export ---------------------------------------------------------------------------------


def export_records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The records of ``storyline export WHAT``, in export order."""
    if what == "articles":
        yield from _article_records(store)
    elif what == "failures":
        for f in store.failures():
            yield {"path": f.path, "stage": f.stage, "code": f.code, "message": f.message}
    elif what == "actors":
        yield from actor_records(store)
    elif what == "places":
        yield from place_records(store)
    elif what == "times":
        for article_id, t in store.times_by_article():
            yield {"article_id": article_id, "text": t.text, "start": t.start, "end": t.end,
                   "type": t.type, "value": t.value, "anchor": t.anchor}
    elif what == "events":
        yield from event_records(store)
    elif what == "stories":
        for rec in story_records(store):
            yield {k: rec[k] for k in EXPORTS["stories"]}
    elif what == "alliances":
        from .network import export_alliances

        yield from export_alliances(store)
    elif what == "contradictions":
        from .contradictions import export_contradictions

        yield from export_contradictions(store)
    elif what == "mentions":
        for m in store.mentions():
            yield {k: getattr(m, k) for k in EXPORTS["mentions"]}
    else:
        raise ValueError(f"unknown export {what!r}; one of {sorted(EXPORTS)}")


def csv_fields(what: str) -> list[str]:
    """The CSV header of an export."""
    return EVENT_CSV_FIELDS if what == "events" else EXPORTS[what]


def csv_records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The records of an export as flat CSV rows: events flattened, other list and dict
    fields as JSON."""
    for rec in export_records(store, what):
        if what == "events":
            yield event_csv_row(rec)
        else:
            yield {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in rec.items()}


def _article_records(store: Store) -> Iterator[dict[str, Any]]:
    analysis = store.analyses()
    basis = {k: v[4] for k, v in store.corpus_dates().items()}
    for a in store.articles():
        yield {
            "id": a.id, "path": a.path, "source": a.source, "url": a.url, "title": a.title,
            "published": a.published, "language": a.language, "text": a.text,
            "removed": [r.as_dict() for r in a.removed], "format": a.format,
            "author": a.author, "published_precision": a.published_precision,
            "published_source": a.published_source,
            "published_earliest": a.published_earliest,
            "published_latest": a.published_latest,
            "published_basis": basis.get(a.id) if a.published_source == "corpus" else None,
            "language_score": a.language_score,
            "analysis": analysis.get(a.id),
        }


# -- actors and places ----------------------------------------------------------------------


def actor_records(
    store: Store, *, kind: str | None = None, country: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Actors with at least one mention, most mentioned first (the ``actors`` export),
    optionally of one kind or country (ISO-3, any case), at most ``limit`` (0 or None: all)."""
    out = []
    for actor, n, forms in store.actors():
        if kind is not None and actor.kind != kind:
            continue
        if country is not None and (actor.country or "") != country.upper():
            continue
        out.append({
            "id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
            "sector": actor.sector, "aliases": forms, "mentions": n, "origin": actor.origin,
        })
    return out[: limit or None]


def place_records(store: Store, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Places with at least one mention, most mentioned first (the ``places`` export)."""
    out = [
        {
            "id": place.id, "name": place.name, "country": place.country, "lat": place.lat,
            "lon": place.lon, "aliases": forms, "mentions": n, "kind": place.kind, "origin": place.origin,
        }
        for place, n, forms in store.places()
    ]
    return out[: limit or None]


# -- events ---------------------------------------------------------------------------------


class _Lookup:
    """Names, countries and places for the ids an event carries: of the whole corpus, or —
    given ``events`` — only those these events name (the same values, read in far less time)."""

    def __init__(self, store: Store, events: list[Event] | None = None, *, reported: Iterable[str] = ()) -> None:
        # ``reported``: the articles of events dated only by their report, the only ones
        # ``retrospective`` is asked about (headline())
        self.store, self.reported = store, frozenset(reported)
        if events is None:
            self.actors = {a.id: a for a, _, _ in store.actors()}
            self.places = {p.id: p for p, _, _ in store.places()}
            self.articles = store.articles_by_id()
            return
        actor_ids = {a for ev in events for a in (*ev.source, *ev.target)}
        actor_ids |= {x for ev in events for x in (ev.attribution, *(m.attribution for m in ev.mentions)) if x}
        self.actors = store.actors_by_id(actor_ids)
        self.places = store.places_by_id({ev.location for ev in events if ev.location})
        self.articles = {a.id: a for a in store.articles(ids={m.article_id for ev in events for m in ev.mentions})}

    @cached_property
    def retrospective(self) -> frozenset[str]:
        """The articles among ``reported`` that look back (or are not of their own day):
        naming more than ``RETROSPECTIVE_DAYS`` different days, half of them more than
        ``RETROSPECTIVE_LAG`` days from the article's date (:func:`headline`)."""
        named = self.store.days_named(self.reported) if self.reported else {}
        out = set()
        for aid, days in named.items():
            art = self.articles.get(aid)
            if len(days) <= RETROSPECTIVE_DAYS or art is None or not art.published or art.published_precision != "day":
                continue
            try:
                own = date.fromisoformat(art.published)
                far = sum(abs((own - date.fromisoformat(d)).days) > RETROSPECTIVE_LAG for d in days)
            except ValueError:
                continue
            if 2 * far >= len(days):
                out.add(aid)
        return frozenset(out)

    def actor(self, actor_id: str) -> dict[str, Any]:
        a = self.actors.get(actor_id)
        if a is None:  # a country the coder named ("the two Libyan sides") but no article did
            from .knowledge import load_knowledge

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


def _event_record(ev: Event, look: _Lookup) -> dict[str, Any]:
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
            "basis": m.basis,
            "main_clause": m.main_clause,
            "past": m.past,
            # the target is only the country where it happened, by the PLOVER/ICEWS convention
            # for a material act or a visit with no target named ("Russian jets struck in Syria")
            "target_is_place": bool(m.target and m.location_span and m.target_spans
                                    and all(tuple(sp) == tuple(m.location_span) for sp in m.target_spans)),
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
        "headline": headline(ev, look.retrospective),
        "mentions": mentions,
    }


def _named(actor_id: str) -> bool:
    """Whether an event's source names who acted: not a role whose holder is unknown, nor a
    single word the tagger alone took for a name that the knowledge base does not know
    (``new:objectif``, ``new:info``: a heading's shouted word, more often than a person)."""
    if actor_id.startswith("role:"):
        return False
    return not (actor_id.startswith("new:") and "-" not in actor_id[4:])


def headline(ev: Event, retrospective: Iterable[str] = frozenset()) -> bool:
    """Whether the default timeline shows an event (precision first): a report whose trigger
    heads a main clause and names who acted (a known actor, or a name of two words or more),
    or reports in two articles or more that date it themselves (to the month or the day) and are not copies of one
    sentence (corroboration); and a date of its own — or,
    when only its report dates it, a report that tells it as a finished act in a past tense in
    such a main clause ("Russia praised the agreement"), not how things stand ("Russia has
    deployed units", "Turkey supports the GNA"): news, not background. Such a report counts
    only outside ``retrospective`` articles, those naming more than ``RETROSPECTIVE_DAYS``
    different days, at least half of them more than ``RETROSPECTIVE_LAG`` days from the
    article's own (a look back over years, a chronology, a site's dump of other days kept as
    body; not a live report naming the days of its week): what they tell in a past tense
    happened on some day of their own story, not on the day they appeared — "Saudi Arabia gave
    in to Doha" in a review of January 2014 is no act of January 2014. Their acts with a date
    of their own still show."""
    if not ev.date:
        return False
    told = [m for m in ev.mentions if m.basis == "rules" and m.main_clause and any(_named(a) for a in m.source)]
    if ev.date_precision == "reported":
        return any(m.past and m.status in ("occurred", "cancelled", "denied") and m.article_id not in retrospective
                   for m in told)
    if told:
        return True
    # corroboration counts the reports that date the act themselves or tell it in a main
    # clause: two sentences dated only by their report ("Assad would be using gas today", "it
    # was not Assad who used gas") do not make an act of a week; and a sentence copied word
    # for word into another page (a wire story run twice, a site's teaser on every page) is
    # one report, however many pages carry it
    seen: set[tuple[str, int, int]] = set()
    articles: set[str] = set()
    for m in ev.mentions:
        if m.date_precision in (None, "reported", "year"):
            continue  # two reports of something in one year ("in 2012 the army ...") are no match
        copy = (m.trigger[2], m.end - m.start, m.trigger[0] - m.start)  # the same words at the same place
        if copy not in seen:
            seen.add(copy)
            articles.add(m.article_id)
    return len(articles) >= 2


def event_records(
    store: Store, *, min_confidence: float = 0.0, headlines: bool = False, ids: Iterable[str] | None = None,
    events: list[Event] | None = None,
) -> list[dict[str, Any]]:
    """Every linked event as an export record, in date order (on one date, events with a date of
    their own before those dated only by their report); the timeline's records too. With
    ``headlines``, only the events the default timeline shows (:func:`headline`). ``ids``: only
    these events (a story's, an actor's), read without reading the rest of the corpus;
    ``events``: these events, already read (``store.events(ids=…)``), not read again."""
    found = events if events is not None else store.events(ids=ids) if ids is not None else store.events()
    look = _Lookup(store, found if ids is not None or events is not None else None,
                   reported={m.article_id for ev in found if ev.date_precision == "reported" for m in ev.mentions})
    events = sorted(found, key=lambda e: (e.date or "9999", e.date_precision == "reported", e.id))
    return [_event_record(ev, look) for ev in events
            if ev.confidence >= min_confidence and (not headlines or headline(ev, look.retrospective))]


def event_csv_row(rec: dict[str, Any]) -> dict[str, Any]:
    """An event record as a flat row: one column per PLOVER/ICEWS-style field. Every source and
    target actor is kept: ``source_actor_id``, ``source_name``, ``source_country`` and
    ``source_sector`` list the side's actors in the same order, joined by ``LIST_SEP`` (an
    unknown value is empty), and likewise for the target."""
    row: dict[str, Any] = {k: rec[k] for k in ("id", "type", "cameo", "mode", "context", "status", "date", "date_precision", "attribution", "confidence", "headline")}
    for role in ("source", "target"):
        actors = rec[role + "s"] or ([rec[role]] if rec[role] else [])
        for k in ("actor_id", "name", "country", "sector"):
            values = [a.get(k) for a in actors]
            row[f"{role}_{k}"] = (
                LIST_SEP.join("" if v is None else str(v) for v in values) if any(v is not None for v in values) else None
            )
    loc = rec["location"] or {}
    for k in ("place_id", "name", "country", "lat", "lon"):
        row[f"location_{k}"] = loc.get(k)
    row["n_sources"] = len(rec["sources"])
    row["n_targets"] = len(rec["targets"])
    row["n_mentions"] = len(rec["mentions"])
    row["n_articles"] = len({m["article_id"] for m in rec["mentions"]})
    row["outlets"] = LIST_SEP.join(sorted({m["outlet"] for m in rec["mentions"] if m.get("outlet")}))
    row["mentions"] = json.dumps([{k: m[k] for k in ("article_id", "sentence", "start", "end")} for m in rec["mentions"]])
    return row


def reporter(mention: dict[str, Any]) -> str:
    """Who reported a mention record: its article's outlet, else "unknown outlet" (never the
    file it was read from: a file name is not a reporter)."""
    return mention.get("outlet") or UNKNOWN_OUTLET


# -- stories --------------------------------------------------------------------------------


def story_records(store: Store, *, limit: int | None = None, story_id: str | None = None) -> list[dict[str, Any]]:
    """Every story, most articles first (the ``stories`` export and ``storyline stories``):
    id, title and summary (of its most central article), start and end (its articles' dates),
    article and event ids, languages, outlets, and the counts of articles and events."""
    out = []
    for s in store.stories(story_id):
        out.append({
            "id": s.id, "title": s.title, "summary": s.summary, "start": s.start, "end": s.end,
            "article_ids": list(s.article_ids), "event_ids": list(s.event_ids),
            "languages": list(s.languages), "outlets": list(s.outlets),
            "articles": len(s.article_ids), "events": len(s.event_ids), "central_article_id": s.central_article_id,
        })
    return out[: limit or None]


# -- stats ----------------------------------------------------------------------------------


def _by_count(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def stats(store: Store, *, database: str) -> dict[str, Any]:
    """The numbers of ``storyline stats``: articles by language, outlet, month and where their
    date came from (each article's one date, as the articles export gives it), failures by code."""
    languages: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    months: Counter[str] = Counter()
    date_sources: Counter[str] = Counter()
    articles = words = removed = 0
    for f in store.article_facts():
        articles += 1
        words += f.words
        removed += f.removed_blocks
        languages[f.language or "?"] += 1
        sources[f.source or "?"] += 1
        months[f.published[:7] if f.published else "unknown"] += 1
        date_sources[f.published_source or "none"] += 1
    failures = Counter(f.code for f in store.failures())
    return {
        "database": database,
        "articles": articles,
        "failures": sum(failures.values()),
        "languages": _by_count(languages),
        "sources": _by_count(sources),
        "months": dict(sorted(months.items())),
        "date_sources": _by_count(date_sources),
        "failure_codes": dict(sorted(failures.items())),
        "words": words,
        "removed_blocks": removed,
        "migrations": store.migrations(),
    }


# -- show -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    """One article as ``storyline show`` presents it."""

    article: Article
    analysis: str | None  # the analysis annotate gave it
    basis: tuple[str, ...]  # what a corpus date rests on (empty unless published_source is "corpus")
    raw: str | None  # the input as read
    mentions: tuple[Mention, ...]
    times: tuple[TimeExpr, ...]


def article_detail(store: Store, ident: str) -> ArticleDetail | None:
    """An article by id or unique id prefix, with what ``show`` prints about it; None when
    no article matches."""
    article = store.article(ident)
    if article is None:
        return None
    basis: tuple[str, ...] = ()
    if article.published_source == "corpus":
        found = store.corpus_date(article.id)  # this article's row, not the corpus's
        basis = tuple((found or (None,) * 5)[4] or ())
    ann = store.annotation(article.id)
    doc = store.document(article.id)
    return ArticleDetail(
        article=article,
        analysis=ann.analysis if ann else None,
        basis=basis,
        raw=doc.content if doc else None,
        mentions=tuple(store.mentions(article.id)),
        times=tuple(store.times(article.id)),
    )


# -- finding articles -----------------------------------------------------------------------

# the fields of ``storyline articles --format json``, in order
ARTICLE_LIST_FIELDS = [
    "id", "published", "published_precision", "published_source", "source", "language", "title", "path",
]

AMBIGUOUS_SHOWN = 20  # matches an ambiguous id prefix lists


def _summary_record(a: ArticleSummary) -> dict[str, Any]:
    return {k: getattr(a, k) for k in ARTICLE_LIST_FIELDS}


def article_list(
    store: Store,
    *,
    language: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    undated: bool = False,
    prefix: str | None = None,
) -> list[dict[str, Any]]:
    """The records of ``storyline articles``, by date (undated last), then id: each article's
    id, one date (with its precision and where it came from), outlet, language, title and
    path — no text. Filters: ``language`` (ISO 639-1, any case; a tag such as "pt-BR" also
    matches "pt"), ``outlet`` (words the outlet contains, any case), ``since``/``until``
    (``YYYY[-MM[-DD]]``, inclusive, on the article's date; undated articles are left out),
    ``undated`` (only articles with no date), ``prefix`` (ids starting with it)."""
    lang = language.lower() if language else None
    out = []
    for a in store.article_summaries(prefix):
        if lang is not None and (a.language or "").lower() != lang and (a.language or "").lower().split("-")[0] != lang:
            continue
        if outlet is not None and outlet.casefold() not in (a.source or "").casefold():
            continue
        if undated and a.published:
            continue
        if (since or until) and not a.published:
            continue
        if since and a.published[: len(since)] < since:
            continue
        if until and a.published[: len(until)] > until:
            continue
        out.append(_summary_record(a))
    return out


def find_article(store: Store, ident: str) -> str:
    """The id of the article ``ident`` names: its whole id, or the start of exactly one
    article's id (any length; same case first, then any case). Raises NoSuchArticle (E501)
    when none matches and AmbiguousId (E502), listing the matches, when several do."""
    ident = ident.strip()
    matches = list(store.article_summaries(ident)) if ident else []
    for candidates in ([a for a in matches if a.id == ident], [a for a in matches if a.id.startswith(ident)], matches):
        if len(candidates) == 1:
            return candidates[0].id
        if len(candidates) > 1:
            matches = candidates
            break
    if not matches:
        raise NoSuchArticle(ident=ident, path=store.path)
    shown = matches[:AMBIGUOUS_SHOWN]
    wide = [max(len(x) for x in col) for col in zip(*((a.id, (a.source or "-")[:28]) for a in shown))]
    lines = [
        f"\n  {a.id:{wide[0]}}  {a.published or 'undated':10}  {(a.source or '-')[:28]:{wide[1]}}  {a.title or '(no title)'}"
        for a in shown
    ]
    if len(matches) > AMBIGUOUS_SHOWN:
        lines.append(f"\n  … and {len(matches) - AMBIGUOUS_SHOWN} more: storyline articles --id {ident} --db {store.path}")
    exc = AmbiguousId(ident=ident, count=len(matches), path=store.path, matches="".join(lines))
    exc.ids = tuple(a.id for a in matches)
    raise exc


# -- search ---------------------------------------------------------------------------------


def search(store: Store, query: str, *, limit: int = 20, names: bool = True) -> list[dict[str, Any]]:
    """The articles a query finds, best first (``storyline/search.py``): ``{id, title,
    published, source, snippet, matched_words, matched_entities}``, the matched words in
    [brackets] in the snippet. ``names``: also the articles that mention the actors and places
    the words name, however spelled."""
    from .search import search as find

    return [hit.record() for hit in find(store, query, limit=limit, names=names)]
