"""The ``storyline`` command: thin commands over the library.

Each command parses and validates, then calls one library function; every
``StorylineError`` becomes one line on standard error and exit code 2
(1 means the build ran but some inputs failed).
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..config import load_settings
from ..errors import StorylineError
from ..store import Store

__all__ = ["main", "cli"]

DEFAULT_DB = "storyline.db"


def _fail(exc: StorylineError) -> None:
    click.echo(f"Error: {exc}", err=True)
    sys.exit(2)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except StorylineError as exc:
            _fail(exc)
        except BrokenPipeError:  # `storyline export … | head`
            sys.stderr.close()
            sys.exit(0)

    return wrapper


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        default=lambda: os.environ.get("STORYLINE_DB", DEFAULT_DB),
        show_default=DEFAULT_DB,
        help="The Storyline database file (also $STORYLINE_DB).",
    )(func)


def quiet_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")(func)


def _open(db: str) -> Store:
    return Store(db, readonly=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """Storyline: rebuild the story inside a pile of news.

    Build a corpus with 'storyline build PATH...', then look at it with
    'stats', 'show', 'search' and 'export'. See 'storyline COMMAND --help'.
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--no-clean", is_flag=True, default=None, help="Take plain text as already clean (no boilerplate removal).")
@click.option("--encoding", default=None, help="Encoding of inputs that are not UTF-8 (default: detect).")
@click.option("--max-bytes", type=int, default=None, help="Largest file (or JSONL line) to read, in bytes [default: 10000000].")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes for per-article stages [default: 1].")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="A TOML settings file (see defaults.toml).")
@quiet_option
@handle_errors
def build(
    paths: tuple[str, ...],
    db: str,
    no_clean: bool | None,
    encoding: str | None,
    max_bytes: int | None,
    jobs: int | None,
    config_file: str | None,
    quiet: bool,
) -> None:
    """Read PATHS (files, directories, or - for JSONL on stdin) into the database.

    Accepts .txt, .html/.htm (also .gz), .json and .jsonl. Incremental and
    idempotent: unchanged articles are skipped, nothing is added twice, and a
    killed build resumes where it stopped. Articles that state no date get one
    from the events they share with dated reports or known dated events. Exits 1
    when any input failed (each failure is listed, and kept in 'storyline export
    failures').
    """
    from ..pipeline import build as run_build
    from ..stages.ingest import list_files

    settings = load_settings(
        config_file=config_file,
        overrides={"no_clean": no_clean, "encoding": encoding, "max_bytes": max_bytes, "jobs": jobs},
    )
    show_bar = not quiet and sys.stderr.isatty()
    bar = None
    progress = None
    if show_bar:
        from tqdm import tqdm

        total = sum(1 for _ in list_files(paths))
        bar = tqdm(total=total, unit="file", file=sys.stderr, desc="build")
        progress = lambda _path: bar.update(1)  # noqa: E731
    try:
        report = run_build(paths, db=db, settings=settings, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    if not quiet:
        click.echo(
            f"{db}: {report.files} input file(s), {report.documents} article(s) read — "
            f"{report.processed} new or updated, {report.unchanged} unchanged, "
            f"{report.duplicates} duplicate(s); {len(report.failures)} failure(s).",
            err=True,
        )
    for failure in report.failures:
        click.echo(f"  {failure.stage}: {failure.message}", err=True)
    sys.exit(1 if report.failures else 0)


EXPORTS = {
    "articles": [
        "id", "path", "source", "url", "title", "published", "language", "text", "removed",
        "format", "author", "published_precision", "published_source", "published_earliest",
        "published_latest", "published_basis", "language_score", "analysis",
    ],
    "failures": ["path", "stage", "code", "message"],
    "actors": ["id", "name", "kind", "country", "sector", "aliases", "mentions", "origin"],
    "places": ["id", "name", "country", "lat", "lon", "aliases", "mentions", "kind", "origin"],
    "times": ["article_id", "text", "start", "end", "type", "value", "anchor"],
    "mentions": ["article_id", "start", "end", "text", "kind", "entity_id", "sentence", "via", "role"],
    "events": [
        "id", "type", "cameo", "mode", "context", "status", "date", "date_precision", "source", "target",
        "sources", "targets", "location", "attribution", "confidence", "mentions",
    ],
}


def _export_rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    if what == "articles":
        analysis = dict(store.query("SELECT article_id, analysis FROM annotations"))
        basis = {k: v[4] for k, v in store.corpus_dates().items()}
        for a in store.articles():
            yield {
                "id": a.id, "path": a.path, "source": a.source, "url": a.url, "title": a.title,
                "published": a.published, "language": a.language, "text": a.text,
                "removed": [r.as_dict() for r in a.removed], "format": a.format,
                "author": a.author, "published_precision": a.published_precision,
                "published_source": a.published_source,
                "published_earliest": a.published_earliest,
                "published_latest": a.published_latest,
                "published_basis": basis.get(a.id) if a.published_source == "corpus" else None,
                "language_score": a.language_score,
                "analysis": analysis.get(a.id),
            }
    elif what == "failures":
        for f in store.failures():
            yield {"path": f.path, "stage": f.stage, "code": f.code, "message": f.message}
    elif what == "actors":
        for actor, n, forms in store.actors():
            yield {
                "id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
                "sector": actor.sector, "aliases": forms, "mentions": n, "origin": actor.origin,
            }
    elif what == "places":
        for place, n, forms in store.places():
            yield {
                "id": place.id, "name": place.name, "country": place.country, "lat": place.lat,
                "lon": place.lon, "aliases": forms, "mentions": n, "kind": place.kind, "origin": place.origin,
            }
    elif what == "times":
        for r in store.times_rows():
            yield {k: r[k] for k in EXPORTS["times"]}
    elif what == "events":
        from ..stages.tell import event_records

        yield from event_records(store)
    else:
        for m in store.mentions():
            yield {k: getattr(m, k) for k in EXPORTS["mentions"]}


@cli.command()
@click.argument("what", type=click.Choice(sorted(EXPORTS)))
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None, help="Write here instead of standard output.")
@handle_errors
def export(what: str, db: str, fmt: str, output: str | None) -> None:
    """Write WHAT (articles, events, actors, places, times, mentions, failures) as JSONL or CSV.

    Fields are listed in docs/cli.md; in CSV, list fields (removed) are JSON.
    """
    with _open(db) as store:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if fmt == "jsonl":
                for row in _export_rows(store, what):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            elif what == "events":
                from ..stages.tell import CSV_FIELDS, csv_row

                writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
                writer.writeheader()
                for rec in _export_rows(store, what):
                    writer.writerow(csv_row(rec))
            else:
                writer = csv.DictWriter(out, fieldnames=EXPORTS[what], lineterminator="\n")
                writer.writeheader()
                for row in _export_rows(store, what):
                    writer.writerow(
                        {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}
                    )
        finally:
            if output:
                out.close()


