"""How a name is written inside words and phrases of a language, from its profile's [names].

Two sides of one rule set:

- :func:`name_forms` — the written forms of a name the knowledge lists in its dictionary
  form: the case forms its words take (``name_inflections``, ``adjective_inflections``:
  Россия → России, Россию, Россией; ruso → rusa, rusos, rusas) and, in a language that
  writes its article on the word, the form with the article and the form a proclitic
  leaves of it (روسي → الروسي; العراق → لعراق, as in "للعراق"). The knowledge indexes
  these, so every lookup stays an exact match on a folded key.
- :func:`starts` and :func:`ends` — where a name may begin and end inside a written word:
  after proclitics ("وروسيا", "بليبيا"), after an elided article or preposition
  ("dell'Egitto"), before a case suffix ("Libya'da", "Rusya'yla"). The gazetteer tries
  these cuts; the word itself comes first.

>>> from storyline.languages import profile
>>> name_forms("Россия", profile("ru"))[:4]
['Россия', 'России', 'Россию', 'Россией']
>>> [("وروسيا")[s:] for s in starts("وروسيا", profile("ar"))]
['وروسيا', 'روسيا']
>>> [("Libya'da")[:e] for e in ends("Libya'da", profile("tr"))]
["Libya'da", 'Libya']
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping

__all__ = ["name_forms", "starts", "ends", "joined_before", "suffix_after", "MARKS", "LETTERS", "strip_marks", "dateline_end"]

# Combining marks written inside a word: Arabic short vowels, shadda, sukun and tanwin, the
# dagger alif and Quranic marks, the tatweel that stretches a word, and the combining Latin
# diacritics of decomposed text. They belong to the word: "رحّلت" is one word, not "رح" + "لت".
MARKS = "\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
# a word: a letter or digit, then letters, digits and marks (no underscore)
LETTERS = rf"[^\W_](?:[^\W_]|[{MARKS}])*"
DATELINE_DASH = re.compile(r"\s[-–—]\s")  # the dash that ends a wire dateline ("MOSCOW, March 3 (Reuters) - ")
_MARK = re.compile(f"[{MARKS}]")


def dateline_end(text: str, s0: int, s1: int) -> int:
    """Where a sentence's report begins after a wire dateline that opens its line ("ANKARA, 3
    Mart (AA) - ", "MOSCOW, March 3 (Reuters) — "): a few words with a date or an agency in
    brackets before a dash. ``s0`` when there is none ("Russia - which backs Haftar - said"
    has neither date nor brackets)."""
    if text[text.rfind("\n", 0, s0) + 1 : s0].strip():
        return s0
    dash = DATELINE_DASH.search(text, s0, min(s1, s0 + 80))
    if dash is None:
        return s0
    head = text[s0 : dash.start()]
    if len(head.split()) <= 8 and re.search(r"\d|\(", head):
        return dash.end()
    return s0


def strip_marks(word: str) -> str:
    """The word without its combining marks ("رحّلت" -> "رحلت", "اتفاقاً" -> "اتفاقا")."""
    return _MARK.sub("", word)

_PIECES = re.compile(r"(\s+|-)")
_MAX_COMBINATIONS = 256  # a long name inflects word by word; beyond this only its last word does
_MIN_CORE = 2  # letters a name keeps after a cut


def _sorted_endings(table: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(sorted(table, key=lambda e: (-len(e), e)))


@functools.lru_cache(maxsize=32)
def _endings(table_items: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, ...]:
    return _sorted_endings(dict(table_items))


def _inflect(word: str, table: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The word and the forms its longest listed ending gives; a word in capitals ("США",
    "ABD") or of one letter is kept as it is."""
    if not table or len(word) < 2 or (word.isupper() and len(word) > 1):
        return [word]
    low = word.lower()
    for ending in _endings(tuple(table.items())):
        if low.endswith(ending) and len(low) > len(ending):
            stem = word[: len(word) - len(ending)]
            return [word] + [stem + e for e in table[ending] if stem + e != word]
    return [word]


def _with_articles(form: str, prof, *, adjective: bool) -> list[str]:
    """A form and, in a language that writes its article on the word, the form with the
    article (an adjective takes it: روسي, الروسي; a name has it or not: العراق, روسيا) and the
    article as a proclitic leaves it (العراق → لعراق, as in "للعراق")."""
    out = [form]
    for art in prof.joined_articles:
        if form.startswith(art) and len(form) > len(art) + 1:
            bare = form[len(art):]
        elif adjective:
            bare = form
            out.append(art + form)
        else:
            continue
        out.extend(c + bare for c in prof.contracted_articles)
    return out


def name_forms(name: str, prof, *, adjective: bool = False, person: bool = False) -> list[str]:
    """Every written form of a name (a country's name, a title) or, with ``adjective``, of a
    nationality adjective, or, with ``person``, of a person's name (the profile's
    ``person_inflections`` before its ``name_inflections``: Лавров → Лавровым, not Лавровом),
    in the dictionary form first; no duplicates."""
    if adjective:
        table = prof.adjective_inflections
    elif person and prof.person_inflections:
        table = {**prof.name_inflections, **prof.person_inflections}
    else:
        table = prof.name_inflections
    pieces = _PIECES.split(name.strip())
    options = [[p] if i % 2 else _inflect(p, table) for i, p in enumerate(pieces)]
    total = 1
    for o in options:
        total *= len(o)
    if total > _MAX_COMBINATIONS:
        options = [o if i == len(options) - 1 else o[:1] for i, o in enumerate(options)]
    out: dict[str, None] = {}
    for combo in itertools.product(*options):
        for form in _with_articles("".join(combo), prof, adjective=adjective):
            out.setdefault(form, None)
    return list(out)


def starts(word: str, prof) -> list[int]:
    """Where a name may begin in a written word: 0, then after each listed proclitic sequence
    (longest first) and after an elided word ("dell'")."""
    out = [0]
    for p in sorted(prof.proclitics, key=len, reverse=True):
        if word.startswith(p) and len(word) - len(p) >= _MIN_CORE:
            out.append(len(p))
    if prof.elisions and ("'" in word or "’" in word):
        low = word.lower().replace("’", "'")
        for e in prof.elisions:
            if low.startswith(e) and len(low) - len(e) >= _MIN_CORE:
                out.append(len(e))
    return list(dict.fromkeys(out))


def ends(word: str, prof) -> list[int]:
    """Where a name may end in a written word: its end, then before a case suffix ("Libya'da")."""
    out = [len(word)]
    for sep in prof.suffix_separators:
        for mark in {sep, sep.replace("'", "’")}:
            i = word.find(mark)
            if i >= _MIN_CORE:
                out.append(i)
    return list(dict.fromkeys(out))


def joined_before(text: str, start: int) -> str:
    """The letters (and apostrophes) of the word a span starts inside, before the span:
    "ب" for "بليبيا", "dell'" for "dell'Egitto"; "" when the span starts a word."""
    i = start
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] in "'’"):
        i -= 1
    return text[i:start].replace("’", "'")


def suffix_after(text: str, end: int) -> str:
    """The rest of the word a span ends inside, after the span: "'da" for "Libya'da"; ""."""
    i = end
    while i < len(text) and (text[i].isalpha() or text[i] in "'’"):
        i += 1
    return text[end:i].replace("’", "'")
