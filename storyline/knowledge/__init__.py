"""Knowledge the project authors and ships: countries, organisations, sectors and
roles, people with tenures, and place aliases.

Each file in this directory is UTF-8 JSON Lines. The first line of every file is
``{"_meta": {"source": ..., "compiled": ...}}`` saying where its facts come from;
every other line is one record. ``docs/knowledge.md`` describes each format.

User extension files (same names, or the same name with a suffix such as
``people-mine.jsonl``) in ``extra_dirs`` or in the directories listed in
``$STORYLINE_KNOWLEDGE`` (``os.pathsep``-separated) are read after the packaged
ones: a record with the same id replaces the packaged record, or, with
``"_merge": true``, adds its list items (aliases, roles, ...) to it and
overrides the scalar fields it names.

``derived/`` holds knowledge converted from others' dictionaries (``phoenix.py``: people,
bodies and role words from the PETRARCH2/Phoenix dictionaries). It is read first, and every
hand-written or user file wins on a clash: the same id replaces a derived record, and a
derived name that is a name of ours is dropped. ``Knowledge.derived`` lists the derived ids.

Everything is validated at load; a problem raises :class:`ConfigError` naming
the file, the line, the record and the fix.

>>> kb = load_knowledge()
>>> [p.name for p in kb.holders("foreign-minister", "TUR", "2020-06-14")]
['Mevlüt Çavuşoğlu']
"""

from __future__ import annotations

import json
import logging
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Union

from storyline.errors import ConfigError

__all__ = [
    "fingerprint",
    "Country",
    "Seat",
    "Organization",
    "Person",
    "Role",
    "RoleDef",
    "Place",
    "Sector",
    "Knowledge",
    "Entity",
    "fold",
    "load_knowledge",
    "KNOWLEDGE_DIR",
    "STATE_SECTORS",
]

LOGGER = logging.getLogger(__name__)

KNOWLEDGE_DIR = Path(__file__).resolve().parent
# knowledge converted from others' dictionaries (``phoenix.py``): read first, every hand-written
# or user file wins on a clash
DERIVED_DIR = KNOWLEDGE_DIR / "derived"
ENV_VAR = "STORYLINE_KNOWLEDGE"
FILES = ("sectors", "countries", "organizations", "people", "places")  # load order matters
ORG_KINDS = frozenset(
    {"igo", "group", "party", "militia", "government", "military", "company", "media", "ngo", "court", "legislature"}
)
# the sectors that are a state's own organs (government, armed forces, police, courts, legislature,
# intelligence): a country and these are one actor where reports tell it several ways
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
COMMON_FIELDS = frozenset({"_merge", "notes", "source"})
FIELDS = {
    "sectors": frozenset({"sector", "name", "description", "words", "cameo", "agents"}),
    "roles": frozenset({"role", "name", "sector", "patterns", "description"}),
    "countries": frozenset(
        {"iso3", "iso2", "name", "official_name", "aliases", "demonyms", "capital", "lat", "lon", "seats", "region",
         "sovereign"}
    ),
    "organizations": frozenset(
        {"id", "name", "kind", "country", "sector", "aliases", "acronyms", "start", "end", "parent"}
    ),
    "people": frozenset({"id", "name", "country", "aliases", "roles"}),
    "places": frozenset({"id", "name", "country", "lat", "lon", "kind", "aliases"}),
}
_ALLOWED = {k: v | COMMON_FIELDS for k, v in FIELDS.items()}
ROLE_FIELDS = frozenset({"role", "country", "sector", "start", "end", "org", "title", "approx", "notes", "source"})
PLACE_KINDS = frozenset(
    {"city", "town", "region", "district", "base", "port", "border-crossing", "oilfield", "site", "venue", "sea", "island"}
)


# --------------------------------------------------------------------------- folding

_SPECIAL = str.maketrans(
    {
        "ı": "i", "İ": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "đ": "d", "Đ": "d",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ʿ": "", "ʾ": "", "‘": "", "’": "",
        "'": "", "`": "", "´": "", "ʼ": "",
        "ى": "ي",  # Arabic alif maqsura written for a final yaa ("الروسى" = "الروسي"), as Egyptian print does
    }
)
_NON_WORD = re.compile(r"[^\w]+|_+")


