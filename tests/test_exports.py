"""What the exports, views and commands say about an article and an event, through the CLI:
the outlet read from the text (never a file name), every actor of a compound side kept in the
events CSV, and one date per article everywhere."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from conftest import export_rows, prebuild

BODY = (
    "Fishing crews in the northern islands said on Tuesday that the new quota rules would cut "
    "their winter catch by a third, and that several boats would stay in port until spring.\n\n"
    "The regional council said it would review the rules at its next meeting, after a week of "
    "protests in front of the harbour office."
)

# our own texts, each naming its outlet in one of the ways pages do (or in none)
TEXTS = {
    "credit.txt": f"Quota rules anger island crews\n\n{BODY}\n\nSource: Harbour Gazette\n",
    "copyright.txt": (
        f"Island crews protest quota rules\n\n{BODY}\n\n"
        "Copyright © 2021 Valmora Courier Media Group Ltd. All rights reserved.\n"
    ),
    "invitation.txt": f"Crews say quotas will cut catch\n\n{BODY}\n\nGet the Northern Ledger app for breaking news.\n",
    "dateline.txt": (
        "Quota protests spread along the coast\n\n"
        "BERGEN (Reuters) - Fishing crews staged protests in three more ports on Tuesday against "
        "new quota rules that they say will cut their winter catch by a third.\n\n"
        "The regional council said it would review the rules at its next meeting."
    ),
    "masthead.txt": (
        "LAKESIDE TRIBUNE\nNews  Sport  Weather  Subscribe\n\n"
        f"Council to review fishing quotas\n\n{BODY}\n\n"
        "Republication is allowed only with an active hyperlink to lakeside-tribune.example\n"
    ),
    # none of these names the outlet: a photo credit, a byline, a source of information, a
    # pronoun, another outlet quoted in the text
    "unnamed.txt": (
        "Quota talks: crews wait for the council\n\n© EPA / Jon Berg\nPhoto: AFP\n\nBy Maria Lopez\n\n"
        f"{BODY}\n\nAccording to the Harbour Gazette, talks could resume in May.\n\n"
        "On Wednesday the Norwegian fisheries minister met union leaders in Bergen.\n\n"
        "Source: Ministry of Fisheries\n\nFollow us on Telegram\n"
    ),
}
EXPECTED = {
    "credit.txt": "Harbour Gazette", "copyright.txt": "Valmora Courier", "invitation.txt": "Northern Ledger",
    "dateline.txt": "Reuters", "masthead.txt": "Lakeside Tribune", "unnamed.txt": None,
    "page.html": "Coastline Herald", "given.jsonl:1": "Given Outlet",
}


def _page() -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Crews and council meet on quotas | "
        "Coastline Herald</title></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Crews and council meet on quotas</h1>{paras}</article>"
        "<footer><a href='/privacy'>Privacy</a></footer></body></html>"
    )


def _prepare(d: Path) -> tuple[Path, list]:
    src = d / "in"
    src.mkdir()
    for name, text in TEXTS.items():
        (src / name).write_text(text, encoding="utf-8")
    (src / "page.html").write_text(_page(), encoding="utf-8")
    record = {"id": "given", "source": "Given Outlet", "text": BODY + "\n\nSource: Other Times"}
    (src / "given.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return d / "outlets.db", [src]


_OUTLETS = prebuild("outlets_db", _prepare, __file__)  # started in the background (tests/conftest.py)


@pytest.fixture(scope="module")
def outlets_db() -> Path:
    return _OUTLETS.wait()


def test_the_outlet_is_read_from_the_text(outlets_db: Path, run_cli) -> None:
    rows = {Path(r["path"]).name: r for r in export_rows(outlets_db)}
    assert {name: r["source"] for name, r in rows.items()} == EXPECTED
    # the same in SQL and in stats; an unknown outlet is '?', never a file
    view = dict(sqlite3.connect(outlets_db).execute("SELECT path, source FROM articles_view").fetchall())
    assert {Path(p).name: s for p, s in view.items()} == EXPECTED
    stats = json.loads(run_cli("stats", "--db", str(outlets_db), "--json").stdout)
    assert stats["sources"]["?"] == 1 and not any(".txt" in s or ".html" in s for s in stats["sources"])


def test_no_file_name_is_ever_an_outlet(outlets_db: Path, run_cli) -> None:
    files = set(TEXTS) | {"page.html", "given.jsonl"}
    events = export_rows(outlets_db, "events")
    assert events
    outlets = {m["outlet"] for e in events for m in e["mentions"]}
    assert None in outlets and not outlets & files  # the unnamed article's events say so, as null
    timeline = run_cli("timeline", "--db", str(outlets_db), "--all", "--evidence").stdout.decode()
    assert "unknown outlet" in timeline and not any(name in timeline for name in files)
    md = run_cli("timeline", "--db", str(outlets_db), "--all", "--format", "md").stdout.decode()
    assert not any(name in md for name in files)
    table = list(csv.DictReader(io.StringIO(
        run_cli("export", "events", "--db", str(outlets_db), "--format", "csv").stdout.decode())))
    for row in table:
        assert not any(name in row["outlets"] for name in files)
        assert set(filter(None, row["outlets"].split("; "))) <= set(EXPECTED.values())
    # the view counts known outlets only
    counted = dict(sqlite3.connect(outlets_db).execute("SELECT id, outlets FROM events_view").fetchall())
    for e in events:
        assert counted[e["id"]] == len({m["outlet"] for m in e["mentions"] if m["outlet"]})


def test_the_events_csv_keeps_every_source_and_target(tmp_path: Path, run_cli) -> None:
    (tmp_path / "talks.txt").write_text(
        "Truce deal signed\n\n"
        "Turkey and Russia signed a ceasefire agreement with Libya on Monday in Moscow, officials said.\n\n"
        "Russia and Turkey called on the Libyan parties to stop fighting on Wednesday.\n",
        encoding="utf-8")
    db = tmp_path / "talks.db"
    assert run_cli("build", str(tmp_path / "talks.txt"), "--db", str(db), "-q").returncode == 0
    events = {e["id"]: e for e in export_rows(db, "events")}
    table = {r["id"]: r for r in csv.DictReader(io.StringIO(
        run_cli("export", "events", "--db", str(db), "--format", "csv").stdout.decode()))}
    assert table.keys() == events.keys()
    compound = [e for e in events.values() if len(e["sources"]) >= 2]
    assert compound, "no event with a compound source"
    for e in events.values():
        row = table[e["id"]]
        assert int(row["n_sources"]) == len(e["sources"]) and int(row["n_targets"]) == len(e["targets"])
        for role in ("source", "target"):
            actors = e[role + "s"]
            if not actors:
                continue
            # one value per actor, in order, in every column of the side
            assert row[f"{role}_actor_id"].split("; ") == [a["actor_id"] for a in actors]
            assert row[f"{role}_name"].split("; ") == [a["name"] for a in actors]
            countries = [a["country"] or "" for a in actors]
            assert (row[f"{role}_country"].split("; ") if any(countries) else [""] * len(actors)) == countries
    deal = next(e for e in compound if {a["actor_id"] for a in e["sources"]} == {"TUR", "RUS"})
    assert {"Turkey", "Russia"} <= set(table[deal["id"]]["source_name"].split("; "))


def _dated_corpus(folder: Path) -> None:
    """A report with its date, an undated report of the same event (dated from the first), and an
    undated article that shares no event (stays undated). Our own sentences."""
    (folder / "wire.jsonl").write_text(json.dumps({
        "id": "wire", "published": "2021-09-08", "title": "Ministers agree on border crossings",
        "text": "Greece and Bulgaria agreed on Wednesday to reopen two border crossings, the foreign "
                "ministries of both countries said in statements issued in Athens and Sofia.",
    }) + "\n", encoding="utf-8")
    (folder / "undated.txt").write_text(
        "Border crossings to reopen\n\n"
        "Greek officials said on Wednesday that Greece and Bulgaria agreed to reopen two border crossings.\n\n"
        "Traffic had been diverted for months, local hauliers said.\n", encoding="utf-8")
    (folder / "nodate.txt").write_text(
        "A quiet week at the port\n\n"
        "Dock workers said the port handled fewer containers than usual, and that the new cranes "
        "were still waiting for their certificates.\n", encoding="utf-8")


def test_one_date_per_article_everywhere(tmp_path: Path, run_cli) -> None:
    src = tmp_path / "in"
    src.mkdir()
    _dated_corpus(src)
    db = tmp_path / "dated.db"
    assert run_cli("build", str(src), "--db", str(db), "-q").returncode == 0
    exported = {Path(a["path"]).name.split(":")[0]: a for a in export_rows(db)}
    undated, nodate = exported["undated.txt"], exported["nodate.txt"]
    assert undated["published_source"] == "corpus" and undated["published"] == "2021-09-08"
    assert nodate["published"] is None
    # SQL: the public view gives the same one date (the table keeps the article's own)
    conn = sqlite3.connect(db)
    view = {i: (p, s, pr) for i, p, s, pr in conn.execute(
        "SELECT id, published, published_source, published_precision FROM articles_view")}
    for a in exported.values():
        assert view[a["id"]] == (a["published"], a["published_source"], a["published_precision"])
    # stats counts the same dates and sources
    stats = json.loads(run_cli("stats", "--db", str(db), "--json").stdout)
    months: dict[str, int] = {}
    for a in exported.values():
        key = a["published"][:7] if a["published"] else "unknown"
        months[key] = months.get(key, 0) + 1
    assert stats["months"] == dict(sorted(months.items()))
    assert stats["date_sources"] == {"corpus": 1, "input": 1, "none": 1}
    # articles CSV
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        run_cli("export", "articles", "--db", str(db), "--format", "csv").stdout.decode()))}
    assert rows[undated["id"]]["published"] == "2021-09-08" and rows[undated["id"]]["published_source"] == "corpus"
    # show
    shown = run_cli("show", undated["id"], "--db", str(db), "--no-marks").stdout.decode()
    assert "published: 2021-09-08 (corpus" in shown and "dated by:" in shown
    assert "published: unknown" in run_cli("show", nodate["id"], "--db", str(db), "--no-marks").stdout.decode()
    # timeline: every report carries its article's one date
    for e in json.loads(run_cli("timeline", "--db", str(db), "--all", "--format", "json").stdout):
        for m in e["mentions"]:
            assert m["published"] == {a["id"]: a["published"] for a in exported.values()}[m["article_id"]]
    evidence = run_cli("timeline", "--db", str(db), "--all", "--evidence").stdout.decode()
    assert f"(2021-09-08; {undated['id']})" in evidence


def test_seed_outlets(seeds_db: Path, run_cli) -> None:
    """The seeds: only the RFI piece names its outlet ("Text by: …"); the others name none (a
    headline quoting another outlet, a photo credit and the sites a text drew on are not its
    outlet), and no file name stands in for one."""
    db = seeds_db
    by_file = {Path(a["path"]).name[:3]: a["source"] for a in export_rows(db)}
    assert by_file == {"000": None, "001": None, "002": "RFI", "003": None, "004": None}
    timeline = run_cli("timeline", "--db", str(db), "--all").stdout.decode()
    assert ".txt" not in timeline
