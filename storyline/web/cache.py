"""Answers kept in memory while the database does not change (issue 12: story pages fast on
100,000 articles).

The web view serves a database read-only, so a page's answer depends on its URL and on the
file alone. A story page of a large story costs seconds to compute (its key dates summarise
every sentence that names a day, its events are read with every report, the page is
megabytes of HTML), and the same story is asked for again and again: the first answer is
kept, and later ones are served from memory until the file changes (a build writing into it:
its size or modification time moves, or a ``-wal`` file appears or changes), which empties
the cache.

- Bounded: at most ``max_bytes`` of bodies (least recently used go first); an answer larger
  than ``max_bytes / 8`` is never kept.
- One computation per key at a time: clients asking for a page being computed wait for that
  computation instead of starting their own (50 clients opening the same large story cost one
  computation, not 50, and one story's worth of memory).
- Only 200 answers are kept; errors are computed again every time.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["ResponseCache", "Kept", "Recent"]


@dataclass(frozen=True, slots=True)
class Kept:
    status: int
    media_type: str
    body: bytes


class _Keeper:
    """What both kinds of memory share: the database file's stamp (a change empties them), one
    lock, and one computation per key at a time (the others wait for it, then find it kept).
    Subclasses say how a value is found (``_found``, under the lock), kept (``_keep``) and
    forgotten (``_clear``, under the lock)."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._lock = threading.Lock()
        self._busy: dict[str, threading.Lock] = {}
        self._stamp = self._file_stamp()
        self.hits = self.misses = 0

    def _file_stamp(self) -> tuple:
        out = []
        for path in (self.db_path, self.db_path + "-wal"):
            try:
                st = os.stat(path)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def _check_file(self) -> None:
        stamp = self._file_stamp()
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    self._clear()
                    self._stamp = stamp

    def _found(self, key: str) -> Any:
        raise NotImplementedError

    def _keep(self, key: str, value: Any) -> None:
        raise NotImplementedError

    def _clear(self) -> None:
        raise NotImplementedError

    def get_or_compute(self, key: str, compute: Callable[[], Any]) -> Any:
        """The kept value for ``key``, or ``compute()``'s (kept when ``_keep`` takes it).
        Exceptions of ``compute`` pass through and nothing is kept."""
        self._check_file()
        with self._lock:
            found = self._found(key)
            if found is not None:
                return found
            gate = self._busy.setdefault(key, threading.Lock())
        with gate:  # one computation per key; the others wait here, then find it kept
            with self._lock:
                found = self._found(key)
                if found is not None:
                    return found
                self.misses += 1
            try:
                value = compute()
                self._keep(key, value)
                return value
            finally:
                with self._lock:
                    if self._busy.get(key) is gate:
                        del self._busy[key]


class ResponseCache(_Keeper):
    """Answers by URL: at most ``max_bytes`` of bodies; only 200 answers of at most
    ``max_bytes / 8`` are kept."""

    def __init__(self, db_path: str, *, max_bytes: int = 256 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, Kept] = OrderedDict()
        self._size = 0
        super().__init__(db_path)

    def _found(self, key: str) -> Kept | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            self.hits += 1
        return found

    def _clear(self) -> None:
        self._items.clear()
        self._size = 0

    def peek(self, key: str) -> Kept | None:
        """The kept answer for ``key`` or None, without computing or waiting: cheap enough for
        the server's event loop, so a repeat never waits for a worker thread."""
        self._check_file()
        with self._lock:
            return self._found(key)

    def put(self, key: str, kept: Kept) -> None:
        """Keep ``kept`` for ``key`` (a 200 of a reasonable size; otherwise nothing), as if
        computed for it: an answer computed on the way to another."""
        self._check_file()
        self._keep(key, kept)

    def _keep(self, key: str, kept: Kept) -> None:
        if kept.status != 200 or len(kept.body) > self.max_bytes // 8:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old.body)
            self._items[key] = kept
            self._size += len(kept.body)
            while self._size > self.max_bytes and self._items:
                _, gone = self._items.popitem(last=False)
                self._size -= len(gone.body)


class Recent(_Keeper):
    """The last ``max_items`` values computed by key (least recently used go first), with the
    same one-computation-per-key gate and the same emptying when the database file changes.
    The web view keeps a story's computed data here, so its page, the later pages of its
    events and ``/api/stories/ID`` share one computation. None is never kept."""

    def __init__(self, db_path: str, *, max_items: int = 8) -> None:
        self.max_items = max_items
        self._items: OrderedDict[str, object] = OrderedDict()
        super().__init__(db_path)

    def _found(self, key: str) -> object | None:
        if key in self._items:
            self._items.move_to_end(key)
            self.hits += 1
            return self._items[key]
        return None

    def _clear(self) -> None:
        self._items.clear()

    def _keep(self, key: str, value: object) -> None:
        if value is None or self.max_items <= 0:
            return
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)
