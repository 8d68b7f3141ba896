"""Stories: articles, in any language, grouped into the stories they tell — incrementally.

A story is a set of articles about one real-world matter (a rehab stay, an earthquake, a
round of talks and what followed). The stage never regroups what it has grouped: each
article not yet in a story is placed, in a fixed order, into the story it is most similar
to when that story is similar enough, else it opens a new story. An article placed keeps
its story for good, so story ids (a hash of the article that opened the story) are stable
and later stages (timelines, contradictions, alliances) can hang their records on them.

**Similarity of two articles.** Nine signals, each in [0, 1]:

- ``encoder``: cosine of the multilingual sentence encoder's vectors (USE multilingual v3,
  ``storyline.stages.code.classifier.encoder()``) of the title and lead (the first
  sentences, up to ``LEAD_CHARS``); it compares articles across languages;
- ``actors``: overlap of the named people and organisations the resolve stage found, as a
  share of the smaller set (a brief naming three people, two of them in a long analysis
  that names fourteen, shares most of what it names: Dice would say 0.24, this says 0.67);
- ``places``: Dice overlap of the places below the level of a country;
- ``countries``: Dice overlap of the countries of every actor and place named;
- ``events``: shared linked events (the link stage's), 0, 0.5 (one) or 1 (two or more);
- ``numbers``: Dice overlap of the numbers written in the text (a death toll, a magnitude,
  a score), time expressions (dates, ages, durations) and years left out;
- ``years``: Dice overlap of the years the text names outright ("in 2008", "June 27, 2001");
- ``names``: Dice overlap of the capitalised words the title and text write inside a sentence
  (``names``: "Lohan", "Malibu", "Promises", as written, lower-cased), whether or not
  the resolve stage knows them — only between two articles of one language that both write at
  least ``MIN_NAMES`` of them (see below);
- ``bias``: 1.

Numbers, years and names tell apart two events of one kind: two earthquakes, two arrests or
two firings of a coach read alike to the encoder, and often name the same country, team or
office, but reports of one event repeat its figures, its year and its people and places, and
reports of another event give other ones.

They are combined by a logistic regression, ``P(same story | signals)``, whose weights were
fitted on pairs of ECB+ documents of the *tune* topics (same topic-and-sub-corpus folder =
same story) by ``python -m storyline.evaluate.stories --train``; the weights file
(``stories_weights.json``) records the topics, the data and the command. Names as written
compare only within one language and only where a capital marks a name: "Mosca" is
"Moscow", Arabic writes no capitals, German capitalises every noun (the language profile's
``cased`` and ``nouns_capitalised``). So there are two sets of weights, fitted on the same pairs:
``weights`` for a pair whose names compare, and ``weights_across`` — fitted without the names
signal — for every other pair (two languages, or a text with too few capitalised words), so
that a French report of an English story is judged as before and not marked down for names
it could not share.

**Dates** are a prior, not a fitted weight (the ECB+ documents carry no dates): when both
articles are dated, the pair's probability is multiplied by ``exp(-max(0, days - DATE_GRACE)
/ DATE_SCALE)``, so reports weeks apart need more evidence than reports of the same week,
and an undated article is judged on the other signals alone. An article dated only within
bounds (the dating stage's "in the week of 1–4 April", a month) counts from its nearest
possible day when the bounds are at most ``BOUNDED_DAYS`` apart — so an analysis of early
April is not read as undated and chained to January's reports by its names.

**Article to story.** The score of an article against a story is the mean probability of
its ``NEAREST`` most similar members (fewer when the story is smaller): a story may drift
over months, and an article need only be close to the part of it it continues; yet one
close member alone (single link) would chain unrelated reports together. The article joins
the best story when that score reaches the threshold, fitted with the weights (judged by the
B³ F1 over the tune topics, placing their documents as this stage does, smoothed over its
neighbours on the grid; the lowest within ``evaluate.stories.PLATEAU`` of the best, among those
that keep the seeds — five dated reports of one matter — one story).

**Order.** New articles are placed by (date, id), undated last. A build of A then B
equals a build of A+B in one go when no article of B sorts before an article of A (a feed
read day after day); otherwise A's articles keep the stories they had (nothing moves) and
B's are placed against them, which may differ from a fresh build. (Strictly, "equals" holds
for the same signals: B's reports can link events of A's articles anew, or change the record
of an actor, and a build in one go sees that when placing A's articles.) Running again with
no new article changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ... import languages, summaries
from ...languages import forms
from ...models import StoryMember
from ...registry import Dependency, Stage

__all__ = [
    "VERSION", "FEATURES", "StoryModel", "Profile", "model", "pair_features", "place", "lead", "story_id",
    "central", "extract_summary", "run",
]

LOGGER = logging.getLogger(__name__)

VERSION = "stories.v5"  # v2: numbers and years named in the text; actors shared as a share of the smaller set; v3: names as written; v4: labelled from a titled article, and again when articles change; v5: not by a one- or two-word title when a longer one is there
WEIGHTS_PATH = Path(__file__).resolve().parent / "stories_weights.json"
FEATURES = ("encoder", "actors", "places", "countries", "events", "numbers", "years", "names", "bias")
LEAD_CHARS = 400  # title + this much of the text's start, cut at a sentence end, is encoded
NEAREST = 3  # an article is compared with this many of a story's closest members
DATE_GRACE = 7  # days apart that cost nothing
DATE_SCALE = 30.0  # then the probability decays by e every this many days
MIN_NAMES = 3  # capitalised words a text must write for its names to be compared
BOUNDED_DAYS = 31  # a date known within bounds this close counts for the date prior


@dataclass(frozen=True, slots=True)
class Profile:
    """What the stage compares about one article."""

    id: str
    vector: np.ndarray  # unit-length encoder vector of title + lead
    actors: frozenset[str] = frozenset()  # named people and organisations
    places: frozenset[str] = frozenset()  # places below country level
    countries: frozenset[str] = frozenset()  # countries of every actor and place
    events: frozenset[str] = frozenset()  # linked events it reports
    numbers: frozenset[str] = frozenset()  # numbers in the text, normalised ("1,500" -> "1500")
    years: frozenset[str] = frozenset()  # years the text names outright
    names: frozenset[str] = frozenset()  # capitalised words written inside a sentence, lower-cased
    language: str | None = None
    day: int | None = None  # its date as a day number (date.toordinal), or the first it may be (_days)
    last: int | None = None  # the last day it may be from, when known only to a week or a month (else = day)
    order: tuple = field(default=(), compare=False)  # the placing order: (date or "9999", id)


@dataclass(frozen=True, slots=True)
class StoryModel:
    """Weights over FEATURES and the joining threshold (``stories_weights.json``): ``weights``
    for pairs whose names compare, ``across`` (the names weight 0) for the others; without
    ``across``, ``weights`` serve both."""

    weights: tuple[float, ...]
    threshold: float
    meta: dict = field(default_factory=dict, compare=False)
    across: tuple[float, ...] | None = None

    def probability(self, x: np.ndarray, comparable: np.ndarray | None = None) -> np.ndarray:
        """P(same story) of each row of ``x``; ``comparable`` (one bool a row) says which
        rows' names compare (default: all)."""
        z = x @ np.asarray(self.weights)
        if self.across is not None and comparable is not None and not comparable.all():
            z = np.where(comparable, z, x @ np.asarray(self.across))
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=1)
def model(path: str | None = None) -> StoryModel:
    """The shipped weights and threshold (or those at ``path``)."""
    data = json.loads(Path(path or WEIGHTS_PATH).read_text("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path or WEIGHTS_PATH}: features {data['features']} are not {FEATURES}; retrain")
    across = data.get("weights_across")
    return StoryModel(tuple(float(w) for w in data["weights"]), float(data["threshold"]), data.get("meta", {}),
                      tuple(float(w) for w in across) if across is not None else None)


def fingerprint() -> str:
    return hashlib.sha1(WEIGHTS_PATH.read_bytes()).hexdigest()[:12]


_SENTENCE_END = re.compile(r"(?<=[.!?。؟])\s+")


def lead(title: str | None, text: str, limit: int = LEAD_CHARS) -> str:
    """Title and the text's first sentences, up to ``limit`` characters (at least one sentence)."""
    head = text.strip()[: limit * 2]
    out = ""
    for sentence in _SENTENCE_END.split(head):
        if out and len(out) + len(sentence) > limit:
            break
        out = f"{out} {sentence}".strip()
    out = out[: limit * 2]
    return f"{title.strip()}. {out}" if title and title.strip() and not text.strip().startswith(title.strip()) else out


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@lru_cache(maxsize=64)
def _capitals_mark_names(language: str) -> bool:
    """Whether a capital inside a sentence marks a name in ``language``: a cased script whose
    nouns are not all capitalised (not Arabic, not German; the language profile says)."""
    p = languages.profile(language)
    return p.cased and not p.nouns_capitalised


def names_compare(a: Profile, b: Profile) -> bool:
    """Whether two articles' names as written can be compared: one language, whose capitals
    mark names, and each writes ``MIN_NAMES`` or more."""
    return (a.language is not None and a.language == b.language and min(len(a.names), len(b.names)) >= MIN_NAMES
            and _capitals_mark_names(a.language))


def pair_features(a: Profile, b: Profile) -> list[float]:
    """The signals of one pair, in FEATURES order (``names`` 0 where they do not compare)."""
    shared = len(a.events & b.events)
    return [
        float(np.dot(a.vector, b.vector)),
        _overlap(a.actors, b.actors),
        _dice(a.places, b.places),
        _dice(a.countries, b.countries),
        min(shared, 2) / 2,
        _dice(a.numbers, b.numbers),
        _dice(a.years, b.years),
        _dice(a.names, b.names) if names_compare(a, b) else 0.0,
        1.0,
    ]


def date_prior(a: Profile, b: Profile) -> float:
    """The dates' factor on a pair's probability: 1 within ``DATE_GRACE`` days, then decaying;
    an article dated within bounds (a week, a month) is as far as its nearest possible day."""
    if a.day is None or b.day is None:
        return 1.0
    gap = max(0, a.day - (b.last or b.day), b.day - (a.last or a.day))
    return math.exp(-max(0, gap - DATE_GRACE) / DATE_SCALE)


def probabilities(a: Profile, members: Sequence[Profile], m: StoryModel) -> np.ndarray:
    """P(same story) of ``a`` with each of ``members``."""
    if not members:
        return np.zeros(0)
    x = np.array([pair_features(a, b) for b in members])
    p = m.probability(x, np.array([names_compare(a, b) for b in members]))
    return p * np.array([date_prior(a, b) for b in members])


def story_score(p: np.ndarray) -> float:
    """An article's score against a story from its probabilities with the members."""
    if p.size == 0:
        return 0.0
    top = np.sort(p)[::-1][:NEAREST]
    return float(top.mean())


def story_id(first_article: str) -> str:
    return "st:" + hashlib.sha1(first_article.encode("utf-8")).hexdigest()[:12]


def place(
    new: Iterable[Profile], stories: dict[str, list[Profile]], m: StoryModel | None = None
) -> list[tuple[str, str, float]]:
    """Place new articles, in (date, id) order, into ``stories`` (story id → members; updated
    in place). Returns (article id, story id, score) for each new article; score is the story
    score it joined with (1.0 for an article that opened a story)."""
    m = m or model()
    out = []
    for a in sorted(new, key=lambda p: p.order or ("9999", p.id)):
        best, best_score = None, -1.0
        for sid, members in stories.items():
            s = story_score(probabilities(a, members, m))
            if s > best_score or (s == best_score and best is not None and sid < best):
                best, best_score = sid, s
        if best is not None and best_score >= m.threshold:
            stories[best].append(a)
            out.append((a.id, best, round(best_score, 4)))
        else:
            sid = story_id(a.id)
            stories[sid] = [a]
            out.append((a.id, sid, 1.0))
    return out


def central(members: Sequence[Profile]) -> str:
    """The member closest (by encoder cosine) to the others: the story's most central article."""
    if len(members) <= 2:
        return sorted(members, key=lambda p: p.order or ("9999", p.id))[0].id
    v = np.stack([p.vector for p in members])
    sims = (v @ v.T).sum(axis=1)
    best = max(range(len(members)), key=lambda i: (round(float(sims[i]), 6), -i))
    return members[best].id


def extract_summary(text: str, limit: int = 2, max_chars: int = 400) -> str:
    """One or two sentences from the start of an article: the lead news writing puts first."""
    out: list[str] = []
    for sentence in _SENTENCE_END.split(text.strip()):
        sentence = " ".join(sentence.split())
        if not sentence:
            continue
        if out and len(" ".join(out)) + len(sentence) > max_chars:
            break
        out.append(sentence)
        if len(out) >= limit:
            break
    summary = " ".join(out)
    return summary if len(summary) <= max_chars else summary[: max_chars - 1].rstrip() + "…"


# -- the corpus stage ----------------------------------------------------------------------


def _encode(texts: list[str]) -> np.ndarray:
    from ..code.classifier import encoder

    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    v = np.asarray(encoder().encode(texts), dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norms == 0, 1, norms)


_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_THOUSANDS = re.compile(r"[.,](?=\d{3}(?:\D|$))")
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)(?:$|-)")


