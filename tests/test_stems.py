"""Trigger stems for languages without a parser (knowledge/events/stems_LANG.jsonl) as the
proposer matches them (stages/code/proposal.py): proclitics, verb prefixes, combining marks,
the verb slot of the word order and reversal verbs.

The sentences below were written for these tests; none comes from a gold set.
"""

from __future__ import annotations

import pytest

from storyline.stages.code.proposal import _reversed, _verb_slot, stem_hits


def _types(text: str, lang: str) -> dict[str, str]:
    return {k: v[2] for k, v in stem_hits(text, 0, len(text), lang).items()}


@pytest.mark.parametrize("text,kind,word", [
    ("وتقصف القوات المدينة", "ASSAULT", "وتقصف"),          # proclitic + present prefix + past stem
    ("ستنسحب القوات من المدينة", "RETREAT", "ستنسحب"),       # future prefix, derived verb without its alif
    ("يعتقل الأمن عشرات المحتجين", "COERCE", "يعتقل"),
    ("رحّلت السلطات اللاجئين", None, None),                 # a shadda keeps the word whole (no stem "رح")
    ("ادانت الحكومة التفجير", "ACCUSE", "ادانت"),            # alif written without its hamza
])
def test_arabic_stems_match_inflected_words(text: str, kind: str | None, word: str | None) -> None:
    found = _types(text, "ar")
    if kind is None:
        assert all(" " not in w and len(w) > 2 for w in found.values()), found
    else:
        assert found.get(kind) == word, found


def test_arabic_stems_do_not_fire_on_common_words() -> None:
    for word in ("وزارة", "مصادر", "صادرات", "مستقبل", "تقرير", "تهميش", "الانتخابات", "يستخدم"):
        assert not _types(word, "ar"), (word, _types(word, "ar"))


def test_a_word_keeps_its_marks() -> None:
    text = "حمّلت الحكومة باكستان المسؤولية"
    hits = stem_hits(text, 0, len(text), "ar")
    assert all(text[a:b] == w and " " not in w for a, b, w in hits.values())


def test_the_verb_slot_of_the_word_order() -> None:
    text = "أدانت السعودية الهجوم."
    assert _verb_slot(text, 0, len(text), "VSO") == 0
    tr = "Türkiye saldırıyı kınadı."
    assert tr[_verb_slot(tr, 0, len(tr), "SOV"):].startswith("kınadı")
    assert _verb_slot(text, 0, len(text), "SVO") is None
    dated = "بغداد، 3 مارس 2021 - تظاهر آلاف المحتجين."
    assert dated[_verb_slot(dated, 0, len(dated), "VSO"):].startswith("تظاهر")


def test_a_reversal_verb_makes_the_hostile_stem_a_concession() -> None:
    text = "رفعت الولايات المتحدة العقوبات عن السودان"
    hits = _reversed(text, 0, stem_hits(text, 0, len(text), "ar"), "ar")
    assert "SANCTION" not in hits and hits["RETREAT"][2] == "رفعت"
    plain = "فرضت الولايات المتحدة العقوبات على السودان"
    assert "SANCTION" in _reversed(plain, 0, stem_hits(plain, 0, len(plain), "ar"), "ar")


def test_a_finalising_verb_makes_an_agreement_support() -> None:
    from storyline.stages.code.proposal import _finalized

    text = "وقعت مصر والسعودية اتفاقية للتعاون"
    hits = _finalized(text, 0, stem_hits(text, 0, len(text), "ar"), "ar")
    assert "AGREE" not in hits and hits["SUPPORT"][2] == "وقعت"


def test_the_verb_slot_after_an_opening_subject() -> None:
    from storyline.models import Mention

    text = "الصين تندد بالزيارة."
    subject = Mention(article_id="t", start=0, end=5, text="الصين", kind="actor", entity_id="CHN", sentence=0, via="exact")
    assert text[_verb_slot(text, 0, len(text), "VSO", subject):].startswith("تندد")


def test_an_act_on_the_verbs_word_is_proposed_without_a_named_actor() -> None:
    # no actor is named (protesters), but the verb's own word is a protest and the city a place
    from storyline.stages.code import code_texts, plover_type

    text = "تظاهر آلاف المحتجين في بغداد احتجاجا على الفساد."
    (events,) = code_texts([text], language="ar")
    assert [plover_type(e) for e in events] == ["PROTEST"]
    assert events[0].source == () and events[0].location == "place:baghdad"


