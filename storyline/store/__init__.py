"""The store: the typed interface every other part of Storyline reads and writes through.

No SQL lives above this package. ``Store`` names what a backend provides; SQLite
(``store/sqlite.py``) is the first backend, PostgreSQL can be a second module behind
the same methods. ``open_store(path)`` (or ``Store(path)``) opens the backend a path
names — today always SQLite.

Writes happen inside ``store.transaction()``, so a build killed at any moment leaves
either a whole batch or none of it. Errors of the backend surface as ``StoreError``
(``storyline/errors.py``), never as the driver's own exceptions.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..models import (
    Actor,
    Annotation,
    Article,
    Document,
    Event,
    EventMention,
    Failure,
    Mention,
    Place,
    Resolution,
    Story,
    StoryMember,
    TimeExpr,
)
from .migrations import MIGRATIONS

__all__ = ["Store", "ArticleFacts", "ArticleSummary", "CorpusDate", "open_store", "SCHEMA_VERSION"]

SCHEMA_VERSION = len(MIGRATIONS)

# article id -> (published, precision, earliest, latest, basis): a date the dating stage inferred
CorpusDate = tuple[str, str, str, str, list[str]]


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What ``stats`` counts about one article, without its text. ``published`` and
    ``published_source`` are the article's one date (its own, else the corpus's)."""

    id: str
    language: str | None
    source: str | None
    published: str | None
    published_source: str | None
    words: int
    removed_blocks: int


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One line about an article, without its text (``storyline articles``, finding an id).
    The date is the article's one date, as in ``articles()``."""

    id: str
    published: str | None
    published_precision: str | None
    published_source: str | None
    source: str | None
    language: str | None
    title: str | None
    path: str


