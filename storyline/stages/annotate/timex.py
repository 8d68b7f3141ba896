"""Temporal expressions as TimeML TIMEX3, resolved against the article date.

A rule-based tagger in the manner of HeidelTime: families of regular
expressions (absolute dates, numeric dates, relative dates, weekdays, parts of
day and clock times, quarters and seasons, durations, sets, vague references)
in English and French find candidate spans (every other language gets the generic
rules: ISO and numeric dates, years, and dates written with the month names of its
profile in ``storyline/languages``); overlapping candidates are settled
longest-first; then each span is normalised left to right against a reference
date (the article date) and, for anaphoric phrases such as "a year earlier" or
"the quarter", against the last date the text mentioned.

Tense decides the direction of underspecified dates: "met on Wednesday" is the
Wednesday before the article date, "will meet on Wednesday" the one after. With
a spaCy ``doc`` of the same text the governing verb's tag, auxiliaries and
morphology decide; without one a cheap guess reads the words around the
expression (will/'ll/shall/going to/due to/planned → future; past-tense verbs,
"ago", "last" → past).

Spans follow TimeBank conventions: "the" belongs to a time noun phrase ("the
third quarter", "the past two months") but prepositions do not ("in", "on",
"within", "since"); approximators and edge modifiers belong to the span
("about two years ago", "early next year", "the end of 1990").

Values: ``2020-06-14``, ``2020-06``, ``2020``, ``2020-W24``, ``2020-Q2``,
``2020-SU``, ``199`` (the 1990s), ``2020-06-14TMO``, ``2020-06-14T22:00``,
``P3M``, ``PT2H``, ``PXY``, ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``,
``XXXX-06-06`` and ``XXXX-WXX-3`` when the reference lacks what is needed.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable

from storyline import languages
from storyline.models import TimeExpr

__all__ = ["find_times", "guess_tense"]

LOGGER = logging.getLogger(__name__)

PAST, FUTURE = "past", "future"

# --------------------------------------------------------------------------- lexicons

# Rule families (``analysis.timex_rules`` in a language profile). "english" and "french" are
# written below for one language each; the profile that names a family lends it its month,
# weekday and number words. "generic" serves every other language: ISO and numeric dates,
# years, and dates written with the language's own month names ("14 de junio de 2020").
_EN = languages.family("english")
_FR = languages.family("french")
_EN_MONTHS = _EN.month_names()
_FR_MONTHS = _FR.month_names()
_EN_DAYS = _EN.weekday_names()
_FR_DAYS = _FR.weekday_names()
_EN_NUMS = dict(_EN.numbers)
_FR_NUMS = dict(_FR.numbers)
_VAGUE_QTY = {"few", "a few", "several", "some", "many", "a number of", "a handful of", "quelques", "plusieurs"}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "last": -1, "final": -1,
    "premier": 1, "1er": 1, "deuxième": 2, "second": 2, "troisième": 3, "quatrième": 4, "dernier": -1,
}
_EN_ORD_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}

# unit -> (TIMEX letter, is time-part)
_UNITS = {
    "year": ("Y", False), "month": ("M", False), "week": ("W", False), "day": ("D", False),
    "hour": ("H", True), "minute": ("M", True), "second": ("S", True), "quarter": ("Q", False),
    "decade": ("DE", False), "century": ("CE", False), "fortnight": ("W", False), "night": ("D", False),
    "weekend": ("WE", False),
    "an": ("Y", False), "année": ("Y", False), "annee": ("Y", False), "mois": ("M", False), "semaine": ("W", False),
    "jour": ("D", False), "journée": ("D", False), "heure": ("H", True), "minute_fr": ("M", True),
    "trimestre": ("Q", False), "décennie": ("DE", False), "siècle": ("CE", False),
}

_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
            "printemps": "SP", "été": "SU", "automne": "FA", "hiver": "WI"}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
          "tonight": "NI", "midday": "MI", "matin": "MO", "matinée": "MO", "après-midi": "AF", "soir": "EV",
          "soirée": "EV", "nuit": "NI"}


def _alt(words, *, cap: bool = False) -> str:
    """A regex alternation, longest first; with ``cap`` only Capitalised/UPPER forms."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        if cap:
            out.extend({w[0].upper() + w[1:], w.upper()})
        else:
            out.append(w)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in out) + ")"


# English month names are matched Capitalised or in CAPITALS, abbreviations with an optional
# full stop; French ones in any case, abbreviations with a full stop or as listed
_MONTH_EN = (
    r"(?:(?:" + _alt([a for forms in _EN.month_abbreviations for a in forms], cap=True)[3:-1] + r")\.?"
    r"|" + _alt([f for forms in _EN.months for f in forms], cap=True)[3:-1] + r")(?![\w-])"
)
_MONTH_FR = (r"(?:" + _alt([a for forms in _FR.month_abbreviations for a in forms]) + r"\.|"
             + _alt(_FR_MONTHS)[3:-1] + r")(?![\w-])")
_DAY_EN = _alt(_EN_DAYS, cap=True) + r"(?![\w-])"
_DAY_FR = _alt(_FR_DAYS) + r"(?![\w-])"
_NUMW_EN = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|(?:a|one)\s+hundred|a\s+dozen|dozen)"
)
_QTY_EN = (
    r"(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2|\s+and\s+a\s+half)?|" + _NUMW_EN
    + r"(?:\s+and\s+a\s+half)?|an?|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|few|several|many"
    r"|a\s+number\s+of|a\s+handful\s+of)"
)
_UNIT_EN = (r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|quarters?|decades?|centuries|century"
            r"|fortnights?|nights?)")
_QTY_FR = (r"(?:\d{1,3}(?:\.\d+)?|(?:vingt|trente|quarante|cinquante|soixante)(?:[\s-]et[\s-]un|[\s-](?:deux|trois|quatre|cinq|six|sept|huit|neuf))?"
           r"|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize"
           r"|quelques|plusieurs|cent)")
_UNIT_FR = r"(?:ans|an|années|année|annees|annee|mois|semaines|semaine|jours|jour|journées|heures|heure|minutes|minute|trimestres|trimestre|décennies|décennie|siècles|siècle)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])"

# --------------------------------------------------------------------------- reference


@dataclass(frozen=True, slots=True)
class _Ref:
    year: int | None
    month: int | None
    day: int | None

    @property
    def date(self) -> date | None:
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None


def _parse_reference(reference: str | None) -> _Ref:
    if not reference:
        return _Ref(None, None, None)
    m = re.match(r"\s*(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", reference)
    if not m:
        return _Ref(None, None, None)
    y, mo, d = (int(x) if x else None for x in m.groups())
    if d:
        try:
            date(y, mo, d)
        except ValueError:
            d = None
    return _Ref(y, mo, d)


