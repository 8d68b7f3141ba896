"""The rule sentence splitter for languages without a spaCy model.

A sentence ends at the profile's sentence-final punctuation (with any closing quotes or
brackets after it) followed by white space, unless

- the next sentence would start with a lower-case letter (in a cased script),
- the full stop closes an abbreviation the profile lists ("Sr.", "т.е.") or an initial
  ("V. Putin"), or
- it closes a day number in a language that writes days as ordinals with a dot ("3. März").

A page that lost its paragraph breaks glues sentences with no white space between them
("… del fiume.Il sindaco …"); in a cased script a sentence also ends at a full stop (or
"!", "?") after two lower-case letters or a closing quote, right before a capital and a
lower-case letter — as spaCy's own sentencizer does for the languages with a model, whose
tokenizer cuts "fiume.Il" apart too. "U.S.Army", "S.p.A.", "3.5" and host names in lower
case stay whole.

Arabic needs nothing more: "؟" is in its ``sentence_final`` and the comma "،" and the
semicolon "؛" are not, and its script has no case, so any word may start a sentence.

>>> from storyline.languages import profile
>>> text = "El Sr. García llegó. ¿Habló con ella? Sí."
>>> [text[a:b] for a, b in split(text, profile("es"))]
['El Sr. García llegó.', '¿Habló con ella?', 'Sí.']
"""

from __future__ import annotations

import functools
import re
from typing import Any

from . import Profile, profile

__all__ = ["split", "register_spacy_component", "COMPONENT"]

COMPONENT = "storyline_sentences"
_CLOSERS = "\"'”’»)]}›」』"
_WORD_BEFORE = re.compile(r"(\S+)$")


@functools.lru_cache(maxsize=32)
def _boundary(final: str) -> re.Pattern[str]:
    return re.compile(rf"[{re.escape(final)}]+[{re.escape(_CLOSERS)}]*(?=\s|$)")


def _keeps_going(text: str, at: int, end: int, prof: Profile) -> bool:
    """Whether the punctuation at ``text[at:end]`` does not end the sentence."""
    rest = text[end:].lstrip()
    if not rest:
        return False
    if prof.cased and rest[0].islower():
        return True
    if text[at] != "." or text[at:end].count(".") > 1:
        return False  # "?", "!", "…" and "..." always end one
    m = _WORD_BEFORE.search(text, 0, at)
    if not m:
        return False
    word = m.group(1).lstrip("\"'“‘«(¿¡[").lower()
    if word in prof.abbreviations:
        return True
    if len(word) == 1 and word.isalpha() and prof.cased:
        return True  # an initial
    return word.isdigit() and len(word) <= 2 and "." in prof.day_suffixes


def _glued(text: str, prof: Profile) -> list[tuple[int, int]]:
    """(start, end) of the punctuation that ends a sentence glued to the next one."""
    if not prof.cased:
        return []
    return [(m.start(), m.end()) for m in _GLUE.finditer(text)
            if text[m.end()].isupper() and text[m.end() + 1].islower()
            and (text[m.start() - 1] in _CLOSERS or (text[m.start() - 1].islower() and text[m.start() - 2].islower()))]


_GLUE = re.compile(r"(?<=\w\w|.[»\"”’)])[.!?]+(?=\w\w)")


def split(text: str, prof: Profile) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, white space outside."""
    spans: list[tuple[int, int]] = []
    start = 0
    ends = sorted({(m.start(), m.end()) for m in _boundary(prof.sentence_final).finditer(text)} | set(_glued(text, prof)))
    for at, end in ends:
        if at < start or _keeps_going(text, at, end, prof):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        a, b = a + lead, b - (len(piece) - len(piece.rstrip()))
        if b > a:
            out.append((a, b))
    return out


class _RuleSentencizer:
    """A spaCy component that sets sentence starts from :func:`split`."""

    def __init__(self, lang: str) -> None:
        self.profile = profile(lang)

    def __call__(self, doc: Any) -> Any:
        starts = {a for a, _ in split(doc.text, self.profile)}
        for tok in doc:
            tok.is_sent_start = tok.i == 0 or tok.idx in starts
        return doc


def register_spacy_component() -> str:
    """Register the splitter as a spaCy pipeline component (once) and return its name;
    add it with ``nlp.add_pipe(name, config={"lang": code})``."""
    from spacy.language import Language

    if not Language.has_factory(COMPONENT):
        Language.factory(COMPONENT, default_config={"lang": "xx"}, func=lambda nlp, name, lang: _RuleSentencizer(lang))
    return COMPONENT