class Store(abc.ABC):
    """A Storyline database. ``Store(path)`` opens the default backend (``open_store``)."""

    path: str

    def __new__(cls, *args: Any, **kwargs: Any) -> Store:
        if cls is Store:  # Store(path): the backend for that path, initialised by its __init__
            return object.__new__(_backend(*args, **kwargs))
        return object.__new__(cls)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- life cycle and schema --------------------------------------------------------------

    @abc.abstractmethod
    def close(self) -> None: ...

    @abc.abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Everything written inside is committed together, or not at all."""

    @abc.abstractmethod
    def migrate(self) -> list[str]:
        """Apply pending schema migrations; return their names."""

    @abc.abstractmethod
    def migrations(self) -> list[str]:
        """The names of the migrations applied, in order."""

    # -- the build's bookkeeping ------------------------------------------------------------

    @abc.abstractmethod
    def stage_state(self, article_id: str) -> dict[str, tuple[str, str]]:
        """stage name -> (version, input hash) of the run that made the article's current output."""

    @abc.abstractmethod
    def record_run(self, article_id: str, stage: str, version: str, input_hash: str) -> None: ...

    @abc.abstractmethod
    def corpus_state(self, stage: str) -> tuple[str, str] | None:
        """(version, input hash) of a corpus stage's last run, or None."""

    @abc.abstractmethod
    def record_corpus_run(self, stage: str, version: str, input_hash: str) -> None: ...

    @abc.abstractmethod
    def has_run(self, article_id: str, stage: str) -> bool:
        """Whether a stage's output for the article is stored."""

    @abc.abstractmethod
    def records_state(self, stage: str, scope: str) -> str:
        """A hash of what the stored runs of a stage say about its output over the corpus:
        for an article stage, every article's (version, input hash); for a corpus stage, its
        last run."""

    @abc.abstractmethod
    def event_mentions_state(self) -> str:
        """A hash of every article's event mentions (their links to events left out)."""

    @abc.abstractmethod
    def record_failure(self, failure: Failure) -> None: ...

    @abc.abstractmethod
    def clear_failures(self, path: str) -> None: ...

    # -- per-article outputs ----------------------------------------------------------------

    @abc.abstractmethod
    def put_document(self, doc: Document, content_hash: str) -> None: ...

    @abc.abstractmethod
    def put_article(self, article: Article) -> None: ...

    @abc.abstractmethod
    def put_annotation(self, ann: Annotation) -> None: ...

    @abc.abstractmethod
    def put_resolution(self, res: Resolution) -> None:
        """Replace an article's mentions and its descriptions of actors and places; the
        actor and place records are derived again from every article describing them."""

    @abc.abstractmethod
    def put_event_mentions(self, article_id: str, events: Iterable[EventMention]) -> None: ...

    @abc.abstractmethod
    def document(self, ident: str) -> Document | None: ...

    @abc.abstractmethod
    def document_hash(self, article_id: str) -> str | None: ...

    @abc.abstractmethod
    def articles(self, *, own: bool = False, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Every article in date order, with its one date: its own, or — where it states
        none to the day — the one the dating stage inferred from the corpus
        (``published_source`` "corpus"). ``own=True`` gives the article's own values only.
        ``ids``: only these articles (a story's; the web view reads one story at a time)."""

    @abc.abstractmethod
    def article(self, ident: str, *, own: bool = False) -> Article | None:
        """An article by id or unique id prefix (at least 4 characters), dated as in articles()."""

    @abc.abstractmethod
    def article_summaries(self, prefix: str | None = None, *, ids: Iterable[str] | None = None) -> Iterator[ArticleSummary]:
        """Every article (or those whose id starts with ``prefix``, in any case; or those of
        ``ids``) without its text, by date (undated last), then id."""

    @abc.abstractmethod
    def article_facts(self) -> Iterator[ArticleFacts]:
        """Every article's countable facts (language, outlet, one date, words, removed blocks)."""

    @abc.abstractmethod
    def annotation(self, article_id: str) -> Annotation | None: ...

    @abc.abstractmethod
    def sentences(self, article_ids: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
        """article id -> its sentences' (start, end) offsets, for the articles of ``article_ids``
        that annotation() has (without reading their parses)."""

    @abc.abstractmethod
    def analyses(self) -> dict[str, str]:
        """article id -> the analysis the article got (e.g. 'spacy:…+gazetteer')."""

    @abc.abstractmethod
    def put_times(self, article_id: str, times: Iterable[TimeExpr]) -> None: ...

    @abc.abstractmethod
    def put_record(self, record: str, article_id: str, value: Any) -> None:
        """Write an intermediate record a later stage reads (``entities``, ``coded``)."""

    @abc.abstractmethod
    def get_record(self, record: str, article_id: str) -> Any: ...

    @abc.abstractmethod
    def times(self, article_id: str | None = None) -> Iterator[TimeExpr]: ...

    @abc.abstractmethod
    def times_by_article(self, ids: Iterable[str] | None = None) -> Iterator[tuple[str, TimeExpr]]:
        """(article id, time expression) of every article (or of ``ids``), by article and offset."""

    @abc.abstractmethod
    def days_named(self, ids: Iterable[str] | None = None) -> dict[str, list[str]]:
        """article id -> the different days (dates to the day, ``YYYY-MM-DD``, sorted) its time
        expressions name, for every article (or those of ``ids``) that names one."""

    @abc.abstractmethod
    def resolution(self, article_id: str) -> Resolution | None:
        """An article's stored resolve output, with its own descriptions of its actors and
        places (None when it has not been resolved)."""

    @abc.abstractmethod
    def mentions(self, article_id: str | None = None) -> list[Mention]: ...

    @abc.abstractmethod
    def event_mentions(self, article_id: str | None = None) -> list[tuple[int, EventMention]]:
        """(index in its article, mention), ordered by article id and index."""

    # -- corpus outputs ---------------------------------------------------------------------

    @abc.abstractmethod
    def corpus_dates(self) -> dict[str, CorpusDate]:
        """article id -> (published, precision, earliest, latest, basis) inferred by the dating stage."""

    def corpus_date(self, article_id: str) -> CorpusDate | None:
        """One article's ``corpus_dates`` entry (None: the dating stage did not date it); a
        backend reads it alone."""
        return self.corpus_dates().get(article_id)

    @abc.abstractmethod
    def replace_corpus_dates(self, dates: dict[str, CorpusDate]) -> None:
        """Write the dating stage's whole output."""

    @abc.abstractmethod
    def replace_events(self, events: Iterable[Event], links: Iterable[tuple[str, str, int]]) -> None:
        """Write the linked events (the link stage's whole output) and their links (event id,
        article id, mention index)."""

    @abc.abstractmethod
    def story_members(self) -> list[StoryMember]:
        """Every article placed in a story, in placing order."""

    @abc.abstractmethod
    def add_story_members(self, members: Iterable[StoryMember]) -> None:
        """Place articles in stories (an article placed before keeps its place unless
        ``clear_stories`` ran)."""

    @abc.abstractmethod
    def put_story_labels(self, labels: dict[str, tuple[str, str | None, str | None]]) -> None:
        """story id -> (central article id, title, summary): write or replace each story's label."""

    @abc.abstractmethod
    def clear_stories(self) -> None:
        """Forget every story (the model that placed the articles changed)."""

    @abc.abstractmethod
    def stories(self, story_id: str | None = None) -> list[Story]:
        """Every story (or the one with ``story_id``, or whose id starts with it), most articles
        first, then earliest start, then id; its articles in placing order, its events (those
        its articles report) by id."""

    @abc.abstractmethod
    def events(self, ids: Iterable[str] | None = None) -> list[Event]:
        """Every linked event (or those of ``ids``) with its mentions, by date (undated last), then id."""

    @abc.abstractmethod
    def actors(self, ids: Iterable[str] | None = None) -> list[tuple[Actor, int, list[str]]]:
        """Every actor (or those of ``ids``) with at least one mention: (actor, mention count,
        spellings seen), most mentioned first."""

    @abc.abstractmethod
    def places(self, ids: Iterable[str] | None = None) -> list[tuple[Place, int, list[str]]]:
        """Every place (or those of ``ids``) with at least one mention, as actors()."""

    @abc.abstractmethod
    def failures(self) -> Iterator[Failure]: ...

    @abc.abstractmethod
    def search(self, query: str, *, limit: int = 20) -> list[tuple[str, str | None, str]]:
        """Full-text search over titles and texts: (article id, title, snippet), best first.
        A query the engine cannot parse raises StoreError E403."""

    @abc.abstractmethod
    def search_ids(self, query: str) -> list[str]:
        """The ids of every article a full-text query matches, best first (E403 as search())."""

    @abc.abstractmethod
    def story_sizes(self, *, limit: int | None = None, offset: int = 0) -> tuple[list[tuple[str, int]], int]:
        """(story id, number of articles) for a page of the stories, most articles first, then
        id; and how many stories there are. Reads no article: a page of a list of thousands of
        stories (the web view's index) without labelling them all."""

    @abc.abstractmethod
    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        """The actors of ``ids`` that actors() lists (with a mention), without counting their
        mentions or spellings: what an event record needs, fast on a large corpus."""

    @abc.abstractmethod
    def places_by_id(self, ids: Iterable[str]) -> dict[str, Place]:
        """The places of ``ids`` that places() lists, as actors_by_id()."""

    @abc.abstractmethod
    def event_ids_of(self, actor_ids: Iterable[str], *, latest: int | None = None) -> tuple[list[str], int]:
        """The ids of the linked events in which one of these actors is a source or a target (by
        id; with ``latest``, only that many, the latest by date first), and how many there are."""

    @abc.abstractmethod
    def mentions_of(self, entity_ids: Iterable[str]) -> list[Mention]:
        """Every mention resolved to one of these actor or place ids, by article and offset."""

    @abc.abstractmethod
    def schema(self) -> dict[str, tuple[str, list[str]]]:
        """Every table and view of the database: name -> (kind, its columns in order); kind is
        'table' or 'view'. Names starting with '_' are internal."""

    # -- helpers every backend shares -------------------------------------------------------

    def articles_by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles()}

    # -- records by name: how the stage runner loads and saves (registry.RECORDS) -----------

    def save(self, record: str, article_id: str, value: Any) -> None:
        """Write one article's record as a stage assigned it (inside transaction())."""
        if record == "article":
            self.put_article(value)
        elif record == "annotation":
            self.put_annotation(value)
        elif record == "times":
            self.put_times(article_id, value)
        elif record == "resolution":
            self.put_resolution(value)
        elif record == "event_mentions":
            self.put_event_mentions(article_id, value)
        elif record in ("entities", "coded"):
            self.put_record(record, article_id, value)
        else:
            raise KeyError(f"no article record named {record!r}")

    def load(self, record: str, article_id: str) -> Any:
        """One article's stored record, or None when it has none."""
        if record == "document":
            return self.document(article_id)
        if record == "article":
            return self.article(article_id, own=True)
        if record == "annotation":
            return self.annotation(article_id)
        if record in ("entities", "coded"):
            return self.get_record(record, article_id)
        # times, resolution and event_mentions: no article stage reads them back (the corpus
        # stages and readers use the typed methods)
        raise KeyError(f"no stored article record {record!r} for a stage to read")


def _backend(path: str | Path, *args: Any, **kwargs: Any) -> type[Store]:
    """The backend class for a database path (a PostgreSQL URL will pick its own)."""
    from .sqlite import SQLiteStore

    return SQLiteStore


def open_store(path: str | Path, *, readonly: bool = False) -> Store:
    """Open (creating and migrating, unless ``readonly``) the database at ``path``."""
    return _backend(path)(path, readonly=readonly)
