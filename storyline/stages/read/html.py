"""HTML page -> article text, headline, byline, date and the blocks left out.

trafilatura finds the main content; this module wraps it with

- a fallback chain for pages where the precise pass finds little
  (trafilatura's balanced pass, then its recall pass, then its ``baseline``);
- a line filter for the boilerplate extractors commonly let through
  (the headline repeated at the top, "Advertisement", "Read more:" teasers,
  share widgets, newsletter boxes, photo credits, "Filed under" tags);
- metadata: the headline (never a photo caption), byline, outlet, canonical
  URL, the publication date from htmldate and a language hint;
- the list of visible blocks that did not make it into the article, each
  with a reason, so a user can see what was dropped and why.

The quality gate is ``storyline.evaluate.extraction``: our shingle F1 on the
article-extraction benchmark must not fall below trafilatura's own default.
"""

from __future__ import annotations

import datetime as _dt
import logging
import re
import unicodedata
from copy import deepcopy
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from storyline.errors import NoArticle
from storyline.htmltext import visible_blocks
from storyline.models import DateGuess, Removed

__all__ = ["HtmlCleanResult", "clean_html", "markup_headlines", "REASONS", "MAX_REMOVED", "MAX_REMOVED_CHARS"]

LOGGER = logging.getLogger(__name__)

#: Reasons a visible block can be left out of the article.
REASONS = (
    "navigation", "comments", "caption", "credit", "byline", "advertising", "subscription",
    "related", "share", "cookie", "legal", "tags", "boilerplate",
)
#: At most this many removed blocks are kept per page, each cut to this many characters.
MAX_REMOVED = 500
MAX_REMOVED_CHARS = 500
#: Below this many characters of text the precise pass is not trusted and a fallback runs.
MIN_CHARS = 300


@dataclass(frozen=True, slots=True)
class HtmlCleanResult:
    """What :func:`clean_html` found in one page."""

    text: str  # article body, paragraphs separated by "\n\n"
    title: str | None  # the headline, without the " | Site" suffix; never a caption
    author: str | None
    sitename: str | None  # outlet name, else the host
    url: str | None  # canonical / og:url when the page gives one, else the URL passed in
    date: DateGuess  # publication date from the page's metadata or URL
    language: str | None  # <html lang> / meta, a hint only
    removed: tuple[Removed, ...]  # visible blocks not in the article text, with a reason


