"""Ordered schema migrations. Each one runs once and is recorded in ``migrations``.

Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE documents (
            id          TEXT PRIMARY KEY,      -- article id: given id, else content hash
            path        TEXT NOT NULL,         -- path as given (file, file:line for JSONL, '-' for stdin)
            format      TEXT NOT NULL,         -- 'text' | 'html'
            encoding    TEXT NOT NULL,
            content     TEXT NOT NULL,         -- decoded raw input
            content_hash TEXT NOT NULL,        -- sha1 of content + input fields: re-run when it changes
            url         TEXT,
            source      TEXT,
            title       TEXT,
            published   TEXT,
            language    TEXT,
            no_clean    INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE articles (
            id          TEXT PRIMARY KEY REFERENCES documents(id),
            path        TEXT NOT NULL,
            format      TEXT NOT NULL,
            source      TEXT,
            url         TEXT,
            title       TEXT,
            author      TEXT,
            published   TEXT,
            published_precision TEXT,
            published_source    TEXT,
            published_earliest  TEXT,
            published_latest    TEXT,
            language    TEXT,
            language_score REAL,
            text        TEXT NOT NULL,
            removed     TEXT NOT NULL DEFAULT '[]'   -- JSON list of {text, reason, start, end}
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_source ON articles(source);
        -- which version of each stage produced an article's current output, and from what input
        CREATE TABLE stage_runs (
            article_id  TEXT NOT NULL,
            stage       TEXT NOT NULL,
            version     TEXT NOT NULL,
            input_hash  TEXT NOT NULL,
            PRIMARY KEY (article_id, stage)
        );
        CREATE TABLE failures (
            path        TEXT NOT NULL,
            stage       TEXT NOT NULL,
            code        TEXT NOT NULL,
            message     TEXT NOT NULL,
            PRIMARY KEY (path, stage, code)
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid',
            tokenize = "unicode61 remove_diacritics 2"
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """,
    ),
    (
        "0002_annotate_resolve",
        """
        CREATE TABLE annotations (
            article_id  TEXT PRIMARY KEY REFERENCES articles(id),
            analysis    TEXT NOT NULL,             -- which analysis the article got
            sentences   TEXT NOT NULL,             -- JSON [[start, end], ...]
            spans       TEXT NOT NULL              -- JSON [{start, end, text, label, source, hint}, ...]
        );
        CREATE TABLE times (
            article_id  TEXT NOT NULL REFERENCES articles(id),
            start       INTEGER NOT NULL,
            end         INTEGER NOT NULL,
            text        TEXT NOT NULL,
            type        TEXT NOT NULL,             -- DATE | TIME | DURATION | SET
            value       TEXT NOT NULL,             -- TIMEX3 value
            anchor      TEXT,
            PRIMARY KEY (article_id, start, end)
        );
        CREATE TABLE actors (
            id          TEXT PRIMARY KEY,          -- person:<kb id>, org:<kb id>, ISO-3, ISO3-SECTOR, new:<name>
            name        TEXT NOT NULL,
            kind        TEXT NOT NULL,             -- person | org | country | igo | group
            country     TEXT,
            sector      TEXT,
            origin      TEXT NOT NULL              -- knowledge | text
        );
        CREATE TABLE places (
            id          TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            country     TEXT,
            lat         REAL,
            lon         REAL,
            kind        TEXT NOT NULL,
            origin      TEXT NOT NULL
        );
        CREATE TABLE mentions (
            article_id  TEXT NOT NULL REFERENCES articles(id),
            start       INTEGER NOT NULL,
            end         INTEGER NOT NULL,
            text        TEXT NOT NULL,
            kind        TEXT NOT NULL,             -- actor | place
            entity_id   TEXT NOT NULL,
            sentence    INTEGER NOT NULL,
            via         TEXT NOT NULL,
            role        TEXT,
            PRIMARY KEY (article_id, start, end, kind)
        );
        CREATE INDEX mentions_entity ON mentions(kind, entity_id);
        """,
    ),
    (
        "0003_events",
        """
        CREATE TABLE event_mentions (
            article_id  TEXT NOT NULL REFERENCES articles(id),
            idx         INTEGER NOT NULL,          -- order of the event in the article
            sentence    INTEGER NOT NULL,
            data        TEXT NOT NULL,             -- JSON of the EventMention
            type        TEXT NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE events (
            id          TEXT PRIMARY KEY,
            type        TEXT NOT NULL,
            date        TEXT,
            data        TEXT NOT NULL              -- JSON of the Event (contract fields)
        );
        CREATE INDEX events_date ON events(date);
        CREATE TABLE event_links (
            event_id    TEXT NOT NULL,
            article_id  TEXT NOT NULL,
            idx         INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX event_links_event ON event_links(event_id);
        -- corpus stages: which version last ran over which per-article state
        CREATE TABLE corpus_runs (
            stage       TEXT PRIMARY KEY,
            version     TEXT NOT NULL,
            input_hash  TEXT NOT NULL
        );
        """,
    ),
    (
        "0004_corpus_dates",
        """
        -- publication dates inferred from the rest of the corpus (stages/dating.py) for
        -- articles that state none to the day; read as the article's date, the article's
        -- own values stay in articles
        CREATE TABLE corpus_dates (
            article_id  TEXT PRIMARY KEY REFERENCES articles(id),
            published   TEXT NOT NULL,
            precision   TEXT NOT NULL,             -- day | week | month
            earliest    TEXT NOT NULL,
            latest      TEXT NOT NULL,
            basis       TEXT NOT NULL              -- JSON list: what the date rests on
        );
        """,
    ),
    (
        "0005_parse_once",
        """
        -- what annotate found besides sentences and spans: the time expressions (values as
        -- far as they hold without a date) and the dependency parses of the sentences that may
        -- carry an event (a spaCy DocBin); the code stage reads them and never runs a model
        CREATE TABLE _parses (
            article_id  TEXT PRIMARY KEY REFERENCES articles(id),
            sentences   TEXT NOT NULL,             -- JSON [sentence index, ...], in DocBin order
            times       TEXT NOT NULL,             -- JSON [[text, start, end, type, value, anchor], ...]
            data        BLOB NOT NULL
        );
        -- intermediate per-article records a later stage reads (registry.RECORDS):
        -- 'entities' (resolve) and 'coded' (code), as JSON
        CREATE TABLE _records (
            article_id  TEXT NOT NULL REFERENCES articles(id),
            record      TEXT NOT NULL,
            data        TEXT NOT NULL,
            PRIMARY KEY (article_id, record)
        );
        """,
    ),
]
