"""Who stands with whom (storyline/network.py, 'storyline alliances', 'export alliances') and the
exports for other tools (PLOVER JSON, GeoJSON, GraphML), through the CLI on real builds."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT, export_rows, invoke_cli, shared_path

from storyline.network import PLOVER_SCORES, alliance_edges, event_score

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


# corpus_db (tests/conftest.py): examples/corpus built once for the session


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyline", *args], cwd=ROOT, capture_output=True)


def _json(*args: str):
    # in this process (invoke_cli): many answers read; the text, the other formats and the errors
    # below come from `python -m storyline` (_cli)
    proc = invoke_cli(*args)
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


# -- the network from event records (the read side's pure function) ---------------------------


def _actor(i: str, country: str | None = None) -> dict:
    return {"actor_id": i, "name": i.title(), "country": country, "sector": None}


def _event(i: str, typ: str, sources, targets, *, status="occurred", date="2020-07-01", conf=1.0, mode=None) -> dict:
    return {"id": i, "type": typ, "mode": mode, "status": status, "date": date, "confidence": conf,
            "sources": [_actor(s) for s in sources], "targets": [_actor(t) for t in targets], "mentions": []}


def test_only_events_that_occurred_count_and_the_score_is_a_weighted_mean() -> None:
    events = [
        _event("e1", "AID", ["x"], ["y"], conf=0.5),                    # +1.0
        _event("e2", "ASSAULT", ["y"], ["x"], conf=0.25),               # -0.9
        _event("e3", "ASSAULT", ["x"], ["y"], status="denied"),         # a denied attack: no hostility
        _event("e4", "ASSAULT", ["x"], ["y"], status="planned"),
        _event("e5", "SUPPORT", ["x"], ["y"], status="hypothetical"),
        _event("e6", "COOPERATE", ["x"], ["y"], status="cancelled"),
        _event("e8", "RETREAT", ["x"], ["y"], mode="withdraw"),    # de-escalation, not taking sides
        _event("e9", "CONCEDE", ["y"], ["x"]),
    ]
    (edge,) = alliance_edges(events)
    assert edge["event_ids"] == ["e1", "e2"]
    assert edge["score"] == pytest.approx((0.5 * 1.0 + 0.25 * -0.9) / 0.75, abs=1e-3)
    assert edge["stance"] == "ally" and edge["cooperative"] == 1 and edge["hostile"] == 1
    (hostile,) = alliance_edges([_event("e2", "ASSAULT", ["y"], ["x"])])
    assert hostile["stance"] == "adversary" and hostile["score"] == -0.9
    (talk,) = alliance_edges([_event("e7", "CONSULT", ["y"], ["x"])])
    assert talk["stance"] == "mixed"  # a lone consultation is no alliance


def test_co_actors_pair_for_cooperation_only_and_no_self_or_own_sector_edges() -> None:
    edges = alliance_edges([
        _event("e1", "AGREE", ["TUR", "RUS"], []),           # acting together: a pair
        _event("e2", "ASSAULT", ["a", "b"], []),              # reciprocal violence: no pair
        _event("e3", "SUPPORT", ["TUR", "TUR-GOV"], []),      # a country and its own government
        _event("e4", "SUPPORT", ["c"], ["c"]),
    ])
    assert [(e["a"], e["b"], e["event_ids"]) for e in edges] == [("RUS", "TUR", ["e1"])]


def _backing(i: str, text: str, trigger: str, sources=("RUS", "TUR"), typ: str = "SUPPORT") -> dict:
    """A co-actors' event of one report whose sentence is ``text``, its trigger the word given."""
    at = text.index(trigger)
    mention = {"article_id": f"a{i}", "basis": "rules", "source": list(sources), "target": [], "start": 100,
               "end": 100 + len(text), "text": text, "trigger": {"start": 100 + at, "end": 100 + at + len(trigger), "text": trigger}}
    return dict(_event(i, typ, list(sources), []), mentions=[mention])


