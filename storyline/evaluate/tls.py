"""Key-date timelines against CL-TLS: date-selection F1 and ROUGE-1/2.

CL-TLS (``../shared/data/cl-tls``) holds, per language and topic, news documents in
``LANG/TOPIC/YYYY-MM-DD/*.txt`` (the folder's date is the publication date) and a reference
timeline in ``LANG/reference/TOPIC.txt``: a date line, summary lines, a line of dashes.

For each LANG/TOPIC the documents go through the real pipeline into a database of their own
(temporary, or ``DB_DIR/LANG-TOPIC.db``, kept and reused: the build is incremental, so a
second run only re-scores unless the pipeline changed), each as a JSONL record (written to
``LANG-TOPIC.jsonl`` beside the database) whose ``published`` is its folder's date. ``storyline.keydates.key_dates`` then
makes a timeline with as many dates as the reference has, over the reference's first to last
date (the news-tls evaluation protocol), and it is scored:

- **date F1**: precision and recall of the selected dates against the reference's dates (exact
  day match);
- **ROUGE-1/2 F1, concatenated**: n-gram overlap of all predicted summaries together against
  all reference summaries together;
- **ROUGE-1/2 F1, date-aligned** ("agreement", Martschat and Markert 2017): n-grams count as
  matched only between the summaries of the same date; precision over every predicted n-gram,
  recall over every reference n-gram.

ROUGE is computed here, with no dependency: text lower-cased, tokens are runs of letters and
digits of any script (``\\w+``; punctuation dropped; no stemming, no stop-word removal), n-gram
counts clipped (an n-gram matches at most as often as it occurs on the other side).

A slice (``since``/``until``) keeps the documents published, and the reference dates, in
that window: the gate slice (``GATE``: Italian Syria, March to May 2011) runs in CI; the full
numbers come from ``storyline eval tls [--lang it] [--topic syria]``.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["reference", "topics", "documents", "rouge_n", "date_f1", "score_timeline", "evaluate", "format_report", "GATE"]

_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DASHES = re.compile(r"^-{5,}\s*$")
_WORD = re.compile(r"\w+", re.UNICODE)

# the CI slice: Italian Syria, March to May 2011 (about 15 short documents, 15 reference dates)
GATE = {"lang": "it", "topic": "syria", "since": "2011-03-01", "until": "2011-05-31"}


def reference(path: Path) -> list[tuple[str, list[str]]]:
    """A reference timeline: (date, summary lines) in file order."""
    out: list[tuple[str, list[str]]] = []
    current: tuple[str, list[str]] | None = None
    for line in Path(path).read_text("utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if _DASHES.match(line):
            current = None
        elif current is None and _DATE_LINE.match(line):
            current = (line, [])
            out.append(current)
        elif current is not None:
            current[1].append(line)
    return out


def topics(folder: Path, langs: Iterable[str] = (), names: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The (lang, topic) pairs with both documents and a reference, optionally filtered."""
    langs, names = set(langs), set(names)
    out = []
    for lang_dir in sorted(p for p in Path(folder).iterdir() if p.is_dir()):
        for ref in sorted((lang_dir / "reference").glob("*.txt")):
            if (lang_dir / ref.stem).is_dir() and (not langs or lang_dir.name in langs) and (not names or ref.stem in names):
                out.append((lang_dir.name, ref.stem))
    return out


