"""`storyline serve` over HTTP: a real database built by the CLI, a real uvicorn, httpx.

Pages and API answer, /api/events is the `storyline export events` records, hostile markup in
titles, texts and outlets comes out escaped, nothing outside the package is served, and the
database is never written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("starlette", reason="storyline serve needs starlette (make install)")

from conftest import HOSTILE_OUTLET, HOSTILE_TEXT, HOSTILE_TITLE, ROOT, export_rows  # noqa: E402

PAYLOADS = ("<script>window.__pwned", "<img src=x onerror", "<svg onload", "<b onmouseover")


@pytest.fixture(scope="module")
def client(web_server: str):
    with httpx.Client(base_url=web_server, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def exported(web_db: Path) -> list[dict]:
    """`storyline export events` of the web database, run once."""
    return export_rows(web_db, "events")


@pytest.fixture(scope="module")
def stories(client) -> list[dict]:
    r = client.get("/api/stories")
    assert r.status_code == 200
    return r.json()["stories"]


def _hostile_story(stories: list[dict]) -> dict:
    return next(s for s in stories if "hostile0000000001" in s["article_ids"])


def _seed_story(stories: list[dict]) -> dict:
    return next(s for s in stories if "hostile0000000001" not in s["article_ids"])


def test_index_lists_the_stories_with_filters(client, stories) -> None:
    seed = _seed_story(stories)
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'href="/stories/{seed["id"]}"' in page.text
    lang = client.get("/api/stories", params={"language": seed["languages"][0]}).json()["stories"]
    assert seed["id"] in {s["id"] for s in lang}
    assert client.get("/api/stories", params={"language": "zz"}).json()["stories"] == []
    # a date range: the seeds' span overlaps, a range before it does not
    within = client.get("/api/stories", params={"since": seed["start"][:7], "until": seed["end"]}).json()["stories"]
    assert seed["id"] in {s["id"] for s in within}
    assert seed["id"] not in {s["id"] for s in client.get("/api/stories", params={"until": "1999"}).json()["stories"]}
    # search words and an actor in any spelling
    word = re.findall(r"[A-Za-z]{6,}", seed["title"])[0]
    assert seed["id"] in {s["id"] for s in client.get("/api/stories", params={"q": word}).json()["stories"]}
    assert client.get("/", params={"q": word}).status_code == 200
    # pages: ?limit= and ?offset= (or ?page=) walk the whole list, most articles first
    everything = client.get("/api/stories", params={"limit": 1000}).json()
    assert everything["total"] == len(everything["stories"]) == len(stories) >= 2
    walked = [client.get("/api/stories", params={"limit": 1, "offset": i}).json()["stories"][0]["id"] for i in range(len(stories))]
    assert sorted(walked) == sorted(s["id"] for s in stories)
    sizes = [s["articles"] for s in everything["stories"]]
    assert sizes == sorted(sizes, reverse=True)
    assert client.get("/api/stories", params={"limit": 1, "page": 2}).json()["stories"][0]["id"] == walked[1]
    assert 'rel="next"' in client.get("/", params={"limit": 1}).text
    # a bad value is said, with its code, not a crash
    bad = client.get("/api/stories", params={"since": "last tuesday"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "E503"
    assert "not a date" in client.get("/", params={"since": "last tuesday"}).text


def test_country_and_actor_filters(client, exported, stories) -> None:
    events = exported
    seed = _seed_story(stories)
    country = next(a["country"] for e in events if e["id"] in seed["event_ids"] for a in e["sources"] if a["country"])
    found = client.get("/api/stories", params={"country": country}).json()["stories"]
    assert seed["id"] in {s["id"] for s in found}
    actor = next(a["name"] for e in events if e["id"] in seed["event_ids"] for a in e["sources"] if a["actor_id"] != "unknown")
    found = client.get("/api/stories", params={"actor": actor}).json()["stories"]
    assert seed["id"] in {s["id"] for s in found}
    nobody = client.get("/api/stories", params={"actor": "Zzyzx Qwerty"})
    assert nobody.status_code == 400 and nobody.json()["error"]["code"] == "E503"


def test_story_page_has_timeline_events_map_network_and_contradictions(client, stories, exported, web_db: Path) -> None:
    seed = _seed_story(stories)
    page = client.get(f"/stories/{seed['id']}")
    assert page.status_code == 200
    html = page.text
    for section in ('id="timeline"', 'id="events"', 'id="map"', 'id="network"', 'id="contradictions"', 'id="articles"'):
        assert section in html, section
    assert len(re.findall(r'<tr class="event"', html)) == len(seed["event_ids"]) > 0
    assert html.count('class="key-date"') >= 1
    assert "/raw" in html  # the articles link to their raw view
    data = client.get(f"/api/stories/{seed['id']}").json()
    assert data["story"]["id"] == seed["id"]
    assert {e["id"] for e in data["events"]} == set(seed["event_ids"])
    assert data["places"] and all(p["lat"] is not None for p in data["places"])
    assert data["network"]["edges"] and data["network"]["nodes"]
    assert data["key_dates"] and all(k["summary"] for k in data["key_dates"])
    # the events are the export's records (with the outlets added)
    by_id = {e["id"]: e for e in exported}
    for e in data["events"]:
        outlets = e.pop("outlets")
        assert e == by_id[e["id"]]
        assert outlets == sorted({m["outlet"] or "unknown outlet" for m in e["mentions"]})
    # contradictions: loaded by the page from their own URL; "not computed" without their module
    found = client.get(f"/api/stories/{seed['id']}/contradictions").json()
    assert found["story_id"] == seed["id"] and isinstance(found["contradictions"], list)
    try:
        from storyline.contradictions import contradiction_records
    except ImportError:
        assert found["computed"] is False and found["contradictions"] == []
    else:
        assert found["computed"] is True
        from storyline.store import open_store

        with open_store(web_db, readonly=True) as store:
            assert [c["id"] for c in found["contradictions"]] == [c["id"] for c in contradiction_records(store, story=seed["id"])]
    assert client.get("/api/stories/st:nope/contradictions").status_code == 404


def test_story_events_come_in_pages(client, stories) -> None:
    """A story page lists one page of its events (200 by default; ?events_limit= here, the
    seeds' story has fewer) with links to the next ones; /api/stories/ID gives the same
    pages with ?events_offset=&events_limit=, and every event without them."""
    seed = _seed_story(stories)
    full = client.get(f"/api/stories/{seed['id']}").json()
    ids = [e["id"] for e in full["events"]]
    assert len(ids) >= 2 and "events_total" not in full
    first = client.get(f"/stories/{seed['id']}", params={"events_limit": 1})
    assert first.status_code == 200
    assert re.findall(r'<tr class="event" data-event="([^"]+)"', first.text) == ids[:1]
    assert f"of {len(ids)}" in first.text and 'rel="next"' in first.text and 'rel="prev"' not in first.text
    second = client.get(f"/stories/{seed['id']}", params={"events_offset": 1, "events_limit": 1})
    assert re.findall(r'<tr class="event" data-event="([^"]+)"', second.text) == ids[1:2]
    assert 'rel="prev"' in second.text
    part = client.get(f"/api/stories/{seed['id']}", params={"events_offset": 1, "events_limit": 1}).json()
    assert [e["id"] for e in part["events"]] == ids[1:2]
    assert (part["events_total"], part["events_offset"], part["events_limit"]) == (len(ids), 1, 1)
    assert part["key_dates"] == full["key_dates"] and part["story"] == full["story"]
    assert len(client.get(f"/api/stories/{seed['id']}", params={"events_offset": 0}).json()["events"]) == len(ids)
    assert client.get(f"/stories/{seed['id']}", params={"events_offset": "x"}).status_code == 400


def test_api_events_is_the_export(client, exported, stories) -> None:
    r = client.get("/api/events")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.json() == exported
    # one story's events, and pages of them: the same records
    seed = _seed_story(stories)
    ids = set(client.get(f"/api/stories/{seed['id']}").json()["story"]["event_ids"])
    mine = client.get("/api/events", params={"story": seed["id"]}).json()
    assert ids and mine == [e for e in exported if e["id"] in ids]
    page = client.get("/api/events", params={"offset": 1, "limit": 2}).json()
    assert page == {"events": exported[1:3], "total": len(exported), "offset": 1, "limit": 2}
    assert client.get("/api/events", params={"story": "st:nosuchstory"}).status_code == 404
    assert client.get("/api/events", params={"limit": "x"}).status_code == 400


def test_actor_and_article_pages(client, stories, web_db: Path) -> None:
    seed = _seed_story(stories)
    actors = client.get("/api/actors", params={"limit": 5}).json()
    assert actors["total"] >= len(actors["actors"]) > 0 and len(actors["actors"]) <= 5
    assert actors["actors"][0] == export_rows(web_db, "actors")[0]
    data = client.get(f"/api/stories/{seed['id']}").json()
    actor_id = next(a["actor_id"] for e in data["events"] for a in e["sources"] if a["actor_id"] != "unknown")
    page = client.get(f"/actors/{actor_id}")
    assert page.status_code == 200 and "Roles over time" in page.text and "Allies and adversaries" in page.text
    detail = client.get(f"/api/actors/{actor_id}").json()
    assert detail["events"] and all(actor_id in {a["actor_id"] for a in e["sources"] + e["targets"]} for e in detail["events"])
    assert sum(r["source"] + r["target"] for r in detail["roles"]) >= len(detail["events"])
    # an event's evidence: its sentence marked in the cleaned text
    event = data["events"][0]
    m = event["mentions"][0]
    art = client.get(f"/api/articles/{m['article_id']}", params={"event": event["id"]}).json()
    marked = [s["text"] for s in art["segments"] if s["mark"] == "evidence"]
    assert m["text"] in marked
    assert "".join(s["text"] for s in art["segments"]) == art["article"]["text"]
    page = client.get(f"/articles/{m['article_id']}", params={"event": event["id"]})
    assert page.status_code == 200 and '<mark class="evidence">' in page.text
    raw = client.get(f"/articles/{m['article_id']}/raw")
    assert raw.status_code == 200
    removed = [r for r in art["article"]["removed"] if r["start"] is not None]
    if removed:
        assert raw.text.count('<del class="removed"') >= 1


def test_unknown_ids_are_404(client) -> None:
    for path in ("/stories/st:nope", "/actors/nobody-at-all", "/articles/0000000000000000", "/articles/0000000000000000/raw"):
        r = client.get(path)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"], path
    r = client.get("/api/stories/st:nope")
    assert r.status_code == 404 and r.json()["error"]["status"] == 404


def test_article_reads_its_own_corpus_date(web_db: Path) -> None:
    from storyline.store import open_store

    with open_store(web_db, readonly=True) as store:
        every = store.corpus_dates()
        for a in store.articles():
            assert store.corpus_date(a.id) == every.get(a.id)


def test_no_path_traversal(client) -> None:
    assert client.get("/static/story.js").status_code == 200
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fcli%2f__init__.py",
                 "/static//etc/passwd", "/static/..%5capp.py", "/articles/..%2f..%2fetc%2fpasswd", "/articles/%00"):
        r = client.get(path)
        assert r.status_code in (400, 404), path
        assert "import" not in r.text and "root:" not in r.text, path


def test_hostile_markup_is_escaped(client, stories) -> None:
    hostile = _hostile_story(stories)
    pages = ["/", f"/stories/{hostile['id']}", "/articles/hostile0000000001", "/articles/hostile0000000001/raw",
             "/?q=Ankara", f"/actors/{hostile['event_ids'][0]}" if False else "/"]
    data = client.get(f"/api/stories/{hostile['id']}").json()
    for e in data["events"]:
        pages.append(f"/articles/hostile0000000001?event={e['id']}")
        pages += [f"/actors/{a['actor_id']}" for a in e["sources"] + e["targets"] if a["actor_id"] != "unknown"]
    seen_escaped = False
    for path in pages:
        r = client.get(path)
        assert r.status_code == 200, path
        for payload in PAYLOADS:
            assert payload not in r.text, (path, payload)
        seen_escaped |= "&lt;script&gt;window.__pwned" in r.text
    assert seen_escaped
    article = client.get("/articles/hostile0000000001").text
    assert "&lt;script&gt;window.__pwned = &#34;body&#34;" in article or "&lt;script&gt;window.__pwned = &quot;body&quot;" in article
    # the JSON embedded for the scripts cannot close its <script> element
    story = client.get(f"/stories/{hostile['id']}").text
    block = re.search(r'<script type="application/json" id="story-data">(.*?)</script>', story, re.S).group(1)
    assert "<" not in block and ">" not in block
    json.loads(block)
    # the API gives the text as it is, as JSON
    api = client.get("/api/articles/hostile0000000001").json()
    assert api["article"]["title"] == HOSTILE_TITLE and api["article"]["source"] == HOSTILE_OUTLET
    assert HOSTILE_TEXT.split("<script>")[0].strip() in api["article"]["text"]


def test_security_headers(client) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    html = r.text + client.get("/stories/" + client.get("/api/stories").json()["stories"][0]["id"]).text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "a page loads something from another host"


def test_concurrent_story_requests(client, stories, web_server: str) -> None:
    seed = _seed_story(stories)

    def get(i: int) -> int:
        with httpx.Client(base_url=web_server, timeout=60) as c:
            return c.get(f"/stories/{seed['id']}" if i % 2 else f"/api/stories/{seed['id']}").status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(get, range(40)))
    assert codes == [200] * 40


def test_the_database_is_never_written(client, web_db: Path, stories) -> None:
    before = hashlib.sha256(web_db.read_bytes()).hexdigest()
    for path in ("/", "/api/events", f"/stories/{stories[0]['id']}", "/api/actors"):
        assert client.get(path).status_code == 200
    assert hashlib.sha256(web_db.read_bytes()).hexdigest() == before
    assert not [p.name for p in web_db.parent.iterdir() if p.name.startswith(web_db.name + "-")]
    # and a request that is not a read is refused
    assert client.post("/api/events").status_code == 405


def _serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyline", "serve", *args], cwd=ROOT, capture_output=True, timeout=60)


def test_serve_errors(tmp_path: Path, web_db: Path) -> None:
    missing = _serve("--db", str(tmp_path / "none.db"), "--port", "0")
    assert missing.returncode == 2 and b"[E407]" in missing.stderr and not (tmp_path / "none.db").exists()
    tiles = _serve("--db", str(web_db), "--tiles", "javascript:alert(1)")
    assert tiles.returncode == 2 and b"[E702]" in tiles.stderr
    help_text = _serve("--help").stdout.decode()
    assert "127.0.0.1" in help_text and "--tiles" in help_text


def test_computing_processes_end_with_the_server(web_db: Path) -> None:
    """`serve --workers 2`: pages are computed in child processes, which answer like the
    threads do, and which do not outlive a server that is killed (SIGKILL: no clean stop)."""
    import signal
    import socket
    import time

    if not Path(f"/proc/{os.getpid()}/task").is_dir():
        pytest.skip("needs Linux /proc to find the server's child processes")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "serve", "--db", str(web_db), "--port", str(port),
                             "--workers", "2", "--warm", "0"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    children: list[int] = []
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/static/style.css", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "storyline serve did not start"
            time.sleep(0.2)
        stories = httpx.get(base + "/api/stories", timeout=60).json()["stories"]
        page = httpx.get(base + f"/stories/{stories[0]['id']}", timeout=60)
        assert page.status_code == 200 and 'id="events"' in page.text
        assert httpx.get(base + "/stories/st:nope", timeout=60).status_code == 404
        for task in Path(f"/proc/{proc.pid}/task").iterdir():
            children += [int(x) for x in (task / "children").read_text().split()]
        assert children, "no computing process was started"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 15
    alive = children
    while alive and time.monotonic() < deadline:
        time.sleep(0.5)
        alive = [c for c in children if Path(f"/proc/{c}").exists() and "zombie" not in Path(f"/proc/{c}/status").read_text().lower()]
    assert not alive, f"processes outlived the server: {alive}"
