"""A build's progress, stage by stage, over articles.

The runner (``pipeline.build``) tells a :class:`Progress` what happens: how many articles the
inputs hold, how many articles each article stage has run on, failed on or found up to date
(batch by batch, and stage by stage within a batch when the work runs in this process), when
each corpus stage (dating, link) starts and ends. The base class logs each stage's start and
end with its counts and times (``storyline -v build``); the command line's progress bars
(``storyline/cli/progress.py``) draw the same on a terminal.
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Progress", "StageCount", "count_articles", "ARTICLE_STAGE_NAMES"]

LOGGER = logging.getLogger("storyline.pipeline")

ARTICLE_STAGE_NAMES = ("clean", "annotate", "resolve", "code", "anchor")


@dataclass(slots=True)
class StageCount:
    """What one stage did so far: articles it ran on, found up to date, failed on (or that
    failed before reaching it); seconds spent in it; and for a corpus stage, its rounds and the
    articles whose records it changed."""

    ran: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    started: float | None = None  # wall clock at its first work
    rounds: int = 0  # corpus stage: rounds run
    open: bool = False  # corpus stage: a round has started and not ended
    changed: int = 0
    again: dict[str, int] = field(default_factory=dict)  # article stages re-run for the articles it changed

    @property
    def done(self) -> int:
        return self.ran + self.skipped + self.failed


def count_articles(paths: Iterable[str], *, skip: frozenset[Path] = frozenset()) -> int | None:
    """About how many articles the inputs hold, cheaply: one per file, one per line of a JSONL
    file, one per item of a JSON list; None when standard input is read (unknown). Files in
    ``skip`` (the database being built and its companions) are not inputs."""
    from .stages.read.ingest import list_files

    total = 0
    for given, path in list_files(paths, skip=skip):
        if given == "-":
            return None
        total += _records_in(path) if path is not None else 1
    return total


def _records_in(path: Path) -> int:
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    kind = (suffixes[:-1] if gz else suffixes)[-1:] or [""]
    if kind[0] not in (".json", ".jsonl", ".ndjson"):
        return 1
    opener = gzip.open if gz else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            first = fh.read(1024).lstrip()
            if kind[0] == ".json" and first.startswith(b"["):  # a list: the file is under --max-bytes
                value = json.loads(first + fh.read())
                return len(value) if isinstance(value, list) and value else 1
            fh.seek(0)
            return max(1, sum(1 for line in fh if line.strip()))
    except (OSError, ValueError, EOFError):
        return 1


class Progress:
    """Receives a build's progress and logs each stage's start and end (INFO), with counts and
    times. Subclasses (progress bars) extend the hooks and call these."""

    def __init__(self) -> None:
        self.expected: int | None = None
        self.units = 0  # inputs seen so far: articles read and inputs that could not be
        self.stages: dict[str, StageCount] = {}
        self.corpus: str | None = None  # the corpus stage running, if any

    # -- the article stages ---------------------------------------------------------------

    def expect(self, articles: int | None) -> None:
        """About how many articles the inputs hold (None: unknown, e.g. standard input)."""
        self.expected = articles
        LOGGER.info("reading %s", f"about {articles} article(s)" if articles is not None else "standard input")

    def stage_started(self, stage: str, articles: int) -> None:
        """An article stage starts work on ``articles`` articles of a batch."""
        if self.corpus is not None:
            return
        count = self.stages.setdefault(stage, StageCount())
        if count.started is None:
            count.started = time.perf_counter()
            LOGGER.info("stage %s: started", stage)

    def stage_done(self, stage: str, ran: int, failed: int = 0, seconds: float = 0.0) -> None:
        """An article stage ran on ``ran`` articles of a batch and failed on ``failed``."""
        if self.corpus is not None:  # re-run for the articles a corpus stage changed
            again = self.stages[self.corpus].again
            again[stage] = again.get(stage, 0) + ran
            return
        count = self.stages.setdefault(stage, StageCount())
        if count.started is None:
            count.started = time.perf_counter()
            LOGGER.info("stage %s: started", stage)
        count.ran += ran
        count.failed += failed
        count.seconds += seconds

    def batch_done(self, units: int) -> None:
        """A batch of ``units`` inputs is through every article stage: the articles a stage did
        not run on were up to date, duplicates, or failed before it."""
        if self.corpus is not None:
            return
        self.units += units
        for stage in ARTICLE_STAGE_NAMES:
            count = self.stages.setdefault(stage, StageCount())
            count.skipped += max(0, self.units - count.done)

    def articles_done(self) -> None:
        """Every input is through the article stages."""
        for stage in ARTICLE_STAGE_NAMES:
            c = self.stages.setdefault(stage, StageCount())
            rate = f", {c.ran / c.seconds:.1f} articles/s" if c.ran and c.seconds > 0 else ""
            LOGGER.info("stage %s: done — %d article(s): %d ran, %d up to date or duplicate, %d failed; %.2f s%s",
                        stage, c.done, c.ran, c.skipped, c.failed, c.seconds, rate)

    # -- the corpus stages ----------------------------------------------------------------

    def corpus_started(self, stage: str, articles: int) -> None:
        """A corpus stage starts a round over the ``articles`` of the database (said again
        before the round's own work: once is logged)."""
        count = self.stages.setdefault(stage, StageCount())
        if self.corpus == stage and count.open:
            return
        self.corpus = stage
        count.open = True
        count.started = count.started or time.perf_counter()
        LOGGER.info("stage %s: started%s over %d article(s)", stage,
                    f" (round {count.rounds + 1})" if count.rounds else "", articles)

    def corpus_round(self, stage: str, articles: int, changed: int, seconds: float) -> None:
        """A round of a corpus stage ended, having changed the records of ``changed`` articles."""
        count = self.stages.setdefault(stage, StageCount())
        count.open = False
        count.rounds += 1
        count.ran = articles
        count.changed += changed
        count.seconds += seconds

    def corpus_done(self, stage: str) -> None:
        """A corpus stage ended (after its last round)."""
        self.corpus = None
        c = self.stages.get(stage)
        if c is None or not c.rounds:
            LOGGER.info("stage %s: up to date", stage)
            return
        LOGGER.info("stage %s: done — %d article(s)%s; %.2f s", stage, c.ran, self.corpus_summary(stage), c.seconds)

    def corpus_summary(self, stage: str) -> str:
        """What a corpus stage changed, in words (", 3 re-dated in 2 rounds (anchor again for 3)")."""
        c = self.stages[stage]
        out = f", {c.changed} {'re-dated' if stage == 'dating' else 'changed'}" if c.changed else ""
        out += f" in {c.rounds} rounds" if c.rounds > 1 else ""
        again = ", ".join(f"{name} again for {n}" for name, n in c.again.items() if n)
        return out + (f" ({again})" if again else "")

    def close(self) -> None:
        """The build is over (or was stopped)."""
