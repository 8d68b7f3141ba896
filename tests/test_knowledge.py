"""The shipped knowledge loads, validates, and answers the lookups resolution needs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.knowledge import (
    KNOWLEDGE_DIR,
    Country,
    Organization,
    Person,
    Place,
    Seat,
    fold,
    load_knowledge,
)


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def one(kb, name: str, kind: type):
    found = [e for e in kb.lookup(name) if isinstance(e, kind)]
    assert len(found) == 1, f"{name!r} -> {found}"
    return found[0]


# ----------------------------------------------------------------------------- folding


def test_fold() -> None:
    assert fold("Mevlüt Çavuşoğlu") == fold("Mevlut Cavusoglu") == "mevlut cavusoglu"
    assert fold("the Kremlin") == "kremlin"
    assert fold("Fayez al-Sarraj") == fold("Fayez Al Sarraj")
    assert fold("Quai d'Orsay") == fold("Quai d’Orsay")
    assert fold("İstanbul") == "istanbul"


# ----------------------------------------------------------------------------- lookups


def test_cavusoglu_spellings_are_one_person(kb) -> None:
    ids = {one(kb, name, Person).id for name in ("Çavuşoğlu", "Cavusoglu", "Mevlut Cavusoglu", "Mevlüt Çavuşoğlu")}
    assert len(ids) == 1
    person = kb.people[ids.pop()]
    assert person.name == "Mevlüt Çavuşoğlu" and person.country == "TUR"
    stints = [(r.start, r.end) for r in person.roles if r.role == "foreign-minister"]
    assert stints == [(date(2014, 8, 29), date(2015, 8, 28)), (date(2015, 11, 24), date(2023, 6, 4))]
    assert kb.roles_at(person.id, "2015-09-15") == []  # Sinirlioğlu's interlude


def test_holders(kb) -> None:
    assert [p.name for p in kb.holders("foreign-minister", "RUS", "2020-10-27")] == ["Sergey Lavrov"]
    assert [p.name for p in kb.holders("foreign-minister", "TUR", "2020-06-14")] == ["Mevlüt Çavuşoğlu"]
    assert [p.name for p in kb.holders("defence-minister", "RUS", "2020-06-14")] == ["Sergei Shoigu"]
    assert [p.name for p in kb.holders("head-of-state", "EGY", date(2020, 6, 20))] == ["Abdel Fattah el-Sisi"]
    assert [p.name for p in kb.holders("igo-head", None, "2020-01-19", org="un")] == ["António Guterres"]
    assert kb.holders("foreign-minister", "TUR", "2015-09-15")[0].name == "Feridun Sinirlioğlu"


def test_seats_of_power(kb) -> None:
    kremlin = one(kb, "the Kremlin", Seat)
    assert (kremlin.country, kremlin.sector) == ("RUS", "GOV")
    assert (one(kb, "Kremlin", Seat).country) == "RUS"
    ankara = one(kb, "Ankara", Seat)
    assert (ankara.country, ankara.sector) == ("TUR", "GOV")
    pentagon = one(kb, "the Pentagon", Seat)
    assert (pentagon.country, pentagon.sector) == ("USA", "MIL")
    assert one(kb, "Foggy Bottom", Seat).country == "USA"
    assert one(kb, "Quai d'Orsay", Seat).country == "FRA"
    assert one(kb, "Tripoli", Seat).country == "LBY"  # the capital, not Lebanon's Tripoli


def test_country_words(kb) -> None:
    for word, iso3 in [
        ("Turkish", "TUR"), ("Turks", "TUR"), ("turque", "TUR"), ("Türkiye", "TUR"), ("la Turquie", "TUR"),
        ("Russian", "RUS"), ("Russians", "RUS"), ("russe", "RUS"), ("la Russie", "RUS"),
        ("Russian Federation", "RUS"), ("Libyan", "LBY"), ("libyen", "LBY"), ("Emirati", "ARE"),
        ("UAE", "ARE"), ("the Emirates", "ARE"), ("American", "USA"), ("U.S.", "USA"), ("US", "USA"),
        ("America", "USA"), ("the United States", "USA"), ("USA", "USA"),
    ]:
        country = kb.country_by_name(word)
        assert country is not None and country.iso3 == iso3, word
    assert kb.country("tur").name == "Turkey"
    assert kb.country_by_name("Atlantis") is None


def test_gna_names_are_one_org(kb) -> None:
    gna = one(kb, "GNA", Organization)
    assert gna.id == "gna" and (gna.country, gna.sector) == ("LBY", "GOV")
    assert one(kb, "Government of National Accord", Organization) is gna
    assert one(kb, "PNS", Organization) is gna
    # the 2021 GNU is a different body; the shared English name is resolved by date
    unity = {o.id for o in kb.lookup("Government of National Unity")}
    assert unity == {"gna", "gnu"}
    assert one(kb, "GNU", Organization).start == date(2021, 3, 15)


def test_libya_actors(kb) -> None:
    sarraj = {one(kb, n, Person).id for n in ("Saraj", "Fayed al Serraj", "Fayez el-Sarraj", "Fayez al-Sarraj")}
    assert sarraj == {"fayez-al-sarraj"}
    haftar = one(kb, "Marshal Khalifa Haftar", Person)
    assert haftar is one(kb, "Haftar", Person) is one(kb, "Khalifa Hifter", Person)
    lna_roles = [r for r in haftar.roles if r.org == "lna"]
    assert lna_roles and lna_roles[0].sector == "MIL" and lna_roles[0].country == "LBY"
    assert one(kb, "Wagner", Organization) is one(kb, "the Wagners", Organization) is one(kb, "PMC Wagner", Organization)
    assert one(kb, "OTAN", Organization).id == "nato"
    assert one(kb, "Anadolu", Organization).sector == "MED"


def test_places(kb) -> None:
    benghazi = one(kb, "Bengazhi", Place)
    assert benghazi.name == "Benghazi" and benghazi.country == "LBY"
    assert abs(benghazi.lat - 32.1) < 0.2 and abs(benghazi.lon - 20.1) < 0.2
    jufra = [p for p in kb.lookup("Al-Jufra") if isinstance(p, Place)]
    assert jufra and all(p.country == "LBY" for p in jufra)
    assert one(kb, "Al-Jufra air base", Place).kind == "base"
    assert one(kb, "Syrte", Place) is one(kb, "Sirte", Place)
    assert one(kb, "Genève", Place).country == "CHE"
    tripolis = {p.country for p in kb.lookup("Tripoli") if isinstance(p, Place)}
    assert tripolis == {"LBY", "LBN"}


def test_role_titles(kb) -> None:
    for title, role in [
        ("Minister of Foreign Affairs", "foreign-minister"), ("top diplomat", "foreign-minister"),
        ("ministre des Affaires étrangères", "foreign-minister"), ("Minister of Defense", "defence-minister"),
        ("ministre de la Défense", "defence-minister"), ("premier ministre", "head-of-government"),
        ("head of the LNA", "military-commander"),
    ]:
        found = kb.role_for_title(title)
        assert found is not None and found.id == role, title
    assert kb.role_for_title("Defence Minister").sector == "MIL"


# ----------------------------------------------------------------------------- integrity


def test_every_tenure_is_ordered_and_every_reference_exists(kb) -> None:
    for person in kb.people.values():
        assert person.name and (person.country is None or person.country in kb.countries), person.id
        for role in person.roles:
            assert role.end is None or role.start <= role.end, (person.id, role)
            assert role.role in kb.roles and role.sector in kb.sectors
            assert role.country is None or role.country in kb.countries, (person.id, role)
            assert role.org is None or role.org in kb.organizations, (person.id, role)
            # an international post may name no body (the derived dictionaries' "IGO" codes)
            assert role.country or role.org or role.sector == "IGO", (person.id, role)
    for org in kb.organizations.values():
        assert org.country is None or org.country in kb.countries, org.id
        assert org.sector in kb.sectors
    for place in kb.places.values():
        assert place.country is None or place.country in kb.countries, place.id
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_size_and_sources(kb) -> None:
    stats = kb.stats()
    assert stats["countries"] >= 249 and stats["roles"] >= 500 and stats["organizations"] >= 100
    for path in KNOWLEDGE_DIR.glob("*.jsonl"):
        first = json.loads(path.read_text("utf-8").splitlines()[0])
        assert first["_meta"]["source"] and first["_meta"]["compiled"], path.name
    assert sum(p.stat().st_size for p in KNOWLEDGE_DIR.glob("*.jsonl")) < 3_000_000


def test_g20_and_mena_heads_are_covered(kb) -> None:
    countries = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN MEX RUS SAU ZAF TUR GBR USA EGY IRN ISR SYR".split()
    for iso3 in countries:
        for role in ("head-of-state", "foreign-minister"):
            assert kb.holders(role, iso3, "2020-06-14"), (iso3, role)


# ----------------------------------------------------------------------------- extensions and errors


def write(directory: Path, name: str, *records: dict) -> Path:
    path = directory / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", "utf-8")
    return path


def test_extension_adds_and_overrides(tmp_path) -> None:
    write(
        tmp_path,
        "people-mine.jsonl",
        {"_meta": {"source": "my notes", "compiled": "2026-11-01"}},
        {"id": "jane-roe", "name": "Jane Roe", "country": "LBY", "aliases": ["J. Roe"],
         "roles": [{"role": "spokesperson", "start": "2020-01", "end": "2021", "org": "gna"}]},
        {"id": "mevlut-cavusoglu", "_merge": True, "aliases": ["Sayın Çavuşoğlu"]},
    )
    write(tmp_path, "places.jsonl", {"id": "sirte", "name": "Sirte", "country": "LBY", "lat": 31.2, "lon": 16.6,
                                     "aliases": ["Sirt city"]})
    kb = load_knowledge([tmp_path])
    roe = one(kb, "J. Roe", Person)
    assert roe.roles[0].precision == "month" and roe.roles[0].end == date(2021, 12, 31)
    assert [p.id for p in kb.holders("spokesperson", "LBY", "2020-06-14", org="gna")] == ["jane-roe"]
    assert one(kb, "Sayin Cavusoglu", Person).id == "mevlut-cavusoglu"
    assert one(kb, "Cavusoglu", Person).roles  # merged, roles kept
    assert one(kb, "Sirt city", Place).lat == 31.2
    assert not [p for p in kb.lookup("Syrte") if isinstance(p, Place)]  # replaced, not merged
    assert "people-mine.jsonl" in kb.sources


def test_environment_variable(tmp_path, monkeypatch) -> None:
    write(tmp_path, "organizations.jsonl", {"id": "my-militia", "name": "Brigade 777", "kind": "militia",
                                            "country": "LBY", "sector": "REB"})
    monkeypatch.setenv("STORYLINE_KNOWLEDGE", str(tmp_path))
    assert one(load_knowledge(), "Brigade 777", Organization).sector == "REB"


@pytest.mark.parametrize(
    "name, record, message",
    [
        ("people.jsonl", {"id": "x", "name": "X", "country": "XYZ", "roles": []}, "unknown ISO-3 country code 'XYZ'"),
        ("people.jsonl", {"id": "x", "name": "X", "country": "LBY",
                          "roles": [{"role": "foreign-minister", "start": "2020-13-01"}]}, "bad date '2020-13-01'"),
        ("people.jsonl", {"id": "x", "name": "X", "country": "LBY",
                          "roles": [{"role": "foreign-minister", "start": "2021-01-01", "end": "2020-01-01"}]},
         "end 2020-01-01 is before start 2021-01-01"),
        ("people.jsonl", {"id": "x", "name": "X", "country": "LBY",
                          "roles": [{"role": "grand-vizier", "start": "2021"}]}, "unknown role 'grand-vizier'"),
        ("people.jsonl", {"id": "x", "country": "LBY"}, "missing 'name'"),
        ("organizations.jsonl", {"id": "x", "name": "X", "kind": "militia", "sector": "ZZZ"}, "unknown sector 'ZZZ'"),
        ("organizations.jsonl", {"id": "x", "name": "X", "kind": "cult", "sector": "REB"}, "unknown kind 'cult'"),
        ("places.jsonl", {"id": "x", "name": "X", "country": "LBY", "lat": 95, "lon": 10}, "bad coordinates"),
        ("places.jsonl", {"id": "x", "name": "X", "country": "LBY", "lat": 1, "lon": 1, "alises": []},
         "unknown field(s) 'alises'"),
        ("countries.jsonl", {"iso3": "XXA", "name": "Xland", "seats": {"Xville": "KING"}}, "unknown sector 'KING'"),
    ],
)
def test_validation_errors_name_file_line_and_entry(tmp_path, name, record, message) -> None:
    path = write(tmp_path, name, {"_meta": {"source": "test", "compiled": "2026-11-23"}}, record)
    with pytest.raises(ConfigError) as info:
        load_knowledge([tmp_path])
    text = str(info.value)
    assert str(path) in text and "line 2" in text and message in text, text
    assert text.startswith("[E301]")


def test_duplicate_id_and_bad_json(tmp_path) -> None:
    rec = {"id": "x", "name": "X", "country": "LBY", "lat": 1, "lon": 1}
    write(tmp_path, "places.jsonl", rec, rec)
    with pytest.raises(ConfigError, match=r"line 2: duplicate id 'x'"):
        load_knowledge([tmp_path])
    (tmp_path / "places.jsonl").write_text('{"id": "x",\n', "utf-8")
    with pytest.raises(ConfigError, match=r"places.jsonl: line 1 is not valid JSON"):
        load_knowledge([tmp_path])


def test_missing_extension_dir(tmp_path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_knowledge([tmp_path / "nope"])
