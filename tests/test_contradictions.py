"""Contradictions: where reports of one event or claim disagree (storyline/contradictions.py).

Built through the real pipeline and read through the real CLI: eight short articles we write
(two disagreeing on where a called-off meeting was to be held and whether it was postponed or
cancelled, two on a number of troops, two differing only in precision, two on a country's
stance), then the seeds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, export_rows, invoke_cli, prebuild

SEEDS = ROOT.parent / "shared" / "seeds"

ARTICLES = [
    {"id": "a-istanbul", "source": "Daily One", "published": "2020-06-15",
     "title": "Russian ministers' visit to Turkey postponed",
     "text": "Russian ministers' visit to Turkey postponed\n\nThe meeting between the foreign and defence ministers "
             "of Russia and Turkey, due to be held in Istanbul on Sunday, was postponed at the last minute. Russian "
             "Foreign Minister Sergei Lavrov and Defence Minister Sergei Shoigu did not fly to Turkey. Turkish Foreign "
             "Minister Mevlut Cavusoglu said the talks on Libya would continue."},
    {"id": "b-ankara", "source": "Evening Two", "published": "2020-06-16",
     "title": "Russia and Turkey call off ministers' talks on Libya",
     "text": "Russia and Turkey call off ministers' talks on Libya\n\nA scheduled visit to Ankara by the Russian "
             "foreign and defence ministers was cancelled at the last minute on Sunday. Russian Foreign Minister "
             "Sergei Lavrov and Defence Minister Sergei Shoigu were to discuss the ceasefire in Libya with their "
             "Turkish counterparts."},
    {"id": "c-troops", "source": "Morning Three", "published": "2020-03-10", "title": "Turkey sends troops to Libya",
     "text": "Turkey sends troops to Libya\n\nTurkey deployed about 2,000 troops to Libya on Monday to back the "
             "Government of National Accord in Tripoli, officials said."},
    {"id": "d-troops", "source": "Night Four", "published": "2020-03-10", "title": "Turkish troops arrive in Libya",
     "text": "Turkish troops arrive in Libya\n\nTurkey deployed 5,000 troops to Libya on Monday to back the "
             "Government of National Accord, officials said."},
    # the same strike told at two precisions: "at least 20" and 25 killed, 3 May 2020 and May,
    # Sirte in Libya and Sirte — no contradiction
    {"id": "e-strike", "source": "Coast Five", "published": "2020-05-04", "title": "Air strike on Sirte",
     "text": "Air strike on Sirte\n\nAt least 20 people were killed when Haftar's forces bombed Sirte in Libya on "
             "3 May 2020, the Government of National Accord said."},
    {"id": "f-strike", "source": "Desert Six", "published": "2020-05-05", "title": "Sirte bombed",
     "text": "Sirte bombed\n\nHaftar's forces bombed Sirte in May and 25 people were killed, the Government of "
             "National Accord said."},
    # a stance: took no side, against sided with
    {"id": "g-neutral", "source": "Harbour Seven", "published": "2020-08-01", "title": "Algeria and the Libyan war",
     "text": "Algeria and the Libyan war\n\nAlgeria has never taken sides in the Libyan war, Foreign Minister Sabri "
             "Boukadoum said in Algiers on Saturday."},
    {"id": "h-sided", "source": "Valley Eight", "published": "2020-08-03", "title": "Algeria's role in the Libyan war",
     "text": "Algeria's role in the Libyan war\n\nAlgeria has sided with Khalifa Haftar in the Libyan war, diplomats "
             "in Algiers said on Monday."},
]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyline", *args], capture_output=True, cwd=ROOT, timeout=600)


def _json(*args: str) -> list[dict]:
    # in this process (invoke_cli): many answers read; the text, CSV and errors come from
    # `python -m storyline` (_cli)
    proc = invoke_cli(*args, "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


def _prepare(folder: Path) -> tuple[Path, list]:
    src = folder / "articles.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return folder / "small.db", [src]


_SMALL = prebuild("small_db", _prepare, __file__)  # started in the background (tests/conftest.py)


@pytest.fixture(scope="module")
def small_db() -> Path:
    return _SMALL.wait()


def _by_field(records: list[dict], field: str) -> list[dict]:
    return [r for r in records if r["field"] == field]


def _values(rec: dict) -> dict[str, set[str]]:
    return {c["value"]: set(c["article_ids"]) for c in rec["claims"]}


def test_meeting_place_and_status(small_db: Path) -> None:
    records = _json("contradictions", "--db", str(small_db))
    place = _by_field(records, "place")
    assert len(place) == 1
    assert _values(place[0]) == {"Istanbul": {"a-istanbul"}, "Ankara": {"b-ankara"}}
    status = _by_field(records, "status")
    assert len(status) == 1
    assert _values(status[0]) == {"postponed": {"a-istanbul"}, "cancelled": {"b-ankara"}}
    for rec in place + status:
        assert rec["story_id"] and rec["event_id"] in rec["event_ids"]
        outlets = {o for c in rec["claims"] for o in c["outlets"]}
        assert outlets == {"Daily One", "Evening Two"}
        assert all(c["sentences"] for c in rec["claims"])
    assert any("Istanbul" in s for c in place[0]["claims"] for s in c["sentences"])


def test_number_disagreement_once(small_db: Path) -> None:
    numbers = _by_field(_json("contradictions", "--db", str(small_db), "--field", "number"), "number")
    assert len(numbers) == 1  # one record, however many events the two sentences gave
    assert _values(numbers[0]) == {"about 2,000 troops": {"c-troops"}, "5,000 troops": {"d-troops"}}


def test_precision_is_no_contradiction(small_db: Path) -> None:
    records = _json("contradictions", "--db", str(small_db))
    involved = {a for r in records for c in r["claims"] for a in c["article_ids"]}
    assert not involved & {"e-strike", "f-strike"}
    assert len(records) == 4


def test_stance(small_db: Path) -> None:
    stance = _json("contradictions", "--db", str(small_db), "--field", "stance")
    assert len(stance) == 1
    assert _values(stance[0]) == {"Algeria took no side": {"g-neutral"}, "Algeria sided with Khalifa Haftar": {"h-sided"}}
    assert stance[0]["event_ids"]


def test_number_ranges() -> None:
    """A difference of precision is no disagreement: "about 2,000" holds 2,000, "at least 20"
    holds 25; "about 2,000" and 5,000 cannot both hold."""
    from storyline.contradictions import _numbers

    def rng(text: str) -> tuple[float, float]:
        (unit, _, r), = _numbers(text)
        return r

    def overlap(a: str, b: str) -> bool:
        (lo1, hi1), (lo2, hi2) = rng(a), rng(b)
        return not (hi1 < lo2 or hi2 < lo1)

    assert overlap("about 2,000 troops", "2,000 troops")
    assert overlap("at least 20 people were killed", "25 people were killed")
    assert overlap("some 1.5 million soldiers", "1,500,000 soldiers")
    assert not overlap("about 2,000 troops", "5,000 troops")
    assert not overlap("more than 1,000 people killed", "up to 500 people killed")
    assert _numbers("in 2019 troops were sent") == []  # a year, not a count


def test_every_record_has_two_sides_from_different_articles(small_db: Path) -> None:
    for rec in export_rows(small_db, "contradictions"):
        assert rec["field"] in {"place", "date", "status", "actor", "number", "stance"}
        assert len(rec["claims"]) >= 2
        assert len({c["value"] for c in rec["claims"]}) == len(rec["claims"])
        assert len({a for c in rec["claims"] for a in c["article_ids"]}) >= 2
        assert set(rec) == {"id", "story_id", "event_id", "field", "claims", "subject", "event_ids"}


def test_text_csv_and_filters(small_db: Path) -> None:
    text = _cli("contradictions", "--db", str(small_db)).stdout.decode()
    assert "place: venue of the called-off CONSULT" in text and "Ankara — Evening Two; article(s) b-ankara" in text
    assert "> A scheduled visit to Ankara" in text
    csv_out = _cli("export", "contradictions", "--db", str(small_db), "--format", "csv").stdout.decode().splitlines()
    assert csv_out[0] == "id,story_id,event_id,field,claims,subject,event_ids" and len(csv_out) == 5
    story = _by_field(_json("contradictions", "--db", str(small_db)), "place")[0]["story_id"]
    assert {r["field"] for r in _json("contradictions", "--db", str(small_db), "--story", story)} == {"place", "status"}
    assert _json("contradictions", "--db", str(small_db), "--field", "date") == []
    bad = _cli("contradictions", "--db", str(small_db), "--story", "st:nope")
    assert bad.returncode == 2 and b"E503" in bad.stderr


# -- the seeds ------------------------------------------------------------------------------

def test_seeds(seeds_db: Path) -> None:
    """What a reader finds in the seeds: where the called-off June meeting was to be held
    (Istanbul in 001, Ankara in 002); whether it was postponed (001) or cancelled (002); the
    Berlin Conference's date (September 2019 in 000, 19 January 2020 in 004); Russia 'never took
    sides' (000, Lavrov) against 'Moscow has sided with Marshal Haftar' (002). At least two of
    them must come out, the meeting place among them, and at most two others."""
    prefix = {a["id"]: Path(a["path"]).name[:3] for a in export_rows(seeds_db, "articles")}
    records = _json("contradictions", "--db", str(seeds_db))
    # what a reader finds: field, and each side's value with the seeds that must state it
    reader = {
        "meeting place": ("place", {"Istanbul": {"001"}, "Ankara": {"002"}}),
        "meeting status": ("status", {"postponed": {"001"}, "cancelled": {"002"}}),
        "Berlin Conference date": ("date", {"2019-09": {"000"}, "2020-01-19": {"004"}}),
        "Russia's stance": ("stance", {"Russia took no side": {"000"}, "Russia sided with Khalifa Haftar": {"002"}}),
    }

    def agrees(rec: dict, field: str, sides: dict[str, set[str]]) -> bool:
        found = {c["value"]: {prefix[a] for a in c["article_ids"]} for c in rec["claims"]}
        return rec["field"] == field and set(found) == set(sides) and all(sides[v] <= found[v] for v in sides)

    matched = {name for name, (field, sides) in reader.items() for rec in records if agrees(rec, field, sides)}
    others = [rec for rec in records if not any(agrees(rec, f, s) for f, s in reader.values())]
    assert "meeting place" in matched
    assert len(matched) >= 2
    assert len(others) <= 2, others