@pytest.mark.parametrize("text, trigger", [
    ("Both capitals support two opposing camps in the war.", "support"),
    ("Les deux pays soutiennent des camps opposés dans ce conflit.", "soutiennent"),
    ("Ambos gobiernos apoyan a bandos enfrentados en la guerra civil.", "apoyan"),
    ("I due governi sostengono schieramenti contrapposti nel conflitto.", "sostengono"),
    ("Обе страны поддерживают противоборствующие стороны конфликта.", "поддерживают"),
    ("ويدعم البلدان الأطراف المتنازعة في الحرب الأهلية.", "ويدعم"),
    ("İki ülke savaşta karşıt tarafları destekliyor.", "destekliyor"),
])
def test_co_actors_backing_opposing_sides_are_set_against_each_other(text: str, trigger: str) -> None:
    (edge,) = alliance_edges([_backing("1", text, trigger)])
    assert (edge["a"], edge["b"], edge["stance"], edge["score"]) == ("RUS", "TUR", "adversary", -0.5)
    assert edge["evidence"][0]["how"] == "a×b" and edge["hostile"] == 1


@pytest.mark.parametrize("text, trigger", [
    ("Both capitals support the ceasefire signed in the capital.", "support"),
    ("Both capitals support rebel forces opposed to the regime.", "support"),           # one side
    ("Les deux pays soutiennent les forces opposées au régime.", "soutiennent"),       # one side
    ("Both capitals support the opposition forces in the north.", "support"),          # "opposition" is no "opposing"
])
def test_co_actors_backing_one_side_stay_together(text: str, trigger: str) -> None:
    (edge,) = alliance_edges([_backing("1", text, trigger)])
    assert (edge["stance"], edge["evidence"][0]["how"]) == ("ally", "a+b")


def test_opposing_sides_of_a_hostile_act_make_no_pair() -> None:
    # reciprocal violence makes no co-actor pair, whatever its object
    assert alliance_edges([_backing("1", "Both armies shelled rival positions.", "shelled", typ="ASSAULT")]) == []


def test_a_target_that_is_only_where_it_happened_is_no_party() -> None:
    # "Russian jets struck rebels in Syria": PLOVER's convention makes Syria the target; Russia
    # is not Syria's adversary for it — unless a report names Syria as what was struck
    placed = dict(_event("e1", "ASSAULT", ["RUS"], ["SYR"]),
                  mentions=[{"source": ["RUS"], "target": ["SYR"], "target_is_place": True}])
    assert alliance_edges([placed]) == []
    named = dict(placed, mentions=placed["mentions"] + [{"source": ["RUS"], "target": ["SYR"], "target_is_place": False}])
    (edge,) = alliance_edges([named])
    assert (edge["a"], edge["b"], edge["stance"]) == ("RUS", "SYR", "adversary")


def test_an_event_of_many_reports_joins_only_pairs_some_report_tells() -> None:
    # one report (parsed) says RUS struck SYR-REB; another, the classifier's reading of a
    # sentence naming Turkey and Iran, gives TUR -> IRN: the linked event has both sides, but
    # Russia never acted on Iran in any report
    ms = [{"article_id": "a1", "basis": "rules", "source": ["RUS-MIL"], "target": ["SYR-REB"]},
          {"article_id": "a2", "basis": "classifier", "source": ["TUR"], "target": ["IRN"]}]
    ev = dict(_event("e1", "ASSAULT", ["RUS", "TUR"], ["SYR-REB", "IRN"]), mentions=ms)
    assert {(e["a"], e["b"]) for e in alliance_edges([ev])} == {("RUS", "SYR-REB")}
    # the classifier's pair counts when reports in two articles give it
    ms2 = ms + [{"article_id": "a3", "basis": "classifier", "source": ["TUR"], "target": ["IRN"]}]
    assert {(e["a"], e["b"]) for e in alliance_edges([dict(ev, mentions=ms2)])} == {("RUS", "SYR-REB"), ("IRN", "TUR")}


