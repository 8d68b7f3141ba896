"""Story summaries: what a story's page needs that costs seconds to compute on read, computed
once in the build (the stories stage) and stored beside the story.

A story page shows the story's key dates (``storyline.keydates``: tokenising and weighing
thousands of sentences for a large story), the map of its events' places and the network of
who backs and opposes whom (both from every event record of the story), and lists its events
in timeline order. On a corpus of 100,000 articles the first view of a story of 2,000
articles took 1–3 s to compute them. The stories stage now computes them whenever a story's
input changes and stores them (migration 0016, ``_story_summaries`` and
``_story_summary_data``); the web view and ``storyline timeline --key --story`` read them, and
compute on read when there are none or they are not current (an older database, a build
stopped between the link and stories stages).

**What is stored, per story** (``data``): ``record`` (the ``storyline stories`` record),
``articles`` (the page's list of its articles: ``read.ARTICLE_LIST_FIELDS``; read one by one,
they are 2,000 random reads of a 3 GB file for the largest bench story),
``key_dates`` (the key-date records for ``max_dates`` 10 — ``timeline --key``'s default — and
12 — the web page's —, ``max_sentences`` 3, no ``since``/``until``), ``places`` and ``network``
(the web page's, from every event of the story) and ``event_order`` (the story's event ids in
timeline order, so a page of events reads only those events). Beside it, in a small row:
the number of articles, the date span and the languages (the index's filters read them).

**Which stories are refreshed.** Each story's stored ``stamp`` is a digest of everything its
summary reads: the summary code's fingerprint, its articles in placing order, each article's
stage runs and corpus date, and each of its events' stored rows (the event, its actors, its
mention links). The stories stage computes every story's stamp from the tables (a few
seconds on 100,000 articles) and recomputes exactly the stories whose stamp differs or that
have none; summaries of stories that no longer exist are deleted. The work is one
transaction with a global state row, so a build stopped half-way leaves either the old
summaries with the old state (readers see them as not current and compute) or the new.

**When a stored summary is current** (read side, cheap): the global state row names this
code's fingerprint, the link stage's corpus state and the number and last placing of
story members that the database has now. Otherwise the readers compute, as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import read
from .store import Store

__all__ = ["VERSION", "KEY_DATE_LIMITS", "KEY_SENTENCES", "fingerprint", "compute", "refresh", "current",
           "stored", "stored_key_dates", "places_of", "network_of"]

LOGGER = logging.getLogger(__name__)

VERSION = "story-summaries.v2"  # v2: the articles' list
KEY_DATE_LIMITS = (10, 12)  # max_dates kept: `timeline --key`'s default, the web page's
KEY_SENTENCES = 3  # max_sentences of the kept key dates (both callers' default)
HERE = Path(__file__).resolve().parent
# the code a summary comes from: a change to any of these files makes every stored summary not
# current (readers compute) until the next build recomputes them; a change to what this module
# stores bumps VERSION
SOURCES = ("keydates.py", "network.py", "read.py")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """VERSION and a digest of the source files a summary is computed by."""
    h = hashlib.sha1(VERSION.encode())
    for name in SOURCES:
        h.update((HERE / name).read_bytes())
    return f"{VERSION}:{h.hexdigest()[:12]}"


# -- what the page shows, from event records --------------------------------------------------


def places_of(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The located events grouped by place: id, name, country, lat, lon, event ids."""
    out: dict[str, dict[str, Any]] = {}
    for e in events:
        loc = e["location"]
        if not loc or loc.get("lat") is None or loc.get("lon") is None:
            continue
        p = out.setdefault(loc["place_id"], {**loc, "event_ids": []})
        p["event_ids"].append(e["id"])
    return sorted(out.values(), key=lambda p: (-len(p["event_ids"]), p["place_id"]))


def network_of(edges: list[dict[str, Any]]) -> dict[str, Any]:
    """The network of a story: its actors (nodes) and the alliance edges between them."""
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        for side in ("a", "b"):
            nodes.setdefault(e[side], {"id": e[side], "name": e[side + "_name"], "country": e[side + "_country"]})
    return {"nodes": sorted(nodes.values(), key=lambda n: n["id"]),
            "edges": [{k: e[k] for k in ("a", "b", "a_name", "b_name", "score", "stance", "events", "cooperative",
                                         "hostile", "event_ids", "period")} for e in edges]}


# -- computing ----------------------------------------------------------------------------------


