"""Anchor: what depends on the article's date, decided once the date is known — cheaply.

Annotate, resolve and code do not depend on the date the corpus gives an
article; this stage does, and it runs no model. At the reference date (the
article's own, or the one the dating stage inferred for an article that states
none to the day) it

- resolves the time expressions annotate found (TIMEX3 values, ``timex.py``);
- binds each role named without a name ("the Russian foreign minister",
  ``role:foreign-minister:RUS``) to whoever held the post then;
- dates each coded event: the first of its candidate time expressions that
  resolves to a day, month or year, else the article's date ("reported").

When dating moves an article's date, only this stage runs again for it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .. import languages
from ..knowledge import load_knowledge
from ..models import Actor, Annotation, Article, EventMention, Resolution, TimeExpr
from ..registry import CORPUS_DATE, KNOWLEDGE, LANGUAGES, Stage
from .annotate import timex
from .annotate.timex import reference_date
from .resolve import holder_actor

__all__ = ["VERSION", "STAGE", "anchor", "reference_date", "times_at", "bind_roles", "date_event"]

VERSION = "anchor.v5"  # v5: "hace tres días", "due giorni fa" in the generic languages; v4: weekdays with "scorso"/"próximo"


def _agree(a: str | None, b: str) -> str:
    """What two readings of one time expression share: the value, else its month or year."""
    if a is None or a == b:
        return b
    if re.match(r"\d{4}-\d\d", a) and re.match(r"\d{4}-\d\d", b) and a[:7] == b[:7]:
        return b[:7]
    if re.match(r"\d{4}", a) and re.match(r"\d{4}", b) and a[:4] == b[:4]:
        return b[:4]
    return b


def times_at(article: Article, annotation: Annotation | None = None) -> tuple[TimeExpr, ...]:
    """The article's time expressions with their TIMEX3 values at its date."""
    lang = languages.primary(article.language)
    text = article.text
    times = timex.find_times(text, reference=reference_date(article), lang=lang)
    lo, hi = article.published_earliest, article.published_latest
    if article.published_precision != "day" and lo and hi and lo != hi and len(lo) == len(hi) == 10:
        # the date is a range: keep of each relative date what holds wherever in the range the
        # article was written ("Friday" is one day if the range is within a week of it)
        early = {(t.start, t.end): t.value for t in timex.find_times(text, reference=lo, lang=lang)}
        times = [replace(t, value=_agree(early.get((t.start, t.end)), t.value)) for t in times]
    if annotation is not None:
        found = {(t.start, t.end) for t in annotation.times}
        times = [t for t in times if (t.start, t.end) in found]
    return tuple(times)


def bind_roles(article: Article, entities: Resolution) -> tuple[Resolution, dict[str, str]]:
    """The resolution with every role named without a name bound to its holder at the date,
    and the ids that changed (placeholder → actor)."""
    ref = reference_date(article)
    try:
        when = date.fromisoformat(ref) if ref and len(ref) == 10 else None
    except ValueError:
        when = None
    kb = None
    bound: dict[str, Actor] = {}
    for a in entities.actors:
        if a.id.startswith("role:"):
            kb = kb or load_knowledge()
            bound[a.id] = holder_actor(a, when, kb=kb)
    if not bound:
        return entities, {}
    ids = {k: v.id for k, v in bound.items()}
    actors = {a.id: a for a in entities.actors if a.id not in bound}
    for a in bound.values():
        actors.setdefault(a.id, a)
    mentions = tuple(replace(m, entity_id=ids.get(m.entity_id, m.entity_id)) for m in entities.mentions)
    return replace(entities, mentions=mentions, actors=tuple(a for _, a in sorted(actors.items()))), ids


def date_event(m: EventMention, article: Article, values: dict[tuple[int, int], str]) -> EventMention:
    """An event's date: its first candidate time expression that resolves to a day, month or
    year at the article's date; else the article's date, as reported."""
    for span in m.date_candidates:
        value = values.get(span)
        if value and precision_of(value):
            return replace(m, date=normalise_date(value), date_precision=precision_of(value), date_span=span)
    if article.published:
        if article.published_precision in (None, "day", "week"):
            return replace(m, date=article.published, date_precision="reported", date_span=None)
        # an article dated only to the month (or year): the event is reported that month
        cut = 7 if article.published_precision == "month" else 4
        return replace(m, date=article.published[:cut], date_precision="reported", date_span=None)
    return replace(m, date=None, date_precision=None, date_span=None)


def anchor(article: Article, annotation: Annotation, entities: Resolution, coded: tuple[EventMention, ...]) -> dict:
    """Times, actors and events of one article at its date (see the module docstring)."""
    times = times_at(article, annotation)
    resolution, ids = bind_roles(article, entities)
    values = {(t.start, t.end): t.value for t in times}

    def rebind(xs: tuple[str, ...], spans: tuple[tuple[int, int], ...]) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
        out: dict[str, tuple[int, int] | None] = {}
        for i, x in enumerate(xs):
            out.setdefault(ids.get(x, x), spans[i] if i < len(spans) else None)
        return tuple(out), tuple(s for s in out.values() if s is not None)

    def rebound(m: EventMention) -> EventMention:
        if not ids:
            return m
        (source, source_spans), (target, target_spans) = rebind(m.source, m.source_spans), rebind(m.target, m.target_spans)
        return replace(m, source=source, source_spans=source_spans, target=target, target_spans=target_spans,
                       attribution=ids.get(m.attribution, m.attribution) if m.attribution else None)

    events = tuple(date_event(rebound(m), article, values) for m in coded)
    return {"times": times, "resolution": resolution, "event_mentions": events}


def precision_of(value: str) -> str | None:
    """How much of an event's date a TIMEX3 value gives: day, month (a week counts as its
    month) or year; None for anything else (durations, PRESENT_REF, XXXX-…)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
        return "day"
    if re.fullmatch(r"\d{4}-(\d{2}|W\d{2})", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return None


def normalise_date(value: str) -> str:
    """An event date from a TIMEX3 value: the day of a time, the month of a week."""
    if "T" in value:
        value = value.split("T", 1)[0]
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).strftime("%Y-%m")
    return value


STAGE = Stage(
    "anchor", VERSION, "article", requires=("article", "annotation", "entities", "coded"),
    assigns=("times", "resolution", "event_mentions"), depends=(KNOWLEDGE, LANGUAGES, CORPUS_DATE), run=anchor,
    doc="at the article's own or corpus-inferred date: TIMEX3 values, roles bound to their holders, event dates; no model",
)