def test_a_sentence_copied_onto_pages_of_other_days_counts_once() -> None:
    # a site's digest under every article, coded on each page as an event of that page's day
    digest = {"article_id": "p1", "basis": "rules", "source": ["ARM"], "target": ["MUS"],
              "text": "Protests  against the truce in Armenia, a record in the US.", "trigger": {"text": "Protests"}}
    copies = [dict(_event(f"e{i}", "PROTEST", ["ARM"], ["MUS"], date=f"2012-0{i}-01"),
                   mentions=[dict(digest, article_id=f"p{i}", text=digest["text"].replace("  ", " " * i))])
              for i in range(1, 6)]
    (edge,) = alliance_edges(copies)
    assert edge["event_ids"] == ["e1"]  # the earliest copy, once
    # another report of the pair (another sentence) still counts
    other = dict(_event("e9", "PROTEST", ["ARM"], ["MUS"], date="2012-09-01"),
                 mentions=[dict(digest, article_id="p9", text="Armenians protested outside the embassy.")])
    (edge,) = alliance_edges(copies + [other])
    assert edge["event_ids"] == ["e1", "e9"]


def test_periods_month_quarter_and_undated() -> None:
    events = [_event("e1", "AID", ["x"], ["y"], date="2020-07-03"), _event("e2", "AID", ["x"], ["y"], date="2020-08"),
              _event("e3", "AID", ["x"], ["y"], date="2020"), _event("e4", "AID", ["x"], ["y"], date=None)]
    assert [(e["period"], e["event_ids"]) for e in alliance_edges(events, period="month")] == [
        ("2020-07", ["e1"]), ("2020-08", ["e2"]), ("undated", ["e3", "e4"])]
    assert [(e["period"], e["events"]) for e in alliance_edges(events, period="quarter")] == [("2020-Q3", 2), ("undated", 2)]
    assert [(e["period"], e["events"]) for e in alliance_edges(events)] == [("all", 4)]


def test_scores_are_the_plover_manuals() -> None:
    """Every score of the manual's table "PLOVER conflict--cooperation scores" is ours (type and
    type: mode), except ACCUSE's type-level one, printed "3" without a sign (we take −3)."""
    tex = shared_path("data", "plover-gsr", "reference", "PLOVER_MANUAL.tex").read_text("utf-8")
    table = tex[tex.index("\\caption{PLOVER conflict--cooperation scores}\n\\hspace"):]
    table = table[: table.index("\\end{tabular}")]
    found = 0
    for cell, score in re.findall(r"(?:\\cellcolor\{gray!25\})?([A-Z]+(?::\s*[A-Za-z-]+)?)\s*&\s*(?:\\cellcolor\{gray!25\})?(-?[\d.]+)", table):
        typ, _, mode = cell.partition(":")
        ours = event_score(typ, mode.strip() or None)
        expected = float(score) / 10
        if typ == "ACCUSE" and not mode:
            assert ours == -0.3
        else:
            assert ours == pytest.approx(expected), cell
            assert (mode.strip().lower() and (typ, mode.strip().lower()) in PLOVER_SCORES) or typ in PLOVER_SCORES
        found += 1
    assert found >= 81  # the whole table was read: 16 types and 65 type: mode cells


# -- the command and the export, on a build -----------------------------------------------------


