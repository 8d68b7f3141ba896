"""The Starlette application: routes, read-only connections, escaping and security headers.

Every endpoint is a plain function Starlette runs in its thread pool; each thread keeps one
read-only connection (``open_store(db, readonly=True)``: SQLite ``mode=ro``), so requests never
share a connection and nothing can write. Templates are Jinja2 with autoescaping on for every
file; data for scripts is embedded with ``|tojson`` in ``<script type="application/json">``
(``<``, ``>``, ``&`` and quotes escaped) and the scripts insert text with ``textContent`` only.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import os
import sys
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import anyio.to_thread
import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from .. import __version__, read, summaries
from ..errors import StorylineError
from ..store import Store, open_store
from . import queries
from .cache import Kept, Recent, ResponseCache

__all__ = ["create_app", "STATIC", "TEMPLATES"]

LOGGER = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
FILTERS = ("q", "actor", "country", "language", "since", "until")  # the index's and /api/stories' filters
API_LIMIT = 1000  # /api/actors, a page of /api/events: at most this many records a request unless ?limit= says fewer
EVENTS_PAGE = 100  # a story page lists this many of its events; a link shows the next ones (first-view cost grows with it)
SWITCH_INTERVAL = 0.0005  # seconds: sys.setswitchinterval while serving (see lifespan)
STORIES_KEPT = 8  # stories whose computed data is kept for their other pages and their API answer
STORY_WORKERS = 2  # with --workers: processes computing story pages alone, besides the --workers ones
OTHERS_NICE = 19  # the --workers processes: the cores go to story pages first (5 left them 1 in 4: p95 119 ms at 20 clients, 19: 48 ms)
FAST = {"story", "article", "article_raw", "api_article"}  # pages of a few ms: computed by the story pages' processes


class Database:
    """One read-only store per thread, opened on first use."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Store] = []
        open_store(path, readonly=True).close()  # fail now (E407, E406, E401) rather than per request

    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.path, readonly=True)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                try:
                    store.close()
                except Exception:  # noqa: BLE001 - a connection of another thread: closing is best effort
                    pass
            self._all.clear()


def _json_response(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), status_code=status, media_type="application/json")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    env.filters["idurl"] = lambda value: quote(str(value), safe=":@-._~+")  # an id as one path segment
    env.globals["version"] = __version__
    env.globals["reporter"] = read.reporter
    return env


def _request(path: str, query: str = "", **path_params: str) -> Request:
    """A GET request for ``path`` made here, not received: what the warm-up computes answers
    for, and what a computing process answers."""
    return Request({
        "type": "http", "method": "GET", "path": path, "raw_path": path.encode(), "query_string": query.encode("latin-1"),
        "headers": [(b"host", b"127.0.0.1")], "scheme": "http", "server": ("127.0.0.1", 0), "root_path": "",
        "path_params": path_params,
    })


# -- computing processes ---------------------------------------------------------------------------
#
# With ``workers`` > 0 the server process only routes, sends kept answers and static files; every
# answer to compute goes to a pool of that many processes, each with its own app (its own
# read-only connection, templates and kept story data) built by _worker_start. A computation in
# a thread of the server process would share its GIL with the event loop and with every other
# computation (and sqlite3 lets go of the GIL for each row it reads, then waits to get it back);
# processes run side by side on the machine's cores and the event loop never waits for them.

_WORKER: dict[str, Any] = {}


def _worker_start(db: str, tiles: str | None, cache_mb: int, parent: int, niceness: int = 0) -> None:
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)  # the warm-up's process: the cores go to clients' requests first
    app = create_app(db, tiles=tiles, cache_mb=cache_mb, warm=0, workers=0)
    _WORKER["state"] = app.app.state  # type: ignore[attr-defined]

    def watch() -> None:  # the server killed (not stopped): this process must not outlive it
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="storyline-parent-watch", daemon=True).start()