def numbers(text: str, times: Iterable[Any] = ()) -> frozenset[str]:
    """The numbers written in ``text`` outside its time expressions (``times``: spans with
    ``start``/``end``), years left out: "1,500" and "1.500" read 1500, "7,3" and "7.3" read 7.3."""
    spans = sorted((t.start, t.end) for t in times)
    out = set()
    for m in _NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        value = _THOUSANDS.sub("", m.group()).replace(",", ".")
        if len(value) == 4 and _YEAR.match(value):
            continue
        out.add(value)
    return frozenset(out)


def years(times: Iterable[Any]) -> frozenset[str]:
    """The years named outright by the dates among ``times`` (TIMEX3 ``value`` resolved with
    no reference: "2008", "June 27, 2001"), not those read from the article's date."""
    out = set()
    for t in times:
        if t.type == "DATE" and t.anchor == "absolute":
            m = _YEAR.match(t.value)
            if m:
                out.add(m.group(1))
    return frozenset(out)


_CAPITALISED = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]{2,})")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:;…\n]|[.!?:]\s*[\"“”«»'‘’()\[\]-])\s*$")


def names(text: str, lang: str | None = None) -> frozenset[str]:
    """The capitalised words of ``text`` (three characters or more; after an elided word of
    ``lang``'s profile, "l'Égypte", the name), lower-cased, except a word
    that opens a sentence, a line or a quotation ("The", "Yesterday") and a word all in
    capitals (an agency's credit, "AP", "CNN", a dateline, "LOS ANGELES": an outlet's, not the
    story's): the names as written, known to the resolve stage or not. Empty for a script
    without capitals."""
    prof = languages.profile(lang)
    out = set()
    for m in _CAPITALISED.finditer(text):
        word = m.group(1)
        cut = max(forms.starts(word, prof))  # "l'Égypte", "dell'Onu": the name after the language's elided word
        if cut:
            word = word[cut:]
        elif _OPENS_SENTENCE.search(text[max(0, m.start() - 4): m.start()]):
            continue
        if len(word) < 3 or not word[0].isupper() or word.isupper():
            continue
        out.add(word.lower())
    return frozenset(out)