def test_alliances_agree_with_the_events_export(corpus_db: Path) -> None:
    events = {e["id"]: e for e in export_rows(corpus_db, "events")}
    edges = _json("alliances", "--db", str(corpus_db), "--format", "json")
    assert edges, "the example corpus has events between named actors"
    for e in edges:
        assert e["a"] < e["b"] and -1 <= e["score"] <= 1 and e["period"] == "all"
        evs = [events[i] for i in e["event_ids"]]
        assert all(ev["status"] == "occurred" for ev in evs)
        for ev in evs:
            ids = {x["actor_id"] for x in ev["sources"] + ev["targets"]}
            assert {e["a"], e["b"]} <= ids
        weight = sum(ev["confidence"] for ev in evs)
        expected = sum(ev["confidence"] * event_score(ev["type"], ev["mode"]) for ev in evs) / weight
        assert e["score"] == pytest.approx(expected, abs=2e-3)
        assert e["stance"] == ("ally" if e["score"] >= 0.3 else "adversary" if e["score"] <= -0.3 else "mixed")
    text = _cli("alliances", "--db", str(corpus_db))
    assert text.returncode == 0 and "period all" in text.stdout.decode()
    first = edges[0]
    assert first["event_ids"][0] in text.stdout.decode()  # the events behind each edge are shown
    months = _json("alliances", "--db", str(corpus_db), "--period", "month", "--format", "json")
    assert sum(e["events"] for e in months) == sum(e["events"] for e in edges)
    assert all(re.fullmatch(r"\d{4}-\d{2}|undated", e["period"]) for e in months)
    many = _json("alliances", "--db", str(corpus_db), "--min-events", "2", "--format", "json")
    assert all(e["events"] >= 2 for e in many) and len(many) <= len(edges)


def test_export_alliances_jsonl_and_csv(corpus_db: Path) -> None:
    rows = export_rows(corpus_db, "alliances")
    assert rows and list(rows[0])[:8] == ["a", "b", "a_country", "b_country", "period", "score", "stance", "event_ids"]
    assert {r["period"] for r in rows} >= {"all"}
    overall = [r for r in rows if r["period"] == "all"]
    assert sum(r["events"] for r in overall) == sum(r["events"] for r in rows if r["period"] != "all")
    proc = _cli("export", "alliances", "--db", str(corpus_db), "--format", "csv")
    assert proc.returncode == 0
    table = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
    assert len(table) == len(rows) and json.loads(table[0]["event_ids"]) == rows[0]["event_ids"]


def test_graphml_is_valid_and_declares_its_keys(corpus_db: Path) -> None:
    proc = _cli("export", "alliances", "--db", str(corpus_db), "--format", "graphml")
    assert proc.returncode == 0, proc.stderr.decode()
    root = ET.fromstring(proc.stdout)
    assert root.tag == GRAPHML + "graphml"
    keys = {k.get("id"): (k.get("for"), k.get("attr.type")) for k in root.findall(GRAPHML + "key")}
    assert {"name", "country", "kind"} <= {k for k, (f, _) in keys.items() if f == "node"}
    assert {"score", "stance", "period", "events"} <= {k for k, (f, _) in keys.items() if f == "edge"}
    (graph,) = root.findall(GRAPHML + "graph")
    assert graph.get("edgedefault") == "undirected"
    nodes = {n.get("id") for n in graph.findall(GRAPHML + "node")}
    edges = graph.findall(GRAPHML + "edge")
    overall = [r for r in export_rows(corpus_db, "alliances") if r["period"] == "all"]
    assert len(edges) == len(overall)
    for e in edges:
        assert e.get("source") in nodes and e.get("target") in nodes
        data = {d.get("key"): d.text for d in e.findall(GRAPHML + "data")}
        assert set(data) <= set(keys) and -1 <= float(data["score"]) <= 1 and data["period"] == "all"
        assert data["stance"] in {"ally", "adversary", "mixed"} and int(data["events"]) >= 1


