"""The SQLite store: one file, WAL, one writer, migrations recorded in the database.

``Store`` is the only code that writes SQL. Writes happen inside
``store.transaction()`` (``BEGIN IMMEDIATE``), so a build killed at any
moment leaves either a whole batch or none of it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
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
    TimeExpr,
)
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

    def put_annotation(self, ann: Annotation) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO annotations(article_id, analysis, sentences, spans) VALUES (?,?,?,?)",
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

    def put_times(self, article_id: str, times: Iterable[TimeExpr]) -> None:
        self.conn.execute("DELETE FROM times WHERE article_id = ?", (article_id,))
        self.conn.executemany(
            "INSERT OR REPLACE INTO times(article_id, start, end, text, type, value, anchor) VALUES (?,?,?,?,?,?,?)",
            [(article_id, t.start, t.end, t.text, t.type, t.value, t.anchor) for t in times],
        )

    # -- records by name (the stage runner's view: registry.RECORDS) -------------------------

    def save(self, record: str, article_id: str, value: Any) -> None:
        """Write one article's record as a stage assigned it (call inside transaction())."""
        if record == "article":
            self.put_article(value)
        elif record == "annotation":
            self.put_annotation(value)
        elif record == "times":
            self.put_times(article_id, value)
        elif record == "resolution":
            self.put_resolution(value)
        elif record == "event_mentions":
            self.put_event_mentions(article_id, value)
        elif record in ("entities", "coded"):
            self.conn.execute(
                "INSERT OR REPLACE INTO _records(article_id, record, data) VALUES (?,?,?)",
                (article_id, record, json.dumps(_record_json(value), ensure_ascii=False)),
            )
        else:
            raise KeyError(f"no article record named {record!r}")

    def load(self, record: str, article_id: str) -> Any:
        """One article's stored record, or None when it has none."""
        if record == "document":
            return self.document(article_id)
        if record == "article":
            return self.article(article_id, own=True)
        if record == "annotation":
            return self.annotation(article_id)
        if record == "times":
            if not self._has_run(article_id, "anchor"):
                return None
            return tuple(self.times(article_id))
        if record == "resolution":
            return self.resolution(article_id)
        if record == "event_mentions":
            if not self._has_run(article_id, "anchor"):
                return None
            return tuple(m for _, m in self.event_mentions(article_id))
        if record in ("entities", "coded"):
            row = self.conn.execute(
                "SELECT data FROM _records WHERE article_id = ? AND record = ?", (article_id, record)
            ).fetchone()
            return _record_from_json(record, json.loads(row[0])) if row else None
        raise KeyError(f"no article record named {record!r}")

    def _has_run(self, article_id: str, stage: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM stage_runs WHERE article_id = ? AND stage = ?", (article_id, stage)
        ).fetchone() is not None

    def records_state(self, stage: str, scope: str) -> str:
        """A hash of what a stage's stored runs say about its output over the whole corpus."""
        if scope == "corpus":
            return repr(self.corpus_state(stage))
        h = hashlib.sha1()
        for r in self.conn.execute(
            "SELECT article_id, version, input_hash FROM stage_runs WHERE stage = ? ORDER BY article_id", (stage,)
        ):
            h.update(f"{r[0]}|{r[1]}|{r[2]};".encode())
        return h.hexdigest()

    def record_corpus_run(self, stage: str, version: str, input_hash: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO corpus_runs(stage, version, input_hash) VALUES (?,?,?)", (stage, version, input_hash)
        )

    def put_resolution(self, res: Resolution) -> None:
        self.conn.execute("DELETE FROM mentions WHERE article_id = ?", (res.article_id,))
        self.conn.executemany(
            "INSERT OR REPLACE INTO mentions(article_id, start, end, text, kind, entity_id, sentence, via, role) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            [(m.article_id, m.start, m.end, m.text, m.kind, m.entity_id, m.sentence, m.via, m.role) for m in res.mentions],
        )
        # knowledge-base actors are the same whoever finds them; an actor only the text knows
        # keeps the first description found (a later article may know less about it)
        self.conn.executemany(
            "INSERT INTO actors(id, name, kind, country, sector, origin) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET country=coalesce(actors.country, excluded.country), "
            "sector=coalesce(actors.sector, excluded.sector)",
            [(a.id, a.name, a.kind, a.country, a.sector, a.origin) for a in res.actors],
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO places(id, name, country, lat, lon, kind, origin) VALUES (?,?,?,?,?,?,?)",
            [(p.id, p.name, p.country, p.lat, p.lon, p.kind, p.origin) for p in res.places],
        )

    def put_event_mentions(self, article_id: str, events: Iterable[EventMention]) -> None:
        self.conn.execute("DELETE FROM event_mentions WHERE article_id = ?", (article_id,))
        self.conn.executemany(
            "INSERT INTO event_mentions(article_id, idx, sentence, data, type) VALUES (?,?,?,?,?)",
            [(article_id, i, e.sentence, json.dumps(asdict(e), ensure_ascii=False), e.type) for i, e in enumerate(events)],
        )

    def replace_events(self, events: Iterable[Event], links: Iterable[tuple[str, str, int]]) -> None:
        """Write the linked events (a corpus stage's whole output) and their links
        (event id, article id, mention index)."""
        self.conn.execute("DELETE FROM events")
        self.conn.execute("DELETE FROM event_links")
        for ev in events:
            data = asdict(ev)
            del data["mentions"]
            self.conn.execute(
                "INSERT INTO events(id, type, date, data) VALUES (?,?,?,?)",
                (ev.id, ev.type, ev.date, json.dumps(data, ensure_ascii=False)),
            )
        self.conn.executemany("INSERT OR REPLACE INTO event_links(event_id, article_id, idx) VALUES (?,?,?)", list(links))

    def corpus_state(self, stage: str) -> tuple[str, str] | None:
        row = self.conn.execute("SELECT version, input_hash FROM corpus_runs WHERE stage = ?", (stage,)).fetchone()
        return (row[0], row[1]) if row else None

    def event_mentions_state(self) -> str:
        """A hash of every article's event mentions: the link stage re-runs when it changes."""
        row = self.conn.execute(
            "SELECT count(*), coalesce(sum(length(data)), 0), "
            "coalesce(group_concat(article_id || ':' || idx || ':' || length(data), ','), '') "
            "FROM (SELECT * FROM event_mentions ORDER BY article_id, idx)"
        ).fetchone()
        import hashlib

        return hashlib.sha1(f"{row[0]}|{row[1]}|{row[2]}".encode()).hexdigest()

    # -- reads -----------------------------------------------------------------------------

    def event_mentions(self, article_id: str | None = None) -> list[tuple[int, EventMention]]:
        sql = "SELECT idx, data FROM event_mentions" + (" WHERE article_id = ?" if article_id else "") + " ORDER BY article_id, idx"
        return [(r[0], _event_mention(json.loads(r[1]))) for r in self.conn.execute(sql, (article_id,) if article_id else ())]

    def events(self) -> list[Event]:
        mentions = {(m.article_id, i): m for i, m in self.event_mentions()}
        links: dict[str, list[EventMention]] = {}
        for event_id, article_id, idx in self.conn.execute("SELECT event_id, article_id, idx FROM event_links ORDER BY article_id, idx"):
            m = mentions.get((article_id, idx))
            if m is not None:
                links.setdefault(event_id, []).append(m)
        out = []
        for r in self.conn.execute("SELECT id, data FROM events ORDER BY coalesce(date, '9999'), id"):
            d = json.loads(r[1])
            d["source"], d["target"] = tuple(d["source"]), tuple(d["target"])
            out.append(Event(**d, mentions=tuple(links.get(r[0], ()))))
        return out

    def articles_by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles()}


    def annotation(self, article_id: str) -> Annotation | None:
        row = self.conn.execute("SELECT * FROM annotations WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        parse = self.conn.execute("SELECT sentences, times, data FROM _parses WHERE article_id = ?", (article_id,)).fetchone()
        if parse is None:
            return None  # written before parses were stored: annotate again
        return Annotation(
            article_id=article_id,
            analysis=row["analysis"],
            sentences=tuple(tuple(s) for s in json.loads(row["sentences"])),  # type: ignore[misc]
            spans=tuple(Span(*sp) for sp in json.loads(row["spans"])),
            times=tuple(TimeExpr(*t) for t in json.loads(parse[1])),
            parsed=tuple(json.loads(parse[0])),
            parses=bytes(parse[2] or b""),
        )

    def resolution(self, article_id: str) -> Resolution | None:
        """An article's stored resolve output (None when it has not been resolved)."""
        if not self.conn.execute("SELECT 1 FROM stage_runs WHERE article_id = ? AND stage = 'anchor'", (article_id,)).fetchone():
            return None
        mentions = tuple(self.mentions(article_id))
        actor_ids = sorted({m.entity_id for m in mentions if m.kind == "actor"})
        place_ids = sorted({m.entity_id for m in mentions if m.kind == "place"})
        marks = ",".join("?" * len(actor_ids))
        actors = tuple(
            Actor(r["id"], r["name"], r["kind"], r["country"], r["sector"], r["origin"])
            for r in self.conn.execute(f"SELECT * FROM actors WHERE id IN ({marks}) ORDER BY id", actor_ids)
        ) if actor_ids else ()
        marks = ",".join("?" * len(place_ids))
        places = tuple(
            Place(r["id"], r["name"], r["country"], r["lat"], r["lon"], r["kind"], r["origin"])
            for r in self.conn.execute(f"SELECT * FROM places WHERE id IN ({marks}) ORDER BY id", place_ids)
        ) if place_ids else ()
        return Resolution(article_id, mentions, actors, places)

    def times(self, article_id: str | None = None) -> Iterator[TimeExpr]:
        sql = "SELECT * FROM times" + (" WHERE article_id = ?" if article_id else "") + " ORDER BY article_id, start"
        for r in self.conn.execute(sql, (article_id,) if article_id else ()):
            yield TimeExpr(r["text"], r["start"], r["end"], r["type"], r["value"], r["anchor"])

    def times_by_article(self) -> Iterator[tuple[str, TimeExpr]]:
        for r in self.conn.execute("SELECT * FROM times ORDER BY article_id, start"):
            yield r["article_id"], TimeExpr(r["text"], r["start"], r["end"], r["type"], r["value"], r["anchor"])

    def document_hash(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM documents WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def times_rows(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM times ORDER BY article_id, start").fetchall()

    def mentions(self, article_id: str | None = None) -> list[Mention]:
        sql = "SELECT * FROM mentions" + (" WHERE article_id = ?" if article_id else "") + " ORDER BY article_id, start, kind"
        return [
            Mention(r["article_id"], r["start"], r["end"], r["text"], r["kind"], r["entity_id"], r["sentence"], r["via"], r["role"])
            for r in self.conn.execute(sql, (article_id,) if article_id else ())
        ]

    def actors(self) -> list[tuple[Actor, int, list[str]]]:
        """Every actor with at least one mention: (actor, mention count, surface forms seen)."""
        rows = self.conn.execute(
            """SELECT a.*, count(*) AS n, json_group_array(DISTINCT m.text) AS forms
               FROM actors a JOIN mentions m ON m.kind = 'actor' AND m.entity_id = a.id
               GROUP BY a.id ORDER BY n DESC, a.id"""
        )
        return [
            (Actor(r["id"], r["name"], r["kind"], r["country"], r["sector"], r["origin"]), r["n"], sorted(json.loads(r["forms"])))
            for r in rows
        ]

    def places(self) -> list[tuple[Place, int, list[str]]]:
        rows = self.conn.execute(
            """SELECT p.*, count(*) AS n, json_group_array(DISTINCT m.text) AS forms
               FROM places p JOIN mentions m ON m.kind = 'place' AND m.entity_id = p.id
               GROUP BY p.id ORDER BY n DESC, p.id"""
        )
        return [
            (Place(r["id"], r["name"], r["country"], r["lat"], r["lon"], r["kind"], r["origin"]), r["n"], sorted(json.loads(r["forms"])))
            for r in rows
        ]


    def articles(self, *, own: bool = False) -> Iterator[Article]:
        """Every article in date order. Its date is its own, or — where it states none to the
        day — the one the dating stage inferred from the corpus (``published_source`` "corpus");
        ``own=True`` gives the article's own values only."""
        sql = "SELECT * FROM articles ORDER BY published, id" if own else (
            _WITH_DATES + " ORDER BY coalesce(c_published, a.published), a.id")
        for row in self.conn.execute(sql):
            yield _article_from_row(row)

    def article(self, ident: str, *, own: bool = False) -> Article | None:
        """An article by id or unique id prefix (at least 4 characters), dated as in articles()."""
        if own:
            row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (ident,)).fetchone()
            return _article_from_row(row) if row else None
        row = self.conn.execute(_WITH_DATES + " WHERE a.id = ?", (ident,)).fetchone()
        if row is None and len(ident) >= 4:
            rows = self.conn.execute(
                _WITH_DATES + " WHERE substr(a.id, 1, ?) = ? LIMIT 2", (len(ident), ident)
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return _article_from_row(row) if row else None

    def corpus_dates(self) -> dict[str, tuple[str, str, str, str, list[str]]]:
        """article id -> (published, precision, earliest, latest, basis) inferred by the dating stage."""
        return {
            r[0]: (r[1], r[2], r[3], r[4], json.loads(r[5]))
            for r in self.conn.execute("SELECT article_id, published, precision, earliest, latest, basis FROM corpus_dates")
        }

    def replace_corpus_dates(self, dates: dict[str, tuple[str, str, str, str, list[str]]]) -> None:
        self.conn.execute("DELETE FROM corpus_dates")
        self.conn.executemany(
            "INSERT INTO corpus_dates(article_id, published, precision, earliest, latest, basis) VALUES (?,?,?,?,?,?)",
            [(k, *v[:4], json.dumps(v[4], ensure_ascii=False)) for k, v in dates.items()],
        )

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


def _event_mention(d: dict[str, Any]) -> EventMention:
    for key in ("trigger", "source", "target", "location_span", "date_span", "attribution_span"):
        if d.get(key) is not None:
            d[key] = tuple(d[key])
    for key in ("source_spans", "target_spans", "date_candidates"):
        d[key] = tuple(tuple(x) for x in d.get(key) or ())
    return EventMention(**d)


def _record_json(value: Any) -> Any:
    """An intermediate record (internal table ``_records``) as JSON."""
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
    return tuple(_event_mention(d) for d in data)


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


_WITH_DATES = (
    "SELECT a.*, c.published AS c_published, c.precision AS c_precision, c.earliest AS c_earliest, "
    "c.latest AS c_latest FROM articles a LEFT JOIN corpus_dates c ON c.article_id = a.id"
)


def _article_from_row(row: sqlite3.Row) -> Article:
    data = {name: row[name] for name in _ARTICLE_COLUMNS}
    if "c_published" in row.keys() and row["c_published"] and data["published_precision"] != "day":
        data.update(
            published=row["c_published"], published_precision=row["c_precision"], published_source="corpus",
            published_earliest=row["c_earliest"], published_latest=row["c_latest"],
        )
    data["removed"] = tuple(Removed(**r) for r in json.loads(data["removed"] or "[]"))
    return Article(**data)
