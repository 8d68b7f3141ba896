"""Key-date timelines (issue 11, item 2) and their scorer (item 6): `storyline timeline --key`,
`timeline --story`, and `storyline eval tls`, through the CLI on real SQLite builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import invoke_cli, prebuild, shared_path
from storyline.evaluate.tls import GATE, date_f1, reference, rouge_n, score_timeline
from storyline.keydates import KEY_FIELDS

# a small corpus in three languages: the 10 March summit is named by articles of later days
# in Italian, French and Spanish; one article is about something else entirely
DOCS = [
    {"id": "it1", "published": "2021-03-10", "source": "Corriere di Prova", "language": "it",
     "title": "Vertice a Roma sulla Libia",
     "text": "Vertice a Roma sulla Libia\n\nROMA, 10 marzo 2021 — I ministri degli esteri di Italia e Turchia si sono "
             "incontrati oggi a Roma per discutere la crisi in Libia. Il ministro Luigi Di Maio ha detto che "
             "l'incontro è stato molto utile per la pace nel paese.\n"},
    {"id": "fr1", "published": "2021-03-12", "source": "Le Journal d'Essai", "language": "fr",
     "title": "Après le sommet de Rome",
     "text": "Après le sommet de Rome\n\nPARIS, 12 mars 2021 — Le 10 mars 2021, les ministres des affaires étrangères "
             "de l'Italie et de la Turquie se sont réunis à Rome pour discuter de la Libye. Les diplomates "
             "attendent maintenant une nouvelle rencontre au printemps.\n"},
    {"id": "es1", "published": "2021-03-15", "source": "Diario de Pruebas", "language": "es",
     "title": "La cumbre de Roma",
     "text": "La cumbre de Roma\n\nMADRID, 15 de marzo de 2021 — El 10 de marzo de 2021 los ministros de Exteriores de "
             "Italia y Turquía se reunieron en Roma para hablar de la crisis de Libia. El encuentro fue "
             "calificado de positivo por ambos gobiernos.\n"},
    {"id": "it2", "published": "2021-03-20", "source": "Gazzetta di Prova", "language": "it",
     "title": "Libia, dieci giorni dopo il vertice",
     "text": "Libia, dieci giorni dopo il vertice\n\nMILANO, 20 marzo 2021 — Il 10 marzo 2021 i ministri di Italia e "
             "Turchia si erano riuniti a Roma per parlare della Libia. Da allora la situazione sul terreno "
             "non è cambiata molto, secondo gli osservatori.\n"},
    {"id": "it3", "published": "2021-05-02", "source": "Gazzetta di Prova", "language": "it",
     "title": "Festival del cinema a Venezia",
     "text": "Festival del cinema a Venezia\n\nVENEZIA, 2 maggio 2021 — Il festival del cinema ha aperto oggi le porte "
             "al pubblico con molti film nuovi. Gli organizzatori hanno detto che i biglietti sono quasi esauriti.\n"},
]


def _prepare(folder: Path) -> tuple[Path, list]:
    src = folder / "docs.jsonl"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in DOCS), "utf-8")
    return folder / "key.db", [src]


_KEY = prebuild("key_db", _prepare, __file__)  # started in the background (tests/conftest.py)


@pytest.fixture(scope="module")
def key_db() -> Path:
    return _KEY.wait()


def _key(run_cli, db: Path, *args: str) -> list[dict]:
    # in this process (invoke_cli): many answers read; the text and Markdown timelines below come
    # from `python -m storyline` (run_cli)
    out = invoke_cli("timeline", "--db", str(db), "--key", "--format", "json", *args)
    assert out.returncode == 0, out.stderr.decode()
    return json.loads(out.stdout)


def test_key_dates_pick_the_day_the_reports_refer_to(key_db: Path, run_cli) -> None:
    top = _key(run_cli, key_db, "--max-dates", "1")
    assert [r["date"] for r in top] == ["2021-03-10"]
    rec = top[0]
    assert list(rec) == KEY_FIELDS
    # the day is referred to by the four articles about the summit, in three languages, not by the festival
    assert {"it1", "fr1", "es1", "it2"} <= set(rec["article_ids"]) and "it3" not in rec["article_ids"]
    assert 1 <= len(rec["sentences"]) <= 3
    assert rec["summary"] == " ".join(s["text"] for s in rec["sentences"])
    # every summary sentence is evidence from an article, with its outlet and date
    for s in rec["sentences"]:
        assert s["article_id"] in {d["id"] for d in DOCS} and s["outlet"] and s["published"]
    assert len({s["text"] for s in rec["sentences"]}) == len(rec["sentences"])


def test_key_dates_in_date_order_bounded_and_rendered(key_db: Path, run_cli) -> None:
    many = _key(run_cli, key_db, "--max-dates", "4")
    assert 1 < len(many) <= 4 and [r["date"] for r in many] == sorted(r["date"] for r in many)
    assert all(r["score"] > 0 for r in many)
    later = _key(run_cli, key_db, "--since", "2021-03-11", "--until", "2021-04")
    assert later and all("2021-03-11" <= r["date"] <= "2021-04-30" for r in later)
    text = run_cli("timeline", "--db", str(key_db), "--key", "--max-dates", "2", "--evidence")
    assert text.returncode == 0 and "2021-03-10" in text.stdout.decode() and "    > " in text.stdout.decode()
    md = run_cli("timeline", "--db", str(key_db), "--key", "--format", "md")
    assert md.stdout.decode().startswith("| date | summary | events | articles |")
    assert _key(run_cli, key_db, "--since", "2030") == []
    refused = run_cli("timeline", "--db", str(key_db), "--key", "--actor", "Turkey")
    assert refused.returncode == 2 and "--key" in refused.stderr.decode()


def test_timeline_of_one_story(key_db: Path, run_cli) -> None:
    stories = json.loads(run_cli("stories", "--db", str(key_db), "--format", "json").stdout)
    assert stories
    story = next(s for s in stories if "fr1" in s["article_ids"])
    keyed = _key(run_cli, key_db, "--story", story["id"][:8])
    assert keyed and all(set(r["article_ids"]) <= set(story["article_ids"]) for r in keyed)
    assert all(set(r["event_ids"]) <= set(story["event_ids"]) for r in keyed)
    events = run_cli("timeline", "--db", str(key_db), "--story", story["id"], "--all", "--format", "json")
    assert events.returncode == 0, events.stderr.decode()
    assert {e["id"] for e in json.loads(events.stdout)} <= set(story["event_ids"])
    missing = run_cli("timeline", "--db", str(key_db), "--story", "st:nosuchstory")
    assert missing.returncode == 2 and "E503" in missing.stderr.decode()


# lists of dates (an archive box, a row of comment stamps) repeated on several pages are no
# reports, and neither is a teaser the site repeats on every page: the day two reports name
# in their lead wins over the days the lists and the teaser name
TEASER = "Da leggere: il 7 marzo 2021 il sindaco di Torino ha aperto la nuova biblioteca del quartiere."
LIST_DOCS = [
    {"id": "r1", "published": "2021-03-11", "language": "it", "title": "Vertice a Roma",
     "text": "Vertice a Roma\n\nIl 10 marzo 2021 i ministri di Italia e Turchia si sono incontrati a Roma per "
             "discutere della crisi in Libia e della tregua.\n"},
    {"id": "r2", "published": "2021-03-13", "language": "it", "title": "Dopo il vertice",
     "text": "Dopo il vertice\n\nIl vertice del 10 marzo a Roma tra i ministri di Italia e Turchia ha aperto una "
             "strada per la tregua in Libia, dicono i diplomatici.\n"},
] + [
    {"id": f"l{i}", "published": f"2021-03-2{i}", "language": "it", "title": f"Notizie del giorno {i}",
     "text": f"Notizie del giorno {i}\n\nIl governo ha presentato oggi un nuovo piano per le scuole del paese e "
             f"per gli insegnanti.\n\nArchivio: 1 marzo 2021, 2 marzo 2021, 3 marzo 2021, 4 marzo 2021, "
             f"5 marzo 2021.\n"} for i in range(3)
] + [
    {"id": f"t{i}", "published": f"2021-03-1{i + 5}", "language": "it", "title": f"Meteo, giorno {i}",
     "text": f"Meteo, giorno {i}\n\n{TEASER}\n\nPioggia al nord e sole al sud, con temperature in calo "
             f"di qualche grado secondo le previsioni del servizio meteo.\n"} for i in range(3)
]


def test_dates_named_in_lists_are_not_votes(tmp_path: Path, run_cli) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in LIST_DOCS), "utf-8")
    db = tmp_path / "list.db"
    proc = subprocess.run([sys.executable, "-m", "storyline", "build", str(src), "--db", str(db), "-q"],
                          cwd=ROOT, capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode()
    top = _key(run_cli, db, "--max-dates", "3")
    assert max(top, key=lambda r: r["score"])["date"] == "2021-03-10"
    assert not {r["date"] for r in top} & {f"2021-03-0{d}" for d in range(1, 6)}
    # the teaser's three pages, of three days, are one report: half the summit's two
    teaser = next(r for r in _key(run_cli, db, "--max-dates", "10") if r["date"] == "2021-03-07")
    assert teaser["article_ids"] == ["t0"] and teaser["score"] <= max(r["score"] for r in top) / 2


def test_a_sentence_copied_onto_pages_of_other_days_counts_once() -> None:
    """A site's teaser on the pages of three days is one report (its first page's); a wire
    sentence two outlets ran the same day is two; short lines and words that differ are no copies."""
    from storyline.keydates import _furniture
    from storyline.models import Article

    teaser = "Da leggere: il sindaco ha aperto la biblioteca."
    wire = "ROMA, 10 marzo - I ministri si sono incontrati a Roma."
    texts = {"a": (teaser + " " + wire, "2021-03-10"), "b": (wire + " " + teaser, "2021-03-10"),
             "c": (teaser + " Aggiornato.", "2021-03-12"), "d": ("Da leggere: il sindaco ha chiuso la biblioteca.", "2021-03-13"),
             "e": (teaser, "2021-03-09")}
    articles = {k: Article(k, k, "text", t, published=p) for k, (t, p) in texts.items()}
    bounds = {k: [(m.start(), m.end()) for m in __import__("re").finditer(r"[^.]+\.", t)] for k, (t, _) in texts.items()}
    # e (9 March) carries the teaser first; a, b (10 March) and c (12 March) copy it; the wire
    # sentence and its same-day copy stay; "Aggiornato." is too short to be a copy; d differs
    assert _furniture(articles, bounds) == {("a", 0), ("b", 1), ("c", 0)}


# -- the scorer -------------------------------------------------------------------------------


def test_rouge_and_date_f1_count_clipped_overlaps() -> None:
    assert rouge_n("the cat sat on the mat", "the cat is on the mat", 1)["f1"] == pytest.approx(5 / 6, abs=1e-3)
    assert rouge_n("the cat sat on the mat", "the cat is on the mat", 2)["f1"] == pytest.approx(0.6)
    assert rouge_n("the the the", "the", 1) == {"p": pytest.approx(1 / 3, abs=1e-3), "r": 1.0, "f1": 0.5}
    assert rouge_n("Città, città!", "città", 1)["r"] == 1.0  # any script, case and punctuation aside
    assert date_f1(["2011-01-01", "2011-01-02"], ["2011-01-02", "2011-01-03", "2011-01-04"])["f1"] == pytest.approx(0.4)
    s = score_timeline({"2011-01-01": "a b c", "2011-01-02": "d e"}, {"2011-01-01": "d e", "2011-01-02": "a b c"})
    assert s["rouge1"]["f1"] == 1.0 and s["rouge1_aligned"]["f1"] == 0.0 and s["date"]["f1"] == 1.0


def test_reference_reader(tmp_path: Path) -> None:
    ref = tmp_path / "t.txt"
    ref.write_text("2011-02-11\nFirst line .\nSecond line .\n--------------------\n2011-02-14\nThird .\n-----\n", "utf-8")
    assert reference(ref) == [("2011-02-11", ["First line .", "Second line ."]), ("2011-02-14", ["Third ."])]


@pytest.mark.slow
def test_eval_tls_through_the_cli(tmp_path: Path, run_cli) -> None:
    # a small copy of the gate slice's first weeks, in tmp_path (never in the repository)
    tls = shared_path("data", "cl-tls")
    lang, topic = GATE["lang"], GATE["topic"]
    small = tmp_path / "cl-tls"
    (small / lang / "reference").mkdir(parents=True)
    days = sorted(p for p in (tls / lang / topic).iterdir() if p.is_dir())[:4]
    for day in days:
        (small / lang / topic / day.name).mkdir(parents=True)
        for f in sorted(day.glob("*.txt")):
            (small / lang / topic / day.name / f.name).write_bytes(f.read_bytes())
    (small / lang / "reference" / f"{topic}.txt").write_bytes((tls / lang / "reference" / f"{topic}.txt").read_bytes())
    out = run_cli("eval", "tls", str(small), "--lang", lang, "--json")
    assert out.returncode == 0, out.stderr.decode()
    result = json.loads(out.stdout)
    [one] = result["topics"]
    assert (one["lang"], one["topic"]) == (lang, topic) and one["documents"] >= 4
    for m in ("date", "rouge1", "rouge2", "rouge1_aligned", "rouge2_aligned"):
        assert 0 <= one[m]["f1"] <= 1 and result["mean_f1"][m] == one[m]["f1"]
    assert 0 < one["predicted_dates"] <= one["reference_dates"]
    assert run_cli("eval", "stories", "--lang", "it").returncode == 2
    # --db-dir keeps the built database; later runs reuse it (the table here, then JSON again) and
    # score the same, as the build into a temporary database did
    kept = tmp_path / "dbs"
    first = run_cli("eval", "tls", str(small), "--lang", lang, "--json", "--db-dir", str(kept))
    assert first.returncode == 0, first.stderr.decode()
    assert (kept / f"{lang}-{topic}.db").is_file()
    assert json.loads(first.stdout)["topics"][0]["date"] == one["date"]
    table = run_cli("eval", "tls", str(small), "--topic", topic, "--db-dir", str(kept))
    assert "date F1" in table.stdout.decode()
    again = run_cli("eval", "tls", str(small), "--lang", lang, "--json", "--db-dir", str(kept))
    assert again.returncode == 0, again.stderr.decode()
    assert json.loads(again.stdout)["topics"][0]["date"] == json.loads(first.stdout)["topics"][0]["date"]
    assert run_cli("eval", "stories", "--db-dir", str(kept)).returncode == 2


def test_summaries_from_sparse_rows_match_the_dense_computation() -> None:
    """The summariser's sparse TF-IDF rows pick what the dense matrix did: the same cosines
    to the centroid and between sentences (numpy over every word of the day)."""
    import numpy as np

    from storyline.keydates import REDUNDANCY, _idf, _Sentence, _summarise, tokens

    texts = [
        "The ministers met in Rome on Wednesday to discuss the crisis in Libya.",
        "Foreign ministers of Italy and Turkey met in Rome to discuss Libya and its crisis.",
        "The ministers met in Rome on Wednesday to discuss the crisis in Libya again.",
        "Rain fell over the northern hills for most of the afternoon and evening.",
        "Diplomats in Rome said the meeting on Libya had been useful for peace.",
        "A football match in Milan ended in a draw after a late goal by the visitors.",
    ]
    sents = [_Sentence(f"a{i}", i, t) for i, t in enumerate(texts)]
    idf = _idf(texts)
    vocab = sorted({w for t in texts for w in tokens(t)})
    m = np.zeros((len(texts), len(vocab)))
    for i, t in enumerate(texts):
        for w in set(tokens(t)):
            m[i, vocab.index(w)] = (1 + np.log(tokens(t).count(w))) * idf[w]
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    centroid = m.mean(axis=0)
    sims = m @ (centroid / np.linalg.norm(centroid))
    picked: list[int] = []
    for i in sorted(range(len(texts)), key=lambda k: (-sims[k], sents[k].article_id, sents[k].index)):
        if not any(m[i] @ m[j] > REDUNDANCY for j in picked):
            picked.append(i)
        if len(picked) == 3:
            break
    assert [s.text for s in _summarise(sents, idf, 3)] == [texts[i] for i in picked]
    assert _summarise(sents, idf, 0) == [] and _summarise([], idf, 3) == []


def test_a_past_story_told_again_keeps_its_year() -> None:
    """"Il 15 marzo del 2011 ... il 18 marzo, dopo la preghiera" in an article of 15 March 2014:
    the 18 March the time-expression stage put three days ahead is 18 March 2011; a day of
    the story's own year, a history date, or "oggi" in between leave the guess alone."""
    from storyline.keydates import _narrative_years
    from storyline.models import TimeExpr

    def t(start: int, value: str, anchor: str) -> TimeExpr:
        return TimeExpr("x", start, start + 5, "DATE", value, anchor)

    story = [t(0, "2011-03-15", "absolute"), t(200, "2014-03-18", "article-year"), t(300, "2014-03-25", "article-year")]
    assert _narrative_years(story, "2014-03-15") == ["2011-03-15", "2011-03-18", "2011-03-25"]
    # a day before the publication is this year's (a recent day named after an old one)
    assert _narrative_years([t(0, "2011-03-15", "absolute"), t(90, "2014-03-02", "article-year")], "2014-03-15")[1] == "2014-03-02"
    # "oggi" in between: back to the publication's year; too far, or history: not carried
    assert _narrative_years([story[0], t(100, "2014-03-15", "article-date"), story[1]], "2014-03-15")[2] == "2014-03-18"
    assert _narrative_years([story[0], t(5000, "2014-03-18", "article-year")], "2014-03-15")[1] == "2014-03-18"
    assert _narrative_years([t(0, "1982-02-02", "absolute"), story[1]], "2014-03-15")[1] == "2014-03-18"


