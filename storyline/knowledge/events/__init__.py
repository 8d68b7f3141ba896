"""Event knowledge the project authors and ships: CAMEO codes mapped to PLOVER, the
trigger lexicon (English and French), modality and attribution cues, and example
sentences for the sentence-vector classifier.

Records may be in any language that has a profile in ``storyline/languages``. The UTF-8
JSON Lines files below live beside this module; the first line of each is a
``{"_meta": {...}}`` record saying what the file is, its sources and when it was
compiled. ``docs/events.md`` describes every format.

- ``cameo.jsonl``     every CAMEO code (roots, 3- and 4-digit) -> PLOVER type, mode, context
- ``triggers.jsonl``  lemma/phrase -> type, CAMEO code, mode, context, argument hints
- ``modality.jsonl``  status, negation, hedge and attribution cues
- ``examples.jsonl``  sentences written by the developers, >= 40 per type, plus negatives
- ``examples_LANG.jsonl`` the wide example sets, one per language (en, fr, es, it, ru, ar,
  tr), written from the PLOVER definitions (see each file's ``_meta``)
- ``petrarch_triggers.jsonl``  English triggers converted from the PETRARCH2 CAMEO verb
  dictionary (``convert_petrarch.py``); a hand-written trigger with the same lemma, pos
  and language overrides them

User extension files named ``triggers*.jsonl``, ``modality*.jsonl`` or
``examples*.jsonl`` in ``extra_dirs`` or in the directories of ``$STORYLINE_KNOWLEDGE``
are read after the packaged ones and add records. Everything is validated at load; a
problem raises :class:`~storyline.errors.ConfigError` naming the file, the line and
the fix.

>>> ek = load_event_knowledge()
>>> [t.type for t in ek.triggers_for("meet", "en")]
['CONSULT']
>>> ek.plover_for_cameo("042")
('CONSULT', 'visit', None)
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from storyline.errors import ConfigError
from storyline.knowledge import ENV_VAR, iter_jsonl
from storyline.languages import languages, profile

__all__ = [
    "PLOVER_TYPES",
    "plain",
    "stems",
    "stem_lengths",
    "STATUSES",
    "MODES",
    "CONTEXTS",
    "CAMEO_EXCEPTIONS",
    "ANY",
    "CameoCode",
    "ArgHints",
    "Trigger",
    "ModalityCue",
    "Example",
    "EventKnowledge",
    "load_event_knowledge",
    "validate_records",
    "triggers_for",
    "cameo",
    "plover_for_cameo",
    "examples",
    "match_phrase",
    "PHRASE_SKIP",
    "EVENTS_DIR",
]

LOGGER = logging.getLogger(__name__)

EVENTS_DIR = Path(__file__).resolve().parent

# The 16 PLOVER event types (PLOVER manual Draft 0.8, 2021), in the manual's order.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# Event status (DESIGN.md "Event model").
STATUSES: tuple[str, ...] = ("occurred", "planned", "cancelled", "denied", "hypothetical")

# Modes per type: the manual's mode tables plus the modes the CAMEO->PLOVER table uses.
MODES: Mapping[str, frozenset[str]] = MappingProxyType({
    "AGREE": frozenset(),
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "SUPPORT": frozenset(),
    "CONCEDE": frozenset(),
    "COOPERATE": frozenset(),
    "AID": frozenset(),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign", "return", "ease"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence", "ban", "political"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset({"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
                         "misinformation", "cyber", "ban"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                          "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                          "unconventional", "assassinate", "cleansing", "massacre", "seize"}),
})
# The manual's general contexts, plus 'humanitarian', which the conversion table uses.
CONTEXTS = frozenset({
    "military", "intelligence", "executive", "legislative", "election", "political_institutions", "pro_democracy",
    "pro_autocracy", "economic", "legal", "reparations", "human_rights", "rights_freedoms", "repression",
    "human_security", "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic", "territory",
    "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource", "environment", "technology",
    "terrorism", "cbrn", "cyber", "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
    "humanitarian",
})
# Where a trigger or example may carry a CAMEO code whose PLOVER type (per the conversion
# table) differs from its own: code prefix -> (allowed type, why). See docs/events.md.
CAMEO_EXCEPTIONS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "02": ("REQUEST", "CAMEO appeals: PLOVER drops 02, but its REQUEST covers all requests and appeals"),
    "163": ("SANCTION", "the table says COERCE; the manual's SANCTION 'discontinue' covers international sanctions"),
    "0813": ("CONCEDE", "the table lists it under RETREAT; the manual's CONCEDE covers lifting curfews"),
    "0814": ("CONCEDE", "the table lists it under RETREAT; the manual's CONCEDE covers easing emergency rule"),
    "0831": ("RETREAT", "PLOVER codes resignations RETREAT 'resign'; CAMEO codes them 0831"),
    "116": ("SANCTION", "the table says ACCUSE; the manual's SANCTION 'convict' covers court findings"),
    "192": ("ASSAULT", "the table says COERCE 'seize'; CAMEO files occupying territory under 19, conventional "
                       "military force, and the manual's COERCE is coercion 'falling short of violence' whose "
                       "'seize' is searches, confiscation and raids: taking a town by force is ASSAULT"),
})

POS = frozenset({"VERB", "NOUN", "PHRASE"})
CUE_KINDS = frozenset({"status", "negation", "hedge", "attribution"})
CUE_MATCH = frozenset({"word", "phrase", "morph"})
ARG_KEYS = frozenset({"source_is", "target_is", "target_preps", "source_preps", "needs_object", "guess"})
ARG_ROLES = frozenset({"subject", "object", "indirect object", "agent", "poss", "prep", "speaker"})

FILES = ("cameo", "triggers", "modality", "examples")  # load order matters: cameo first
EXTENDABLE = frozenset({"triggers", "modality", "examples"})
# Trigger files converted from other projects' dictionaries (convert_petrarch.py). Their
# entries yield to ours: a record whose lemma, pos and language a hand-written trigger
# (triggers.jsonl or an extension file) already has is left out.
IMPORTED_TRIGGERS = ("petrarch_triggers.jsonl",)
FIELDS = {
    "cameo": ({"code", "name", "plover"}, {"level", "parent", "mode", "context", "note"}),
    "triggers": ({"lemma", "pos", "lang", "type"},
                 {"cameo", "mode", "context", "args", "requires", "not_with", "forms", "note"}),
    "modality": ({"cue", "lang", "kind", "match"}, {"status", "note"}),
    "examples": ({"text", "lang", "type", "status"}, {"cameo", "mode", "context", "source", "target", "note"}),
}
_CAMEO_RE = re.compile(r"^\d{2,4}$")


class _Any:
    """Sentinel for "no filter" (``None`` selects negatives in :meth:`EventKnowledge.examples`)."""

    def __repr__(self) -> str:  # pragma: no cover - cosmetic
        return "ANY"


ANY: Any = _Any()


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class CameoCode:
    """A CAMEO event code and the PLOVER type, mode and context it converts to."""

    code: str
    name: str
    plover: str | None  # one of PLOVER_TYPES, or None (CAMEO 01/02, the split root 08)
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    parent: str | None = None
    note: str | None = None

    @property
    def level(self) -> int:
        return 2 if len(self.code) == 2 else len(self.code)

    @property
    def context(self) -> str | None:
        """The first (main) context, or None."""
        return self.contexts[0] if self.contexts else None


@dataclass(frozen=True, slots=True)
class ArgHints:
    """Where to look for the arguments of a trigger in the parse.

    ``source_is``/``target_is``: the dependency role that holds the actor/recipient
    (``subject``, ``object``, ``indirect object``, ``agent``, ``poss``); ``target_preps``:
    prepositions that introduce the recipient ("with", "to", "against", "avec"...).
    "X hosted Y" has ``source_is="object"``: PLOVER codes the visitor as actor.
    ``source_is="speaker"``: whoever says it is the actor, the clause's subject the recipient
    ("X said Y was behind the bombing" is X's accusation of Y).
    """

    source_is: str = "subject"
    target_is: str | None = None
    target_preps: tuple[str, ...] = ()
    source_preps: tuple[str, ...] = ()
    needs_object: bool = False  # a verb that names the act only with its object ("broke up the rally", not "the rally broke up")
    # whether the main verb's fallback may guess this sense without its ``requires`` words: not
    # for a verb that is neutral without them ("described the situation" judges nothing)
    guess: bool = True


_NO_HINTS = ArgHints()


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that signals an event type.

    ``lemma`` is the dictionary form; a PHRASE is written with each word in its dictionary
    form ("hold talk" matches "held talks"). ``requires``: at least one of these words must
    occur in the sentence; ``not_with``: none of them may ("strike" with "air" is not a
    labour strike). ``forms``: if set, only these surface forms trigger ("talks", not "talk").
    """

    lemma: str
    pos: str
    lang: str
    type: str
    cameo: str | None = None
    mode: str | None = None
    context: str | None = None
    args: ArgHints = ArgHints()
    requires: tuple[str, ...] = ()
    not_with: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    note: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        """The phrase's words without determiners/possessives ("sever tie", "lever couvre-feu")."""
        return tuple(w for w in _split_words(self.lemma) if w not in PHRASE_SKIP)

    def allowed(self, sentence: str) -> bool:
        """True when ``sentence`` satisfies ``requires`` and contains nothing in ``not_with``.

        Matching is case-insensitive on whole words or phrases.
        """
        text = _norm(sentence)
        if self.requires and not any(_contains(text, w) for w in self.requires):
            return False
        return self._excludes_nothing(text)

    def allowed_without_requires(self, sentence: str) -> bool:
        """True when ``sentence`` contains nothing in ``not_with`` (``requires`` not asked)."""
        return self._excludes_nothing(_norm(sentence))

    def _excludes_nothing(self, text: str) -> bool:
        """``text`` (normalised) contains nothing in ``not_with``."""
        return not any(_contains(text, w) for w in self.not_with)


@dataclass(frozen=True, slots=True)
class ModalityCue:
    """A cue word or phrase for status, negation, hedging or attribution.

    ``match`` is ``word`` (one token), ``phrase`` (several tokens) or ``morph`` (a
    Universal Dependencies feature such as ``Tense=Fut`` or ``Mood=Cnd``).
    """

    cue: str
    lang: str
    kind: str  # status | negation | hedge | attribution
    status: str | None = None  # for kind == "status"
    match: str = "word"
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Example:
    """An example sentence written by the developers; ``type`` is None for a negative."""

    text: str
    lang: str
    type: str | None
    status: str | None
    cameo: str | None = None
    mode: str | None = None
    source: str | None = None
    target: str | None = None


@dataclass(frozen=True, slots=True)
class EventKnowledge:
    """Everything in ``storyline/knowledge/events``, indexed for the event coder."""

    cameo_codes: Mapping[str, CameoCode]
    triggers: tuple[Trigger, ...]
    cues: tuple[ModalityCue, ...]
    all_examples: tuple[Example, ...]
    sources: Mapping[str, tuple[dict, ...]] = field(default_factory=dict)  # file name -> its _meta blocks
    # the part of ``triggers`` converted from other dictionaries (IMPORTED_TRIGGERS), after ours
    imported_triggers: tuple[Trigger, ...] = ()
    _by_lemma: Mapping[tuple[str, str], tuple[Trigger, ...]] = field(default_factory=dict, repr=False)
    _cue_sets: Mapping[tuple[str, str, str | None], frozenset[str]] = field(default_factory=dict, repr=False)

    # lookups ------------------------------------------------------------
    def triggers_for(self, lemma: str, lang: str | None = None) -> list[Trigger]:
        """Triggers with this lemma (case-insensitive), in ``lang`` or in any language."""
        key = _norm(lemma)
        if lang is not None:
            return list(self._by_lemma.get((lang, key), ()))
        return [t for code in languages() for t in self._by_lemma.get((code, key), ())]

    def phrases(self, lang: str) -> list[Trigger]:
        """The PHRASE triggers of a language (to match on lemma sequences)."""
        return [t for t in self.triggers if t.pos == "PHRASE" and t.lang == lang]

    def cameo(self, code: str) -> CameoCode:
        """The CAMEO code record; raises KeyError with the fix for an unknown code."""
        try:
            return self.cameo_codes[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {code!r}: codes are 2-4 digits, e.g. '04', '042', '0841'") from None

    def plover_for_cameo(self, code: str) -> tuple[str | None, str | None, str | None]:
        """``(type, mode, context)`` for a CAMEO code, from the conversion table."""
        rec = self.cameo(code)
        return rec.plover, rec.mode, rec.context

    def examples(self, lang: str | None = None, type: Any = ANY) -> list[Example]:
        """Example sentences, filtered by language and type (``type=None``: the negatives)."""
        return [
            e for e in self.all_examples
            if (lang is None or e.lang == lang) and (type is ANY or e.type == type)
        ]

    # cue sets -----------------------------------------------------------
    def status_cues(self, lang: str) -> dict[str, frozenset[str]]:
        """status -> cue words/phrases (``match`` word or phrase) for a language."""
        return {s: self._cue_sets.get((lang, "status", s), frozenset()) for s in STATUSES if s != "occurred"}

    def attribution_cues(self, lang: str) -> frozenset[str]:
        """Speech verbs; for a language without such cues here, its profile's reporting verbs."""
        return self._cue_sets.get((lang, "attribution", None)) or profile(lang).reporting_verbs

    def negation_cues(self, lang: str) -> frozenset[str]:
        """Negation cues; for a language without such cues here, its profile's."""
        return self._cue_sets.get((lang, "negation", None)) or profile(lang).negation

    def hedge_cues(self, lang: str) -> frozenset[str]:
        return self._cue_sets.get((lang, "hedge", None), frozenset())

    def morph_cues(self, lang: str) -> list[ModalityCue]:
        """Cues on morphological features (``Tense=Fut``, ``Mood=Cnd``, ``Polarity=Neg``)."""
        return [c for c in self.cues if c.lang == lang and c.match == "morph"]


# --------------------------------------------------------------------------- loading


def load_event_knowledge(*, extra_dirs: Iterable[str | os.PathLike] = ()) -> EventKnowledge:
    """Load, validate and index the event knowledge (cached until a file changes).

    Extension files come from ``extra_dirs`` and from ``$STORYLINE_KNOWLEDGE``.
    """
    dirs = [str(Path(d)) for d in extra_dirs]
    env = os.environ.get(ENV_VAR, "")
    dirs += [d for d in env.split(os.pathsep) if d.strip()]
    stamps = tuple(_dir_stamp(Path(d)) for d in dirs)
    packaged = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(EVENTS_DIR.glob("*.jsonl")))
    return _load_cached(tuple(dirs), stamps + (packaged,))


def _dir_stamp(directory: Path) -> tuple:
    if not directory.is_dir():
        raise ConfigError(
            detail=f"{directory}: knowledge extension directory not found. Check extra_dirs / ${ENV_VAR}."
        )
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in directory.glob("*.jsonl")))


