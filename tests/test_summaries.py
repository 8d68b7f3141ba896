"""Story summaries stored by the stories stage (storyline/summaries.py, migration 0016): what a
reader gets from them equals what it computes on read, and a refresh redoes exactly the stories
whose input changed. On the seeds' database (the session's `seeds_db`, built once with the
real CLI); the refresh tests work on a copy, without another build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from storyline import summaries
from storyline.cli.timeline import key_timeline
from storyline.keydates import key_dates
from storyline.store import open_store
from storyline.web import queries


def _plain(x):  # noqa: ANN001, ANN202 - what a JSON round trip gives (tuples become lists)
    return json.loads(json.dumps(x))


def test_stored_key_dates_equal_computed_key_dates(seeds_db: Path) -> None:
    with open_store(seeds_db, readonly=True) as store:
        assert summaries.current(store)  # the build stored them, for its own state
        stories = store.stories()
        assert stories
        for s in stories:
            kept = store.story_summary(s.id)
            assert kept is not None, s.id
            for limit in summaries.KEY_DATE_LIMITS:
                computed = key_dates(store, max_dates=limit, article_ids=set(s.article_ids), event_ids=set(s.event_ids))
                assert summaries.stored_key_dates(store, s.id, limit) == _plain(computed)
                assert key_timeline(store, max_dates=limit, story=s.id) == _plain(computed)  # the CLI reads them
            assert kept == _plain(summaries.compute(store, s.id))


def test_story_page_from_summary_equals_page_computed_on_read(seeds_db: Path) -> None:
    with open_store(seeds_db, readonly=True) as store:
        for s in store.stories():
            computed = queries._computed_story_page(store, s.id)
            stored = queries.story_page(store, s.id)
            assert stored.pop("events_total") == len(computed["events"])
            assert _plain(stored) == _plain(computed)
            window = queries.story_page(store, s.id, events_offset=1, events_limit=2)
            assert _plain(window["events"]) == _plain(computed["events"][1:3])


def test_refresh_redoes_exactly_the_stories_that_changed(seeds_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(seeds_db, db)
    with open_store(db) as store:
        assert summaries.refresh(store) == 0  # nothing changed: nothing computed
        stories = [s for s in store.stories() if s.event_ids]
        assert stories
        target = stories[0]
        others = {s.id: store.story_summary(s.id) for s in store.stories() if s.id != target.id}
        # an event of one story gets another date (as a new link would give it)
        event_id = sorted(target.event_ids)[0]
        with store.transaction():
            store.conn.execute("UPDATE events SET date = '1999-01-02', date_precision = 'day' WHERE id = ?", (event_id,))
        assert summaries.refresh(store) == sum(1 for s in store.stories() if event_id in s.event_ids)
        kept = store.story_summary(target.id)
        assert kept == _plain(summaries.compute(store, target.id))
        assert event_id in kept["event_order"]
        assert {s: store.story_summary(s) for s in others} == others
        # a story whose summary is missing (a build stopped half-way) is computed again, alone
        with store.transaction():
            store.put_story_summaries([], delete=[target.id])
        assert summaries.refresh(store) == 1
        assert store.story_summary(target.id) == kept


def test_summaries_not_current_are_not_read(seeds_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(seeds_db, db)
    with open_store(db) as store:
        sid = store.stories()[0].id
        # the link stage ran again since (a build stopped before the stories stage)
        link = store.corpus_state("link")
        with store.transaction():
            store.record_corpus_run("link", link[0], "another input")
    with open_store(db, readonly=True) as store:
        assert not summaries.current(store)
        assert summaries.stored(store, sid) is None
        assert summaries.stored_key_dates(store, sid, 10) is None
        page = queries.story_page(store, sid)  # computed on read, the same page
        assert page["key_dates"] == queries._computed_story_page(store, sid)["key_dates"]