def _ymd(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _quarter(m: int) -> int:
    return (m - 1) // 3 + 1


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


# --------------------------------------------------------------------------- tense


_PAST_WORDS = set("""
was were had did said told met made took came went gave got saw held won lost began begun became left
kept led fell rose sent spent brought bought thought found felt heard paid sold stood struck fought
knew grew drew flew threw wrote spoke broke chose froze stole woke wore tore swore shook forgot
hit cut put set quit shut split spread cast hurt let bet burst cost upset meant dealt built lent sank
ran sat lay laid fled ago last yesterday earlier previously already been gone done seen
avait était étaient avaient fut furent hier dernier dernière derniers dernières
""".split())
# the same markers in the languages read by the generic family (news says "sabato scorso",
# "el pasado viernes" of a day that has been, "venerdì prossimo" of one to come)
_PAST_WORDS_GENERIC = set("""
ieri scorso scorsa scorsi scorse passato passata ayer pasado pasada ontem passado passada
""".split())
_FUTURE_WORDS_GENERIC = set("""
domani prossimo prossima prossimi prossime próximo próxima próximos próximas amanhã
""".split())
# the English and French markers below were written for the languages of those rule families
_MARKER_FAMILIES = {"english", "french"}
_FUTURE_WORDS = set("""
will 'll ’ll shall wo going due scheduled planned plans plan expected expects set slated intends
intend intended to_be next coming upcoming tomorrow await awaits awaiting hopes hope prochain
prochaine prochains prochaines demain va vont sera seront doit doivent devrait devraient prévu prévue
prévus prévues aura auront fera feront ira iront pourra pourront devra devront aurai serai
""".split())
_NOT_PAST_ED = {"need", "speed", "red", "bed", "feed", "seed", "shed", "embed", "indeed", "proceed",
                "exceed", "succeed", "breed", "creed", "greed", "weed", "reed", "deed", "hundred", "united",
                "limited", "based", "related", "concerned", "interested", "detailed", "advanced", "armed",
                "allied", "supposed", "so-called", "wounded", "hundred", "biased", "beloved", "tired"}
_WORD = re.compile(r"[A-Za-zÀ-ÿ'’]+")
_SENT_END = re.compile(r"[.!?]['\"”’]?\s+(?=[A-Z\"“])|\n\s*\n")


def _marker(word: str, prev: str | None, lang: str | None = None) -> str | None:
    w = word.lower()
    if lang is not None and languages.profile(lang).timex_rules not in _MARKER_FAMILIES:
        # other languages: their own adverbs only; the English and French endings misread
        # their words (Italian "preghiera" is no French future, "concluso" no participle)
        return PAST if w in _PAST_WORDS_GENERIC else FUTURE if w in _FUTURE_WORDS_GENERIC else None
    if w in _FUTURE_WORDS:
        if w in ("set", "due") and prev is None:
            return None
        return FUTURE
    if w in ("would", "could", "might", "should"):
        return FUTURE
    if w in _PAST_WORDS:
        return PAST
    if len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED:
        return PAST
    # French future: rencontrera, auront, sera
    if len(w) > 5 and re.search(r"(?:er|ir|dr|tr)(?:a|ont|ai|as)$", w) and not w.endswith("tra"):
        return FUTURE
    # French passé composé participles after avoir/être ("a rencontré")
    if prev and prev.lower() in ("a", "ont", "avait", "est", "sont", "été") and re.search(r"(?:é|ée|és|ées|i|is|u|us|it)$", w):
        return PAST
    return None


def guess_tense(text: str, start: int, end: int, *, lang: str = languages.DEFAULT) -> str | None:
    """The tense of the clause around ``text[start:end]`` from nearby words: past, future or None.
    The language's reporting verbs are skipped ("said the talks will resume Friday")."""
    reporting = languages.profile(lang).reporting_verbs
    left = text[max(0, start - 160):start]
    cuts = list(_SENT_END.finditer(left))
    if cuts:
        left = left[cuts[-1].end():]
    right = text[end:end + 120]
    m = _SENT_END.search(right)
    if m:
        right = right[:m.start()]
    lw = _WORD.findall(left)
    # "to meet", "is to", "going to": infinitive after to → future of the clause
    for i in range(len(lw) - 1, max(-1, len(lw) - 9), -1):
        w = lw[i]
        prev = lw[i - 1] if i > 0 else None
        if w.lower() == "to" and i + 1 < len(lw) and lw[i + 1].lower() not in ("the", "a", "an", "be") and i > 0:
            if lw[i - 1].lower() in ("due", "going", "is", "are", "plans", "plan", "agreed", "expected",
                                     "scheduled", "set", "hopes", "want", "wants", "intends", "aim", "aims"):
                return FUTURE
        if w.lower() in reporting and len(lw) - 1 - i > 2:
            continue  # "said the talks will resume Friday": the report is not the event
        mk = _marker(w, prev, lang)
        if mk == PAST and prev and prev.lower() in ("be", "been", "have", "not"):
            # "will be held", "would have met", "is to be signed": the modal decides
            j = i - 1
            while j >= 0 and lw[j].lower() in ("be", "been", "have", "not", "also", "still", "then"):
                j -= 1
            if j >= 0 and lw[j].lower() in ("will", "'ll", "’ll", "shall", "would", "to", "could", "may", "might", "must", "should"):
                return FUTURE if lw[j].lower() != "would" or lw[j + 1].lower() != "have" else PAST
        if mk:
            return mk
    rw = _WORD.findall(right)
    for i, w in enumerate(rw[:8]):
        mk = _marker(w, rw[i - 1] if i else "x", lang)
        if mk:
            return mk
    return None


def _tense_from_doc(doc, start: int, end: int) -> str | None:
    """Tense of the verb governing the span in a spaCy doc; None when unclear."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "aux:pass", "auxpass", "aux:tense")]
    for a in auxes:
        low = a.lower_
        if low in ("will", "'ll", "’ll", "shall", "wo", "would"):
            return FUTURE
        if a.lemma_ == "aller":
            return FUTURE
    if tok.lower_ in ("planned", "scheduled", "expected", "slated", "due", "set"):
        return FUTURE
    tense = tok.morph.get("Tense")
    if "Fut" in tense:
        return FUTURE
    if tok.tag_ == "VBD" or "Past" in tense or "Imp" in tense:
        return PAST
    if tok.tag_ == "VBN" or "Part" in tok.morph.get("VerbForm"):
        if any(a.lemma_ in ("have", "avoir", "être", "be") for a in auxes):
            return PAST
    if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return FUTURE
    if tok.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am") for a in auxes):
        return FUTURE  # "is meeting on Friday"
    return None


# --------------------------------------------------------------------------- candidates


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    type: str
    resolve: Callable  # (ctx) -> (value, anchor) | None
    prio: int = 0
    kind: str = ""


@dataclass(slots=True)
class _Ctx:
    text: str
    ref: _Ref
    lang: str
    doc: object | None
    cand: _Cand | None = None
    last: str | None = None  # last resolved DATE value with a year (for anaphora)
    last_absolute: bool = False  # whether ``last`` was written out with its year
    _tense: dict = field(default_factory=dict)

    def tense(self) -> str | None:
        c = self.cand
        key = (c.start, c.end)
        if key not in self._tense:
            t = None
            if self.doc is not None:
                try:
                    t = _tense_from_doc(self.doc, c.start, c.end)
                except Exception:  # a doc that does not align with the text: fall back
                    t = None
            if t is None:
                t = guess_tense(self.text, c.start, c.end, lang=self.lang)
            self._tense[key] = t
        return self._tense[key]


def _num(s: str) -> float | None:
    s = re.sub(r"\s+", " ", s.strip().lower()).replace("-", " ")
    if s in _VAGUE_QTY or s.replace(" ", "") in {"few", "afew"}:
        return None
    half = 0.0
    if s.endswith(" 1/2") or s.endswith(" and a half"):
        half = 0.5
        s = s[:-4] if s.endswith(" 1/2") else s[:-11]
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", s):
        return float(s.replace(",", "")) + half
    if s in _EN_NUMS:
        return _EN_NUMS[s] + half
    if s in _FR_NUMS:
        return _FR_NUMS[s] + half
    parts = s.split()
    if len(parts) == 2 and parts[0] in _EN_NUMS and parts[1] in _EN_NUMS:
        return _EN_NUMS[parts[0]] + _EN_NUMS[parts[1]] + half
    if len(parts) == 2 and parts[0] in _FR_NUMS and parts[1] in _FR_NUMS:
        return _FR_NUMS[parts[0]] + _FR_NUMS[parts[1]] + half
    if len(parts) == 3 and parts[1] == "et" and parts[0] in _FR_NUMS:
        return _FR_NUMS[parts[0]] + _FR_NUMS.get(parts[2], 0) + half
    return None


def _unit(word: str) -> str:
    w = word.lower()
    if w in ("centuries", "century", "siècle", "siècles"):
        return "century"
    if w in ("ans", "an", "années", "année", "annees", "annee"):
        return "year"
    if w in ("mois",):
        return "month"
    if w.startswith("semaine"):
        return "week"
    if w.startswith("jour"):
        return "day"
    if w.startswith("heure"):
        return "hour"
    if w.startswith("trimestre"):
        return "quarter"
    if w.startswith("décenn"):
        return "decade"
    return w[:-1] if w.endswith("s") and w not in ("hours",) else ("hour" if w == "hours" else w)


def _duration(n: float | None, unit: str) -> str:
    letter, is_time = _UNITS[unit]
    if unit == "decade":
        return f"P{_fmt_num(n * 10)}Y" if n is not None else "PXDE"
    if unit == "century":
        return f"P{_fmt_num(n * 100)}Y" if n is not None else "PXCE"
    if unit == "night":
        letter = "D"
    if unit == "fortnight":
        return f"P{_fmt_num(n * 2)}W" if n is not None else "PXW"
    if n is None:
        return ("PT" if is_time else "P") + "X" + letter
    if not float(n).is_integer():
        whole = int(n)
        sub = {"Y": (12, "M"), "M": (30, "D") if not is_time else (60, "S"), "H": (60, "M"),
               "D": (24, "H"), "W": (7, "D")}.get(letter)
        if sub:
            k, sl = sub
            rest = int(round((n - whole) * k))
            if is_time or sl in ("H",):
                head = f"PT{whole}{letter}" if whole else "PT"
                return f"{head}{rest}{sl}" if sl != "H" else f"P{whole}{letter}T{rest}H"
            return f"P{whole}{letter}{rest}{sl}" if whole else f"P{rest}{sl}"
    return ("PT" if is_time else "P") + _fmt_num(n) + letter


# --------------------------------------------------------------------------- resolution helpers


# what an occurrence on the wrong side of the reference for the clause's tense costs, in
# days (of 31-day months): eight months, so a past clause takes next year's date only when it
# is more than eight months nearer ("launched an appeal on 8 January", written in November,
# is last January, not the coming one). A full year cost 0.8 points of TimeBank value
# accuracy, where the clause's tense is misread more often than a date is on its wrong side.
WRONG_SIDE = 248


def _resolve_month(ctx: _Ctx, month: int, day: int | None = None, *, rel: str | None = None) -> tuple[str, str]:
    """Month (and day) without a year: the occurrence nearest the reference, nudged by tense.

    An occurrence on the wrong side of the reference for the clause's tense
    costs eight months (``WRONG_SIDE``), so "met on June 6" in mid-June is this June 6,
    "will open in January" in June is next January, and "launched an appeal on
    8 January" in November is last January. With no tense, the future side costs
    four months (news mostly reports what happened).
    """
    ref = ctx.ref
    suffix = f"-{month:02d}" + (f"-{day:02d}" if day else "")
    if ref.year is None:
        return "XXXX" + suffix, "no-reference"
    if ref.month is None:
        return f"{ref.year:04d}" + suffix, "article-year"
    here = ref.year * 372 + (ref.month - 1) * 31 + (ref.day or 15)
    if rel == "last":
        # the most recent such month (day) strictly before the reference month (day)
        y = ref.year if (month, day or 0) < (ref.month, ref.day or 0) and (day or month < ref.month) else ref.year - 1
        return f"{y:04d}" + suffix, "previous-month"
    if rel == "next":
        y = ref.year if (month, day or 32) > (ref.month, ref.day or 15) and (day or month > ref.month) else ref.year + 1
        return f"{y:04d}" + suffix, "next-month"
    tense = ctx.tense()
    best, best_cost = ref.year, None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        there = y * 372 + (month - 1) * 31 + (day or 15)
        cost = abs(there - here)
        if day is None and y == ref.year and month == ref.month:
            cost = 0
        elif tense == PAST and there > here:
            cost += WRONG_SIDE
        elif tense == FUTURE and there < here:
            cost += WRONG_SIDE
        elif tense is None and there > here:
            cost += 124  # news mostly reports what happened: an unmarked date is a past one
        if best_cost is None or cost < best_cost:
            best, best_cost = y, cost
    anchor = "article-year" if best == ref.year else ("previous-year" if best < ref.year else "next-year")
    return f"{best:04d}" + suffix, anchor


def _resolve_weekday(ctx: _Ctx, wd: int, rel: str | None) -> tuple[str, str]:
    ref = ctx.ref
    d0 = ref.date
    if d0 is None:
        return f"XXXX-WXX-{wd}", "no-reference"
    cur = d0.isoweekday()
    back = (cur - wd) % 7  # days back to the most recent such weekday (0 = today)
    fwd = (wd - cur) % 7
    if rel == "last":
        return _ymd(d0 - timedelta(days=back or 7)), "previous-weekday"
    if rel == "next":
        return _ymd(d0 + timedelta(days=fwd or 7)), "next-weekday"
    if rel == "previous":
        return _ymd(d0 - timedelta(days=back or 7)), "previous-weekday"
    if rel == "coming":
        return _ymd(d0 + timedelta(days=fwd)), "next-weekday"
    tense = ctx.tense()
    if rel == "this":
        if tense == PAST:
            return _ymd(d0 - timedelta(days=back)), "previous-weekday"
        return _ymd(d0 + timedelta(days=fwd)), "next-weekday"
    if tense == FUTURE:
        return _ymd(d0 + timedelta(days=fwd)), "next-weekday"
    if tense is None and back > 3 and fwd <= 3 and _present_or_future_hint(ctx):
        return _ymd(d0 + timedelta(days=fwd)), "next-weekday"
    return _ymd(d0 - timedelta(days=back)), "previous-weekday"


def _present_or_future_hint(ctx: _Ctx) -> bool:
    c = ctx.cand
    left = ctx.text[max(0, c.start - 60):c.start].lower()
    return bool(re.search(r"\b(?:is|are|begins?|starts?|opens?|meets?|takes? place|until|by|before|from)\s+(?:on\s+)?$", left))


def _shift(value: str, n: int, unit: str) -> str | None:
    """Shift a resolved value by n units keeping its granularity (for "a year earlier")."""
    m = re.fullmatch(r"(\d{4})(.*)", value)
    if not m:
        return None
    y, rest = int(m.group(1)), m.group(2)
    if unit == "year":
        if rest.startswith("-W"):
            return f"{y + n:04d}{rest}"
        if re.fullmatch(r"-02-29", rest[:6] if rest else ""):
            rest = "-02-28" + rest[6:]
        return f"{y + n:04d}{rest}"
    if unit == "month":
        mm = re.fullmatch(r"-(\d\d)(-\d\d)?", rest)
        if mm:
            yy, mo = _add_months(y, int(mm.group(1)), n)
            return f"{yy:04d}-{mo:02d}"
    if unit == "quarter":
        mq = re.fullmatch(r"-Q(\d)", rest)
        if mq:
            t = y * 4 + int(mq.group(1)) - 1 + n
            return f"{t // 4:04d}-Q{t % 4 + 1}"
    return None


def _period(ref: Any, unit: str, k: int) -> tuple[str, str] | None:
    """The year, decade, century, month or quarter k steps from the reference (the
    arithmetic shared by "two years ago" and "last year"); None for finer units, or the
    reference year alone when the unit needs a month the reference lacks."""
    if unit == "year":
        return f"{ref.year + k:04d}", "article-date"
    if unit == "decade":
        return f"{ref.year // 10 + k:03d}", "article-date"
    if unit == "century":
        return f"{ref.year // 100 + k:02d}", "article-date"
    if ref.month is None:
        return f"{ref.year:04d}", "article-year"
    if unit == "month":
        y, mo = _add_months(ref.year, ref.month, k)
        return f"{y:04d}-{mo:02d}", "article-date"
    if unit == "quarter":
        t = ref.year * 4 + _quarter(ref.month) - 1 + k
        return f"{t // 4:04d}-Q{t % 4 + 1}", "article-date"
    return None


def _coarse_step(ref: _Ref, unit: str, k: int) -> tuple[str, str] | None:
    """The period k units from the reference when the unit needs no day (``_period``: years,
    months, quarters, …), or the reference's month when it has no day; None when the day is
    needed and known."""
    period = _period(ref, unit, k)
    if period is not None:
        return period
    if ref.date is None:
        return f"{ref.year:04d}-{ref.month:02d}", "article-month"
    return None


def _offset(ctx: _Ctx, n: float | None, unit: str, sign: int) -> tuple[str, str] | None:
    """The date n units before (sign=-1) or after the reference, at the unit's granularity."""
    ref = ctx.ref
    if ref.year is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "no-reference"
    if n is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "vague"
    k = int(n) * sign
    coarse = _coarse_step(ref, unit, k)
    if coarse is not None:
        return coarse
    d0 = ref.date
    if unit in ("week", "fortnight"):
        return _week(d0 + timedelta(weeks=k * (2 if unit == "fortnight" else 1))), "article-date"
    if unit in ("day", "night"):
        return _ymd(d0 + timedelta(days=k)), "article-date"
    if unit in ("hour", "minute", "second"):
        return _ymd(d0), "article-date"
    return None


def _rel_unit(ctx: _Ctx, unit: str, k: int) -> tuple[str, str] | None:
    """this/last/next + unit: the calendar period k steps from the reference."""
    ref = ctx.ref
    if ref.year is None:
        return {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "day": "XXXX-XX-XX",
                "quarter": "XXXX-QX", "weekend": "XXXX-WXX-WE"}.get(unit, "XXXX"), "no-reference"
    coarse = _coarse_step(ref, unit, k)
    if coarse is not None:
        return coarse
    d0 = ref.date
    if unit == "week":
        return _week(d0 + timedelta(weeks=k)), "article-date"
    if unit == "weekend":
        # the weekend of this week; "last weekend" on a Monday is the one just gone
        base = d0 + timedelta(weeks=k)
        if k == 0 and d0.isoweekday() <= 2 and ctx.tense() == PAST:
            base = d0 - timedelta(weeks=1)
        return _week(base) + "-WE", "article-date"
    if unit == "day":
        return _ymd(d0 + timedelta(days=k)), "article-date"
    return None


def _season_year(ctx: _Ctx, season: str, rel: str | None) -> tuple[str, str]:
    ref = ctx.ref
    if ref.year is None:
        return f"XXXX-{season}", "no-reference"
    order = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
    y = ref.year
    month = ref.month or 6
    if rel == "last":
        y = y - 1 if order[season] >= month - 1 else y
        if season == "WI" and month <= 3:
            y = ref.year - 1
    elif rel == "next":
        y = y + 1 if order[season] <= month else y
    elif rel is None:
        tense = ctx.tense()
        if tense == PAST and order[season] > month + 1:
            y -= 1
        elif tense == FUTURE and order[season] + 2 < month:
            y += 1
    return f"{y:04d}-{season}", "article-date"


def _coarse(value: str) -> str:
    """A day or month value reduced to its month/year for year-shifts; quarters and years kept."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value[:4]
    if re.fullmatch(r"\d{4}-\d\d", value):
        return value[:4]
    return value


def _last_completed_quarter(ref: _Ref) -> str | None:
    if ref.year is None or ref.month is None:
        return None
    t = ref.year * 4 + _quarter(ref.month) - 2
    return f"{t // 4:04d}-Q{t % 4 + 1}"


def _two_digit_year(yy: int, ref: _Ref) -> int:
    base = ref.year or 2000
    y = (base // 100) * 100 + yy
    if y > base + 20:
        y -= 100
    return y


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
        return True
    except ValueError:
        return False


# --------------------------------------------------------------------------- rules

_Rule = tuple[re.Pattern, Callable[[re.Match, str], list[_Cand] | _Cand | None]]
_FAMILIES: dict[str, list[_Rule]] = {family: [] for family in languages.TIMEX_FAMILIES}


def _rule(family: str, pattern: str, flags: int = re.IGNORECASE):
    """Register a rule in a family ("*": in every family)."""
    def deco(fn):
        for fam in (tuple(_FAMILIES) if family == "*" else (family,)):
            _FAMILIES[fam].append((re.compile(pattern, flags), fn))
        return fn
    return deco


def _const(value: str, anchor: str = "lexical"):
    return lambda ctx: (value, anchor)


def _span(m: re.Match, group: str | int = 0) -> tuple[int, int]:
    return m.start(group), m.end(group)


# ---- numeric and ISO dates (every family) ------------------------------------

@_rule("*", r"(?<![\d/.-])(" + _YEAR + r")-(0[1-9]|1[0-2])-([0-3]\d)(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?)?(?![\d-])")
def _iso(m, lang):
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not _valid(y, mo, d):
        return None
    if m.group(4):
        v = f"{y:04d}-{mo:02d}-{d:02d}T{m.group(4)}:{m.group(5)}" + (f":{m.group(6)}" if m.group(6) else "")
        return _Cand(m.start(), m.end(), "TIME", _const(v, "absolute"), 5)
    return _Cand(m.start(), m.end(), "DATE", _const(f"{y:04d}-{mo:02d}-{d:02d}", "absolute"), 5)


@_rule("*", r"(?<![\d/.,-])(" + _YEAR + r")(0[1-9]|1[0-2])([0-3]\d)(?![\d/.,-])")
def _compact(m, lang):
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not _valid(y, mo, d):
        return None
    return _Cand(m.start(), m.end(), "DATE", _const(f"{y:04d}-{mo:02d}-{d:02d}", "absolute"), 5)


@_rule("*", r"(?<![\d/.,$-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d\d)(?:,?\s+(?:at\s+|à\s+)?([01]?\d|2[0-3])[:h]\s?([0-5]\d)(?::([0-5]\d))?)?(?!\s?%)(?![\d/.-]\d)")
def _numeric(m, lang):
    a, b, yr = int(m.group(1)), int(m.group(3)), m.group(4)
    if m.group(2) == "." and len(yr) == 2:
        return None  # 3.5.10 is more often a number than a date
    y = int(yr) if len(yr) == 4 else None
    # month first where the profile says so (English) unless impossible; day first elsewhere or with dots
    dayfirst = languages.profile(lang).day_first or m.group(2) == "."
    mo, d = (b, a) if dayfirst else (a, b)
    if mo > 12 and d <= 12:
        mo, d = d, mo
    if not (1 <= mo <= 12):
        return None

    def res(ctx, y=y, mo=mo, d=d):
        yy = y if y is not None else _two_digit_year(int(yr), ctx.ref)
        if not _valid(yy, mo, d):
            return None
        v = f"{yy:04d}-{mo:02d}-{d:02d}"
        if m.group(5):
            v += f"T{int(m.group(5)):02d}:{m.group(6)}" + (f":{m.group(7)}" if m.group(7) else "")
        return v, "absolute"
    return _Cand(m.start(), m.end(), "TIME" if m.group(5) else "DATE", res, 5)


# ---- English month dates -----------------------------------------------------

_EN_DATE = (
    r"(?:(?P<wd>" + _DAY_EN + r")\.?,?\s+)?"
    r"(?:(?P<d1>" + _DAYNUM + r")(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>" + _MONTH_EN + r")"
    r"|(?:the\s+)?(?P<ord>" + _alt(_EN_ORD_WORDS) + r")\s+of\s+(?P<m3>" + _MONTH_EN + r")"
    r"|(?P<m2>" + _MONTH_EN + r")(?:\s+(?P<d2>" + _DAYNUM + r")(?:st|nd|rd|th)?(?![\d,.]\d)"
    r"|\s+(?P<ord2>" + _alt(_EN_ORD_WORDS) + r")\b)?)"
    r"(?:,?\s+(?:of\s+|in\s+)?(?P<y>" + _YEAR + r"|'\d\d)(?![\d,.]\d))?"
    r"(?:,?\s+(?:at\s+)?(?P<hh>[01]?\d|2[0-3])\s?:\s?(?P<mm>[0-5]\d)(?:\s*(?P<ap>[ap])\.?m\.?)?)?"
)


@_rule("english", r"(?<![\w-])(?P<pre>(?i:last|this|next|this\s+past|this\s+coming|early|mid-?|late)\s+)?" + _EN_DATE, 0)
def _en_date(m, lang):
    month_word = m.group("m1") or m.group("m2") or m.group("m3")
    month = _EN_MONTHS[month_word.lower().rstrip(".")]
    day = m.group("d1") or m.group("d2")
    day = int(day) if day else None
    ordw = m.group("ord") or m.group("ord2")
    if ordw:
        day = _EN_ORD_WORDS[ordw.lower()]
    yr = m.group("y")
    year = None
    if yr:
        year = int(yr) if not yr.startswith("'") else None
    pre = (m.group("pre") or "").strip().lower()
    start = m.start()
    rel = {"last": "last", "this past": "last", "next": "next", "this coming": "next", "this": "this"}.get(
        re.sub(r"\s+", " ", pre))
    # bare May/March need some support against the verbs
    if month_word in ("May", "March", "MAY", "MARCH") and not (day or yr or pre or m.group("wd")):
        before = m.string[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(?:in|since|until|by|of|from|through|to|during|before|after|early|late|mid|and|or|last|next|this|on|the|that)\s*$", before):
            return None
    if month_word.lower().rstrip(".") in ("mar", "jan", "jun", "jul", "aug", "oct", "nov", "dec", "sep", "apr", "feb") \
            and not month_word.endswith(".") and not (day or yr):
        return None
    hh = m.group("hh")
    yr_raw = yr

    def res(ctx):
        y = year
        if yr_raw and yr_raw.startswith("'"):
            y = _two_digit_year(int(yr_raw[1:]), ctx.ref)
        if day and not _valid(y or 2000, month, day):
            return None
        if y is not None:
            v = f"{y:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
            anchor = "absolute"
        elif rel is None and ctx.last and re.match(rf"\d{{4}}-{month:02d}(?:-|$)", ctx.last) and ctx.last_absolute:
            # "the September 2019 conference ... the September conference": the month just named
            v, anchor = ctx.last[:4] + f"-{month:02d}" + (f"-{day:02d}" if day else ""), "anaphoric"
        else:
            v, anchor = _resolve_month(ctx, month, day, rel=rel)
        if hh and day:
            h = int(hh)
            ap = (m.group("ap") or "").lower()
            if ap == "p" and h < 12:
                h += 12
            if ap == "a" and h == 12:
                h = 0
            v += f"T{h:02d}:{m.group('mm')}"
        return v, anchor
    typ = "TIME" if (hh and day) else "DATE"
    return _Cand(start, m.end(), typ, res, 4, "month")


# ---- French month dates ------------------------------------------------------

@_rule("french", r"(?<![\w-])(?:(?P<wd>" + _DAY_FR + r")\s+)?(?:(?P<d>" + _DAYNUM + r"|1er|premier)\s+)?(?P<m>" + _MONTH_FR + r")"
       r"(?:\s+(?P<y>" + _YEAR + r")(?![\d,.]\d))?(?:\s+(?P<rel>dernier|prochain))?"
       r"(?:,?\s+(?:à\s+)?(?P<hh>[01]?\d|2[0-3])\s?[h:]\s?(?P<mm>[0-5]\d)?)?")
def _fr_date(m, lang):
    mw = m.group("m").lower().rstrip(".")
    if mw not in _FR_MONTHS:
        return None
    month = _FR_MONTHS[mw]
    dw = m.group("d")
    day = None
    if dw:
        day = 1 if dw.lower() in ("1er", "premier") else int(dw)
    year = int(m.group("y")) if m.group("y") else None
    if mw in ("mars", "sept", "oct", "nov", "dec") and not (day or year):
        before = m.string[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(?:en|de|d'|depuis|fin|début|mi-|jusqu'en|avant|après)\s*$", before):
            return None
    rel = {"dernier": "last", "prochain": "next"}.get((m.group("rel") or "").lower())
    # "le 8 janvier": the article "le" stays outside the span, as in French TimeML
    start, end = m.start(), m.end()

    def res(ctx):
        if year is not None:
            v = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
            anchor = "absolute"
        else:
            v, anchor = _resolve_month(ctx, month, day, rel=rel)
        if m.group("hh") and day:
            v += f"T{int(m.group('hh')):02d}:{m.group('mm') or '00'}"
        return v, anchor
    return _Cand(start, end, "TIME" if (m.group("hh") and day) else "DATE", res, 4, "month")


# ---- years, decades, fiscal years --------------------------------------------

@_rule("*", r"(?<![\w$€£.,/-])(?P<pre>(?:fiscal|calendar|early|mid-?|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
       r"|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|début|fin|mi-)\s*)?(?P<y>" + _YEAR + r")"
       r"(?P<s>'?s)?(?![\w%,.-]\d|\s?%|\s*(?:percent|per\s+cent|pour\s+cent|\$|dollars|euros|people|persons|troops|soldiers|men|tonnes|tons|barrels|km|kilomet|meters|metres|miles|feet)\b)")
def _year(m, lang):
    y = int(m.group("y"))
    pre = (m.group("pre") or "").lower()
    s = m.group("s")
    before = m.string[max(0, m.start() - 5):m.start()]
    if re.search(r"\d\s?$", before) or re.search(r"(?:#|\bNo\.|\bno\.|\bn°)\s?$", before):
        return None
    if s:
        start = m.start()
        # "the 1990s"
        bm = re.search(r"(?:\bthe\s+)(?:(?:early|mid-?|late)\s*)?$", m.string[max(0, m.start() - 12):m.start()], re.I)
        if bm and not pre:
            start = m.start() - (len(bm.group(0)))
            start = max(0, start)
        if y % 10 != 0:
            return None
        val = f"{y // 10:03d}"
        return _Cand(start, m.end(), "DATE", _const(val, "absolute"), 3)
    half = ""
    if "first half" in pre:
        half = "-H1"
    elif "second half" in pre:
        half = "-H2"
    return _Cand(m.start(), m.end(), "DATE", _const(f"{y:04d}{half}", "absolute"), 2, "year")


@_rule("english", r"(?<![\w-])(?:the\s+)?(?:(?P<pre>early|mid-?|late)\s*)?(?P<n>(?:19)?[2-9]0|nineteen\s+(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))'?s\b|(?<![\w-])the\s+(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b")
def _decade(m, lang):
    words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
             "eighties": 8, "nineties": 9}
    if m.group("w"):
        d = words[m.group("w").lower()]
    else:
        n = m.group("n").lower()
        if n.startswith("nineteen"):
            d = words[n.split()[-1]]
        else:
            d = int(n[-2])
            if len(n) == 2 and m.string[max(0, m.start(), m.start("n") - 1):m.start("n")] != "'" \
                    and not m.group(0).lower().startswith("the"):
                return None
    return _Cand(m.start(), m.end(), "DATE", _const(f"19{d}", "absolute"), 3)


_SPOKEN_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPOKEN_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_SPOKEN_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"


@_rule("english", r"(?<![\w-])(?:(?P<the>the\s+year\s+)?(?P<c>nineteen|eighteen|twenty)[\s-]+(?P<r>" + _SPOKEN_TENS + r"(?:[\s-]+" + _SPOKEN_UNITS + r")?|"
       + _SPOKEN_TEENS + r"|oh[\s-]+" + _SPOKEN_UNITS + r"|hundred)|(?P<the2>the\s+year\s+)?two\s+thousand(?:\s+and)?(?:[\s-]+(?P<r2>" + _SPOKEN_TENS + r"(?:[\s-]+" + _SPOKEN_UNITS + r")?|"
       + _SPOKEN_TEENS + r"|" + _SPOKEN_UNITS + r"))?)(?![\w-])")
def _spoken_year(m, lang):
    if m.group("c"):
        century = {"nineteen": 19, "eighteen": 18, "twenty": 20}[m.group("c").lower()]
        rest = re.sub(r"[\s-]+", " ", m.group("r").lower()).replace("oh ", "")
        n = 0 if rest == "hundred" else _num(rest)
        if n is None:
            return None
        y = century * 100 + int(n)
        after = m.string[m.end():m.end() + 12].lower()
        if re.match(r"\s+(?:percent|people|years|dollars|of\b)", after):
            return None
    else:
        rest = m.group("r2")
        n = _num(re.sub(r"[\s-]+", " ", rest.lower())) if rest else 0
        if n is None:
            return None
        y = 2000 + int(n)
        if not (m.group("the2") or re.search(r"\b(?:in|of|since|by|until|year)\s+$", m.string[max(0, m.start() - 8):m.start()].lower())):
            return None
    return _Cand(m.start(), m.end(), "DATE", _const(f"{y:04d}", "absolute"), 3, "year")


@_rule("english", r"(?<![\w-])year-(?:earlier|ago)(?![\w-])")
def _year_earlier(m, lang):
    def res(ctx):
        if ctx.last and re.fullmatch(r"\d{4}-Q\d", ctx.last):
            return _shift(ctx.last, -1, "year"), "anaphoric"
        if ctx.ref.year is None:
            return "XXXX", "no-reference"
        return f"{ctx.ref.year - 1:04d}", "article-date"
    return _Cand(m.start(), m.end(), "DATE", res, 1)


# ---- quarters and halves -----------------------------------------------------

_QORD = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"


@_rule("english", r"(?<![\w-])(?P<det>(?:the|its|their|a|this\s+year's|last\s+year's|next\s+year's|the\s+year-(?:earlier|ago)|the\s+(?:" + _YEAR + r")|the\s+comparable|the\s+same)\s+)?"
       r"(?:(?P<y1>" + _YEAR + r")\s+)?(?P<fiscal>fiscal(?:[\s-]year)?[\s-]+)?" + _QORD + r"[\s-](?P<u>quarter|half|period)"
       r"(?P<of>\s+(?:of\s+(?:fiscal\s+)?(?P<y2>" + _YEAR + r")|of\s+(?:this|the\s+current|next|last)\s+year|(?P<y3>" + _YEAR + r")))?")
def _quarter_rule(m, lang):
    qw = m.group("q").lower()
    n = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
         "final": 4, "last": 4}[qw]
    u = m.group("u").lower()
    if u == "period":
        return None
    if u == "half" and n > 2:
        if qw in ("last", "final"):
            n = 2
        else:
            return None
    det = (m.group("det") or "").lower()
    start = m.start()
    hyphen = "-" in m.string[m.end("q"):m.end("q") + 1]
    if hyphen and det.strip() in ("the", "a", "its", "their"):
        start = m.start("q") if not m.group("y1") else m.start("y1")
        if m.group("fiscal"):
            start = m.start("fiscal")
    y_explicit = m.group("y1") or m.group("y2") or m.group("y3")
    m_det_year = re.search(r"(\d{4})", det)
    if m_det_year:
        y_explicit = m_det_year.group(1)
    shift = 0
    of = (m.group("of") or "").lower()
    if "year-earlier" in det or "year-ago" in det or "last year" in det or "last year" in of:
        shift = -1
    if "next year" in det or "next year" in of:
        shift = 1
    letter = "Q" if u == "quarter" else "H"

    def res(ctx):
        if y_explicit:
            return f"{int(y_explicit):04d}-{letter}{n}", "absolute"
        ref = ctx.ref
        if ref.year is None:
            return f"XXXX-{letter}{n}", "no-reference"
        y = ref.year + shift
        if shift == 0 and ref.month is not None and letter == "Q":
            cur = _quarter(ref.month)
            tense = ctx.tense()
            if n > cur and tense == PAST and not det.startswith("this"):
                y -= 1
            elif n < cur - 1 and tense == FUTURE:
                y += 1
        return f"{y:04d}-{letter}{n}", "article-date" if shift == 0 else "article-date-shift"
    return _Cand(start, m.end(), "DATE", res, 4, "quarter")


@_rule("english", r"(?<![\w-])(?P<det>the|this|that|last|next|its|a|the\s+(?:latest|current|previous|past|preceding|prior|recent|most\s+recent|same|comparable|year-(?:earlier|ago)|year\s+earlier|" + _YEAR + r")|this\s+year's|last\s+year's|the\s+latest\s+fiscal)\s+(?P<fiscal>fiscal\s+)?(?P<u>quarter|period)(?P<ago>\s+a\s+year\s+(?:ago|earlier))?\b")
def _the_quarter(m, lang):
    det = m.group("det").lower()
    u = m.group("u").lower()
    if u == "period":
        if not re.search(r"year-earlier|year-ago|year earlier|latest|\d{4}|comparable|same", det):
            return None
    if det in ("a", "that", "its") and u == "quarter":
        return None

    def res(ctx):
        ref = ctx.ref
        if ref.year is None:
            return "XXXX-QX", "no-reference"
        yd = re.search(r"\d{4}", det)
        last = ctx.last if ctx.last and re.fullmatch(r"\d{4}-Q\d", ctx.last) else None
        base = last or _last_completed_quarter(ref) or f"{ref.year:04d}-QX"
        if "latest" in det:
            return (_last_completed_quarter(ref) or f"{ref.year:04d}-QX"), "article-date"
        if "current" in det or det in ("this",) or det == "this year's":
            if ref.month is None:
                return f"{ref.year:04d}-QX", "article-year"
            return f"{ref.year:04d}-Q{_quarter(ref.month)}", "article-date"
        if det == "next":
            return _rel_unit(ctx, "quarter", 1)
        if det in ("last", "the previous", "the preceding", "the prior", "the past"):
            return _rel_unit(ctx, "quarter", -1)
        if yd:
            q = re.search(r"Q\d", base)
            return f"{yd.group(0)}-{q.group(0) if q else 'QX'}", "anaphoric"
        if re.search(r"year-earlier|year-ago|year earlier|last year's", det) or m.group("ago"):
            s = _shift(base, -1, "year") if re.fullmatch(r"\d{4}-Q\d", base) else None
            return (s or f"{ref.year - 1:04d}"), "anaphoric"
        return base, "anaphoric" if last else "article-date"
    return _Cand(m.start(), m.end(), "DATE", res, 3, "quarter")


# ---- durations ---------------------------------------------------------------

_APPROX = (r"(?:(?:about|around|approximately|roughly|some|nearly|almost|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most"
           r"|up\s+to|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|just\s+over|just\s+under|barely"
           r"|only|just|a\s+full|the\s+full|a\s+further|another)\s+)")


@_rule("english", r"(?<![\w-])(?P<apx>" + _APPROX + r")?(?P<det>(?:the|these|those|its|their|his|her|our|each\s+of\s+the|all)\s+)?"
       r"(?P<rel>(?:past|last|next|first|previous|coming|following|latest|final|remaining|ensuing|preceding|initial|prior|subsequent|same|recent|additional|better\s+part\s+of\s+the|better\s+part\s+of\s+a)\s+)?"
       r"(?P<qty>" + _QTY_EN + r")(?P<sep>[\s-]+)(?:(?:more|additional|full|straight|consecutive|trading|business|calendar|working|long|extra|separate|whole|short)\s+)?"
       r"(?P<unit>" + _UNIT_EN + r")(?![\w])(?P<adj>-(?:old|long))?(?P<post>\s+(?:ago|earlier|later|before\s+that|from\s+now|hence|or\s+so|or\s+more|or\s+less|back))?")
def _en_duration(m, lang):
    """Durations ("two years", "the past three months", "a two-year term") and the dates they
    reach ("two years ago", "three months later"); a quantity "a year" after a price or a
    count is a set ("$5 a year")."""
    qty = m.group("qty")
    unit_w = m.group("unit").lower()
    unit = _unit(unit_w)
    if unit not in _UNITS:
        return None
    post = (m.group("post") or "").strip().lower()
    rel = (m.group("rel") or "").strip().lower()
    det = (m.group("det") or "").strip().lower()
    apx = (m.group("apx") or "").strip().lower()
    n = _num(qty)
    qlow = qty.lower()
    plural = unit_w.endswith("s") or unit_w == "centuries"
    hyphen = "-" in m.group("sep")
    if n is None and qlow.strip() in ("a", "an"):
        n = 1
    if not _en_duration_plausible(m, n, unit, qlow, plural, post):
        return None
    start = _en_duration_start(m, apx, det, rel, post)
    end = m.end()
    if post in ("ago", "back"):
        if apx in ("over", "under", "only", "just"):
            start = m.start("qty") if not (det or rel) else start
        return _Cand(start, end, "DATE", _ago(n, unit), 4, "ago")
    if post in ("earlier", "later", "before that", "from now", "hence"):
        return _Cand(start, end, "DATE", _later_or_earlier(n, unit, post), 4, "ago")
    if m.group("adj") or (hyphen and not plural):
        return _en_adjectival_duration(m, start, end, n, unit, apx, det, rel)
    if rel == "recent" and n is None:
        return None
    if not det and not rel and not apx and qlow in ("a", "an") and unit in ("year", "month", "week", "day") :
        before = m.string[max(0, m.start() - 25):m.start()].lower()
        # "$5 a year", "twice a day" are sets
        if re.search(r"(?:[\d%]|\btimes|\btwice|\bonce|\bcents?|\bdollars?|\bbarrels|\bmillion|\bbillion)\s*$", before.strip() + " ") \
                and not re.search(r"\b(?:for|in|within|over|after|about|almost|nearly)\s+$", before):
            return _Cand(start, end, "SET", _const(_duration(1, unit), "frequency"), 3, "set")
    if det and not rel and det in ("the", "these", "those"):
        if n is None:
            return None
    return _Cand(start, end, "DURATION", _const(_duration(n, unit), "length"), 3, "dur")


def _en_duration_plausible(m, n, unit, qlow, plural, post) -> bool:
    """False for what only looks like a duration: "a years", "one days", "$500 years", "a
    second" (an ordinal), "a night" without "ago"/"later"."""
    if qlow in ("a", "an") and plural:
        return False
    if qlow not in _EN_NUMS and n is not None and not re.match(r"[\d]", qlow) and n == 1 and plural:
        return False
    if re.fullmatch(r"[\d,.]+", qlow):
        if n is not None and n > 400 and unit in ("year",):
            return False
        before = m.string[max(0, m.start() - 2):m.start()]
        if "$" in before:
            return False
    if unit == "second" and qlow in ("a", "an") and not post:
        # "a second" is an ordinal far more often than a duration
        after = m.string[m.end():m.end() + 12].lower()
        if not re.match(r"\s*(?:or|later|earlier|ago)\b", after):
            return False
    if unit == "night" and not post:
        return False
    return True


def _en_duration_start(m, apx, det, rel, post) -> int:
    """Where a duration's span starts: some approximators and possessives stay outside it
    ("only the last two years", "their first three months")."""
    start = m.start()
    if apx in ("only", "just", "another", "a further") and not post:
        start = m.start("det") if m.group("det") else (m.start("rel") if m.group("rel") else m.start("qty"))
    if apx in ("over", "under") and (det or rel):
        start = m.start("det") if m.group("det") else m.start("rel")
    if det in ("its", "their", "his", "her", "our") and not rel:
        start = m.start("rel") if m.group("rel") else m.start("qty")
    return start


def _ago(k, unit):
    """The value of "k units ago": back from the reference date — but in reports of quarterly
    results "a year ago" is the same quarter a year before."""
    def res(ctx, k=k, unit=unit):
        if unit == "year" and k == 1 and ctx.last and re.fullmatch(r"\d{4}-Q\d", ctx.last):
            return _shift(ctx.last, -1, "year"), "anaphoric"
        return _offset(ctx, k, unit, -1)
    return res


def _later_or_earlier(k, unit, post):
    """The value of "k units later/earlier/from now": from the last date the text mentioned
    ("a year later") when there is one, else from the reference date."""
    sign = 1 if post in ("later", "from now", "hence") else -1

    def res_rel(ctx, k=k, unit=unit, sign=sign, post=post):
        if post in ("earlier", "later", "before that") and ctx.last and k is not None and unit in ("year", "month", "quarter"):
            s = _shift(ctx.last if unit != "year" else _coarse(ctx.last), int(k) * sign, unit)
            if s:
                return s, "anaphoric"
        return _offset(ctx, k, unit, sign)
    return res_rel


def _en_adjectival_duration(m, start, end, n, unit, apx, det, rel):
    """An adjectival duration ("a two-year term", "8-month-old"): a length, the noun "period",
    "span", "stretch" or "term" and its article included."""
    if rel or det:
        start = m.start("qty")
    pm = re.match(r"\s+(?:period|span|stretch|term)\b", m.string[end:end + 10])
    if pm and not m.group("adj"):
        end += pm.end()
        bm = re.search(r"\b(?:an?|the)\s+$", m.string[max(0, start - 5):start], re.I)
        if bm:
            start -= len(bm.group(0))
    return _Cand(start if not apx else m.start(), end, "DURATION", _const(_duration(n, unit), "length"), 3, "dur")

@_rule("english", r"(?<![\w-])(?P<pre>(?:for|within|in|over|after|take|takes|took|taken|lasted|last|spent|spend|recent|coming|past|next|early)\s+)(?P<unit>years|months|weeks|days|hours|minutes|decades|centuries)(?![\w-])(?P<post>\s+(?:ago|earlier|later))?")
def _bare_plural(m, lang):
    pre = m.group("pre").strip().lower()
    unit = _unit(m.group("unit"))
    post = (m.group("post") or "").strip().lower()
    if post:
        return _Cand(m.start("unit"), m.end(), "DATE", _const("PAST_REF" if post != "later" else "FUTURE_REF", "vague"), 2)
    if pre in ("recent", "past"):
        return _Cand(m.start(), m.end(), "DATE", _const("PAST_REF", "vague"), 2)
    if pre in ("coming", "next"):
        return _Cand(m.start(), m.end(), "DURATION", _const(_duration(None, unit), "length"), 2)
    if pre == "early":
        return None
    return _Cand(m.start("unit"), m.end("unit"), "DURATION", _const(_duration(None, unit), "length"), 2)


# ---- relative calendar units: this/last/next week, the past year, year-end ----

@_rule("english", r"(?<![\w-])(?P<mod>(?:early|earlier|late|later|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of)\s*)?"
       r"(?P<rel>this\s+past|this\s+coming|this|last|next|past|the\s+past|the\s+last|the\s+next|the\s+previous|the\s+coming|the\s+current|the\s+following|the\s+same|that|the|the\s+preceding|the\s+prior|the\s+full|the\s+whole|the\s+entire|the\s+latest)"
       r"[\s-]+(?P<fiscal>(?:fiscal|calendar)\s+)?(?P<unit>year|month|week|weekend|decade|century|quarter|day|fiscal\s+year|spring|summer|autumn|fall|winter)(?![\w-])(?P<post>'s\s+end|\s+ago)?")
def _rel_calendar(m, lang):
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = m.group("unit").lower().replace("fiscal ", "")
    mod = (m.group("mod") or "").strip().lower()
    if unit == "quarter":
        return None  # handled by the quarter rules
    if rel in ("the", "that", "the same") and unit in ("day", "week", "decade", "century", "weekend") \
            and not (unit == "weekend" and rel == "the"):
        return None
    if rel in ("the", "that", "the same", "the full", "the whole", "the entire") and unit == "month" and not mod:
        return None
    if unit == "day" and rel not in ("the previous", "the following", "the next"):
        return None
    if unit == "day":
        k = -1 if rel == "the previous" else 1
        return _Cand(m.start(), m.end(), "DATE", lambda ctx: _offset(ctx, 1, "day", k), 2)
    k = {"last": -1, "past": -1, "the past": -1, "the last": -1, "the previous": -1, "the preceding": -1,
         "the prior": -1, "this past": -1, "next": 1, "the next": 1, "the coming": 1, "the following": 1,
         "this coming": 1}.get(rel, 0)
    season = _SEASONS.get(unit)
    is_dur = False
    if rel in ("the next", "the coming", "the past", "the last") and unit in ("week", "month", "decade", "century") and not mod:
        is_dur = True
    if rel in ("the full", "the whole", "the entire"):
        is_dur = unit not in ("year",)
    if rel in ("the next", "the coming") and unit == "year" and not mod:
        is_dur = True
    start = m.start()
    post = (m.group("post") or "").strip().lower()
    typ = "DURATION" if is_dur else "DATE"

    def res(ctx):
        if is_dur:
            return _duration(1, unit if unit in _UNITS else "year"), "length"
        if season:
            return _season_year(ctx, season, {-1: "last", 1: "next"}.get(k))
        if rel in ("the", "that", "the same", "the full", "the whole", "the entire", "the latest") and unit == "year":
            if rel in ("that", "the same") and ctx.last and re.match(r"\d{4}", ctx.last):
                return ctx.last[:4], "anaphoric"
            if rel == "the latest" and ctx.ref.year:
                return f"{ctx.ref.year - 1:04d}", "article-date"
            return _rel_unit(ctx, "year", 0)
        if rel == "the" and unit == "weekend":
            r = _rel_unit(ctx, "weekend", -1 if ctx.tense() == PAST else 0)
            return r
        if rel == "the following" and ctx.last and re.match(r"\d{4}", ctx.last) and unit == "year":
            return f"{int(ctx.last[:4]) + 1:04d}", "anaphoric"
        if rel == "the following" and ctx.last and unit == "month":
            s = _shift(ctx.last, 1, "month")
            if s:
                return s, "anaphoric"
        r = _rel_unit(ctx, unit, k)
        if post == "ago" and r:
            return _rel_unit(ctx, unit, -1)
        return r
    if post == "'s end":
        return _Cand(start, m.end(), "DATE", res, 3)
    return _Cand(start, m.end(), typ, res, 3, "relcal")


@_rule("english", r"(?<![\w-])(?P<edge>earlier|later|early|late)\s+in\s+the\s+(?P<u>year|month|week|day)(?![\w-])")
def _edge_in_the(m, lang):
    u = m.group("u").lower()
    return _Cand(m.start(), m.end(), "DATE", lambda ctx: _rel_unit(ctx, u, 0), 3)


@_rule("english", r"(?<![\w-])(?:(?P<pre>the\s+)?year(?P<sep>[\s-])end|year's\s+end|the\s+end\s+of\s+the\s+(?P<u>year|month|week|quarter|decade)|the\s+turn\s+of\s+the\s+(?:year|century))(?![\w-])")
def _year_end(m, lang):
    u = (m.group("u") or "year").lower()
    low = m.group(0).lower()
    day = bool(m.group("sep") and m.group("sep") == "-") or (low.startswith("the year end"))

    def res(ctx):
        ref = ctx.ref
        if ref.year is None:
            return "XXXX", "no-reference"
        if u == "month":
            return _rel_unit(ctx, "month", 0)
        if u == "week":
            return _rel_unit(ctx, "week", 0)
        if u == "quarter":
            return _rel_unit(ctx, "quarter", 0)
        y = ref.year
        if ref.month is not None and ref.month <= 2 and ctx.tense() == PAST:
            y -= 1
        if day:
            return f"{y:04d}-12-31", "article-year"
        return f"{y:04d}", "article-year"
    return _Cand(m.start(), m.end(), "DATE", res, 3)


# ---- deictic words -----------------------------------------------------------

_DEICTIC_EN = {
    "today": ("DATE", 0), "yesterday": ("DATE", -1), "tomorrow": ("DATE", 1),
    "the day before yesterday": ("DATE", -2), "the day after tomorrow": ("DATE", 2),
    "tonight": ("TIME", "NI0"), "last night": ("TIME", "NI-1"), "overnight": ("TIME", "NI-1"),
}


@_rule("english", r"(?<![\w-])(?P<mod>(?:early|earlier|late|later)\s+)?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight|last\s+night|overnight)(?:'s)?(?:\s+(?P<part>morning|afternoon|evening|night))?(?![\w-])")
def _en_deictic(m, lang):
    w = re.sub(r"\s+", " ", m.group("w").lower())
    part = (m.group("part") or "").lower()
    typ, off = _DEICTIC_EN[w]
    if w == "overnight":
        before = m.string[max(0, m.start() - 8):m.start()].lower()
        if re.search(r"\b(?:an|the)\s+$", before):
            return None
    if m.group(0).lower().endswith("'s"):
        end = m.end("w")
    else:
        end = m.end()

    def res(ctx):
        d0 = ctx.ref.date
        if isinstance(off, str):
            k = int(off[2:])
            if d0 is None:
                return "XXXX-XX-XXTNI", "no-reference"
            return _ymd(d0 + timedelta(days=k)) + "TNI", "article-date"
        if d0 is None:
            if w == "today":
                return "PRESENT_REF", "no-reference"
            return "XXXX-XX-XX" + (f"T{_PARTS[part]}" if part else ""), "no-reference"
        v = _ymd(d0 + timedelta(days=off))
        if part:
            v += "T" + _PARTS[part]
        return v, "article-date"
    return _Cand(m.start(), end, "TIME" if (part or typ == "TIME") else "DATE", res, 3)


@_rule("english", r"(?<![\w-])(?P<w>now|right\s+now|just\s+now|currently|at\s+present|presently|nowadays|these\s+days|today's|current"
       r"|recently|recent|lately|in\s+the\s+past|the\s+past|formerly|previously|earlier|once"
       r"|soon|shortly|the\s+future|future|the\s+near\s+future|the\s+near\s+term|the\s+short\s+term|the\s+long\s+term|the\s+medium\s+term"
       r"|the\s+coming\s+(?:weeks|months|years|days|quarters)|coming\s+(?:weeks|months|years|days|quarters)|in\s+the\s+coming\s+(?:weeks|months|years|days|quarters)|future\s+quarters"
       r"|as\s+soon\s+as\s+possible|a\s+later\s+date|later|the\s+time|at\s+the\s+time|then)(?![\w-])")
def _vague(m, lang):
    w = re.sub(r"\s+", " ", m.group("w").lower())
    s, e = m.start(), m.end()
    before = m.string[max(0, s - 20):s].lower()
    after = m.string[e:e + 20].lower()
    if w in ("in the past",):
        s = m.start() + 3
        w = "the past"
    if w == "at the time":
        s = m.start() + 3
        w = "the time"
    if w == "in the coming weeks":
        s = m.start() + 3
    if w in ("the time",):
        if not re.match(r"\s*[,.;]", after) and not before.endswith("at "):
            return None
        return _Cand(s, e, "DATE", _const("PAST_REF", "vague"), 1)
    if w == "then":
        return None
    if w == "earlier":
        if not (re.match(r"\s*[,.;]", after) or re.search(r"(?:^|[.;]\s*)$", before.strip()) and re.match(r"\s*,", after)):
            return None
        if re.search(r"(?:\d|\bmonths?|\byears?|\bweeks?|\bdays?|\bthan|\bhours?)\s*$", before):
            return None
        return _Cand(s, e, "DATE", _const("PAST_REF", "vague"), 1)
    if w == "later":
        return None
    if w == "once":
        return None
    if w == "future":
        if not re.search(r"\b(?:in|for|near)\s+$", before) and not re.match(r"\s+(?:quarters|years|months|periods|generations)\b", after):
            return None
    if w == "current":
        if re.match(r"\s+(?:quarter|year|month|week|fiscal|period|account|accounts|affairs|events|of|and|or)\b", after) \
                or not re.match(r"\s+[a-z]", after):
            return None
        return _Cand(s, e, "DATE", _const("PRESENT_REF", "vague"), 1)
    if w == "recent":
        if re.match(r"\s+(?:years|months|weeks|days|quarters|decades|times)\b", after):
            return None  # handled as a unit phrase
        return _Cand(s, e, "DATE", _const("PAST_REF", "vague"), 1)
    if w == "today's":
        return _Cand(s, e - 2, "DATE", lambda ctx: (_ymd(ctx.ref.date), "article-date") if ctx.ref.date else ("PRESENT_REF", "vague"), 1)
    if w in ("now", "right now", "just now", "currently", "at present", "presently", "nowadays", "these days"):
        if w == "now" and re.match(r"[-\s]+(?:defunct|closed|former|retired|famous|deceased|dead|banned|disbanded)\b", after):
            return None
        if w == "at present":
            return _Cand(s, e, "DATE", _const("PRESENT_REF", "vague"), 1)
        return _Cand(s, e, "DATE", _const("PRESENT_REF", "vague"), 1)
    if w in ("recently", "lately", "formerly"):
        if w == "recently" and before.endswith("more "):
            s -= 5
        return _Cand(s, e, "DATE", _const("PAST_REF", "vague"), 1)
    if w == "previously":
        return None  # more often a signal than a time in news
    if w == "the past":
        if re.match(r"\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?|quarters?|hours?|minutes?|centuries|century|few|several|two|three|four|five|six|seven|eight|nine|ten|\d)", after):
            return None
        return _Cand(s, e, "DATE", _const("PAST_REF", "vague"), 1)
    if w in ("soon", "shortly"):
        if re.match(r"\s+(?:after|before|afterwards?|thereafter)\b", after) or before.endswith("as "):
            return None
        return _Cand(s, e, "DATE", _const("FUTURE_REF", "vague"), 1)
    if w.startswith("in the coming") or w.startswith("the coming") or w.startswith("coming"):
        return _Cand(s, e, "DATE", _const("FUTURE_REF", "vague"), 1)
    return _Cand(s, e, "DATE", _const("FUTURE_REF", "vague"), 1)


# ---- weekdays, parts of day, clock times (English) ----------------------------

_CLOCK_EN = (r"(?:(?P<h>[01]?\d|2[0-3])(?:(?::|\.)\s?(?P<mi>[0-5]\d))?\s*(?P<ap>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|AM\b|PM\b|a\.m|p\.m)"
             r"|(?P<h24>[01]\d|2[0-3]):\s?(?P<mi24>[0-5]\d)(?::(?P<s24>[0-5]\d))?(?!\d)|(?P<hh4>[01]\d|2[0-3])(?P<mm4>[0-5]\d)\s*(?:GMT|UTC|EDT|EST|CET|CEST|BST|Z)\b"
             r"|(?P<noon>noon|midday|midnight))"
             r"(?:\s*\(?(?P<tz>GMT|UTC|EDT|EST|CDT|CST|PDT|PST|CET|CEST|BST|local\s+time)\)?(?![\w]))?")


@_rule("english", r"(?<![\w-])(?P<apx>(?:about|around|approximately|shortly\s+(?:after|before)|just\s+(?:after|before))\s+)?" + _CLOCK_EN
       + r"(?:,?\s+(?:on\s+)?(?P<rel>(?i:last|this|next)\s+)?(?P<wd>" + _DAY_EN + r")|\s+(?P<dx>(?i:today|yesterday|tomorrow|tonight)))?", 0)
def _clock(m, lang):
    if m.group("noon"):
        hh, mi = (24 if m.group("noon").lower() == "midnight" else 12), None
    elif m.group("h24"):
        hh, mi = int(m.group("h24")), m.group("mi24")
        before = m.string[max(0, m.start() - 1):m.start()]
        if before.isdigit() or re.match(r"\d", m.string[m.end():m.end() + 1]):
            return None
    elif m.group("hh4"):
        hh, mi = int(m.group("hh4")), m.group("mm4")
    else:
        hh, mi = int(m.group("h")), m.group("mi")
        ap = m.group("ap").lower().replace(" ", "")
        if ap.startswith("p") and hh < 12:
            hh += 12
        if ap.startswith("a") and hh == 12:
            hh = 0
    start = m.start()
    apx = (m.group("apx") or "").lower()
    if apx.startswith("shortly") or apx.startswith("just"):
        start = m.start() + len(m.group("apx"))
    wd = m.group("wd")
    dx = (m.group("dx") or "").lower()
    rel = (m.group("rel") or "").strip().lower() or None
    hstr = "24" if hh == 24 else f"{hh:02d}"
    if m.group("noon") and not wd and not dx:
        before = m.string[max(0, m.start() - 10):m.start()].lower()
        if m.group("noon").lower() in ("noon",) and not re.search(r"\b(?:at|by|until|before|after|from|till|around|about)\s+$", before):
            return None
    tail = f"T{hstr}:{mi or '00'}"

    def res(ctx):
        if wd:
            v, anchor = _resolve_weekday(ctx, _EN_DAYS[wd.lower()], rel)
        elif dx:
            d0 = ctx.ref.date
            off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[dx]
            if d0 is None:
                return "XXXX-XX-XX" + tail, "no-reference"
            v, anchor = _ymd(d0 + timedelta(days=off)), "article-date"
        else:
            d0 = ctx.ref.date
            if d0 is None:
                return "XXXX-XX-XX" + tail, "no-reference"
            v, anchor = _ymd(d0), "article-date"
        return v + tail, anchor
    return _Cand(start, m.end(), "TIME", res, 4, "clock")


@_rule("english", r"(?<![\w-])(?P<mod>(?i:early|earlier|late|later|mid)[\s-]+)?(?P<rel>(?i:last|this\s+past|this\s+coming|this|next|the\s+previous|the\s+following|that|on))?\s*(?P<wd>" + _DAY_EN
       + r")(?P<pl>s)?(?:[\s-]+(?P<part>morning|afternoon|evening|night|midday))?(?![\w-])", 0)
def _weekday(m, lang):
    wd = _EN_DAYS[m.group("wd").lower()]
    rel = (m.group("rel") or "").lower()
    rel = re.sub(r"\s+", " ", rel)
    part = (m.group("part") or "").lower()
    start = m.start("wd") if rel in ("", "on", "that") else m.start("rel")
    if m.group("mod"):
        start = m.start("mod")
    if m.group("pl"):
        # "on Fridays": a set
        s = m.start("rel") if rel and rel not in ("on",) else m.start("wd")
        v = f"XXXX-WXX-{wd}" + (f"T{_PARTS[part]}" if part else "")
        return _Cand(s, m.end(), "SET", _const(v, "frequency"), 3)
    relmap = {"last": "last", "this past": "last", "the previous": "previous", "this coming": "coming",
              "this": "this", "next": "next", "the following": "next"}
    r = relmap.get(rel)
    if rel == "that":
        start = m.start("rel")

    def res(ctx):
        if rel in ("that", "the following", "the previous") and ctx.last and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.last):
            # "that Saturday", "the following Monday": the weekday around the date just named
            d = date.fromisoformat(ctx.last)
            diff = (wd - d.isoweekday()) % 7
            if rel == "the following":
                d2 = d + timedelta(days=diff or 7)
            elif rel == "the previous":
                d2 = d - timedelta(days=(d.isoweekday() - wd) % 7 or 7)
            else:
                d2 = d + timedelta(days=diff) if diff <= 3 else d - timedelta(days=7 - diff)
            return _ymd(d2) + ("T" + _PARTS[part] if part else ""), "anaphoric"
        v, anchor = _resolve_weekday(ctx, wd, r)
        if part:
            v += "T" + _PARTS[part]
        return v, anchor
    return _Cand(start, m.end(), "TIME" if part else "DATE", res, 3, "weekday")


