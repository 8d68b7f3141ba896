"""Who acts and who undergoes, without a parse: the nearest names read the grammar (code.v34).

Italian, Russian, Arabic and Turkish have no parser: the classifier gives an event's type and
the names around the trigger its actors (``stages/code/proposal.py``). The case a name is in —
a preposition, a case suffix, a case ending, a postposition, a passive's agent, a clause a
speech verb reports — tells which of them is the source. The sentences are the developers' own.
"""

from __future__ import annotations

import pytest

from storyline.evaluate.plover import main_event
from storyline.languages import profile
from storyline.models import Mention
from storyline.stages.code import code_texts
from storyline.stages.code.proposal import _agent, _compass_place, _marked, attribution_zones


def mention(text: str, word: str) -> Mention:
    at = text.index(word)
    return Mention(article_id="t", start=at, end=at + len(word), text=word, kind="actor", entity_id="X",
                   sentence=0, via="exact")


def roles(lang: str, texts: list[str]) -> list[tuple[list[str], list[str]]]:
    """(source words, target words) of each text's main event."""
    out = []
    for text, events in zip(texts, code_texts(texts, language=lang)):
        main = main_event(list(events))
        assert main is not None, text
        out.append(([text[a:b] for a, b in main.source_spans], [text[a:b] for a, b in main.target_spans]))
    return out


def covers(found: list[str], word: str) -> bool:
    return any(word in f or f in word for f in found)


# -- the case a name is in ------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,word,marked", [
    # Turkish: the accusative suffix is an object's, a postposition after the name marks it
    ("tr", "Türkiye'yi anlaşmayı ihlal etmekle Rusya suçladı.", "Türkiye", True),
    ("tr", "Türkiye'yi anlaşmayı ihlal etmekle Rusya suçladı.", "Rusya", False),
    ("tr", "Putin ile telefonda görüşen Erdoğan durumu değerlendirdi.", "Putin", True),
    ("tr", "Putin ile telefonda görüşen Erdoğan durumu değerlendirdi.", "Erdoğan", False),
    # "ile" between two names joins them: no postposition
    ("tr", "Türkiye ile Rusya arasındaki görüşmeler yapıldı.", "Türkiye", False),
    # a bare name takes the case of the noun it qualifies
    ("tr", "Binlerce gösterici Irak hükümetine karşı gösteri düzenledi.", "Irak", True),
    ("tr", "Türk askerleri Kürt savaşçılara saldırdı.", "Türk", False),
    ("tr", "Türk askerleri Kürt savaşçılara saldırdı.", "Kürt", True),
    # a genitive name: the first possessed noun after it decides
    ("tr", "İsrail'in Gazze'ye yönelik saldırısını Türkiye kınadı.", "İsrail", True),
    ("tr", "Rusya'nın Ankara Büyükelçisi, Türk yetkililerle görüştü.", "Rusya", False),
    # Russian case endings: the accusative and dative are no subject's, the genitive may be
    ("ru", "Турцию в нарушении договорённостей обвинила Россия.", "Турцию", True),
    ("ru", "Турцию в нарушении договорённостей обвинила Россия.", "Россия", False),
    ("ru", "Украине военную помощь оказали США.", "Украине", True),
    ("ru", "МИД России заявил о поддержке переговоров.", "России", False),
    # a preposition before the name, as before
    ("it", "All'Ucraina gli aiuti li hanno dati gli Stati Uniti.", "Ucraina", True),
])
def test_a_name_out_of_the_subjects_case_is_marked(lang: str, text: str, word: str, marked: bool) -> None:
    assert _marked(text, 0, mention(text, word), profile(lang)) is marked


@pytest.mark.parametrize("lang,text,word,agent", [
    ("tr", "Rusya, Ukrayna tarafından ateşkesi ihlal etmekle suçlandı.", "Ukrayna", True),
    ("tr", "Rusya, Ukrayna tarafından ateşkesi ihlal etmekle suçlandı.", "Rusya", False),
    ("ar", "اتُّهمت روسيا من قبل أوكرانيا بانتهاك وقف إطلاق النار.", "أوكرانيا", True),
    ("ar", "قتل جنديان على يد مسلحي داعش.", "داعش", True),
    ("ru", "Россия была обвинена Украиной в нарушении перемирия.", "Украиной", True),
    # the instrumental after a preposition is a partner, not a passive's doer
    ("ru", "Россия была готова к переговорам с Украиной.", "Украиной", False),
    # no passive auxiliary: the instrumental is no doer either
    ("ru", "Путин обменялся мнениями с Эрдоганом и Ираном.", "Ираном", False),
    ("it", "La Russia è stata accusata dall'Ucraina di aver violato la tregua.", "Ucraina", True),
    # Italian "da" is also "from": only after a passive auxiliary is it the doer's
    ("it", "La Russia ha ritirato le sue truppe dalla Siria.", "Siria", False),
])
def test_the_doer_of_a_passive(lang: str, text: str, word: str, agent: bool) -> None:
    assert _agent(text, 0, mention(text, word), profile(lang)) is agent


