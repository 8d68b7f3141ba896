"""Where reports disagree: contradictions between reports of one event or claim (read side).

``storyline contradictions`` and ``storyline export contradictions`` take their records from
here. Like the alliance network (``network.py``) and the key dates (``keydates.py``), they are
computed on read from what the build stored — the linked events with each report's own values
(``link`` keeps them: place, date, status, actors of every mention), the time expressions, the
actor and place mentions and the stories — and nothing is stored: the finder is a pure function
of those records and takes milliseconds (it reads no parse and runs no model), so it always
follows the current build, needs no migration, and an improvement to it needs no rebuild.

Precision first: each record must be one a reader agrees with. So a claim is taken only from
what a sentence states, two claims only disagree when their values cannot both be true, and a
difference of precision is never one.

What is compared, and on which reports
--------------------------------------
*One event.* The reports the link stage joined into one event, and besides those the reports of
**a called-off act**: two reports in different articles of one story of an act of the same type
between the same countries (two or more), both told as cancelled or postponed, with no dates that
rule it out. (Link cannot join them when the articles give no date; an act called off between
the same countries is rare enough that two such reports in one story tell of the same one.)
A report is told as called off by the coder's status; in a language the coder reads without a
parser (Spanish, Italian, Russian, Arabic, Turkish), whose status comes from a classifier that
seldom tells a called-off meeting ("Chile y Perú aplazaron la reunión": occurred), a meeting
(CONSULT) the classifier proposed is one as well when its sentence has cue words of one kind,
postponed or cancelled, one of them in the meeting's clause (:func:`_called_off`).
Only reports in different articles are compared.

- ``place``: the venue of a meeting (CONSULT): the place each report names right by the trigger
  after in/at/to, for two places that are both points (city, venue, town, base — not a country
  or region, where "Libya" and "Tripoli" are only two precisions) more than 25 km apart, in two
  reports with the same countries (two or more), both told as held or both as not. Link joins
  reports loosely (strikes on Sirte and on Tarhuna can be one event), so a linked event alone is
  not enough: on the example corpus, places compared over whole linked events gave nine false
  disagreements for one true.
- ``status``: for a called-off act, *postponed* (postponed, delayed, put off, rescheduled) against
  *cancelled* (cancelled, called off, scrapped) in the reports' sentences. Held against called
  off would be one too, but link never joins those reports. Planned against held is the story
  moving on, not a contradiction.
- ``date``: two day dates of one event (link joins reports up to two days apart) each written as
  an absolute date in the sentence ("14 June 2020", not "yesterday"), in two reports that surely
  tell of one act (:func:`_same_act`: the same countries, both held or both not, no two places
  apart).
- ``number``: a number with a unit noun (killed, wounded, troops, fighters, mercenaries…) in the
  sentences of two reports that surely tell of one act, whose ranges cannot overlap: "about
  2,000" is 1,600–2,400, "more than 1,000" is 1,000 and up, a round number (two trailing zeros)
  ±10 %; a toll that is higher in a later report is an update, not a contradiction, and between
  undated reports no toll difference is one.

*One named gathering* (``date``): "the Berlin Conference", "the September conference in Berlin"
— a conference, summit or congress named by its host city — dated in its own noun phrase
("September 2019 Berlin Conference", "Berlin Conference on Libya (19 January 2020)"). Two
articles of one story whose dates cannot both hold (not a month against a day in it, not a year against a
month in it) disagree; a gathering one article itself dates twice differently recurs (an annual
conference) and is left alone.

*One actor's stance* (``stance``): an article saying an actor took no side ("Russia never took
sides in the Libyan war"; a negator right before the phrase turns it round: "could not remain
neutral") against another article's report, told as a fact, of that actor
backing a party — a named person or organisation of another country: a SUPPORT event of the
actor's country that occurred ("Moscow has sided with Marshal Haftar"; "PARTY has the support
of A, B and C", coded as their support). When the neutral sentence names another country, the party must belong
to it.

Not found: who took part (``actor``) — two reports naming different participants of one act are
usually each naming part of them; the finder reports no actor disagreement rather than guess.

The cue words
-------------
Every word the finder reads is in the language profiles' ``[contradictions]`` section
(``storyline/languages/*.toml``, ``docs/languages.md``), read in each article's own language:
postponed and cancelled; no side taken (a phrase, or a side-taking phrase after a negator);
the qualifiers of a count (about, at least, at most), its unit nouns (killed, wounded, troops),
multipliers and how digits are grouped; a gathering's noun and the prepositions around its host
and date; the prepositions before a venue. The English, French, Spanish, Italian, Russian,
Arabic, Turkish, German and Portuguese profiles list them; a language without a profile has
none (its events still give place and date contradictions). The section is read only here, so
the build's fingerprint leaves it out: changing a cue word re-runs nothing.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from . import languages
from .languages import forms
from .models import Article, Event, EventMention, Place
from .store import Store

__all__ = ["CONTRADICTION_FIELDS", "FIELDS", "contradiction_records", "export_contradictions"]

FIELDS = ("place", "date", "status", "actor", "number", "stance")
# the fields of ``storyline export contradictions``, in order
CONTRADICTION_FIELDS = ["id", "story_id", "event_id", "field", "claims", "subject", "event_ids"]

POINT_KINDS = frozenset({"city", "venue", "town", "village", "base", "airport", "port", "site", "building"})
MIN_KM = 25.0
# acts held at one place: a meeting, a visit, talks (an attack or an agreement may span several)
VENUE_TYPES = frozenset({"CONSULT"})
VENUE_GAP = 100  # at most this many characters between the trigger and the place
# at most this many words between a postponed or cancelled cue and the act it calls off, where
# the cue alone tells it (:func:`_called_off`)
CUE_GAP = 12
ABSOLUTE_ANCHORS = frozenset({"absolute"})
DATED_ANCHORS = frozenset({"absolute", "anaphoric", "article-year"})

_SIDE_TYPES = frozenset({"SUPPORT"})
# capital letters of the Latin, Greek and Cyrillic scripts: a gathering's host is a name
_UPPER = "".join(re.escape(c) for c in map(chr, range(0x530)) if c.isupper())
_LETTER = rf"(?:[^\W\d_]|[{forms.MARKS}])"  # a letter, or a mark written on one


class _Cues:
    """One language's cue words (its profile's [contradictions] section), as patterns."""

    def __init__(self, prof: languages.Profile) -> None:
        self.prof = prof
        # a word may carry the profile's proclitics ("وتأجيل")
        self.proclitic = rf"(?:{languages.alternation(prof.proclitics)})?" if prof.proclitics else ""
        self.postponed = self._cue(prof.postponed_cues)
        self.cancelled = self._cue(prof.cancelled_cues)
        fill = rf"(?:\s+{self._words(prof.cue_fillers)}){{0,3}}" if prof.cue_fillers else ""
        # a negator; one written with an apostrophe is a clitic, joined to the word before it
        # ("hasn't taken sides")
        clitics = [n for n in prof.side_negators if re.search(r"['’]", n)]
        words = [n for n in prof.side_negators if n not in clitics]
        negator = "|".join(([rf"(?<!\w){self._words(words)}"] if words else [])
                           + ([self._words(clitics)] if clitics else [])) or "(?!)"
        neutral = rf"(?<!\w){self.proclitic}(?:{self._phrases(prof.neutral_cues, fill)})"
        if prof.side_cues:
            neutral += rf"|(?:{negator}){fill}\s+(?:{self._phrases(prof.side_cues, fill)})"
        self.neutral = re.compile(rf"(?:{neutral})(?!\w)", re.I)
        # a negator right before a phrase that says no side was taken turns it round ("could not
        # remain neutral", "no es neutral")
        self.negated = re.compile(rf"(?:{negator}){fill}\s+$", re.I)
        # a count: qualifier, number, multiplier, up to three words, unit noun
        self.units = {" ".join(w.split()): unit for unit, words in prof.count_units.items() for w in words}
        # a day, week, month or year word, or a month's name (not one that is also a common word)
        self.time_words = ({w for unit in prof.time_units.values() for w in unit}
                           | set(prof.month_names(abbreviations=False)) - prof.ambiguous_months)
        self.lower = {" ".join(w.split()) for w in prof.lower_bounds}
        self.upper = {" ".join(w.split()) for w in prof.upper_bounds}
        groups, marks = re.escape(prof.digit_groups), re.escape(prof.decimal_marks)
        number = (rf"\d{{1,3}}(?:[{groups}]\d{{3}})+|" if groups else "") + (rf"\d+(?:[{marks}]\d+)?" if marks else r"\d+")
        qualifiers = prof.approximators | prof.lower_bounds | prof.upper_bounds
        self.number = re.compile(
            rf"(?P<q>(?<!\w){languages.alternation(qualifiers)}\s+)?"
            rf"(?<![^\W_])(?<!\d[.,'’])(?P<n>{number})(?:\s+(?P<mult>{languages.alternation(prof.multipliers)}))?"
            rf"(?P<gap>(?:\s+(?:{_LETTER}|['’-])+){{0,3}}?)\s+(?P<unit>{languages.alternation(self.units)})(?!\w)", re.I)
        # a gathering's noun, and the kind it names ("conférence": a conference)
        self.gathering_kind = {w: kind for kind, words in prof.gathering_nouns.items() for w in words}
        self.gathering = re.compile(languages.alternation(self.gathering_kind, boundary=True), re.I)
        upper = f"[{_UPPER}]" if prof.cased else _LETTER
        self.name = rf"{upper}[\w'’-]+"
        det = rf"(?:{languages.alternation(prof.determiners)}\s+[\w\s]{{0,30}}?)?" if prof.determiners else ""
        self.host_after = re.compile(rf"\s+(?:{languages.alternation(prof.host_prepositions)})\s+{det}({self.name})")
        suffix = rf"(?:{languages.alternation(prof.gathering_date_suffixes)}\s*)?" if prof.gathering_date_suffixes else ""
        self.date_before = re.compile(rf"\s*{suffix}")
        self.date_after = re.compile(
            rf"(?:\s+(?:{languages.alternation(prof.gathering_topic_links)})\s+{self.name})?\s*[(,]\s*"
            rf"|\s+(?:{languages.alternation(prof.gathering_date_links)})\s+")
        self.venue = re.compile(rf"(?<!\w)(?:{languages.alternation(prof.venue_prepositions)})\s+"
                                + (rf"(?:{languages.alternation(prof.determiners)}\s+)?" if prof.determiners else "")
                                + r"(?:[\w-]+\s+){0,2}$", re.I)

    @staticmethod
    def _words(words: Any) -> str:
        """An alternation of words and phrases; "stem*" matches every word the stem begins."""
        whole = [w for w in words if not w.endswith("*")]
        stems = [w[:-1] for w in words if w.endswith("*")]
        parts = ([languages.alternation(whole)] if whole else []) + ([languages.alternation(stems) + r"\w*"] if stems else [])
        return "(?:" + "|".join(parts) + ")" if parts else "(?!)"

    def _cue(self, words: Any) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w){self.proclitic}{self._words(words)}(?!\w)", re.I)

    def _phrases(self, phrases: Any, fill: str) -> str:
        """Phrases whose words may have fillers between them ("remained strictly neutral")."""
        if not phrases:
            return "(?!)"
        out = []
        for p in sorted(phrases, key=lambda p: (-len(p), p)):
            out.append(rf"{fill}\s+".join(self._words([w]) for w in p.split()))
        return "|".join(out)


@functools.lru_cache(maxsize=None)
def _cues(code: str) -> _Cues:
    return _Cues(languages.profile(code))


# -- loading ---------------------------------------------------------------------------------


class _Corpus:
    """What the finder reads, loaded once."""

    def __init__(self, store: Store, story: str | None) -> None:
        self.store = store
        self.scoped = bool(story)
        if self.scoped:  # places by id when asked; every place only when a gathering's host is sought
            lazy = _PlacesById(store)
            self.places: Any = lazy
            self.place_forms: Any = lazy.forms
        else:
            self.places = {}
            self.place_forms = {}
            for p, _, forms in store.places():
                self.places[p.id], self.place_forms[p.id] = p, tuple(forms)
        self.stories = store.stories(story) if story else store.stories()
        self.story_of: dict[str, str] = {}
        for s in self.stories:
            for a in s.article_ids:
                self.story_of.setdefault(a, s.id)
        self._sentences: dict[str, tuple[tuple[int, int], ...]] = {}
        self._mentions: dict[str, list[Any]] | None = None
        self._times: dict[str, list[Any]] | None = None
        if self.scoped:
            # one story (the web view's story page, --story): only its events (those its
            # articles report: every event the finder keeps has a report in scope), the
            # articles of their reports, and the actors, mentions and time expressions asked
            # for, read by id — the same records, without reading the corpus (on 100,000
            # articles ~100 s → the story's size)
            self.in_scope = set(self.story_of)
            self.events: list[Event] = store.events(ids={e for s in self.stories for e in s.event_ids})
            wanted = self.in_scope | {m.article_id for ev in self.events for m in ev.mentions}
            self.articles: dict[str, Article] = {a.id: a for a in store.articles(ids=wanted)}
            self.actors: Any = _ActorsById(store)
            self._mentions, self._times = {}, {}
        else:
            self.articles = store.articles_by_id()
            self.actors = {a.id: a for a, _, _ in store.actors()}
            self.in_scope = set(self.articles)
            self.events = store.events()

    def cues(self, article_id: str) -> _Cues:
        """The cue words of the article's language."""
        a = self.articles.get(article_id)
        return _cues(languages.profile(a.language if a else None).code)

    def outlet(self, article_id: str) -> str | None:
        a = self.articles.get(article_id)
        return a.source if a else None

    def sentence_at(self, article_id: str, offset: int) -> tuple[int, int]:
        if article_id not in self._sentences:
            ann = self.store.annotation(article_id)
            self._sentences[article_id] = ann.sentences if ann else ()
        for s, e in self._sentences[article_id]:
            if s <= offset < e:
                return s, e
        return offset, offset

    def text(self, article_id: str, start: int, end: int) -> str:
        return " ".join(self.articles[article_id].text[start:end].split())

    def mentions(self, article_id: str) -> list[Any]:
        if self.scoped:
            if article_id not in self._mentions:
                self._mentions[article_id] = self.store.mentions(article_id)
            return self._mentions[article_id]
        if self._mentions is None:
            self._mentions = defaultdict(list)
            for m in self.store.mentions():
                self._mentions[m.article_id].append(m)
        return self._mentions.get(article_id, [])

    def times(self, article_id: str) -> list[Any]:
        if self.scoped:
            if article_id not in self._times:
                self._times[article_id] = list(self.store.times(article_id))
            return self._times[article_id]
        if self._times is None:
            self._times = defaultdict(list)
            for aid, t in self.store.times_by_article():
                self._times[aid].append(t)
        return self._times.get(article_id, [])

    def country(self, actor_id: str) -> str | None:
        a = self.actors.get(actor_id)
        if a is not None and a.country:
            return a.country
        head = actor_id.split("-")[0]
        return head if re.fullmatch(r"[A-Z]{3}", head) else None

    def actor_name(self, actor_id: str) -> str:
        a = self.actors.get(actor_id)
        if a is not None:
            return a.name
        from .knowledge import load_knowledge

        c = load_knowledge().country(actor_id[:3]) if re.fullmatch(r"[A-Z]{3}", actor_id[:3]) else None
        return c.name if c else actor_id


