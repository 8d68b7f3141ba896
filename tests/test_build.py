"""End-to-end build tests through the real CLI and a real SQLite file.

Covers inputs of every accepted kind, bad input (each a recorded failure
with the file name, reason and fix; the build goes on; exit code 1),
idempotent re-runs, and resuming after ``kill -9``.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, db_rows, export_rows

CITIES = ["Valletta", "Tunis", "Algiers", "Rabat", "Nicosia", "Athens", "Sofia", "Baku"]
COUNTRIES = ["Malta", "Tunisia", "Algeria", "Morocco", "Cyprus", "Greece", "Bulgaria"]


def article_text(i: int) -> str:
    """A small plain-text news report with web noise, written for these tests."""
    city = CITIES[i % len(CITIES)]
    return (
        f"Port authority in {city} reopens northern terminal after repairs number {i}\n\n"
        "Photo: Harbour cranes at dawn / Coastal Wire\n\n"
        f"The port authority of {city} reopened its northern container terminal on Monday, "
        f"ending a closure that lasted {i + 3} weeks and diverted ships to smaller harbours.\n\n"
        f"Officials said repairs to the quay wall cost about {i * 7 + 11} million euros and "
        "were finished ahead of the schedule agreed with the contractors.\n\n"
        f"Delegations from {COUNTRIES[i % len(COUNTRIES)]} and {COUNTRIES[(i + 3) % len(COUNTRIES)]} met in "
        f"{city} on Monday to discuss new shipping routes.\n\n"
        "Shipping companies welcomed the decision but warned that congestion would take "
        "several days to clear, because dozens of vessels are still waiting offshore.\n\n"
        "Share on Facebook\nShare on X\nCopy link\n\n"
        "Comments (2)\n"
        "harbourwatcher 12 March 2021 08:15\nAbout time, this took far too long.\n"
        "seagull77 12 March 2021 09:02\nThe old crane is still broken though.\n"
    )


def html_page(title: str, body: list[str], date: str = "2020-06-15") -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Harbour Ledger</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T09:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<article><h1>{title}</h1>
<time datetime="{date}">{date}</time>
{paras}
</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Ferry strike ends after talks</a></li>
<li><a href="/b">New lighthouse opens on the cape</a></li></ul></aside>
<footer>© 2020 Harbour Ledger. All rights reserved. Privacy policy. Terms of use.</footer>
</body></html>"""


BODY = [
    "The coastal guard said on Sunday that two fishing boats had been towed back to port "
    "after their engines failed in rough weather near the islands.",
    "Nobody was hurt, according to a spokesman, who added that the crews had been in radio "
    "contact with the mainland throughout the night.",
    "Local fishermen have asked the regional government for years to pay for a second rescue "
    "vessel, arguing that the only one available is too slow for the open sea.",
]


