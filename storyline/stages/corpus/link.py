"""Link: mentions of the same real-world event — in several articles, or twice in one —
become one event that carries all of them.

Two mentions are the same event when they have the same type, their actors
overlap at the country level (Lavrov and "Russia" are both RUS) — for an act
that is not mutual, the sources' and, when both name one, the targets'
countries each — and their
dates are compatible: day dates at most two days apart (outlets disagree by a
day), a month containing the other's day, or a date only "reported" (the
article's date) no more than a week after the other — or, when the article is dated only
to the month, a date in that month the same article gives. Status need not agree —
"the meeting will be held on Sunday" and "the meeting was postponed" tell of
one meeting, and the disagreement is kept — except that an act that took place
is never the one called off, and a phone call is not a meeting held somewhere.
Two groups of mentions join only when every pair across them is compatible so: a
report of clashes between both sides does not chain one side's strikes to the
other's.

Within one article those allowances do not hold: one writer does not disagree with
himself, so two of his mentions are one act only if nothing he says tells them apart
(:func:`_one_article`): an act told as done is not one told as to come (occurred
beside planned or hypothetical), two different named doers (or targets) — a person, a
body, a group, not a country or its organs — are two acts, and a mention without a
date of its own (undated, or only its report's date) joins one that dates itself only
when the article tells them as one act: the same trigger word ("attacked", "the
attack"; in any language, by a crude stem: ``_same_word``), or the same doer and the same target (a country and its organs as one; for
talks and agreements, the same two countries). Otherwise an undated rejection of
accusations took its year from the article's sentence on an old treaty, and a sentence on a
payment not yet agreed became that treaty's agreement.

Event-level values are the reports' consensus (a place of an act of force tied between
reports: one in a country of the event's actors first); each mention keeps its own
values (place, date, actors, status), ready for the contradiction finder.
Ids are a hash of the event's first mention, so adding articles later does
not renumber the events that were already there.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from ...knowledge import STATE_SECTORS
from ...models import Actor, Event, EventMention
from ...registry import Stage

__all__ = ["VERSION", "link", "country_keys", "compatible_dates", "persons"]

VERSION = "link.v12"
LOGGER = logging.getLogger(__name__)

# types where either side may be told as the source: "X met Y", "Y and X agreed"
_SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
_STATUS_ORDER = ["cancelled", "denied", "occurred", "planned", "hypothetical"]


def country_keys(ids: Iterable[str], actors: dict[str, Actor]) -> frozenset[str]:
    """Actors as countries where they have one (person:sergey-lavrov → RUS), else their id."""
    out = set()
    for i in ids:
        a = actors.get(i)
        out.add(a.country if a is not None and a.country else i)
    return frozenset(out)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def compatible_dates(a: EventMention, b: EventMention) -> bool:
    """Could the two mentions' dates be the same day? A mention with no date at all (an
    undated article that gives none) is compatible only with mentions in its own article:
    across articles, nothing would stop it from joining every event of its kind."""
    pa, pb = a.date_precision, b.date_precision
    if not a.date or not b.date:
        return a.article_id == b.article_id
    if (pa == "year" or pb == "year") and a.article_id != b.article_id:
        return a.date[:4] == b.date[:4] and pa == pb  # "2020" alone would join every event of the year
    da, db = _day(a.date), _day(b.date)
    if pa == "day" and pb == "day" and da and db:
        return abs((da - db).days) <= 2
    if pa == "reported" or pb == "reported":
        # a date-less report: the event happened in the week before the article
        rep, other = (a, b) if pa == "reported" else (b, a)
        dr = _day(rep.date)
        if dr is None and len(rep.date) == 7:
            # a report in an article dated only to the month: an act of that month that the
            # same article dates ("agreed to …" in the lead, "on July 22 … agreed" below); across
            # articles a month-wide window would join every act of its kind that month
            # ("the next round of consultations" is another act: the status must agree)
            return (a.article_id == b.article_id and a.status == b.status and other.date_precision != "reported"
                    and other.date[:7] == rep.date)
        if other.date_precision == "reported":
            do = _day(other.date)
            return bool(dr and do and abs((dr - do).days) <= 7)
        if other.date_precision == "day":
            do = _day(other.date)
            return bool(dr and do and timedelta(days=-1) <= dr - do <= timedelta(days=7))
        return bool(dr) and dr.isoformat().startswith(other.date[:7] if other.date_precision == "month" else other.date[:4])
    short = min(len(a.date), len(b.date))
    return a.date[:short] == b.date[:short]


def persons(m: EventMention) -> frozenset[str]:
    """The named people among a mention's actors."""
    return frozenset(i for i in m.source + m.target if i.startswith("person:"))


