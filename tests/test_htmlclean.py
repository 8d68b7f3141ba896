"""HTML article extraction: body, headline, date, removed blocks, and the quality gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import NoArticle
from storyline.models import DateGuess, Removed
from storyline.stages.read.html import MAX_REMOVED, MAX_REMOVED_CHARS, REASONS, clean_html

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

BODY = [
    "The harbour board of Eastmere voted on Tuesday to close the old ferry pier for two years "
    "while engineers replace the timber piles that have rotted since the storm of last winter.",
    "Board chair Alma Fenwick said the decision was not taken lightly, because the pier carries "
    "more than four hundred commuters every morning across the estuary to the mill district.",
    "A temporary landing stage will be floated next to the fish market, and the ferry company "
    "has promised a shuttle bus from the old terminal for passengers who cannot walk the extra distance.",
    "Local shopkeepers near the pier told reporters they feared a long quiet spell, but several "
    "said they welcomed the repairs after a section of railing fell into the water in March.",
    "The works are expected to begin in the autumn and to cost about nine million crowns, shared "
    "between the town and the regional transport fund.",
]

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Eastmere to close ferry pier for repairs | The Estuary Courier</title>
  <meta property="og:title" content="Eastmere to close ferry pier for repairs">
  <meta property="og:site_name" content="The Estuary Courier">
  <meta property="og:url" content="https://courier.example/news/eastmere-ferry-pier">
  <meta property="article:published_time" content="2021-03-14T08:30:00+00:00">
  <meta name="author" content="Jonas Whitcombe">
</head>
<body>
  <div id="cookie-banner" class="cookie-consent">
    <p>We use cookies to improve your experience. By continuing you accept our cookie policy.</p>
    <button>Accept all cookies</button>
  </div>
  <header>
    <nav class="main-menu">
      <ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
      <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul>
    </nav>
  </header>
  <main>
    <article>
      <h1>Eastmere to close ferry pier for repairs</h1>
      <p class="byline">By Jonas Whitcombe</p>
      <time datetime="2021-03-14">14 March 2021</time>
      <figure>
        <img src="/img/pier.jpg" alt="">
        <figcaption>Gulls resting on the rotten timber of the old pier at low tide.</figcaption>
      </figure>
      {body}
      <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
    </article>
    <aside class="related-stories">
      <h3>Related stories</h3>
      <ul>
        <li><a href="/a">Mill district traffic plan approved after long debate</a></li>
        <li><a href="/b">Fish market to open on Sundays this summer</a></li>
        <li><a href="/c">Storm damage bill for the estuary towns keeps rising</a></li>
      </ul>
    </aside>
    <section id="comments" class="comments">
      <h3>12 comments</h3>
      <div class="comment"><p>PierWatcher: About time! I have been saying the railings were loose for ages and nobody ever listened to me at all.</p></div>
      <div class="comment"><p>Mara_K: Two years is far too long, they rebuilt the whole bridge in Northby in nine months flat.</p></div>
    </section>
  </main>
  <footer>
    <p>Copyright 2021 The Estuary Courier. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p>
  </footer>
</body>
</html>
""".replace("{body}", "\n      ".join(f"<p>{p}</p>" for p in BODY))


@pytest.fixture(scope="module")
def result():
    return clean_html(PAGE, url="https://courier.example/news/eastmere-ferry-pier?ref=home")


def test_body_is_kept_in_paragraphs(result):
    paragraphs = result.text.split("\n\n")
    for sentence in BODY:
        assert sentence in paragraphs


def test_boilerplate_is_not_in_the_text(result):
    for junk in ("cookies", "Home", "Mill district traffic plan", "About time!", "Two years is far",
                 "All rights reserved", "Gulls resting", "Share on Facebook", "By Jonas Whitcombe"):
        assert junk not in result.text, junk


def test_headline_not_in_body_and_title_is_headline_not_caption(result):
    assert result.title == "Eastmere to close ferry pier for repairs"
    assert not result.text.startswith("Eastmere to close")
    assert "Gulls" not in (result.title or "")


def test_metadata(result):
    assert result.author == "Jonas Whitcombe"
    assert result.sitename == "The Estuary Courier"
    assert result.url == "https://courier.example/news/eastmere-ferry-pier"
    assert result.language == "en"
    assert result.date == DateGuess(published="2021-03-14", precision="day", source="html-meta")


def test_removed_blocks_have_reasons(result):
    assert result.removed and all(isinstance(r, Removed) for r in result.removed)
    assert all(r.reason in REASONS for r in result.removed)
    by_text = {r.text: r.reason for r in result.removed}

    def reason_of(fragment: str) -> str:
        return next(reason for text, reason in by_text.items() if fragment in text)

    assert reason_of("We use cookies") == "cookie"
    assert reason_of("Gulls resting") == "caption"
    assert reason_of("Fish market to open") == "related"
    assert reason_of("About time!") == "comments"
    assert reason_of("Weather") == "navigation"
    assert reason_of("All rights reserved") == "legal"
    # nothing of the article body is listed as removed
    assert not any(text in BODY for text in by_text)


def test_date_from_time_element_when_no_meta():
    page = PAGE.replace('<meta property="article:published_time" content="2021-03-14T08:30:00+00:00">', "")
    page = page.replace('<time datetime="2021-03-14">14 March 2021</time>',
                        '<time datetime="2020-06-09T10:00:00Z" pubdate>9 June 2020</time>')
    got = clean_html(page)
    assert got.date.published == "2020-06-09"
    assert got.date.source == "html-meta"


def test_date_from_url_only():
    page = PAGE.replace('<meta property="article:published_time" content="2021-03-14T08:30:00+00:00">', "")
    page = page.replace('<time datetime="2021-03-14">14 March 2021</time>', "")
    page = page.replace('<meta property="og:url" content="https://courier.example/news/eastmere-ferry-pier">', "")
    got = clean_html(page, url="https://courier.example/2019/11/05/eastmere-ferry-pier")
    assert got.date == DateGuess(published="2019-11-05", precision="day", source="url")


def test_title_suffix_stripped_without_og_or_h1():
    page = PAGE.replace('<meta property="og:title" content="Eastmere to close ferry pier for repairs">', "")
    page = page.replace("<h1>Eastmere to close ferry pier for repairs</h1>", "")
    assert clean_html(page).title == "Eastmere to close ferry pier for repairs"


def test_removed_list_is_bounded():
    links = "".join(f"<li><a href='/x{i}'>Menu entry number {i} {'x' * 900}</a></li>" for i in range(800))
    page = PAGE.replace("<ul><li><a href=\"/\">Home</a></li>", f"<ul>{links}<li><a href=\"/\">Home</a></li>")
    got = clean_html(page)
    assert len(got.removed) <= MAX_REMOVED
    assert all(len(r.text) <= MAX_REMOVED_CHARS for r in got.removed)


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   \n",
        "<html><body></body></html>",
        "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li></ul></nav><footer>© 2021 Example</footer></body></html>",
    ],
    ids=["empty", "blank", "empty-body", "nav-only"],
)
def test_no_article_raises(page):
    with pytest.raises(NoArticle) as err:
        clean_html(page, path="pages/x.html")
    assert err.value.code == "E201"
    assert "pages/x.html" in str(err.value)

# The article-extraction floors are enforced in tests/test_quality_gates.py.