def _ordinal(value: str | None) -> int | None:
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value).toordinal()
    except ValueError:
        return None


def _days(article: Any) -> tuple[int | None, int | None]:
    """(first, last) day an article may be from: its day, or the bounds of a date known only to
    a week or a month (the dating stage's, or the article's own) when both are known and at most
    ``BOUNDED_DAYS`` apart; (None, None) otherwise (no date prior)."""
    if article.published_precision == "day":
        d = _ordinal(article.published)
        return d, d
    lo, hi = _ordinal(article.published_earliest), _ordinal(article.published_latest)
    if lo is not None and hi is not None and 0 <= hi - lo <= BOUNDED_DAYS:
        return lo, hi
    return None, None


def profiles(store: Any, ids: set[str] | None = None, vectors: dict[str, np.ndarray] | None = None) -> dict[str, Profile]:
    """Profiles of the articles in the store (of ``ids`` only, when given); vectors are taken
    from ``vectors`` where given, else encoded."""
    actors = {a.id: a for a, _, _ in store.actors()}
    places = {p.id: p for p, _, _ in store.places()}
    arts = [a for a in store.articles() if ids is None or a.id in ids]
    ents: dict[str, dict[str, set[str]]] = {}
    for mention in store.mentions():
        if ids is not None and mention.article_id not in ids:
            continue
        e = ents.setdefault(mention.article_id, {"actors": set(), "places": set(), "countries": set()})
        if mention.kind == "actor":
            actor = actors.get(mention.entity_id)
            if actor is None:
                continue
            if actor.kind in ("person", "org") and not mention.entity_id.startswith("role:"):
                e["actors"].add(actor.id)
            if actor.country:
                e["countries"].add(actor.country)
        else:
            p = places.get(mention.entity_id)
            if p is None:
                continue
            if p.kind != "country":
                e["places"].add(p.id)
            if p.country:
                e["countries"].add(p.country)
    events: dict[str, set[str]] = {}
    for ev in store.events():
        for em in ev.mentions:
            if ids is None or em.article_id in ids:
                events.setdefault(em.article_id, set()).add(ev.id)
    times: dict[str, list[Any]] = {}
    for aid, t in store.times_by_article(ids):
        times.setdefault(aid, []).append(t)
    vectors = dict(vectors or {})
    todo = [a for a in arts if a.id not in vectors]
    if todo:
        enc = _encode([lead(a.title, a.text) for a in todo])
        vectors.update({a.id: enc[i] for i, a in enumerate(todo)})
    out = {}
    for a in arts:
        e = ents.get(a.id, {})
        first, last = _days(a)
        out[a.id] = Profile(
            id=a.id, vector=vectors[a.id], actors=frozenset(e.get("actors", ())), places=frozenset(e.get("places", ())),
            countries=frozenset(e.get("countries", ())), events=frozenset(events.get(a.id, ())),
            numbers=numbers(a.text, times.get(a.id, ())), years=years(times.get(a.id, ())),
            names=names(f"{a.title}\n{a.text}" if a.title else a.text, a.language), language=a.language,
            day=first, last=last, order=(a.published or "9999", a.id),
        )
    return out