class _PlacesById:
    """The corpus's places as the whole-corpus dict gives them (places with at least one
    mention), read by id when one is asked for; ``values()`` (and ``forms``, each place's
    spellings) read them all, once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: dict[str, Any] = {}
        self.everything = False
        self.forms = _Forms(self)

    def _one(self, place_id: str) -> Any:
        if place_id not in self.known and not self.everything:
            found = self.store.places(ids=[place_id])
            self.known[place_id] = found[0][0] if found else None
        return self.known.get(place_id)

    def load_all(self) -> None:
        if not self.everything:
            self.known, self.forms.all = {}, {}
            for p, _, forms in self.store.places():
                self.known[p.id], self.forms.all[p.id] = p, tuple(forms)
            self.everything = True

    def get(self, place_id: str, default: Any = None) -> Any:
        found = self._one(place_id)
        return default if found is None else found

    def __contains__(self, place_id: object) -> bool:
        return isinstance(place_id, str) and self._one(place_id) is not None

    def __getitem__(self, place_id: str) -> Any:
        found = self._one(place_id)
        if found is None:
            raise KeyError(place_id)
        return found

    def values(self) -> Any:
        self.load_all()
        return self.known.values()


class _Forms:
    def __init__(self, places: _PlacesById) -> None:
        self.places = places
        self.all: dict[str, tuple[str, ...]] = {}

    def get(self, place_id: str, default: Any = None) -> Any:
        self.places.load_all()
        return self.all.get(place_id, default)


class _ActorsById:
    """``actors.get(id)`` as the whole-corpus dict gives it (an actor with at least one mention,
    else None), each actor read from the store when first asked for."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: dict[str, Any] = {}

    def get(self, actor_id: str) -> Any:
        if actor_id not in self.known:
            found = self.store.actors(ids=[actor_id])
            self.known[actor_id] = found[0][0] if found else None
        return self.known[actor_id]


