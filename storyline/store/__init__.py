"""The SQLite store: one file, WAL, one writer, migrations recorded in the database.

``Store`` is the only code that writes SQL. Writes happen inside
``store.transaction()`` (``BEGIN IMMEDIATE``), so a build killed at any
moment leaves either a whole batch or none of it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..models import Article, Document, Failure, Removed
from .migrations import MIGRATIONS

__all__ = ["Store", "SCHEMA_VERSION"]

SCHEMA_VERSION = len(MIGRATIONS)

_ARTICLE_COLUMNS = [f.name for f in fields(Article)]


class Store:
    """A Storyline database file."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly:
            if not Path(self.path).is_file():
                raise StoreError("E401", path=self.path, detail="the file does not exist; run 'storyline build' first")
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        else:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.conn.row_factory = sqlite3.Row
        try:
            if not readonly:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._check()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError("E401", path=self.path, detail=str(exc)) from None
        if not readonly:
            self.migrate()

    # -- schema ---------------------------------------------------------------------------

    def _check(self) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "migrations" not in tables:
            raise StoreError("E401", path=self.path, detail="it has tables but no 'migrations' table")
        if "migrations" in tables:
            found = self.conn.execute("SELECT count(*) FROM migrations").fetchone()[0]
            if found > SCHEMA_VERSION:
                raise StoreError("E402", path=self.path, found=found, known=SCHEMA_VERSION)

    def migrate(self) -> list[str]:
        """Apply pending migrations, each in its own transaction; return their names."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction() as conn:
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO migrations(name, applied_at) VALUES (?, datetime('now'))", (name,)
                )
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes (call inside transaction()) ------------------------------------------------

    def stage_state(self, article_id: str) -> dict[str, tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT stage, version, input_hash FROM stage_runs WHERE article_id = ?", (article_id,)
        )
        return {r["stage"]: (r["version"], r["input_hash"]) for r in rows}

    def put_document(self, doc: Document, content_hash: str) -> None:
        # the first path an article was seen at is kept: the same article under another
        # path later is the same article
        self.conn.execute(
            """INSERT INTO documents(id, path, format, encoding, content, content_hash, url, source,
                                     title, published, language, no_clean)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT(id) DO UPDATE SET format=excluded.format, encoding=excluded.encoding,
                 content=excluded.content, content_hash=excluded.content_hash, url=excluded.url,
                 source=excluded.source, title=excluded.title, published=excluded.published,
                 language=excluded.language, no_clean=excluded.no_clean""",
            (
                doc.id, doc.path, doc.format, doc.encoding, doc.content, content_hash, doc.url,
                doc.source, doc.title, doc.published, doc.language, int(doc.no_clean),
            ),
        )

    def put_article(self, article: Article) -> None:
        values = _article_row(article)
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        updates = ", ".join(f"{c}=excluded.{c}" for c in values if c not in ("id", "path"))
        self.conn.execute(
            f"INSERT INTO articles({cols}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}",
            list(values.values()),
        )

    def record_run(self, article_id: str, stage: str, version: str, input_hash: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO stage_runs(article_id, stage, version, input_hash) VALUES (?,?,?,?)",
            (article_id, stage, version, input_hash),
        )

    def clear_failures(self, path: str) -> None:
        self.conn.execute("DELETE FROM failures WHERE path = ?", (path,))

    def record_failure(self, failure: Failure) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO failures(path, stage, code, message) VALUES (?,?,?,?)",
            (failure.path, failure.stage, failure.code, failure.message),
        )

    # -- reads -----------------------------------------------------------------------------

    def articles(self, *, order: str = "published, id") -> Iterator[Article]:
        for row in self.conn.execute(f"SELECT * FROM articles ORDER BY {order}"):
            yield _article_from_row(row)

    def article(self, ident: str) -> Article | None:
        """An article by id or unique id prefix (at least 4 characters)."""
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (ident,)).fetchone()
        if row is None and len(ident) >= 4:
            rows = self.conn.execute(
                "SELECT * FROM articles WHERE substr(id, 1, ?) = ? LIMIT 2", (len(ident), ident)
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return _article_from_row(row) if row else None

    def document(self, ident: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (ident,)).fetchone()
        if row is None:
            return None
        return Document(
            id=row["id"], path=row["path"], format=row["format"], content=row["content"],
            encoding=row["encoding"], url=row["url"], source=row["source"], title=row["title"],
            published=row["published"], language=row["language"], no_clean=bool(row["no_clean"]),
        )

    def failures(self) -> Iterator[Failure]:
        for row in self.conn.execute("SELECT * FROM failures ORDER BY path, stage, code"):
            yield Failure(row["path"], row["stage"], row["code"], row["message"])

    def search(self, query: str, *, limit: int = 20) -> list[tuple[str, str | None, str]]:
        rows = self.conn.execute(
            """SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 12)
               FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
               WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?""",
            (query, limit),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def count(self, table: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, tuple(params)).fetchall()


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (triggers contain ';' inside BEGIN…END)."""
    out, buf = [], []
    for line in sql.splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    rest = "\n".join(buf).strip()
    if rest:
        out.append(rest)
    return out


def _article_row(article: Article) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in _ARTICLE_COLUMNS:
        value = getattr(article, name)
        if name == "removed":
            value = json.dumps([r.as_dict() for r in value], ensure_ascii=False)
        values[name] = value
    return values


def _article_from_row(row: sqlite3.Row) -> Article:
    data = {name: row[name] for name in _ARTICLE_COLUMNS}
    data["removed"] = tuple(Removed(**r) for r in json.loads(data["removed"] or "[]"))
    return Article(**data)
