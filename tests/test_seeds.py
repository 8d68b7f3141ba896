"""The plain-text cleaner on the five seed articles (copy-pasted, machine-translated news)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from storyline.stages.read.text import TextCleanResult, clean_text

SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"


@lru_cache(maxsize=None)
def seed(prefix: str) -> tuple[str, TextCleanResult]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS.resolve()}")
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} not found in {SEEDS.resolve()}")
    raw = paths[0].read_text(encoding="utf-8")
    return raw, clean_text(raw)


def assert_gone(text: str, *needles: str) -> None:
    for needle in needles:
        assert needle not in text, f"{needle!r} should have been removed"


def assert_kept(text: str, *needles: str) -> None:
    for needle in needles:
        assert needle in text, f"{needle!r} should have been kept"


# --- 000: article + reader comments -------------------------------------------------------

def test_000_comments_removed_quote_kept():
    raw, res = seed("000")
    assert res.title == "Al-Monitor: Russia forced Turkey to make concessions in Libya"
    assert_kept(res.text, "From the very beginning of the Libyan conflict", "- noted Russian Foreign Minister Sergei Lavrov.",
                "should also play a more active role in the region.")
    assert_gone(res.text, "Dear reader", "gorenina91", "hydrocarbons", "Offline", "Makarevich", "Tuzakov", "31 July 2020")
    assert res.text.rstrip().endswith("- noted Russian Foreign Minister Sergei Lavrov.")
    comments = [r for r in res.removed if r.reason == "comments"]
    assert comments and "hydrocarbons" in " ".join(r.text for r in comments)


def test_000_date_bounded_by_comments():
    _, res = seed("000")
    assert res.date.latest == "2020-07-31"
    assert res.date.source == "inferred"
    assert res.date.published is not None and res.date.published.startswith("2020-07")
    assert res.date.precision == "month"


# --- 001: article + "About Author / Leave A Reply" ---------------------------------------

def test_001_tail_removed_and_no_date_from_weekdays():
    _, res = seed("001")
    assert res.title.startswith("Russia fails in its attempt")
    assert_kept(res.text, "The meeting this Sunday", "But Moscow, which maintains a difficult balance with Ankara")
    assert_gone(res.text, "About Author", "Leave A Reply", "Russia fails in its attempt")
    assert res.date.published is None or res.date.source == "inferred"
    assert res.date.source != "dateline"


# --- 002: RFI page: caption, credit, byline, reading time, newsletter, badge, tags, related

def test_002_furniture_removed():
    _, res = seed("002")
    assert res.title == "Situation in Libya: meeting between Russian and Turkish officials"
    assert_gone(
        res.text, "The forces of the Libyan National Army in Bengazhi", "(Drawing)", "DOMA / AFP", "Text by:",
        "RFI Follow", "2 min", "Publicity", "Read more", "Newsletter", "mailbox", "I subscribe", "RFI application",
        "google-play-badge", "• Libya", "On the same subject", "forthcoming resignation", "Tobruk", "Benghazi",
    )
    reasons = {r.reason for r in res.removed}
    assert {"caption", "credit", "byline", "reading-time", "advertising", "subscription", "app-badge", "tags",
            "related"} <= reasons


def test_002_broken_lines_joined():
    _, res = seed("002")
    paragraphs = res.text.split("\n\n")
    assert "The war in Libya is a proxy war." in paragraphs
    assert_kept(res.text, "and more generally the camp in western Libya.",
                "the Wagners” as well as Syrian mercenaries", "deep differences")
    assert "\n\nis a proxy war" not in res.text
    assert not any(p.strip() in {".", '".', "\u00a0\"."} for p in paragraphs)
    assert_kept(res.text, "Turkish Foreign Minister", "A common coordination chamber on Libya must also be formed.")


def test_002_author_and_no_date():
    _, res = seed("002")
    assert res.author == "RFI"
    assert res.date.source != "dateline"


# --- 003: clean article ---------------------------------------------------------------

def test_003_everything_kept():
    raw, res = seed("003")
    assert res.title == "Russia and Turkey FMs Discuss Latest Developments in Libya"
    assert res.removed == ()
    assert_kept(res.text, "On Tuesday, Russia", "caused by the coronavirus.")
    assert res.date.published is None


# --- 004: photo caption on top, joint statement inside the body ---------------------------

def test_004_caption_gone_statement_kept():
    _, res = seed("004")
    assert res.title is None
    assert_gone(res.text, "Source of the Photo", "Print Friendly", "Post a comment")
    assert_kept(
        res.text,
        "No: 156, 22 July 2020, Joint Statement",
        "Reaffirming their strong commitment to the sovereignty",
        "Agreed on the following:",
        "1. Continue joint efforts",
        "4. Consider creating a Joint Working Group on Libya",
        "This article was edited using the data from",
    )
    assert res.text.startswith("On July 22, 2020, Turkey announced")
    assert {r.reason for r in res.removed} == {"caption", "print", "comments"}


def test_004_date_inferred_from_dated_events():
    _, res = seed("004")
    assert res.date.earliest == "2020-07-22"
    assert res.date.source == "inferred"
    assert res.date.published == "2020-07-22"
    assert res.date.precision == "month"


# -- the story the seeds tell, after a whole build -------------------------------------------

def _by_prefix(rows: list[dict], prefix: str) -> set[str]:
    return {r["id"] for r in rows if r["path"].split("/")[-1].startswith(prefix)}


def test_seeds_without_a_date_are_dated_from_the_corpus(seeds_db: Path) -> None:
    from conftest import export_rows

    arts = export_rows(seeds_db, "articles")
    by = {r["path"].split("/")[-1][:3]: r for r in arts}
    # 003: the Geneva ceasefire "on Friday" was 23 October 2020, so the article is from 23-29
    # October, and its lead "On Tuesday" is not older than that: 27-29 October
    assert by["003"]["published_source"] == "corpus"
    assert (by["003"]["published_earliest"], by["003"]["published_latest"]) == ("2020-10-27", "2020-10-29")
    # 002: its visit to Ankara called off "last June" is the June meeting 001 dates (June
    # 2020), and it tells of "two new rounds of discussions in July and August", so it was
    # written after August 2020 (within six months of it); "approaching an agreement" is not
    # the agreement of 22 July, so that match no longer pulls it back to July
    assert by["002"]["published_source"] == "corpus"
    assert "2020-09-01" <= by["002"]["published_earliest"] <= by["002"]["published_latest"] <= "2021-02-28"
    # 001 has no dated event in common with a dated report (it was dated only through 002's
    # wrong July date before): it stays undated rather than wrongly dated
    assert by["001"]["published_source"] != "corpus" or by["001"]["published"].startswith("2020-06")


def test_seed_story_events(seeds_db: Path) -> None:
    from conftest import export_rows

    arts = export_rows(seeds_db, "articles")
    seed = {r["path"].split("/")[-1][:3]: r["id"] for r in arts}
    events = export_rows(seeds_db, "events")

    def told_by(e: dict) -> set[str]:
        return {k for k, v in seed.items() for m in e["mentions"] if m["article_id"] == v}

    # the Lavrov–Çavuşoğlu call "on Tuesday": 27 October 2020
    call = [e for e in events if e["type"] == "CONSULT" and e["mode"] == "phone" and "003" in told_by(e)]
    assert call and call[0]["date"] == "2020-10-27"
    assert {call[0]["source"]["actor_id"], call[0]["target"]["actor_id"]} == {"person:sergey-lavrov", "person:mevlut-cavusoglu"}
    # the Geneva ceasefire signed "on Friday": 23 October 2020, in Geneva
    geneva = [e for e in events if e["date"] == "2020-10-23" and "003" in told_by(e)]
    assert geneva and geneva[0]["location"]["name"] == "Geneva"
    # the postponed ministers' meeting: one cancelled CONSULT told by 001 and by 002, each
    # report with its own place (Istanbul, Ankara: a contradiction the event keeps)
    postponed = [e for e in events if e["type"] == "CONSULT" and e["status"] == "cancelled"]
    assert len(postponed) == 1 and told_by(postponed[0]) == {"001", "002"}
    assert {m["location"] for e in postponed for m in e["mentions"]} == {"place:istanbul", "place:ankara"}
    # the 22 July consultations in Ankara and the agreement, told by 000 and 004 (not by 002,
    # which is about later talks)
    july = [e for e in events if e["type"] in ("AGREE", "CONSULT") and e["date"] == "2020-07-22"]
    assert any(e["type"] == "AGREE" for e in july)
    assert july and {"000", "004"} <= set().union(*(told_by(e) for e in july))
    assert "002" not in set().union(*(told_by(e) for e in july))
    # Erdoğan on the ceasefire: a disapproval, not an agreement of his
    erdogan = [(e["type"], m) for e in events for m in e["mentions"]
               if m["article_id"] == seed["003"] and "person:recep-tayyip-erdogan" in m["source"]]
    assert erdogan and all(t == "ACCUSE" for t, _ in erdogan)