# -- claims ----------------------------------------------------------------------------------


class _Claim:
    """One side: a value, and the reports that state it."""

    def __init__(self, value: str) -> None:
        self.value = value
        self.evidence: list[tuple[str, str]] = []  # (article id, sentence)

    def add(self, article_id: str, sentence: str) -> None:
        if (article_id, sentence) not in self.evidence:
            self.evidence.append((article_id, sentence))

    def record(self, corpus: _Corpus) -> dict[str, Any]:
        ids = list(dict.fromkeys(a for a, _ in self.evidence))
        outlets = sorted({o for o in (corpus.outlet(a) for a in ids) if o})
        return {"value": self.value, "article_ids": ids, "outlets": outlets,
                "sentences": list(dict.fromkeys(s for _, s in self.evidence))}


def _record(corpus: _Corpus, field: str, subject: str, event_ids: list[str], claims: list[_Claim]) -> dict[str, Any] | None:
    """A contradiction record, when at least two claims come from different articles."""
    claims = [c for c in claims if c.evidence]
    if len(claims) < 2:
        return None
    articles = [set(a for a, _ in c.evidence) for c in claims]
    if not any(articles[i] - articles[j] or articles[j] - articles[i]
               for i in range(len(claims)) for j in range(i + 1, len(claims))):
        return None
    claims.sort(key=lambda c: (min(a for a, _ in c.evidence), c.value))
    all_articles = sorted(set().union(*articles))
    story_id = next((corpus.story_of[a] for a in all_articles if a in corpus.story_of), None)
    # the id: what is disputed, by whom — so the same disagreement found through two events of
    # one pair of sentences ("deployed … troops": AID and SUPPORT) is one record
    key = "|".join([field] + sorted(c.value + "@" + ",".join(sorted({a for a, _ in c.evidence})) for c in claims))
    event_ids = sorted(set(event_ids))
    return {
        "id": "ct:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12],
        "story_id": story_id,
        "event_id": event_ids[0] if event_ids else None,
        "field": field,
        "claims": [c.record(corpus) for c in claims],
        "subject": subject,
        "event_ids": event_ids,
    }


