"""Train the plain-text cleaner's block scorer and write ``stages/read/textclean_weights.json``.

    python -m storyline.evaluate.train_textclean DATA_DIR [--out PATH] [--folds 5]

DATA_DIR is the article-extraction benchmark (``html/*.html.gz`` + ``ground-truth.json``).
Each page is rendered to visible text (``htmltext.visible_blocks``), split into units as the
cleaner does, and each unit is labelled *body* when at least half of its word 4-grams occur
in the gold body (units under four words: when their words occur in the gold body as a
run and a neighbour within two units is body). Two logistic regressions (numpy, L2,
Newton steps) are fitted: stage one on the unit's own and neighbourhood features, stage two
adds the neighbours' stage-one scores. Units are weighted by sqrt(word count) so long
blocks, which dominate the shingle score, count more. The keep threshold is the one that
maximises the mean page F1 of the full cleaner. Pages are split into k folds to report a
cross-validated F1 (train on k-1 folds, score the held-out fold) next to the in-sample one.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from storyline.evaluate.plaintext import load_pages
from storyline.evaluate.shingles import prf, shingles, tokens
from storyline.stages.read import text as tc

L2 = 1.0
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def label_units(units: list[tc.Unit], gold: str) -> list[int]:
    gs = shingles(gold)
    gold_tok = " " + " ".join(tokens(gold)) + " "
    labels: list[int | None] = []
    for u in units:
        toks = tokens(u.text)
        if len(toks) >= 4:
            sh = shingles(u.text)
            total = sum(sh.values())
            hit = sum((sh & gs).values())
            labels.append(int(hit >= 0.5 * total))
        else:
            labels.append(None)
    out = []
    for i, u in enumerate(units):
        if labels[i] is not None:
            out.append(labels[i])
            continue
        toks = tokens(u.text)
        inside = bool(toks) and (" " + " ".join(toks) + " ") in gold_tok
        near = any(labels[j] == 1 for j in range(max(0, i - 2), min(len(units), i + 3)) if j != i)
        out.append(int(inside and near))
    return out


def fit_lr(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    mean[0], scale[0] = 0.0, 1.0
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    beta = np.zeros(x.shape[1])
    reg = l2 * np.eye(x.shape[1])
    reg[0, 0] = 0.0
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (w * (p - y)) + reg @ beta
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + reg + 1e-6 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return beta, mean, scale


def _predict(x: np.ndarray, beta: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(((x - mean) / scale) @ beta, -30, 30)))


def prepare(data_dir: Path) -> list[dict]:
    pages = []
    for key, text, gold in load_pages(data_dir):
        units = tc.split_units(text)
        if not units:
            continue
        pages.append(
            {
                "key": key,
                "text": text,
                "gold": gold,
                "x": np.array(tc.features(units), dtype=float),
                "y": np.array(label_units(units, gold), dtype=float),
                "w": np.array([max(1.0, len(tc._words(u.text))) ** 0.5 for u in units]),
            }
        )
    return pages


def train(pages: list[dict]) -> dict:
    x = np.vstack([p["x"] for p in pages])
    y = np.concatenate([p["y"] for p in pages])
    w = np.concatenate([p["w"] for p in pages])
    b1, m1, s1 = fit_lr(x, y, w)
    x2 = []
    for p in pages:
        p1 = _predict(p["x"], b1, m1, s1)
        x2.append(np.array(tc.stage2_features(p["x"].tolist(), p1.tolist())))
    b2, m2, s2 = fit_lr(np.vstack(x2), y, w)
    return {
        "stage1": {"w": b1.tolist(), "mean": m1.tolist(), "scale": s1.tolist()},
        "stage2": {"w": b2.tolist(), "mean": m2.tolist(), "scale": s2.tolist()},
        "threshold": 0.5,
    }


def page_f1(pages: list[dict], model: dict, threshold: float) -> tuple[float, float, float]:
    model = dict(model, threshold=threshold)
    sums = np.zeros(3)
    for p in pages:
        res = tc.clean_with_model(p["text"], title=None, model=model)
        sums += prf(res.text, p["gold"])
    return tuple(sums / max(1, len(pages)))  # type: ignore[return-value]


def best_threshold(pages: list[dict], model: dict) -> float:
    return max(THRESHOLDS, key=lambda t: page_f1(pages, model, t)[2])


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--out", type=Path, default=Path(tc.__file__).with_name("textclean_weights.json"))
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)

    t0 = time.time()
    pages = prepare(args.data_dir)
    model = train(pages)
    model["threshold"] = best_threshold(pages, model)
    p, r, f = page_f1(pages, model, model["threshold"])

    k = args.folds
    cv = np.zeros(3)
    for fold in range(k):
        test = [pg for i, pg in enumerate(pages) if i % k == fold]
        trn = [pg for i, pg in enumerate(pages) if i % k != fold]
        m = train(trn)
        thr = best_threshold(trn, m)
        cv += np.array(page_f1(test, m, thr)) * len(test)
    cv /= len(pages)

    raw_f1 = float(np.mean([prf(pg["text"], pg["gold"])[2] for pg in pages]))
    report = {
        "pages": len(pages),
        "units": int(sum(len(pg["y"]) for pg in pages)),
        "in_sample": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
        f"cv{k}": {"precision": round(cv[0], 4), "recall": round(cv[1], 4), "f1": round(cv[2], 4)},
        "raw_f1": round(raw_f1, 4),
        "threshold": model["threshold"],
    }
    model["features"] = list(tc.FEATURES)
    model["note"] = (
        "Two-stage logistic regression for storyline.stages.read.text, trained by "
        "storyline/evaluate/train_textclean.py on the 91 pages of the article-extraction benchmark "
        "rendered with storyline.htmltext.visible_blocks; units labelled body by 4-gram overlap with "
        "the gold article body; threshold chosen for mean page shingle F1."
    )
    model["report"] = report
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    report["seconds"] = round(time.time() - t0, 1)
    print(json.dumps(report, indent=1))
    return report


if __name__ == "__main__":
    main()
