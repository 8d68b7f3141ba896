"""Which sentences may carry an event: the cheap filter that decides what gets parsed.

A sentence is worth a parse when it names someone (an entity span, or a
compound phrase such as "the two countries") and holds a word whose first
five letters match a trigger of the event lexicon in one of its common
inflections. Annotate parses these sentences once; the code stage reads the
stored parses and narrows them further with the resolved actors.
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Mapping

from ... import languages
from ...knowledge.events import plain, stem_lengths
from ...knowledge.events import stems as word_stems
from ...languages import alternation

__all__ = ["compound_actors", "trigger_stems", "may_carry_event", "stems_fingerprint"]

@functools.lru_cache(maxsize=16)
def compound_actors(lang: str) -> re.Pattern[str]:
    """Compound actors ("the two countries", "both sides", "les deux pays") from the language's profile."""
    p = languages.profile(lang)
    return re.compile(
        r"\b" + alternation(p.compound_quantifiers) + r"\s+(?:[\w-]+\s+){0,%d}?" % p.compound_words_between
        + alternation(p.compound_nouns) + r"\b", re.I)


MAX_SENTENCE = 5000  # longer is not a sentence (a table or a run-on dump): not worth a parse


@functools.lru_cache(maxsize=8)
def trigger_stems(lang: str) -> frozenset[str]:
    """First five letters of every trigger word and its common inflections. Of a phrase
    converted from another dictionary (PETRARCH's "withdraw troops", "storm camp") only the
    first word counts: the phrase cannot match without it, and its object nouns would let
    through nearly every sentence. Of our own phrases every word counts ("levé le
    couvre-feu" is let through by "couvre-feu", which a French verb's inflections hide)."""
    from ...knowledge.events import load_event_knowledge

    ek = load_event_knowledge()
    irregular = languages.profile(lang).irregular_forms
    imported = set(ek.imported_triggers)
    stems: set[str] = set()
    for t in ek.triggers:
        if t.lang == lang:
            words = t.lemma.lower().split()
            for w in words[:1] if t in imported else words:
                stems.update(_forms(w, irregular))
    return frozenset(s[:5] for s in stems if len(s) >= 3)


def may_carry_event(text: str, lang: str, *, names_someone: bool) -> bool:
    """Whether a sentence is worth parsing (see the module docstring): a word begins with a
    trigger's first five letters, or with a trigger stem of the language."""
    if len(text) > MAX_SENTENCE:
        return False
    if not names_someone and not compound_actors(lang).search(text):
        return False
    stems = trigger_stems(lang)
    words = {w.lower() for w in re.findall(r"\w+", text)}
    if any(w[:5] in stems for w in words if len(w) >= 3):
        return True
    # a trigger stem of the language (stems_LANG.jsonl: Spanish has a parser but no lexicon of its own)
    prefixes = word_stems().get(lang, {})
    return bool(prefixes) and any(plain(w)[:n] in prefixes for w in words for n in stem_lengths(lang))


def stems_fingerprint(langs: tuple[str, ...]) -> str:
    """A hash of the stems of every language: annotate re-parses when the filter changes."""
    h = hashlib.sha1()
    for lang in langs:
        h.update(lang.encode())
        h.update(" ".join(sorted(trigger_stems(lang))).encode())
        h.update(" ".join(sorted(word_stems().get(lang, {}))).encode())
    return h.hexdigest()[:16]


def _forms(lemma: str, irregular: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The lemma, its irregular forms from the profile ("met"), its stem before an inflection
    changes the last letter ("agre(e)d", "alli(es)"; applied to every language: French stems
    depend on them too) and its regular English inflections, whose first five letters may
    differ from the lemma's ("talk" -> "talks", "ban" -> "banned", "write" -> "writing",
    "deny" -> "denied"), and the participle of a short French "-er" lemma ("tuer" -> "tué",
    "exiger" -> "exigé": the first five letters of a longer one are the participle's too)."""
    forms = [lemma, *irregular.get(lemma, ())]
    if lemma.endswith("e"):
        forms += [lemma[:-1], lemma[:-1] + "ing"]
    if lemma.endswith("y"):
        forms += [lemma[:-1] + "i", lemma[:-1] + "ied", lemma[:-1] + "ies"]
    if lemma.endswith("er") and len(lemma) <= 6:
        forms.append(lemma[:-2] + "é")  # a French participle of a short lemma: "tuer" -> "tué", "signer" -> "signé"
    if lemma.isalpha():
        forms += [lemma + end for end in ("s", "es", "d", "ed", "ing")]
        forms += [lemma + lemma[-1] + end for end in ("ed", "ing")]
    return forms