@cli.command()
@click.argument("ident")
@db_option
@click.option("--raw", is_flag=True, help="Show the input text with removed blocks marked in place.")
@click.option("--no-marks", is_flag=True, help="Do not mark actors, places and times in the text.")
@handle_errors
def show(ident: str, db: str, raw: bool, no_marks: bool) -> None:
    """Show one article (by id or unique id prefix): metadata, text with its actors,
    places and times marked, and what was removed."""
    with _open(db) as store:
        article = store.article(ident)
        if article is None:
            raise StorylineError(f"no article with id or prefix '{ident}' in {db}. List ids with 'storyline export articles'.")
        date = article.published or "unknown"
        if article.published_source:
            date += f" ({article.published_source}, precision {article.published_precision})"
        if article.published_earliest or article.published_latest:
            date += f" [between {article.published_earliest or '?'} and {article.published_latest or '?'}]"
        if article.published_source == "corpus":
            for line in store.corpus_dates().get(article.id, (None,) * 5)[4] or []:
                date += f"\n           dated by: {line}"
        lines = [
            click.style(article.title or "(no title)", bold=True),
            f"id:        {article.id}",
            f"path:      {article.path}",
            f"source:    {article.source or '-'}" + (f"  url: {article.url}" if article.url else ""),
            f"published: {date}",
            f"language:  {article.language or '-'}"
            + (f" ({article.language_score:.2f})" if article.language_score is not None else ""),
        ]
        if article.author:
            lines.append(f"author:    {article.author}")
        click.echo("\n".join(lines) + "\n")
        if raw:
            doc = store.document(article.id)
            click.echo(_mark_removed(doc.content if doc else "", article))
        else:
            ann = store.annotation(article.id)
            if ann is not None:
                click.echo(f"analysis:  {ann.analysis}\n")
            if no_marks:
                click.echo(article.text)
            else:
                click.echo(_mark_entities(article.text, store.mentions(article.id), list(store.times(article.id))))
        if article.removed:
            click.echo("\n" + click.style(f"Removed ({len(article.removed)} blocks):", bold=True))
            for r in article.removed:
                text = r.text if len(r.text) <= 160 else r.text[:157] + "…"
                click.echo(f"  [{r.reason}] " + text.replace("\n", " ⏎ "))