def compute(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story's summary, computed now (what is stored): None when no story has this id."""
    from .keydates import key_dates
    from .network import alliance_edges

    found = [r for r in read.story_records(store, story_id=story_id) if r["id"] == story_id]
    if not found:
        return None
    story = found[0]
    events_read = store.events(ids=set(story["event_ids"]))
    events = read.event_records(store, events=events_read)
    keyed: dict[str, list[dict[str, Any]]] = {}
    for limit in sorted(KEY_DATE_LIMITS, reverse=True):
        larger = keyed.get(str(max(KEY_DATE_LIMITS)))
        if larger is not None and len(larger) <= limit:
            # at most `limit` candidate days: the same days are chosen, the same summaries made
            keyed[str(limit)] = larger
            continue
        keyed[str(limit)] = key_dates(store, max_dates=limit, max_sentences=KEY_SENTENCES,
                                      article_ids=story["article_ids"], event_ids=story["event_ids"], events=events_read)
    return {
        "record": story,
        "articles": [{k: getattr(a, k) for k in read.ARTICLE_LIST_FIELDS}
                     for a in store.article_summaries(ids=story["article_ids"])],
        "key_dates": {str(k): keyed[str(k)] for k in KEY_DATE_LIMITS},
        "places": places_of(events),
        "network": network_of(alliance_edges(events)),
        "event_order": [e["id"] for e in events],
    }


def _row(story_id: str, stamp: str, data: dict[str, Any]) -> tuple[Any, ...]:
    rec = data["record"]
    return (story_id, stamp, rec["articles"], rec["start"], rec["end"],
            json.dumps([x.lower() for x in rec["languages"]]), json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def refresh(store: Store, *, progress: Any = None, jobs: int = 1) -> int:
    """Recompute and store the summary of every story whose input changed (its stamp differs,
    or it has none), delete those of stories gone, and record the state readers check.
    Returns how many summaries were computed. Call it outside a transaction: it opens its own
    (one, for every write). ``jobs`` > 1: computed in that many processes (a whole corpus at
    once: bench/make_large_db.py)."""
    if not hasattr(store, "story_summary_stamps"):
        return 0
    fp = fingerprint()
    stamps = store.story_input_digests(fp)
    old = store.story_summary_stamps()
    todo = sorted(s for s, d in stamps.items() if old.get(s) != d)
    rows = []
    if jobs > 1 and len(todo) > 1 and getattr(store, "path", None):
        # the largest stories first, spread over processes that each read the file read-only
        sizes = dict(store.story_sizes()[0])
        todo.sort(key=lambda s: (-sizes.get(s, 0), s))
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            chunks = [todo[i::jobs * 8] for i in range(jobs * 8)]
            done = 0
            for part in pool.map(_compute_rows, [store.path] * len(chunks), chunks):
                rows += [(r[0], stamps[r[0]], *r[1:]) for r in part]
                done += len(part)
                if progress is not None:
                    progress(done, len(todo))
    else:
        for n, sid in enumerate(todo, 1):
            data = compute(store, sid)
            if data is not None:
                rows.append(_row(sid, stamps[sid], data))
            if progress is not None:
                progress(n, len(todo))
    gone = set(old) - set(stamps)
    with store.transaction():
        store.put_story_summaries(rows, delete=gone)
        store.put_story_summary_state(_state(store, fp))
    LOGGER.info("stories: %d summary(ies) computed, %d removed, %d unchanged", len(rows), len(gone),
                len(stamps) - len(rows))
    return len(rows)


def _compute_rows(path: str, story_ids: list[str]) -> list[tuple[Any, ...]]:
    """In a worker process: the rows (without their stamp) of these stories' summaries."""
    from .store import open_store

    with open_store(path, readonly=True) as store:
        out = []
        for sid in story_ids:
            data = compute(store, sid)
            if data is not None:
                row = _row(sid, "", data)
                out.append((row[0], *row[2:]))
        return out


def _state(store: Store, fp: str) -> str:
    """What a stored summary was computed from, as a whole: this code, the linked events (the
    link stage's corpus state) and the stories' members (count, last placing)."""
    return json.dumps([fp, store.corpus_state("link"), list(store.story_member_mark())])


# -- reading ----------------------------------------------------------------------------------

_CURRENT: dict[str, tuple[tuple[int, int], bool]] = {}


def current(store: Store) -> bool:
    """Whether the stored summaries are those of the database as it is now (a few indexed
    reads; for a read-only store, remembered while the file's size and time do not change)."""
    if not hasattr(store, "story_summary_state"):
        return False
    path = str(getattr(store, "path", ""))
    mark = None
    if getattr(store, "readonly", False) and path:
        try:
            st = os.stat(path)
            mark = (st.st_mtime_ns, st.st_size)
        except OSError:
            mark = None
        seen = _CURRENT.get(path)
        if mark is not None and seen is not None and seen[0] == mark:
            return seen[1]
    try:
        state = store.story_summary_state()
        ok = state is not None and state == _state(store, fingerprint())
    except Exception:  # noqa: BLE001 - a database without the tables: not current
        ok = False
    if mark is not None:
        _CURRENT[path] = (mark, ok)
    return ok


def stored(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story's stored summary when it is current, else None (the caller computes)."""
    if not current(store):
        return None
    return store.story_summary(story_id)


def stored_key_dates(store: Store, story_id: str, max_dates: int, max_sentences: int = KEY_SENTENCES) -> list[dict[str, Any]] | None:
    """A story's key dates (``key_dates(max_dates=…, max_sentences=…)`` of its articles and
    events) when stored and current for these limits, else None."""
    if max_dates not in KEY_DATE_LIMITS or max_sentences != KEY_SENTENCES:
        return None
    found = stored(store, story_id)
    return None if found is None else found["key_dates"][str(max_dates)]
