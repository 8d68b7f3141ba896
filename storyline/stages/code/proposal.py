"""Events the sentence classifier proposes where no trigger of the lexicon fires.

The rules code a sentence only when a lexicon trigger fires in it and the parse gives its
arguments. Many real sentences tell an act with a verb the lexicon does not know; in a
language without a parser (Italian, Russian, Arabic, Turkish) there is no parse at all, and
Spanish has a parse but no trigger lexicon to read it with. For every sentence that names an actor and got no event from the rules, the
proposer (a classifier over multilingual-e5-small sentence vectors, ``classifier.py``)
gives the probability of each PLOVER type and of no event; when an event is likely
enough (its top type more probable than no event, and at least the threshold fitted at
training), it is proposed:

- the **type** is the classifier's, the CAMEO code the type's most general one;
- the **arguments** are the nearest actors: the first actor named in the sentence is the
  source (subjects come first in the clause in SVO, SOV and VSO languages alike) unless a
  preposition or case suffix marks it as a place or a target and an unmarked one is named,
  the next one of another country the target; a country never acts on itself here; where
  the sentence was parsed and the trigger is a verb, the source is its subject when the first
  name stands in an adjunct fronted before it (``_parsed_subject``), and the target is the one the parse gives
  it as the rules find a verb's (its object, target prepositions, a role or person word
  there: "suspended food supplies to Armenia"), the nearest actor only when it gives none;
- where the language has **trigger stems** (``knowledge/events/stems_LANG.jsonl``: word
  prefixes that signal a type, for languages without a parser), a stem in the sentence
  raises its type's probability and lowers that of no event, and its word is the trigger;
  the stem where the word order puts the main verb (the first, or the last in SOV) raises
  its type most, the others less (they are likely what the act is about), and a stem on the
  verb's own word (VSO: the first word, or the one after an opening subject; SOV: the last)
  outweighs the classifier; a reversal verb before a hostile stem makes it a concession, a
  finalising verb before an agreement stem a SUPPORT (the profile's verb lists);
- else the **trigger** is the parse's main verb when the sentence was parsed, else the word where
  the profile's word order puts the verb (``analysis.word_order``): the first content word
  after the source (SVO), the sentence's first word (VSO) or its last (SOV);
- the **status** comes from the classifier's status head (where it leaves the act occurred
  and a speech verb heads the parse, from the clause the speech reports: "said it will
  reopen …" is planned, ``_reported``), the date candidates and place
  from the sentence as for the rules' events;
- the **confidence** is the classifier's probability of the type (``CONFIDENCE`` scales
  it into a raw score), which the stage then calibrates like every confidence
  (``confidence.calibrated``); proposals fill only sentences the rules left empty, so they
  never outrank a rules' event, and the default timeline (which asks for a main-clause
  trigger) hides them unless another report corroborates them.

Proposed events carry ``basis="classifier"``; the rules' carry ``basis="rules"``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from ... import languages, nlp
from ...languages import forms
from ...knowledge import load_knowledge
from ...knowledge.events import ArgHints, stem_lengths as _stem_lengths, stems, plain as _plain
from ...models import EventMention, Mention
from ..resolve.names import group_of_word
from .arguments import _phrase_bounds, people_clauses
from .lexicon import COOPERATIVE

__all__ = ["PROPOSE_MIN", "open_sentences", "propose", "main_reading", "generic_cameo", "stems", "stem_hits"]

# the probability of its top type a sentence needs for a proposal, when the weights do not
# say (train_eventclf fits it on the example sets' out-of-fold predictions: the lowest level
# at which half of the proposals are right; stored as meta.cv.propose_min)
PROPOSE_MIN = 0.35
MIN_WORDS = 5
MAX_WORDS = 80
# a proposal's raw confidence, before calibration: CONFIDENCE[0] + CONFIDENCE[1] * P(type)
CONFIDENCE = (0.15, 0.55)
STATUS_MIN = 0.6  # the status head must be this sure to make a proposal other than "occurred"
# a trigger stem in the sentence (knowledge/events/stems_LANG.jsonl) multiplies its types'
# probability by STEM_BOOST and that of no event by STEM_NONE (set a priori, not fitted)
STEM_BOOST, STEM_NONE = 3.0, 0.5
STEM_SIDE = 1.5  # a stem away from the main verb's place: likely what the act is about
# a stem on the very word where the word order puts the verb (VSO: the sentence's first word,
# SOV: its last) is the act: its types gain STEM_SLOT and the other stems nothing ("أدانت
# السعودية الهجوم": the attack is what is condemned) (set a priori, not fitted)
STEM_SLOT = 8.0
_WORD = re.compile(rf"{forms.LETTERS}(?:['’-]{forms.LETTERS})*")  # a word keeps its marks ("رحّلت")


@functools.lru_cache(maxsize=1)
def _generic_codes() -> dict[str, str]:
    from .lexicon import _knowledge

    best: dict[str, str] = {}
    for code, c in sorted(_knowledge().cameo_codes.items(), key=lambda kv: (len(kv[0]), kv[0])):
        if c.plover and c.plover not in best:
            best[c.plover] = code
    return best


def generic_cameo(plover_type: str) -> str | None:
    """The most general CAMEO code of a PLOVER type ("ASSAULT" -> "18")."""
    return _generic_codes().get(plover_type)


def propose_min() -> float:
    """The threshold the shipped weights were fitted with (``PROPOSE_MIN`` if they say none)."""
    from .classifier import proposer

    return float(proposer().meta.get("cv", {}).get("propose_min", PROPOSE_MIN))


def open_sentences(coder: Any, coded: Sequence[tuple[int, list[EventMention]]]) -> list[int]:
    """The sentences the classifier may propose an event for: they name an actor (or, without
    a parser, have a trigger stem on the verb's own word: "تظاهر آلاف المحتجين"), got no event
    from the rules (nor one whose main verb declines to comment or asks a question: ``Coder.ruled_out``) and are of a
    sentence's length."""
    done = {i for i, _ in coded} | getattr(coder, "ruled_out", set())
    named = coder.args.named_sentences
    text = coder.article.text
    out = []
    for i, (s, e) in enumerate(coder.ann.sentences):
        if i in done or (i not in named and _slot_stem(coder, i) is None):
            continue
        n = len(_WORD.findall(text[s:e]))
        if MIN_WORDS <= n <= MAX_WORDS:
            out.append(i)
    return out


def stem_hits(text: str, start: int, end: int, lang: str) -> dict[str, tuple[int, int, str]]:
    """For each type whose stem begins a word of text[start:end] (also once what the profile
    writes before a word in one piece is taken off: Arabic "وهاجمت", and then a verb's person
    or tense prefix: "وتقصف", "ستوقع"), the first such word as (start, end, word). Marks and
    alif spellings do not count ("رحّلت", "ادانت"). A lookup of each word's prefixes, not a
    scan of the stems."""
    code = languages.primary(lang)
    table = stems().get(code)
    if not table:
        return {}
    lengths = _stem_lengths(code)
    clitics, verbal = _prefixes(lang), _verb_prefixes(lang)
    hits: dict[str, tuple[int, int, str]] = {}
    for m in _WORD.finditer(text, start, end):
        word = _plain(m.group())
        bases = [word] + [word[len(c):] for c in clitics if word.startswith(c) and len(word) - len(c) >= 3]
        cuts = [b[len(v):] for b in bases for v in verbal if b.startswith(v) and len(b) - len(v) >= 3]
        for form in bases + cuts:
            for n in lengths:
                if n > len(form):
                    break
                for kind in table.get(form[:n], ()):
                    hits.setdefault(kind, (m.start(), m.end(), m.group()))
    return hits


@functools.lru_cache(maxsize=32)
def _prefixes(lang: str) -> tuple[str, ...]:
    """What may be written before a word in one piece (the profile's [names] proclitics,
    joined articles and their contracted forms: Arabic "و", "ال", "وال", "لل"), longest first."""
    prof = languages.profile(lang)
    out = {c + a for c in ("", *prof.proclitics) for a in ("", *prof.joined_articles)}
    out |= {c + a[1:] for c in prof.contracted_articles for a in prof.joined_articles if len(a) > 1}
    out.discard("")
    return tuple(sorted(out, key=lambda x: (-len(x), x)))


@functools.lru_cache(maxsize=32)
def _verb_prefixes(lang: str) -> tuple[str, ...]:
    """The profile's verb prefixes (Arabic "ي", "ت", "سي"…), as stems are compared, longest first."""
    return tuple(sorted({_plain(v) for v in languages.profile(lang).verb_prefixes}, key=lambda x: (-len(x), x)))


def _verb_slot(text: str, s0: int, s1: int, word_order: str, first: Mention | None = None) -> int | None:
    """Where the word the word order makes the verb starts: the sentence's first word (VSO) or
    its last (SOV); None in SVO, where the verb follows a subject of any length. A VSO language
    also puts a named subject first ("الصين تندد بـ…"): when the sentence opens with an actor
    (``first``, its first mention), the verb is the word after it. A dateline before a dash
    ("بغداد، 3 مارس 2021 - تظاهر …") does not count."""
    if word_order not in ("VSO", "SOV"):
        return None
    dash = forms.DATELINE_DASH.search(text, s0, min(s1, s0 + 120))
    words = list(_WORD.finditer(text, dash.end() if dash else s0, s1))  # after a dateline ("بغداد، 3 مارس -")
    if not words:
        return None
    if word_order == "SOV":
        return words[-1].start()
    if first is not None and first.start <= words[0].end() and first.start >= words[0].start():
        after = [w for w in words if w.start() >= first.end]
        return after[0].start() if after else None
    return words[0].start()


@functools.lru_cache(maxsize=64)
def _verb_word_prefixes(lang: str, field: str) -> tuple[str, ...]:
    """A profile's verbs (``reversal_verbs``, ``finalize_verbs``) as word prefixes: the lemma,
    and the lemma less a final weak letter where its other forms replace it ("ألغى", "ألغت")."""
    out = set()
    for verb in getattr(languages.profile(lang), field):
        if " " in verb:
            continue
        v = _plain(verb)
        out.add(v)
        if len(v) >= 4:
            out.add(v[:-1])
    return tuple(sorted(out, key=lambda x: (-len(x), x)))


def _reversed(text: str, s0: int, hits: dict[str, tuple[int, int, str]], lang: str) -> dict[str, tuple[int, int, str]]:
    """The stems with a hostile act undone by a reversal verb before it ("رفعت ... العقوبات",
    "lifted the sanctions") recoded as the concession (lexicon.REVERSED: SANCTION -> RETREAT,
    COERCE -> CONCEDE, ...), at the reversal verb's word; the others as they are."""
    from .lexicon import REVERSED

    hostile = [k for k in hits if k in REVERSED]
    verbs = _verb_word_prefixes(lang, "reversal_verbs")
    if not hostile or not verbs:
        return hits
    clitics, verbal = _prefixes(lang), _verb_prefixes(lang)
    for m in _WORD.finditer(text, s0, min(hits[k][0] for k in hostile)):
        word = _plain(m.group())
        bases = [word] + [word[len(c):] for c in clitics if word.startswith(c) and len(word) - len(c) >= 3]
        bases += [b[len(v):] for b in bases for v in verbal if b.startswith(v) and len(b) - len(v) >= 3]
        if any(b.startswith(v) for b in bases for v in verbs):
            out = {k: v for k, v in hits.items() if not (k in REVERSED and v[0] > m.start())}
            for k in hostile:
                if hits[k][0] > m.start():
                    out.setdefault(REVERSED[k][0], (m.start(), m.end(), m.group()))
            return out
    return hits


def _finalized(text: str, s0: int, hits: dict[str, tuple[int, int, str]], lang: str) -> dict[str, tuple[int, int, str]]:
    """An agreement stem after a verb that finalises it (``finalize_verbs``: "وقعت ... اتفاقية",
    "signed an accord") is SUPPORT at that verb, as the rules code it with a parse (PLOVER:
    "ratify, sign, or finalize an agreement"); the other stems as they are."""
    verbs = _verb_word_prefixes(lang, "finalize_verbs")
    if "AGREE" not in hits or not verbs:
        return hits
    clitics, verbal = _prefixes(lang), _verb_prefixes(lang)
    for m in _WORD.finditer(text, s0, hits["AGREE"][0]):
        word = _plain(m.group())
        bases = [word] + [word[len(c):] for c in clitics if word.startswith(c) and len(word) - len(c) >= 3]
        bases += [b[len(v):] for b in bases for v in verbal if b.startswith(v) and len(b) - len(v) >= 3]
        if any(b.startswith(v) for b in bases for v in verbs):
            out = {k: v for k, v in hits.items() if k != "AGREE"}
            out.setdefault("SUPPORT", (m.start(), m.end(), m.group()))
            return out
    return hits


def _main_stem(hits: dict[str, tuple[int, int, str]], word_order: str) -> str:
    """The type of the stem most likely the main verb without a parse: the first in the
    sentence (SVO, VSO: the verb comes before its object), the last in SOV."""
    order = sorted(hits, key=lambda k: hits[k][0])
    return order[-1] if word_order == "SOV" else order[0]


def _slot_stem(coder: Any, sent_index: int) -> str | None:
    """The type of the trigger stem on the word the word order makes the verb (VSO, SOV), if any."""
    prof = languages.profile(coder.lang)
    if prof.word_order not in ("VSO", "SOV"):
        return None
    s0, s1 = coder.ann.sentences[sent_index]
    hits = stem_hits(coder.article.text, s0, s1, coder.lang)
    if not hits:
        return None
    lead = coder.args.mentions_in(s0, s1)
    at = _verb_slot(coder.article.text, s0, s1, prof.word_order, lead[0] if lead else None)
    return next((k for k, h in sorted(hits.items(), key=lambda kv: kv[1][0]) if h[0] == at), None)


def propose(coder: Any, sent_index: int, probs: dict[str, float], status: dict[str, float] | None) -> EventMention | None:
    """The event the classifier sees in one sentence (see the module docstring), or None
    when no type is likely enough or the sentence names no usable actor."""
    s0, s1 = coder.ann.sentences[sent_index]
    hits = _unmediated(stem_hits(coder.article.text, s0, s1, coder.lang), coder, sent_index)
    if hits:
        # a trigger stem of the language: its types gain, "no event" loses; the stem where the
        # word order puts the main verb gains most ("أدانت مصر الهجوم": the condemnation is the
        # act, the attack what is condemned)
        prof = languages.profile(coder.lang)
        hits = _finalized(coder.article.text, s0, _reversed(coder.article.text, s0, hits, coder.lang), coder.lang)
        main = _main_stem(hits, prof.word_order)
        lead = coder.args.mentions_in(s0, s1)
        slot = _verb_slot(coder.article.text, _past_mediation(coder, sent_index), s1, prof.word_order,
                          lead[0] if lead else None) == hits[main][0]
        boost, side = (STEM_SLOT, 1.0) if slot else (STEM_BOOST, STEM_SIDE)
        probs = {k: v * ((boost if k == main else side) if k in hits else 1.0) * (STEM_NONE if k == "NONE" else 1.0)
                 for k, v in probs.items()}
        total = sum(probs.values()) or 1.0
        probs = {k: v / total for k, v in probs.items()}
    types = {k: v for k, v in probs.items() if k != "NONE"}
    if not types:
        return None
    kind = max(types, key=types.get)
    if types[kind] < propose_min() or types[kind] < probs.get("NONE", 0.0):
        return None
    if kind in getattr(coder, "vetoed", {}).get(sent_index, ()):
        return None  # the rules read the main verb's word in a sense that is no such act ("visited the hospital")
    sources, targets = _nearest_actors(coder, sent_index, kind)
    if not sources and not targets and not (hits and kind in hits and _slot_stem(coder, sent_index) == kind):
        return None  # without a named actor, only the act the verb's own word names
    trigger = hits[kind] if kind in hits else _trigger(coder, sent_index, sources[0] if sources else None,
                                                       None if sources else targets[0])
    sources, targets = _parsed_subject(coder, sent_index, trigger, kind, sources, targets)
    parsed = _parsed_targets(coder, sent_index, trigger, kind, sources)
    if parsed and languages.profile(coder.lang).nearest_actors:
        # a group's word before the country the parse names, as before the nearest one
        # ("bombardearon a los opositores al Gobierno sirio": SYR-OPP, not SYR-GOV)
        parsed = [_group_of(coder, sources[0], m) for m in parsed]
    targets = parsed or targets
    if kind == "CONSULT" and kind not in hits and _speech_root(coder, sent_index, trigger):
        return None  # "In a television interview, X said the plan …": a statement, no meeting
    st = "occurred"
    if status:
        top = max(status, key=status.get)
        if top != "occurred" and status[top] >= STATUS_MIN:
            st = top
    doc = getattr(coder, "parsed", {}).get(sent_index)
    if st == "occurred" and doc is None:
        st = cue_status(coder.article.text, s0, trigger[0], trigger[1], coder.lang, kind) or st
    elif st == "occurred":
        st, kind = _reported(doc, coder, kind)
        if st == "occurred" and languages.profile(coder.lang).nearest_actors:
            # a parsed language without a trigger lexicon has no status cues of the rules
            # either: its profile's planning cues ("va a", "prevé") read as without a parse
            st = cue_status(coder.article.text, s0, trigger[0], trigger[1], coder.lang, kind) or st
    at = trigger[0]
    times = [t for t in coder.ann.times if s0 <= t.start < s1 and t.type in ("DATE", "TIME")]
    date_candidates = tuple((t.start, t.end) for t in sorted(times, key=lambda t: (abs(t.start - at), t.start)))
    place = _nearest_place(coder, sent_index, at, {m.entity_id for m in sources + targets},
                           topics=kind == "CONSULT")
    confidence = CONFIDENCE[0] + CONFIDENCE[1] * types[kind]
    return EventMention(
        article_id=coder.article.id, sentence=sent_index, start=s0, end=s1, trigger=trigger,
        type=kind, cameo=generic_cameo(kind), mode=None, context=None, status=st,
        source=tuple(m.entity_id for m in sources), target=tuple(m.entity_id for m in targets),
        source_spans=tuple((m.start, m.end) for m in sources),
        target_spans=tuple((m.start, m.end) for m in targets),
        location=place.entity_id if place else None,
        location_span=(place.start, place.end) if place else None,
        date_candidates=date_candidates,
        confidence=round(min(0.95, max(0.05, confidence)), 3),
        basis="classifier",
    )


def _unmediated(hits: dict[str, tuple[int, int, str]], coder: Any, sent_index: int) -> dict[str, tuple[int, int, str]]:
    """The trigger stems of a sentence read without a parse, less those of its mediation
    phrases (:func:`mediation_zones`: "بوساطة مصرية", "Katar'ın arabuluculuğunda") when
    another stem tells the act: the mediation is the circumstance of the parties' act, not the
    sentence's main act (the mediator's own CONSULT stays an act where nothing else is told)."""
    if not hits or getattr(coder, "parsed", {}).get(sent_index) is not None:
        return hits
    s0, s1 = coder.ann.sentences[sent_index]
    words = {at for _a, _b, at in _mediation_phrases(coder.article.text, s0, s1, coder.lang)}
    rest = {k: h for k, h in hits.items() if h[0] not in words}
    return rest or hits


def _past_mediation(coder: Any, sent_index: int) -> int:
    """Where a sentence read without a parse begins past a mediation phrase that opens it
    ("بوساطة مصرية، اتفقت …", "Con la mediación de Catar, …"): the verb the word order puts
    first comes after it; else the sentence's start."""
    s0, s1 = coder.ann.sentences[sent_index]
    if getattr(coder, "parsed", {}).get(sent_index) is not None:
        return s0
    text = coder.article.text
    first = _WORD.search(text, s0, s1)
    for a, b, _at in _mediation_phrases(text, s0, s1, coder.lang):
        if first is not None and a == first.start() and b < s1:
            return b
    return s0


def _speech_root(coder: Any, sent_index: int, trigger: tuple[int, int, str]) -> bool:
    """Whether the trigger is the parse's main verb and a verb of saying ("said", "a déclaré"):
    the sentence reports a statement; a talk it names would be a trigger of its own."""
    doc = getattr(coder, "parsed", {}).get(sent_index)
    if doc is None:
        return False
    s0, _s1 = coder.ann.sentences[sent_index]
    span = doc.char_span(trigger[0] - s0, trigger[1] - s0, alignment_mode="expand")
    if span is None or span.root.head.i != span.root.i:
        return False
    return span.root.lemma_.lower() in coder.lex.speech.get(coder.lang, set())


def _parsed_subject(coder: Any, sent_index: int, trigger: tuple[int, int, str], kind: str,
                    sources: list[Mention], targets: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """(sources, targets) with the source the parse gives the trigger's verb where the nearest
    name stands in an adjunct fronted before that verb, in a language whose events come from
    the nearest names (``nearest_actors``) but that was parsed (Spanish): "Después de la visita
    de X, Y criticó a Z" is Y's act, not X's. The source is the verb's subject as the rules read
    it (or the subject it shares with the verb it hangs on). Everywhere else the nearest actors
    stand: replacing them by the subject wherever the parse gives one cost two sentences of
    source and target each on the multilingual check set, the fronted adjunct alone none."""
    doc = getattr(coder, "parsed", {}).get(sent_index)
    if doc is None or not languages.profile(coder.lang).nearest_actors:
        return sources, targets
    s0, _s1 = coder.ann.sentences[sent_index]
    span = doc.char_span(trigger[0] - s0, trigger[1] - s0, alignment_mode="expand")
    if span is None or span.root.pos_ not in ("VERB", "AUX"):
        return sources, targets
    trig = SimpleNamespace(type=kind, mode=None, args=ArgHints())
    found = coder.args.of_trigger(sent_index, span.root, trig, s0)
    if found is None or found[2] or not found[0]:
        return sources, targets
    harmed = coder.args.victims(doc, s0)
    parsed = [m for m in found[0] if not any(a <= m.start < b for a, b in harmed)][:1]
    if not parsed or not sources or parsed[0].entity_id == sources[0].entity_id:
        return sources, targets
    # only where the nearest name stands in an adjunct fronted before the verb ("Tras reunirse
    # con X, …", "A pesar de la presión de X, …"): elsewhere the nearest name stands
    verb = span.root
    fronted = [c for c in verb.children if c.dep_ in ("obl", "advcl", "advmod", "nmod") and c.i < verb.i]
    inside = any(s0 + c.left_edge.idx <= sources[0].start < s0 + c.right_edge.idx + len(c.right_edge.text)
                 for c in fronted)
    if not inside:
        return sources, targets
    return parsed, [m for m in targets if m.entity_id != parsed[0].entity_id]


def _parsed_targets(coder: Any, sent_index: int, trigger: tuple[int, int, str], kind: str,
                    sources: list[Mention]) -> list[Mention]:
    """Where the sentence was parsed and the trigger is a verb of it, the act's target as the
    rules find a verb's ("provided shelter to 1.5 million people", "suspended supplies to
    Armenia"): its object, target prepositions, small clause, a role or person word there;
    [] when the parse names none, and the nearest actors stand."""
    doc = getattr(coder, "parsed", {}).get(sent_index)
    if doc is None or len(sources) != 1:
        return []
    s0, _s1 = coder.ann.sentences[sent_index]
    span = doc.char_span(trigger[0] - s0, trigger[1] - s0, alignment_mode="expand")
    if span is None or span.root.pos_ not in ("VERB", "AUX"):
        return []
    tok = span.root
    trig = SimpleNamespace(type=kind, mode=None, args=ArgHints())
    found = coder.args.of_trigger(sent_index, tok, trig, s0)
    if found is None:
        return []
    targets = [m for m in found[1] if m.entity_id != sources[0].entity_id]
    if not targets:
        # people named by their role are of the country where it happened ("to 1.5 million
        # people" after the earthquake in Haiti), else of the source's
        here = _nearest_place(coder, sent_index, trigger[0])
        targets = coder.args.role_patient(tok, trig, sources[0], here.entity_id if here else None, sent_index, s0)
    return targets


def _nearest_place(coder: Any, sent_index: int, at: int, skip: set[str] | frozenset[str] = frozenset(),
                   topics: bool = False) -> Mention | None:
    """The place named in the sentence nearest to character ``at`` (none of the ``skip`` ids;
    with ``topics``, for a talk, none right after a subject preposition: "consultations on
    Libya", "pourparlers sur la Libye" are about it, not held there)."""
    s0, s1 = coder.ann.sentences[sent_index]
    places = [m for m in coder.args.place_mentions if s0 <= m.start < s1 and m.entity_id not in skip
              and not (topics and _after_subject_word(coder.article.text, m.start, coder.lang))]
    return min(places, key=lambda m: abs(m.start - at)) if places else None


def _after_subject_word(text: str, start: int, lang: str) -> bool:
    """Whether the word before ``start`` (past a determiner) is a subject preposition of the
    language ("on Libya", "sur la Libye", "по Сирии")."""
    prof = languages.profile(lang)
    words = re.findall(r"[^\W\d_]+", text[max(0, start - 40) : start].lower())
    if words and (words[-1] in prof.determiners or words[-1] + "'" in prof.determiners):
        words.pop()  # "la Libye", "l'Iran"
    return bool(words) and words[-1] in prof.subject_prepositions


def _nearest_actors(coder: Any, sent_index: int, kind: str = "") -> tuple[list[Mention], list[Mention]]:
    """(sources, targets): the first actor named in the sentence, and the next one that is
    neither the same actor nor of the same country, if any. When ``kind`` is one of
    ``AGAINST_KINDS``, an actor the act is said to be against (``_against``) is its target and
    never its source. An actor the parse names as harmed (``victim_spans``) is never the
    source; of an ASSAULT, the target; without a parse, so is a name told as killed or wounded
    (``_harmed``)."""
    s0, s1 = coder.ann.sentences[sent_index]
    prof = languages.profile(coder.lang)
    text = coder.article.text
    found: list[Mention] = []
    after_dateline = forms.dateline_end(text, s0, s1)
    zones = attribution_zones(text, s0, s1, coder.lang)
    doc = getattr(coder, "parsed", {}).get(sent_index)
    harmed_at: list[tuple[int, int]] = []
    if doc is not None:
        zones += people_clauses(doc, s0)  # "the rebels, backed by Iran, attacked": not Iran
        # "a truce brokered by Egypt", "under the auspices of the AU": a mediator, no party
        if kind in COOPERATIVE:
            zones += [_phrase_bounds(g, s0) for g in coder.args.mediators(doc)]
        harmed_at = coder.args.victims(doc, s0)
    elif kind in COOPERATIVE and kind != "CONSULT":
        # (a CONSULT the classifier reads there may be the mediation itself, the mediator its source)
        zones += mediation_zones(text, s0, s1, coder.lang)
    harmed: list[Mention] = []
    for m in coder.args.mentions_in(s0, s1):
        if m.start < after_dateline:
            continue  # "ANKARA, 3 Mart (AA) -": where and by whom the report was filed
        if any(a <= m.start < b for a, b in zones):
            continue  # "according to X", ", Reuters reported": who says so, not who acts
        if doc is None and _compass_place(text, s0, m, prof, coder.lang):
            continue  # "nel nord della Siria", "на севере Сирии", "Suriye'nin kuzeyinde": where, not who
        if any(a <= m.start < b for a, b in harmed_at):
            # "two militants were among the dead": a victim does no act; of an assault, the
            # one it is done to (PLOVER: in one-sided violence the victim is the recipient)
            harmed.append(m)
            continue
        if all(m.entity_id != f.entity_id for f in found):
            found.append(m)
    found = _without_titles(coder, found)
    if harmed and kind == "ASSAULT":
        sources, _others = _nearest_actors_of(coder, sent_index, kind, found, parsed=doc is not None)
        return sources, harmed[:1]
    return _nearest_actors_of(coder, sent_index, kind, found, parsed=doc is not None)


# (_without_titles) at most this many words between a country or body and the person whose
# title it is part of ("Fransa Cumhurbaşkanı Emmanuel Macron", "Rusya'nın Ankara Büyükelçisi X")
TITLE_WORDS = 4
_TITLE_GAP = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _without_titles(coder: Any, found: list[Mention]) -> list[Mention]:
    """The actors ``found`` less a country or body that only says whose office the person named
    right after it holds: "Fransa Cumhurbaşkanı Emmanuel Macron", "Mısır Cumhurbaşkanı Sisi'yi"
    (a title between them: capitalised words, or one the knowledge knows), "президента Сирии
    Башара Асада", "وزير خارجية روسيا سيرغي لافروف" (where modifiers follow their noun: the
    name right after the country, a title just before it). The person is the actor, as in
    English "French President Emmanuel Macron"; with the country kept, the nearest names took
    it for the source, or the target, in the person's place. Only a named person (not a role's
    holder), no punctuation and at most ``TITLE_WORDS`` words between, all capitalised as
    titles before a name are ("ABD Başkanı Joe Biden") or a title the resolver read on the
    person (its mention's role); where modifiers follow, a title just before the country and
    the resolver's role: "Türkiye Putin'i eleştirdi", "استقبلت مصر الرئيس الفلسطيني محمود عباس"
    keep both."""
    text = coder.article.text
    prof = languages.profile(coder.lang)
    kb = load_knowledge()
    dropped = set()
    for k, (m, nxt) in enumerate(zip(found, found[1:])):
        if _is_person(coder, m.entity_id) or not _is_person(coder, nxt.entity_id) or nxt.via == "role":
            continue
        after = m.end + len(forms.suffix_after(text, m.end))
        gap = text[after : nxt.start]
        words = _TITLE_GAP.findall(gap)
        if nxt.start < after or _TITLE_GAP.sub("", gap).strip() or len(words) > TITLE_WORDS:
            continue
        if words and not prof.modifiers_follow:
            # a title written in capitals, as titles before a name are ("ABD Başkanı Joe Biden"),
            # or one the knowledge knows, which the resolver then read on the person (its role)
            titled = (all(w[:1].isupper() for w in words) or bool(nxt.role) and any(
                kb.role_for_title(" ".join(words[j:]), coder.lang) for j in range(len(words))))
        elif not words and prof.modifiers_follow and nxt.role:
            before = _TITLE_GAP.findall(text[max(0, m.start - 60) : m.start - len(forms.joined_before(text, m.start))])
            # the title's head noun alone may be known where its whole is not ("وزير خارجية")
            titled = any(kb.role_for_title(" ".join(before[-j:]), coder.lang) or kb.role_for_title(before[-j], coder.lang)
                         for j in range(1, min(4, len(before)) + 1))
        else:
            titled = False
        if titled:
            dropped.add(k)
    return [m for k, m in enumerate(found) if k not in dropped]


def _is_person(coder: Any, actor_id: str) -> bool:
    """Whether the actor is a person (known, named by the text, or a role's holder)."""
    a = coder.args.actors.get(actor_id)
    return a is not None and a.kind == "person"


def _nearest_actors_of(coder: Any, sent_index: int, kind: str, found: list[Mention],
                       parsed: bool = False) -> tuple[list[Mention], list[Mention]]:
    """(sources, targets) among the actors ``found`` in the sentence, in order (``_nearest_actors``);
    a passive's doer is read only where the sentence was not ``parsed``."""
    s0, _s1 = coder.ann.sentences[sent_index]
    prof = languages.profile(coder.lang)
    text = coder.article.text
    if not found:
        return [], []
    # the doer of a passive ("Ukrayna tarafından suçlandı", "من قبل الجيش التركي", "è stata
    # accusata dall'Ucraina", "обвинена Украиной") acts; the name the passive is told of — the
    # first one not marked as a place or a target — is whom it is done to
    doers = [] if parsed else [m for m in found if _agent(text, s0, m, prof)]
    if doers:
        rest = [m for m in found if m is not doers[0]]
        home = coder.args.country_of(doers[0].entity_id)
        others = [m for m in rest if not home or coder.args.country_of(m.entity_id) != home] or rest
        undergoer = next((m for m in others if not _marked(text, s0, m, prof)), others[0] if others else None)
        if undergoer is None:
            aimed = _place_target(coder, sent_index, s0, kind)  # "Gazze ... tarafından bombalandı"
            return [doers[0]], ([aimed] if aimed else [])
        return [doers[0]], [_group_of(coder, doers[0], undergoer)]
    # a name a protest, an attack, a coercion or a sanction is said to be against ("per
    # protestare contro il regime del presidente Assad", "Esad'a karşı") is its target, whatever
    # its country (the protesters and the president they protest against are both Syrian), and
    # never who acts. Not so of a speech act: in "accused X of crimes against Y", "threatened X
    # with measures against Y", "agreed on sanctions against Y" the phrase belongs to the act
    # spoken of; those keep the nearest names.
    against = [m for m in found if kind in AGAINST_KINDS and _against(text, s0, m, prof)]
    if against:
        found = [m for m in found if m not in against]
        source = next((m for m in found if not _marked(text, s0, m, prof)), found[0] if found else None)
        return ([source] if source else []), [against[0]]
    # a name told as killed or wounded ("sono rimasti uccisi il ministro X e Y", "tués parmi
    # lesquels X", "X hayatını kaybetti") is who the act was done to — the target of an attack
    # or a coercion — and never who acts, whatever the act
    harmed = [m for m in found if _harmed(text, s0, m, prof)]
    for m in found:  # "uccisi il ministro X e il generale Y": Y too
        if harmed and m not in harmed and m.start > harmed[-1].end and _listed_after(text, harmed[-1], m, prof):
            harmed.append(m)
    if harmed:
        found = [m for m in found if m not in harmed]
        source = next((m for m in found if not _marked(text, s0, m, prof)), found[0] if found else None)
        return ([source] if source else []), ([harmed[0]] if kind in HARMED_KINDS else [])
    # a clause a speech verb reports, with a subject of its own ("Лавров заявил, что российские
    # войска атаковали…", "قال لافروف إن القوات الروسية هاجمت…", "İran, ABD'nin anlaşmayı ihlal
    # ettiğini söyledi"), tells the act of that subject, as the rules read English ("Lavrov said
    # Russian troops attacked…"); the speaker stays the source of what is said as an act of
    # speech (an accusation, a threat, a demand: "said Y must withdraw"), the subject its target
    said = [] if parsed else _reported_names(coder, sent_index, found)
    if said and kind not in SPOKEN_KINDS:
        # whom the act is aimed at: the next name of another country in the clause, else a
        # place, else the speaker ("Irak, Türk uçaklarının topraklarını bombaladığını açıkladı":
        # its territory)
        return [said[0]], _aimed_at(coder, sent_index, said[0], found, kind)
    # a name a preposition or a case suffix marks as a place or a target ("a Irán", "لإسرائيل",
    # "Türkiye'ye") is not the subject while an unmarked one is named
    source = next((m for m in found if not _marked(text, s0, m, prof)), None)
    if source is None and not parsed and prof.word_order == "SOV":
        # where the verb comes last every name carries its case: with none in the subject's,
        # the subject is unnamed ("Hükümet, … ABD talebini kabul etti") and the first name is
        # whom the act is aimed at, not who does it (elsewhere a preposition marks less surely:
        # on our check set Russian and Arabic lost sources to this, Turkish gained targets)
        return [], [found[0]]
    source = source or found[0]
    fronted = _fronted_background(coder, sent_index)
    if fronted and fronted[0] <= source.start < fronted[1]:
        # "Dopo l'attacco di Israele contro Gaza, la Turchia ha…", "بعد الهجوم الإسرائيلي، أدانت
        # مصر…": the name in a circumstance fronted before the clause is not who acts in it
        outside = [m for m in found if not fronted[0] <= m.start < fronted[1]]
        source = next((m for m in outside if not _marked(text, s0, m, prof)), outside[0] if outside else source)
    home = coder.args.country_of(source.entity_id)
    if said and said[0] is not source and (not home or coder.args.country_of(said[0].entity_id) != home):
        # the speaker accuses, threatens or demands; the reported clause's subject is whom at
        return [source], [_group_of(coder, source, said[0])]
    return [source], _aimed_at(coder, sent_index, source, found, kind)


def _aimed_at(coder: Any, sent_index: int, source: Mention, found: list[Mention], kind: str) -> list[Mention]:
    """Whom the act of ``source`` is aimed at, among the names ``found``: the next name of
    another country after the source, else a place it is aimed at (``_place_target``), else
    the first name of another country before it; [] when there is none."""
    home = coder.args.country_of(source.entity_id)

    def other(m: Mention) -> bool:
        return m is not source and (not home or coder.args.country_of(m.entity_id) != home)
    after = next((m for m in found if m.start > source.start and other(m)), None)
    if after is not None:
        return [_group_of(coder, source, after)]
    aimed = _place_target(coder, sent_index, source.end, kind)
    if aimed is not None:
        return [aimed]
    before = next((m for m in found if m.start < source.start and other(m)), None)
    return [_group_of(coder, source, before)] if before else []


def _place_target(coder: Any, sent_index: int, start: int, kind: str) -> Mention | None:
    """Where no other actor is named, the place the act is aimed at, as its country at the
    place's words (as the rules read "Israeli jets struck Gaza", "shelled Idlib": PSE, SYR): the
    first place from character ``start`` on (the source's end), in the sentence's own report, that no preposition or case
    suffix of a locative sense marks — a bare object ("hanno colpito Gaza", "قصفت … غزة",
    "обстреляла Идлиб"), or one after a target preposition or with a target case suffix of no
    locative sense ("contro Gaza", "على غزة", "по Газе", "Gazze'yi", "Afrin'e"; a suffix or
    preposition that is both stands, as the rules read "to" and "from"), not what talks are
    about, not a place in a compass phrase ("nel nord della Siria")."""
    s0, s1 = coder.ann.sentences[sent_index]
    prof = languages.profile(coder.lang)
    text = coder.article.text
    zones = attribution_zones(text, s0, s1, coder.lang)
    place_only = prof.locative_prepositions - prof.target_prepositions
    for m in coder.args.place_mentions:
        if not (start <= m.start < s1) or any(a <= m.start < b for a, b in zones):
            continue
        place = coder.args.res_places.get(m.entity_id)
        if place is None or not place.country or any(a.start <= m.start < a.end for a in coder.args.actor_mentions):
            continue
        joined = forms.joined_before(text, m.start).lower()
        words = _WORD.findall(text[max(s0, m.start - 40) : m.start - len(joined)].lower())
        prev = words[-1] if words else ""
        if prev in prof.determiners and len(words) > 1:
            prev = words[-2]
        suffix = forms.suffix_after(text, m.end).lower()
        last = m.text.split()[-1].lower() if m.text.split() else ""
        goal = bool(prof.place_endings) and not last.endswith(tuple(prof.place_endings)) and not last.isupper()
        if ((any(joined.endswith(p) for p in place_only) or (not joined and prev in place_only)) and not goal
                or suffix in place_only or (suffix and suffix not in prof.target_prepositions)):
            continue
        if _after_subject_word(text, m.start, coder.lang) or _compass_place(text, s0, m, prof, coder.lang):
            continue
        return Mention(coder.article.id, m.start, m.end, m.text, "actor", place.country, sent_index, "place")
    return None


def _fronted_background(coder: Any, sent_index: int) -> tuple[int, int] | None:
    """(start, end) of a circumstance fronted before the sentence's clause, without a parse: its
    first part, up to a comma, when a background preposition of the profile opens it ("Dopo",
    "После", "بعد", "خلال") or, where the verb comes last, closes it as a postposition
    ("saldırısının ardından,"), and a part follows; None otherwise."""
    s0, s1 = coder.ann.sentences[sent_index]
    prof = languages.profile(coder.lang)
    if not prof.background_prepositions:
        return None
    text = coder.article.text
    brk = _PART.search(text, s0, s1)
    if brk is None or not text[brk.end() : s1].strip():
        return None
    words = [w.lower() for w in _WORD.findall(text, s0, brk.start())]
    if not words:
        return None
    cues = prof.background_prepositions
    if prof.word_order == "SOV":
        opens = words[-1] in cues or " ".join(words[-2:]) in cues
    else:
        bare = [words[0]] + [words[0][len(c):] for c in _prefixes(coder.lang) if words[0].startswith(c)]
        opens = any(b in cues for b in bare) or " ".join(words[:2]) in cues or " ".join(words[:3]) in cues
    return (s0, brk.start()) if opens else None


# (_reported_names) at most this many words between a complementizer and the subject of its
# clause (an article, a title, a number: "che i due ministri russi")
REPORTED_LEAD = 3
# (_nearest_actors_of) the acts a speaker does by saying them: of these a reported clause's
# subject is the target ("warned that the United States would pay", "said Y must withdraw")
SPOKEN_KINDS = frozenset({"ACCUSE", "THREATEN", "REQUEST"})


def _reported_names(coder: Any, sent_index: int, found: list[Mention]) -> list[Mention]:
    """The names ``found`` in the subject's place of a clause a speech verb of the sentence
    reports, without a parse, first the subject: after a complementizer that follows a
    reporting verb (``complementizers``: "заявил, что Турция направит…", "قال أردوغان إن تركيا
    سترسل…", "ha detto che la Turchia invierà…"), the names not out of the subject's case;
    where the verb comes last and the sentence ends with a reporting verb, the names in the
    genitive before the reported clause's verb (``reported_verb_endings``: "Türkiye'nin …
    göndereceğini söyledi", "Rus askerlerinin … saldırdığını"). [] when the clause has no
    named subject ("أعلنت موسكو أنها ستسحب…": its pronoun is the speaker)."""
    s0, s1 = coder.ann.sentences[sent_index]
    prof = languages.profile(coder.lang)
    text = coder.article.text
    reporting = {v for v in prof.reporting_verbs if " " not in v}
    spans = list(_WORD.finditer(text, s0, s1))
    words = [w.group().lower() for w in spans]
    if prof.word_order == "SOV":
        if not prof.reported_verb_endings or len(words) < 2:
            return []
        if not (words[-1] in reporting or " ".join(words[-2:]) in prof.reporting_verbs):
            return []
        verb = next((w for w in reversed(spans[:-1]) if w.group().lower().endswith(tuple(prof.reported_verb_endings))), None)
        if verb is None:
            return []
        genitive = tuple(g.lstrip("'") for g in prof.genitive_prepositions)
        out = []
        for m in found:
            if not m.start < verb.start():
                continue
            suffix = forms.suffix_after(text, m.end).lower()
            head = _WORD.search(text, m.end + len(suffix), verb.end())
            if suffix in prof.genitive_prepositions or (
                    not suffix and head is not None and head.group()[:1].islower() and head.group().lower().endswith(genitive)):
                out.append(m)
        return out[:1] + [m for m in found if m.start > (out[0].start if out else s1) and m.start < verb.start()] if out else []
    if not prof.complementizers:
        return []
    for k, w in enumerate(words):
        if w in prof.complementizers and k and any(v in reporting for v in words[:k]):
            at = spans[k].end()
            inside = [m for m in found if m.start >= at]
            subject = next((m for m in inside if not _marked(text, s0, m, prof)), None)
            # the subject opens the clause ("che la Russia", "что Турция", "إن القوات الروسية");
            # a verb first is a relative clause's ("la Russia, che ha invaso l'Ucraina")
            if subject is None or len(_WORD.findall(text[at : subject.start])) > REPORTED_LEAD:
                return []
            return [subject] + [m for m in inside if m is not subject]
    return []


# (_group_of) at most this many words before a country's name for a group word naming its people
GROUP_WORDS = 3


def _group_of(coder: Any, source: Mention, target: Mention) -> Mention:
    """The target the nearest names give, or — when a group's word stands just before a
    country named after the source ("atacando a los opositores al régimen sirio", "colpito i
    ribelli siriani") — that group of the country (``SYR-OPP``, ``SYR-REB``): the act is on
    them, not on the state. A state's own word ("el ejército sirio") leaves it."""
    country = coder.args.country_of(target.entity_id)
    if not (len(country) == 3 and country.isupper()) or target.entity_id.split("-", 1)[0] != country:
        return target  # a person, a body, a group already
    lo = max(source.end, target.start - 60)
    words = _WORD.findall(coder.article.text[lo:target.start])[-GROUP_WORDS:]
    kb = load_knowledge()
    for w in reversed(words):
        sector = group_of_word(kb, w.lower(), lang=coder.lang)
        if sector:
            return replace(target, entity_id=f"{country}-{sector}", via="role")
    return target


# what separates the parts of a sentence: a comma (Latin, Arabic) or a semicolon; a dash
_PART = re.compile(r"[,،;؛]|\s[-–—]\s")
# at most this many words besides the cue in a part that only says who reports ("ha riferito
# l'agenzia Reuters", "Reuters'a göre", "a declaré le porte-parole du ministère")
_ATTRIBUTION_WORDS = 7


def mediation_zones(text: str, s0: int, s1: int, lang: str) -> list[tuple[int, int]]:
    """Where a sentence names a mediator, without a parse: from a ``mediation_prepositions``
    word followed within three words by a ``mediation_words`` noun, or one written joined to
    it ("بوساطة قطرية", "برعاية الأمم المتحدة"), to the end of its part ("Con la mediación de
    Catar, …", "sotto l'egida dell'ONU, …"); where the word order puts the verb last (SOV: the
    case is the noun's ending, the mediator's name before it), the names just before a
    mediation word that carries its own case ("Katar'ın arabuluculuğunda", "Türkiye'nin ev
    sahipliğinde", "Rusya aracılığıyla"). The mediator is no party to what the others agree
    (PLOVER codes its mediation as its own CONSULT)."""
    return [(a, b) for a, b, _at in _mediation_phrases(text, s0, s1, lang)]


@functools.lru_cache(maxsize=64)
def _mediation_phrases(text: str, s0: int, s1: int, lang: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, start of the mediation word) of each mediation phrase of
    :func:`mediation_zones`; read once per sentence (``propose`` asks for them up to three
    times: the stems, the verb's slot, the nearest actors)."""
    prof = languages.profile(lang)
    if not prof.mediation_words:
        return ()
    meds = [tuple(_plain(w) for w in p.split()) for p in prof.mediation_words]
    preps = [tuple(_plain(w) for w in p.split()) for p in prof.mediation_prepositions]
    joined = {p[0] for p in preps if len(p) == 1}  # a preposition written on the word ("بوساطة")
    clitics = _prefixes(lang)
    mediator_first = prof.word_order == "SOV"
    bounds = [s0] + [m.end() for m in _PART.finditer(text, s0, s1)] + [s1]
    out: list[tuple[int, int, int]] = []
    for a, b in zip(bounds, bounds[1:]):
        spans = [(w.start(), w.end(), w.group()) for w in _WORD.finditer(text, a, b)]
        words = [_plain(re.split(r"['’]", w)[-1]) if not mediator_first else _plain(w) for _, _, w in spans]
        bare = [[w] + [w[len(c):] for c in clitics if w.startswith(c) and len(w) - len(c) >= 3] for w in words]

        def med_at(k: int) -> int:
            """How many words the mediation word at ``k`` spans (0: none there)."""
            for p in meds:
                if k + len(p) <= len(words) and p[0] in bare[k] and all(
                        words[k + n] == p[n] for n in range(1, len(p))):
                    return len(p)
            return 0

        for k in range(len(words)):
            if mediator_first:
                size = med_at(k)
                if size:
                    out.append((spans[_mediator_start(spans, k, lang)][0], spans[k + size - 1][1], spans[k][0]))
                    break
                continue
            size = next((len(p) for p in preps if tuple(words[k : k + len(p)]) == p), 0)
            if size and any(med_at(j) for j in range(k + size, min(len(words), k + size + 3))):
                out.append((spans[k][0], b, spans[k][0]))
                break
            if any(words[k].startswith(c) and c.lstrip("وف") in joined and _joined_mediation(words[k][len(c):], meds, clitics)
                   for c in clitics):
                out.append((spans[k][0], b, spans[k][0]))  # "بوساطة مصرية", "وبرعاية الأمم المتحدة"
                break
    return tuple(out)


def _joined_mediation(rest: str, meds: list[tuple[str, ...]], clitics: tuple[str, ...]) -> bool:
    """Whether what follows a joined preposition is a one-word mediation noun, with or
    without its article ("بالوساطة")."""
    forms = [rest] + [rest[len(c):] for c in clitics if rest.startswith(c) and len(rest) - len(c) >= 3]
    return any(len(p) == 1 and p[0] in forms for p in meds)


# (_mediator_start) at most this many words of a mediator's name and its coordinated names
# before the mediation word ("Birleşmiş Milletler'in", "Rusya ve Türkiye'nin"), and at most
# this many lower-case modifiers between them (none: "telefon aracılığıyla" is by phone)
MEDIATOR_WORDS, MEDIATOR_MODIFIERS = 6, 0


def _mediator_start(spans: list[tuple[int, int, str]], k: int, lang: str) -> int:
    """The index of the first word of the names just before the mediation word at ``k``
    (capitalised words, and list conjunctions between them): the mediator where the name
    comes before the noun ("Katar'ın arabuluculuğunda"); ``k`` when none stands there."""
    joins = languages.profile(lang).list_conjunctions
    j = k
    skipped = 0
    while j > 0 and not spans[j - 1][2][:1].isupper() and skipped < MEDIATOR_MODIFIERS:
        j -= 1
        skipped += 1
    first = k
    while j > 0 and k - j < MEDIATOR_WORDS:
        w = spans[j - 1][2]
        if w[:1].isupper():
            j -= 1
            first = j
        elif w.lower() in joins and j > 1 and spans[j - 2][2][:1].isupper():
            j -= 1
        else:
            break
    return first


def attribution_zones(text: str, s0: int, s1: int, lang: str) -> list[tuple[int, int]]:
    """Where a sentence only says who reports it, without a parse: from an attribution
    preposition to the end of its part ("according to X, …", "secondo fonti citate dalla tv
    al-Jazeera, …", "по словам X, …"), or from the part's start to a postposition where the
    verb comes last ("Reuters'a göre, …"); and a part of its own that a reporting verb opens
    (", ha riferito l'agenzia Reuters", ", dijo el portavoz") or, where the verb does not come
    last, a short last part that a reporting verb closes (", officials said") — when the
    sentence has another part for the act and the short part names no act of a trigger stem
    of the language. The actors named there are the attribution, not the act's source or
    target."""
    prof = languages.profile(lang)
    cues = {c.lower() for c in prof.attribution_prepositions | prof.reporting_verbs if c}
    if not cues:
        return []
    verb_last = prof.word_order == "SOV"
    bounds = [s0] + [m.end() for m in _PART.finditer(text, s0, s1)] + [s1]
    parts = [(a, b) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]
    zones: list[tuple[int, int]] = []
    whole = 0  # zones that leave their part no act (less those that do)
    for n, (a, b) in enumerate(parts):
        spans = [(w.start(), w.end(), w.group().lower()) for w in _WORD.finditer(text, a, b)]
        words = [w for _, _, w in spans]
        prep = next(((k, len(p.split())) for k in range(len(words)) for p in prof.attribution_prepositions
                     if words[k : k + len(p.split())] == p.split()), None)
        if prep is not None:
            at, size = prep
            zones.append((a, spans[at + size - 1][1]) if verb_last else (spans[at][0], b))
            if verb_last and at + size < len(words):
                whole -= 1  # "X'e göre Y saldırdı": the act follows the postposition in its part
            continue
        if len(parts) < 2 or not words or len(words) > _ATTRIBUTION_WORDS + 1 or stem_hits(text, a, b, lang):
            continue
        opens = any(words[: len(c.split())] == c.split() or words[1 : 1 + len(c.split())] == c.split() for c in cues)
        closes = (not verb_last and n == len(parts) - 1 and n > 0
                  and any(words[-len(c.split()) :] == c.split() for c in cues))
        if (opens and n > 0) or closes:
            zones.append((a, b))
    if len(zones) + whole == len(parts):
        return []  # every part says who reports: the act is in one of them
    return zones


# how many words next to the act a status cue may stand: "non hanno ancora attaccato",
# "sono pronti ad attaccare", "saldırmaya hazırlanıyor"
_CUE_WORDS = 4


def cue_status(text: str, s0: int, start: int, end: int, lang: str, kind: str) -> str | None:
    """"planned" when a planning cue of the profile (``planned_cues``) stands in the few words
    before an act of type ``kind`` or on its own word, in its own part of the sentence (after
    it, where the verb comes last): "sono pronti ad attaccare", "تستعد القوات لمهاجمة" — where no
    parse says more; None otherwise. A THREATEN or a MOBILIZE stays as it is (the threat or
    the readying is the act, made when told: "saldırmaya hazırlanıyor"). Negations and modals
    in the same window were tried and left out: on our check set they were wrong more often
    than right (a negation or modal of another clause, Arabic "ما" and "غير")."""
    if kind in ("THREATEN", "MOBILIZE"):
        return None
    prof = languages.profile(lang)
    if prof.word_order == "SOV":
        stop = _PART.search(text, end, end + 80)
        span = text[end : stop.start() if stop else end + 80]
        words = [w.group().lower() for w in _WORD.finditer(span)][: _CUE_WORDS // 2]
    else:
        parts = [m.end() for m in _PART.finditer(text, s0, start)]
        span = text[(parts[-1] if parts else s0) : start]
        words = [w.group().lower() for w in _WORD.finditer(span)][-_CUE_WORDS:]
    own = [w.group().lower() for w in _WORD.finditer(text, start, end)]
    window = " " + " ".join(own + words if prof.word_order == "SOV" else words + own) + " "
    return "planned" if any(" " + c + " " in window for c in prof.planned_cues) else None


def _marked(text: str, s0: int, m: Mention, prof: Any) -> bool:
    """Whether the name stands out of the subject's case: a target or locative preposition
    before it (a word, or joined to its word: Arabic "ل", "ب") or a case suffix of one after
    it (Turkish "'ye", "'da", the accusative "'yi"); where the verb comes last, a postposition
    after it ("Putin ile görüşen", "Reuters'a göre"); or a case form the profile lists
    (:func:`_oblique`: "России", "Путину"; "Irak hükümetine", "İsrail'in saldırısını")."""
    marks = prof.target_prepositions | prof.locative_prepositions
    before = text[max(s0, m.start - 40) : m.start].lower().split()
    joined = forms.joined_before(text, m.start).lower()
    if joined:
        return any(joined.endswith(p) for p in marks)
    if before and before[-1] in marks and prof.word_order != "SOV":
        return True
    suffix = forms.suffix_after(text, m.end).lower()
    if suffix in marks:
        return True
    if prof.word_order == "SOV" and _postposition(text, m, prof):
        return True
    return _oblique(text, m, prof)


# (_compass_place) the endings of a compass noun in the locative, where the verb comes last
# and the name before it is in the genitive ("Suriye'nin kuzeyinde", "kuzeyindeki")
_LOCATIVE_COMPASS = re.compile(r"n(?:d|t)[ae](?:ki)?$")


def _compass_place(text: str, s0: int, m: Mention, prof: Any, lang: str) -> bool:
    """Whether the name only says where: it depends on a compass noun that a locative
    preposition governs ("nel nord della Siria", "на севере Сирии", "في شمال سوريا"), or, where
    the verb comes last, its genitive qualifies a compass noun in the locative ("Suriye'nin
    kuzeyinde"). Not "Suriye'nin kuzeyine saldırdı", where the north of Syria is attacked."""
    compass = tuple(prof.compass_words)
    if not compass:
        return False
    if prof.word_order == "SOV":
        suffix = forms.suffix_after(text, m.end).lower()
        if suffix not in prof.genitive_prepositions:
            return False
        nxt = _WORD.search(text, m.end + len(suffix), min(len(text), m.end + len(suffix) + 30))
        word = nxt.group().lower() if nxt else ""
        return word.startswith(compass) and bool(_LOCATIVE_COMPASS.search(word))
    before = _CLAUSE_BREAK.split(text[max(s0, m.start - 60) : m.start - len(forms.joined_before(text, m.start))])[-1]
    toks = [t.lower() for t in re.findall(r"[^\W\d_]+'?", before)]
    if toks and (toks[-1] in prof.genitive_prepositions or toks[-1] in prof.determiners):
        toks.pop()  # "della", "del"
    if len(toks) < 2:
        return False
    word = toks[-1]
    bare = [word] + [word[len(c):] for c in _prefixes(lang) if word.startswith(c) and len(word) - len(c) >= 3]
    if not any(b.startswith(compass) for b in bare):
        return False
    prep = toks[-3] if toks[-2] in prof.determiners and len(toks) > 2 else toks[-2]
    return prep in prof.locative_prepositions


def _postposition(text: str, m: Mention, prof: Any) -> bool:
    """Whether a postposition of the profile's lists follows the name (past its case suffix):
    "Putin ile", "Rusya'ya karşı", "Reuters'a göre", "Ukrayna tarafından". A list conjunction
    among them joins two names ("Türkiye ile Rusya"), which is no postposition."""
    after = m.end + len(forms.suffix_after(text, m.end))
    words = _WORD.findall(_CLAUSE_BREAK.split(text[after : after + 40], maxsplit=1)[0])
    if not words:
        return False
    word = words[0].lower()
    posts = (prof.target_prepositions | prof.punished_prepositions | prof.attribution_prepositions
             | prof.topic_prepositions | prof.agent_prepositions)
    if word not in posts:
        return False
    return not (word in prof.list_conjunctions and len(words) > 1 and words[1][:1].isupper())


def _oblique(text: str, m: Mention, prof: Any) -> bool:
    """Whether the name's own form or the noun it qualifies puts it out of the subject's case
    (the profile's ``oblique_endings``: "России", "Путину", "турецкой"; ``oblique_heads``: the
    noun right after a name without a case suffix, "Irak hükümetine", "Kürt mevzilerini", or
    the first noun after a genitive name that has a possessive ending, "İsrail'in Gazze'ye
    yönelik saldırısını"). A name whose noun is in the subject's case ("Türk askerleri",
    "Rusya'nın Ankara Büyükelçisi,") is not."""
    last = m.text.split()[-1].lower() if m.text.split() else ""
    if prof.oblique_endings and any(last.endswith(e) and len(last) > len(e) + 1 for e in prof.oblique_endings):
        return True
    if not prof.oblique_heads:
        return False
    suffix = forms.suffix_after(text, m.end).lower()
    if suffix and suffix not in prof.genitive_prepositions:
        return False
    after = m.end + len(suffix)
    words = _WORD.findall(_CLAUSE_BREAK.split(text[after : after + 60], maxsplit=1)[0])[:4]
    if not suffix:  # the noun right after a bare name, if one follows ("Kürt savaşçılara")
        head = words[0] if words and words[0][:1].islower() else ""
        return bool(head) and any(head.endswith(e) and len(head) > len(e) + 1 for e in prof.oblique_heads)
    for w in words:  # a genitive's noun: the first with a possessive ending, past other names
        if not w[:1].islower():
            continue
        if any(w.endswith(e) and len(w) > len(e) + 1 for e in prof.oblique_heads):
            return True
        if w[-1:] in "ıiuü":
            return False  # "Rusya'nın Ankara büyükelçisi": the subject's own case
    return False


def _agent(text: str, s0: int, m: Mention, prof: Any) -> bool:
    """Whether the name is the doer of a passive: governed by an agent preposition of the
    profile ("tarafından" after it, "من قبل", "على يد", Italian "dall'" after a passive
    auxiliary: "è stata accusata dall'Ucraina"), or — where a case names the doer — in that
    case after a passive auxiliary of its clause, with no preposition before it ("была
    обвинена Украиной")."""
    agents = frozenset(prof.agent_prepositions)
    aux = prof.passive_auxiliaries
    clause = _CLAUSE_BREAK.split(text[max(s0, m.start - 120) : m.start])[-1]
    passive = not aux or any(w in aux for w in _WORD.findall(clause))  # as written: not "gli Stati Uniti"
    clause = clause.lower()
    if agents and passive and _governed(text, s0, m, prof, agents):
        return True
    if not (prof.agent_endings and aux and passive):
        return False
    last = m.text.split()[-1].lower() if m.text.split() else ""
    before = _WORD.findall(clause)
    return (any(last.endswith(e) and len(last) > len(e) + 1 for e in prof.agent_endings)
            and not (before and before[-1].lower() in prof.prepositions))


# (_nearest_actors) the acts whose opposition phrase names their target
AGAINST_KINDS = frozenset({"PROTEST", "ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
# (_nearest_actors) the acts whose victim (``_harmed``) is their target
HARMED_KINDS = frozenset({"ASSAULT", "COERCE"})
# (_against) at most this many words between an opposition preposition and the name it governs
# ("contro il regime del presidente Bashar al-Assad")
AGAINST_WORDS = 4
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]«»\"“”،؛]")


def _against(text: str, s0: int, m: Mention, prof: Any) -> bool:
    """Whether the name is governed by the language's opposition preposition (``punished``:
    against, contro, contre, contra, против, ضد; Turkish karşı after the name's dative): at most
    ``AGAINST_WORDS`` words between, none of them another preposition but a genitive one (in
    "contro i ribelli sostenuti da X", X is who backs them) and no clause break."""
    return _governed(text, s0, m, prof, prof.punished_prepositions)


def _harmed(text: str, s0: int, m: Mention, prof: Any) -> bool:
    """Whether the name is told as killed or wounded: it follows a word of the language's
    casualty units (``[contradictions.units] killed, wounded``: uccisi, morti, feriti, tués,
    убиты) as :func:`_against`'s name follows its preposition, or — where the verb comes last —
    such a word follows it ("X öldü")."""
    words = frozenset(w.lower() for unit in ("killed", "wounded") for w in prof.count_units.get(unit, ()) if " " not in w)
    return _governed(text, s0, m, prof, words)


def _listed_after(text: str, first: Mention, m: Mention, prof: Any) -> bool:
    """Whether ``m`` follows ``first`` as the next item of a list: a comma or a list conjunction
    ("e", "and", "et", "и") and at most ``AGAINST_WORDS`` words (a title: "il generale") between."""
    between = text[first.end : m.start].lower()
    if len(between) > 80 or _CLAUSE_BREAK.sub("", between.replace(",", "")) != between.replace(",", ""):
        return False
    toks = re.findall(r"[^\W\d_]+'?", between)
    joined = "," in between or bool(toks and toks[0] in {c.lower() for c in prof.list_conjunctions})
    return joined and len(toks) <= AGAINST_WORDS + 1


def _governed(text: str, s0: int, m: Mention, prof: Any, words: frozenset[str]) -> bool:
    """Whether one of ``words`` governs the name: at most ``AGAINST_WORDS`` words before it,
    none of them another preposition but a genitive one and no clause break; where the verb
    comes last, among the two words after it."""
    if not words:
        return False
    if prof.word_order == "SOV":  # a postposition: "Esad rejimine karşı"
        after = text[m.end : m.end + 40]
        after = _CLAUSE_BREAK.split(after, maxsplit=1)[0].lower().split()
        return any(w in words for w in after[: 2])
    before = text[max(s0, m.start - 80) : m.start]
    before = _CLAUSE_BREAK.split(before)[-1].lower().replace("’", "'")
    toks = re.findall(r"[^\W\d_]+'?|\d+", before)
    genitive = prof.genitive_prepositions
    others = prof.prepositions - genitive - words
    phrases = [tuple(p.split()) for p in words if " " in p]  # "من قبل", "على يد"
    for k, w in enumerate(reversed(toks)):
        if w in words or any(toks[len(toks) - k - len(p) : len(toks) - k] == list(p) for p in phrases):
            return True
        elided = w.endswith("'") and any(g.startswith(w[:-1]) for g in genitive)  # "dell'"
        if k >= AGAINST_WORDS or (w in others and not elided):
            return False
    return False


@functools.lru_cache(maxsize=16)
def _function_words(lang: str) -> frozenset[str]:
    """Words that carry no act, for a trigger read without a parse: the profile's stop words,
    number words, articles and list conjunctions, and spaCy's stop words of the language
    (prepositions, auxiliaries, conjunctions: "e", "ha", "hanno", "de", "ya") but those a
    trigger stem of the language begins (spaCy's Spanish list holds "acuerdo")."""
    prof = languages.profile(lang)
    spacy_stops = frozenset(nlp.model(lang).Defaults.stop_words)
    acts = {w for w in spacy_stops if stem_hits(w, 0, len(w), lang)}
    return (frozenset(prof.stopwords) | frozenset(prof.numbers) | frozenset(prof.determiners)
            | frozenset(prof.list_conjunctions) | (spacy_stops - acts))


def _trigger(coder: Any, sent_index: int, source: Mention | None, against: Mention | None = None) -> tuple[int, int, str]:
    """(start, end, words) of the word that most likely carries the act (module docstring).
    Without a source, the act is the word before the preposition that says whom it is against
    (``against``, in a language that puts the verb before its object)."""
    s0, s1 = coder.ann.sentences[sent_index]
    text = coder.article.text
    parsed = getattr(coder, "parsed", {}).get(sent_index)
    if parsed is not None:
        root = next((t for t in parsed if t.head.i == t.i), None)
        if root is not None and root.pos_ in ("VERB", "AUX", "NOUN"):
            a = s0 + root.idx
            return a, a + len(root.text), root.text
    prof = languages.profile(coder.lang)
    words = [(m.start() + s0, m.end() + s0, m.group()) for m in _WORD.finditer(text[s0:s1])]
    function = _function_words(coder.lang)
    content = [w for w in words if w[2].lower() not in function and not w[2].isdigit()]
    if not content:
        return words[0] if words else (s0, s0, "")
    if prof.word_order == "VSO":
        return content[0]
    if prof.word_order == "SOV":
        return content[-1]
    if source is None:
        if against is not None:
            cut = max((w[0] for w in words if w[0] < against.start and w[2].lower() in prof.punished_prepositions),
                      default=against.start)
            names = [(m.start, m.end) for m in coder.args.mentions_in(s0, s1)] + [
                (m.start, m.end) for m in coder.args.place_mentions if s0 <= m.start < s1]
            before = [w for w in content if w[1] <= cut and not any(a <= w[0] < b for a, b in names)
                      and not (w[0] > s0 and w[2][:1].isupper())]  # a name the annotator missed ("Tunisi")
            if before:
                return before[-1]
        return content[0]
    after = [w for w in content if w[0] >= source.end]
    return after[0] if after else content[0]


# -- the classifier's reading of a main clause the rules did not code ---------------------------

# CAMEO 08 (yield) is split by PLOVER into CONCEDE and RETREAT; the classifier's belief in a
# yield is the two halves together (it often cannot tell "eased the blockade" from "pulled
# back"), the more probable half names it
_HALVES = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


def _family_top(probs: dict[str, float]) -> str | None:
    """The most probable type, CONCEDE and RETREAT counted together (their more probable half)."""
    types = {k: v for k, v in probs.items() if k != "NONE"}
    if not types:
        return None
    family: dict[str, float] = {}
    for k, v in types.items():
        family[_HALVES.get(k, k)] = family.get(_HALVES.get(k, k), 0.0) + v
    best = max(family, key=family.get)
    return max((k for k in types if _HALVES.get(k, k) == best), key=types.get)


def main_reading(coder: Any, sent_index: int, events: Sequence[EventMention], probs: dict[str, float],
                 status: dict[str, float] | None) -> EventMention | None:
    """The classifier's event for a sentence whose rules' events all sit in side clauses
    (``main_clause`` false: "freed a man who was jailed", "withdrew peacekeepers after four
    were abducted" with a main verb the lexicon does not know in that sense): the sentence is
    about what its main clause says, and the classifier reads the whole sentence. None when
    the classifier sees no event, or sees the rules' own type (the rules' event stays).

    The event: the classifier's type (CONCEDE and RETREAT counted together), the main verb as
    trigger (what a speech verb at the root reports, for "X said that ..."), its subject as
    source (else the rules' top event's source), the target the parse gives the main verb
    (``_parsed_targets``), else the rules' top event's target, else the next
    actor named after the source, of another country; status from the classifier's status head; ``basis`` "classifier", ``main_clause`` true. The stage
    ranks it above the side-clause events (``confidence.above_side_clauses``)."""
    if not events or any(e.main_clause for e in events):
        return None
    kind = _family_top(probs)
    if kind is None or probs[kind] < probs.get("NONE", 0.0):
        return None
    top = max(events, key=lambda e: e.confidence)
    if _HALVES.get(kind, kind) == _HALVES.get(top.type, top.type):
        return None
    doc = getattr(coder, "parsed", {}).get(sent_index)
    if doc is None:
        return None
    s0, _s1 = coder.ann.sentences[sent_index]
    verb = _main_verb(doc, coder)
    if verb is None:
        return None
    harmed = coder.args.victims(doc, s0)
    # "X died after …": the dead do no act
    sources = [m for m in coder.args.subject(verb, s0) if not any(a <= m.start < b for a, b in harmed)]
    trigger = (s0 + verb.idx, s0 + verb.idx + len(verb.text), verb.text)
    st = "occurred"
    if status:
        best = max(status, key=status.get)
        if best != "occurred" and status[best] >= STATUS_MIN:
            st = best
    src, src_spans = tuple(m.entity_id for m in sources), tuple((m.start, m.end) for m in sources)
    asides = people_clauses(doc, s0, verb) + [_phrase_bounds(g, s0) for g in coder.args.mediators(doc)]
    if not src and not any(a <= sp[0] < b for sp in top.source_spans for a, b in asides):
        # the side clause's doer, unless that clause is on the main verb's subject ("the rebels,
        # backed by Iran, attacked": Iran backs, it does not attack) or names a mediator ("a
        # truce brokered by Egypt took effect": Egypt brokered it, it took effect between others)
        src, src_spans = top.source, top.source_spans
    parsed = _parsed_targets(coder, sent_index, trigger, kind, sources) if sources else []
    target = tuple(m.entity_id for m in parsed) or tuple(t for t in top.target if t not in src)
    target_spans = tuple((m.start, m.end) for m in parsed) or tuple(sp for t, sp in zip(top.target, top.target_spans) if t not in src)
    if not target:
        # the next actor named after the source, of another country ("pulled its observers out of Mali")
        home = {coder.args.country_of(a) for a in src} - {""}
        after = max((b for _a, b in src_spans), default=s0)
        other = next((m for m in coder.args.mentions_in(after, _s1)
                      if m.entity_id not in src and coder.args.country_of(m.entity_id) not in home
                      and not any(a <= m.start < b for a, b in asides)), None)
        if other is not None:
            target, target_spans = (other.entity_id,), ((other.start, other.end),)
    return replace(
        top, trigger=trigger, type=kind, cameo=generic_cameo(kind), mode=None, context=None, status=st,
        source=src, source_spans=src_spans, target=target, target_spans=target_spans,
        confidence=round(min(0.95, max(0.05, CONFIDENCE[0] + CONFIDENCE[1] * probs[kind])), 3),
        basis="classifier", main_clause=True,
    )


def _reported(doc: Any, coder: Any, kind: str) -> tuple[str, str]:
    """(status, type) of a proposal in a sentence whose root is a speech verb, from the clause
    the speech reports: "the ministry said it will reopen the border crossing" states an intention
    (planned: PLOVER codes a stated intention to cooperate as AGREE, to attack as THREATEN,
    ``plover_type``), "said it would not reopen the crossing before …" a refusal (REJECT, as the
    rules' ``modality.refusal``). The speech verb itself is in the past and would say
    "occurred" of every report. ("occurred", kind) when the root is no speech verb."""
    from . import modality
    from .lexicon import COOPERATIVE

    root = next((t for t in doc if t.head.i == t.i), None)
    verb = _main_verb(doc, coder)
    if verb is None or root is None or verb.i == root.i:
        return "occurred", kind
    st = modality.status(verb, doc, coder.lex, coder.lang)
    if st == "denied" and modality.refusal(verb, coder.lang) and kind in COOPERATIVE:
        return "occurred", "REJECT"
    if st == "denied":
        return "occurred", kind  # a negated report is not the act denied: the classifier read it whole
    return st, kind


def _main_verb(doc: Any, coder: Any) -> Any:
    """The parse's main verb: the root, or what a speech verb at the root reports."""
    root = next((t for t in doc if t.head.i == t.i), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None
    speech = coder.lex.speech.get(coder.lang, set())
    if root.lemma_.lower() in speech:
        said = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
        if said:
            return said[0]
    return root
