"""The stage runner: one generic loop over the declared stages (``storyline/registry.py``).

Each stage declares its name, version, scope, the records it requires and
assigns, and what else it depends on. From these the runner derives every
article stage's input hash: the stage's name, version and dependency
fingerprints, plus the input hashes of the stages that produced the records
it requires — so a change re-runs exactly the stages downstream of it, and a
rebuild equals a fresh build. It stores, for every article and stage, which
version ran on which input (``stage_runs``), loads the records a stage needs
and saves what it assigns through the store, one transaction per batch, so a
build killed at any moment resumes without loss or duplicates.

Corpus stages run after the article stages when the state of the records they
require changed, and get the ids of the articles that changed. When dating
moves an article's date, the article stages that declared the corpus date
(anchor: no model) runs again for that article; spaCy does not.
"""

from __future__ import annotations

import inspect
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from .config import Settings
from .errors import ConfigError, InputError, NotFound, StorylineError
from .models import Article, Document, Failure
from .progress import Progress, count_articles
from .registry import CORPUS_DATE, Stage, check_order, digest
from .stages import anchor as anchor_stage
from .stages import annotate as annotate_stage
from .stages import code as code_stage
from .stages import resolve as resolve_stage
from .stages.corpus import dating as dating_stage
from .stages.corpus import link as link_stage
from .stages.corpus import stories as stories_stage
from .stages.read import clean as clean_stage
from .stages.read import ingest
from .store import Store

__all__ = [
    "STAGES", "ARTICLE_STAGES", "CORPUS_STAGES", "BuildReport", "build", "analyze_stages", "Executor", "input_hashes",
    "check_inputs", "check_knowledge",
]

LOGGER = logging.getLogger(__name__)

# the flow, in order; check_order() proves each requirement is assigned earlier
ARTICLE_STAGES: tuple[Stage, ...] = (
    clean_stage.STAGE, annotate_stage.STAGE, resolve_stage.STAGE, code_stage.STAGE, anchor_stage.STAGE,
)
CORPUS_STAGES: tuple[Stage, ...] = (dating_stage.STAGE, link_stage.STAGE, stories_stage.STAGE)
STAGES: tuple[Stage, ...] = ARTICLE_STAGES + CORPUS_STAGES
_BY_NAME = {st.name: st for st in STAGES}
DATING_ROUNDS = 3


def analyze_stages(stages: Iterable[Stage] = STAGES) -> list[str]:
    """Problems with the stage order: a requirement no earlier stage assigns, and so on."""
    return check_order(stages)


@dataclass(slots=True)
class BuildReport:
    """What a build did. ``failures`` lists every input not fully processed."""

    files: int = 0
    documents: int = 0
    processed: int = 0
    unchanged: int = 0
    duplicates: int = 0
    stage_runs: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)  # ids of the articles whose records changed
    stage_seconds: dict[str, float] = field(default_factory=dict)  # time spent in each stage

    @property
    def ok(self) -> bool:
        return not self.failures


class Executor(Protocol):
    def map(self, func: Callable[[Any], Any], items: list[Any]) -> Iterator[Any]: ...


class SerialExecutor:
    def map(self, func: Callable[[Any], Any], items: list[Any]) -> Iterator[Any]:
        return map(func, items)


