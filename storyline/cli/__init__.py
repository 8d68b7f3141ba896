"""The ``storyline`` command: thin commands over the library.

Each command parses and validates, then calls one library function; every
``StorylineError`` becomes one line on standard error and exit code 2
(1 means the build ran but some inputs failed; 130, interrupted by Ctrl-C).
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from .. import __version__, read
from ..config import load_settings
from ..errors import StorylineError
from ..models import Article, Mention, TimeExpr
from ..read import EXPORTS
from ..store import Store, open_store

__all__ = ["main", "cli", "EXPORTS"]

DEFAULT_DB = "storyline.db"
PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


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
        except KeyboardInterrupt:  # Ctrl-C: no traceback, the shell's code for SIGINT
            click.echo(f"{_newline_on_tty()}interrupted", err=True)
            sys.exit(130)

    return wrapper


def _newline_on_tty() -> str:
    """A line break after the terminal's "^C"."""
    return "\n" if sys.stderr.isatty() else ""


def resumable(func: Callable[..., Any]) -> Callable[..., Any]:
    """A build stopped by Ctrl-C: say how to resume (what was committed stays), exit 130."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo(f"{_newline_on_tty()}interrupted; run the same command again to resume", err=True)
            sys.exit(130)

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
    return open_store(db, readonly=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """Storyline: rebuild the story inside a pile of news.

    Build a corpus with 'storyline build PATH...', then look at it with
    'stats', 'articles', 'show', 'search' and 'export'. See 'storyline COMMAND --help'.
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
@resumable
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
    killed or interrupted build (Ctrl-C: exit 130) resumes where it stopped. Articles that state no date get one
    from the events they share with dated reports or known dated events. Exits 1
    when any input failed (each failure is listed, and kept in 'storyline export
    failures'). A missing PATH, a database that cannot be opened or a bad
    knowledge file stops it before anything is read (exit 2).
    """
    from ..pipeline import build as run_build

    settings = load_settings(
        config_file=config_file,
        overrides={"no_clean": no_clean, "encoding": encoding, "max_bytes": max_bytes, "jobs": jobs},
    )
    from .progress import build_progress

    with build_progress(quiet=quiet) as progress:
        report = run_build(paths, db=db, settings=settings, progress=progress)
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


@cli.command()
@click.argument("what", type=click.Choice(sorted(EXPORTS)))
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "plover", "geojson", "graphml"]), default="jsonl", show_default=True,
              help="jsonl, csv; events also plover (PLOVER JSON lines) or geojson; alliances also graphml.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None, help="Write here instead of standard output.")
@handle_errors
def export(what: str, db: str, fmt: str, output: str | None) -> None:
    """Write WHAT (articles, events, actors, places, times, mentions, stories, alliances, contradictions, failures) as JSONL or CSV.

    Fields are listed in docs/cli.md; in CSV, list fields (removed) are JSON, and the
    events CSV keeps every actor of a compound side, joined by '; ' in each source_* and
    target_* column. For other tools: events as PLOVER JSON (--format plover) or GeoJSON
    (--format geojson, for QGIS), alliances as GraphML (--format graphml, for Gephi).
    """
    from ..exchange import FORMATS

    if fmt in FORMATS and FORMATS[fmt] != what:
        raise click.UsageError(f"--format {fmt} applies to 'export {FORMATS[fmt]}' only")
    with _open(db) as store:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if fmt in FORMATS:
                from ..exchange import write

                write(store, fmt, out)
            elif fmt == "jsonl":
                for row in read.export_records(store, what):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                writer = csv.DictWriter(out, fieldnames=read.csv_fields(what), lineterminator="\n")
                writer.writeheader()
                for row in read.csv_records(store, what):
                    writer.writerow(row)
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
    places and times marked, and what was removed. A prefix several ids share lists
    them; 'storyline articles' lists every id."""
    with _open(db) as store:
        detail = read.article_detail(store, read.find_article(store, ident))
    assert detail is not None
    article = detail.article
    date = article.published or "unknown"
    if article.published_source:
        date += f" ({article.published_source}, precision {article.published_precision})"
    if article.published_earliest or article.published_latest:
        date += f" [between {article.published_earliest or '?'} and {article.published_latest or '?'}]"
    for line in detail.basis:
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
        click.echo(_mark_removed(detail.raw or "", article))
    else:
        if detail.analysis is not None:
            click.echo(f"analysis:  {detail.analysis}\n")
        if no_marks:
            click.echo(article.text)
        else:
            click.echo(_mark_entities(article.text, detail.mentions, detail.times))
    if article.removed:
        click.echo("\n" + click.style(f"Removed ({len(article.removed)} blocks):", bold=True))
        for r in article.removed:
            text = r.text if len(r.text) <= 160 else r.text[:157] + "…"
            click.echo(f"  [{r.reason}] " + text.replace("\n", " ⏎ "))


def _date_option(name: str, help: str) -> Callable[..., Any]:
    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise click.BadParameter(f"'{value}' is not a date: give YYYY, YYYY-MM or YYYY-MM-DD.")
        return value

    return click.option(name, default=None, metavar="DATE", callback=check, help=help)


@cli.command()
@db_option
@click.option("--language", default=None, metavar="CODE", help="Only articles in this language (ISO 639-1, e.g. fr; und: unsure).")
@click.option("--outlet", default=None, metavar="TEXT", help="Only articles whose outlet contains TEXT (any case).")
@_date_option("--since", "Only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@_date_option("--until", "Only articles dated on or before DATE.")
@click.option("--undated", is_flag=True, help="Only articles with no date.")
@click.option("--id", "prefix", default=None, metavar="PREFIX", help="Only articles whose id starts with PREFIX.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="At most this many rows (0: all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def articles(
    db: str, language: str | None, outlet: str | None, since: str | None, until: str | None,
    undated: bool, prefix: str | None, limit: int, fmt: str,
) -> None:
    """List the articles, one line each, by date (undated last): id, date, outlet,
    language and title. Find an id here, then 'storyline show ID' (a unique prefix will do)."""
    from .articles import format_articles

    with _open(db) as store:
        rows = read.article_list(
            store, language=language, outlet=outlet, since=since, until=until, undated=undated, prefix=prefix
        )
    shown = rows[: limit or None]
    if fmt == "json" or shown:
        click.echo(format_articles(shown, fmt=fmt))
    if not rows:
        click.echo("No article matches." if any((language, outlet, since, until, undated, prefix))
                   else f"{db} has no articles yet.", err=True)
    elif len(shown) < len(rows):
        click.echo(f"… {len(rows) - len(shown)} more of {len(rows)} (--limit 0 lists all).", err=True)


def _mark_entities(text: str, mentions: Iterable[Mention], times: Iterable[TimeExpr]) -> str:
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


def _mark_removed(content: str, article: Article) -> str:
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
        data = read.stats(store, database=db)
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
@click.option("--all", "show_all", is_flag=True,
              help="Every event, also those dated only by their report, told in a side clause, without a "
                   "named actor or proposed by the classifier alone (the default shows those only when "
                   "another report corroborates them).")
@click.option("--actor", "actor_names", multiple=True, metavar="NAME",
              help="Only events this actor takes part in, as source or target: any name, spelling or id "
                   "(a country also stands for its government, military, …). Repeat: all of them take part.")
@click.option("--country", "countries", multiple=True, metavar="ISO3|NAME",
              help="Only events with an actor of this country (TUR, Turkey) or located there. Repeat: all of them.")
@click.option("--type", "types", multiple=True, type=click.Choice(PLOVER_TYPES, case_sensitive=False),
              help="Only events of this PLOVER type. Repeat for several types.")
@click.option("--since", metavar="DATE", help="Only events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Only events on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--story", metavar="ID", help="Only the events (with --key: the articles and events) of this story "
                                            "(an id or unique prefix from 'storyline stories').")
@click.option("--key", is_flag=True, help="Key dates instead of events: the dates the reports turn on, each with a "
                                         "1-3 sentence extractive summary (--since/--until bound the dates).")
@click.option("--max-dates", type=click.IntRange(min=1), default=10, show_default=True, help="--key: at most this many dates.")
@handle_errors
def timeline(db: str, fmt: str, evidence: bool, min_confidence: float, show_all: bool,
             actor_names: tuple[str, ...], countries: tuple[str, ...], types: tuple[str, ...],
             since: str | None, until: str | None, story: str | None, key: bool, max_dates: int) -> None:
    """The events in date order: date and precision, type, status, actors, place, and the
    outlets reporting each (one line per real-world event, however many reports).

    Precision first: by default an event is shown when a report tells it in a main clause with a
    named actor, or two articles date it to the month or day (not copies of one sentence); and it has a date of its own, or only its report's
    date and a report telling it as a finished act in a past tense (news, not background), in an
    article that is not a look back (one naming more than ten days, most of them far from its own). The filters
    (--actor, --country, --type, --since, --until) combine and apply to every --format."""
    from ..filters import event_filter
    from .timeline import format_key_dates, format_timeline, key_timeline, story_scope

    if key:
        if actor_names or countries or types or show_all or min_confidence:
            raise click.UsageError("--key takes --story, --since, --until, --max-dates, --format and --evidence only")
        with _open(db) as store:
            keyed = key_timeline(store, max_dates=max_dates, story=story, since=since, until=until)
        if keyed or fmt == "json":
            click.echo(format_key_dates(keyed, fmt=fmt, evidence=evidence))
        else:
            click.echo(f"no dated article or event in {db}" + (f" for story {story}" if story else "") + ".", err=True)
        return
    with _open(db) as store:
        in_story = story_scope(store, story)[2] if story else None
        wanted, notes = event_filter(store, actors=actor_names, countries=countries, types=types, since=since, until=until)
        records = [r for r in read.event_records(store, min_confidence=min_confidence)
                   if wanted.keep(r) and (in_story is None or r["id"] in in_story)]
    for note in notes:
        click.echo(f"note: {note}", err=True)
    shown = records if show_all else [r for r in records if r["headline"]]
    if not shown and fmt != "json":
        hidden = len(records) - len(shown)
        what = f"no event matches {wanted.describe()}" if wanted else "no event"
        click.echo(f"{what} in {db}" + (f" ({hidden} more with --all)" if hidden else "") + ".", err=True)
        return
    click.echo(format_timeline(shown, fmt=fmt, evidence=evidence))


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
        rows = read.actor_records(store, kind=kind, country=country, limit=limit)
    for a in rows:
        forms = a["aliases"]
        spellings = ", ".join(forms[:6]) + (" …" if len(forms) > 6 else "")
        click.echo(f"{a['mentions']:5}  {a['id']:34} {a['kind']:7} {a['country'] or '-':4} {a['sector'] or '-':4} {a['name']}  [{spellings}]")


@cli.command()
@db_option
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many rows (0: all).")
@handle_errors
def places(db: str, limit: int) -> None:
    """List places with coordinates and mention counts, most mentioned first."""
    with _open(db) as store:
        rows = read.place_records(store, limit=limit)
    for p in rows:
        coords = f"{p['lat']:8.4f} {p['lon']:9.4f}" if p["lat"] is not None and p["lon"] is not None else " " * 18
        click.echo(f"{p['mentions']:5}  {p['id']:34} {p['country'] or '-':4} {coords}  {p['name']}  [{', '.join(p['aliases'][:6])}]")


class WordsCommand(click.Command):
    """A command whose arguments are words of a query: one that starts with '-' and is not an
    option of the command ("-turkey": leave out) is a word, not an unknown option."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from .search import split_words

        return super().parse_args(ctx, split_words(self, ctx, args))


@cli.command(cls=WordsCommand)
@click.argument("words", nargs=-1, required=True, metavar="QUERY")
@db_option
@click.option("--limit", type=int, default=20, show_default=True, help="At most this many articles (0: all).")
@click.option("--text-only", is_flag=True, help="Match the words in the text only, not the actors and places they name.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON, with what each matched.")
@handle_errors
def search(words: tuple[str, ...], db: str, limit: int, text_only: bool, as_json: bool) -> None:
    """Find articles: words anywhere in titles and texts (accents and case aside), and the
    articles that mention the actors and places the words name, however they are spelled
    (sarraj also finds "Saraj" and "Serraj"). "quoted phrase", prefix*, AND (the default),
    OR, NOT or -word, parentheses. Each hit says why it matched."""
    from .search import format_hits

    query = " ".join(words)
    with _open(db) as store:
        hits = read.search(store, query, limit=limit + 1 if limit > 0 else 0, names=not text_only)
    more = limit > 0 and len(hits) > limit
    hits = hits[:limit] if limit > 0 else hits
    if as_json:
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
    elif not hits:
        click.echo(f"no match for {query!r} in {db}")
    else:
        click.echo(format_hits(hits))
    if more:
        click.echo(f"(the first {limit} articles; --limit 0 shows all)", err=True)


@cli.command(name="datasette-metadata")
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None, help="Write here instead of standard output.")
@handle_errors
def datasette_metadata(db: str, output: str | None) -> None:
    """Print Datasette metadata for the database: titles, descriptions, facets and column
    descriptions of the public views and tables, canned queries, internal tables hidden.
    Then: datasette DB --metadata FILE (pip install 'storyline[datasette]')."""
    from ..store.datasette import metadata

    with _open(db) as store:
        meta = metadata(store)
    text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


EVAL_DATA = {
    "extraction": "article-extraction", "plaintext": "article-extraction", "timeml": "timebank",
    "plover": "plover-gsr/dev.json", "plv": "plv/train.tsv",
    "multilingual": None,  # our own check set, shipped beside the scorer
    "stories": "ecbplus",
    "tls": "cl-tls",
}
SPLIT_SCORERS = ("plover", "plv")  # scorers of development sets with a tune and a check part


@cli.command(name="eval")
@click.argument("name", type=click.Choice(sorted(EVAL_DATA)))
@click.argument("data", required=False, type=click.Path(exists=True))
@click.option("--part", type=click.Choice(["tune", "check", "all"]), default=None,
              help="plover, plv: score one part of the split only [default: tune, check and all side by side].")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON instead of a table (per page or per record too).")
@click.option("--lang", "langs", multiple=True, metavar="LANG", help="tls: only this language (es, fr, it). Repeat for several.")
@click.option("--topic", "tls_topics", multiple=True, metavar="TOPIC", help="tls: only this topic (egypt, syria). Repeat for several.")
@click.option("--db-dir", "db_dir", type=click.Path(file_okay=False), default=None,
              help="tls: build each topic into DIR/LANG-TOPIC.db and keep it; a later run reuses it (the build is incremental: only what changed runs again).")
@handle_errors
def eval_cmd(name: str, data: str | None, part: str | None, as_json: bool, langs: tuple[str, ...], tls_topics: tuple[str, ...],
             db_dir: str | None) -> None:
    """Score a stage against public gold data and print the numbers.

    extraction: article text from HTML against the marked body (shingle F1),
    beside trafilatura alone. plaintext: the plain-text cleaner on the same
    pages rendered to full visible text, and the title it finds against each
    page's own og:title or <h1> (tune and check parts). timeml: temporal expressions against
    TimeBank (strict/relaxed span F1, type and value accuracy). plover: event
    coding against PLOVER gold records (type accuracy, source/target code F1, a
    reliability table). plv: event coding on real news sentences (type accuracy
    with CONCEDE and RETREAT as YIELD, source and target spans right, per-type
    table, commonest confusions). plover and plv report the tune and the check
    part of the set side by side (--part for one); --json lists the tune part's
    records only. multilingual: event coding on our own parallel check set (the
    same events in en, fr, es, it, ru, ar, tr; never trained on), one column per
    language. stories: the stories stage on ECB+ (B³ P/R/F1 of document clusters
    against the topic folders, ecb and ecbplus apart; tune and check topics; it
    builds the documents into a temporary database). tls: key-date timelines
    against CL-TLS (date F1, ROUGE-1/2 F1 concatenated and date-aligned, per
    language and topic and the mean; each topic built into a temporary database,
    or kept in --db-dir and reused; --lang, --topic pick some). DATA defaults to the matching folder or file under
    ../shared/data beside the checkout, whatever the working directory (or
    $STORYLINE_SHARED_DATA). Every scorer prints a table; --json prints JSON.
    Floors CI enforces: storyline/evaluate/baseline.json.
    """
    from ..evaluate import shared_data

    if part is not None and name not in SPLIT_SCORERS:
        raise click.UsageError(f"--part applies to {' and '.join(SPLIT_SCORERS)} only")
    if name == "multilingual":
        from ..evaluate.multilingual import DEFAULT_PATH, evaluate, format_report

        result = evaluate(Path(data) if data else DEFAULT_PATH)
        click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else format_report(result))
        return
    if (langs or tls_topics or db_dir) and name != "tls":
        raise click.UsageError("--lang, --topic and --db-dir apply to tls only")
    folder = Path(data) if data else shared_data(EVAL_DATA[name], must_exist=True)
    if name == "tls":
        from ..evaluate.tls import evaluate as evaluate_tls, format_report as tls_report

        if db_dir:
            Path(db_dir).mkdir(parents=True, exist_ok=True)
        result = evaluate_tls(folder, langs=langs, names=tls_topics, db_dir=db_dir)
        click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else tls_report(result))
        return
    if name == "stories":
        from ..evaluate.stories import evaluate, format_report

        result = evaluate(folder)
        click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else format_report(result))
        return
    if name in SPLIT_SCORERS:
        if name == "plover":
            from ..evaluate.plover import evaluate, format_report
        else:
            from ..evaluate.plv import evaluate, format_report
        result = evaluate(folder, part=part or "all")
        click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else format_report(result))
        return
    if name == "extraction":
        from ..evaluate.extraction import evaluate, format_report
    elif name == "plaintext":
        from ..evaluate.plaintext import evaluate, format_report
    else:
        from ..evaluate.timeml import evaluate, format_report
    result = evaluate(folder)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else format_report(result))


from .alliances import alliances as _alliances  # noqa: E402
from .contradictions import contradictions as _contradictions  # noqa: E402
from .serve import serve as _serve  # noqa: E402
from .stories import stories as _stories  # noqa: E402 - commands in their own modules

cli.add_command(_stories)
cli.add_command(_alliances)
cli.add_command(_contradictions)
cli.add_command(_serve)


def main() -> None:
    cli(prog_name="storyline")