# --------------------------------------------------------------------------- text helpers

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def _norm(text: str) -> str:
    """Lower-cased words joined by single spaces: for comparing texts."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).lower()))


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


# --------------------------------------------------------------------------- boilerplate lines

# A whole line that is only one of these (case-insensitive, trailing punctuation ignored).
_LINE_ONLY = re.compile(
    r"""^(?:
        advertisement|advertising|advert|anzeige|publicit[ée]|publicidad|pubblicit[àa]|reklama|
        sponsored(?:\s+content)?|paid\s+content|story\s+continues\s+below(?:\s+advertisement)?|
        continue\s+reading(?:\s+below)?|scroll\s+to\s+continue(?:\s+with\s+content)?|
        read\s+more|see\s+more|show\s+more|load\s+more|more|related|related\s+(?:articles?|stories|content|posts|coverage|news|topics)|
        you\s+may\s+also\s+like|you\s+might\s+also\s+like|recommended(?:\s+for\s+you)?|trending(?:\s+now)?|
        most\s+(?:read|popular|viewed|shared)(?:\s+.{0,40})?|don'?t\s+miss|also\s+read|read\s+also|see\s+also|
        watch|watch\s+now|video|photos?|gallery|image|listen|
        share|share\s+this(?:\s+(?:article|story|post))?|share\s+on\s+\w+|tweet|print|e-?mail|comments?|
        \d+\s+comments?|leave\s+a\s+(?:comment|reply)|tell\s+us\s+what\s+you\s+think|
        join\s+the\s+(?:conversation|discussion)|
        facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|copy\s+link|
        (?:back\s+to\s+)?top|skip\s+to\s+(?:main\s+)?content|menu|search|close|
        all\s+rights\s+reserved|tags?|topics?|filed\s+under
    )[\s:.…!|>»›→-]*$""",
    re.IGNORECASE | re.VERBOSE,
)

# A line opening with one of these is a teaser for another page, a tag list or a credit.
_LINE_PREFIX = re.compile(
    r"""^(?:
        (?:related|read\s+more|see\s+more|more|also\s+read|read\s+also|see\s+also|also\s+see|
           recommended|watch|watch\s+more|listen|don'?t\s+miss|more\s+from|more\s+on|
           click\s+here|lire\s+aussi|à\s+lire\s+aussi|lesen\s+sie\s+auch|mehr\s+zum\s+thema|
           leer\s+m[áa]s|lea\s+tambi[ée]n|te\s+puede\s+interesar|leggi\s+anche)
          \s*[:|>»›→]
      | (?:filed\s+under|tags?|topics?|categories|posted\s+in|keywords?|schlagw[öo]rter|
           etiquetas|mots[-\s]cl[ée]s)\s*:
      | (?:photo|image|picture|foto|photograph|video|graphic|illustration)s?\s*(?:by|credit|courtesy)?\s*:
      | (?:photo|image|video)\s+(?:by|courtesy\s+of)\s
      | (?:©|\(c\)\s|copyright\s)
      | (?:additional\s+)?(?:reporting|editing|writing|compiled|translated)\s+by\s
      | (?:reading\s+time|tempo\s+de\s+leitura|temps\s+de\s+lecture|tiempo\s+de\s+lectura|lesezeit)\s*:
      | (?:source|sources|quelle|fuente)\s*:\s*\S.{0,60}$
      | (?:updated|last\s+updated|published|first\s+published|posted)\s*(?:on|at)?\s*:?\s*
          (?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun).{0,60}$
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Short lines containing one of these are calls to action, not article text.
_CALL_TO_ACTION = re.compile(
    r"""(?:
        subscribe\b|newsletters?\b|sign\s+up\s+(?:here|now)|in\s+your\s+inbox|
        follow\s+(?:us|him|her|them|\w+)\s+on\s+(?:twitter|facebook|instagram)|
        (?:like|follow)\s+us\s+on|download\s+(?:our|the)\s+app|get\s+the\s+app|
        all\s+rights\s+reserved|cookie|terms\s+of\s+(?:use|service)|privacy\s+policy|
        (?:may\s+be\s+)?reached\s+at\s+\S+@|send\s+(?:us\s+)?(?:a\s+)?(?:news\s+)?tips?|have\s+a\s+(?:news\s+)?tip|
        disclaimer|if\s+you\s+(?:enjoyed|liked)\s+this\s+(?:article|story|post)|
        follow\s+.{0,40}\bcoverage\b|\b\d+\s+min(?:ute)?s?\s+read\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CTA_MAX = 160

# A heading introducing a list of other stories: it and the short lines after it go.
_RELATED_HEADER = re.compile(
    r"""^(?:related(?:\s+\w+){0,2}|more(?:\s+\w+){0,3}|read\s+more|see\s+more|also\s+read|
        you\s+may\s+also\s+like|you\s+might\s+also\s+like|recommended(?:\s+\w+){0,2}|
        most\s+(?:read|popular|viewed|shared)(?:\s+\w+){0,4}|don'?t\s+miss|trending(?:\s+\w+){0,2}|
        top\s+stories|latest\s+news|further\s+reading|lire\s+aussi|à\s+lire\s+aussi|
        lesen\s+sie\s+auch|mehr\s+zum\s+thema|leer\s+m[áa]s|noticias\s+relacionadas|
        articles?\s+li[ée]s|leggi\s+anche)[\s:.…!]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_TEASER_MAX = 160


def _is_teaser(line: str) -> bool:
    """A short line that reads like a link to another story (no sentence end)."""
    stripped = line.lstrip("-•*· ").strip()
    return len(stripped) <= _TEASER_MAX and not re.search(r"[.!?…][\"'”’)]?$", stripped)


_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)\]]*$")


