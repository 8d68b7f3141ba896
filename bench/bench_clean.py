"""Benchmark the cleaning stage: speed, peak memory and quality side by side.

    python bench/bench_clean.py [--repeat N] [--json]

(a) HTML: ``storyline.stages.read.html.clean_html`` against ``trafilatura.extract``
    alone, on the article-extraction pages in ../shared/data.
(b) Plain text: ``storyline.stages.read.text.clean_text`` (when it exists) on the same
    pages rendered to their visible text, and on ../shared/seeds, beside trafilatura on the
    same pages' HTML.

Every task runs in this one process, over the same inputs, already decoded in memory.
Speed is the best of N timed passes; peak memory is measured on one more pass under
tracemalloc (Python allocations made during the task); max RSS is the whole process.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from statistics import fmean

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXTRACTION = SHARED / "data" / "article-extraction"
SEEDS = SHARED / "seeds"


def _measure(
    name: str, inputs: Sequence, fn: Callable, repeat: int, gold: Sequence[str] | None = None,
    *, timed: bool = True,
) -> dict:
    """Best-of-``repeat`` wall time, tracemalloc peak of one more pass, and mean F1 vs gold."""
    outputs: list[str] = []
    best = float("inf")
    for _ in range(repeat if timed else 1):
        gc.collect()
        start = time.perf_counter()
        outputs = [fn(item) for item in inputs]
        best = min(best, time.perf_counter() - start)
    row: dict = {"task": name, "items": len(inputs), "seconds": None, "items_per_s": None,
                 "ms_per_item": None, "peak_mb": None, "f1": None}
    if timed and inputs:
        gc.collect()
        tracemalloc.start()
        for item in inputs:
            fn(item)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        row.update(
            seconds=round(best, 3),
            items_per_s=round(len(inputs) / best, 1) if best > 0 else None,
            ms_per_item=round(1000 * best / len(inputs), 1),
            peak_mb=round(peak / 2**20, 1),
        )
    if gold is not None:
        from storyline.evaluate.shingles import prf

        row["f1"] = round(fmean(prf(out, g)[2] for out, g in zip(outputs, gold, strict=True)), 4)
    return row


def _safe(fn: Callable[[str], str]) -> Callable[[str], str]:
    def run(item):
        try:
            return fn(item)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
            from storyline.errors import StorylineError

            if isinstance(exc, StorylineError):
                return ""
            raise

    return run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="timed passes per task (best is kept)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    if not (EXTRACTION / "ground-truth.json").exists():
        print(
            f"bench_clean: benchmark data not found at {EXTRACTION}.\n"
            "It lives in ../shared/data beside the checkout; nothing to measure.",
            file=sys.stderr,
        )
        return 2

    import trafilatura

    from storyline.evaluate.extraction import load_pages
    from storyline.htmltext import visible_blocks
    from storyline.stages.read.html import clean_html

    pages = list(load_pages(EXTRACTION))
    htmls = [(html, record.get("url")) for _, html, record in pages]
    gold = [record.get("articleBody") or "" for _, _, record in pages]

    rows = [
        _measure("html: trafilatura.extract (defaults)", htmls,
                 lambda p: trafilatura.extract(p[0]) or "", args.repeat, gold),
        _measure("html: storyline clean_html", htmls,
                 _safe(lambda p: clean_html(p[0], url=p[1]).text), args.repeat, gold),
    ]

    try:
        from storyline.stages.read.text import clean_text
    except ImportError as exc:
        print(f"bench_clean: plain-text cleaner not importable ({exc}); part (b) skipped.", file=sys.stderr)
        clean_text = None
    if clean_text is not None:
        texts = ["\n".join(visible_blocks(html)) for html, _ in htmls]
        rows.append(_measure("text: visible text, no cleaning (reference)", texts, lambda t: t, 1, gold,
                             timed=False))
        rows.append(_measure("text: storyline clean_text on visible text", texts,
                             _safe(lambda t: clean_text(t).text), args.repeat, gold))
        seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
        if seeds:
            seed_texts = [p.read_text(encoding="utf-8", errors="replace") for p in seeds]
            rows.append(_measure("text: storyline clean_text on seeds", seed_texts,
                                 _safe(lambda t: clean_text(t).text), args.repeat))
        else:
            print(f"bench_clean: no seeds at {SEEDS}; seed row skipped.", file=sys.stderr)

    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    report = {"repeat": args.repeat, "rows": rows, "process_max_rss_mb": round(maxrss_kb / 1024, 1)}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    header = f"{'task':46} {'items':>5} {'items/s':>8} {'ms/item':>8} {'peak MB':>8} {'F1':>7}"
    print(header)
    print("-" * len(header))
    def cell(value: object, spec: str = "") -> str:
        return "-" if value is None else format(value, spec)

    for r in rows:
        print(f"{r['task']:46} {r['items']:>5} {cell(r['items_per_s']):>8} {cell(r['ms_per_item']):>8} "
              f"{cell(r['peak_mb']):>8} {cell(r['f1'], '.4f'):>7}")
    print(f"\nprocess max RSS: {report['process_max_rss_mb']} MB; best of {args.repeat} pass(es); "
          "peak MB = Python allocations during one pass (tracemalloc)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
