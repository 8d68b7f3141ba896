"""Countries, nationality adjectives and role titles in es, it, ru, ar, tr (and de, pt, fr):
names in each language's script and inflection (storyline/knowledge/lang_*.jsonl, the
profiles' [names] section, storyline/languages/forms.py).

The sentences below were written for these tests; none comes from a gold set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.knowledge import KNOWLEDGE_DIR, fold, load_knowledge
from storyline.languages import forms, profile
from storyline.models import Article
from storyline.registry import KNOWLEDGE, LANGUAGES
from storyline.stages.annotate import annotate, gazetteer_matches
from storyline.stages.resolve import resolve

# (language, sentence, mentions that must be found as (surface, entity id), surfaces that must not be found)
CASES = [
    # Spanish: demonyms in all four forms, a title around the adjective, a sector noun before it
    ("es", "El ministro ruso de Exteriores se reunió con su homólogo turco en Ankara.",
     [("ministro ruso de Exteriores", "role:foreign-minister:RUS"), ("homólogo turco", "role:foreign-minister:TUR")], []),
    ("es", "El ejército turco bombardeó posiciones kurdas en el norte de Siria.",
     [("ejército turco", "TUR-MIL"), ("Siria", "SYR")], []),
    ("es", "El presidente egipcio advirtió a Etiopía sobre la presa.",
     [("presidente egipcio", "role:head-of-state:EGY"), ("Etiopía", "ETH")], []),
    ("es", "Los Estados Unidos y la Unión Europea impusieron sanciones a Irán.",
     [("Estados Unidos", "USA"), ("Unión Europea", "org:eu"), ("Irán", "IRN")], []),
    ("es", "Las autoridades argelinas cerraron la frontera con Malí y EE. UU. lo criticó.",
     [("autoridades argelinas", "DZA-GOV"), ("Malí", "MLI"), ("EE. UU", "USA")], []),
    ("es", "Gana quien llegue primero a la Reunión anual de Granada.", [], ["Gana", "Reunión", "Granada"]),
    ("es", "La reunión de los ministros se aplazó sin fecha.", [], ["La reunión", "reunión"]),  # the meeting, not the island
    # Italian: elisions, a title with the adjective after it, the counterpart
    ("it", "Il ministro degli Esteri turco ha incontrato l'omologo russo a Mosca.",
     [("ministro degli Esteri turco", "role:foreign-minister:TUR"), ("l'omologo russo", "role:foreign-minister:RUS")], []),
    ("it", "L'esercito israeliano ha colpito obiettivi in Libano.",
     [("esercito israeliano", "ISR-MIL"), ("Libano", "LBN")], []),
    ("it", "Le forze armate russe si sono ritirate dall'Ucraina e dalla Siria.",
     [("forze armate russe", "RUS-MIL"), ("Ucraina", "UKR"), ("Siria", "SYR")], []),
    ("it", "Il governo italiano ha chiesto all'Egitto e alla Turchia di collaborare.",
     [("governo italiano", "ITA-GOV"), ("Egitto", "EGY"), ("Turchia", "TUR")], []),
    ("it", "Monaco ospita la conferenza sulla sicurezza.", [], ["Monaco"]),
    # Russian: case forms of names, adjectives and titles
    ("ru", "Министр иностранных дел России провёл переговоры с турецким коллегой.",
     [("Министр иностранных дел России", "role:foreign-minister:RUS"), ("турецким коллегой", "role:foreign-minister:TUR")], []),
    ("ru", "Российская армия нанесла удары по позициям в Сирии.",
     [("Российская армия", "RUS-MIL"), ("Сирии", "SYR")], []),
    ("ru", "Президент Турции позвонил президенту Египта.",
     [("Президент Турции", "role:head-of-state:TUR"), ("президенту Египта", "role:head-of-state:EGY")], []),
    ("ru", "Германия и Франция поддержали Украину, а США осудили Россию.",
     [("Германия", "DEU"), ("Франция", "FRA"), ("Украину", "UKR"), ("США", "USA"), ("Россию", "RUS")], []),
    ("ru", "Того же мнения придерживается малая часть экспертов.", [], ["Того", "малая"]),
    # Arabic: proclitics, the joined article and its form after ل, adjectives after the noun
    ("ar", "التقى وزير الخارجية الروسي نظيره التركي في أنقرة.",
     [("وزير الخارجية الروسي", "role:foreign-minister:RUS"), ("نظيره التركي", "role:foreign-minister:TUR")], []),
    ("ar", "قصف الجيش الإسرائيلي مواقع في لبنان وسوريا.",
     [("الجيش الإسرائيلي", "ISR-MIL"), ("لبنان", "LBN"), ("سوريا", "SYR")], []),
    ("ar", "دعت مصر والسعودية وروسيا إلى وقف إطلاق النار بليبيا.",
     [("مصر", "EGY"), ("السعودية", "SAU"), ("روسيا", "RUS"), ("ليبيا", "LBY")], []),
    ("ar", "أعلنت الحكومة العراقية دعمها للأمم المتحدة وللعراق.",
     [("الحكومة العراقية", "IRQ-GOV"), ("لأمم المتحدة", "org:un"), ("لعراق", "IRQ")], []),
    ("ar", "وصل وليد إلى المصرف وقال إن الوضع المالي صعب وإن الدعم مالي.", [], ["مالي", "المالي", "مصر"]),
    # Turkish: case suffixes after the apostrophe, adjectives before the noun
    ("tr", "Rusya Dışişleri Bakanı Ankara'da Türk mevkidaşı ile görüştü.",
     [("Rusya Dışişleri Bakanı", "role:foreign-minister:RUS"), ("Ankara", "place:ankara"),
      ("Türk mevkidaşı", "role:foreign-minister:TUR")], []),
    ("tr", "Rusya'yla Türkiye arasında Libya'da ateşkes konuşuldu.",
     [("Rusya", "RUS"), ("Türkiye", "TUR"), ("Libya", "LBY")], []),
    ("tr", "Türk ordusu Suriye'nin kuzeyinde yeni bir operasyon başlattı.",
     [("Türk ordusu", "TUR-MIL"), ("Suriye", "SYR")], []),
    ("tr", "ABD ve Mısır, İran'ın açıklamasını eleştirdi.",
     [("ABD", "USA"), ("Mısır", "EGY"), ("İran", "IRN")], []),
    ("tr", "Ruslan, Rusça bilen mali müşavirle Rusyalılar kafesinde buluştu.", [], ["Rus", "Mali", "Rusya"]),
    # cities in each language's own words (lang_places.jsonl): places after a locative
    # preposition or suffix, a capital acting for its government otherwise
    ("es", "Las fuerzas rusas bombardearon Járkov y los ministros se reunieron en Moscú.",
     [("Járkov", "geo:ua:kharkiv:49.98,36.25"), ("Moscú", "place:moscow")], []),
    ("it", "Il premier è arrivato a Gerusalemme dopo una tappa a Parigi.",
     [("Gerusalemme", "place:jerusalem"), ("Parigi", "place:paris")], []),
    ("ru", "Делегация прибыла в Москву, а авиация нанесла удары по Газе.",
     [("Москву", "place:moscow"), ("Газе", "place:gaza-city")], []),
    ("ar", "قصفت الطائرات مدينة حلب ووصل الوفد إلى بغداد وبدمشق.",
     [("حلب", "place:aleppo"), ("بغداد", "place:baghdad"), ("دمشق", "place:damascus")], []),
    ("ar", "وتهدد أنقرة بشن عملية عسكرية جديدة.", [("أنقرة", "TUR-GOV")], []),
    # a dateline's capital is where the report was filed, not its government
    ("ar", "بغداد، 3 مارس 2021 - تظاهر آلاف المحتجين.", [("بغداد", "place:baghdad")], []),
    ("es", "Moscú, 3 de marzo - El Kremlin respondió.", [("Moscú", "place:moscow"), ("Kremlin", "RUS-GOV")], []),
    # seats of power in each language's words (lang_seats.jsonl)
    ("es", "La Casa Blanca, el Pentágono y el Kremlin respondieron.",
     [("Casa Blanca", "USA-GOV"), ("Pentágono", "USA-MIL"), ("Kremlin", "RUS-GOV")], []),
    ("ru", "Кремль ответил Белому дому.", [("Кремль", "RUS-GOV"), ("Белому дому", "USA-GOV")], []),
    ("ar", "ورد الكرملين على البيت الأبيض.", [("الكرملين", "RUS-GOV"), ("البيت الأبيض", "USA-GOV")], []),
    ("tr", "Heyet Bağdat'ta görüştü, uçaklar Halep'i vurdu.",
     [("Bağdat", "place:baghdad"), ("Halep", "place:aleppo")], []),
    # German and Portuguese, where cheap
    ("de", "Der russische Außenminister traf seinen türkischen Amtskollegen in Ankara.",
     [("russische Außenminister", "role:foreign-minister:RUS"), ("türkischen Amtskollegen", "role:foreign-minister:TUR")], []),
    ("de", "Die Regierung Russlands kritisierte die Türkei.", [("Regierung Russlands", "RUS-GOV"), ("Türkei", "TUR")], []),
    ("pt", "O exército russo e o governo turco negociaram na Líbia.",
     [("exército russo", "RUS-MIL"), ("governo turco", "TUR-GOV"), ("Líbia", "LBY")], []),
]


def _mentions(lang: str, text: str) -> list[tuple[str, str]]:
    article = Article(id="x", path="-", format="text", text=text, language=lang, published="2020-06-01",
                      published_precision="day")
    res = resolve(article, annotate(article))
    return [(text[m.start : m.end], m.entity_id) for m in res.mentions]


@pytest.mark.parametrize("lang,text,expected,absent", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_names_in_each_language(lang: str, text: str, expected: list, absent: list) -> None:
    found = _mentions(lang, text)
    for pair in expected:
        assert pair in found, (pair, found)
    surfaces = {s for s, _ in found}
    for word in absent:
        assert not any(word == s or s.endswith(word) and len(s) - len(word) <= 2 for s in surfaces), (word, found)


def test_the_arabic_example_of_the_issue() -> None:
    found = _mentions("ar", "التقى وزير الخارجية الروسي سيرغي لافروف نظيره التركي في أنقرة.")
    # the knowledge knows Lavrov's Arabic name (lang_people.jsonl): the person, not the bare title
    assert ("سيرغي لافروف", "person:sergey-lavrov") in found
    assert ("وزير الخارجية الروسي", "role:foreign-minister:RUS") in _mentions("ar", "التقى وزير الخارجية الروسي نظيره التركي في أنقرة.")
    assert ("نظيره التركي", "role:foreign-minister:TUR") in found


def test_names_of_one_language_are_not_matched_in_another() -> None:
    kb = load_knowledge()
    # Turkish "Gana" (Ghana) in Spanish text, Arabic names in Turkish text
    assert not [m for m in gazetteer_matches("Gana el que llega primero.", kb, "es")]
    assert [text for text in ("Gana bir Afrika ülkesidir.",) if list(gazetteer_matches(text, kb, "tr"))]
    assert [c.iso3 for c in kb.lookup("Fas", "tr")] == ["MAR"] and not kb.lookup("Fas", "es") and not kb.lookup("Fas")
    assert kb.lookup("российский", "ru") and not kb.lookup("российский") and not kb.lookup("российский", "es")


def test_forms_from_the_profiles() -> None:
    ru, ar, tr, it = profile("ru"), profile("ar"), profile("tr"), profile("it")
    assert {"России", "Россию", "Россией"} <= set(forms.name_forms("Россия", ru))
    assert {"Саудовской Аравии", "Саудовскую Аравию"} <= set(forms.name_forms("Саудовская Аравия", ru))
    assert {"российского", "российским", "российская", "российских"} <= set(forms.name_forms("российский", ru, adjective=True))
    assert forms.name_forms("США", ru) == ["США"]  # capitals are kept
    assert {"الروسي", "روسية", "الروسية", "روسيين"} <= set(forms.name_forms("روسي", ar, adjective=True))
    assert "لعراق" in forms.name_forms("العراق", ar)  # ل + العراق = للعراق
    assert [w[s:] for w in ["وبروسيا"] for s in forms.starts(w, ar)] == ["وبروسيا", "روسيا", "بروسيا"]
    assert [w[:e] for w in ["Türkiye'nin"] for e in forms.ends(w, tr)] == ["Türkiye'nin", "Türkiye"]
    assert [w[s:] for w in ["dell’Egitto"] for s in forms.starts(w, it)] == ["dell’Egitto", "Egitto"]
    assert forms.starts("Libya'da", tr) == [0]


def test_arabic_final_yaa_is_folded() -> None:
    assert fold("الروسى") == fold("الروسي")


def test_lang_files_say_where_they_come_from() -> None:
    for name in ("lang_countries_cldr.jsonl", "lang_words.jsonl", "lang_places.jsonl", "lang_seats.jsonl"):
        meta = json.loads((KNOWLEDGE_DIR / name).read_text("utf-8").splitlines()[0])["_meta"]
        assert meta["source"] and meta["compiled"]
    cldr = json.loads((KNOWLEDGE_DIR / "lang_countries_cldr.jsonl").read_text("utf-8").splitlines()[0])["_meta"]
    assert "Unicode License" in cldr["licence"] and "CLDR" in cldr["source"]
    kb = load_knowledge()
    assert {"lang_countries_cldr.jsonl", "lang_words.jsonl"} <= set(kb.sources)
    # every country, every profiled language
    counts = kb.local.counts()
    assert set(counts) >= {"ar", "de", "en", "es", "fr", "it", "pt", "ru", "tr"}
    assert all(kb.country_by_name(name, lang) is not None for lang, name in
               [("ar", "تشاد"), ("ru", "Чада"), ("tr", "Çad"), ("es", "Chad"), ("it", "Ciad"), ("de", "Tschad")])


@pytest.mark.parametrize("line,message", [
    ('{"iso3": "XYZ", "names": {"es": ["Xyz"]}}', "unknown ISO-3"),
    ('{"iso3": "RUS", "names": {"zz": ["Xyz"]}}', "has no profile"),
    ('{"iso3": "RUS", "nmes": {"es": ["Xyz"]}}', "unknown field"),
    ('{"role": "no-such-role", "titles": {"es": ["x"]}}', "unknown role"),
    ('{"place": "no-such-city", "names": {"es": ["Xyz"]}}', "a city of its own needs name, country, lat, lon"),
    ('{"seat": "the Kremlin", "country": "USA", "names": {"es": ["Xyz"]}}', "is not a seat of country"),
    ('{"place": "xyz", "name": "Xyz", "country": "XYZ", "lat": 1, "lon": 2, "names": {"es": ["Xyz"]}}', "unknown country"),
    ('{"sector": "GOV", "words": {"es": "gobierno"}}', None),
])
def test_a_bad_lang_file_says_what_to_fix(tmp_path: Path, line: str, message: str | None) -> None:
    (tmp_path / "lang_mine.jsonl").write_text(line + "\n", "utf-8")
    if message is None:
        assert load_knowledge([tmp_path]).local.sector_words["es"]["gobierno"] == "GOV"
        return
    with pytest.raises(ConfigError, match=message):
        load_knowledge([tmp_path])


def test_every_stage_that_reads_the_knowledge_reads_the_profiles() -> None:
    # the knowledge indexes the forms the profiles give (local.py): a profile change must re-run
    # whatever a knowledge change re-runs
    from storyline.pipeline import STAGES

    for stage in STAGES:
        if KNOWLEDGE in stage.depends:
            assert LANGUAGES in stage.depends, stage.name
