"""Confidence: how sure the rules are of an event, tempered by the sentence classifier.

The rules score an event by how it was found (an act or a mere noun, complete or missing
an argument, a guessed source) and how prominent its trigger is in the sentence. A
classifier over multilingual sentence vectors (``classifier.py``) then gives a second
opinion on the sentence; the blend is shifted by a calibration fitted on PLOVER dev, so
that a confidence reads as the share of such events that are right.
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ... import languages
from ...models import EventMention, Mention
from .arguments import OBJ
from .lexicon import MONADIC

__all__ = ["rules", "prominence", "clause_depth", "told_in_past", "classifier_texts", "blend_with", "calibrated", "calibrate_all",
           "uncalibrated", "above_side_clauses", "CALIBRATION_PATH"]

CALIBRATION = 0.08  # shift of the blended confidence, fitted on PLOVER dev's reliability table
ENCODE_WORDS = 40  # words of a sentence the classifier reads


def rules(tok: Any, trig: Any, lang: str, *, sources: list[Mention], targets: list[Mention],
          location: str | None, guessed: bool) -> float:
    """The rules' confidence in an event: higher for an act (a verb, or a light verb's noun:
    "held talks") than for a mere noun, for a complete event (a target, a place, or a type
    that needs none), lower for a guessed source; plus the trigger's prominence."""
    verbal = tok.pos_ in ("VERB", "AUX")
    complete = bool(targets) or trig.type in MONADIC or (location is not None and len(sources) == 1)
    # "staged rallies", "held talks", "launched an attack": the noun is the act
    acted = verbal or (tok.dep_ in OBJ and tok.head.lemma_.lower() in languages.profile(lang).light_verbs)
    confidence = 0.45 + (0.2 if acted else 0.1) + (0.15 if complete else 0.0)
    confidence -= 0.15 if guessed else 0.0
    confidence += prominence(tok)
    return round(max(0.05, min(0.95, confidence)), 3)


def prominence(tok: Any) -> float:
    """Main-clause events are what a sentence is about: +0.1 for the root (or what a speech
    verb at the root introduces), less the deeper the trigger sits in subordinate clauses and
    noun modifiers."""
    return round(0.1 - 0.07 * clause_depth(tok), 3)


def clause_depth(tok: Any) -> int:
    """How many subordinate clauses and noun modifiers a trigger sits under (0: the main
    clause, or the clause a speech verb at the root reports), at most 6. A phrase of
    circumstance counts as one (the profile's ``background_prepositions``): "after their
    withdrawal, X launched assaults" reports the assaults; the withdrawal dates them."""
    background = languages.profile(tok.doc.lang_ or "").background_prepositions
    depth = 0
    t = tok
    while t.head.i != t.i and depth < 6:
        if t.dep_.split(":")[0] in ("relcl", "acl", "advcl", "pcomp", "amod", "compound", "nmod", "appos"):
            depth += 1
        elif t.dep_ == "pobj" and t.head.lower_ in background:
            depth += 1
        t = t.head
    return depth


def told_in_past(tok: Any, lang: str) -> bool:
    """Whether the clause of a trigger tells a finished act in a past tense: a simple past
    ("Russia praised", "was rejected by Turkey"), a past perfect ("had spoken by telephone"),
    or a compound past that is the news tense of its language (French "a signé", "se sont
    entretenus"). A present, a present perfect ("Russia has deployed units": how things
    stand, the background of a report), a future or a modal is not; nor is a noun whose clause
    has no verb; nor a habit ("at various times we cooperated": the profile's ``habitual``
    words anywhere in the sentence). Read from the parse's morphology, so in any language the
    parser knows."""
    if _habit(lang).search(tok.sent.text):
        return False
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:pass", "auxpass", "aux:tense")]
    if any(c.tag_ == "MD" or "Fut" in c.morph.get("Tense") or c.lemma_.lower() in ("will", "would", "shall") for c in auxes):
        return False
    if "Past" in verb.morph.get("Tense") and "Fin" in verb.morph.get("VerbForm") and not auxes:
        return True  # "Russia praised"
    perfect = [c for c in auxes if c.lemma_.lower() in ("have", "avoir", "être")]
    if any("Past" in c.morph.get("Tense") and "Fin" in c.morph.get("VerbForm") for c in auxes):
        return True  # "was rejected", "had spoken" (not "have been backed": "been" is a participle)
    if perfect and "Pres" in perfect[0].morph.get("Tense"):
        # a present perfect: background in English, the news past in French
        return perfect[0].lemma_.lower() in ("avoir", "être") and "Part" in verb.morph.get("VerbForm")
    return False


