"""Shingle precision/recall/F1: the article-extraction benchmark's metric.

Texts are lower-cased and split into word tokens; each text becomes the
multiset of its token n-grams (n=4); precision and recall are the
overlap of the two multisets over each side's size.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["tokens", "shingles", "prf"]

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def prf(predicted: str, gold: str, n: int = 4) -> tuple[float, float, float]:
    """(precision, recall, F1) of predicted text against gold text.

    Both empty counts as perfect; one empty as zero.
    """
    p, g = shingles(predicted, n), shingles(gold, n)
    if not p and not g:
        return 1.0, 1.0, 1.0
    if not p or not g:
        return 0.0, 0.0, 0.0
    overlap = sum((p & g).values())
    precision = overlap / sum(p.values())
    recall = overlap / sum(g.values())
    f1 = 0.0 if overlap == 0 else 2 * precision * recall / (precision + recall)
    return precision, recall, f1