@lru_cache(maxsize=8)
def _load_cached(dirs: tuple[str, ...], _stamps: tuple) -> EventKnowledge:
    files: list[tuple[str, Path]] = [(kind, EVENTS_DIR / f"{kind}.jsonl") for kind in FILES]
    # the wide example sets, one file per language (examples_en.jsonl, ...)
    files += [("examples", p) for p in sorted(EVENTS_DIR.glob("examples_*.jsonl"))]
    files += [("imported", EVENTS_DIR / name) for name in IMPORTED_TRIGGERS if (EVENTS_DIR / name).is_file()]
    for directory in map(Path, dirs):
        for kind in sorted(EXTENDABLE):
            files += [(kind, p) for p in sorted(directory.glob(f"{kind}*.jsonl"))]
    loaded: dict[str, list[tuple[dict, Path, int]]] = {k: [] for k in (*FILES, "imported")}
    sources: dict[str, list[dict]] = {}
    for kind, path in files:
        for rec, number in _read(path):
            if "_meta" in rec:
                sources.setdefault(path.name, []).append(rec["_meta"])
            else:
                loaded[kind].append((rec, path, number))
    return _build(loaded, {k: tuple(v) for k, v in sources.items()})


def _read(path: Path) -> Iterable[tuple[dict, int]]:
    first = True
    for rec, number in iter_jsonl(path):
        if first and "_meta" not in rec:
            raise ConfigError(
                detail=f"{path}: line {number}: the first record must be {{\"_meta\": {{\"what\": ..., "
                f"\"source\": ..., \"compiled\": ...}}}} saying what the file is and where it comes from."
            )
        first = False
        yield rec, number


