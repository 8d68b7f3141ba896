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
    out = subprocess.run(
        [sys.executable, "-m", "storyline", "export", what, "--db", str(db)],
        capture_output=True, check=True, cwd=ROOT,
    )
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]


def db_rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
