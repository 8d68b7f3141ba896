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
from collections.abc import Callable, Iterable
from typing import Any

from ... import languages
from ...languages import forms
from ...knowledge import load_knowledge
from ...models import Actor, Annotation, Article, Mention, Resolution
from ..annotate.candidates import compound_actors
from ..resolve.names import group_of_word, sector_of_word
from .lexicon import COOPERATIVE, DOMESTIC, HOSTILE, PLACE_IS_TARGET, SUBJ_PASS, lexicon

__all__ = ["SUBJ", "SUBJ_PASS", "OBJ", "RELCL", "NOUN_CLAUSE", "Arguments", "aside_spans", "prep_objects", "target_preps", "unique", "victim_spans"]

SUBJ = {"nsubj", "csubj", "expl"}
OBJ = {"dobj", "obj", "iobj", "dative"}
# a relative clause (English "relcl", Universal Dependencies "acl:relcl": "qui a attaqué")
RELCL = frozenset({"relcl", "acl:relcl"})
# a clause on a noun: a relative clause or a participle's ("the rebels, backed by Iran,")
NOUN_CLAUSE = RELCL | {"acl"}
# the clauses an act's subject is looked for above (``subject``)
_UPPER_CLAUSE = NOUN_CLAUSE | {"xcomp", "conj", "advcl", "ccomp"}
# the conjunctions of a condition, whose clause names who must act ("unless Israel rescinded")
CONDITIONS = {"unless", "if", "until", "sauf", "si"}
# acts whose noun's "of" phrase names the one done to ("the blockade of Serbia", "the arrest
# of X", "the condemnation of X"), not a party to it as "the meeting of the ministers" does
PATIENT_NOUN_TYPES = {"ASSAULT", "COERCE", "SANCTION", "ACCUSE"}


# (of_trigger) the event types whose noun, carried by no verb, gets no source guessed from the
# names before it
UNGUESSED_NOUNS = frozenset({"PROTEST"})
# acts done by saying: the "from" or "by" of their noun is who says it ("a warning from Tehran",
# "received threats from the cartel"), where of other acts it may be a place ("rockets from Gaza")
SAID = frozenset({"THREATEN", "ACCUSE", "REQUEST"})


# (Arguments._channel) how many words before a news outlet a reporting cue may stand, in its clause
CHANNEL_WORDS = 2
_CHANNEL_BREAK = re.compile(r"[,;:.!?()\[\]«»\"“”]")


