"""Knowledge derived from the PETRARCH2/Phoenix dictionaries: the converter, the shipped
files, and what the resolver makes of the people and bodies they add. Every sentence here
was written for these tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from storyline.evaluate.plover import actor_code
from storyline.knowledge import DERIVED_DIR, KNOWLEDGE_DIR, fold, iter_jsonl, load_knowledge
from storyline.knowledge.phoenix import convert, parse_actor_file, parse_agents, parse_code, parse_date
from storyline.models import Article
from storyline.stages.annotate import annotate
from storyline.stages.resolve import resolve
from storyline.stages.resolve.names import known_person, sector_in, sector_of_word


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def _actors(text: str, published: str | None = None) -> dict[str, object]:
    """The actors a text names, by the text of their mention."""
    article = Article(id="t", path="-", format="text", text=text, language="en", published=published,
                      published_precision="day" if published else None)
    res = resolve(article, annotate(article))
    by_id = {a.id: a for a in res.actors}
    return {m.text: by_id[m.entity_id] for m in res.mentions if m.kind == "actor"}


# ----------------------------------------------------------------------------- the format


def test_dates_and_codes() -> None:
    assert parse_date("910710") == date(1991, 7, 10)
    assert parse_date("070723") == date(2007, 7, 23)  # a year below 30 is 20YY
    assert parse_date("20041207") == date(2004, 12, 7)
    assert parse_date("2004017") is None and parse_date("991332") is None
    c = parse_code("RUSGOV 910710-991231")
    assert (c.code, c.start, c.end, c.dated) == ("RUSGOV", date(1991, 7, 10), date(1999, 12, 31), True)
    c = parse_code("CIVGOV >001026")
    assert (c.start, c.end) == (date(2000, 10, 26), None)
    c = parse_code("HTIOPPMED <061231")
    assert c.open_start and c.end == date(2006, 12, 31)
    assert parse_code("---") is None
    assert parse_code("USAGOV 19820101").code == "!BAD"  # no "-", ">" or "<": counted, dropped


SAMPLE = """\
# a header comment
ALPHA_BETAVIC_  # CountryInfo.txt
BETAVIC
PRESIDENT_ALPHA_BETAVIC
+RUSSIAN_PRESIDENT_ALPHA_BETAVIC
+THE_BETAVIC_ADMINISTRATION
\t[RUSELI 500101-910101]
\t[RUSGOV 910102-991231]
\t[RUSELI]

GAMMA_DELTANOV_ [IGOUNO 970101-061231] [FRAGOV 900101-961231]
+HOPE

EPSILON_ZETAKI_ [IGOUNO]