def validate_records(kind: str, records: Iterable[dict], *, path: str = "<memory>",
                     cameo_codes: Mapping[str, CameoCode] | None = None) -> list:
    """Validate raw records of one file kind and return the typed objects.

    ``kind`` is ``cameo``, ``triggers``, ``modality`` or ``examples``; CAMEO references are
    checked against ``cameo_codes`` (default: the packaged codes). Raises ConfigError.
    """
    if kind not in FILES:
        raise ConfigError(detail=f"unknown event knowledge kind {kind!r}; use one of {', '.join(FILES)}.")
    if cameo_codes is None and kind != "cameo":
        cameo_codes = load_event_knowledge().cameo_codes
    items = [(rec, Path(path), n) for n, rec in enumerate(records, 1)]
    return _Validator(cameo_codes or {}).run(kind, items)


def _build(loaded: dict[str, list[tuple[dict, Path, int]]], sources: dict) -> EventKnowledge:
    codes = {c.code: c for c in _Validator({}).run("cameo", loaded["cameo"])}
    v = _Validator(codes)
    ours = v.run("triggers", loaded["triggers"])
    imported = tuple(_not_overridden(ours, v.run("triggers", loaded.get("imported", []))))
    triggers = tuple(ours) + imported
    cues = tuple(v.run("modality", loaded["modality"]))
    exs = tuple(v.run("examples", loaded["examples"]))
    by_lemma: dict[tuple[str, str], list[Trigger]] = {}
    for t in triggers:
        by_lemma.setdefault((t.lang, _norm(t.lemma)), []).append(t)
    cue_sets: dict[tuple[str, str, str | None], set[str]] = {}
    for c in cues:
        if c.match != "morph":
            cue_sets.setdefault((c.lang, c.kind, c.status), set()).add(c.cue.lower())
    LOGGER.debug("event knowledge: %d CAMEO codes, %d triggers, %d cues, %d examples",
                 len(codes), len(triggers), len(cues), len(exs))
    return EventKnowledge(
        cameo_codes=MappingProxyType(codes),
        triggers=triggers,
        imported_triggers=imported,
        cues=cues,
        all_examples=exs,
        sources=MappingProxyType(sources),
        _by_lemma=MappingProxyType({k: tuple(v) for k, v in by_lemma.items()}),
        _cue_sets=MappingProxyType({k: frozenset(v) for k, v in cue_sets.items()}),
    )


