"""Multilingual scorer: the same events told in seven languages, coded in each.

The data (``multilingual_check.jsonl`` beside this module) is a **check set** the
developers wrote for measuring only — never trained or tuned on, and written by a
different hand than the classifier's example sets: 128 English news sentences, 8 for each
PLOVER type, each translated into French, Spanish, Italian, Russian, Arabic and Turkish.
One JSON object per line (after a ``_meta`` line): ``id`` (shared by the translations of
one sentence), ``lang``, ``text``, ``type``, ``status``, ``source``, ``target`` (the
actors' words in that language, or null).

Each sentence is coded on its own in its language (:func:`storyline.stages.code.code_texts`)
and scored as :mod:`storyline.evaluate.plv` scores PLV: the main event's type (CONCEDE and
RETREAT both counted as YIELD, as in PLV; ``plover_type``), no-event rate, and whether the
main event's source (target) spans overlap the gold source (target) words. Every language
gets its own column, so "every language within 0.15 of English" can be read off; and the
share of sentences with an event whose main event has the gold status (occurred, planned,
cancelled, denied, hypothetical).
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.errors import MalformedRecord, NotFound, Unreadable
from storyline.evaluate import split
from storyline.evaluate.plv import PlvRecord, _Tally, merge_type

__all__ = ["DEFAULT_PATH", "LANGUAGES", "load_gold", "evaluate", "format_report"]

DEFAULT_PATH = Path(__file__).resolve().parent / "multilingual_check.jsonl"
LANGUAGES = ("en", "fr", "es", "it", "ru", "ar", "tr")
BATCH = 128


def _span(text: str, words: str | None) -> tuple[tuple[int, int], ...]:
    if not words:
        return ()
    at = text.find(words)
    return ((at, at + len(words)),) if at >= 0 else ()


def load_gold(path: Path = DEFAULT_PATH) -> dict[str, list[PlvRecord]]:
    """The check set's records by language."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(path=path)
    out: dict[str, list[PlvRecord]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError) as exc:
        raise Unreadable(path=path, detail=str(exc)) from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as exc:
            raise MalformedRecord(path=path, where=f"line {n}", detail=str(exc)) from None
        if "_meta" in rec:
            continue
        try:
            text, lang = rec["text"], rec["lang"]
            out.setdefault(lang, []).append(PlvRecord(
                id=f"{rec['id']}:{lang}", text=text, type=merge_type(rec["type"]), original_type=rec["type"],
                source=_span(text, rec.get("source")), target=_span(text, rec.get("target")),
                modality=rec.get("status"),
            ))
        except (KeyError, TypeError) as exc:
            raise MalformedRecord(path=path, where=f"line {n}", detail=f"missing field {exc}") from None
    return out


def evaluate(path: Path = DEFAULT_PATH, *, languages: Sequence[str] = LANGUAGES) -> dict:
    """Score the coder on the check set, one column per language (see the module docstring)."""
    from storyline.stages.code import code_texts

    gold = load_gold(path)
    result: dict[str, Any] = {"languages": {}, "seconds": 0.0}
    t0 = time.perf_counter()
    for lang in languages:
        records = gold.get(lang, [])
        tally = _Tally()
        status_found = status_ok = 0
        for at in range(0, len(records), BATCH):
            chunk = records[at : at + BATCH]
            for g, events in zip(chunk, code_texts([g.text for g in chunk], language=lang)):
                status = tally.add(g, list(events))["status"]  # the main event's, None without one
                if status is not None and g.modality:
                    status_found += 1
                    status_ok += status == g.modality
        result["languages"][lang] = tally.result()
        result["languages"][lang]["status_right_covered"] = round(status_ok / status_found, 4) if status_found else None
    result["seconds"] = round(time.perf_counter() - t0, 1)
    en = result["languages"].get("en", {}).get("type_accuracy")
    result["gap_to_english"] = {
        lang: round(en - r["type_accuracy"], 4) for lang, r in result["languages"].items() if en is not None and lang != "en"
    }
    return result


def format_report(result: Mapping[str, Any]) -> str:
    """A table with one column per language."""
    langs = list(result["languages"])
    rows = [
        ("sentences", "n_records", "int"),
        ("type accuracy", "type_accuracy", "pct"),
        ("type accuracy (event found)", "type_accuracy_covered", "pct"),
        ("no event found", "no_event_rate", "pct"),
        ("source right", "source_right", "pct"),
        ("target right", "target_right", "pct"),
        ("status right (event found)", "status_right_covered", "pct"),
    ]
    lines = [f"Multilingual check set: {len(langs)} languages ({result['seconds']:.1f} s)", "",
             " " * 32 + "".join(f"{lang:>8}" for lang in langs)]
    for label, key, kind in rows:
        cells = [split.cell(result["languages"][lang].get(key), kind) for lang in langs]
        lines.append(f"  {label:<30}" + "".join(f"{c:>8}" for c in cells))
    gaps = result.get("gap_to_english", {})
    if gaps:
        lines.append(f"  {'gap to English (type acc.)':<30}{'':>8}" + "".join(f"{100 * gaps[lang]:7.1f}%" for lang in langs if lang != "en"))
    return "\n".join(lines)
