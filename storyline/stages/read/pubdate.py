"""Publication dates from plain text: datelines, comment bounds, dated events.

Plain text carries no metadata, so the date is read off the words:

- a *dateline* ("Published 15 June 2020, 10:42", "15/06/2020 à 10h42", "Mis à jour le
  3 mars 2021", a date alone on a line near the top or bottom, "TRIPOLI, June 15 -")
  states the date: precision "day", source "dateline";
- reader-comment timestamps bound it from above (``latest`` = the earliest comment);
- absolute dates of *past* events in the body bound it from below (``earliest`` = the
  most recent of them); dates in future/planned clauses ("will meet on 14 June") and
  dates after the upper bound are ignored;
- with no dateline but some bound, the estimate is the upper bound when known, else the
  lower bound, with source "inferred" and precision "month" when the bounds fall in one
  month (or only one bound is known and it is a day, or the upper bound comes from reader
  comments, which follow publication closely), else "year" when they fall in one year,
  else no estimate (the bounds are still returned).

Relative phrases ("this Sunday", "last Wednesday") are never publication dates.
Dates without a year take the year of the full dates in the text (or of ``reference``);
when there is none they are dropped. Month names are matched by regex in every language
that has a profile in ``storyline/languages`` (the article's language is not known yet
when the date is read); no dateparser on the hot path.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Iterator, Sequence

from storyline import languages
from storyline.models import DateGuess

__all__ = ["DateMatch", "parse_date", "find_dates", "date_from_text", "is_dateline", "names_day_and_month"]


def _fold(text: str) -> str:
    """Lower-case and strip accents, keeping string length (one char per char)."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


class _FoldTable(dict):
    """str.translate table filled lazily, one character at a time."""

    def __missing__(self, code: int) -> str:
        base = unicodedata.normalize("NFD", chr(code))[0]
        low = base.lower()
        self[code] = hit = low if len(low) == 1 else chr(code)
        return hit


_FOLD = _FoldTable()


def _every_profile(field: str) -> list[str]:
    """A word list of every language profile, folded."""
    return sorted({_fold(w) for code in languages.languages() for w in getattr(languages.profile(code), field)})


_MONTHS: dict[str, int] = {}
for _code in languages.languages():
    for _name, _month in languages.profile(_code).month_names().items():
        _MONTHS.setdefault(_fold(_name), _month)

# ambiguous short forms only count next to a day number or a year (see the patterns)
def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


_MONTH_ALT = _alt(_MONTHS)
# a day and a month's full name, wherever it stands ("31 luglio", "Online11 aprile"): names_day_and_month
_DAY_MONTH = re.compile(r"\d{1,2}\.?\s*(?:" + _alt({_fold(name) for code in languages.languages()
                                                    for name in languages.profile(code).month_names(abbreviations=False)
                                                    if len(name) >= 3}) + r")(?!\w)")
_DAY_SUFFIX = _alt(_every_profile("day_suffixes"))
_MONTH_PREFIX = _alt(_every_profile("month_prefixes"))
_YEAR_PREFIX = _alt(_every_profile("year_prefixes"))


