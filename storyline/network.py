"""Who stands with whom: a signed, dated actor network from the linked events (read side).

``storyline alliances`` and ``storyline export alliances`` take their records from here. The
network is computed on read from the event records of :func:`storyline.read.event_records`
(no stage, nothing stored): a pure function of the events, so it is always what the current
build's events say.

What counts. Only events whose status is ``occurred``: a planned, hypothetical, cancelled or
denied act is not one ("Turkey denied attacking" is no hostility, "Russia may send aid" no
support). Each counting event joins every pair of a source and a target actor (the source
acting on the target). Actors acting together with no target ("Turkey and Russia agreed",
"… support a ceasefire") join their own pair too, but only for a cooperative act (a positive
score): the manual codes reciprocal violence with both sides as actors, so co-actors of a
hostile act may well be enemies. Co-actors who back opposite sides ("The two countries support two
opposing camps": a backing act whose words by the trigger pair an opposing word with a noun for
a side, :func:`_opposite_sides`) are set against each other instead, with the event's score
turned negative. A pair of an actor with itself, or of a country with one of its
own sectors (TUR and TUR-GOV), is no relation and is left out; so is an actor the text does not
name. RETREAT and CONCEDE are left out too (:data:`NOT_ALIGNMENT`): the manual scores them as
cooperation, but yielding to, withdrawing from or making a ceasefire with the other side is
de-escalation between opponents, not taking their side. A target that is only the country where
the act happened (``target_is_place`` in every report naming it: the PLOVER/ICEWS convention for
a material act with no target named, "Russian jets struck in Syria") is no party to it either:
Russia's strikes in Syria do not set it against Syria. An event only the sentence classifier
proposed, told by one article, is left out as well: its actors are the nearest names in the
sentence, not read from its grammar (two articles telling it make it count). And an event linked
from many reports joins only the pairs some report tells (:func:`_told_pairs`), not every source
of one report with every target of another. A sentence copied word for word onto pages of other days (a
site's news digest under every article: "manifestations contre le cessez-le-feu en Arménie" on
six Syria pages of six dates) is coded on each page as an event of that page's day; for a pair
it counts once, with its earliest event (:func:`_told`).

Weights. Each event's score is PLOVER's scaled conflict/cooperation score of its type and mode
(:data:`PLOVER_SCORES`, the table "PLOVER conflict--cooperation scores" of the PLOVER manual,
section "Numeric conflict/cooperation scores"), divided by 10 so that it lies in −1…1, and its
weight is its confidence. An edge's ``score`` is the confidence-weighted mean of its events'
scores, Σ cᵢ·sᵢ / Σ cᵢ — a sum normalised by the total weight, so always in −1…1, +1 only when
every event is the most cooperative kind. ``stance`` is ``ally`` when score ≥ +t, ``adversary``
when score ≤ −t, else ``mixed`` (t = :data:`STANCE_THRESHOLD`, 0.3: a lone consultation, +0.25,
or an agreement, +0.25, is not yet an alliance; support, +0.5, is).

Periods. ``all`` (one edge per pair), ``month`` (``YYYY-MM``) or ``quarter`` (``YYYY-Qn``), by
the event's date; an event dated only to a year falls in no month or quarter, and, like an
undated one, goes to the period ``undated`` so its evidence is not lost.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from . import languages
from .stages.corpus.link import actor_family
from .store import Store

__all__ = [
    "PLOVER_SCORES", "STANCE_THRESHOLD", "ALLIANCE_FIELDS", "event_score", "alliance_edges",
    "alliance_records", "alliance_nodes", "export_alliances", "period_of", "NOT_ALIGNMENT",
]

# PLOVER manual, table "PLOVER conflict--cooperation scores" (tab:ploverscores): the score of each
# type (key: type) and of each type with a mode (key: (type, mode), mode lower-case as our
# events carry it). One deviation: the manual prints ACCUSE's type-level score as "3", with no
# sign, while every ACCUSE mode is negative (−2 … −3.5), the manual's earlier table gives −2.0 and
# the text places every conflictual category below zero; we read it as −3.
PLOVER_SCORES: dict[Any, float] = {
    "AGREE": 2.5,
    "CONSULT": 2.5, ("CONSULT", "visit"): 4, ("CONSULT", "third-party"): 1, ("CONSULT", "multilateral"): 4,
    ("CONSULT", "phone"): 1.5,
    "SUPPORT": 5,
    "CONCEDE": 4.5,
    "COOPERATE": 9.5,
    "AID": 10,
    "RETREAT": 6.5, ("RETREAT", "withdraw"): 8, ("RETREAT", "release"): 6.5, ("RETREAT", "disarm"): 10,
    ("RETREAT", "ceasefire"): 7.5, ("RETREAT", "access"): 6.5, ("RETREAT", "resign"): 4.5,
    "REQUEST": 0, ("REQUEST", "assist"): 0.5, ("REQUEST", "change"): -1, ("REQUEST", "yield"): -1,
    ("REQUEST", "meet"): 0,
    "ACCUSE": -3, ("ACCUSE", "disapprove"): -2, ("ACCUSE", "investigate"): -3.5, ("ACCUSE", "allege"): -3.5,
    "REJECT": -2, ("REJECT", "assist"): -1.5, ("REJECT", "change"): -2, ("REJECT", "yield"): -2, ("REJECT", "meet"): -2,
    "THREATEN": -3.5, ("THREATEN", "restrict"): -3, ("THREATEN", "arrest"): -3.5, ("THREATEN", "relations"): -3.5,
    ("THREATEN", "expel"): -3.5, ("THREATEN", "territory"): -4, ("THREATEN", "violence"): -3.5,
    "PROTEST": -5, ("PROTEST", "demo"): -5, ("PROTEST", "riot"): -7, ("PROTEST", "strike"): -5,
    ("PROTEST", "hunger"): -4.5, ("PROTEST", "boycott"): -4.5, ("PROTEST", "obstruct"): -4.5,
    "SANCTION": -6, ("SANCTION", "convict"): -6, ("SANCTION", "expel"): -5.5, ("SANCTION", "withdraw"): -6,
    ("SANCTION", "discontinue"): -6,
    "MOBILIZE": -5.5, ("MOBILIZE", "troops"): -6.5, ("MOBILIZE", "weapons"): -6.5, ("MOBILIZE", "police"): -5.5,
    ("MOBILIZE", "militia"): -6,
    "COERCE": -7, ("COERCE", "seize"): -7, ("COERCE", "restrict"): -7, ("COERCE", "censor"): -6.5,
    ("COERCE", "curfew"): -6.5, ("COERCE", "martial-law"): -7.5, ("COERCE", "arrest"): -7, ("COERCE", "deport"): -7,
    ("COERCE", "withhold"): -7, ("COERCE", "misinformation"): -6.5, ("COERCE", "cyber"): -7,
    "ASSAULT": -9, ("ASSAULT", "abduct"): -8.5, ("ASSAULT", "beat"): -7.5, ("ASSAULT", "torture"): -8.5,
    ("ASSAULT", "sexual"): -8.5, ("ASSAULT", "targeted"): -9.5, ("ASSAULT", "destroy"): -8.5,
    ("ASSAULT", "primitive"): -8, ("ASSAULT", "firearms"): -9, ("ASSAULT", "explosives"): -9,
    ("ASSAULT", "suicide-attack"): -9.5, ("ASSAULT", "aerial"): -9.5, ("ASSAULT", "drone"): -9.5,
    ("ASSAULT", "heavy-weapons"): -9.5, ("ASSAULT", "crowd-control"): -7.5, ("ASSAULT", "unconventional"): -10,
}
STANCE_THRESHOLD = 0.3
COUNTED_STATUS = "occurred"
# types that score as cooperation on PLOVER's scale but are de-escalation between opponents, not
# taking sides: one yields to, withdraws from or frees the captives of the other side ("GNA forces
# drove Haftar's troops out", a ceasefire). They make no edge.
NOT_ALIGNMENT = frozenset({"RETREAT", "CONCEDE"})
# acts of backing: co-actors of one whose object is opposite sides are set against each other
BACKING = frozenset({"SUPPORT", "AID", "COOPERATE"})
SIDE_WINDOW = 6  # words after the trigger (before it where the verb comes last) read for those sides
_WORDS = re.compile(r"\w+", re.UNICODE)
PERIODS = ("all", "month", "quarter")
UNDATED = "undated"

# the fields of ``storyline export alliances``, in order
ALLIANCE_FIELDS = ["a", "b", "a_country", "b_country", "period", "score", "stance", "event_ids",
                   "a_name", "b_name", "events", "cooperative", "hostile"]


def event_score(event_type: str | None, mode: str | None = None) -> float | None:
    """PLOVER's scaled score of a type (and mode, when the manual scores it), in −1…1; None for
    a type the manual does not score."""
    if not event_type:
        return None
    key = event_type.upper()
    for m in (mode or "").lower().replace("_", "-").split(","):
        if m.strip() and (key, m.strip()) in PLOVER_SCORES:
            return PLOVER_SCORES[(key, m.strip())] / 10
    return PLOVER_SCORES[key] / 10 if key in PLOVER_SCORES else None


def period_of(date: str | None, period: str) -> str:
    """The period an event date falls in: ``all``, ``YYYY-MM``, ``YYYY-Qn`` or ``undated``."""
    if period == "all":
        return "all"
    m = re.match(r"^(\d{4})-(\d{2})", date or "")
    if not m:
        return UNDATED
    if period == "month":
        return m.group(0)
    return f"{m.group(1)}-Q{(int(m.group(2)) - 1) // 3 + 1}"


def stance_of(score: float, threshold: float = STANCE_THRESHOLD) -> str:
    return "ally" if score >= threshold else "adversary" if score <= -threshold else "mixed"


def _guessed(rec: dict[str, Any]) -> bool:
    """An event only the sentence classifier proposed, in one article: its actors are the
    sentence's nearest names, not read from its grammar, so alone it says nothing of who
    stands with whom (the default timeline hides it too)."""
    ms = rec.get("mentions") or []
    return bool(ms) and all(m.get("basis") == "classifier" for m in ms) and len({m.get("article_id") for m in ms}) < 2


def _own_sector(a: str, b: str) -> bool:
    """Whether one is a country and the other one of its own sectors (TUR and TUR-GOV): no
    relation. Two sectors of one country (LBY-GOV and LBY-MIL) are kept."""
    return (re.fullmatch(r"[A-Z]{3}", a) is not None and b.startswith(a + "-")) or (
        re.fullmatch(r"[A-Z]{3}", b) is not None and a.startswith(b + "-"))


def _pairs(rec: dict[str, Any], score: float) -> set[tuple[str, str, str, float]]:
    """The (a, b, how, score) pairs an event joins, a < b; how: "a→b", "b→a", "a+b" (acting
    together) or "a×b" (backing opposite sides, :func:`_opposite_sides`: the event's score
    turned against the pair)."""
    known = lambda actors: [x["actor_id"] for x in actors if x["actor_id"] != "unknown"]  # noqa: E731
    sources, targets = known(rec["sources"]), known(rec["targets"])
    # only the pairs the reports tell; a target that is only where it happened is in none
    told = _told_pairs(rec.get("mentions") or [])
    out = set()
    for s in sources:
        for t in targets:
            if s != t and not _own_sector(s, t) and (told is None or (actor_family(s), actor_family(t)) in told):
                out.add((s, t, "a→b", score) if s < t else (t, s, "b→a", score))
    if not targets and score > 0:
        # co-actors backing "two opposing camps" back opposite sides: set against each other,
        # as strongly as the backing
        opposed = rec["type"] in BACKING and _opposite_sides(rec)
        for i, s in enumerate(sources):
            for t in sources[i + 1:]:
                if s != t and not _own_sector(s, t) and (
                        told is None or {(actor_family(s), actor_family(t)), (actor_family(t), actor_family(s))} & told):
                    out.add((min(s, t), max(s, t), "a×b", -score) if opposed else (min(s, t), max(s, t), "a+b", score))
    return out


@lru_cache(maxsize=1)
def _side_words() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """Every profile's opposing words and side nouns, those of verb-final languages apart, its
    proclitics and joined articles, and its words that give an opposing word a complement: a
    report's record does not carry its language, and these words are distinct across languages."""
    profs = [languages.profile(code) for code in languages.languages()]
    opposing = tuple(sorted({w.lower() for p in profs for w in p.opposing_words}))
    sides = tuple(sorted({w.lower() for p in profs for w in p.side_nouns}))
    before = tuple(sorted({w.lower() for p in profs if p.word_order == "SOV" for w in p.opposing_words + p.side_nouns}))
    clitics = tuple(sorted({c for p in profs for c in (*p.proclitics, *p.joined_articles)}, key=len, reverse=True))
    complements = frozenset(w.lower() for p in profs for w in p.opposed_complements)
    return opposing, sides, before, clitics, complements