def _sentence_like(line: str) -> bool:
    """A line that reads as prose: a sentence, or a long run of text."""
    words = len(_WORD.findall(line))
    return (words >= 6 and bool(_SENTENCE_END.search(line))) or len(line) >= 120 or (
        words >= 1 and len(line) >= 40 and bool(_SENTENCE_END.search(line))  # CJK: no spaces
    )


def _boilerplate_line(line: str) -> bool:
    stripped = line.lstrip("-•*· ").strip()
    if not _WORD.search(stripped):
        return True  # punctuation or symbols only
    if _LINE_ONLY.match(stripped) or _LINE_PREFIX.match(stripped):
        return True
    return len(stripped) <= _CTA_MAX and bool(_CALL_TO_ACTION.search(stripped))


def _similar(a: str, b: str) -> bool:
    """Is line ``a`` the headline ``b``, or a close variant of it?"""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    shorter, longer = sorted((na, nb), key=len)
    if len(shorter) >= 0.6 * len(longer) and shorter in longer:
        return True
    return len(shorter) >= 0.5 * len(longer) and SequenceMatcher(None, na, nb).ratio() >= 0.8


_SHORTCODE = re.compile(r"^\[/?\w+(?:\s[^\]]*)?\].*\[/\w+\]$|^\[/?\w+(?:\s[^\]]*)?\]$")
_DECK_MIN_WORDS = 6
_TAIL_LINES = 2  # lines (a sign-off, a credit) that may follow a closing list of links


def _is_link_item(line: str) -> bool:
    return line.startswith("- ") and _is_teaser(line)

_LEADING_TEASERS = 3


def _filter_lines(
    lines: list[str], titles: list[str], leading_heads: list[tuple[str, str]] = ()
) -> list[str]:
    """Drop the headline and deck, boilerplate lines and lists of links to other stories.

    ``leading_heads`` are the (level, text) of the headings that open the
    extracted body, before its first paragraph.
    """
    # 1. the headline (an opening <h1>, or a line like the page title near the top), and a
    #    deck: a long heading right under the opening <h1>
    drop_top: set[str] = set()
    after_h1 = False
    rest = list(leading_heads)
    while rest:
        level, text = rest[0]
        if level == "h1":
            after_h1 = True
        elif not (after_h1 and len(text.split()) >= _DECK_MIN_WORDS):
            break
        drop_top.add(text)
        rest.pop(0)
    # 2. three or more headings before the first paragraph: links to other stories
    if len(rest) >= _LEADING_TEASERS and all(level != "section" for level, _ in rest):
        drop_top.update(text for _, text in rest)
    lines = [
        line for idx, line in enumerate(lines)
        if line not in drop_top and (idx >= 4 or not any(_similar(line, t) for t in titles))
    ]
    # 3. line by line
    kept: list[str] = []
    skipping = False
    for line in lines:
        stripped = line.lstrip("-•*· ").strip()
        if _RELATED_HEADER.match(stripped):
            skipping = True
            continue
        if skipping:
            if _is_teaser(line):
                continue
            skipping = False
        if _boilerplate_line(line) or _SHORTCODE.match(stripped):
            continue
        kept.append(line)
    # 4. a run of short list items at (or just before) the end is a list of links
    for tail in range(min(_TAIL_LINES, len(kept)) + 1):
        end = len(kept) - tail
        if end <= 0 or not _is_link_item(kept[end - 1]):
            continue
        begin = end
        while begin > 0 and _is_link_item(kept[begin - 1]):
            begin -= 1
        intro = kept[begin - 1] if begin > 0 else ""
        if end - begin >= 2 and intro and not intro.startswith("- ") and not intro.endswith(":"):
            kept = kept[:begin] + kept[end:]
        break
    return kept


