"""The plain-text scorer's title check: the page's own headline markup against the title found."""

from storyline.evaluate.plaintext import headlines, title_right

PAGE = """<html><head><title>Harbour strike ends | The Valmora Courier</title>
<meta property="og:title" content="Harbour strike ends as dockers accept pay offer - Valmora Courier">
</head><body><nav><h1>The Valmora Courier</h1></nav>
<article><h1>Harbour strike ends as dockers accept pay offer</h1><p>Dockers voted on Saturday.</p></article>
</body></html>"""


def test_headlines_read_og_title_and_the_first_h1_outside_navigation():
    assert headlines(PAGE) == [
        "Harbour strike ends as dockers accept pay offer - Valmora Courier",
        "Harbour strike ends as dockers accept pay offer",
    ]
    assert headlines("<html><body><p>No headline here.</p></body></html>") == []


def test_title_right_word_for_word_or_with_the_site_name_cut():
    refs = headlines(PAGE)
    assert title_right("Harbour strike ends as dockers accept pay offer", refs)
    assert title_right("Harbour strike ends as dockers accept pay offer!", refs)  # punctuation aside
    assert title_right("harbour strike ends", refs)  # held by a headline, 10+ characters
    assert not title_right("The Valmora Courier", refs)
    assert not title_right("Strike", refs)  # too short to count as held
    assert not title_right(None, refs)
    assert not title_right("Harbour strike ends", [])
