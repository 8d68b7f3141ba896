"""Dating: a publication date for articles that do not state one, from the rest of the corpus.

Many web articles carry no date, and then "on Tuesday" or "last June" cannot
be placed. But an undated article often tells an event that a dated report,
or a well-known dated event, also tells: "the two Libyan sides signed an
agreement on Friday for a permanent ceasefire in Geneva" is the ceasefire of
Friday 23 October 2020. That fixes which days the article could have been
written on — every day on which "Friday" means 23 October, i.e. 23–29
October — and then its other relative dates follow.

Method, for each article whose own date is not known to the day:

1. **Anchors.** Event mentions of other articles whose date is stated to the day
   or month (not merely the article's date), and the notable events in
   ``knowledge/events/known_events.jsonl`` — these only for a mention that matches
   no anchor of the corpus (a conflict's acts recur: an attack told in 2008 matches
   the shipped attack of 2023).
2. **Matches.** A mention of the article matches an anchor when the type
   agrees, the status agrees (a cancelled meeting is not the meeting that was
   held), the actors share at least two countries — or one, with the same
   place — and, for a known event, all its parties are among the mention's
   actors and no outsider is.
3. **Candidate days.** Every day from a week before the earliest matched anchor
   to a month after the latest is tried as the article date: the time
   expression of each matched mention ("Friday", "yesterday", "last June",
   none) is resolved against it, and the day scores by how many matches come
   out on their anchor's date (or month), less those that contradict it. A
   match with no time expression only hints that the article came within a
   month after the event, and counts a quarter. Where the language has a parser,
   only mentions told as done (a past tense), planned or called off are matched: "are
   approaching an agreement" is not the agreement reached in July.
   The article's own bounds (reader comments, dates in the text) are kept.
4. **Recency.** A day-and-month date with no year ("last June 6") counts a
   little for days within two months after it: news looks back weeks, not years.
   A month with no year in a sentence that does not look ahead ("talks in July and
   August") rules out the days that would put it more than six months back — or
   ahead: told in July, "August" would be a year back; and a day in that month scores
   a little lower than one after it (a month told as past is most likely over). A month
   matched to a dated event ("last June" = the cancelled June meeting) may be told up
   to a year later.
5. **The lead.** A news lead tells the newest event: when the first coded
   sentence has a relative date ("On Tuesday, Lavrov held a call"), days on
   which it would fall before the anchored events score lower.
6. **Result.** The best-scoring days give the date (the earliest of them), its
   bounds and a precision: ``day`` when one day remains, ``week`` within seven
   days, else ``month``. Matches without a time expression only add weight:
   alone they give no date.

The annotate stage then resolves the article's relative dates against both
bounds and keeps what they agree on ("Friday" is 23 October whichever day in
23–29 October the article appeared; "this Sunday" against a month-wide range
is only that month). The pipeline re-runs the per-article stages of the
articles whose corpus date changed, then dates again (an article dated this
way can anchor another), at most three rounds.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ... import languages
from ...errors import ConfigError
from ...knowledge import fold
from ...knowledge.events import EVENTS_DIR, PLOVER_TYPES
from ...models import Actor, Article, EventMention, TimeExpr
from ...registry import LANGUAGES, Dependency, Stage
from ..annotate import timex
from .link import country_keys, persons

__all__ = ["VERSION", "CorpusDate", "KnownEvent", "known_events", "infer_dates", "fingerprint"]

VERSION = "dating.v6"
MONTHS_BACK = 6  # a month named without a year lies at most this many months before the article
KNOWN_EVENTS = EVENTS_DIR / "known_events.jsonl"

@dataclass(frozen=True, slots=True)
class CorpusDate:
    """An article date inferred from the corpus: the estimate, its bounds and what it rests on."""

    published: str
    precision: str  # day | week | month
    earliest: str
    latest: str
    basis: tuple[str, ...]  # human-readable: "Friday = 2020-10-23 (known event: …)"


@dataclass(frozen=True, slots=True)
class KnownEvent:
    id: str
    name: str
    date: str
    types: frozenset[str]
    parties: frozenset[str]  # ISO-3 countries that must all be among a matching mention's actors
    involved: frozenset[str]  # other countries a matching mention may name
    place: str | None  # a place name (matched against the mention's place, folded)
    source: str


@dataclass(frozen=True, slots=True)
class _Anchor:
    day: date
    precision: str  # day | month
    type: str
    status: str
    countries: frozenset[str]
    place: str | None
    label: str
    known: KnownEvent | None = None
    persons: frozenset[str] = frozenset()


def fingerprint() -> str:
    return hashlib.sha1(KNOWN_EVENTS.read_bytes()).hexdigest()[:12]


def _place_key(name: str | None) -> str | None:
    return fold(name) or None if name else None


@functools.lru_cache(maxsize=1)
def known_events() -> tuple[KnownEvent, ...]:
    """The notable dated events we ship, validated (a bad line raises ConfigError naming it)."""
    from ...knowledge import iter_jsonl

    out = []
    for rec, line in iter_jsonl(KNOWN_EVENTS):
        if "_meta" in rec:
            continue
        where = f"{KNOWN_EVENTS}: line {line}"
        try:
            day = date.fromisoformat(rec["date"])
            types = frozenset(rec["types"])
            parties = frozenset(rec["parties"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(detail=f"{where}: needs id, name, date (YYYY-MM-DD), types, parties ({exc}). Fix that line.") from None
        if not types <= set(PLOVER_TYPES) or not parties or not all(re.fullmatch(r"[A-Z]{3}", c) for c in parties):
            raise ConfigError(detail=f"{where}: types must be PLOVER types and parties ISO-3 codes. Fix that line.")
        out.append(KnownEvent(
            id=rec["id"], name=rec["name"], date=day.isoformat(), types=types, parties=parties,
            involved=frozenset(rec.get("involved", ())), place=rec.get("place"), source=rec.get("source", ""),
        ))
    return tuple(out)


def _countries(ids: Iterable[str], actors: dict[str, Actor]) -> frozenset[str]:
    """The ISO-3 countries of a mention's actors ("TUR-GOV" and Çavuşoğlu are TUR)."""
    return frozenset(k[:3] for k in country_keys(ids, actors) if re.fullmatch(r"[A-Z]{3}(-[A-Z]{3})?", k))


