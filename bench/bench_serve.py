"""Load-test ``storyline serve`` on localhost: latency, errors, throughput and memory (issue 12).

    python bench/bench_serve.py --db /tmp/large.db                    # 2,000 requests at 20, then 50 clients
    python bench/bench_serve.py --db /tmp/large.db --requests 500 --clients 20
    python bench/bench_serve.py --make 100000 --db /tmp/large.db      # write the database first (bench/make_large_db.py)
    python bench/bench_serve.py --db /tmp/large.db --json out.json    # every number as JSON too

The goal (issue 12): a story page answers with p95 <= 100 ms on a 100,000-article database,
and 50 concurrent clients get no error.

What it does, in one run:

1. Starts ``python -m storyline serve --db DB --port P`` (a free port on 127.0.0.1) in a
   subprocess and waits until it answers a static file.
2. Picks targets from the database (read-only): 201 stories of every size — the largest, the
   next ten, 30 more of over 50 articles, 80 of 5–50 and 80 of one or two — two articles of
   each and the 40 actors they name most.
3. Probe: each kind of request once, one client, in a fixed order, with its size; the largest
   story twice (the second answer comes from the server's cache). ``--probe-dumps`` adds the
   unbounded dumps (``/api/events``, ``/api/actors``: every event or actor of the corpus), which
   are never in the load mix.
4. Load, for each ``--clients`` value, in the same server process: ``--requests`` requests (a
   fixed, seeded mix: story pages 50 %, the largest story in one of ten, ``/api/stories/ID``
   10 %, the story list ``/`` and ``/api/stories`` 10 %, article pages 15 %, actor pages 10 %,
   a static file 5 %) sent by that many threads, each with its own keep-alive ``httpx``
   connection, as fast as answers come back. A request that takes longer than ``--timeout``
   seconds is an error; after ``--max-seconds`` (or when the server's resident memory passes
   ``--max-rss-mb``) a phase sends no more requests and says how many it did not send.
5. Baselines, in the same run: the static file under the same load (what the server,
   HTTP and the client cost with no database work), and the database's own time for a story
   page's data (plain SQL in this process: the story, its articles, its events with actors,
   places and mentions), for the same stories.

Columns: ``n`` requests answered (or failed), ``err`` errors (non-2xx, timeouts, refused),
``p50/p95/p99/max`` latency in ms (send to last byte), ``req/s`` the phase's throughput
(all kinds together, on the ``all`` row), ``KB`` median answer size. Rows "first view of the
URL" and "viewed before" split story pages by whether the URL was asked before in the
server's life (a first view is computed, a repeat comes from the cache). Server memory: the
``VmHWM`` (peak resident set) of the server process, read from /proc after each phase, and
its ``VmRSS`` then; with ``serve --workers`` the same summed over its child processes, and
the resident total (``--max-rss-mb`` applies to that total).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STATIC_PATH = "/static/style.css"
MIX = [("story page", 50), ("api story", 10), ("story list", 5), ("api stories", 5), ("article page", 15),
       ("actor page", 10), ("static file", 5)]


# ------------------------------------------------------------------------------ targets


@dataclass
class Targets:
    stories: list[tuple[str, int]]  # (id, articles), largest first
    articles: list[str]
    actors: list[str]
    sizes: dict[str, int] = field(default_factory=dict)


def pick_targets(db: str, seed: int) -> Targets:
    """Stories of every size (the largest, the ~10 next largest, middling ones, single-article
    ones), some of their articles, and the actors their events name."""
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    sizes = conn.execute("SELECT story_id, count(*) n FROM _story_articles GROUP BY story_id ORDER BY n DESC, story_id").fetchall()
    if not sizes:
        raise SystemExit(f"{db} has no stories")
    chosen = [sizes[0]] + sizes[1:11]
    big = [s for s in sizes[11:] if s[1] > 50]
    mid = [s for s in sizes if 5 <= s[1] <= 50]
    small = [s for s in sizes if s[1] <= 2]
    chosen += rng.sample(big, min(30, len(big))) + rng.sample(mid, min(80, len(mid))) + rng.sample(small, min(80, len(small)))
    chosen = list(dict.fromkeys(chosen))
    articles: list[str] = []
    for sid, _ in chosen:
        ids = [r[0] for r in conn.execute("SELECT article_id FROM _story_articles WHERE story_id = ? ORDER BY seq LIMIT 2", (sid,))]
        articles += ids
    actors = [r[0] for r in conn.execute(
        "SELECT actor_id FROM _article_actors WHERE article_id IN (%s) GROUP BY actor_id ORDER BY count(*) DESC LIMIT 40"
        % ",".join("?" * len(articles)), articles)]
    conn.close()
    return Targets(chosen, articles, actors, {s: n for s, n in chosen})


def request_mix(t: Targets, n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` (kind, path) pairs in a seeded order. Story pages: the largest story in 1 of 10,
    the other stories evenly."""
    rng = random.Random(seed)
    kinds = [k for k, w in MIX for _ in range(w)]
    out = []
    for _ in range(n):
        kind = rng.choice(kinds)
        if kind in ("story page", "api story"):
            sid = t.stories[0][0] if rng.random() < 0.1 else rng.choice(t.stories)[0]
            path = ("/stories/" if kind == "story page" else "/api/stories/") + sid
        elif kind == "story list":
            path = "/"
        elif kind == "api stories":
            path = "/api/stories"
        elif kind == "article page":
            path = "/articles/" + rng.choice(t.articles)
        elif kind == "actor page":
            path = "/actors/" + rng.choice(t.actors)
        else:
            path = STATIC_PATH
        out.append((kind, path))
    return out