class Arguments:
    """The actor and place mentions of one article, indexed for finding a trigger's arguments."""

    def __init__(self, article: Article, ann: Annotation, res: Resolution) -> None:
        self.article = article
        self.ann = ann
        self.res = res
        self.lang = languages.primary(article.language or languages.DEFAULT)
        # the agency of a wire dateline ("ANKARA (ADW) - Erdogan warned …") is no party to the report
        self.datelines = [(s0, end) for s0, s1 in ann.sentences if (end := forms.dateline_end(article.text, s0, s1)) > s0]
        self.actors = {a.id: a for a in res.actors}
        # a news outlet the sentence names as the channel of its report ("a déclaré à l'AFP",
        # "selon un correspondant de l'AFP", "rapporte le Guardian") tells of the act, it takes no part in it
        named = [m for m in res.mentions if m.kind == "actor" and not _unit(article.text, m) and not self.in_dateline(m.start)]
        self.channels = [m for m in named if self._channel(m)]
        self.actor_mentions = sorted((m for m in named if m not in self.channels), key=lambda m: m.start)
        # the sentences that name someone, a channel too: its report may tell an act of no one named
        self.named_sentences = {m.sentence for m in named}
        self.place_mentions = sorted((m for m in res.mentions if m.kind == "place"), key=lambda m: m.start)
        self.res_places = {p.id: p for p in res.places}
        self.starts = [m.start for m in self.actor_mentions]
        # a parsed sentence's victims and mediators, read once per sentence, not once per trigger
        self._scans: dict[tuple[str, int, int], tuple[Any, Any]] = {}

    def victims(self, doc: Any, offset: int) -> list[tuple[int, int]]:
        """:func:`victim_spans` of a parsed sentence (starting at ``offset``), read once."""
        return self._scan("victims", doc, offset, lambda: victim_spans(doc, offset, self.lang))

    def mediators(self, doc: Any) -> list[Any]:
        """:func:`mediator_phrases` of a parsed sentence, read once."""
        return self._scan("mediators", doc, 0, lambda: mediator_phrases(doc, self.lang))

    def _scan(self, what: str, doc: Any, offset: int, read: Callable[[], Any]) -> Any:
        key = (what, id(doc), offset)
        got = self._scans.get(key)
        if got is None or got[0] is not doc:  # the doc itself is kept, so its id is no other's
            got = self._scans[key] = (doc, read())
        return got[1]

    def _channel(self, m: Mention) -> bool:
        """Whether the mention is a news outlet (sector MED) the sentence names only as the
        channel of its report: after an attribution preposition ("selon un correspondant de
        l'AFP"), a reporting verb or a press word ("a déclaré à l'AFP", "cité par le Guardian",
        "told Reuters", "un entretien à l'AFP") at most ``CHANNEL_WORDS`` words before it in its
        clause, or before a reporting verb a few words after it ("Reuters reported", "l'agence
        Sana a annoncé"). A medium's people (``press_people``) alone are no cue: "arrested two
        AFP journalists" is done to them. An outlet an act is done to ("hackers attacked the New York Times") stays."""
        actor = self.actors.get(m.entity_id)
        if actor is None or actor.sector != "MED":
            return False
        prof = languages.profile(self.lang)
        cues = prof.press_words | prof.reporting_verbs | prof.attribution_prepositions
        if not cues:
            return False
        text = self.article.text
        s = next((a for a, b in self.ann.sentences if a <= m.start < b), max(0, m.start - 80))
        before = _CHANNEL_BREAK.split(text[max(s, m.start - 80) : m.start])[-1].lower().replace("’", "'")
        # "selon un des correspondants sur place de l'AFP": the medium's people and the words
        # tying them to it do not count towards the distance
        skip = prof.press_people | prof.genitive_prepositions | frozenset(prof.determiners) | {"un", "une", "a", "an", "uno", "d", "l"}
        words = [w for w in re.findall(r"[^\W\d_]+", before) if w not in skip]
        if any(w in cues for w in words[-CHANNEL_WORDS:]) or "d'après" in before:
            return True
        # "Reuters reported", "l'agence Sana a annoncé"; a medium's people ("two Reuters
        # journalists") may be those the act is done to, so they are no cue here
        after = _CHANNEL_BREAK.split(text[m.end : m.end + 50])[0].lower()
        return any(w in prof.reporting_verbs for w in re.findall(r"[^\W\d_]+", after)[:3])

    def in_dateline(self, at: int) -> bool:
        """Whether a character is in a wire dateline that opens its sentence ("ANKARA (ADW) - ")."""
        return any(s0 <= at < end for s0, end in self.datelines)

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
                # "the Russian and Turkish foreign ministers": coordinated country words before
                # the noun are each a party
                for t in h.children:
                    if t.dep_ in ("amod", "compound") and t.conjuncts:
                        for x in (t, *t.conjuncts):
                            found.extend(self.mentions_in(offset + x.idx, offset + x.idx + len(x.text)))
                continue
            parallel = _parallel_object(h)
            if parallel is not None:
                # "convicted the militant and sentenced him": the same one, not the last name before
                found.extend(self.actors_of(parallel, offset))
                continue
            if h.pos_ == "PRON":
                found.extend(self.pronoun(h, offset))
                continue
            if h.pos_ == "PROPN" and h.dep_ not in SUBJ and self._place_word(h, offset):
                # a place names no one else in its phrase ("pulling its ships out of Cyprus,
                # the defence secretary said": the secretary is no apposition of Cyprus);
                # not as a subject, where a dateline stands before the doer ("NAIROBI,
                # Kenya -- A court has charged …")
                found.extend(self._place_country(h, offset))
                continue
            ante = _whose_antecedent(h)
            if ante is not None:
                found.extend(self.actors_of(ante, offset))
                continue
            home = self._home_country(h, offset)
            if home is not None:
                found.append(home)
                continue
            found.extend(self._in_phrase(h, offset))
            if not found:
                found.extend(self._compound(h, offset))
        # "ethnic Albanians in Serbia" are coded by where they live (PLOVER/ICEWS), not as Albania
        text = self.article.text
        found = [m for m in found if not text[max(0, m.start - 12) : m.start].rstrip().lower().endswith(("ethnic", "ethnique", "ethniques"))]
        if not found:
            found.extend(self.country_in_phrase(tok, offset))
        return unique(found)

    def _home_country(self, h: Any, offset: int) -> Mention | None:
        """"his country", "son pays": the country of the person the pronoun stands for."""
        if h.lemma_.lower() not in languages.profile(self.lang).home_nouns:
            return None
        poss = [c for c in h.children if c.dep_ in ("poss", "nmod:poss", "det:poss") and c.pos_ in ("PRON", "DET")]
        person = self.pronoun(poss[0], offset) if poss else []
        home = self.actors.get(person[0].entity_id) if person else None
        if home is None or not home.country:
            return None
        return Mention(self.article.id, offset + h.idx - len(poss[0].text) - 1, offset + h.idx + len(h.text),
                       h.text, "actor", home.country, 0, "possessive")

    def _in_phrase(self, h: Any, offset: int) -> list[Mention]:
        """The mentions in the phrase ``h`` heads and its "of" complement ("the blockade of
        Serbia"), not in its other prepositional phrases or clauses ("the situation in Libya" is
        not an actor) — but a said thing keeps its author ("an offer from Afghanistan", "calls
        by Kofi Annan"); with none, the person an apposition names."""
        prof = languages.profile(self.lang)
        keep = prof.genitive_prepositions | (prof.author_prepositions if h.lemma_.lower() in prof.authored_nouns else frozenset())
        agents = _participle_agents(h)
        # nor a relative clause further down ("in parts of the province, where troops are
        # battling militants loyal to X": X is no part of the province)
        clauses = [t for t in h.subtree if t.dep_ in RELCL and t.i != h.i]
        span_words = [t for t in h.subtree if t.i not in agents and not any(
            a.dep_.split(":")[0] in ("prep", "relcl", "acl", "nmod") and _phrase_preposition(a) not in keep
            and a.i != h.i and a.head.i == h.i and t in a.subtree for a in h.children)
            and not any(t in c.subtree for c in clauses)]
        if not span_words:
            return []
        lo = min(t.idx for t in span_words) + offset
        hi = max(t.idx + len(t.text) for t in span_words) + offset
        # what lies between the phrase's words but outside them (a clause set off by commas:
        # "the rebels, backed by Iran,") is not in the phrase
        kept = {t.idx + offset for t in span_words}
        inner = self.mentions_in(lo, hi)
        if _people_noun(h) and h.dep_ in SUBJ:
            inner = [m for m in inner if any(m.start <= k < m.end for k in kept)]
        if agents:
            doers = [(offset + h.doc[i].idx, offset + h.doc[i].idx + len(h.doc[i].text)) for i in agents]
            inner = [m for m in inner if not any(a < m.end and m.start < b for a, b in doers)]
        if not inner:
            # "his Turkish counterpart, Mevlut Cavusoglu": the apposition names him
            for c in h.children:
                if c.dep_ == "appos":
                    inner = self.actors_of(c, offset)
                    break
        return self.prefer_people(inner)

    def _compound(self, h: Any, offset: int) -> list[Mention]:
        """A compound actor ("the two Libyan warring sides": both are Libyan; "the two
        countries": the two countries the article has talked about most); [] when the phrase
        is none."""
        text = self.article.text[offset + h.left_edge.idx : offset + h.right_edge.idx + len(h.right_edge.text)]
        if not compound_actors(self.lang).search(text):
            return []
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
            return [Mention(self.article.id, offset + h.left_edge.idx, offset + h.idx + len(h.text),
                            text, "actor", country.country or country.id, 0, "compound")]
        return self.two_parties(offset + h.idx)

    def sector_of(self, actor_id: str) -> str | None:
        """The sector of an actor id (its record's, else the id's part after an ISO-3 prefix:
        "SYR-MIL" → MIL), or None."""
        a = self.actors.get(actor_id)
        if a is not None and a.sector:
            return a.sector
        head, _, rest = actor_id.partition("-")
        return rest or None if len(head) == 3 and head.isupper() else None

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
        # not in a clause on a noun naming people: "the rebels, backed by Iran," are not Iranian
        # (but "the shells fired by the Israeli army" are Israel's)
        clauses = {t.i for d in tok.subtree if d.dep_ in NOUN_CLAUSE and d.i != tok.i
                   and _people_noun(d.head) for t in d.subtree} if tok.dep_ in SUBJ else set()
        # nor in a phrase naming a mediator ("a truce brokered by Egypt between X and Y")
        clauses |= {t.i for g in self.mediators(tok.doc) if g.i != tok.i and g.head.i != tok.i
                    and not any(x.i == tok.i for x in g.subtree) for t in g.subtree}
        words = [t for t in tok.subtree if t.i not in clauses and t.i - tok.i < 8]
        found: list[Any] = []
        ethnic = languages.profile(self.lang).ethnic_words
        for t in words:
            if t.i > 0 and t.doc[t.i - 1].lower_ in ethnic:
                continue  # "ethnic Albanians in Serbia" are coded by where they live, below
            if t.i > 1 and t.doc[t.i - 1].text in ("-", "–") and t.doc[t.i - 2].lower_ in ("anti", "pro"):
                continue  # "an anti-Syria journalist" is no Syrian
            pieces = re.split(r"[-–]", t.text)
            for k, piece in enumerate(pieces):
                if k and pieces[k - 1].lower() in ("anti", "pro"):
                    continue
                c = kb.country_by_name(piece.removesuffix("'s").removesuffix("’s"), self.lang)
                # a name is capitalised; a demonym in lower case only as the language writes it
                # ("l'armée égyptienne", "los soldados turcos")
                if c and len(piece) > 2 and (piece[:1].isupper() or piece in c.demonyms) and c not in found:
                    found.append(c)
        stray = _stray_adjective(tok, self.lang) if not found else None
        if stray is not None:
            # "son homologue turc" with "turc" hung on the verb: the phrase's own adjective, and
            # the name it is in apposition with ("son homologue turc, Mevlüt Cavusoglu,")
            c = kb.country_by_name(stray.text, self.lang)
            if c is None or stray.text not in c.demonyms:
                stray = None
            else:
                after = stray.doc[stray.i + 1 : stray.i + 3]
                start = next((t for t in after if not t.is_punct), None)
                named = [m for m in self.actor_mentions if start is not None and m.start == offset + start.idx
                         and all(t.is_punct for t in after if t.i < start.i)]
                if named:
                    return named[:1]
                found.append(c)
        country = found[0] if found else None
        head = tok.lemma_.lower()
        sector = sector_of_word(kb, *_role_words(tok))
        if sector is None:
            sector = _modifier_sector(kb, tok, clauses)
        via = "phrase"
        if country is None:  # a place in the phrase: "demonstrators in Baghdad"
            lo, hi = offset + tok.left_edge.idx, offset + tok.right_edge.idx + len(tok.right_edge.text)
            inside = {offset + t.idx for t in tok.subtree if t.i in clauses}
            for m in self.place_mentions:
                if lo <= m.start < hi and m.start not in inside:
                    if sector is None and _modifies(tok, m.start - offset):
                        continue  # "the Geneva agreement", "the Geneva talks": where, not who
                    place = self.res_places.get(m.entity_id)
                    if place is not None and place.country:
                        country, via = kb.country(place.country), "place"
                        break
        if country is None:
            return []
        last = stray if stray is not None else tok.right_edge
        span = (offset + tok.left_edge.idx, offset + last.idx + len(last.text))
        # "the Russian and Turkish ministers": one actor per country
        return [
            Mention(self.article.id, span[0], span[1], tok.text, "actor", f"{c.iso3}-{sector}" if sector else c.iso3, 0, via)
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
        personal = word in languages.profile(self.lang).personal_pronouns
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
            subjects = [c for c in verb.children if c.dep_ in SUBJ]
            if subjects:
                # a second subject after a wire dateline the parser made one too: "ANKARA (ADW) -
                # Erdogan warned" (the dateline's own, "MOSCOW … - Russia and Turkey agreed", keeps
                # its appositions: the dateline's mentions are dropped from the actors)
                past = [c for c in subjects if not self.in_dateline(offset + c.idx)]
                return self.actors_of((past or subjects)[0], offset)
            if any(c.dep_ in SUBJ_PASS for c in verb.children):
                break  # "…, noting that X and Y were phoned": the reporter is not the doer
            if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
                verb = verb.head.head  # "resorted to throwing stones": the subject of "resorted"
                seen += 1
                continue
            if verb.dep_ in _UPPER_CLAUSE and verb.head.i != verb.i:
                if (verb.dep_ == "acl" and verb.head.dep_ in OBJ and verb.head.head.pos_ in ("VERB", "AUX")
                        and verb.head.lemma_.lower() in languages.profile(self.lang).document_nouns):
                    # "passed a resolution condemning X": who passed it condemns
                    verb = verb.head.head
                    seen += 1
                    continue
                if verb.dep_ in NOUN_CLAUSE:
                    return self.actors_of(verb.head, offset)
                verb = verb.head
                seen += 1
                continue
            break
        return []


    # -- a trigger's arguments -------------------------------------------------------------

    def of_trigger(self, sent_index: int, tok: Any, trig: Any, offset: int) -> tuple[list[Mention], list[Mention], bool] | None:
        """(sources, targets, guessed) of the act a trigger names, from the parse; None when it
        names nobody. ``guessed``: the source is no argument of the trigger (the nearest actor
        before it) or missing ("three soldiers were killed": a victim, no agent named)."""
        verbal = tok.pos_ in ("VERB", "AUX")
        undergone = self._undergone(tok, offset)
        if undergone is not None:
            return undergone
        mediated = self._mediation(tok, trig, offset)
        if mediated is not None:
            return mediated
        # event nouns: "X's visit", "Turkish-Russian talks", "talks between X and Y",
        # "X held talks with Y", "the meeting … was postponed"
        sources: list[Mention] = [] if verbal else self._noun_sources(tok, offset, trig)
        targets: list[Mention] = []
        carrier = _carrier(tok)
        received = self._received(tok, trig, carrier, offset)
        if received is not None:
            return received
        if verbal:
            sources.extend(self._accused_doer(tok, offset))
        undergone_subject = verbal and (trig.args.target_is == "subject" or _bare_participle(tok))
        if verbal and _reduced_passive(tok):
            # "Haftar's forces, supported by Russia": the noun a passive participle modifies
            # undergoes the act; the "by" phrase (below) does it
            targets.extend(self.actors_of(tok.head, offset))
        elif carrier is not None and not sources and undergone_subject:
            # "three soldiers died", "saw the mayor killed by the blast": the subject undergoes the
            # act; who did it is named by an agent phrase (below) or not at all
            targets.extend(self.subject(carrier, offset))
        elif carrier is not None and not sources and not (
                carrier is not tok and self.third_party(carrier) and self._between(tok, offset)):
            # (not "Qatar hosted talks between X and Y": the host or mediator is no party to them;
            # nor those harmed, "two fighters were among the dead after the clashes")
            harmed = self.victims(tok.doc, offset)
            sources.extend(m for m in self.subject(carrier, offset) if not any(a <= m.start < b for a, b in harmed))
        agent = (self._role_agent(carrier, offset, sent_index)
                 if carrier is not None and not sources and not undergone_subject else None)
        if (carrier is not None and undergone_subject and not sources and not targets
                and any(c.dep_ in SUBJ and c.pos_ in ("NOUN", "PROPN") for c in carrier.children)):
            # "two policemen died": those named by their role alone undergo it, as that sector
            # of the country where it happened (settled by ``by_convention``)
            harmed = self._role_agent(carrier, offset, sent_index)
            if harmed is not None:
                targets.append(harmed)
        venues: list[Mention] = []  # cities after a preposition of both place and target ("à Ankara")
        self._add_dependents(tok, trig, offset, sources, targets, venues)
        if carrier is not None and carrier is not tok:
            targets.extend(self._partners(carrier, trig, offset))
            if not targets:
                targets.extend(self._carried_targets(tok, carrier, trig, offset))
        if not verbal and not sources and not targets and tok.dep_ in SUBJ_PASS:
            # "a deal was reached between the two factions", "talks were held between X and
            # Y": the passive verb's "between" phrase names the noun's parties
            both = self._between(tok.head, offset)
            sources, targets = both[:1], both[1:]
        guessed = False
        if not sources and not targets and trig.type == "CONSULT" and not verbal:
            # "after a series of meetings at the level of the ministries of X and Y": the parties
            # named anywhere in the meeting noun's phrase
            top = tok
            while top.head.i != top.i and top.head.pos_ in ("NOUN", "PROPN", "ADP"):
                top = top.head  # "a series of meetings at the level of …": the whole noun phrase
            lo, hi = offset + tok.idx, offset + top.right_edge.idx + len(top.right_edge.text)
            inside = unique([m for m in self.actor_mentions if lo <= m.start < hi])
            if len(inside) >= 2:
                sources, targets = inside[:1], inside[1:]
        if not sources and trig.type == "CONSULT" and len(unique(targets)) >= 2:
            # "X and Y were phoned / were met": a meeting's coordinated parties, no one else
            targets = unique(targets)
            sources, targets = targets[:1], targets[1:]
        if not sources and agent is not None:
            sources = [agent]  # "the army opened fire": settled to a country by by_convention
        if not sources and not undergone_subject and not (trig.type in UNGUESSED_NOUNS and not verbal and carrier is tok):
            # a protest noun no verb carries ("depuis le début des manifestations", "since the
            # protests began") names no protester; the name before it is mostly whom or what the
            # protests are about ("l'intervention de Bachar al-Assad depuis le début des
            # manifestations"), so none is guessed
            sources = self._nearest_before(sent_index, tok, offset, targets, trig)
            guessed = bool(sources)
        if verbal and trig.type in ("THREATEN", "REQUEST"):
            targets = self._who_must_act(tok, trig, offset, sources) or targets
        if not targets and (verbal or tok.pos_ == "ADJ") and trig.args.target_is != "prep":
            targets.extend(self._governed_objects(tok, trig, offset, sources))
        if not targets and verbal and trig.type == "CONSULT":
            targets.extend(self._meeting_partner(tok, offset))
        if not targets and not verbal and trig.type == "CONSULT" and getattr(trig, "cameo", None) == "045":
            # "launched a mediation effort to end the rift between X and Y": whom it mediates between
            targets.extend(m for m in self._mediated_between(tok, carrier, offset)
                           if m.entity_id not in {x.entity_id for x in sources})
        if not targets and trig.args.source_is != "object" and len(unique(sources)) < 2:
            # "s'est rendu à Alger": the city is whom the act reaches when the sentence names no
            # one else ("a rencontré à Ankara son homologue"), but no party to a joint act ("la
            # Chine et l'Inde se sont réunies à Moscou")
            homes = {self.country_of(m.entity_id) for m in sources}
            targets = [m for m in venues if self.country_of(m.entity_id) not in homes]  # not "à New Delhi" for India
        if verbal and trig.args.source_is == "object" and self.third_party(tok):
            # "Norway hosted talks between Colombia and the rebels": a meeting hosted by a third
            # party (PLOVER CONSULT third-party); the host is the source, the parties the targets
            targets = [m for c in tok.children if c.dep_ in OBJ for m in self._between(c, offset)]
        elif verbal and trig.args.source_is == "object" and targets:
            sources, targets = targets, sources  # "X hosted Y": the visitor Y is the actor
        # a third party's mediation ("a truce brokered by Egypt", "under the auspices of the AU")
        # names no party to the talks, the deal or the truce it brokered (but one may act on
        # the mediation: "suspended UN-brokered talks", "is opposed to French mediation")
        aside = self.mediator_spans(tok, offset) if trig.type in COOPERATIVE else []
        if aside:
            sources = [m for m in sources if not any(a <= m.start < b for a, b in aside)]
            targets = [m for m in targets if not any(a <= m.start < b for a, b in aside)]
        sources = unique(sources)
        targets = [m for m in unique(targets) if m.entity_id not in {s.entity_id for s in sources}]
        # "X and Y met / agreed": a joint act, both are its source (as PLOVER codes it)
        if not sources and not targets:
            return None
        return sources, targets, guessed or not sources

    def mediator_spans(self, tok: Any, offset: int) -> list[tuple[int, int]]:
        """Character spans of the phrases of the trigger's sentence that name a third party's
        part in others' talks or agreement (:func:`mediator_phrases`), but the trigger's own when
        it is a mediation word: a mediation's mediator is its source; "signé … sous l'égide des
        Nations unies" names the UN beside the signing, no party to it."""
        own = _mediation_word(tok, languages.profile(self.lang).mediation_words)
        return [_phrase_bounds(obj, offset) for obj in self.mediators(tok.doc)
                if not any(x.i == tok.i for x in obj.subtree) and (obj.head.i != tok.i or not own)]

    def _mediation(self, tok: Any, trig: Any, offset: int) -> tuple[list[Mention], list[Mention], bool] | None:
        """A mediation verb's own act (CAMEO 045): its mediator — the agent of its participle or
        passive ("a truce brokered by Egypt"), its hyphenated doer ("an Egypt-brokered truce")
        or its subject ("Qatar brokered a truce") — as the source, and the parties as the
        targets: all those "between" whom it mediates ("between Hamas and Israel", on the verb or
        on what it brokered), else, for a participle, the subject of the verb that takes what
        was brokered ("Armenia and Azerbaijan signed a deal brokered by the US") or the "between"
        phrase of that verb ("a deal brokered by X was reached between A and B"). None when the
        trigger is no mediation verb."""
        prof = languages.profile(self.lang)
        if (tok.pos_ not in ("VERB", "AUX") or trig.type != "CONSULT" or getattr(trig, "cameo", None) != "045"
                or not _mediation_word(tok, prof.mediation_words)):
            return None
        mediators = [m for _h, obj in _mediation_agents(tok, prof) for m in self.actors_of(obj, offset)]
        if not mediators and any(c.dep_ in SUBJ for c in tok.children):
            mediators = self.subject(tok, offset)
        parties = self._between(tok, offset)
        for c in tok.children:
            if c.dep_ in OBJ:
                parties += self._between(c, offset)
        noun = tok.head if tok.dep_ in ("acl", "amod") else None
        if not parties and noun is not None:
            parties = self._between(noun, offset)
            verb = noun.head if noun.dep_ != "pobj" else noun.head.head
            if not parties and verb.pos_ in ("VERB", "AUX") and verb.i != noun.i:
                if noun.dep_ in OBJ | {"pobj"}:
                    parties = self.subject(verb, offset)
                elif noun.dep_ in SUBJ_PASS:
                    parties = self._between(verb, offset)
        if not mediators and not parties:
            return None
        mediators = unique(mediators)
        parties = [m for m in unique(parties) if m.entity_id not in {x.entity_id for x in mediators}]
        return mediators, parties, not mediators

    def _mediated_between(self, tok: Any, carrier: Any, offset: int) -> list[Mention]:
        """The parties a mediation noun names (CAMEO 045, PLOVER CONSULT: the mediator is the
        source, those it mediates between the targets): the "between" phrases in its own phrase
        or in the clause of purpose of the verb that carries it ("launched a mediation effort to
        end the feud between X and Y"), the first of them."""
        between = languages.profile(self.lang).between_prepositions
        holders = [tok]
        if carrier is not None and carrier is not tok:
            holders += [c for c in carrier.children if c.dep_ in ("advcl", "xcomp") and c.i > tok.i]
        holders += [c for c in tok.children if c.dep_ in NOUN_CLAUSE]
        for h in holders:
            for g in h.subtree:
                for prep, obj in prep_objects(g):
                    if prep in between:
                        found = self.actors_of(obj, offset)
                        if found:
                            return found
        return []

    def third_party(self, verb: Any) -> bool:
        """Whether a verb tells a third party's part in others' meeting: a mediation verb (the
        profile's ``mediation_words``: "brokered talks"), or one of hosting whose object is a
        meeting, not a visitor ("hosted talks", "host a summit": a CONSULT noun of the lexicon)."""
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        if _mediation_word(verb, languages.profile(self.lang).mediation_words):
            return True
        lemma = verb.lemma_.lower()
        if not any(t.type == "CONSULT" and t.args.source_is == "object" for t in lexicon().single.get((self.lang, lemma), ())):
            return False
        return any(c.dep_ in OBJ and any(t.type == "CONSULT" and t.pos == "NOUN"
                                         for t in lexicon().single.get((self.lang, c.lemma_.lower()), ()))
                   for c in verb.children)

    def _between(self, h: Any, offset: int) -> list[Mention]:
        """The actors of the "between" phrases on a word ("between Hamas and Israel")."""
        between = languages.profile(self.lang).between_prepositions
        return [m for c in h.children for prep, obj in prep_objects(c) if prep in between
                for m in self.actors_of(obj, offset)]

    def _meeting_partner(self, tok: Any, offset: int) -> list[Mention]:
        """The partner of a talk told as the purpose of a meeting or a call ("called X to
        discuss", "met X to review"): the object of the governing verb, when that verb is
        itself a meeting, a call or a visit in the lexicon; [] otherwise."""
        head = tok.head
        if tok.dep_ not in ("xcomp", "advcl") or head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
            return []
        if not any(t.type == "CONSULT" and t.pos == "VERB" for t in lexicon().single.get((self.lang, head.lemma_.lower()), ())):
            return []
        objects = [c for c in head.children if c.dep_ in OBJ]
        return self.actors_of(objects[0], offset) if objects else []

    def _accused_doer(self, tok: Any, offset: int) -> list[Mention]:
        """The doer of an act told as what someone is accused, blamed or praised for: the
        governing verb's object ("accused Egypt of backing rebels", "blamed Iran for attacking
        the tanker": Egypt backs, Iran attacks), not the accuser."""
        prep = tok.head
        if tok.dep_ != "pcomp" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
            return []
        objects = [c for c in prep.head.children if c.dep_ in OBJ]
        return self.actors_of(objects[0], offset) if objects else []

    def _undergone(self, tok: Any, offset: int) -> tuple[list[Mention], list[Mention], bool] | None:
        """"X has been under attack by Y", "X came under fire from Y": the clause's subject
        undergoes the act (the target), the noun's or the clause's "by" phrase and the noun's
        possessor do it (the source). None when the trigger is not in such a phrase."""
        prof = languages.profile(self.lang)
        prep = tok.head
        if tok.pos_ not in ("NOUN", "PROPN") or prep.pos_ != "ADP" or prep.lower_ not in prof.undergoing_prepositions:
            return None
        verb = prep.head
        victims = self.subject(verb, offset) if verb.i != prep.i else []
        doers: list[Mention] = []
        for holder in (tok, verb):
            for c in holder.children:
                if c.pos_ == "ADP" and c.lower_ in prof.agent_prepositions | prof.author_prepositions:
                    for g in c.children:
                        doers.extend(self.actors_of(g, offset))
                elif c.dep_ in ("poss", "nmod:poss", "compound", "amod") and holder is tok:
                    doers.extend(self.actors_of(c, offset))
        doers = unique(doers)
        victims = [m for m in unique(victims) if m.entity_id not in {d.entity_id for d in doers}]
        if not doers and not victims:
            return None
        return doers, victims, not doers

    def _received(self, tok: Any, trig: Any, carrier: Any, offset: int) -> tuple[list[Mention], list[Mention], bool] | None:
        """"X has the support of Y", "X received the backing of Y", "X received a warning from
        Y": a help noun or a said act's noun (``SAID``) carried by a verb of receiving — Y gives
        it (the source), the verb's subject gets it (the target). Of a said act only its author
        gives it ("a threat of sanctions" is what is threatened). None when the trigger is not
        in such a phrase."""
        prof = languages.profile(self.lang)
        if (tok.pos_ not in ("NOUN", "PROPN") or carrier is None or carrier is tok
                or carrier.lemma_.lower() not in prof.receiving_verbs or trig.type not in COOPERATIVE | SAID):
            return None
        givers: list[Mention] = []
        preps = prof.agent_prepositions | prof.author_prepositions
        if trig.type in COOPERATIVE:
            preps |= prof.genitive_prepositions
        for c in tok.children:
            for prep, obj in prep_objects(c):
                if prep in preps:
                    givers.extend(self.actors_of(obj, offset))
        if not givers:
            return None
        getters = [m for m in self.subject(carrier, offset) if m.entity_id not in {g.entity_id for g in givers}]
        return unique(givers), unique(getters), False

    def _noun_sources(self, tok: Any, offset: int, trig: Any = None) -> list[Mention]:
        """An event noun's own actors: its possessor and modifiers ("X's visit", "Turkish-Russian
        talks"); of a said act's noun (``SAID``), its author ("a warning from Tehran")."""
        sources: list[Mention] = []
        prof = languages.profile(self.lang)
        own = prof.genitive_prepositions | prof.agent_prepositions
        if trig is not None and trig.type in SAID:
            for c in tok.children:
                for prep, obj in prep_objects(c):
                    if prep in prof.author_prepositions:
                        sources.extend(self.actors_of(obj, offset))
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod", "nmod:poss"):
                if c.dep_ != "poss" and self._place_word(c, offset):
                    continue  # "the Geneva talks", "the Berlin conference": where, not who
                if c.pos_ in ("VERB", "AUX") and _mediation_word(c, prof.mediation_words):
                    continue  # "an Egypt-brokered truce": the mediator's act, no party to the truce
                case = [g.lower_ for g in c.children if g.dep_ == "case"]
                if c.dep_ == "nmod" and case and case[0] not in own:
                    continue  # "des gaz lacrymogènes sur les manifestants": whom, not whose
                sources.extend(self.actors_of(c, offset))
        return sources

    def _place_at(self, at: int) -> Mention | None:
        """The place mention covering a character, or None."""
        return next((m for m in self.place_mentions if m.start <= at < m.end), None)

    def _place_country(self, h: Any, offset: int) -> list[Mention]:
        """The country of the place mention covering the token, as an actor at the place's words."""
        m = self._place_at(offset + h.idx)
        place = self.res_places.get(m.entity_id) if m is not None else None
        if place is None or not place.country:
            return []
        return [Mention(self.article.id, m.start, m.end, m.text, "actor", place.country, 0, "place")]

    def _of_several_sides(self, noun: Any) -> bool:
        """Whether a role noun's "of"/"from" phrase names several parties, by a number or a
        quantifier of the language's compound actors ("from both camps", "of the two sides",
        "of three armies", "de ambos bandos")."""
        prof = languages.profile(self.lang)
        for g in noun.children:
            for prep, obj in prep_objects(g):
                if prep not in prof.genitive_prepositions and prep not in prof.author_prepositions:
                    continue
                phrase = " ".join(t.lower_ for t in obj.subtree if t.i <= obj.i)
                if any(t.dep_ == "nummod" and t.like_num for t in obj.children) or any(
                        phrase.startswith(q + " ") for q in prof.compound_quantifiers):
                    return True
        return False

    def _point(self, at: int) -> bool:
        """Whether the place mention covering a character is a point (a city, a venue, a base),
        not a country or a region."""
        m = self._place_at(at)
        place = self.res_places.get(m.entity_id) if m is not None else None
        return place is not None and place.kind not in ("country", "region")

    def _place_word(self, c: Any, offset: int) -> bool:
        """Whether a place mention, and no actor mention, covers the token."""
        at = offset + c.idx
        return self._place_at(at) is not None and not any(m.start <= at < m.end for m in self.actor_mentions)

    def _add_dependents(self, tok: Any, trig: Any, offset: int, sources: list[Mention], targets: list[Mention],
                        venues: list[Mention] | None = None) -> None:
        """Add the trigger's own arguments to ``sources`` and ``targets``: objects, passive
        agents and subjects, and the objects of its prepositions ("between", "by", "of", and
        the trigger's target prepositions). A city (a point place, not a country) after a target
        preposition that is also a locative one ("à Ankara", "at Damascus") goes to ``venues``
        when given: it may be where the act happened as well as whom it reaches, a target only
        when no one else is (``of_trigger``: "a rencontré à Ankara son homologue turc"); a
        country there is whom the act reaches ("sent aid to Syria", "au Bangladesh")."""
        verbal = tok.pos_ in ("VERB", "AUX")
        prof = languages.profile(self.lang)
        aimed = self._aimed_preps(trig, tok if verbal else None)
        if verbal:
            for g in _small_clause_subjects(tok) + _infinitive_subjects(tok, self.lang):
                targets.extend(self.actors_of(g, offset))  # "found X guilty", "allowed X to enter": X
        for c in [*tok.children, *_shared_complements(tok)]:
            if (c.dep_ in OBJ or _numbered_object(c)) and verbal:
                if trig.args.target_is != "prep":
                    if _own_noun(c, trig):
                        # "launched an inquiry into X": the phrase's own noun names the act, whom
                        # it is aimed at hangs on it (its whole phrase only when none does)
                        aimed_at = [m for d in c.children for prep, obj in prep_objects(d) if prep in aimed
                                    for m in self._party_of(obj, trig, offset)]
                        if aimed_at:
                            targets.extend(aimed_at)
                            continue
                    targets.extend(self._party_of(c, trig, offset))
                    if _talk(trig):  # "held talks with Y on Syria": the partner hangs on the object
                        for d in c.children:
                            for prep, obj in prep_objects(d):
                                if prep in aimed:
                                    targets.extend(self._party_of(obj, trig, offset))
                    continue
                # "discussed Libya": a topic; the partner comes "with", which the parse may hang on
                # the topic ("discussed the situation in Libya with Putin")
                for d in c.subtree:
                    if d.dep_.split(":")[0] in ("prep", "obl", "nmod", "case") and d is not c:
                        for prep, obj in prep_objects(d):
                            if prep in aimed:
                                targets.extend(self.actors_of(obj, offset))
            elif c.dep_ in ("agent",):
                for g in c.children:
                    sources[:0] = self.actors_of(g, offset)
            elif c.dep_ == "obl:agent" and verbal:
                # "a été arrêté par l'armée" (Universal Dependencies: the agent is an oblique)
                sources[:0] = self.actors_of(c, offset)
            elif c.dep_ in SUBJ_PASS and verbal:
                if tok.lemma_.lower() in prof.stative_passives and not any(g.dep_ == "agent" for g in tok.children):
                    sources.extend(self.actors_of(c, offset))  # "Israel is opposed to …" holds a view
                else:
                    targets.extend(self.actors_of(c, offset))
            elif c.dep_.split(":")[0] in ("prep", "obl", "nmod") or c.dep_ == "case" or c.pos_ == "ADV":
                for prep, obj in prep_objects(c):
                    if prep in prof.between_prepositions:
                        both = self.actors_of(obj, offset)
                        sources.extend(both[:1])
                        targets.extend(both[1:])
                    elif prep in prof.agent_prepositions and not verbal:
                        sources.extend(self.actors_of(obj, offset))
                    elif prep in prof.patient_prepositions and not verbal and trig.type in PATIENT_NOUN_TYPES:
                        # "the naval blockade of Serbia", "the arrest of X": the one done to
                        targets.extend(self.actors_of(obj, offset))
                    elif (prep in prof.patient_prepositions and not verbal and sources
                          and tok.lemma_.lower() not in prof.authored_nouns):
                        # "the League expressed its rejection of X's plan": the doer named already,
                        # the "of" object is what the act is done to (but "at the request of X"
                        # names who asks)
                        targets.extend(self.actors_of(obj, offset))
                    elif prep in prof.genitive_prepositions and not verbal and not sources:
                        # "the meeting of the Russian and Turkish ministers"
                        both = self.actors_of(obj, offset)
                        sources.extend(both[:1])
                        targets.extend(both[1:])
                    elif prep in aimed:
                        at_place = (venues is not None and prep in prof.locative_prepositions and self._place_word(obj, offset)
                                    and self._point(offset + obj.idx))
                        (venues if at_place else targets).extend(self._party_of(obj, trig, offset))

    def _party_of(self, g: Any, trig: Any, offset: int) -> list[Mention]:
        """The actors an argument stands for; for a talk (:func:`_talk`), not its topic ("held
        talks on Syria", "s'est entretenu avec son homologue sur la Libye") nor a name found
        for a whole phrase that holds the topic."""
        got = self.actors_of(g, offset)
        if not _talk(trig):
            return got
        topics = _subject_phrases(g, offset, self.lang)
        return [m for m in got if not any(a <= m.start < b or (m.start <= a and b <= m.end) for a, b in topics)]

    def _aimed_preps(self, trig: Any, verb: Any = None) -> set[str]:
        """The prepositions whose object a trigger acts on (``target_preps``), but for a hostile,
        threatening or punitive act with none of its own, not the comitative ones: "tighten
        the blockade … with Albania's help", "fought with the army" name an ally. Where the
        trigger's ``verb`` takes its phrase's own act noun as object (:func:`_own_noun`), the
        language's: the noun's complement says whom ("opened an investigation into X", also
        when the parser hangs "into X" on the verb), whatever preposition the phrase lists."""
        prof = languages.profile(self.lang)
        given = trig.args.target_preps
        if given and verb is not None and any(c.dep_ in OBJ and _own_noun(c, trig) for c in verb.children):
            given = ()
        preps = (set(given) | set(prof.punished_prepositions)) if given else set(prof.target_prepositions)
        if trig.type in HOSTILE | {"THREATEN", "SANCTION"} and not given:
            preps -= set(prof.comitative_prepositions)
        if _talk(trig) and not given:
            preps -= set(prof.subject_prepositions)  # "talks on Syria": a topic
        return preps

    def _partners(self, carrier: Any, trig: Any, offset: int) -> list[Mention]:
        """A cooperative act's partners named on the verb that carries it ("held talks with Y")."""
        partners: list[Mention] = []
        partners_preps = languages.profile(self.lang).partner_prepositions
        for c in carrier.children:
            if c.dep_.split(":")[0] in ("prep", "obl") or c.pos_ == "ADV":
                for prep, obj in prep_objects(c):
                    if prep in partners_preps and trig.type in COOPERATIVE | {"CONSULT"}:
                        partners.extend(self.actors_of(obj, offset))
        return partners

    def _carried_targets(self, tok: Any, carrier: Any, trig: Any, offset: int) -> list[Mention]:
        """The target named after an act noun by the verb that takes it as object ("gave a warm
        welcome to X", "carried out strikes against X", "approved new donations to X"): the
        parse hangs the preposition on the verb, it belongs to the noun."""
        prof = languages.profile(self.lang)
        if tok.dep_ not in OBJ:
            return []
        preps = self._aimed_preps(trig)
        found: list[Mention] = []
        for c in carrier.children:
            for prep, obj in prep_objects(c):
                if prep in preps and c.i > tok.i:
                    found.extend(self.actors_of(obj, offset))
        return found

    def _nearest_before(self, sent_index: int, tok: Any, offset: int, targets: list[Mention], trig: Any = None) -> list[Mention]:
        """No subject the parse ties to an actor: the nearest actor before the trigger in the
        sentence that is not a target (trusted less); for a cooperative ``trig``, not a mediator
        ("under the auspices of the AU, the two sides agreed": :meth:`mediator_spans`)."""
        taken = {(m.start, m.end) for m in targets}
        reporters = _reporters(tok, offset)
        # nor one in the phrase that undergoes a passive ("another soldier was killed": the
        # soldier, however his role word is resolved, is no doer)
        reporters += [(offset + c.left_edge.idx, offset + c.right_edge.idx + len(c.right_edge.text))
                      for c in tok.children if c.dep_ in SUBJ_PASS]
        # nor one named in a clause on a noun the trigger is not in: "the rebels, backed by
        # Iran, attacked": Iran is who backs them, not who attacked
        asides = people_clauses(tok.doc, offset, tok)
        if trig is not None and trig.type in COOPERATIVE:
            asides += self.mediator_spans(tok, offset)  # "under the auspices of the AU, the two agreed"
        # nor one named as harmed ("some two million died", "X was among the dead"): a victim
        # is the doer of no act
        asides += self.victims(tok.doc, offset)
        before = [
            m for m in self.actor_mentions
            if self.ann.sentences[sent_index][0] <= m.start < offset + tok.idx and (m.start, m.end) not in taken
            and not any(a <= m.start < b for a, b in reporters) and not _is_object(tok.doc, m, offset)
            and not any(a <= m.start < b for a, b in asides)
        ]
        return [before[-1]] if before else []

    def _who_must_act(self, tok: Any, trig: Any, offset: int, sources: list[Mention]) -> list[Mention]:
        """A threat's or a demand's target: who must act ("threatened to strike unless Israel
        rescinded …"; "demanded that the United States match …": the subject of what is
        demanded), the sources left out; [] when the clause names nobody."""
        # the condition may hang on the threatened act itself: "threatened to hold a strike
        # unless Israel rescinded …", "warned that if the ministry did not act, it would …"
        clauses = list(tok.children) + [g for c in tok.children if c.dep_ in ("xcomp", "ccomp") for g in c.children]
        for c in clauses:
            marks = {g.lower_ for g in c.children if g.dep_ == "mark"}
            if (c.dep_ == "advcl" and marks & CONDITIONS) or (
                    trig.type == "REQUEST" and c.dep_ == "ccomp" and c.head.i == tok.i):
                subj = [g for g in c.children if g.dep_ in SUBJ | SUBJ_PASS]
                wanted = self.actors_of(subj[0], offset) if subj else []
                if wanted:
                    return [m for m in wanted if m.entity_id not in {x.entity_id for x in sources}]
        return []

    def _governed_objects(self, tok: Any, trig: Any, offset: int, sources: list[Mention]) -> list[Mention]:
        """The objects of the verbs the trigger governs ("pledged to deliver grain to Yemen",
        "ready to ship drones to help protect Poland"): the nearest argument and its coordinates
        ("to Chad and Niger"), not every name further down ("amid a dispute with Sudan"); the
        sources left out. A hostile act's companions are no target: "fighting hand to hand with
        the forces of X" fights beside X; nor is a place in a clause of circumstance before the
        act ("Speaking at a news conference at the Palace, X warned")."""
        found: list[Mention] = []
        comitative = set(languages.profile(self.lang).comitative_prepositions) if trig.type in HOSTILE | {"THREATEN", "SANCTION"} else set()
        locative = set(languages.profile(self.lang).locative_prepositions)
        for c in tok.children:
            if (c.dep_ == "advcl" and any(g.dep_ in OBJ for g in tok.children)
                    and any(g.dep_ in SUBJ | SUBJ_PASS and g.pos_ != "PRON" for g in c.children)
                    and not any(g.dep_ == "mark" and g.lower_ in CONDITIONS for g in c.children)):
                continue  # "detained dozens as protests continued over X": the act has its object
            if c.dep_ in ("xcomp", "advcl", "ccomp", "dobj", "obj"):
                first = None
                for g in c.subtree:
                    if g is c or g.dep_ == "obl:agent" or not (
                            g.dep_ in OBJ | {"pobj"} or g.dep_.split(":")[0] == "obl" or (first is not None and g.dep_ == "conj")):
                        continue
                    if comitative and _under_preposition(g, c, comitative, self.lang):
                        continue
                    if c.dep_ == "advcl" and c.i < tok.i and _under_preposition(g, c, locative):
                        continue  # "Speaking at a news conference at the Palace, X warned": where, not whom
                    if first is not None and not (g.head.i == first.head.i or (g.dep_ == "conj" and g.head.i in (first.i, *[x.i for x in first.conjuncts]))):
                        break
                    got = [m for m in self.actors_of(g, offset) if m.entity_id not in {x.entity_id for x in sources}]
                    if got:
                        found.extend(got)
                        first = first or g
        return found

    # -- the conventions for what the text leaves out ---------------------------------------

    def by_convention(self, sent_index: int, tok: Any, trig: Any, sources: list[Mention], targets: list[Mention],
                      location: str | None, location_span: tuple[int, int] | None, offset: int) -> tuple[list[Mention], list[Mention]]:
        """(sources, targets) with what the PLOVER/ICEWS conventions add where the text names
        nobody: the country where it happened as the target of a material act or a visit, and
        as the source of violence by someone unnamed; the source's own country as the target
        of a domestic act (a protest, a crackdown, a concession); the people the act is done
        to, named by their role only ("freed hundreds of opposition activists", "arrested
        protesters"), as that sector of the country where it happened, else of the source's
        country (ICEWS's sector actors)."""
        verbal = tok.pos_ in ("VERB", "AUX")
        # "anti-Morsi protests", "manifestants pro-Morsi": the name after "anti-" is whom the act
        # is against, the one after "pro-" whom its doers support; neither does it
        against = [m for m in sources if self._prefixed(m) == "anti"]
        sources = [m for m in sources if self._prefixed(m) is None]
        targets = [m for m in targets if self._prefixed(m) != "pro"]
        if not targets and trig.type in ("PROTEST", "ACCUSE", "REJECT"):
            targets = against  # what the protest is against ("an anti-Syria journalist" killed is no target of it)
        pending = any(m.entity_id.startswith(ROLE_PENDING) for m in sources)
        sources, targets = self._settle_roles(sources, targets, trig, location)
        if pending and not sources:
            # a role word of no country known: the nearest actor before, as for no subject
            sources = self._nearest_before(sent_index, tok, offset, targets, trig)
        if not targets and verbal and len(sources) == 1:
            targets = self.role_patient(tok, trig, sources[0], location, sent_index, offset)
        signing = verbal and trig.type in COOPERATIVE and tok.lemma_.lower() in languages.profile(self.lang).finalize_verbs
        if (not targets and location and len(sources) == 1 and trig.mode != "ceasefire" and not signing
                and (trig.type in PLACE_IS_TARGET or trig.mode == "visit")):
            # a meeting's or a signing's venue is not its target, nor a truce's ("signed a
            # permanent ceasefire in Geneva", "ont signé à Genève un accord", "declared a
            # ceasefire in south Lebanon")
            here = self._place_actor(location, location_span, sent_index)
            source_countries = {self.country_of(m.entity_id) for m in sources}
            # at home only when someone was acted on: "Serb forces killed three villagers in Serbia"
            acted_on = verbal and any(c.dep_ in OBJ | SUBJ_PASS for c in tok.children) and trig.type in ("ASSAULT", "COERCE")
            if here is not None and (here.entity_id not in source_countries or acted_on):
                targets = [here]
        if not sources and location and trig.type in HOSTILE | {"COERCE", "PROTEST"}:
            here = self._place_actor(location, location_span, sent_index)
            if here is not None:
                sources = [here]
        judged = verbal and trig.type in ("ACCUSE", "THREATEN") and any(c.dep_ in OBJ for c in tok.children)
        if not targets and trig.type in DOMESTIC and len(sources) == 1 and not judged:
            # not when what is criticised is a thing ("questioned the viability of the ceasefire")
            home = self.country_of(sources[0].entity_id)
            # not when the source is the country itself: "Turkey threatened" is not against Turkey;
            # but its people are not the state ("thousands of Nigerians rallied": against Nigeria)
            if len(home) == 3 and home.isupper() and (sources[0].entity_id != home or self._people_of(sources[0])):
                here = self._place_actor(location, location_span, sent_index) if location else None
                if here is not None and here.entity_id == home:
                    # "lengthened the curfew in Chiang Mai": the country at home, at the words that
                    # say where in it the act falls
                    targets = [here]
                else:
                    # at the words of the act's phrase that say where or whom ("extend the curfew
                    # in the northern district"), else at the source's own
                    lo, hi = self._where_words(tok, trig, sources[0], offset) or (sources[0].start, sources[0].end)
                    targets = [Mention(self.article.id, lo, hi, self.article.text[lo:hi], "actor", home, sent_index, "domestic")]
        if trig.mode == "ceasefire" or signing:
            # a truce's venue is no party to it, nor a signing's, told in the phrase of the
            # verb's object either ("declared a truce in Geneva", "signed a permanent ceasefire
            # in Geneva"; but "agreed to set up a plant in Berlin" says where the plant goes)
            objects = {(offset + c.left_edge.idx, offset + c.right_edge.idx + len(c.right_edge.text))
                       for c in tok.children if c.dep_ in OBJ}
            # nor the city where the verb itself says it was signed ("ont signé à Genève un accord")
            locative = languages.profile(self.lang).locative_prepositions
            venues = [(offset + o.left_edge.idx, offset + o.right_edge.idx + len(o.right_edge.text))
                      for c in tok.children for prep, o in prep_objects(c) if prep in locative]
            targets = [m for m in targets if not (m.via == "place" and (
                (m.start, m.end) in objects or (any(a <= m.start < b for a, b in venues) and self._point(m.start))))]
        # an actor never acts on itself, and a country not on itself — but on its own people the
        # text names ("Venezuela freed a former candidate": a domestic act, VEN on VEN)
        own = {m.entity_id for m in sources}
        people = len(sources) == 1 and self._people_of(sources[0])  # "Nigerians rallied": against Nigeria
        targets = [m for m in targets if m.entity_id not in own or (m.via in ("role", "domestic", "location") and (
            m.via == "role" or people) and not any(m.start < x.end and x.start < m.end for x in sources))]
        return sources, targets

    def _prefixed(self, m: Mention) -> str | None:
        """"anti" or "pro" when the mention is written right after "anti-" or "pro-" ("anti-Morsi",
        "pro-Kremlin", "anti Moubarak"), else None."""
        found = _ANTI_PRO.search(self.article.text[max(0, m.start - 6) : m.start])
        return found.group(1).lower() if found else None

    def _role_agent(self, carrier: Any, offset: int, sent_index: int) -> Mention | None:
        """The verb's subject when a role word alone names it and no actor does ("the army
        opened fire", "police arrested", "l'armée a tiré"): a mention of that sector whose
        country ``by_convention`` settles (``ROLE_PENDING`` + sector); None otherwise, or when a
        possessive makes it someone else's ("its troops")."""
        kb = load_knowledge()
        for c in carrier.children:
            if c.dep_ in SUBJ and c.pos_ == "PRON" and c.lower_ not in languages.profile(self.lang).personal_pronouns:
                # "the union said it will not end the strike": the pronoun no actor before it
                # stands for is the reporter, whose role may name the doer
                reporter = _reporter_of(carrier, self.lang)
                if reporter is None:
                    return None
                said_by = [g for g in reporter.children if g.dep_ in SUBJ and g.pos_ != "PRON"]
                found = self.actors_of(said_by[0], offset) if said_by else []
                return found[0] if found else self._role_agent(reporter, offset, sent_index)
            if c.dep_ not in SUBJ or c.pos_ not in ("NOUN", "PROPN"):
                continue
            if any(g.dep_ in ("poss", "nmod:poss") for g in c.children):
                return None
            sector = sector_of_word(kb, *_role_words(c))
            if sector is not None and self._of_several_sides(c):
                # "military delegations from both camps", "soldiers of the two armies": the phrase
                # says they are of several sides, none of them the country where it happened
                return None
            if sector is None:
                # "thousands of workers", "des milliers de manifestants": a number of people
                # named by their role
                of = [obj for g in c.children for prep, obj in prep_objects(g)
                      if prep in languages.profile(self.lang).genitive_prepositions]
                if of and (c.like_num or c.tag_ == "CD" or _counts(c)):
                    sector = sector_of_word(kb, of[0].lemma_.lower(), of[0].lower_)
            if sector is None:
                return None
            lo, hi = offset + c.left_edge.idx, offset + c.right_edge.idx + len(c.right_edge.text)
            if self.mentions_in(lo, hi):
                return None  # the phrase names an actor after all: not a role alone
            return Mention(self.article.id, lo, hi, self.article.text[lo:hi], "actor", ROLE_PENDING + sector, sent_index, "role")
        return None

    def _settle_roles(self, sources: list[Mention], targets: list[Mention], trig: Any,
                      location: str | None) -> tuple[list[Mention], list[Mention]]:
        """(sources, targets) with a role word's mention (``_role_agent``) as that sector of the
        country where the act happened (ICEWS's sector actors: "police arrested protesters in
        Istanbul" → TUR-COP), else, for an arrest or a protest, which happen at home, of the
        country of the one the act is done to; dropped when neither is known."""
        if not any(m.entity_id.startswith(ROLE_PENDING) for m in sources + targets):
            return sources, targets
        place = self.res_places.get(location) if location else None
        country = place.country if place is not None and place.country else None
        if country is None and trig.type in ("COERCE", "PROTEST"):
            theirs = {self.country_of(m.entity_id) for m in targets if not m.entity_id.startswith(ROLE_PENDING)}
            theirs = {c for c in theirs if c and len(c) == 3 and c.isupper()}
            country = next(iter(theirs)) if len(theirs) == 1 else None

        def settled(ms: list[Mention]) -> list[Mention]:
            out = []
            for m in ms:
                if m.entity_id.startswith(ROLE_PENDING):
                    if country is None:
                        continue
                    m = Mention(m.article_id, m.start, m.end, m.text, "actor",
                                f"{country}-{m.entity_id[len(ROLE_PENDING):]}", m.sentence, "role")
                out.append(m)
            return out

        return settled(sources), settled(targets)

    def _people_of(self, m: Mention) -> bool:
        """Whether a country's mention names its people by their demonym ("Nigerians"), not the state."""
        c = load_knowledge().country(m.entity_id)
        return c is not None and m.text.strip() in c.demonyms

    def _where_words(self, tok: Any, trig: Any, source: Mention, offset: int) -> tuple[int, int] | None:
        """The span of the first phrase of a locative or target preposition on the trigger, its
        object or the verb that carries it ("imposed a curfew on the city", "remained on alert
        in the north region"), not a time ("on Saturday") nor the source; None when there is
        none."""
        prof = languages.profile(self.lang)
        preps = set(prof.locative_prepositions) | target_preps(trig, self.lang)
        carrier = _carrier(tok)
        holders = [tok] + [c for c in tok.children if c.dep_ in OBJ]
        if carrier is not None and carrier is not tok:
            holders.append(carrier)
        times = [(t.start, t.end) for t in self.ann.times]
        for v in holders:
            for c in v.children:
                for prep, g in prep_objects(c):
                    if prep not in preps or g.pos_ not in ("NOUN", "PROPN"):
                        continue
                    lo, hi = _phrase_bounds(g, offset)
                    if any(a < hi and lo < b for a, b in times) or (source.start < hi and lo < source.end):
                        continue
                    return lo, hi
        return None

    def role_patient(self, tok: Any, trig: Any, source: Mention, location: str | None, sent_index: int, offset: int) -> list[Mention]:
        """Whom the act is done to when a role word alone names them ("hundreds of opposition
        activists", "protesters"): that sector of the country where it happened, else of the
        source's country; a person noun of no sector ("a former candidate", "several
        suspects"), that country alone; the doers of an act the verb takes as object
        ("condemned a march by teachers": the teachers). Looked for where the act's target
        stands (``_patient_slots``); [] when the first object is neither, is the source's own
        ("its troops") or no country fits."""
        kb = load_knowledge()
        prof = languages.profile(self.lang)
        keep = prof.genitive_prepositions
        for c, is_object in self._patient_slots(tok, trig):
            if c.pos_ not in ("NOUN", "PROPN"):
                continue
            if any(g.dep_ in ("poss", "nmod:poss") and g.pos_ in ("PRON", "DET") for g in c.children):
                if is_object:
                    return []  # "withdrew its troops": the source's own people, not whom it acts on
                continue
            # "condemned a march by teachers": whose act it is
            doers = [g for p in c.children for prep, g in prep_objects(p)
                     if prep in prof.agent_prepositions and _act_noun(c, self.lang)]
            heads = [c] + [g for p in c.children for prep, g in prep_objects(p) if prep in keep] + doers
            found = next(((h, sec) for h in heads if (sec := sector_of_word(kb, *_role_words(h)))), None)
            sector = found[1] if found else _modifier_sector(kb, c)
            # "freed a former candidate", "detained several suspects": people, of no sector
            person = sector is None and any(h.lemma_.lower() in prof.person_nouns for h in heads)
            if sector is None and not person:
                if is_object:
                    return []
                continue
            place = self.res_places.get(location) if location else None
            country = place.country if place is not None and place.country else self.country_of(source.entity_id)
            if not (len(country) == 3 and country.isupper()):
                return []
            lo, hi = _phrase_bounds(found[0] if found and found[0] in doers else c, offset)
            return [Mention(self.article.id, lo, hi, self.article.text[lo:hi], "actor", f"{country}-{sector}" if sector else country, sent_index, "role")]
        return []

    def _patient_slots(self, tok: Any, trig: Any) -> Iterable[tuple[Any, bool]]:
        """(word, whether it is the verb's object) where the target of the act stands, in order:
        the verb's object or passive subject (not for the forces one mobilises or the help one
        sends), the author of a said thing it takes ("refused a request from the justice
        minister"), the subject of a small clause ("found the bank guilty", "ordered the
        ministers jailed"), the object of one of the trigger's target prepositions
        ("surrendered to the authorities", "aid to displaced people"), and the same one verb
        down ("agreed to release two prisoners")."""
        prof = languages.profile(self.lang)
        verbal = tok.pos_ in ("VERB", "AUX")
        preps = self._aimed_preps(trig, tok if verbal else None)

        def slots(v: Any, depth: int) -> Iterable[tuple[Any, bool]]:
            for c in v.children:
                if c.dep_ in OBJ and verbal and _own_noun(c, trig):
                    # "opened an inquiry into the firm's auditors": the act's own noun names no
                    # one; whom it is aimed at comes after it
                    for p in c.children:
                        for prep, g in prep_objects(p):
                            if prep in preps:
                                yield g, False
                    continue
                if c.dep_ in OBJ | SUBJ_PASS and verbal and trig.type not in ("MOBILIZE", "AID"):
                    if c.lemma_.lower() in prof.authored_nouns:
                        for p in c.children:
                            for prep, g in prep_objects(p):
                                if prep in prof.author_prepositions:
                                    yield g, False
                    yield c, True
            if verbal:
                for g in _small_clause_subjects(v) + _infinitive_subjects(v, self.lang):
                    yield g, False
            for c in v.children:
                for prep, g in prep_objects(c):
                    if prep in preps:
                        yield g, False
            if depth == 0 and verbal:
                for c in v.children:
                    if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                        yield from slots(c, 1)

        yield from slots(tok, 0)

    def _place_actor(self, location: str, location_span: Any, sent_index: int) -> Mention | None:
        """The country of the place where it happened, as an actor at the place's words."""
        place = self.res_places.get(location)
        if place is None or not place.country:
            return None
        return Mention(self.article.id, location_span[0], location_span[1], place.name, "actor", place.country, sent_index, "location")


# "anti-", "pro-" (or "anti ", as French writes it too) right before a name
_ANTI_PRO = re.compile(r"(?:^|[^\w])(anti|pro)[-‑ ]$", re.I)

# the id a role word's mention carries until by_convention knows its country ("?MIL")
ROLE_PENDING = "?"

_NUMBER_BEFORE = re.compile(r"(?:\d[\d.,]*|million|billion|trillion|thousand|hundred)\s*$", re.I)


def _unit(text: str, m: Mention) -> bool:
    """Whether an unknown name is a unit after a number, no actor: "a fine of 30 million
    EUR", "at noon (0900 GMT)"."""
    return m.entity_id.startswith("new:") and bool(_NUMBER_BEFORE.search(text[max(0, m.start - 24) : m.start]))


def _modifies(tok: Any, at: int) -> bool:
    """Whether the word at character ``at`` (of the parse) is a name modifying ``tok`` itself
    ("the Geneva agreement")."""
    return any(c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i and any(g.idx <= at < g.idx + len(g.text) for g in c.subtree)
               for c in tok.children)


def _reporter_of(verb: Any, lang: str) -> Any:
    """The speech verb whose complement clause the verb heads (through the first of its
    conjuncts): "said" in "the union said it will not end the strike", "have said that they
    will release"; None otherwise."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return None
    head = verb.head
    return head if head.lower_ in languages.profile(lang).reporting_verbs else None


def _carrier(tok: Any) -> Any:
    """The verb whose subject is the trigger's source: the trigger itself when it is a verb;
    for an event noun, the verb it is the object or complement of ("X held talks"), the verb
    its preposition hangs on ("youths threw stones during demonstrations"); None when the
    noun is the subject ("the talks were held": no subject to take)."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    if tok.dep_ in OBJ | {"attr", "oprd", "obl", "pobj"} and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        return tok.head.head
    if tok.dep_ in SUBJ | SUBJ_PASS:
        return None
    if tok.dep_ in ("acomp", "amod") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head  # "Israel is opposed to …", "Norway is willing to …"
    return tok


def _whose_antecedent(h: Any) -> Any:
    """"Turkey and Russia, whose leaders launched an initiative": the antecedent of the
    relative clause ``h`` heads (the first of its conjuncts, which stands for all of them);
    None when ``h`` has no "whose" or hangs on no relative clause."""
    whose = next((c for c in h.children if c.lower_ == "whose"), None)
    if whose is None:
        return None
    t = h
    while t.dep_ != "relcl" and t.head.i != t.i:
        t = t.head
    if t.dep_ != "relcl":
        return None
    ante = t.head
    while ante.dep_ == "conj" and ante.head.i != ante.i:
        ante = ante.head  # "Turkey and Russia, whose leaders": both of them
    return ante


def _phrase_bounds(g: Any, offset: int) -> tuple[int, int]:
    """Where a noun's phrase stands in the article, without its clauses ("a former candidate
    who was jailed in 2014": "a former candidate")."""
    words = [t for t in g.subtree if not any(a.dep_ in NOUN_CLAUSE and t in a.subtree for a in g.children)]
    return offset + words[0].idx, offset + words[-1].idx + len(words[-1].text)


def _small_clause_subjects(v: Any) -> list[Any]:
    """The subjects of a verb's small clause, the verb's object in all but name: "found the
    bank guilty", "ordered the ministers jailed" (a complement that is an adjective or a
    participle with no auxiliary or conjunction of its own, its subject after the verb)."""
    out = []
    for c in v.children:
        if c.dep_ in ("ccomp", "xcomp", "oprd") and c.i > v.i and (c.pos_ == "ADJ" or c.tag_ == "VBN") and not any(
                g.dep_ in ("aux", "auxpass", "mark") for g in c.children):
            out.extend(g for g in c.children if g.dep_ in SUBJ and g.i > v.i)
    return out


def _infinitive_subjects(v: Any, lang: str) -> list[Any]:
    """The subject of an infinitive the verb governs, its object in all but name where the
    verb has none: "allowed the agency to enter", "barred the envoy to leave" (the parser
    makes the one who is to act the subject of the "to" clause, not the verb's object).
    Only after the verb and unlike its own subject, in a clause with "to" and no conjunction
    or finite auxiliary of its own ("said X will …" reports, it acts on no one); nor for a
    reporting verb."""
    if any(c.dep_ in OBJ for c in v.children) or v.lower_ in languages.profile(lang).reporting_verbs:
        return []
    own = {c.i for c in v.children if c.dep_ in SUBJ}
    out = []
    for c in v.children:
        if c.dep_ not in ("ccomp", "xcomp") or c.i < v.i or c.pos_ not in ("VERB", "AUX"):
            continue
        aux = [g for g in c.children if g.dep_ in ("aux", "auxpass", "mark")]
        if not any(g.tag_ == "TO" for g in aux) or any(g.dep_ == "mark" or g.tag_ == "MD" for g in aux):
            continue
        out.extend(g for g in c.children if g.dep_ in SUBJ and v.i < g.i < c.i and g.i not in own)
    return out


def _stray_adjective(tok: Any, lang: str) -> Any:
    """The word right after a counterpart noun's phrase (the profile's ``counterpart_nouns``)
    that the parser hung elsewhere, where adjectives follow their noun (``adjective_position``):
    "a invité son homologue turc à Athènes", "pour rencontrer son homologue algérien" (the
    French parser makes "turc" a complement of the verb); None when there is none, or it is in
    the phrase already. Only a lower-case word: a nationality adjective, never a name."""
    prof = languages.profile(lang)
    if prof.adjective_position != "after" or tok.pos_ != "NOUN" or tok.lower_ not in prof.counterpart_nouns:
        return None
    at = tok.right_edge.i + 1
    if at >= len(tok.doc):
        return None
    nxt = tok.doc[at]
    if not nxt.is_lower or nxt.head.i == tok.i or any(a.i == tok.i for a in nxt.ancestors) or any(
            c.dep_ in OBJ | SUBJ for c in nxt.children):
        return None
    return nxt


def _is_object(doc: Any, m: Mention, offset: int) -> bool:
    """Whether a mention is the direct object of a verb ("Consider creating a working group and
    convene …": what is created does not convene)."""
    span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
    return span is not None and span.root.dep_ in OBJ and span.root.head.pos_ in ("VERB", "AUX")


def _harm_verb(t: Any, lang: str, *, undergone: bool = False) -> bool:
    """Whether a verb is one the lexicon knows as an assault (``undergone``: one whose subject
    undergoes it, ``target_is`` "subject": "die", "lose life" with its object)."""
    if t.pos_ not in ("VERB", "AUX"):
        return False
    lex, code, lemma = lexicon(), languages.primary(lang), t.lemma_.lower()
    if any(x.type == "ASSAULT" and x.pos == "VERB" and (not undergone or x.args.target_is == "subject")
           for x in lex.single.get((code, lemma), ())):
        return True
    objects = {c.lemma_.lower() for c in t.children if c.dep_ in OBJ}
    return any(x.type == "ASSAULT" and len(words) == 2 and words[1] in objects
               and (not undergone or x.args.target_is == "subject")
               for _rank, words, x in lex.by_first.get(code, {}).get(lemma, ()))


def victim_spans(doc: Any, offset: int, lang: str) -> list[tuple[int, int]]:
    """Character spans of the phrases that name the harmed: the subject of a verb of dying
    ("three soldiers died", "the men who died"), of a passive of an assault verb ("were
    killed"; "saw the mayor killed") and the noun such a participle modifies ("640 people
    killed since"), a subject said to be among the casualties (the profile's
    ``casualty_nouns``: "were among the dead") and what the casualties are said to include
    ("the dead included X"); a casualty word as a passive participle is a harm verb ("were
    wounded"). PLOVER codes the victim of one-sided violence as its recipient:
    whoever they are, they are the doers of no act of their clause."""
    prof = languages.profile(lang)
    casualty = prof.casualty_nouns
    out: list[tuple[int, int]] = []

    def add(t: Any, upto: Any = None) -> None:
        if t.tag_ in ("WP", "WDT") and t.head.dep_ in RELCL:
            t = t.head.head  # "the men who died": the noun the relative clause is on
            upto = t.i + 1 if upto is None else upto
        words = [w for w in t.subtree if upto is None or w.i < upto]
        if words:
            out.append((offset + words[0].idx, offset + words[-1].idx + len(words[-1].text)))

    def casualty_word(t: Any) -> bool:
        return t.lemma_.lower() in casualty or t.lower_ in casualty

    for t in doc:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in t.children if c.dep_ in SUBJ]
        passive = [c for c in t.children if c.dep_ in SUBJ_PASS]
        if _harm_verb(t, lang, undergone=True):
            for c in subjects:
                add(c)
        if _harm_verb(t, lang) or casualty_word(t):  # "were killed", "were wounded"
            for c in passive:
                add(c)
            if _bare_participle(t) or (t.tag_ == "VBN" and t.dep_ in ("acl", "advcl") and not any(
                    c.dep_ in ("aux", "auxpass", "aux:pass") for c in t.children)):
                for c in subjects:
                    add(c)  # "saw the mayor killed", "…, more than 600 people killed since …"
            if t.dep_ == "acl" and t.tag_ == "VBN" and t.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
                add(t.head, upto=t.i)  # "more than 640 Palestinians killed since …"
        if t.lemma_.lower() == "be":
            said = [c for c in t.children if c.dep_ in ("attr", "acomp")]
            said += [g for c in t.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            if any(casualty_word(g) for g in said):
                for c in subjects:
                    add(c)  # "two militants were among the dead"
        elif any(casualty_word(c) or any(g.dep_ == "acl" and _harm_verb(g, lang) for g in c.children)
                 for c in subjects) and t.lemma_.lower() in prof.inclusion_verbs:
            for c in t.children:
                if c.dep_ in OBJ:
                    add(c)  # "the dead included X", "those killed included X"
    return out


def people_clauses(doc: Any, offset: int, tok: Any = None) -> list[tuple[int, int]]:
    """Character spans of the clauses on nouns that name people ("the rebels, backed by
    Iran,", "the women who were killed in Mexico"), except one that holds ``tok``: who they
    name there is not who does what the sentence's main verb says."""
    return [(offset + c.left_edge.idx, offset + c.right_edge.idx + len(c.right_edge.text))
            for c in doc if c.dep_ in NOUN_CLAUSE and _people_noun(c.head)
            and (tok is None or not c.left_edge.i <= tok.i <= c.right_edge.i)]


def _modifier_sector(kb: Any, tok: Any, skip: set[int] | frozenset[int] = frozenset()) -> str | None:
    """The sector a noun's modifier gives the people it belongs to: "rebel positions",
    "positions rebelles", "civilian areas" are the rebels', the civilians'. Not a state's word:
    "a military target", "government buildings" say what kind of thing, not whose."""
    for ch in tok.children:
        if ch.dep_ in ("compound", "amod") and ch.i not in skip:
            sector = group_of_word(kb, ch.lemma_.lower(), ch.lower_)
            if sector:
                return sector
    return None


def _role_words(h: Any) -> list[str]:
    """A noun as a role word may be written: its lemma and its form, alone and with the
    modifiers right before it ("asylum seekers", "displaced persons", "border patrol agents":
    a role of several words)."""
    words = [h.lemma_.lower(), h.lower_]
    mods = []
    for t in reversed(h.doc[h.left_edge.i : h.i]):
        if t.dep_ not in ("compound", "amod") or not any(a.i == h.i for a in t.ancestors):
            break
        mods.insert(0, t.lower_)
        words += [" ".join(mods + [h.lemma_.lower()]), " ".join(mods + [h.lower_])]
    return words


def _people_noun(h: Any) -> bool:
    """Whether a noun names people or a body ("the rebels", "the government", "Haftar's
    forces"), whose own clause ("backed by Iran") names others; not a thing or an act ("the
    shells fired by X", "an attack claimed by Y"), whose clause may name its doer."""
    if h.pos_ == "PROPN":
        return True
    return h.pos_ == "NOUN" and sector_of_word(load_knowledge(), h.lemma_.lower(), h.lower_) is not None


def _reduced_passive(tok: Any) -> bool:
    """A past participle modifying a noun that names people ("forces backed by Iran", "les
    milices soutenues par la Turquie"), or one coordinated with such a participle ("led by X, recognized by the UN
    and backed by Turkey")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX"):
        tok = tok.head
    if tok.dep_ != "acl" or not _people_noun(tok.head):
        return False  # "the shells fired by X": not what undergoes the firing
    return tok.tag_ == "VBN" or ("Part" in tok.morph.get("VerbForm") and "Past" in tok.morph.get("Tense"))


def _bare_participle(tok: Any) -> bool:
    """A past participle with a subject and no auxiliary, the complement of another verb: a
    passive told without its "was" ("saw the mayor killed", "found the guards shot"; on a
    noun: "the toll, 600 people killed since May,"), whose subject undergoes the act. A clause's own verb so tagged is more often a simple past the
    tagger misread ("Trump reneged on the accord") than a headline's passive: not read so."""
    return (tok.tag_ == "VBN" and tok.dep_ in ("ccomp", "xcomp", "oprd", "acl") and any(c.dep_ in SUBJ for c in tok.children)
            and not any(c.dep_ in ("aux", "auxpass", "aux:pass") for c in tok.children))


def _participle_agents(h: Any) -> set[int]:
    """Token indices of the doers in a hyphenated participle before a noun: "the UN-recognized
    government", "Iran-backed militias" are not the UN or Iran — those recognize or back them."""
    doc, out = h.doc, set()

    def participle(t: Any) -> bool:
        # "Saudi-led coalition": the leader is in it (coded as Saudi Arabia, as ICEWS does)
        return t.i < h.i and (t.tag_ in ("VBN", "VBD") or t.lower_.endswith("ed")) and t.lemma_.lower() != "lead"

    for c in h.children:
        if c.i >= h.i:
            continue
        if c.i + 2 < len(doc) and doc[c.i + 1].text in ("-", "‐", "–") and participle(doc[c.i + 2]):
            out.update(t.i for t in c.subtree)  # "UN - recognized government": three modifiers
        elif c.i >= 2 and doc[c.i - 1].text in ("-", "‐", "–") and participle(c):
            out.update(t.i for t in c.subtree if t.i < c.i - 1)  # "[Iran - backed] militia"
    return out


def _reporters(tok: Any, offset: int) -> list[tuple[int, int]]:
    """Character spans of the subjects above a complement clause the trigger is in: "The
    ministry reported …, noting that X and Y phoned" — the ministry tells of the act, it is
    not its doer, so the nearest actor before the trigger is never taken from there."""
    spans: list[tuple[int, int]] = []
    g, crossed = tok, False
    while g.head.i != g.i:
        crossed = crossed or g.dep_ in ("ccomp", "parataxis")
        g = g.head
        if crossed:
            for c in g.children:
                if c.dep_ in SUBJ:
                    sub = list(c.subtree)
                    spans.append((offset + sub[0].idx, offset + sub[-1].idx + len(sub[-1].text)))
    return spans


def _numbered_object(c: Any) -> bool:
    """An object the French parser took for an oblique whose preposition is its number
    ("ont libéré douze otages": obl:arg with "douze" as its case word)."""
    case = [g for g in c.children if g.dep_ == "case"]
    return c.dep_ == "obl:arg" and bool(case) and all(g.like_num and g.pos_ != "ADP" for g in case)


def _counts(tok: Any) -> bool:
    """Whether a noun counts what follows it ("thousands", "dozens", "milliers"): a number
    word in the plural, by the parser's lexical attribute of its singular."""
    return tok.pos_ == "NOUN" and tok.doc.vocab[tok.lemma_.lower()].like_num


def _under_preposition(g: Any, top: Any, preps: set[str], lang: str | None = None) -> bool:
    """Whether ``g`` lies in a phrase of one of ``preps`` below ``top`` ("with the forces of X");
    with ``lang``, not one that completes an act noun ("to halt talks with X": the partner
    of the talks, not a companion in the act)."""
    while g is not top and g.head.i != g.i:
        if g.pos_ == "ADP" and g.lower_ in preps:
            return lang is None or not _act_noun(g.head, lang)
        g = g.head
    return False


def prep_objects(c: Any) -> Iterable[tuple[str, Any]]:
    """(preposition, object) pairs under a prep (English; also the "to" of a recipient the
    parser marks dative: "provided aid to X") or an obl/nmod with a case child (French)."""
    if c.dep_ == "prep" or (c.dep_ == "dative" and c.pos_ == "ADP"):
        for g in c.children:
            if g.dep_ in ("pobj", "pcomp"):
                yield c.lower_, g
    elif c.dep_.split(":")[0] in ("obl", "nmod"):  # and their subtypes: obl:arg, obl:mod, nmod:poss …
        case = [g.lower_ for g in c.children if g.dep_ == "case"]
        if case:
            yield case[0], c
    elif c.pos_ == "ADV":
        # a compound preposition the French parser splits: "auprès de la Chine", "autour de
        # Taïwan" (the adverb heads an oblique whose case word is "de" or "à")
        for g in c.children:
            if g.dep_.split(":")[0] in ("obl", "nmod") and any(x.dep_ == "case" for x in g.children):
                yield c.lower_, g


def _phrase_preposition(a: Any) -> str:
    """The preposition of a phrase on a noun: the word itself in English ("of"), its case word
    under Universal Dependencies, where the noun is the dependent ("de" of "les accusations des
    États-Unis": nmod États-Unis, case des); the word itself where there is none."""
    if a.dep_.split(":")[0] in ("nmod", "obl"):
        case = [g.lower_ for g in a.children if g.dep_ == "case"]
        if case:
            return case[0]
    return a.lower_


def _shared_complements(tok: Any) -> list[Any]:
    """The prepositional phrases a noun shares with the last noun coordinated after it ("its
    rejection and condemnation of the plan": "of the plan" is the rejection's too), those of
    a preposition the noun has none of its own."""
    later = [x for x in tok.conjuncts if x.i > tok.i and x.pos_ == "NOUN"]
    if tok.pos_ != "NOUN" or not later:
        return []
    own = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    return [c for c in later[-1].children if c.dep_ == "prep" and c.i > later[-1].i and c.lower_ not in own]


def _parallel_object(h: Any) -> Any:
    """The object of the first of two coordinated verbs that an object pronoun of the second
    stands for ("arrested the editor and charged him"); None otherwise."""
    verb = h.head
    if h.pos_ != "PRON" or h.dep_ not in OBJ or verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    objects = [c for c in verb.head.children if c.dep_ in OBJ and c.pos_ in ("NOUN", "PROPN")]
    return objects[0] if objects else None


def _act_noun(h: Any, lang: str) -> bool:
    """Whether a noun is one of the lexicon's act nouns ("protest", "attack", "investigation")."""
    return h.pos_ == "NOUN" and any(t.pos == "NOUN" for t in lexicon().single.get((languages.primary(lang), h.lemma_.lower()), ()))


def _own_noun(c: Any, trig: Any) -> bool:
    """Whether a verb's object is the noun of the trigger's own phrase and a noun of an act by
    itself, which names the act ("launch investigation": "launched an investigation into X"),
    not whom it is done to ("ban newspaper": the newspapers are)."""
    words = getattr(trig, "words", ())
    lemma = c.lemma_.lower()
    return (len(words) > 1 and lemma in words[1:]
            and any(t.pos == "NOUN" for t in lexicon().single.get((trig.lang, lemma), ())))


def _talk(trig: Any) -> bool:
    """Whether a trigger tells a talk, call or discussion, whose words after the subject
    prepositions are its topic: a CONSULT, or a trigger whose object is a topic."""
    return trig.type == "CONSULT" or trig.args.target_is == "prep"


def _subject_phrases(top: Any, offset: int, lang: str) -> list[tuple[int, int]]:
    """Where, in ``top``'s phrase, a subject preposition introduces what a talk is about."""
    subject = languages.profile(lang).subject_prepositions
    return [_phrase_bounds(obj, offset) for g in top.subtree if g is not top
            for prep, obj in prep_objects(g) if prep in subject]


def aside_spans(tok: Any, trig: Any, offset: int, lang: str,
                discussing: Any = None) -> tuple[tuple[int, int], ...]:
    """Where the trigger's sentence says what is done about, not where it is done: for a
    talk (:func:`_talk`), its topic (the object of "discussed Libya"; the phrases after the
    subject prepositions on the trigger or on its object, "held talks on the war in Syria");
    for any act, a phrase after an additive preposition ("…, along with Syria"). A place
    there is not the event's place."""
    prof = languages.profile(lang)
    talk = _talk(trig)
    spans = _subject_phrases(tok, offset, lang) if talk else []
    if talk and discussing is not None:
        # "held a telephone conversation with X to discuss the situation in Libya": what the
        # governed verb of discussing takes as object is the talk's topic
        for top in {tok, _carrier(tok) or tok}:
            for c in top.children:
                if c.dep_ in ("xcomp", "advcl", "acl") and discussing(c):
                    spans.extend(_phrase_bounds(g, offset) for g in c.children if g.dep_ in OBJ)
    for c in tok.children:
        if c.dep_ in OBJ and trig.args.target_is == "prep":
            spans.append(_phrase_bounds(c, offset))
        elif any(prep in prof.additive_prepositions for prep, _obj in prep_objects(c)) or (
                c.dep_ == "prep" and c.lower_ in prof.additive_prepositions):
            spans.append(_phrase_bounds(c, offset))  # "along with Syria": "along" holds "with", no object
    return tuple(spans)


def target_preps(trig: Any, lang: str) -> set[str]:
    """The prepositions that introduce a target for this trigger (its own, else the language's),
    and always those of whom an act is aimed at ("opened investigations against X")."""
    given = trig.args.target_preps
    prof = languages.profile(lang)
    return (set(given) | set(prof.punished_prepositions)) if given else set(prof.target_prepositions)


def unique(ms: list[Mention]) -> list[Mention]:
    """The mentions, one per entity, in order."""
    seen, out = set(), []
    for m in ms:
        if m.entity_id not in seen:
            seen.add(m.entity_id)
            out.append(m)
    return out



def mediator_phrases(doc: Any, lang: str) -> list[Any]:
    """The heads of the phrases of a sentence that name a third party's part in others' talks
    or agreement (the profile's ``mediation_words``): the agent or the hyphenated doer of a
    mediation participle ("a truce brokered by Egypt", "an Egypt-brokered truce") and a
    mediation noun after one of the ``mediation_prepositions`` ("under the auspices of the AU",
    "with Turkish mediation"). PLOVER codes mediation as the mediator's own act (CONSULT,
    CAMEO 045): the mediator is no party to what it brokered."""
    prof = languages.profile(lang)
    words = prof.mediation_words
    out: list[Any] = []
    if not words:
        return out
    for t in doc:
        if not _mediation_word(t, words):
            continue
        if t.pos_ in ("VERB", "AUX") and ((t.dep_ in ("acl", "amod") and not _people_noun(t.head)) or any(
                c.dep_ in SUBJ_PASS and not _people_noun(c) for c in t.children)):
            # not on the people it receives ("Erdogan, hosted by Putin": the host of a visit)
            out.extend(obj for _holder, obj in _mediation_agents(t, prof))
        elif t.pos_ in ("NOUN", "PROPN") and _after_mediation_preposition(t, prof):
            out.append(t)
    return out


def _mediation_word(t: Any, words: frozenset[str]) -> bool:
    """Whether a word is one of the profile's ``mediation_words`` (by lemma or form)."""
    return t.lemma_.lower() in words or t.lower_ in words


def _mediation_agents(t: Any, prof: Any) -> list[tuple[Any, Any]]:
    """(holder, word) for who does a mediation verb's act named on it: the object of its agent
    phrase ("brokered by Egypt"; an oblique agent in Universal Dependencies: "négocié par
    l'Égypte") and a name joined to it by a hyphen ("Egypt-brokered")."""
    out: list[tuple[Any, Any]] = []
    doc = t.doc
    for c in t.children:
        if c.dep_ == "agent":
            out.extend((c, g) for g in c.children if g.dep_ in ("pobj", "pcomp"))
        elif c.dep_ == "obl:agent":
            out.append((c, c))
        elif c.i < t.i and c.i + 1 < len(doc) and doc[c.i + 1].text in ("-", "‐", "–") and c.pos_ in ("PROPN", "NOUN", "ADJ"):
            out.append((c, c))
    return out


def _after_mediation_preposition(t: Any, prof: Any) -> bool:
    """Whether a mediation noun stands after one of the profile's ``mediation_prepositions``
    ("under the auspices of", "with Turkish mediation", "thanks to", "sous l'égide de")."""
    preps = prof.mediation_prepositions
    if t.dep_ in ("pobj", "pcomp") and t.head.pos_ == "ADP":
        p = t.head
        words = [p.lower_]
        if p.head.i != p.i:
            words.append(f"{p.head.lower_} {p.lower_}")  # "thanks to"
        return any(w in preps for w in words)
    case = [g for g in t.children if g.dep_ in ("case", "fixed")]
    if t.dep_.split(":")[0] in ("obl", "nmod") and case:
        first = case[0]
        words = [first.lower_, " ".join(g.lower_ for g in case)]
        words += [f"{first.lower_} {g.lower_}" for g in first.children if g.dep_ == "fixed"]
        return any(w in preps for w in words)
    return False