class _Validator:
    def __init__(self, codes: Mapping[str, CameoCode]) -> None:
        self.codes = codes

    def run(self, kind: str, items: list[tuple[dict, Path, int]]) -> list:
        make = getattr(self, f"_{kind}")
        seen: dict[Any, tuple[Path, int]] = {}
        out = []
        for rec, path, number in items:
            where = f"{path}: line {number}"
            self._fields(kind, rec, where)
            obj, key = make(rec, where)
            if key in seen:
                first_path, first_line = seen[key]
                raise ConfigError(
                    detail=f"{where}: duplicate of {first_path.name} line {first_line} ({key!r}). Delete one of them."
                )
            seen[key] = (path, number)
            out.append(obj)
        return out

    # shared checks --------------------------------------------------------
    @staticmethod
    def _fields(kind: str, rec: dict, where: str) -> None:
        required, optional = FIELDS[kind]
        keys = rec.keys()
        if required <= keys and keys <= required | optional:
            return
        missing = sorted(required - keys)
        if missing:
            raise ConfigError(detail=f"{where}: missing field(s) {', '.join(missing)}. Every {kind} record needs "
                                     f"{', '.join(sorted(required))}.")
        unknown = sorted(keys - required - optional)
        if unknown:
            raise ConfigError(detail=f"{where}: unknown field(s) {', '.join(unknown)}. Allowed: "
                                     f"{', '.join(sorted(required | optional))} (typo?).")

    @staticmethod
    def _str(rec: dict, name: str, where: str, *, optional: bool = False) -> str | None:
        value = rec.get(name)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(detail=f"{where}: '{name}' must be a non-empty string, not {value!r}.")
        return value

    @staticmethod
    def _strs(rec: dict, name: str, where: str) -> tuple[str, ...]:
        value = rec.get(name)
        if value is None and name not in rec:
            return ()  # absent: the common case, kept cheap (thousands of imported triggers)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(detail=f"{where}: '{name}' must be a list of non-empty strings, not {value!r}.")
        return tuple(value)

    @staticmethod
    def _type(value: Any, where: str, *, nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if value not in PLOVER_TYPES:
            old = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
            hint = f" '{value}' is an old PLOVER name: write {old[value]}." if value in old else ""
            raise ConfigError(detail=f"{where}: unknown PLOVER type {value!r}.{hint} Use one of "
                                     f"{', '.join(PLOVER_TYPES)}{' or null' if nullable else ''}.")
        return value

    @staticmethod
    def _lang(rec: dict, where: str) -> str:
        lang = rec.get("lang")
        if lang not in _known_languages():
            raise ConfigError(detail=f"{where}: unknown lang {lang!r}; use one of {', '.join(languages())} "
                                     "(the languages with a profile in storyline/languages).")
        return lang

    @staticmethod
    def _mode(mode: Any, typ: str | None, where: str) -> str | None:
        if mode is None:
            return None
        allowed = MODES.get(typ or "", frozenset())
        if mode not in allowed:
            choices = ", ".join(sorted(allowed)) or "none (leave mode null)"
            raise ConfigError(detail=f"{where}: mode {mode!r} is not a {typ} mode. Allowed: {choices}.")
        return mode

    @staticmethod
    def _contexts(value: Any, where: str) -> tuple[str, ...]:
        if value is None:
            return ()
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not values:
            raise ConfigError(detail=f"{where}: 'context' must be a string, a list of strings or null.")
        bad = [v for v in values if v not in CONTEXTS]
        if bad:
            raise ConfigError(detail=f"{where}: unknown context {bad[0]!r}. Use a PLOVER context such as "
                                     f"diplomatic, economic, military, legal, humanitarian (see docs/events.md).")
        return tuple(values)

    def _cameo_ref(self, code: Any, typ: str | None, where: str) -> str | None:
        if code is None:
            return None
        if not isinstance(code, str) or code not in self.codes:
            raise ConfigError(detail=f"{where}: unknown CAMEO code {code!r}. Write it as a string of 2-4 digits "
                                     f"listed in cameo.jsonl, e.g. \"042\".")
        rec = self.codes[code]
        if typ is not None and rec.plover != typ and not _exception_allows(code, typ):
            raise ConfigError(
                detail=f"{where}: CAMEO {code} ({rec.name}) maps to {rec.plover or 'no PLOVER type'}, not {typ}. "
                f"Pick a code of the right family or add a documented exception to CAMEO_EXCEPTIONS."
            )
        return code

    # per kind ---------------------------------------------------------------
    def _cameo(self, rec: dict, where: str) -> tuple[CameoCode, str]:
        code = rec.get("code")
        if not isinstance(code, str) or not _CAMEO_RE.match(code):
            raise ConfigError(detail=f"{where}: CAMEO code {code!r} must be a string of 2-4 digits, e.g. \"042\".")
        plover = self._type(rec.get("plover"), where, nullable=True)
        parent = rec.get("parent")
        if parent is not None and (not isinstance(parent, str) or not code.startswith(parent)):
            raise ConfigError(detail=f"{where}: parent {parent!r} is not a prefix of code {code}.")
        obj = CameoCode(
            code=code, name=self._str(rec, "name", where), plover=plover,
            mode=self._mode(rec.get("mode"), plover, where), contexts=self._contexts(rec.get("context"), where),
            parent=parent, note=self._str(rec, "note", where, optional=True),
        )
        return obj, code

    def _triggers(self, rec: dict, where: str) -> tuple[Trigger, tuple]:
        lemma = self._str(rec, "lemma", where)
        pos = rec.get("pos")
        if pos not in POS:
            raise ConfigError(detail=f"{where}: pos {pos!r} must be one of {', '.join(sorted(POS))}.")
        if pos != "PHRASE" and " " in lemma.strip():
            raise ConfigError(detail=f"{where}: lemma {lemma!r} has several words; make pos PHRASE.")
        lang = self._lang(rec, where)
        typ = self._type(rec.get("type"), where)
        args = rec.get("args")
        if args is None and "args" not in rec:
            hints = _NO_HINTS  # most records (all imported ones but a few) name no argument hints
        else:
            hints = self._args(args, where)
        cameo_code = self._cameo_ref(rec.get("cameo"), typ, where)
        contexts = self._contexts(rec.get("context"), where)
        if len(contexts) > 1:
            raise ConfigError(detail=f"{where}: a trigger has one context (or null), not a list.")
        obj = Trigger(
            lemma=lemma, pos=pos, lang=lang, type=typ, cameo=cameo_code,
            mode=self._mode(rec.get("mode"), typ, where), context=contexts[0] if contexts else None, args=hints,
            requires=self._strs(rec, "requires", where), not_with=self._strs(rec, "not_with", where),
            forms=self._strs(rec, "forms", where), note=self._str(rec, "note", where, optional=True),
        )
        return obj, (lang, pos, _norm(lemma), typ, cameo_code, obj.mode, obj.requires)

    def _args(self, args: Any, where: str) -> ArgHints:
        if not isinstance(args, dict) or args.keys() - ARG_KEYS:
            raise ConfigError(detail=f"{where}: 'args' must be an object with keys among {', '.join(sorted(ARG_KEYS))}.")
        for role in ("source_is", "target_is"):
            if role in args and args[role] not in ARG_ROLES:
                raise ConfigError(detail=f"{where}: args.{role} {args[role]!r} must be one of "
                                         f"{', '.join(sorted(ARG_ROLES))}.")
        for flag in ("needs_object", "guess"):
            if not isinstance(args.get(flag, flag == "guess"), bool):
                raise ConfigError(detail=f"{where}: args.{flag} must be true or false.")
        return ArgHints(
            source_is=args.get("source_is", "subject"), target_is=args.get("target_is"),
            target_preps=self._strs(args, "target_preps", where), source_preps=self._strs(args, "source_preps", where),
            needs_object=args.get("needs_object", False), guess=args.get("guess", True),
        )

    def _modality(self, rec: dict, where: str) -> tuple[ModalityCue, tuple]:
        cue = self._str(rec, "cue", where)
        lang = self._lang(rec, where)
        kind = rec.get("kind")
        if kind not in CUE_KINDS:
            raise ConfigError(detail=f"{where}: kind {kind!r} must be one of {', '.join(sorted(CUE_KINDS))}.")
        status = rec.get("status")
        if kind == "status":
            if status not in STATUSES or status == "occurred":
                raise ConfigError(detail=f"{where}: a status cue needs 'status' among planned, cancelled, denied, "
                                         f"hypothetical, not {status!r}.")
        elif status is not None:
            raise ConfigError(detail=f"{where}: only kind 'status' takes a 'status' field; remove it.")
        match = rec.get("match")
        if match not in CUE_MATCH:
            raise ConfigError(detail=f"{where}: match {match!r} must be one of {', '.join(sorted(CUE_MATCH))}.")
        obj = ModalityCue(cue=cue, lang=lang, kind=kind, status=status, match=match,
                          note=self._str(rec, "note", where, optional=True))
        return obj, (lang, kind, status, cue.lower())

    def _examples(self, rec: dict, where: str) -> tuple[Example, str]:
        text = self._str(rec, "text", where)
        lang = self._lang(rec, where)
        typ = self._type(rec.get("type"), where, nullable=True)
        status = rec.get("status")
        if typ is None:
            if status is not None:
                raise ConfigError(detail=f"{where}: a negative example (type null) has status null, not {status!r}.")
        elif status not in STATUSES:
            raise ConfigError(detail=f"{where}: bad status {status!r}; use one of {', '.join(STATUSES)}.")
        if typ is None and (rec.get("cameo") or rec.get("mode")):
            raise ConfigError(detail=f"{where}: a negative example (type null) takes no cameo or mode.")
        obj = Example(
            text=text, lang=lang, type=typ, status=status, cameo=self._cameo_ref(rec.get("cameo"), typ, where),
            mode=self._mode(rec.get("mode"), typ, where), source=self._str(rec, "source", where, optional=True),
            target=self._str(rec, "target", where, optional=True),
        )
        self._contexts(rec.get("context"), where)
        return obj, " ".join(text.split()).lower()


@lru_cache(maxsize=1)
def _known_languages() -> frozenset[str]:
    return frozenset(languages())


def _override_key(t: Trigger) -> tuple[str, str, str]:
    """What makes a hand-written trigger override an imported one: language, pos and lemma
    (a phrase's words without determiners: "reach a deal" is "reach deal")."""
    return t.lang, t.pos, " ".join(t.words) if t.pos == "PHRASE" else _norm(t.lemma)


def _not_overridden(ours: list[Trigger], imported: list[Trigger]) -> list[Trigger]:
    """The imported triggers our hand-written ones leave standing. Ours win where we wrote the
    same thing or the construction: an imported record is left out when one of ours has its
    lemma, pos and language; when it is a phrase that begins with one of our phrases ("call
    for sanctions" after our "call for"); or when it is a phrase whose verb we have as an
    unconditional trigger of the same type ("meet with" after our "meet": our verb already
    codes it, with its argument hints)."""
    taken = {_override_key(t) for t in ours}
    our_phrases = {(t.lang, t.words) for t in ours if t.pos == "PHRASE"}
    our_verbs = {(t.lang, _norm(t.lemma), t.type) for t in ours if t.pos == "VERB" and not t.requires}
    kept = []
    for t in imported:
        if t.pos != "PHRASE":
            if (t.lang, t.pos, _norm(t.lemma)) not in taken:
                kept.append(t)
            continue
        words = t.words
        if (t.lang, "PHRASE", " ".join(words)) in taken or (t.lang, words[0], t.type) in our_verbs:
            continue
        if any((t.lang, words[:n]) in our_phrases for n in range(2, len(words))):
            continue
        kept.append(t)
    return kept


def _exception_allows(code: str, typ: str) -> bool:
    return any(code.startswith(prefix) and allowed == typ for prefix, (allowed, _why) in CAMEO_EXCEPTIONS.items())


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().split())


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(_norm(phrase)) + (r"(?!\w)" if phrase[-1:].isalnum() else ""))


