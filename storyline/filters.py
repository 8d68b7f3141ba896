"""Which events a timeline shows: by actor (any spelling), country, PLOVER type and date.

``storyline timeline --actor sarraj --since 2020-06`` and the same options with ``--format
json|md`` go through :func:`event_filter`, which checks what the user typed (an actor no
article names, a country no one knows, a date that is not one) and turns it into an
:class:`EventFilter` over the event records of ``storyline.read.event_records``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .errors import OptionError
from .knowledge import load_knowledge
from .lookup import Named, actors_named, country_named, words_of
from .store import Store

__all__ = ["EventFilter", "event_filter", "period"]

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_EVENT_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def period(value: str) -> tuple[date, date] | None:
    """The first and last day a date names: ``2020`` is the year, ``2020-06`` the month,
    ``2020-06-14`` the day; None when it is none of these."""
    m = _DATE.match(value.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, int(month))[1]
            return date(year, int(month), 1), date(year, int(month), last)
        d = date(year, int(month), int(day))
        return d, d
    except ValueError:
        return None


def _event_period(value: str | None) -> tuple[date, date] | None:
    """The days an event's date covers (``2020-06`` the whole month); None when undated."""
    if not value:
        return None
    m = _EVENT_DATE.match(value)
    return period(m.group(0)) if m else None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Keeps the events where every named actor takes part (as a source or a target), some
    actor of every named country takes part or the event is located there, the type is one of
    ``types``, and the date overlaps [since, until]. Empty parts keep everything."""

    actors: tuple[tuple[str, frozenset[str]], ...] = ()  # (as typed, the ids it stands for)
    countries: tuple[str, ...] = ()
    types: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None

    def __bool__(self) -> bool:
        return bool(self.actors or self.countries or self.types or self.since or self.until)

    def keep(self, rec: dict[str, Any]) -> bool:
        taking_part = rec["sources"] + rec["targets"]
        ids = {a["actor_id"] for a in taking_part}
        for _typed, wanted in self.actors:
            if not ids & wanted:
                return False
        if self.countries:
            here = {a["country"] for a in taking_part} | {(rec["location"] or {}).get("country")}
            if not all(c in here for c in self.countries):
                return False
        if self.types and rec["type"] not in self.types:
            return False
        if self.since or self.until:
            span = _event_period(rec["date"])
            if span is None:
                return False
            if self.since and span[1] < self.since:
                return False
            if self.until and span[0] > self.until:
                return False
        return True

    def describe(self) -> str:
        """The filters as options, as the user gave them."""
        parts = [f"--actor {typed!r}" for typed, _ in self.actors]
        parts += [f"--country {c}" for c in self.countries]
        parts += [f"--type {t}" for t in sorted(self.types)]
        if self.since:
            parts.append(f"--since {self.since.isoformat()}")
        if self.until:
            parts.append(f"--until {self.until.isoformat()}")
        return " ".join(parts)


def _actor_ids(store: Store, name: str) -> tuple[frozenset[str], list[Named]]:
    """The actor ids a name stands for: an id as such ("person:fayez-al-sarraj", "TUR-GOV"),
    the actors of the corpus it names in any spelling, and for a country also its government,
    military and other sectors (TUR-GOV, TUR-MIL)."""
    kb = load_knowledge()
    given = name.strip()
    named = actors_named(store, words_of(given), kb=kb)
    ids = {n.id for n in named}
    known = {a.id for a, _, _ in store.actors()}
    if given in known or (re.fullmatch(r"[A-Z]{3}(-[A-Z]{2,4})?", given) and kb.country(given[:3]) is not None):
        ids.add(given)
    countries = {i for i in ids if re.fullmatch(r"[A-Z]{3}", i)}
    iso3 = country_named(given, kb) if not named or countries else None
    if iso3:
        countries.add(iso3)
        ids.add(iso3)
    for c in countries:
        ids |= {i for i in known if i.startswith(c + "-")}
    return frozenset(ids), named


def event_filter(
    store: Store,
    *,
    actors: Iterable[str] = (),
    countries: Iterable[str] = (),
    types: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
) -> tuple[EventFilter, list[str]]:
    """The filter the options give, and notes for the user (a name that stands for several
    actors). Raises OptionError E503 (one line, with the fix) for a value that names nothing."""
    notes: list[str] = []
    resolved = []
    for name in actors:
        ids, named = _actor_ids(store, name)
        if not ids:
            raise OptionError(
                f"--actor {name!r}: no actor in {store.path} has that name or spelling. "
                f"List them with 'storyline actors --db {store.path} --limit 0'."
            )
        people = [n for n in named if n.kind == "person"]
        if len(people) > 1:
            notes.append(f"--actor {name!r} stands for {len(people)} people: "
                         + "; ".join(f"{n.name} ({n.id})" for n in people) + ". Give a fuller name for one.")
        resolved.append((name, ids))
    isos = []
    for text in countries:
        iso3 = country_named(text)
        if iso3 is None:
            raise OptionError(f"--country {text!r}: no such country. Give an ISO-3 code (TUR) or a name (Turkey).")
        isos.append(iso3)
    bounds = []
    for flag, value in (("--since", since), ("--until", until)):
        if value is None:
            bounds.append(None)
            continue
        span = period(value)
        if span is None:
            raise OptionError(f"{flag} {value!r} is not a date. Use YYYY, YYYY-MM or YYYY-MM-DD (2020, 2020-06, 2020-06-14).")
        bounds.append(span[0] if flag == "--since" else span[1])
    if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
        raise OptionError(f"--since {since} is after --until {until}: no date can be in between. Swap them.")
    return EventFilter(tuple(resolved), tuple(isos), frozenset(t.upper() for t in types), bounds[0], bounds[1]), notes