# ------------------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(pid: int) -> dict[str, float]:
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmHWM:", "VmRSS:")):
                key, value = line.split(":", 1)
                out[key] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        pass
    return out


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            out += [int(x) for x in (task / "children").read_text().split()]
    except OSError:
        pass
    return out


def memory(pid: int) -> dict[str, float]:
    """VmHWM (peak RSS) and VmRSS of the server process, in MB; with its child processes
    (``serve --workers``: the processes computing answers, and multiprocessing's resource
    tracker), ``workers_VmHWM``/``workers_VmRSS`` sum theirs and ``total_VmRSS`` is all of them."""
    out = _status(pid)
    kids = [_status(k) for k in _children(pid)]
    if kids:
        out["workers"] = len(kids)
        out["workers_VmHWM"] = round(sum(k.get("VmHWM", 0) for k in kids), 1)
        out["workers_VmRSS"] = round(sum(k.get("VmRSS", 0) for k in kids), 1)
    out["total_VmRSS"] = round(out.get("VmRSS", 0) + out.get("workers_VmRSS", 0), 1)
    return out


class Server:
    def __init__(self, db: str, port: int, threads: int | None, workers: int | None = None) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        cmd = [sys.executable, "-m", "storyline", "serve", "--db", db, "--port", str(port)]
        if threads:
            cmd += ["--threads", str(threads)]
        if workers is not None:
            cmd += ["--workers", str(workers)]
        self.cmd = cmd
        self.base = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def wait(self, timeout: float = 60) -> float:
        import httpx

        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited ({self.proc.returncode}): {self.proc.stderr.read()[-2000:]}")
            try:
                if httpx.get(self.base + STATIC_PATH, timeout=2).status_code == 200:
                    return time.perf_counter() - t0
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"the server did not answer within {timeout} s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# ------------------------------------------------------------------------------ measuring


@dataclass
class Result:
    kind: str
    path: str
    status: int | None  # None: no answer (timeout, refused)
    ms: float
    size: int
    error: str | None = None
    first: bool = False  # the first request for this URL in the server's life (nothing kept yet)


def _one(client: Any, base: str, kind: str, path: str) -> Result:
    import httpx

    t0 = time.perf_counter()
    try:
        r = client.get(base + path)
        body = r.content
        ms = (time.perf_counter() - t0) * 1000
        err = None if 200 <= r.status_code < 300 else f"HTTP {r.status_code}"
        return Result(kind, path, r.status_code, ms, len(body), err)
    except httpx.HTTPError as exc:
        return Result(kind, path, None, (time.perf_counter() - t0) * 1000, 0, type(exc).__name__)