def _compatible(a: EventMention, b: EventMention) -> bool:
    """Nothing rules out that the two are one act: status, the people named, the dates."""
    if {a.status, b.status} == {"cancelled", "occurred"}:
        return False  # the talks that were held are not the visit that was called off
    pa, pb = persons(a), persons(b)
    if pa and pb and not pa & pb:
        return False  # named people on each side, none shared: two different acts
    if a.type == b.type == "CONSULT" and (a.mode == "phone") != (b.mode == "phone") and (
            (b if a.mode == "phone" else a).location):
        return False  # a call is held nowhere: "spoke by telephone" is not the meeting "in Ankara"
    return compatible_dates(a, b)


def _roles_agree(a: EventMention, b: EventMention, actors: dict[str, Actor]) -> bool:
    """Nothing in the two mentions' roles says two acts: where both name a source (a target),
    they share a country in it (the types whose sides are not told apart excepted)."""
    if a.type in _SYMMETRIC:
        return True
    if a.source and b.source and not country_keys(a.source, actors) & country_keys(b.source, actors):
        return False  # the Libyans signing and Russia praising it are two acts
    if a.target and b.target and not country_keys(a.target, actors) & country_keys(b.target, actors):
        return False  # Russians criticising Erdoğan and Russians worried about Syria: two acts
    return True


_OWN_DATE = {"day", "month", "year"}
_SUFFIXES = ("ments", "ment", "ings", "ing", "ions", "ion", "ed", "es", "s", "e")


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def _same_word(a: EventMention, b: EventMention) -> bool:
    """The two triggers are one word: "attacked" and "the attack", "agreed" and "the agreement"
    (one stem the start of the other); in any language, the two share their first six letters
    ("bombardato" and "il bombardamento", "condannato" and "la condanna")."""
    wa, wb = a.trigger[2].split(), b.trigger[2].split()
    if not wa or not wb:
        return False
    sa, sb = _stem(wa[-1]), _stem(wb[-1])
    short, long_ = sorted((sa, sb), key=len)
    return short == long_ or (len(short) >= 4 and long_.startswith(short)) or len(os.path.commonprefix([sa, sb])) >= 6


def _families(ids: Iterable[str]) -> frozenset[str]:
    return frozenset(actor_family(i) for i in ids)


def _named(ids: Iterable[str]) -> frozenset[str]:
    """The actors told by a name of their own (a person, a body, a group), not a country or its organs."""
    return frozenset(f for f in _families(ids) if not (len(f) == 3 and f.isupper()))


def _same_actors(a: EventMention, b: EventMention, actors: dict[str, Actor]) -> bool:
    """Both name who acted and on whom, and the same ones (a country and its organs counting as
    one); for an act whose sides are not told apart, the same two countries or more ("Russia and
    Turkey" hosted the talks, "Lavrov and Çavuşoğlu" shuttled between the delegations)."""
    if a.type in _SYMMETRIC:
        return len(country_keys(a.source + a.target, actors) & country_keys(b.source + b.target, actors)) >= 2
    return bool(_families(a.source) & _families(b.source) and _families(a.target) & _families(b.target))


