"""The tune/check split and the PLV scorer's pieces, with sentences and a coder made up here
(this tests the scorer, not the coder; Alba, Borduria and Syldavia are not real countries)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import SHARED
from storyline.errors import MalformedRecord, NotFound
from storyline.evaluate.plv import evaluate, format_report, load_gold, marked_spans, merge_type, overlaps
from storyline.evaluate.split import CHOICES, in_part, part
from storyline.models import EventMention

# --------------------------------------------------------------------------- the split


def test_part_is_the_sha1_parity_of_the_text() -> None:
    for text in ("", "a", "Alba met Borduria.", "Çavuşoğlu called Lavrov.", "deux"):
        expected = "tune" if int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "check"
        assert part(text) == expected
    assert part("un") == "tune" and part("deux") == "check"  # fixed values: the rule must never change


def test_part_is_deterministic_and_splits_about_evenly() -> None:
    texts = [f"sentence number {i}" for i in range(2000)]
    first = [part(t) for t in texts]
    assert first == [part(t) for t in texts]
    assert 900 < first.count("tune") < 1100
    # by text only: a duplicate lands in the same part, whitespace makes another text
    assert part("Alba met Borduria.") == part("Alba met Borduria.")
    assert {part(t) for t in ("x1", "x2", "x3", "x4", "x5", "x6")} == {"tune", "check"}


def test_in_part() -> None:
    assert CHOICES == ("tune", "check", "all")
    assert in_part("un", "tune") and not in_part("un", "check") and in_part("un", "all")
    assert in_part("deux", "check") and not in_part("deux", "tune")
    with pytest.raises(ValueError, match="unknown part"):
        in_part("un", "dev")


# --------------------------------------------------------------------------- pieces


def test_concede_and_retreat_count_as_yield() -> None:
    assert merge_type("CONCEDE") == merge_type("RETREAT") == merge_type("YIELD") == "YIELD"
    assert merge_type("concede ") == "YIELD"
    assert merge_type("AGREE") == "AGREE" and merge_type("assault") == "ASSAULT"
    assert merge_type(None) == ""


def test_marked_spans() -> None:
    text, spans = marked_spans("<s>Alba</s> condemned <t>Borduria</t>.")
    assert text == "Alba condemned Borduria."
    assert spans == {"s": [(0, 4)], "t": [(15, 23)]}
    assert [text[a:b] for a, b in spans["t"]] == ["Borduria"]
    # a role marked twice, and none marked
    text, spans = marked_spans("<s>Alba</s> and <s>Syldavia</s> met.")
    assert text == "Alba and Syldavia met." and spans == {"s": [(0, 4), (9, 17)], "t": []}
    # marks nested, and an unclosed mark (dropped)
    text, spans = marked_spans("<s>the envoy of <t>Alba</t></s> left <t>early")
    assert text == "the envoy of Alba left early"
    assert spans == {"s": [(0, 17)], "t": [(13, 17)]}
    assert marked_spans("no marks") == ("no marks", {"s": [], "t": []})


def test_overlaps() -> None:
    assert overlaps([(0, 4)], [(2, 10)])
    assert overlaps([(5, 6)], [(0, 4), (5, 9)])  # any gold span
    assert overlaps([(0, 20)], [(3, 4)])  # a longer predicted phrase holding the gold
    assert not overlaps([(0, 4)], [(4, 8)])  # touching is not overlapping
    assert not overlaps([], [(0, 4)]) and not overlaps([(0, 4)], [])


# --------------------------------------------------------------------------- the scorer

S1 = "Borduria pulled its troops back from the border."  # tune
S2 = "Borduria bombed a village."  # tune
S3 = "Alba threatened sanctions against Borduria."  # tune
S4 = "Alba accepted the terms set by Borduria."  # check
S5 = "Alba protested against Borduria."  # check

ROWS = [
    ("1", S1, "<s>Borduria</s> pulled its troops back from <t>the border</t>.", "YIELD"),
    ("2", S2, "<s>Borduria</s> bombed <t>a village</t>.", "ASSAULT"),
    ("3", S3, "Alba threatened sanctions against <t>Borduria</t>.", "THREATEN"),  # no source marked
    ("4", S4, "<s>Alba</s> accepted the terms set by <t>Borduria</t>.", "CONCEDE"),
    ("5", S5, "<s>Alba</s> protested against <t>Borduria</t>.", "PROTEST"),
    ("6", "Alba waved.", "<s>Alba</s> waved.", "WAVE"),  # unknown type: skipped
]


def tsv(path: Path, rows=ROWS) -> Path:
    lines = ["sentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\tmodality_L2"]
    lines += [f"{i}\t{s}\t{m}\tAn actor\ta recipient\t{t}\tpast" for i, s, m, t in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def ev(text: str, etype: str, source=(), target=(), confidence=0.5, status="occurred") -> EventMention:
    return EventMention(
        article_id="text", sentence=0, start=0, end=len(text), trigger=(0, 3, "xyz"), type=etype, cameo=None,
        mode=None, context=None, status=status, source=("X",) * len(source), target=("Y",) * len(target),
        source_spans=tuple(at(text, w) for w in source), target_spans=tuple(at(text, w) for w in target),
        confidence=confidence,
    )


PREDICTIONS = {
    S1: [ev(S1, "RETREAT", ["Borduria"], confidence=0.9)],  # YIELD right; no target
    S2: [],  # nothing found
    S3: [ev(S3, "SANCTION", ["Alba"], ["Borduria"], confidence=0.4),
         ev(S3, "THREATEN", ["Alba"], ["Borduria"], confidence=0.8)],  # the main event is the THREATEN
    S4: [ev(S4, "AGREE", ["Alba"], ["Alba"], confidence=0.7)],  # gold CONCEDE = YIELD: wrong type
    S5: [ev(S5, "PROTEST", ["Borduria"], ["Alba"], confidence=0.6)],  # roles swapped
}


def coder(texts):
    return [PREDICTIONS[t] for t in texts]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    assert [part(s) for s in (S1, S2, S3, S4, S5)] == ["tune", "tune", "tune", "check", "check"]
    return tsv(tmp_path / "train.tsv")


def test_load_gold(gold_file: Path) -> None:
    gold = load_gold(gold_file)
    assert [g.id for g in gold] == ["1", "2", "3", "4", "5"]
    assert [g.type for g in gold] == ["YIELD", "ASSAULT", "THREATEN", "YIELD", "PROTEST"]
    assert gold[3].original_type == "CONCEDE"
    assert gold[0].source == ((0, 8),) and gold[0].target == (at(S1, "the border"),)
    assert gold[2].source == () and gold[2].modality == "past"


def test_load_gold_errors(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        load_gold(tmp_path / "missing.tsv")
    bad = tsv(tmp_path / "bad.tsv", [("1", "Alba left.", "<s>Alba</s> went.", "RETREAT")])
    with pytest.raises(MalformedRecord, match="line 2"):
        load_gold(bad)
    headless = tmp_path / "headless.tsv"
    headless.write_text("id\ttext\n1\tAlba left.\n", encoding="utf-8")
    with pytest.raises(MalformedRecord, match="sentence"):
        load_gold(headless)


def test_evaluate_arithmetic(gold_file: Path) -> None:
    r = evaluate(gold_file, coder=coder)
    assert r["n_records"] == 5 and r["part"] == "all"
    assert r["type_accuracy"] == 0.6  # S1 (RETREAT as YIELD), S3, S5
    assert r["coverage"] == 0.8 and r["no_event_rate"] == 0.2
    assert r["type_accuracy_covered"] == 0.75 and r["type_accuracy_any"] == 0.6
    # source: S3 marks none; S1 and S4 right, S5 swapped, S2 nothing found
    assert (r["source_scored"], r["source_absent"], r["source_missing"]) == (4, 1, 0)
    assert r["source_right"] == 0.5 and r["source_right_covered"] == round(2 / 3, 4)
    # target: only S3 right; S1's main event has none
    assert (r["target_scored"], r["target_absent"], r["target_missing"]) == (5, 0, 1)
    assert r["target_right"] == 0.2 and r["target_right_covered"] == 0.25
    assert r["per_type"]["YIELD"] == {"precision": 1.0, "recall": 0.5, "f1": round(2 / 3, 4), "tp": 1,
                                      "predicted": 1, "gold": 2}
    assert r["per_type"]["AGREE"]["predicted"] == 1 and r["per_type"]["AGREE"]["gold"] == 0
    assert "CONCEDE" not in r["per_type"] and "RETREAT" not in r["per_type"]
    assert r["type_macro_f1"] == round((2 / 3 + 0 + 1 + 1) / 4, 4)
    assert r["errors"] == [{"gold": "ASSAULT", "predicted": "NONE", "count": 1},
                           {"gold": "YIELD", "predicted": "AGREE", "count": 1}]
    assert r["events_predicted"] == 5
    json.dumps(r)


def test_evaluate_parts_and_what_it_shows(gold_file: Path) -> None:
    r = evaluate(gold_file, coder=coder)
    tune, check = r["parts"]["tune"], r["parts"]["check"]
    assert (tune["n_records"], check["n_records"]) == (3, 2)
    assert tune["type_accuracy"] == round(2 / 3, 4) and check["type_accuracy"] == 0.5
    assert tune["source_right"] == 0.5 and check["source_right"] == 0.5
    # the tune part's records one by one; the check part's sentences nowhere
    assert [d["id"] for d in r["records"]] == ["1", "2", "3"] and r["records_withheld"] == 2
    one = r["records"][0]
    assert one["gold_root"] == "YIELD" and one["predicted_type"] == "YIELD" and one["source_right"] is True
    assert one["gold_source"] == ["Borduria"] and one["predicted_source"] == ["Borduria"]
    assert r["records"][2]["source_right"] is None  # no gold source: not scored
    shown = json.dumps(r) + format_report(r)
    assert S1 in json.dumps(r) and S4 not in shown and S5 not in shown
    text = format_report(r)
    assert "tune    check      all" in text
    assert "YIELD -> AGREE" in text and "ASSAULT -> NONE" in text


def test_evaluate_one_part_codes_only_that_part(gold_file: Path) -> None:
    seen = []

    def watching(texts):
        seen.extend(texts)
        return coder(texts)

    r = evaluate(gold_file, coder=watching, part="check")
    assert seen == [S4, S5]
    assert r["n_records"] == 2 and r["parts"] == {} and r["records"] == [] and r["records_withheld"] == 2
    assert r["type_accuracy"] == 0.5
    assert "check" in format_report(r)


# --------------------------------------------------------------------------- the real data and the command


def test_real_gold_loads() -> None:
    path = SHARED / "data" / "plv" / "train.tsv"
    if not path.exists():
        pytest.skip(f"{path} not found: this test needs ../shared beside the checkout (CI has it)")
    gold = load_gold(path)
    assert len(gold) == 1049
    assert {g.type for g in gold} <= {"AGREE", "CONSULT", "SUPPORT", "YIELD", "COOPERATE", "AID", "REQUEST", "ACCUSE",
                                      "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert sum(bool(g.source) for g in gold) > 1000 and sum(bool(g.target) for g in gold) > 1000
    assert 400 < sum(part(g.text) == "tune" for g in gold) < 650


def test_shared_data_is_found_beside_the_checkout(tmp_path: Path, monkeypatch) -> None:
    from storyline.evaluate import shared_data

    monkeypatch.delenv("STORYLINE_SHARED_DATA", raising=False)
    monkeypatch.chdir(tmp_path)  # not relative to the working directory
    if SHARED.is_dir():
        assert shared_data("plv/train.tsv") == SHARED / "data" / "plv" / "train.tsv"
    monkeypatch.setenv("STORYLINE_SHARED_DATA", str(tmp_path))
    assert shared_data("plv/train.tsv") == tmp_path / "plv" / "train.tsv"


@pytest.mark.slow
def test_eval_plv_command(tmp_path: Path, run_cli) -> None:
    data = tsv(tmp_path / "train.tsv", ROWS[:5])
    out = run_cli("eval", "plv", str(data), "--json")
    assert out.returncode == 0, out.stderr.decode()
    r = json.loads(out.stdout)
    assert r["n_records"] == 5 and set(r["parts"]) == {"tune", "check"}
    assert S4 not in out.stdout.decode() and S5 not in out.stdout.decode()
    out = run_cli("eval", "plv", str(data), "--part", "tune")
    assert out.returncode == 0 and "3 gold sentences (tune)" in out.stdout.decode()
    out = run_cli("eval", "timeml", "--part", "tune")
    assert out.returncode == 2 and "--part applies to plover and plv only" in out.stderr.decode()
