"""The database as users open it in SQL or Datasette: public tables and views after a real
build agree with the exports, and records do not depend on the order articles came in."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, db_rows, export_rows, prebuild

# five reports of the postponed Istanbul talks (June 2020): English, French, HTML, gzip
SUBSET = [
    "12_mediterranean-ledger_istanbul-talks-postponed.html",
    "13_bosphorus-times_russian-ministers-visit-delayed.html.gz",
    "14_eastbound-review_ankara-meeting-delayed.txt",
    "15_courrier-du-levant_reunion-istanbul-reportee.html",
    "16_caspian-observer_sunday-talks-postponed.txt",
]


_DB = prebuild("db", lambda folder: (folder / "subset.db", [ROOT / "examples" / "corpus" / name for name in SUBSET]),
               __file__)  # started in the background (tests/conftest.py)


@pytest.fixture(scope="module")
def db() -> Path:
    return _DB.wait()


def _dicts(db: Path, sql: str) -> list[dict]:
    import sqlite3

    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def test_the_views_exist(db: Path) -> None:
    views = {r[0] for r in db_rows(db, "SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert views == {"articles_view", "events_view", "actors_view", "places_view",
                     "stories_view", "story_articles_view", "story_events_view"}


def test_stories_view_agrees_with_export_stories(db: Path) -> None:
    exported = {r["id"]: r for r in export_rows(db, "stories")}
    rows = {r["id"]: r for r in _dicts(db, "SELECT * FROM stories_view")}
    assert rows and set(rows) == set(exported)
    for sid, r in rows.items():
        e = exported[sid]
        assert (r["title"], r["start"], r["end"]) == (e["title"], e["start"], e["end"])
        assert (r["articles"], r["events"]) == (len(e["article_ids"]), len(e["event_ids"]))
        assert json.loads(r["languages"]) == e["languages"]
    members = _dicts(db, "SELECT story_id, article_id FROM story_articles_view")
    assert sorted(m["article_id"] for m in members) == sorted(a for e in exported.values() for a in e["article_ids"])


def test_articles_view_gives_each_article_its_one_date(db: Path) -> None:
    exported = {r["id"]: r for r in export_rows(db, "articles")}
    rows = {r["id"]: r for r in _dicts(db, "SELECT * FROM articles_view")}
    assert rows.keys() == exported.keys() and len(rows) == len(SUBSET)
    for ident, row in rows.items():
        exp = exported[ident]
        for field in ("title", "source", "published", "published_precision", "published_source",
                      "published_earliest", "published_latest", "language", "analysis", "text"):
            assert row[field] == exp[field], (ident, field)
        assert (json.loads(row["published_basis"]) if row["published_basis"] else None) == exp["published_basis"]
        assert row["removed_blocks"] == len(exp["removed"]) and row["words"] > 50


def test_events_view_and_event_actors_agree_with_export_events(db: Path) -> None:
    exported = {e["id"]: e for e in export_rows(db, "events")}
    assert len(exported) >= 5
    assert any(len({m["article_id"] for m in e["mentions"]}) >= 3 for e in exported.values())
    roles: dict[str, dict[str, list[str]]] = {}
    for event_id, role, actor_id in db_rows(db, "SELECT event_id, role, actor_id FROM event_actors ORDER BY event_id, role, position"):
        roles.setdefault(event_id, {}).setdefault(role, []).append(actor_id)
    rows = {r["id"]: r for r in _dicts(db, "SELECT * FROM events_view")}
    assert rows.keys() == exported.keys()
    for ident, e in exported.items():
        row = rows[ident]
        # an act whose doer is named by no actor ("the army opened fire", placed nowhere) has no rows
        assert roles.get(ident, {}).get("source", []) == [a["actor_id"] for a in e["sources"]]
        assert roles.get(ident, {}).get("target", []) == [a["actor_id"] for a in e["targets"]]
        for field in ("type", "cameo", "mode", "context", "status", "date", "date_precision", "confidence", "attribution"):
            assert row[field] == e[field], (ident, field)
        if e["sources"]:
            assert (row["source_id"], row["source_country"], row["source_sector"]) == (
                e["source"]["actor_id"], e["source"]["country"], e["source"]["sector"])
        else:
            assert row["source_id"] is None and e["source"]["actor_id"] == "unknown"
        target = e["target"] or {}
        assert (row["target_id"], row["target_country"]) == (target.get("actor_id"), target.get("country"))
        for name, key in (("source_name", "source"), ("target_name", "target")):
            actor = e[key]
            if actor and actor["actor_id"] != "unknown" and db_rows(db, f"SELECT 1 FROM actors WHERE id = '{actor['actor_id']}'"):
                assert row[name] == actor["name"]
        loc = e["location"] or {}
        assert (row["location_id"], row["location_name"], row["location_lat"]) == (loc.get("place_id"), loc.get("name"), loc.get("lat"))
        assert row["mentions"] == len(e["mentions"])
        assert row["articles"] == len({m["article_id"] for m in e["mentions"]})
        assert row["outlets"] == len({m["outlet"] for m in e["mentions"] if m["outlet"]})


def test_event_mentions_are_rows_with_their_actors(db: Path) -> None:
    rows = {(r["article_id"], r["sentence"], r["trigger_start"]): r for r in _dicts(db, "SELECT * FROM event_mentions")}
    actors: dict[tuple, dict[str, list[str]]] = {}
    for article_id, idx, role, actor_id in db_rows(
        db, "SELECT article_id, idx, role, actor_id FROM event_mention_actors ORDER BY article_id, idx, role, position"
    ):
        actors.setdefault((article_id, idx), {}).setdefault(role, []).append(actor_id)
    seen = 0
    for e in export_rows(db, "events"):
        for m in e["mentions"]:
            row = rows[(m["article_id"], m["sentence"], m["trigger"]["start"])]
            assert row["event_id"] == e["id"]
            assert (row["start"], row["end"], row["trigger_text"], row["status"], row["date"], row["location_id"]) == (
                m["start"], m["end"], m["trigger"]["text"], m["status"], m["date"], m["location"])
            mine = actors.get((row["article_id"], row["idx"]), {})
            assert (mine.get("source", []), mine.get("target", [])) == (m["source"], m["target"])
            seen += 1
    assert seen == len(rows)  # every mention is linked to one event


def test_actors_and_places_views_agree_with_the_exports(db: Path) -> None:
    actors = {r["id"]: r for r in _dicts(db, "SELECT * FROM actors_view WHERE mentions > 0")}
    exported = export_rows(db, "actors")
    assert actors.keys() == {a["id"] for a in exported}
    for a in exported:
        row = actors[a["id"]]
        assert (row["name"], row["kind"], row["country"], row["sector"], row["mentions"], json.loads(row["aliases"])) == (
            a["name"], a["kind"], a["country"], a["sector"], a["mentions"], a["aliases"])
    events_with = Counter(a for e in export_rows(db, "events") for a in {x["actor_id"] for x in e["sources"] + e["targets"]})
    for actor_id, n in events_with.items():
        if actor_id in actors:
            assert actors[actor_id]["events"] == n
    places = {r["id"]: r for r in _dicts(db, "SELECT * FROM places_view WHERE mentions > 0")}
    exported = export_rows(db, "places")
    assert places.keys() == {p["id"] for p in exported} and "place:istanbul" in places
    for p in exported:
        row = places[p["id"]]
        assert (row["name"], row["lat"], row["lon"], row["mentions"], json.loads(row["aliases"])) == (
            p["name"], p["lat"], p["lon"], p["mentions"], p["aliases"])


def test_every_public_table_and_view_is_documented(db: Path) -> None:
    docs = (ROOT / "docs" / "cli.md").read_text("utf-8")
    section = docs.split("## The database", 1)
    assert len(section) == 2, "docs/cli.md has no '## The database' section"
    body = section[1].split("\n## ", 1)[0]
    for name, kind in db_rows(db, "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"):
        if name.startswith(("_", "sqlite_")):
            continue
        found = re.search(rf"^- `{name}`(.*?)(?=^- |^#|\Z)", body, re.M | re.S)
        assert found, f"{kind} {name} is not documented in docs/cli.md, 'The database' (a '- `{name}`' entry)"
        entry = found.group(1)
        columns = [r[1] for r in db_rows(db, f"PRAGMA table_info({name})")]
        for column in columns:
            assert re.search(rf"`{column}`", entry), f"column {name}.{column} is not documented"


# -- order independence -------------------------------------------------------------------

MINISTER = {
    # an actor only the text knows, given a different country by different reports
    "a.txt": "Harbour talks in Valletta end without a deal\n\nMoroccan Foreign Minister Karim Bensaidoun met "
             "officials from Malta in Valletta on Monday to discuss fishing quotas, the ministry said.\n\n"
             "The talks ended without an agreement, but both sides said they would meet again next month.\n",
    "b.txt": "Fishing quotas: a second round of talks is planned\n\nTunisian Foreign Minister Karim Bensaidoun met "
             "officials from Malta in Valletta on Tuesday to discuss fishing quotas, the ministry said.\n\n"
             "The ministers agreed to set up a joint committee on the quotas.\n",
    "c.txt": "Quota dispute drags on\n\nForeign Minister Karim Bensaidoun of Morocco met the Maltese prime minister "
             "in Valletta on Wednesday to discuss fishing quotas.\n\nNo agreement was announced after the meeting.\n",
}


def test_building_in_another_order_gives_the_same_records(tmp_path: Path) -> None:
    from storyline import read
    from storyline.config import load_settings
    from storyline.pipeline import build
    from storyline.store import open_store

    for name, text in MINISTER.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    settings = load_settings(overrides={"batch_size": 1})  # one transaction per article
    exports = []
    for order in (["a.txt", "b.txt", "c.txt"], ["b.txt", "c.txt", "a.txt"], ["c.txt", "b.txt", "a.txt"]):
        db = tmp_path / ("".join(n[0] for n in order) + ".db")
        report = build([str(tmp_path / n) for n in order], db=str(db), settings=settings, on_error="raise")
        assert report.processed == 3
        with open_store(db, readonly=True) as store:
            exports.append({what: list(read.export_records(store, what)) for what in ("actors", "places", "events")})
    assert exports[0] == exports[1] == exports[2]
    minister = next(a for a in exports[0]["actors"] if a["id"] == "new:karim-bensaidoun")
    assert (minister["country"], minister["mentions"]) == ("MAR", 3)  # two reports of three say Moroccan
