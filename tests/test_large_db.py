"""bench/make_large_db.py writes a database the real commands read (a small one: 200 articles).

No timing is asserted: the load test (bench/bench_serve.py) measures speed; this checks that
its synthetic corpus has the real schema and holds together (stories, events, mentions).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import make_large_db  # noqa: E402

from storyline.store import SCHEMA_VERSION  # noqa: E402


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyline", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_small_synthetic_database_reads_with_the_real_commands(tmp_path: Path) -> None:
    db = tmp_path / "large.db"
    counts = make_large_db.generate(db, 200, seed=3, quiet=True)
    assert counts["articles"] == 200
    assert counts["largest_story"] == 4  # 2 % of the corpus

    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM _migrations").fetchone()[0] == SCHEMA_VERSION
    # every article is in one story; every event mention is linked to an event that exists
    assert conn.execute("SELECT count(*) FROM _story_articles").fetchone()[0] == 200
    assert conn.execute("SELECT count(*) FROM event_mentions m LEFT JOIN events e ON e.id = m.event_id "
                        "WHERE e.id IS NULL").fetchone()[0] == 0
    # offsets point at the words they name
    for text, start, end, word in conn.execute(
        "SELECT a.text, m.start, m.end, m.text FROM mentions m JOIN articles a ON a.id = m.article_id LIMIT 300"
    ):
        assert text[start:end] == word
    for text, start, end, trigger in conn.execute(
        "SELECT a.text, m.trigger_start, m.trigger_end, m.trigger_text FROM event_mentions m "
        "JOIN articles a ON a.id = m.article_id LIMIT 300"
    ):
        assert text[start:end] == trigger
    # every story has its stored summary (storyline/summaries.py), as after a build
    assert conn.execute("SELECT count(*) FROM _story_summaries").fetchone()[0] == counts["stories"] == counts["summaries"]
    # the full-text index was rebuilt and its triggers are back
    assert conn.execute("SELECT count(*) FROM _articles_fts WHERE _articles_fts MATCH 'officials'").fetchone()[0] > 0
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")} >= {
        "articles_ai", "articles_ad", "articles_au"}
    conn.close()

    stats = _cli("stats", "--db", str(db))
    assert stats.returncode == 0, stats.stderr
    assert "200 articles" in stats.stdout
    stories = _cli("stories", "--db", str(db), "--format", "json", "--limit", "0")
    assert stories.returncode == 0, stories.stderr
    records = json.loads(stories.stdout)
    assert sum(r["articles"] for r in records) == 200
    assert records[0]["articles"] == 4 and records[0]["events"] > 0
    timeline = _cli("timeline", "--db", str(db), "--story", records[0]["id"])
    assert timeline.returncode == 0, timeline.stderr
    assert timeline.stdout.strip()
    from storyline import summaries
    from storyline.store import open_store

    with open_store(db, readonly=True) as store:
        assert summaries.current(store)
        keyed = _cli("timeline", "--db", str(db), "--story", records[0]["id"], "--key", "--format", "json")
        assert keyed.returncode == 0, keyed.stderr
        assert json.loads(keyed.stdout) == summaries.stored_key_dates(store, records[0]["id"], 10)


def test_same_seed_same_database(tmp_path: Path) -> None:
    a = make_large_db.generate(tmp_path / "a.db", 50, seed=9, quiet=True, vectors=False)
    b = make_large_db.generate(tmp_path / "b.db", 50, seed=9, quiet=True, vectors=False)
    for counts in (a, b):
        counts.pop("seconds"), counts.pop("summary_seconds")
    assert a == b
    rows = [sqlite3.connect(tmp_path / f"{n}.db").execute("SELECT id, title, text FROM articles ORDER BY id").fetchall()
            for n in "ab"]
    assert rows[0] == rows[1]
