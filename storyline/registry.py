"""The stage contract, enforced: what each stage is, needs, makes and depends on.

Every stage module declares one ``Stage``: its name and version, its scope
(``article``: a pure function of one article's stored records; ``corpus``:
a function of every article's records), the records it requires and assigns,
and what else its output depends on — knowledge files, a model and its
version, a setting, the date the corpus gave the article. The runner
(``storyline/pipeline.py``) derives every input hash from these declarations,
so a change re-runs exactly the stages that depend on it, and a rebuild
equals a fresh build.

Records are named; each has one producer::

    document ─ clean ─► article ─ annotate ─► annotation ─ resolve ─► entities
             ─ code ─► coded ─ anchor ─► times, resolution, event_mentions
             ─ dating ─► corpus_dates ─ link ─► events ─ stories ─► stories

``docs/architecture.md`` draws the flow and says how to add a stage.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Dependency", "Stage", "digest", "check_order", "RECORDS", "CORPUS_DATE", "KNOWLEDGE", "EVENT_LEXICON",
    "MODELS", "TRIGGER_STEMS", "LANGUAGES", "setting",
]


def digest(*parts: object) -> str:
    """A stable hash of values (their repr), for input hashes."""
    h = hashlib.sha1()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Dependency:
    """Something besides its input records that a stage's output depends on.

    ``fingerprint`` returns a short string that changes whenever the thing
    changes (a hash of the files, a model's name and version, a setting's
    value). It is called once per build, with the build's settings.
    """

    name: str
    fingerprint: Callable[[Any], str]
    doc: str = ""


def setting(name: str) -> Dependency:
    """A dependency on one setting's value (``config.Settings``)."""
    return Dependency(f"setting:{name}", lambda settings: repr(getattr(settings, name)), f"the '{name}' setting")


# A per-article pseudo-dependency: the date the corpus dating stage found for an
# article that states none to the day. A stage that declares it sees the article
# with that date and re-runs when it changes; no other stage does.
CORPUS_DATE = Dependency("corpus-date", lambda settings: "", "the date the dating stage inferred for the article")


def _knowledge(settings: Any) -> str:
    from .knowledge import fingerprint

    return fingerprint()


def _event_lexicon(settings: Any) -> str:
    from .stages.code import fingerprint

    return fingerprint()


def _models(settings: Any) -> str:
    from .nlp import models_fingerprint

    return models_fingerprint()


def _stems(settings: Any) -> str:
    from .nlp import models
    from .stages.annotate.candidates import stems_fingerprint

    return stems_fingerprint(tuple(sorted(models())))


def _languages(settings: Any) -> str:
    from .languages import fingerprint

    return fingerprint()


KNOWLEDGE = Dependency("knowledge", _knowledge, "every knowledge file in use, packaged and STORYLINE_KNOWLEDGE extensions")
EVENT_LEXICON = Dependency("event-lexicon", _event_lexicon, "trigger lexicon, modality cues, examples and classifier weights")
MODELS = Dependency("models", _models, "the spaCy package and version serving each language")
TRIGGER_STEMS = Dependency("trigger-stems", _stems, "the word stems that decide which sentences are parsed")
LANGUAGES = Dependency("languages", _languages, "the language profiles: models, function words, cues, month names")


# every record a stage may require or assign, with what it holds
RECORDS: dict[str, str] = {
    "document": "one raw input as read (Document)",
    "article": "the cleaned article: text, title, own date, language, removed blocks (Article)",
    "annotation": "sentences, entity spans, dependency parses of the sentences that may carry an event (Annotation)",
    "entities": "actors and places each span names, roles without a name left as roles (Resolution)",
    "coded": "events as each sentence tells them, with candidate dates (EventMention)",
    "times": "time expressions with TIMEX3 values at the article's date (TimeExpr)",
    "resolution": "the entities with roles bound to who held them at the article's date (Resolution)",
    "event_mentions": "the coded events dated and with roles bound, at the article's date (EventMention)",
    "corpus_dates": "dates inferred from the corpus for articles that state none to the day",
    "events": "one record per real-world event, linking its mentions (Event)",
    "stories": "articles grouped into stories, each placed once and kept there (Story)",
}


@dataclass(frozen=True, slots=True)
class Stage:
    """A declared stage. ``run`` is the stage's function.

    Article stages are called as ``run(**{record: value for record in requires})``
    (the article dated by the corpus when ``CORPUS_DATE`` is declared) and return
    the record they assign, or a dict of records when they assign several. Corpus stages are called by the runner with the
    store and the ids of the articles whose records changed.
    """

    name: str
    version: str
    scope: Literal["article", "corpus"]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    depends: tuple[Dependency, ...] = ()
    run: Callable[..., Any] | None = field(default=None, compare=False, repr=False)
    doc: str = ""
    # optional batch form of an article stage: a list of run's keyword arguments in, a list
    # of run's results out, the same as calling run on each (spaCy and the sentence encoder
    # are much faster on a batch); the runner falls back to run one by one if it fails
    batch: Callable[[list[dict[str, Any]]], list[Any]] | None = field(default=None, compare=False, repr=False)

    @property
    def dated(self) -> bool:
        return CORPUS_DATE in self.depends


def check_order(stages: Iterable[Stage], have: Iterable[str] = ("document",)) -> list[str]:
    """Problems with a stage order: a record no earlier stage assigns, a record
    assigned twice, a record nobody declared."""
    known = set(have)
    problems = []
    for st in stages:
        for r in (*st.requires, *st.assigns):
            if r not in RECORDS:
                problems.append(f"stage '{st.name}' names record '{r}', which is not in registry.RECORDS")
        missing = [r for r in st.requires if r not in known]
        if missing:
            problems.append(f"stage '{st.name}' requires {missing}, which no earlier stage assigns")
        twice = [r for r in st.assigns if r in known]
        if twice:
            problems.append(f"stage '{st.name}' assigns {twice}, which an earlier stage assigns already")
        known.update(st.assigns)
    return problems