def test_a_name_marked_as_place_or_target_is_not_the_subject() -> None:
    from storyline.languages import profile
    from storyline.models import Mention
    from storyline.stages.code.proposal import _marked

    def mention(text: str, word: str) -> Mention:
        at = text.index(word)
        return Mention(article_id="t", start=at, end=at + len(word), text=word, kind="actor", entity_id="X", sentence=0, via="exact")

    ar = "وبالنسبة لإسرائيل قالت مصر إنها ترفض"
    assert _marked(ar, 0, mention(ar, "إسرائيل"), profile("ar")) and not _marked(ar, 0, mention(ar, "مصر"), profile("ar"))
    tr = "Türkiye'ye karşı Rusya açıklama yaptı"
    assert _marked(tr, 0, mention(tr, "Türkiye"), profile("tr")) and not _marked(tr, 0, mention(tr, "Rusya"), profile("tr"))
    es = "Frente a Irán, Arabia Saudí respondió"
    assert _marked(es, 0, mention(es, "Irán"), profile("es")) and not _marked(es, 0, mention(es, "Arabia Saudí"), profile("es"))


@pytest.mark.parametrize("lang,text,zone", [
    ("it", "Secondo fonti citate dalla televisione al-Jazeera, l'esercito siriano ha bombardato Homs.",
     "Secondo fonti citate dalla televisione al-Jazeera,"),
    ("it", "Le forze governative hanno bombardato Jobar, ha riferito l'agenzia Reuters.", " ha riferito l'agenzia Reuters."),
    ("es", "El ejército bombardeó la ciudad, dijo un portavoz de la ONU.", " dijo un portavoz de la ONU."),
    ("en", "Israeli jets struck targets in Gaza overnight, the army said.", " the army said."),
    ("ru", "По словам Лаврова, Россия поддержит переговоры.", "По словам Лаврова,"),
    ("tr", "Reuters'a göre, Türk ordusu Irak'ın kuzeyine saldırdı.", "Reuters'a göre"),
    # where the verb comes last, the reporting verb closes the part that tells the act
    ("tr", "Türkiye, Libya'ya asker göndereceğini açıkladı.", None),
    # the part that opens with its speaker and speech verb is the act's own part
    ("en", "The ministry said, however, that the talks would resume.", None),
])
def test_who_reports_is_no_party_to_the_act(lang: str, text: str, zone: str | None) -> None:
    from storyline.stages.code.proposal import attribution_zones

    found = [text[a:b] for a, b in attribution_zones(text, 0, len(text), lang)]
    assert found == ([zone] if zone else []), found


def test_the_reporting_outlet_is_not_the_target_without_a_parse() -> None:
    from storyline.stages.code import code_texts

    text = "Secondo fonti citate dalla televisione al-Jazeera, l'esercito siriano ha bombardato la città di Homs."
    (events,) = code_texts([text], language="it")
    assert events and all("jazeera" not in a.lower() for e in events for a in e.source + e.target), events


@pytest.mark.parametrize("lang,text,word,kind,status", [
    ("it", "I ribelli sono pronti ad attaccare la città.", "attaccare", "ASSAULT", "planned"),
    ("es", "Los rebeldes están dispuestos a atacar la ciudad.", "atacar", "ASSAULT", "planned"),
    ("ar", "تستعد القوات لمهاجمة المدينة.", "تستعد", "ASSAULT", "planned"),    # the cue on the act's own word
    ("tr", "Ordu şehre saldırmaya hazırlanıyor.", "saldırmaya", "ASSAULT", "planned"),  # after it: the verb comes last
    ("tr", "Ordu şehre saldırmaya hazırlanıyor.", "hazırlanıyor", "MOBILIZE", None),  # the readying is the act
    ("it", "L'esercito ha attaccato la città, e i ribelli sono pronti a rispondere.", "attaccato", "ASSAULT", None),
])
def test_a_planning_cue_next_to_the_act_makes_it_planned(lang: str, text: str, word: str, kind: str, status: str | None) -> None:
    from storyline.stages.code.proposal import cue_status

    at = text.index(word)
    assert cue_status(text, 0, at, at + len(word), lang, kind) == status