@pytest.mark.parametrize("lang,text,word,place", [
    ("it", "Le truppe turche hanno attaccato i curdi nel nord della Siria.", "Siria", True),
    ("ru", "Турецкие военные атаковали курдов на севере Сирии.", "Сирии", True),
    ("ar", "هاجمت القوات التركية مقاتلين في شمال سوريا.", "سوريا", True),
    ("tr", "Türk askerleri Suriye'nin kuzeyinde Kürt savaşçılara saldırdı.", "Suriye", True),
    # the north of Syria attacked is no place of the act
    ("tr", "Türk askerleri Suriye'nin kuzeyine saldırdı.", "Suriye", False),
    ("it", "Le truppe turche hanno attaccato la Siria.", "Siria", False),
])
def test_a_name_in_a_compass_phrase_is_where(lang: str, text: str, word: str, place: bool) -> None:
    assert _compass_place(text, 0, mention(text, word), profile(lang), lang) is place


def test_an_attribution_postposition_without_a_comma_leaves_the_act_its_part() -> None:
    text = "Suriye İnsan Hakları Gözlemevi'ne göre Türk uçakları Kürt mevzilerini vurdu."
    assert [text[a:b] for a, b in attribution_zones(text, 0, len(text), "tr")] == ["Suriye İnsan Hakları Gözlemevi'ne göre"]
    text = "По мнению Москвы, Киев нарушил перемирие."
    assert [text[a:b] for a, b in attribution_zones(text, 0, len(text), "ru")] == ["По мнению Москвы,"]


# -- the events ------------------------------------------------------------------------------------

def test_a_country_in_the_title_of_the_person_named_after_it_is_no_actor() -> None:
    # "Fransa Cumhurbaşkanı Emmanuel Macron": the person acts (English "French President
    # Emmanuel Macron" is one actor), and the person after the second title is the target
    (src, tgt), = roles("tr", ["Fransa Cumhurbaşkanı Emmanuel Macron, Mısır Cumhurbaşkanı Abdulfettah Sisi'yi Paris'te ağırladı."])
    assert covers(src, "Emmanuel Macron") and not covers(src, "Fransa")
    assert covers(tgt, "Sisi")
    (src, _tgt), = roles("tr", ["Yunanistan Başbakanı Kiryakos Miçotakis, Türkiye'yi Ege'de gerginliği artırmakla suçladı."])
    assert covers(src, "Kiryakos Miçotakis")
    # a title the knowledge does not know, written in capitals before the name
    (src, _tgt), = roles("tr", ["ABD Başkanı Joe Biden, İran'a karşı yeni yaptırımlar uygulanacağını duyurdu."])
    assert covers(src, "Joe Biden") and not covers(src, "ABD")
    # a country right before a person, no title between, is the act's own ("Türkiye Putin'i")
    (src, tgt), = roles("tr", ["Türkiye Putin'i sert bir dille eleştirdi ve yaptırım tehdidinde bulundu."])
    assert covers(src, "Türkiye") and covers(tgt, "Putin")
    (src, _tgt), = roles("ru", ["Москва поддержала президента Сирии Башара Асада в борьбе с боевиками."])
    assert covers(src, "Москва")  # the title is the object's, the subject stays


@pytest.mark.parametrize("lang,text,source,target", [
    ("tr", "Rusya, Ukrayna tarafından ateşkesi ihlal etmekle suçlandı.", "Ukrayna", "Rusya"),
    ("tr", "Ukrayna heyeti Çin Devlet Başkanı Şi Cinping tarafından kabul edildi.", "Şi Cinping", "Ukrayna"),
    ("ar", "اتُّهمت روسيا من قبل أوكرانيا بانتهاك وقف إطلاق النار.", "أوكرانيا", "روسيا"),
    ("ru", "Россия была обвинена Украиной в нарушении перемирия.", "Украиной", "Россия"),
    ("it", "La Turchia è stata accusata dalla Russia di violare gli accordi.", "Russia", "Turchia"),
])
def test_the_doer_of_a_passive_is_the_source_and_its_subject_the_target(lang: str, text: str, source: str, target: str) -> None:
    (src, tgt), = roles(lang, [text])
    assert covers(src, source) and covers(tgt, target), (src, tgt)


@pytest.mark.parametrize("lang,text,source,target", [
    # the object or the partner first, the subject after it
    ("tr", "Türkiye'yi anlaşmayı ihlal etmekle Rusya suçladı.", "Rusya", "Türkiye"),
    ("tr", "İsrail'in Gazze'ye yönelik saldırısını Türkiye sert bir dille kınadı.", "Türkiye", "İsrail"),
    ("tr", "Putin ile telefonda görüşen Erdoğan, Suriye'deki durumu değerlendirdi.", "Erdoğan", "Putin"),
    ("ru", "Турцию в нарушении договорённостей обвинила Россия.", "Россия", "Турцию"),
    ("ru", "Украине самую большую военную помощь оказали США.", "США", "Украине"),
])
def test_the_subject_is_the_name_in_its_case(lang: str, text: str, source: str, target: str) -> None:
    (src, tgt), = roles(lang, [text])
    assert covers(src, source) and covers(tgt, target), (src, tgt)


