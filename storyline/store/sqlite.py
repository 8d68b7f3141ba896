"""The SQLite backend: one file, WAL, one writer, migrations recorded in the database.

The schema (``migrations.py``) has public tables and views with plain names — what a
user opens in SQL or Datasette, documented in docs/cli.md — and internal ones starting
with ``_``. Actors and places are records derived from what each article says about
them (``_article_actors``, ``_article_places``): per field, the value most articles
give, ties to the first in sort order, so a record does not depend on the order the
articles were processed in.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..models import (
    Actor,
    Annotation,
    Article,
    Document,
    Event,
    EventMention,
    Failure,
    Mention,
    Place,
    Removed,
    Resolution,
    Span,
    Story,
    StoryMember,
    TimeExpr,
)
from . import SCHEMA_VERSION, ArticleFacts, ArticleSummary, CorpusDate, Store
from .migrations import MIGRATIONS

__all__ = ["SQLiteStore"]

LOGGER = logging.getLogger(__name__)

_ARTICLE_COLUMNS = [f.name for f in fields(Article)]
_MIGRATIONS_TABLE = "_migrations"  # 'migrations' before 0005

# derived records: (table, key, per-article table, its key column, fields decided by majority)
_ACTORS = ("actors", "_article_actors", "actor_id", ("name", "kind", "country", "sector", "origin"))
_PLACES = ("places", "_article_places", "place_id", ("name", "country", "lat", "lon", "kind", "origin"))

_MENTION_COLUMNS = (
    "sentence, start, end, trigger_start, trigger_end, trigger_text, type, cameo, mode, context, status, "
    "date, date_precision, date_start, date_end, location_id, location_start, location_end, "
    "attribution, attribution_start, attribution_end, confidence, basis, main_clause, past"
)


class SQLiteStore(Store):
    """A Storyline database in one SQLite file."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._stale: dict[str, set[str]] = {"actors": set(), "places": set()}
        self.conn = self._connect(readonly)
        try:
            if readonly:
                found = self._applied()
                if found < SCHEMA_VERSION:
                    self.conn.close()
                    self._upgrade(found)
                    self.conn = self._connect(readonly)
            else:
                self.migrate()
        except BaseException:
            self.conn.close()
            raise

    # -- schema ---------------------------------------------------------------------------

    def _connect(self, readonly: bool) -> sqlite3.Connection:
        """A connection, or a StoreError naming why there is none and the fix.

        A build writes in WAL mode and leaves the file in rollback-journal mode when it
        closes it (``close``), so a reader opens one file and leaves nothing beside it: a
        read-only connection to a WAL file would create ``-wal`` and ``-shm`` files.
        """
        path = Path(self.path)
        if path.is_dir():
            fix = "Point --db at a database file" + (
                "." if readonly else f", e.g. {path / 'storyline.db'}."
            )
            raise StoreError("E406", path=self.path, detail="it is a directory", fix=fix)
        if readonly:
            if not path.exists():
                raise StoreError("E407", path=self.path)
            _leave_wal_at_rest(path)
        elif not path.parent.exists():
            raise StoreError(
                "E406", path=self.path, detail=f"the folder {path.parent} does not exist",
                fix=f"Create the folder first (mkdir -p {path.parent}) or point --db at another place.",
            )
        elif not path.parent.is_dir():
            raise StoreError(
                "E406", path=self.path, detail=f"{path.parent} is a file, not a folder",
                fix="Point --db at a file in a folder.",
            )
        try:
            if readonly:
                conn = _connect_ro(path)
            else:
                conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            if _cannot_open(exc):
                raise self._unopenable(exc, readonly) from None
            raise StoreError("E401", path=self.path, detail=str(exc)) from None
        conn.row_factory = sqlite3.Row
        try:
            if not readonly:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._check(conn, readonly)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if _cannot_open(exc):
                raise self._unopenable(exc, readonly) from None
            raise StoreError("E401", path=self.path, detail=str(exc)) from None
        except StoreError:
            conn.close()
            raise
        return conn

    def _unopenable(self, exc: sqlite3.Error, readonly: bool) -> StoreError:
        """E406 for a file SQLite cannot open or write, with the system's reason when it has one."""
        detail = _os_reason(Path(self.path), readonly) or str(exc)
        if readonly:
            fix = "Make the file readable, or point --db at a copy you can read."
        else:
            fix = "Point --db at a place you can write to (copy the database there to add to it)."
        return StoreError("E406", path=self.path, detail=detail, fix=fix)

    def _check(self, conn: sqlite3.Connection, readonly: bool) -> None:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if readonly and not tables:
            raise StoreError("E401", path=self.path, detail="it is empty; run 'storyline build' first")
        known = tables & {_MIGRATIONS_TABLE, "migrations"}
        if tables and not known:
            raise StoreError("E401", path=self.path, detail="it has tables but no 'migrations' table")
        if known:
            found = conn.execute(f"SELECT count(*) FROM {known.pop()}").fetchone()[0]
            if found > SCHEMA_VERSION:
                raise StoreError("E402", path=self.path, found=found, known=SCHEMA_VERSION)

    def _applied(self) -> int:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        table = next((t for t in (_MIGRATIONS_TABLE, "migrations") if t in tables), None)
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] if table else 0

    def _upgrade(self, found: int) -> None:
        """A database from an older Storyline, opened to read: migrate it first."""
        LOGGER.info("%s: upgrading the schema from %d to %d migrations", self.path, found, SCHEMA_VERSION)
        try:
            SQLiteStore(self.path).close()
        except StoreError as exc:
            raise StoreError("E405", path=self.path, found=found, known=SCHEMA_VERSION, detail=exc.message) from None

    def migrate(self) -> list[str]:
        """Apply pending migrations, each in its own transaction; return their names."""
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "migrations" in tables and _MIGRATIONS_TABLE not in tables:
            self.conn.execute(f"ALTER TABLE migrations RENAME TO {_MIGRATIONS_TABLE}")
        self.conn.execute(
            f"CREATE TABLE IF NOT EXISTS {_MIGRATIONS_TABLE} (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute(f"SELECT name FROM {_MIGRATIONS_TABLE}")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute(
                    f"INSERT INTO {_MIGRATIONS_TABLE}(name, applied_at) VALUES (?, datetime('now'))", (name,)
                )
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute(f"SELECT name FROM {_MIGRATIONS_TABLE} ORDER BY name")]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        try:
            yield
            self._derive_records()
        except BaseException as exc:
            self.conn.execute("ROLLBACK")
            for ids in self._stale.values():
                ids.clear()
            if isinstance(exc, sqlite3.Error):
                raise self._error(exc) from exc
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()
        if not self.readonly:
            # leave one file: readers then open it without creating -wal and -shm beside it
            # (while another connection has it open, it stays in WAL mode until the next build)
            _leave_wal_at_rest(Path(self.path))

    def _error(self, exc: sqlite3.Error) -> StoreError:
        if _cannot_open(exc):
            return self._unopenable(exc, self.readonly)
        return StoreError("E404", path=self.path, detail=f"{type(exc).__name__}: {exc}")

    # -- the build's bookkeeping ------------------------------------------------------------

    def stage_state(self, article_id: str) -> dict[str, tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT stage, version, input_hash FROM _stage_runs WHERE article_id = ?", (article_id,)
        )
        return {r["stage"]: (r["version"], r["input_hash"]) for r in rows}

    def record_run(self, article_id: str, stage: str, version: str, input_hash: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO _stage_runs(article_id, stage, version, input_hash) VALUES (?,?,?,?)",
            (article_id, stage, version, input_hash),
        )

    def corpus_state(self, stage: str) -> tuple[str, str] | None:
        row = self.conn.execute("SELECT version, input_hash FROM _corpus_runs WHERE stage = ?", (stage,)).fetchone()
        return (row[0], row[1]) if row else None

    def event_mentions_state(self) -> str:
        # computed when asked, from the rows themselves (the build's runner uses the stage runs
        # instead: records_state); the link each row carries is output, not input
        h = hashlib.sha1()
        for row in self.conn.execute(
            f"SELECT article_id, idx, {_MENTION_COLUMNS} FROM event_mentions ORDER BY article_id, idx"
        ):
            h.update(repr(tuple(row)).encode())
        for row in self.conn.execute(
            "SELECT * FROM event_mention_actors ORDER BY article_id, idx, role, position"
        ):
            h.update(repr(tuple(row)).encode())
        return h.hexdigest()

    def clear_failures(self, path: str) -> None:
        self.conn.execute("DELETE FROM failures WHERE path = ?", (path,))

    def record_failure(self, failure: Failure) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO failures(path, stage, code, message) VALUES (?,?,?,?)",
            (failure.path, failure.stage, failure.code, failure.message),
        )

    def failures(self) -> Iterator[Failure]:
        for row in self.conn.execute("SELECT * FROM failures ORDER BY path, stage, code"):
            yield Failure(row["path"], row["stage"], row["code"], row["message"])

    # -- documents and articles -------------------------------------------------------------

    def put_document(self, doc: Document, content_hash: str) -> None:
        # the first path an article was seen at is kept: the same article under another
        # path later is the same article
        self.conn.execute(
            """INSERT INTO _documents(id, path, format, encoding, content, content_hash, url, source,
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

    def document(self, ident: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM _documents WHERE id = ?", (ident,)).fetchone()
        if row is None:
            return None
        return Document(
            id=row["id"], path=row["path"], format=row["format"], content=row["content"],
            encoding=row["encoding"], url=row["url"], source=row["source"], title=row["title"],
            published=row["published"], language=row["language"], no_clean=bool(row["no_clean"]),
        )

    def document_hash(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM _documents WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def put_article(self, article: Article) -> None:
        values = _article_row(article)
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        updates = ", ".join(f"{c}=excluded.{c}" for c in values if c not in ("id", "path"))
        self.conn.execute(
            f"INSERT INTO articles({cols}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}",
            list(values.values()),
        )

    def articles(self, *, own: bool = False, ids: Iterable[str] | None = None) -> Iterator[Article]:
        table = "articles" if own else "articles_view"
        where, params = _in("id", ids)
        for row in self.conn.execute(f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM {table}{where} ORDER BY published, id", params):
            yield _article_from_row(row)

    def article(self, ident: str, *, own: bool = False) -> Article | None:
        table = "articles" if own else "articles_view"
        select = f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM {table}"
        row = self.conn.execute(select + " WHERE id = ?", (ident,)).fetchone()
        if row is None and len(ident) >= 4 and not own:
            rows = self.conn.execute(select + " WHERE substr(id, 1, ?) = ? LIMIT 2", (len(ident), ident)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return _article_from_row(row) if row else None

    def article_summaries(self, prefix: str | None = None, *, ids: Iterable[str] | None = None) -> Iterator[ArticleSummary]:
        where, params = _in("id", ids)
        if prefix is not None:
            where = (where + " AND" if where else " WHERE") + " substr(id, 1, ?) = ? COLLATE NOCASE"
            params = (*params, len(prefix), prefix)
        for r in self.conn.execute(
            "SELECT id, published, published_precision, published_source, source, language, title, path "
            f"FROM articles_view{where} ORDER BY published IS NULL, published, id", params
        ):
            yield ArticleSummary(*r)

    def article_facts(self) -> Iterator[ArticleFacts]:
        for r in self.conn.execute(
            "SELECT id, language, source, published, published_source, words, removed_blocks FROM articles_view ORDER BY id"
        ):
            yield ArticleFacts(*r)

    # -- annotate ---------------------------------------------------------------------------

    def put_annotation(self, ann: Annotation) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO _annotations(article_id, analysis, sentences, spans) VALUES (?,?,?,?)",
            (
                ann.article_id, ann.analysis, json.dumps([list(s) for s in ann.sentences]),
                json.dumps([[sp.start, sp.end, sp.text, sp.label, sp.source, sp.hint] for sp in ann.spans], ensure_ascii=False),
            ),
        )
        self.conn.execute(
            "INSERT OR REPLACE INTO _parses(article_id, sentences, times, data) VALUES (?,?,?,?)",
            (ann.article_id, json.dumps(list(ann.parsed)),
             json.dumps([[t.text, t.start, t.end, t.type, t.value, t.anchor] for t in ann.times], ensure_ascii=False),
             ann.parses),
        )

    def annotation(self, article_id: str) -> Annotation | None:
        row = self.conn.execute("SELECT * FROM _annotations WHERE article_id = ?", (article_id,)).fetchone()
        parse = self.conn.execute("SELECT sentences, times, data FROM _parses WHERE article_id = ?", (article_id,)).fetchone()
        if row is None or parse is None:
            return None  # (annotated before parses were stored: annotate again)
        return Annotation(
            article_id=article_id,
            analysis=row["analysis"],
            sentences=tuple(tuple(s) for s in json.loads(row["sentences"])),  # type: ignore[misc]
            spans=tuple(Span(*sp) for sp in json.loads(row["spans"])),
            times=tuple(TimeExpr(*t) for t in json.loads(parse[1])),
            parsed=tuple(json.loads(parse[0])),
            parses=bytes(parse[2] or b""),
        )

    def sentences(self, article_ids: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
        where, params = _in("n.article_id", article_ids)
        rows = self.conn.execute(
            f"SELECT n.article_id, n.sentences FROM _annotations n{where} "
            "AND EXISTS (SELECT 1 FROM _parses p WHERE p.article_id = n.article_id)", params
        )
        return {r[0]: [tuple(x) for x in json.loads(r[1])] for r in rows}

    def put_times(self, article_id: str, times: Iterable[TimeExpr]) -> None:
        self.conn.execute("DELETE FROM times WHERE article_id = ?", (article_id,))
        self.conn.executemany(
            "INSERT OR REPLACE INTO times(article_id, start, end, text, type, value, anchor) VALUES (?,?,?,?,?,?,?)",
            [(article_id, t.start, t.end, t.text, t.type, t.value, t.anchor) for t in times],
        )

    # -- records by name (the stage runner's view, registry.RECORDS) ----------------------------

    def put_record(self, record: str, article_id: str, value: Any) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO _records(article_id, record, data) VALUES (?,?,?)",
            (article_id, record, json.dumps(_record_json(value), ensure_ascii=False)),
        )

    def get_record(self, record: str, article_id: str) -> Any:
        row = self.conn.execute(
            "SELECT data FROM _records WHERE article_id = ? AND record = ?", (article_id, record)
        ).fetchone()
        return _record_from_json(record, json.loads(row[0])) if row else None

    def has_run(self, article_id: str, stage: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM _stage_runs WHERE article_id = ? AND stage = ?", (article_id, stage)
        ).fetchone() is not None

    def records_state(self, stage: str, scope: str) -> str:
        if scope == "corpus":
            return repr(self.corpus_state(stage))
        h = hashlib.sha1()
        for r in self.conn.execute(
            "SELECT article_id, version, input_hash FROM _stage_runs WHERE stage = ? ORDER BY article_id", (stage,)
        ):
            h.update(f"{r[0]}|{r[1]}|{r[2]};".encode())
        return h.hexdigest()

    def record_corpus_run(self, stage: str, version: str, input_hash: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO _corpus_runs(stage, version, input_hash) VALUES (?,?,?)", (stage, version, input_hash)
        )

    def analyses(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT article_id, analysis FROM _annotations")}

    def times(self, article_id: str | None = None) -> Iterator[TimeExpr]:
        sql = "SELECT * FROM times" + (" WHERE article_id = ?" if article_id else "") + " ORDER BY article_id, start"
        for r in self.conn.execute(sql, (article_id,) if article_id else ()):
            yield _time(r)

    def times_by_article(self, ids: Iterable[str] | None = None) -> Iterator[tuple[str, TimeExpr]]:
        where, params = _in("article_id", ids)
        for r in self.conn.execute(f"SELECT * FROM times{where} ORDER BY article_id, start", params):
            yield r["article_id"], _time(r)

    def days_named(self, ids: Iterable[str] | None = None) -> dict[str, list[str]]:
        where, params = _in("article_id", ids)
        day = "type = 'DATE' AND value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
        where = f"{where} AND {day}" if where else f" WHERE {day}"
        out: dict[str, list[str]] = {}
        for aid, value in self.conn.execute(
                f"SELECT DISTINCT article_id, value FROM times{where} ORDER BY article_id, value", params):
            out.setdefault(aid, []).append(value)
        return out

    # -- resolve ----------------------------------------------------------------------------

    def put_resolution(self, res: Resolution) -> None:
        aid = res.article_id
        self.conn.execute("DELETE FROM mentions WHERE article_id = ?", (aid,))
        self.conn.executemany(
            "INSERT OR REPLACE INTO mentions(article_id, start, end, text, kind, entity_id, sentence, via, role) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            [(m.article_id, m.start, m.end, m.text, m.kind, m.entity_id, m.sentence, m.via, m.role) for m in res.mentions],
        )
        # what this article says about each actor and place; the records are derived from
        # every article's descriptions when the transaction commits (_derive_records)
        for (table, source, key, columns), records in ((_ACTORS, res.actors), (_PLACES, res.places)):
            stale = self._stale[table]
            stale.update(r[0] for r in self.conn.execute(f"SELECT {key} FROM {source} WHERE article_id = ?", (aid,)))
            self.conn.execute(f"DELETE FROM {source} WHERE article_id = ?", (aid,))
            self.conn.executemany(
                f"INSERT OR IGNORE INTO {source}(article_id, {key}, {', '.join(columns)}) "
                f"VALUES ({', '.join('?' * (len(columns) + 2))})",
                [(aid, r.id, *(getattr(r, c) for c in columns)) for r in records],
            )
            stale.update(r.id for r in records)
        if not self.conn.in_transaction:
            self._derive_records()

    def _derive_records(self) -> None:
        """Write the actor and place records whose articles' descriptions changed: per field,
        the value most articles give (an article that does not know it has no vote), ties
        to the first in sort order; a record no article describes any more goes."""
        for table, source, key, columns in (_ACTORS, _PLACES):
            stale = self._stale[table]
            for ident in sorted(stale):
                values = []
                for col in columns:
                    row = self.conn.execute(
                        f"SELECT {col} FROM {source} WHERE {key} = ? AND {col} IS NOT NULL "
                        f"GROUP BY {col} ORDER BY count(*) DESC, {col} LIMIT 1",
                        (ident,),
                    ).fetchone()
                    values.append(row[0] if row else None)
                if values[0] is None:  # no article describes it (name is never null)
                    self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (ident,))
                    continue
                names = ", ".join(columns)
                marks = ", ".join("?" for _ in columns)
                updates = ", ".join(f"{c}=excluded.{c}" for c in columns)
                self.conn.execute(
                    f"INSERT INTO {table}(id, {names}) VALUES (?, {marks}) ON CONFLICT(id) DO UPDATE SET {updates}",
                    (ident, *values),
                )
            stale.clear()

    def resolution(self, article_id: str) -> Resolution | None:
        if not self.has_run(article_id, "anchor"):
            return None
        actors = tuple(
            Actor(r["actor_id"], r["name"], r["kind"], r["country"], r["sector"], r["origin"])
            for r in self.conn.execute("SELECT * FROM _article_actors WHERE article_id = ? ORDER BY actor_id", (article_id,))
        )
        places = tuple(
            Place(r["place_id"], r["name"], r["country"], r["lat"], r["lon"], r["kind"], r["origin"])
            for r in self.conn.execute("SELECT * FROM _article_places WHERE article_id = ? ORDER BY place_id", (article_id,))
        )
        return Resolution(article_id, tuple(self.mentions(article_id)), actors, places)

    def mentions(self, article_id: str | None = None) -> list[Mention]:
        sql = "SELECT * FROM mentions" + (" WHERE article_id = ?" if article_id else "") + " ORDER BY article_id, start, kind"
        return [
            Mention(r["article_id"], r["start"], r["end"], r["text"], r["kind"], r["entity_id"], r["sentence"], r["via"], r["role"])
            for r in self.conn.execute(sql, (article_id,) if article_id else ())
        ]

    def actors(self, ids: Iterable[str] | None = None) -> list[tuple[Actor, int, list[str]]]:
        where, params = _in("id", ids, prefix=" AND")
        rows = self.conn.execute(
            "SELECT id, name, kind, country, sector, origin, mentions, aliases FROM actors_view "
            f"WHERE mentions > 0{where} ORDER BY mentions DESC, id", params
        )
        return [
            (Actor(r["id"], r["name"], r["kind"], r["country"], r["sector"], r["origin"]), r["mentions"], sorted(json.loads(r["aliases"])))
            for r in rows
        ]

    def places(self, ids: Iterable[str] | None = None) -> list[tuple[Place, int, list[str]]]:
        where, params = _in("id", ids, prefix=" AND")
        rows = self.conn.execute(
            "SELECT id, name, country, lat, lon, kind, origin, mentions, aliases FROM places_view "
            f"WHERE mentions > 0{where} ORDER BY mentions DESC, id", params
        )
        return [
            (Place(r["id"], r["name"], r["country"], r["lat"], r["lon"], r["kind"], r["origin"]), r["mentions"], sorted(json.loads(r["aliases"])))
            for r in rows
        ]

    # -- code -------------------------------------------------------------------------------

    def put_event_mentions(self, article_id: str, events: Iterable[EventMention]) -> None:
        events = list(events)
        # a mention keeps its link by (article, index) until the link stage runs again, which
        # it does whenever the mentions changed
        linked = dict(self.conn.execute(
            "SELECT idx, event_id FROM event_mentions WHERE article_id = ? AND event_id IS NOT NULL", (article_id,)
        ).fetchall())
        self.conn.execute("DELETE FROM event_mention_actors WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM event_mentions WHERE article_id = ?", (article_id,))
        marks = ", ".join("?" for _ in range(_MENTION_COLUMNS.count(",") + 1))
        self.conn.executemany(
            f"INSERT INTO event_mentions(article_id, idx, event_id, {_MENTION_COLUMNS}) VALUES (?, ?, ?, {marks})",
            [(article_id, i, linked.get(i), *_mention_row(e)) for i, e in enumerate(events)],
        )
        self.conn.executemany(
            "INSERT INTO event_mention_actors(article_id, idx, role, position, actor_id, start, end) VALUES (?,?,?,?,?,?,?)",
            [
                (article_id, i, role, pos, actor_id, *(spans[pos] if pos < len(spans) else (None, None)))
                for i, e in enumerate(events)
                for role, ids, spans in (("source", e.source, e.source_spans), ("target", e.target, e.target_spans))
                for pos, actor_id in enumerate(ids)
            ],
        )

    def event_mentions(self, article_id: str | None = None) -> list[tuple[int, EventMention]]:
        where, params = (" WHERE article_id = ?", (article_id,)) if article_id else ("", ())
        actors = self._mention_actors(where, params)
        rows = self.conn.execute(
            f"SELECT article_id, idx, {_MENTION_COLUMNS} FROM event_mentions{where} ORDER BY article_id, idx", params
        )
        return [(r["idx"], _event_mention(r, actors)) for r in rows]

    def _mention_actors(self, where: str, params: tuple[Any, ...]) -> dict[tuple[str, int], dict[str, list[tuple[str, Any, Any]]]]:
        out: dict[tuple[str, int], dict[str, list[tuple[str, Any, Any]]]] = {}
        for r in self.conn.execute(
            f"SELECT article_id, idx, role, actor_id, start, end FROM event_mention_actors{where} "
            "ORDER BY article_id, idx, role, position",
            params,
        ):
            out.setdefault((r[0], r[1]), {}).setdefault(r[2], []).append((r[3], r[4], r[5]))
        return out

    # -- corpus stages ----------------------------------------------------------------------

    def corpus_dates(self) -> dict[str, CorpusDate]:
        return {
            r[0]: (r[1], r[2], r[3], r[4], json.loads(r[5]))
            for r in self.conn.execute("SELECT article_id, published, precision, earliest, latest, basis FROM _corpus_dates")
        }

    def corpus_date(self, article_id: str) -> CorpusDate | None:
        r = self.conn.execute(
            "SELECT article_id, published, precision, earliest, latest, basis FROM _corpus_dates WHERE article_id = ?",
            (article_id,),
        ).fetchone()
        return (r[1], r[2], r[3], r[4], json.loads(r[5])) if r else None

    def replace_corpus_dates(self, dates: dict[str, CorpusDate]) -> None:
        self.conn.execute("DELETE FROM _corpus_dates")
        self.conn.executemany(
            "INSERT INTO _corpus_dates(article_id, published, precision, earliest, latest, basis) VALUES (?,?,?,?,?,?)",
            [(k, *v[:4], json.dumps(v[4], ensure_ascii=False)) for k, v in dates.items()],
        )

    def replace_events(self, events: Iterable[Event], links: Iterable[tuple[str, str, int]]) -> None:
        events = list(events)
        self.conn.execute("UPDATE event_mentions SET event_id = NULL WHERE event_id IS NOT NULL")
        self.conn.execute("DELETE FROM event_actors")
        self.conn.execute("DELETE FROM events")
        self.conn.executemany(
            "INSERT INTO events(id, type, cameo, mode, context, status, date, date_precision, location_id, "
            "attribution, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (e.id, e.type, e.cameo, e.mode, e.context, e.status, e.date, e.date_precision, e.location,
                 e.attribution, e.confidence)
                for e in events
            ],
        )
        self.conn.executemany(
            "INSERT INTO event_actors(event_id, role, position, actor_id) VALUES (?,?,?,?)",
            [
                (e.id, role, pos, actor_id)
                for e in events
                for role, ids in (("source", e.source), ("target", e.target))
                for pos, actor_id in enumerate(ids)
            ],
        )
        self.conn.executemany(
            "UPDATE event_mentions SET event_id = ? WHERE article_id = ? AND idx = ?", list(links)
        )

    def story_members(self) -> list[StoryMember]:
        return [
            StoryMember(r["article_id"], r["story_id"], r["seq"], r["score"], r["model"], bytes(r["vector"]))
            for r in self.conn.execute("SELECT * FROM _story_articles ORDER BY seq, article_id")
        ]

    def add_story_members(self, members: Iterable[StoryMember]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO _story_articles(article_id, story_id, seq, score, model, vector) VALUES (?,?,?,?,?,?)",
            [(m.article_id, m.story_id, m.seq, m.score, m.model, m.vector) for m in members],
        )

    def put_story_labels(self, labels: dict[str, tuple[str, str | None, str | None]]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO _stories(id, central_article_id, title, summary) VALUES (?,?,?,?)",
            [(sid, *label) for sid, label in labels.items()],
        )

    def clear_stories(self) -> None:
        self.conn.execute("DELETE FROM _story_articles")
        self.conn.execute("DELETE FROM _stories")

    def stories(self, story_id: str | None = None) -> list[Story]:
        if story_id is None:
            return self._stories(None)
        # one story (the web view, --story): the whole ids the id or prefix names first, then
        # each story by "= id", which SQLite answers by index, also through story_events_view
        # (a LIKE or a correlated id there makes it build the view for every story: ~1 s and
        # more on 100,000 articles)
        ids = [r[0] for r in self.conn.execute("SELECT id FROM _stories WHERE id = ?", (story_id,))] or [
            r[0] for r in self.conn.execute("SELECT id FROM _stories WHERE id LIKE ? || '%'", (story_id,))
        ]
        out = [s for sid in ids for s in self._stories(sid)]
        return sorted(out, key=lambda s: (-len(s.article_ids), s.start or "9999", s.id))

    def _stories(self, story_id: str | None) -> list[Story]:
        where, params = ("", ()) if story_id is None else (" WHERE id = ?", (story_id,))
        scope = "" if story_id is None else " WHERE story_id = ?"
        members: dict[str, list[str]] = {}
        for r in self.conn.execute(f"SELECT story_id, article_id FROM _story_articles{scope} ORDER BY seq, article_id", params):
            members.setdefault(r[0], []).append(r[1])
        events: dict[str, list[str]] = {}
        for r in self.conn.execute(f"SELECT story_id, event_id FROM story_events_view{scope} ORDER BY event_id", params):
            events.setdefault(r[0], []).append(r[1])
        if story_id is None:
            return self._all_stories(members, events)
        out = []
        for r in self.conn.execute(
            # not the view's "events" count (events come from story_events_view above): counting
            # them reads the event links of every story, seconds on a large corpus
            f'SELECT id, title, summary, central_article_id, start, "end", articles, languages, outlets FROM stories_view{where} '
            "ORDER BY articles DESC, coalesce(start, '9999'), id", params
        ):
            out.append(Story(
                id=r["id"], title=r["title"], summary=r["summary"], central_article_id=r["central_article_id"],
                start=r["start"], end=r["end"], article_ids=tuple(members.get(r["id"], ())),
                event_ids=tuple(events.get(r["id"], ())), languages=tuple(json.loads(r["languages"])),
                outlets=tuple(json.loads(r["outlets"])),
            ))
        return out

    def _all_stories(self, members: dict[str, list[str]], events: dict[str, list[str]]) -> list[Story]:
        """Every story with stories_view's values, from one pass over the members' articles:
        stories_view computes six subqueries per story, ~50 s for 23,000 stories of 100,000
        articles; this takes a few seconds."""
        dates: dict[str, list[str]] = {}
        languages: dict[str, set[str]] = {}
        outlets: dict[str, set[str]] = {}
        for sid, published, language, source in self.conn.execute(
            "SELECT story_id, published, language, source FROM story_articles_view"
        ):
            if published is not None:
                dates.setdefault(sid, []).append(published)
            if language is not None:
                languages.setdefault(sid, set()).add(language)
            if source is not None:
                outlets.setdefault(sid, set()).add(source)
        out = []
        for r in self.conn.execute("SELECT id, title, summary, central_article_id FROM _stories"):
            sid = r[0]
            days = dates.get(sid)
            out.append(Story(
                id=sid, title=r[1], summary=r[2], central_article_id=r[3],
                start=min(days) if days else None, end=max(days) if days else None,
                article_ids=tuple(members.get(sid, ())), event_ids=tuple(events.get(sid, ())),
                languages=tuple(sorted(languages.get(sid, ()))), outlets=tuple(sorted(outlets.get(sid, ()))),
            ))
        return sorted(out, key=lambda s: (-len(s.article_ids), s.start or "9999", s.id))

    def events(self, ids: Iterable[str] | None = None) -> list[Event]:
        only, params = _in("event_id", ids, prefix=" AND")
        where = " WHERE event_id IS NOT NULL" + only
        actors = self._mention_actors(
            f" WHERE (article_id, idx) IN (SELECT article_id, idx FROM event_mentions{where})", params
        )
        mentions: dict[str, list[EventMention]] = {}
        for r in self.conn.execute(
            f"SELECT event_id, article_id, idx, {_MENTION_COLUMNS} FROM event_mentions{where} ORDER BY article_id, idx", params
        ):
            mentions.setdefault(r["event_id"], []).append(_event_mention(r, actors))
        roles: dict[str, dict[str, list[str]]] = {}
        for event_id, role, actor_id in self.conn.execute(
            f"SELECT event_id, role, actor_id FROM event_actors{_in('event_id', ids)[0]} ORDER BY event_id, role, position", params
        ):
            roles.setdefault(event_id, {}).setdefault(role, []).append(actor_id)
        out = []
        for r in self.conn.execute(f"SELECT * FROM events{_in('id', ids)[0]} ORDER BY coalesce(date, '9999'), id", params):
            ids = roles.get(r["id"], {})
            out.append(Event(
                id=r["id"], type=r["type"], cameo=r["cameo"], mode=r["mode"], context=r["context"],
                status=r["status"], date=r["date"], date_precision=r["date_precision"],
                source=tuple(ids.get("source", ())), target=tuple(ids.get("target", ())),
                location=r["location_id"], attribution=r["attribution"], confidence=r["confidence"],
                mentions=tuple(mentions.get(r["id"], ())),
            ))
        return out

    # -- search -----------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20) -> list[tuple[str, str | None, str]]:
        try:
            rows = self.conn.execute(
                """SELECT a.id, a.title, snippet(_articles_fts, 1, '[', ']', '…', 12)
                   FROM _articles_fts JOIN articles a ON a.rowid = _articles_fts.rowid
                   WHERE _articles_fts MATCH ? ORDER BY rank LIMIT ?""",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError("E403", query=query, detail=f"{exc}; quote words and phrases: '\"al-jufra\" AND \"joint statement\"'") from None
        return [(r[0], r[1], r[2]) for r in rows]

    def search_ids(self, query: str) -> list[str]:
        try:
            rows = self.conn.execute(
                """SELECT a.id FROM _articles_fts JOIN articles a ON a.rowid = _articles_fts.rowid
                   WHERE _articles_fts MATCH ? ORDER BY rank""",
                (query,),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError("E403", query=query, detail=f"{exc}; quote words and phrases: '\"al-jufra\" AND \"joint statement\"'") from None
        return [r[0] for r in rows]

    # -- story summaries (storyline/summaries.py; migration 0016) ----------------------------

    def story_input_digests(self, salt: str) -> dict[str, str]:
        """story id -> a digest of what its summary reads: ``salt`` (the summary code's
        fingerprint), its articles in placing order with their stage runs and corpus date,
        and its events' rows (the event, its actors, its mention links). From the tables, in
        a few passes: seconds for 100,000 articles."""
        def digests(sql: str) -> dict[str, str]:
            out: dict[str, Any] = {}
            for r in self.conn.execute(sql):
                h = out.get(r[0])
                if h is None:
                    h = out[r[0]] = hashlib.sha1()
                h.update(repr(tuple(r[1:])).encode())
                h.update(b";")
            return {k: h.hexdigest() for k, h in out.items()}

        runs = digests("SELECT article_id, stage, version, input_hash FROM _stage_runs ORDER BY article_id, stage")
        dated = digests("SELECT * FROM _corpus_dates ORDER BY article_id")
        ev = digests("SELECT * FROM events ORDER BY id")
        actors = digests("SELECT event_id, role, position, actor_id FROM event_actors ORDER BY event_id, role, position")
        links = digests("SELECT event_id, article_id, idx FROM event_mentions WHERE event_id IS NOT NULL "
                        "ORDER BY event_id, article_id, idx")
        stories: dict[str, Any] = {}
        for sid, aid in self.conn.execute("SELECT story_id, article_id FROM _story_articles ORDER BY story_id, seq, article_id"):
            h = stories.get(sid)
            if h is None:
                h = stories[sid] = hashlib.sha1(salt.encode())
            h.update(f"a|{aid}|{runs.get(aid, '')}|{dated.get(aid, '')};".encode())
        for sid, eid in self.conn.execute(
            "SELECT DISTINCT s.story_id, m.event_id FROM _story_articles s JOIN event_mentions m ON m.article_id = s.article_id "
            "WHERE m.event_id IS NOT NULL ORDER BY s.story_id, m.event_id"
        ):
            stories[sid].update(f"e|{eid}|{ev.get(eid, '')}|{actors.get(eid, '')}|{links.get(eid, '')};".encode())
        return {sid: h.hexdigest() for sid, h in stories.items()}

    def story_summary_stamps(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT story_id, stamp FROM _story_summaries")}

    def put_story_summaries(self, rows: Iterable[tuple[Any, ...]], *, delete: Iterable[str] = ()) -> None:
        """Write summaries, rows of (story id, stamp, articles, start, end, languages JSON, data
        JSON), and delete those of ``delete``."""
        gone = [(sid,) for sid in delete]
        self.conn.executemany("DELETE FROM _story_summaries WHERE story_id = ?", gone)
        self.conn.executemany("DELETE FROM _story_summary_data WHERE story_id = ?", gone)
        rows = list(rows)
        self.conn.executemany(
            'INSERT OR REPLACE INTO _story_summaries(story_id, stamp, articles, start, "end", languages) VALUES (?,?,?,?,?,?)',
            [r[:6] for r in rows],
        )
        self.conn.executemany("INSERT OR REPLACE INTO _story_summary_data(story_id, data) VALUES (?,?)",
                              [(r[0], r[6]) for r in rows])

    def put_story_summary_state(self, state: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO _story_summary_state(id, state) VALUES (1, ?)", (state,))

    def story_summary_state(self) -> str | None:
        row = self.conn.execute("SELECT state FROM _story_summary_state WHERE id = 1").fetchone()
        return row[0] if row else None

    def story_member_mark(self) -> tuple[int, int]:
        """(how many articles are placed in stories, the last placing's number)."""
        row = self.conn.execute("SELECT count(*), coalesce(max(seq), 0) FROM _story_articles").fetchone()
        return int(row[0]), int(row[1])

    def story_summary(self, story_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT data FROM _story_summary_data WHERE story_id = ?", (story_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def story_summary_records(self, story_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The stored ``storyline stories`` records of these stories (the ``record`` of their
        summaries; SQLite cuts it out of the JSON)."""
        where, params = _in("story_id", story_ids)
        rows = self.conn.execute(f"SELECT story_id, json_extract(data, '$.record') FROM _story_summary_data{where}", params)
        return {r[0]: json.loads(r[1]) for r in rows}

    def story_ids_of(self, *, event_ids: Iterable[str] = (), article_ids: Iterable[str] = ()) -> set[str]:
        """The stories whose articles report one of ``event_ids`` or are one of ``article_ids``
        (by index)."""
        out = set()
        for i, ids in enumerate((event_ids, article_ids)):
            ids = sorted(set(ids))
            if not ids:
                continue
            sql = ("SELECT DISTINCT s.story_id FROM event_mentions m JOIN _story_articles s ON s.article_id = m.article_id "
                   "WHERE m.event_id IN (SELECT value FROM json_each(?))") if i == 0 else (
                   "SELECT DISTINCT story_id FROM _story_articles WHERE article_id IN (SELECT value FROM json_each(?))")
            out |= {r[0] for r in self.conn.execute(sql, (json.dumps(ids),))}
        return out

    def event_ids_near_country(self, iso3: str) -> list[str]:
        """The linked events that may have an actor of this country (its id, a sector of it,
        an actor whose country it is) or be located in it: every event an event record would
        give that country, and maybe a few more (the caller checks the records)."""
        rows = self.conn.execute(
            "SELECT x.event_id FROM event_actors x WHERE x.actor_id = ?1 OR x.actor_id LIKE ?1 || '-%' "
            "OR x.actor_id IN (SELECT id FROM actors WHERE country = ?1) "
            "UNION SELECT e.id FROM events e WHERE e.location_id IN (SELECT id FROM places WHERE country = ?1)", (iso3,)
        )
        return sorted({r[0] for r in rows})

    def story_summary_page(
        self, *, languages: Iterable[str] | None = None, since: str | None = None, until: str | None = None,
        ids: Iterable[str] | None = None, limit: int | None = None, offset: int = 0,
    ) -> tuple[list[str], int]:
        """The ids of a page of the stories whose summary row matches (a language among
        ``languages``, lower-case, a tag's primary part matching too; a span overlapping
        ``since``..``until``, each compared on its own length as the index does; one of
        ``ids``), most
        articles first, then earliest start, then id (``storyline stories``' order); and how
        many match."""
        where, params = ["1"], []
        if ids is not None:
            where.append("story_id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(set(ids))))
        if languages is not None:
            where.append("EXISTS (SELECT 1 FROM json_each(languages) j, json_each(?) w "
                         "WHERE j.value = w.value OR (instr(w.value, '-') = 0 AND substr(j.value, 1, length(w.value) + 1) = w.value || '-'))")
            params.append(json.dumps(sorted(set(languages))))
        if since is not None:
            where.append('start IS NOT NULL AND coalesce("end", start) >= substr(?, 1, length(coalesce("end", start)))')
            params.append(since)
        if until is not None:
            where.append("start IS NOT NULL AND substr(start, 1, length(?)) <= ?")
            params += [until, until]
        cond = " AND ".join(where)
        total = self.conn.execute(f"SELECT count(*) FROM _story_summaries WHERE {cond}", params).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT story_id FROM _story_summaries WHERE {cond} ORDER BY articles DESC, coalesce(start, '9999'), story_id "
            "LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],
        )
        return [r[0] for r in rows], total

    def story_sizes(self, *, limit: int | None = None, offset: int = 0) -> tuple[list[tuple[str, int]], int]:
        rows = self.conn.execute(
            "SELECT story_id, count(*) AS n FROM _story_articles GROUP BY story_id ORDER BY n DESC, story_id "
            "LIMIT ? OFFSET ?", (-1 if limit is None else limit, offset)
        ).fetchall()
        total = self.conn.execute("SELECT count(DISTINCT story_id) FROM _story_articles").fetchone()[0]
        return [(r[0], r[1]) for r in rows], total

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        where, params = _in("a.id", ids)
        rows = self.conn.execute(
            f"SELECT a.id, a.name, a.kind, a.country, a.sector, a.origin FROM actors a{where} AND EXISTS "
            "(SELECT 1 FROM mentions m WHERE m.kind = 'actor' AND m.entity_id = a.id)", params
        )
        return {r[0]: Actor(*r) for r in rows}

    def places_by_id(self, ids: Iterable[str]) -> dict[str, Place]:
        where, params = _in("p.id", ids)
        rows = self.conn.execute(
            f"SELECT p.id, p.name, p.country, p.lat, p.lon, p.kind, p.origin FROM places p{where} AND EXISTS "
            "(SELECT 1 FROM mentions m WHERE m.kind = 'place' AND m.entity_id = p.id)", params
        )
        return {r[0]: Place(*r) for r in rows}

    def event_ids_of(self, actor_ids: Iterable[str], *, latest: int | None = None) -> tuple[list[str], int]:
        where, params = _in("x.actor_id", actor_ids)
        total = self.conn.execute(f"SELECT count(DISTINCT x.event_id) FROM event_actors x{where}", params).fetchone()[0]
        if latest is None:
            rows = self.conn.execute(f"SELECT DISTINCT x.event_id FROM event_actors x{where} ORDER BY x.event_id", params)
        else:
            rows = self.conn.execute(
                f"SELECT DISTINCT x.event_id, e.date FROM event_actors x JOIN events e ON e.id = x.event_id{where} "
                "ORDER BY e.date IS NULL, e.date DESC, x.event_id LIMIT ?", (*params, latest))
        return [r[0] for r in rows], total

    def mentions_of(self, entity_ids: Iterable[str]) -> list[Mention]:
        ids = sorted(set(entity_ids))
        out: list[Mention] = []
        for i in range(0, len(ids), 500):  # SQLite's limit on bound parameters
            chunk = ids[i : i + 500]
            rows = self.conn.execute(
                f"SELECT * FROM mentions WHERE entity_id IN ({', '.join('?' * len(chunk))})", chunk
            )
            out += [Mention(r["article_id"], r["start"], r["end"], r["text"], r["kind"], r["entity_id"], r["sentence"],
                            r["via"], r["role"]) for r in rows]
        return sorted(out, key=lambda m: (m.article_id, m.start, m.kind))

    def schema(self) -> dict[str, tuple[str, list[str]]]:
        out: dict[str, tuple[str, list[str]]] = {}
        for name, kind in self.conn.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name"
        ).fetchall():
            columns = [r[1] for r in self.conn.execute("SELECT * FROM pragma_table_info(?)", (name,))]
            out[name] = (kind, columns)
        return out


def _in(column: str, ids: Iterable[str] | None, *, prefix: str = " WHERE") -> tuple[str, tuple[Any, ...]]:
    """A condition keeping the rows whose ``column`` is one of ``ids`` (none: every row), with
    its one parameter: the ids as a JSON array, so that any number of them fits."""
    if ids is None:
        return "", ()
    return f"{prefix} {column} IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(ids))),)


def _cannot_open(exc: sqlite3.Error) -> bool:
    """Whether SQLite failed because the file or its folder cannot be opened or written
    (as opposed to a file that is not a database, or a lock)."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and any(
        w in text for w in ("unable to open", "readonly database", "read-only", "permission", "disk i/o error")
    )


def _os_reason(path: Path, readonly: bool) -> str | None:
    """The operating system's reason a database file cannot be opened (read, or written
    and created), found by trying it; None when the file can be opened after all."""
    try:
        if path.exists():
            os.close(os.open(path, os.O_RDONLY if readonly else os.O_RDWR))
            # the file opens: SQLite also writes its journal beside it
            probe = path.with_name(path.name + "-journal")
            if readonly or probe.exists():
                return None
        else:
            probe = path
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return reason[:1].lower() + reason[1:]
    return None


def _connect_ro(path: Path) -> sqlite3.Connection:
    """A read-only connection. A file in WAL mode on a read-only medium (SQLite cannot make
    its -shm there) with no -wal beside it is opened as immutable: nothing can write to it."""
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        if not _cannot_open(exc) or path.with_name(path.name + "-wal").exists():
            raise
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
    return conn


def _leave_wal_at_rest(path: Path) -> None:
    """A file in WAL mode with no connection at work (no -wal or -shm beside it) — just
    closed by a build, or left so by an older Storyline or another SQLite tool: switch it to
    rollback-journal mode, so that reading it leaves no files behind. Quietly does nothing
    where it cannot write."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(20)
    except OSError:
        return
    wal = header[:16] == b"SQLite format 3\x00" and header[18:20] == b"\x02\x02"
    if not wal or any(path.with_name(path.name + s).exists() for s in ("-wal", "-shm")):
        return
    if not os.access(path, os.W_OK):  # SQLite would make -wal and -shm it cannot remove
        return
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=0.2)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        LOGGER.debug("%s: left in WAL mode (%s)", path, exc)


def _guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the driver's errors into StoreError, also while a returned generator runs."""

    @functools.wraps(func)
    def wrapper(self: SQLiteStore, *args: Any, **kwargs: Any) -> Any:
        try:
            result = func(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        if inspect.isgenerator(result):
            return _guarded(self, result)
        return result

    return wrapper


def _guarded(store: SQLiteStore, items: Iterator[Any]) -> Iterator[Any]:
    try:
        yield from items
    except sqlite3.Error as exc:
        raise store._error(exc) from exc


for _name in sorted(Store.__abstractmethods__ - {"transaction", "close"}):
    setattr(SQLiteStore, _name, _guard(getattr(SQLiteStore, _name)))


# -- rows <-> models ----------------------------------------------------------------------


def _record_json(value: Any) -> Any:
    """An intermediate record (``_records``: resolve's entities, code's coded events) as JSON."""
    if isinstance(value, Resolution):
        return {"article_id": value.article_id, "mentions": [asdict(m) for m in value.mentions],
                "actors": [asdict(a) for a in value.actors], "places": [asdict(p) for p in value.places]}
    return [asdict(m) for m in value]


def _record_from_json(record: str, data: Any) -> Any:
    if record == "entities":
        return Resolution(
            article_id=data["article_id"], mentions=tuple(Mention(**m) for m in data["mentions"]),
            actors=tuple(Actor(**a) for a in data["actors"]), places=tuple(Place(**p) for p in data["places"]),
        )
    out = []
    for d in data:
        for key in ("trigger", "source", "target", "location_span", "date_span", "attribution_span"):
            if d.get(key) is not None:
                d[key] = tuple(d[key])
        for key in ("source_spans", "target_spans", "date_candidates"):
            d[key] = tuple(tuple(x) for x in d.get(key) or ())
        out.append(EventMention(**d))
    return tuple(out)


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


def _time(r: sqlite3.Row) -> TimeExpr:
    return TimeExpr(r["text"], r["start"], r["end"], r["type"], r["value"], r["anchor"])


def _mention_row(e: EventMention) -> tuple[Any, ...]:
    """The columns of _MENTION_COLUMNS for one event mention."""
    date_span = e.date_span or (None, None)
    location_span = e.location_span or (None, None)
    attribution_span = e.attribution_span or (None, None)
    return (
        e.sentence, e.start, e.end, *e.trigger, e.type, e.cameo, e.mode, e.context, e.status,
        e.date, e.date_precision, *date_span, e.location, *location_span,
        e.attribution, *attribution_span, e.confidence, e.basis, int(e.main_clause), int(e.past),
    )


def _span(start: Any, end: Any) -> tuple[int, int] | None:
    return None if start is None and end is None else (start, end)


def _event_mention(r: sqlite3.Row, actors: dict[tuple[str, int], dict[str, list[tuple[str, Any, Any]]]]) -> EventMention:
    roles = actors.get((r["article_id"], r["idx"]), {})
    source, target = roles.get("source", []), roles.get("target", [])
    return EventMention(
        article_id=r["article_id"], sentence=r["sentence"], start=r["start"], end=r["end"],
        trigger=(r["trigger_start"], r["trigger_end"], r["trigger_text"]),
        type=r["type"], cameo=r["cameo"], mode=r["mode"], context=r["context"], status=r["status"],
        source=tuple(a for a, _, _ in source), target=tuple(a for a, _, _ in target),
        source_spans=tuple((s, e) for _, s, e in source if s is not None),
        target_spans=tuple((s, e) for _, s, e in target if s is not None),
        location=r["location_id"], location_span=_span(r["location_start"], r["location_end"]),
        date=r["date"], date_precision=r["date_precision"], date_span=_span(r["date_start"], r["date_end"]),
        attribution=r["attribution"], attribution_span=_span(r["attribution_start"], r["attribution_end"]),
        confidence=r["confidence"], basis=r["basis"], main_clause=bool(r["main_clause"]), past=bool(r["past"]),
    )