_M = rf"(?P<mon>{_MONTH_ALT})\.?"
_D = rf"(?P<day>[0-3]?\d)(?:{_DAY_SUFFIX})?"
_Y = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    # 2020-07-31, 2020/07/31
    re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)[-/.](?P<mon_n>[01]?\d)[-/.](?P<day>[0-3]?\d)(?![\d])"),
    # 31/07/2020, 31.07.2020, 31-07-2020 (day first)
    re.compile(r"(?<![\d/.-])(?P<day>[0-3]?\d)[/.-](?P<mon_n>[01]?\d)[/.-](?P<year>(?:19|20)\d\d)(?![\d])"),
    # 31 July 2020, 31 de julio de 2020, 31. Juli 2020, 1er août 2020, 31 July
    re.compile(rf"(?<![\w]){_D}\s*(?:(?:{_MONTH_PREFIX})\s+)?{_M}(?:\s*,?\s*(?:(?:{_YEAR_PREFIX})\s+)?{_Y})?(?![\w])"),
    # July 31, 2020 / July 31st 2020 / July 31
    re.compile(rf"(?<![\w]){_M}\s+{_D}(?:\s*,\s*|\s+){_Y}(?![\w])"),
    re.compile(rf"(?<![\w]){_M}\s+{_D}(?![\w:])"),
    # July 2020, julio de 2020
    re.compile(rf"(?<![\w]){_M}\s*,?\s*(?:(?:{_YEAR_PREFIX})\s+)?{_Y}(?![\w])"),
]
_HAS_DIGIT = re.compile(r"\d")
_QUICK = re.compile(rf"\d\s*[/.-]\s*\d|(?<![a-z])(?:{_MONTH_ALT})(?![a-z])")
_AMBIGUOUS_MONTH_WORDS = set(_every_profile("ambiguous_months"))


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One absolute date found in text. ``value`` is YYYY-MM-DD or YYYY-MM."""

    value: str | None
    precision: str  # "day" | "month"
    start: int
    end: int
    year: int | None
    month: int
    day: int | None


def _valid(y: int | None, m: int, d: int | None) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    try:
        date(y or 2000, m, d)
    except ValueError:
        return False
    return True


def names_day_and_month(text: str) -> bool:
    """Whether a text names a day and a month by its name, in any language of ours, even
    run into a word before it: "31 luglio", "15. August", "Redazione Online11 aprile"."""
    return _DAY_MONTH.search(_fold(text)) is not None


def find_dates(text: str) -> list[DateMatch]:
    """All absolute dates in ``text``, left to right, not overlapping.

    Dates without a year come back with ``year=None`` and ``value=None``.
    """
    if not _HAS_DIGIT.search(text):
        return []
    folded = _fold(text)
    if not _QUICK.search(folded):
        return []
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pat in _PATTERNS:
        for m in pat.finditer(folded):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g = m.groupdict()
            if g.get("mon_n"):
                mon = int(g["mon_n"])
            else:
                name = g["mon"]
                mon = _MONTHS[name]
                raw_name = text[m.start("mon") : m.end("mon")]
                # "may" the verb, "mar"/"set" words: need a capital in the original
                if name in _AMBIGUOUS_MONTH_WORDS and not raw_name[:1].isupper():
                    continue
            day = int(g["day"]) if g.get("day") else None
            year = int(g["year"]) if g.get("year") else None
            if day is None and year is None:
                continue
            if not _valid(year, mon, day):
                continue
            if year is not None:
                value = f"{year:04d}-{mon:02d}" + (f"-{day:02d}" if day else "")
            else:
                value = None
            found.append(DateMatch(value, "day" if day else "month", s, e, year, mon, day))
            taken.append((s, e))
    found.sort(key=lambda d: d.start)
    return found


def parse_date(text: str) -> tuple[str, str] | None:
    """Parse one absolute date string to ``(value, precision)``.

    ``value`` is YYYY-MM-DD (precision "day"), YYYY-MM ("month") or YYYY ("year").
    Falls back to dateparser for formats the regexes do not know; None when the string
    holds no complete date.
    """
    text = text.strip()
    if not text:
        return None
    for d in find_dates(text):
        if d.value:
            return d.value, d.precision
    m = re.fullmatch(r"\s*((?:19|20)\d\d)\s*", text)
    if m:
        return m.group(1), "year"
    m = re.match(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)T", text)  # ISO timestamps
    if m and _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "day"
    if not re.search(r"\d{4}", text) or len(text) > 80:
        return None
    try:
        import dateparser  # lazy: slow to import, rarely needed
    except ImportError:  # pragma: no cover
        return None
    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        return None
    return parsed.strftime("%Y-%m-%d"), "day"


# --- datelines -------------------------------------------------------------------------

_DATELINE_CUE = re.compile(
    r"\b(published|publication|posted|updated|last updated|modified|first published|"
    r"date|dated|publi[ée]e?|mis en ligne|mis à jour|mise à jour|actualis[ée]|"
    r"publicad[oa]|actualizad[oa]|fecha|ver[öo]ffentlicht|aktualisiert|stand|erschienen|"
    r"pubblicat[oa]|aggiornat[oa]|atualizad[oa])\b",
    re.IGNORECASE,
)
_UPDATED_CUE = re.compile(
    r"\b(updated|modified|mis à jour|mise à jour|actualizad[oa]|aktualisiert|aggiornat[oa]|atualizad[oa])\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}\s*[:h]\s*\d{2}(\s*[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b|"
    r"\b(lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b|"
    r"\b(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b|"
    r"\b(segunda|terça|quarta|quinta|sexta)(-feira)?\b",
    re.IGNORECASE,
)
_FILLER = re.compile(
    r"\b(by|par|por|von|le|la|el|am|on|at|à|a|de|del|das|the|um|às|h|o'clock|gmt|utc|cet|cest|edt|est|pst|"
    r"et|and|und|y|e|\||-|–|—|,)\b",
    re.IGNORECASE,
)
_RELATIVE_BEFORE = re.compile(
    r"\b(last|next|this|since|until|dernier|prochain|depuis|pasado|próximo|desde|letzten|nächsten|seit)\s*$", re.IGNORECASE
)
# "TRIPOLI, June 15 (Reuters) -", "PARIS (AFP) 15 juin -"
_AGENCY_DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'/-]{2,40}(?:\s*\([A-Za-z .]+\))?,?\s")


def is_dateline(line: str) -> DateMatch | None:
    """The date a short line states as a publication date, if it is a dateline."""
    line = line.strip()
    if not line or len(line) > 160:
        return None
    dates = [d for d in find_dates(line) if d.precision == "day"]
    if not dates:
        return None
    d = dates[0]
    if _RELATIVE_BEFORE.search(line[: d.start]):
        return None  # "last June 6" is an event, not a dateline
    if _DATELINE_CUE.search(line):
        # prefer the "published" date when a line gives both published and updated
        for cand in dates:
            before = line[: cand.start]
            if not _UPDATED_CUE.search(before[-40:]):
                return cand
        return d
    rest = line[: d.start] + " " + line[d.end :]
    rest = _TIME.sub(" ", rest)
    rest = _WEEKDAY.sub(" ", rest)
    rest = _FILLER.sub(" ", rest)
    words = re.findall(r"[^\W\d_]{2,}", rest)
    if len(words) <= 4 and not rest.rstrip().endswith("."):
        return d
    if _AGENCY_DATELINE.match(line) and d.start < 50 and re.match(r"\s*(\([^)]*\))?\s*[-–—:]", line[d.end :]):
        return d
    return None


# --- past / future -----------------------------------------------------------------------

_FUTURE_BEFORE = re.compile(
    r"\b(will|shall|would|to be held|scheduled|planned|plans? to|due to|expected|upcoming|next|until|"
    r"by the end of|deadline|set to|going to|is to|are to|aims? to|"
    r"prochain|prochaine|aura lieu|doit|doivent|devrait|devraient|sera|seront|prévu|prévue|jusqu'au|d'ici|"
    r"próximo|próxima|será|serán|se celebrará|previsto|prevista|hasta|"
    r"wird|werden|soll|sollen|geplant|nächste|nächsten|bis zum|"
    r"sarà|prossimo|prossima|previsto|entro)\b",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"[.!?]\s+(?=[A-ZÀ-Ý\"“«])|\n")


def _is_future_context(text: str, d: DateMatch) -> bool:
    left = text[max(0, d.start - 80) : d.start]
    cut = list(_SENTENCE_START.finditer(left))
    if cut:
        left = left[cut[-1].end() :]
    right = text[d.end : d.end + 40]
    m = re.search(r"[.!?;]", right)
    if m:
        right = right[: m.start()]
    return bool(_FUTURE_BEFORE.search(left) or re.search(r"^\W*(will|shall|wird|sera)\b", right, re.IGNORECASE))


def _complete(dates: Iterable[DateMatch], year: int | None) -> Iterator[DateMatch]:
    for d in dates:
        if d.year is not None:
            yield d
        elif year is not None and _valid(year, d.month, d.day):
            value = f"{year:04d}-{d.month:02d}" + (f"-{d.day:02d}" if d.day else "")
            yield DateMatch(value, d.precision, d.start, d.end, year, d.month, d.day)


def _lower_edge(d: DateMatch) -> str:
    return d.value if d.precision == "day" else f"{d.value}-01"


def _upper_edge(d: DateMatch) -> str:
    if d.precision == "day":
        return d.value  # type: ignore[return-value]
    y, m = d.year or 2000, d.month
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1).isoformat()


def date_from_text(
    raw: str,
    *,
    comments: Sequence[str] = (),
    reference: str | None = None,
    header: Sequence[str] | None = None,
) -> DateGuess:
    """Best guess of the publication date of the article whose text is ``raw``.

    ``comments`` are reader comments (their timestamps bound the date from above);
    ``header`` are the lines to search for a dateline (default: the first eight and last
    four non-empty lines of ``raw``); ``reference`` (YYYY-MM-DD, e.g. the crawl date)
    supplies a year for dates that lack one and bounds the date from above.
    """
    lines = [ln for ln in raw.splitlines() if ln.strip()]
    if header is None:
        header = lines[:8] + lines[-4:]
    body_dates = find_dates(raw)
    comment_dates = [d for c in comments for d in find_dates(c)]

    full_years = [d.year for d in body_dates + comment_dates if d.year is not None]
    year: int | None = Counter(full_years).most_common(1)[0][0] if full_years else None
    if year is None and reference:
        year = int(reference[:4])

    for line in header:
        d = is_dateline(line)
        if d is not None:
            d = next(_complete([d], year), None)
            if d is not None:
                return DateGuess(d.value, "day", "dateline", d.value, d.value)

    latest: str | None = None
    comment_full = [d for c in comments for d in _complete(find_dates(c), year)]
    if comment_full:
        latest = min(_lower_edge(d) for d in comment_full)
    if reference and (latest is None or reference < latest):
        latest = reference

    earliest: str | None = None
    earliest_is_day = False
    for d in _complete(body_dates, year):
        if _is_future_context(raw, d):
            continue
        edge = _lower_edge(d)
        if latest is not None and edge > latest:
            continue
        if earliest is None or edge > earliest or (edge == earliest and d.precision == "day"):
            earliest, earliest_is_day = edge, d.precision == "day"

    if earliest is None and latest is None:
        return DateGuess()
    published = latest or earliest
    if comment_full and latest == min(_lower_edge(d) for d in comment_full):
        precision = "month"  # readers comment within days: a lower bound far back adds nothing
    elif earliest and latest:
        precision = "month" if earliest[:7] == latest[:7] else ("year" if earliest[:4] == latest[:4] else None)
    elif latest or earliest_is_day:
        precision = "month"
    else:  # only a month-level lower bound: too weak for an estimate
        precision = None
    if precision is None:
        return DateGuess(None, None, None, earliest, latest)
    return DateGuess(published, precision, "inferred", earliest, latest)
