"""Shared fixtures: the real CLI, real SQLite files in tmp_path, and ../shared when present."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path inside ../shared, or skip the test with a clear message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: this test needs ../shared beside the checkout (CI has it)")
    return path


@pytest.fixture
def run_cli():
    """Run `python -m storyline ARGS` as a user would; returns the CompletedProcess."""

    def run(*args: str, input: bytes | None = None, cwd: Path | None = None, env: dict | None = None):
        full_env = {**os.environ, **(env or {})}
        full_env.pop("STORYLINE_DB", None)
        return subprocess.run(
            [sys.executable, "-m", "storyline", *args],
            input=input,
            capture_output=True,
            cwd=cwd or ROOT,
            env=full_env,
            timeout=600,
        )

    return run


def export_rows(db: Path, what: str = "articles") -> list[dict]:
    """What `storyline export WHAT --db DB` writes, one dict a line. The command runs in this
    process (click's runner), as the CLI's own code, without starting an interpreter and loading
    the knowledge for each of the many exports the tests read; tests of the command itself run
    `python -m storyline export` (run_cli)."""
    from click.testing import CliRunner

    from storyline.cli import cli

    result = CliRunner().invoke(cli, ["export", what, "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr_bytes.decode("utf-8", "replace")
    return [json.loads(line) for line in result.stdout_bytes.decode("utf-8").splitlines()]


def db_rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# -- the web view: one database and one real server for test_web.py and test_browser.py -------

HOSTILE_TITLE = ('<script>window.__pwned = "title"; document.title = "pwned"</script>'
                 '<img src=x onerror="window.__pwned = \'title-img\'"> Ankara talks')
HOSTILE_TEXT = (
    "Turkey accused Greece of violating its airspace on Monday, officials in Ankara said. "
    '<script>window.__pwned = "body"; document.title = "pwned"</script> '
    "<img src=x onerror=\"window.__pwned='body-img'\"> "
    "Greece rejected the accusation on Tuesday and the Greek government summoned the Turkish ambassador in Athens. "
    '"><svg onload="window.__pwned=\'svg\'"></svg> Officials met again in Athens on Wednesday.'
)
HOSTILE_OUTLET = "<b onmouseover=\"window.__pwned='outlet'\">Hostile Wire</b>"


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seed articles (../shared/seeds) built once with the real CLI, for every test that
    reads what they give (tests only read it); skipped when ../shared is absent."""
    seeds = shared_path("seeds")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    proc = subprocess.run([sys.executable, "-m", "storyline", "build", str(seeds), "--db", str(db), "-q"],
                          cwd=ROOT, capture_output=True, timeout=900)
    assert proc.returncode == 0, proc.stderr.decode()
    return db


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example corpus (examples/corpus, 32 articles) built once with the real CLI,
    as `make demo` builds it, for every test that reads what it gives (tests only read it)."""
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    proc = subprocess.run([sys.executable, "-m", "storyline", "build", str(ROOT / "examples" / "corpus"), "--db", str(db), "-q"],
                          cwd=ROOT, capture_output=True, timeout=900)
    assert proc.returncode == 0, proc.stderr.decode()
    return db


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built with the real CLI from the five seed articles (../shared/seeds; else five
    files of examples/corpus) and one hostile article whose title, text and outlet carry
    <script>, onerror= and onload= payloads."""
    seeds = SHARED / "seeds"
    inputs = [str(seeds)] if seeds.is_dir() else [str(p) for p in sorted((ROOT / "examples" / "corpus").iterdir())[:5]]
    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({
        "id": "hostile0000000001", "title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "source": HOSTILE_OUTLET,
        "published": "2021-03-01", "language": "en",
    }) + "\n", encoding="utf-8")
    db = folder / "web.db"
    proc = subprocess.run([sys.executable, "-m", "storyline", "build", *inputs, str(hostile), "--db", str(db), "-q"],
                          cwd=ROOT, capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode()
    return db


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def web_server(web_db: Path):
    """`storyline serve` on the web database, a real uvicorn on a free localhost port; yields
    its base URL and stops it afterwards."""
    import time
    import urllib.request

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "serve", "--db", str(web_db), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/stories", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"storyline serve did not start: {proc.stderr.read().decode() if proc.poll() is not None else 'timeout'}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
