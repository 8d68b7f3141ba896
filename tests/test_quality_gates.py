"""Quality gates: every NLP stage's score on public gold data stays above its floor.

Floors live in storyline/evaluate/baseline.json; the data in ../shared/data
(the tests skip with a message where it is absent, and run in CI).
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from conftest import shared_path

BASELINE = json.loads(resources.files("storyline.evaluate").joinpath("baseline.json").read_text("utf-8"))


def floors(name: str) -> dict[str, float]:
    return {k: v for k, v in BASELINE[name].items() if not k.startswith("_")}


@pytest.mark.slow
def test_article_extraction_gate() -> None:
    from storyline.evaluate.extraction import evaluate

    result = evaluate(shared_path("data", "article-extraction"))
    ours, theirs = result["ours"]["f1"], result["trafilatura"]["f1"]
    print(f"\narticle extraction F1: ours {ours:.4f}, trafilatura {theirs:.4f} on {result['pages']} pages")
    f = floors("extraction")
    assert result["pages"] >= 80
    assert ours >= f["ours_f1"]
    assert ours - theirs >= f["ours_minus_trafilatura_f1"]


@pytest.mark.slow
def test_plaintext_cleaning_gate() -> None:
    from storyline.evaluate.plaintext import evaluate

    result = evaluate(shared_path("data", "article-extraction"))
    print(f"\nplain-text cleaning F1 {result['f1']:.4f} (uncleaned {result['raw_f1']:.4f}), title right {result['title']:.4f}")
    assert result["pages"] >= 80
    assert result["f1"] >= floors("plaintext")["f1"]
    assert result["f1"] > result["raw_f1"] + 0.1
    assert result["title_pages"] >= 80
    assert result["title"] >= floors("plaintext")["title"]


@pytest.mark.slow
def test_timeml_gate() -> None:
    from storyline.evaluate.timeml import evaluate

    result = evaluate(shared_path("data", "timebank"))
    assert result["docs"] >= 150
    for key, floor in floors("timeml").items():
        assert result[key] >= floor, (key, result[key], floor)


@pytest.mark.slow
def test_plover_event_coding_gate() -> None:
    from storyline.evaluate.plover import evaluate

    result = evaluate(shared_path("data", "plover-gsr", "dev.json"))
    print(f"\nPLOVER type accuracy {result['type_accuracy']:.3f}, source F1 {result['source_f1']:.3f}, "
          f"target F1 {result['target_f1']:.3f}, ECE {result['ece']:.3f}")
    assert result["n_records"] >= 150
    for key, floor in floors("plover").items():
        assert result[key] >= floor, (key, result[key], floor)


@pytest.mark.slow
def test_plv_event_coding_gate() -> None:
    # one run codes both parts (1,049 sentences, about a minute on 2 cores); floors per part
    from storyline.evaluate.plv import evaluate

    result = evaluate(shared_path("data", "plv", "train.tsv"))
    parts = result["parts"]
    print("\nPLV " + ", ".join(f"{p}: type accuracy {m['type_accuracy']:.3f}, source right {m['source_right']:.3f}"
                                for p, m in parts.items()) + f" ({result['seconds']:.0f} s)")
    assert result["n_records"] >= 1000
    for key, floor in floors("plv").items():
        which, metric = key.split("_", 1)
        assert parts[which][metric] >= floor, (key, parts[which][metric], floor)


@pytest.mark.slow
def test_multilingual_event_coding_gate() -> None:
    # our own check set, shipped with the package: runs without ../shared too
    from storyline.evaluate.multilingual import evaluate

    result = evaluate()
    langs = result["languages"]
    print("\nmultilingual type accuracy " + ", ".join(f"{k} {v['type_accuracy']:.3f}" for k, v in langs.items()))
    assert all(v["n_records"] == 128 for v in langs.values())
    for lang, floor in floors("multilingual").items():
        assert langs[lang]["type_accuracy"] >= floor, (lang, langs[lang]["type_accuracy"], floor)
    # who acts: the source and the target of the main event, per language
    for measure, by_lang in floors("multilingual_roles").items():
        for lang, floor in by_lang.items():
            assert langs[lang][measure] >= floor, (measure, lang, langs[lang][measure], floor)


@pytest.mark.slow
def test_stories_gate() -> None:
    # ECB+ through the whole pipeline takes minutes on a loaded 2-core machine; the gate builds a
    # documented subset (three check topics, six documents per story: tests/test_stories.py);
    # `storyline eval stories` scores all 496 documents (numbers in baseline.json's _measured)
    from storyline.evaluate.stories import evaluate
    from test_stories import GATE_PER_STORY, GATE_TOPICS

    result = evaluate(shared_path("data", "ecbplus"), topics=GATE_TOPICS, per_story=GATE_PER_STORY)
    print(f"\nstories B³ F1 {result['f1']:.3f} (P {result['precision']:.3f}, R {result['recall']:.3f}) on "
          f"{result['documents']} documents, {result['gold_stories']} gold and {result['predicted_stories']} "
          f"predicted stories ({result['seconds']:.0f} s)")
    assert result["documents"] >= 30 and result["gold_stories"] == 2 * len(GATE_TOPICS)
    assert result["f1"] >= floors("stories")["subset_f1"]


@pytest.mark.slow
def test_key_date_timeline_gate() -> None:
    # CL-TLS through the whole pipeline takes minutes per topic; the gate builds a documented slice
    # (storyline.evaluate.tls.GATE: Italian Syria, March to May 2011); `storyline eval tls` scores
    # every language and topic (numbers in baseline.json's _measured)
    from storyline.evaluate.tls import GATE, evaluate

    result = evaluate(shared_path("data", "cl-tls"), langs=[GATE["lang"]], names=[GATE["topic"]],
                      since=GATE["since"], until=GATE["until"])
    [one] = result["topics"]
    print(f"\nkey dates on {GATE}: date F1 {one['date']['f1']:.3f}, ROUGE-1 F1 {one['rouge1']['f1']:.3f}, "
          f"ROUGE-2 F1 {one['rouge2']['f1']:.3f} ({one['documents']} documents, {one['seconds']:.0f} s)")
    f = floors("tls")
    assert one["documents"] >= 10 and one["reference_dates"] >= 10
    assert one["date"]["f1"] >= f["slice_date_f1"]
    assert one["rouge1"]["f1"] >= f["slice_rouge1_f1"]
    assert one["rouge2"]["f1"] >= f["slice_rouge2_f1"]