def _leading_heads(doc: object | None) -> list[tuple[str, str]]:
    """(level, text) of the headings opening the extracted body.

    A heading level the body uses again after its first paragraph is a section
    structure (e.g. one heading per deal), not a teaser list: such headings are
    returned with the level "section".
    """
    body = getattr(doc, "body", None)
    heads: list[tuple[str, str]] = []
    if body is None:
        return heads
    children = list(body)
    k = 0
    while k < len(children) and children[k].tag == "head":
        text = _squash("".join(children[k].itertext()))
        if text:
            heads.append((children[k].get("rend") or "h2", text))
        k += 1
    later = {el.get("rend") or "h2" for el in children[k:] if el.tag == "head"}
    return [(level if level == "h1" or level not in later else "section", text) for level, text in heads]


# --------------------------------------------------------------------------- extraction


def _text_lines(text: str | None) -> list[str]:
    return [_squash(line) for line in (text or "").split("\n") if line.strip()]


def _extract(html: str, url: str | None) -> tuple[list[str], object | None]:
    """Article lines and trafilatura's document (for metadata), with fallbacks."""
    import trafilatura

    common = dict(
        url=url, include_comments=False, include_tables=True, with_metadata=True,
        deduplicate=False, output_format="python",
    )
    doc = trafilatura.bare_extraction(html, favor_precision=True, **common)
    lines = _text_lines(doc.text if doc else None)
    if sum(map(len, lines)) >= MIN_CHARS:
        return lines, doc
    # little text: the precise pass may have cut too much
    best, best_doc = lines, doc
    for options in (dict(), dict(favor_recall=True)):
        alt = trafilatura.bare_extraction(html, **options, **common)
        alt_lines = _text_lines(alt.text if alt else None)
        if sum(map(len, alt_lines)) > sum(map(len, best)):
            best, best_doc = alt_lines, alt if alt is not None else best_doc
        if sum(map(len, best)) >= MIN_CHARS:
            break
    if not best:
        from trafilatura import baseline

        _, text, length = baseline(html)
        if length:
            best = _text_lines(text)
    if not best:
        # tiny pages and fragments are under trafilatura's size thresholds: keep the prose
        best = [line for line in map(_squash, visible_blocks(html)) if _sentence_like(line)]
    return best, best_doc


# --------------------------------------------------------------------------- metadata

_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—•·»/]|::)\s+")
_HOST_NOISE = {"www", "m", "com", "org", "net", "co", "uk", "de", "fr", "es", "it", "news"}