def _cores(word: str, clitics: tuple[str, ...]) -> list[str]:
    """A written word, and the word without a proclitic and a joined article ("والأطراف")."""
    out = [word]
    for _ in range(2):
        for c in clitics:
            if out[-1].startswith(c) and len(out[-1]) - len(c) >= 3:
                out.append(out[-1][len(c):])
                break
    return out


def _opposite_sides(rec: dict[str, Any]) -> bool:
    """Whether a report says that what its co-actors back are opposite sides: a word that makes
    sides opposed right by a noun for a side ("support two opposing camps", "soutiennent des
    camps opposés", "apoyan a bandos enfrentados") among the ``SIDE_WINDOW`` words after the
    trigger, or before it in a verb-final language ("karşıt tarafları destekliyor"), the
    opposing word not taking a complement ("forces opposed to the regime", "forces opposées au
    régime": the same side). The words are the language profiles' ``opposing_words`` and
    ``side_nouns``, matched as word beginnings, and ``opposed_complements``."""
    opposing, sides, before, clitics, complements = _side_words()

    def kind(word: str, verb_final: bool) -> str | None:
        for core in _cores(word, clitics):
            if verb_final and not core.startswith(before):
                continue
            if core.startswith(opposing):
                return "opposing"
            if core.startswith(sides):
                return "side"
        return None

    for m in rec.get("mentions") or ():
        text, trig = m.get("text") or "", m.get("trigger") or {}
        if not text or trig.get("start") is None or m.get("start") is None:
            continue
        at, end = trig["start"] - m["start"], trig["end"] - m["start"]
        after = _WORDS.findall(text[end:].lower())[: SIDE_WINDOW + 1]
        ahead = _WORDS.findall(text[:at].lower())[-SIDE_WINDOW:]
        for words, tail, verb_final in ((after[:SIDE_WINDOW], after[SIDE_WINDOW:], False), (ahead, [], True)):
            kinds = [kind(w, verb_final) for w in words]
            following = words[1:] + tail + [""]
            for i in range(len(words) - 1):
                pair = {kinds[i], kinds[i + 1]}
                opposing_at = i if kinds[i] == "opposing" else i + 1
                if pair == {"opposing", "side"} and following[opposing_at] not in complements:
                    return True
    return False


