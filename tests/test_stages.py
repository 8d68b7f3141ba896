"""The stage contract: declarations, input hashes derived from them, rebuilds equal to fresh builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.pipeline import ARTICLE_STAGES, STAGES, analyze_stages, build, fingerprints, input_hashes
from storyline.registry import CORPUS_DATE, RECORDS, Stage, check_order
from conftest import export_rows, shared_path

ARTICLE = (
    "Tripoli, 15 June 2020 — Amira Khoury, the spokeswoman of Libya's Presidential Council, met "
    "Russian Foreign Minister Sergei Lavrov in Qasr Bouhadi on Sunday to discuss a ceasefire.\n\n"
    "Lavrov said Moscow would send a delegation to Qasr Bouhadi next week. Khoury welcomed the offer.\n"
)


def test_stages_are_declared_in_a_valid_order() -> None:
    assert analyze_stages() == []
    for st in STAGES:
        assert st.name and st.version.startswith(st.name + ".") and st.scope in ("article", "corpus")
        assert st.run is not None and st.assigns and st.doc
    producers = [r for st in STAGES for r in st.assigns]
    assert sorted(producers) == sorted(set(producers)) == sorted(set(RECORDS) - {"document"})


def test_check_order_finds_a_missing_requirement() -> None:
    a = Stage("a", "a.v1", "article", requires=("annotation",), assigns=("times",))
    assert "requires ['annotation']" in check_order([a])[0]
    b = Stage("b", "b.v1", "article", requires=("document",), assigns=("article",))
    assert "assigns ['article']" in check_order([b, b])[0]


def _downstream(names: set[str]) -> set[str]:
    """The article stages that depend on these, directly or through a record they require."""
    out = set(names)
    for st in ARTICLE_STAGES:
        made_by = {r: p.name for p in ARTICLE_STAGES for r in p.assigns}
        if any(made_by.get(r) in out for r in st.requires):
            out.add(st.name)
    return out


def test_changing_a_dependency_changes_exactly_the_stages_that_depend_on_it() -> None:
    fps = fingerprints(Settings())
    base = input_hashes("doc", fps, None)
    names = {d.name for st in ARTICLE_STAGES for d in st.depends}
    assert {"knowledge", "models", "event-lexicon", "trigger-stems", "setting:no_clean", "corpus-date"} <= names
    for name in names - {"corpus-date"}:
        changed = input_hashes("doc", {**fps, name: fps[name] + "x"}, None)
        moved = {st for st in base if base[st] != changed[st]}
        direct = {st.name for st in ARTICLE_STAGES if any(d.name == name for d in st.depends)}
        assert moved == _downstream(direct), name
    # the corpus date reaches the stages that declared it, never annotate (no spaCy re-run)
    dated = input_hashes("doc", fps, ("2020-06-14", "day", "2020-06-14", "2020-06-14"))
    moved = {st for st in base if base[st] != dated[st]}
    assert moved == _downstream({st.name for st in ARTICLE_STAGES if CORPUS_DATE in st.depends})
    assert "annotate" not in moved and "clean" not in moved
    # and a changed input runs everything
    assert all(a != b for a, b in zip(base.values(), input_hashes("doc2", fps, None).values()))


def _knowledge(directory: Path) -> Path:
    directory.mkdir()
    (directory / "people-test.jsonl").write_text(
        json.dumps({"_meta": {"source": "written for this test", "compiled": "2026-12-01"}}) + "\n"
        + json.dumps({"id": "amira-khoury", "name": "Amira Khoury", "country": "LBY", "aliases": ["A. Khoury"],
                      "roles": [{"role": "spokesperson", "start": "2019-01", "end": "2021"}]}) + "\n",
        encoding="utf-8",
    )
    (directory / "places-test.jsonl").write_text(
        json.dumps({"_meta": {"source": "written for this test", "compiled": "2026-12-01"}}) + "\n"
        + json.dumps({"id": "qasr-bouhadi", "name": "Qasr Bouhadi", "country": "LBY", "lat": 31.1, "lon": 16.7}) + "\n",
        encoding="utf-8",
    )
    return directory


def _exports(db: Path) -> dict[str, list]:
    return {what: export_rows(db, what) for what in ("actors", "places", "times", "mentions", "events")}


@pytest.mark.slow
def test_rebuild_after_a_knowledge_change_equals_a_fresh_build(tmp_path: Path, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "khoury.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.delenv("STORYLINE_KNOWLEDGE", raising=False)
    first = build([str(corpus)], db=str(tmp_path / "a.db"), settings=Settings(), on_error="raise")
    assert set(first.stage_runs) >= {"clean", "annotate", "resolve", "code", "anchor", "link"}

    monkeypatch.setenv("STORYLINE_KNOWLEDGE", str(_knowledge(tmp_path / "kb")))
    again = build([str(corpus)], db=str(tmp_path / "a.db"), settings=Settings(), on_error="raise")
    # annotate matches names from the knowledge: it re-runs, and every stage after it; clean does not
    assert {k for k in again.stage_runs if k not in ("dating", "link", "stories")} == {"annotate", "resolve", "code", "anchor"}
    fresh = build([str(corpus)], db=str(tmp_path / "b.db"), settings=Settings(), on_error="raise")
    assert fresh.stage_runs["clean"] == 1

    monkeypatch.setenv("STORYLINE_KNOWLEDGE", str(tmp_path / "kb"))
    rebuilt, new = _exports(tmp_path / "a.db"), _exports(tmp_path / "b.db")
    assert rebuilt == new
    assert "person:amira-khoury" in {a["id"] for a in new["actors"]}
    assert "place:qasr-bouhadi" in {p["id"] for p in new["places"]}

    unchanged = build([str(corpus)], db=str(tmp_path / "a.db"), settings=Settings(), on_error="raise")
    assert unchanged.stage_runs == {} and unchanged.unchanged == 1


def test_architecture_doc_lists_every_stage_as_declared() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[1:-1]]
            for line in doc.splitlines() if line.startswith("| ") and line.count("|") >= 8}
    for st in STAGES:
        name, version, scope, requires, assigns, depends = rows[st.name][:6]
        assert (version, scope) == (st.version, st.scope), st.name
        assert requires.split(", ") == list(st.requires), st.name
        assert assigns.split(", ") == list(st.assigns), st.name
        assert set(depends.split(", ")) - {"—"} == {d.name for d in st.depends}, st.name


@pytest.fixture(scope="module")
def six_articles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, dict[str, list]]:
    """Six text files of examples/corpus and their build with the default settings (batches of 16,
    one process): the folder, the build's result and its exports, which the batch-size and the
    worker-process tests compare their builds with (they only read them)."""
    tmp = tmp_path_factory.mktemp("six")
    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    (tmp / "in").mkdir()
    for f in sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[:6]:
        (tmp / "in" / f.name).write_bytes(f.read_bytes())
    result = build([str(tmp / "in")], db=str(tmp / "default.db"), settings=Settings(batch_size=16, jobs=1), on_error="raise")
    return tmp / "in", result, _exports(tmp / "default.db")


@pytest.mark.slow
def test_batch_forms_give_what_one_article_at_a_time_gives(tmp_path: Path, six_articles) -> None:
    """annotate and code run over a whole batch at once (spaCy pipes, the sentence encoder);
    the records must be those of one article at a time."""
    folder, many, many_exports = six_articles
    one = build([str(folder)], db=str(tmp_path / "one.db"), settings=Settings(batch_size=1), on_error="raise")
    assert one.stage_runs == many.stage_runs and one.stage_runs["code"] == 6
    assert _exports(tmp_path / "one.db") == many_exports
    assert many_exports["events"]


@pytest.mark.slow
def test_rebuild_of_the_seeds_after_a_knowledge_change_equals_a_fresh_build(tmp_path: Path, monkeypatch) -> None:
    """The same on the seeds, where dating dates three articles from the others: the dating
    rounds start from no corpus dates whenever their input changed, as in a fresh build."""
    seeds = shared_path("seeds")
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for f in sorted(seeds.glob("*.txt")):
        (corpus / f.name).write_bytes(f.read_bytes())
    monkeypatch.delenv("STORYLINE_KNOWLEDGE", raising=False)
    build([str(corpus)], db=str(tmp_path / "a.db"), settings=Settings(), on_error="raise")
    monkeypatch.setenv("STORYLINE_KNOWLEDGE", str(_knowledge(tmp_path / "kb")))
    again = build([str(corpus)], db=str(tmp_path / "a.db"), settings=Settings(), on_error="raise")
    assert "clean" not in again.stage_runs and again.stage_runs["annotate"] == 5
    build([str(corpus)], db=str(tmp_path / "b.db"), settings=Settings(), on_error="raise")
    rebuilt, fresh = _exports(tmp_path / "a.db"), _exports(tmp_path / "b.db")
    assert rebuilt == fresh
    assert export_rows(tmp_path / "a.db", "articles") == export_rows(tmp_path / "b.db", "articles")
    assert sum(1 for a in fresh["events"] if a["date"]) > 10


@pytest.mark.slow
def test_worker_processes_give_what_one_process_gives(tmp_path: Path, six_articles) -> None:
    folder, one, one_exports = six_articles
    two = build([str(folder)], db=str(tmp_path / "two.db"), settings=Settings(jobs=2), on_error="raise")
    assert one.stage_runs == two.stage_runs
    assert one_exports == _exports(tmp_path / "two.db")
