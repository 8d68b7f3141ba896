"""The stage runner: order, versions, batching, error policy, progress.

A per-article stage is a plain callable registered with a versioned name
and what it requires and assigns (STYLE.md §1). For every article the
runner stores which version of each stage produced the current output and
from which input (``stage_runs``), and re-runs a stage only when either
changed; a stage's input hash chains its predecessor's, so a change runs
everything after it and nothing before. Each batch is written in one
transaction, so a build killed at any moment resumes without loss or
duplicates.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import IO, Any, Literal, Protocol

from .config import Settings
from .errors import InputError, StorylineError
from .knowledge import fingerprint as knowledge_fingerprint
from .languages import fingerprint as languages_fingerprint
from .models import Annotation, Article, Document, EventMention, Failure, Resolution
from .stages import annotate as annotate_stage
from .stages import clean as clean_stage
from .stages import code as code_stage
from .stages import dating as dating_stage
from .stages import ingest
from .stages import link as link_stage
from .stages import resolve as resolve_stage
from .store import Store

__all__ = ["Stage", "STAGES", "BuildReport", "build", "analyze_stages", "Executor"]

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("clean", clean_stage.VERSION, ("document",), ("text", "title", "published", "language", "removed")),
    Stage("annotate", annotate_stage.VERSION, ("text", "language", "published"), ("sentences", "entities", "times")),
    Stage("resolve", resolve_stage.VERSION, ("entities", "sentences", "published"), ("actors", "places", "mentions")),
    Stage("code", code_stage.VERSION, ("mentions", "sentences", "times"), ("event_mentions",)),
)
# corpus stages run over every article's output after the per-article stages
# (dating may send articles back through annotate → code, with the date it found)
CORPUS_STAGES: tuple[Stage, ...] = (
    Stage("dating", dating_stage.VERSION, ("event_mentions", "times"), ("published",)),
    Stage("link", link_stage.VERSION, ("event_mentions",), ("events",)),
)
DATING_ROUNDS = 3


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
    stage_runs: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

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
        self.pool = ProcessPoolExecutor(max_workers=jobs)

    def map(self, func: Callable[[Any], Any], items: list[Any]) -> Iterator[Any]:
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


def input_hashes(doc: Document, settings: Settings, chash: str, corpus_date: object = None) -> list[str]:
    """The input hash of each stage, in order: each chains its predecessor's and version.
    ``corpus_date`` is the date the dating stage found for the article, if any: relative
    dates, roles in office and event dates depend on it. Every stage from clean on reads the
    language profiles (month names, models, word lists): a changed profile re-runs them."""
    clean_in = _digest(chash, settings.no_clean, languages_fingerprint())
    annotate_in = _digest(clean_in, clean_stage.VERSION, *([corpus_date] if corpus_date else []))
    resolve_in = _digest(annotate_in, annotate_stage.VERSION, knowledge_fingerprint())
    code_in = _digest(resolve_in, resolve_stage.VERSION, code_stage.fingerprint())
    return [clean_in, annotate_in, resolve_in, code_in]


@dataclass(frozen=True, slots=True)
class _Task:
    doc: Document
    start: int  # index of the first stage to run
    article: Article | None = None  # stored outputs, when starting after clean
    annotation: Annotation | None = None
    resolution: Resolution | None = None
    corpus_date: tuple | None = None  # (published, precision, earliest, latest, basis) from dating


@dataclass(slots=True)
class _Outcome:
    article: Article | None = None
    annotation: Annotation | None = None
    resolution: Resolution | None = None
    events: tuple[EventMention, ...] | None = None
    failure: Failure | None = None
    ran: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Job:
    """Picklable: one document through the per-article stages it needs."""

    settings: Settings
    on_error: str

    def __call__(self, task: _Task) -> _Outcome:
        doc = task.doc
        where = doc.path if doc.line is None else f"{doc.path}:{doc.line}"
        out = _Outcome(article=task.article, annotation=task.annotation, resolution=task.resolution)
        stage = STAGES[task.start].name
        try:
            if task.start <= 0:
                stage = "clean"
                out.article = clean_stage.clean(doc, settings=self.settings)
                out.ran.append(stage)
            assert out.article is not None
            article = _dated(out.article, task.corpus_date)
            if task.start <= 1:
                stage = "annotate"
                out.annotation = annotate_stage.annotate(article)
                out.ran.append(stage)
            assert out.annotation is not None
            if task.start <= 2:
                stage = "resolve"
                out.resolution = resolve_stage.resolve(article, out.annotation)
                out.ran.append(stage)
            assert out.resolution is not None
            stage = "code"
            out.events = code_stage.code(article, out.annotation, out.resolution)
            out.ran.append(stage)
        except InputError as exc:
            if self.on_error == "raise":
                raise
            out.failure = Failure(where, stage, exc.code, str(exc))
        except Exception as exc:  # a bug must not stop a build: record it with a way forward
            if self.on_error == "raise":
                raise
            LOGGER.exception("stage %s failed on %s", stage, where)
            out.failure = Failure(
                where, stage, "E900",
                f"[E900] {where}: internal error in stage {stage} ({type(exc).__name__}: {exc}). "
                "Please report it with this file; the rest of the build went on.",
            )
        return out


def _dated(article: Article, corpus_date: tuple | None) -> Article:
    """The article as later stages see it: with the corpus date where it states none to the day."""
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
        run_corpus_stages(store, report, job=job, executor=executor)
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
    corpus = store.corpus_dates()
    todo: list[tuple[str, list[str], _Task]] = []
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
        planned = _plan(store, doc, content_hash(doc), job, corpus.get(doc.id))
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
    _execute(store, todo, job, executor, report)


def _plan(store: Store, doc: Document, chash: str, job: _Job, corpus_date: tuple | None) -> tuple[str, list[str], _Task] | None:
    """What one document needs: the first stage whose version or input changed, or None."""
    hashes = input_hashes(doc, job.settings, chash, corpus_date[:4] if corpus_date else None)
    state = store.stage_state(doc.id)
    start = next((i for i, st in enumerate(STAGES) if state.get(st.name) != (st.version, hashes[i])), None)
    if start is None:
        return None
    # the article's own values: later stages get the corpus date from the task
    article = store.article(doc.id, own=True) if start >= 1 else None
    annotation = store.annotation(doc.id) if start >= 2 else None
    resolution = store.resolution(doc.id) if start >= 3 else None
    if article is None and start >= 1:
        start = 0  # outputs missing: run from the stage that makes them
    elif annotation is None and start >= 2:
        start = 1
    elif resolution is None and start >= 3:
        start = 2
    return chash, hashes, _Task(doc, start, article, annotation, resolution, corpus_date)


def _execute(
    store: Store, todo: list[tuple[str, list[str], _Task]], job: _Job, executor: Executor, report: BuildReport
) -> None:
    results = list(executor.map(job, [task for *_, task in todo])) if todo else []
    with store.transaction():
        for (chash, hashes, task), out in zip(todo, results):
            doc = task.doc
            if "clean" in out.ran:
                store.put_document(doc, chash)
            if out.article is not None and "clean" in out.ran:
                store.put_article(out.article)
            if out.annotation is not None and "annotate" in out.ran:
                store.put_annotation(out.annotation)
            if out.resolution is not None and "resolve" in out.ran:
                store.put_resolution(out.resolution)
            if out.events is not None and "code" in out.ran:
                store.put_event_mentions(doc.id, out.events)
            for name in out.ran:
                i = [st.name for st in STAGES].index(name)
                store.record_run(doc.id, name, STAGES[i].version, hashes[i])
                report.stage_runs[name] = report.stage_runs.get(name, 0) + 1
            if out.failure is not None:
                if "clean" not in out.ran and task.start == 0:
                    store.put_document(doc, chash)  # keep the raw input of an article that failed
                store.record_failure(out.failure)
                report.failures.append(out.failure)
            else:
                report.processed += 1


def run_corpus_stages(
    store: Store,
    report: BuildReport | None = None,
    *,
    job: _Job | None = None,
    executor: Executor | None = None,
) -> bool:
    """Date undated articles from the corpus (re-running their per-article stages with the
    date found, for a few rounds), then link event mentions into events. Each runs only when
    its input changed. Returns whether anything ran."""
    ran = False
    if job is not None:
        for _ in range(DATING_ROUNDS):
            changed = _run_dating(store, report)
            if changed is None:
                break
            ran = True
            if not changed:
                break
            corpus = store.corpus_dates()
            todo = []
            for article_id in sorted(changed):
                doc = store.document(article_id)
                chash = store.document_hash(article_id)
                if doc is None or chash is None:
                    continue
                planned = _plan(store, doc, chash, job, corpus.get(article_id))
                if planned is not None:
                    todo.append(planned)
            _execute(store, todo, job, executor or SerialExecutor(), report or BuildReport())
    state = store.event_mentions_state()
    if store.corpus_state("link") == (link_stage.VERSION, state):
        return ran
    mentions = [(m.article_id, i, m) for i, m in store.event_mentions()]
    actors = {a.id: a for a, _, _ in store.actors()}
    published = {a.id: a.published for a in store.articles()}
    place_countries = {p.id: p.country for p, _, _ in store.places()}
    events, links = link_stage.link(mentions, actors, published, place_countries)
    with store.transaction():
        store.replace_events(events, links, state, link_stage.VERSION)
    if report is not None:
        report.stage_runs["link"] = report.stage_runs.get("link", 0) + 1
    return True


def _run_dating(store: Store, report: BuildReport | None) -> set[str] | None:
    """One round of the dating stage. None when its input is unchanged since it last ran;
    else the ids of the articles whose corpus date changed."""
    own = list(store.articles(own=True))
    own_state = _digest(*[(a.id, a.published, a.published_precision, a.published_earliest, a.published_latest) for a in own])
    state = _digest(store.event_mentions_state(), own_state, dating_stage.fingerprint())
    if store.corpus_state("dating") == (dating_stage.VERSION, state):
        return None
    before = store.corpus_dates()
    mentions = [(m.article_id, i, m) for i, m in store.event_mentions()]
    times: dict[str, list] = {}
    for aid, t in store.times_by_article():
        times.setdefault(aid, []).append(t)
    actors = {a.id: a for a, _, _ in store.actors()}
    places = {p.id: p.name for p, _, _ in store.places()}
    found = dating_stage.infer_dates(own, mentions, times, actors, places, dated=set(before))
    after = {k: (v.published, v.precision, v.earliest, v.latest, list(v.basis)) for k, v in found.items()}
    with store.transaction():
        store.replace_corpus_dates(after, state, dating_stage.VERSION)
    if report is not None:
        report.stage_runs["dating"] = report.stage_runs.get("dating", 0) + 1
    none = (None, None, None, None)
    return {k for k in set(before) | set(after) if tuple(before.get(k, none)[:4]) != tuple(after.get(k, none)[:4])}
