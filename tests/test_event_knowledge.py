"""The event knowledge shipped in storyline/knowledge/events: validation, coverage, and
that our example sentences are our own (none taken from the PLOVER gold set)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.knowledge.events import (
    CAMEO_EXCEPTIONS,
    EVENTS_DIR,
    MODES,
    PLOVER_TYPES,
    STATUSES,
    load_event_knowledge,
    plover_for_cameo,
    triggers_for,
    validate_records,
)
from conftest import shared_path


@pytest.fixture(scope="module")
def ek():
    return load_event_knowledge()


# --------------------------------------------------------------------------- the files


def test_every_file_starts_with_meta():
    for name in ("cameo", "triggers", "modality", "examples"):
        first = json.loads((EVENTS_DIR / f"{name}.jsonl").read_text("utf-8").splitlines()[0])
        meta = first["_meta"]
        assert {"what", "source", "compiled"} <= meta.keys(), name


def test_loads_once_and_is_cached():
    # (its load time is measured in bench/bench_pipeline.py's warm-up, not asserted here)
    from storyline.knowledge.events import _load_cached

    _load_cached.cache_clear()
    first = load_event_knowledge()
    assert load_event_knowledge() is first


def test_cameo_covers_every_root_and_the_conversion_table(ek):
    roots = {f"{n:02d}" for n in range(1, 21)}
    assert roots <= ek.cameo_codes.keys()
    assert len(ek.cameo_codes) >= 300
    assert plover_for_cameo("042") == ("CONSULT", "visit", None)
    assert plover_for_cameo("0841") == ("RETREAT", "release", "legal")
    assert ek.cameo("01").plover is None and ek.cameo("020").plover is None  # dropped by PLOVER
    assert ek.cameo("19").plover == "ASSAULT"  # old name FIGHT
    assert ek.cameo("091").plover == "ACCUSE"  # old name INVESTIGATE
    for code, rec in ek.cameo_codes.items():
        if rec.parent:
            assert rec.parent in ek.cameo_codes, code


def test_conversion_table_agrees_with_cameo_file(ek):
    table = shared_path("data", "plover-gsr", "reference", "CAMEO2PLOVER-2021.txt")
    for line in table.read_text("utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*(\w+)", line)
        if m:
            assert ek.cameo(m.group(1)).plover == m.group(2), line


# --------------------------------------------------------------------------- counts


def test_at_least_40_examples_per_type_and_120_negatives(ek):
    counts = Counter(e.type for e in ek.all_examples)
    for typ in PLOVER_TYPES:
        assert counts[typ] >= 40, typ
    assert counts[None] >= 120


def test_examples_cover_french_and_every_status(ek):
    exs = ek.all_examples
    french = [e for e in exs if e.lang == "fr"]
    assert 0.12 <= len(french) / len(exs) <= 0.25
    assert {e.type for e in french} >= set(PLOVER_TYPES)
    assert {e.status for e in exs if e.type} == set(STATUSES)
    assert len(ek.examples(type=None)) == Counter(e.type for e in exs)[None]
    assert all(e.lang == "fr" for e in ek.examples(lang="fr", type="CONSULT"))


def test_every_type_has_20_triggers_in_both_languages(ek):
    counts = Counter(t.type for t in ek.triggers)
    for typ in PLOVER_TYPES:
        assert counts[typ] >= 20, typ
        assert any(t.lang == "fr" for t in ek.triggers if t.type == typ), typ
    assert len(ek.triggers) >= 400


def test_trigger_cameo_codes_exist_and_map_to_the_trigger_type(ek):
    for t in ek.triggers + tuple(e for e in ek.all_examples if e.type):
        if t.cameo is None:
            continue
        plover = ek.cameo(t.cameo).plover
        documented = any(t.cameo.startswith(p) and typ == t.type for p, (typ, _) in CAMEO_EXCEPTIONS.items())
        assert plover == t.type or documented, (t, plover)
        assert t.mode is None or t.mode in MODES[t.type]


def test_lookups(ek):
    assert [t.type for t in triggers_for("Meet", "en")] == ["CONSULT"]
    assert {t.type for t in ek.triggers_for("strike", "en")} == {"PROTEST", "ASSAULT"}
    assert {t.type for t in ek.triggers_for("cessez-le-feu")} == {"RETREAT"}
    assert "reporté" in ek.status_cues("fr")["cancelled"]
    assert "postponed" in ek.status_cues("en")["cancelled"]
    assert "selon" in ek.attribution_cues("fr") and "according to" in ek.attribution_cues("en")
    assert "never" in ek.negation_cues("en")
    assert {c.cue for c in ek.morph_cues("fr")} >= {"Tense=Fut", "Mood=Cnd"}
    with pytest.raises(KeyError, match="unknown CAMEO code"):
        ek.cameo("999")


def test_requires_and_not_with():
    labour = next(t for t in triggers_for("strike", "en") if t.type == "PROTEST" and t.pos == "NOUN")
    assert labour.allowed("Teachers' unions called a general strike.")
    assert not labour.allowed("An air strike hit the depot.")
    phone = next(t for t in triggers_for("call", "en") if t.type == "CONSULT")
    assert phone.allowed("The two leaders held a phone call on Monday.")
    assert not phone.allowed("The two leaders called for calm.")


# --------------------------------------------------------------------------- validation


def _trigger(**kw):
    rec = {"lemma": "meet", "pos": "VERB", "lang": "en", "type": "CONSULT", "cameo": "040"}
    rec.update(kw)
    return rec


@pytest.mark.parametrize(
    "rec, message",
    [
        (_trigger(type="DEMAND"), "old PLOVER name: write REQUEST"),
        (_trigger(type="TALK"), "unknown PLOVER type 'TALK'"),
        (_trigger(cameo="999"), "unknown CAMEO code '999'"),
        (_trigger(cameo=42), "unknown CAMEO code 42"),
        (_trigger(cameo="190"), "maps to ASSAULT, not CONSULT"),
        (_trigger(mode="phonecall"), "mode 'phonecall' is not a CONSULT mode"),
        (_trigger(pos="ADJ"), "pos 'ADJ'"),
        (_trigger(lemma="hold talks"), "make pos PHRASE"),
        (_trigger(lang="nl"), "unknown lang 'nl'"),  # a language without a profile in storyline/languages
        (_trigger(context="sports"), "unknown context 'sports'"),
        (_trigger(requires="phone"), "'requires' must be a list"),
        (_trigger(args={"source": "subject"}), "'args' must be an object"),
        (_trigger(colour="red"), "unknown field(s) colour"),
        ({"lemma": "meet", "pos": "VERB", "lang": "en"}, "missing field(s) type"),
    ],
)
def test_bad_trigger_records(rec, message):
    with pytest.raises(ConfigError, match=re.escape(message)) as info:
        validate_records("triggers", [rec], path="mine.jsonl")
    assert "mine.jsonl: line 1" in str(info.value)


@pytest.mark.parametrize(
    "rec, message",
    [
        ({"text": "They met.", "lang": "en", "type": "CONSULT", "status": "done"}, "bad status 'done'"),
        ({"text": "They met.", "lang": "en", "type": "CONSULT"}, "missing field(s) status"),
        ({"text": "Nice day.", "lang": "en", "type": None, "status": "occurred"}, "has status null"),
        ({"text": "", "lang": "en", "type": None, "status": None}, "'text' must be a non-empty string"),
        ({"text": "They met.", "lang": "en", "type": "CONSULT", "status": "occurred", "cameo": "0841"},
         "maps to RETREAT, not CONSULT"),
    ],
)
def test_bad_example_records(rec, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        validate_records("examples", [rec])


def test_bad_modality_and_duplicates():
    with pytest.raises(ConfigError, match="needs 'status'"):
        validate_records("modality", [{"cue": "will", "lang": "en", "kind": "status", "match": "word"}])
    with pytest.raises(ConfigError, match="kind 'mood'"):
        validate_records("modality", [{"cue": "will", "lang": "en", "kind": "mood", "match": "word"}])
    with pytest.raises(ConfigError, match="line 2: duplicate of .* line 1"):
        validate_records("triggers", [_trigger(), _trigger()])
    with pytest.raises(ConfigError, match="2-4 digits"):
        validate_records("cameo", [{"code": "4", "name": "x", "plover": None}])


def test_extension_directory(tmp_path: Path):
    meta = json.dumps({"_meta": {"what": "mine", "source": "me", "compiled": "2026-11-24"}})
    good = json.dumps(_trigger(lemma="palaver", type="CONSULT"))
    (tmp_path / "triggers-mine.jsonl").write_text(f"{meta}\n{good}\n", "utf-8")
    ek = load_event_knowledge(extra_dirs=[tmp_path])
    assert [t.type for t in ek.triggers_for("palaver", "en")] == ["CONSULT"]
    assert "triggers-mine.jsonl" in ek.sources

    bad = json.dumps(_trigger(lemma="parley", cameo="1234"))
    (tmp_path / "triggers-mine.jsonl").write_text(f"{meta}\n{good}\n{bad}\n", "utf-8")
    with pytest.raises(ConfigError, match=r"triggers-mine\.jsonl: line 3: CAMEO 1234 .* maps to REJECT"):
        load_event_knowledge(extra_dirs=[tmp_path])

    (tmp_path / "triggers-mine.jsonl").write_text(f"{good}\n", "utf-8")
    with pytest.raises(ConfigError, match="line 1: the first record must be"):
        load_event_knowledge(extra_dirs=[tmp_path])

    (tmp_path / "triggers-mine.jsonl").write_text(f"{meta}\n{{not json\n", "utf-8")
    with pytest.raises(ConfigError, match="line 2 is not valid JSON"):
        load_event_knowledge(extra_dirs=[tmp_path])

    with pytest.raises(ConfigError, match="directory not found"):
        load_event_knowledge(extra_dirs=[tmp_path / "nope"])


# --------------------------------------------------------------------------- our own sentences


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def test_no_example_is_taken_from_the_gold_set(ek):
    gold = json.loads(shared_path("data", "plover-gsr", "dev.json").read_text("utf-8"))
    gold_texts = [_words(g["text"]) for g in gold if g.get("text")]
    grams = set()
    for g in gold_texts:
        w = g.split()
        grams |= {tuple(w[i:i + 8]) for i in range(len(w) - 7)}
    for e in ek.all_examples:
        mine = _words(e.text)
        assert not any(mine == g or mine in g or g in mine for g in gold_texts), e.text
        w = mine.split()
        assert not grams & {tuple(w[i:i + 8]) for i in range(len(w) - 7)}, e.text


def test_phrase_matching_skips_determiners_and_small_gaps():
    from storyline.knowledge.events import match_phrase

    sever = next(t for t in triggers_for("sever tie", "en"))
    lemmas = "bolivia sever diplomatic tie with israel".split()
    texts = "bolivia severed diplomatic ties with israel".split()
    assert match_phrase(sever.words, lemmas, texts) == (1, 4)
    lever = next(t for t in triggers_for("lever le couvre-feu", "fr"))
    assert lever.words == ("lever", "couvre-feu")
    texts = "le haut-commissariat a levé le couvre-feu à nouméa".split()
    lemmas = "le haut-commissariat avoir lever le couvre-feu à nouméa".split()
    assert match_phrase(lever.words, lemmas, texts) == (3, 6)
    far = "bolivia sever its long and very old tie".split()
    assert match_phrase(sever.words, far, far) is None