@pytest.mark.parametrize("lang,text,source", [
    ("tr", "Lavrov, Rus askerlerinin Ukrayna mevzilerine saldırdığını söyledi.", "Rus"),
    ("tr", "Erdoğan, Türkiye'nin Libya'ya asker göndereceğini söyledi.", "Türkiye"),
    ("ru", "Лавров заявил, что российские войска атаковали украинские позиции.", "российские"),
    ("ar", "قال لافروف إن القوات الروسية هاجمت مواقع أوكرانية.", "الروسية"),
    ("it", "L'Iran ha detto che gli Stati Uniti hanno violato l'accordo.", "Stati Uniti"),
])
def test_a_reported_clause_with_a_subject_tells_that_subjects_act(lang: str, text: str, source: str) -> None:
    # as the rules read English "Lavrov said Russian troops attacked Ukrainian positions"
    (src, _tgt), = roles(lang, [text])
    assert covers(src, source), src


def test_a_reported_clause_whose_subject_is_a_pronoun_is_the_speakers() -> None:
    (src, _tgt), = roles("ar", ["أعلنت موسكو أنها ستسحب قواتها من سوريا خلال الأشهر المقبلة."])
    assert covers(src, "موسكو")


@pytest.mark.parametrize("lang,text,target", [
    ("tr", "İsrail savaş uçakları gece boyunca Gazze'yi vurdu.", "Gazze"),
    ("it", "I jet israeliani hanno colpito Gaza durante la notte.", "Gaza"),
    ("ar", "قصفت الطائرات الإسرائيلية غزة ليلا بالصواريخ.", "غزة"),
])
def test_a_place_the_act_is_aimed_at_is_its_target(lang: str, text: str, target: str) -> None:
    # as the rules read "Israeli jets struck Gaza": the place, as its country, where no actor is named
    (_src, tgt), = roles(lang, [text])
    assert covers(tgt, target), tgt


def test_a_place_where_the_act_happened_is_no_target() -> None:
    # a locative preposition or case suffix that names no target ("in", "'de"); one that is
    # both, as "to" is, may name whom the act goes to ("a Gaza", "إلى غزة") and stands
    (_src, tgt), = roles("it", ["I jet israeliani hanno colpito obiettivi militari in Libano durante la notte."])
    assert not covers(tgt, "Libano")
    (_src, tgt), = roles("tr", ["İsrail savaş uçakları gece boyunca Gazze'de hedefleri vurdu."])
    assert not covers(tgt, "Gazze")


def test_a_name_after_an_elided_article_is_found_inside_a_sentence() -> None:
    # "l'Iran" is also a French alias of Iran, in lower case: the name after the article is
    # found in capitals, and the act against it has its target
    from storyline.knowledge import load_knowledge
    from storyline.stages.annotate import gazetteer_matches

    text = "La Cina ha criticato duramente l'Iran."
    assert [text[a:b] for a, b, _ in gazetteer_matches(text, load_knowledge(), "it")] == ["Cina", "Iran"]
    (_src, tgt), = roles("it", ["Il presidente americano Joe Biden ha annunciato nuove sanzioni contro l'Iran."])
    assert covers(tgt, "Iran")


@pytest.mark.parametrize("lang,text,source", [
    ("it", "Dopo l'attacco di Israele contro Gaza, la Turchia ha richiamato il suo ambasciatore.", "Turchia"),
    ("ar", "بعد الهجوم الإسرائيلي على غزة، استدعت تركيا سفيرها.", "تركيا"),
    ("tr", "İsrail'in Gazze'ye saldırısının ardından, Türkiye İsrail'e yeni yaptırımlar uyguladı.", "Türkiye"),
])
def test_a_name_in_a_fronted_circumstance_is_not_who_acts(lang: str, text: str, source: str) -> None:
    (src, _tgt), = roles(lang, [text])
    assert covers(src, source), src


def test_with_no_name_in_the_subjects_case_the_subject_is_unnamed_where_the_verb_comes_last() -> None:
    # "the government accepted the US demand": the US is whom the act answers, not who acts
    (src, tgt), = roles("tr", ["Hükümet, muhalefet liderinin serbest bırakılması yönündeki ABD talebini kabul etti."])
    assert not src and covers(tgt, "ABD")


def test_a_relative_clause_is_no_reported_clause() -> None:
    # "che" after the name opens a relative clause: the aid is France's, not the refugees'
    (src, tgt), = roles("it", ["La Francia ha annunciato nuovi aiuti alla Polonia, che ha accolto migliaia di rifugiati ucraini."])
    assert covers(src, "Francia") and covers(tgt, "Polonia"), (src, tgt)


def test_a_name_written_like_an_auxiliary_makes_no_passive() -> None:
    # "Stati" of "gli Stati Uniti" is no "stati" of "sono stati": "dalla Francia" is not a doer
    text = "Gli Stati Uniti hanno ricevuto dalla Francia una proposta di accordo."
    assert not _agent(text, 0, mention(text, "Francia"), profile("it"))