def _told_pairs(mentions: list[dict[str, Any]]) -> set[tuple[str, str]] | None:
    """The (source, target) pairs the reports themselves tell, a country and its organs as one
    (``link.actor_family``): every pair one report coded from its parse names (a source and a
    target, or two co-sources), and a pair the sentence classifier alone gave (the nearest
    names) only when reports in two articles name it. An event linked from many reports joins
    only pairs some report tells, not every source of one report with every target of another.
    A target that is only the place where it happened (``target_is_place``: "Russian jets
    struck rebels in Syria") makes no pair: Russia is not set against Syria by it. None when
    the record carries no mentions (nothing to check)."""
    if not mentions:
        return None
    ruled: set[tuple[str, str]] = set()
    guessed: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        src = [actor_family(a) for a in m.get("source") or ()]
        tgt = [actor_family(a) for a in m.get("target") or ()] if not m.get("target_is_place") else []
        pairs = {(a, b) for a in src for b in tgt} | {(a, b) for a in src for b in src if a != b}
        if m.get("basis") == "classifier":
            for p in pairs:
                guessed[p].add(m.get("article_id"))
        else:
            ruled |= pairs
    return ruled | {p for p, arts in guessed.items() if len(arts) >= 2}


def _country_of(actor: dict[str, Any]) -> str | None:
    return actor.get("country")


