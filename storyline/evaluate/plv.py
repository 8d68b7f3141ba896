"""PLV scorer: the event coder on real news sentences, one gold event each.

The data is ``plv/train.tsv``: tab-separated with a header row and the columns
``sentence_id``, ``sentence``, ``marked_sentence`` (the sentence with the gold
source inside ``<s>…</s>`` and the target inside ``<t>…</t>``; a role may be
marked more than once, or not at all when the annotator had no span for it),
``source``, ``target`` (the marked words, or a placeholder such as "An actor"),
``gold_root`` (the PLOVER type) and ``modality_L2``.

Types: the data has one YIELD type where PLOVER has CONCEDE and RETREAT, so
both count as YIELD, in the gold and in what the coder predicts
(:func:`merge_type`). Each sentence is coded on its own, in English and with no
date (:func:`storyline.stages.code.code_texts`, the batch form of ``code_text``);
its **main event** is the one with the highest confidence (ties as in
:func:`storyline.evaluate.plover.main_event`), typed with ``plover_type``;
"NONE" when the coder finds no event.

Metrics, over the records of a part (:mod:`storyline.evaluate.split`) and over
all: type accuracy (NONE counts wrong), over covered records, and with any
event of the sentence; the no-event rate; per-type precision/recall/F1 and
macro F1; the most common confusions (counts by gold → predicted type pair);
**source right**: the main event's source spans overlap a gold ``<s>`` span,
over the records that mark one (records with no event count wrong; records
that mark none are counted as ``source_absent`` and not scored);
``source_missing`` counts main events with no source at all. The same for the
target with ``<t>``. And a reliability table of the main events' confidence
with its expected calibration error.

Only the tune part's records come back one by one (``records``), for error
analysis; the check part is scored but never shown.
"""

from __future__ import annotations

import csv
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.errors import MalformedRecord, NotFound, Unreadable
from storyline.evaluate import split
from storyline.evaluate.plover import TYPES as PLOVER_TYPES
from storyline.evaluate.plover import pct, main_event, plover_type, prf, reliability
from storyline.models import EventMention

__all__ = [
    "TYPES",
    "MERGED",
    "COLUMNS",
    "PlvRecord",
    "merge_type",
    "marked_spans",
    "overlaps",
    "load_gold",
    "code_sentences",
    "evaluate",
    "format_report",
]

LOGGER = logging.getLogger(__name__)

MERGED = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
TYPES = tuple(dict.fromkeys(MERGED.get(t, t) for t in PLOVER_TYPES))
COLUMNS = ("sentence_id", "sentence", "marked_sentence", "gold_root")
NONE = "NONE"
BATCH = 256  # sentences coded per call: spaCy and the classifier are fast on a batch, memory stays small

Span = tuple[int, int]
# callable(sentences) -> one sequence of events per sentence
Coder = Callable[[Sequence[str]], Sequence[Sequence[EventMention]]]

_MARK = re.compile(r"<(/?)([st])>")


@dataclass(frozen=True, slots=True)
class PlvRecord:
    """One gold sentence: its event type (YIELD merged) and the marked source and target spans."""

    id: str
    text: str
    type: str
    original_type: str
    source: tuple[Span, ...]  # offsets into text; empty when no span is marked
    target: tuple[Span, ...]
    modality: str | None = None


def merge_type(name: str | None) -> str:
    """A type name as this data counts it: upper-cased, CONCEDE and RETREAT as YIELD."""
    name = (name or "").strip().upper()
    return MERGED.get(name, name)


def marked_spans(marked: str) -> tuple[str, dict[str, list[Span]]]:
    """The plain text of a marked sentence and the spans of its ``<s>`` and ``<t>`` marks
    (offsets into the plain text; marks may nest; an unclosed mark is dropped)."""
    spans: dict[str, list[Span]] = {"s": [], "t": []}
    open_at: dict[str, list[int]] = {"s": [], "t": []}
    plain: list[str] = []
    length, last = 0, 0
    for m in _MARK.finditer(marked):
        plain.append(marked[last : m.start()])
        length += m.start() - last
        last = m.end()
        closing, role = m.group(1), m.group(2)
        if not closing:
            open_at[role].append(length)
        elif open_at[role]:
            spans[role].append((open_at[role].pop(), length))
    plain.append(marked[last:])
    return "".join(plain), {role: sorted(s) for role, s in spans.items()}


def overlaps(predicted: Iterable[Span], gold: Iterable[Span]) -> bool:
    """Whether any predicted span shares at least one character with any gold span."""
    gold = list(gold)
    return any(ps < ge and gs < pe for ps, pe in predicted for gs, ge in gold)