def _labels(store: Any, stories: dict[str, list[Profile]], listed: Sequence[Any]) -> dict[str, tuple[str, str | None, str | None]]:
    """Each story's label: (central article, title, summary). The central article is the one
    closest to the others among those with a title of their own, when any has one; else
    among those with a title; else among all. A page without a title would lend the story
    its first sentence, often a site's note ("Ce billet fait partie du dossier …"), and a
    title that pages of other days carry too is the site's, not the story's ("Boutique le
    Point", "Les sites éditoriaux": a shop link or a menu the cleaner took for the
    headline). A title of one or two words ("SIRIA.", a dateline or a section's name) is a
    title of its own only when no member has a longer one. The label is the central article's title (else its first sentence); the
    summary its opening sentences. ``listed``: every article's summary (title, date), read
    once by the stage."""
    days: dict[str, set[str | None]] = defaultdict(set)
    for a in listed:
        if a.title:
            days[a.title].add(a.published)
    wanted = {p.id for members in stories.values() for p in members}
    articles = {a.id: a for a in store.articles() if a.id in wanted}
    out = {}
    for sid, members in stories.items():
        titled = [p for p in members if articles[p.id].title]
        own = [p for p in titled if len(days[articles[p.id].title]) < 2]
        worded = [p for p in own if len(articles[p.id].title.split()) >= 3]
        c = articles[central(worded or own or titled or members)]
        out[sid] = (c.id, c.title or extract_summary(c.text, 1, 120), extract_summary(c.text))
    return out


