"""The coder: one article's events, sentence by sentence, from the parses annotate stored.

For every sentence that names someone and holds a trigger, each trigger of the lexicon
(``lexicon``) gives an event: its arguments (``arguments``), status and attribution
(``modality``), the time expressions that may date it and the place it happened; the
sentence's triggers are then settled together (``modality.govern``) and the confidence
blended with the sentence classifier's (``confidence``).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ... import languages
from ...models import Annotation, Article, EventMention, Resolution
from ...nlp import deserialize
from ..annotate.candidates import may_carry_event
from . import modality
from .arguments import (CONDITIONS, NOUN_CLAUSE, OBJ, SUBJ, SUBJ_PASS, Arguments, _carrier, _reporters, aside_spans, people_clauses,
                        prep_objects)
from .confidence import clause_depth, rules, told_in_past
from .lexicon import COOPERATIVE, UNDOING, lexicon, triggers

__all__ = ["Coder"]

# how much less sure the rules are of a main verb's event coded without its ``requires`` words
FALLBACK_PENALTY = 0.1
# the sectors of a state's armed and security forces: who rescues hostages
_SECURITY = {"MIL", "COP", "SPY"}


class Coder:
    """Codes one article's sentences by the rules: ``Coder(article, annotation, entities).coded_sentences()``;
    the stage (``code_batch``) then blends in the sentence classifier."""

    def __init__(self, article: Article, ann: Annotation, res: Resolution) -> None:
        self.article = article
        self.ann = ann
        self.res = res
        self.args = Arguments(article, ann, res)
        self.lang = self.args.lang
        self.lex = lexicon()
        self.parsed: dict[int, Any] = {}  # sentence index -> its stored parse (coded_sentences fills it)
        self.ruled_out: set[int] = set()  # sentences the classifier proposes nothing for (coded_sentences fills it)
        self.vetoed: dict[int, set[str]] = {}  # sentence -> types its main verb's word was read as no act of
        self.acts: set[int] = set()  # tokens of the sentence being coded that tell an act (coded_sentences fills it)

    # -- which sentences to parse ----------------------------------------------------------

    def candidates(self) -> list[int]:
        """Sentences with an actor (or "the two countries") and a word that may be a trigger."""
        by_sentence = set(self.args.named_sentences)
        starts = [a for a, _ in self.ann.sentences]
        # a country word alone can carry an actor ("the Russian and Turkish ministers"), and a
        # place the country of a role word ("la police a arrêté des manifestants au Caire")
        by_sentence |= {max(0, bisect.bisect_right(starts, sp.start) - 1) for sp in self.ann.spans if sp.label in ("NORP", "GPE", "LOC")}
        return [
            i for i, (s, e) in enumerate(self.ann.sentences)
            if may_carry_event(self.article.text[s:e], self.lang, names_someone=i in by_sentence)
        ]

    # -- one event -------------------------------------------------------------------------

    def event(self, sent_index: int, doc: Any, tok: Any, trig: Any, offset: int) -> EventMention | None:
        """The event a trigger tells: its arguments, status, attribution, candidate dates,
        place and the rules' confidence; None when the trigger's sense does not fit the
        sentence or the act names nobody."""
        if not trig.allowed(doc.text) and not self.promised(tok, trig, doc):
            return None
        if trig.type == "REJECT" and _declines_comment(tok, self.lang):
            return None
        if trig.type == "REQUEST" and _asks_a_question(tok, self.lang):
            return None
        if _participant_not_acting(tok, self.lang):
            return None
        sense = self.no_act_sense(tok, trig, offset)
        if sense:
            carrier = _carrier(tok) if sense == "predicted" else None
            if tok.dep_ == "ROOT" or (carrier is not None and carrier.dep_ == "ROOT" and tok.dep_ in OBJ):
                # the main verb's word read and found no act of this type: the classifier does
                # not propose it again for the sentence (proposal.propose); a prediction or a
                # visit to a building tells no act at all, a plea delivered may still be a request
                # (a warning noun the main verb gives, "issued a warning of famine", is read so too)
                self.vetoed.setdefault(sent_index, set()).add(trig.type)
                if sense != "said":
                    self.ruled_out.add(sent_index)
            return None
        if (trig.type == "PROTEST" and trig.pos == "VERB"
                and _objection(tok, self.lang, lambda: self.place_words(sent_index, offset), self.acts)):
            # "the UN protested at the lack of access": a verbal objection, PLOVER ACCUSE disapprove
            # ("PROTEST presumes significant physical/material activity")
            trig = replace(trig, type="ACCUSE", cameo="111", mode="disapprove")
        if trig.args.needs_object and tok.pos_ in ("VERB", "AUX") and not any(c.dep_ in OBJ | SUBJ_PASS for c in tok.children):
            return None  # "the rally broke up": no one broke it up
        word = tok  # the trigger's own word, whatever stands for it in the clause
        tok = _kind_noun(tok, self.lang)
        found = self.args.of_trigger(sent_index, tok, trig, offset)
        if found is None:
            return None
        sources, targets, guessed = found
        if trig.mode == "visit" and trig.args.source_is == "object" and self.args.third_party(tok):
            # "hosted talks between X and Y": a meeting hosted by a third party (PLOVER CONSULT mode)
            trig = replace(trig, mode="third-party")
        if trig.args.source_is == "speaker":
            # "X said Y was behind the bombing": X accuses Y (the clause's subject)
            # told by nobody ("the cartel has been responsible for killings"): the writer's
            # account of the act, which the act's own trigger codes
            sources, targets = modality.speaker(tok, offset, self.args, self.lex), sources
            if not sources:
                return None
        # a concession told by its own cancelling word ("called off the strike") is no cancelled act
        status = modality.status(tok, doc, self.lex, self.lang, undoing=trig.type in UNDOING
                                 and tok.pos_ in ("VERB", "AUX"))
        if trig.args.source_is == "speaker" and trig.type == "THREATEN":
            # "warned that Israel will pay a heavy price": the threat is made when said; the
            # future is the threatened outcome's, not the act's
            status = "occurred"
        attribution, attribution_span = modality.attribution(tok, offset, self.args, self.lex)
        demand = modality.demand(tok, offset, self.args, self.lex)
        if demand is not None:
            # "X said that Y must drop its barriers": a REQUEST by X to Y (CAMEO 10)
            speaker, addressee = demand
            trig = modality.as_request(trig)
            sources, targets, status = speaker, addressee or sources, "occurred"
            attribution, attribution_span = None, None
        if status == "denied" and trig.type in COOPERATIVE and modality.refusal(tok, self.lang):
            # "X will not lift the embargo until ...": X refuses now (CAMEO 12), it is no act denied
            trig, status = modality.as_reject(trig), "occurred"
        date_candidates = self.date_candidates(sent_index, tok, offset)
        location, location_span = self.location(sent_index, tok, offset, {m.entity_id for m in sources + targets},
                                                aside=aside_spans(tok, trig, offset, self.lang, self.discussing))
        sources, targets = self.args.by_convention(sent_index, tok, trig, sources, targets, location, location_span, offset)
        parsed_targets = targets
        if not targets and len(sources) == 1 and languages.profile(self.lang).nearest_targets:
            # the parse names no target (French: "a appelé Israël et le Hamas à …" with "Israël"
            # a complement of nothing): the nearest names give it, as they give the classifier's;
            # the rules are no surer of the event for it (their confidence reads the parse's)
            targets = self.nearest_target(sent_index, tok, offset, sources, attribution_span)
        if trig.type == "RETREAT" and (trig.mode == "release" or trig.cameo in ("084", "0841")) and self.rescue(tok, sources):
            # "troops freed 30 schoolgirls held by bandits": a rescue (PLOVER AID), not a release
            trig = replace(trig, type="AID", cameo="070", mode=None, context="humanitarian")
        confidence = rules(tok, trig, self.lang, sources=sources, targets=parsed_targets, location=location, guessed=guessed)
        s0, s1 = self.ann.sentences[sent_index]
        return EventMention(
            article_id=self.article.id, sentence=sent_index, start=s0, end=s1,
            trigger=(offset + word.idx, offset + word.idx + len(word.text), word.text),
            type=trig.type, cameo=trig.cameo, mode=trig.mode, context=trig.context, status=status,
            source=tuple(m.entity_id for m in sources), target=tuple(m.entity_id for m in targets),
            source_spans=tuple((m.start, m.end) for m in sources),
            target_spans=tuple((m.start, m.end) for m in targets),
            location=location, location_span=location_span,
            date_candidates=date_candidates,
            attribution=attribution, attribution_span=attribution_span,
            confidence=confidence, main_clause=clause_depth(tok) == 0, past=told_in_past(tok, self.lang),
        )

    def nearest_target(self, sent_index: int, tok: Any, offset: int, sources: list[Any],
                       attribution_span: tuple[int, int] | None) -> list[Any]:
        """The nearest names' target of an act the parse gives none (the profile's
        ``nearest_targets``): the first actor named after the trigger, else the last before it,
        that is neither the source nor of its country, nor who says so ("selon X", the subject
        of the speech verb above), a mediator, someone in a clause on people, or one harmed, nor
        a name written in small letters where capitals mark names ("la date de la réunion": a
        meeting, not the island a tagger saw in it; a group named by its sector and country,
        "au gouvernement israélien", is written so and stays)."""
        from .proposal import attribution_zones

        s0, s1 = self.ann.sentences[sent_index]
        doc = tok.doc
        zones = attribution_zones(self.article.text, s0, s1, self.lang) + people_clauses(doc, offset, tok)
        zones += _reporters(tok, offset) + self.args.mediator_spans(tok, offset) + self.args.victims(doc, offset)
        if attribution_span:
            zones.append(attribution_span)
        own = {m.entity_id for m in sources}
        homes = {self.args.country_of(m.entity_id) for m in sources}
        prof = languages.profile(self.lang)
        text = self.article.text
        found = [m for m in self.args.mentions_in(s0, s1)
                 if m.entity_id not in own and self.args.country_of(m.entity_id) not in homes
                 and not (prof.cased and not prof.nouns_capitalised and m.via != "role" and _small_letter(text[m.start:m.end]))
                 and not any(a <= m.start < b for a, b in zones)
                 and not any(m.start < x.end and x.start < m.end for x in sources)]
        at = offset + tok.idx
        after = [m for m in found if m.start >= at]
        if after:
            return after[:1]
        return found[-1:]

    def date_candidates(self, sent_index: int, tok: Any, offset: int) -> tuple[tuple[int, int], ...]:
        """The sentence's time expressions that may date this act, best first: those inside the
        phrase the trigger heads, then the rest, each by distance from the trigger. Which one
        dates it depends on what each means at the article's date: the anchor stage's choice."""
        s0, s1 = self.ann.sentences[sent_index]
        times = [t for t in self.ann.times if s0 <= t.start < s1 and t.type in ("DATE", "TIME")]
        usable = [t for t in times if _time_belongs(t, tok, offset)]
        anchor = offset + tok.idx
        head_span = (offset + tok.head.left_edge.idx, offset + tok.head.right_edge.idx + 1)
        ranked = sorted(usable, key=lambda t: (not head_span[0] <= t.start < head_span[1], abs(t.start - anchor), t.start))
        return tuple((t.start, t.end) for t in ranked)

    def location(self, sent_index: int, tok: Any, offset: int, actor_ids: set[str],
                 aside: tuple[tuple[int, int], ...] = ()) -> tuple[str | None, tuple[int, int] | None]:
        """(place id, span): the place mention of the sentence nearest the trigger that is not
        one of the event's actors nor in a phrase ``aside`` (what a talk is about:
        :func:`aside_spans`); (None, None) when the sentence names no such place."""
        s0, s1 = self.ann.sentences[sent_index]
        places = [m for m in self.args.place_mentions if s0 <= m.start < s1 and m.entity_id not in actor_ids
                  and not any(a <= m.start < b for a, b in aside)]
        if not places:
            return None, None
        anchor = offset + tok.idx
        best = min(places, key=lambda m: abs(m.start - anchor))
        return best.entity_id, (best.start, best.end)

    def place_words(self, sent_index: int, offset: int) -> set[int]:
        """Character offsets (from the sentence's parse) of the words a place name, a
        nationality or a facility covers in this sentence."""
        s0, s1 = self.ann.sentences[sent_index]
        out: set[int] = set()
        for sp in self.ann.spans:
            if sp.label in ("GPE", "LOC", "FAC") and s0 <= sp.start < s1:
                out.update(range(sp.start - offset, sp.end - offset))
        for m in self.args.place_mentions:
            if s0 <= m.start < s1:
                out.update(range(m.start - offset, m.end - offset))
        return out

    def no_act_sense(self, tok: Any, trig: Any, offset: int) -> str | None:
        """Whether the trigger's word is used here in a sense that is no act of its type, by the
        PLOVER definitions: a CONSULT is a meeting of actors, so a visit to a building or site
        (the profile's ``facility_nouns``: "visited the hospital") is none; AID and MOBILIZE
        give or send goods, services or people, so a verb acting on what is said
        (``speech_nouns``: "delivered a plea") tells no such act; a THREATEN is a threat of an
        act, so a warning of an outcome (:meth:`prediction`) is none. "place", "said" or
        "predicted", else None."""
        prof = languages.profile(self.lang)
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")] if tok.pos_ in ("VERB", "AUX") else []
        if tok.pos_ == "NOUN":  # "a visit to the hospital": what the noun is aimed at
            objs = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in trig.args.target_preps
                    for g in c.children if g.dep_ == "pobj"]
        if trig.type == "CONSULT" and trig.args.target_is != "prep" and trig.pos != "PHRASE":
            for o in objs:
                if o.lemma_.lower() in prof.facility_nouns:
                    return "place"
        if trig.type in ("AID", "MOBILIZE") and any(o.lemma_.lower() in prof.speech_nouns for o in objs):
            return "said"
        if trig.type == "THREATEN" and self.prediction(tok, offset):
            return "predicted"
        return None

    def prediction(self, tok: Any, offset: int) -> bool:
        """Whether a warning (a verb of the profile's ``warning_verbs`` or a noun of its
        ``warning_nouns``) warns of an outcome that is no act of the speaker against anyone:
        PLOVER THREATEN is a threat of an act by the source, and "warned that the camps would
        soon lack water", "warned of a humanitarian catastrophe" or "issued a warning of famine"
        predict. A threat when someone is warned ("warned Israel that …", "a warning to
        Ethiopia", "Ethiopia received a warning"), when there is a condition ("if", "unless"),
        and when what is warned of tells an act (a trigger of the lexicon: "warned of
        sanctions"), names one of the profile's ``threat_nouns`` ("warned of serious
        consequences") or is the speaker's own deed ("warned that it would retaliate", "that we
        will respond"). Only when the content is given: a clause or the object of one of the
        profile's ``warning_prepositions`` ("of", "about"; "sur", "contre")."""
        prof = languages.profile(self.lang)
        verbal = tok.pos_ == "VERB"
        if verbal and tok.lemma_.lower() not in prof.warning_verbs:
            # a phrase told on its verb ("issued a warning", "reiterated its warning"): the noun's
            noun = next((c for c in tok.children if c.dep_ in OBJ and c.lemma_.lower() in prof.warning_nouns), None)
            if noun is None:
                return False
            tok, verbal = noun, False
        lemma = tok.lemma_.lower()
        if not verbal and (tok.pos_ != "NOUN" or lemma not in prof.warning_nouns):
            return False
        preps = prof.warning_prepositions
        carrier = _carrier(tok) if not verbal else tok
        if verbal and any(c.dep_ in OBJ for c in tok.children):
            return False  # someone is warned
        if self._warned(tok, carrier, offset, preps):
            return False  # "a warning to Ethiopia", "Ethiopia received a warning"
        clauses = ("ccomp",) if verbal else ("ccomp", "acl")
        contents = [c for c in tok.children if c.dep_ in clauses and c.pos_ in ("VERB", "AUX")]
        contents += [g for c in tok.children for p, g in prep_objects(c) if p in preps]
        if not contents:
            return False
        if any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITIONS for g in c.children)
               for c in (carrier or tok).subtree):
            return False  # "warned that if …, it would …"
        warners = {m.entity_id for m in (self.args.subject(tok, offset) if verbal else self._warners(tok, carrier, offset))}
        for c in contents:
            words = list(c.subtree)
            if any(w.i in self.acts or w.lemma_.lower() in prof.threat_nouns for w in words):
                return False
            for subj in (g for g in c.children if g.dep_ in SUBJ):
                if subj.pos_ == "PRON" and "1" in subj.morph.get("Person"):
                    return False  # "warned that we will respond"
                if warners & {m.entity_id for m in self.args.actors_of(subj, offset)}:
                    return False  # "warned that it would hit back": its own deed
        return True

    def _warned(self, tok: Any, carrier: Any, offset: int, preps: frozenset[str]) -> bool:
        """Whether a warning noun names whom it is addressed to: an actor after a target
        preposition of the noun or of the verb that carries it ("a warning to Ethiopia", "a
        adressé un avertissement à l'Éthiopie"), that verb's indirect object, or the subject of
        a verb of receiving ("Ethiopia received a warning")."""
        if tok.pos_ != "NOUN":
            return False
        prof = languages.profile(self.lang)
        aimed = set(prof.target_prepositions) - set(preps) - set(prof.subject_prepositions) - set(prof.author_prepositions)
        holders = [tok] + ([carrier] if carrier is not None and carrier is not tok else [])
        for h in holders:
            for c in h.children:
                if c.dep_ in ("iobj", "dative") and self.args.actors_of(c, offset):
                    return True
                if any(p in aimed and self.args.actors_of(g, offset) for p, g in prep_objects(c)):
                    return True
        return (carrier is not None and carrier is not tok and carrier.lemma_.lower() in prof.receiving_verbs
                and bool(self.args.subject(carrier, offset)))

    def _warners(self, tok: Any, carrier: Any, offset: int) -> list[Any]:
        """Who gives a warning noun: its author ("a warning from Cairo"), its possessor, or the
        subject of the verb that carries it ("Oxfam issued a warning")."""
        prof = languages.profile(self.lang)
        out = [m for c in tok.children for p, g in prep_objects(c) if p in prof.author_prepositions
               for m in self.args.actors_of(g, offset)]
        out += [m for c in tok.children if c.dep_ in ("poss", "nmod:poss") for m in self.args.actors_of(c, offset)]
        if carrier is not None and carrier is not tok:
            out += self.args.subject(carrier, offset)
        return out

    def discussing(self, verb: Any) -> bool:
        """Whether the lexicon reads this verb's object as a topic ("discuss": ``target_is``
        ``prep``)."""
        return any(t.args.target_is == "prep" for t in self.lex.single.get((self.lang, verb.lemma_.lower()), ()))

    def ruled_out_root(self, doc: Any) -> bool:
        """Whether the sentence's main verb declines to comment or asks a question
        (:func:`_declines_comment`, :func:`_asks_a_question`)."""
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        return root is not None and (_declines_comment(root, self.lang) or _asks_a_question(root, self.lang))

    def rescue(self, tok: Any, sources: list[Any]) -> bool:
        """Whether freeing people is a rescue: done by soldiers, police or agents of a state
        (sectors MIL, COP, SPY) and what the verb acts on names people held by captors (the
        profile's ``captive_words``: "hostages", "kidnapped", "held by"). The PLOVER manual codes
        hostage rescues as AID ("Police in Barcelona freed 10 human trafficking victims during an
        operation"), the release of one's own captives as RETREAT."""
        words = languages.profile(self.lang).captive_words
        if not words or not sources or not all(self.args.sector_of(m.entity_id) in _SECURITY for m in sources):
            return False
        said = " ".join(t.lower_ for c in tok.children if c.dep_ not in ("nsubj", "nsubjpass", "nsubj:pass")
                        for t in c.subtree)
        return any(f" {w} " in f" {said} " for w in words)

    def promised(self, tok: Any, trig: Any, doc: Any) -> bool:
        """Whether an event noun held back by its ``requires`` words alone is what a promise
        or offer acts on ("promised Washington's support", "offered its help"): the verb that
        takes it as object is an AGREE trigger of the lexicon, which says the noun is meant
        as an act (the promise of support is support: ``modality.govern``)."""
        if tok.pos_ != "NOUN" or tok.dep_ not in OBJ or not trig.allowed_without_requires(doc.text):
            return False
        verb = tok.head
        return verb.pos_ == "VERB" and any(
            t.type == "AGREE" and t.pos == "VERB" for t in self.lex.single.get((self.lang, verb.lemma_.lower()), ()))

    def main_verb_fallback(self, sent_index: int, doc: Any, offset: int, senses: dict[int, list[Any]],
                           hits: list[tuple[Any, EventMention]]) -> tuple[Any, EventMention] | None:
        """The main verb's event when the lexicon knows the verb in one type only and every
        entry was held back by its ``requires`` words alone ("defended Brazil's policies",
        "returned the artifacts to Peru"): those words pick a sense among several or guard
        against a loose reading, and on unseen text they are often missing; the verb that
        heads the sentence keeps its one type, with less confidence than a sense that fits,
        and no mode (the mode came with the missing words). Not for a verb followed only by
        what is said ("spoke of deep differences": the profile's topic prepositions) where its
        entry names the partner its act needs ("spoke with")."""
        if not languages.profile(self.lang).sense_fallback:
            return None  # the profile's switch: on where it was measured and kept (English)
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or root.pos_ != "VERB" or root.i not in senses or any(t.i == root.i for t, _ in hits):
            return None
        if any(t.i in senses or t.dep_ in ("xcomp", "ccomp") for t in _complements(root)) or any(
                c.dep_ == "oprd" for c in root.children):
            # "ordered sanctions", "called X to congratulate": that act is the news; "ordered X to
            # appear": a verb that governs a clause means what the clause says; "called him a
            # perfect fit": one that predicates of its object names or judges it, no call
            return None
        if not any(c.dep_ in ("nsubj", "csubj") for c in root.children):
            return None  # a guessed sense needs its doer as subject ("peacekeepers were shipped out": by whom?)
        trigs = senses[root.i]
        if any(not t.args.guess for t in trigs):
            return None  # a verb neutral without its words ("described the situation")
        if len({t.type for t in trigs}) != 1 or any(t.requires == () or not t.allowed_without_requires(doc.text)
                                                      for t in trigs):
            return None
        preps = {c.lower_ for c in root.children if c.dep_ == "prep"}
        if preps & languages.profile(self.lang).topic_prepositions and not preps & set(trigs[0].args.target_preps):
            # "spoke of deep differences", "talked about the past": the verb has its words for
            # what is said, none for the partner its act needs (with, to): a statement
            return None
        # the mode came with the missing words ("by telephone" made the talk a call): not guessed
        trig = replace(trigs[0], requires=(), mode=None)
        ev = self.event(sent_index, doc, root, trig, offset)
        if ev is None:
            return None
        return root, replace(ev, confidence=round(max(0.05, ev.confidence - FALLBACK_PENALTY), 3))

    # -- all events of the article ---------------------------------------------------------

    def coded_sentences(self) -> list[tuple[int, list[EventMention]]]:
        """(sentence index, events) for each sentence where the rules find events, with the
        rules' own confidence."""
        # the parses annotate stored (it parsed every sentence that may carry an event)
        parsed = self.parsed = dict(zip(self.ann.parsed, deserialize(self.ann.parses, self.lang)))
        # sentences whose main verb declines to comment or asks a question: the classifier
        # proposes nothing for them (proposal.open_sentences)
        self.ruled_out: set[int] = set()
        chosen = [i for i in self.candidates() if i in parsed]
        if not chosen:
            return []
        names = [(m.start, m.end) for m in self.res.mentions]
        coded: list[tuple[int, list[EventMention]]] = []
        for i in chosen:
            doc = parsed[i]
            offset = self.ann.sentences[i][0]
            if self.ruled_out_root(doc):
                self.ruled_out.add(i)
            hits: list[tuple[Any, EventMention]] = []
            senses: dict[int, list[Any]] = {}  # token -> its triggers (for the main verb's fallback)
            found_triggers = list(triggers(doc, self.lex, self.lang))
            # the words that tell an act here (what "protested at" may not act on: _objection)
            self.acts = {tok.i for tok, trig, _n in found_triggers if trig.allowed(doc.text)}
            for tok, trig, _n in found_triggers:
                at = offset + tok.idx
                if any(s <= at < e for s, e in names):
                    continue  # "Government of National Accord" is a name, not an agreement
                senses.setdefault(tok.i, []).append(trig)
                ev = self.event(i, doc, tok, trig, offset)
                if ev is not None:
                    hits.append((tok, ev))
            fallback = self.main_verb_fallback(i, doc, offset, senses, hits)
            if fallback is not None:
                hits.append(fallback)
            found = modality.govern(hits)
            if found:
                coded.append((i, modality.merge_sentence(found)))
        return coded


def _declines_comment(tok: Any, lang: str) -> bool:
    """"declined to comment", "refused comment", "a refusé de commenter": what is declined is a
    statement (CAMEO 012, which PLOVER drops), no rejection of anything."""
    mute = languages.profile(lang).comment_verbs
    return any(c.lemma_.lower() in mute and (c.dep_ in ("xcomp", "ccomp") or (
        # "declined comment", not "refuted Trump's comments" (someone's words rejected)
        c.dep_ in ("dobj", "obj") and not any(g.dep_ in ("poss", "nmod:poss", "det") for g in c.children)))
        for c in tok.children)


def _objection(tok: Any, lang: str, places: Callable[[], set[int]], acts: set[int]) -> bool:
    """Whether a protest verb objects in words: it has a preposition of the profile's
    ``objection_prepositions`` ("protested at the decision") whose object is no place, no
    building ("protested at the embassy" was a demonstration there) and no act ("at a rally";
    ``places()``: character offsets of place words, read only when such a preposition is
    there; ``acts``: token indices of acts)."""
    prof = languages.profile(lang)
    if tok.pos_ not in ("VERB",) or not prof.objection_prepositions:
        return False
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in prof.objection_prepositions:
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                if g.lemma_.lower() in prof.facility_nouns or g.idx in places() or g.i in acts:
                    return False
                return True
    return False


def _participant_not_acting(tok: Any, lang: str) -> bool:
    """A noun that names a protest's participants ("protesters", "manifestants") where it is not
    the doer of its clause: "police fired tear gas at protesters", "sous les acclamations des
    manifestants", "14 manifestants tués" tell of something done to them, not of a protest. The
    doer is the subject, or the subject's count noun ("thousands of protesters gathered")."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in languages.profile(lang).participant_nouns:
        return False
    if any(c.dep_ in NOUN_CLAUSE for c in tok.children):
        return False  # "dispersed demonstrators protesting the results": the protest is told
    head = tok
    if tok.dep_ in ("pobj", "nmod") and tok.head.dep_ in ("prep",) and tok.head.head.dep_ in SUBJ:
        head = tok.head.head  # "thousands of protesters"
    elif tok.dep_ == "nmod" and tok.head.dep_ in SUBJ:
        head = tok.head  # "des milliers de manifestants"
    return head.dep_ not in SUBJ and head.dep_ != "ROOT"


def _asks_a_question(tok: Any, lang: str) -> bool:
    """"asked Erdogan why …", "asked whether …", 'asked Coleman, "Are you …?"': a question
    verb with a question after it and nothing that asks for an act (no "to" clause, no "for",
    no "that" clause): a question, not a request (CAMEO 10 is an appeal for an act)."""
    prof = languages.profile(lang)
    if tok.lemma_.lower() not in prof.question_verbs:
        return False
    wanted = False
    asked = False
    for c in tok.children:
        if c.dep_ in ("xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ in ("for", "pour", "para", "per")):
            wanted = True
        elif c.dep_ in ("ccomp", "obj", "dobj") and c.pos_ in ("VERB", "AUX"):
            first = [t for t in c.subtree][0]
            marks = {g.lower_ for g in c.children if g.dep_ in ("mark", "advmod", "nsubj", "attr", "dobj", "obj")}
            if first.lower_ in prof.question_words or marks & prof.question_words or first.tag_.startswith("W"):
                asked = True
            elif any(g.dep_ == "mark" for g in c.children):
                wanted = True  # "asked that the UN intervene"
    if not asked:
        # a quoted question after the verb
        after = tok.doc[tok.i + 1 :].text
        asked = "?" in after and any(q in after for q in ('"', "“", "«", "''", "``"))
    if not asked and not wanted:
        # "the lawyer asked Coleman, who said …": only whom is asked, nothing asked for (no
        # clause, no "for", no thing as object): an interview or a cross-examination
        asked = all(c.pos_ in ("PROPN", "PRON") for c in tok.children if c.dep_ in ("dobj", "obj", "dative", "iobj")) and not any(
            c.dep_ in ("ccomp", "xcomp", "oprd", "advcl") or (c.dep_ == "prep" and c.lower_ not in prof.background_prepositions)
            for c in tok.children) and any(c.dep_ in ("dobj", "obj") for c in tok.children)
    return asked and not wanted


def _kind_noun(tok: Any, lang: str) -> Any:
    """The noun an event noun names the kind of, when that noun is what a light verb acts on:
    "launched a mediation effort", "waged a bombing campaign" are a mediation and a bombing,
    told in the main clause, by the light verb's subject. Else the token itself."""
    head = tok.head
    if (tok.dep_ == "compound" and tok.pos_ in ("NOUN", "PROPN") and head.pos_ == "NOUN" and head.dep_ in OBJ
            and head.head.lemma_.lower() in languages.profile(lang).light_verbs):
        return head
    return tok


def _complements(verb: Any) -> list[Any]:
    """The words that say what a verb acts on or is for: its object, its clausal complements,
    a clause of purpose ("to congratulate him") and what it is "for" ("for a meeting")."""
    out = []
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "xcomp", "ccomp"):
            out.append(c)
        elif c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ == "for":
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def _time_belongs(t: Any, tok: Any, offset: int) -> bool:
    """Whether a time expression dates this trigger's act: not when it modifies another noun
    ("the 2020 Berlin Conference", "the September 2019 conference"), nor when it hangs on a verb
    that does not govern the trigger ("the ceasefire proposed last June 6 was rejected" does
    not date the rejection); yes on the trigger itself, its verb, or a verb above it ("said on
    Wednesday that they agreed")."""
    span = tok.doc.char_span(t.start - offset, t.end - offset, alignment_mode="expand")
    if span is None:
        return True
    root = span.root
    if root.dep_ in ("compound", "nummod", "amod", "nmod", "poss", "appos") and root.head.pos_ in ("NOUN", "PROPN") and root.head.i != tok.i:
        return False
    g = root
    for _ in range(8):
        if g.head.i == g.i or g.i == tok.i:
            break
        g = g.head
        if g.i == tok.i or g.pos_ in ("VERB", "AUX"):
            break
    if g.i == tok.i or g.head.i == g.i and g.pos_ not in ("VERB", "AUX"):
        return True
    if g.pos_ not in ("VERB", "AUX"):
        return True
    return any(a.i == g.i for a in tok.ancestors) or (tok.pos_ not in ("VERB", "AUX") and tok.head.i == g.i)


def _small_letter(surface: str) -> bool:
    """Whether a mention is written in small letters only: "réunion", "l'armée"; not
    "l'Égypte", "al-Sarraj"."""
    return not any(c.isupper() for c in surface)
