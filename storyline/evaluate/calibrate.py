"""Fit the event confidence calibration on data the coder was never tuned on.

    python -m storyline.evaluate.calibrate [--out PATH]

The code stage's raw confidence (the rules' score blended with the classifier's, or the
classifier's alone for a proposed event) is mapped to a calibrated one by a logistic
curve per basis: ``sigmoid(a * logit(raw) + b)`` (Platt scaling), with ``a``, ``b`` for
``rules`` and for ``classifier`` events. The curve is fitted on the **calibration half**
of our own multilingual check set (``multilingual_check.jsonl``: the sentences whose
English text falls in the split's "tune" part, in all seven languages; the rules and the
classifier were never tuned on any of it): each sentence's main event is right when its
PLOVER type is the gold type. The other half (the "check" part) gives the ECE before and
after, stored with the curve in ``stages/code/calibration.json``; ``storyline eval plv``
reports the ECE on PLV, which the fit never sees.

Limits: the check set's sentences all tell an event, so the curve says how often the
coded type is right when there is an event; in running text, where many sentences tell
none, a proposed event is right less often than its confidence says.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
from pathlib import Path

import numpy as np

from storyline.evaluate import split
from storyline.evaluate.multilingual import DEFAULT_PATH, LANGUAGES, load_gold
from storyline.evaluate.plover import main_event, reliability
from storyline.evaluate.plv import merge_type
from storyline.stages.code import confidence, plover_type

BASES = ("rules", "classifier")


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def fit_platt(raw: list[float], right: list[bool], *, l2: float = 1e-3, steps: int = 200) -> tuple[float, float]:
    """(a, b) minimising the log-loss of sigmoid(a * logit(raw) + b) against ``right``
    (Newton steps, a small ridge keeps it defined on tiny or separable data)."""
    if not raw:
        return 1.0, 0.0
    x = np.array([_logit(r) for r in raw])
    y = np.array(right, dtype=float)
    a, b = 1.0, 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(a * x + b)))
        g = np.array([((p - y) * x).sum() + l2 * (a - 1), (p - y).sum()])
        w = p * (1 - p)
        h = np.array([[(w * x * x).sum() + l2, (w * x).sum()], [(w * x).sum(), w.sum() + 1e-9]])
        step = np.linalg.solve(h, g)
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-8:
            break
    return round(float(a), 4), round(float(b), 4)


def _pairs(path: Path) -> dict[str, list[tuple[str, float, bool]]]:
    """Per half ("tune"/"check"): (basis, raw confidence, right) of each sentence's main event."""
    from storyline.stages.code import code_texts

    gold = load_gold(path)
    english = {g.id.split(":")[0]: g.text for g in gold.get("en", [])}
    out: dict[str, list[tuple[str, float, bool]]] = {"tune": [], "check": []}
    with confidence.uncalibrated():
        for lang in LANGUAGES:
            records = gold.get(lang, [])
            for g, events in zip(records, code_texts([g.text for g in records], language=lang)):
                main = main_event(list(events))
                if main is None:
                    continue
                half = split.part(english.get(g.id.split(":")[0], g.text))
                out[half].append((main.basis, float(main.confidence), merge_type(plover_type(main)) == g.type))
    return out


def calibrate(path: Path = DEFAULT_PATH) -> dict:
    """Fit the curves on the calibration half; ECE before and after on the other half."""
    pairs = _pairs(path)
    curves = {}
    for basis in BASES:
        rows = [(c, ok) for b, c, ok in pairs["tune"] if b == basis]
        a, b = fit_platt([c for c, _ in rows], [ok for _, ok in rows])
        curves[basis] = {"a": a, "b": b, "n": len(rows)}
    check = pairs["check"]
    _, before = reliability((c, ok) for _, c, ok in check)
    _, after = reliability((confidence.calibrated(c, basis, curves), ok) for basis, c, ok in check)
    return {
        "curves": curves,
        "meta": {
            "fitted": dt.date.today().isoformat(),
            "data": f"{path.name}: the calibration half (split 'tune' part of the English texts), all languages",
            "check_ece_before": before, "check_ece_after": after, "check_n": len(check),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=confidence.CALIBRATION_PATH)
    args = parser.parse_args()
    result = calibrate()
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    m = result["meta"]
    print(f"curves {result['curves']}; ECE on the other half {m['check_ece_before']} -> {m['check_ece_after']} "
          f"({m['check_n']} sentences); wrote {args.out}")


if __name__ == "__main__":
    main()