def model_key() -> str:
    """Which stage version and weights placed an article (stored beside it)."""
    return f"{VERSION}:{fingerprint()}"


def run(store: Any, changed: set[str]) -> set[str]:
    """The corpus stage: place every article not yet in a story; rewrite the label of each
    story that gained one, or whose articles' records changed (``changed``: a new cleaner
    finds another title). Articles already placed are not moved — unless they were placed
    by another version or other weights, when every article is placed again from scratch
    (a rebuild after such a change equals a fresh build)."""
    key = model_key()
    members = store.story_members()
    if any(mb.model != key for mb in members):
        LOGGER.info("stories: the model changed; placing every article again")
        with store.transaction():
            store.clear_stories()
        members = []
    listed = list(store.article_summaries())
    everything = {a.id for a in listed}
    placed = {mb.article_id: mb for mb in members if mb.article_id in everything}
    new_ids = everything - set(placed)
    # stories whose placed articles changed (cleaned again: another title, another lead) are
    # labelled again from what the articles now say
    relabel = {placed[aid].story_id for aid in changed if aid in placed}
    if not new_ids and not relabel:
        # no article to place, but the stage runs because its input changed (the linked
        # events, the summary code): the stories whose input changed get their summaries again
        summaries.refresh(store)
        return set()
    # to place new articles every story is read; to label stories again, only their members
    read = None if new_ids else {aid for aid, mb in placed.items() if mb.story_id in relabel}
    vectors = {k: np.frombuffer(mb.vector, dtype=np.float32) for k, mb in placed.items() if read is None or k in read}
    profs = profiles(store, read, vectors)
    stories: dict[str, list[Profile]] = {}
    for mb in placed.values():  # in placing order
        if mb.article_id in profs:
            stories.setdefault(mb.story_id, []).append(profs[mb.article_id])
    result = place([profs[i] for i in new_ids], stories)
    touched = {sid for _, sid, _ in result} | relabel
    labels = _labels(store, {sid: stories[sid] for sid in touched}, listed)
    seq = max((mb.seq for mb in members), default=0)
    rows = [
        StoryMember(aid, sid, seq + n, score, key, profs[aid].vector.astype(np.float32).tobytes())
        for n, (aid, sid, score) in enumerate(result, start=1)
    ]
    with store.transaction():
        store.add_story_members(rows)
        store.put_story_labels(labels)
    # the summaries (key dates, map, network) of exactly the stories whose input changed: those
    # that gained an article, and any whose articles' records or events changed; a build
    # stopped before this point leaves them not current (readers compute) and the next run
    # of the stage, seeing its input unchanged but the summaries' stamps stale, redoes them
    summaries.refresh(store)
    return set()


STAGE = Stage(
    "stories", VERSION, "corpus", requires=("article", "times", "resolution", "events"), assigns=("stories",),
    depends=(Dependency("story-weights", lambda settings: fingerprint(), "the story similarity weights and threshold"),
             Dependency("story-summaries", lambda settings: summaries.fingerprint(),
                        "the code of the stored story summaries (key dates, map, network: storyline/summaries.py)")),
    run=run,
    doc="articles grouped into stories, incrementally: a new article joins the most similar story or opens one",
)