def _status_class(status: str) -> str:
    return "cancelled" if status in ("cancelled", "denied") else "occurred"


def _anchor_day(m: EventMention) -> tuple[date, str] | None:
    """A mention's own date when stated (not the article date), to the day or month."""
    if not m.date or m.date_precision not in ("day", "month") or m.date_span is None:
        return None
    try:
        if m.date_precision == "day":
            return date.fromisoformat(m.date[:10]), "day"
        return date.fromisoformat(m.date[:7] + "-01"), "month"
    except ValueError:
        return None


def _matches(m: EventMention, mc: frozenset[str], mplace: str | None, a: _Anchor) -> bool:
    if m.type != a.type or _status_class(m.status) != a.status:
        return False
    mp = persons(m)
    if mp and a.persons and not mp & a.persons:
        return False  # Putin's call to Erdoğan is not Lavrov's to Çavuşoğlu
    if a.known is not None:
        k = a.known
        if not k.parties <= mc or not mc <= k.parties | k.involved:
            return False
        if k.place and mplace != _place_key(k.place):
            return False
        return bool(k.place) or len(k.parties) >= 2
    common = mc & a.countries
    if len(common) >= 2:
        return True
    return len(common) == 1 and mplace is not None and mplace == a.place


def _time_of(m: EventMention, ts: list[TimeExpr], by_start: dict[int, TimeExpr]) -> TimeExpr | None:
    """The time expression a mention's date comes from — or, when it could not be resolved
    ("Friday" in an undated article), the one in its sentence nearest the trigger."""
    if m.date_span:
        return by_start.get(m.date_span[0])
    inside = [t for t in ts if m.start <= t.start < m.end and t.type in ("DATE", "TIME") and t.anchor != "vague"
              and not t.value.startswith(("P", "PRESENT", "PAST", "FUTURE"))]
    return min(inside, key=lambda t: abs(t.start - m.trigger[0])) if inside else None


