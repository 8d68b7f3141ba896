"""Score a build of examples/corpus against examples/MANIFEST.json.

What must stay (body sentences), what must go (boilerplate), sentences broken
across lines that must be joined, titles, publication dates and outlets.

Usage: python examples/score_build.py DB [-v]   (after: storyline build examples/corpus --db DB)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MANIFEST = Path(__file__).resolve().parent / "MANIFEST.json"


def _squash(s: str) -> str:
    return " ".join(s.split())


def score(db: str | Path, *, verbose: bool = False) -> dict[str, int]:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    out = subprocess.run(
        [sys.executable, "-m", "storyline", "export", "articles", "--db", str(db)],
        capture_output=True, text=True, check=True,
    ).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    tot = dict(keep=0, keep_ok=0, rem=0, rem_ok=0, title=0, title_ok=0, date=0, date_ok=0, joined=0, joined_ok=0,
               outlet=0, outlet_ok=0, outlet_found=0, missing=0)

    def say(*parts: object) -> None:
        if verbose:
            print(*parts)

    for e in manifest:
        cands = [r for r in rows if Path(r["path"].split(":")[0]).name == e["file"]]
        if "id" in e:
            cands = [r for r in cands if r["id"] == e["id"]]
        if not cands:
            tot["missing"] += 1
            say("MISSING", e["file"])
            continue
        r = cands[0]
        text = _squash(r["text"])
        for s in e.get("must_keep", []):
            tot["keep"] += 1
            ok = _squash(s) in text
            tot["keep_ok"] += ok
            ok or say("LOST  ", e["file"], "|", s[:90])
        for s in e.get("must_remove", []):
            tot["rem"] += 1
            ok = _squash(s) not in text
            tot["rem_ok"] += ok
            ok or say("LEAK  ", e["file"], "|", s[:90])
        for s in e.get("joined", []):
            tot["joined"] += 1
            ok = _squash(s) in text
            tot["joined_ok"] += ok
            ok or say("NOJOIN", e["file"], "|", s[:90])
        tot["title"] += 1
        ok = (r["title"] or "").strip() == e["title"].strip()
        tot["title_ok"] += ok
        ok or say("TITLE ", e["file"], "|", r["title"], "| want:", e["title"])
        tot["date"] += 1
        ok = r["published"] == e["published"]
        tot["date_ok"] += ok
        ok or say("DATE  ", e["file"], "|", r["published"], r["published_source"], "| want:", e["published"])
        tot["outlet"] += 1
        tot["outlet_found"] += r["source"] is not None
        ok = r["source"] == e["outlet"]
        tot["outlet_ok"] += ok
        ok or say("OUTLET", e["file"], "|", r["source"], "| want:", e["outlet"])
    return tot


if __name__ == "__main__":
    print(score(sys.argv[1], verbose="-v" in sys.argv))
