"""The stage runner: order, versions, batching, error policy, progress.

A per-article stage is a plain callable registered with a versioned name
and what it requires and assigns (STYLE.md §1). For every article the
runner stores which version of each stage produced the current output and
from which input (``stage_runs``), and re-runs a stage only when either
changed. Each batch is written in one transaction, so a build killed at
any moment resumes without loss or duplicates.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import IO, Any, Literal, Protocol

from .config import Settings
from .errors import InputError, StorylineError
from .models import Article, Document, Failure
from .stages import clean as clean_stage
from .stages import ingest
from .store import Store

__all__ = ["Stage", "STAGES", "BuildReport", "build", "analyze_stages", "Executor"]

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: Callable[..., Any]


STAGES: tuple[Stage, ...] = (
    Stage(
        "clean",
        clean_stage.VERSION,
        requires=("document",),
        assigns=("text", "title", "published", "language", "removed"),
        func=clean_stage.clean,
    ),
)


def analyze_stages(stages: Iterable[Stage] = STAGES) -> list[str]:
    """Problems with the stage order: a requirement no earlier stage assigns."""
    have = {"document"}
    problems = []
    for st in stages:
        missing = [r for r in st.requires if r not in have]
        if missing:
            problems.append(f"stage '{st.name}' requires {missing}, which no earlier stage assigns")
        have.update(st.assigns)
    return problems


@dataclass(slots=True)
class BuildReport:
    """What a build did. ``failures`` lists every input not fully processed."""

    files: int = 0
    documents: int = 0
    processed: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


class Executor(Protocol):
    def map(self, func: Callable[[Document], Any], items: list[Document]) -> Iterator[Any]: ...


class SerialExecutor:
    def map(self, func: Callable[[Document], Any], items: list[Document]) -> Iterator[Any]:
        return map(func, items)


class ProcessExecutor:
    """Per-article work in worker processes (the stages are pure functions)."""

    def __init__(self, jobs: int) -> None:
        self.pool = ProcessPoolExecutor(max_workers=jobs)

    def map(self, func: Callable[[Document], Any], items: list[Document]) -> Iterator[Any]:
        return self.pool.map(func, items, chunksize=max(1, len(items) // 8))

    def close(self) -> None:
        self.pool.shutdown()


def _digest(*parts: object) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def content_hash(doc: Document) -> str:
    return _digest(
        doc.format, doc.content, doc.url, doc.source, doc.title, doc.published, doc.language,
        doc.no_clean, doc.path, doc.line,
    )


@dataclass(frozen=True, slots=True)
class _Job:
    """Picklable: one document through the per-article stages."""

    settings: Settings
    on_error: str

    def __call__(self, doc: Document) -> Article | Failure:
        where = doc.path if doc.line is None else f"{doc.path}:{doc.line}"
        try:
            return clean_stage.clean(doc, settings=self.settings)
        except InputError as exc:
            if self.on_error == "raise":
                raise
            return Failure(where, "clean", exc.code, str(exc))
        except Exception as exc:  # a bug must not stop a build: record it with a way forward
            if self.on_error == "raise":
                raise
            LOGGER.exception("clean failed on %s", where)
            return Failure(
                where, "clean", "E900",
                f"[E900] {where}: internal error in stage clean ({type(exc).__name__}: {exc}). "
                "Please report it with this file; the rest of the build went on.",
            )


def build(
    paths: Iterable[str],
    *,
    db: str,
    settings: Settings,
    on_error: Literal["record", "raise"] = "record",
    stdin: IO[bytes] | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Ingest and process inputs into the database at ``db``; incremental and idempotent."""
    report = BuildReport()
    job = _Job(settings, on_error)
    executor: Executor = ProcessExecutor(settings.jobs) if settings.jobs > 1 else SerialExecutor()
    seen: set[str] = set()
    store = Store(db)
    try:
        batch: list[ingest.Unit] = []
        last_file = None
        for unit in ingest.read_inputs(
            paths,
            max_bytes=settings.max_bytes,
            no_clean=settings.no_clean,
            encoding=settings.encoding,
            stdin=stdin,
        ):
            if unit.file != last_file:
                report.files += 1
                last_file = unit.file
                if progress:
                    progress(unit.file)
            if unit.failure is not None and on_error == "raise":
                raise StorylineError(unit.failure.message)
            batch.append(unit)
            if len(batch) >= settings.batch_size:
                _run_batch(store, batch, job, executor, report, seen)
                batch = []
        if batch:
            _run_batch(store, batch, job, executor, report, seen)
    finally:
        if isinstance(executor, ProcessExecutor):
            executor.close()
        store.close()
    return report


def _run_batch(
    store: Store,
    units: list[ingest.Unit],
    job: _Job,
    executor: Executor,
    report: BuildReport,
    seen: set[str],
) -> None:
    todo: list[tuple[ingest.Unit, str, str]] = []
    for unit in units:
        doc = unit.document
        if doc is None:
            continue
        report.documents += 1
        if doc.id in seen:
            report.duplicates += 1
            LOGGER.info("%s: same article as one read before (id %s)", unit.path, doc.id)
            continue
        seen.add(doc.id)
        chash = content_hash(doc)
        input_hash = _digest(chash, job.settings.no_clean)
        state = store.stage_state(doc.id).get("clean")
        if state == (clean_stage.VERSION, input_hash):
            report.unchanged += 1
            continue
        todo.append((unit, chash, input_hash))

    results = list(executor.map(job, [u.document for u, _, _ in todo])) if todo else []

    with store.transaction():
        for unit in units:
            store.clear_failures(unit.path)
            if unit.failure is not None:
                store.record_failure(unit.failure)
                report.failures.append(unit.failure)
        for (unit, chash, input_hash), result in zip(todo, results):
            doc = unit.document
            assert doc is not None
            store.put_document(doc, chash)
            if isinstance(result, Failure):
                store.record_failure(result)
                report.failures.append(result)
                continue
            store.put_article(result)
            store.record_run(doc.id, "clean", clean_stage.VERSION, input_hash)
            report.processed += 1
