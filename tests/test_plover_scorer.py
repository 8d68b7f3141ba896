"""The PLOVER scorer's arithmetic, with a hand-made coder (this tests the scorer, not the coder)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from storyline.errors import MalformedRecord, NotFound
from storyline.evaluate.plover import (
    actor_code,
    evaluate,
    format_report,
    load_gold,
    main_event,
    map_type,
    normalise_code,
    reliability,
)
from storyline.models import Actor, EventMention

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "plover-gsr" / "dev.json"


def ev(etype: str, source=(), target=(), confidence=0.5, status="occurred", trigger_at=0) -> EventMention:
    return EventMention(
        article_id="a", sentence=0, start=0, end=10, trigger=(trigger_at, trigger_at + 3, "xyz"), type=etype,
        cameo=None, mode=None, context=None, status=status, source=tuple(source), target=tuple(target),
        confidence=confidence,
    )


def rec(rid: str, text: str, event: str, source: list[str], target: list[str]) -> dict:
    return {
        "id": rid, "text": text, "event": event, "date": "2000-01-01",
        "source": [{"actorText": c, "code": c} for c in source],
        "target": [{"actorText": c, "code": c} for c in target],
    }


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    # the texts' parts (storyline.evaluate.split): deux is in the check part, the others in the tune part
    records = [
        {"id": "DOC", "event": "DOCUMENT", "comment": "documents the file"},  # no text: skipped
        rec("r1", "un", "AGREE", ["USA"], ["JAP"]),       # right type, codes right (JAP -> JPN)
        rec("r2", "deux", "FIGHT", ["ISR"], ["PSE"]),       # gold ASSAULT; predicted ASSAULT, target wrong
        rec("r3", "trois", "DEMAND", ["IGO"], ["IRQ"]),    # gold REQUEST; predicted ACCUSE
        rec("r4", "quatre", "REJECT", ["RUS", "TUR"], []),   # nothing predicted
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


ACTORS = {
    "USA-GOV": Actor("USA-GOV", "US government", "group", country="USA", sector="GOV"),
    "person:taro": Actor("person:taro", "Taro", "person", country="JPN"),
    "org:un": Actor("org:un", "United Nations", "igo", sector="IGO"),
    "new:someone": Actor("new:someone", "Someone", "person", origin="text"),
}

PREDICTIONS = {
    "un": [ev("AGREE", ["USA-GOV"], ["person:taro"], confidence=0.9), ev("CONSULT", ["USA-GOV"], confidence=0.3)],
    "deux": [ev("ASSAULT", ["ISR"], ["LBN"], confidence=0.7)],
    "trois": [ev("ACCUSE", ["org:un", "new:someone"], ["IRQ-GOV"], confidence=0.65),
              ev("REQUEST", ["org:un"], ["IRQ"], confidence=0.5, status="planned")],
    "quatre": [],
}


def coder(text: str, date: str | None):
    assert date == "2000-01-01"
    return PREDICTIONS[text], ACTORS


# --------------------------------------------------------------------------- gold


def test_old_type_names_map_to_todays_types() -> None:
    assert [map_type(t) for t in ("DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT")] == [
        "REQUEST", "ACCUSE", "ACCUSE", "ASSAULT"]
    assert map_type("agree") == "AGREE"
    assert map_type("ASSAULT") == "ASSAULT"


def test_legacy_codes_map_to_iso3() -> None:
    assert normalise_code("JAP") == "JPN"
    assert normalise_code("rom") == "ROU"
    assert normalise_code("ZAR") == "COD"
    assert normalise_code("USA") == "USA"
    assert normalise_code("IGO") == "IGO"
    assert normalise_code("") is None and normalise_code(None) is None


def test_load_gold_skips_documentation_and_normalises(gold_file: Path) -> None:
    gold = load_gold(gold_file)
    assert [g.id for g in gold] == ["r1", "r2", "r3", "r4"]
    assert [g.type for g in gold] == ["AGREE", "ASSAULT", "REQUEST", "REJECT"]
    assert gold[1].original_type == "FIGHT"
    assert gold[0].target == frozenset({"JPN"})
    assert gold[3].source == frozenset({"RUS", "TUR"}) and gold[3].target == frozenset()


def test_load_gold_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        load_gold(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(MalformedRecord, match="bad.json"):
        load_gold(bad)
    obj = tmp_path / "obj.json"
    obj.write_text("{}", encoding="utf-8")
    with pytest.raises(MalformedRecord, match="list of records"):
        load_gold(obj)


# --------------------------------------------------------------------------- predictions


def test_actor_code_from_actors_and_from_ids() -> None:
    assert actor_code("USA-GOV", ACTORS) == "USA"
    assert actor_code("person:taro", ACTORS) == "JPN"
    assert actor_code("org:un", ACTORS) == "IGO"
    assert actor_code("new:someone", ACTORS) is None
    # ids not in the mapping are read as the resolver writes them
    assert actor_code("RUS") == "RUS"
    assert actor_code("TUR-MIL") == "TUR"
    assert actor_code("new:whoever") is None
    ngo = {"org:hrw": Actor("org:hrw", "Human Rights Watch", "org", sector="NGO")}
    assert actor_code("org:hrw", ngo) == "NGO"
    assert actor_code("x", {"x": Actor("x", "Firm", "org", sector="BUS")}) is None


def test_actor_code_reads_the_knowledge_base() -> None:
    from storyline.knowledge import load_knowledge

    kb = load_knowledge()
    assert actor_code("org:un", knowledge=kb) == "IGO"
    person = next(p for p in kb.people.values() if p.country)
    assert actor_code(f"person:{person.id}", knowledge=kb) == person.country
    assert actor_code("person:no-such-person", knowledge=kb) is None


def test_main_event_is_highest_confidence_then_complete_then_earliest() -> None:
    assert main_event([]) is None
    a, b = ev("AGREE", confidence=0.4), ev("ASSAULT", confidence=0.8)
    assert main_event([a, b]) is b
    c, d = ev("AGREE", ["USA"], confidence=0.6), ev("REJECT", ["USA"], ["RUS"], confidence=0.6)
    assert main_event([c, d]) is d
    e, f = ev("AGREE", ["USA"], trigger_at=20), ev("REJECT", ["RUS"], trigger_at=5)
    assert main_event([e, f]) is f


# --------------------------------------------------------------------------- metrics


def test_evaluate_metric_arithmetic(gold_file: Path) -> None:
    r = evaluate(gold_file, coder=coder)
    assert r["n_records"] == 4
    assert r["coverage"] == 0.75
    assert r["type_accuracy"] == 0.5  # r1, r2 right; r3 wrong; r4 nothing
    assert r["type_accuracy_covered"] == round(2 / 3, 4)
    assert r["type_accuracy_any"] == 0.75  # r3 has a REQUEST among its events
    assert r["events_predicted"] == 5
    # source: pred {USA},{ISR},{IGO} (new:someone has no code) vs gold {USA},{ISR},{IGO},{RUS,TUR}
    assert (r["source"]["tp"], r["source"]["predicted"], r["source"]["gold"]) == (3, 3, 5)
    assert r["source_precision"] == 1.0 and r["source_recall"] == 0.6 and r["source_f1"] == 0.75
    # target: pred {JPN},{LBN},{IRQ} vs gold {JPN},{PSE},{IRQ},{}
    assert (r["target"]["tp"], r["target"]["predicted"], r["target"]["gold"]) == (2, 3, 3)
    assert r["target_f1"] == round(2 / 3, 4)
    assert (r["codes"]["tp"], r["codes"]["predicted"], r["codes"]["gold"]) == (5, 6, 8)
    assert r["codes_f1"] == round(2 * (5 / 6) * (5 / 8) / (5 / 6 + 5 / 8), 4)
    assert r["unscored_actors"] == 1
    assert r["confusion"] == {
        "AGREE": {"AGREE": 1}, "ASSAULT": {"ASSAULT": 1}, "REQUEST": {"ACCUSE": 1}, "REJECT": {"NONE": 1}}
    assert r["per_type"]["AGREE"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "predicted": 1, "gold": 1}
    assert r["per_type"]["ACCUSE"]["precision"] == 0.0 and r["per_type"]["ACCUSE"]["gold"] == 0
    assert r["per_type"]["REJECT"]["recall"] == 0.0
    assert r["type_macro_f1"] == 0.5  # AGREE 1, ASSAULT 1, REQUEST 0, REJECT 0
    assert r["status"] == {"occurred": 3}
    assert r["status_all"] == {"occurred": 4, "planned": 1}
    details = {d["id"]: d for d in r["records"]}
    assert set(details) == {"r1", "r3", "r4"} and r["records_withheld"] == 1  # r2 is in the check part
    assert details["r1"]["part"] == "tune"
    assert details["r3"]["predicted_type"] == "ACCUSE" and details["r3"]["gold_event"] == "DEMAND"
    assert details["r1"]["predicted_target"] == ["JPN"] and details["r1"]["confidence"] == 0.9
    assert details["r4"]["predicted_type"] is None and details["r4"]["gold_source"] == ["RUS", "TUR"]
    # reliability over the three main events: 0.9 right, 0.7 right, 0.65 wrong
    rows = {row["lo"]: row for row in r["reliability"]}
    assert rows[0.8]["count"] == 1 and rows[0.8]["precision"] == 1.0
    assert rows[0.6]["count"] == 2 and rows[0.6]["precision"] == 0.5 and rows[0.6]["mean_confidence"] == 0.675
    assert r["ece"] == round((1 / 3) * 0.1 + (2 / 3) * 0.175, 4)
    json.dumps(r)  # the result is plain JSON


def test_coder_may_return_events_only(gold_file: Path) -> None:
    r = evaluate(gold_file, coder=lambda text, date: [ev("AGREE", ["USA"], ["JPN"], confidence=1.0)])
    assert r["type_accuracy"] == 0.25
    assert r["reliability"][-1]["count"] == 4  # confidence 1.0 falls in the closed last bin
    assert r["source"]["tp"] == 1 and r["target"]["tp"] == 1


def test_reliability_bins_and_ece() -> None:
    rows, ece = reliability([])
    assert ece == 0.0 and len(rows) == 5 and all(row["count"] == 0 and row["precision"] is None for row in rows)
    pairs = [(0.0, False), (0.19, False), (0.2, True), (0.5, True), (0.5, False), (0.8, True), (1.0, True),
             (1.3, True), (-0.1, False)]
    rows, ece = reliability(pairs)
    assert [row["count"] for row in rows] == [3, 1, 2, 0, 3]
    assert [row["correct"] for row in rows] == [0, 1, 1, 0, 3]
    assert rows[0]["mean_confidence"] == round(0.19 / 3, 4)
    assert rows[4]["mean_confidence"] == round(2.8 / 3, 4)  # 1.3 clipped to 1.0
    expected = (3 * abs(0 - 0.19 / 3) + 1 * abs(1 - 0.2) + 2 * abs(0.5 - 0.5) + 3 * abs(1 - 2.8 / 3)) / 9
    assert ece == round(expected, 4)
    perfect = [(0.9, True)] * 9 + [(0.9, False)]
    assert reliability(perfect)[1] == 0.0


def test_format_report(gold_file: Path) -> None:
    text = format_report(evaluate(gold_file, coder=coder))
    assert "4 gold records" in text
    assert "REQUEST -> ACCUSE" in text and "REJECT -> NONE" in text
    assert "[0.8, 1.0]" in text and "ECE" in text


# --------------------------------------------------------------------------- the real gold


def test_real_gold_loads_and_maps() -> None:
    if not DEV.exists():
        pytest.skip(f"{DEV} not found: this test needs ../shared beside the checkout (CI has it)")
    gold = load_gold(DEV)
    assert len(gold) == 161
    raw = [r for r in json.loads(DEV.read_text(encoding="utf-8")) if r.get("text")]
    assert len(raw) == 161
    types = Counter(g.type for g in gold)
    assert set(types) <= {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    old = Counter(r["event"] for r in raw)
    assert types["REQUEST"] == old["DEMAND"] + old.get("REQUEST", 0)
    assert types["ACCUSE"] == old["DISAPPROVE"] + old["INVESTIGATE"] + old.get("ACCUSE", 0)
    assert types["ASSAULT"] == old["FIGHT"] + old["ASSAULT"]
    codes = {c for g in gold for c in g.source | g.target}
    assert "JAP" not in codes and "JPN" in codes and "IGO" in codes


def test_evaluate_reports_the_tune_and_check_parts(gold_file: Path) -> None:
    r = evaluate(gold_file, coder=coder)
    assert r["part"] == "all" and set(r["parts"]) == {"tune", "check"}
    tune, check = r["parts"]["tune"], r["parts"]["check"]
    assert (tune["n_records"], check["n_records"]) == (3, 1)
    assert tune["type_accuracy"] == round(1 / 3, 4)  # r1 right, r3 wrong, r4 nothing
    assert check["type_accuracy"] == 1.0  # r2
    assert "records" not in tune and "records" not in check
    # one part alone: only its records are coded and counted
    seen = []
    only = evaluate(gold_file, coder=lambda text, date: seen.append(text) or coder(text, date), part="check")
    assert seen == ["deux"] and only["n_records"] == 1 and only["parts"] == {}
    assert only["type_accuracy"] == 1.0 and only["records"] == [] and only["records_withheld"] == 1
    text = format_report(r)
    assert "tune    check      all" in text