@_rule("english", r"(?<![\w-])(?P<mod>(?:early|late|mid)[\s-]+)?(?P<rel>this|that|the|tomorrow|yesterday|in\s+the|during\s+the)\s+(?P<part>morning|afternoon|evening|night)(?![\w-])")
def _part_of_day(m, lang):
    rel = m.group("rel").lower()
    part = m.group("part").lower()
    start = m.start()
    if rel.startswith("in ") or rel.startswith("during "):
        start = m.start("rel") + len(rel.split()[0]) + 1
        if m.group("mod"):
            return None
    after = m.string[m.end():m.end() + 10].lower()
    if rel in ("the", "that") and re.match(r"\s+(?:of|before|after)\b", after):
        return None
    if rel in ("the", "that", "in the", "during the") and part == "night":
        return None

    def res(ctx):
        d0 = ctx.ref.date
        if d0 is None:
            return f"XXXX-XX-XXT{_PARTS[part]}", "no-reference"
        off = {"yesterday": -1, "tomorrow": 1}.get(rel, 0)
        return _ymd(d0 + timedelta(days=off)) + "T" + _PARTS[part], "article-date"
    return _Cand(start, m.end(), "TIME", res, 2)


# ---- seasons and named months with edge modifiers -----------------------------

@_rule("english", r"(?<![\w-])(?P<mod>(?:early|late|mid)[\s-]+)?(?P<rel>this\s+past|this|last|next|the|that)?\s*(?P<s>spring|summer|autumn|fall|winter)(?:\s+of\s+(?P<y>" + _YEAR + r"))?(?![\w-])")
def _season(m, lang):
    s = _SEASONS[m.group("s").lower()]
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    if m.group("s").lower() == "fall" and not m.group("y"):
        if not rel or re.match(r"\s+(?:of|and|in|from|to)\b", m.string[m.end():m.end() + 6]):
            return None  # "the fall of the regime"
    if not rel and not m.group("y") and not m.group("mod"):
        before = m.string[max(0, m.start() - 10):m.start()].lower()
        if not re.search(r"\b(?:in|during|by|since|until|this|last|next|over)\s+$", before):
            return None
    start = m.start() if (m.group("mod") or rel) else m.start("s")
    y = int(m.group("y")) if m.group("y") else None
    r = {"last": "last", "this past": "last", "next": "next"}.get(rel)

    def res(ctx):
        if y:
            return f"{y:04d}-{s}", "absolute"
        return _season_year(ctx, s, r)
    return _Cand(start, m.end(), "DATE", res, 2)


