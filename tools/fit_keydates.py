"""The supervised date-ranker experiment (news-tls's "datewise" date ranking, supervised):
does a logistic regression of "this day is in the reference timeline" on what refers to the
day pick better key dates than the hand-weighted score of ``storyline.keydates``?

    PYTHONPATH=. python tools/fit_keydates.py --db-dir DIR [--train it/syria ...] [--drop FEATURE ...]

DIR holds CL-TLS topics built by ``storyline eval tls --db-dir DIR`` (``LANG-TOPIC.db``).
Candidate days are those something refers to within the reference's first to last date,
as ``key_dates`` sees them; their features are ``FEATURES`` (``features`` below). The model
is fitted on the tune topics only (default: it/syria, es/syria, fr/syria, es/egypt,
fr/egypt; docs/quality.md); the check topic it/egypt is refused. For each tune topic it
prints the date F1 (as many dates as the reference, the scorer's protocol) of a model fitted
on the *other* tune topics (leave one topic out) beside the hand-weighted score's, then the
weights fitted on all of them.

Result of 2026-12-02 (docs/quality.md): the model did not beat the hand weights (mean
leave-one-out date F1 0.270 against 0.307 on the five tune topics), so nothing ships from here;
the script stays so that the experiment can be run again with more topics.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from storyline.evaluate.tls import reference
from storyline.keydates import _Day, _days, _score
from storyline.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "cl-tls"
TUNE = ("it/syria", "es/syria", "fr/syria", "es/egypt", "fr/egypt")
L2 = 1.0
FEATURES = ("mention", "votes", "lead", "title", "sentences", "listed", "published", "published_next", "outlets",
            "events", "mentioned_from", "later", "absolute", "burst", "neighbours")
BURST_DAYS = 3  # the burst compares a day's mentions with those of this many days on each side


def features(days: dict[str, _Day], articles: dict[str, Any]) -> dict[str, dict[str, float]]:
    """What each candidate day has going for it (counts of articles as log(1 + n), so that a
    corpus twice as large shifts every day alike):

    - ``mention``: articles naming the day outside lists of dates (not their own publication
      day); ``votes``: the same, weighted as ``key_dates`` weighs them (lead, late);
    - ``lead``, ``title``: articles naming it in their first three sentences, in their first;
      ``sentences``: sentences naming it;
    - ``listed``: articles naming it only in lists of dates (chronologies, archive boxes);
    - ``published``, ``published_next``: articles published that day, and the day after;
    - ``outlets``: distinct outlets of all those articles; ``events``: articles reporting an
      event dated that day, plus its distinct event types;
    - ``mentioned_from``: distinct publication days of the articles naming it; ``later``:
      articles naming it a week or more after it; ``absolute``: articles naming it by its
      date ("25 gennaio"), not by a relative word;
    - ``burst``: ``mention`` against the mean of the ``BURST_DAYS`` days on each side;
      ``neighbours``: articles naming the day before or the day after.
    """
    log = math.log1p
    published = Counter(a.published for a in articles.values() if a.published and a.published_precision in (None, "day"))
    out: dict[str, dict[str, float]] = {}
    for day, d in days.items():
        when = date.fromisoformat(day)
        near = [len(days[o].mention) if o in days else 0
                for k in range(1, BURST_DAYS + 1) for o in ((when - timedelta(k)).isoformat(), (when + timedelta(k)).isoformat())]
        outlets = {articles[a].source for a in d.articles() if articles[a].source}
        out[day] = {
            "mention": log(len(d.mention)), "votes": log(d.weight), "lead": log(len(d.lead)),
            "title": log(len(d.title)), "sentences": log(d.sentences), "listed": log(len(d.listed)),
            "published": log(len(d.published)), "published_next": log(published[(when + timedelta(1)).isoformat()]),
            "outlets": log(len(outlets)), "events": log(len(d.events) + len(d.types)),
            "mentioned_from": log(len(d.mentioned_from - {day})), "later": log(len(d.later)),
            "absolute": log(len(d.absolute)), "burst": log(len(d.mention)) - log(sum(near) / len(near)),
            "neighbours": log(near[0] + near[1]),
        }
    return out
HAND: dict[str, np.ndarray] = {}


def topic(db_dir: Path, data: Path, pair: str) -> tuple[list[str], np.ndarray, np.ndarray, int]:
    lang, name = pair.split("/")
    ref = sorted({d for d, _ in reference(data / lang / "reference" / f"{name}.txt")})
    with open_store(str(db_dir / f"{lang}-{name}.db"), readonly=True) as store:
        articles = {a.id: a for a in store.articles()}
        days, _, _ = _days(store, articles, None, None, ref[0], ref[-1])
    feats = features(days, articles)
    hand = {d: _score(days[d]) for d in days}  # key_dates's score, for comparison
    days = sorted(feats)
    x = np.array([[feats[d][f] for f in FEATURES] for d in days], dtype=float)
    y = np.array([d in set(ref) for d in days], dtype=float)
    HAND[pair] = np.array([hand.get(d, 0.0) for d in days])
    return days, x, y, len(ref)


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression by Newton's method (the bias not penalised)."""
    a = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(a.shape[1])
    pen = np.full(a.shape[1], l2)
    pen[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-a @ w))
        grad = a.T @ (p - y) + pen * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(pen) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def f1_at_k(days: list[str], scores: np.ndarray, y: np.ndarray, k: int) -> float:
    order = sorted(range(len(days)), key=lambda i: (-scores[i], days[i]))[:k]
    hit = sum(y[i] for i in order)
    p, r = hit / max(1, len(order)), hit / k
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db-dir", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--train", nargs="*", default=list(TUNE))
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--drop", nargs="*", default=[], help="leave these features out")
    args = ap.parse_args()
    if any(p == "it/egypt" for p in args.train):
        sys.exit("it/egypt is the check topic: never fitted on")
    keep = [i for i, f in enumerate(FEATURES) if f not in args.drop]
    data = {p: topic(args.db_dir, args.data, p) for p in args.train}
    for p, (days, x, y, k) in data.items():
        print(f"{p}: {len(days)} candidate days, {int(y.sum())} of {k} reference days among them")
    loto = []
    for held in args.train:
        xs = np.vstack([data[p][1][:, keep] for p in args.train if p != held])
        ys = np.concatenate([data[p][2] for p in args.train if p != held])
        w, b = fit(xs, ys, args.l2)
        days, x, y, k = data[held]
        f = f1_at_k(days, x[:, keep] @ w + b, y, k)
        loto.append(f)
        print(f"  leave-one-out {held}: date F1 {f:.3f} (hand-weighted {f1_at_k(days, HAND[held], y, k):.3f})")
    print(f"  mean {np.mean(loto):.3f}")
    xs = np.vstack([data[p][1][:, keep] for p in args.train])
    ys = np.concatenate([data[p][2] for p in args.train])
    w, b = fit(xs, ys, args.l2)
    weights = {FEATURES[i]: round(float(v), 4) for i, v in zip(keep, w)}
    print(json.dumps(weights), round(b, 4))
    for p, (days, x, y, k) in data.items():
        print(f"  fitted on all, {p}: date F1 {f1_at_k(days, x[:, keep] @ w + b, y, k):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