def _mark_entities(text: str, mentions: list[Any], times: list[Any]) -> str:
    """Text with [actor|id], <place|id> and {time=value} marks, coloured on a terminal."""
    marks: list[tuple[int, int, str]] = []
    for m in mentions:
        if m.kind == "actor":
            marks.append((m.start, m.end, click.style(f"[{text[m.start:m.end]}|{m.entity_id}]", fg="cyan")))
        else:
            marks.append((m.start, m.end, click.style(f"<{text[m.start:m.end]}|{m.entity_id}>", fg="green")))
    for t in times:
        marks.append((t.start, t.end, click.style(f"{{{text[t.start:t.end]}={t.value}}}", fg="yellow")))
    out, pos = [], 0
    for start, end, marked in sorted(marks):
        if start < pos:
            continue  # overlapping marks: the first wins
        out.append(text[pos:start])
        out.append(marked)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _mark_removed(content: str, article: Any) -> str:
    spans = sorted((r.start, r.end, r.reason) for r in article.removed if r.start is not None and r.end is not None)
    if not spans:
        return content
    out, pos = [], 0
    for start, end, reason in spans:
        if start < pos:
            continue
        out.append(content[pos:start])
        out.append(click.style(f"[-{reason}: ", fg="red") + click.style(content[start:end], strikethrough=True, fg="red") + click.style("-]", fg="red"))
        pos = end
    out.append(content[pos:])
    return "".join(out)


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@handle_errors
def stats(db: str, as_json: bool) -> None:
    """Summarise the database: articles by language, source and month; failures by code."""
    with _open(db) as store:
        data = {
            "database": db,
            "articles": store.count("articles"),
            "failures": store.count("failures"),
            "languages": dict(store.query("SELECT coalesce(language,'?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC")),
            "sources": dict(store.query("SELECT coalesce(source,'?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1")),
            "months": dict(store.query("SELECT coalesce(substr(published,1,7),'unknown'), count(*) FROM articles GROUP BY 1 ORDER BY 1")),
            "date_sources": dict(store.query("SELECT coalesce(published_source,'none'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC")),
            "failure_codes": dict(store.query("SELECT code, count(*) FROM failures GROUP BY 1 ORDER BY 1")),
            "words": store.query("SELECT coalesce(sum(length(text) - length(replace(text, ' ', '')) + 1), 0) FROM articles")[0][0],
            "removed_blocks": store.query("SELECT coalesce(sum(json_array_length(removed)), 0) FROM articles")[0][0],
            "migrations": store.migrations(),
        }
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{data['database']}: {data['articles']} articles, ~{data['words']} words, "
               f"{data['removed_blocks']} boilerplate blocks removed, {data['failures']} failures")
    for key, label in [("languages", "languages"), ("sources", "sources"), ("months", "published"),
                       ("date_sources", "date from"), ("failure_codes", "failures")]:
        if data[key]:
            click.echo(f"  {label + ':':11}" + ", ".join(f"{k} {v}" for k, v in data[key].items()))


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True)
@click.option("--evidence", is_flag=True, help="Under each event, the sentence of every report, with outlet and date.")
@click.option("--min-confidence", type=float, default=0.0, show_default=True, help="Leave out events below this confidence.")
@handle_errors
def timeline(db: str, fmt: str, evidence: bool, min_confidence: float) -> None:
    """The events in date order: date and precision, type, status, actors, place, and the
    outlets reporting each (one line per real-world event, however many reports)."""
    from ..stages.tell import timeline as render

    with _open(db) as store:
        click.echo(render(store, fmt=fmt, evidence=evidence, min_confidence=min_confidence))


