"""Storyline: rebuild the story inside a pile of news.

Public API::

    import storyline
    report = storyline.build(["examples/corpus"], db="storyline.db")
    with storyline.open_db("storyline.db") as store:
        for article in store.articles(): ...
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from .config import Settings, load_settings  # noqa: E402
from .errors import StorylineError  # noqa: E402
from .models import Article, DateGuess, Document, Failure, Removed  # noqa: E402

__all__ = [
    "__version__",
    "Article",
    "DateGuess",
    "Document",
    "Failure",
    "Removed",
    "Settings",
    "StorylineError",
    "build",
    "load_settings",
    "open_db",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def build(paths, *, db: str = "storyline.db", settings: Settings | None = None, on_error: str = "record"):  # type: ignore[no-untyped-def]
    """Build (or update) the corpus at ``db`` from files, directories or '-'."""
    from .pipeline import build as _build

    return _build(paths, db=db, settings=settings or load_settings(), on_error=on_error)  # type: ignore[arg-type]


def open_db(path: str, *, readonly: bool = True):  # type: ignore[no-untyped-def]
    """Open a Storyline database for reading (or writing, with readonly=False)."""
    from .store import open_store

    return open_store(path, readonly=readonly)