@pytest.fixture
def good_inputs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "harbour-ledger.example").mkdir(parents=True)
    (d / "a.txt").write_text(article_text(1), encoding="utf-8")
    (d / "harbour-ledger.example" / "b.html").write_text(html_page("Boats towed to port", BODY), encoding="utf-8")
    with gzip.open(d / "c.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(html_page("Rescue vessel debate returns", BODY[::-1], date="2020-07-01"))
    records = [
        {"id": "rec-1", "url": "https://www.example-news.test/x", "title": "Quay wall repairs finished",
         "published": "2020-05-04", "language": "en", "text": article_text(2)},
        {"text": article_text(3), "source": "Wire Service"},
    ]
    (d / "d.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return d


def test_build_every_input_kind(run_cli, good_inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    proc = run_cli("build", str(good_inputs), "--db", str(db))
    assert proc.returncode == 0, proc.stderr.decode()
    rows = export_rows(db)
    assert len(rows) == 5
    by_path = {Path(r["path"].split(":")[0]).name + (":" + r["path"].split(":")[1] if ":" in r["path"] else ""): r for r in rows}
    assert set(by_path) == {"a.txt", "b.html", "c.html.gz", "d.jsonl:1", "d.jsonl:2"}
    rec = by_path["d.jsonl:1"]
    assert rec["id"] == "rec-1" and rec["published"] == "2020-05-04" and rec["source"] == "example-news.test"
    assert by_path["d.jsonl:2"]["source"] == "Wire Service"
    html = by_path["b.html"]
    assert html["title"] == "Boats towed to port"
    assert html["published"] == "2020-06-15"
    # the folder named like a domain is the outlet, named as the page names itself
    assert html["source"] == "Harbour Ledger"
    assert "rescue vessel" in html["text"] and "Accept all cookies" not in html["text"]
    assert by_path["c.html.gz"]["published"] == "2020-07-01"
    for r in rows:
        assert r["language"] == "en"
        assert "Share on Facebook" not in r["text"] and "seagull77" not in r["text"]
        assert set(r) >= {"id", "path", "source", "url", "title", "published", "language", "text", "removed"}
    txt = by_path["a.txt"]
    assert txt["title"].startswith("Port authority in")
    assert any(rem["reason"] == "comments" for rem in txt["removed"])
    # ids are stable: content hash for files without an id
    again = tmp_path / "again.db"
    run_cli("build", str(good_inputs), "--db", str(again))
    assert sorted(r["id"] for r in export_rows(again)) == sorted(r["id"] for r in rows)


def test_stdin_jsonl(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    data = (json.dumps({"id": "s1", "text": article_text(4)}) + "\n").encode()
    proc = run_cli("build", "-", "--db", str(db), input=data)
    assert proc.returncode == 0, proc.stderr.decode()
    rows = export_rows(db)
    assert [r["id"] for r in rows] == ["s1"] and rows[0]["path"] == "-:1"


def test_no_clean_keeps_text(run_cli, tmp_path: Path) -> None:
    f = tmp_path / "clean.txt"
    text = "Already clean first paragraph about the port.\n\nShare on Facebook\n"
    f.write_text(text, encoding="utf-8")
    db = tmp_path / "s.db"
    assert run_cli("build", str(f), "--db", str(db), "--no-clean").returncode == 0
    (row,) = export_rows(db)
    assert "Share on Facebook" in row["text"] and row["removed"] == []


def test_encodings_are_detected(run_cli, tmp_path: Path) -> None:
    d = tmp_path / "enc"
    d.mkdir()
    french = (
        "Le ministre des Affaires étrangères a reçu son homologue à Ankara pour des entretiens "
        "sur la Libye qui ont duré deux jours entiers, a-t-on appris à Genève.\n\n"
        "Les deux délégations ont promis de se revoir à Moscou avant la fin de l'été, "
        "selon un communiqué publié jeudi soir par le ministère."
    )
    turkish = (
        "Dışişleri Bakanı Mevlüt Çavuşoğlu, Rus mevkidaşı ile telefonda görüştü ve Libya "
        "konusunu ele aldı.\n\nGörüşmede kalıcı ateşkesin önemi bir kez daha vurgulandı."
    )
    russian = (
        "Министр иностранных дел провёл телефонный разговор с турецким коллегой.\n\n"
        "Стороны обсудили ситуацию в Ливии и договорились продолжить консультации."
    )
    files = {
        "bom.txt": b"\xef\xbb\xbf" + french.encode("utf-8"),
        "u16.txt": french.encode("utf-16"),  # with BOM
        "u16le.txt": french.encode("utf-16-le"),  # without BOM
        "latin.txt": french.encode("cp1252"),
        "turkish.txt": turkish.encode("cp1254"),
        "russian.txt": russian.encode("cp1251"),
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    db = tmp_path / "s.db"
    proc = run_cli("build", str(d), "--db", str(db))
    assert proc.returncode == 0, proc.stderr.decode()
    rows = {Path(r["path"]).name: r for r in export_rows(db)}
    # the four French files decode to the same text, hence the same content id: one article
    assert set(rows) == {"bom.txt", "turkish.txt", "russian.txt"}
    assert "étrangères" in rows["bom.txt"]["text"] and rows["bom.txt"]["language"] == "fr"
    assert "Çavuşoğlu" in rows["turkish.txt"]["text"] and rows["turkish.txt"]["language"] == "tr"
    assert "Ливии" in rows["russian.txt"]["text"] and rows["russian.txt"]["language"] == "ru"


def bad_inputs(d: Path) -> dict[str, str]:
    """Write one bad input of each kind; return {file name: expected code}."""
    d.mkdir(parents=True, exist_ok=True)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (d / "noise.html").write_bytes(bytes([0, 159, 146, 150, 0, 1, 2, 3]) * 200)
    (d / "huge.txt").write_text("word " * 5000, encoding="utf-8")
    (d / "report.pdf").write_bytes(b"%PDF-1.4 fake")
    (d / "nav.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav></body></html>", encoding="utf-8"
    )
    (d / "notext.json").write_text(json.dumps({"id": "x1", "title": "No body"}), encoding="utf-8")
    (d / "broken.gz.html.gz").write_bytes(b"not gzip at all")
    return {
        "empty.txt": "E101", "blank.txt": "E101", "image.txt": "E103", "noise.html": "E103",
        "huge.txt": "E102", "report.pdf": "E105", "nav.html": "E201", "notext.json": "E107",
        "broken.gz.html.gz": "E103",
    }


def test_bad_input_is_reported_and_build_goes_on(run_cli, tmp_path: Path) -> None:
    d = tmp_path / "in"
    expected = bad_inputs(d)
    (d / "good.txt").write_text(article_text(5), encoding="utf-8")
    lines = [
        json.dumps({"id": "ok-1", "text": article_text(6)}),
        '{"id": "bad", "text": "unterminated',
        json.dumps({"id": "ok-2", "text": article_text(7)}),
        "[1, 2, 3]",
    ]
    (d / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    proc = run_cli("build", str(d), "--db", str(db), "--max-bytes", "20000")
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    failures = {Path(f["path"]).name: f for f in export_rows(db, "failures")}
    for name, code in expected.items():
        assert failures[name]["code"] == code, (name, failures.get(name))
        assert name in failures[name]["message"] and name in err
    assert failures["mixed.jsonl:2"]["code"] == "E106"
    assert failures["mixed.jsonl:4"]["code"] == "E106"
    # every message says what to do
    for f in failures.values():
        assert f["message"].startswith("[E") and any(
            w in f["message"] for w in ("Remove", "Convert", "Split", "Re-save", "Fix", "leave", "Check", "needs")
        ), f
    ids = sorted(r["id"] for r in export_rows(db))
    assert "ok-1" in ids and "ok-2" in ids and len(ids) == 3  # good.txt + two good JSONL lines


def test_rebuild_is_idempotent(run_cli, good_inputs: Path, tmp_path: Path) -> None:
    bad_inputs(good_inputs / "bad")
    db = tmp_path / "s.db"
    first = run_cli("build", str(good_inputs), "--db", str(db), "--max-bytes", "20000")
    before = (export_rows(db), export_rows(db, "failures"))
    second = run_cli("build", str(good_inputs), "--db", str(db), "--max-bytes", "20000")
    assert first.returncode == second.returncode == 1
    assert "0 new or updated" in second.stderr.decode()
    assert (export_rows(db), export_rows(db, "failures")) == before
    counts = db_rows(db, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM _documents), (SELECT count(*) FROM _stage_runs)")
    assert counts == [(5, 6, 25)]  # five stages per article; nav.html's raw input is kept, though it has no article


def test_changed_file_is_reprocessed(run_cli, tmp_path: Path) -> None:
    f = tmp_path / "one.json"
    f.write_text(json.dumps({"id": "fixed", "text": article_text(8)}), encoding="utf-8")
    db = tmp_path / "s.db"
    run_cli("build", str(f), "--db", str(db))
    f.write_text(json.dumps({"id": "fixed", "text": article_text(9)}), encoding="utf-8")
    proc = run_cli("build", str(f), "--db", str(db))
    assert "1 new or updated" in proc.stderr.decode()
    (row,) = export_rows(db)
    assert "repairs number 9" in row["title"]


def test_corrupt_database_is_a_clear_error(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "not.db"
    db.write_bytes(b"this is not sqlite" * 100)
    proc = run_cli("stats", "--db", str(db))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "E401" in err and "Traceback" not in err


# the killed builds' corpus: reports 0-15 and 56-59 (a country pair, every 7th report, meets in a
# city, every 8th: reports 56-59 tell the meetings of 0-3 again, and 0 and 7 are the same pair in
# two cities); small, so that each build is quick, while every build still commits one article at a
# time and is killed part-way
KILLED = [*range(16), *range(56, 60)]


def _committed(db: Path) -> int:
    """Articles a (running or killed) build has committed; 0 before the schema is made."""
    try:  # read-only, and closed at once: an open connection would keep the build from folding its -wal back in
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return 0
    try:
        made = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0] if made else 0
    except sqlite3.Error:  # a kill while the schema is being made leaves a database without the view yet
        return 0
    finally:
        conn.close()


@pytest.mark.slow
def test_kill_9_and_resume_matches_uninterrupted_build(run_cli, tmp_path: Path) -> None:
    d = tmp_path / "many"
    d.mkdir()
    for i in KILLED:
        (d / f"{i:03d}.txt").write_text(article_text(i), encoding="utf-8")
    bad_inputs(d / "bad")
    reference = tmp_path / "ref.db"
    run_cli("build", str(d), "--db", str(reference), "--max-bytes", "20000")
    expected = (export_rows(reference), export_rows(reference, "failures"), export_rows(reference, "events"))
    assert len(expected[0]) == len(KILLED)
    # 20 reports of 16 meetings: the same pair in the same city on the same Monday is one meeting,
    # the same pair in two cities two (the resumed build must also rebuild the linked events; the
    # sentence classifier may propose events of its own in the other sentences)
    assert len([e for e in expected[2] if e["type"] == "CONSULT"]) == 16

    env = {**os.environ, "STORYLINE_BATCH_SIZE": "1"}
    # killed as soon as the database file is there (the schema being made), and after a quarter and
    # a half of the articles were committed (half of them still to come: the kill lands before
    # the build ends, however slowly this process polls)
    for at in (0, len(KILLED) // 4, len(KILLED) // 2):
        db = tmp_path / f"killed-{at}.db"
        proc = subprocess.Popen(
            [sys.executable, "-m", "storyline", "build", str(d), "--db", str(db), "--max-bytes", "20000", "-q"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 300
        while not db.exists() or (at and _committed(db) < at):
            assert proc.poll() is None, "the build ended before it was killed"
            assert time.monotonic() < deadline, "the build committed nothing in time"
            time.sleep(0.1)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        n = _committed(db)
        assert at <= n < len(KILLED)  # it really stopped part-way
        resumed = run_cli("build", str(d), "--db", str(db), "--max-bytes", "20000")
        assert resumed.returncode == 1  # the bad inputs still fail
        assert (export_rows(db), export_rows(db, "failures"), export_rows(db, "events")) == expected


def test_huge_unbroken_paragraph_is_processed(run_cli, tmp_path: Path) -> None:
    """An article in one long paragraph is cut into pieces the model takes, not an internal error."""
    from storyline.stages.annotate import _MAX_CHUNK, _chunks

    sentence = "Officials from Malta and Tunisia met in Valletta on Monday to discuss fishing quotas "
    body = sentence * 1_500  # ~130,000 characters without a line break
    pieces = _chunks(10, body)
    assert len(pieces) >= 3 and all(len(p) <= _MAX_CHUNK for _, p in pieces)
    assert "".join(p for _, p in pieces) == body and pieces[1][0] == 10 + len(pieces[0][1])
    f = tmp_path / "huge.txt"
    f.write_text("Harbour talks run long\n\n" + body + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    proc = run_cli("build", str(f), "--db", str(db))
    assert proc.returncode == 0, proc.stderr.decode()
    (row,) = export_rows(db)
    assert len(row["text"]) > 100_000