class ProcessExecutor:
    """Per-article work in worker processes (the stages are pure functions)."""

    def __init__(self, jobs: int) -> None:
        # Ctrl-C is the parent's to handle: it stops the workers (close) and the build
        self.pool = ProcessPoolExecutor(max_workers=jobs, initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN))

    def map(self, func: Callable[[Any], Any], items: list[Any]) -> Iterator[Any]:
        return self.pool.map(func, items, chunksize=max(1, len(items) // 8))

    def close(self, *, cancel: bool = False) -> None:
        """Shut the workers down; ``cancel`` (the build stopped): at once, dropping their work."""
        if cancel:
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=cancel)


def content_hash(doc: Document) -> str:
    return digest(
        doc.format, doc.content, doc.url, doc.source, doc.title, doc.published, doc.language,
        doc.no_clean, doc.path, doc.line,
    )


def fingerprints(settings: Settings, stages: Iterable[Stage] = STAGES) -> dict[str, str]:
    """Every declared dependency's fingerprint, computed once per build."""
    out: dict[str, str] = {}
    for st in stages:
        for dep in st.depends:
            if dep.name not in out:
                out[dep.name] = dep.fingerprint(settings)
    return out


def input_hashes(doc_hash: str, fps: dict[str, str], corpus_date: object = None) -> dict[str, str]:
    """Each article stage's input hash, from its declaration: its name and version, its
    dependencies' fingerprints (and the corpus date, if it declared it), and the input
    hashes of the stages that produced what it requires."""
    produced: dict[str, str] = {"document": doc_hash}
    out: dict[str, str] = {}
    for st in ARTICLE_STAGES:
        parts: list[object] = [st.name, st.version]
        # the corpus date is per article: its value, not the dependency's (empty) fingerprint
        parts += [(d.name, corpus_date if d is CORPUS_DATE else fps[d.name]) for d in st.depends]
        parts += [(r, produced[r]) for r in st.requires]
        h = digest(*parts)
        for r in st.assigns:
            produced[r] = h
        out[st.name] = h
    return out


_PRODUCER = {r: st for st in STAGES for r in st.assigns}


def producer(record: str) -> Stage | None:
    return _PRODUCER.get(record)


@dataclass(frozen=True, slots=True)
class _Task:
    doc: Document
    run: tuple[str, ...]  # names of the article stages to run, in order
    records: dict[str, Any]  # stored records the stages to run require
    corpus_date: tuple | None = None  # (published, precision, earliest, latest) from dating


@dataclass(slots=True)
class _Outcome:
    records: dict[str, Any] = field(default_factory=dict)
    failure: Failure | None = None
    ran: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def _kwargs(st: Stage, records: dict[str, Any], settings: Settings, corpus_date: tuple | None) -> dict[str, Any]:
    """A stage's arguments: the records it requires (the article dated by the corpus when it
    declared the corpus date), and the settings when it asks for them."""
    kwargs = {r: records[r] for r in st.requires}
    if st.dated and "article" in kwargs:
        kwargs["article"] = _dated(kwargs["article"], corpus_date)
    assert st.run is not None
    if "settings" in inspect.signature(st.run).parameters:
        kwargs["settings"] = settings
    return kwargs


def _call(st: Stage, records: dict[str, Any], settings: Settings, corpus_date: tuple | None) -> Any:
    assert st.run is not None
    return st.run(**_kwargs(st, records, settings, corpus_date))


@dataclass(frozen=True, slots=True)
class _Job:
    """Picklable: a batch of documents through the article stages each needs, stage by stage,
    so that a stage with a batch form (``Stage.batch``: spaCy's pipes, the sentence encoder)
    sees the whole batch at once. ``progress`` (in this process only: None in workers) hears
    of each stage as it starts and ends on the batch."""

    settings: Settings
    on_error: str
    progress: Progress | None = field(default=None, compare=False)

    def __call__(self, tasks: list[_Task]) -> list[_Outcome]:
        outs = [_Outcome() for _ in tasks]
        records = [{"document": t.doc, **t.records} for t in tasks]
        for st in ARTICLE_STAGES:
            todo = [i for i, t in enumerate(tasks) if st.name in t.run and outs[i].failure is None]
            if not todo:
                continue
            started = time.perf_counter()
            if self.progress is not None:
                self.progress.stage_started(st.name, len(todo))
            values: dict[int, Any] = {}
            if st.batch is not None and len(todo) > 1:
                try:
                    got = st.batch([_kwargs(st, records[i], self.settings, tasks[i].corpus_date) for i in todo])
                    values = dict(zip(todo, got))
                except ConfigError:
                    raise  # the setup is wrong, not an article: stop the build
                except Exception:  # noqa: BLE001 - find the article at fault one by one below
                    if self.on_error == "raise":
                        raise
                    LOGGER.info("stage %s failed on a batch; running its articles one by one", st.name)
            for i in todo:
                if i not in values:
                    try:
                        values[i] = _call(st, records[i], self.settings, tasks[i].corpus_date)
                    except ConfigError:
                        raise
                    except Exception as exc:
                        if self.on_error == "raise":
                            raise
                        outs[i].failure = _failure(tasks[i].doc, st.name, exc)
                        continue
                made = values[i] if len(st.assigns) > 1 else {st.assigns[0]: values[i]}
                records[i].update(made)
                outs[i].records.update(made)
                outs[i].ran.append(st.name)
            spent = time.perf_counter() - started
            for i in todo:
                outs[i].seconds[st.name] = spent / len(todo)
            if self.progress is not None:
                failed = sum(1 for i in todo if outs[i].failure is not None and outs[i].failure.stage == st.name)
                self.progress.stage_done(st.name, len(todo) - failed, failed, spent)
        return outs


def _failure(doc: Document, stage: str, exc: Exception) -> Failure:
    where = doc.path if doc.line is None else f"{doc.path}:{doc.line}"
    if isinstance(exc, InputError):
        return Failure(where, stage, exc.code, str(exc))
    # a bug must not stop a build: record it with a way forward
    LOGGER.error("stage %s failed on %s", stage, where, exc_info=exc)
    return Failure(
        where, stage, "E900",
        f"[E900] {where}: internal error in stage {stage} ({type(exc).__name__}: {exc}). "
        "Please report it with this file; the rest of the build went on.",
    )


def _dated(article: Article, corpus_date: tuple | None) -> Article:
    """The article as dated stages see it: with the corpus date where it states none to the day."""
    if corpus_date is None or article.published_precision == "day":
        return article
    published, precision, earliest, latest = corpus_date[:4]
    return replace(
        article, published=published, published_precision=precision, published_source="corpus",
        published_earliest=earliest, published_latest=latest,
    )


def build(
    paths: Iterable[str],
    *,
    db: str,
    settings: Settings,
    on_error: Literal["record", "raise"] = "record",
    stdin: IO[bytes] | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Ingest and process inputs into the database at ``db``; incremental and idempotent.

    Before anything is read or the database made: every path given must exist (else
    ``NotFound``, E108) and the knowledge must load (else ``ConfigError``, E301).
    ``progress`` hears what each stage does (``storyline/progress.py``); without one, each
    stage's start and end are only logged."""
    check_inputs(paths)
    fps = fingerprints(settings)
    check_knowledge()
    report = BuildReport()
    tracker = progress if progress is not None else Progress()
    if progress is not None:
        progress.expect(count_articles(paths, skip=ingest.database_files(db)))
    job = _Job(settings, on_error, tracker if settings.jobs <= 1 else None)
    seen: set[str] = set()
    store = Store(db)
    executor: Executor = ProcessExecutor(settings.jobs) if settings.jobs > 1 else SerialExecutor()
    own_files = ingest.database_files(db)  # the database among its inputs is not read
    try:
        _forget_failures_of(store, own_files)
        batch: list[ingest.Unit] = []
        last_file = None
        for unit in ingest.read_inputs(
            paths,
            max_bytes=settings.max_bytes,
            no_clean=settings.no_clean,
            encoding=settings.encoding,
            stdin=stdin,
            skip=own_files,
        ):
            if unit.file != last_file:
                report.files += 1
                last_file = unit.file
            if unit.failure is not None and on_error == "raise":
                raise StorylineError(unit.failure.message)
            batch.append(unit)
            if len(batch) >= settings.batch_size:
                _run_batch(store, batch, job, executor, report, seen, fps, tracker)
                batch = []
        if batch:
            _run_batch(store, batch, job, executor, report, seen, fps, tracker)
        tracker.articles_done()
        run_corpus_stages(store, report, job=job, executor=executor, changed=report.changed, progress=tracker)
    finally:
        tracker.close()
        if isinstance(executor, ProcessExecutor):
            executor.close(cancel=sys.exc_info()[0] is not None)
        store.close()
    return report


def check_inputs(paths: Iterable[str]) -> None:
    """Raise NotFound (E108) naming every path given that does not exist: a mistyped path
    stops the build before anything is read or written."""
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        names = ", ".join(missing)
        raise NotFound(
            f"{names}: no such file or directory. Check the path{'s' if len(missing) > 1 else ''}; nothing was built."
        )


def check_knowledge() -> None:
    """Load and validate what the stages read — the knowledge base with its
    $STORYLINE_KNOWLEDGE extensions, the event knowledge, the language profiles, the known
    dated events — so that a bad record stops the build at once with its ConfigError (E301)
    instead of failing every article. Each is cached: the stages reuse what is loaded here."""
    from .knowledge import load_knowledge
    from .knowledge.events import load_event_knowledge
    from .languages import languages

    load_knowledge()
    load_event_knowledge()
    languages()
    dating_stage.known_events()


def _forget_failures_of(store: Store, files: frozenset[Path]) -> None:
    """Drop failures an earlier build recorded for the database's own files (before they
    were skipped), so that the failures list only inputs."""
    stale = [f.path for f in store.failures() if Path(f.path).name.startswith(tuple(p.name for p in files))
             and Path(f.path).resolve() in files]
    if stale:
        with store.transaction():
            for path in stale:
                store.clear_failures(path)


def _run_batch(
    store: Store,
    units: list[ingest.Unit],
    job: _Job,
    executor: Executor,
    report: BuildReport,
    seen: set[str],
    fps: dict[str, str],
    progress: Progress | None = None,
) -> None:
    corpus = store.corpus_dates()
    todo: list[tuple[str, dict[str, str], _Task]] = []
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
        planned = _plan(store, doc, content_hash(doc), fps, corpus.get(doc.id))
        if planned is None:
            report.unchanged += 1
            continue
        todo.append(planned)
    with store.transaction():
        for unit in units:
            store.clear_failures(unit.path)
            if unit.failure is not None:
                store.record_failure(unit.failure)
                report.failures.append(unit.failure)
    _execute(store, todo, job, executor, report, progress)
    if progress is not None:
        progress.batch_done(len(units))


def _plan(
    store: Store, doc: Document, chash: str, fps: dict[str, str], corpus_date: tuple | None
) -> tuple[str, dict[str, str], _Task] | None:
    """What one document needs: the stages whose version or input changed, with the stored
    records they require; or None when nothing changed."""
    date = tuple(corpus_date[:4]) if corpus_date else None
    hashes = input_hashes(chash, fps, date)
    state = store.stage_state(doc.id)
    run = {st.name for st in ARTICLE_STAGES if state.get(st.name) != (st.version, hashes[st.name])}
    if not run:
        return None
    records: dict[str, Any] = {}
    # a required record that is neither made in this run nor stored: run its producer too
    changed = True
    while changed:
        changed = False
        for st in ARTICLE_STAGES:
            if st.name not in run:
                continue
            for r in st.requires:
                made_by = producer(r)
                if r == "document" or r in records or made_by is None or made_by.name in run:
                    continue
                value = store.load(r, doc.id)
                if value is None:
                    run.add(made_by.name)
                    changed = True
                else:
                    records[r] = value
    order = tuple(st.name for st in ARTICLE_STAGES if st.name in run)
    return chash, hashes, _Task(doc, order, records, date)


def _execute(
    store: Store, todo: list[tuple[str, dict[str, str], _Task]], job: _Job, executor: Executor, report: BuildReport,
    progress: Progress | None = None,
) -> None:
    tasks = [task for *_, task in todo]
    size = max(1, -(-len(tasks) // max(1, job.settings.jobs)))  # one chunk per worker
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    told = progress is not None and job.progress is None  # work in other processes: tell progress here
    if told:
        for st in ARTICLE_STAGES:
            n = sum(1 for t in tasks if st.name in t.run)
            if n:
                progress.stage_started(st.name, n)
    results = [out for outs in executor.map(job, chunks) for out in outs] if tasks else []
    if told:
        for st in ARTICLE_STAGES:
            failed = sum(1 for out in results if out.failure is not None and out.failure.stage == st.name)
            ran = sum(1 for out in results if st.name in out.ran)
            if ran or failed:
                progress.stage_done(st.name, ran, failed, sum(out.seconds.get(st.name, 0.0) for out in results))
    with store.transaction():
        for (chash, hashes, task), out in zip(todo, results):
            doc = task.doc
            if "clean" in out.ran or (out.failure is not None and task.run[:1] == ("clean",)):
                store.put_document(doc, chash)  # the raw input, also of an article that failed
            if out.ran:
                report.changed.add(doc.id)
            for name, secs in out.seconds.items():
                report.stage_seconds[name] = report.stage_seconds.get(name, 0.0) + secs
            for name in out.ran:
                st = _BY_NAME[name]
                for record in st.assigns:
                    store.save(record, doc.id, out.records[record])
                store.record_run(doc.id, name, st.version, hashes[name])
                report.stage_runs[name] = report.stage_runs.get(name, 0) + 1
            if out.failure is not None:
                store.record_failure(out.failure)
                report.failures.append(out.failure)
            elif progress is None or progress.corpus is None:  # not an article a corpus stage re-dated
                report.processed += 1


# ------------------------------------------------------------------------------ corpus stages


def _corpus_input(store: Store, st: Stage, fps: dict[str, str]) -> str:
    """A corpus stage's input hash: its version and dependencies, and the state of every
    record it requires (the stored runs of the article stages that produce them; the
    stored output of a corpus stage)."""
    parts: list[object] = [st.name, st.version, *[(d.name, fps[d.name]) for d in st.depends]]
    for r in st.requires:
        made_by = producer(r)
        if made_by is None:
            continue
        parts.append((r, store.records_state(made_by.name, made_by.scope)))
    return digest(*parts)


def run_corpus_stages(
    store: Store,
    report: BuildReport | None = None,
    *,
    job: _Job | None = None,
    executor: Executor | None = None,
    changed: set[str] | None = None,
    progress: Progress | None = None,
) -> bool:
    """Run the corpus stages whose input changed, in order: dating (and, for the articles it
    re-dates, the article stages that declared the corpus date; a few rounds, since a dated
    article can date another), then link. Returns whether anything ran. ``progress`` hears
    when each starts and ends."""
    report = report if report is not None else BuildReport()
    progress = progress if progress is not None else Progress()
    settings = job.settings if job is not None else Settings()
    fps = fingerprints(settings)
    changed = set(changed or ())
    ran = False
    for st in CORPUS_STAGES:
        if "corpus_dates" not in st.assigns:
            ran = _run_corpus_stage(store, st, fps, report, changed, progress) is not None or ran
            progress.corpus_done(st.name)
            continue
        # the dates it finds feed the article stages that declared the corpus date (anchor):
        # run those for the articles it re-dated, then it again (a dated article can date another)
        if store.corpus_state(st.name) == (st.version, _corpus_input(store, st, fps)):
            progress.corpus_done(st.name)
            continue
        if job is not None:
            # start from no corpus dates, as a fresh build does, so that what the rounds find
            # does not depend on what an earlier build found (re-anchoring costs no model)
            previous = set(store.corpus_dates())
            if previous:
                with store.transaction():
                    store.replace_corpus_dates({})
                progress.corpus_started(st.name, _articles(store))
                _redo(store, previous, job, executor, report, fps, progress)
        for _ in range(DATING_ROUNDS):
            moved = _run_corpus_stage(store, st, fps, report, changed, progress)
            if moved is None:
                break
            ran = True
            if not moved or job is None:
                break
            _redo(store, moved, job, executor, report, fps, progress)
            changed |= moved
        progress.corpus_done(st.name)
    return ran


def _articles(store: Store) -> int:
    return sum(1 for _ in store.article_facts())


def _redo(
    store: Store, ids: Iterable[str], job: _Job, executor: Executor | None, report: BuildReport, fps: dict[str, str],
    progress: Progress | None = None,
) -> None:
    """Run again, for these articles, the article stages whose input the corpus dates changed."""
    corpus = store.corpus_dates()
    todo = []
    for article_id in sorted(ids):
        doc = store.document(article_id)
        chash = store.document_hash(article_id)
        if doc is None or chash is None:
            continue
        planned = _plan(store, doc, chash, fps, corpus.get(article_id))
        if planned is not None:
            todo.append(planned)
    _execute(store, todo, job, executor or SerialExecutor(), report, progress)


def _run_corpus_stage(
    store: Store, st: Stage, fps: dict[str, str], report: BuildReport, changed: set[str], progress: Progress | None = None,
) -> set[str] | None:
    """One corpus stage, if its input changed: None when it did not run, else the ids of the
    articles whose records it changed."""
    state = _corpus_input(store, st, fps)
    if store.corpus_state(st.name) == (st.version, state):
        return None
    assert st.run is not None
    articles = _articles(store) if progress is not None else 0
    if progress is not None:
        progress.corpus_started(st.name, articles)
    started = time.perf_counter()
    moved = st.run(store, changed)
    spent = time.perf_counter() - started
    report.stage_seconds[st.name] = report.stage_seconds.get(st.name, 0.0) + spent
    with store.transaction():
        store.record_corpus_run(st.name, st.version, state)
    report.stage_runs[st.name] = report.stage_runs.get(st.name, 0) + 1
    if progress is not None:
        progress.corpus_round(st.name, articles, len(moved or ()), spent)
    return set(moved or ())