def load_gold(path: Path) -> list[PlvRecord]:
    """The gold records of a PLV TSV file (rows with an unknown type are skipped with a warning)."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(path=path)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise MalformedRecord(path=path, where="the header", detail=f"missing column(s) {', '.join(missing)}")
            rows = list(reader)
    except (OSError, UnicodeError) as exc:
        raise Unreadable(path=path, detail=str(exc)) from None
    out = []
    for line, row in enumerate(rows, start=2):
        text = row["sentence"] or ""
        plain, spans = marked_spans(row["marked_sentence"] or "")
        if plain != text:
            raise MalformedRecord(path=path, where=f"line {line}",
                                  detail="marked_sentence without its marks is not the sentence")
        etype = merge_type(row["gold_root"])
        if etype not in TYPES:
            LOGGER.warning("%s: line %d has unknown event type %r, skipped", path, line, row["gold_root"])
            continue
        out.append(PlvRecord(
            id=row["sentence_id"], text=text, type=etype, original_type=row["gold_root"],
            source=tuple(spans["s"]), target=tuple(spans["t"]), modality=row.get("modality_L2") or None,
        ))
    return out


def code_sentences(texts: Sequence[str], *, batch: int = BATCH) -> list[tuple[EventMention, ...]]:
    """Each sentence coded on its own (English, no date), ``batch`` sentences per call."""
    from storyline.stages.code import code_texts

    out: list[tuple[EventMention, ...]] = []
    for at in range(0, len(texts), batch):
        out.extend(code_texts(texts[at : at + batch], language="en"))
    return out


def evaluate(path: Path, *, coder: Coder | None = None, part: str = "all") -> dict:
    """Score ``coder`` (by default :func:`code_sentences`) on the gold in ``path``, or on its
    tune or check ``part`` only. The result holds the metrics the module docstring lists
    over the records scored; with ``part="all"``, ``parts`` holds them for the tune and the
    check part. ``records``: the tune part's records one by one (``records_withheld``
    counts the check part's, never returned)."""
    gold = [g for g in load_gold(Path(path)) if split.in_part(g.text, part)]
    coder = coder or code_sentences
    t0 = time.perf_counter()
    predictions = coder([g.text for g in gold])
    elapsed = time.perf_counter() - t0
    if len(predictions) != len(gold):
        raise ValueError(f"the coder returned {len(predictions)} results for {len(gold)} sentences")
    tally = _Tally()
    by_part = {p: _Tally() for p in split.PARTS} if part == "all" else {}
    records = []
    for g, events in zip(gold, predictions):
        record = tally.add(g, list(events))
        which = split.part(g.text)
        if which in by_part:
            by_part[which].add(g, list(events))
        if which == "tune":
            records.append(record)
    result = tally.result()
    n = len(gold)
    result.update({
        "part": part,
        "parts": {p: t.result() for p, t in by_part.items()},
        "seconds": round(elapsed, 3),
        "sentences_per_second": round(n / elapsed, 1) if elapsed else 0.0,
        "records": records,
        "records_withheld": n - len(records),
    })
    return result


def _type(ev: EventMention) -> str:
    return merge_type(plover_type(ev))


@dataclass
class _Role:
    """Counts for one role (source or target) of the main events."""

    right: int = 0
    scored: int = 0  # records that mark the role
    covered: int = 0  # ... and have a main event
    absent: int = 0  # records that mark no span for the role
    missing: int = 0  # main events with no actor in the role

    def add(self, gold: tuple[Span, ...], predicted: tuple[Span, ...] | None) -> bool | None:
        """Count one record (``predicted`` None: no main event); whether it is right, None if unscored."""
        if predicted is not None and not predicted:
            self.missing += 1
        if not gold:
            self.absent += 1
            return None
        self.scored += 1
        if predicted is None:
            return False
        self.covered += 1
        ok = overlaps(predicted, gold)
        self.right += ok
        return ok

    def metrics(self, role: str) -> dict[str, Any]:
        return {
            f"{role}_right": round(self.right / self.scored, 4) if self.scored else 0.0,
            f"{role}_right_covered": round(self.right / self.covered, 4) if self.covered else 0.0,
            f"{role}_scored": self.scored,
            f"{role}_absent": self.absent,
            f"{role}_missing": self.missing,
        }


