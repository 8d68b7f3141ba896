"""People and armed groups named in each language (storyline/knowledge/lang_people.jsonl,
lang_organizations.jsonl; the 'person' kind of local.py; Russian surname endings from the ru
profile's [names] person_inflections).

The sentences below were written for these tests; none comes from a corpus or a gold set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.knowledge import load_knowledge
from storyline.languages import forms, profile
from storyline.models import Article
from storyline.stages.annotate import annotate
from storyline.stages.resolve import resolve

# (language, sentence, (surface, entity id) pairs that must be found)
CASES = [
    ("ar", "التقى الرئيس التركي رجب طيب أردوغان نظيره الروسي فلاديمير بوتين في سوتشي.",
     [("رجب طيب أردوغان", "person:recep-tayyip-erdogan"), ("فلاديمير بوتين", "person:vladimir-putin")]),
    ("ar", "وقال أردوغان إن حماس وحزب الله ليستا منظمتين إرهابيتين.",
     [("أردوغان", "person:recep-tayyip-erdogan"), ("حماس", "org:hamas"), ("حزب الله", "org:hezbollah")]),
    ("ar", "هاجم تنظيم داعش مواقع لقوات سوريا الديمقراطية، وأدانت حركة الشباب الهجوم.",
     [("تنظيم داعش", "org:isis"), ("قوات سوريا الديمقراطية", "org:sdf"), ("حركة الشباب", "org:al-shabaab")]),
    ("ar", "استقبل زيلينسكي وزير الخارجية الأمريكي أنتوني بلينكن في كييف.",
     [("زيلينسكي", "person:volodymyr-zelensky"), ("أنتوني بلينكن", "person:antony-blinken")]),
    ("ar", "أعلن حفتر أن الجيش الوطني الليبي سيواصل القتال ضد حكومة الوفاق.",
     [("حفتر", "person:khalifa-haftar"), ("الجيش الوطني الليبي", "org:lna"), ("حكومة الوفاق", "org:gna")]),
    ("ru", "Путин провёл телефонный разговор с Эрдоганом, а Лавров встретился с Чавушоглу.",
     [("Путин", "person:vladimir-putin"), ("Эрдоганом", "person:recep-tayyip-erdogan"),
      ("Лавров", "person:sergey-lavrov"), ("Чавушоглу", "person:mevlut-cavusoglu")]),
    ("ru", "Песков заявил, что у Путина нет планов встречаться с Зеленским.",
     [("Песков", "person:dmitry-peskov"), ("Путина", "person:vladimir-putin"), ("Зеленским", "person:volodymyr-zelensky")]),
    ("ru", "Захарова осудила удары Хезболлы и ХАМАС по Израилю.",
     [("Захарова", "person:maria-zakharova"), ("Хезболлы", "org:hezbollah"), ("ХАМАС", "org:hamas")]),
    ("ru", "Генсек ООН Гутерриш призвал талибов соблюдать права женщин.",
     [("Гутерриш", "person:antonio-guterres"), ("талибов", "org:taliban")]),
    ("tr", "Esad'ın Hamaney ile görüşmesinin ardından Hizbullah açıklama yaptı.",
     [("Esad", "person:bashar-al-assad"), ("Hamaney", "person:ali-khamenei"), ("Hizbullah", "org:hezbollah")]),
    ("tr", "Zelenskiy, Kuleba ve Şoygu aynı gün konuştu; IŞİD saldırıyı üstlendi.",
     [("Zelenskiy", "person:volodymyr-zelensky"), ("Kuleba", "person:dmytro-kuleba"), ("Şoygu", "person:sergei-shoigu"),
      ("IŞİD", "org:isis")]),
    ("es", "Zelenski pidió ayuda a la OTAN mientras los talibanes tomaban Kabul.",
     [("Zelenski", "person:volodymyr-zelensky"), ("OTAN", "org:nato"), ("talibanes", "org:taliban")]),
    ("es", "Jamenei y Hezbolá acusaron a Israel; el Estado Islámico reivindicó el ataque.",
     [("Jamenei", "person:ali-khamenei"), ("Hezbolá", "org:hezbollah"), ("Estado Islámico", "org:isis")]),
    ("es", "Los hutíes atacaron un buque y Asad recibió a Lavrov en Damasco.",
     [("hutíes", "org:houthis"), ("Asad", "person:bashar-al-assad"), ("Lavrov", "person:sergey-lavrov")]),
    ("it", "Gheddafi fu ucciso nel 2011; oggi i talebani governano l'Afghanistan.",
     [("Gheddafi", "person:muammar-gaddafi"), ("talebani", "org:taliban")]),
    ("it", "Zelensky ha incontrato Meloni, mentre la Croce Rossa portava aiuti a Gaza.",
     [("Zelensky", "person:volodymyr-zelensky"), ("Croce Rossa", "org:ngo-icrc")]),
]


def _mentions(lang: str, text: str) -> list[tuple[str, str]]:
    article = Article(id="x", path="-", format="text", text=text, language=lang, published="2022-03-01",
                      published_precision="day")
    res = resolve(article, annotate(article))
    return [(text[m.start : m.end], m.entity_id) for m in res.mentions]


@pytest.mark.parametrize("lang,text,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_people_and_groups_in_each_language(lang: str, text: str, expected: list) -> None:
    found = _mentions(lang, text)
    for pair in expected:
        assert pair in found, (pair, found)


def test_russian_surnames_decline_as_surnames() -> None:
    ru = profile("ru")
    assert {"Лаврова", "Лаврову", "Лавровым", "Лаврове"} <= set(forms.name_forms("Лавров", ru, person=True))
    assert "Лавровом" not in forms.name_forms("Лавров", ru, person=True)
    assert {"Эрдогана", "Эрдогану", "Эрдоганом"} <= set(forms.name_forms("Эрдоган", ru, person=True))
    assert {"Зеленского", "Зеленскому", "Зеленским"} <= set(forms.name_forms("Зеленский", ru, person=True))
    assert {"Захаровой", "Захарову"} <= set(forms.name_forms("Захарова", ru, person=True))
    kb = load_knowledge()
    for word in ("Эрдоган", "Эрдогана", "Эрдогану", "Эрдоганом"):
        assert [p.id for p in kb.lookup(word, "ru")] == ["recep-tayyip-erdogan"], word


def test_a_name_of_one_language_is_not_matched_in_another() -> None:
    kb = load_knowledge()
    assert [p.id for p in kb.lookup("Jamenei", "es")] == ["ali-khamenei"]
    assert not kb.lookup("Jamenei", "it") and not kb.lookup("Jamenei")
    assert [p.id for p in kb.lookup("Esad", "tr")] == ["bashar-al-assad"] and not kb.lookup("Esad", "es")
    assert not kb.lookup("Gheddafi", "tr") and not kb.lookup("Эрдоганом", "es")
    # in a sentence: the Spanish "Asad" is not an actor in Italian text
    assert ("Asad", "person:bashar-al-assad") not in _mentions("it", "Asad è un nome che si legge nei giornali.")


def test_common_words_are_not_people() -> None:
    found = _mentions("ar", "قال المسؤول إن السبب الرئيسي هو الوضع الروحاني في القاعدة العسكرية.")
    assert not [m for m in found if m[1].startswith("person:") or m[1] == "org:al-qaeda"], found


@pytest.mark.parametrize("line,message", [
    ('{"person": "no-such-person", "names": {"ru": ["Никто"]}}', "unknown person 'no-such-person'"),
    ('{"person": "vladimir-putin", "nmes": {"ru": ["Путин"]}}', "unknown field"),
    ('{"person": "vladimir-putin", "names": {"zz": ["Putin"]}}', "has no profile"),
    ('{"person": "person:vladimir-putin", "names": {"ru": ["Путлер"]}}', None),
])
def test_a_bad_person_record_says_what_to_fix(tmp_path: Path, line: str, message: str | None) -> None:
    path = tmp_path / "lang_mine.jsonl"
    path.write_text(line + "\n", "utf-8")
    if message is None:
        assert [p.id for p in load_knowledge([tmp_path]).lookup("Путлера", "ru")] == ["vladimir-putin"]
        return
    with pytest.raises(ConfigError, match=message) as err:
        load_knowledge([tmp_path])
    assert "lang_mine.jsonl: line 1" in str(err.value)
