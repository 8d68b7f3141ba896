"""Everyday use, as a new user meets it (issue 10), through the real CLI and real SQLite files:
a database that cannot be opened, a broken knowledge extension, a mistyped path and Ctrl-C
stop a build in one line (exit 2, or 130) without leaving an empty database; commands that
only read leave no file behind and never create a database; ids are found by any unambiguous
prefix, and 'storyline articles' lists them."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, export_rows, prebuild
from storyline import read
from storyline.cli import cli
from test_build import article_text

READ_COMMANDS = [
    ["export", "articles"], ["export", "events"], ["show", "dam-1"], ["articles"], ["stats"], ["timeline"],
    ["actors"], ["places"], ["search", "harbour"],
]


def _one_error_line(stderr: str, code: str) -> str:
    """The error as the user sees it: one line, with the code, no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"Error: [{code}] "), stderr
    return lines[0]


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def one_input(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "a.txt"
    path.parent.mkdir()
    path.write_text(article_text(1), encoding="utf-8")
    return path


# -- item 1: a database that cannot be opened ------------------------------------------------


@pytest.mark.parametrize("where, detail, fix", [
    ("missing-folder/x.db", "does not exist", "mkdir -p"),
    ("a-folder", "it is a directory", "storyline.db"),
    ("a-file/x.db", "is a file, not a folder", "Point --db"),
])
def test_a_database_that_cannot_be_opened_is_one_line(run_cli, tmp_path: Path, one_input: Path,
                                                      where: str, detail: str, fix: str) -> None:
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    before = _files(tmp_path)
    proc = run_cli("build", str(one_input), "--db", str(tmp_path / where))
    assert proc.returncode == 2
    line = _one_error_line(proc.stderr.decode(), "E406")
    assert detail in line and fix in line and str(tmp_path / where) in line
    assert _files(tmp_path) == before and _files(tmp_path / "a-folder") == []


def test_a_read_only_place_is_one_line(run_cli, tmp_path: Path, one_input: Path) -> None:
    """/proc takes no new files, even from root; where we are not root, a folder without write
    permission does the same."""
    places = [Path("/proc") / f"storyline-{os.getpid()}.db"] if Path("/proc/self").is_dir() else []
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        places.append(locked / "x.db")
    if not places:
        pytest.skip("no read-only place to try on this system")
    for db in places:
        proc = run_cli("build", str(one_input), "--db", str(db))
        assert proc.returncode == 2, proc.stderr.decode()
        line = _one_error_line(proc.stderr.decode(), "E406")
        assert str(db) in line and "a place you can write to" in line
        assert not db.exists()


def test_reading_a_folder_or_nothing_is_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    (tmp_path / "a-folder").mkdir()
    for command in READ_COMMANDS:
        got = runner.invoke(cli, [*command, "--db", str(tmp_path / "a-folder")])
        assert got.exit_code == 2, (command, got.output)
        assert "it is a directory" in _one_error_line(got.stderr, "E406")
        got = runner.invoke(cli, [*command, "--db", str(tmp_path / "none.db")])
        assert got.exit_code == 2, (command, got.output)
        line = _one_error_line(got.stderr, "E407")
        assert "storyline build" in line and "$STORYLINE_DB" in line
    assert _files(tmp_path) == ["a-folder"]  # no database was made


# -- item 2: a broken knowledge extension stops the build at once ------------------------------


def test_a_bad_knowledge_extension_stops_the_build_before_any_article(run_cli, tmp_path: Path, one_input: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "people-mine.jsonl").write_text(json.dumps({
        "id": "jane-roe", "name": "Jane Roe", "country": "LBY",
        "roles": [{"role": "chief-wizard", "start": "2020-01"}],
    }) + "\n", encoding="utf-8")
    db = tmp_path / "x.db"
    proc = run_cli("build", str(one_input), "--db", str(db), env={"STORYLINE_KNOWLEDGE": str(kb)})
    assert proc.returncode == 2
    line = _one_error_line(proc.stderr.decode(), "E301")
    assert "people-mine.jsonl: line 1" in line and "unknown role 'chief-wizard'" in line
    assert "E900" not in line and not db.exists()
    # a missing extension folder is told the same way
    proc = run_cli("build", str(one_input), "--db", str(db), env={"STORYLINE_KNOWLEDGE": str(tmp_path / "nokb")})
    assert proc.returncode == 2 and "STORYLINE_KNOWLEDGE" in _one_error_line(proc.stderr.decode(), "E301")
    assert not db.exists()


def _count(db: Path, sql: str = "SELECT count(*) FROM articles") -> int:
    """Read a database a build is writing, and close the connection (an open one would keep
    the build from folding its -wal back in)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return 0
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def _start_build(corpus: Path, db: Path, *extra: str, env: dict | None = None, group: bool = False) -> subprocess.Popen:
    full = {**os.environ, "STORYLINE_BATCH_SIZE": "1", **(env or {})}
    full.pop("STORYLINE_DB", None)
    return subprocess.Popen(
        [sys.executable, "-m", "storyline", "build", str(corpus), "--db", str(db), *extra],
        cwd=ROOT, env=full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=group,
        preexec_fn=_sigint_as_at_a_terminal,
    )


def _sigint_as_at_a_terminal() -> None:
    """A shell that starts the test run in the background (`make test &`) ignores SIGINT, and
    the build would inherit that; at a terminal Ctrl-C has its default meaning."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_articles(proc: subprocess.Popen, db: Path, n: int, limit: float = 240) -> None:
    deadline = time.monotonic() + limit
    while _count(db) < n:
        assert proc.poll() is None, proc.communicate()[1].decode()
        assert time.monotonic() < deadline, "the build committed nothing in time"
        time.sleep(0.2)


@pytest.mark.slow
def test_a_knowledge_file_broken_during_the_build_stops_it(tmp_path: Path) -> None:
    """A knowledge error that shows only once articles are processed (here: the extension is
    edited while the build runs, in a worker process) stops the build with E301, not one E900
    per article; what was committed stays, and the build resumes once the file is fixed."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"{i:03d}.txt").write_text(article_text(i), encoding="utf-8")
    kb = tmp_path / "kb"
    kb.mkdir()
    good = json.dumps({"id": "jane-roe", "name": "Jane Roe", "country": "LBY", "aliases": ["J. Roe"]}) + "\n"
    (kb / "people-mine.jsonl").write_text(good, encoding="utf-8")
    db = tmp_path / "x.db"
    env = {"STORYLINE_KNOWLEDGE": str(kb)}
    proc = _start_build(corpus, db, "-q", "--jobs", "2", env=env)
    _wait_for_articles(proc, db, 1)
    (kb / "people-mine.jsonl").write_text(good.replace('"aliases"', '"alises"'), encoding="utf-8")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 2, err.decode()
    line = _one_error_line(err.decode(), "E301")
    assert "people-mine.jsonl: line 1" in line and "alises" in line
    assert 1 <= _count(db) < 40
    assert _count(db, "SELECT count(*) FROM failures") == 0  # no article was blamed
    (kb / "people-mine.jsonl").write_text(good, encoding="utf-8")
    again = subprocess.run(
        [sys.executable, "-m", "storyline", "build", str(corpus), "--db", str(db), "-q"],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True,
    )
    assert again.returncode == 0, again.stderr.decode()
    assert _count(db) == 40


# -- item 9: a mistyped path; Ctrl-C -----------------------------------------------------------


def test_a_mistyped_path_stops_the_build_and_makes_no_database(run_cli, tmp_path: Path, one_input: Path) -> None:
    db = tmp_path / "x.db"
    proc = run_cli("build", str(tmp_path / "no" / "such"), str(one_input), str(tmp_path / "typo.txt"), "--db", str(db))
    assert proc.returncode == 2
    line = _one_error_line(proc.stderr.decode(), "E108")
    assert str(tmp_path / "no" / "such") in line and str(tmp_path / "typo.txt") in line and "Check the paths" in line
    assert not db.exists() and _files(tmp_path) == ["in"]
    # the same inputs without the typos build
    proc = run_cli("build", str(one_input), "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr.decode()


INTERRUPT_CORPUS = 12  # small: each build is quick; the builds commit one article at a time, and stop after two


def _prepare_interrupt(folder: Path) -> tuple[Path, list]:
    corpus = folder / "in"
    corpus.mkdir()
    for i in range(INTERRUPT_CORPUS):
        (corpus / f"{i:03d}.txt").write_text(article_text(i), encoding="utf-8")
    return folder / "ref.db", [corpus]


_REFERENCE = prebuild("corpus", _prepare_interrupt, __file__)  # started in the background (tests/conftest.py)


@pytest.fixture(scope="module")
def corpus() -> tuple[Path, tuple]:
    """INTERRUPT_CORPUS small reports and the exports of their uninterrupted build."""
    reference = _REFERENCE.wait()
    return reference.parent / "in", _exports(reference)


def _exports(db: Path) -> tuple:
    return export_rows(db), export_rows(db, "failures"), export_rows(db, "events")


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_says_how_to_resume_and_the_rerun_equals_an_uninterrupted_build(
    run_cli, corpus: tuple[Path, tuple], tmp_path: Path, jobs: str
) -> None:
    """SIGINT mid-build, as Ctrl-C sends it (to the whole process group when there are worker
    processes): exit 130 with the message, no traceback; the same command then completes the
    database to exactly what an uninterrupted build makes."""
    folder, expected = corpus
    db = tmp_path / "x.db"
    proc = _start_build(folder, db, "--jobs", jobs, group=jobs != "1")
    _wait_for_articles(proc, db, 2)
    if jobs == "1":
        proc.send_signal(signal.SIGINT)
    else:
        os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    text = err.decode()
    assert proc.returncode == 130, text
    assert "interrupted; run the same command again to resume" in text
    assert "Traceback" not in text and "Aborted" not in text
    assert 2 <= _count(db) < INTERRUPT_CORPUS  # it really stopped part-way
    assert _files(tmp_path) == ["x.db"]  # closed cleanly: one file
    again = run_cli("build", str(folder), "--db", str(db), "-q", "--jobs", jobs)
    assert again.returncode == 0, again.stderr.decode()
    assert _exports(db) == expected


# -- item 13: commands that read leave nothing behind; item 8: ids and 'storyline articles' ------

RECORDS = [
    {"id": "dam-1", "title": "Harbour of Valletta reopens", "published": "2020-06-01", "language": "en",
     "source": "Coastal Wire", "text": article_text(1)},
    {"id": "dam-2", "title": "Tunis terminal repaired", "published": "2020-06-20", "language": "en",
     "source": "Harbour Ledger", "text": article_text(2)},
    {"id": "dune-3", "title": "Le port d'Alger rouvre", "published": "2020-07-05", "language": "fr",
     "source": "Courrier du Port",
     "text": "Le port d'Alger a rouvert son terminal nord après des travaux.\n\n"
             "Les armateurs ont salué la décision, mais la congestion durera plusieurs jours."},
    {"id": "Echo-4", "title": "Fishermen ask for a rescue vessel", "language": "en",
     "text": "Local fishermen asked the regional government to pay for a second rescue vessel.\n\n"
             "They argue that the only boat available is too slow for the open sea."},
]


@pytest.fixture(scope="module")
def ids_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ids")
    source = folder / "records.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    db = folder / "db" / "ids.db"
    db.parent.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "storyline", "build", str(source), "--db", str(db), "-q"], cwd=ROOT, capture_output=True,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert _files(db.parent) == ["ids.db"]  # a build leaves one file
    return db


def _sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def test_commands_that_read_leave_no_file_and_change_nothing(ids_db: Path) -> None:
    runner = CliRunner()
    before = _sha1(ids_db)
    for command in READ_COMMANDS:
        got = runner.invoke(cli, [*command, "--db", str(ids_db)])
        assert got.exit_code == 0, (command, got.output)
        assert _files(ids_db.parent) == ["ids.db"], command
        assert _sha1(ids_db) == before, command


def test_a_database_left_in_wal_mode_is_read_without_leaving_files(ids_db: Path, tmp_path: Path) -> None:
    """A file an older Storyline (or another SQLite tool) left in WAL mode."""
    db = tmp_path / "old.db"
    shutil.copy(ids_db, db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    conn.close()
    got = CliRunner().invoke(cli, ["stats", "--db", str(db), "--json"])
    assert got.exit_code == 0, got.output
    assert json.loads(got.stdout)["articles"] == len(RECORDS)
    assert _files(tmp_path) == ["old.db"]
    got = CliRunner().invoke(cli, ["articles", "--db", str(db)])
    assert got.exit_code == 0 and _files(tmp_path) == ["old.db"]


def test_show_by_any_unambiguous_prefix(ids_db: Path) -> None:
    runner = CliRunner()
    for ident, expected in [("dam-1", "dam-1"), ("du", "dune-3"), ("dune-3", "dune-3"), ("echo", "Echo-4"), ("E", "Echo-4")]:
        got = runner.invoke(cli, ["show", ident, "--db", str(ids_db), "--no-marks"])
        assert got.exit_code == 0, (ident, got.output)
        assert f"id:        {expected}\n" in got.stdout


def test_an_ambiguous_prefix_lists_the_matches(ids_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    got = runner.invoke(cli, ["show", "d", "--db", str(ids_db)])
    assert got.exit_code == 2 and "Traceback" not in got.stderr
    first, *matches = got.stderr.splitlines()
    assert first.startswith("Error: [E502] 'd' is ambiguous: 3 articles") and "Give more characters" in first
    assert [m.split()[0] for m in matches] == ["dam-1", "dam-2", "dune-3"]
    assert "2020-06-01" in matches[0] and "Coastal Wire" in matches[0] and "Harbour of Valletta reopens" in matches[0]
    got = runner.invoke(cli, ["show", "dam", "--db", str(ids_db)])
    assert got.exit_code == 2 and "2 articles" in got.stderr
    # a long list is cut, with the command that lists them all
    monkeypatch.setattr(read, "AMBIGUOUS_SHOWN", 2)
    got = runner.invoke(cli, ["show", "d", "--db", str(ids_db)])
    assert got.stderr.splitlines()[-1].strip() == f"… and 1 more: storyline articles --id d --db {ids_db}"


def test_an_unknown_id_says_so(ids_db: Path) -> None:
    got = CliRunner().invoke(cli, ["show", "zz", "--db", str(ids_db)])
    assert got.exit_code == 2
    line = _one_error_line(got.stderr, "E501")
    assert "'zz'" in line and "storyline articles" in line


def test_articles_lists_id_date_outlet_language_title(ids_db: Path) -> None:
    runner = CliRunner()
    got = runner.invoke(cli, ["articles", "--db", str(ids_db)])
    assert got.exit_code == 0, got.output
    header, *rows = got.stdout.splitlines()
    assert header.split() == ["id", "date", "outlet", "lang", "title"]
    assert [r.split()[0] for r in rows] == ["dam-1", "dam-2", "dune-3", "Echo-4"]  # by date, undated last
    assert rows[0].split()[1:3] == ["2020-06-01", "Coastal"] and rows[0].endswith("Harbour of Valletta reopens")
    assert rows[3].split()[1:4] == ["undated", "-", "en"]
    assert rows[0].index(" en ") + 1 == header.index("lang") == rows[1].index(" en ") + 1  # columns line up

    def ids(*options: str) -> list[str]:
        got = runner.invoke(cli, ["articles", "--db", str(ids_db), "--format", "json", *options])
        assert got.exit_code == 0, got.output
        return [r["id"] for r in json.loads(got.stdout)]

    assert ids("--language", "FR") == ["dune-3"]
    assert ids("--outlet", "harbour") == ["dam-2"]
    assert ids("--since", "2020-06-02") == ["dam-2", "dune-3"]
    assert ids("--until", "2020-06") == ["dam-1", "dam-2"]
    assert ids("--since", "2020", "--until", "2020-07-05") == ["dam-1", "dam-2", "dune-3"]
    assert ids("--undated") == ["Echo-4"]
    assert ids("--id", "d") == ["dam-1", "dam-2", "dune-3"]
    assert ids("--limit", "2") == ["dam-1", "dam-2"]
    record = json.loads(runner.invoke(cli, ["articles", "--db", str(ids_db), "--format", "json", "--id", "dune"]).stdout)
    assert record == [{
        "id": "dune-3", "published": "2020-07-05", "published_precision": "day", "published_source": "input",
        "source": "Courrier du Port", "language": "fr", "title": "Le port d'Alger rouvre",
        "path": record[0]["path"],
    }]
    assert record[0]["path"].endswith("records.jsonl:3")


def test_articles_says_what_it_left_out(ids_db: Path) -> None:
    runner = CliRunner()
    got = runner.invoke(cli, ["articles", "--db", str(ids_db), "--limit", "1"])
    assert got.exit_code == 0 and len(got.stdout.splitlines()) == 2
    assert got.stderr.strip() == "… 3 more of 4 (--limit 0 lists all)."
    got = runner.invoke(cli, ["articles", "--db", str(ids_db), "--language", "ar"])
    assert got.exit_code == 0 and got.stdout == "" and got.stderr.strip() == "No article matches."
    got = runner.invoke(cli, ["articles", "--db", str(ids_db), "--since", "June 2020"])
    assert got.exit_code == 2 and "YYYY-MM-DD" in got.stderr
