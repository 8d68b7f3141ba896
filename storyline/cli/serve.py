"""``storyline serve``: the web view of a database (``storyline.web``), on localhost by default."""

from __future__ import annotations

import re

import click

from ..errors import WebError
from . import db_option, handle_errors

__all__ = ["serve"]

TILE_URL = re.compile(r"^https?://[^\s\"'<>]+$")


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only; 0.0.0.0 opens it to the network).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--tiles", default=None, metavar="URL",
              help="A map tile URL template with {z}, {x} and {y} (e.g. an OpenStreetMap-style tile server). "
                   "Without it the map draws the event places as points on a blank background and loads nothing.")
@click.option("--threads", type=click.IntRange(1, 256), default=40, show_default=True,
              help="Worker threads answering requests (each keeps its own read-only connection).")
@click.option("--cache-mb", type=click.IntRange(0, 65536), default=256, show_default=True,
              help="Megabytes of answers kept in memory while the database file does not change (0: none).")
@click.option("--warm", type=click.IntRange(0, 1000), default=10, show_default=True,
              help="At start, compute the index and this many of the largest stories' pages in the background.")
@click.option("--workers", type=click.IntRange(0, 64), default=4, show_default=True,
              help="Processes that compute pages and answers beside the server's own, at nice 19 (0: its threads "
                   "compute them); with any, two more at the server's priority compute story and article pages alone. "
                   "Kept answers and static files never wait for them. Needs the cache (--cache-mb above 0).")
@handle_errors
def serve(db: str, host: str, port: int, tiles: str | None, threads: int, cache_mb: int, warm: int, workers: int) -> None:
    """Serve a local, read-only web view of the database: stories with search and filters
    (/), a story's key dates, events, map, network and contradictions (/stories/ID), actors
    (/actors/ID), articles with their evidence highlighted (/articles/ID, raw view
    /articles/ID/raw), and the same data as JSON under /api/. Open the URL it prints in a
    browser; Ctrl-C stops it. Nothing is written to the database and nothing is loaded from
    the internet (unless --tiles names a tile server)."""
    if tiles is not None and not (TILE_URL.match(tiles) and all(k in tiles for k in ("{z}", "{x}", "{y}"))):
        raise WebError("E702", url=tiles)
    try:
        import uvicorn

        from ..web.app import create_app
    except ImportError as exc:
        raise WebError("E700", detail=str(exc)) from None
    app = create_app(db, tiles=tiles, threads=threads, cache_mb=cache_mb, warm=warm if cache_mb else 0,
                     workers=workers if cache_mb else 0)  # opens the database: E407 when missing
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Storyline: serving {db} (read-only) at http://{shown}:{port}/  (Ctrl-C stops)", err=True)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    try:
        server.run()
    except OSError as exc:  # pragma: no cover - uvicorn usually exits on its own
        raise WebError("E701", host=host, port=port, detail=exc.strerror or str(exc)) from None
    if not server.started:
        raise WebError("E701", host=host, port=port, detail="the address is in use or not available here")