def _contains(text: str, phrase: str) -> bool:
    return _pattern(phrase).search(text) is not None


# Function words a PHRASE match skips, in the phrase and in the sentence.
PHRASE_SKIP = frozenset({
    "the", "a", "an", "its", "their", "his", "her", "our", "le", "la", "les", "l'", "un", "une", "des", "ses",
    "son", "sa", "leur", "leurs", "du",
})
PHRASE_GAP = 2  # at most this many other tokens between two words of a phrase


def _split_words(text: str) -> list[str]:
    return _norm(text).replace("'", "' ").split()


def match_phrase(words: tuple[str, ...], lemmas: list[str], texts: list[str], start: int = 0) -> tuple[int, int] | None:
    """Find a PHRASE trigger's ``words`` in a tokenised sentence.

    ``lemmas``/``texts``: the sentence's token lemmas and surface forms (lower case). Each
    word must match a token's lemma or surface form, in order, skipping PHRASE_SKIP words
    and at most PHRASE_GAP other tokens between two words ("severed diplomatic ties"
    matches "sever tie"). Returns (first token, last token + 1) or None.
    """
    if not words:
        return None
    n = len(lemmas)
    for i in range(start, n):
        if words[0] not in (lemmas[i], texts[i]):
            continue
        j, k, gap = i, 1, 0
        while k < len(words) and j + 1 < n:
            j += 1
            if words[k] in (lemmas[j], texts[j]):
                k, gap = k + 1, 0
            elif texts[j] in PHRASE_SKIP or lemmas[j] in PHRASE_SKIP:
                continue
            else:
                gap += 1
                if gap > PHRASE_GAP:
                    break
        if k == len(words):
            return i, j + 1
    return None


