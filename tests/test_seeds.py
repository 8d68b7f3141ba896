"""The plain-text cleaner on the five seed articles (copy-pasted, machine-translated news)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from storyline.stages.textclean import TextCleanResult, clean_text

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
