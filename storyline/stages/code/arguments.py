"""Arguments: who did it to whom — the resolve stage's mentions under a trigger's arguments.

An argument token (a subject, an object, the object of "with/to/against") stands for the
actor mentions that cover it or its conjuncts; else for those in its phrase, without its
other prepositional phrases ("the situation in Libya" is not an actor); a pronoun for the
last fitting actor before it; "his country" for that person's country; "the two countries"
for the two the article has talked about most; "Israeli troops" for ISR-MIL.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Any

from ... import languages
from ...knowledge import load_knowledge
from ...models import Actor, Annotation, Article, Mention, Resolution
from ..annotate.candidates import compound_actors
from ..resolve import _sector_words

__all__ = ["SUBJ", "SUBJ_PASS", "OBJ", "Arguments", "prep_objects", "target_preps", "unique"]

SUBJ = {"nsubj", "csubj", "expl"}
SUBJ_PASS = {"nsubjpass", "nsubj:pass"}
OBJ = {"dobj", "obj", "iobj", "dative"}


class Arguments:
    """The actor and place mentions of one article, indexed for finding a trigger's arguments."""

    def __init__(self, article: Article, ann: Annotation, res: Resolution) -> None:
        self.article = article
        self.ann = ann
        self.res = res
        self.lang = languages.primary(article.language or languages.DEFAULT)
        self.actor_mentions = sorted((m for m in res.mentions if m.kind == "actor"), key=lambda m: m.start)
        self.place_mentions = sorted((m for m in res.mentions if m.kind == "place"), key=lambda m: m.start)
        self.actors = {a.id: a for a in res.actors}
        self.res_places = {p.id: p for p in res.places}
        self.starts = [m.start for m in self.actor_mentions]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.actor_mentions) and self.actor_mentions[i].start < end:
            m = self.actor_mentions[i]
            if m.end <= end:
                out.append(m)
            i += 1
        return out

    def actors_of(self, tok: Any, offset: int) -> list[Mention]:
        """Actor mentions an argument token stands for: the mention covering the token or its
        conjuncts; else mentions in its subtree, without those inside its prepositional phrases
        ("the situation in Libya" is not an actor)."""
        heads = [tok] + [c for c in tok.conjuncts if c.i > tok.i]
        found: list[Mention] = []
        for h in heads:
            cover = self.mentions_in(offset + h.idx, offset + h.idx + len(h.text))
            cover = cover or [m for m in self.actor_mentions if m.start <= offset + h.idx < m.end]
            if cover:
                found.extend(cover)
                continue
            if h.pos_ == "PRON":
                found.extend(self.pronoun(h, offset))
                continue
            whose = next((c for c in h.children if c.lower_ == "whose"), None)
            if whose is not None:
                # "Turkey and Russia, whose leaders launched an initiative": the antecedent
                t = h
                while t.dep_ != "relcl" and t.head.i != t.i:
                    t = t.head
                if t.dep_ == "relcl":
                    ante = t.head
                    while ante.dep_ == "conj" and ante.head.i != ante.i:
                        ante = ante.head  # "Turkey and Russia, whose leaders": both of them
                    found.extend(self.actors_of(ante, offset))
                    continue
            if h.lemma_.lower() in languages.profile(self.lang).home_nouns:
                # "his country", "son pays": the country of the person the pronoun stands for
                poss = [c for c in h.children if c.dep_ in ("poss", "nmod:poss", "det:poss") and c.pos_ in ("PRON", "DET")]
                person = self.pronoun(poss[0], offset) if poss else []
                home = self.actors.get(person[0].entity_id) if person else None
                if home is not None and home.country:
                    found.append(Mention(self.article.id, offset + h.idx - len(poss[0].text) - 1, offset + h.idx + len(h.text),
                                         h.text, "actor", home.country, 0, "possessive"))
                    continue
            # the phrase and its "of" complement ("the blockade of Serbia"), not its other
            # prepositional phrases or clauses ("the situation in Libya" is not an actor) — but a
            # said thing keeps its author ("an offer from Afghanistan", "calls by Kofi Annan")
            keep = ("of", "de", "du", "des") + (("from", "by", "par") if h.lemma_.lower() in languages.profile(self.lang).authored_nouns else ())
            span_words = [t for t in h.subtree if not any(
                a.dep_ in ("prep", "relcl", "acl", "nmod") and a.lower_ not in keep
                and a.i != h.i and a.head.i == h.i and t in a.subtree for a in h.children)]
            if span_words:
                lo = min(t.idx for t in span_words) + offset
                hi = max(t.idx + len(t.text) for t in span_words) + offset
                inner = self.mentions_in(lo, hi)
                if not inner:
                    # "his Turkish counterpart, Mevlut Cavusoglu": the apposition names him
                    for c in h.children:
                        if c.dep_ == "appos":
                            inner = self.actors_of(c, offset)
                            break
                found.extend(self.prefer_people(inner))
            text = self.article.text[offset + h.left_edge.idx : offset + h.right_edge.idx + len(h.right_edge.text)]
            if not found and compound_actors(self.lang).search(text):
                # "the two Libyan warring sides": both are Libyan; "the two countries": the two
                # countries the article has talked about most
                inside = [m for m in self.res.mentions if offset + h.left_edge.idx <= m.start < offset + h.idx + len(h.text)]
                country = next((self.actors[m.entity_id] for m in inside if m.entity_id in self.actors and self.actors[m.entity_id].kind in {"country", "group"}), None)
                if country is None:
                    kb = load_knowledge()
                    for w in re.findall(r"[^\W\d_]+", text):
                        c = kb.country_by_name(w)
                        if c and w[:1].isupper():
                            country = Actor(c.iso3, c.name, "country", c.iso3)
                            break
                if country is not None:
                    found.append(Mention(self.article.id, offset + h.left_edge.idx, offset + h.idx + len(h.text),
                                         text, "actor", country.country or country.id, 0, "compound"))
                else:
                    found.extend(self.two_parties(offset + h.idx))
        # "ethnic Albanians in Serbia" are coded by where they live (PLOVER/ICEWS), not as Albania
        text = self.article.text
        found = [m for m in found if not text[max(0, m.start - 12) : m.start].rstrip().lower().endswith(("ethnic", "ethnique", "ethniques"))]
        if not found:
            found.extend(self.country_in_phrase(tok, offset))
        return unique(found)

    def country_of(self, actor_id: str) -> str:
        """The country an actor id belongs to (its record's, else the id's ISO-3 prefix)."""
        a = self.actors.get(actor_id)
        if a is not None and a.country:
            return a.country
        return actor_id.split("-", 1)[0] if actor_id[:3].isupper() else actor_id

    def country_in_phrase(self, tok: Any, offset: int) -> list[Mention]:
        """An argument no actor mention covers, but whose words name a country: "Israeli troops"
        → ISR-MIL, "thousands of Nigerians" → NGA, "demonstrators in Baghdad" → IRQ,
        "Vietnamese-led forces" → VNM-MIL. The head noun's sector words give the sector."""
        kb = load_knowledge()
        words = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl") and t.i - tok.i < 8]
        found: list[Any] = []
        for t in words:
            if t.i > 0 and t.doc[t.i - 1].lower_ in ("ethnic", "ethnique", "ethniques"):
                continue  # "ethnic Albanians in Serbia" are coded by where they live, below
            for piece in re.split(r"[-–]", t.text):
                c = kb.country_by_name(piece.removesuffix("'s").removesuffix("’s"))
                if c and len(piece) > 2 and piece[:1].isupper() and c not in found:
                    found.append(c)
        country = found[0] if found else None
        if country is None:  # a place in the phrase: "demonstrators in Baghdad"
            lo, hi = offset + tok.left_edge.idx, offset + tok.right_edge.idx + len(tok.right_edge.text)
            for m in self.place_mentions:
                if lo <= m.start < hi:
                    place = self.res_places.get(m.entity_id)
                    if place is not None and place.country:
                        country = kb.country(place.country)
                        break
        if country is None:
            return []
        head = tok.lemma_.lower()
        sector = next((code for word, code in _sector_words(kb) if word == head or word == tok.lower_), None)
        span = (offset + tok.left_edge.idx, offset + tok.right_edge.idx + len(tok.right_edge.text))
        # "the Russian and Turkish ministers": one actor per country
        return [
            Mention(self.article.id, span[0], span[1], tok.text, "actor", f"{c.iso3}-{sector}" if sector else c.iso3, 0, "phrase")
            for c in (found or [country])
        ]

    @staticmethod
    def prefer_people(ms: list[Mention]) -> list[Mention]:
        """Inside one argument, a named person outranks the country in their title."""
        persons = [m for m in ms if m.entity_id.startswith(("person:", "new:"))]
        return persons or ms[:3]

    def pronoun(self, tok: Any, offset: int) -> list[Mention]:
        """he/she/it/they: the last actor mentioned before the sentence, of a fitting kind."""
        word = tok.lower_
        personal = word in {"he", "she", "him", "her", "his", "il", "elle", "lui"}
        before = [m for m in self.actor_mentions if m.end <= offset + tok.idx]
        for m in reversed(before):
            a = self.actors.get(m.entity_id)
            kind = a.kind if a else ""
            if personal and kind == "person" or not personal and kind != "person":
                return [m]
        return []

    def two_parties(self, pos: int) -> list[Mention]:
        """"the two countries": the two countries (or groups) most mentioned so far."""
        counts: dict[str, int] = {}
        first: dict[str, Mention] = {}
        for m in self.actor_mentions:
            if m.start >= pos:
                break
            a = self.actors.get(m.entity_id)
            if a and a.kind in {"country", "group"}:
                key = a.country or a.id
                counts[key] = counts.get(key, 0) + 1
                first.setdefault(key, m)
        top = sorted(counts, key=lambda k: -counts[k])[:2]
        return [first[k] for k in top] if len(top) == 2 else []


    def subject(self, verb: Any, offset: int) -> list[Mention]:
        """The verb's subject, or the subject it shares with the verb it depends on
        ("agreed to set up", "met and agreed", "… said, adding that it would withdraw")."""
        seen = 0
        while verb is not None and seen < 4:
            for c in verb.children:
                if c.dep_ in SUBJ:
                    return self.actors_of(c, offset)
            if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
                verb = verb.head.head  # "resorted to throwing stones": the subject of "resorted"
                seen += 1
                continue
            if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl", "relcl") and verb.head.i != verb.i:
                if verb.dep_ in ("acl", "relcl"):
                    return self.actors_of(verb.head, offset)
                verb = verb.head
                seen += 1
                continue
            break
        return []


def prep_objects(c: Any) -> Iterable[tuple[str, Any]]:
    """(preposition, object) pairs under a prep (English) or an obl/nmod with a case child (French)."""
    if c.dep_ == "prep":
        for g in c.children:
            if g.dep_ in ("pobj", "pcomp"):
                yield c.lower_, g
    elif c.dep_ in ("obl", "nmod", "obl:arg", "obl:mod"):
        case = [g.lower_ for g in c.children if g.dep_ == "case"]
        if case:
            yield case[0], c


def target_preps(trig: Any, lang: str) -> set[str]:
    """The prepositions that introduce a target for this trigger (its own, else the language's)."""
    given = trig.args.target_preps
    return set(given) if given else set(languages.profile(lang).target_prepositions)


def unique(ms: list[Mention]) -> list[Mention]:
    """The mentions, one per entity, in order."""
    seen, out = set(), []
    for m in ms:
        if m.entity_id not in seen:
            seen.add(m.entity_id)
            out.append(m)
    return out