def _cross_article(claims: dict[str, _Claim]) -> bool:
    """Two values, each stated by an article the other is not stated by."""
    vals = list(claims.values())
    return any({a for a, _ in x.evidence} - {a for a, _ in y.evidence} and {a for a, _ in y.evidence} - {a for a, _ in x.evidence}
               for i, x in enumerate(vals) for y in vals[i + 1:])


# -- event groups ----------------------------------------------------------------------------


def _countries(m: EventMention, corpus: _Corpus) -> frozenset[str]:
    return frozenset(c for c in (corpus.country(a) for a in m.source + m.target) if c)


def _dates_fit(a: EventMention, b: EventMention) -> bool:
    """No known dates that rule out one act (an unknown date rules nothing out)."""
    if not a.date or not b.date or a.date_precision == "reported" or b.date_precision == "reported":
        return True
    n = min(len(a.date), len(b.date))
    if a.date_precision == "day" and b.date_precision == "day":
        from datetime import date

        try:
            return abs((date.fromisoformat(a.date) - date.fromisoformat(b.date)).days) <= 2
        except ValueError:
            return False
    return a.date[:n] == b.date[:n]


def _groups(events: list[Event], corpus: _Corpus) -> list[tuple[list[Event], bool]]:
    """Groups of events told of one act: each linked event, and the called-off acts joined
    across articles (see the module's docstring). The flag says whether it is a called-off act."""
    called_off = [e for e in events if e.mentions and all(_called_off(m, corpus) for m in e.mentions)]
    parent = {e.id: e.id for e in called_off}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, e in enumerate(called_off):
        for f in called_off[i + 1:]:
            if e.type != f.type or find(e.id) == find(f.id):
                continue
            if any(_one_called_off_act(a, b, corpus) for a in e.mentions for b in f.mentions):
                parent[find(f.id)] = find(e.id)
    joined: dict[str, list[Event]] = defaultdict(list)
    for e in called_off:
        joined[find(e.id)].append(e)
    out: list[tuple[list[Event], bool]] = [(g, True) for g in joined.values()]
    grouped = {e.id for g in joined.values() for e in g}
    out += [([e], False) for e in events if e.id not in grouped]
    return out


def _one_called_off_act(a: EventMention, b: EventMention, corpus: _Corpus) -> bool:
    if a.article_id == b.article_id:
        return False
    sa, sb = corpus.story_of.get(a.article_id), corpus.story_of.get(b.article_id)
    if corpus.story_of and sa != sb:
        return False
    ca, cb = _countries(a, corpus), _countries(b, corpus)
    return len(ca) >= 2 and ca == cb and _dates_fit(a, b)


def _km(p: Place, q: Place) -> float:
    if None in (p.lat, p.lon, q.lat, q.lon):
        return 0.0
    la1, lo1, la2, lo2 = map(math.radians, (p.lat, p.lon, q.lat, q.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, h)))