def load(base: str, mix: list[tuple[str, str]], clients: int, timeout: float, max_seconds: float,
         pid: int | None = None, max_rss_mb: float | None = None,
         requested: set[str] | None = None) -> tuple[list[Result], float, int, str | None]:
    """Send the mix from ``clients`` threads; return the results, the wall time, how many
    requests were not sent because ``max_seconds`` ran out (or the server's resident memory
    passed ``max_rss_mb``: on a shared machine the phase stops rather than exhaust it), and why
    it stopped early (None: it did not)."""
    import httpx

    todo: queue.SimpleQueue = queue.SimpleQueue()
    for item in mix:
        todo.put(item)
    results: list[Result] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + max_seconds
    unsent = [0]
    start = threading.Barrier(clients + 1)

    def worker() -> None:
        with httpx.Client(timeout=timeout, limits=httpx.Limits(max_connections=1)) as client:
            start.wait()
            while True:
                try:
                    kind, path = todo.get_nowait()
                except queue.Empty:
                    return
                if time.perf_counter() > stop_at:
                    with lock:
                        unsent[0] += 1
                    continue
                with lock:
                    first = requested is not None and path not in requested
                    if requested is not None:
                        requested.add(path)
                res = _one(client, base, kind, path)
                res.first = first
                with lock:
                    results.append(res)

    why: list[str] = []

    def watch() -> None:
        nonlocal stop_at
        while any(th.is_alive() for th in threads):
            if pid and max_rss_mb and memory(pid).get("total_VmRSS", 0) > max_rss_mb:
                why.append(f"server RSS above {max_rss_mb:g} MB")
                stop_at = 0.0
                return
            time.sleep(0.25)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for th in threads:
        th.start()
    start.wait()
    t0 = time.perf_counter()
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    for th in threads:
        th.join()
    if time.perf_counter() > stop_at and unsent[0] and not why:
        why.append(f"--max-seconds {max_seconds:g} ran out")
    return results, time.perf_counter() - t0, unsent[0], (why[0] if why else None)


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))  # nearest rank
    return round(s[k], 1)


def summarise(results: list[Result], wall: float | None = None) -> dict[str, Any]:
    ms = [r.ms for r in results]
    errors = [r for r in results if r.error]
    return {
        "n": len(results), "errors": len(errors),
        "error_kinds": sorted({r.error for r in errors if r.error}),
        "p50_ms": pct(ms, 50), "p95_ms": pct(ms, 95), "p99_ms": pct(ms, 99), "max_ms": round(max(ms), 1) if ms else None,
        "req_per_s": round(len(results) / wall, 1) if wall else None,
        "median_kb": round(statistics.median(r.size for r in results) / 1024, 1) if results else None,
    }