def documents(folder: Path, lang: str, topic: str, *, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """The topic's documents as JSONL records: id, published (the folder's date), text."""
    out = []
    for f in sorted(Path(folder, lang, topic).glob("*/*.txt")):
        day = f.parent.name
        if not _DATE_LINE.match(day) or (since and day < since) or (until and day > until):
            continue
        out.append({"id": f"{lang}/{topic}/{day}/{f.stem}", "published": day,
                    "text": f.read_text("utf-8", errors="replace")})
    return out


def _ngrams(text: str, n: int) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def _prf(match: int, predicted: int, gold: int) -> dict[str, float]:
    p = match / predicted if predicted else 0.0
    r = match / gold if gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def rouge_n(predicted: str, gold: str, n: int) -> dict[str, float]:
    """ROUGE-N precision, recall and F1 of one text against another (clipped n-gram counts)."""
    a, b = _ngrams(predicted, n), _ngrams(gold, n)
    return _prf(sum((a & b).values()), sum(a.values()), sum(b.values()))


def _aligned(predicted: Mapping[str, str], gold: Mapping[str, str], n: int) -> dict[str, float]:
    match = sum(sum((_ngrams(predicted[d], n) & _ngrams(gold[d], n)).values()) for d in set(predicted) & set(gold))
    return _prf(match, sum(sum(_ngrams(t, n).values()) for t in predicted.values()),
                sum(sum(_ngrams(t, n).values()) for t in gold.values()))


def date_f1(predicted: Iterable[str], gold: Iterable[str]) -> dict[str, float]:
    p, g = set(predicted), set(gold)
    return _prf(len(p & g), len(p), len(g))


def score_timeline(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, Any]:
    """Scores of a timeline (date -> summary) against a reference (date -> summary)."""
    concat_p = " ".join(predicted[d] for d in sorted(predicted))
    concat_g = " ".join(gold[d] for d in sorted(gold))
    return {
        "date": date_f1(predicted, gold),
        "rouge1": rouge_n(concat_p, concat_g, 1), "rouge2": rouge_n(concat_p, concat_g, 2),
        "rouge1_aligned": _aligned(predicted, gold, 1), "rouge2_aligned": _aligned(predicted, gold, 2),
    }


def _build(records: list[dict[str, Any]], db: str) -> None:
    """Build the records into ``db`` from a JSONL file beside it (``LANG-TOPIC.jsonl``): the
    same path on every run, since an article's input (what the build checks before running a
    stage again) includes the file it came from — a new temporary file each run rebuilt all."""
    from ..config import Settings
    from ..pipeline import build

    path = Path(db).with_suffix(".jsonl")
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if not path.is_file() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
    build([str(path)], db=db, settings=Settings())


def _timeline(db: str, ref: list[tuple[str, list[str]]]) -> list[dict[str, Any]]:
    from ..keydates import key_dates
    from ..store import open_store

    days = [d for d, _ in ref]
    with open_store(db, readonly=True) as store:
        return key_dates(store, max_dates=len(set(days)), since=min(days), until=max(days))


def evaluate_topic(folder: Path, lang: str, topic: str, *, db_dir: str | None = None,
                   since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Build one LANG/TOPIC and score its key-date timeline against the reference."""
    started = time.perf_counter()
    ref = [(d, lines) for d, lines in reference(Path(folder, lang, "reference", f"{topic}.txt"))
           if (not since or d >= since) and (not until or d <= until)]
    gold: dict[str, str] = {}
    for day, lines in ref:
        gold[day] = (gold.get(day, "") + " " + " ".join(lines)).strip()
    docs = documents(folder, lang, topic, since=since, until=until)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(db_dir or tmp) / f"{lang}-{topic}{'-slice' if since or until else ''}.db")
        _build(docs, db)
        timeline = _timeline(db, ref)
    predicted = {r["date"]: r["summary"] for r in timeline}
    return {"lang": lang, "topic": topic, "documents": len(docs), "reference_dates": len(gold),
            "predicted_dates": len(predicted), **score_timeline(predicted, gold),
            "seconds": round(time.perf_counter() - started, 1)}


METRICS = ("date", "rouge1", "rouge2", "rouge1_aligned", "rouge2_aligned")


def evaluate(folder: str | Path, *, langs: Iterable[str] = (), names: Iterable[str] = (), db_dir: str | None = None,
             since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Every (or the chosen) LANG/TOPIC scored, and the mean F1 of each measure."""
    pairs = topics(Path(folder), langs, names)
    results = [evaluate_topic(Path(folder), lang, topic, db_dir=db_dir, since=since, until=until) for lang, topic in pairs]
    mean = {m: round(sum(r[m]["f1"] for r in results) / len(results), 4) if results else 0.0 for m in METRICS}
    return {"topics": results, "mean_f1": mean}


def format_report(result: Mapping[str, Any]) -> str:
    head = ("lang/topic", "docs", "dates", "date F1", "R-1 F1", "R-2 F1", "R-1 aligned", "R-2 aligned")
    rows = [head]
    for r in result["topics"]:
        rows.append((f"{r['lang']}/{r['topic']}", str(r["documents"]), f"{r['predicted_dates']}/{r['reference_dates']}",
                     *(f"{r[m]['f1']:.3f}" for m in METRICS)))
    rows.append(("mean", "", "", *(f"{result['mean_f1'][m]:.3f}" for m in METRICS)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))) for row in rows]
    return "\n".join(["key-date timelines against CL-TLS (date F1; ROUGE F1 concatenated and date-aligned)", *lines])