NORTHERN_FRONT_FOR_TESTING_ [FRAREB]
+NFT
"""


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    (src / "Phoenix.Countries.actors.txt").write_text(SAMPLE, encoding="utf-8")
    (src / "Phoenix.International.actors.txt").write_text("", encoding="utf-8")
    (src / "Phoenix.MilNonState.actors.txt").write_text("", encoding="utf-8")
    (src / "Phoenix.agents.txt").write_text(
        "!PERSON! = MAN, WOMAN\nTESTCATTLE!PERSON! [~AGR]\nQUARRY_WORKER [~LAB]\nGRANDEE [~ELI]\n", encoding="utf-8")
    (src / "LICENSE").write_text("The MIT License (MIT)\n\nCopyright (c) 2014 Someone Testing\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    summary = convert(src, out, today="2026-01-01")
    files = {name: [r for r, _ in iter_jsonl(out / f"{name}.jsonl")] for name in ("people", "organizations", "sectors")}
    return summary, files


def test_converter_reads_blocks_synonyms_and_dated_codes(converted) -> None:
    summary, files = converted
    people = {p["name"]: p for p in files["people"] if "name" in p}
    alpha = people["Alpha Betavic"]
    assert alpha["country"] == "RUS"
    # the GOV post with its dates; ELI gives the country only
    assert alpha["roles"] == [{"role": "office", "sector": "GOV", "country": "RUS", "start": "1991-01-02", "end": "1999-12-31"}]
    # titles cut from the aliases, the body ("administration") not an alias
    assert alpha["aliases"] == ["Betavic"]
    # a UN post names no country: the person is the UN's at those dates, French before
    gamma = people["Gamma Deltanov"]
    assert gamma["country"] == "FRA"
    assert {"role": "office", "sector": "IGO", "org": "un", "start": "1997-01-01", "end": "2006-12-31"} in gamma["roles"]
    assert gamma["aliases"] == []  # "Hope" is an English word: not a name on its own
    assert people["Epsilon Zetaki"]["country"] is None  # only an international post
    assert summary["skipped"]["person alias naming a body (… administration)"] == 1


def test_converter_bodies_agents_and_meta(converted) -> None:
    summary, files = converted
    orgs = {o["name"]: o for o in files["organizations"] if "name" in o}
    front = orgs["Northern Front for Testing"]
    assert (front["country"], front["sector"], front["kind"], front["acronyms"]) == ("FRA", "REB", "militia", ["NFT"])
    agents = {r["sector"]: r["agents"] for r in files["sectors"] if "sector" in r}
    assert {"testcattleman", "testcattlemen", "testcattlewoman"} <= set(agents["CVL"])  # sets expanded, plurals made
    assert "quarry worker" in agents["LAB"] and "quarry workers" in agents["LAB"]
    assert not any("grandee" in ws for ws in agents.values())  # ELI is no sector of ours
    meta = files["people"][0]["_meta"]
    assert "Phoenix.Countries.actors.txt" in meta["source"] and "PETRARCH2" in meta["source"]
    assert meta["licence"].startswith("MIT") and "Someone Testing" in meta["licence"]


# ----------------------------------------------------------------------------- the shipped files


def test_shipped_files_name_their_source_and_licence() -> None:
    licence = Path(__file__).resolve().parents[1] / "../shared/data/petrarch2-dictionaries/LICENSE"
    holder = "Open Event Data"
    if licence.exists():  # the copyright line of the source's licence, whoever it names
        line = next(x for x in licence.read_text("utf-8").splitlines() if x.lower().startswith("copyright"))
        holder = line.split("(c)")[-1].split("20", 1)[-1][2:].strip() or holder
    for name in ("people", "organizations", "sectors"):
        first = json.loads((DERIVED_DIR / f"{name}.jsonl").read_text("utf-8").splitlines()[0])["_meta"]
        assert "PETRARCH2" in first["source"] and "Phoenix.agents.txt" in first["source"]
        assert "MIT" in first["licence"] and holder in first["licence"]


def test_ours_win_on_a_clash(kb) -> None:
    hand = {fold(w) for r, _ in iter_jsonl(KNOWLEDGE_DIR / "people.jsonl") for w in (r.get("name"), *(r.get("aliases") or ())) if w}
    for p in kb.people.values():
        if p.id in kb.derived:
            assert not {fold(n) for n in (p.name, *p.aliases)} & hand, p.id
    assert [e.id for e in kb.lookup("Kofi Annan")] == ["kofi-annan"]
    assert kb.sectors["CVL"].name == "Civilians" and "civilians" in kb.sectors["CVL"].words
    assert "farmers" in kb.sectors["CVL"].agents


def test_derived_one_word_names_are_not_common_words(kb) -> None:
    from storyline.knowledge.phoenix import Vocabulary

    vocab = Vocabulary()
    for p in kb.people.values():
        if p.id in kb.derived:
            for n in (p.name, *p.aliases):
                if " " not in fold(n):
                    assert len(fold(n)) >= 4 and not vocab.common(n), (p.id, n)


# ----------------------------------------------------------------------------- resolving


def test_historical_leaders_get_their_countries() -> None:
    found = _actors("Boris Yeltsin met Bill Clinton in Moscow in 1995.", "1995-05-10")
    assert (found["Boris Yeltsin"].country, found["Boris Yeltsin"].sector) == ("RUS", "GOV")
    assert (found["Bill Clinton"].country, found["Bill Clinton"].sector) == ("USA", "GOV")
    found = _actors("Paul Kagame accused Laurent Gbagbo of stalling the talks.")
    assert found["Paul Kagame"].country == "RWA" and found["Laurent Gbagbo"].country == "CIV"
    # the source files Mauritania's leaders under Mauritius's code; the converter mends it
    found = _actors("Moktar Ould Daddah flew to Dakar for the summit.", "1970-03-02")
    assert (found["Moktar Ould Daddah"].country, found["Moktar Ould Daddah"].sector) == ("MRT", "GOV")


def test_a_dated_role_holds_only_within_its_dates(kb) -> None:
    yeltsin = next(p for p in kb.lookup("Boris Yeltsin") if p.kind == "person")
    assert (known_person(yeltsin, date(1995, 1, 1)).country, known_person(yeltsin, date(1995, 1, 1)).sector) == ("RUS", "GOV")
    before = known_person(yeltsin, date(1985, 1, 1))
    assert (before.country, before.sector) == ("RUS", None)  # not yet in office: Russian, no sector
    found = _actors("Yeltsin criticised the party leadership in a speech.", "1986-03-01")
    assert (found["Yeltsin"].country, found["Yeltsin"].sector) == ("RUS", None)


def test_a_un_official_is_the_un_not_their_nationality(kb) -> None:
    found = _actors("Jean-Marie Guehenno visited Kinshasa on Tuesday.", "2004-03-01")
    actor = found["Jean-Marie Guehenno"]
    assert (actor.country, actor.sector) == (None, "IGO") and actor_code(actor.id, {actor.id: actor}) == "IGO"
    # a hand-written envoy with a nationality: the UN while in post
    salame = kb.people["ghassan-salame"]
    assert salame.country == "LBN"
    assert known_person(salame, date(2018, 5, 1)).sector == "IGO" and known_person(salame, date(2018, 5, 1)).country is None
    assert known_person(salame).sector == "IGO"  # no date: the post held longest


def test_role_words_give_a_country_its_sector_but_not_a_body(kb) -> None:
    found = _actors("Iraqi farmers blocked the road to Basra.")
    assert found and any(a.id == "IRQ-CVL" for a in found.values())
    assert sector_of_word(kb, "farmer", "farmers") == "CVL"
    assert sector_in(kb, "European Community") is None  # "community" is a derived role word only


def test_common_words_do_not_become_derived_actors(kb) -> None:
    found = _actors("The islands were hit by a storm, and the community said hope would return.")
    assert not [a for a in found.values() if a.id.split(":", 1)[-1] in kb.derived]
