"""The English trigger vocabulary converted from the PETRARCH2 CAMEO verb dictionary
(storyline/knowledge/events/petrarch_triggers.jsonl, convert_petrarch.py): the shipped file is
well-formed and is what the converter makes, the converter's rules on a small dictionary we
write, our hand-written triggers overriding it, and verbs only it knows coding sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.knowledge.events import EVENTS_DIR, PLOVER_TYPES, load_event_knowledge
from storyline.knowledge.events.convert_petrarch import OUT_PATH, VERB_FILE, convert, parse
from conftest import shared_path


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def ek():
    return load_event_knowledge()


# --------------------------------------------------------------------------- the shipped file


def test_shipped_file_is_well_formed():
    meta, *records = _lines(OUT_PATH)
    meta = meta["_meta"]
    assert {"what", "source", "licence", "compiled", "format"} <= meta.keys()
    assert VERB_FILE in meta["source"] and "PETRARCH2" in meta["source"] and "Phoenix" in meta["source"]
    assert meta["licence"].startswith("MIT License, Copyright (c)") and "Open Event Data" in meta["licence"]
    assert len(records) > 1000
    assert {r["pos"] for r in records} == {"VERB", "PHRASE"}
    assert {r["lang"] for r in records} == {"en"}
    assert {r["type"] for r in records} <= set(PLOVER_TYPES)
    # CAMEO 01 (statements) and 02 (appeals) have no PLOVER type: none of them is imported
    assert not [r for r in records if r["cameo"].startswith(("01", "02"))]
    assert len({(r["lemma"], r["pos"]) for r in records}) == len(records)
    assert all(r["lemma"] == r["lemma"].lower() and (" " in r["lemma"]) == (r["pos"] == "PHRASE") for r in records)


def test_shipped_file_loads_and_is_validated(ek):
    assert "petrarch_triggers.jsonl" in ek.sources
    imported = {(t.lemma, t.pos) for t in ek.triggers if t.lang == "en"}
    assert ("besiege", "VERB") in imported and ("impose curfew", "PHRASE") in imported


def test_shipped_file_is_the_converters_output():
    """Rerunning the converter on the dictionary gives the shipped records (the date aside)."""
    folder = shared_path("data", "petrarch2-dictionaries")
    meta, records, report = convert(folder)
    shipped_meta, *shipped = _lines(OUT_PATH)
    assert records == shipped, "rerun: python -m storyline.knowledge.events.convert_petrarch " + str(folder)
    assert {k: v for k, v in meta.items() if k != "compiled"} == \
        {k: v for k, v in shipped_meta["_meta"].items() if k != "compiled"}
    assert report["records"] == len(records) and report["patterns_used"] > 1000
    assert report["skipped"]["pattern: words or target before the verb"] > 0


# --------------------------------------------------------------------------- the converter's rules

DICTIONARY = """\
# a dictionary in PETRARCH's format, written for this test
####### SYNONYM SETS #######

&CEASEFIRE
+TRUCE
+ARMISTICE

&NAMES
+A1
+A2

####### VERB PATTERNS #######

--- BESIEGE [190] ---
BESIEGE
ENCIRCLE
SURROUND [191]
+CLOSE_IN {+CLOSED_IN +CLOSES_IN}
- * TOWN [190]  # BESIEGE <test>
- * SANCTIONS ON + [163]  # SURROUND
- WILL * TOWN [138]  # BESIEGE
- * ^ TOWN [192]
- * RESUM [192]
- * CITY [---]
- * CITY [010]
- * + TO DO MORE THINGS [192]
- * TOWN SQUARE [192]

--- DECLARE [010] ---
DECLARE
- * &CEASEFIRE [0871]

