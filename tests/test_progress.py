"""A build's progress (issue 10, item 7): per stage over articles, with a rate and an ETA, on
a terminal's standard error only; `-v` logs each stage's start and end with counts and times;
`-q` silences it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from storyline.progress import count_articles

ARTICLE_STAGES = ("clean", "annotate", "resolve", "code", "anchor")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Four inputs: a text, a JSONL file of two records, and an empty file (a failure)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Talks in Ankara\n\nTurkish Foreign Minister Mevlüt Çavuşoğlu met his Russian counterpart Sergey Lavrov "
        "in Ankara on 16 September 2020 to discuss Libya.\n", encoding="utf-8")
    records = [
        {"id": "r1", "title": "Ceasefire call", "published": "2020-01-08",
         "text": "Russia and Turkey called for a ceasefire in Libya on Wednesday."},
        {"id": "r2", "title": "Haftar leaves Moscow", "published": "2020-01-14",
         "text": "Khalifa Haftar left Moscow on Tuesday without signing the ceasefire agreement."},
    ]
    (folder / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def _on_a_terminal(*args: str, cwd: Path) -> tuple[int, str, str]:
    """Run `python -m storyline ARGS` with standard error on a pseudo-terminal, as in a shell;
    returns the exit code, standard output, and what the terminal received."""
    master, slave = os.openpty()
    env = {**os.environ, "COLUMNS": "160"}
    env.pop("STORYLINE_DB", None)
    proc = subprocess.Popen([sys.executable, "-m", "storyline", *args], stdout=subprocess.PIPE, stderr=slave,
                            stdin=subprocess.DEVNULL, cwd=cwd, env=env)
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the other side closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    out, _ = proc.communicate(timeout=600)
    reader.join(timeout=30)
    os.close(master)
    return proc.returncode, out.decode("utf-8"), b"".join(chunks).decode("utf-8", "replace")


def _final_screen(raw: str) -> list[str]:
    """The lines left on the terminal: after the last redraw of the progress lines."""
    last = raw.rsplit("\x1b[J", 1)[-1]
    return [ANSI.sub("", line).rstrip() for line in last.replace("\r", "").splitlines() if line.strip()]


def test_count_articles_counts_records_not_files(inputs: Path) -> None:
    assert count_articles([str(inputs)]) == 4
    assert count_articles([str(inputs / "b.jsonl")]) == 2
    assert count_articles([str(inputs), "-"]) is None  # standard input: unknown


def test_the_terminal_shows_each_stage_over_articles(inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    code, out, screen = _on_a_terminal("build", str(inputs), "--db", str(db), cwd=tmp_path)
    assert code == 1, screen  # the empty file failed; the rest was built
    assert out == ""
    assert "\x1b[" in screen  # drawn in place
    lines = _final_screen(screen)
    for stage in ARTICLE_STAGES:
        (line,) = [x for x in lines if x.startswith(stage + " ")]
        assert "4/4 articles" in line and " s" in line, line
        assert "1 skipped" in line, line  # the empty file never reached a stage
    annotate = next(x for x in lines if x.startswith("annotate "))
    assert re.search(r"\d+\.\d s \(\d+\.\d articles/s\)", annotate), annotate
    assert any(x.startswith("dating ") and "3 articles" in x for x in lines), lines
    assert any(x.startswith("link ") and "3 articles" in x for x in lines), lines
    assert any("3 article(s) read" in x and "1 failure(s)" in x for x in lines)
    # while it ran, stages showed a rate and an ETA or what they were working on
    history = ANSI.sub("", screen)
    assert "articles/s" in history and ("ETA " in history or "working on" in history)
    assert re.search(r"annotate .* 0/4 articles", history), "annotate was not shown before it had done anything"

    # a rebuild: every stage up to date
    code, _, screen = _on_a_terminal("build", str(inputs), "--db", str(db), cwd=tmp_path)
    lines = _final_screen(screen)
    for stage in ARTICLE_STAGES:
        (line,) = [x for x in lines if x.startswith(stage + " ")]
        assert "4/4 articles" in line and "4 skipped" in line, line
    assert "dating    up to date" in lines and "link      up to date" in lines


def test_quiet_and_not_a_terminal_draw_nothing(inputs: Path, tmp_path: Path) -> None:
    code, out, screen = _on_a_terminal("build", str(inputs), "--db", str(tmp_path / "q.db"), "-q", cwd=tmp_path)
    assert code == 1 and out == ""
    text = ANSI.sub("", screen)
    assert "articles" not in text and "annotate" not in text  # no progress, no summary
    assert "E101" in text  # failures are still listed
    # standard error a pipe (a log file): no progress lines, the summary only
    proc = subprocess.run([sys.executable, "-m", "storyline", "build", str(inputs), "--db", str(tmp_path / "n.db")],
                          capture_output=True, cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "\x1b[" not in err and "\r" not in err
    assert "annotate" not in err and "3 article(s) read" in err


def test_verbose_logs_each_stage_with_counts_and_times(inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    proc = subprocess.run([sys.executable, "-m", "storyline", "-v", "build", str(inputs), "--db", str(db)],
                          capture_output=True, cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert "reading about 4 article(s)" in err
    for stage in ARTICLE_STAGES:
        assert f"stage {stage}: started" in err
        assert re.search(rf"stage {stage}: done — 4 article\(s\): 3 ran, 1 up to date or duplicate, 0 failed; \d+\.\d\d s", err), err
    assert re.search(r"stage dating: started over 3 article\(s\)", err)
    assert re.search(r"stage dating: done — 3 article\(s\).*; \d+\.\d\d s", err)
    assert re.search(r"stage link: done — 3 article\(s\); \d+\.\d\d s", err)
    assert re.search(r"link: \d+ event mention\(s\) in \d article\(s\) are \d+ event\(s\)", err)
    # again: nothing to do, and it says so
    proc = subprocess.run([sys.executable, "-m", "storyline", "-v", "build", str(inputs), "--db", str(db)],
                          capture_output=True, cwd=tmp_path)
    err = proc.stderr.decode()
    assert "stage annotate: done — 4 article(s): 0 ran, 4 up to date or duplicate, 0 failed" in err
    assert "stage dating: up to date" in err and "stage link: up to date" in err
    # -q keeps the log -v asked for, without a bar
    proc = subprocess.run([sys.executable, "-m", "storyline", "-v", "build", str(inputs), "--db", str(db), "-q"],
                          capture_output=True, cwd=tmp_path)
    assert "stage annotate: done" in proc.stderr.decode() and "article(s) read" not in proc.stderr.decode()