def _one_article(a: EventMention, b: EventMention, actors: dict[str, Actor]) -> bool:
    """Two mentions in one article: nothing its writer tells says two acts. Across articles, reports of
    one act disagree and a mention without a date of its own takes the date another report gives;
    within one article the writer's own words are the evidence: an act told as done is not one told
    as to come ("agreed to postpone the meeting" and "a new date would be agreed"); two different
    named doers (or targets) are two acts; and a mention with no date of its own joins one that
    dates itself only when the article tells them as one act: the same trigger word, or the same
    doer and the same target — else an undated rejection of accusations takes its year from the
    article's sentence on an old treaty, and a payment not yet agreed becomes that treaty."""
    if a.article_id != b.article_id:
        return True
    if "occurred" in {a.status, b.status} and {a.status, b.status} & {"planned", "hypothetical"}:
        return False
    if a.type in _SYMMETRIC:
        na, nb = _named(a.source + a.target), _named(b.source + b.target)
        if na and nb and not na & nb:
            return False
    else:
        for ra, rb in ((a.source, b.source), (a.target, b.target)):
            na, nb = _named(ra), _named(rb)
            if na and nb and not na & nb:
                return False
    if (a.date_precision in _OWN_DATE) != (b.date_precision in _OWN_DATE):
        return _same_word(a, b) or _same_actors(a, b, actors)
    return True


def _consistent(a: EventMention, b: EventMention, actors: dict[str, Actor]) -> bool:
    """Nothing says the two are two acts: :func:`_compatible`, :func:`_roles_agree` and, within one
    article, :func:`_one_article`."""
    return _compatible(a, b) and _roles_agree(a, b, actors) and _one_article(a, b, actors)


def _same(a: EventMention, b: EventMention, actors: dict[str, Actor], places: dict[str, str | None]) -> bool:
    if a.type != b.type or not _consistent(a, b, actors):
        return False
    ca, cb = places.get(a.location or ""), places.get(b.location or "")
    if ca and cb and ca != cb:
        return False  # talks in Ankara and a trip to Sirte; Istanbul and Ankara may be one meeting
    ka = country_keys(a.source + a.target, actors)
    kb = country_keys(b.source + b.target, actors)
    common = ka & kb
    if not common:
        return False
    # one set inside the other (RUS+TUR vs RUS+TUR+LBY is the same meeting), or most shared;
    # RUS+TUR and TUR+GRC are two meetings
    return (ka <= kb or kb <= ka) or len(common) / len(ka | kb) >= 0.6


def link(
    mentions: list[tuple[str, int, EventMention]],
    actors: dict[str, Actor],
    published: dict[str, str | None],
    place_countries: dict[str, str | None] | None = None,
) -> tuple[list[Event], list[tuple[str, str, int]]]:
    """Cluster (article id, index, mention) triples into events; returns the events and
    the links (event id, article id, index). ``place_countries`` (place id → ISO-3) keeps
    apart mentions placed in different countries."""
    places = place_countries or {}
    order = sorted(range(len(mentions)), key=lambda i: (published.get(mentions[i][0]) or "9999", mentions[i][0], mentions[i][1]))
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_type: dict[str, list[int]] = {}
    for i in order:
        by_type.setdefault(mentions[i][2].type, []).append(i)
    for items in by_type.values():
        for x, i in enumerate(items):
            for j in items[x + 1 :]:
                if find(i) != find(j) and _same(mentions[i][2], mentions[j][2], actors, places):
                    # join only when every member of one is compatible with every member of the
                    # other (no chaining across weeks, from a held meeting to a cancelled one, or,
                    # through a report that names one side only, from Israel's strikes on Gaza
                    # to Hamas's rockets on Israel)
                    left = [k for k in items if find(k) == find(i)]
                    right = [k for k in items if find(k) == find(j)]
                    if all(_consistent(mentions[k][2], mentions[r][2], actors) for k in left for r in right):
                        parent[find(j)] = find(i)

    clusters: dict[int, list[int]] = {}
    for i in order:
        clusters.setdefault(find(i), []).append(i)
    events: list[Event] = []
    links: list[tuple[str, str, int]] = []
    for members in clusters.values():
        ms = [mentions[i][2] for i in members]
        first = mentions[members[0]]
        ev_id = "ev:" + hashlib.sha1(f"{first[0]}:{first[1]}:{first[2].type}".encode()).hexdigest()[:12]
        events.append(_consensus(ev_id, ms, actors, places))
        links.extend((ev_id, mentions[i][0], mentions[i][1]) for i in members)
    events.sort(key=lambda e: (e.date or "9999", e.id))
    return events, links


