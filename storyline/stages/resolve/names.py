"""Names and the words around them: spelling variants, honorifics, sector words.

Transliterated names vary ("Fayez al-Sarraj", "Fayed el Serraj"): ``variants`` folds the
common alternations and ``skeleton`` keeps a transliteration-tolerant key; both index the
knowledge base's people (``person_index``). Sector words ("foreign ministry", "armed
forces") give a country's sector; an organisation's own words say whether it is an IGO or
an NGO.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from ... import languages
from ...knowledge import STATE_SECTORS, Knowledge, Person, fold
from ...models import Actor

__all__ = [
    "skeleton", "variants", "strip_honorifics", "person_index", "sector_words", "sector_tokens",
    "sector_word_set", "sector_by_word", "sector_of_word", "group_of_word", "sector_in", "org_sector", "known_person",
    "BODY_SECTORS",
]

# the sectors of the state bodies a run of capitals may name without saying whose ("Ministero
# del Lavoro", "Corte Costituzionale": annotate's ``_title_split``, resolve's ``state_body``):
# the state's organs but its military
BODY_SECTORS = STATE_SECTORS - {"MIL"}

# particles inside people's names, whatever the article's language ("Fayez al-Sarraj", "Ursula
# von der Leyen"): a property of names, not of the text around them
_PARTICLES = {"al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "de", "del", "der", "van", "von", "bin", "ben", "ibn", "abu", "la", "le"}
# and the little words a name may write in lower case ("Luiz Inácio Lula da Silva", "Ahmed ould
# Abdallah"): a name written with another lower-case word is no name ("Balle perdue")
NAME_PARTICLES = frozenset(_PARTICLES | {"da", "di", "do", "dos", "das", "du", "des", "della", "dei", "y", "e", "ter",
                                         "ten", "bint", "ould", "ag", "zu", "af", "bou", "ou"})


@functools.lru_cache(maxsize=16)
def _honorifics(lang: str) -> frozenset[str]:
    """The language's titles before a name, folded as names are ("Président" -> "president")."""
    return frozenset(fold(h) for h in languages.profile(lang).honorifics)


def skeleton(name: str) -> str:
    """A transliteration-tolerant key: folded, particles dropped, common spelling
    alternations merged (ou/u, y/i, kh/h, q/k, doubled letters), vowels after the first
    letter of each word dropped. "Fayez el-Sarraj", "Fayed al Serraj" → "fyz srj"/"fyd srj"."""
    out = []
    for tok in fold(name).split():
        if tok in _PARTICLES:
            continue
        t = tok
        for a, b in (("ou", "u"), ("oo", "u"), ("ee", "i"), ("kh", "h"), ("dh", "d"), ("th", "t"),
                     ("ph", "f"), ("q", "k"), ("ck", "k"), ("c", "k"), ("w", "v"), ("y", "i"),
                     ("j", "dj"), ("ddj", "dj"), ("dzh", "dj"), ("zh", "j"), ("sch", "sh")):
            t = t.replace(a, b)
        t = re.sub(r"(.)\1+", r"\1", t)
        t = t[0] + re.sub(r"[aeiou]", "", t[1:]) if t else t
        if t:
            out.append(t)
    return " ".join(out)


def variants(name: str) -> set[str]:
    """Folded spelling variants of a name: with and without particles, -i/-y, ou/u."""
    base = fold(name)
    out = {base}
    toks = base.split()
    no_particles = " ".join(t for t in toks if t not in _PARTICLES)
    if no_particles:
        out.add(no_particles)
    joined = re.sub(r"\b(al|el) (\w)", r"al\2", base)
    out.add(joined)
    for v in list(out):
        out.add(v.replace("ou", "u"))
        out.add(re.sub(r"y\b", "i", v))
        out.add(re.sub(r"i\b", "y", v))
        out.add(re.sub(r"(.)\1", r"\1", v))
    return {v for v in out if v}


def strip_honorifics(surface: str, lang: str = languages.DEFAULT) -> str:
    """The name without the titles before it ("President Erdoğan" -> "Erdoğan")."""
    honorifics = _honorifics(languages.primary(lang))
    toks = surface.split()
    while len(toks) > 1 and fold(toks[0]) in honorifics:
        toks = toks[1:]
    return " ".join(toks)


@functools.lru_cache(maxsize=2)
def person_index(kb: Knowledge) -> tuple[dict[str, list[Person]], dict[str, list[Person]], list[str], list[Person]]:
    """Variant and skeleton indexes over people's names, and a list for fuzzy search. People
    from derived dictionaries (``kb.derived``: tens of thousands, with their spellings listed)
    get the variant index only (particles, ou/u, -i/-y, doubled letters): skeletons and fuzzy
    search over so many names would cost time and match strangers."""
    by_variant: dict[str, list[Person]] = {}
    by_skeleton: dict[str, list[Person]] = {}
    names: list[str] = []
    owners: list[Person] = []
    for p in kb.people.values():
        derived = p.id in kb.derived
        for n in (p.name, *p.aliases):
            for v in variants(n):
                bucket = by_variant.setdefault(v, [])
                if p not in bucket:
                    bucket.append(p)
            if derived:
                continue
            sk = skeleton(n)
            if sk:
                bucket = by_skeleton.setdefault(sk, [])
                if p not in bucket:
                    bucket.append(p)
            names.append(fold(n))
            owners.append(p)
    return by_variant, by_skeleton, names, owners


