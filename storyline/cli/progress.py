"""The build's progress on a terminal: one line per stage, over articles.

clean, annotate, resolve, code and anchor count the articles each has been through (run, up
to date, or failed), with a rate and an ETA; dating and link, which run over the whole
database at the end, say when they start and what they changed. The lines go to standard
error and are redrawn twice a second, so a stage that works on a batch (spaCy parses 16
articles at once) shows its clock running rather than a frozen line; log lines (-v) print
above them. When the build ends the lines stay, as a summary of where the time went.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from typing import IO

from ..progress import ARTICLE_STAGE_NAMES, Progress

__all__ = ["Bars", "build_progress"]

CORPUS_STAGE_NAMES = ("dating", "link")
WIDTH = 20  # characters of the bar itself


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


class Bars(Progress):
    """Progress lines for a build, one per stage, redrawn in place on ``file`` (a terminal)."""

    def __init__(self, file: IO[str]) -> None:
        super().__init__()
        self.file = file
        self.lock = threading.RLock()
        self.stop = threading.Event()
        self.ticker = threading.Thread(target=self._tick, name="storyline-progress", daemon=True)
        self.drawn = 0  # lines on screen now
        self.began = time.monotonic()
        self.finished_articles = False
        self.working: dict[str, int] = {}  # stage -> articles of the batch it works on now
        self.corpus_state: dict[str, str] = {}  # corpus stage -> waiting, working, done, up to date
        encoding = (getattr(file, "encoding", None) or "").lower()
        self.full, self.empty = ("█", "░") if "utf" in encoding else ("#", "-")

    # -- drawing --------------------------------------------------------------------------------

    def _bar(self, done: int, total: int) -> str:
        filled = min(WIDTH, int(WIDTH * done / total)) if total else 0
        return self.full * filled + self.empty * (WIDTH - filled)

    def _article_line(self, stage: str, now: float) -> str:
        c = self.stages.get(stage)
        done = c.done if c else 0
        total = self.expected if self.expected is not None and not self.finished_articles else (done or None)
        if total is not None and done > total:
            total = done
        head = f"{stage:<9} "
        if total:
            head += f"{self._bar(done, total)} {done:>{len(str(total))}}/{total} articles"
        else:
            head += f"{done} articles"
        notes = []
        if c is not None and c.skipped:
            notes.append(f"{c.skipped} skipped")
        if c is not None and c.failed:
            notes.append(f"{c.failed} failed")
        if self.finished_articles:
            rate = f" ({c.ran / c.seconds:.1f} articles/s)" if c and c.ran and c.seconds > 0 else ""
            body = f"{c.seconds:.1f} s{rate}" if c else ""
        elif c is None or c.started is None:
            body = "waiting"
        else:
            wall = max(1e-6, time.perf_counter() - c.started)
            rate = done / wall
            if done and total and done < total:
                body = f"{rate:.1f} articles/s, ETA {_clock((total - done) / rate)}"
            elif done:
                body = f"{rate:.1f} articles/s"
            else:
                body = f"started {_clock(wall)} ago"
            if self.working.get(stage):
                notes.insert(0, f"working on {self.working[stage]}")
        return head + "  " + body + ("  " + ", ".join(notes) if notes else "")

    def _corpus_line(self, stage: str) -> str:
        c = self.stages.get(stage)
        state = self.corpus_state.get(stage, "waiting")
        head = f"{stage:<9} "
        if c is None or state in ("waiting", "up to date"):
            return head + state
        summary = self.corpus_summary(stage).lstrip(", ")
        if state == "working":
            return head + f"working over {self.working.get(stage, 0)} articles" + (f"  {summary}" if summary else "")
        return head + f"{c.ran} articles  {c.seconds:.1f} s" + (f"  {summary}" if summary else "")

    def _lines(self) -> list[str]:
        now = time.perf_counter()
        return [self._article_line(s, now) for s in ARTICLE_STAGE_NAMES] + [self._corpus_line(s) for s in CORPUS_STAGE_NAMES]

    def _erase(self) -> None:
        if self.drawn:
            self.file.write(f"\x1b[{self.drawn}F\x1b[J")
            self.drawn = 0

    def draw(self) -> None:
        with self.lock:
            width = max(20, shutil.get_terminal_size((100, 24)).columns - 1)
            lines = [line[:width] for line in self._lines()]
            self._erase()
            self.file.write("".join(line + "\n" for line in lines))
            self.file.flush()
            self.drawn = len(lines)

    def above(self, text: str) -> None:
        """Print a line above the progress lines (a log line)."""
        with self.lock:
            self._erase()
            self.file.write(text + "\n")
            if not self.stop.is_set():
                self.draw()
            self.file.flush()

    def _tick(self) -> None:
        while not self.stop.wait(0.5):
            self.draw()

    # -- what the runner says -------------------------------------------------------------------

    def expect(self, articles: int | None) -> None:
        super().expect(articles)
        self.draw()
        self.ticker.start()

    def stage_started(self, stage: str, articles: int) -> None:
        with self.lock:
            super().stage_started(stage, articles)
            if self.corpus is None:
                self.working[stage] = articles
        self.draw()

    def stage_done(self, stage: str, ran: int, failed: int = 0, seconds: float = 0.0) -> None:
        with self.lock:
            super().stage_done(stage, ran, failed, seconds)
            if self.corpus is None:
                self.working.pop(stage, None)
        self.draw()

    def batch_done(self, units: int) -> None:
        with self.lock:
            super().batch_done(units)
        self.draw()

    def articles_done(self) -> None:
        with self.lock:
            super().articles_done()
            self.finished_articles = True
            self.working.clear()
        self.draw()

    def corpus_started(self, stage: str, articles: int) -> None:
        with self.lock:
            super().corpus_started(stage, articles)
            self.working[stage] = articles
            self.corpus_state[stage] = "working"
        self.draw()

    def corpus_round(self, stage: str, articles: int, changed: int, seconds: float) -> None:
        with self.lock:
            super().corpus_round(stage, articles, changed, seconds)
        self.draw()

    def corpus_done(self, stage: str) -> None:
        with self.lock:
            super().corpus_done(stage)
            c = self.stages.get(stage)
            self.corpus_state[stage] = "done" if c is not None and c.rounds else "up to date"
        self.draw()

    def close(self) -> None:
        super().close()
        self.stop.set()
        if self.ticker.is_alive():
            self.ticker.join()
        if any(c.done or c.rounds for c in self.stages.values()):
            self.draw()  # the last state stays on screen: where the time went
        else:  # stopped before any article went through (a database that cannot be opened)
            with self.lock:
                self._erase()
                self.file.flush()


class _Above(logging.Handler):
    """Log records printed above the progress lines."""

    def __init__(self, bars: Bars, formatter: logging.Formatter | None) -> None:
        super().__init__()
        self.bars = bars
        if formatter is not None:
            self.setFormatter(formatter)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.bars.above(self.format(record))
        except Exception:  # noqa: BLE001 - logging must not break the build
            self.handleError(record)


@contextlib.contextmanager
def build_progress(*, quiet: bool) -> Iterator[Progress | None]:
    """What ``storyline build`` reports progress to: lines on standard error when it is a
    terminal (with -v, the log prints above them), else only the -v log; nothing with -q."""
    if quiet:
        yield None
        return
    if not sys.stderr.isatty():
        yield Progress() if logging.getLogger("storyline").isEnabledFor(logging.INFO) else None
        return
    bars = Bars(sys.stderr)
    root = logging.getLogger()
    moved = [h for h in root.handlers if isinstance(h, logging.StreamHandler) and h.stream in (sys.stderr, sys.stdout)]
    above = _Above(bars, moved[0].formatter if moved else None)
    for h in moved:
        root.removeHandler(h)
    root.addHandler(above)
    try:
        yield bars
    finally:
        root.removeHandler(above)
        for h in moved:
            root.addHandler(h)
        bars.close()