# ---- sets ----------------------------------------------------------------------

@_rule("english", r"(?<![\w-])(?:(?P<adv>daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly)|(?P<q>each|every|per)\s+(?P<other>other\s+)?(?P<u>year|month|week|day|hour|quarter|night|morning|evening|summer|winter|spring|autumn|fall|" + _DAY_EN[3:-10] + r"|" + _MONTH_EN[3:-10] + r"))(?![\w-])")
def _set(m, lang):
    if m.group("adv"):
        a = m.group("adv").lower()
        before = m.string[max(0, m.start() - 12):m.start()].lower()
        after = m.string[m.end():m.end() + 12].lower()
        if a in ("daily", "weekly", "monthly", "quarterly") and re.match(r"\s+(?:newspaper|paper|magazine|journal|news|show|program|bulletin|briefing)s?\b", after):
            return None
        if re.search(r"\bthe\s+$", before) and a in ("daily", "weekly", "monthly"):
            return None
        v = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H",
             "nightly": "P1D", "biweekly": "P2W"}[a]
        return _Cand(m.start(), m.end(), "SET", _const(v, "frequency"), 2)
    u = m.group("u").lower()
    k = 2 if m.group("other") else 1
    if u in _EN_DAYS:
        return _Cand(m.start(), m.end(), "SET", _const(f"XXXX-WXX-{_EN_DAYS[u]}", "frequency"), 3)
    if u.rstrip(".") in _EN_MONTHS:
        return _Cand(m.start(), m.end(), "SET", _const(f"XXXX-{_EN_MONTHS[u.rstrip('.')]:02d}", "frequency"), 3)
    if u in _SEASONS:
        return _Cand(m.start(), m.end(), "SET", _const(f"XXXX-{_SEASONS[u]}", "frequency"), 3)
    if u in ("morning", "evening", "night"):
        return _Cand(m.start(), m.end(), "SET", _const(f"XXXX-XX-XXT{_PARTS[u]}", "frequency"), 3)
    v = _duration(k, {"night": "day"}.get(u, u))
    if u == "quarter":
        v = f"P{k}Q"
    return _Cand(m.start(), m.end(), "SET", _const(v, "frequency"), 3)