@functools.lru_cache(maxsize=16)
def _habit(lang: str) -> re.Pattern[str]:
    """The profile's adverbs of frequency (``habitual``) as one pattern, whole words."""
    return re.compile(languages.alternation(languages.profile(lang).habitual, boundary=True), re.IGNORECASE)


def classifier_texts(text: str, sentences: Sequence[tuple[int, int]], indices: Sequence[int]) -> list[str]:
    """What the classifier reads of each of the given sentences: its first words, which
    carry the event (the encoder's cost grows with length)."""
    return [" ".join(text[sentences[i][0] : sentences[i][1]].split()[:ENCODE_WORDS]) for i in indices]


def blend_with(coded: list[tuple[int, list[EventMention]]], probs: Sequence[dict[str, float]]) -> tuple[EventMention, ...]:
    """The events of each coded sentence (``(sentence index, events)``) with the rules'
    confidence blended with the classifier's probabilities for the sentence (``probs``, one
    per coded sentence): that it holds an event at all, and one of the types the rules read
    in it (the likeliest of them, the same for all its events). The classifier tempers how
    sure the sentence's reading is; it does not reorder the rules' events: where it preferred
    another of a sentence's rules events than theirs, it was right in 3 of 59 PLV tune
    sentences and 1 of 36 check sentences (2026-12-03)."""
    events: list[EventMention] = []
    for (_, evs), p in zip(coded, probs):
        blended = []
        typed = max((p.get(ev.type, 0.0) for ev in evs), default=0.0)
        for ev in evs:
            # + CALIBRATION: the blend ran ~0.09 below measured precision on PLOVER dev
            conf = 0.75 * ev.confidence + 0.1 * (1 - p.get("NONE", 0.0)) + 0.15 * typed + CALIBRATION
            blended.append(replace(ev, confidence=round(min(0.95, max(0.05, conf)), 3)))
        events.extend(below_main_clause(blended))
    return tuple(events)


def below_main_clause(events: Sequence[EventMention]) -> list[EventMention]:
    """One sentence's events with each side-clause event (``main_clause`` false: a relative or
    adverbial clause, a noun modifier, what a governing trigger acts on) ranked below the
    main clause's most confident event: the classifier's opinion of the sentence may not lift
    "meet" in "refused to meet" or "jailed" in "freed a man who was jailed" above the act the
    sentence reports."""
    top = max((e.confidence for e in events if e.main_clause), default=None)
    if top is None:
        return list(events)
    return [e if e.main_clause or e.confidence < top else replace(e, confidence=round(max(0.05, top - 0.01), 3))
            for e in events]


def above_side_clauses(events: Sequence[EventMention], reading: EventMention) -> list[EventMention]:
    """One sentence's (calibrated) events with the classifier's reading of its main clause
    (``proposal.main_reading``) added and ranked first: the side-clause events stay, each just
    below it (calibration curves differ per basis, so the order is set after them)."""
    top = reading.confidence
    return [reading] + [e if e.confidence < top else replace(e, confidence=round(max(0.01, top - 0.01), 3)) for e in events]


# -- calibration ------------------------------------------------------------------------------

CALIBRATION_PATH = Path(__file__).resolve().parent / "calibration.json"
_ENABLED = [True]


@functools.lru_cache(maxsize=1)
def _curves() -> dict[str, dict[str, float]]:
    if not CALIBRATION_PATH.is_file():
        return {}
    return json.loads(CALIBRATION_PATH.read_text(encoding="utf-8")).get("curves", {})


def calibrated(raw: float, basis: str, curves: dict[str, dict[str, float]] | None = None) -> float:
    """A raw confidence mapped by the basis's logistic curve (``calibration.json``, fitted by
    ``python -m storyline.evaluate.calibrate`` on data the coder was not tuned on)."""
    curve = (curves if curves is not None else _curves()).get(basis)
    if not curve:
        return raw
    p = min(max(raw, 1e-4), 1 - 1e-4)
    z = curve["a"] * math.log(p / (1 - p)) + curve["b"]
    return round(min(0.99, max(0.01, 1 / (1 + math.exp(-z)))), 3)


def calibrate_all(events: Sequence[EventMention]) -> tuple[EventMention, ...]:
    """The events with calibrated confidences (unchanged inside :func:`uncalibrated`)."""
    if not _ENABLED[0]:
        return tuple(events)
    return tuple(replace(e, confidence=calibrated(e.confidence, e.basis)) for e in events)


@contextlib.contextmanager
def uncalibrated() -> Iterator[None]:
    """Raw confidences inside the block (for fitting the calibration)."""
    _ENABLED[0] = False
    try:
        yield
    finally:
        _ENABLED[0] = True
