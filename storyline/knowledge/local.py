"""Names in each language, matched in text of that language only.

``lang_*.jsonl`` files (packaged, and in extension directories) give, per language code of a
profile in ``storyline/languages``:

- countries: ``{"iso3": "RUS", "names": {"es": ["Rusia"]}, "demonyms": {"es": ["ruso"]},
  "skip": {"ar": ["مالي"]}}`` — names of the country, nationality adjectives in their
  dictionary form (masculine singular), and names that are also common words in that language
  and are not matched alone ("مالي" is Mali and "financial");
- organisations: ``{"org": "un", "names": {"ar": ["الأمم المتحدة"]}}``;
- people: ``{"person": "recep-tayyip-erdogan", "names": {"ru": ["Эрдоган"]}}`` — the id of a
  person of ``people.jsonl`` (``person:`` in front is allowed, as resolve writes it); a
  Russian name takes the surname endings of the profile (``person_inflections``: Лавров,
  Лаврова, Лавровым) besides those of other names;
- places: ``{"place": "moscow", "names": {"ru": ["Москва"]}}`` — the id of a place of
  ``places.jsonl``, or a city of its own: ``{"place": "kharkiv", "name": "Kharkiv",
  "country": "UKR", "lat": 49.98, "lon": 36.25, "names": {...}}`` (known in these languages
  only; resolve gives it the id the English name gets from the cities table). A place that is
  its country's capital is also that country's seat of government, as the English name is
  ("Москва заявила": the Russian government; "в Москве": the place);
- seats of power: ``{"seat": "the Kremlin", "country": "RUS", "names": {"ru": ["Кремль"]}}`` —
  a seat the country's record in ``countries.jsonl`` lists, which acts for its sector
  ("Кремль заявил": the Russian government);
- roles: ``{"role": "foreign-minister", "titles": {"es": ["ministro de Exteriores"]}}``;
- sectors: ``{"sector": "MIL", "words": {"es": ["ejército"]}}``.

Each name is indexed in every written form the language's profile gives it
(:func:`storyline.languages.forms.name_forms`: case forms, the joined article), folded as
every name is. A name written in lower case in the file (a Spanish or Russian adjective) is
matched in any case; one written with a capital needs a capital in a cased script.

The names of one language are looked up only for text of that language
(``Knowledge.lookup(name, lang=...)``), so a Turkish name that is a Spanish word ("Gana")
does not find Ghana in Spanish text. The forms depend on the language profiles as well as on
these files: every stage that depends on the knowledge also depends on the profiles
(``registry.LANGUAGES``), which a test checks.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from . import Entity, Knowledge, RoleDef

__all__ = ["LocalNames", "with_local_names", "GLOB"]

GLOB = "lang_*.jsonl"
_FIELDS = {
    "iso3": frozenset({"iso3", "names", "demonyms", "skip"}),
    "org": frozenset({"org", "names", "skip"}),
    "person": frozenset({"person", "names", "skip"}),
    "place": frozenset({"place", "name", "country", "lat", "lon", "names", "skip"}),
    "seat": frozenset({"seat", "country", "names", "skip"}),
    "role": frozenset({"role", "titles"}),
    "sector": frozenset({"sector", "words"}),
}
_COMMON = frozenset({"notes", "source"})


@dataclass(frozen=True, eq=False)
class LocalNames:
    """The names of each language: folded written form -> entities, gazetteer label, and
    whether the form was listed in lower case; role titles and sector words."""

    names: dict[str, dict[str, list["Entity"]]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    lowercase: dict[str, frozenset[str]] = field(default_factory=dict)
    acronyms: dict[str, frozenset[str]] = field(default_factory=dict)
    titles: dict[str, dict[str, "RoleDef"]] = field(default_factory=dict)
    sector_words: dict[str, dict[str, str]] = field(default_factory=dict)
    skip: dict[str, frozenset[str]] = field(default_factory=dict)  # lang -> keys not matched alone

    def lookup(self, key: str, lang: str) -> list["Entity"]:
        return self.names.get(lang, {}).get(key, [])

    def counts(self) -> dict[str, int]:
        return {lang: len(keys) for lang, keys in sorted(self.names.items())}


def _strings(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(detail=f"{where} must be a list of non-empty strings.")
    return [v.strip() for v in value]


def _by_language(rec: dict, name: str, known: set[str], where: str) -> dict[str, list[str]]:
    value = rec.get(name) or {}
    if not isinstance(value, dict):
        raise ConfigError(detail=f"{where}: '{name}' must be an object {{language code: [words]}}.")
    out = {}
    for lang, words in value.items():
        if lang not in known:
            raise ConfigError(detail=f"{where}: '{name}' names language '{lang}', which has no profile in "
                                     f"storyline/languages ({', '.join(sorted(known))}). Add the profile first.")
        out[lang] = _strings(words, f"{where}: '{name}.{lang}'")
    return out


def _place_entities(kb: "Knowledge", rec: dict, where: str) -> list[Any]:
    """The entities a ``place`` record names: its capital's seat of government first, if it is
    one, then the place (of ``places.jsonl``, or the city the record describes)."""
    from . import Place, fold

    key = rec["place"]
    place = kb.places.get(key) if isinstance(key, str) else None
    if place is None:
        missing = [f for f in ("name", "country", "lat", "lon") if rec.get(f) is None]
        if not isinstance(key, str) or missing:
            raise ConfigError(detail=f"{where}: place '{key}' is not in places.jsonl; a city of its own needs "
                                     f"{', '.join(missing) or 'a string id'}. Add them, or use an id of places.jsonl.")
        if rec["country"] not in kb.countries:
            raise ConfigError(detail=f"{where}: unknown country '{rec['country']}'. Use an iso3 from countries.jsonl.")
        try:
            lat, lon = float(rec["lat"]), float(rec["lon"])
        except (TypeError, ValueError):
            raise ConfigError(detail=f"{where}: 'lat' and 'lon' must be numbers (decimal degrees).") from None
        place = Place(id=key, name=str(rec["name"]), country=rec["country"], lat=lat, lon=lon, kind="city",
                      notes="lang_places")
    out: list[Any] = [place]
    country = kb.countries.get(place.country or "")
    if country and country.capital and fold(country.capital) == fold(place.name):
        out[:0] = [s for s in country.seats if fold(s.name) == fold(country.capital)][:1]
    return out


def with_local_names(kb: "Knowledge", dirs: list[Path]) -> "Knowledge":
    """``kb`` with the names of every ``lang_*.jsonl`` file in ``dirs`` (read in order)."""
    from storyline import languages
    from storyline.languages.forms import name_forms

    from . import fold, iter_jsonl

    known = set(languages.languages())
    names: dict[str, dict[str, list[Any]]] = {}
    labels: dict[str, dict[str, str]] = {}
    lowercase: dict[str, set[str]] = {}
    acronyms: dict[str, set[str]] = {}
    skips: dict[str, set[str]] = {}
    titles: dict[str, dict[str, Any]] = {}
    sector_words: dict[str, dict[str, str]] = {}
    sources = dict(kb.sources)

    def add(lang: str, written: str, entity: Any, label: str, *, adjective: bool = False, person: bool = False) -> None:
        prof = languages.profile(lang)
        table, kinds, low, caps = (names.setdefault(lang, {}), labels.setdefault(lang, {}),
                                   lowercase.setdefault(lang, set()), acronyms.setdefault(lang, set()))
        for form in name_forms(written, prof, adjective=adjective, person=person):
            key = fold(form)
            if len(key) < 2:
                continue
            bucket = table.setdefault(key, [])
            if not any(e is entity for e in bucket):
                bucket.append(entity)
            kinds.setdefault(key, label)
            if written[:1].islower():
                low.add(key)
            if written.replace(".", "").isupper() and len(written) <= 6:
                caps.add(key)

    # the kinds that name an entity of the knowledge: how to find it, its span label, and
    # what to say when the id is unknown
    entity_kinds = {
        "iso3": (kb.countries.get, "GPE", "ISO-3 code", "Use an iso3 from countries.jsonl."),
        "org": (kb.organizations.get, "ORG", "organisation", "Use an id from organizations.jsonl."),
        "person": (lambda k: kb.people.get(k.removeprefix("person:")) if isinstance(k, str) else None,
                   "PERSON", "person", "Use an id from people.jsonl."),
    }
    for directory in dirs:
        for path in sorted(directory.glob(GLOB)):
            for rec, number in iter_jsonl(path):
                if "_meta" in rec:
                    sources.setdefault(path.name, []).append(rec["_meta"])
                    continue
                kind = next((k for k in _FIELDS if k in rec), None)
                where = f"{path}: line {number}"
                if kind is None:
                    raise ConfigError(detail=f"{where}: the record has none of 'iso3', 'org', 'person', 'place', 'seat', 'role', 'sector'. Add one.")
                unknown = sorted(set(rec) - _FIELDS[kind] - _COMMON)
                if unknown:
                    raise ConfigError(detail=f"{where}: unknown field(s) {', '.join(map(repr, unknown))}. "
                                             f"Allowed: {', '.join(sorted(_FIELDS[kind]))}.")
                key = rec[kind]
                if kind in entity_kinds:
                    find, label, what, fix = entity_kinds[kind]
                    entity = find(key)
                    if entity is None:
                        raise ConfigError(detail=f"{where}: unknown {what} '{key}'. {fix}")
                    for lang, words in _by_language(rec, "names", known, where).items():
                        for w in words:
                            add(lang, w, entity, label, person=kind == "person")
                    if kind == "iso3":
                        for lang, words in _by_language(rec, "demonyms", known, where).items():
                            for w in words:
                                add(lang, w, entity, "NORP", adjective=True)
                elif kind == "place":
                    for lang, words in _by_language(rec, "names", known, where).items():
                        for entity in _place_entities(kb, rec, where):
                            for w in words:
                                add(lang, w, entity, "GPE")
                elif kind == "seat":
                    country = kb.countries.get(rec.get("country") or "")
                    seat = next((x for x in (country.seats if country else ()) if fold(x.name) == fold(str(key))), None)
                    if seat is None:
                        raise ConfigError(detail=f"{where}: '{key}' is not a seat of country '{rec.get('country')}'. "
                                                 "Use a seat the country's record in countries.jsonl lists, and its iso3.")
                    for lang, words in _by_language(rec, "names", known, where).items():
                        for w in words:
                            add(lang, w, seat, "GPE")
                elif kind == "role":
                    role = kb.roles.get(key)
                    if role is None:
                        raise ConfigError(detail=f"{where}: unknown role '{key}'. Use a role from sectors.jsonl.")
                    for lang, words in _by_language(rec, "titles", known, where).items():
                        for w in words:
                            for form in name_forms(w, languages.profile(lang)):
                                titles.setdefault(lang, {}).setdefault(fold(form), role)
                else:
                    if key not in kb.sectors:
                        raise ConfigError(detail=f"{where}: unknown sector '{key}'. Use a sector from sectors.jsonl.")
                    for lang, words in _by_language(rec, "words", known, where).items():
                        for w in words:
                            for form in name_forms(w, languages.profile(lang)):
                                sector_words.setdefault(lang, {}).setdefault(fold(form), key)
                for lang, words in _by_language(rec, "skip", known, where).items():
                    prof = languages.profile(lang)
                    skips.setdefault(lang, set()).update(fold(f) for w in words for f in name_forms(w, prof))
    for lang, keys in skips.items():
        for key in keys:
            names.get(lang, {}).pop(key, None)
            labels.get(lang, {}).pop(key, None)
    local = LocalNames(
        names=names,
        labels=labels,
        lowercase={k: frozenset(v) for k, v in lowercase.items()},
        acronyms={k: frozenset(v) for k, v in acronyms.items()},
        titles=titles,
        sector_words=sector_words,
        skip={k: frozenset(v) for k, v in skips.items()},
    )
    return dataclasses.replace(kb, local=local, sources=sources)
