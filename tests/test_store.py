"""The store: its interface, the SQLite backend (migrations recorded, WAL while writing, FTS with diacritics
folded, read-only opening), events as rows, and actor records independent of processing order."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from conftest import db_rows
from storyline.errors import StoreError
from storyline.models import Actor, Article, Document, Event, EventMention, Failure, Mention, Place, Removed, Resolution
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
        # WAL while it writes; one file again (rollback journal) once it is closed
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT count(*) FROM _migrations").fetchone()[0] == SCHEMA_VERSION


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
    with pytest.raises(StoreError, match="E407"):  # reading never creates a database
        Store(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="no 'migrations' table"):
        Store(other)


# -- the store behind its interface ---------------------------------------------------------


def test_store_opens_the_sqlite_backend_behind_the_interface(tmp_path: Path) -> None:
    from storyline.store import open_store
    from storyline.store.sqlite import SQLiteStore

    with Store(tmp_path / "a.db") as a, open_store(tmp_path / "b.db") as b:
        assert isinstance(a, SQLiteStore) and isinstance(a, Store) and isinstance(b, SQLiteStore)
        assert not hasattr(a, "query") and not hasattr(a, "count")  # no SQL above the store


def test_internal_tables_say_so(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store(db).close()
    names = dict(db_rows(db, "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"))
    public = {n: t for n, t in names.items() if not n.startswith(("_", "sqlite_"))}
    assert public == {
        "articles": "table", "failures": "table", "times": "table", "mentions": "table",
        "actors": "table", "places": "table", "events": "table", "event_actors": "table",
        "event_mentions": "table", "event_mention_actors": "table",
        "articles_view": "view", "events_view": "view", "actors_view": "view", "places_view": "view",
        "stories_view": "view", "story_articles_view": "view", "story_events_view": "view",
    }
    for internal in ("_migrations", "_documents", "_stage_runs", "_corpus_runs", "_annotations",
                     "_corpus_dates", "_articles_fts", "_article_actors", "_article_places",
                     "_stories", "_story_articles"):
        assert internal in names


def test_bad_search_query_is_a_store_error(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(StoreError, match=r"E403.*quote words and phrases"):
            store.search("AND AND")


def _resolution(article_id: str, actors: list[Actor], places: list[Place] = ()) -> Resolution:
    mentions = [Mention(article_id, i * 10, i * 10 + 5, a.name, "actor", a.id, 0, "exact") for i, a in enumerate(actors)]
    mentions += [Mention(article_id, 500 + i, 501 + i, p.name, "place", p.id, 0, "exact") for i, p in enumerate(places)]
    return Resolution(article_id, tuple(mentions), tuple(actors), tuple(places))


def _with_articles(store, ids) -> None:
    with store.transaction():
        for ident in ids:
            store.put_document(Document(id=ident, path=f"{ident}.txt", format="text", content="raw"), "h")
            store.put_article(_article(ident, "Some text."))


def test_actor_records_do_not_depend_on_processing_order(tmp_path: Path) -> None:
    """An actor only the text knows is described differently by different articles: its record
    is the majority description (ties: the first in sort order), whatever order they came in."""
    said = {
        "a1": Actor("new:karim-bensaidoun", "Karim Bensaidoun", "person", "MAR", "GOV", "text"),
        "a2": Actor("new:karim-bensaidoun", "Karim Bensaidoun", "person", "TUN", None, "text"),
        "a3": Actor("new:karim-bensaidoun", "Karim Bensaidoun", "person", "MAR", "GOV", "text"),
    }
    port = {"a1": Place("place:x", "Port X", "MLT", 35.9, 14.5, "city", "knowledge"),
            "a2": Place("place:x", "Port X", "MLT", 35.9, 14.5, "city", "knowledge"),
            "a3": Place("place:x", "Port Ex", "MLT", 35.9, 14.5, "city", "knowledge")}
    results = []
    for order in (["a1", "a2", "a3"], ["a2", "a3", "a1"], ["a3", "a2", "a1"]):
        with Store(tmp_path / f"{''.join(order)}.db") as store:
            _with_articles(store, order)
            for ident in order:
                with store.transaction():
                    store.put_resolution(_resolution(ident, [said[ident]], [port[ident]]))
            results.append((store.actors(), store.places()))
    assert results[0] == results[1] == results[2]
    (actor, n, forms), = results[0][0]
    assert (actor.country, actor.sector, n, forms) == ("MAR", "GOV", 3, ["Karim Bensaidoun"])
    assert results[0][1][0][0].name == "Port X"

    # an article's resolution written again changes the record; a tie goes to the first value
    with Store(tmp_path / "a1a2a3.db") as store:
        with store.transaction():
            store.put_resolution(_resolution("a3", [replace(said["a3"], country="TUN")]))
        (actor, _, _), = store.actors()
        assert actor.country == "TUN"  # two articles say TUN now
        store.put_resolution(_resolution("a2", []))  # outside a transaction too
        (actor, _, _), = store.actors()
        assert (actor.country, actor.sector) == ("MAR", "GOV")  # MAR 1, TUN 1: the first in order
        # each article keeps its own description for the stages after anchor
        store.record_run("a3", "anchor", "v", "h")  # the stage that writes the final resolution
        assert store.resolution("a3").actors == (replace(said["a3"], country="TUN"),)
        with store.transaction():
            store.put_resolution(_resolution("a1", []))
            store.put_resolution(_resolution("a3", []))
        assert store.actors() == [] and db_rows(tmp_path / "a1a2a3.db", "SELECT count(*) FROM actors") == [(0,)]


def _event_mention(article_id: str, i: int, **kw) -> EventMention:
    base = dict(
        article_id=article_id, sentence=i, start=i * 100, end=i * 100 + 90, trigger=(i * 100 + 10, i * 100 + 14, "met"),
        type="CONSULT", cameo="040", mode="visit", context="diplomatic", status="occurred",
        source=("TUR", "RUS"), target=("LBY-GOV",), source_spans=((i * 100, i * 100 + 6), (i * 100 + 20, i * 100 + 26)),
        target_spans=((i * 100 + 30, i * 100 + 40),), location="place:ankara", location_span=(i * 100 + 50, i * 100 + 56),
        date="2020-07-22", date_precision="day", date_span=(i * 100 + 60, i * 100 + 70),
        attribution="diplomatic sources", attribution_span=(i * 100 + 75, i * 100 + 88), confidence=0.734,
    )
    base.update(kw)
    return EventMention(**base)


def test_events_are_rows_and_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        _with_articles(store, ["a1", "a2"])
        one = [_event_mention("a1", 0), _event_mention("a1", 1, source=("TUR",), source_spans=((100, 106),), target=(),
                                                          target_spans=(), location=None, location_span=None, date_span=None,
                                                          attribution=None, attribution_span=None, cameo=None, mode=None)]
        two = [_event_mention("a2", 0, status="cancelled")]
        with store.transaction():
            store.put_event_mentions("a1", one)
            store.put_event_mentions("a2", two)
        assert store.event_mentions() == [(0, one[0]), (1, one[1]), (0, two[0])]
        assert store.event_mentions("a2") == [(0, two[0])]
        state = store.event_mentions_state()
        event = Event("ev:1", "CONSULT", "040", "visit", "diplomatic", "occurred", "2020-07-22", "day",
                      ("TUR", "RUS"), ("LBY-GOV",), "place:ankara", "diplomatic sources", 0.9, ())
        with store.transaction():
            store.replace_events([event], [("ev:1", "a1", 0), ("ev:1", "a2", 0)])
            store.record_corpus_run("link", "link.v1", state)
        assert store.events() == [replace(event, mentions=(one[0], two[0]))]
        assert store.corpus_state("link") == ("link.v1", state)
        # the same mentions written again keep their links and the state; a change changes it
        with store.transaction():
            store.put_event_mentions("a1", one)
        assert store.event_mentions_state() == state and store.events()[0].mentions == (one[0], two[0])
        with store.transaction():
            store.put_event_mentions("a1", [replace(one[0], confidence=0.5)])
        assert store.event_mentions_state() != state
    assert db_rows(db, "SELECT role, position, actor_id FROM event_actors ORDER BY role, position") == [
        ("source", 0, "TUR"), ("source", 1, "RUS"), ("target", 0, "LBY-GOV")]
    assert db_rows(db, "SELECT actor_id, start, end FROM event_mention_actors WHERE article_id = 'a2' ORDER BY role, position") == [
        ("TUR", 0, 6), ("RUS", 20, 26), ("LBY-GOV", 30, 40)]
    assert db_rows(db, "SELECT source_id, target_id, location_id, articles, mentions, n_sources FROM events_view") == [
        ("TUR", "LBY-GOV", "place:ankara", 2, 2, 2)]


def test_a_database_from_before_the_event_tables_is_migrated(tmp_path: Path) -> None:
    """A file made by the previous schema (events as JSON, no leading underscores) opens —
    also read-only — with its events, actors, dates and full-text search intact."""
    from storyline.store.migrations import MIGRATIONS
    from storyline.store.sqlite import _statements

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, sql in MIGRATIONS[:4]:
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO migrations VALUES (?, datetime('now'))", (name,))
    mention = _event_mention("a1", 0)
    event = Event("ev:1", "CONSULT", "040", "visit", "diplomatic", "occurred", "2020-07-22", "day",
                  ("TUR", "RUS"), ("LBY-GOV",), "place:ankara", None, 0.9, ())
    data = asdict(event)
    del data["mentions"]
    rows = {
        "documents(id, path, format, encoding, content, content_hash, no_clean)": ("a1", "a1.txt", "text", "utf-8", "raw", "h", 0),
        "articles(id, path, format, text, title, published, published_precision)": ("a1", "a1.txt", "text", "Mevlüt Çavuşoğlu met Lavrov.", "Talks", "2020-07", "month"),
        "stage_runs(article_id, stage, version, input_hash)": ("a1", "anchor", "v", "h"),
        "annotations(article_id, analysis, sentences, spans)": ("a1", "spacy:x", "[[0, 28]]", "[]"),
        "actors(id, name, kind, country, sector, origin)": ("TUR", "Turkey", "country", "TUR", None, "knowledge"),
        "places(id, name, country, lat, lon, kind, origin)": ("place:ankara", "Ankara", "TUR", 39.9, 32.8, "city", "knowledge"),
        "mentions(article_id, start, end, text, kind, entity_id, sentence, via)": ("a1", 0, 6, "Turkey", "actor", "TUR", 0, "exact"),
        "event_mentions(article_id, idx, sentence, data, type)": ("a1", 0, 0, json.dumps(asdict(mention)), "CONSULT"),
        "events(id, type, date, data)": ("ev:1", "CONSULT", "2020-07-22", json.dumps(data)),
        "event_links(event_id, article_id, idx)": ("ev:1", "a1", 0),
        "corpus_dates(article_id, published, precision, earliest, latest, basis)": ("a1", "2020-07-22", "week", "2020-07-20", "2020-07-26", '["sentence 0"]'),
    }
    for table, values in rows.items():
        conn.execute(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in values)})", values)
    conn.close()
    with Store(db, readonly=True) as store:  # a reader upgrades the file first
        assert store.migrations() == [name for name, _ in MIGRATIONS]
        assert store.events() == [replace(event, mentions=(mention,))]
        assert store.event_mentions() == [(0, mention)]
        assert [(a.id, n) for a, n, _ in store.actors()] == [("TUR", 1)]
        assert store.resolution("a1").places == ()  # described by no mention: not kept
        art = store.article("a1")
        assert (art.published, art.published_source) == ("2020-07-22", "corpus")
        assert [hit[0] for hit in store.search("cavusoglu")] == ["a1"]
    with Store(db) as store:  # the full-text triggers follow the renamed index
        with store.transaction():
            store.put_article(_article("a1", "Nothing about ministers any more."))
        assert store.search("cavusoglu") == [] and [h[0] for h in store.search("ministers")] == ["a1"]