@lru_cache(maxsize=262_144)
def fold(text: str) -> str:
    """Fold a name for matching: lower-case, no diacritics, punctuation and hyphens as
    spaces, apostrophes dropped, white space collapsed, a leading "the " dropped.

    >>> fold("Mevlüt Çavuşoğlu") == fold("mevlut cavusoglu")
    True
    >>> fold("the Kremlin"), fold("Quai d'Orsay"), fold("al-Sarraj")
    ('kremlin', 'quai dorsay', 'al sarraj')
    """
    if text.isascii():  # the common case, ten times faster
        text = _NON_WORD.sub(" ", text.replace("'", "").replace("`", "").lower()).strip()
    else:
        text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_SPECIAL).casefold()
        text = _NON_WORD.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


# --------------------------------------------------------------------------- entities


@dataclass(frozen=True, slots=True)
class Sector:
    """An actor sector code (CAMEO/PLOVER convention), e.g. GOV, MIL, REB."""

    code: str
    name: str
    description: str
    words: tuple[str, ...] = ()  # role/body words that imply this sector
    cameo: str | None = None
    # role words from derived dictionaries ("farmers"): for the noun after a country's adjective only
    agents: tuple[str, ...] = ()
    kind: str = "sector"


@dataclass(frozen=True, slots=True)
class RoleDef:
    """A role in the role vocabulary: id, sector and the title patterns that name it."""

    id: str
    name: str
    sector: str
    patterns: tuple[str, ...] = ()  # EN/FR titles, e.g. "Foreign Minister", "ministre des Affaires étrangères"
    description: str = ""
    kind: str = "role"


