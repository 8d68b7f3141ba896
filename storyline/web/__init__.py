"""``storyline serve``: a local, read-only web view of a Storyline database.

Starlette (routing, async server interface) with Jinja2 templates (autoescaped) served by
uvicorn; the database is opened read-only, one connection per worker thread. The pages and
the JSON API read their records from :mod:`storyline.web.queries`, which reuses the read side
(``storyline.read``, ``storyline.keydates``, ``storyline.network``). docs/web.md says why these
libraries and how the pages work.
"""

from __future__ import annotations

__all__ = ["create_app"]


def create_app(db: str, *, tiles: str | None = None):  # type: ignore[no-untyped-def]
    """The web application for the database ``db`` (a Starlette app). ``tiles``: an optional
    map tile URL template (``https://…/{z}/{x}/{y}.png``); without it the map draws points only."""
    from .app import create_app as make

    return make(db, tiles=tiles)