def test_a_day_named_only_for_a_plan_or_a_denial_is_half_a_vote() -> None:
    """A time expression that dates only events the coder read as not having happened (the
    vote set "for 24 July", a denied meeting) is a plan or a denial on that day, not a report
    of it; one that also dates an event that happened stays a full mention."""
    from storyline.keydates import _unrealised
    from storyline.models import Event, EventMention

    def mention(aid: str, date_at: int, status: str) -> EventMention:
        return EventMention(aid, 0, 0, 80, (10, 15, "vote"), "PROTEST", None, None, None, status, ("SYR",),
                            date="2011-07-24", date_precision="day", date_span=(date_at, date_at + 9))

    def event(*mentions: EventMention) -> Event:
        m = mentions[0]
        return Event("ev:" + m.article_id + str(m.date_span), m.type, None, None, None, m.status, m.date,
                     m.date_precision, m.source, (), None, None, 0.5, mentions)

    events = [event(mention("a", 40, "planned")), event(mention("b", 40, "occurred")),
              event(mention("c", 7, "denied"), mention("b", 40, "planned")), event(mention("d", 3, "hypothetical")),
              event(mention("d", 3, "occurred"))]
    assert _unrealised(events) == {("a", 40), ("c", 7)}


def test_a_summary_prefers_sentences_whose_time_is_the_day() -> None:
    """The day's most central sentence leads its summary, unless it also names another day
    (a look back from a later report, the day one of several times it tells) or its mention
    of the day dates no event that happened (a plan): then a sentence whose time the day is
    comes first. The penalties are relative: when every sentence names another day, the
    most central one leads again."""
    from dataclasses import replace

    from storyline.keydates import _idf, _Sentence, _summarise

    texts = [
        "The council of the river town voted on 4 May to close the old bridge to all traffic.",
        "After the vote of 4 May the old bridge of the river town was closed to traffic by the council.",
        "Fishermen on the river said on 4 May that the water was higher than in any spring they knew.",
        "The council of the river town, which had met on 2 April, voted on 4 May to close the old bridge.",
    ]
    idf = _idf(texts)
    plain = [_Sentence(f"a{i}", 0, t) for i, t in enumerate(texts)]

    def first(sents: list) -> str:
        return _summarise(sents, idf, 1)[0].article_id

    assert first(plain) == "a0"
    assert first([replace(plain[0], others=True), *plain[1:]]) != "a0"
    assert first([replace(plain[0], dating=False), *plain[1:]]) != "a0"
    assert first([replace(s, others=True) for s in plain]) == "a0"
