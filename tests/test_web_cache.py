"""storyline/web/cache.py: answers kept while the database file does not change (no timing)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from storyline.web.cache import Kept, ResponseCache


def test_kept_until_the_file_changes(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"one")
    cache = ResponseCache(str(db))
    calls = []

    def page() -> Kept:
        calls.append(1)
        return Kept(200, "text/html", f"page {len(calls)}".encode())

    assert cache.get_or_compute("/stories/a?", page).body == b"page 1"
    assert cache.get_or_compute("/stories/a?", page).body == b"page 1"  # kept
    assert cache.get_or_compute("/stories/b?", page).body == b"page 2"  # another URL
    db.write_bytes(b"two, longer")  # a build wrote into the database
    st = db.stat()
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert cache.get_or_compute("/stories/a?", page).body == b"page 3"


def test_errors_are_not_kept_and_size_is_bounded(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"db")
    cache = ResponseCache(str(db), max_bytes=800)
    n = [0]

    def missing() -> Kept:
        n[0] += 1
        return Kept(404, "text/html", b"no")

    cache.get_or_compute("/x?", missing)
    cache.get_or_compute("/x?", missing)
    assert n[0] == 2
    for i in range(20):
        cache.get_or_compute(f"/s/{i}?", lambda: Kept(200, "text/html", b"x" * 100))
    assert cache._size <= 800
    big = [0]

    def huge() -> Kept:
        big[0] += 1
        return Kept(200, "text/html", b"y" * 200)  # over max_bytes / 8: never kept

    cache.get_or_compute("/big?", huge)
    cache.get_or_compute("/big?", huge)
    assert big[0] == 2


def test_one_computation_for_clients_asking_at_once(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"db")
    cache = ResponseCache(str(db))
    calls = []
    release = threading.Event()

    def slow() -> Kept:
        calls.append(1)
        release.wait(10)
        return Kept(200, "application/json", b"{}")

    got = []
    threads = [threading.Thread(target=lambda: got.append(cache.get_or_compute("/api/stories/a?", slow))) for _ in range(10)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    while not calls and time.monotonic() < deadline:
        time.sleep(0.01)
    release.set()
    for t in threads:
        t.join(10)
    assert len(got) == 10 and all(k.body == b"{}" for k in got)
    assert len(calls) == 1