def _subject(events: list[Event], corpus: _Corpus, called_off: bool) -> str:
    e = events[0]
    ids = list(dict.fromkeys(a for ev in events for a in ev.source + ev.target))
    countries = sorted({c for c in (corpus.country(a) for a in ids) if c})
    names = [corpus.actor_name(c) for c in countries] or [corpus.actor_name(a) for a in ids[:3]] or ["unnamed actors"]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    kind = e.type + (f"/{e.mode}" if e.mode else "")
    return f"{'called-off ' if called_off else ''}{kind} of {who}"


def _venue(m: EventMention, corpus: _Corpus) -> Place | None:
    """The place a report says a meeting is (or was to be) held at: a point-like place the
    sentence names right by the trigger, after in/at/to ("talks in Ankara", "a visit to Ankara",
    "the meeting, due to be held in Istanbul")."""
    p = corpus.places.get(m.location or "")
    if p is None or m.location_span is None or p.kind not in POINT_KINDS or m.type not in VENUE_TYPES:
        return None
    text = corpus.articles[m.article_id].text
    ls, le = m.location_span
    ts, te = m.trigger[0], m.trigger[1]
    if not corpus.cues(m.article_id).venue.search(text[max(0, ls - 40):ls]):
        return None
    gap = text[te:ls] if te <= ls else text[le:ts]
    if len(gap) > VENUE_GAP or re.search(r"[.;:()]", gap):
        return None
    return p


def _place_claims(mentions: list[EventMention], corpus: _Corpus) -> dict[str, _Claim] | None:
    """Venues two reports give for one meeting: reports in different articles, of the same
    countries (two or more) and both told as held or both as not held, naming two points more
    than MIN_KM apart."""
    venues = [(m, p) for m in mentions if (p := _venue(m, corpus)) is not None]
    claims: dict[str, _Claim] = {}
    for i, (a, pa) in enumerate(venues):
        for b, pb in venues[i + 1:]:
            if a.article_id == b.article_id or pa.id == pb.id or _km(pa, pb) <= MIN_KM:
                continue
            if (a.status == "occurred") != (b.status == "occurred"):
                continue  # the talks held in Ankara and the visit once planned in Istanbul
            ca, cb = _countries(a, corpus), _countries(b, corpus)
            if len(ca) < 2 or ca != cb:
                continue
            for m, p in ((a, pa), (b, pb)):
                claims.setdefault(p.id, _Claim(p.name)).add(m.article_id, corpus.text(m.article_id, m.start, m.end))
    return claims if len(claims) >= 2 else None


def _cue_status(m: EventMention, corpus: _Corpus) -> str | None:
    """"postponed" or "cancelled" when the report's sentence has cue words of one kind only."""
    sentence = corpus.articles[m.article_id].text[m.start:m.end]
    cues = corpus.cues(m.article_id)
    post, canc = bool(cues.postponed.search(sentence)), bool(cues.cancelled.search(sentence))
    return "postponed" if post and not canc else "cancelled" if canc and not post else None


def _called_off(m: EventMention, corpus: _Corpus) -> bool:
    """Whether a report tells its act as called off: the coder's status, or — for a meeting
    told in a language whose events come from the classifier alone (the profile's
    ``nearest_actors``: no parser, or no trigger lexicon to read one), where the status comes from a
    classifier that seldom tells a called-off act ("Chile y Perú aplazaron la reunión": occurred)
    — cue words of one kind (postponed or cancelled) in its sentence, in the trigger's clause:
    at most CUE_GAP words from it with no stop between ("ottenuto un rinvio del voto …".
    Nonostante una telefonata …: the call is not what was put off)."""
    if m.status == "cancelled":
        return True
    if m.type not in VENUE_TYPES or m.basis != "classifier" or m.status not in ("occurred", "planned"):
        return False
    a = corpus.articles.get(m.article_id)
    kind = _cue_status(m, corpus)
    if a is None or kind is None or not languages.profile(a.language).nearest_actors:
        return False
    cues = corpus.cues(m.article_id)
    for cue in (cues.postponed if kind == "postponed" else cues.cancelled).finditer(a.text, m.start, m.end):
        between = a.text[cue.end():m.trigger[0]] if cue.end() <= m.trigger[0] else a.text[m.trigger[1]:cue.start()]
        if len(re.findall(r"\w+", between)) <= CUE_GAP and not re.search(r"[.;:!?]", between):
            return True
    return False


def _status_value(m: EventMention, corpus: _Corpus) -> str | None:
    if _called_off(m, corpus):
        return _cue_status(m, corpus)
    return "held" if m.status == "occurred" else None


def _status_claims(mentions: list[EventMention], corpus: _Corpus) -> dict[str, _Claim] | None:
    claims: dict[str, _Claim] = {}
    for m in mentions:
        v = _status_value(m, corpus)
        if v:
            claims.setdefault(v, _Claim(v)).add(m.article_id, corpus.text(m.article_id, m.start, m.end))
    return claims if len(claims) >= 2 else None


def _same_act(a: EventMention, b: EventMention, corpus: _Corpus) -> bool:
    """Whether two reports of one linked event surely tell of one act, beyond what link asks: the
    same countries, both told as held or both as not, and no two places that differ (a country
    and a place in it do not). Link joins loosely; a disagreement must rest on more."""
    ca, cb = _countries(a, corpus), _countries(b, corpus)
    if not ca or ca != cb or (a.status == "occurred") != (b.status == "occurred"):
        return False
    pa, pb = corpus.places.get(a.location or ""), corpus.places.get(b.location or "")
    if pa is None or pb is None or pa.id == pb.id:
        return True
    if pa.kind == "country" or pb.kind == "country":
        return pa.country == pb.country
    return _km(pa, pb) <= MIN_KM