# a story's page and its /api/stories/ID answer come from one computation of its data: a process
# computing one of them answers the other too, and the server keeps both
# (not the other way: with stored summaries a page reads one window of a story's events, and its
# twin /api/stories/ID, every event, would make the page wait for seconds on a large story)
_TWINS = {"api_story": ("story", "/stories/")}


def _worker_answer(name: str, path: str, query: str, path_params: dict[str, str]) -> tuple[tuple[int, str, bytes], list[tuple[str, tuple[int, str, bytes]]]]:
    """The answer of handler ``name`` to GET ``path?query``, computed in a pool process:
    (status, media type, body); an HTTP or Storyline error becomes its error page here. And
    other answers computed on the way, as (cache key, answer): a story's twin URL (_TWINS)."""
    state = _WORKER["state"]

    def answer(name: str, path: str, query: str, params: dict[str, str]) -> tuple[int, str, bytes]:
        request = _request(path, query, **params)
        try:
            r = state.handlers[name](request)
        except (HTTPException, StorylineError) as exc:
            r = state.error_response(request, exc)
        return r.status_code, r.media_type or "application/octet-stream", bytes(r.body)

    first = answer(name, path, query, path_params)
    extra = []
    if first[0] == 200 and name in _TWINS and not query and "ident" in path_params:
        twin, prefix = _TWINS[name]
        twin_path = prefix + path_params["ident"]  # decoded, as request.url.path and the cache keys are
        extra.append((twin_path + "?", answer(twin, twin_path, "", path_params)))
    return first, extra