# ---- French relative expressions -------------------------------------------------

@_rule("french", r"(?<![\w-])(?P<w>(?P<dx>hier|demain)\s+(?P<p3>matin|soir|après-midi|midi)|aujourd['’]hui|avant-hier|après-demain|hier|demain"
       r"|ce\s+(?P<p1>matin|soir|midi|après-midi)|cette\s+(?P<p2>nuit|matinée|soirée|après-midi))(?![\w-])")
def _fr_deictic(m, lang):
    w = re.sub(r"\s+", " ", m.group("w").lower()).replace("’", "'")
    part = m.group("p1") or m.group("p2") or m.group("p3")
    off = 0
    key = m.group("dx").lower() if m.group("dx") else w
    off = {"aujourd'hui": 0, "hier": -1, "demain": 1, "avant-hier": -2, "après-demain": 2}.get(key, 0)
    tail = ""
    if part:
        tail = "T" + ("12:00" if part == "midi" else _PARTS[part])

    def res(ctx):
        d0 = ctx.ref.date
        if d0 is None:
            return "XXXX-XX-XX" + tail, "no-reference"
        return _ymd(d0 + timedelta(days=off)) + tail, "article-date"
    return _Cand(m.start(), m.end(), "TIME" if part else "DATE", res, 3)


@_rule("french", r"(?<![\w-])(?:(?P<pre>(?:ce|cette|le|la|l['’]|les)\s*)?(?P<wd>" + _DAY_FR + r")(?P<pl>s)?(?:\s+(?P<rel>dernier|prochain|passé|matin|soir|après-midi))?)(?![\w-])")
def _fr_weekday(m, lang):
    wd = _FR_DAYS[m.group("wd").lower()]
    rel = (m.group("rel") or "").lower()
    pre = (m.group("pre") or "").lower().strip()
    after = m.string[m.end():m.end() + 20]
    if re.match(r"\s+(?:\d|1er|premier)", after):
        return None  # part of a full date
    if m.group("pl") or pre == "les":
        # "les mardis", "le mardi" with a plural sense is left to the date reading
        return _Cand(m.start(), m.end(), "SET", _const(f"XXXX-WXX-{wd}", "frequency"), 3)
    start = m.start("wd") if pre in ("le", "la", "l'", "") else m.start()
    part = rel if rel in ("matin", "soir", "après-midi") else ""
    r = {"dernier": "last", "passé": "last", "prochain": "next"}.get(rel)
    if pre in ("ce", "cette"):
        r = "this"

    def res(ctx):
        v, anchor = _resolve_weekday(ctx, wd, r)
        if part:
            v += "T" + _PARTS[part]
        return v, anchor
    return _Cand(start, m.end(), "TIME" if part else "DATE", res, 3, "weekday")