def _date_claims(mentions: list[EventMention], corpus: _Corpus) -> dict[str, _Claim] | None:
    """Day dates two reports of one act write out in full ("22 July 2020") that differ."""
    dated = []
    for m in mentions:
        if m.date_precision != "day" or not m.date or m.date_span is None:
            continue
        t = next((t for t in corpus.times(m.article_id) if (t.start, t.end) == tuple(m.date_span)), None)
        if t is None or t.anchor not in ABSOLUTE_ANCHORS or t.value != m.date:
            continue
        dated.append(m)
    claims: dict[str, _Claim] = {}
    for i, a in enumerate(dated):
        for b in dated[i + 1:]:
            if a.article_id == b.article_id or a.date == b.date or not _same_act(a, b, corpus):
                continue
            for m in (a, b):
                claims.setdefault(m.date, _Claim(m.date)).add(m.article_id, corpus.text(m.article_id, m.start, m.end))
    return claims if len(claims) >= 2 else None


def _range(q: str | None, n: float, cues: _Cues) -> tuple[float, float]:
    q = " ".join((q or "").split()).lower()
    if q in cues.lower:  # more than, over, at least
        return n, math.inf
    if q in cues.upper:  # up to, less than, under
        return 0.0, n
    if q:  # about, around, nearly, some, …
        return n * 0.8, n * 1.2
    if n >= 100 and n % 100 == 0:  # a round number
        return n * 0.9, n * 1.1
    return n, n


def _numbers(sentence: str, lang: str | None = None) -> list[tuple[str, str, tuple[float, float]]]:
    """The counts a sentence gives, in its language (``lang``; English when None): (unit,
    the words, the range of values they allow)."""
    cues = _cues(languages.profile(lang or languages.DEFAULT).code)
    out = []
    for m in cues.number.finditer(sentence):
        if re.search(r"[.;:]", m.group("gap") or ""):
            continue
        if {w.lower() for w in (m.group("gap") or "").split()} & cues.time_words:
            continue  # an age, a span or a date ("un policía de 31 años quedó herido", "el 3 de mayo murieron")
        digits = m.group("n")
        grouped = any(c in digits for c in cues.prof.digit_groups)  # "2,000", "2 000"
        value = "".join("." if c in cues.prof.decimal_marks else c for c in digits if c not in cues.prof.digit_groups)
        n = float(value) * cues.prof.multipliers.get((m.group("mult") or "").lower(), 1)
        gap = (m.group("gap") or "").split()
        if 1900 <= n <= 2100 and not grouped and (not m.group("q") or gap and gap[0].lower() in cues.prof.year_suffixes):
            continue  # a year ("до 2015 года погибли": until 2015, not at most 2,015)
        unit = cues.units[" ".join(m.group("unit").lower().split())]
        out.append((unit, " ".join(m.group(0).split()), _range(m.group("q"), n, cues)))
    return out


def _number_records(events: list[Event], mentions: list[EventMention], corpus: _Corpus,
                    subject: Callable[[], str]) -> list[dict[str, Any]]:
    by_unit: dict[str, list[tuple[str, tuple[float, float], EventMention]]] = defaultdict(list)
    for m in mentions:
        for unit, text, rng in _numbers(corpus.articles[m.article_id].text[m.start:m.end], corpus.articles[m.article_id].language):
            by_unit[unit].append((text, rng, m))
    out = []
    for unit, items in by_unit.items():
        pairs = [(x, y) for i, x in enumerate(items) for y in items[i + 1:]
                 if x[2].article_id != y[2].article_id and (x[1][1] < y[1][0] or y[1][1] < x[1][0])
                 and _same_act(x[2], y[2], corpus)]
        if unit in ("killed", "wounded"):
            pairs = [(x, y) for x, y in pairs if not _rising(x, y, corpus)]
        if not pairs:
            continue
        claims: dict[str, _Claim] = {}
        for x, y in pairs:
            for text, _, m in (x, y):
                claims.setdefault(text, _Claim(text)).add(m.article_id, corpus.text(m.article_id, m.start, m.end))
        rec = _record(corpus, "number", f"number {unit} in the {subject()}", [e.id for e in events], list(claims.values()))
        if rec:
            out.append(rec)
    return out


def _rising(x: Any, y: Any, corpus: _Corpus) -> bool:
    """A later report with a higher toll: an update."""
    dx = corpus.articles[x[2].article_id].published or ""
    dy = corpus.articles[y[2].article_id].published or ""
    if not dx or not dy or dx == dy:
        return not (dx and dy)  # undated: cannot tell an update from a disagreement
    (early, late) = (x, y) if dx < dy else (y, x)
    return late[1][0] >= early[1][1] or late[1][1] >= early[1][1]


def _event_records(corpus: _Corpus) -> list[dict[str, Any]]:
    events = [e for e in corpus.events if any(m.article_id in corpus.in_scope for m in e.mentions)]
    out = []
    for group, called_off in _groups(events, corpus):
        mentions = [m for e in group for m in e.mentions if m.article_id in corpus.in_scope]
        if len({m.article_id for m in mentions}) < 2:
            continue
        subject = lambda: _subject(group, corpus, called_off)  # noqa: E731 - named only for what is found
        ids = [e.id for e in group]
        for field, finder, what in (("place", _place_claims, "venue of"), ("status", _status_claims, "status of"),
                                    ("date", _date_claims, "date of")):
            claims = finder(mentions, corpus)
            if claims and _cross_article(claims):
                rec = _record(corpus, field, f"{what} the {subject()}", ids, list(claims.values()))
                if rec:
                    out.append(rec)
        out += _number_records(group, mentions, corpus, subject)
    return out