def alliance_edges(
    records: Iterable[dict[str, Any]],
    *,
    period: str = "all",
    countries: bool = False,
    threshold: float = STANCE_THRESHOLD,
) -> list[dict[str, Any]]:
    """The edges of the network from event records (``read.event_records``): one per unordered
    pair of actors (of countries, with ``countries``) and period, strongest first within a
    period, periods in date order (``undated`` last). Each edge: ``a, b`` (ids, a < b),
    ``a_country, b_country, a_name, b_name, period, score, stance, event_ids, events,
    cooperative, hostile`` and ``evidence`` (per event: id, date, type, mode, how, score,
    confidence, and the sentence of its first report)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    names: dict[str, dict[str, Any]] = {}
    acc: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    counted: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # (_told) of each pair's events
    for rec in sorted(records, key=lambda r: (r["date"] or "9999", r["id"])):
        if rec["status"] != COUNTED_STATUS or rec["type"] in NOT_ALIGNMENT or _guessed(rec):
            continue
        score = event_score(rec["type"], rec.get("mode"))
        if score is None:
            continue
        actors = {x["actor_id"]: x for x in rec["sources"] + rec["targets"]}
        if countries:
            rec = dict(rec, sources=_as_countries(rec["sources"]), targets=_as_countries(rec["targets"]))
            actors = {x["actor_id"]: x for x in rec["sources"] + rec["targets"]}
        names.update(actors)
        when = period_of(rec["date"], period)
        first = rec["mentions"][0] if rec["mentions"] else {}
        told = _told(rec)
        for a, b, how, pair_score in _pairs(rec, score):
            if told and told <= counted[(a, b)]:
                continue  # every report of it is a sentence already counted for this pair
            counted[(a, b)] |= told
            acc[(a, b, when)].append({
                "id": rec["id"], "date": rec["date"], "type": rec["type"], "mode": rec.get("mode"), "how": how,
                "score": round(pair_score, 3), "confidence": round(rec["confidence"], 3),
                "sentence": first.get("text"), "outlet": first.get("outlet"),
            })
    edges = []
    for (a, b, when), evs in acc.items():
        weight = sum(e["confidence"] for e in evs) or 1.0
        score = sum(e["confidence"] * e["score"] for e in evs) / weight
        evs.sort(key=lambda e: (e["date"] or "9999", e["id"]))
        edges.append({
            "a": a, "b": b, "a_country": _country_of(names[a]), "b_country": _country_of(names[b]),
            "period": when, "score": round(score, 3), "stance": stance_of(round(score, 3), threshold),
            "event_ids": [e["id"] for e in evs],
            "a_name": names[a].get("name") or a, "b_name": names[b].get("name") or b,
            "events": len(evs), "cooperative": sum(e["score"] > 0 for e in evs),
            "hostile": sum(e["score"] < 0 for e in evs), "evidence": evs,
        })
    edges.sort(key=lambda e: (e["period"] == UNDATED, e["period"], -abs(e["score"]) * e["events"] ** 0.5, e["a"], e["b"]))
    return edges


def _told(rec: dict[str, Any]) -> set[tuple[str, str]]:
    """The reports of an event as (sentence, trigger) texts, spaces normalised. A sentence copied
    word for word onto pages of other days (a site's news digest under every article, a
    background paragraph an outlet reuses) is coded on each page as an event of that page's
    day; for a pair it counts once, with its first event (:func:`alliance_edges`)."""
    return {(" ".join((m.get("text") or "").split()), ((m.get("trigger") or {}).get("text") or ""))
            for m in rec.get("mentions") or () if m.get("text")}


def _as_countries(actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A side's actors rolled up to their countries (an actor with no country drops out)."""
    from .knowledge import load_knowledge

    out, seen = [], set()
    for x in actors:
        c = x.get("country")
        if not c or c in seen:
            continue
        seen.add(c)
        known = load_knowledge().country(c)
        out.append({"actor_id": c, "name": known.name if known else c, "country": c, "sector": None})
    return out