def _most_common(values: list, *, order: list | None = None):  # type: ignore[no-untyped-def]
    values = [v for v in values if v not in (None, (), "")]
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    tied = [v for v in counts if counts[v] == best]
    if order:
        tied.sort(key=lambda v: order.index(v) if v in order else len(order))
    return tied[0]


# acts of force done where one side is: an attack, a coercion, a deployment, a protest
_ON_THE_GROUND = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})


def _place(ms: list[EventMention], actors: dict[str, Actor], places: dict[str, str | None]) -> str | None:
    """The place most reports give; on a tie, for a material act of force (``_ON_THE_GROUND``),
    one in a country of the event's actors before one elsewhere (an Israeli strike told by two
    reports, one placing it in the Gaza Strip, the other taking "Lebanon" from a clause on
    another war), then the first given. Talks and agreements are often held in a third
    country (Geneva, Berlin): for them the first given."""
    values = [m.location for m in ms if m.location]
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    tied = [v for v in counts if counts[v] == best]
    if len(tied) > 1 and ms[0].type in _ON_THE_GROUND:
        parties = country_keys([a for m in ms for a in m.source + m.target], actors)
        tied.sort(key=lambda v: places.get(v) not in parties)
    return tied[0]


# a country's own organs, told for the country: "Syria", "Syria (government)", "Syria (military)"
# (not its rebels, opposition or people, who may be the other side)
_STATE = STATE_SECTORS | {""}
VOTE_SHARE = 0.25  # besides the most named, an actor counts when this share of the reports naming the role name it


def actor_family(a: str) -> str:
    """The actor an id stands for when a country and its organs are told as one: "SYR-MIL" and
    "SYR-GOV" are "SYR"; "SYR-REB" (its rebels) and any person or body stay themselves."""
    country, _, sector = a.partition("-")
    return country if len(country) == 3 and country.isupper() and sector in _STATE else a


