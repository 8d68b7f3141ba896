"""PLOVER scorer: the event coder against the PLOVER gold-standard records.

The data is ``plover-gsr/dev.json``: a JSON list whose first record documents
the file (records without ``text`` are skipped). Each record is one sentence
with one gold event: ``event`` (a PLOVER 0.5b1 type name), ``source`` and
``target`` lists of ``{actorText, code, sector}`` and a ``date``.

Gold normalisation (:func:`load_gold`):

- old type names become today's 16 types, as the data README says:
  DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT;
- actor codes are upper-cased and legacy CAMEO-style country codes mapped to
  ISO-3 (:data:`LEGACY_CODES`, e.g. JAP→JPN); sector-only codes (IGO, NGO,
  MNC, IMG) stay as they are; any other code (the one religion code, ISM) is
  kept as given, so it counts as a miss the coder cannot avoid;
- a record's source and target codes are sets (duplicates count once).

:func:`evaluate` runs a coder on each record's text with the record's date as
the publication date. The gold has one event per record while the coder may
find several in a sentence, so one predicted event per record is chosen
without looking at the gold: the **main event** is the one with the highest
confidence (ties: the one with both a source and a target, then the earliest
trigger). Every metric below is over main events, except ``type_accuracy_any``
(the gold type is among any predicted event's types: an upper bound for a
better choice of main event).

Metrics: coverage (records with at least one prediction); type accuracy over
all records (no prediction counts wrong) and over covered records; per-type
precision/recall/F1 and macro F1; a confusion matrix gold→predicted (``NONE``
when nothing was predicted); source, target and combined (role-aware, pooled)
code precision/recall/F1, micro over the per-record sets of codes, records
without a prediction contributing their gold codes as misses; the same
ignoring roles (``codes_any_role``) to see swapped roles; the status
distribution; and a reliability table of the main events' confidence in five
bins against their measured precision (type correct), with the expected
calibration error (ECE).

The records are split into a tune and a check part by their text
(:mod:`storyline.evaluate.split`); the metrics come for each part and for all,
and only the tune part's records are returned one by one.

A predicted actor's code (:func:`actor_code`) is its ISO-3 country, else its
sector when that is a sector-only code (IGO, NGO, MNC, IMG), else None (not
scored: an actor with no code is neither a hit nor a false alarm).
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.errors import MalformedRecord, NotFound, Unreadable
from storyline.evaluate import split


def plover_type(ev: Any) -> str:
    """The strict PLOVER type of a predicted event (intentions as AGREE/THREATEN); see
    storyline.stages.code.plover_type."""
    from storyline.stages.code import plover_type as strict

    return strict(ev) if hasattr(ev, "status") else ev.type
from storyline.models import Actor, EventMention

__all__ = [
    "TYPES",
    "OLD_TYPES",
    "LEGACY_CODES",
    "SECTOR_CODES",
    "BINS",
    "GoldRecord",
    "map_type",
    "normalise_code",
    "load_gold",
    "actor_code",
    "main_event",
    "prf",
    "reliability",
    "code_records",
    "evaluate",
    "format_report",
]

LOGGER = logging.getLogger(__name__)

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# PLOVER 0.5b1 names -> today's types (../shared/data/README.md)
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

# Legacy CAMEO / superseded 3-letter country codes -> ISO 3166-1 alpha-3. JAP is the one
# the dev file uses; the others are the CAMEO and pre-ISO codes most often met in event data.
LEGACY_CODES = {
    "JAP": "JPN",  # Japan (CAMEO manual examples)
    "ROM": "ROU",  # Romania (ISO code before 2002)
    "ZAR": "COD",  # Zaire / DR Congo (ISO code before 1997)
    "TMP": "TLS",  # East Timor (ISO code before 2002)
    "BUR": "MMR",  # Burma
    "YUG": "SRB",  # Yugoslavia -> Serbia (its continuing state)
    "SCG": "SRB",  # Serbia and Montenegro (2003-2006)
    "KOS": "XKX",  # Kosovo (CAMEO) -> the EU user-assigned code the knowledge base uses
    "PAL": "PSE",  # Palestine (CAMEO)
    "GER": "DEU",  # Germany (IOC-style)
}

# Codes for actors that have no country: PLOVER/CAMEO sector-only codes.
SECTOR_CODES = frozenset({"IGO", "NGO", "MNC", "IMG"})
_KIND_CODES = {"igo": "IGO", "ngo": "NGO"}

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
NONE = "NONE"

# callable(text, date) -> (events, actors) or events alone
Coder = Callable[[str, str | None], Any]


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One gold sentence with its event, normalised for scoring."""

    id: str
    text: str
    type: str  # one of TYPES after mapping old names
    original_type: str  # as the file gives it
    source: frozenset[str]
    target: frozenset[str]
    date: str | None = None
    mode: str | None = None
    context: str | None = None


