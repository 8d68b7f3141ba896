"""`storyline eval` as a user runs it (issue 10, item 10): the gold data is found beside the
checkout whatever the working directory, a missing folder is one line with the fix, and every
scorer prints one table style, with --json for JSON."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conftest import ROOT, shared_path
from storyline.evaluate import repository_root

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
The ministers met on <TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3> and will meet again
<TIMEX3 tid="t2" type="DATE" value="1998-02">next month</TIMEX3>.
</TEXT>
</TimeML>
"""

BODY = ("Turkish and Russian officials met in Moscow on Monday to discuss the war in Libya. "
        "The talks ended without an agreement, but both sides said they would meet again soon.")


def _timebank(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "T1.tml").write_text(TML, encoding="utf-8")
    return folder


def _pages(folder: Path) -> Path:
    (folder / "html").mkdir(parents=True, exist_ok=True)
    page = (f"<html><head><title>Talks</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>Talks in Moscow</h1><p>{BODY}</p></article><footer>© 2020 News</footer></body></html>")
    (folder / "html" / "p1.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    (folder / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": BODY, "url": "https://news.example/p1"}}),
                                              encoding="utf-8")
    return folder


def test_the_repository_root_is_found_from_the_package(tmp_path: Path) -> None:
    assert repository_root() == ROOT.resolve()
    # a package installed into a virtual environment inside the checkout
    repo = tmp_path / "repo"
    inside = repo / ".venv" / "lib" / "python3.11" / "site-packages" / "storyline" / "evaluate" / "__init__.py"
    inside.parent.mkdir(parents=True)
    inside.write_text("", encoding="utf-8")
    (repo / "pyproject.toml").write_text('[project]\nname = "storyline"\nversion = "0.1.0"\n', encoding="utf-8")
    assert repository_root(inside) == repo.resolve()
    # another project's pyproject above an installed package is not a checkout of ours
    other = tmp_path / "other"
    elsewhere = other / "site-packages" / "storyline" / "evaluate" / "__init__.py"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_text("", encoding="utf-8")
    (other / "pyproject.toml").write_text('[project]\nname = "something-else"\n', encoding="utf-8")
    assert repository_root(elsewhere) is None


def test_eval_finds_shared_data_beside_the_checkout_from_another_directory(run_cli, tmp_path: Path) -> None:
    """From a working directory whose ../shared/data holds a decoy, `eval timeml` still scores
    the TimeBank beside the checkout."""
    real = shared_path("data", "timebank")
    cwd = tmp_path / "work" / "here"
    cwd.mkdir(parents=True)
    _timebank(tmp_path / "work" / "shared" / "data" / "timebank")  # the decoy: one document
    proc = run_cli("eval", "timeml", "--json", cwd=cwd, env={"STORYLINE_SHARED_DATA": ""})
    assert proc.returncode == 0, proc.stderr.decode()
    result = json.loads(proc.stdout)
    assert result["docs"] == len(list(real.glob("*.tml"))) > 1


def test_missing_gold_data_is_one_line_with_the_fix(run_cli, tmp_path: Path) -> None:
    proc = run_cli("eval", "timeml", cwd=tmp_path, env={"STORYLINE_SHARED_DATA": str(tmp_path / "nowhere")})
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b""
    assert len(err.strip().splitlines()) == 1, err
    assert "[E601]" in err and str(tmp_path / "nowhere" / "timebank") in err and "DATA" in err


@pytest.mark.parametrize("name", ["timeml", "plaintext", "extraction"])
def test_every_scorer_prints_a_table_and_json_on_request(run_cli, tmp_path: Path, name: str) -> None:
    data = _timebank(tmp_path / "tb") if name == "timeml" else _pages(tmp_path / "pages")
    table = run_cli("eval", name, str(data), cwd=tmp_path)
    assert table.returncode == 0, table.stderr.decode()
    text = table.stdout.decode()
    lines = text.splitlines()
    assert not text.lstrip().startswith("{")
    assert lines[1] == "" and lines[2].startswith("  ") and not lines[2].strip().startswith(("0", "1"))
    assert any(line.startswith("  ") and line.rstrip().endswith("%") for line in lines)  # rows of percentages
    js = run_cli("eval", name, str(data), "--json", cwd=tmp_path)
    assert js.returncode == 0, js.stderr.decode()
    result = json.loads(js.stdout)
    if name == "timeml":
        assert result["docs"] == 1 and result["gold"] == 2
        assert "TimeBank time expressions: 1 documents, 2 gold" in text
    else:
        assert result["pages"] == 1
        assert "1 pages" in text
    if name == "extraction":
        assert result["per_page"][0]["id"] == "p1"
        assert "storyline" in lines[2] and "trafilatura" in lines[2]
