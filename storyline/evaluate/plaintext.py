"""Plain-text cleaner quality: shingle P/R/F1 on web pages rendered to visible text, and
the title it finds.

Each page of the article-extraction benchmark (``html/*.html.gz`` + ``ground-truth.json``)
is rendered to the text a reader would copy from it (menus, captions, comments and all,
in reading order), cleaned with ``clean_text``, and scored against the marked article
body. The same score for the un-cleaned visible text is reported as ``raw_f1``.

**Title.** The benchmark marks no title, so the page's own markup stands for it: the
headline its ``og:title`` meta tag and its first ``<h1>`` give (as the HTML reader reads them). The title ``clean_text``
finds in the visible text is right when, word for word (lower-cased, punctuation dropped), it
equals one of them or holds one, or is held by one (a site name added or cut: "Headline |
Site"), the shorter side at least 10 characters long. Pages with neither tag are not scored.
Reported for the tune and the check part of the pages (``split.part`` of the page id), and
for all.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Callable, Iterator

from storyline.evaluate.shingles import prf
from storyline.evaluate.split import part
from storyline.htmltext import visible_blocks

__all__ = ["evaluate", "load_pages", "headlines", "title_right", "format_report"]


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


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def headlines(html: str) -> list[str]:
    """The headlines a page's markup gives (``html.markup_headlines``: its ``og:title`` and its
    first ``<h1>``), as written; none when the page does not parse."""
    from lxml import html as lxml_html

    from storyline.stages.read.html import markup_headlines

    try:
        return markup_headlines(lxml_html.fromstring(html))
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return []


def title_right(found: str | None, refs: list[str]) -> bool:
    """Whether a found title matches one of the page's headlines (see the module's doc)."""
    got = _words(found or "")
    if not got:
        return False
    for ref in refs:
        want = _words(ref)
        if got == want or (want and min(len(got), len(want)) >= 10 and (got in want or want in got)):
            return True
    return False


def evaluate(data_dir: Path, *, clean: Callable[[str], str] | None = None) -> dict:
    """Mean shingle precision/recall/F1 of the cleaned visible text against the gold body;
    with the default cleaner, also the share of pages whose title it finds (``title``, and
    per part in ``title_parts``)."""
    titles: dict[str, list[int]] | None = None
    if clean is None:
        from storyline.stages.read.text import clean_text

        titles = {"tune": [0, 0], "check": [0, 0]}
        found: dict[str, str | None] = {}

        def clean(text: str) -> str:
            result = clean_text(text)
            found["title"] = result.title
            return result.text

    n = 0
    sums = [0.0, 0.0, 0.0, 0.0]
    for key, text, gold in load_pages(data_dir):
        p, r, f = prf(clean(text), gold)
        if titles is not None:
            refs = headlines(_html(data_dir, key))
            if refs:
                t = titles[part(key)]
                t[0] += title_right(found["title"], refs)
                t[1] += 1
        sums[0] += p
        sums[1] += r
        sums[2] += f
        sums[3] += prf(text, gold)[2]
        n += 1
    if n == 0:
        return {"pages": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0, "raw_f1": 0.0}
    out: dict = {
        "pages": n,
        "precision": round(sums[0] / n, 4),
        "recall": round(sums[1] / n, 4),
        "f1": round(sums[2] / n, 4),
        "raw_f1": round(sums[3] / n, 4),
    }
    if titles is not None:
        right, scored = (sum(t[i] for t in titles.values()) for i in (0, 1))
        out["title"] = round(right / scored, 4) if scored else 0.0
        out["title_pages"] = scored
        out["title_parts"] = {k: {"title": round(r / c, 4) if c else 0.0, "pages": c} for k, (r, c) in titles.items()}
    return out


def _html(data_dir: Path, key: str) -> str:
    return gzip.decompress((Path(data_dir) / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", errors="replace")


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
        *_title_report(result),
    ])


def _title_report(result: dict) -> list[str]:
    if "title" not in result:
        return []
    from .table import table

    parts = result["title_parts"]
    return [
        "",
        f"Title found: right against the page's own og:title or <h1> ({result['title_pages']} pages with one)",
        "",
        *table(["tune", "check", "all"], [
            ("title right", [parts["tune"]["title"], parts["check"]["title"], result["title"]], "pct"),
            ("pages", [parts["tune"]["pages"], parts["check"]["pages"], result["title_pages"]], "int"),
        ]),
    ]