@functools.lru_cache(maxsize=16)
def sector_words(kb: Knowledge, lang: str | None = None) -> tuple[tuple[str, str], ...]:
    """(folded sector word, sector code), longest first; with ``lang``, that language's own
    sector words too ("ejército", "الجيش")."""
    pairs = {(fold(w), code) for code, sec in kb.sectors.items() for w in sec.words if fold(w)}
    if lang and kb.local is not None:
        pairs |= set(kb.local.sector_words.get(languages.profile(lang).code, {}).items())
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p)))


@functools.lru_cache(maxsize=32)
def sector_by_word(kb: Knowledge, agents: bool = False, lang: str | None = None) -> tuple[dict[str, str], int]:
    """Folded sector word -> its sector (the first in ``sector_words`` order), and the most
    words a sector word has: a lookup, not a scan. With ``agents``, the role words of derived
    dictionaries too ("farmers", "villagers"), ours winning on a clash: they name a country's
    people after its adjective ("Iraqi farmers"), and are too loose for names of bodies
    ("European Community" is not civilians). With ``lang``, that language's own words too."""
    out: dict[str, str] = {}
    for w, code in sector_words(kb, lang):
        out.setdefault(w, code)
    if agents:
        for code, sec in sorted(kb.sectors.items()):
            for w in sec.agents:
                out.setdefault(fold(w), code)
        out.pop("", None)
    return out, max((w.count(" ") + 1 for w in out), default=1)


def sector_of_word(kb: Knowledge, *words: str, lang: str | None = None) -> str | None:
    """The sector of a noun after a country's adjective (agents included): of the longest of
    ``words`` that is a sector word."""
    table, _ = sector_by_word(kb, True, lang)
    folded = [fold(w) for w in words]  # the table is folded, as sector_in reads it ("armée" → "armee")
    found = [(-len(w), w, table[w]) for w in folded if w in table]
    return min(found)[2] if found else None


def group_of_word(kb: Knowledge, *words: str, lang: str | None = None) -> str | None:
    """The sector of the people a group's word names ("rebel", "opposition", "civilian": REB,
    OPP, CVL), by ``sector_of_word``; None for a state's own organ ("military", "government":
    ``STATE_SECTORS``), which says what kind of thing ("a military target"), not whose."""
    sector = sector_of_word(kb, *words, lang=lang)
    return None if sector in STATE_SECTORS else sector


def sector_in(kb: Knowledge, text: str, *, agents: bool = False, lang: str | None = None) -> str | None:
    """The sector a phrase names by its longest sector word ("Foreign Ministry" → GOV)."""
    table, longest = sector_by_word(kb, agents, lang)
    toks = fold(text).split()
    found = []
    for i in range(len(toks)):
        for n in range(1, min(longest, len(toks) - i) + 1):
            w = " ".join(toks[i : i + n])
            if w in table:
                found.append((-len(w), w, table[w]))
    return min(found)[2] if found else None


@functools.lru_cache(maxsize=16)
def sector_tokens(kb: Knowledge, lang: str | None = None) -> frozenset[str]:
    """Every word of every sector word, agents included ("foreign", "ministry", "farmers", …)."""
    return frozenset(t for w in sector_by_word(kb, True, lang)[0] for t in w.split()) | {"private", "security", "senior", "top"}


@functools.lru_cache(maxsize=16)
def sector_word_set(kb: Knowledge, lang: str | None = None) -> frozenset[str]:
    """Every sector word, agents included, folded."""
    return frozenset(sector_by_word(kb, True, lang)[0])


_IGO_WORDS = re.compile(r"\b(organi[sz]ation|union|league|community|council|cooperation|nations|agency|commission|bank|fund|court|tribunal|alliance|forum|conference)\b", re.I)
_NGO_WORDS = re.compile(r"\b(association|foundation|committee|watch|society|federation|institute|centre|center|network|movement|trust|charity|amnesty|red cross|red crescent|doctors|médecins|ONG|NGO)\b", re.I)


def org_sector(name: str, national: bool) -> str | None:
    """An organisation only the text knows: international bodies by their name's words
    ("… Economic Cooperation", "… Union") are IGO, associations and foundations NGO."""
    if _NGO_WORDS.search(name):
        return "NGO"
    if not national and _IGO_WORDS.search(name):
        return "IGO"
    return None


def known_person(p: Person, when: date | None = None) -> Actor:
    """A person the knowledge base knows, as an actor. At a known date the actor is what the
    person was then: the role held that day (Yeltsin in 1995: RUS GOV), else only their
    country (Yeltsin in 1985: RUS, no sector). With no date, the role held longest (Shoigu:
    MIL, Sisi: GOV). Offices of state come before party and business posts (Erdoğan is GOV,
    not POL). An international post (no country: UN, AU, …) makes the actor the body's, an
    IGO, not the holder's nationality."""
    roles = [r for r in p.roles if r.valid_at(when)] if when is not None else list(p.roles)
    role = max(roles, key=lambda r: (r.sector not in {"POL", "BUS", "MED"}, _tenure_days(r))) if roles else None
    international = role is not None and role.country is None and role.sector == "IGO"
    return Actor(
        id=f"person:{p.id}", name=p.name, kind="person",
        country=None if international else (role.country if role and role.country else p.country),
        sector=role.sector if role else None,
    )


def _tenure_days(role: object) -> int:
    start = getattr(role, "start")
    end = getattr(role, "end") or date.today()
    return (end - start).days