def sql_story_baseline(db: str, stories: list[tuple[str, int]], repeat: int = 3) -> dict[str, Any]:
    """The database's own time for a story page's data: its record, its articles (without
    text), its events with their actors, place and mentions (with the sentence's text) — by
    plain indexed SQL, best of ``repeat`` per story."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    times = []
    per_story = {}
    for sid, n in stories:
        best = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            conn.execute("SELECT * FROM _stories WHERE id = ?", (sid,)).fetchall()
            conn.execute(
                "SELECT a.id, a.title, a.source, a.published, a.language FROM _story_articles s "
                "JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? ORDER BY s.seq", (sid,)).fetchall()
            evs = conn.execute(
                "SELECT DISTINCT m.event_id FROM _story_articles s JOIN event_mentions m ON m.article_id = s.article_id "
                "WHERE s.story_id = ? AND m.event_id IS NOT NULL", (sid,)).fetchall()
            ids = [r[0] for r in evs]
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                marks = ",".join("?" * len(chunk))
                conn.execute(f"SELECT e.*, p.name, p.lat, p.lon FROM events e LEFT JOIN places p ON p.id = e.location_id WHERE e.id IN ({marks})", chunk).fetchall()
                conn.execute(f"SELECT x.event_id, x.role, x.actor_id, a.name FROM event_actors x LEFT JOIN actors a ON a.id = x.actor_id WHERE x.event_id IN ({marks})", chunk).fetchall()
                conn.execute(f"SELECT m.event_id, m.article_id, m.sentence, substr(a.text, m.start + 1, m.end - m.start), a.source "
                             f"FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id IN ({marks})", chunk).fetchall()
            dt = (time.perf_counter() - t0) * 1000
            best = dt if best is None else min(best, dt)
        times.append(best)
        per_story[sid] = {"articles": n, "ms": round(best, 2)}
    conn.close()
    return {"n": len(times), "p50_ms": pct(times, 50), "p95_ms": pct(times, 95), "max_ms": round(max(times), 1),
            "largest_story_ms": per_story[stories[0][0]]["ms"], "per_story": per_story}


# ------------------------------------------------------------------------------ output


def table(rows: list[tuple[str, dict[str, Any]]]) -> str:
    head = f"{'what':34} {'n':>6} {'err':>5} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} {'max ms':>9} {'req/s':>7} {'KB':>8}"
    lines = [head, "-" * len(head)]
    f = lambda v: "-" if v is None else (f"{v:,.1f}" if isinstance(v, float) else f"{v:,}")  # noqa: E731
    for name, s in rows:
        lines.append(f"{name:34} {f(s['n']):>6} {f(s['errors']):>5} {f(s['p50_ms']):>9} {f(s['p95_ms']):>9} "
                     f"{f(s['p99_ms']):>9} {f(s['max_ms']):>9} {f(s['req_per_s']):>7} {f(s['median_kb']):>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="the database to serve (with --make: where to write it)")
    ap.add_argument("--make", type=int, metavar="N", help="first write a synthetic database of N articles (bench/make_large_db.py) at --db")
    ap.add_argument("--requests", type=int, default=2000, help="requests per load phase (default 2000)")
    ap.add_argument("--clients", type=int, nargs="*", default=[20, 50], help="concurrent clients, one phase each (default 20 50; none: the probe alone)")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds before a request counts as an error (default 30)")
    ap.add_argument("--max-seconds", type=float, default=600.0, help="a phase sends nothing more after this many seconds (default 600)")
    ap.add_argument("--threads", type=int, default=None, help="the server's --threads (default: its own)")
    ap.add_argument("--workers", type=int, default=None, help="the server's --workers, computing processes (default: its own)")
    ap.add_argument("--max-rss-mb", type=float, default=6000, help="stop a phase when the server's resident memory passes this (default 6000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-probe", action="store_true", help="skip the one-client probe of each kind")
    ap.add_argument("--probe-dumps", action="store_true",
                    help="also probe /api/events and /api/actors (every event / actor of the corpus: minutes and gigabytes on 100,000 articles)")
    ap.add_argument("--json", metavar="PATH", help="write every number as JSON to PATH ('-': standard output)")
    args = ap.parse_args(argv)

    import httpx

    if args.make:
        sys.path.insert(0, str(ROOT / "bench"))
        import make_large_db

        print(f"writing {args.make:,} articles to {args.db} …", file=sys.stderr)
        print(json.dumps(make_large_db.generate(Path(args.db), args.make, 12)), file=sys.stderr)
    db = args.db
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    n_events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    n_stories = conn.execute("SELECT count(*) FROM _stories").fetchone()[0]
    conn.close()
    targets = pick_targets(db, args.seed)
    out: dict[str, Any] = {
        "database": db, "articles": n_articles, "events": n_events, "stories": n_stories,
        "largest_story": {"id": targets.stories[0][0], "articles": targets.stories[0][1]},
        "target_stories": len(targets.stories), "requests": args.requests, "clients": args.clients,
        "timeout_s": args.timeout, "cpus": os.cpu_count(), "load_before": os.getloadavg()[0],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    try:
        out["commit"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    sizes = sorted((n for _, n in targets.stories), reverse=True)
    print(f"{db}: {n_articles:,} articles, {n_events:,} events, {n_stories:,} stories; largest story "
          f"{targets.stories[0][1]:,} articles; {len(targets.stories)} target stories of "
          f"{sizes[-1]}–{sizes[0]} articles (median {sizes[len(sizes) // 2]}; {sum(1 for n in sizes if n > 100)} over 100)")

    port = free_port()
    requested: set[str] = set()
    server = Server(db, port, args.threads, args.workers)
    try:
        out["startup_s"] = round(server.wait(), 2)
        out["command"] = " ".join(server.cmd)
        print(f"server: {' '.join(server.cmd)} (answered after {out['startup_s']} s); memory {memory(server.proc.pid)}")

        if not args.no_probe:
            probe: list[tuple[str, str]] = [
                ("static file", STATIC_PATH),
                (f"story page, largest ({targets.stories[0][1]} art.)", "/stories/" + targets.stories[0][0]),
                (f"story page, largest again", "/stories/" + targets.stories[0][0]),
                (f"story page, {targets.stories[-1][1]} article(s)", "/stories/" + targets.stories[-1][0]),
                (f"api story, largest", "/api/stories/" + targets.stories[0][0]),
                ("story list /", "/"),
                ("api stories", "/api/stories"),
                ("article page", "/articles/" + targets.articles[0]),
                ("actor page", "/actors/" + targets.actors[0]),
                ("api events (every event)", "/api/events"),
                ("api actors", "/api/actors"),
            ]
            if not args.probe_dumps:
                probe = [(n, p) for n, p in probe if p not in ("/api/events", "/api/actors")]
            rows = []
            with httpx.Client(timeout=max(args.timeout, 300)) as client:
                for name, path in probe:
                    requested.add(path)
                    r = _one(client, server.base, name, path)
                    s = summarise([r])
                    rows.append((name, s))
                    print(f"  probe {name:40} {r.ms:10,.1f} ms  {r.size / 1024:10,.1f} KB  {r.error or r.status}", flush=True)
            out["probe"] = [{"what": n, "path": p, **s} for (n, s), (_, p) in zip(rows, probe)]
            out["memory_after_probe"] = memory(server.proc.pid)

        out["phases"] = []
        for clients in args.clients:
            mix = request_mix(targets, args.requests, args.seed + clients)
            results, wall, unsent, why = load(server.base, mix, clients, args.timeout, args.max_seconds,
                                              server.proc.pid, args.max_rss_mb, requested)
            mem = memory(server.proc.pid)
            by_kind: dict[str, list[Result]] = {}
            for r in results:
                by_kind.setdefault(r.kind, []).append(r)
            largest = [r for r in results if r.kind == "story page" and r.path.endswith(targets.stories[0][0])]
            rows = [("all", summarise(results, wall))]
            rows += [(k, summarise(by_kind[k])) for k, _ in MIX if k in by_kind]
            if largest:
                rows.append(("story page, largest story only", summarise(largest)))
            for kind in ("story page", "api story"):
                cold = [r for r in by_kind.get(kind, []) if r.first]
                warm = [r for r in by_kind.get(kind, []) if not r.first]
                if cold:
                    rows.append((f"{kind}: first view of the URL", summarise(cold)))
                if warm:
                    rows.append((f"{kind}: viewed before", summarise(warm)))
            print(f"\n{clients} concurrent clients: {len(results):,} requests in {wall:.1f} s"
                  + (f", {unsent:,} not sent ({why})" if unsent else "")
                  + f"; server VmHWM {mem.get('VmHWM')} MB, VmRSS {mem.get('VmRSS')} MB"
                  + (f"; its {mem['workers']} child processes VmHWM {mem['workers_VmHWM']} MB, VmRSS {mem['workers_VmRSS']} MB"
                     f" (sums); all VmRSS {mem['total_VmRSS']} MB" if mem.get("workers") else ""))
            print(table(rows))
            errs = sorted({r.error for r in results if r.error})
            if errs:
                print("errors: " + ", ".join(errs))
            out["phases"].append({"clients": clients, "wall_s": round(wall, 2), "unsent": unsent, "stopped": why, "memory": mem,
                                  "rows": {n: s for n, s in rows}})
    finally:
        server.stop()

    base = sql_story_baseline(db, targets.stories)
    out["sql_baseline"] = base
    print(f"\nbaseline, the database alone (plain SQL for a story page's data, best of 3, {base['n']} stories): "
          f"p50 {base['p50_ms']} ms, p95 {base['p95_ms']} ms, largest story {base['largest_story_ms']} ms")
    out["load_after"] = os.getloadavg()[0]
    if args.json:
        text = json.dumps(out, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n")
    failed = any(p["rows"]["all"]["errors"] or p["unsent"] for p in out.get("phases", []))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
