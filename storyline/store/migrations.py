"""Ordered schema migrations for SQLite. Each one runs once and is recorded in
``_migrations`` (named ``migrations`` before 0005; the store renames it first).

Append new migrations; never edit one that has shipped.

Public tables and views (documented in docs/cli.md, "The database") have plain names;
internal ones — the runner's bookkeeping, caches, raw inputs — start with ``_``.
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
        -- publication dates inferred from the rest of the corpus (stages/corpus/dating.py) for
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
        "0005_internal_names",
        """
        -- internal tables say so: a leading underscore (Datasette and SQL users see the public ones)
        ALTER TABLE documents RENAME TO _documents;
        ALTER TABLE stage_runs RENAME TO _stage_runs;
        ALTER TABLE corpus_runs RENAME TO _corpus_runs;
        ALTER TABLE annotations RENAME TO _annotations;
        ALTER TABLE corpus_dates RENAME TO _corpus_dates;
        ALTER TABLE articles_fts RENAME TO _articles_fts;
        -- a rename does not reach the FTS5 command column named after the table in the
        -- triggers' bodies ('delete' rows): recreate the two triggers that use it
        DROP TRIGGER articles_ad;
        DROP TRIGGER articles_au;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO _articles_fts(_articles_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO _articles_fts(_articles_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO _articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """,
    ),
    (
        "0006_event_tables",
        """
        -- events and event mentions as rows and columns, their actors in tables of their own
        -- (they were JSON in a 'data' column); the old rows are converted, then dropped
        ALTER TABLE events RENAME TO _old_events;
        ALTER TABLE event_mentions RENAME TO _old_event_mentions;
        CREATE TABLE events (
            id          TEXT PRIMARY KEY,          -- ev: + 12 hex digits
            type        TEXT NOT NULL,             -- one of the 16 PLOVER types
            cameo       TEXT,
            mode        TEXT,
            context     TEXT,
            status      TEXT NOT NULL,             -- occurred | planned | cancelled | denied | hypothetical
            date        TEXT,                      -- YYYY-MM-DD, YYYY-MM or YYYY
            date_precision TEXT,                   -- day | month | year | reported
            location_id TEXT,                      -- a place id (places.id)
            attribution TEXT,                      -- an actor id, or the words of who says so
            confidence  REAL NOT NULL
        );
        CREATE TABLE event_actors (
            event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            role        TEXT NOT NULL CHECK (role IN ('source', 'target')),
            position    INTEGER NOT NULL,          -- 0 for the first (the export's source/target)
            actor_id    TEXT NOT NULL,             -- actors.id (a country may be named only here)
            PRIMARY KEY (event_id, role, position)
        );
        CREATE TABLE event_mentions (
            article_id  TEXT NOT NULL REFERENCES articles(id),
            idx         INTEGER NOT NULL,          -- order of the event in the article
            event_id    TEXT REFERENCES events(id),-- the linked event (null until link has run)
            sentence    INTEGER NOT NULL,
            start       INTEGER NOT NULL,          -- the sentence's offsets in the article text
            end         INTEGER NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            trigger_text TEXT NOT NULL,
            type        TEXT NOT NULL,
            cameo       TEXT,
            mode        TEXT,
            context     TEXT,
            status      TEXT NOT NULL,
            date        TEXT,
            date_precision TEXT,
            date_start  INTEGER,                   -- the time expression's offsets, when one dates it
            date_end    INTEGER,
            location_id TEXT,
            location_start INTEGER,
            location_end INTEGER,
            attribution TEXT,
            attribution_start INTEGER,
            attribution_end INTEGER,
            confidence  REAL NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE event_mention_actors (
            article_id  TEXT NOT NULL,
            idx         INTEGER NOT NULL,
            role        TEXT NOT NULL CHECK (role IN ('source', 'target')),
            position    INTEGER NOT NULL,
            actor_id    TEXT NOT NULL,
            start       INTEGER,                   -- the words naming the actor, when known
            end         INTEGER,
            PRIMARY KEY (article_id, idx, role, position),
            FOREIGN KEY (article_id, idx) REFERENCES event_mentions(article_id, idx) ON DELETE CASCADE
        );
        INSERT INTO events(id, type, cameo, mode, context, status, date, date_precision,
                           location_id, attribution, confidence)
        SELECT id, type, json_extract(data, '$.cameo'), json_extract(data, '$.mode'),
               json_extract(data, '$.context'), json_extract(data, '$.status'), date,
               json_extract(data, '$.date_precision'), json_extract(data, '$.location'),
               json_extract(data, '$.attribution'), json_extract(data, '$.confidence')
        FROM _old_events;
        INSERT INTO event_actors(event_id, role, position, actor_id)
        SELECT e.id, 'source', CAST(j.key AS INTEGER), j.value FROM _old_events e, json_each(e.data, '$.source') j
        UNION ALL
        SELECT e.id, 'target', CAST(j.key AS INTEGER), j.value FROM _old_events e, json_each(e.data, '$.target') j;
        INSERT INTO event_mentions
        SELECT m.article_id, m.idx,
               (SELECT l.event_id FROM event_links l JOIN events e ON e.id = l.event_id
                WHERE l.article_id = m.article_id AND l.idx = m.idx),
               m.sentence, json_extract(d, '$.start'), json_extract(d, '$.end'),
               json_extract(d, '$.trigger[0]'), json_extract(d, '$.trigger[1]'), json_extract(d, '$.trigger[2]'),
               m.type, json_extract(d, '$.cameo'), json_extract(d, '$.mode'), json_extract(d, '$.context'),
               json_extract(d, '$.status'), json_extract(d, '$.date'), json_extract(d, '$.date_precision'),
               json_extract(d, '$.date_span[0]'), json_extract(d, '$.date_span[1]'),
               json_extract(d, '$.location'), json_extract(d, '$.location_span[0]'), json_extract(d, '$.location_span[1]'),
               json_extract(d, '$.attribution'), json_extract(d, '$.attribution_span[0]'), json_extract(d, '$.attribution_span[1]'),
               json_extract(d, '$.confidence')
        FROM (SELECT *, data AS d FROM _old_event_mentions) m;
        INSERT INTO event_mention_actors(article_id, idx, role, position, actor_id, start, end)
        SELECT m.article_id, m.idx, 'source', CAST(j.key AS INTEGER), j.value,
               json_extract(m.data, '$.source_spans[' || j.key || '][0]'),
               json_extract(m.data, '$.source_spans[' || j.key || '][1]')
        FROM _old_event_mentions m, json_each(m.data, '$.source') j
        UNION ALL
        SELECT m.article_id, m.idx, 'target', CAST(j.key AS INTEGER), j.value,
               json_extract(m.data, '$.target_spans[' || j.key || '][0]'),
               json_extract(m.data, '$.target_spans[' || j.key || '][1]')
        FROM _old_event_mentions m, json_each(m.data, '$.target') j;
        DROP TABLE event_links;
        DROP TABLE _old_event_mentions;
        DROP TABLE _old_events;
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_location ON events(location_id);
        CREATE INDEX event_actors_actor ON event_actors(actor_id);
        CREATE INDEX event_mentions_event ON event_mentions(event_id);
        CREATE INDEX event_mention_actors_actor ON event_mention_actors(actor_id);
        """,
    ),
    (
        "0007_article_descriptions",
        """
        -- what each article says about an actor or place; actors and places hold the record
        -- derived from every article's description (majority per field), so it does not depend
        -- on the order articles were processed in. Seeded from the records kept so far.
        CREATE TABLE _article_actors (
            article_id  TEXT NOT NULL REFERENCES articles(id),
            actor_id    TEXT NOT NULL,
            name        TEXT NOT NULL,
            kind        TEXT NOT NULL,
            country     TEXT,
            sector      TEXT,
            origin      TEXT NOT NULL,
            PRIMARY KEY (article_id, actor_id)
        );
        CREATE INDEX _article_actors_actor ON _article_actors(actor_id);
        CREATE TABLE _article_places (
            article_id  TEXT NOT NULL REFERENCES articles(id),
            place_id    TEXT NOT NULL,
            name        TEXT NOT NULL,
            country     TEXT,
            lat         REAL,
            lon         REAL,
            kind        TEXT NOT NULL,
            origin      TEXT NOT NULL,
            PRIMARY KEY (article_id, place_id)
        );
        CREATE INDEX _article_places_place ON _article_places(place_id);
        INSERT INTO _article_actors(article_id, actor_id, name, kind, country, sector, origin)
        SELECT DISTINCT m.article_id, a.id, a.name, a.kind, a.country, a.sector, a.origin
        FROM mentions m JOIN actors a ON m.kind = 'actor' AND m.entity_id = a.id;
        INSERT INTO _article_places(article_id, place_id, name, country, lat, lon, kind, origin)
        SELECT DISTINCT m.article_id, p.id, p.name, p.country, p.lat, p.lon, p.kind, p.origin
        FROM mentions m JOIN places p ON m.kind = 'place' AND m.entity_id = p.id;
        DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM _article_actors);
        DELETE FROM places WHERE id NOT IN (SELECT place_id FROM _article_places);
        """,
    ),
    (
        "0008_views",
        """
        -- articles with their one date: their own when stated to the day, else the one the
        -- dating stage inferred from the corpus (published_source 'corpus', with its basis)
        CREATE VIEW articles_view AS
        SELECT id, title, source,
               CASE WHEN by_corpus THEN c_published ELSE published END AS published,
               CASE WHEN by_corpus THEN c_precision ELSE published_precision END AS published_precision,
               CASE WHEN by_corpus THEN 'corpus' ELSE published_source END AS published_source,
               CASE WHEN by_corpus THEN c_earliest ELSE published_earliest END AS published_earliest,
               CASE WHEN by_corpus THEN c_latest ELSE published_latest END AS published_latest,
               CASE WHEN by_corpus THEN c_basis END AS published_basis,
               language, language_score, author, url, path, format, analysis,
               length(text) - length(replace(text, ' ', '')) + 1 AS words,
               json_array_length(removed) AS removed_blocks,
               text, removed
        FROM (SELECT a.*, c.published AS c_published, c.precision AS c_precision,
                     c.earliest AS c_earliest, c.latest AS c_latest, c.basis AS c_basis, n.analysis,
                     coalesce(c.published != '' AND a.published_precision IS NOT 'day', 0) AS by_corpus
              FROM articles a
              LEFT JOIN _corpus_dates c ON c.article_id = a.id
              LEFT JOIN _annotations n ON n.article_id = a.id);

        -- one row per real-world event: its first source and target with names and countries
        -- (an actor only the coder named, e.g. a country, shows its id and the country the id
        -- gives), its place, and how many articles, outlets and mentions report it
        CREATE VIEW events_view AS
        SELECT e.id, e.date, e.date_precision, e.type, e.mode, e.status,
               s.actor_id AS source_id, coalesce(sa.name, s.actor_id) AS source_name,
               coalesce(sa.country, CASE WHEN s.actor_id GLOB '[A-Z][A-Z][A-Z]' OR s.actor_id GLOB '[A-Z][A-Z][A-Z]-[A-Z]*'
                                         THEN substr(s.actor_id, 1, 3) END) AS source_country,
               coalesce(sa.sector, CASE WHEN s.actor_id GLOB '[A-Z][A-Z][A-Z]-[A-Z]*' THEN substr(s.actor_id, 5) END) AS source_sector,
               t.actor_id AS target_id, coalesce(ta.name, t.actor_id) AS target_name,
               coalesce(ta.country, CASE WHEN t.actor_id GLOB '[A-Z][A-Z][A-Z]' OR t.actor_id GLOB '[A-Z][A-Z][A-Z]-[A-Z]*'
                                         THEN substr(t.actor_id, 1, 3) END) AS target_country,
               coalesce(ta.sector, CASE WHEN t.actor_id GLOB '[A-Z][A-Z][A-Z]-[A-Z]*' THEN substr(t.actor_id, 5) END) AS target_sector,
               e.location_id, p.name AS location_name, p.country AS location_country,
               p.lat AS location_lat, p.lon AS location_lon,
               coalesce(aa.name, e.attribution) AS attribution, e.confidence, e.cameo, e.context,
               (SELECT count(DISTINCT m.article_id) FROM event_mentions m WHERE m.event_id = e.id) AS articles,
               (SELECT count(DISTINCT coalesce(a.source, a.path))
                  FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = e.id) AS outlets,
               (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id) AS mentions,
               (SELECT count(*) FROM event_actors x WHERE x.event_id = e.id AND x.role = 'source') AS n_sources,
               (SELECT count(*) FROM event_actors x WHERE x.event_id = e.id AND x.role = 'target') AS n_targets
        FROM events e
        LEFT JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' AND s.position = 0
        LEFT JOIN actors sa ON sa.id = s.actor_id
        LEFT JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' AND t.position = 0
        LEFT JOIN actors ta ON ta.id = t.actor_id
        LEFT JOIN places p ON p.id = e.location_id
        LEFT JOIN actors aa ON aa.id = e.attribution;

        -- actors with how often and how they are named, and in how many articles and events
        CREATE VIEW actors_view AS
        SELECT a.id, a.name, a.kind, a.country, a.sector, a.origin,
               (SELECT count(*) FROM mentions m WHERE m.kind = 'actor' AND m.entity_id = a.id) AS mentions,
               (SELECT count(DISTINCT m.article_id) FROM mentions m
                 WHERE m.kind = 'actor' AND m.entity_id = a.id) AS articles,
               (SELECT count(DISTINCT x.event_id) FROM event_actors x WHERE x.actor_id = a.id) AS events,
               (SELECT json_group_array(text) FROM (SELECT DISTINCT m.text FROM mentions m
                 WHERE m.kind = 'actor' AND m.entity_id = a.id ORDER BY m.text)) AS aliases
        FROM actors a;

        -- places with how often and how they are named, and how many events happened there
        CREATE VIEW places_view AS
        SELECT p.id, p.name, p.country, p.lat, p.lon, p.kind, p.origin,
               (SELECT count(*) FROM mentions m WHERE m.kind = 'place' AND m.entity_id = p.id) AS mentions,
               (SELECT count(DISTINCT m.article_id) FROM mentions m
                 WHERE m.kind = 'place' AND m.entity_id = p.id) AS articles,
               (SELECT count(*) FROM events e WHERE e.location_id = p.id) AS events,
               (SELECT json_group_array(text) FROM (SELECT DISTINCT m.text FROM mentions m
                 WHERE m.kind = 'place' AND m.entity_id = p.id ORDER BY m.text)) AS aliases
        FROM places p;

        """,
    ),
    (
        "0009_parse_once",
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
    (
        "0010_event_basis",
        """
        -- how each event mention was found: 'rules' (a lexicon trigger and the parse's
        -- arguments) or 'classifier' (the sentence classifier's type, the nearest actors);
        -- and whether its trigger heads the sentence's main clause
        ALTER TABLE event_mentions ADD COLUMN basis TEXT NOT NULL DEFAULT 'rules';
        ALTER TABLE event_mentions ADD COLUMN main_clause INTEGER NOT NULL DEFAULT 0;
        """,
    ),
    (
        "0011_events_view_outlets",
        """
        -- outlets: how many distinct outlets report the event; an article whose outlet is not
        -- known is not one (its file used to be counted as if it were)
        DROP VIEW events_view;
        CREATE VIEW events_view AS
        SELECT e.id, e.date, e.date_precision, e.type, e.mode, e.status,
               s.actor_id AS source_id, coalesce(sa.name, s.actor_id) AS source_name,
               coalesce(sa.country, CASE WHEN s.actor_id GLOB '[A-Z][A-Z][A-Z]' OR s.actor_id GLOB '[A-Z][A-Z][A-Z]-[A-Z]*'
                                         THEN substr(s.actor_id, 1, 3) END) AS source_country,
               coalesce(sa.sector, CASE WHEN s.actor_id GLOB '[A-Z][A-Z][A-Z]-[A-Z]*' THEN substr(s.actor_id, 5) END) AS source_sector,
               t.actor_id AS target_id, coalesce(ta.name, t.actor_id) AS target_name,
               coalesce(ta.country, CASE WHEN t.actor_id GLOB '[A-Z][A-Z][A-Z]' OR t.actor_id GLOB '[A-Z][A-Z][A-Z]-[A-Z]*'
                                         THEN substr(t.actor_id, 1, 3) END) AS target_country,
               coalesce(ta.sector, CASE WHEN t.actor_id GLOB '[A-Z][A-Z][A-Z]-[A-Z]*' THEN substr(t.actor_id, 5) END) AS target_sector,
               e.location_id, p.name AS location_name, p.country AS location_country,
               p.lat AS location_lat, p.lon AS location_lon,
               coalesce(aa.name, e.attribution) AS attribution, e.confidence, e.cameo, e.context,
               (SELECT count(DISTINCT m.article_id) FROM event_mentions m WHERE m.event_id = e.id) AS articles,
               (SELECT count(DISTINCT a.source)
                  FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = e.id) AS outlets,
               (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id) AS mentions,
               (SELECT count(*) FROM event_actors x WHERE x.event_id = e.id AND x.role = 'source') AS n_sources,
               (SELECT count(*) FROM event_actors x WHERE x.event_id = e.id AND x.role = 'target') AS n_targets
        FROM events e
        LEFT JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' AND s.position = 0
        LEFT JOIN actors sa ON sa.id = s.actor_id
        LEFT JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' AND t.position = 0
        LEFT JOIN actors ta ON ta.id = t.actor_id
        LEFT JOIN places p ON p.id = e.location_id
        LEFT JOIN actors aa ON aa.id = e.attribution;
        """,
    ),
    (
        "0012_stories",
        """
        -- the stories stage (stages/corpus/stories.py): which story each article was placed in,
        -- in placing order; an article placed keeps its story. 'model' is the stage version and
        -- weights that placed it (a change regroups every article); 'vector' the encoder's
        -- float32 vector of its title and lead, kept so that placing new articles encodes
        -- only them
        CREATE TABLE _story_articles (
            article_id  TEXT PRIMARY KEY REFERENCES articles(id),
            story_id    TEXT NOT NULL,
            seq         INTEGER NOT NULL,
            score       REAL NOT NULL,
            model       TEXT NOT NULL,
            vector      BLOB NOT NULL
        );
        CREATE INDEX _story_articles_story ON _story_articles(story_id);
        -- each story's label: its most central article, that article's title and lead
        CREATE TABLE _stories (
            id          TEXT PRIMARY KEY,
            central_article_id TEXT NOT NULL,
            title       TEXT,
            summary     TEXT
        );
        -- which story each article is in, with the article's date, outlet, language and title
        CREATE VIEW story_articles_view AS
        SELECT s.story_id, s.article_id, s.seq, s.score, a.published, a.source, a.language, a.title
        FROM _story_articles s JOIN articles_view a ON a.id = s.article_id;
        -- the linked events reported by a story's articles
        CREATE VIEW story_events_view AS
        SELECT DISTINCT s.story_id, m.event_id
        FROM _story_articles s JOIN event_mentions m ON m.article_id = s.article_id
        WHERE m.event_id IS NOT NULL;
        -- one row per story: label, date span, counts, languages and outlets (JSON arrays)
        CREATE VIEW stories_view AS
        SELECT t.id, t.title, t.summary, t.central_article_id,
               (SELECT min(published) FROM story_articles_view v WHERE v.story_id = t.id) AS start,
               (SELECT max(published) FROM story_articles_view v WHERE v.story_id = t.id) AS "end",
               (SELECT count(*) FROM _story_articles s WHERE s.story_id = t.id) AS articles,
               (SELECT count(*) FROM story_events_view e WHERE e.story_id = t.id) AS events,
               (SELECT json_group_array(language) FROM (SELECT DISTINCT language FROM story_articles_view v
                 WHERE v.story_id = t.id AND language IS NOT NULL ORDER BY language)) AS languages,
               (SELECT json_group_array(source) FROM (SELECT DISTINCT source FROM story_articles_view v
                 WHERE v.story_id = t.id AND source IS NOT NULL ORDER BY source)) AS outlets
        FROM _stories t;
        """,
    ),
    (
        "0013_web_indexes",
        """
        -- the web view reads one story at a time (issue 12). stories_view counted a story's
        -- events through story_events_view with the story's id from the outer row, and SQLite
        -- cannot push that into a DISTINCT view: it built the view for every story (every
        -- article's event mentions; ~1 s a story on 100,000 articles). The same count, by index:
        -- the story's articles, then their event mentions.
        DROP VIEW stories_view;
        CREATE VIEW stories_view AS
        SELECT t.id, t.title, t.summary, t.central_article_id,
               (SELECT min(published) FROM story_articles_view v WHERE v.story_id = t.id) AS start,
               (SELECT max(published) FROM story_articles_view v WHERE v.story_id = t.id) AS "end",
               (SELECT count(*) FROM _story_articles s WHERE s.story_id = t.id) AS articles,
               (SELECT count(DISTINCT m.event_id) FROM _story_articles s
                  JOIN event_mentions m ON m.article_id = s.article_id
                 WHERE s.story_id = t.id AND m.event_id IS NOT NULL) AS events,
               (SELECT json_group_array(language) FROM (SELECT DISTINCT language FROM story_articles_view v
                 WHERE v.story_id = t.id AND language IS NOT NULL ORDER BY language)) AS languages,
               (SELECT json_group_array(source) FROM (SELECT DISTINCT source FROM story_articles_view v
                 WHERE v.story_id = t.id AND source IS NOT NULL ORDER BY source)) AS outlets
        FROM _stories t;
        -- an actor's or place's spellings (actors_view.aliases, places_view.aliases) from the
        -- index alone, in order: a country named 100,000 times no longer reads 100,000 rows
        -- (it replaces mentions_entity, the first two of its columns)
        CREATE INDEX mentions_entity_text ON mentions(kind, entity_id, text);
        DROP INDEX mentions_entity;
        -- a story's articles in placing order from the index alone: the rows of _story_articles
        -- carry each article's 2 KB encoder vector, which a read of the members (every story
        -- page, stories_view) otherwise pulls from disk; it replaces _story_articles_story
        CREATE INDEX _story_articles_members ON _story_articles(story_id, seq, article_id);
        DROP INDEX _story_articles_story;
        """,
    ),
    (
        "0014_web_event_index",
        """
        -- the events an article reports from the index alone (story_events_view, a story's
        -- event count, the story list): not one wide event_mentions row per report, each a
        -- random read (436,000 of them for the story list of 100,000 articles)
        CREATE INDEX event_mentions_article_event ON event_mentions(article_id, event_id);
        """,
    ),
    (
        "0015_mention_past",
        """
        -- whether a mention's clause tells a finished act in a past tense ("praised", "had
        -- spoken"), not how things stand ("has deployed"): the default timeline shows such an
        -- act, told in a main clause with a named doer, even when only its report dates it
        ALTER TABLE event_mentions ADD COLUMN past INTEGER NOT NULL DEFAULT 0;
        """,
    ),
    (
        "0016_story_summaries",
        """
        -- what a story page needs that costs seconds to compute on read (storyline/summaries.py),
        -- computed by the stories stage when a story's input changes: one small row per story
        -- (the index's filters read it: size, date span, languages as a JSON array of lower-case
        -- tags) with 'stamp', the digest of the input it was computed from ...
        CREATE TABLE _story_summaries (
            story_id    TEXT PRIMARY KEY,
            stamp       TEXT NOT NULL,
            articles    INTEGER NOT NULL,
            start       TEXT,
            "end"       TEXT,
            languages   TEXT NOT NULL DEFAULT '[]'
        );
        -- ... and the summary itself apart (JSON: record, key_dates, places, network,
        -- event_order), so that a scan of the small rows never reads it
        CREATE TABLE _story_summary_data (
            story_id    TEXT PRIMARY KEY,
            data        TEXT NOT NULL
        );
        -- one row: what the stored summaries were computed from as a whole (the summary code's
        -- fingerprint, the link stage's corpus state, the stories' members); a reader uses them
        -- only when it matches the database as it is
        CREATE TABLE _story_summary_state (
            id          INTEGER PRIMARY KEY CHECK (id = 1),
            state       TEXT NOT NULL
        );
        """,
    ),
]