def create_app(db: str, *, tiles: str | None = None, threads: int = 40, cache_mb: int = 256, warm: int = 10,
               workers: int = 0) -> Starlette:
    """The app serving ``db`` read-only; ``tiles`` an optional tile URL template for the map;
    ``cache_mb`` megabytes of answers kept while the file does not change (0: none;
    ``storyline.web.cache``); ``warm``: how many of the largest stories' pages (and the first page
    of the index) are computed into the cache in the background when the server starts;
    ``workers``: processes that compute answers (0: the server's own threads; needs the cache)."""
    database = Database(db)
    pools: list[Any] = []  # the computing processes' pool, while the server runs
    warm_pools: list[Any] = []  # the warm-up's own process (niced), while it runs
    story_pools: list[Any] = []  # processes for story pages alone (STORY_WORKERS), while the server runs
    warming = threading.local()
    cache = ResponseCache(db, max_bytes=cache_mb * 1024 * 1024) if cache_mb > 0 else None
    kept_stories = Recent(db, max_items=STORIES_KEPT) if cache_mb > 0 else None

    handlers: dict[str, Any] = {}

    def cached(handler: Any) -> Any:
        """The handler, its 200 answers kept by URL (path and query) while the file does not
        change: a large story's page is computed once, not once per visitor. A kept answer is
        sent from the event loop itself; only a computation goes to a worker thread, which hands
        it to a computing process when there are (``workers``), so repeats never queue behind
        computations. ``.sync`` runs in the caller's thread (the warm-up)."""
        name = handler.__name__
        handlers[name] = handler
        if cache is None:
            return handler

        def run(request: Request) -> Response:
            def compute() -> Kept:
                if pools:
                    if warm_pools and getattr(warming, "on", False):
                        pool = warm_pools[0]
                    elif name in FAST and story_pools:
                        pool = story_pools[0]
                    else:
                        pool = pools[0]
                    future = pool.submit(_worker_answer, name, request.url.path, request.url.query, dict(request.path_params))
                    first, extra = future.result()
                    for key, other in extra:
                        cache.put(key, Kept(*other))
                    return Kept(*first)
                r = handler(request)
                return Kept(r.status_code, r.media_type or "application/octet-stream", bytes(r.body))

            kept = cache.get_or_compute(request.url.path + "?" + request.url.query, compute)
            return Response(kept.body, status_code=kept.status, media_type=kept.media_type)

        async def endpoint(request: Request) -> Response:
            kept = cache.peek(request.url.path + "?" + request.url.query)
            if kept is not None:
                return Response(kept.body, status_code=kept.status, media_type=kept.media_type)
            return await anyio.to_thread.run_sync(run, request)

        endpoint.sync = run  # type: ignore[attr-defined]
        return endpoint

    def story_data(story_id: str) -> dict[str, Any] | None:
        """``queries.story_page`` of a story with every event, computed once for
        ``/api/stories/ID`` and, on a database without stored summaries, for its pages (the
        last ``STORIES_KEPT`` stories are kept). Callers must not change it."""
        if kept_stories is None:
            return queries.story_page(store(), story_id)
        return kept_stories.get_or_compute(story_id, lambda: queries.story_page(store(), story_id))  # type: ignore[return-value]

    def story_window(story_id: str, offset: int, limit: int | None) -> dict[str, Any] | None:
        """A story's data with one window of its events (``events_total``: how many it has).
        With the story's summary stored by the build (``storyline.summaries``) only that
        window's events are read; otherwise from ``story_data`` (every event, computed once)."""
        if summaries.current(store()):
            return queries.story_page(store(), story_id, events_offset=offset, events_limit=limit)
        data = story_data(story_id)
        if data is None:
            return None
        end = None if limit is None else offset + limit
        return {**data, "events": data["events"][offset:end]}

    def events_window(request: Request, default: int | None) -> tuple[int, int | None]:
        """``?events_offset=`` and ``?events_limit=`` (at most API_LIMIT; ``default`` when
        absent, None: every event)."""
        p = request.query_params
        try:
            offset = max(int(p.get("events_offset", 0)), 0)
            given = p.get("events_limit")
            limit = min(max(int(given), 1), API_LIMIT) if given is not None else default
        except ValueError:
            raise HTTPException(400, "events_offset and events_limit are whole numbers") from None
        return offset, limit

    static_files: dict[str, tuple[bytes, str]] = {}
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            static_files[path.relative_to(STATIC).as_posix()] = (path.read_bytes(), kind)

    async def static(request: Request) -> Response:
        """The package's own CSS, scripts and images, read into memory at start (under a
        megabyte) and sent from the event loop: a file is found by its exact relative name in
        that table, so no URL reaches any other file."""
        found = static_files.get(request.path_params["path"])
        if found is None:
            raise HTTPException(404, "no such file")
        return Response(found[0], media_type=found[1], headers={"cache-control": "public, max-age=3600"})
    env = _environment()
    tile_origin = ""
    if tiles:
        parts = urlsplit(tiles.replace("{s}", "a"))
        tile_origin = f"{parts.scheme}://{parts.netloc}"
    env.globals["tiles"] = tiles
    env.globals["database"] = Path(db).name

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(request=request, **context)
        return HTMLResponse(html, status_code=status)

    def store() -> Store:
        return database.store()

    def ident(request: Request, key: str = "ident") -> str:
        value = request.path_params[key]
        if not queries.valid_id(value):
            raise HTTPException(404, "not a valid id")
        return value

    # -- pages --------------------------------------------------------------------------

    def _paging(request: Request, default: int) -> tuple[int, int]:
        p = request.query_params
        try:
            limit = min(max(int(p.get("limit", default)), 1), API_LIMIT)
            offset = max(int(p.get("offset", 0)), 0)
            if "page" in p:
                offset = (max(int(p["page"]), 1) - 1) * limit
        except ValueError:
            raise HTTPException(400, "page, limit and offset are whole numbers") from None
        return offset, limit

    def index(request: Request) -> Response:
        p = request.query_params
        filters = {k: (p.get(k) or "").strip() or None for k in FILTERS}
        offset, limit = _paging(request, queries.PAGE)
        error = None
        try:
            stories, total, notes = queries.story_page_list(store(), offset=offset, limit=limit, **filters)
        except StorylineError as exc:
            stories, total, notes, error = [], 0, [], exc.message
        kept = {k: v for k, v in filters.items() if v}
        pages = {"offset": offset, "limit": limit, "total": total,
                 "previous": urlencode({**kept, "page": offset // limit}) if offset > 0 else None,
                 "next": urlencode({**kept, "page": offset // limit + 2}) if offset + limit < total else None}
        return page(request, "index.html", stories=stories, notes=notes, error=error, filters=filters, pages=pages)

    def story(request: Request) -> Response:
        story_id = ident(request)
        offset, limit = events_window(request, EVENTS_PAGE)
        assert limit is not None
        data = story_window(story_id, offset, limit)
        if data is None:
            raise HTTPException(404, "no story has this id")
        total = data.pop("events_total")
        shown = data["events"]
        link = lambda start: f"/stories/{quote(story_id, safe=':@-._~+')}?events_offset={start}#events"  # noqa: E731
        events_pages = {"offset": offset, "shown": len(shown), "total": total,
                        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
                        "next": link(offset + limit) if offset + limit < total else None}
        events_js = [{"id": e["id"], "type": e["type"], "date": e["date"],
                      "mentions": [{"article_id": m["article_id"]} for m in e["mentions"]]} for e in shown]
        return page(request, "story.html", events_js=events_js, events_pages=events_pages, **{**data, "events": shown})

    def actor(request: Request) -> Response:
        data = queries.actor_page(store(), ident(request))
        if data is None:
            raise HTTPException(404, "no actor has this id")
        return page(request, "actor.html", **data)

    def article(request: Request) -> Response:
        event_id = request.query_params.get("event")
        if event_id is not None and not queries.valid_id(event_id):
            event_id = None
        data = queries.article_page(store(), ident(request), event_id=event_id)
        if data is None:
            raise HTTPException(404, "no article has this id")
        return page(request, "article.html", **data)

    def article_raw(request: Request) -> Response:
        data = queries.raw_page(store(), ident(request))
        if data is None:
            raise HTTPException(404, "no article has this id")
        return page(request, "raw.html", **data)

    # -- API ------------------------------------------------------------------------------

    def api_stories(request: Request) -> Response:
        p = request.query_params
        filters = {k: (p.get(k) or "").strip() or None for k in FILTERS}
        offset, limit = _paging(request, queries.PAGE)
        stories, total, notes = queries.story_page_list(store(), offset=offset, limit=limit, **filters)
        return _json_response({"stories": stories, "total": total, "offset": offset, "limit": limit, "notes": notes})

    def api_story(request: Request) -> Response:
        story_id = ident(request)
        p = request.query_params
        if "events_offset" in p or "events_limit" in p:  # one page of the events, and how many there are
            offset, limit = events_window(request, None)
            part = story_window(story_id, offset, limit)
            if part is None:
                raise HTTPException(404, "no story has this id")
            total = part.pop("events_total")
            return _json_response({**part, "events_total": total, "events_offset": offset,
                                   "events_limit": total if limit is None else limit})
        data = story_data(story_id)
        if data is None:
            raise HTTPException(404, "no story has this id")
        return _json_response({k: v for k, v in data.items() if k != "events_total"})

    def api_contradictions(request: Request) -> Response:
        story_id = ident(request)
        if not read.story_records(store(), story_id=story_id) or queries.valid_id(story_id) is False:
            raise HTTPException(404, "no story has this id")
        found = queries.contradictions_of(store(), story_id)
        return _json_response({"story_id": story_id, "computed": found is not None, "contradictions": found or []})

    def api_events(request: Request) -> Response:
        """The ``events`` export's records; ``?story=ID``: that story's alone; ``offset``/``limit``:
        one page of them, as ``{events, total, offset, limit}`` (without them: the whole list)."""
        p = request.query_params
        story_id = p.get("story")
        if story_id:
            if not queries.valid_id(story_id):
                raise HTTPException(404, "no story has this id")
            found = queries.story_record(store(), story_id)
            if found is None:
                raise HTTPException(404, "no story has this id")
            rows = queries.story_events(store(), set(found["event_ids"]))
        else:
            rows = queries.event_list(store())
        if "offset" not in p and "limit" not in p:
            return _json_response(rows)
        try:
            limit = min(max(int(p.get("limit", API_LIMIT)), 0), API_LIMIT) or API_LIMIT
            offset = max(int(p.get("offset", 0)), 0)
        except ValueError:
            raise HTTPException(400, "limit and offset are whole numbers") from None
        return _json_response({"events": rows[offset : offset + limit], "total": len(rows), "offset": offset, "limit": limit})

    def api_actors(request: Request) -> Response:
        p = request.query_params
        try:
            limit = min(max(int(p.get("limit", API_LIMIT)), 0), API_LIMIT) or API_LIMIT
            offset = max(int(p.get("offset", 0)), 0)
        except ValueError:
            raise HTTPException(400, "limit and offset are whole numbers") from None
        rows = read.actor_records(store(), kind=p.get("kind") or None, country=p.get("country") or None)
        return _json_response({"actors": rows[offset : offset + limit], "total": len(rows), "offset": offset, "limit": limit})

    def api_actor(request: Request) -> Response:
        data = queries.actor_page(store(), ident(request))
        if data is None:
            raise HTTPException(404, "no actor has this id")
        return _json_response(data)

    def api_article(request: Request) -> Response:
        event_id = request.query_params.get("event")
        data = queries.article_page(store(), ident(request), event_id=event_id if event_id and queries.valid_id(event_id) else None)
        if data is None:
            raise HTTPException(404, "no article has this id")
        return _json_response(data)

    # -- errors and headers ------------------------------------------------------------------

    def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", "error")
        if request.url.path.startswith("/api/"):
            return _json_response({"error": {"status": status, "message": detail}}, status)
        return page(request, "error.html", status=status, status_code=status, message=detail)

    def storyline_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StorylineError)
        if request.url.path.startswith("/api/"):
            return _json_response({"error": {"status": 400, "code": exc.code, "message": exc.message}}, 400)
        return page(request, "error.html", status=400, status_code=400, message=str(exc))

    def error_response(request: Request, exc: Exception) -> Response:
        if isinstance(exc, StorylineError):
            return storyline_error(request, exc)
        return http_error(request, exc)

    @asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        if workers > 0 and cache is not None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # "spawn": a fresh interpreter, not a fork of this threaded process
            # at a lower priority than story pages (OTHERS_NICE): on a busy machine the cores go to
            # the pages analysts open most, and a computation of seconds (every event of a large
            # story, an actor of thousands of events) takes its time beside them
            pools.append(ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_worker_start, initargs=(db, tiles, cache_mb, os.getpid(), OTHERS_NICE)))
            # story pages have processes of their own: a page's first view (a few indexed reads
            # with the stored summaries) never queues behind a slower computation (an actor,
            # every event of a large story for /api/stories/ID)
            story_pools.append(ProcessPoolExecutor(max_workers=STORY_WORKERS, mp_context=multiprocessing.get_context("spawn"),
                                                   initializer=_worker_start, initargs=(db, tiles, cache_mb, os.getpid())))
            # every process started now, not at the first requests (a spawned process imports
            # the package and builds its app: a second or more, which a client would wait for)
            for pool, n in ((pools[0], workers), (story_pools[0], STORY_WORKERS)):
                for started in [pool.submit(os.getpid) for _ in range(n)]:
                    started.result()
            if warm > 0:  # the warm-up computes in a process of its own, at a lower priority
                warm_pools.append(ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                      initializer=_worker_start, initargs=(db, tiles, cache_mb, os.getpid(), 10)))
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        # Computations read SQLite row by row, and the sqlite3 module lets go of the GIL for
        # each row: with the default 5 ms switch interval, a thread taking it back waits up to
        # 5 ms behind a busy thread, for every row (a page of a few thousand rows took seconds
        # under load). 0.5 ms bounds that wait; the process is this server alone.
        interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        if cache is not None and warm > 0:
            threading.Thread(target=warm_up, name="storyline-warm-up", daemon=True).start()
        yield
        sys.setswitchinterval(interval)
        for group in (pools, story_pools, warm_pools):
            while group:
                try:
                    group.pop().shutdown(wait=False, cancel_futures=True)
                except IndexError:  # the warm-up ended its own meanwhile
                    break
        database.close()

    img = "'self' data:" + (f" {tile_origin}" if tile_origin else "")
    csp = (f"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src {img}; "
           "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

    class Headers:
        """Security headers on every answer: a Content-Security-Policy that allows scripts from
        this server only (an injected inline script would not run even if markup got through),
        no MIME sniffing, no framing, no referrer."""

        def __init__(self, app: Any) -> None:
            self.app = app

        async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await self.app(scope, receive, send)
                return

            async def send_with_headers(message: dict) -> None:
                if message["type"] == "http.response.start":
                    headers = list(message.get("headers", []))
                    headers += [
                        (b"content-security-policy", csp.encode()),
                        (b"x-content-type-options", b"nosniff"),
                        (b"x-frame-options", b"DENY"),
                        (b"referrer-policy", b"no-referrer"),
                    ]
                    message = {**message, "headers": headers}
                await send(message)

            await self.app(scope, receive, send_with_headers)

    index_c, story_c, api_stories_c, api_story_c = cached(index), cached(story), cached(api_stories), cached(api_story)

    def warm_up() -> None:
        """The answers that cost most, computed once at start (a background thread): the index
        and the largest stories, whose pages take seconds on a large corpus; a client asking
        for one of them meanwhile waits for that computation (the cache's one-per-key)."""
        warming.on = True
        try:
            sync = lambda handler: getattr(handler, "sync", handler)  # noqa: E731
            sync(index_c)(_request("/"))
            sync(api_stories_c)(_request("/api/stories"))
            largest = [sid for sid, _n in store().story_sizes(limit=warm)[0]]
            # the pages first (with stored summaries a fraction of a second each), then the
            # API answers with every event (seconds each for the largest stories)
            for sid in largest:
                sync(story_c)(_request(f"/stories/{sid}", ident=sid))
            for sid in largest:
                sync(api_story_c)(_request(f"/api/stories/{sid}", ident=sid))
        except Exception:  # noqa: BLE001 - only a head start: a failure here fails again, visibly, on request
            LOGGER.debug("warm-up stopped", exc_info=True)
        finally:
            if warm_pools:  # its process is not needed any more
                warm_pools.pop().shutdown(wait=False)

    routes = [
        Route("/", index_c),
        Route("/stories/{ident}", story_c),
        Route("/actors/{ident}", cached(actor)),
        Route("/articles/{ident}", cached(article)),
        Route("/articles/{ident}/raw", cached(article_raw)),
        Route("/api/stories", api_stories_c),
        Route("/api/stories/{ident}", api_story_c),
        Route("/api/stories/{ident}/contradictions", cached(api_contradictions)),
        Route("/api/events", cached(api_events)),
        Route("/api/actors", cached(api_actors)),
        Route("/api/actors/{ident}", cached(api_actor)),
        Route("/api/articles/{ident}", cached(api_article)),
        Route("/static/{path:path}", static, name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, StorylineError: storyline_error})
    app.state.database = database
    app.state.cache = cache
    app.state.handlers = handlers
    app.state.error_response = error_response
    return Headers(app)  # type: ignore[return-value]