def alliance_records(
    store: Store,
    *,
    period: str = "all",
    countries: bool = False,
    story: str | None = None,
    actor_ids: frozenset[str] | None = None,
    min_events: int = 1,
    threshold: float = STANCE_THRESHOLD,
) -> list[dict[str, Any]]:
    """The edges ``storyline alliances`` shows: from every linked event (or those of the stories
    whose id starts with ``story``), those with at least ``min_events`` events, touching one of
    ``actor_ids`` when given (with ``countries``, an actor's country stands for it)."""
    from .read import event_records

    records = event_records(store)
    if story is not None:
        wanted = {e for s in store.stories(story) for e in s.event_ids}
        records = [r for r in records if r["id"] in wanted]
    edges = alliance_edges(records, period=period, countries=countries, threshold=threshold)
    out = []
    for e in edges:
        if e["events"] < min_events:
            continue
        if actor_ids is not None and not ({e["a"], e["b"]} & actor_ids):
            continue
        out.append(e)
    return out


def export_alliances(store: Store) -> list[dict[str, Any]]:
    """The ``alliances`` export: the overall edges (period ``all``), then the monthly ones."""
    rows = alliance_records(store, period="all") + alliance_records(store, period="month")
    return [{k: e[k] for k in ALLIANCE_FIELDS} for e in rows]


def alliance_nodes(store: Store, edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actors the edges join: id, name, country and kind (``person``, ``org``, ``country``,
    ``igo``, ``group``; a country code or country-sector the corpus never named by itself is a
    ``country`` or a ``group``)."""
    kinds = {a.id: a.kind for a, _, _ in store.actors()}
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        for side in ("a", "b"):
            i = e[side]
            if i not in nodes:
                kind = kinds.get(i) or ("country" if re.fullmatch(r"[A-Z]{3}", i) else "group" if re.fullmatch(r"[A-Z]{3}-\w+", i) else "actor")
                nodes[i] = {"id": i, "name": e[side + "_name"], "country": e[side + "_country"], "kind": kind}
    return sorted(nodes.values(), key=lambda n: n["id"])