@_rule("french", r"(?<![\w-])(?P<det>l['’]|la\s+|le\s+|cette\s+|ce\s+|cet\s+)(?P<u>an|année|annee|mois|semaine|trimestre|week-end|été|hiver|printemps|automne)"
       r"(?:\s+(?P<rel>dernière|dernier|passée|passé|précédente|précédent|prochaine|prochain|suivante|suivant|en\s+cours|-ci))?(?![\w-])")
def _fr_relcal(m, lang):
    det = m.group("det").lower().strip().replace("’", "'")
    u = m.group("u").lower()
    rel = (m.group("rel") or "").lower()
    k = 0
    if rel.startswith("derni") or rel.startswith("pass") or rel.startswith("précéd"):
        k = -1
    elif rel.startswith("prochain") or rel.startswith("suivant"):
        k = 1
    elif det in ("ce", "cette", "cet") or rel in ("en cours", "-ci"):
        k = 0
    else:
        return None
    unit = {"an": "year", "année": "year", "annee": "year", "mois": "month", "semaine": "week", "trimestre": "quarter",
            "week-end": "weekend"}.get(u)
    season = _SEASONS.get(u)

    def res(ctx):
        if season:
            return _season_year(ctx, season, {-1: "last", 1: "next"}.get(k))
        return _rel_unit(ctx, unit, k)
    return _Cand(m.start(), m.end(), "DATE", res, 3, "relcal")