def _meta(tree: etree._Element, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
            for value in found:
                value = _squash(value)
                if value:
                    return value
    return None


def _strip_site(title: str, sitename: str | None, host: str | None) -> str:
    """'Headline | Site' -> 'Headline' (also 'Site - Headline')."""
    pieces = _TITLE_SEPARATORS.split(title)
    if len(pieces) < 2:
        return title
    seps = _TITLE_SEPARATORS.findall(title)
    site_keys = {_norm(s) for s in (sitename, host) if s}
    site_keys |= {k.replace(" ", "") for k in site_keys}
    host_core = ""
    if host:
        labels = [x for x in host.lower().split(".") if x not in _HOST_NOISE]
        host_core = labels[0] if labels else ""

    def is_site(part: str) -> bool:
        n = _norm(part)
        if not n:
            return True
        if n in site_keys or n.replace(" ", "") in site_keys:
            return True
        return bool(host_core) and host_core in n.replace(" ", "") and len(n.split()) <= 5

    lo, hi = 0, len(pieces)
    while hi - lo > 1 and is_site(pieces[hi - 1]):
        hi -= 1
    while hi - lo > 1 and is_site(pieces[lo]):
        lo += 1
    if hi - lo > 1 and len(_norm(pieces[hi - 1]).split()) <= 3 and len(_norm(" ".join(pieces[lo:hi - 1])).split()) >= 4:
        hi -= 1  # a short trailing section or outlet name we did not recognise
    out = pieces[lo]
    for k in range(lo + 1, hi):
        out += seps[k - 1] + pieces[k]
    return out.strip() or title


def _captions(tree: etree._Element) -> set[str]:
    out = set()
    for el in tree.xpath(
        '//figcaption | //*[contains(@class, "caption")] | //*[contains(@class, "credit")]'
    ):
        text = _norm(el.text_content())
        if text:
            out.add(text)
    return out


def markup_headlines(tree: etree._Element) -> list[str]:
    """The headlines a page's markup gives, as written: its ``og:title`` (or
    ``twitter:title``) and its first ``<h1>`` of more than three characters outside figures,
    navigation and footers."""
    out = []
    og = _meta(tree, "og:title", "twitter:title")
    if og:
        out.append(og)
    for h1 in tree.xpath("//h1[not(ancestor::figure) and not(ancestor::nav) and not(ancestor::footer)]"):
        text = _squash(h1.text_content())
        if text and len(text) > 3:
            out.append(text)
            break
    return out


def _title(tree: etree._Element, doc: object | None, sitename: str | None, host: str | None) -> str | None:
    captions = _captions(tree)
    candidates = markup_headlines(tree)
    if doc is not None and getattr(doc, "title", None):
        candidates.append(doc.title)
    tag = tree.find(".//title")
    if tag is not None and tag.text_content().strip():
        candidates.append(_squash(tag.text_content()))
    for cand in candidates:
        cleaned = _strip_site(cand, sitename, host)
        if _norm(cleaned) and _norm(cleaned) not in captions:
            return cleaned
    return None


def _language(tree: etree._Element) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        lang = _meta(tree, "og:locale", "language", "content-language", "dc.language")
    if not lang:
        found = tree.xpath('//meta[translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")'
                           '="content-language"]/@content')
        lang = found[0] if found else None
    if not lang:
        return None
    primary = re.split(r"[-_,;\s]", lang.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_.-]?(0[1-9]|1[0-2])[/_.-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_DATE_SEP = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?!\d)")


def _url_date(url: str | None) -> str | None:
    """YYYY-MM-DD from a URL path such as /2020/06/14/ or -20200614-."""
    if not url:
        return None
    path = urlsplit(url).path
    for pattern in (_URL_DATE_SEP, _URL_DATE):
        match = pattern.search(path)
        if match:
            try:
                day = _dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
            if day <= _dt.date.today():
                return day.isoformat()
    return None


_URL_DATE_SLACK_DAYS = 2


def _find_date(tree: etree._Element, *, extensive: bool) -> str | None:
    from htmldate import find_date

    try:
        # url="" keeps htmldate from reading the page URL, so that we know the source
        return find_date(deepcopy(tree), url="", original_date=True, extensive_search=extensive,
                         outputformat="%Y-%m-%d")
    except Exception as exc:  # noqa: BLE001 - htmldate is defensive but not exhaustive
        LOGGER.debug("htmldate failed: %s", exc)
        return None


def _date(tree: etree._Element, url: str | None) -> DateGuess:
    """The original publication date: page metadata, checked against a date in the URL.

    A date in the URL path is written when the article is published; when the
    page's metadata disagrees with it by more than a couple of days (htmldate
    sometimes reads an old photo's path), the URL wins. A search of the page
    text (htmldate's extensive mode) is the last resort.
    """
    from_meta = _find_date(tree, extensive=False)
    from_url = _url_date(url)
    if from_meta and from_url:
        gap = abs((_dt.date.fromisoformat(from_meta) - _dt.date.fromisoformat(from_url)).days)
        if gap > _URL_DATE_SLACK_DAYS:
            return DateGuess(published=from_url, precision="day", source="url")
    if from_meta:
        return DateGuess(published=from_meta, precision="day", source="html-meta")
    if from_url:
        return DateGuess(published=from_url, precision="day", source="url")
    from_text = _find_date(tree, extensive=True)
    if from_text:
        return DateGuess(published=from_text, precision="day", source="html-meta")
    return DateGuess()


# --------------------------------------------------------------------------- removed blocks

_REASON_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        ("cookie", r"\bcookies?\b|\bconsent\b|\bgdpr\b"),
        ("advertising", r"^(?:advertisement|advertising|anzeige|publicit[ée]|sponsored|ad)\b|\bsponsored\b|\bpaid (?:content|partner)"),
        ("subscription", r"\bsubscri(?:be|ption|ber)|\bnewsletter|\bsign (?:up|in)\b|\blog ?in\b|\bregister\b|\bpaywall|\bpremium\b|\binbox\b"),
        ("share", r"^(?:share|tweet|email|e-mail|print|facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|copy link)\b|\bshare (?:this|on)\b"),
        ("comments", r"\bcomments?\b|\breply\b|\bleave a\b|\bjoin the (?:conversation|discussion)|\bcommentaires?\b|\bkommentar"),
        ("related", r"^(?:related|read more|see more|more from|more on|also read|read also|see also|you may also|you might also|recommended|most (?:read|popular|viewed)|trending|top stories|don'?t miss|lire aussi|lesen sie auch)"),
        ("legal", r"©|\bcopyright\b|\ball rights reserved|\bterms of (?:use|service)|\bprivacy\b|\bimpressum\b|\bdisclaimer\b|\blegal\b"),
        ("tags", r"^(?:tags?|topics?|filed under|categories|posted in|keywords?)\s*:"),
        ("credit", r"\b(?:photo|image|picture|video)s?\s*(?:by|credit|courtesy)\b|\bgetty images\b|\breuters\b|\bap photo\b|\bafp\b|\bshutterstock\b|\bistock\b|^(?:photo|image|foto)\s*:"),
        ("byline", r"^by\s+[A-Z]|^(?:posted|published|updated)\b|^(?:written|reported)\s+by\b"),
        ("navigation", r"^(?:home|menu|search|skip to|back to top|next|previous|sections?|log ?in|sign ?in)\b"),
    )
)