def infer_dates(
    articles: list[Article],
    mentions: list[tuple[str, int, EventMention]],
    times: dict[str, list[TimeExpr]],
    actors: dict[str, Actor],
    places: dict[str, str],
    dated: dict[str, str] | None = None,
) -> dict[str, CorpusDate]:
    """Corpus dates for the articles (own values) that lack a day-precise date of their own.

    ``mentions`` are every article's event mentions; ``times`` each article's time
    expressions; ``places`` place id → name; ``dated`` article ids whose corpus date was
    found in an earlier round (their stated mention dates may anchor others).
    """
    by_article: dict[str, list[EventMention]] = {}
    for aid, _, m in mentions:
        by_article.setdefault(aid, []).append(m)
    own_day = {a.id for a in articles if a.published and a.published_precision == "day"}
    anchors: dict[str, list[_Anchor]] = {}
    for aid, ms in by_article.items():
        stated = {t.start: t for t in times.get(aid, [])}
        for m in ms:
            got = _anchor_day(m)
            if got is None:
                continue
            t = stated.get(m.date_span[0]) if m.date_span else None
            # a date stated in full anchors wherever it is; a relative one only in a dated article
            if not (t is not None and t.anchor == "absolute") and aid not in own_day and aid not in (dated or {}):
                continue
            anchors.setdefault(aid, []).append(_Anchor(
                got[0], got[1], m.type, _status_class(m.status), _countries(m.source + m.target, actors),
                _place_key(places.get(m.location or "")), f"article {aid}, sentence {m.sentence}",
                persons=persons(m),
            ))
    known = [
        _Anchor(date.fromisoformat(k.date), "day", t, "occurred", k.parties | k.involved, _place_key(k.place),
                f"known event: {k.name}", k)
        for k in known_events() for t in sorted(k.types)
    ]
    out: dict[str, CorpusDate] = {}
    for art in articles:
        if art.id in own_day:
            continue
        got = _date_one(art, by_article.get(art.id, []), times.get(art.id, []), anchors, known, actors, places)
        if got is not None:
            out[art.id] = got
    return out


def _date_one(art, ms, ts, anchors, known, actors, places) -> CorpusDate | None:  # type: ignore[no-untyped-def]
    """The corpus date of one article: the days at which its time expressions, re-read,
    agree best with the dated events its mentions match, as one run of days."""
    by_start = {t.start: t for t in ts}
    # where a parse tells the tenses apart (the rules' events, which only a parse gives), only
    # acts told as done (or planned, or called off) are matched: "are approaching an agreement"
    # is not the agreement reached in July, and "has sided with Haftar" no act of a day
    told = [m for m in ms if m.past or m.status != "occurred" or m.basis != "rules"]
    pairs = _pairs(art.id, told, ts, by_start, anchors, known, actors, places)
    if not pairs:
        return None
    pairs = _one_per_anchor(pairs)
    if all(t is None for _, t, _ in pairs):
        return None  # reports with no time expression only say "after": too weak alone
    scores = _score_days(art, ms, ts, by_start, pairs)
    if not scores:
        return None
    best = max(scores.values())
    if best <= 0:
        return None
    lo, hi = _best_run(sorted(d for d, s in scores.items() if s == best))
    width = (hi - lo).days
    precision = "day" if width == 0 else "week" if width <= 7 else "month"
    basis = []
    for m, t, a in pairs:
        said = f"'{t.text}'" if t is not None else "an undated report"
        basis.append(f"sentence {m.sentence} ({m.type}, {said}) = {a.day.isoformat()[: 10 if a.precision == 'day' else 7]} ({a.label})")
    return CorpusDate(lo.isoformat(), precision, lo.isoformat(), hi.isoformat(), tuple(basis))


_Pair = tuple[EventMention, TimeExpr | None, _Anchor]


def _pairs(article_id, ms, ts, by_start, anchors, known, actors, places) -> list[_Pair]:  # type: ignore[no-untyped-def]
    """(mention, its time expression, anchor) for every mention not dated by itself and every
    dated event (another article's or a known one) it matches."""
    pairs: list[_Pair] = []
    for m in ms:
        t = _time_of(m, ts, by_start)
        if t is not None and t.anchor == "absolute":
            continue  # dated by itself
        mc = _countries(m.source + m.target, actors)
        mplace = _place_key(places.get(m.location or ""))
        pool = [a for aid, items in anchors.items() if aid != article_id for a in items] + known
        for a in pool:
            if _matches(m, mc, mplace, a):
                pairs.append((m, t, a))
    # the corpus's own dated reports first: a conflict's acts recur (an attack of Hamas on
    # Israel in 2008 matches the shipped 7 October 2023 one), so a mention that matches a
    # dated report of the corpus is not matched to a shipped event as well
    told = {id(m) for m, _, a in pairs if a.known is None}
    return [p for p in pairs if p[2].known is None or id(p[0]) not in told]


