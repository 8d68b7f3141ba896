"""TimeML scorer: our temporal tagger against TIMEX3 gold (TimeBank layout).

The data is a directory of ``.tml`` files. In each file the document creation
time (DCT) is the ``TIMEX3`` with ``functionInDocument="CREATION_TIME"``; the
gold expressions are the ``TIMEX3`` elements inside ``<TEXT>``. The plain text
of ``<TEXT>`` is rebuilt by dropping every tag (EVENT, SIGNAL, TIMEX3, ...) and
unescaping entities, keeping character offsets for each gold span.

:func:`evaluate` runs :func:`storyline.stages.annotate.timex.find_times` on each text
with ``reference`` = the DCT value and reports, TempEval-3 style:

- strict span P/R/F1 (exact offsets) and relaxed span P/R/F1 (any overlap,
  one-to-one);
- on relaxed matches: type accuracy, value accuracy over all matches and over
  matches whose gold type is DATE or TIME, and value F1 (matches with the right
  value over gold and over predicted counts).

Values are compared after upper-casing and dropping whitespace; spans after
trimming surrounding whitespace (a few gold spans carry a stray space).
"""

from __future__ import annotations

import html
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["GoldTimex", "GoldDoc", "load_doc", "load_docs", "evaluate", "split_halves", "format_report"]

LOGGER = logging.getLogger(__name__)

_TEXT = re.compile(r"<TEXT\b[^>]*>(.*?)</TEXT>", re.DOTALL)
_TAG = re.compile(r"<(/?)([A-Za-z_][\w.:-]*)((?:\s+[^<>]*?)?)(/?)>", re.DOTALL)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9A-Fa-f]+|\w+);")
_DCT_TIMEX = re.compile(r"<TIMEX3\b([^>]*functionInDocument\s*=\s*[\"']CREATION_TIME[\"'][^>]*)>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    text: str
    start: int
    end: int
    type: str
    value: str
    tid: str = ""


@dataclass(frozen=True, slots=True)
class GoldDoc:
    name: str
    dct: str | None
    text: str
    timexes: tuple[GoldTimex, ...]


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3)) for m in _ATTR.finditer(raw)}


def _unescape_piece(piece: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), piece) if "&" in piece else piece


