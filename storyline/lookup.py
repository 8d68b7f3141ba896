"""What a user types, matched against the actors and places of a corpus.

``storyline search sarraj`` and ``storyline timeline --actor sarraj`` both need the actors
a name stands for, whatever its spelling: the name the corpus gives the actor, every spelling
seen in its articles, and every name, alias and acronym the knowledge base has for it.
Matching is accent- and case-insensitive (``knowledge.fold``):

- any actor or place matches its whole name, a known alias or acronym, or the whole of the
  words an article used for it ("Government of National Accord", "GNA"; "Jufra" for
  "Al-Jufra": a leading al-/el- may be left out);
- a person also matches part of a name or known alias ("sarraj", "fayez sarraj"), and a single
  word of four letters or more matches a name word spelled another way ("Seraj": the same
  transliteration skeleton as the resolver uses, and most of the letters) when no actor has
  the name as written; particles (al, el, bin, von, …) never alone;
- a place also matches the first word of its canonical name, in any such spelling ("jufra",
  "joufra" for "Al-Jufra air base"; not "base").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .knowledge import Knowledge, fold, load_knowledge
from .stages.resolve.names import _PARTICLES, skeleton
from .store import Store

__all__ = ["Named", "words_of", "actors_named", "places_named", "country_named"]


@dataclass(frozen=True, slots=True)
class Named:
    """An actor or place a user's words matched: its id, name, kind, and the spelling that matched."""

    id: str
    name: str
    kind: str
    via: str  # the name, alias or spelling the words matched


def words_of(text: str) -> tuple[str, ...]:
    """The folded words of a name or query ("Erdoğan's" -> ("erdogans",), "al-Jufra" -> ("al", "jufra"))."""
    return tuple(fold(text).split())


def _knowledge_names(kb: Knowledge, entity_id: str) -> tuple[str, ...]:
    kind, _, key = entity_id.partition(":")
    if kind == "person" and key in kb.people:
        p = kb.people[key]
        return (p.name, *p.aliases)
    if kind == "org" and key in kb.organizations:
        o = kb.organizations[key]
        return (o.name, *o.aliases, *o.acronyms)
    if kind == "place" and key in kb.places:
        pl = kb.places[key]
        return (pl.name, *pl.aliases)
    if not key and len(entity_id) == 3 and entity_id.isupper():
        c = kb.country(entity_id)
        if c is not None:
            return tuple(n for n in (c.name, c.official_name, *c.aliases) if n)
    return ()


def _bare(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A name without a leading article ("al jufra" -> "jufra")."""
    return tokens[1:] if len(tokens) > 1 and tokens[0] in _PARTICLES else tokens


def _same(query: tuple[str, ...], name: tuple[str, ...], prefix: bool) -> bool:
    if len(query) != len(name):
        return False
    if prefix:
        return query[:-1] == name[:-1] and name[-1].startswith(query[-1])
    return query == name


def _part_of(query: tuple[str, ...], name: tuple[str, ...], prefix: bool) -> bool:
    """Whether the words run, in order, inside a person's name (not particles alone)."""
    if all(q in _PARTICLES for q in query):
        return False
    n = len(query)
    return any(_same(query, name[i : i + n], prefix) for i in range(len(name) - n + 1))


def _sounds_like(query: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """One word spelled another way: the same skeleton as a word of the name, and most of its
    letters ("seraj" ~ "sarraj"; not "turkey" ~ "turco")."""
    if len(query) != 1 or len(query[0]) < 4 or query[0] in _PARTICLES:
        return False
    from rapidfuzz import fuzz

    key = skeleton(query[0])
    return len(key) >= 3 and any(
        t not in _PARTICLES and skeleton(t) == key and fuzz.ratio(query[0], t) >= 70 for t in name
    )


EXACT, SOUNDS_LIKE = 0, 1  # how a name matched: as written (accents and case aside), or spelled another way


def _match(
    query: tuple[str, ...], names: Iterable[str], seen: Iterable[str] = (), *, person: bool = False, place: bool = False,
    prefix: bool = False,
) -> tuple[int, str] | None:
    """How and which of the names (canonical and known ones; ``seen``: the words articles used,
    which may be a description such as "the Turkish president" and so match only whole) the
    words match, or None."""
    if not query:
        return None
    folded = [(n, words_of(n)) for n in names if n]
    for n, toks in folded + [(n, words_of(n)) for n in seen if n]:  # a whole name first, then part of one, then a spelling
        if _same(query, toks, prefix) or _same(query, _bare(toks), prefix):
            return EXACT, n
    if person:
        for n, toks in folded:
            if _part_of(query, toks, prefix):
                return EXACT, n
        if not prefix:
            for n, toks in folded:
                if _sounds_like(query, toks):
                    return SOUNDS_LIKE, n
    elif place and not prefix and folded:  # "jufra" for "Al-Jufra air base": its name's own word
        n, toks = folded[0]
        own = tuple(t for t in toks if t not in _PARTICLES)[:1]
        if own and query == own:
            return EXACT, n
        if own and _sounds_like(query, own):
            return SOUNDS_LIKE, n
    return None


def _best(found: list[tuple[int, Named]]) -> list[Named]:
    """The names matched as written; only when there are none, those spelled another way."""
    tier = min((t for t, _ in found), default=EXACT)
    return [n for t, n in found if t == tier]


def actors_named(
    store: Store, words: tuple[str, ...], *, prefix: bool = False, kb: Knowledge | None = None,
    rows: list[tuple[Any, int, list[str]]] | None = None,
) -> list[Named]:
    """The actors of the corpus (with at least one mention) that ``words`` (folded, see
    :func:`words_of`) name, most mentioned first; ``prefix``: the last word may be the start of
    one. A name spelled another way counts only when no actor has the name as written.
    ``rows``: ``store.actors()`` when the caller has it already."""
    kb = kb or load_knowledge()
    found = []
    for actor, _n, forms in rows if rows is not None else store.actors():
        got = _match(words, (actor.name, *_knowledge_names(kb, actor.id)), forms, person=actor.kind == "person", prefix=prefix)
        if got is not None:
            found.append((got[0], Named(actor.id, actor.name, actor.kind, got[1])))
    return _best(found)


def places_named(
    store: Store, words: tuple[str, ...], *, prefix: bool = False, kb: Knowledge | None = None,
    rows: list[tuple[Any, int, list[str]]] | None = None,
) -> list[Named]:
    """The places of the corpus that ``words`` name, as :func:`actors_named`."""
    kb = kb or load_knowledge()
    found = []
    for place, _n, forms in rows if rows is not None else store.places():
        got = _match(words, (place.name, *_knowledge_names(kb, place.id)), forms, place=True, prefix=prefix)
        if got is not None:
            found.append((got[0], Named(place.id, place.name, "place", got[1])))
    return _best(found)


def country_named(text: str, kb: Knowledge | None = None) -> str | None:
    """The ISO-3 code of a country given by its code ("TUR", "tr") or any of its names,
    aliases or demonyms ("Turkey", "Türkiye", "Turkish"); None when none fits."""
    kb = kb or load_knowledge()
    word = text.strip()
    if len(word) == 3 and word.isalpha() and kb.country(word.upper()) is not None:
        return word.upper()
    if len(word) == 2 and word.isalpha():
        for c in kb.countries.values():
            if c.iso2.upper() == word.upper():
                return c.iso3
    c = kb.country_by_name(word)
    if c is not None:
        return c.iso3
    key = words_of(word)
    for c in kb.countries.values():
        if any(words_of(n) == key for n in (c.name, c.official_name, *c.aliases, *c.demonyms) if n):
            return c.iso3
    return None