@dataclass
class _Tally:
    """What :func:`evaluate` counts over the records of one part."""

    n: int = 0
    covered: int = 0
    type_ok: int = 0
    type_ok_any: int = 0
    n_events: int = 0
    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    source: _Role = field(default_factory=_Role)
    target: _Role = field(default_factory=_Role)
    pairs: list[tuple[float, bool]] = field(default_factory=list)

    def add(self, g: PlvRecord, events: list[EventMention]) -> dict:
        """Count one record; returns its error-analysis record."""
        self.n += 1
        self.n_events += len(events)
        main = main_event(events)
        pred = _type(main) if main is not None else NONE
        ok = pred == g.type
        self.gold[g.type] += 1
        self.confusion[(g.type, pred)] += 1
        if main is not None:
            self.covered += 1
            self.predicted[pred] += 1
            self.pairs.append((float(main.confidence), ok))
        self.type_ok += ok
        self.right[g.type] += ok
        self.type_ok_any += any(_type(e) == g.type for e in events)
        source_ok = self.source.add(g.source, None if main is None else tuple(main.source_spans))
        target_ok = self.target.add(g.target, None if main is None else tuple(main.target_spans))

        def words(spans: Iterable[Span]) -> list[str]:
            return [g.text[a:b] for a, b in spans]

        return {
            "id": g.id, "text": g.text, "modality": g.modality,
            "gold_type": g.type, "gold_root": g.original_type,
            "predicted_type": None if main is None else pred, "type_correct": ok,
            "confidence": None if main is None else round(float(main.confidence), 4),
            "status": None if main is None else main.status,
            "trigger": None if main is None or not main.trigger else main.trigger[2],
            "all_types": [_type(e) for e in events],
            "gold_source": words(g.source), "predicted_source": [] if main is None else words(main.source_spans),
            "source_right": source_ok,
            "gold_target": words(g.target), "predicted_target": [] if main is None else words(main.target_spans),
            "target_right": target_ok,
        }

    def result(self) -> dict:
        n = self.n
        per_type = {t: prf(self.right[t], self.predicted[t], self.gold[t])
                    for t in TYPES if self.gold[t] or self.predicted[t]}
        gold_types = [t for t in TYPES if self.gold[t]]
        table, ece = reliability(self.pairs)
        errors = sorted(((c, g, p) for (g, p), c in self.confusion.items() if g != p),
                        key=lambda x: (-x[0], x[1], x[2]))
        return {
            "n_records": n,
            "coverage": round(self.covered / n, 4) if n else 0.0,
            "no_event_rate": round(1 - self.covered / n, 4) if n else 0.0,
            "type_accuracy": round(self.type_ok / n, 4) if n else 0.0,
            "type_accuracy_covered": round(self.type_ok / self.covered, 4) if self.covered else 0.0,
            "type_accuracy_any": round(self.type_ok_any / n, 4) if n else 0.0,
            "type_macro_f1": (round(sum(per_type[t]["f1"] for t in gold_types) / len(gold_types), 4)
                              if gold_types else 0.0),
            **self.source.metrics("source"),
            **self.target.metrics("target"),
            "ece": ece,
            "events_predicted": self.n_events,
            "per_type": per_type,
            "errors": [{"gold": g, "predicted": p, "count": c} for c, g, p in errors],
            "reliability": table,
        }


# --------------------------------------------------------------------------- report


def format_report(result: Mapping[str, Any], *, top: int = 12) -> str:
    """A plain-text report of an :func:`evaluate` result: the parts side by side, then the
    per-type table and the commonest confusions of the records scored (counts only)."""
    r = result
    lines = [
        f"PLV event coding: {r['n_records']} gold sentences ({r['part']}), {r['events_predicted']} events "
        f"predicted ({r['seconds']:.1f} s, {r['sentences_per_second']:.1f} sentences/s)",
        "",
        *split.side_by_side(r, [
            ("sentences", "n_records", "int"),
            ("type accuracy (all sentences)", "type_accuracy", "pct"),
            ("type accuracy (event found)", "type_accuracy_covered", "pct"),
            ("type accuracy (any event)", "type_accuracy_any", "pct"),
            ("type macro F1", "type_macro_f1", "pct"),
            ("no event found", "no_event_rate", "pct"),
            ("source right", "source_right", "pct"),
            ("source right (event found)", "source_right_covered", "pct"),
            ("  sentences scored", "source_scored", "int"),
            ("  no gold source (unscored)", "source_absent", "int"),
            ("  main event without source", "source_missing", "int"),
            ("target right", "target_right", "pct"),
            ("target right (event found)", "target_right_covered", "pct"),
            ("  sentences scored", "target_scored", "int"),
            ("  no gold target (unscored)", "target_absent", "int"),
            ("  main event without target", "target_missing", "int"),
            ("ECE", "ece", "f3"),
        ]),
        "",
        f"  {r['part']} sentences, per type",
        "  type         precision  recall     F1   gold  pred",
    ]
    for t, m in r["per_type"].items():
        lines.append(f"  {t:<12} {pct(m['precision'])}   {pct(m['recall'])}  {pct(m['f1'])}"
                     f"   {m['gold']:4d}  {m['predicted']:4d}")
    wrong = sum(e["count"] for e in r["errors"])
    lines += ["", f"  top confusions (gold -> predicted), {wrong} sentences wrong:"]
    for e in r["errors"][:top]:
        lines.append(f"  {e['count']:4d}  {e['gold']} -> {e['predicted']}")
    return "\n".join(lines)
