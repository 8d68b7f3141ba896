"""The coder: one article's events, sentence by sentence, from the parses annotate stored.

For every sentence that names someone and holds a trigger, each trigger of the lexicon
(``lexicon``) gives an event: its arguments (``arguments``), status and attribution
(``modality``), the time expressions that may date it and the place it happened; the
sentence's triggers are then settled together (``modality.govern``) and the confidence
blended with the sentence classifier's (``confidence``).
"""

from __future__ import annotations

import bisect
from typing import Any

from ... import languages
from ...models import Annotation, Article, EventMention, Mention, Resolution
from ...nlp import deserialize
from ..annotate.candidates import may_carry_event
from .arguments import OBJ, SUBJ, SUBJ_PASS, Arguments, prep_objects, target_preps, unique
from .confidence import blend, prominence
from .lexicon import COOPERATIVE, DOMESTIC, HOSTILE, MONADIC, PLACE_IS_TARGET, lexicon, triggers
from . import modality

__all__ = ["Coder"]

_STATIVE_PASSIVE = {"oppose", "opposed", "commit", "committed", "determine", "determined"}


class Coder:
    """Codes one article: ``Coder(article, annotation, entities).run()``."""

    def __init__(self, article: Article, ann: Annotation, res: Resolution) -> None:
        self.article = article
        self.ann = ann
        self.res = res
        self.args = Arguments(article, ann, res)
        self.lang = self.args.lang
        self.lex = lexicon()

    # -- which sentences to parse ----------------------------------------------------------

    def candidates(self) -> list[int]:
        """Sentences with an actor (or "the two countries") and a word that may be a trigger."""
        by_sentence = {m.sentence for m in self.args.actor_mentions}
        starts = [a for a, _ in self.ann.sentences]
        # a country word alone can carry an actor ("the Russian and Turkish ministers")
        by_sentence |= {max(0, bisect.bisect_right(starts, sp.start) - 1) for sp in self.ann.spans if sp.label in ("NORP", "GPE")}
        return [
            i for i, (s, e) in enumerate(self.ann.sentences)
            if may_carry_event(self.article.text[s:e], self.lang, names_someone=i in by_sentence)
        ]

    # -- one event -------------------------------------------------------------------------

    def event(self, sent_index: int, doc: Any, tok: Any, trig: Any, offset: int) -> EventMention | None:
        lang = self.lang
        if not trig.allowed(doc.text):
            return None
        sources: list[Mention] = []
        targets: list[Mention] = []
        guessed = False
        verbal = tok.pos_ in ("VERB", "AUX")
        carrier = tok  # the verb whose subject is the source
        if not verbal:
            # event nouns: "X's visit", "Turkish-Russian talks", "talks between X and Y",
            # "X held talks with Y", "the meeting … was postponed"
            for c in tok.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod", "nmod:poss"):
                    sources.extend(self.args.actors_of(c, offset))
            if tok.dep_ in OBJ | {"attr", "oprd", "obl", "pobj"} and tok.head.pos_ in ("VERB", "AUX"):
                carrier = tok.head
            elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
                carrier = tok.head.head  # "youths threw stones during demonstrations"
            elif tok.dep_ in SUBJ | SUBJ_PASS:
                carrier = None  # "the talks were held": no subject to take
            elif tok.dep_ in ("acomp", "amod") and tok.head.pos_ in ("VERB", "AUX"):
                carrier = tok.head  # "Israel is opposed to …", "Norway is willing to …"
        if carrier is not None and not sources:
            sources.extend(self.args.subject(carrier, offset))
        for c in tok.children:
            if c.dep_ in OBJ and verbal:
                targets.extend(self.args.actors_of(c, offset))
            elif c.dep_ in ("agent",):
                for g in c.children:
                    sources[:0] = self.args.actors_of(g, offset)
            elif c.dep_ in SUBJ_PASS and verbal:
                if tok.lemma_.lower() in _STATIVE_PASSIVE and not any(g.dep_ == "agent" for g in tok.children):
                    sources.extend(self.args.actors_of(c, offset))  # "Israel is opposed to …" holds a view
                else:
                    targets.extend(self.args.actors_of(c, offset))
            elif c.dep_ in ("prep", "obl", "nmod") or (c.dep_ == "case"):
                for prep, obj in prep_objects(c):
                    if prep in {"between", "entre", "among"}:
                        both = self.args.actors_of(obj, offset)
                        sources.extend(both[:1])
                        targets.extend(both[1:])
                    elif prep in {"by", "par"} and not verbal:
                        sources.extend(self.args.actors_of(obj, offset))
                    elif prep in {"of", "de", "des", "du"} and not verbal and not sources:
                        # "the meeting of the Russian and Turkish ministers"
                        both = self.args.actors_of(obj, offset)
                        sources.extend(both[:1])
                        targets.extend(both[1:])
                    elif prep in target_preps(trig, lang):
                        if prep in {"with", "avec"} and trig.type in HOSTILE | {"THREATEN", "SANCTION"} and not trig.args.target_preps:
                            continue  # "tighten the blockade … with Albania's help": an ally
                        targets.extend(self.args.actors_of(obj, offset))
        if carrier is not None and carrier is not tok:
            for c in carrier.children:
                if c.dep_ in ("prep", "obl"):
                    for prep, obj in prep_objects(c):
                        if prep in {"with", "avec", "between", "entre"} and trig.type in COOPERATIVE | {"CONSULT"}:
                            targets.extend(self.args.actors_of(obj, offset))
        if not sources:
            # no subject the parse ties to an actor: the nearest actor before the trigger in
            # the same clause-ish window, trusted less
            taken = {(m.start, m.end) for m in targets}
            before = [
                m for m in self.args.actor_mentions
                if self.ann.sentences[sent_index][0] <= m.start < offset + tok.idx and (m.start, m.end) not in taken
            ]
            if before:
                sources = [before[-1]]
                guessed = True
        if verbal and trig.type in ("THREATEN", "REQUEST"):
            # "threatened to strike unless Israel rescinded …": who must act is the target;
            # "demanded that the United States match …": the subject of what is demanded
            for c in tok.children:
                marks = {g.lower_ for g in c.children if g.dep_ == "mark"}
                if (c.dep_ == "advcl" and marks & {"unless", "if", "until", "sauf", "si"}) or (
                        trig.type == "REQUEST" and c.dep_ == "ccomp"):
                    subj = [g for g in c.children if g.dep_ in SUBJ | SUBJ_PASS]
                    wanted = self.args.actors_of(subj[0], offset) if subj else []
                    if wanted:
                        targets = [m for m in wanted if m.entity_id not in {x.entity_id for x in sources}] or targets
                        break
        if not targets and (verbal or tok.pos_ == "ADJ"):
            # objects of the verbs the trigger governs ("agreed to provide aid for Romania",
            # "willing to send material to help defend Saudi Arabia")
            for c in tok.children:
                if c.dep_ in ("xcomp", "advcl", "ccomp", "dobj", "obj"):
                    first = None
                    for g in c.subtree:
                        if g is c or not (g.dep_ in OBJ | {"pobj", "obl"} or (first is not None and g.dep_ == "conj")):
                            continue
                        # the nearest argument and its coordinates ("with Congo and Costa Rica"),
                        # not every name further down ("over their ties with Israel")
                        if first is not None and not (g.head.i == first.head.i or (g.dep_ == "conj" and g.head.i in (first.i, *[x.i for x in first.conjuncts]))):
                            break
                        got = [m for m in self.args.actors_of(g, offset) if m.entity_id not in {x.entity_id for x in sources}]
                        if got:
                            targets.extend(got)
                            first = first or g
        if verbal and trig.args.source_is == "object" and targets:
            sources, targets = targets, sources  # "X hosted Y": the visitor Y is the actor
        sources = unique(sources)
        targets = [m for m in unique(targets) if m.entity_id not in {s.entity_id for s in sources}]
        # "X and Y met / agreed": a joint act, both are its source (as PLOVER codes it)
        if not sources and not targets:
            return None
        guessed = guessed or not sources  # "three soldiers were killed": a victim, no agent named
        status = modality.status(tok, doc, self.lex, lang)
        attribution, attribution_span = modality.attribution(tok, offset, self.args, self.lex)
        demand = modality.demand(tok, offset, self.args, self.lex)
        if demand is not None:
            # "X said that Y must drop its barriers": a REQUEST by X to Y (CAMEO 10)
            speaker, addressee = demand
            trig = modality.as_request(trig)
            sources, targets, status = speaker, addressee or sources, "occurred"
            attribution, attribution_span = None, None
        date_candidates = self.date_candidates(sent_index, tok, offset)
        location, location_span = self.location(sent_index, tok, offset, {m.entity_id for m in sources + targets})
        if not targets and location and len(sources) == 1 and (trig.type in PLACE_IS_TARGET or trig.mode == "visit"):
            # no recipient named: the country where it happened (the PLOVER/ICEWS convention for
            # material acts and visits; a meeting's or a signing's venue is not its target)
            place = self.args.res_places.get(location)
            source_countries = {self.args.country_of(m.entity_id) for m in sources}
            # at home only when someone was acted on: "Serb forces killed three villagers in Serbia"
            acted_on = verbal and any(c.dep_ in OBJ | SUBJ_PASS for c in tok.children) and trig.type in ("ASSAULT", "COERCE")
            if place is not None and place.country and (place.country not in source_countries or acted_on):
                targets = [Mention(self.article.id, location_span[0], location_span[1], place.name, "actor", place.country, sent_index, "location")]
        if not sources and location and trig.type in HOSTILE | {"COERCE"}:
            # violence by someone unnamed: coded to the country where it happened (ICEWS/PLOVER)
            place = self.args.res_places.get(location)
            if place is not None and place.country:
                sources = [Mention(self.article.id, location_span[0], location_span[1], place.name, "actor", place.country, sent_index, "location")]
        judged = verbal and trig.type in ("ACCUSE", "THREATEN") and any(c.dep_ in OBJ for c in tok.children)
        if not targets and trig.type in DOMESTIC and len(sources) == 1 and not judged:
            # a protest, crackdown or concession with no one else named happens at home: the
            # source's own country is the target (the PLOVER/ICEWS convention for domestic events);
            # not when what is criticised is a thing ("questioned the viability of the ceasefire")
            home = self.args.country_of(sources[0].entity_id)
            if len(home) == 3 and home.isupper():
                targets = [Mention(self.article.id, sources[0].start, sources[0].end, sources[0].text, "actor", home, sent_index, "domestic")]
        complete = bool(targets) or trig.type in MONADIC or (location is not None and len(sources) == 1)
        # "staged rallies", "held talks", "launched an attack": the noun is the act
        acted = verbal or (tok.dep_ in OBJ and tok.head.lemma_.lower() in languages.profile(lang).light_verbs)
        confidence = 0.45 + (0.2 if acted else 0.1) + (0.15 if complete else 0.0)
        confidence -= 0.15 if guessed else 0.0
        confidence += prominence(tok)
        s0, s1 = self.ann.sentences[sent_index]
        return EventMention(
            article_id=self.article.id, sentence=sent_index, start=s0, end=s1,
            trigger=(offset + tok.idx, offset + tok.idx + len(tok.text), tok.text),
            type=trig.type, cameo=trig.cameo, mode=trig.mode, context=trig.context, status=status,
            source=tuple(m.entity_id for m in sources), target=tuple(m.entity_id for m in targets),
            source_spans=tuple((m.start, m.end) for m in sources),
            target_spans=tuple((m.start, m.end) for m in targets),
            location=location, location_span=location_span,
            date_candidates=date_candidates,
            attribution=attribution, attribution_span=attribution_span,
            confidence=round(max(0.05, min(0.95, confidence)), 3),
        )

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

    def location(self, sent_index: int, tok: Any, offset: int, actor_ids: set[str]) -> tuple[str | None, tuple[int, int] | None]:
        s0, s1 = self.ann.sentences[sent_index]
        places = [m for m in self.args.place_mentions if s0 <= m.start < s1 and m.entity_id not in actor_ids]
        if not places:
            return None, None
        anchor = offset + tok.idx
        best = min(places, key=lambda m: abs(m.start - anchor))
        return best.entity_id, (best.start, best.end)

    # -- all events of the article ---------------------------------------------------------

    def run(self) -> tuple[EventMention, ...]:
        # the parses annotate stored (it parsed every sentence that may carry an event)
        parsed = dict(zip(self.ann.parsed, deserialize(self.ann.parses, self.lang)))
        chosen = [i for i in self.candidates() if i in parsed]
        if not chosen:
            return ()
        names = [(m.start, m.end) for m in self.res.mentions]
        coded: list[tuple[int, list[EventMention]]] = []
        for i in chosen:
            doc = parsed[i]
            offset = self.ann.sentences[i][0]
            hits: list[tuple[Any, EventMention]] = []
            for tok, trig, _n in triggers(doc, self.lex, self.lang):
                at = offset + tok.idx
                if any(s <= at < e for s, e in names):
                    continue  # "Government of National Accord" is a name, not an agreement
                ev = self.event(i, doc, tok, trig, offset)
                if ev is not None:
                    hits.append((tok, ev))
            found = modality.govern(hits)
            if found:
                coded.append((i, modality.merge_sentence(found)))
        # the second opinion: sentence vectors' probabilities temper the rules' confidence
        return blend(self.article.text, self.ann.sentences, coded)


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