def test_geojson_points_are_the_events_places(corpus_db: Path) -> None:
    proc = _cli("export", "events", "--db", str(corpus_db), "--format", "geojson")
    assert proc.returncode == 0, proc.stderr.decode()
    fc = json.loads(proc.stdout)
    events = {e["id"]: e for e in export_rows(corpus_db, "events")}
    located = {i for i, e in events.items() if e["location"] and e["location"]["lat"] is not None}
    assert fc["type"] == "FeatureCollection" and located
    assert {f["id"] for f in fc["features"]} == located
    for f in fc["features"]:
        loc = events[f["id"]]["location"]
        assert f["type"] == "Feature" and f["geometry"] == {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
        assert f["properties"]["id"] == f["id"] and f["properties"]["type"] == events[f["id"]]["type"]


def test_plover_json_uses_the_manuals_field_names(corpus_db: Path) -> None:
    proc = _cli("export", "events", "--db", str(corpus_db), "--format", "plover")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    events = {e["id"]: e for e in export_rows(corpus_db, "events")}
    assert len(rows) == len(events)
    for r in rows:
        ev = events[r["id"]]
        # the manual's "PLOVER JSON" table: required id, date, actor, event; optional the rest
        assert {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
                "event_scale", "quad_code"} <= set(r)
        assert r["event"] == [ev["type"]] and r["date"] == ev["date"] and r["status"] == ev["status"]
        assert [a["identifier_id"] for a in r["recipient"]] == [a["actor_id"] for a in ev["targets"]]
        assert all(set(a) >= {"code", "sector", "entity_text"} for a in r["actor"] + r["recipient"])
        assert r["quad_code"] in {1, 2, 3, 4} and r["event_scale"] == pytest.approx(event_score(ev["type"], ev["mode"]) * 10)
        assert r["event_text"] == [m["text"] for m in ev["mentions"]]


def test_a_format_for_another_export_is_a_usage_error(corpus_db: Path) -> None:
    for args in (("events", "--format", "graphml"), ("alliances", "--format", "geojson"), ("actors", "--format", "plover")):
        proc = _cli("export", *args, "--db", str(corpus_db))
        assert proc.returncode == 2 and "applies to" in proc.stderr.decode()
    proc = _cli("alliances", "--db", str(corpus_db), "--actor", "no-such-actor-xyz")
    assert proc.returncode == 2 and "E503" in proc.stderr.decode()
    proc = _cli("alliances", "--db", str(corpus_db), "--story", "st:nosuchstory")
    assert proc.returncode == 2 and "E503" in proc.stderr.decode()


# -- the seeds: the sides of the Libyan war ---------------------------------------------------------


def test_seeds_turkey_backs_the_gna_and_russia_backs_haftar(seeds_db: Path) -> None:
    """What the five seed articles' events support: Turkey (its government) with the GNA; the
    Russian government, Egypt and the UAE with Haftar ("Haftar has the support of …"); no edge
    makes Turkey an adversary of the GNA's side. An event only the classifier proposed, in one
    article, makes no edge (its actors are guesses)."""
    edges = _json("alliances", "--db", str(seeds_db), "--format", "json")
    stance = {(e["a"], e["b"]): e["stance"] for e in edges}
    assert stance.get(("TUR-GOV", "org:gna")) == "ally"
    assert stance.get(("RUS-GOV", "person:khalifa-haftar")) == "ally"
    assert stance.get(("EGY", "person:khalifa-haftar")) == "ally"
    assert stance.get(("ARE", "person:khalifa-haftar")) == "ally"
    turkey = {e["a"] if e["b"].startswith("TUR") else e["b"]: e for e in edges
              if e["a"].startswith("TUR") or e["b"].startswith("TUR")}
    assert all(turkey[x]["stance"] != "adversary" for x in ("org:gna", "person:fayez-al-sarraj") if x in turkey)
    # "The two countries support two opposing camps": Russia and Turkey back opposite sides, so
    # their talks and agreements do not make them allies
    assert stance.get(("RUS", "TUR")) in ("mixed", "adversary")
    rus_tur = next(e for e in edges if (e["a"], e["b"]) == ("RUS", "TUR"))
    assert any(ev["how"] == "a×b" for ev in rus_tur["evidence"])
    # any spelling of Sarraj finds his edges, as timeline --actor does
    sarraj = _json("alliances", "--db", str(seeds_db), "--actor", "Serraj", "--format", "json")
    assert sarraj and all("person:fayez-al-sarraj" in (e["a"], e["b"]) for e in sarraj)