@_rule("french", r"(?<![\w-])(?P<pre>il\s+y\s+a|dans|depuis|pendant|durant|en|sous|d['’]ici|au\s+cours\s+des|ces|les|des|plus\s+de|moins\s+de|près\s+de|environ)?\s*(?P<qty>" + _QTY_FR + r")\s+(?P<u>" + _UNIT_FR + r")(?P<rel>\s+(?:derniers|dernières|prochains|prochaines|plus\s+tôt|plus\s+tard|auparavant))?(?![\w-])")
def _fr_duration(m, lang):
    pre = re.sub(r"\s+", " ", (m.group("pre") or "").lower()).replace("’", "'")
    qty = m.group("qty").lower()
    unit = _unit(m.group("u"))
    if unit not in _UNITS:
        return None
    n = _num(qty)
    rel = (m.group("rel") or "").strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", qty):
        before = m.string[max(0, m.start("qty") - 2):m.start("qty")]
        if "$" in before or "€" in before:
            return None
    if pre == "il y a" or rel in ("plus tôt", "auparavant"):
        return _Cand(m.start(), m.end(), "DATE", lambda ctx: _offset(ctx, n, unit, -1), 4, "ago")
    if pre in ("dans",) or rel == "plus tard":
        return _Cand(m.start(), m.end(), "DATE", lambda ctx: _offset(ctx, n, unit, 1), 4, "ago")
    start = m.start("qty")
    if pre in ("ces", "les", "des", "au cours des", "plus de", "moins de", "près de", "environ"):
        start = m.start("pre")
        if pre == "au cours des":
            start = m.start("pre") + len("au cours ")
    return _Cand(start, m.end(), "DURATION", _const(_duration(n, unit), "length"), 3, "dur")


@_rule("french", r"(?<![\w-])(?P<w>maintenant|actuellement|en\s+ce\s+moment|à\s+présent|aujourd['’]hui\s+encore|récemment|dernièrement|autrefois|auparavant|naguère"
       r"|bientôt|prochainement|à\s+l['’]avenir|dans\s+le\s+futur|à\s+court\s+terme|à\s+moyen\s+terme|à\s+long\s+terme|ces\s+derniers\s+temps"
       r"|ces\s+dernières\s+(?:années|semaines)|ces\s+derniers\s+(?:mois|jours)|les\s+prochain(?:e)?s\s+(?:années|semaines|mois|jours))(?![\w-])")
def _fr_vague(m, lang):
    w = re.sub(r"\s+", " ", m.group("w").lower()).replace("’", "'")
    if w in ("maintenant", "actuellement", "en ce moment", "à présent", "aujourd'hui encore"):
        v = "PRESENT_REF"
    elif w in ("récemment", "dernièrement", "autrefois", "auparavant", "naguère", "ces derniers temps") or w.startswith("ces derni"):
        v = "PAST_REF"
    else:
        v = "FUTURE_REF"
    s = m.start()
    if w.startswith("à l'avenir") or w.startswith("à court") or w.startswith("à moyen") or w.startswith("à long"):
        s = m.start() + 2
    return _Cand(s, m.end(), "DATE", _const(v, "vague"), 1)


@_rule("french", r"(?<![\w-])(?P<mod>début|fin|mi-|courant|à\s+la\s+fin\s+de|au\s+début\s+de)\s*(?P<u>l['’]année|l['’]an|(?:ce|le)\s+mois|la\s+semaine|" + _MONTH_FR + r")(?:\s+(?P<y>" + _YEAR + r"))?(?P<rel>\s+(?:dernier|dernière|prochain|prochaine))?(?![\w-])")
def _fr_edges(m, lang):
    u = m.group("u").lower().replace("’", "'")
    y = int(m.group("y")) if m.group("y") else None
    rel = (m.group("rel") or "").strip()
    k = -1 if rel.startswith("dern") else (1 if rel.startswith("proch") else 0)
    start = m.start()
    if m.group("mod").lower().startswith("à la") or m.group("mod").lower().startswith("au d"):
        start = m.start() + (2 if m.group("mod").lower().startswith("à") else 3)
        start = m.start("mod") + len(m.group("mod").split()[0]) + 1

    def res(ctx):
        if u in ("l'année", "l'an"):
            return _rel_unit(ctx, "year", k)
        if u.endswith("mois"):
            return _rel_unit(ctx, "month", k)
        if u == "la semaine":
            return _rel_unit(ctx, "week", k)
        month = _FR_MONTHS.get(u.rstrip("."))
        if month is None:
            return None
        if y:
            return f"{y:04d}-{month:02d}", "absolute"
        return _resolve_month(ctx, month, None, rel={-1: "last", 1: "next"}.get(k))
    return _Cand(start, m.end(), "DATE", res, 5)


