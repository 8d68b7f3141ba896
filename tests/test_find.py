"""Finding things as a user types them (issue 10, items 6 and 12): `storyline search` with any
query (hyphens, apostrophes, quotes, stray operators) and every spelling of the actors it names,
and `storyline timeline` filtered by actor, country, type and period, with its legend."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, prebuild

# articles that spell Fayez al-Sarraj as "Serraj" and "Saraj" only, with "Al-Jufra" and a possessive
OWN = {
    "serraj.txt": "Serraj meets Erdoğan in Ankara\n\nANKARA, June 4, 2020 — Libyan Prime Minister Fayez al-Serraj met "
                  "Turkish President Recep Tayyip Erdoğan in Ankara on Thursday to discuss the war in Libya.\n\n"
                  "Erdoğan's office said the two leaders agreed to deepen military cooperation between Turkey and the "
                  "Government of National Accord.\n",
    "saraj.txt": "Saraj forces retake Tarhuna as strikes hit Al-Jufra\n\nTRIPOLI, June 6, 2020 — Forces loyal to Saraj "
                 "retook the town of Tarhuna on Friday, his government said.\n\nWarplanes bombed the Al-Jufra air base "
                 "on Saturday morning, a military source said.\n\nThree soldiers were killed near Sirte on Friday.\n",
}


def _prepare(folder: Path) -> tuple[Path, list]:
    own = folder / "own"
    own.mkdir()
    for name, text in OWN.items():
        (own / name).write_text(text, encoding="utf-8")
    return folder / "find.db", [ROOT / "examples" / "corpus", own]


_DB = prebuild("db", _prepare, __file__)  # started in the background (tests/conftest.py)


@pytest.fixture(scope="module")
def db() -> Path:
    return _DB.wait()


def _ids_by_file(db: Path) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-m", "storyline", "export", "articles", "--db", str(db)],
                         capture_output=True, check=True, cwd=ROOT).stdout.decode()
    return {Path(r["path"]).name: r["id"] for r in map(json.loads, out.splitlines())}


class _Done:
    """What a command did, as a subprocess would tell (exit code, standard output and error)."""

    def __init__(self, result) -> None:
        self.returncode = result.exit_code
        self.stdout = result.stdout_bytes
        self.stderr = result.stderr_bytes


def invoke(*args: str) -> _Done:
    """The CLI in this process (click's runner): much faster than a subprocess for the many
    queries here; a few tests below run the real `python -m storyline` too."""
    from click.testing import CliRunner

    from storyline.cli import cli

    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return _Done(result)


def _search(run_cli, db: Path, *args: str):
    proc = (run_cli or invoke)("search", *args, "--db", str(db))
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def _hits(run_cli, db: Path, query: str, *more: str) -> list[dict]:
    code, out, err = _search(None, db, query, "--json", "--limit", "0", *more)
    assert code == 0, err
    return json.loads(out)


# -- search ------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    "al-jufra", "Al-Jufra", "Erdoğan's", '"Sarraj"', "'Sarraj'", "cavusoglu AND libya", "(libya OR turkey",
    "libya)", "AND libya", "libya OR", "NEAR(libya turkey)", "title:libya", "sirte^", "jufra*", '"unclosed phrase',
    "Haftar's forces", "U.N.", "C'est", "50%", "-- libya",
])
def test_any_query_works(run_cli, db: Path, query: str) -> None:
    """Hyphens, apostrophes, quotes, parentheses and FTS operators typed by accident never make an
    SQL error: the command exits 0 with hits or with 'no match for …'."""
    code, out, err = _search(None, db, query)
    assert code == 0, err
    assert err in ("", "(the first 20 articles; --limit 0 shows all)\n"), err
    assert out.strip(), "neither hits nor 'no match' was printed"
    assert "no such column" not in out and "syntax error" not in out and "Traceback" not in out + err


def test_hyphenated_and_possessive_names_find_their_articles(run_cli, db: Path) -> None:
    ids = _ids_by_file(db)
    jufra = {h["id"] for h in _hits(run_cli, db, "al-jufra")}
    assert ids["saraj.txt"] in jufra and len(jufra) >= 3
    erdogan = {h["id"] for h in _hits(run_cli, db, "Erdoğan's")}
    assert ids["serraj.txt"] in erdogan
    # accents and case aside
    assert erdogan == {h["id"] for h in _hits(run_cli, db, "ERDOGAN")}


def test_any_spelling_of_a_resolved_actor_is_found(run_cli, db: Path) -> None:
    """`search sarraj` finds the articles that only say "Serraj" or "Saraj" (they resolve to
    Fayez al-Sarraj), and says why each matched."""
    ids = _ids_by_file(db)
    hits = {h["id"]: h for h in _hits(run_cli, db, "sarraj")}
    assert ids["serraj.txt"] in hits and ids["saraj.txt"] in hits
    for name, spelling in (("serraj.txt", "Fayez al-Serraj"), ("saraj.txt", "Saraj")):
        hit = hits[ids[name]]
        assert hit["matched_words"] == []  # the text never says "sarraj"
        (entity,) = [e for e in hit["matched_entities"] if e["id"] == "person:fayez-al-sarraj"]
        assert spelling in entity["spellings"]
        assert f"[{spelling}]" in hit["snippet"]
    # the same with quotes, another spelling, or a typo-like transliteration
    for query in ('"Sarraj"', "Serraj", "seraj", "SARRAJ", "Fayez al-Sarraj"):
        assert {ids["serraj.txt"], ids["saraj.txt"]} <= {h["id"] for h in _hits(run_cli, db, query)}, query
    # text only: those two are not found
    text_only = {h["id"] for h in _hits(run_cli, db, "sarraj", "--text-only")}
    assert ids["serraj.txt"] not in text_only and ids["saraj.txt"] not in text_only
    # the plain output says why
    code, out, _ = _search(run_cli, db, "sarraj", "--limit", "0")
    block = out.split(ids["saraj.txt"], 1)[1].split("\n\n", 1)[0]
    assert 'matched: Fayez al-Sarraj (person:fayez-al-sarraj) as "Saraj"' in block


def test_operators_combine_words_and_names(run_cli, db: Path) -> None:
    ids = _ids_by_file(db)
    both = {h["id"] for h in _hits(run_cli, db, "sarraj tarhuna")}
    assert ids["saraj.txt"] in both and ids["serraj.txt"] not in both
    left_out = {h["id"] for h in _hits(run_cli, db, "sarraj -tarhuna")}
    assert ids["serraj.txt"] in left_out and ids["saraj.txt"] not in left_out
    assert left_out == {h["id"] for h in _hits(run_cli, db, "sarraj NOT tarhuna")}
    either = {h["id"] for h in _hits(run_cli, db, "tarhuna OR ankara")}
    assert either == {h["id"] for h in _hits(run_cli, db, "tarhuna")} | {h["id"] for h in _hits(run_cli, db, "ankara")}
    prefix = {h["id"] for h in _hits(run_cli, db, "tarhun*", "--text-only")}
    assert prefix >= {h["id"] for h in _hits(run_cli, db, "tarhuna", "--text-only")}


def test_limit_says_when_it_cut_the_list(db: Path) -> None:
    done = invoke("search", "libya", "--db", str(db), "--limit", "2")
    assert done.returncode == 0
    assert done.stdout.decode().count("    matched: ") == 2
    assert "(the first 2 articles; --limit 0 shows all)" in done.stderr.decode()
    every = invoke("search", "libya", "--db", str(db), "--limit", "0")
    assert every.stdout.decode().count("    matched: ") > 2 and every.stderr == b""


def test_empty_and_impossible_queries(run_cli, db: Path) -> None:
    code, out, err = _search(run_cli, db, "zzqxv")
    assert code == 0 and out.strip() == f"no match for 'zzqxv' in {db}" and err == ""
    assert _hits(run_cli, db, "zzqxv") == []
    for query in ("NOT libya", "()", '""', "-"):
        code, out, err = _search(None, db, query)
        assert code == 2 and out == "", query
        assert len(err.strip().splitlines()) == 1 and "[E403]" in err, err


# -- timeline ------------------------------------------------------------------------------------


def _timeline(run_cli, db: Path, *args: str) -> list[dict]:
    proc = invoke("timeline", "--db", str(db), "--format", "json", *args)
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


def _actor_ids(rec: dict) -> set[str]:
    return {a["actor_id"] for a in rec["sources"] + rec["targets"]}


def test_timeline_by_actor_in_any_spelling(run_cli, db: Path) -> None:
    every = _timeline(run_cli, db, "--all", "--actor", "person:fayez-al-sarraj")
    assert every and all("person:fayez-al-sarraj" in _actor_ids(r) for r in every)
    assert every == [r for r in _timeline(run_cli, db, "--all") if "person:fayez-al-sarraj" in _actor_ids(r)]
    for spelling in ("sarraj", "Serraj", "SARAJ", "Fayez al-Sarraj", "al-Sarraj"):
        assert _timeline(run_cli, db, "--all", "--actor", spelling) == every, spelling
    # a country stands for its sectors too; two actors: both take part
    turkey = _timeline(run_cli, db, "--all", "--actor", "Turkey")
    assert any("TUR-GOV" in _actor_ids(r) for r in turkey)
    assert all(_actor_ids(r) & {"TUR", "TUR-GOV", "TUR-MIL"} or any(i.startswith("TUR-") for i in _actor_ids(r)) for r in turkey)
    pair = _timeline(run_cli, db, "--all", "--actor", "erdogan", "--actor", "putin")
    assert pair and all({"person:recep-tayyip-erdogan", "person:vladimir-putin"} <= _actor_ids(r) for r in pair)


def test_timeline_by_country_type_and_period(run_cli, db: Path) -> None:
    every = _timeline(run_cli, db, "--all")
    egypt = _timeline(run_cli, db, "--all", "--country", "Egypt")
    assert egypt == _timeline(run_cli, db, "--all", "--country", "EGY") == _timeline(run_cli, db, "--all", "--country", "egyptian")
    assert egypt and all("EGY" in {a["country"] for a in r["sources"] + r["targets"]} | {(r["location"] or {}).get("country")}
                         for r in egypt)
    june = _timeline(run_cli, db, "--all", "--since", "2020-06", "--until", "2020-06")
    assert june and all(r["date"].startswith("2020-06") or r["date"] == "2020" for r in june)
    assert [r for r in every if r["date"] and r["date"][:7] == "2020-06"] == [r for r in june if r["date"][:7] == "2020-06"]
    later = _timeline(run_cli, db, "--all", "--since", "2020-06-10")
    # a date kept when its period (a day, a month, a year) reaches the bound
    assert later and all(r["date"] >= "2020-06-10"[: len(r["date"])] for r in later)
    assert [r for r in every if r["date"] and r["date"] >= "2020-06-10"[: len(r["date"])]] == later
    combined = _timeline(run_cli, db, "--all", "--type", "assault", "--type", "COERCE", "--country", "LBY", "--since", "2020")
    assert combined and all(r["type"] in ("ASSAULT", "COERCE") and r["date"] >= "2020" for r in combined)
    # the default (headline) timeline is filtered the same way
    headline = _timeline(run_cli, db, "--country", "Egypt")
    assert headline == [r for r in egypt if r["headline"]]


def test_filters_apply_to_every_format(run_cli, db: Path) -> None:
    args = ("--actor", "haftar", "--since", "2020-01", "--until", "2020-06-30")
    records = _timeline(run_cli, db, *args)
    assert records
    text = run_cli("timeline", "--db", str(db), *args).stdout.decode()
    md = run_cli("timeline", "--db", str(db), "--format", "md", *args).stdout.decode()
    text_lines = [line for line in text.splitlines() if line[:4].isdigit() or line.startswith("undated")]
    md_lines = [line for line in md.splitlines() if line.startswith("| 20") or line.startswith("| undated")]
    assert len(text_lines) == len(md_lines) == len(records)
    assert all("Khalifa Haftar" in line for line in text_lines)


def test_bad_filter_values_are_one_line_errors(run_cli, db: Path) -> None:
    for args, word in ((("--actor", "Nobody Atall"), "--actor"), (("--country", "Narnia"), "--country"),
                       (("--since", "June 2020"), "--since"), (("--until", "2020-13"), "--until"),
                       (("--since", "2021", "--until", "2020"), "--since")):
        proc = invoke("timeline", "--db", str(db), *args)
        err = proc.stderr.decode()
        assert proc.returncode == 2 and proc.stdout == b"", args
        assert len(err.strip().splitlines()) == 1 and "[E503]" in err and word in err, err
    proc = run_cli("timeline", "--db", str(db), "--actor", "Nobody Atall")  # as a user runs it
    assert proc.returncode == 2 and proc.stderr.decode().startswith("Error: [E503] --actor 'Nobody Atall'")
    proc = invoke("timeline", "--db", str(db), "--type", "PARTY")
    assert proc.returncode == 2


def test_no_matching_event_says_so(run_cli, db: Path) -> None:
    proc = run_cli("timeline", "--db", str(db), "--actor", "sarraj", "--since", "1990", "--until", "1991")
    assert proc.returncode == 0 and proc.stdout == b""
    assert "no event matches --actor 'sarraj' --since 1990-01-01 --until 1991-12-31" in proc.stderr.decode()
    assert _timeline(run_cli, db, "--actor", "sarraj", "--since", "1990", "--until", "1991") == []


def test_legend_explains_the_marks_it_uses(run_cli, db: Path) -> None:
    every = run_cli("timeline", "--db", str(db), "--all").stdout.decode()
    events = [line for line in every.splitlines() if line[:4].isdigit() or line.startswith("undated")]
    assert any(" + " in line for line in events)
    assert any(re.search(r"\s\?( → |\s+— )", line) for line in events)
    assert "+  several actors on one side" in every
    assert "?  an actor the text does not name" in every
    assert "several actors on one side" not in invoke("timeline", "--db", str(db), "--format", "json", "--all").stdout.decode()
    md = invoke("timeline", "--db", str(db), "--format", "md", "--all").stdout.decode()
    assert "\n\n- `+`: several actors on one side" in md and "- `?`: an actor the text does not name" in md
    # only the marks that appear: filtered down to one event with one named actor a side, none
    rec = next(r for r in _timeline(run_cli, db) if len(r["sources"]) == 1 and len(r["targets"]) <= 1)
    args = ("--actor", rec["source"]["actor_id"], "--since", rec["date"], "--until", rec["date"], "--type", rec["type"])
    shown = _timeline(run_cli, db, *args)
    text = invoke("timeline", "--db", str(db), *args).stdout.decode()
    assert rec in shown
    assert ("several actors on one side" in text) == any(len(r["sources"]) > 1 or len(r["targets"]) > 1 for r in shown)
    assert ("does not name" in text) == any(not r["sources"] for r in shown)
    assert "several actors on one side" not in text or len(shown) > 1


def test_timeline_types_are_the_plover_types() -> None:
    from storyline.cli import PLOVER_TYPES
    from storyline.knowledge.events import PLOVER_TYPES as KNOWN

    assert tuple(PLOVER_TYPES) == KNOWN
