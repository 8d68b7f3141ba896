"""Article-extraction scorer: our HTML cleaner beside trafilatura's default.

The data is the article-extraction benchmark layout::

    DATA_DIR/html/<id>.html.gz      one gzipped page per id
    DATA_DIR/ground-truth.json      {id: {"articleBody": ..., "url": ...}}

Each page is scored with token 4-gram shingle precision/recall/F1
(:func:`storyline.evaluate.shingles.prf`) for ``clean_html(...).text`` and
for ``trafilatura.extract(html)`` with its defaults; means are over pages.
A page our cleaner rejects (``NoArticle``) scores as an empty prediction.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from statistics import fmean

from storyline.errors import NoArticle
from storyline.evaluate.shingles import prf

__all__ = ["evaluate", "load_pages", "decode_html", "format_report"]

LOGGER = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)


def decode_html(raw: bytes) -> str:
    """Decode a page: BOM, then the charset its <meta> declares, else UTF-8 with replacement."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, errors="replace")
    match = _META_CHARSET.search(raw[:8192])
    if match:
        declared = match.group(1).decode("ascii", "replace")
        try:
            return raw.decode(declared, errors="replace")
        except LookupError:
            LOGGER.debug("unknown charset %r, decoding as UTF-8", declared)
    return raw.decode("utf-8", errors="replace")


def load_pages(data_dir: Path) -> Iterator[tuple[str, str, dict]]:
    """(id, html, gold record) for every page that has gold."""
    data_dir = Path(data_dir)
    gold = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    for page in sorted((data_dir / "html").glob("*.html.gz")):
        page_id = page.name[: -len(".html.gz")]
        if page_id not in gold:
            LOGGER.warning("%s: no ground truth, skipped", page)
            continue
        yield page_id, decode_html(gzip.decompress(page.read_bytes())), gold[page_id]


def _mean(rows: list[tuple[float, float, float]]) -> dict[str, float]:
    if not rows:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    return {
        "precision": round(fmean(r[0] for r in rows), 4),
        "recall": round(fmean(r[1] for r in rows), 4),
        "f1": round(fmean(r[2] for r in rows), 4),
    }


def evaluate(data_dir: Path) -> dict:
    """Score ``clean_html`` and ``trafilatura.extract`` on every page of ``data_dir``."""
    import trafilatura

    from storyline.stages.read.html import clean_html

    ours_rows: list[tuple[float, float, float]] = []
    base_rows: list[tuple[float, float, float]] = []
    per_page: list[dict] = []
    for page_id, html, record in load_pages(Path(data_dir)):
        gold = record.get("articleBody") or ""
        url = record.get("url")
        try:
            ours = clean_html(html, url=url, path=page_id).text
        except NoArticle as exc:
            LOGGER.info("%s", exc)
            ours = ""
        theirs = trafilatura.extract(html) or ""
        o, t = prf(ours, gold), prf(theirs, gold)
        ours_rows.append(o)
        base_rows.append(t)
        per_page.append({
            "id": page_id,
            "url": url,
            "ours": {"precision": round(o[0], 4), "recall": round(o[1], 4), "f1": round(o[2], 4)},
            "trafilatura": {"precision": round(t[0], 4), "recall": round(t[1], 4), "f1": round(t[2], 4)},
        })
    return {
        "pages": len(per_page),
        "ours": _mean(ours_rows),
        "trafilatura": _mean(base_rows),
        "per_page": per_page,
    }


def format_report(result: dict) -> str:
    """A plain-text report of an :func:`evaluate` result: ours beside trafilatura's default."""
    from .table import table

    ours, base = result["ours"], result["trafilatura"]
    return "\n".join([
        f"Article extraction from HTML: {result['pages']} pages, word 4-gram shingles against the body a person marked",
        "",
        *table(["storyline", "trafilatura"], [
            ("precision (mean per page)", [ours["precision"], base["precision"]], "pct"),
            ("recall (mean per page)", [ours["recall"], base["recall"]], "pct"),
            ("F1 (mean per page)", [ours["f1"], base["f1"]], "pct"),
        ]),
    ])
