"""Plain-text cleaner quality: shingle P/R/F1 on web pages rendered to visible text.

Each page of the article-extraction benchmark (``html/*.html.gz`` + ``ground-truth.json``)
is rendered to the text a reader would copy from it (menus, captions, comments and all,
in reading order), cleaned with ``clean_text``, and scored against the marked article
body. The same score for the un-cleaned visible text is reported as ``raw_f1``.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Callable, Iterator

from storyline.evaluate.shingles import prf
from storyline.htmltext import visible_blocks

__all__ = ["evaluate", "load_pages", "format_report"]


def load_pages(data_dir: Path) -> Iterator[tuple[str, str, str]]:
    """(page id, visible text, gold body) for each page with a gold body, sorted by id."""
    data_dir = Path(data_dir)
    gold = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    for path in sorted((data_dir / "html").glob("*.html.gz")):
        key = path.name[: -len(".html.gz")]
        body = (gold.get(key) or {}).get("articleBody")
        if body is None:
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        yield key, "\n".join(visible_blocks(html)), body


def evaluate(data_dir: Path, *, clean: Callable[[str], str] | None = None) -> dict:
    """Mean shingle precision/recall/F1 of the cleaned visible text against the gold body."""
    if clean is None:
        from storyline.stages.read.text import clean_text

        def clean(text: str) -> str:
            return clean_text(text).text

    n = 0
    sums = [0.0, 0.0, 0.0, 0.0]
    for _key, text, gold in load_pages(data_dir):
        p, r, f = prf(clean(text), gold)
        sums[0] += p
        sums[1] += r
        sums[2] += f
        sums[3] += prf(text, gold)[2]
        n += 1
    if n == 0:
        return {"pages": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0, "raw_f1": 0.0}
    return {
        "pages": n,
        "precision": round(sums[0] / n, 4),
        "recall": round(sums[1] / n, 4),
        "f1": round(sums[2] / n, 4),
        "raw_f1": round(sums[3] / n, 4),
    }


def format_report(result: dict) -> str:
    """A plain-text report of an :func:`evaluate` result: the cleaned text beside the
    uncleaned visible text."""
    from .table import table

    return "\n".join([
        f"Plain-text cleaner: {result['pages']} pages rendered to their visible text, word 4-gram shingles "
        "against the body a person marked",
        "",
        *table(["cleaned", "uncleaned"], [
            ("precision (mean per page)", [result["precision"], None], "pct"),
            ("recall (mean per page)", [result["recall"], None], "pct"),
            ("F1 (mean per page)", [result["f1"], result["raw_f1"]], "pct"),
        ]),
    ])
