"""The SQLite store: migrations recorded, WAL, FTS with diacritics folded, read-only opening."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.models import Article, Document, Failure, Removed
from storyline.store import SCHEMA_VERSION, Store


def _article(ident: str, text: str, title: str = "A title") -> Article:
    return Article(
        id=ident, path=f"{ident}.txt", format="text", text=text, title=title,
        removed=(Removed("Share this", "share", 0, 10),),
    )


def test_migrations_are_recorded_and_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        assert len(store.migrations()) == SCHEMA_VERSION
        assert store.migrate() == []  # nothing left to apply
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == SCHEMA_VERSION


def test_article_roundtrip_and_fts_folds_diacritics(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        with store.transaction():
            doc = Document(id="a1", path="a1.txt", format="text", content="raw")
            store.put_document(doc, "h")
            store.put_article(_article("a1", "Mevlüt Çavuşoğlu spoke to his counterpart by phone."))
            store.put_document(Document(id="b2", path="b2.txt", format="text", content="raw"), "h")
            store.put_article(_article("b2", "Harbour cranes were repaired."))
        got = store.article("a1")
        assert got is not None and got.removed == (Removed("Share this", "share", 0, 10),)
        assert [hit[0] for hit in store.search("cavusoglu")] == ["a1"]
        assert [hit[0] for hit in store.search("mevlut")] == ["a1"]
        # updating an article keeps the full-text index in step
        with store.transaction():
            store.put_article(_article("a1", "Nothing about ministers any more."))
        assert store.search("cavusoglu") == []
        assert store.article("b2") is not None and store.article("b2x") is None
        assert store.article("b") is None  # prefixes need four characters


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.record_failure(Failure("x.txt", "ingest", "E101", "empty"))
                raise RuntimeError("boom")
        assert list(store.failures()) == []


def test_not_a_database_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"x" * 4096)
    with pytest.raises(StoreError, match="E401"):
        Store(bad)
    with pytest.raises(StoreError, match="E401"):
        Store(tmp_path / "missing.db", readonly=True)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="no 'migrations' table"):
        Store(other)