@dataclass(frozen=True, slots=True)
class Seat:
    """A seat of power used as a metonym for an institution: "the Kremlin" -> RUS GOV."""

    name: str
    country: str
    sector: str
    kind: str = "seat"


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    official_name: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()  # adjectives and people, singular and plural, EN and FR
    capital: str | None = None
    capital_lat: float | None = None
    capital_lon: float | None = None
    seats: tuple[Seat, ...] = ()
    region: str | None = None
    sovereign: bool = True  # False for dependent territories
    notes: str | None = None
    kind: str = "country"

    @property
    def id(self) -> str:
        return self.iso3

    @property
    def country(self) -> str:
        return self.iso3

    @property
    def sector(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    name: str
    kind: str  # igo|group|party|militia|government|military|company|media|ngo|court|legislature
    sector: str
    country: str | None = None  # ISO-3, None for international bodies
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    notes: str | None = None
    parent: str | None = None  # id of the organisation this one belongs to


@dataclass(frozen=True, slots=True)
class Role:
    """One tenure: a person held ``role`` for ``country`` (and/or ``org``) from start to end.

    ``end`` None means still in office as of the file's compile date. ``precision`` is
    "day", "month" or "year" (how much of the date is known); a month/year start is
    stored as the first day, a month/year end as the last day. ``approx`` marks dates
    the compiler was not sure of.
    """

    role: str
    sector: str
    start: date
    end: date | None = None
    country: str | None = None
    org: str | None = None
    title: str | None = None
    precision: str = "day"
    approx: bool = False

    def valid_at(self, when: date) -> bool:
        return self.start <= when and (self.end is None or when <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    country: str | None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    notes: str | None = None
    kind: str = "person"

    @property
    def sector(self) -> str | None:
        return self.roles[-1].sector if self.roles else None


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    country: str | None
    lat: float
    lon: float
    kind: str = "city"
    aliases: tuple[str, ...] = ()
    notes: str | None = None


Entity = Union[Country, Seat, Organization, Person, Place]


# --------------------------------------------------------------------------- the knowledge base


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Read-only indexes over everything loaded. Build it with :func:`load_knowledge`."""

    countries: dict[str, Country]
    organizations: dict[str, Organization]
    people: dict[str, Person]
    places: dict[str, Place]
    sectors: dict[str, Sector]
    roles: dict[str, RoleDef]
    sources: dict[str, list[dict]] = field(default_factory=dict)  # file -> its _meta blocks
    # ids of the people and organisations that come from derived files (others' dictionaries)
    derived: frozenset[str] = frozenset()
    _names: dict[str, list[Entity]] = field(default_factory=dict, repr=False)
    _country_words: dict[str, list[Country]] = field(default_factory=dict, repr=False)
    _role_patterns: dict[str, RoleDef] = field(default_factory=dict, repr=False)
    _by_role: dict[tuple[str, str | None], list[tuple[Role, Person]]] = field(default_factory=dict, repr=False)
    # names, titles and sector words of each language, matched in that language only (local.py)
    local: Any = field(default=None, repr=False)

    # lookups --------------------------------------------------------------
    def lookup(self, name: str, lang: str | None = None) -> list[Entity]:
        """Every entity (person, organisation, country, seat of power, place) one of whose
        names, aliases, acronyms or demonyms folds to the same string as ``name``; with
        ``lang`` (a profile code), also the names of that language (``lang_*.jsonl``)."""
        key = fold(name)
        if name[:4].lower() == "the " and " " not in key:
            out = list(self._names.get("the " + key, ())) + list(self._names.get(key, ()))
        else:
            out = list(self._names.get(key, ()))
        if lang and self.local is not None:
            out += [e for e in self.local.lookup(key, lang) if not any(e is o for o in out)]
        return out

    def country(self, iso3: str) -> Country | None:
        return self.countries.get(iso3.upper())

    def country_by_name(self, word: str, lang: str | None = None) -> Country | None:
        """The country a name, alias, demonym or adjective (EN or FR, and with ``lang`` that
        language's) refers to, else None. Ambiguous words (shared by several countries) return
        the first listed. An ISO-3 code counts only written in capitals ("BEN" is Benin, "Ben
        Bella" is not)."""
        found = self._country_words.get(fold(word))
        if found:
            return found[0]
        if lang and self.local is not None:
            local = [e for e in self.local.lookup(fold(word), lang) if isinstance(e, Country)]
            if local:
                return local[0]
        return self.countries.get(word) if len(word) == 3 and word.isupper() else None

    def role_for_title(self, title: str, lang: str | None = None) -> RoleDef | None:
        """The role a title names: "Minister of Foreign Affairs" -> foreign-minister; with
        ``lang``, also that language's titles ("ministro de Exteriores")."""
        key = fold(title)
        found = self._role_patterns.get(key)
        if found is None and lang and self.local is not None:
            found = self.local.titles.get(lang, {}).get(key)
        return found

    def title_starts(self, lang: str | None = None) -> frozenset[str]:
        """The first folded word of every role title, with ``lang`` that language's too."""
        if not lang or self.local is None or lang not in self.local.titles:
            return self.role_title_starts
        return self.role_title_starts | _local_starts(self.local, lang)

    @cached_property
    def role_title_starts(self) -> frozenset[str]:
        """The first folded word of every role title: where a title can begin."""
        return frozenset(k.split()[0] for k in self._role_patterns if k)

    def roles_at(self, person_id: str, when: date | str) -> list[Role]:
        """The roles ``person_id`` held on ``when``."""
        person = self.people.get(person_id)
        if person is None:
            return []
        day = _as_date(when)
        return [r for r in person.roles if r.valid_at(day)]

    def holders(
        self, role: str, country: str | None, when: date | str, *, org: str | None = None
    ) -> list[Person]:
        """Who held ``role`` for ``country`` (ISO-3, or None with ``org``) on ``when``."""
        day = _as_date(when)
        out: list[Person] = []
        for tenure, person in self._by_role.get((role, country.upper() if country else None), ()):
            if tenure.valid_at(day) and (org is None or tenure.org == org) and person not in out:
                out.append(person)
        return out

    def roles_titled(self, title: str, country: str) -> frozenset[str]:
        """The roles whose holders for ``country`` bore exactly this title (folded) in some
        tenure we know: "President" for Iran is the head of government's title, not the
        head of state's (the Supreme Leader). Empty when no tenure has that title."""
        return self._titled.get((country.upper(), fold(title)), frozenset())

    @cached_property
    def _titled(self) -> dict[tuple[str, str], frozenset[str]]:
        out: dict[tuple[str, str], set[str]] = {}
        for (role, country), tenures in self._by_role.items():
            for tenure, _ in tenures:
                if country and tenure.title:
                    out.setdefault((country, fold(tenure.title)), set()).add(role)
        return {k: frozenset(v) for k, v in out.items()}

    def holders_ever(self, role: str, country: str | None) -> bool:
        """Whether anyone we know held ``role`` for ``country`` at any time."""
        return bool(self._by_role.get((role, country.upper() if country else None)))

    def __iter__(self) -> Iterator[Entity]:
        yield from self.countries.values()
        yield from self.organizations.values()
        yield from self.people.values()
        yield from self.places.values()

    def stats(self) -> dict[str, int]:
        return {
            "countries": len(self.countries),
            "organizations": len(self.organizations),
            "people": len(self.people),
            "roles": sum(len(p.roles) for p in self.people.values()),
            "places": len(self.places),
            "sectors": len(self.sectors),
            "role_defs": len(self.roles),
        }


@lru_cache(maxsize=32)
def _local_starts(local: Any, lang: str) -> frozenset[str]:
    return frozenset(k.split()[0] for k in local.titles.get(lang, {}) if k)


def _as_date(when: date | str) -> date:
    if isinstance(when, date):
        return when
    try:
        return date.fromisoformat(when[:10])
    except (TypeError, ValueError):
        raise ConfigError(detail=f"'{when}' is not a date; pass YYYY-MM-DD or a datetime.date.") from None


# --------------------------------------------------------------------------- loading


def load_knowledge(extra_dirs: Iterable[Path | str] = ()) -> Knowledge:
    """Load the packaged knowledge merged with user extensions (cached per set of dirs).

    Extension directories come from ``extra_dirs`` then ``$STORYLINE_KNOWLEDGE``.
    Raises :class:`ConfigError` on any invalid record.
    """
    dirs = [Path(d) for d in extra_dirs]
    env = os.environ.get(ENV_VAR, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    key = tuple(str(d.resolve()) for d in dirs)
    stamps = tuple(_dir_stamp(d) for d in dirs)
    return _load_cached(key, stamps)


def iter_jsonl(path: Path) -> Iterator[tuple[dict, int]]:
    """(record, line number) for each JSON object line of a knowledge file; blank lines and
    ``//`` comments skipped. Raises ConfigError naming the file and line, with the fix."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise ConfigError(detail=f"{path}: missing. Reinstall Storyline or restore the file from git.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(detail=f"{path}: cannot be read as UTF-8 text ({exc}). Re-save it as UTF-8.") from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(
                detail=f"{path}: line {number} is not valid JSON ({exc.msg}). One record per line; fix that line."
            ) from None
        if not isinstance(rec, dict):
            raise ConfigError(detail=f"{path}: line {number} is not a JSON object. Each line must be {{...}}.")
        yield rec, number


def fingerprint(extra_dirs: Iterable[Path | str] = ()) -> str:
    """A hash of every knowledge file in use (packaged and extensions): stages that read
    the knowledge re-run when it changes."""
    dirs = [DERIVED_DIR, KNOWLEDGE_DIR, *(Path(d) for d in extra_dirs)]
    env = os.environ.get(ENV_VAR, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    return _fingerprint(tuple(str(d) for d in dirs), tuple(_dir_stamp(Path(d)) for d in dirs))


@lru_cache(maxsize=8)
def _fingerprint(dirs: tuple[str, ...], _stamps: tuple) -> str:
    h = hashlib.sha1()
    for d in dirs:
        for path in sorted(Path(d).glob("*.jsonl")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _dir_stamp(directory: Path) -> tuple:
    if not directory.is_dir():
        raise ConfigError(
            detail=f"{directory}: knowledge extension directory not found. Check extra_dirs / ${ENV_VAR}."
        )
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in directory.iterdir() if p.suffix == ".jsonl"))


@lru_cache(maxsize=8)
def _load_cached(dirs: tuple[str, ...], _stamps: tuple) -> Knowledge:
    return _Loader([KNOWLEDGE_DIR, *map(Path, dirs)], derived=DERIVED_DIR).build()


class _Loader:
    def __init__(self, dirs: list[Path], *, derived: Path | None = None) -> None:
        self.dirs = [derived, *dirs] if derived is not None and derived.is_dir() else dirs
        self.derived_dir = derived
        # keys whose record still comes from a derived file, by kind
        self.derived: dict[str, set[str]] = {k: set() for k in FILES}
        self.sources: dict[str, list[dict]] = {}
        # raw records by kind: id -> (record, path, line)
        self.raw: dict[str, dict[str, tuple[dict, Path, int]]] = {k: {} for k in FILES}
        self.raw_roles: dict[str, tuple[dict, Path, int]] = {}

    # reading ---------------------------------------------------------------
    def build(self) -> Knowledge:
        for directory in self.dirs:
            for kind in FILES:
                for path in sorted(directory.glob(f"{kind}*.jsonl")):
                    self._read(kind, path)
        sectors = self._sectors()
        roles = self._roles(sectors)
        countries = self._countries(sectors)
        orgs = self._orgs(sectors, countries)
        people = self._people(sectors, roles, countries, orgs)
        places = self._places(countries)
        orgs, people = self._drop_derived_clashes(countries, orgs, people, places)
        derived = frozenset(self.derived["people"] | self.derived["organizations"])
        from .local import with_local_names  # names in each language (lang_*.jsonl)

        return with_local_names(_index(countries, orgs, people, places, sectors, roles, self.sources, derived), self.dirs)

    def _read(self, kind: str, path: Path) -> None:
        seen: set[str] = set()
        derived = self.derived_dir is not None and path.parent == self.derived_dir
        for rec, number in iter_jsonl(path):
            if "_meta" in rec:
                self.sources.setdefault(path.name, []).append(rec["_meta"])
                continue
            table, key = self.raw[kind], None
            if kind == "sectors":
                if "role" in rec:
                    table, key = self.raw_roles, rec.get("role")
                else:
                    key = rec.get("sector")
            elif kind == "countries":
                key = rec.get("iso3")
            else:
                key = rec.get("id")
            if not isinstance(key, str) or not key.strip():
                need = {"sectors": "'sector' (or 'role')", "countries": "'iso3'"}.get(kind, "'id'")
                raise ConfigError(detail=f"{path}: line {number}: the record has no {need}. Add one.")
            if key in seen:
                raise ConfigError(
                    detail=f"{path}: line {number}: duplicate id '{key}' in the same file. "
                    "Remove one, or give it another id."
                )
            seen.add(key)
            self._fields(rec, _ALLOWED["roles" if table is self.raw_roles else kind], path, number, key)
            if rec.get("_merge") and key in table:
                old, _, _ = table[key]
                rec = _merge(old, rec)
            elif kind == "sectors" and table is self.raw["sectors"] and key in self.derived["sectors"]:
                # a hand-written sector over a derived one keeps the derived role words
                old, _, _ = table[key]
                rec = {**rec, "agents": list(rec.get("agents") or []) + [
                    w for w in old.get("agents") or [] if w not in (rec.get("agents") or [])]}
            if table is self.raw.get(kind):
                (self.derived[kind].add if derived else self.derived[kind].discard)(key)
            table[key] = (rec, path, number)

    def _drop_derived_clashes(self, countries: dict, orgs: dict, people: dict, places: dict) -> tuple[dict, dict]:
        """Derived people and organisations give way to every hand-written name: a derived
        record whose own name is taken goes, a taken alias is dropped ("ours wins")."""
        d_orgs, d_people = self.derived["organizations"], self.derived["people"]
        if not d_orgs and not d_people:
            return orgs, people
        taken: set[str] = set()
        for c in countries.values():
            taken.update(fold(w) for w in (c.name, c.official_name, *c.aliases, *c.demonyms) if w)
        for o in orgs.values():
            if o.id not in d_orgs:
                taken.update(fold(w) for w in (o.name, *o.aliases, *o.acronyms))
        for p in people.values():
            if p.id not in d_people:
                taken.update(fold(w) for w in (p.name, *p.aliases))
        for pl in places.values():
            taken.update(fold(w) for w in (pl.name, *pl.aliases))

        def keep(names: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(n for n in names if fold(n) not in taken)

        out_orgs = {}
        for key, o in orgs.items():
            if key in d_orgs:
                if fold(o.name) in taken:
                    continue
                aliases, acronyms = keep(o.aliases), keep(o.acronyms)
                if (aliases, acronyms) != (o.aliases, o.acronyms):
                    o = replace(o, aliases=aliases, acronyms=acronyms)
            out_orgs[key] = o
        out_people = {}
        for key, p in people.items():
            if key in d_people:
                if fold(p.name) in taken:
                    continue
                aliases = keep(p.aliases)
                if aliases != p.aliases:
                    p = replace(p, aliases=aliases)
            out_people[key] = p
        return out_orgs, out_people

    # validation helpers ------------------------------------------------------
    @staticmethod
    def _fail(path: Path, line: int, key: str, problem: str) -> ConfigError:
        return ConfigError(detail=f"{path}: line {line} ('{key}'): {problem}")

    def _fields(self, rec: dict, allowed: frozenset, path: Path, line: int, key: str, what: str = "") -> None:
        if allowed.issuperset(rec):
            return
        unknown = sorted(set(rec) - allowed)
        if unknown:
            raise self._fail(
                path, line, key, f"{what + ': ' if what else ''}unknown field(s) {', '.join(map(repr, unknown))}. "
                f"Allowed: {', '.join(sorted(allowed - {'_merge'}))}."
            )

    def _name(self, rec: dict, path: Path, line: int, key: str, field_: str = "name") -> str:
        name = rec.get(field_)
        if not isinstance(name, str) or not name.strip():
            raise self._fail(path, line, key, f"missing '{field_}'. Give it its canonical name.")
        return name.strip()

    def _strings(self, rec: dict, field_: str, path: Path, line: int, key: str) -> tuple[str, ...]:
        value = rec.get(field_) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._fail(path, line, key, f"'{field_}' must be a list of strings.")
        return tuple(dict.fromkeys(v.strip() for v in value if v.strip()))

    def _sector(self, value: Any, sectors: dict, path: Path, line: int, key: str) -> str:
        if value not in sectors:
            raise self._fail(
                path, line, key, f"unknown sector '{value}'. Use one of {', '.join(sorted(sectors))} (sectors.jsonl)."
            )
        return value

    def _iso3(self, value: Any, countries: dict, path: Path, line: int, key: str, *, nullable: bool) -> str | None:
        if value is None and nullable:
            return None
        if value not in countries:
            raise self._fail(path, line, key, f"unknown ISO-3 country code '{value}'. Use an iso3 from countries.jsonl.")
        return value

    def _date(self, value: Any, path: Path, line: int, key: str, *, end: bool) -> tuple[date | None, str]:
        if value is None:
            return None, "day"
        if not isinstance(value, str):
            raise self._fail(path, line, key, f"bad date {value!r}: write YYYY-MM-DD, YYYY-MM or YYYY.")
        try:
            if len(value) == 10 and value[4] == "-" == value[7]:  # the common case, without a regex
                return date.fromisoformat(value), "day"
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return date.fromisoformat(value), "day"
            if re.fullmatch(r"\d{4}-\d{2}", value):
                y, m = int(value[:4]), int(value[5:])
                if not end:
                    return date(y, m, 1), "month"
                nxt = date(y + (m == 12), m % 12 + 1, 1)
                return date.fromordinal(nxt.toordinal() - 1), "month"
            if re.fullmatch(r"\d{4}", value):
                return (date(int(value), 12, 31) if end else date(int(value), 1, 1)), "year"
        except ValueError:
            pass
        raise self._fail(path, line, key, f"bad date '{value}': write YYYY-MM-DD, YYYY-MM or YYYY.")

    def _coord(self, rec: dict, lat_f: str, lon_f: str, path: Path, line: int, key: str, *, required: bool):
        lat, lon = rec.get(lat_f), rec.get(lon_f)
        if lat is None and lon is None and not required:
            return None, None
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)) or not (
            -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            raise self._fail(path, line, key, f"bad coordinates ({lat_f}={lat!r}, {lon_f}={lon!r}); give decimal degrees.")
        return float(lat), float(lon)

    # builders --------------------------------------------------------------------
    def _sectors(self) -> dict[str, Sector]:
        out = {}
        for key, (rec, path, line) in self.raw["sectors"].items():
            if not re.fullmatch(r"[A-Z]{3}", key):
                raise self._fail(path, line, key, "a sector code is three capital letters, e.g. GOV.")
            out[key] = Sector(
                code=key,
                name=self._name(rec, path, line, key),
                description=rec.get("description", ""),
                words=self._strings(rec, "words", path, line, key),
                cameo=rec.get("cameo"),
                agents=self._strings(rec, "agents", path, line, key),
            )
        if not out:
            raise ConfigError(detail=f"{KNOWLEDGE_DIR}/sectors.jsonl: no sectors were loaded. Reinstall storyline.")
        return out

    def _roles(self, sectors: dict) -> dict[str, RoleDef]:
        out = {}
        for key, (rec, path, line) in self.raw_roles.items():
            out[key] = RoleDef(
                id=key,
                name=self._name(rec, path, line, key),
                sector=self._sector(rec.get("sector"), sectors, path, line, key),
                patterns=self._strings(rec, "patterns", path, line, key),
                description=rec.get("description", ""),
            )
        return out

    def _countries(self, sectors: dict) -> dict[str, Country]:
        out = {}
        for key, (rec, path, line) in self.raw["countries"].items():
            if not re.fullmatch(r"[A-Z]{3}", key):
                raise self._fail(path, line, key, "iso3 must be three capital letters (ISO 3166-1 alpha-3).")
            iso2 = rec.get("iso2") or ""
            if iso2 and not re.fullmatch(r"[A-Z]{2}", iso2):
                raise self._fail(path, line, key, f"iso2 '{iso2}' must be two capital letters.")
            lat, lon = self._coord(rec, "lat", "lon", path, line, key, required=False)
            seats_raw = rec.get("seats") or {}
            if not isinstance(seats_raw, dict):
                raise self._fail(path, line, key, "'seats' must be an object {\"the Kremlin\": \"GOV\", ...}.")
            seats = tuple(
                Seat(name=n, country=key, sector=self._sector(s, sectors, path, line, key)) for n, s in seats_raw.items()
            )
            out[key] = Country(
                iso3=key,
                iso2=iso2,
                name=self._name(rec, path, line, key),
                official_name=rec.get("official_name"),
                aliases=self._strings(rec, "aliases", path, line, key),
                demonyms=self._strings(rec, "demonyms", path, line, key),
                capital=rec.get("capital"),
                capital_lat=lat,
                capital_lon=lon,
                seats=seats,
                region=rec.get("region"),
                sovereign=bool(rec.get("sovereign", True)),
                notes=rec.get("notes"),
            )
        return out

    def _orgs(self, sectors: dict, countries: dict) -> dict[str, Organization]:
        out = {}
        for key, (rec, path, line) in self.raw["organizations"].items():
            kind = rec.get("kind")
            if kind not in ORG_KINDS:
                raise self._fail(path, line, key, f"unknown kind '{kind}'. Use one of {', '.join(sorted(ORG_KINDS))}.")
            start, _ = self._date(rec.get("start"), path, line, key, end=False)
            end, _ = self._date(rec.get("end"), path, line, key, end=True)
            if start and end and end < start:
                raise self._fail(path, line, key, f"end {end} is before start {start}.")
            out[key] = Organization(
                id=key,
                name=self._name(rec, path, line, key),
                kind=kind,
                sector=self._sector(rec.get("sector"), sectors, path, line, key),
                country=self._iso3(rec.get("country"), countries, path, line, key, nullable=True),
                aliases=self._strings(rec, "aliases", path, line, key),
                acronyms=self._strings(rec, "acronyms", path, line, key),
                start=start,
                end=end,
                notes=rec.get("notes"),
                parent=rec.get("parent"),
            )
        for org in out.values():
            if org.parent and org.parent not in out:
                rec, path, line = self.raw["organizations"][org.id]
                raise self._fail(path, line, org.id, f"parent '{org.parent}' is not an organisation id.")
        return out

    def _people(self, sectors: dict, roles: dict, countries: dict, orgs: dict) -> dict[str, Person]:
        out = {}
        for key, (rec, path, line) in self.raw["people"].items():
            tenures = []
            raw_roles = rec.get("roles") or []
            if not isinstance(raw_roles, list):
                raise self._fail(path, line, key, "'roles' must be a list of {role, country, start, end} objects.")
            for i, r in enumerate(raw_roles, 1):
                if not isinstance(r, dict):
                    raise self._fail(path, line, key, f"role {i} is not an object.")
                self._fields(r, ROLE_FIELDS, path, line, key, what=f"role {i}")
                role_id = r.get("role")
                if role_id not in roles:
                    raise self._fail(
                        path, line, key, f"role {i}: unknown role '{role_id}'. Define it in sectors.jsonl or use one of "
                        f"{', '.join(sorted(roles))}."
                    )
                start, precision = self._date(r.get("start"), path, line, key, end=False)
                if start is None:
                    raise self._fail(path, line, key, f"role {i} ({role_id}): missing 'start' date.")
                end, _ = self._date(r.get("end"), path, line, key, end=True)
                if end is not None and end < start:
                    raise self._fail(
                        path, line, key, f"role {i} ({role_id}): end {r.get('end')} is before start {r.get('start')}."
                    )
                org = r.get("org")
                if org is not None and org not in orgs:
                    raise self._fail(
                        path, line, key, f"role {i} ({role_id}): unknown org '{org}'. Use an id from organizations.jsonl."
                    )
                # default: the org's country (None for IGOs) when an org is named, else the person's
                default = orgs[org].country if org is not None else rec.get("country")
                sector = self._sector(r.get("sector", roles[role_id].sector), sectors, path, line, key)
                if sector == "IGO" and org is None and "country" not in r:
                    country = None  # an international post names no country, whatever the holder's nationality
                else:
                    country = self._iso3(r.get("country", default), countries, path, line, key, nullable=org is not None)
                tenures.append(
                    Role(
                        role=role_id,
                        sector=sector,
                        start=start,
                        end=end,
                        country=country,
                        org=org,
                        title=r.get("title"),
                        precision=precision,
                        approx=bool(r.get("approx", False)),
                    )
                )
            tenures.sort(key=lambda t: t.start)
            out[key] = Person(
                id=key,
                name=self._name(rec, path, line, key),
                country=self._iso3(rec.get("country"), countries, path, line, key, nullable=True),
                aliases=self._strings(rec, "aliases", path, line, key),
                roles=tuple(tenures),
                notes=rec.get("notes"),
            )
        return out

    def _places(self, countries: dict) -> dict[str, Place]:
        out = {}
        for key, (rec, path, line) in self.raw["places"].items():
            kind = rec.get("kind", "city")
            if kind not in PLACE_KINDS:
                raise self._fail(path, line, key, f"unknown kind '{kind}'. Use one of {', '.join(sorted(PLACE_KINDS))}.")
            lat, lon = self._coord(rec, "lat", "lon", path, line, key, required=True)
            out[key] = Place(
                id=key,
                name=self._name(rec, path, line, key),
                country=self._iso3(rec.get("country"), countries, path, line, key, nullable=True),
                lat=lat,
                lon=lon,
                kind=kind,
                aliases=self._strings(rec, "aliases", path, line, key),
                notes=rec.get("notes"),
            )
        return out


def _merge(old: dict, new: dict) -> dict:
    merged = dict(old)
    for k, v in new.items():
        if k == "_merge":
            continue
        if isinstance(v, list) and isinstance(old.get(k), list):
            merged[k] = old[k] + [x for x in v if x not in old[k]]
        elif isinstance(v, dict) and isinstance(old.get(k), dict):
            merged[k] = {**old[k], **v}
        else:
            merged[k] = v
    return merged


def _index(countries, orgs, people, places, sectors, roles, sources, derived=frozenset()) -> Knowledge:
    names: dict[str, list[Entity]] = {}

    def add(name: str, entity: Entity) -> None:
        key = fold(name)
        if name[:4].lower() == "the " and " " not in key:
            key = "the " + key  # "The National" must not match every "National"
        if key:
            bucket = names.setdefault(key, [])
            if not any(e is entity for e in bucket):
                bucket.append(entity)

    country_words: dict[str, list[Country]] = {}
    for c in countries.values():
        for word in (c.name, c.official_name, *c.aliases, *c.demonyms):
            if word:
                add(word, c)
        for word in (c.name, c.official_name, *c.aliases, *c.demonyms):
            if word:
                bucket = country_words.setdefault(fold(word), [])
                if c not in bucket:
                    bucket.append(c)
    for c in countries.values():  # seats after countries; one per (name, country, sector)
        for seat in c.seats:
            bucket = names.setdefault(fold(seat.name), [])
            if not any(isinstance(e, Seat) and (e.country, e.sector) == (seat.country, seat.sector) for e in bucket):
                bucket.append(seat)
    for o in orgs.values():
        for word in (o.name, *o.aliases, *o.acronyms):
            add(word, o)
    for p in people.values():
        for word in (p.name, *p.aliases):
            add(word, p)
    for pl in places.values():
        for word in (pl.name, *pl.aliases):
            add(word, pl)

    patterns: dict[str, RoleDef] = {}
    for rd in roles.values():
        for pat in (rd.name, *rd.patterns):
            patterns.setdefault(fold(pat), rd)

    by_role: dict[tuple[str, str | None], list[tuple[Role, Person]]] = {}
    for p in people.values():
        for r in p.roles:
            by_role.setdefault((r.role, r.country), []).append((r, p))
    return Knowledge(
        countries=countries,
        organizations=orgs,
        people=people,
        places=places,
        sectors=sectors,
        roles=roles,
        sources=sources,
        derived=derived,
        _names=names,
        _country_words=country_words,
        _role_patterns=patterns,
        _by_role=by_role,
    )
