"""Key dates: the dates a corpus (or one story) turns on, each with a short extractive summary.

The method follows news-tls (Gholipour Ghalandari and Ifrim 2020, "Examining the
state-of-the-art in news timeline summarization"): first select dates, then summarise each
selected date from the sentences tied to it.

**Date selection.** A day counts as much as the corpus refers to it, in distinct articles:

- ``mention``: articles whose text names the day (a time expression the anchor stage resolved
  to that day, ``2011-02-11``; "yesterday" in an article of the 12th counts for the 11th), not
  counting the article's own publication day — a day later reports look back to is a day
  that mattered. Each article gives a day one vote, worth its best mention of the day:
  1, doubled (``W_LEAD``) when the day is named in the article's first ``LEAD_MENTION``
  sentences (title, lead: what the report is about), halved (``W_LATE``) when the article
  was published more than ``LATE_DAYS`` after the day (background, anniversaries), halved
  (``W_UNREALISED``) when the time expression dates only events the coder read as not having
  happened (planned, hypothetical, denied, cancelled: "the vote set for 24 July", a plan
  or a denial, not a report of the day). A
  mention in a list of dates — its sentence, or the ``LIST_SPAN`` characters around it,
  naming ``LIST_DAYS`` or more different days: an archive box, a column of comment stamps,
  a chronology — is no vote. A day and month named without a year that the time-expression
  stage put on or after the publication day, right after a full date of an earlier year
  ("il 15 marzo del 2011 ... il 18 marzo", in an article of March 2014), is read in that year
  (``_narrative_years``: a past story told again, not a look ahead). An article naming more
  than ``MAX_VOTES`` different days this way (a thread of reader comments or a live blog the
  cleaner kept as body: one French Egypt page of 2 MB names 97 days) shares ``MAX_VOTES``
  votes among them, each worth ``MAX_VOTES``/n of its own. A sentence that recurs word for
  word in pages published on other days (a site's teaser or sidebar on every page, a
  background paragraph an outlet reuses) is furniture: only its first page's copy counts
  (``_furniture``), as the default timeline counts a copied sentence as one report. Copies
  published the same day (a wire story several outlets run) each count: each outlet chose it;
- ``published``: articles published that day (a weak sign in news-tls and on CL-TLS: most
  days something is published are no key dates, so it weighs little);
- ``events``: articles reporting an event dated that day (a date of its own, not only its
  report's), plus one for each distinct event type that day.

score(day) = W_MENTION·votes + W_PUBLISHED·published + W_EVENTS·events. (Until the twelfth
session it was multiplied by 1 + log of the distinct outlets behind the day's articles, when
known. With outlets read on about 40% of web pages copied as text, that factor favoured the
days the sites we can name report, and cost two tune topics; without it every CL-TLS topic
scores as it did when almost no page had an outlet: docs/quality.md. The outlets stay in each
key date's evidence.)
The weights are fixed by hand, chosen on the CL-TLS tune topics (docs/quality.md: Italian
Syria, Spanish and French Syria, Spanish Egypt) among a few round values; no rule reads a
reference timeline. (A logistic regression fitted on the tune topics over these and more
features, tools/fit_keydates.py, picked worse dates on the topics left out, on average; docs/quality.md.)
The highest-scoring days are kept, at most ``max_dates``, and listed in
date order.

**Summaries.** The candidate sentences of a day are those that name it, and — when fewer
than a handful do — the opening sentences of articles published that day that name no other
day. (Sentences glued with no space between them, "… scorso.Il sanguinoso attentato di ieri" of a
page that lost its paragraph breaks, are cut apart by the sentence splitter.) Sentences of 6 to 60 words
are kept. Each is a TF-IDF vector (words of any script, lower-cased; idf over every candidate
sentence of the corpus); the day's centroid is the mean of its candidates' vectors. A
candidate's worth is its cosine to the centroid, halved (``W_OTHER_DAYS``) when it names
other days too (the day is one of several times it tells of: a look back, a chronology in
a sentence) and halved (``W_NOT_DATING``) when the day's time expression in it dates no
event the coder read as having happened (a plan, a denial, or nothing the coder found).
Candidates are taken by worth, skipping one whose cosine to a sentence already taken
exceeds ``REDUNDANCY`` (near-repeats from several outlets), up to ``max_sentences`` (1 to 3).
Language-independent: nothing here reads a word list. (Thirteenth session, docs/quality.md:
ROUGE on the CL-TLS tune topics and the check topic up a little; a preference for articles
published near the day, and for sentences of different articles, gained nothing.)
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from .models import Event
from .store import Store

__all__ = ["key_dates", "KEY_FIELDS", "tokens"]

W_MENTION = 1.0
W_PUBLISHED = 0.1
W_EVENTS = 0.25
REDUNDANCY = 0.5
W_OTHER_DAYS = 0.5  # (_summarise) a candidate's centrality times this when it names other days too
W_NOT_DATING = 0.5  # ... times this when the day's time expression in it dates no event that happened
MIN_WORDS, MAX_WORDS = 6, 60
LEAD_SENTENCES = 5  # opening sentences of a day's articles used when few sentences name the day
FEW = 5
LEAD_MENTION = 3  # a mention in an article's first sentences (title, lead) ...
W_LEAD = 1.0  # ... counts this much more
LIST_DAYS = 3  # a sentence naming this many different days is a list: its mentions are not votes
LIST_SPAN = 400  # ... and so are this many days named within this many characters
LATE_DAYS = 365  # a mention from an article published this long after the day is background ...
W_LATE = 0.5  # ... and weighs this much
MAX_VOTES = 10  # an article naming more days than this shares this many votes among them
FURNITURE_CHARS = 20  # (_furniture) a shorter sentence ("(02.10.2016).", "Aggiornato") is no copy of anything
W_UNREALISED = 0.5  # a mention dating only events that did not happen (plans, denials) weighs this much
LATER_DAYS = 7  # (_Day.later) a mention from an article published this long after the day
# time-expression anchors of a day named by its date ("25 gennaio"), not by a word resolved
# against the publication day ("ieri", "sabato") (_Day.absolute)
_BY_DATE = frozenset({"absolute", "anaphoric", "article-year", "previous-year", "next-year"})

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
    weight: float = 0.0  # the mentions' votes, weighted (_lag_weight, lead)
    # what else the mentions tell, for tools/fit_keydates.py (the date-ranker experiment)
    lead: set[str] = field(default_factory=set)  # articles naming the day in their first sentences
    title: set[str] = field(default_factory=set)  # ... in their first sentence
    listed: set[str] = field(default_factory=set)  # articles naming the day only in lists of dates
    later: set[str] = field(default_factory=set)  # articles naming it a week or more after it
    absolute: set[str] = field(default_factory=set)  # articles naming it by its date, not by "ieri"
    mentioned_from: set[str] = field(default_factory=set)  # publication days of the articles naming it
    sentences: int = 0  # sentences naming it (outside lists)

    def articles(self) -> set[str]:
        return self.mention | self.published | self.events


@dataclass(frozen=True)
class _Sentence:
    article_id: str
    index: int
    text: str
    others: bool = False  # it names other days than the one it is a candidate for
    dating: bool = True  # the day's time expression in it dates an event that happened


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
    days, named, dating = _days(store, articles, keep_articles, keep_events, since, until, events)
    scores = {day: _score(days[day]) for day in days}
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
        for i, bounds in enumerate(sentences[aid]):
            if lead_day is None or i >= LEAD_SENTENCES:
                if not any(bounds[0] <= s < bounds[1] for s, _ in marks):
                    continue  # a sentence no chosen day can use: not tokenised (most of a large story's)
            start, end = bounds
            here = {v for s, v in marks if start <= s < end}
            days_here = here & wanted
            lead = lead_day is not None and i < LEAD_SENTENCES and not (here - {lead_day})
            if not days_here and not lead:
                continue
            text = " ".join(art.text[start:end].split())
            n = len(_words(text))
            if n < MIN_WORDS or n > MAX_WORDS:
                continue
            for v in days_here:
                dates = any(start <= s < end and x == v and (aid, s) in dating for s, x in marks)
                candidates[v].append(_Sentence(aid, i, text, bool(here - {v}), dates))
            if lead:
                leads[lead_day].append(_Sentence(aid, i, text))
    for day in chosen:
        if len(candidates[day]) < FEW:
            seen = {(s.article_id, s.index, s.text) for s in candidates[day]}
            candidates[day] += [s for s in leads[day] if (s.article_id, s.index, s.text) not in seen]

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


NARRATIVE_SPAN = 1500  # a day and month without a year this close after a date of another year ...
NARRATIVE_YEARS = 3  # ... at most this many years before the publication carries that year
_GUESSED_YEAR = frozenset({"article-year", "previous-year", "next-year"})


def _narrative_years(times: list[Any], published: str | None = None) -> list[str]:
    """Each time expression's value (in text order), with the year of a day and month named
    without one ("il 18 marzo") taken from a full date of an earlier year named just before it
    ("il 15 marzo del 2011 ... il 18 marzo, dopo la preghiera"), when the year guessed from the
    publication date would put it on or after the publication day: a past story told again
    on its anniversary, not a look ahead. The earlier year counts when it is at most
    ``NARRATIVE_YEARS`` before the publication (not history) and holds until a word resolved
    against the publication day ("oggi", "ieri") or ``NARRATIVE_SPAN`` characters without a
    date. (Read here, at selection, rather than in the time-expression stage: a change there
    re-runs every later stage of every article.)"""
    out = []
    year: str | None = None
    last = -10**9
    for t in sorted(times, key=lambda t: t.start):
        value = t.value or ""
        if t.anchor == "article-date":
            year = None
        elif t.anchor in ("absolute", "anaphoric") and _DAY.match(value):
            year, last = value[:4], t.start
            if published and not 0 <= int(published[:4]) - int(year) <= NARRATIVE_YEARS:
                year = None  # history, or a date ahead: not the narrative of a recent year
        elif t.anchor in _GUESSED_YEAR and year and t.start - last <= NARRATIVE_SPAN and _DAY.match(value):
            if year < value[:4] and published and value >= published:
                value = year + value[4:]  # not a look ahead in a past story: that year's day
            last = t.start
        out.append(value)
    return out


def _in_list(marks: list[tuple[int, str]], start: int, value: str) -> bool:
    """Whether ``LIST_DAYS`` or more different days are named within ``LIST_SPAN`` characters
    of this mention (a list across lines or sentences: an archive box, a column of stamps)."""
    near = {v for s, v in marks if abs(s - start) <= LIST_SPAN}
    return len(near | {value}) >= LIST_DAYS



def _unrealised(events: Iterable[Any]) -> set[tuple[str, int]]:
    """The time expressions (article id, offset) that date events, all of which the coder read
    as not having happened (planned, hypothetical, denied, cancelled: "the vote set for
    24 July", "the talks due on Monday"): a plan or a denial on that day, not a report of it."""
    status: dict[tuple[str, int], set[str]] = defaultdict(set)
    for ev in events:
        for m in ev.mentions:
            if m.date_span:
                status[(m.article_id, m.date_span[0])].add(m.status)
    return {k for k, v in status.items() if "occurred" not in v}


def _furniture(articles: dict[str, Any], sentences: dict[str, list[tuple[int, int]]]) -> set[tuple[str, int]]:
    """The sentences (article id, index) that copy word for word a sentence of a page published
    on another day, but for the first page's copy (earliest publication, then id): a site's
    teaser or sidebar repeated on every page ("Italia espera verdad sobre la muerte de …" on
    nine Deutsche Welle pages about Syria), a background paragraph an outlet reuses. Copies
    within one day are left alone: a wire story run by several outlets is several reports."""
    where: dict[str, list[str]] = defaultdict(list)
    keys: dict[tuple[str, int], str] = {}
    for aid, bounds in sentences.items():
        text = articles[aid].text  # every article naming a day is among them (_days)
        for i, (start, end) in enumerate(bounds):
            key = " ".join(text[start:end].lower().split())
            if len(key) >= FURNITURE_CHARS:
                keys[(aid, i)] = key
                where[key].append(aid)
    first = {}
    for key, aids in where.items():
        days = {articles[a].published for a in aids}
        if len(aids) > 1 and len(days) > 1:
            first[key] = min(aids, key=lambda a: (articles[a].published or "9999", a))
    return {k for k, key in keys.items() if key in first and k[0] != first[key]}


def _lag(published: str, day: str) -> int:
    """Days from ``day`` to the publication day (negative: a look ahead); 0 when unreadable."""
    try:
        return (date.fromisoformat(published) - date.fromisoformat(day)).days
    except ValueError:
        return 0


def _lag_weight(published: str, day: str) -> float:
    """What one article's mention of ``day`` is worth, by how long after the day it was
    published: a report of the day, or of the months after, or a look ahead counts fully; a
    look back of more than ``LATE_DAYS`` (background, anniversaries) counts ``W_LATE``. (Less
    weight for looks ahead, forecasts, was tried on the tune topics and gained nothing.)"""
    try:
        lag = (date.fromisoformat(published) - date.fromisoformat(day)).days
    except ValueError:
        return 1.0
    return 1.0 if lag <= LATE_DAYS else W_LATE


def _days(store: Store, articles: dict[str, Any], keep_articles: set[str] | None, keep_events: set[str] | None,
          since: str | None, until: str | None, events: Iterable[Any] | None = None) -> tuple[dict[str, _Day], dict[str, list[tuple[int, str]]], set[tuple[str, int]]]:
    """The candidate days with what refers to them, each article's time expressions naming a
    day (offset, day), and the time expressions (article id, offset) that date an event that
    happened; only the given articles and events are read when given (one story's)."""
    days: dict[str, _Day] = defaultdict(_Day)
    for a in articles.values():
        if a.published and _DAY.match(a.published) and a.published_precision in (None, "day"):
            if _in_range(a.published, since, until):
                days[a.published].published.add(a.id)

    # time expressions naming a day, by article, with their offsets (for the sentences)
    named: dict[str, list[tuple[int, str]]] = defaultdict(list)
    by_date: set[tuple[str, int]] = set()
    by_article: dict[str, list[Any]] = defaultdict(list)
    for aid, t in store.times_by_article(ids=keep_articles):
        if aid in articles:
            by_article[aid].append(t)
    for aid, times in by_article.items():
        for t, value in zip(sorted(times, key=lambda t: t.start), _narrative_years(times, articles[aid].published)):
            if t.type == "DATE" and _DAY.match(value or ""):
                named[aid].append((t.start, value))
                if t.anchor in _BY_DATE:
                    by_date.add((aid, t.start))

    evs = list(store.events(ids=keep_events) if events is None else events)
    unrealised = _unrealised(evs)
    # the time expressions (article id, offset) dating an event that happened (_summarise)
    dating = {(m.article_id, m.date_span[0]) for ev in evs for m in ev.mentions if m.date_span and m.status == "occurred"}
    sentences = store.sentences(named)  # one query, not one annotation (with its parses) per article
    furniture = _furniture(articles, sentences)
    for aid, marks in named.items():
        art = articles[aid]
        bounds = [start for start, _ in sentences.get(aid, ())] or [0]
        in_sentence: dict[int, set[str]] = defaultdict(set)
        where = []
        for start, value in marks:
            i = max(0, bisect_right(bounds, start) - 1)
            in_sentence[i].add(value)
            where.append((i, start, value))
        best: dict[str, float] = {}
        listed: set[str] = set()
        dated = bool(art.published and _DAY.match(art.published))
        for i, start, value in where:
            if value == art.published or not _in_range(value, since, until) or (aid, i) in furniture:
                continue
            if len(in_sentence[i]) >= LIST_DAYS or _in_list(marks, start, value):
                listed.add(value)
                continue  # a list of dates (an archive, comment stamps, a chronology), not a report
            w = _lag_weight(art.published, value) if dated else 1.0
            if (aid, start) in unrealised:
                w *= W_UNREALISED
            d = days[value]
            d.sentences += 1
            if i == 0:
                d.title.add(aid)
            if i < LEAD_MENTION:
                w *= 1.0 + W_LEAD
                d.lead.add(aid)
            if (aid, start) in by_date:
                d.absolute.add(aid)
            best[value] = max(best.get(value, 0.0), w)
        for value in listed - set(best):
            days[value].listed.add(aid)
        # a page naming very many days (a reader-comment thread, a live blog kept as body) shares
        # MAX_VOTES votes among them instead of giving each a full one
        share = min(1.0, MAX_VOTES / len(best)) if best else 1.0
        for value, w in best.items():  # one vote per article and day, its best mention's
            d = days[value]
            d.mention.add(aid)
            d.weight += w * share
            if dated:
                d.mentioned_from.add(art.published)
                if _lag(art.published, value) >= LATER_DAYS:
                    d.later.add(aid)

    for ev in evs:
        if keep_events is not None and ev.id not in keep_events:
            continue
        if not ev.date or not _DAY.match(ev.date) or ev.date_precision == "reported" or not _in_range(ev.date, since, until):
            continue
        reporters = {m.article_id for m in ev.mentions if m.article_id in articles and (m.article_id, m.sentence) not in furniture}
        if not reporters:
            continue
        d = days[ev.date]
        d.events |= reporters
        d.event_ids.add(ev.id)
        d.types.add(ev.type)
    return days, named, dating


def _score(d: _Day) -> float:
    return W_MENTION * d.weight + W_PUBLISHED * len(d.published) + W_EVENTS * (len(d.events) + len(d.types))


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
    """At most ``limit`` sentences, best first, no near-repeats. A sentence's worth is its
    cosine to the day's centroid (how central it is to what the day's sentences say), times
    ``W_OTHER_DAYS`` when it names other days too (the day is one of
    several times it tells of, not its time), times ``W_NOT_DATING`` when the day's time
    expression in it dates no event that happened (a plan, a denial, or nothing the coder
    read)."""
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
    sims = sims * np.array([(W_OTHER_DAYS if s.others else 1.0) * (1.0 if s.dating else W_NOT_DATING) for s in sents])
    picked: list[int] = []
    for i in sorted(range(len(sents)), key=lambda k: (-sims[k], sents[k].article_id, sents[k].index)):
        if any(_dot(rows[i], rows[j]) > REDUNDANCY for j in picked):
            continue
        picked.append(i)
        if len(picked) == limit:
            break
    return [sents[i] for i in picked]