def _voted(roles: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The actors most reports name in a role: those named by the most reports, then any other
    named by two or more ("Turkey + Russia" when one report says Turkey, one Russia, one both)
    and by at least ``VOTE_SHARE`` of the reports that name the role: an attack told by 37
    reports is not done by every place and body two of them put beside it. A country and its
    organs ("Syria", "Syria (government)", "Syria (military)") are one actor told several ways:
    their reports are counted together, and the part most reports name stands for them."""
    counts = Counter(a for r in roles for a in dict.fromkeys(r))
    if not counts:
        return ()
    families = Counter(f for r in roles for f in dict.fromkeys(actor_family(a) for a in r))
    top = max(families.values())
    floor = max(2.0, VOTE_SHARE * sum(1 for r in roles if r))
    first_seen = {a: i for i, a in reversed(list(enumerate(a for r in roles for a in r)))}
    chosen = []
    for f, n in families.items():
        if n == top or n >= floor:
            members = [a for a in counts if actor_family(a) == f]
            # the part most reports name; on a tie the more specific ("Syria (military)")
            chosen.append((max(members, key=lambda a: (counts[a], len(a), -first_seen[a])), n))
    return tuple(a for a, n in sorted(chosen, key=lambda x: (-x[1], first_seen[x[0]])))


def _sides(ms: list[EventMention]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(sources, targets) of an event from its reports' (``_voted``). An actor voted into both
    sides goes to the side more of its reports put it on, the source on a tie: three reports
    of a protest "contro il regime del presidente Assad" and two that guess Assad as the doer
    of a sentence naming no other actor make him the target. "Turkey" is no target of
    "Turkey (government) + Russia": one actor told two ways."""
    sources = _voted([m.source for m in ms])
    targets = _voted([m.target for m in ms])

    def reports(actor: str, role: str) -> int:
        family = actor_family(actor)
        return sum(1 for m in ms if any(actor_family(a) == family for a in getattr(m, role)))

    moved = [a for a in sources if any(actor_family(a) == actor_family(t) for t in targets)
             and reports(a, "target") > reports(a, "source")]
    if moved:
        sources = tuple(a for a in sources if a not in moved)
    # a protest a report tells itself with the country as the doer and one of its organs as the
    # target ("des Syriens ont manifesté contre le régime": Syria → Syria (government)): the
    # country's people and its state are two sides there, not one actor told two ways; each side
    # shows the part the reports name on it. Not so of other acts, where such a pair is mostly
    # one actor told twice ("Turkey (government) + Russia → Turkey"; "Egypt deployed its army":
    # no act on the army), and the target goes
    domestic = {t for m in ms if m.type == "PROTEST" for t in m.target if t != actor_family(t)
                and any(s == actor_family(t) for s in m.source)}
    named_targets = {t for m in ms for t in m.target}
    named_sources = {a for m in ms for a in m.source}

    def on_its_side(a: str) -> str:
        if a not in domestic:
            return a
        other = [b for b in named_sources if b != a and actor_family(b) == actor_family(a) and b not in named_targets]
        return other[0] if other else a

    sources = tuple(dict.fromkeys(on_its_side(a) for a in sources))
    targets = tuple(t for t in targets
                    if t in domestic and t not in sources
                    or not any(t == a or t.startswith(a + "-") or a.startswith(t + "-") for a in sources))
    return sources, targets


def _consensus(ev_id: str, ms: list[EventMention], actors: dict[str, Actor] | None = None,
               places: dict[str, str | None] | None = None) -> Event:
    precise = [m for m in ms if m.date_precision == "day"] or [m for m in ms if m.date_precision == "month"] or [
        m for m in ms if m.date_precision == "year"] or ms
    dates = sorted(m.date for m in precise if m.date)
    date_value = _most_common([m.date for m in precise]) if dates else None
    if date_value is not None and len({m.date for m in precise if m.date}) > 1:
        counts = Counter(m.date for m in precise if m.date)
        top = max(counts.values())
        date_value = min(d for d, n in counts.items() if n == top)  # ties: the earliest
    precision = next((m.date_precision for m in precise if m.date == date_value), None)
    sources, targets = _sides(ms)
    confidence = 1.0
    for m in ms:
        confidence *= 1 - m.confidence
    return Event(
        id=ev_id,
        type=ms[0].type,
        cameo=_most_common([m.cameo for m in ms]),
        mode=_most_common([m.mode for m in ms]),
        context=_most_common([m.context for m in ms]),
        status=_most_common([m.status for m in ms], order=_STATUS_ORDER) or "occurred",
        date=date_value,
        date_precision=precision,
        source=sources,
        target=targets,
        location=_place(ms, actors or {}, places or {}),
        attribution=_most_common([m.attribution for m in ms]),
        confidence=round(min(0.99, 1 - confidence), 3),
        mentions=tuple(ms),
    )


def run(store: Any, changed: set[str]) -> set[str]:
    """The corpus stage: every event mention in the store linked into events, written back.
    (It re-links the whole corpus: union-find over the mentions is cheap next to the rest.)"""
    mentions = [(m.article_id, i, m) for i, m in store.event_mentions()]
    actors = {a.id: a for a, _, _ in store.actors()}
    published = {a.id: a.published for a in store.articles()}
    place_countries = {p.id: p.country for p, _, _ in store.places()}
    events, links = link(mentions, actors, published, place_countries)
    with store.transaction():
        store.replace_events(events, links)
    LOGGER.info("link: %d event mention(s) in %d article(s) are %d event(s)", len(mentions),
                len({m[0] for m in mentions}), len(events))
    return set()


STAGE = Stage(
    "link", VERSION, "corpus", requires=("article", "resolution", "event_mentions", "corpus_dates"), assigns=("events",),
    run=run, doc="one record per real-world event: mentions of the same event across articles, consensus values",
)
