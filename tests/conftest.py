"""Shared fixtures: the real CLI, real SQLite files (databases several tests read are built once,
in the background: Prebuild), and ../shared when present."""

from __future__ import annotations

import concurrent.futures
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
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


def invoke_cli(*args: str) -> subprocess.CompletedProcess:
    """`storyline ARGS` run in this process (click's runner) for tests that read many answers
    from a database: the CLI's own code without starting an interpreter and loading the
    knowledge for each; returns what a subprocess would (returncode, stdout, stderr as bytes).
    Each module also runs its commands the real way (run_cli: `python -m storyline`)."""
    from click.testing import CliRunner

    from storyline.cli import cli

    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return subprocess.CompletedProcess(["storyline", *args], result.exit_code, result.stdout_bytes, result.stderr_bytes)


def export_rows(db: Path, what: str = "articles") -> list[dict]:
    """What `storyline export WHAT --db DB` writes, one dict a line (run in this process:
    invoke_cli; tests of the command itself run `python -m storyline export` with run_cli)."""
    proc = invoke_cli("export", what, "--db", str(db))
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]


def db_rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# -- databases several tests read, built in the background ----------------------------------
#
# A build is a subprocess on one core. Each database that several tests only read is built once
# (the fixtures below and a few modules' own), and that build starts in a background thread as
# soon as the tests are collected, one build at a time, in the order the selected tests need
# them: it runs while other tests run, and the fixture waits for it. Only builds that selected
# tests use are started; each builds with the environment of the session's start.

class Prebuild:
    """One database built with `python -m storyline build ARGS --db DB -q`; ``prepare(folder)``
    writes any inputs into an empty folder and returns (DB, ARGS)."""

    def __init__(self, name: str, prepare) -> None:
        self.name, self.prepare = name, prepare
        self.future = None
        self.proc: subprocess.Popen | None = None

    def start(self, env: dict) -> None:
        if self.future is None:
            self.future = _prebuild_pool().submit(self._build, env)

    def _build(self, env: dict) -> Path:
        if _PREBUILD_STOP.is_set():
            raise RuntimeError("the test session ended")
        folder = Path(tempfile.mkdtemp(prefix=f"storyline-{self.name}-"))
        _PREBUILD_FOLDERS.append(folder)
        db, args = self.prepare(folder)
        self.proc = subprocess.Popen([sys.executable, "-m", "storyline", "build", *map(str, args), "--db", str(db), "-q"],
                                     cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, err = self.proc.communicate(timeout=900)
        assert self.proc.returncode == 0, f"building {self.name} failed: {err.decode()}"
        return db

    def wait(self) -> Path:
        """The built database (started now if no selected test was known to need it)."""
        self.start(dict(os.environ))
        return self.future.result()


_PREBUILDS: dict[tuple[str | None, str], Prebuild] = {}
_PREBUILD_FOLDERS: list[Path] = []
_PREBUILD_STOP = threading.Event()
_PREBUILD_POOL: list[concurrent.futures.ThreadPoolExecutor] = []


def _prebuild_pool() -> concurrent.futures.ThreadPoolExecutor:
    if not _PREBUILD_POOL:
        _PREBUILD_POOL.append(concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="prebuild"))
    return _PREBUILD_POOL[0]


def prebuild(fixture: str, prepare, module: str | None = None) -> Prebuild:
    """Register the build behind FIXTURE (of MODULE, a test file's __file__; None: conftest's)."""
    key = (str(Path(module).resolve()) if module else None, fixture)
    _PREBUILDS[key] = Prebuild(f"{Path(module).stem}-{fixture}" if module else fixture, prepare)
    return _PREBUILDS[key]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items) -> None:
    if config.option.collectonly:
        return
    env = dict(os.environ)
    for item in items:  # in the order the tests run
        for name in getattr(item, "fixturenames", ()):
            build = _PREBUILDS.get((str(Path(item.path).resolve()), name)) or _PREBUILDS.get((None, name))
            if build is not None:
                build.start(env)


def pytest_sessionfinish(session, exitstatus) -> None:
    _PREBUILD_STOP.set()
    for build in _PREBUILDS.values():
        if build.proc is not None and build.proc.poll() is None:
            build.proc.kill()
    if _PREBUILD_POOL:
        _PREBUILD_POOL[0].shutdown(wait=True, cancel_futures=True)
    for folder in _PREBUILD_FOLDERS:
        shutil.rmtree(folder, ignore_errors=True)


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


def _prepare_seeds(folder: Path) -> tuple[Path, list]:
    return folder / "seeds.db", [SHARED / "seeds"]


_SEEDS = prebuild("seeds_db", _prepare_seeds)


@pytest.fixture(scope="session")
def seeds_db() -> Path:
    """The five seed articles (../shared/seeds) built once with the real CLI, for every test that
    reads what they give (tests only read it); skipped when ../shared is absent."""
    shared_path("seeds")
    return _SEEDS.wait()


_CORPUS = prebuild("corpus_db", lambda folder: (folder / "corpus.db", [ROOT / "examples" / "corpus"]))


@pytest.fixture(scope="session")
def corpus_db() -> Path:
    """The bundled example corpus (examples/corpus, 32 articles) built once with the real CLI,
    as `make demo` builds it, for every test that reads what it gives (tests only read it)."""
    return _CORPUS.wait()


def _prepare_web(folder: Path) -> tuple[Path, list]:
    seeds = SHARED / "seeds"
    inputs = [seeds] if seeds.is_dir() else sorted((ROOT / "examples" / "corpus").iterdir())[:5]
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({
        "id": "hostile0000000001", "title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "source": HOSTILE_OUTLET,
        "published": "2021-03-01", "language": "en",
    }) + "\n", encoding="utf-8")
    return folder / "web.db", [*inputs, hostile]


_WEB = prebuild("web_db", _prepare_web)


@pytest.fixture(scope="session")
def web_db() -> Path:
    """A database built with the real CLI from the five seed articles (../shared/seeds; else five
    files of examples/corpus) and one hostile article whose title, text and outlet carry
    <script>, onerror= and onload= payloads."""
    return _WEB.wait()


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