_ROLE_TAGS = {"nav": "navigation", "figcaption": "caption", "aside": "related", "footer": "legal"}
# Ordered: the first pattern matching an element's class/id/role names its reason.
_ROLE_ATTRS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        ("cookie", r"cookie|consent|gdpr"),
        ("comments", r"comment|disqus|discussion|replies"),
        ("caption", r"caption"),
        ("credit", r"credit"),
        ("advertising", r"\badvert|\bads?\b|\bad[-_]|sponsor|promo"),
        ("subscription", r"newsletter|subscri|paywall|signup|sign-up|register"),
        ("share", r"share|social|sharing"),
        ("related", r"related|recommend|more-stories|read-more|readmore|trending|popular|outbrain|taboola"),
        ("tags", r"\btags?\b|tag-list|keywords"),
        ("byline", r"byline|author|dateline"),
        ("navigation", r"\bnav|menu|breadcrumb|navigation|masthead|header|skip"),
        ("legal", r"footer|copyright|legal|privacy"),
    )
)
_ANY_ROLE = re.compile("|".join(f"(?:{p.pattern})" for _, p in _ROLE_ATTRS), re.IGNORECASE)
# Block-level tags, as storyline.htmltext splits blocks.
_ROLE_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption", "menu",
    "legend", "center", "button", "label",
}


def _element_role(el: etree._Element, tag: str) -> str | None:
    if tag in _ROLE_TAGS:
        return _ROLE_TAGS[tag]
    names = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"))))
    if not names:
        return None
    if el.get("role") == "navigation":
        return "navigation"
    return _names_role(names)


@lru_cache(maxsize=4096)
def _names_role(names: str) -> str | None:
    """The reason a class/id string stands for (class names repeat: cached)."""
    if not _ANY_ROLE.search(names):
        return None
    for reason, pattern in _ROLE_ATTRS:
        if pattern.search(names):
            return reason
    return None


def _structural_roles(tree: etree._Element) -> dict[str, str]:
    """Normalised text of elements inside structural containers -> reason.

    The innermost container wins: a caption inside a related-stories box is a caption.
    """
    roles: dict[str, str] = {}
    stack: list[tuple[etree._Element, str | None]] = [(tree, None)]
    while stack:
        el, inherited = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in {"script", "style", "noscript", "template", "svg", "head"}:
            continue
        role = _element_role(el, tag) or inherited
        if role and tag in _ROLE_BLOCKS and not any(
            isinstance(c.tag, str) and c.tag.lower() in _ROLE_BLOCKS for c in el
        ):
            # a block with no blocks inside: its text is one of the page's visible blocks
            key = _norm(el.text_content())
            if key:
                roles[key] = role
        stack.extend((child, role) for child in reversed(el))
    return roles