def _one_per_anchor(pairs: list[_Pair]) -> list[_Pair]:
    """One match per anchor event and mention: the same event told twice adds nothing."""
    seen, unique = set(), []
    for m, t, a in pairs:
        key = (m.sentence, a.day, a.type)
        if key not in seen:
            seen.add(key)
            unique.append((m, t, a))
    return unique


def _candidate_days(art: Article, pairs: list[_Pair]) -> set[date]:
    """The days the article may be dated: around the anchors a time expression is matched to
    (the matches without one only add weight), within the article's own bounds."""
    lo_bound = date.fromisoformat(art.published_earliest) if art.published_earliest else None
    hi_bound = date.fromisoformat(art.published_latest) if art.published_latest else None
    candidates: set[date] = set()
    for _, t, a in pairs:
        if t is None:
            continue
        end = a.day if a.precision == "day" else (a.day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        # "last June" may be told up to a year on; "on Friday", "this month" within weeks
        after = 366 if _month_without_year(t) else 32
        candidates.update(a.day + timedelta(days=k) for k in range(-7, (end - a.day).days + after))
    return {d for d in candidates if not (lo_bound and d < lo_bound) and not (hi_bound and d > hi_bound)}


def _rereader(text: str, lang: str) -> Callable[[int, int, TimeExpr, date], str | None]:
    """``value_at(s0, s1, t, day)``: the value of ``t`` (in the sentence s0..s1) when the
    article is dated ``day``; the expression is re-read with the words around it (enough for
    its tense). Values are cached per expression and day."""
    cache: dict[tuple[int, date], str | None] = {}

    def value_at(s0: int, s1: int, t: TimeExpr, day: date) -> str | None:
        key = (t.start, day)
        if key not in cache:
            w0, w1 = max(s0, t.start - 80), min(s1, t.end + 80)
            found = {w0 + x.start: x.value for x in timex.find_times(text[w0:w1], reference=day.isoformat(), lang=lang)}
            cache[key] = found.get(t.start)
        return cache[key]

    return value_at


def _score_days(art, ms, ts, by_start, pairs: list[_Pair]) -> dict[date, float]:  # type: ignore[no-untyped-def]
    """Each candidate day's score: +1 for each matched time expression that, re-read at that
    day, names the anchor's date, -1 for one that names another (but for a plan's); +0.25 for a match without
    one within a month after the anchor; +0.1 for a relative day date a few weeks back; +0.5
    when the lead's time expression names the newest anchor or later (news leads with it)."""
    value_at = _rereader(art.text, languages.primary(art.language))  # as annotate reads it
    lead = min(ms, key=lambda m: m.sentence)
    lead_t = _time_of(lead, ts, by_start)
    newest = max(a.day for _, _, a in pairs if a.precision == "day") if any(a.precision == "day" for _, _, a in pairs) else None
    sentences = sorted({(m.start, m.end) for m in ms})
    partial = [
        (t, next(((a, b) for a, b in sentences if a <= t.start < b), (max(0, t.start - 200), min(len(art.text), t.end + 200))))
        # relative day dates, read the same way before and after the article was dated
        for t in ts if t.type == "DATE" and t.anchor not in ("absolute", "vague") and re.fullmatch(r"(?:XXXX|\d{4})-\d\d-\d\d", t.value)
    ]
    # month names without a year in sentences that do not look ahead
    months = [t for t in ts if _month_without_year(t) and not _looks_ahead(art.text, t, sentences)]
    scores: dict[date, float] = {}
    for day in sorted(_candidate_days(art, pairs)):
        score = 0.0
        for m, t, a in pairs:
            if t is None:
                # "after the event" is a weak hint (the same two ministers phone every month):
                # it breaks ties, it never outweighs a date that resolves
                score += 0.25 if a.day <= day <= a.day + timedelta(days=31) else 0.0
                continue
            value = value_at(m.start, m.end, t, day)
            if not value or value[:1] == "X" or not value[:4].isdigit():
                continue
            want = a.day.isoformat() if a.precision == "day" else a.day.isoformat()[:7]
            if value[: len(want)] == want:
                score += 1.0
            elif m.status not in ("planned", "hypothetical"):
                # a plan may be told any day, and may be another round than the anchor's
                score -= 1.0
        for t, (s0, s1) in partial:
            # "last June 6": news looks back weeks, not years
            value = value_at(s0, s1, t, day)
            if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                score += 0.1 if 0 <= (day - date.fromisoformat(value)).days <= 60 else 0.0
        # "talks in July and August": a month named without a year in a sentence that does not
        # look ahead is one of the last MONTHS_BACK months; a day that would put it further back
        # (or ahead: "August" told on 25 July) is no date of the article
        if any((day.month - int(t.value[5:7])) % 12 > MONTHS_BACK for t in months):
            continue
        # and a month told as past is more likely over ("after talks in July and August" is
        # told after August): the article's own month scores a little lower
        score -= 0.1 * sum(1 for t in months if day.month == int(t.value[5:7]))
        if lead_t is not None and newest is not None and lead_t.anchor != "absolute":
            value = value_at(lead.start, lead.end, lead_t, day)
            if value and value[:10] >= newest.isoformat():
                score += 0.5
        scores[day] = score
    return scores


# how annotate resolved a month named without a year (against the article's date once known)
_YEARLESS = ("no-reference", "article-year", "previous-year", "next-year", "previous-month", "next-month")


def _month_without_year(t: TimeExpr) -> bool:
    """A month named without its year ("in July", "last June"), resolved or not: what it
    says about the article's date is read again at every candidate day."""
    return t.type == "DATE" and t.anchor in _YEARLESS and bool(re.fullmatch(r"(?:XXXX|\d{4})-\d\d", t.value or ""))


@functools.lru_cache(maxsize=1)
def _ahead() -> re.Pattern[str]:
    """Words that point ahead, in every language: the "planned" status cues of the event
    knowledge and the profiles' future modals ("will", "next", "prévu", "scheduled")."""
    from ...knowledge.events import load_event_knowledge

    ek = load_event_knowledge()
    words = {"next"}
    for lang in languages.languages():
        words |= set(ek.status_cues(lang).get("planned", ()))
        words |= set(languages.profile(lang).future_modals)
    return re.compile(languages.alternation(words, boundary=True), re.IGNORECASE)


def _looks_ahead(text: str, t: TimeExpr, sentences: list[tuple[int, int]]) -> bool:
    """Whether the words of the sentence before a time expression point to the future
    ("next July", "scheduled for August", "will meet in July")."""
    s0 = next((a for a, b in sentences if a <= t.start < b), max(0, t.start - 120))
    return bool(_ahead().search(text[s0 : t.start]))


def _best_run(days: list[date]) -> tuple[date, date]:
    """The best days (sorted) as one run from the earliest: a second, far run is a
    coincidence of weekdays."""
    run = [days[0]]
    for d in days[1:]:
        if (d - run[-1]).days > 1:
            break
        run.append(d)
    return run[0], run[-1]



def run(store: Any, changed: set[str]) -> set[str]:
    """The corpus stage: dates for every article that states none to the day, written
    through the store; returns the ids of the articles whose corpus date moved."""
    before = store.corpus_dates()
    own = list(store.articles(own=True))
    mentions = [(m.article_id, i, m) for i, m in store.event_mentions()]
    times: dict[str, list[TimeExpr]] = {}
    for aid, t in store.times_by_article():
        times.setdefault(aid, []).append(t)
    actors = {a.id: a for a, _, _ in store.actors()}
    places = {p.id: p.name for p, _, _ in store.places()}
    found = infer_dates(own, mentions, times, actors, places, dated=set(before))
    after = {k: (v.published, v.precision, v.earliest, v.latest, list(v.basis)) for k, v in found.items()}
    with store.transaction():
        store.replace_corpus_dates(after)
    none = (None, None, None, None)
    return {k for k in set(before) | set(after) if tuple(before.get(k, none)[:4]) != tuple(after.get(k, none)[:4])}


STAGE = Stage(
    "dating", VERSION, "corpus", requires=("article", "times", "resolution", "event_mentions"), assigns=("corpus_dates",),
    depends=(LANGUAGES, Dependency("known-events", lambda settings: fingerprint(), "the dated events we ship (known_events.jsonl)"),),
    run=run,
    doc="dates for articles that state none to the day, from events they share with dated reports or known events",
)
