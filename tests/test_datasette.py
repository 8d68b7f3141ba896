"""Datasette (issue 10, item 14): an optional extra, and metadata for the public views that
names only what the real schema has. Datasette itself is not needed: one test uses it when it
is installed and skips otherwise."""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, prebuild
from storyline.store import open_store
from storyline.store.datasette import packaged, problems

VIEWS = ("articles_view", "events_view", "actors_view", "places_view")
FILES = ["12_mediterranean-ledger_istanbul-talks-postponed.html", "14_eastbound-review_ankara-meeting-delayed.txt"]


_DB = prebuild("db", lambda folder: (folder / "news.db", [ROOT / "examples" / "corpus" / f for f in FILES]),
               __file__)  # started in the background (tests/conftest.py)


@pytest.fixture(scope="module")
def db() -> Path:
    return _DB.wait()


def _schema(db: Path) -> dict[str, tuple[str, list[str]]]:
    with open_store(db, readonly=True) as store:
        return store.schema()


def test_the_packaged_metadata_names_only_what_the_schema_has(db: Path) -> None:
    schema = _schema(db)
    meta = packaged()
    assert problems(meta, schema) == []
    # and a fresh, empty database has the same schema
    with open_store(db.parent / "empty.db") as store:
        assert problems(meta, store.schema()) == []
    for name, spec in meta["tables"].items():
        assert spec["title"] and spec["description"], name
        assert not name.startswith("_"), name


def test_every_public_view_column_and_table_is_described(db: Path) -> None:
    schema = _schema(db)
    meta = packaged()
    for view in VIEWS:
        assert schema[view][0] == "view"
        assert set(meta["tables"][view]["columns"]) == set(schema[view][1]), view
        assert meta["tables"][view]["facets"], view
    public = {name for name in schema if not name.startswith("_") and not name.startswith("sqlite_")}
    assert public == set(meta["tables"])


def test_the_command_writes_metadata_for_the_database(run_cli, db: Path, tmp_path: Path) -> None:
    proc = run_cli("datasette-metadata", "--db", str(db))
    assert proc.returncode == 0, proc.stderr.decode()
    meta = json.loads(proc.stdout)
    assert list(meta["databases"]) == ["news"]  # Datasette names a database after its file
    tables = meta["databases"]["news"]["tables"]
    schema = _schema(db)
    for name, (_kind, columns) in schema.items():
        if name.startswith("_"):
            assert tables[name] == {"hidden": True}, name
    events = tables["events_view"]
    assert events["title"] == "Events" and "type" in events["facets"] and events["columns"]["type"]
    assert all(c in schema["events_view"][1] for c in events["facets"])
    out = tmp_path / "meta.json"
    assert run_cli("datasette-metadata", "--db", str(db), "-o", str(out)).returncode == 0
    assert json.loads(out.read_text("utf-8")) == meta
    # a missing database is the usual one-line error
    proc = run_cli("datasette-metadata", "--db", str(tmp_path / "none.db"))
    assert proc.returncode == 2 and len(proc.stderr.decode().strip().splitlines()) == 1


def test_the_canned_queries_run_on_a_real_database(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        actor = conn.execute("SELECT id FROM actors_view ORDER BY events DESC LIMIT 1").fetchone()[0]
        event = conn.execute("SELECT id FROM events_view ORDER BY mentions DESC LIMIT 1").fetchone()[0]
        params = {"actor_id": actor, "event_id": event, "entity_id": actor}
        for name, query in packaged()["queries"].items():
            assert query["title"] and query["description"], name
            needed = set(re.findall(r":(\w+)", query["sql"]))
            rows = conn.execute(query["sql"], {k: params[k] for k in needed}).fetchall()
            assert rows, name
        sentences = conn.execute(packaged()["queries"]["reports_of_event"]["sql"], {"event_id": event}).fetchall()
        texts = [r[7] for r in sentences]
        assert all(t and t.strip() == t for t in texts)  # the sentence itself, cut at its offsets
    finally:
        conn.close()


def test_datasette_is_an_optional_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert any(d.startswith("datasette") for d in project["optional-dependencies"]["datasette"])
    assert not any(d.startswith("datasette") for d in project["dependencies"])
    requirements = (ROOT / "requirements.txt").read_text("utf-8").lower()
    assert "datasette" not in requirements  # `make test` and `make demo` do not install it
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "pip install 'storyline[datasette]'" in readme
    assert "storyline datasette-metadata --db news.db -o news-metadata.json" in readme
    assert "datasette news.db --metadata news-metadata.json" in readme


@pytest.mark.skipif(importlib.util.find_spec("datasette") is None,
                    reason="datasette is not installed (pip install 'storyline[datasette]'): the metadata is still checked above")
def test_datasette_serves_the_views_with_the_metadata(run_cli, db: Path, tmp_path: Path) -> None:
    meta = tmp_path / "meta.json"
    assert run_cli("datasette-metadata", "--db", str(db), "-o", str(meta)).returncode == 0
    proc = subprocess.run([sys.executable, "-m", "datasette", str(db), "--metadata", str(meta), "--get",
                           "/news/events_view.json?_shape=objects&_size=5"], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["rows"]