def load_doc(path: Path) -> GoldDoc:
    """Parse one ``.tml`` file into its DCT, plain ``<TEXT>`` and gold TIMEX3 spans."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct = None
    m = _DCT_TIMEX.search(raw)
    if m:
        dct = _attrs(m.group(1)).get("value") or None
    tm = _TEXT.search(raw)
    body = tm.group(1) if tm else ""
    out: list[str] = []
    length = 0
    open_timex: list[tuple[dict[str, str], int]] = []
    golds: list[GoldTimex] = []
    pos = 0
    for tag in _TAG.finditer(body):
        piece = _unescape_piece(body[pos:tag.start()])
        out.append(piece)
        length += len(piece)
        pos = tag.end()
        closing, name, attrs, selfclosing = tag.group(1), tag.group(2), tag.group(3), tag.group(4)
        if name != "TIMEX3":
            continue
        if closing:
            if open_timex:
                a, start = open_timex.pop()
                golds.append(_gold(a, start, length))
        elif not selfclosing:
            open_timex.append((_attrs(attrs), length))
    piece = _unescape_piece(body[pos:])
    out.append(piece)
    text = "".join(out)
    fixed = []
    for g in golds:
        start, end = g.start, g.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            fixed.append(GoldTimex(text[start:end], start, end, g.type, g.value, g.tid))
    fixed.sort(key=lambda g: (g.start, g.end))
    return GoldDoc(path.stem, dct, text, tuple(fixed))


def _gold(a: dict[str, str], start: int, end: int) -> GoldTimex:
    return GoldTimex("", start, end, a.get("type", "").upper(), a.get("value", ""), a.get("tid", ""))


def load_docs(data_dir: Path, files: list[str] | None = None) -> list[GoldDoc]:
    data_dir = Path(data_dir)
    if files is None:
        paths = sorted(data_dir.glob("*.tml"))
    else:
        paths = [data_dir / (f if f.endswith(".tml") else f + ".tml") for f in files]
    docs = []
    for p in paths:
        try:
            docs.append(load_doc(p))
        except (OSError, UnicodeError) as exc:  # a broken file is reported, not fatal
            LOGGER.warning("skipping %s: %s", p, exc)
    return docs


def split_halves(data_dir: Path) -> tuple[list[str], list[str]]:
    """The fixed development / held-out split: alternate files in sorted order."""
    names = sorted(p.name for p in Path(data_dir).glob("*.tml"))
    return names[0::2], names[1::2]


def _norm_value(v: str) -> str:
    return re.sub(r"\s+", "", v or "").upper()


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _reference(dct: str | None) -> str | None:
    if not dct:
        return None
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", dct)
    if not m:
        return None
    return "-".join(x for x in m.groups() if x)


def _match(golds: list[GoldTimex], preds: list[Any]) -> tuple[list[tuple[GoldTimex, Any]], list[GoldTimex], set[int]]:
    """Relaxed one-to-one matching of gold and predicted expressions: exact spans first, then
    the greatest overlap. Returns the (gold, predicted) pairs, the gold left unmatched (in
    order), and the indexes of the predictions matched."""
    used: set[int] = set()
    pairs: list[tuple[GoldTimex, Any]] = []
    missed: list[GoldTimex] = []
    for g in golds:
        best, best_ov = None, 0
        for i, p in enumerate(preds):
            if i in used:
                continue
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > 0:
                score = ov + (1000 if (p.start, p.end) == (g.start, g.end) else 0)
                if score > best_ov:
                    best, best_ov = i, score
        if best is None:
            missed.append(g)
            continue
        used.add(best)
        pairs.append((g, preds[best]))
    return pairs, missed, used


def evaluate(data_dir: Path, *, files: list[str] | None = None, nlp=None, details: bool = False) -> dict:
    """Score ``find_times`` against the TIMEX3 gold in ``data_dir``.

    ``nlp``, a spaCy pipeline, is run on each text and its doc passed to the
    tagger (tense from the parse); without it the tagger guesses tense from
    nearby words. With ``details=True`` the result also holds ``errors``: a list of
    (doc, kind, gold, predicted) tuples for inspection.
    """
    from storyline.stages.annotate.timex import find_times

    docs = load_docs(Path(data_dir), files)
    n_gold = n_pred = strict_tp = relaxed_tp = 0
    type_ok = value_ok = 0
    dt_matched = dt_value_ok = 0
    words = 0
    elapsed = 0.0
    errors: list[tuple] = []
    for doc in docs:
        parsed = nlp(doc.text) if nlp is not None else None
        t0 = time.perf_counter()
        preds = find_times(doc.text, reference=_reference(doc.dct), lang="en", doc=parsed)
        elapsed += time.perf_counter() - t0
        words += len(doc.text.split())
        golds = list(doc.timexes)
        n_gold += len(golds)
        n_pred += len(preds)
        gold_spans = {(g.start, g.end) for g in golds}
        strict_tp += sum(1 for p in preds if (p.start, p.end) in gold_spans)
        pairs, missed, used = _match(golds, preds)
        if details:
            errors.extend((doc.name, "missed", g, None) for g in missed)
        for i, p in enumerate(preds):
            if i not in used and details:
                errors.append((doc.name, "spurious", None, p))
        relaxed_tp += len(pairs)
        for g, p in pairs:
            t_ok = g.type == p.type
            v_ok = _norm_value(g.value) == _norm_value(p.value)
            type_ok += t_ok
            value_ok += v_ok
            if g.type in ("DATE", "TIME"):
                dt_matched += 1
                dt_value_ok += v_ok
            if details and (not v_ok or not t_ok or (g.start, g.end) != (p.start, p.end)):
                kind = "value" if not v_ok else ("type" if not t_ok else "span")
                errors.append((doc.name, kind, g, p))
    sp, sr, sf = _prf(strict_tp, n_pred, n_gold)
    rp, rr, rf = _prf(relaxed_tp, n_pred, n_gold)
    vp, vr, vf = _prf(value_ok, n_pred, n_gold)
    result = {
        "docs": len(docs),
        "gold": n_gold,
        "predicted": n_pred,
        "strict_tp": strict_tp,
        "relaxed_tp": relaxed_tp,
        "strict_precision": sp,
        "strict_recall": sr,
        "strict_f1": sf,
        "relaxed_precision": rp,
        "relaxed_recall": rr,
        "relaxed_f1": rf,
        "type_accuracy": type_ok / relaxed_tp if relaxed_tp else 0.0,
        "value_accuracy": value_ok / relaxed_tp if relaxed_tp else 0.0,
        "value_accuracy_date_time": dt_value_ok / dt_matched if dt_matched else 0.0,
        "date_time_matched": dt_matched,
        "value_precision": vp,
        "value_recall": vr,
        "value_f1": vf,
        "words": words,
        "words_per_second": words / elapsed if elapsed else 0.0,
    }
    if details:
        result["errors"] = errors
    return result


def format_report(result: dict[str, Any]) -> str:
    """A plain-text report of an :func:`evaluate` result: spans strict and relaxed side by
    side, then type and value accuracy."""
    from .table import table

    r = result
    return "\n".join([
        f"TimeBank time expressions: {r['docs']} documents, {r['gold']} gold, {r['predicted']} found "
        f"({r['words_per_second']:,.0f} words/s)",
        "",
        *table(["strict", "relaxed"], [
            ("spans matched", [r["strict_tp"], r["relaxed_tp"]], "int"),
            ("span precision", [r["strict_precision"], r["relaxed_precision"]], "pct"),
            ("span recall", [r["strict_recall"], r["relaxed_recall"]], "pct"),
            ("span F1", [r["strict_f1"], r["relaxed_f1"]], "pct"),
        ]),
        "",
        *table(["all", "DATE/TIME"], [
            ("expressions matched", [r["relaxed_tp"], r["date_time_matched"]], "int"),
            ("type accuracy", [r["type_accuracy"], None], "pct"),
            ("value accuracy", [r["value_accuracy"], r["value_accuracy_date_time"]], "pct"),
            ("value precision", [r["value_precision"], None], "pct"),
            ("value recall", [r["value_recall"], None], "pct"),
            ("value F1", [r["value_f1"], None], "pct"),
        ]),
    ])
