"""Stories: articles grouped incrementally (stages/corpus/stories.py), listed, exported, scored."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from conftest import db_rows, export_rows, shared_path
from storyline.evaluate.stories import b_cubed, gold, part_of
from storyline.read import EXPORTS
from storyline.stages.corpus import stories as st


def _profile(i: str, vec: list[float], *, actors=(), day=None) -> st.Profile:
    v = np.asarray(vec, dtype=np.float32)
    return st.Profile(id=i, vector=v / np.linalg.norm(v), actors=frozenset(actors), day=day,
                      order=(f"2020-01-{day:02d}" if day else "9999", i))


MODEL = st.StoryModel((10.0, 4.0, 2.0, 1.0, 2.0, 3.0, 2.0, 3.0, -7.0), 0.5)


def _synthetic() -> list[st.Profile]:
    # two topics: vectors near e1 (people a, b) and near e2 (person c); dated 1..8 January
    out = []
    for n in range(8):
        if n % 2:
            out.append(_profile(f"x{n}", [1, 0.1 * n, 0], actors={"p:a", "p:b"}, day=n + 1))
        else:
            out.append(_profile(f"y{n}", [0, 1, 0.1 * n], actors={"p:c"}, day=n + 1))
    return out


def _grouping(placed: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for a, s in placed.items():
        groups.setdefault(s, set()).add(a)
    return {frozenset(g) for g in groups.values()}


def test_placing_later_articles_leaves_earlier_ones_and_equals_placing_all_at_once() -> None:
    profs = _synthetic()
    together: dict[str, list] = {}
    all_at_once = {a: s for a, s, _ in st.place(profs, together, MODEL)}
    stepwise: dict[str, list] = {}
    first = {a: s for a, s, _ in st.place(profs[:4], stepwise, MODEL)}
    then = {a: s for a, s, _ in st.place(profs[4:], stepwise, MODEL)}
    assert {**first, **then} == all_at_once  # same stories, same ids
    assert _grouping(all_at_once) == {frozenset({"x1", "x3", "x5", "x7"}), frozenset({"y0", "y2", "y4", "y6"})}
    assert st.place([], stepwise, MODEL) == []


def test_story_ids_are_stable_and_name_the_first_article() -> None:
    profs = _synthetic()
    placed = {a: s for a, s, _ in st.place(profs, {}, MODEL)}
    assert placed["x7"] == st.story_id("x1") and placed["y6"] == st.story_id("y0")


def test_dates_far_apart_need_more_evidence() -> None:
    a = _profile("a", [1, 0, 0], day=1)
    near = _profile("b", [1, 0.05, 0], day=3)
    far = _profile("c", [1, 0.05, 0], day=200)
    undated = _profile("d", [1, 0.05, 0])
    p_near, p_far, p_undated = st.probabilities(a, [near, far, undated], MODEL)
    assert p_far < p_near and p_undated == pytest.approx(p_near)


def test_numbers_and_years_tell_two_events_of_one_kind_apart() -> None:
    class T:  # a time expression as the anchor stage stores it
        def __init__(self, text: str, start: int, type_: str, value: str, anchor: str) -> None:
            self.start, self.end, self.type, self.value, self.anchor = start, start + len(text), type_, value, anchor

    text = "A 6.1 quake killed 1,250 people on 3 May 2011, ten years after the 2001 one; 12-year-old boy."
    times = [T("3 May 2011", text.index("3 May"), "DATE", "2011-05-03", "absolute"),
             T("2001", text.index("2001"), "DATE", "2001", "absolute"),
             T("ten years", text.index("ten"), "DURATION", "P10Y", "length"),
             T("12-year-old", text.index("12-"), "DURATION", "P12Y", "length"),
             T("Monday", len(text), "DATE", "XXXX-WXX-1", "no-reference")]
    assert st.numbers(text, times) == {"6.1", "1250"}
    assert st.numbers("7,3 Richter, 1.500 morts", ()) == {"7.3", "1500"}
    assert st.years(times) == {"2011", "2001"}
    a = st.Profile("a", np.array([1.0, 0, 0]), numbers=frozenset({"6.1", "1250"}), years=frozenset({"2011"}))
    same = st.Profile("b", np.array([1.0, 0, 0]), numbers=frozenset({"6.1", "1250"}), years=frozenset({"2011"}))
    other = st.Profile("c", np.array([1.0, 0, 0]), numbers=frozenset({"7.0", "300"}), years=frozenset({"2009"}))
    p_same, p_other = st.probabilities(a, [same, other], st.model())
    assert p_same > p_other


def test_dates_known_within_bounds_count_from_their_nearest_day() -> None:
    a = _profile("a", [1, 0, 0], day=1)
    week = st.Profile("w", a.vector, day=date(2020, 1, 20).toordinal() - date(2020, 1, 1).toordinal() + 1,
                      last=date(2020, 1, 26).toordinal() - date(2020, 1, 1).toordinal() + 1)
    # 1 January against 20-26 January: 19 days apart at the nearest, 12 past the grace
    assert st.date_prior(a, week) == pytest.approx(np.exp(-12 / st.DATE_SCALE))
    assert st.date_prior(week, a) == st.date_prior(a, week)
    inside = st.Profile("i", a.vector, day=week.day + 2)
    assert st.date_prior(week, inside) == 1.0


def test_names_as_written_compare_within_one_language_only() -> None:
    text = ("Lindsay Lohan entered the Betty Ford Center on Monday, her lawyer Shawn Holley said. "
            "The actress had been ordered there by Judge Stephanie Sautner. (AP) LOS ANGELES")
    assert st.names(text) == {"lohan", "betty", "ford", "center", "monday", "shawn", "holley", "judge",
                              "stephanie", "sautner"}
    assert st.names("Selon l'Égypte, le régime d'Assad a refusé.", "fr") == {"égypte", "assad"}  # after an elided article
    assert st.names("وصل الرئيس إلى موسكو يوم الاثنين") == frozenset()
    v = np.array([1.0, 0, 0])
    lohan = frozenset({"lohan", "betty", "ford", "holley"})
    en = st.Profile("en", v, names=lohan, language="en")
    same = st.Profile("same", v, names=lohan, language="en")
    other = st.Profile("other", v, names=frozenset({"reid", "promises", "malibu", "tara"}), language="en")
    fr = st.Profile("fr", v, names=lohan, language="fr")
    m = st.model()
    p_same, p_other, p_fr = st.probabilities(en, [same, other, fr], m)
    assert p_same > p_other
    # across languages the names are not compared, and the pair is judged without them
    assert st.pair_features(en, fr)[st.FEATURES.index("names")] == 0.0
    across = st.StoryModel(m.across, m.threshold)
    assert p_fr == pytest.approx(across.probability(np.array([st.pair_features(en, fr)]))[0])
    assert p_fr > p_other  # not marked down for names it could not share
    # German capitalises every noun, Arabic writes no capitals: neither compares names as written
    de = [st.Profile(i, v, names=lohan, language="de") for i in ("d1", "d2")]
    ar = [st.Profile(i, v, names=lohan, language="ar") for i in ("a1", "a2")]
    assert not st.names_compare(*de) and not st.names_compare(*ar) and st.names_compare(en, same)


def test_actors_are_shared_as_a_share_of_the_smaller_set() -> None:
    brief = st.Profile("a", np.array([1.0, 0, 0]), actors=frozenset({"p:a", "p:b", "p:c"}))
    analysis = st.Profile("b", np.array([1.0, 0, 0]), actors=frozenset({"p:a", "p:b", *(f"p:x{i}" for i in range(12))}))
    assert st.pair_features(brief, analysis)[st.FEATURES.index("actors")] == pytest.approx(2 / 3)


def test_lead_and_summary_are_extractive() -> None:
    text = "First sentence here. Second one follows! Third is left out."
    assert st.lead("A title", text, limit=40) == "A title. First sentence here. Second one follows!"
    assert st.extract_summary(text) == "First sentence here. Second one follows!"


def test_b_cubed() -> None:
    truth = {"a": "1", "b": "1", "c": "2", "d": "2"}
    assert b_cubed({"a": "x", "b": "x", "c": "y", "d": "y"}, truth)["f1"] == 1.0
    lumped = b_cubed({k: "x" for k in truth}, truth)
    assert (lumped["precision"], lumped["recall"], lumped["predicted_stories"]) == (0.5, 1.0, 1)
    split = b_cubed({}, truth)  # missing: singletons
    assert (split["precision"], split["recall"], split["gold_stories"]) == (1.0, 0.5, 2)


def test_the_weights_were_fitted_on_tune_topics_only() -> None:
    meta = st.model().meta
    topics = [int(t) for t in meta["fitted_on"].split(":", 1)[1].split(",")]
    assert topics and all(part_of(f"{t}ecb") == "tune" for t in topics)
    assert st.model().weights and 0 < st.model().threshold < 1


def _jsonl(path: Path, docs: list[tuple[Path, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for f, published in docs:
            d = json.loads(f.read_text("utf-8"))
            out.write(json.dumps({"id": f.stem, "title": d["title"], "text": d["text"], "published": published,
                                  "language": "en"}) + "\n")


def _stories_of(db: Path) -> dict[str, str]:
    return dict(db_rows(db, "SELECT article_id, story_id FROM story_articles_view"))


@pytest.mark.slow
def test_stories_through_the_cli_incrementally(tmp_path: Path, run_cli) -> None:
    ecb = shared_path("data", "ecbplus")
    picked = [sorted((ecb / folder).glob("*.json"))[:3] for folder in ("1ecb", "1ecbplus", "3ecb")]
    day = iter(range(1, 30))
    first = [(f, f"2020-01-{next(day):02d}") for files in picked for f in files[:2]]
    later = [(f, f"2020-02-{next(day) - 5:02d}") for files in picked for f in files[2:]]
    _jsonl(tmp_path / "a.jsonl", first)
    _jsonl(tmp_path / "b.jsonl", later)
    _jsonl(tmp_path / "ab.jsonl", first + later)

    db = tmp_path / "inc.db"
    assert run_cli("build", str(tmp_path / "a.jsonl"), "--db", str(db), "-q").returncode == 0
    before = _stories_of(db)
    assert len(before) == len(first)
    assert run_cli("build", str(tmp_path / "b.jsonl"), "--db", str(db), "-q").returncode == 0
    after = _stories_of(db)
    assert {k: after[k] for k in before} == before  # placed articles keep their stories
    assert len(after) == len(first) + len(later)

    fresh = tmp_path / "fresh.db"
    assert run_cli("build", str(tmp_path / "ab.jsonl"), "--db", str(fresh), "-q").returncode == 0
    assert _stories_of(fresh) == after  # later articles added later: as one build

    again = run_cli("build", str(tmp_path / "b.jsonl"), "--db", str(db), "-q")
    assert again.returncode == 0 and _stories_of(db) == after

    # each story's stored summary (key dates, map, network: storyline/summaries.py) is current
    # after the incremental builds and the same as a fresh build's
    from storyline import summaries
    from storyline.store import open_store

    kept = {}
    for path in (db, fresh):
        with open_store(path, readonly=True) as store:
            assert summaries.current(store)
            kept[path] = {s.id: store.story_summary(s.id) for s in store.stories()}
            assert all(kept[path].values())
            for sid, data in kept[path].items():
                assert data == json.loads(json.dumps(summaries.compute(store, sid)))
    for path in kept:  # the articles were read from other files (a.jsonl, b.jsonl / ab.jsonl)
        for data in kept[path].values():
            for a in data["articles"]:
                a.pop("path")
    assert kept[db] == kept[fresh]

    rows = export_rows(db, "stories")
    assert rows and all(list(r) == EXPORTS["stories"] for r in rows)
    assert sorted(a for r in rows for a in r["article_ids"]) == sorted(after)
    assert all(r["start"] <= r["end"] and r["languages"] == ["en"] and r["title"] for r in rows)

    listed = run_cli("stories", "--db", str(db), "--format", "json", "--limit", "0")
    records = json.loads(listed.stdout)
    assert [r["id"] for r in records] == [r["id"] for r in rows]
    assert all(r["articles"] == len(r["article_ids"]) for r in records)
    text = run_cli("stories", "--db", str(db), "--limit", "1")
    assert text.returncode == 0 and records[0]["id"] in text.stdout.decode()
    csv = run_cli("export", "stories", "--db", str(db), "--format", "csv")
    assert csv.stdout.decode().splitlines()[0] == ",".join(EXPORTS["stories"])


# the quality gate's subset: three check topics, at most six documents of each story, so that
# the build stays about a minute; `storyline eval stories` scores every document
GATE_TOPICS = (3, 9, 19)
GATE_PER_STORY = 6


def test_gate_subset_is_made_of_check_topics() -> None:
    assert all(part_of(f"{t}ecb") == "check" for t in GATE_TOPICS)


@pytest.mark.slow
def test_eval_stories_scores_a_folder_through_the_cli(tmp_path: Path, run_cli) -> None:
    ecb = shared_path("data", "ecbplus")
    small = tmp_path / "ecbplus"
    for folder in ("1ecb", "1ecbplus"):
        (small / folder).mkdir(parents=True)
        for f in sorted((ecb / folder).glob("*.json"))[:3]:
            (small / folder / f.name).write_bytes(f.read_bytes())
    out = run_cli("eval", "stories", str(small), "--json")
    assert out.returncode == 0, out.stderr.decode()
    result = json.loads(out.stdout)
    assert result["documents"] == 6 and result["gold_stories"] == 2
    assert 0 <= result["f1"] <= 1 and set(result["parts"]) <= {"tune", "check"}
    table = run_cli("eval", "stories", str(small))
    assert "B3 F1" in table.stdout.decode()


def test_gold_reads_folders() -> None:
    ecb = shared_path("data", "ecbplus")
    g = gold(ecb, topics=[1], per_story=2)
    assert sorted(set(g.values())) == ["1ecb", "1ecbplus"] and len(g) == 4


def test_a_story_is_labelled_again_when_its_articles_are_cleaned_again(tmp_path: Path, run_cli) -> None:
    # built first without cleaning (no title found: the label is the page's first line, a
    # shop link), then cleaned: the same article, now with its headline, relabels its story
    src = tmp_path / "in"
    src.mkdir()
    (src / "strike.txt").write_text(
        "Shop at the Valmora Courier\n\n"
        "Harbour strike ends as dockers accept a pay deal\n\n"
        "Dockers in Valmora voted on Saturday to accept a pay offer of six percent from the port authority, "
        "ending a strike that had kept the harbour closed for nine days.\n\n"
        "The union said its members would be back at the cranes on Monday morning, and the port authority "
        "said the first ships would be unloaded by the evening.\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"

    def labels() -> list[str]:
        out = run_cli("stories", "--db", str(db), "--format", "json")
        assert out.returncode == 0, out.stderr.decode()
        return [r["title"] for r in json.loads(out.stdout)]

    assert run_cli("build", str(src), "--db", str(db), "--no-clean", "-q").returncode == 0
    assert labels()[0].startswith("Shop at the Valmora Courier")
    assert run_cli("build", str(src), "--db", str(db), "-q").returncode == 0
    assert labels() == ["Harbour strike ends as dockers accept a pay deal"]


def test_a_one_word_title_labels_a_story_only_when_no_member_has_a_longer_one(tmp_path: Path, run_cli) -> None:
    # the story's first article carries a dateline for a title ("VALMORA."); the label is the
    # headline of the other, and the dateline stays the label of a story that has nothing else
    body = ("Dockers in Valmora voted on Saturday to accept a pay offer of six percent from the port authority, "
            "ending a strike that had kept the harbour closed for nine days. The union said its members would "
            "be back at the cranes on Monday morning.")
    rows = [
        {"id": "a", "title": "VALMORA.", "published": "2021-03-06", "language": "en", "text": body},
        {"id": "b", "title": "Harbour strike ends as dockers accept a pay deal", "published": "2021-03-07",
         "language": "en", "text": body.replace("Dockers in Valmora voted", "The dockers of Valmora voted")},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    assert run_cli("build", str(src), "--db", str(db), "-q").returncode == 0
    out = run_cli("stories", "--db", str(db), "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    stories = json.loads(out.stdout)
    assert [(len(s["article_ids"]), s["title"]) for s in stories] == [(2, "Harbour strike ends as dockers accept a pay deal")]
