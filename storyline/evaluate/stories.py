"""Stories against ECB+: B³ of document clusters against the topic folders.

ECB+ (``../shared/data/ecbplus/<topic>{ecb,ecbplus}/*.json``) groups news documents by
topic, and each topic in two sub-corpora about two different real-world events of the same
kind (one rehab stay and another, one earthquake and another): each folder is one gold
story. The documents go through the real pipeline into a database (a temporary one, or
``db`` — kept and reused, the build being incremental), and the stories stage's grouping
is scored by B³ precision, recall and F1 (Bagga and Baldwin 1998: per document, the share
of its predicted story that is in its gold story, and of its gold story that is in its
predicted story; averaged over documents).

Topics are split into a tune and a check part by ``split.part`` of the topic number; the
stage's weights and threshold are fitted on the tune topics only::

    python -m storyline.evaluate.stories --train [--db FILE] [DATA]

fits the logistic regression over pair signals (``stages/corpus/stories.py``) on every pair
of tune documents (twice: with the names signal, and without it for pairs whose names do
not compare), then the joining threshold by B³ F1 over the tune topics — smoothed (the mean of the F1 at
a threshold and at its two neighbours on the 0.05 grid), the lowest within ``PLATEAU`` of
the best (ECB+ is English only: it cannot show what a higher threshold costs the joins
across languages) — and writes ``stages/corpus/stories_weights.json``. The scores of the check part are for
reading only.

``--together FOLDER`` (by default the seeds, ``../shared/seeds``, when they are there) names
articles that must come out as one story: thresholds under which they do not are passed
over. ECB+ is undated and its stories are single incidents; the seeds are five dated reports
of one diplomatic matter over four months, the kind of story the tool is for, and the ECB+
optimum alone can sit just above what joins them.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .split import part as split_part

__all__ = ["gold", "b_cubed", "evaluate", "format_report", "train"]

_FOLDER = re.compile(r"^(\d+)(ecb|ecbplus)$")


def gold(folder: Path, *, topics: Iterable[int] | None = None, per_story: int | None = None) -> dict[str, str]:
    """document path -> gold story (its folder's name, e.g. '1ecbplus'); optionally only some
    topics, and at most ``per_story`` documents of each story (the first by file name)."""
    keep = set(topics) if topics is not None else None
    out = {}
    for sub in sorted(Path(folder).iterdir()):
        m = _FOLDER.match(sub.name)
        if not sub.is_dir() or not m or (keep is not None and int(m.group(1)) not in keep):
            continue
        files = sorted(sub.glob("*.json"))
        for f in files[:per_story] if per_story else files:
            out[str(f)] = sub.name
    return out


def topic(story: str) -> int:
    m = _FOLDER.match(story)
    return int(m.group(1)) if m else -1


def part_of(story: str) -> str:
    return split_part(str(topic(story)))


def b_cubed(predicted: Mapping[str, str], truth: Mapping[str, str]) -> dict[str, float]:
    """B³ precision, recall, F1 over the items of ``truth`` (item -> cluster), with the
    numbers of gold and predicted clusters. Items missing from ``predicted`` are singletons."""
    items = list(truth)
    pred = {i: predicted.get(i, f"missing:{i}") for i in items}
    pred_members: dict[str, set[str]] = {}
    gold_members: dict[str, set[str]] = {}
    for i in items:
        pred_members.setdefault(pred[i], set()).add(i)
        gold_members.setdefault(truth[i], set()).add(i)
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "documents": 0, "gold_stories": 0, "predicted_stories": 0}
    p = r = 0.0
    for i in items:
        both = len(pred_members[pred[i]] & gold_members[truth[i]])
        p += both / len(pred_members[pred[i]])
        r += both / len(gold_members[truth[i]])
    p, r = p / len(items), r / len(items)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "documents": len(items),
            "gold_stories": len(gold_members), "predicted_stories": len(pred_members)}


def _build(paths: list[str], db: str) -> None:
    from ..config import Settings
    from ..pipeline import build

    build(paths, db=db, settings=Settings())


def _predicted(db: str) -> dict[str, str]:
    """document path -> story id, from a built database."""
    from ..store import open_store

    with open_store(db, readonly=True) as store:
        paths = {a.id: a.path for a in store.article_summaries()}
        return {paths[m.article_id]: m.story_id for m in store.story_members() if m.article_id in paths}


def _score(predicted: Mapping[str, str], truth: Mapping[str, str]) -> dict[str, Any]:
    # a document the pipeline could not read (ECB+ has one empty file) is left out, and counted
    unbuilt = sum(1 for k in truth if k not in predicted)
    truth = {k: v for k, v in truth.items() if k in predicted}
    parts = {}
    for which in ("tune", "check"):
        sub = {k: v for k, v in truth.items() if part_of(v) == which}
        if sub:
            parts[which] = b_cubed(predicted, sub)
    return {**b_cubed(predicted, truth), "unbuilt": unbuilt, "parts": parts}


def evaluate(
    folder: str | Path, *, db: str | None = None, topics: Iterable[int] | None = None, per_story: int | None = None
) -> dict[str, Any]:
    """Build the ECB+ documents (all, or some topics, at most ``per_story`` per story) through
    the pipeline and score the stories: B³ over all documents and over each part."""
    truth = gold(Path(folder), topics=topics, per_story=per_story)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = db or str(Path(tmp) / "ecbplus.db")
        _build(sorted(truth), path)
        predicted = _predicted(path)
    result = _score(predicted, truth)
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def format_report(result: Mapping[str, Any]) -> str:
    rows = [("part", "documents", "gold", "predicted", "B3 P", "B3 R", "B3 F1")]
    for name, r in [*result.get("parts", {}).items(), ("all", result)]:
        rows.append((name, str(r["documents"]), str(r["gold_stories"]), str(r["predicted_stories"]),
                     f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))) for row in rows]
    return "\n".join(["stories against ECB+ (B³ of document clusters; gold: topic folders)", *lines])


# -- fitting ---------------------------------------------------------------------------------


def _logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 50) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (the bias, the last column, is
    not regularised)."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def _together_profiles(folder: str | Path) -> list:
    """Profiles of the articles of ``folder``, built into a temporary database."""
    from ..stages.corpus import stories as st
    from ..store import open_store

    paths = sorted(str(f) for f in Path(folder).iterdir() if f.is_file())
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "together.db")
        _build(paths, db)
        with open_store(db, readonly=True) as store:
            vectors = {m.article_id: np.frombuffer(m.vector, dtype=np.float32) for m in store.story_members()}
            return list(st.profiles(store, None, vectors).values())


PLATEAU = 0.01  # (train) smoothed tune B³ F1 this close to the best counts as the best


def train(
    folder: str | Path, *, db: str, out: str | Path | None = None, together: str | Path | None = None
) -> dict[str, Any]:
    """Fit the stage's weights and threshold on the tune topics of ECB+ (see the module doc);
    with ``together``, only thresholds that keep that folder's articles one story."""
    from ..stages.corpus import stories as st
    from ..store import open_store

    truth = gold(Path(folder))
    _build(sorted(truth), db)
    with open_store(db, readonly=True) as store:
        paths = {a.id: a.path for a in store.article_summaries()}
        vectors = {m.article_id: np.frombuffer(m.vector, dtype=np.float32) for m in store.story_members()}
        profs = st.profiles(store, None, vectors)
    docs = [(profs[aid], truth[path]) for aid, path in paths.items() if path in truth and part_of(truth[path]) == "tune"]
    x, y = [], []
    for i, (a, ga) in enumerate(docs):
        for b, gb in docs[i + 1 :]:
            x.append(st.pair_features(a, b))
            y.append(1.0 if ga == gb else 0.0)
    w = _logistic(np.array(x), np.array(y))
    # the weights for pairs whose names do not compare: the same pairs, fitted without names
    names = st.FEATURES.index("names")
    rest = [i for i in range(len(st.FEATURES)) if i != names]
    across = np.zeros(len(st.FEATURES))
    across[rest] = _logistic(np.array(x)[:, rest], np.array(y))
    tune_truth = {d.id: g for d, g in docs}
    kept = _together_profiles(together) if together else []
    curve = {}
    joined = []  # the thresholds that keep the ``together`` articles one story
    grid = [float(t) for t in np.round(np.arange(0.05, 0.96, 0.05), 2)]
    for threshold in grid:
        m = st.StoryModel(tuple(w), threshold, across=tuple(across))
        stories: dict[str, list] = {}
        placed = {aid: sid for aid, sid, _ in st.place([d for d, _ in docs], stories, m)}
        curve[threshold] = b_cubed(placed, tune_truth)["f1"]
        if not together or len({sid for _, sid, _ in st.place(kept, {}, m)}) <= 1:
            joined.append(threshold)
    # B³ over a few dozen stories moves by whole stories: one merge more or less is a step of
    # a few points. The threshold is judged by the mean F1 of itself and its two neighbours on
    # the grid, so a lone peak (one lucky merge) does not decide it; and among those within
    # PLATEAU of the best, the lowest is taken: ECB+ is English only and cannot tell what a
    # higher threshold costs the joins across languages (judged by the weights fitted without
    # names, on English pairs: a translation's encoder cosine runs lower than a paraphrase's)
    smoothed = {t: float(np.mean([curve[u] for u in grid[max(0, i - 1): i + 2]])) for i, t in enumerate(grid)}
    allowed = joined or grid
    top = max(smoothed[t] for t in allowed)
    pick = min(t for t in allowed if smoothed[t] >= top - PLATEAU)
    best = (curve[pick], pick)
    data = {
        "features": list(st.FEATURES),
        "weights": [round(float(v), 4) for v in w],
        "weights_across": [round(float(v), 4) for v in across],
        "threshold": best[1],
        "meta": {
            "fitted_on": "ECB+ tune topics (storyline.evaluate.split.part of the topic number): "
                         + ", ".join(str(t) for t in sorted({topic(g) for _, g in docs})),
            "pairs": len(y), "positive_pairs": int(sum(y)), "tune_b3_f1": best[0],
            "tune_b3_f1_smoothed": round(smoothed[pick], 4),
            "threshold_curve": curve,
            "kept_together": (f"{Path(together).name}: {len(kept)} articles, one story at thresholds "
                              f"{', '.join(str(t) for t in joined)}") if together else None,
            "command": "python -m storyline.evaluate.stories --train --db FILE ../shared/data/ecbplus"
                       + (f" --together ../shared/{Path(together).name}" if together else ""),
            "data": "ECB+ (Cybulska and Vossen 2014), read from ../shared/data/ecbplus; no text is kept",
        },
    }
    Path(out or st.WEIGHTS_PATH).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> None:
    import argparse

    from . import shared_data

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", default=None)
    ap.add_argument("--db", default=None, help="build into (and reuse) this database")
    ap.add_argument("--train", action="store_true", help="fit the weights and threshold on the tune topics")
    ap.add_argument("--together", default=None,
                    help="a folder of articles that must make one story (default: the seeds, when found)")
    args = ap.parse_args(argv)
    folder = args.data or str(shared_data("ecbplus"))
    if args.train:
        if not args.db:
            ap.error("--train needs --db (the documents are built once and kept)")
        together = args.together
        if together is None and (Path(folder).parent.parent / "seeds").is_dir():
            together = str(Path(folder).parent.parent / "seeds")
        data = train(folder, db=args.db, together=together)
        print(json.dumps({k: v for k, v in data.items() if k != "meta"} | {"tune_b3_f1": data["meta"]["tune_b3_f1"]}))
        return
    print(format_report(evaluate(folder, db=args.db)))


if __name__ == "__main__":
    main(sys.argv[1:])
