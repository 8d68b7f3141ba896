"""`storyline serve` in a real browser: Playwright for Python driving Debian's chromium.

No browser is downloaded: the tests use /usr/bin/chromium (apt-get install chromium; .ci/run
installs it) and skip with a message when it or the playwright package is missing. Screenshots
go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium) to run the browser tests",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -r requirements.txt)")
httpx = pytest.importorskip("httpx")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, web_server: str):
    """A page that records script errors, dialogs and any request leaving localhost."""
    context = browser.new_context(viewport={"width": 1300, "height": 950})
    pg = context.new_page()
    pg.errors, pg.dialogs, pg.outside = [], [], []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: None if r.url.startswith((web_server, "data:")) else pg.outside.append(r.url))
    yield pg
    context.close()


@pytest.fixture(scope="module")
def stories(web_server: str) -> list[dict]:
    return httpx.get(web_server + "/api/stories", timeout=30).json()["stories"]


def _shot(pg, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    pg.screenshot(path=str(path), full_page=True)
    return path


def test_story_page_draws_timeline_map_network_and_evidence(page, web_server: str, stories) -> None:
    seed = next(s for s in stories if "hostile0000000001" not in s["article_ids"])
    page.goto(f"{web_server}/stories/{seed['id']}")
    page.wait_for_selector("body[data-ready]", timeout=20000)
    assert page.locator("ol.timeline li.key-date").count() >= 1
    assert page.locator("ol.timeline li.key-date .summary").first.inner_text().strip()
    assert page.locator("tr.event").count() == len(seed["event_ids"])
    # the map: one SVG circle marker per place, no tile image (nothing fetched from outside)
    places = int(page.get_attribute("#map", "data-markers"))
    assert places >= 1 and page.locator("#map path.place-marker").count() == places
    assert page.locator("#map img.leaflet-tile").count() == 0
    # the network: drawn by Cytoscape on canvas, with its nodes and edges
    assert page.locator("#network canvas").count() >= 1
    assert int(page.get_attribute("#network", "data-nodes")) >= 2
    assert int(page.get_attribute("#network", "data-edges")) >= 1
    # the contradictions, loaded after the page: both sides of each, or "not computed"
    page.wait_for_selector("#contradictions-body[data-loaded]", timeout=20000)
    loaded = int(page.get_attribute("#contradictions-body", "data-loaded"))
    found = httpx.get(f"{web_server}/api/stories/{seed['id']}/contradictions", timeout=60).json()
    assert loaded == (len(found["contradictions"]) if found["computed"] else -1)
    assert page.locator("#contradictions-body .contradiction").count() == max(loaded, 0)
    if loaded > 0:
        assert page.locator("#contradictions-body .contradiction").first.locator(".side").count() >= 2
    _shot(page, "story.png")
    # click an event: its sentence is highlighted in the cleaned article
    link = page.locator("a.evidence-link").first
    event_id = link.get_attribute("data-event")
    link.click()
    page.wait_for_selector("#evidence-text mark.evidence", timeout=10000)
    marked = page.locator("#evidence-text mark.evidence").first.inner_text()
    api = httpx.get(f"{web_server}/api/stories/{seed['id']}", timeout=30).json()
    event = next(e for e in api["events"] if e["id"] == event_id)
    assert " ".join(marked.split()) == " ".join(event["mentions"][0]["text"].split())
    assert page.locator("tr.event.selected").get_attribute("data-event") == event_id
    assert page.locator("#evidence-meta a", has_text="raw view").count() == 1
    page.locator("#evidence").scroll_into_view_if_needed()
    _shot(page, "story-evidence.png")
    # the raw view marks the removed blocks
    page.goto(f"{web_server}/articles/{event['mentions'][0]['article_id']}/raw")
    assert page.locator("pre.raw").count() == 1
    _shot(page, "raw.png")
    assert not page.errors, page.errors
    assert not page.outside, page.outside


def test_hostile_markup_never_runs(page, web_server: str, stories) -> None:
    hostile = next(s for s in stories if "hostile0000000001" in s["article_ids"])
    api = httpx.get(f"{web_server}/api/stories/{hostile['id']}", timeout=30).json()
    paths = ["/", "/?q=Ankara", f"/stories/{hostile['id']}", "/articles/hostile0000000001",
             "/articles/hostile0000000001/raw"]
    paths += [f"/actors/{a['actor_id']}" for e in api["events"][:2] for a in e["sources"] if a["actor_id"] != "unknown"]
    for path in paths:
        page.goto(web_server + path)
        page.wait_for_load_state("load")
        if path.startswith("/stories/"):
            page.wait_for_selector("body[data-ready]", timeout=20000)
            # open every event's evidence: the hostile text goes through the script too
            for i in range(page.locator("a.evidence-link").count()):
                page.locator("a.evidence-link").nth(i).click()
                page.wait_for_selector("#evidence-text:not(:empty)", timeout=10000)
                page.wait_for_timeout(100)
            _shot(page, "hostile-story.png")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.title() != "pwned", path  # the payload would set it; the title shows it as text
        assert not page.dialogs, (path, page.dialogs)
    # the payload is on the page, as text
    page.goto(web_server + "/articles/hostile0000000001")
    assert "<script>window.__pwned" in page.locator("#article-text").inner_text()
    assert "<script>window.__pwned" in page.locator("h1").inner_text()
    assert page.locator("#article-text script, #article-text img, h1 script, h1 img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    _shot(page, "hostile-article.png")
