"""Key dates: the dates a corpus (or one story) turns on, each with a short extractive summary.

The method follows news-tls (Gholipour Ghalandari and Ifrim 2020, "Examining the
state-of-the-art in news timeline summarization"): first select dates, then summarise each
selected date from the sentences tied to it.

**Date selection.** A day counts as much as the corpus refers to it, in distinct articles:

- ``mention``: articles whose text names the day (a time expression the anchor stage resolved
  to that day, ``2011-02-11``; "yesterday" in an article of the 12th counts for the 11th), not
  counting the article's own publication day — a day later reports look back to is a day
  that mattered;
- ``published``: articles published that day;
- ``events``: articles reporting an event dated that day (a date of its own, not only its
  report's), plus one for each distinct event type that day.

score(day) = W_MENTION·mention + W_PUBLISHED·published + W_EVENTS·events, times
(1 + log of the number of distinct outlets behind those articles, when outlets are known).
The weights are fixed, not fitted on any reference timeline. The highest-scoring days are
kept, at most ``max_dates``, and listed in date order.

**Summaries.** The candidate sentences of a day are those that name it, and — when fewer
than a handful do — the opening sentences of articles published that day that name no other
day. Sentences of 6 to 60 words are kept. Each is a TF-IDF vector (words of any script,
lower-cased; idf over every candidate sentence of the corpus); the day's centroid is the
mean of its candidates' vectors; candidates are taken by cosine to the centroid, skipping one
whose cosine to a sentence already taken exceeds ``REDUNDANCY`` (near-repeats from several
outlets), up to ``max_sentences`` (1 to 3). Language-independent: nothing here reads a word
list.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from .models import Event
from .store import Store

__all__ = ["key_dates", "KEY_FIELDS", "tokens"]

W_MENTION = 1.0
W_PUBLISHED = 0.5
W_EVENTS = 0.5
REDUNDANCY = 0.5
MIN_WORDS, MAX_WORDS = 6, 60
LEAD_SENTENCES = 5  # opening sentences of a day's articles used when few sentences name the day
FEW = 5

# the fields of each record of `storyline timeline --key --format json`, in order
KEY_FIELDS = ["date", "summary", "event_ids", "article_ids", "score", "sentences"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits of any script; punctuation dropped)."""
    return [w for w in _WORD.findall(text.lower()) if not w.isdigit() or len(w) == 4]


@lru_cache(maxsize=1 << 14)
def _words(text: str) -> tuple[str, ...]:
    """``tokens(text)``, kept: a candidate sentence is counted, then weighed for the idf, then
    turned into its vector."""
    return tuple(tokens(text))


@dataclass
class _Day:
    mention: set[str] = field(default_factory=set)
    published: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)  # article ids reporting events of the day
    event_ids: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)

    def articles(self) -> set[str]:
        return self.mention | self.published | self.events


@dataclass(frozen=True)
class _Sentence:
    article_id: str
    index: int
    text: str