# -- named gatherings ------------------------------------------------------------------------


def _host(text: str, corpus: _Corpus, cues: _Cues) -> str | None:
    """The id of the place a gathering's name names ("Berlin Conference" → place:berlin): a
    point-like place the corpus mentions under that name, else one the knowledge base knows."""
    for word in re.findall(rf"{cues.name}(?:\s+{cues.name})?", text):
        for cand in dict.fromkeys((word, word.split()[0])):
            for p in corpus.places.values():
                if p.kind in POINT_KINDS and (p.name == cand or cand in corpus.place_forms.get(p.id, ())):
                    return p.id
            from .knowledge import Place as KPlace, load_knowledge

            for ent in load_knowledge().lookup(cand):
                if isinstance(ent, KPlace) and ent.kind in POINT_KINDS:
                    return ent.id if ent.id.startswith("place:") else "place:" + ent.id
    return None


def _gathering_records(corpus: _Corpus) -> list[dict[str, Any]]:
    """Dates of one named gathering that cannot both hold."""
    found: dict[tuple[str, str, str], list[tuple[str, str, int]]] = defaultdict(list)  # (story, host, noun) → (value, article, offset)
    dated_by: dict[tuple[str, int], tuple[int, int]] = {}  # (article, timex start) → timex span
    absolute: set[tuple[str, int]] = set()  # the dates written out in full ("September 2019")
    names: dict[tuple[str, str, str], str] = {}
    for aid in sorted(corpus.in_scope):
        text = corpus.articles[aid].text
        cues = corpus.cues(aid)
        if not cues.gathering.search(text):
            continue
        times = [t for t in corpus.times(aid)
                 if t.type == "DATE" and t.anchor in DATED_ANCHORS and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", t.value)]
        places = [m for m in corpus.mentions(aid)]
        for g in cues.gathering.finditer(text):
            phrase_start, phrase_end = g.start(), g.end()
            host = None
            # "Berlin Conference (on Libya)": a capitalised name before the noun
            before = re.search(rf"((?:{cues.name}\s+){{1,3}})$", text[max(0, g.start() - 60):g.start()])
            if before and g.group(0)[0].isupper():
                host = _host(before.group(1), corpus, cues)
                phrase_start = g.start() - len(before.group(1))
            # "the conference in Berlin"
            after = cues.host_after.match(text[g.end():g.end() + 60])
            if host is None and after:
                m = next((m for m in places if m.kind == "place" and m.start == g.end() + after.start(1)), None)
                p = corpus.places.get(m.entity_id) if m else None
                if p is not None and p.kind in POINT_KINDS:
                    host, phrase_end = p.id, g.end() + after.end(1)
            if host is None:
                continue
            name = corpus.places[host].name if host in corpus.places else host.removeprefix("place:").replace("-", " ").title()
            # one gathering: its host and its kind, within one story ("the Paris summit" of two
            # stories may be two summits)
            kind = cues.gathering_kind.get(" ".join(g.group(0).lower().split()), g.group(0).lower())
            key = (corpus.story_of.get(aid, ""), host, kind)
            names.setdefault(key, f"the {name} {kind}")
            # its date in its own noun phrase: just before ("September 2019 Berlin Conference",
            # "the September conference") or in brackets or after "of" just after
            for t in times:
                gap_before = text[t.end:phrase_start]
                gap_after = text[phrase_end:t.start]
                if t.end <= phrase_start and cues.date_before.fullmatch(gap_before) or (
                        t.start >= phrase_end and cues.date_after.fullmatch(gap_after)):
                    found[key].append((t.value, aid, t.start))
                    if t.anchor in ABSOLUTE_ANCHORS:
                        absolute.add((aid, t.start))
                    dated_by[(aid, t.start)] = (t.start, t.end)
    out = []
    for key, items in found.items():
        host = key[1]
        by_article: dict[str, set[str]] = defaultdict(set)
        for value, aid, _ in items:
            by_article[aid].add(value)
        if any(not _one_date(vals) for vals in by_article.values()):
            continue  # one article dates it twice differently: a recurring gathering
        values = sorted({v for v, _, _ in items}, key=lambda v: (-len(v), v))
        # each claim: the most precise value and every value it refines
        claims: list[_Claim] = []
        heads: list[str] = []
        for v in values:
            head = next((h for h in heads if h.startswith(v)), None)
            if head is None:
                heads.append(v)
                claims.append(_Claim(v))
        for v, aid, start in items:
            i = next(i for i, h in enumerate(heads) if h.startswith(v))
            s, e = corpus.sentence_at(aid, start)
            claims[i].add(aid, corpus.text(aid, s, e))
        # a value refining two heads (2020 under 2020-01-19 and 2020-06) is left to its first.
        # A side must rest on a date written out in full: "the September conference" alone
        # depends on which September the anchoring chose
        sure = {next(i for i, h in enumerate(heads) if h.startswith(v)) for v, aid, start in items if (aid, start) in absolute}
        claims = [c for i, c in enumerate(claims) if i in sure]
        if len(claims) >= 2 and _cross_article({c.value: c for c in claims}):
            # the events these sentences date by the gathering's date, or place at its host
            events = [ev.id for ev in corpus.events for m in ev.mentions for v, aid, start in items
                      if m.article_id == aid and m.start <= start < m.end
                      and (m.date_span is not None and tuple(m.date_span) == dated_by[(aid, start)] or m.location == host)]
            rec = _record(corpus, "date", f"date of {names[key]}", list(dict.fromkeys(events)), claims)
            if rec:
                out.append(rec)
    return out


def _one_date(values: set[str]) -> bool:
    vals = sorted(values, key=len)
    return all(vals[-1].startswith(v) for v in vals)


# -- stance ----------------------------------------------------------------------------------


def _sides_taken(corpus: _Corpus, actors: set[str]) -> list[tuple[str, str, str, str, str | None]]:
    """Reports, told as facts, of one of these countries backing a party — a named person or
    organisation of another country: (country, party, article, sentence, event id or None).
    From SUPPORT events ("Moscow has sided with Marshal Haftar"; "PARTY has the support of A,
    B and C", which the coder reads through the profiles' receiving verbs)."""
    out = []
    for ev in corpus.events:
        if ev.type not in _SIDE_TYPES:
            continue
        for m in ev.mentions:
            if m.status != "occurred" or m.article_id not in corpus.in_scope:
                continue
            src = {corpus.country(a) for a in m.source} - {None}
            for party in m.target:
                if party.startswith(("person:", "org:")) and corpus.country(party) and corpus.country(party) not in src:
                    for who in src & actors:
                        out.append((who, party, m.article_id, corpus.text(m.article_id, m.start, m.end), ev.id))
    return out


def _no_side(text: str, cues: _Cues) -> Iterator[re.Match[str]]:
    """Where a text says someone took no side ("never took sides", "remained neutral"), unless
    a negator stands right before it ("could not remain neutral")."""
    for cue in cues.neutral.finditer(text):
        if not cues.negated.search(text[max(0, cue.start() - 60):cue.start()]):
            yield cue


def _stance_records(corpus: _Corpus) -> list[dict[str, Any]]:
    """An actor said to take no side, and another article's report of it backing a party."""
    neutral: dict[str, list[tuple[str, str, set[str]]]] = defaultdict(list)  # country → (article, sentence, other countries named)
    for aid in sorted(corpus.in_scope):
        text = corpus.articles[aid].text
        for cue in _no_side(text, corpus.cues(aid)):
            s, e = corpus.sentence_at(aid, cue.start())
            ments = [m for m in corpus.mentions(aid) if s <= m.start < e]
            subj = [m for m in ments if m.kind == "actor" and m.end <= cue.start()]
            if not subj:
                continue
            who = corpus.country(subj[-1].entity_id)
            if not who or text[subj[-1].end:cue.start()].count(",") > 1:
                continue
            named = (corpus.country(m.entity_id) if m.kind == "actor" else getattr(corpus.places.get(m.entity_id), "country", None)
                     for m in ments)
            others = {c for c in named if c and c != who}
            neutral[who].append((aid, corpus.text(aid, s, e), others))
    if not neutral:
        return []
    out = []
    for who, party, aid, sentence, event_id in _sides_taken(corpus, set(neutral)):
        claims_neutral = [(a, s) for a, s, others in neutral[who]
                          if a != aid and (not others or corpus.country(party) in others)
                          and corpus.story_of.get(a) == corpus.story_of.get(aid)]
        if not claims_neutral:
            continue
        name = corpus.actor_name(who)
        c1 = _Claim(f"{name} took no side")
        for a, s in claims_neutral:
            c1.add(a, s)
        c2 = _Claim(f"{name} sided with {corpus.actor_name(party)}")
        c2.add(aid, sentence)
        rec = _record(corpus, "stance", f"whether {name} took a side", [event_id] if event_id else [], [c1, c2])
        if rec:
            out.append(rec)
    # one record per actor and party: merge the reports of the same side-taking
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in out:
        key = (rec["subject"], rec["claims"][-1]["value"])
        if key not in merged:
            merged[key] = rec
            continue
        have = merged[key]
        have["event_ids"] = sorted(set(have["event_ids"]) | set(rec["event_ids"]))
        for c_old, c_new in zip(have["claims"], rec["claims"]):
            for k in ("article_ids", "outlets", "sentences"):
                c_old[k] = list(dict.fromkeys(c_old[k] + c_new[k]))
    return list(merged.values())


# -- the records -----------------------------------------------------------------------------


def contradiction_records(store: Store, *, story: str | None = None, field: str | None = None) -> list[dict[str, Any]]:
    """Every contradiction found (the ``contradictions`` export and ``storyline contradictions``),
    by story, field and id: ``{id, story_id, event_id, field, claims: [{value, article_ids,
    outlets, sentences}], subject, event_ids}``. ``story``: only among that story's articles (an
    id or id prefix); ``field``: only that field."""
    corpus = _Corpus(store, story)
    recs = _event_records(corpus) + _gathering_records(corpus) + _stance_records(corpus)
    seen: dict[str, dict[str, Any]] = {}
    for r in sorted(recs, key=lambda r: (r["event_id"] or "", r["subject"])):
        if r["id"] in seen:
            have = seen[r["id"]]
            have["event_ids"] = sorted(set(have["event_ids"]) | set(r["event_ids"]))
            have["event_id"] = have["event_ids"][0] if have["event_ids"] else None
        else:
            seen[r["id"]] = r
    out = [r for r in seen.values() if field is None or r["field"] == field]
    return sorted(out, key=lambda r: (r["story_id"] or "~", FIELDS.index(r["field"]), r["subject"], r["id"]))


def export_contradictions(store: Store) -> Iterator[dict[str, Any]]:
    """The records of ``storyline export contradictions``: the export's fields, in order."""
    for r in contradiction_records(store):
        yield {k: r[k] for k in CONTRADICTION_FIELDS}