# --------------------------------------------------------------------------- gold


def map_type(name: str) -> str:
    """A PLOVER type name as one of today's 16 types (old 0.5b1 names mapped)."""
    name = (name or "").strip().upper()
    return OLD_TYPES.get(name, name)


def normalise_code(code: str | None) -> str | None:
    """An actor code upper-cased, with legacy country codes mapped to ISO-3."""
    if not code:
        return None
    code = code.strip().upper()
    return LEGACY_CODES.get(code, code) or None


def _codes(actors: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    return frozenset(c for a in actors if (c := normalise_code(a.get("code"))))


def load_gold(path: Path) -> list[GoldRecord]:
    """The gold records of a PLOVER GSR JSON file (records without text skipped)."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(path=path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise MalformedRecord(path=path, where="the file", detail=str(exc)) from None
    except (OSError, UnicodeError) as exc:
        raise Unreadable(path=path, detail=str(exc)) from None
    if not isinstance(data, list):
        raise MalformedRecord(path=path, where="the top level", detail="expected a list of records")
    out = []
    for i, rec in enumerate(data):
        if not isinstance(rec, dict) or not rec.get("text"):
            continue
        etype = map_type(rec.get("event", ""))
        if etype not in TYPES:
            LOGGER.warning("%s: record %s has unknown event type %r, skipped", path, rec.get("id", i), rec.get("event"))
            continue
        out.append(
            GoldRecord(
                id=str(rec.get("id", i)),
                text=rec["text"],
                type=etype,
                original_type=str(rec.get("event")),
                source=_codes(rec.get("source") or ()),
                target=_codes(rec.get("target") or ()),
                date=rec.get("date") or None,
                mode=rec.get("mode") or None,
                context=rec.get("context") or None,
            )
        )
    return out


# --------------------------------------------------------------------------- predictions


def actor_code(actor_id: str, actors: Mapping[str, Actor] | None = None, *, knowledge=None) -> str | None:
    """The PLOVER code of a predicted actor: its ISO-3 country, else its sector-only code
    (IGO, NGO, MNC, IMG), else None.

    The actor is looked up in ``actors`` (id → :class:`Actor`, as the coder returns them);
    an id not found there is read as the resolver writes ids: ``RUS``, ``TUR-GOV``,
    ``person:<id>`` and ``org:<id>`` (looked up in the knowledge base), ``new:…`` (None).
    """
    actor = (actors or {}).get(actor_id)
    if actor is not None:
        if actor.country:
            return normalise_code(actor.country)
        sector = normalise_code(actor.sector)
        if sector in SECTOR_CODES:
            return sector
        return _KIND_CODES.get(actor.kind)
    prefix, _, rest = actor_id.partition(":")
    if rest and prefix in ("person", "org"):
        if knowledge is None:
            from storyline.knowledge import load_knowledge

            knowledge = load_knowledge()
        if prefix == "person":
            person = knowledge.people.get(rest)
            return normalise_code(person.country) if person else None
        org = knowledge.organizations.get(rest)
        if org is None:
            return None
        if org.country:
            return normalise_code(org.country)
        sector = normalise_code(org.sector)
        return sector if sector in SECTOR_CODES else _KIND_CODES.get(org.kind)
    if rest:  # new:… and anything else with a prefix
        return None
    head = actor_id.split("-", 1)[0].upper()
    if len(head) == 3 and head.isalpha():
        return normalise_code(head)
    return None


def _event_codes(ids: Iterable[str], actors: Mapping[str, Actor] | None, knowledge) -> tuple[frozenset[str], int]:
    codes, missing = set(), 0
    for aid in ids:
        code = actor_code(aid, actors, knowledge=knowledge)
        if code:
            codes.add(code)
        else:
            missing += 1
    return frozenset(codes), missing


def main_event(events: Sequence[EventMention]) -> EventMention | None:
    """The event a record is scored on: highest confidence; ties go to the event with
    both a source and a target, then to the earliest trigger. None when there is none."""
    if not events:
        return None
    return min(
        events,
        key=lambda e: (-float(e.confidence), -(bool(e.source) + bool(e.target)), e.trigger[0] if e.trigger else 0),
    )


# --------------------------------------------------------------------------- metrics


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 from counts (0.0 where a denominator is 0)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "predicted": n_pred,
            "gold": n_gold}


def reliability(pairs: Iterable[tuple[float, bool]], bins: Sequence[float] = BINS) -> tuple[list[dict], float]:
    """A reliability table of (confidence, correct) pairs, and the expected calibration error.

    Bins are ``[b0, b1), [b1, b2), …, [b(n-1), bn]`` (the last one closed); confidences
    are clipped to [0, 1]. Each row: ``lo``, ``hi``, ``count``, ``mean_confidence``,
    ``precision`` (share correct; None when empty) and ``gap`` (precision − mean
    confidence). ECE = Σ count/N · |precision − mean confidence| (0.0 with no pairs).
    """
    rows = [{"lo": lo, "hi": hi, "count": 0, "_conf": 0.0, "_ok": 0} for lo, hi in zip(bins, bins[1:])]
    n = 0
    for conf, ok in pairs:
        c = min(max(float(conf), bins[0]), bins[-1])
        idx = len(rows) - 1
        for i, row in enumerate(rows):
            if c < row["hi"]:
                idx = i
                break
        rows[idx]["count"] += 1
        rows[idx]["_conf"] += c
        rows[idx]["_ok"] += bool(ok)
        n += 1
    ece = 0.0
    out = []
    for row in rows:
        count = row["count"]
        if count:
            mean_conf, precision = row["_conf"] / count, row["_ok"] / count
            ece += count / n * abs(precision - mean_conf)
            out.append({"lo": row["lo"], "hi": row["hi"], "count": count, "correct": row["_ok"],
                        "mean_confidence": round(mean_conf, 4), "precision": round(precision, 4),
                        "gap": round(precision - mean_conf, 4)})
        else:
            out.append({"lo": row["lo"], "hi": row["hi"], "count": 0, "correct": 0, "mean_confidence": None,
                        "precision": None, "gap": None})
    return out, round(ece, 4)


def code_records(gold: Sequence[GoldRecord], *, batch: int = 256) -> list[tuple]:
    """(events, actors) for each record: its text coded at its date, ``batch`` records per call
    (:func:`storyline.stages.code.code_texts`; the same as ``code_text`` one by one, faster)."""
    from storyline.stages.code import code_texts

    out: list[tuple] = []
    for at in range(0, len(gold), batch):
        chunk = gold[at : at + batch]
        out.extend(code_texts([g.text for g in chunk], published=[g.date for g in chunk], with_actors=True))
    return out


def _split(result: Any) -> tuple[Sequence[EventMention], Mapping[str, Actor] | None]:
    """A coder may return (events, actors) or only events."""
    if isinstance(result, tuple) and len(result) == 2 and (result[1] is None or isinstance(result[1], Mapping)):
        return list(result[0]), result[1]
    return list(result), None


def evaluate(path: Path, *, coder: Coder | None = None, knowledge=None, part: str = "all") -> dict:
    """Score ``coder`` (``callable(text, date) -> (events, actors)``; by default
    :func:`code_records`, the code stage run on each record at its date) on the gold in
    ``path``, or on its tune or check ``part`` only (:mod:`storyline.evaluate.split`).

    The result holds the metrics the module docstring lists over the records scored
    (``n_records`` is their count); with ``part="all"``, ``parts`` holds the same metrics
    for the tune and the check part. ``records`` has one dict per tune-part record, for
    error analysis; the check part's sentences are never returned (``records_withheld``
    counts them), so it stays a part nobody read."""
    gold = [g for g in load_gold(Path(path)) if split.in_part(g.text, part)]
    t0 = time.perf_counter()
    outputs = code_records(gold) if coder is None else [coder(g.text, g.date) for g in gold]
    elapsed = time.perf_counter() - t0
    tally = _Tally()
    by_part = {p: _Tally() for p in split.PARTS} if part == "all" else {}
    records: list[dict] = []
    for g, output in zip(gold, outputs):
        events, actors = _split(output)
        which = split.part(g.text)
        record = tally.add(g, events, actors, knowledge)
        if which in by_part:
            by_part[which].add(g, events, actors, knowledge)
        if which == "tune":
            records.append({"part": which, **record})
    result = tally.result(len(gold), elapsed, records)
    result["part"] = part
    result["parts"] = {p: t.result(t.n, 0.0, []) for p, t in by_part.items()}
    for metrics in result["parts"].values():  # the coder's time is the whole run's
        for key in ("records", "seconds", "records_per_second"):
            del metrics[key]
    result["records_withheld"] = len(gold) - len(records)
    return result


@dataclass
class _Tally:
    """What :func:`evaluate` counts over the gold records, one record at a time."""

    covered: int = 0
    type_ok: int = 0
    type_ok_any: int = 0
    per_type_pred: Counter[str] = field(default_factory=Counter)
    per_type_gold: Counter[str] = field(default_factory=Counter)
    per_type_ok: Counter[str] = field(default_factory=Counter)
    confusion: dict[str, Counter[str]] = field(default_factory=dict)
    # tp, predicted, gold
    counts: dict[str, list[int]] = field(default_factory=lambda: {role: [0, 0, 0] for role in ("source", "target", "any_role")})
    status: Counter[str] = field(default_factory=Counter)
    status_all: Counter[str] = field(default_factory=Counter)
    pairs: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, type correct)
    n_events: int = 0
    unscored_actors: int = 0
    n: int = 0  # records counted

    def add(self, g: GoldRecord, events: Sequence[EventMention], actors: Mapping[str, Actor] | None, knowledge: Any) -> dict:
        """Count one gold record against the coder's events; returns its error-analysis record."""
        self.n += 1
        self.n_events += len(events)
        self.status_all.update(e.status for e in events)
        main = main_event(events)
        pred_type = plover_type(main) if main else NONE
        ok = pred_type == g.type
        self.per_type_gold[g.type] += 1
        self.confusion.setdefault(g.type, Counter())[pred_type] += 1
        if main is not None:
            self.covered += 1
            self.per_type_pred[pred_type] += 1
            self.status[main.status] += 1
            self.pairs.append((float(main.confidence), ok))
            src, miss_s = _event_codes(main.source, actors, knowledge)
            tar, miss_t = _event_codes(main.target, actors, knowledge)
            self.unscored_actors += miss_s + miss_t
        else:
            src = tar = frozenset()
        if ok:
            self.type_ok += 1
            self.per_type_ok[g.type] += 1
        if any(plover_type(e) == g.type for e in events):
            self.type_ok_any += 1
        for role, p_set, g_set in (("source", src, g.source), ("target", tar, g.target),
                                   ("any_role", src | tar, g.source | g.target)):
            c = self.counts[role]
            c[0] += len(p_set & g_set)
            c[1] += len(p_set)
            c[2] += len(g_set)
        return _record(g, events, main, ok, src, tar)

    def result(self, n: int, elapsed: float, records: list[dict]) -> dict:
        """The metrics over the ``n`` records counted (``elapsed``: the coder's seconds)."""
        per_type = {}
        for t in TYPES:
            if self.per_type_gold[t] or self.per_type_pred[t]:
                per_type[t] = prf(self.per_type_ok[t], self.per_type_pred[t], self.per_type_gold[t])
        gold_types = [t for t in TYPES if self.per_type_gold[t]]
        counts = self.counts
        source = prf(*counts["source"])
        target = prf(*counts["target"])
        combined = prf(*(a + b for a, b in zip(counts["source"], counts["target"])))
        table, ece = reliability(self.pairs)
        covered, type_ok = self.covered, self.type_ok
        return {
            "n_records": n,
            "coverage": round(covered / n, 4) if n else 0.0,
            "type_accuracy": round(type_ok / n, 4) if n else 0.0,
            "type_accuracy_covered": round(type_ok / covered, 4) if covered else 0.0,
            "type_accuracy_any": round(self.type_ok_any / n, 4) if n else 0.0,
            "type_macro_f1": round(sum(per_type[t]["f1"] for t in gold_types) / len(gold_types), 4) if gold_types else 0.0,
            "source_precision": source["precision"],
            "source_recall": source["recall"],
            "source_f1": source["f1"],
            "target_precision": target["precision"],
            "target_recall": target["recall"],
            "target_f1": target["f1"],
            "codes_f1": combined["f1"],
            "codes_any_role_f1": prf(*counts["any_role"])["f1"],
            "ece": ece,
            "events_predicted": self.n_events,
            "unscored_actors": self.unscored_actors,
            "seconds": round(elapsed, 3),
            "records_per_second": round(n / elapsed, 1) if elapsed else 0.0,
            "source": source,
            "target": target,
            "codes": combined,
            "codes_any_role": prf(*counts["any_role"]),
            "per_type": per_type,
            "confusion": {gt: dict(c.most_common()) for gt, c in sorted(self.confusion.items())},
            "status": dict(self.status.most_common()),
            "status_all": dict(self.status_all.most_common()),
            "reliability": table,
            "records": records,
        }