def _in_range(day: str, since: str | None, until: str | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def key_dates(
    store: Store,
    *,
    max_dates: int = 10,
    max_sentences: int = 3,
    article_ids: Iterable[str] | None = None,
    event_ids: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    events: Iterable[Event] | None = None,
) -> list[dict[str, Any]]:
    """The key dates of the corpus (or of the given articles and events: one story), in date
    order: ``{date, summary, event_ids, article_ids, score, sentences: [{article_id, sentence,
    text, outlet, published}]}``. ``since``/``until`` (``YYYY-MM-DD``, inclusive) bound the
    days considered. ``events``: the story's events when the caller has read them already
    (the web view's story page lists them too), instead of reading them again."""
    keep_articles = set(article_ids) if article_ids is not None else None
    keep_events = set(event_ids) if event_ids is not None else None
    # one story's articles and events are read alone (the web view's story page)
    articles = {a.id: a for a in store.articles(ids=keep_articles) if keep_articles is None or a.id in keep_articles}
    days: dict[str, _Day] = defaultdict(_Day)

    for a in articles.values():
        if a.published and _DAY.match(a.published) and a.published_precision in (None, "day"):
            if _in_range(a.published, since, until):
                days[a.published].published.add(a.id)

    # time expressions naming a day, by article, with their offsets (for the sentences)
    named: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for aid, t in store.times_by_article(ids=keep_articles):
        if aid not in articles or t.type != "DATE" or not _DAY.match(t.value or ""):
            continue
        named[aid].append((t.start, t.value))
        if t.value != articles[aid].published and _in_range(t.value, since, until):
            days[t.value].mention.add(aid)

    for ev in store.events(ids=keep_events) if events is None else events:
        if keep_events is not None and ev.id not in keep_events:
            continue
        if not ev.date or not _DAY.match(ev.date) or ev.date_precision == "reported" or not _in_range(ev.date, since, until):
            continue
        reporters = {m.article_id for m in ev.mentions if m.article_id in articles}
        if not reporters:
            continue
        d = days[ev.date]
        d.events |= reporters
        d.event_ids.add(ev.id)
        d.types.add(ev.type)

    def score(day: str) -> float:
        d = days[day]
        base = W_MENTION * len(d.mention) + W_PUBLISHED * len(d.published) + W_EVENTS * (len(d.events) + len(d.types))
        outlets = {articles[a].source for a in d.articles() if articles[a].source}
        return base * (1.0 + math.log(len(outlets))) if outlets else base

    scores = {day: score(day) for day in days}
    chosen = sorted(sorted(scores, key=lambda k: (-scores[k], k))[: max(0, max_dates)])
    if not chosen:
        return []

    # candidate sentences per chosen day
    wanted = set(chosen)
    candidates: dict[str, list[_Sentence]] = {day: [] for day in chosen}
    leads: dict[str, list[_Sentence]] = {day: [] for day in chosen}
    readers = {aid for day in chosen for aid in days[day].articles()}
    sentences = store.sentences(readers)  # one query, not one annotation (with its parses) per article
    for aid in sorted(readers):
        art = articles[aid]
        if aid not in sentences:
            continue
        marks = sorted(named.get(aid, []))
        lead_day = art.published if art.published in wanted else None
        for i, (start, end) in enumerate(sentences[aid]):
            here = {v for s, v in marks if start <= s < end}
            days_here = here & wanted
            lead = lead_day is not None and i < LEAD_SENTENCES and not (here - {lead_day})
            if not days_here and not lead:
                continue  # a sentence no chosen day can use: not tokenised (most of a large story's)
            text = " ".join(art.text[start:end].split())
            n = len(_words(text))
            if n < MIN_WORDS or n > MAX_WORDS:
                continue
            for v in days_here:
                candidates[v].append(_Sentence(aid, i, text))
            if lead:
                leads[lead_day].append(_Sentence(aid, i, text))
    for day in chosen:
        if len(candidates[day]) < FEW:
            seen = {(s.article_id, s.index) for s in candidates[day]}
            candidates[day] += [s for s in leads[day] if (s.article_id, s.index) not in seen]

    idf = _idf([s.text for day in chosen for s in candidates[day]])
    out = []
    for day in chosen:
        picked = _summarise(candidates[day], idf, max_sentences)
        d = days[day]
        out.append({
            "date": day,
            "summary": " ".join(s.text for s in picked),
            "event_ids": sorted(d.event_ids),
            "article_ids": sorted(d.articles()),
            "score": round(scores[day], 3),
            "sentences": [{"article_id": s.article_id, "sentence": s.index, "text": s.text,
                           "outlet": articles[s.article_id].source, "published": articles[s.article_id].published}
                          for s in picked],
        })
    return out


def _idf(texts: list[str]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for t in texts:
        df.update(set(_words(t)))
    n = len(texts)
    return {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}


def _vectors(texts: list[str], idf: dict[str, float]) -> list[dict[int, float]]:
    """Each text's TF-IDF vector, L2-normalised, as a sparse row ``{word index: weight}``
    (a dense matrix of a large story's day would be thousands of sentences by thousands of
    words, nearly all zeros)."""
    vocab: dict[str, int] = {}
    rows = []
    for t in texts:
        tf = Counter(_words(t))
        row = {vocab.setdefault(w, len(vocab)): (1 + math.log(c)) * idf.get(w, 1.0) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in row.values()))
        rows.append({j: v / norm for j, v in row.items()} if norm else row)
    return rows


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b[j] for j, v in a.items() if j in b)


def _summarise(sentences: list[_Sentence], idf: dict[str, float], limit: int) -> list[_Sentence]:
    """At most ``limit`` sentences, most central first (cosine to the centroid), no near-repeats."""
    if not sentences or limit <= 0:
        return []
    # the same sentence from several reports (agency copy) is one candidate
    unique: dict[str, _Sentence] = {}
    for s in sentences:
        unique.setdefault(s.text.lower(), s)
    sents = list(unique.values())
    rows = _vectors([s.text for s in sents], idf)
    # the centroid (mean of the rows) and each row's cosine to it, from the rows' non-zero
    # entries only (numpy over index/weight arrays, no dense matrix)
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    cols = np.fromiter((j for r in rows for j in r), dtype=np.int64, count=int(lengths.sum()))
    vals = np.fromiter((v for r in rows for v in r.values()), dtype=np.float64, count=int(lengths.sum()))
    which = np.repeat(np.arange(len(rows)), lengths)
    centroid = np.bincount(cols, weights=vals, minlength=int(cols.max()) + 1 if len(cols) else 1) / len(rows)
    norm = np.linalg.norm(centroid)
    if norm and len(cols):
        sims = np.bincount(which, weights=vals * (centroid / norm)[cols], minlength=len(rows))
    else:
        sims = np.zeros(len(rows))
    picked: list[int] = []
    for i in sorted(range(len(sents)), key=lambda k: (-sims[k], sents[k].article_id, sents[k].index)):
        if any(_dot(rows[i], rows[j]) > REDUNDANCY for j in picked):
            continue
        picked.append(i)
        if len(picked) == limit:
            break
    return [sents[i] for i in picked]
