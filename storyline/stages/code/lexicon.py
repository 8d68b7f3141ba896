"""The event lexicon as the coder reads it, and the triggers it finds in a parsed sentence.

The triggers, modality cues and example sentences live in ``storyline/knowledge/events``;
this module indexes them per language (single lemmas, multi-word phrases longest first,
the status cues) and says which event types behave alike (cooperative, hostile, …).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from ... import languages
from ...knowledge.events import ArgHints, Trigger, match_phrase

__all__ = [
    "Lexicon", "lexicon", "fingerprint", "triggers",
    "MONADIC", "PLACE_IS_TARGET", "DOMESTIC", "COOPERATIVE", "HOSTILE", "UNDOING",
]

# event types that behave alike
MONADIC = {"MOBILIZE", "RETREAT", "PROTEST", "CONCEDE", "AGREE"}  # complete with a source alone
PLACE_IS_TARGET = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "CONCEDE", "AID", "SANCTION", "THREATEN", "PROTEST"}
DOMESTIC = {"PROTEST", "CONCEDE", "COERCE", "THREATEN", "ACCUSE", "MOBILIZE"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
# types whose verbs undo or turn down: a cancelling verb of their own tells their act ("called off
# the strike", "cancelled the deal": no cancelled status), and a document they turn down is not
# adopted ("vetoed a resolution condemning X" is the veto, not the condemnation)
UNDOING = frozenset({"CONCEDE", "RETREAT", "REJECT", "SANCTION"})


def fingerprint() -> str:
    """A hash of the event knowledge files, the two classifiers' weights and the confidence
    calibration: coding re-runs when any changes."""
    import hashlib

    from ...knowledge.events import EVENTS_DIR
    from .classifier import PROPOSER_PATH, WEIGHTS_PATH
    from .confidence import CALIBRATION_PATH

    h = hashlib.sha1()
    # known_events.jsonl is the dating stage's, not the coder's
    extra = [WEIGHTS_PATH, PROPOSER_PATH] + ([CALIBRATION_PATH] if CALIBRATION_PATH.is_file() else [])
    for path in [*sorted(p for p in EVENTS_DIR.glob("*.jsonl") if p.name != "known_events.jsonl"), *extra]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _knowledge():  # type: ignore[no-untyped-def]
    from ...knowledge.events import load_event_knowledge

    return load_event_knowledge()


@dataclass(frozen=True, slots=True)
class Lexicon:
    single: dict[tuple[str, str], list[Any]]  # (lang, lemma) -> triggers
    phrases: dict[str, list[tuple[tuple[str, ...], Any]]]  # lang -> [(lemmas, trigger)], longest first
    first_words: dict[str, set[str]]  # lang -> lemmas that start a phrase
    # lang -> first word -> [(rank in phrases[lang], lemmas, trigger)]: the phrases a token may start
    by_first: dict[str, dict[str, list[tuple[int, tuple[str, ...], Any]]]]
    planned: dict[str, set[str]]
    cancelled: dict[str, set[str]]
    denied: dict[str, set[str]]
    hypothetical: dict[str, set[str]]
    negation: dict[str, set[str]]
    speech: dict[str, set[str]]
    # lang -> hedges ("reportedly", "allegedly"), not in ``hypothetical``: on a past act they
    # tell who vouches for it, not that it may not have happened (modality.status)
    hedge: dict[str, set[str]] = field(default_factory=dict)


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon indexed per language (built once per process)."""
    ek = _knowledge()
    single: dict[tuple[str, str], list[Any]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
    for t in ek.triggers:
        words = tuple(t.lemma.lower().split())
        if len(words) == 1:
            single.setdefault((t.lang, words[0]), []).append(t)
        else:
            phrases.setdefault(t.lang, []).append((words, t))
    for lang in phrases:
        phrases[lang].sort(key=lambda p: -len(p[0]))
    by_first: dict[str, dict[str, list[tuple[int, tuple[str, ...], Any]]]] = {}
    for lang, items in phrases.items():
        for rank, (words, t) in enumerate(items):
            by_first.setdefault(lang, {}).setdefault(words[0], []).append((rank, words, t))
    first = {lang: set(index) for lang, index in by_first.items()}
    langs = languages.languages()
    status = {lang: ek.status_cues(lang) for lang in langs}
    return Lexicon(
        single, phrases, first, by_first,
        planned={lang: set(status[lang].get("planned", ())) for lang in langs},
        cancelled={lang: set(status[lang].get("cancelled", ())) for lang in langs},
        denied={lang: set(status[lang].get("denied", ())) for lang in langs},
        hypothetical={lang: set(status[lang].get("hypothetical", ())) - set(ek.hedge_cues(lang)) for lang in langs},
        negation={lang: set(ek.negation_cues(lang)) for lang in langs},
        speech={lang: set(ek.attribution_cues(lang)) for lang in langs},
        hedge={lang: set(ek.hedge_cues(lang)) for lang in langs},
    )


def triggers(doc: Any, lex: Lexicon, lang: str) -> Iterator[tuple[Any, Any, int]]:
    """(token, trigger, n tokens) for every lexicon hit in a parsed sentence: phrases first
    (longest first), then single lemmas on the tokens no phrase took."""
    lemmas = [t.lemma_.lower() for t in doc]
    texts = [t.lower_ for t in doc]
    index = lex.by_first.get(lang, {})
    used: set[int] = set()
    for verb, obj, trig in reversals(doc, lex, lang):
        used.update((verb.i, obj.i))
        yield verb, trig, 2
    for verb, act, trig in commands(doc, lex, lang):
        if verb.i not in used and act.i not in used:
            used.update((verb.i, act.i))
            yield verb, trig, 2
    for i, tok in enumerate(doc):
        if i in used or (lemmas[i] not in index and texts[i] not in index):
            continue
        starting = index.get(lemmas[i], [])
        if texts[i] != lemmas[i] and texts[i] in index:
            starting = sorted(starting + index[texts[i]], key=lambda p: p[0])  # longest first, as in phrases
        for _rank, words, trig in starting:
            hit = match_phrase(words, lemmas, texts, i)
            if (hit is None or hit[0] != i) and len(words) == 2 and trig.allowed(doc.text):
                # a verb and its object however many words stand between ("lifted its
                # decades-old economic embargo" is "lift embargo")
                obj = _object_named(tok, words[1])
                if obj is not None:
                    used.update((i, obj.i))
                    yield tok, trig, 2
                    break
            if hit is None or hit[0] != i or not trig.allowed(doc.text):
                continue  # another sense of the phrase may fit ("hand over" suspects / medicine)
            a, b = hit
            if _dated_particle(doc[a:b], words, lang):
                continue  # "called Putin on Tuesday" is no "call on"
            if _under_other_act(doc[a:b], trig, lex, lang):
                continue  # "announced a suspension of aid" is no "announce aid"
            if words[-1] == "to" and doc[b - 1].dep_ == "aux" and doc[a].pos_ in ("VERB", "AUX"):
                # a verb and its preposition ("go to") do not match the verb before an infinitive:
                # "is going to accept" is a future, not a trip
                continue
            # the phrase's head: the token whose head lies outside the phrase
            head = next((t for t in doc[a:b] if not (a <= t.head.i < b) or t.head.i == t.i), doc[a])
            used.update(range(a, b))
            yield head, trig, b - a
            break
    for i, tok in enumerate(doc):
        if i in used:
            continue
        for trig in lex.single.get((lang, lemmas[i]), ()):
            if _pos_ok(trig.pos, tok.pos_) and (not trig.forms or tok.lower_ in trig.forms):
                yield tok, trig, 1


def _under_other_act(span: Any, trig: Any, lex: Lexicon, lang: str) -> bool:
    """Whether a phrase's last word, a noun, hangs by a preposition on an event noun of another
    type inside the phrase's gap: "announced a suspension of aid", "announced cuts in aid" act on
    the suspension and the cuts, not on the aid the phrase ("announce aid") names. A count or a
    container ("burned hundreds of homes", "a package of aid") is no act and keeps the phrase."""
    last = span[-1]
    if len(span) < 3 or last.pos_ not in ("NOUN", "PROPN") or last.dep_ not in ("pobj", "nmod", "obl"):
        return False
    holder = last.head.head if last.head.pos_ == "ADP" else last.head
    if not (span[0].i < holder.i < last.i and holder.pos_ == "NOUN"):
        return False
    return any(t.type != trig.type for t in lex.single.get((lang, holder.lemma_.lower()), ()))


def _dated_particle(span: Any, words: tuple[str, ...], lang: str) -> bool:
    """Whether the phrase's last word, a preposition, is one that introduces a day or a month
    ("called Putin on Tuesday", "met in March"): a time, not the phrase's particle."""
    last = span[-1]
    if len(words) < 2 or last.pos_ != "ADP" or last.i == span[0].i:
        return False
    days = _calendar_words(lang)
    return any(c.dep_ in ("pobj", "obl") and c.lower_ in days for c in last.children) or (
        last.i + 1 < len(last.doc) and last.doc[last.i + 1].lower_ in days)


@functools.lru_cache(maxsize=None)
def _calendar_words(lang: str) -> frozenset[str]:
    """The language's weekday and month names, as the profile writes them (lower case; built
    once per language: phrase matching asks for them at every phrase hit)."""
    prof = languages.profile(lang)
    return frozenset((*prof.weekday_names(), *prof.month_names(abbreviations=False)))


_OBJECT_DEPS = ("dobj", "obj")
SUBJ_PASS = {"nsubjpass", "nsubj:pass"}  # the passive's subject (English and Universal Dependencies labels)

# a hostile act undone -> (type, CAMEO code, mode, context) of the concession (PLOVER manual:
# CONCEDE covers "easing of administrative or legal restrictions, removing curfews, suspending
# protests"; RETREAT "ending active conflicts"; CAMEO 085 "ease sanctions, boycott or embargo")
REVERSED = {
    "SANCTION": ("RETREAT", "085", "ease", "economic"),
    "COERCE": ("CONCEDE", "081", None, "legal"),
    "ASSAULT": ("RETREAT", "0871", "ceasefire", "military"),
    "PROTEST": ("CONCEDE", "080", None, None),
    "THREATEN": ("CONCEDE", "080", None, None),
}


def reversals(doc: Any, lex: Lexicon, lang: str) -> Iterator[tuple[Any, Any, Any]]:
    """(verb, object, trigger) where a reversal verb of the language (``reversal_verbs``) has
    as direct object a noun the lexicon knows as a hostile act, or a noun whose clause names
    one — or as subject, in the passive ("the embargo was lifted") or without an object ("the
    offensive would end"): "lifted its decades-old embargo", "eased the curfew", "ended the strike",
    "abandoned its attempts to seize the city" are concessions, whatever the act's own
    trigger requires or excludes. The trigger is the act's, recoded (:data:`REVERSED`)."""
    verbs = languages.profile(lang).reversal_verbs
    if not verbs:
        return
    for tok in doc:
        # a phrasal verb counts with its particle ("rolled back the tariffs": "roll back"; the
        # parser may call the particle an adverb when it follows the verb at once)
        phrasal = {f"{tok.lemma_.lower()} {c.lower_}" for c in tok.children
                   if c.dep_ in ("prt", "compound:prt") or (c.dep_ == "advmod" and c.i == tok.i + 1)}
        if tok.pos_ != "VERB" or (tok.lemma_.lower() not in verbs and not phrasal & verbs):
            continue
        transitive = any(c.dep_ in _OBJECT_DEPS for c in tok.children)
        for obj in tok.children:
            # what is undone: the object ("lifted the embargo"), the subject of the passive
            # ("the embargo was lifted") or of the verb used without object ("the offensive
            # would end")
            if obj.dep_ not in _OBJECT_DEPS and obj.dep_ not in SUBJ_PASS and not (obj.dep_ == "nsubj" and not transitive):
                continue
            acts = [t for t in lex.single.get((lang, obj.lemma_.lower()), ()) if t.pos == "NOUN" and t.type in REVERSED]
            if not acts:
                # "abandoned its attempts to seize the city", "dropped the plan to impose
                # tariffs": what was given up is the act the object's clause names
                for clause in obj.children:
                    if clause.dep_ in ("acl", "xcomp") and clause.pos_ == "VERB":
                        acts = [t for t in lex.single.get((lang, clause.lemma_.lower()), ()) if t.pos == "VERB" and t.type in REVERSED]
                        if acts:
                            obj = clause
                            break
            if acts:
                # the noun's sense that fits the sentence ("air strikes", not a labour strike),
                # else its first (its own exclusions name the reversal verbs: "embargo" not with "lifted")
                acts = [t for t in acts if t.allowed(doc.text)] or acts
                kind, cameo, mode, context = REVERSED[acts[0].type]
                trig = replace(acts[0], lemma=f"{tok.lemma_.lower()} {acts[0].lemma}", pos="PHRASE", type=kind,
                               cameo=cameo, mode=mode, context=context or acts[0].context,
                               requires=(), not_with=(), forms=(), note="reversal of a hostile act")
                yield tok, obj, trig
                break


def commands(doc: Any, lex: Lexicon, lang: str) -> Iterator[tuple[Any, Any, Any]]:
    """(verb, ordered verb, trigger) where a command verb of the language (``command_verbs``)
    has as its complement a verb that stops the addressee's work or presence
    (``ceasing_verbs``): "ordered the newspaper to close", "ordered foreign reporters to leave
    the country", "instructed the NGOs to cease operations" are coercive restrictions (PLOVER
    COERCE: "restrictions on political freedoms or movement"; CAMEO 172, 174 "order to
    leave"), not requests: the authority makes them so. A coercion verb (``coercion_verbs``)
    with any act as its complement is a coercion ("forced the minister to resign": CAMEO 170),
    the act forced its content. The addressee is the target. Where the lexicon has the order
    itself as a phrase whose words fit ("order to leave" with diplomats: an expulsion), that
    phrase's reading."""
    prof = languages.profile(lang)
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in prof.command_verbs | prof.coercion_verbs:
            continue
        for act in tok.children:
            if act.dep_ not in ("xcomp", "ccomp") or act.pos_ != "VERB":
                continue
            if tok.lemma_.lower() in prof.coercion_verbs:
                # "forced the prime minister to resign": the forcing is the act, whatever is forced;
                # "troops were forced to withdraw", by no one named: the act forced is the news
                if any(c.dep_ in SUBJ_PASS for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children):
                    break
                yield tok, act, Trigger(lemma=f"{tok.lemma_.lower()} {act.lemma_.lower()}", pos="PHRASE", lang=lang,
                                        type="COERCE", cameo="170", args=ArgHints(target_is="object"),
                                        note="made to act against one's will")
                break
            phrasal = {f"{act.lemma_.lower()} {c.lower_}" for c in act.children if c.dep_ in ("prt", "compound:prt")}
            if act.lemma_.lower() in prof.ceasing_verbs or phrasal & prof.ceasing_verbs:
                # the lexicon's own reading of the order, where its words fit ("order to leave"
                # with diplomats or peacekeepers: an expulsion, SANCTION 166)
                words = (tok.lemma_.lower(), "to", act.lemma_.lower())
                own = [t for _r, w, t in lex.by_first.get(lang, {}).get(words[0], ()) if w == words and t.allowed(doc.text)]
                if own:
                    yield tok, act, own[0]
                    break
                trig = Trigger(lemma=f"{tok.lemma_.lower()} {act.lemma_.lower()}", pos="PHRASE", lang=lang,
                               type="COERCE", cameo="172", mode="restrict",
                               args=ArgHints(target_is="object"), note="an order that stops the addressee's work or presence")
                yield tok, act, trig
                break


def _object_named(verb: Any, word: str) -> Any:
    """The verb's direct object when its lemma or form is ``word``, else None; for an event
    noun, what it is aimed at ("the attack on the commission's ruling" is "attack ruling")."""
    if verb.pos_ in ("NOUN", "PROPN"):
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in _AIMED_AT:
                for g in c.children:
                    if g.dep_ == "pobj" and word in (g.lemma_.lower(), g.lower_):
                        return g
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for c in verb.children:
        if c.dep_ in _OBJECT_DEPS and word in (c.lemma_.lower(), c.lower_):
            return c
    return None


_AIMED_AT = ("on", "against")  # English: the prepositions that name what an event noun is aimed at


def _pos_ok(want: str, have: str) -> bool:
    if want == "VERB":
        return have in ("VERB", "AUX")
    if want == "NOUN":
        return have in ("NOUN", "PROPN")
    return True