@cli.command()
@db_option
@click.option("--kind", type=click.Choice(["person", "org", "country", "igo", "group"]), default=None, help="Only actors of this kind.")
@click.option("--country", default=None, help="Only actors of this country (ISO-3, e.g. TUR).")
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many rows (0: all).")
@handle_errors
def actors(db: str, kind: str | None, country: str | None, limit: int) -> None:
    """List actors with their mention counts, most mentioned first.

    Columns: mentions, id, kind, country, sector, name, and the spellings seen.
    """
    with _open(db) as store:
        rows = [r for r in store.actors() if (kind is None or r[0].kind == kind) and (country is None or (r[0].country or "") == country.upper())]
    for actor, n, forms in rows[: limit or None]:
        spellings = ", ".join(forms[:6]) + (" …" if len(forms) > 6 else "")
        click.echo(f"{n:5}  {actor.id:34} {actor.kind:7} {actor.country or '-':4} {actor.sector or '-':4} {actor.name}  [{spellings}]")


@cli.command()
@db_option
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many rows (0: all).")
@handle_errors
def places(db: str, limit: int) -> None:
    """List places with coordinates and mention counts, most mentioned first."""
    with _open(db) as store:
        rows = store.places()
    for place, n, forms in rows[: limit or None]:
        coords = f"{place.lat:8.4f} {place.lon:9.4f}" if place.lat is not None and place.lon is not None else " " * 18
        click.echo(f"{n:5}  {place.id:34} {place.country or '-':4} {coords}  {place.name}  [{', '.join(forms[:6])}]")


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", type=int, default=20, show_default=True)
@handle_errors
def search(query: str, db: str, limit: int) -> None:
    """Full-text search over titles and texts (SQLite FTS5; diacritics folded: cavusoglu finds Çavuşoğlu)."""
    import sqlite3

    with _open(db) as store:
        try:
            hits = store.search(query, limit=limit)
        except sqlite3.OperationalError as exc:
            raise StorylineError(f"bad search query '{query}' ({exc}). Quote phrases: '\"joint statement\"'.") from None
    for ident, title, snippet in hits:
        click.echo(f"{ident}  {title or '(no title)'}\n    {snippet}")


def _shared_data(name: str) -> Path:
    root = os.environ.get("STORYLINE_SHARED_DATA")
    base = Path(root) if root else Path.cwd().parent / "shared" / "data"
    return base / name


EVAL_DATA = {
    "extraction": "article-extraction", "plaintext": "article-extraction", "timeml": "timebank",
    "plover": "plover-gsr/dev.json",
}


@cli.command(name="eval")
@click.argument("name", type=click.Choice(sorted(EVAL_DATA)))
@click.argument("data", required=False, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the full result (per page or per document too) as JSON.")
@handle_errors
def eval_cmd(name: str, data: str | None, as_json: bool) -> None:
    """Score a stage against public gold data and print the numbers.

    extraction: article text from HTML against the marked body (shingle F1),
    beside trafilatura alone. plaintext: the plain-text cleaner on the same
    pages rendered to full visible text. timeml: temporal expressions against
    TimeBank (strict/relaxed span F1, type and value accuracy). plover: event
    coding against PLOVER gold records (type accuracy, source/target code F1, a
    reliability table). DATA defaults to the matching folder or file under
    ../shared/data (or $STORYLINE_SHARED_DATA). Floors CI enforces:
    storyline/evaluate/baseline.json.
    """
    folder = Path(data) if data else _shared_data(EVAL_DATA[name])
    if not folder.exists():
        raise StorylineError(f"{folder}: gold data not found. Pass its path as DATA.")
    if name == "extraction":
        from ..evaluate.extraction import evaluate
    elif name == "plaintext":
        from ..evaluate.plaintext import evaluate
    elif name == "plover":
        from ..evaluate.plover import evaluate, format_report

        result = evaluate(folder)
        click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else format_report(result))
        return
    else:
        from ..evaluate.timeml import evaluate
    result = evaluate(folder)
    if not as_json:
        result = {k: v for k, v in result.items() if not isinstance(v, list)}
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))


def main() -> None:
    cli(prog_name="storyline")