@_rule("french", r"(?<![\w-])(?P<h>[01]?\d|2[0-3])\s?h\s?(?P<mi>[0-5]\d)?(?:\s*\(?(?P<tz>GMT|UTC|heure\s+locale)\)?)?(?![\w])|(?<![\w-])(?P<noon>midi|minuit)(?![\w-])")
def _fr_clock(m, lang):
    if m.group("noon"):
        before = m.string[max(0, m.start() - 6):m.start()].lower()
        if not re.search(r"\b(?:à|vers|avant|après|dès|jusqu'à)\s+$", before):
            return None
        tail = "T12:00" if m.group("noon").lower() == "midi" else "T24:00"
    else:
        tail = f"T{int(m.group('h')):02d}:{m.group('mi') or '00'}"

    def res(ctx):
        d0 = ctx.ref.date
        if d0 is None:
            return "XXXX-XX-XX" + tail, "no-reference"
        return _ymd(d0) + tail, "article-date"
    return _Cand(m.start(), m.end(), "TIME", res, 4, "clock")


@_rule("french", r"(?<![\w-])(?P<q>chaque|tous\s+les|toutes\s+les)\s+(?P<u>ans|année|années|mois|semaines|semaine|jours|jour|heures|heure)(?![\w-])|(?<![\w-])(?P<adv>quotidiennement|hebdomadairement|mensuellement|annuellement|par\s+an|par\s+jour|par\s+mois|par\s+semaine)(?![\w-])")
def _fr_set(m, lang):
    if m.group("adv"):
        a = re.sub(r"\s+", " ", m.group("adv").lower())
        v = {"quotidiennement": "P1D", "hebdomadairement": "P1W", "mensuellement": "P1M", "annuellement": "P1Y",
             "par an": "P1Y", "par jour": "P1D", "par mois": "P1M", "par semaine": "P1W"}[a]
    else:
        v = _duration(1, _unit(m.group("u")))
    return _Cand(m.start(), m.end(), "SET", _const(v, "frequency"), 2)


# ---- dates written with the profile's month names (the generic family) ------------

# Arabic-Indic and Persian digits read as ASCII ones (one character for one: offsets hold)
_DIGITS = {0x660 + i: str(i) for i in range(10)} | {0x6F0 + i: str(i) for i in range(10)}


@functools.lru_cache(maxsize=32)
def _month_table(code: str) -> dict[str, int]:
    return {k.lower(): v for k, v in languages.profile(code).month_names().items()}


def _opt_words(words: tuple[str, ...], before: str = "", after: str = "") -> str:
    """An optional group of the words with what stands around them, or nothing when there are none."""
    return "(?:" + before + languages.alternation(words) + after + ")?" if words else ""


@functools.lru_cache(maxsize=32)
def _generic_rules(code: str) -> list[_Rule]:
    """The generic family, plus absolute dates written with this language's month and weekday
    names: "14 de junio de 2020", "14 giugno 2020", "14 июня 2020 года", "14 Haziran 2020",
    "14 يونيو 2020", "junio de 2020" (a day or a year is required)."""
    p = languages.profile(code)
    rules = list(_FAMILIES["generic"])
    if not _month_table(code):
        return rules
    months = languages.alternation(_month_table(code))
    abbreviations = [a for forms in p.month_abbreviations for a in forms]
    # an abbreviation may take a full stop; a second name after a slash: "يونيو/حزيران"
    month = (r"(?P<m>" + (languages.alternation(abbreviations) + r"\.|" if abbreviations else "") + months + r")"
             r"(?:\s*/\s*" + months + r")?")
    year = (r"(?P<y>" + _YEAR + r")" + _opt_words(p.year_suffixes, r"\s*"))
    weekdays = [f for forms in p.weekdays for f in forms]
    day = (_opt_words(tuple(weekdays), "(?P<wd>", r")[,،]?\s+") + r"(?P<d>" + _DAYNUM + r")"
           + _opt_words(p.day_suffixes) + r"\s*" + _opt_words(p.month_prefixes, after=r"\s+"))
    year_tail = r"(?:[,،]?\s*" + _opt_words(p.year_prefixes, after=r"\s+") + year + r")"
    rules.append((re.compile(r"(?<![\w-])" + day + month + year_tail + r"?(?![\w-])", re.I), _named_month_date))
    rules.append((re.compile(r"(?<![\w-])" + month + r"\s*" + _opt_words(p.year_prefixes, after=r"\s+") + year
                             + r"(?![\w-])", re.I), _named_month_date))
    if p.relative_days:  # "ieri", "вчера", "dün": a day counted from the article's date
        rules.append((re.compile(r"(?<![\w-])(?P<w>" + languages.alternation(p.relative_days) + r")(?![\w-])", re.I),
                      _relative_day))
    units = [f for forms in p.time_units.values() for f in forms]
    if units and (p.ago_before or p.ago_after):  # "hace tres días", "due giorni fa": counted back
        qty = r"(?P<n>\d{1,3}|" + languages.alternation(p.numbers) + r")\s+(?P<u>" + languages.alternation(units) + r")"
        if p.ago_before:
            rules.append((re.compile(r"(?<![\w-])" + languages.alternation(p.ago_before) + r"\s+" + qty + r"(?![\w-])", re.I), _generic_ago))
        if p.ago_after:
            rules.append((re.compile(r"(?<![\w-])" + qty + r"\s+" + languages.alternation(p.ago_after) + r"(?![\w-])", re.I), _generic_ago))
    if weekdays:  # a weekday named alone: the nearest such day, looking back unless the text looks ahead
        rules.append((re.compile(r"(?<![\w-])(?P<wd>" + languages.alternation(weekdays) + r")(?![\w-])", re.I),
                      _bare_weekday))
    return rules


def _generic_ago(m, lang):
    """A number of days, weeks, months or years counted back from the article's date, by the
    profile's words ("hace tres días", "due giorni fa", "два дня назад")."""
    p = languages.profile(lang)
    word = m.group("n").lower().replace("\u0307", "")  # Turkish "İki": "i̇ki" lower-cased
    n = int(word) if word.isdigit() else p.numbers.get(re.sub(r"\s+", " ", word))
    unit = next((u for u, forms in p.time_units.items() if m.group("u").lower().replace("\u0307", "") in forms), None)
    if n is None or unit is None:
        return None
    before = _WORD.findall(m.string[max(0, m.start() - 20):m.start()])[-1:]
    if not m.group(0).lower().startswith(p.ago_before) and before and before[0].lower() in p.prepositions:
        return None  # "da due anni fa parte": a preposition's span, and "fa" is a verb
    return _Cand(m.start(), m.end(), "DATE", lambda ctx: _offset(ctx, n, unit, -1), 4, "ago")


def _relative_day(m, lang):
    table = languages.profile(lang).relative_days
    off = table.get(re.sub(r"\s+", " ", m.group("w").lower()).replace("’", "'"))
    if off is None:
        return None

    def res(ctx):
        d0 = ctx.ref.date
        if d0 is None:
            return ("PRESENT_REF" if off == 0 else "XXXX-XX-XX"), "no-reference"
        return _ymd(d0 + timedelta(days=off)), "article-date"
    return _Cand(m.start(), m.end(), "DATE", res, 3)


def _bare_weekday(m, lang):
    wd = languages.profile(lang).weekday_names().get(m.group("wd").lower())
    if wd is None:
        return None
    # "sabato scorso", "lo scorso venerdì", "el próximo viernes": the word next to it decides
    near = _WORD.findall(m.string[max(0, m.start() - 12):m.start()])[-1:] + _WORD.findall(m.string[m.end():m.end() + 12])[:1]
    near = {w.lower() for w in near} - {"ieri", "ayer", "ontem", "domani", "amanhã"}
    rel = "last" if near & _PAST_WORDS_GENERIC else "next" if near & _FUTURE_WORDS_GENERIC else None
    return _Cand(m.start(), m.end(), "DATE", lambda ctx: _resolve_weekday(ctx, wd, rel), 2)


def _named_month_date(m, lang):
    month = _month_table(lang).get(m.group("m").lower().rstrip("."))
    if month is None:
        return None
    day = int(m.group("d")) if "d" in m.re.groupindex and m.group("d") else None
    year = int(m.group("y")) if m.group("y") else None
    if day and not _valid(year or 2000, month, day):
        return None

    def res(ctx):
        if year is not None:
            return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else ""), "absolute"
        return _resolve_month(ctx, month, day)
    return _Cand(m.start(), m.end(), "DATE", res, 4, "month")


# --------------------------------------------------------------------------- driver

_MOD_PREFIX_EN = re.compile(
    r"(?:\b(?:early|earlier|late|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+close\s+of"
    r"|by\s+the\s+end\s+of|around|about|approximately|nearly|almost|some|roughly|sometime|more\s+than|less\s+than|at\s+least)[\s-]+|\bmid-)$",
    re.IGNORECASE)


def _extend_left(text: str, c: _Cand) -> None:
    """Pull edge modifiers and approximators into DATE/TIME spans ("early next year", "the end of 1990")."""
    if c.type not in ("DATE", "TIME"):
        return
    left = text[max(0, c.start - 25):c.start]
    m = _MOD_PREFIX_EN.search(left)
    if not m:
        return
    word = m.group(0).lower()
    if word.startswith("by "):
        c.start = c.start - len(m.group(0)) + 3
        return
    if word.strip().startswith(("about", "around", "approximately", "nearly", "almost", "some", "roughly", "more", "less", "at least", "sometime")) and c.kind not in ("ago", "month", "clock"):
        return
    c.start -= len(m.group(0))


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: longest first, then priority, then leftmost."""
    cands.sort(key=lambda c: (-(c.end - c.start), -c.prio, c.start))
    taken: list[tuple[int, int]] = []
    out = []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def find_times(text: str, *, reference: str | None, lang: str | None = languages.DEFAULT, doc=None) -> list[TimeExpr]:
    """Temporal expressions in ``text`` as TimeExpr, resolved against ``reference`` (YYYY[-MM[-DD]]).

    ``lang`` (a language tag; None: ``languages.DEFAULT``) selects the rule family its
    profile names: the English or French rules, else the generic ones (numeric dates,
    years, and dates with the language's month names). ``doc``, a spaCy Doc of the same
    text, lends the tense of the governing verb.
    """
    if not text:
        return []
    prof = languages.profile(lang or languages.DEFAULT)
    lang = prof.code
    if prof.timex_rules == "generic":
        rules, scan = _generic_rules(lang), text.translate(_DIGITS)
    else:
        rules, scan = _FAMILIES[prof.timex_rules], text
    cands: list[_Cand] = []
    for pattern, handler in rules:
        for m in pattern.finditer(scan):
            got = handler(m, lang)
            if got is None:
                continue
            for c in (got if isinstance(got, list) else [got]):
                if c.end > c.start:
                    cands.append(c)
    chosen = _select(cands)
    if prof.timex_rules == "english":  # the English rules pull edge modifiers into their spans
        for c in chosen:
            _extend_left(text, c)
        chosen = _select(chosen)
    ctx = _Ctx(text=text, ref=_parse_reference(reference), lang=lang, doc=doc)
    out: list[TimeExpr] = []
    for c in chosen:
        ctx.cand = c
        try:
            got = c.resolve(ctx)
        except (ValueError, OverflowError) as exc:
            LOGGER.debug("could not resolve %r: %s", text[c.start:c.end], exc)
            got = None
        if not got:
            continue
        value, anchor = got
        # the focus for anaphora ("a year earlier", "the quarter") moves only with
        # dates stated outright or read off the article date, never with shifted ones
        if c.type == "DATE" and anchor != "anaphoric" and c.kind != "ago":
            if re.match(r"\d{4}(?:-Q\d|-\d\d)", value) or (re.fullmatch(r"\d{4}", value) and c.kind == "year"):
                ctx.last = value
                ctx.last_absolute = anchor == "absolute"
        out.append(TimeExpr(text=text[c.start:c.end], start=c.start, end=c.end, type=c.type, value=value, anchor=anchor))
    return out


def reference_date(article: Any) -> str | None:
    """The date relative expressions are resolved against: the publication date when known
    to the day, else the latest bound, else a month or year estimate."""
    if article.published and article.published_precision == "day":
        return article.published
    if article.published_latest:
        return article.published_latest
    if article.published:
        return article.published[: 7 if article.published_precision == "month" else 4]
    return None