def _reason(block: str, roles: dict[str, str]) -> str:
    role = roles.get(_norm(block))
    if role:
        return role
    stripped = block.strip()
    for reason, pattern in _REASON_WORDS:
        if pattern.search(stripped):
            return reason
    return "boilerplate"


def _removed(html: str, tree: etree._Element, kept: str) -> tuple[Removed, ...]:
    kept_norm = _norm(kept)
    kept_words = set(kept_norm.split())
    roles: dict[str, str] | None = None
    out: list[Removed] = []
    seen: set[str] = set()
    for block in visible_blocks(html):
        key = _norm(block)
        if not key or key in seen:
            continue
        seen.add(key)
        if key in kept_norm:
            continue
        words = key.split()
        if len(words) >= 8 and sum(w in kept_words for w in words) / len(words) > 0.9:
            continue  # the same paragraph, spaced or punctuated differently
        if roles is None:
            roles = _structural_roles(tree)
        text = block if len(block) <= MAX_REMOVED_CHARS else block[: MAX_REMOVED_CHARS - 1] + "…"
        out.append(Removed(text=text, reason=_reason(block, roles)))
        if len(out) >= MAX_REMOVED:
            break
    return tuple(out)


# --------------------------------------------------------------------------- entry point

_AUTHOR_TAIL = re.compile(
    r"(?:[\s,;|]+(?:published|updated|posted|on|at|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|\d+))+$",
    re.IGNORECASE,
)


def _clean_author(author: str | None) -> str | None:
    """trafilatura's byline without a trailing 'Published' / month name."""
    if not author:
        return None
    author = _AUTHOR_TAIL.sub("", _squash(author)).strip(" ,;|")
    return author or None



def _parse(html: str) -> etree._Element | None:
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError, TypeError):
        return None
    return tree


def clean_html(html: str, *, url: str | None = None, path: str = "<html>") -> HtmlCleanResult:
    """Extract the article from an HTML page.

    Raises :class:`storyline.errors.NoArticle` when the page cannot be parsed
    or holds no article text.
    """
    if not html or not html.strip():
        raise NoArticle(path=path, detail="the page is empty")
    if html.lstrip().startswith("<?xml"):
        html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses str with an encoding declaration
    tree = _parse(html)
    if tree is None:
        raise NoArticle(path=path, detail="the HTML could not be parsed")

    lines, doc = _extract(html, url)

    sitename = _squash(getattr(doc, "sitename", None) or "") or None
    page_url = _meta(tree, "og:url")
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    page_url = (canonical[0].strip() if canonical else None) or page_url or url
    if page_url and url and not urlsplit(page_url).scheme:
        page_url = urljoin(url, page_url)
    elif page_url and not urlsplit(page_url).scheme:
        page_url = url
    host = urlsplit(page_url or url or "").hostname or getattr(doc, "hostname", None)
    if host and host.startswith("www."):
        host = host[4:]
    if not sitename:
        sitename = host
    title = _title(tree, doc, sitename, host)

    titles = [t for t in (title, getattr(doc, "title", None), _meta(tree, "og:title")) if t]
    lines = _filter_lines(lines, titles, _leading_heads(doc))
    if not any(map(_sentence_like, lines)):
        raise NoArticle(path=path, detail="no paragraph of text outside menus and boilerplate")
    text = "\n\n".join(lines)

    author = _clean_author(getattr(doc, "author", None))
    return HtmlCleanResult(
        text=text,
        title=title,
        author=author,
        sitename=sitename,
        url=page_url,
        date=_date(tree, page_url or url),
        language=_language(tree),
        removed=_removed(html, tree, text),
    )