# --------------------------------------------------------------------------- shortcuts


def triggers_for(lemma: str, lang: str | None = None) -> list[Trigger]:
    """:meth:`EventKnowledge.triggers_for` on the packaged knowledge."""
    return load_event_knowledge().triggers_for(lemma, lang)


def cameo(code: str) -> CameoCode:
    """:meth:`EventKnowledge.cameo` on the packaged knowledge."""
    return load_event_knowledge().cameo(code)


def plover_for_cameo(code: str) -> tuple[str | None, str | None, str | None]:
    """:meth:`EventKnowledge.plover_for_cameo` on the packaged knowledge."""
    return load_event_knowledge().plover_for_cameo(code)


def examples(lang: str | None = None, type: Any = ANY) -> list[Example]:
    """:meth:`EventKnowledge.examples` on the packaged knowledge."""
    return load_event_knowledge().examples(lang, type)


# -- trigger stems (stems_LANG.jsonl): read by the code stage's proposer and annotate's parse filter

# how a stem and a word are compared: without combining marks, the hamza seats of alif as a
# bare alif ("أدان" = "ادان"), the alif maqsura as yaa, as plain text often writes them
_SPELLING = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})


def plain(word: str) -> str:
    """A word as stems are compared with it (lower case, no marks, one alif)."""
    from storyline.languages import forms

    return forms.strip_marks(word.lower().replace("\u0307", "")).translate(_SPELLING)  # Turkish "İ" lower-cases to i + a dot


@lru_cache(maxsize=1)
def stems() -> dict[str, dict[str, tuple[str, ...]]]:
    """Per language, the trigger stems of ``knowledge/events/stems_LANG.jsonl``: stem -> the
    PLOVER types it signals (word prefixes, for languages whose trigger lexicon needs a parse
    the language does not have, or that have no trigger lexicon)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for path in sorted(EVENTS_DIR.glob("stems_*.jsonl")):
        for rec, n in iter_jsonl(path):
            if "_meta" in rec:
                continue
            stem, lang, kind = rec.get("stem"), rec.get("lang"), rec.get("type")
            if not isinstance(stem, str) or not stem.strip() or kind not in PLOVER_TYPES or not isinstance(lang, str):
                raise ConfigError(detail=f"{path}: line {n}: a stem needs 'stem', 'lang' and a PLOVER 'type'.")
            table = out.setdefault(lang, {})
            key = plain(stem.strip())
            if kind not in table.get(key, ()):
                table[key] = (*table.get(key, ()), kind)
    return out


@lru_cache(maxsize=16)
def stem_lengths(lang: str) -> tuple[int, ...]:
    """The lengths of the language's stems, shortest first."""
    return tuple(sorted({len(s) for s in stems().get(lang, {})}))
