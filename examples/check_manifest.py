#!/usr/bin/env python3
"""Check examples/MANIFEST.json against the corpus files.

Every title, must_keep and must_remove string must occur in its file (for HTML:
in the visible text, tags stripped and entities decoded; whitespace is collapsed
for HTML and JSONL).  In .txt files must_remove strings must be whole lines and
each `joined` sentence must occur only once line breaks are collapsed (and must
really be broken in the raw file).  Dates and events are checked for shape and
for not lying after the publication date.  Exit status 1 on any problem.
"""
import gzip
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
TYPES = set("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT "
            "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split())
STATUSES = {"occurred", "planned", "cancelled", "denied", "hypothetical"}
SOURCES = {"metadata", "text", "comments-bound", "none"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BLOCK = set("p div h1 h2 h3 h4 h5 h6 li ul ol br tr td table figure figcaption blockquote section "
            "article aside header footer nav main form button title".split())


class Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip, self.title, self.in_title = [], 0, "", False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1
        self.in_title = tag == "title"
        if tag in BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag in BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skip:
            self.out.append(data)


def squash(s):
    return " ".join(s.split())


def load(entry):
    """Return (text to search, raw text or None, is_plain_txt, <title> or record title)."""
    path = CORPUS / entry["file"]
    if path.suffix == ".jsonl":
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["id"] == entry["id"]:
                return squash(rec["text"]), None, False, rec["title"], rec
        raise KeyError(f"id {entry['id']} not in {path.name}")
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    raw = data.decode("utf-8")
    if path.suffix == ".txt":
        return raw, raw, True, None, None
    p = Visible()
    p.feed(raw)
    return squash("".join(p.out)), raw, False, p.title, None


def check(entry):
    errs = []
    text, raw, plain, head_title, rec = load(entry)
    title = entry["title"]
    if rec is not None:
        if rec["title"] != title or rec["published"] != entry["published"]:
            errs.append("title/published differ from the JSONL record")
    elif plain and title not in text:
        errs.append("title not found")
    elif not plain and squash(title) not in text:
        errs.append("title not in visible text")
    if head_title and not head_title.startswith(title):
        errs.append(f"<title> does not start with the headline: {head_title!r}")

    for kind in ("must_keep", "must_remove"):
        for s in entry[kind]:
            if plain:
                if s not in text:
                    errs.append(f"{kind} not found: {s[:70]!r}")
                elif kind == "must_remove" and not re.search(r"(?m)^" + re.escape(s) + r"$", text):
                    errs.append(f"must_remove is not a whole line: {s[:70]!r}")
            elif squash(s) not in text:
                errs.append(f"{kind} not found: {s[:70]!r}")
    for s in entry.get("joined", []):
        if squash(s) not in squash(text):
            errs.append(f"joined sentence not found after collapsing: {s[:70]!r}")
        elif s in text:
            errs.append(f"joined sentence is not actually broken: {s[:70]!r}")

    n_keep, n_rm = len(entry["must_keep"]), len(entry["must_remove"])
    if not 3 <= n_keep <= 6:
        errs.append(f"{n_keep} must_keep strings (want 3-6)")
    if rec is None and not 3 <= n_rm <= 8:
        errs.append(f"{n_rm} must_remove strings (want 3-8)")

    pub, src = entry["published"], entry["published_source"]
    if src not in SOURCES:
        errs.append(f"bad published_source {src!r}")
    if (pub is None) != (src == "none") or (pub is not None and not DATE.match(pub)):
        errs.append(f"bad published {pub!r} for source {src!r}")
    if pub and not "2020-01-01" <= pub <= "2020-11-15":
        errs.append(f"published {pub} outside the story window")
    if src == "metadata" and rec is None and pub not in raw:
        errs.append("metadata date not present in the page source")

    for ev in entry["events"]:
        if ev["type"] not in TYPES or ev["status"] not in STATUSES:
            errs.append(f"bad event type/status {ev['type']}/{ev['status']}")
        d = ev.get("date")
        if d is not None and not DATE.match(d):
            errs.append(f"bad event date {d!r}")
        if d and pub and ev["status"] in ("occurred", "cancelled", "denied") and d > pub:
            errs.append(f"event {ev['type']} on {d} is after publication {pub}")
        if not ev.get("source") or not ev.get("target"):
            errs.append("event without source/target")
    return errs


def main():
    manifest = json.loads((HERE / "MANIFEST.json").read_text(encoding="utf-8"))
    assert isinstance(manifest, list), "MANIFEST.json must hold a list"
    listed = {e["file"] for e in manifest}
    on_disk = {p.name for p in CORPUS.iterdir()}
    bad = 0
    for name in sorted(on_disk ^ listed):
        print(f"{name}: on disk but not in manifest, or the reverse")
        bad += 1
    for entry in manifest:
        for err in check(entry):
            print(f"{entry['file']}{'#' + entry['id'] if 'id' in entry else ''}: {err}")
            bad += 1
    print(f"{len(manifest)} articles in {len(listed)} files checked, {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
