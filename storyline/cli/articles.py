"""List: the articles of a corpus, one line each, to find an id without dumping texts.

The records come from ``storyline.read.article_list``; this module only renders them.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["format_articles", "date_text"]

OUTLET_WIDTH = 28


def date_text(rec: dict[str, Any]) -> str:
    """The article's date cut to what is sure: 2020-07-31, 2020-07 (month), 2020 (year),
    2020-10-27~ (sure to the week); "undated" when it has none."""
    date, precision = rec["published"], rec["published_precision"]
    if not date:
        return "undated"
    if precision == "month":
        return date[:7]
    if precision == "year":
        return date[:4]
    if precision == "week":
        return date + "~"
    return date


def format_articles(records: list[dict[str, Any]], *, fmt: str = "text") -> str:
    """Article records as a table (id, date, outlet, language, title) with a header, or as JSON."""
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2)
    rows = [
        (r["id"], date_text(r), _cut(r["source"] or "-", OUTLET_WIDTH), r["language"] or "-", r["title"] or "(no title)")
        for r in records
    ]
    header = ("id", "date", "outlet", "lang", "title")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths)) + "  " + row[4] for row in [header, *rows]
    )


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