--- GO_SOMEWHERE [040] ---
DEPART
TOUR
"""


def test_converter_rules_on_a_small_dictionary(tmp_path: Path):
    (tmp_path / VERB_FILE).write_text(DICTIONARY, "utf-8")
    (tmp_path / "LICENSE").write_text("The MIT License (MIT)\n\nCopyright (c) 2015 Test Holder\n", "utf-8")
    meta, records, report = convert(tmp_path, is_word=lambda w: w != "resum")
    got = {(r["lemma"], r["pos"]): (r["type"], r["cameo"]) for r in records}
    assert meta["licence"] == "MIT License, Copyright (c) 2015 Test Holder"
    # the block's head with the block's code; a verb with its own code; a multi-word verb
    assert got[("besiege", "VERB")] == ("ASSAULT", "190")
    assert got[("surround", "VERB")] == ("COERCE", "191")
    assert got[("close in", "PHRASE")] == ("ASSAULT", "190")
    # a synonym that merely inherits the block's code does not stand alone; nor does a
    # statement verb (CAMEO 01) or any verb of a block named after a concept
    assert ("encircle", "VERB") not in got and ("declare", "VERB") not in got
    assert ("depart", "VERB") not in got and ("tour", "VERB") not in got
    # patterns: the pattern's own code; the target's preposition kept
    assert got[("surround sanctions", "PHRASE")] == ("SANCTION", "163")
    assert next(r for r in records if r["lemma"] == "surround sanctions")["args"] == {"target_preps": ["on"]}
    # a verb whose own code is dropped keeps its patterns of another code; sets expanded
    assert got[("declare truce", "PHRASE")] == got[("declare armistice", "PHRASE")] == ("RETREAT", "0871")
    # skipped, each counted once with its reason
    assert ("besiege town", "PHRASE") not in got  # same type as the verb alone
    skipped = report["skipped"]
    assert skipped["pattern: same type as its verb alone (redundant)"] == 1
    assert skipped["pattern: words or target before the verb"] == 1
    assert skipped["pattern: skip marker ^"] == 1
    assert skipped["pattern: a word no dictionary knows (TABARI stem)"] == 1
    assert skipped["pattern: [---] (codes nothing)"] == 1
    assert skipped["pattern: CAMEO code without PLOVER type (01, 02)"] == 1
    assert skipped["pattern: actor slot between words"] == 1
    assert skipped["pattern: more than one word after the verb"] == 1
    assert skipped["verb: CAMEO code without PLOVER type (01, 02)"] == 1
    assert skipped["verb: synonym inheriting its block's code (patterns only)"] == 3
    assert report["patterns_used"] == 2


def test_parse_reads_sets_blocks_and_irregular_forms(tmp_path: Path):
    (tmp_path / VERB_FILE).write_text(DICTIONARY, "utf-8")
    synsets, blocks = parse(tmp_path / VERB_FILE)
    assert synsets["CEASEFIRE"] == ["truce", "armistice"]
    besiege = blocks[0]
    assert (besiege.name, besiege.code) == ("BESIEGE", "190")
    assert [v.words for v in besiege.verbs] == [("besiege",), ("encircle",), ("surround",), ("close", "in")]
    assert besiege.patterns[0].origin == ["BESIEGE"] and besiege.patterns[1].origin == ["SURROUND"]


# --------------------------------------------------------------------------- ours win


def test_hand_written_triggers_override_imported_ones(ek):
    imported = {(r["lemma"], r["pos"]): r for r in _lines(OUT_PATH)[1:]}
    # PETRARCH codes "agree" 050 (diplomatic cooperation): our AGREE wins
    assert imported[("agree", "VERB")]["type"] == "SUPPORT"
    assert {t.type for t in ek.triggers_for("agree", "en") if t.pos == "VERB"} == {"AGREE"}
    # a phrase that begins with one of our phrases is ours to decide ("call for" is a REQUEST)
    assert ("call for sanction", "PHRASE") in imported
    assert not [t for t in ek.phrases("en") if t.lemma == "call for sanction"]
    # an imported phrase whose verb we code the same way unconditionally adds nothing
    hand = _lines(EVENTS_DIR / "triggers.jsonl")[1:]
    ours = {(r["lemma"], r["type"]) for r in hand if r["pos"] == "VERB" and not r.get("requires") and r["lang"] == "en"}
    assert ("attack", "ASSAULT") in ours and ("attack camp", "PHRASE") in imported
    hand_phrases = {r["lemma"] for r in hand if r["pos"] == "PHRASE"}
    kept = [t for t in ek.phrases("en") if t.lemma not in hand_phrases]
    assert kept and not [t.lemma for t in kept if (t.words[0], t.type) in ours]


def test_an_extension_file_overrides_an_imported_verb(tmp_path: Path):
    assert {t.type for t in load_event_knowledge().triggers_for("besiege", "en")} == {"ASSAULT"}
    meta = json.dumps({"_meta": {"what": "mine", "source": "me", "compiled": "2026-12-02"}})
    mine = {"lemma": "besiege", "pos": "VERB", "lang": "en", "type": "COERCE", "cameo": "191"}
    (tmp_path / "triggers-mine.jsonl").write_text(f"{meta}\n{json.dumps(mine)}\n", "utf-8")
    assert [t.type for t in load_event_knowledge(extra_dirs=[tmp_path]).triggers_for("besiege", "en")] == ["COERCE"]


# --------------------------------------------------------------------------- sentences we wrote

# Verbs and phrases our hand lexicon lacks, in sentences written for this test.
SENTENCES = [
    ("Turkish troops besieged the Syrian border town of Tal Abyad for three weeks.", "ASSAULT"),
    ("The European Union blacklisted three Iranian banks on Monday.", "SANCTION"),
    ("Colombian police apprehended the former mayor of Cali for fraud.", "COERCE"),
    ("Russia amassed troops along its border with Ukraine in the spring.", "MOBILIZE"),
    ("The Indian government voiced disapproval of the Chinese dam project on the Brahmaputra.", "ACCUSE"),
    ("The Chinese foreign minister lauded Pakistan for its role in the negotiations.", "SUPPORT"),
]


@pytest.mark.parametrize("text,expected", SENTENCES)
def test_imported_vocabulary_codes_sentences(text, expected):
    from storyline.stages.code import code_text

    events = code_text(text)
    assert events, text
    assert max(events, key=lambda e: e.confidence).type == expected