def _record(g: GoldRecord, events: Sequence[EventMention], main: EventMention | None, ok: bool,
            src: frozenset[str], tar: frozenset[str]) -> dict:
    """One gold record beside what the coder made of it, for error analysis."""
    return {
        "id": g.id,
        "text": g.text,
        "gold_type": g.type,
        "gold_event": g.original_type,
        "predicted_type": None if main is None else plover_type(main),
        "type_correct": ok,
        "confidence": None if main is None else round(float(main.confidence), 4),
        "status": None if main is None else main.status,
        "trigger": None if main is None or not main.trigger else main.trigger[2],
        "all_types": [plover_type(e) for e in events],
        "gold_source": sorted(g.source),
        "gold_target": sorted(g.target),
        "predicted_source": sorted(src),
        "predicted_target": sorted(tar),
        "predicted_source_ids": [] if main is None else list(main.source),
        "predicted_target_ids": [] if main is None else list(main.target),
    }


# --------------------------------------------------------------------------- report


def pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def format_report(result: Mapping[str, Any], *, top: int = 12) -> str:
    """A plain-text report of an :func:`evaluate` result."""
    r = result
    lines = [
        f"PLOVER event coding: {r['n_records']} gold records ({r['part']}), {r['events_predicted']} events "
        f"predicted ({r['seconds']:.1f} s)",
        "",
        *split.side_by_side(r, [
            ("records", "n_records", "int"),
            ("coverage", "coverage", "pct"),
            ("type accuracy (all records)", "type_accuracy", "pct"),
            ("type accuracy (covered)", "type_accuracy_covered", "pct"),
            ("type accuracy (any event)", "type_accuracy_any", "pct"),
            ("type macro F1", "type_macro_f1", "pct"),
            ("source code F1", "source_f1", "pct"),
            ("target code F1", "target_f1", "pct"),
            ("ECE", "ece", "f3"),
        ]),
        "",
        f"  {r['part']} records, in detail",
        "  codes        precision  recall     F1   tp/pred/gold",
    ]
    for name, key in (("source", "source"), ("target", "target"), ("combined", "codes"), ("any role", "codes_any_role")):
        m = r[key]
        lines.append(f"  {name:<12} {pct(m['precision'])}   {pct(m['recall'])}  {pct(m['f1'])}"
                     f"   {m['tp']}/{m['predicted']}/{m['gold']}")
    lines.append(f"  predicted actors with no code: {r['unscored_actors']}")
    lines += ["", "  per type     precision  recall     F1   gold"]
    for t, m in r["per_type"].items():
        lines.append(f"  {t:<12} {pct(m['precision'])}   {pct(m['recall'])}  {pct(m['f1'])}   {m['gold']:4d}")
    errors = sorted(
        ((n, g, p) for g, row in r["confusion"].items() for p, n in row.items() if p != g),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    lines += ["", f"  top confusions (gold -> predicted), {sum(e[0] for e in errors)} records wrong:"]
    for n, g, p in errors[:top]:
        lines.append(f"  {n:4d}  {g} -> {p}")
    lines += ["", "  confidence    count  mean conf  precision     gap"]
    for row in r["reliability"]:
        closing = "]" if row["hi"] >= BINS[-1] else ")"
        gap = "    -" if row["gap"] is None else f"{row['gap']:+.3f}"
        mean = "    -" if row["mean_confidence"] is None else f"{row['mean_confidence']:.3f}"
        lines.append(f"  [{row['lo']:.1f}, {row['hi']:.1f}{closing}  {row['count']:5d}      {mean}     "
                     f"{pct(row['precision'])}  {gap}")
    lines.append(f"  expected calibration error (ECE): {r['ece']:.4f}")
    status = ", ".join(f"{k} {v}" for k, v in r["status"].items()) or "-"
    lines += ["", f"  status of main events: {status}"]
    return "\n".join(lines)
