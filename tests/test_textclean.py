"""Unit tests of the plain-text cleaner and text dates, on small texts written for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.stages.read.pubdate import date_from_text, find_dates, is_dateline, parse_date
from storyline.stages.read.text import clean_text, join_broken_lines, rule_reason

ARTICLE = """\
Harbour workers end strike after pay deal in Valmora

By Jane Okafor

14 March 2023, 09:15

Dock workers in the port city of Valmora returned to work on Tuesday after the union accepted a new pay offer from the port authority.
The strike had halted cargo traffic for nine days and left dozens of ships waiting offshore.

Union leaders said the agreement raises wages by six percent and limits night shifts to three a week.

"We did not get everything we asked for, but this is a fair result," said the union's chair, Marta Lindqvist.

Share on Facebook

Newsletter
Get the morning briefing in your inbox every day
Sign up

Related articles
Port authority names new director
Fuel prices climb for a third week

Leave a comment
Tomasz K. 15 March 2023 10:02
Finally, the ships can move again.
Reply
"""


def test_clean_text_keeps_body_and_drops_furniture():
    res = clean_text(ARTICLE)
    assert res.title == "Harbour workers end strike after pay deal in Valmora"
    assert res.author == "Jane Okafor"
    assert "returned to work on Tuesday" in res.text
    assert "limits night shifts to three a week." in res.text
    assert "said the union's chair, Marta Lindqvist." in res.text
    for gone in ("Share on Facebook", "Newsletter", "morning briefing", "Sign up", "Related articles",
                 "new director", "Fuel prices", "Leave a comment", "ships can move", "Reply", "By Jane"):
        assert gone not in res.text, gone
    assert res.title not in res.text
    reasons = {r.reason for r in res.removed}
    assert {"byline", "share", "subscription", "related", "comments"} <= reasons
    # the title is returned, not recorded as removed boilerplate
    assert all(r.text != res.title for r in res.removed)


def test_removed_offsets_point_into_raw():
    res = clean_text(ARTICLE)
    for r in res.removed:
        assert r.start is not None and r.end is not None
        assert ARTICLE[r.start : r.end] == r.text


def test_dateline_gives_day_precision():
    res = clean_text(ARTICLE)
    assert res.date.published == "2023-03-14"
    assert res.date.precision == "day"
    assert res.date.source == "dateline"
    assert "09:15" not in res.text


def test_paragraphs_separated_by_blank_line():
    res = clean_text(ARTICLE)
    assert "\n\n" in res.text
    assert "\n\n\n" not in res.text
    # lines of one paragraph without a blank line between stay separate paragraphs when both end a sentence
    assert "after the union accepted a new pay offer from the port authority." in res.text


def test_given_title_is_dropped_not_searched():
    text = "A quiet week at the observatory\n\nAstronomers at the hill station logged clear skies on five nights in a row, a record for the season.\n"
    res = clean_text(text, title="A quiet week at the observatory")
    assert res.title == "A quiet week at the observatory"
    assert "quiet week" not in res.text
    assert res.text.startswith("Astronomers")


def test_no_title_when_text_starts_with_a_sentence():
    text = (
        "Farmers in the northern valley reported an early harvest this year, helped by a warm spring.\n\n"
        "Prices at the regional market fell slightly as supply rose over the summer months.\n"
    )
    res = clean_text(text)
    assert res.title is None
    assert res.text.count("\n\n") == 1


def test_caption_and_credit_before_body_are_removed():
    text = (
        "Bridge reopens to traffic after repairs\n\n"
        "Workers inspect the new deck of the bridge.\n\n"
        "Lena Maier / Reuters\n\n"
        "The river crossing reopened on Monday after eight months of repairs, the city council said in a statement.\n\n"
        "Engineers replaced the old steel cables and resurfaced the whole deck, officials said.\n"
    )
    res = clean_text(text)
    assert res.title == "Bridge reopens to traffic after repairs"
    assert "Workers inspect" not in res.text
    assert "Reuters" not in res.text
    reasons = [r.reason for r in res.removed]
    assert "caption" in reasons and "credit" in reasons


def test_french_furniture():
    text = (
        "Les pêcheurs bloquent le port de Saint-Aubin\n\n"
        "Par Claire Dubois\n\n"
        "Mis à jour le 3 mars 2021 à 18h05\n\n"
        "Les pêcheurs de la côte ont bloqué l'entrée du port pendant toute la matinée pour protester contre les nouveaux quotas.\n\n"
        "Lire aussi\n"
        "Quotas de pêche : ce qui change cette année\n\n"
        "Le préfet a promis de recevoir une délégation dans la semaine, selon les représentants du syndicat.\n\n"
        "Tous droits réservés\n"
    )
    res = clean_text(text)
    assert res.title == "Les pêcheurs bloquent le port de Saint-Aubin"
    assert res.author == "Claire Dubois"
    assert res.date.published == "2021-03-03" and res.date.source == "dateline"
    assert "ce qui change" not in res.text
    assert "droits réservés" not in res.text
    assert "Le préfet a promis" in res.text


def test_tags_and_reading_time():
    text = (
        "Storm floods coastal roads\n\n"
        "4 min read\n\n"
        "Heavy rain flooded several coastal roads overnight and emergency crews closed two tunnels as a precaution.\n\n"
        "The weather service expects the rain to ease by the evening, but warned of strong winds near the shore.\n\n"
        "• Weather\n"
        "• Floods\n"
        "• Roads\n"
    )
    res = clean_text(text)
    assert "4 min" not in res.text
    assert "Weather\n" not in res.text and "• Floods" not in res.text
    assert {r.reason for r in res.removed} >= {"reading-time", "tags"}


def test_quote_attribution_line_is_kept():
    text = (
        "Talks will go on next week\n\n"
        "We have made progress on the most difficult points and we expect to finish the text soon, and nobody is leaving the table.\n\n"
        "- said the chief negotiator of the delegation.\n"
    )
    res = clean_text(text)
    assert "- said the chief negotiator of the delegation." in res.text


def test_empty_input():
    res = clean_text("")
    assert res.text == "" and res.title is None and res.removed == ()
    assert res.date.published is None


# --- line re-joining --------------------------------------------------------------------------

def test_join_lowercase_continuation_across_blank_line():
    assert join_broken_lines("The old mill by the river\n\nwas turned into a library.") == (
        "The old mill by the river was turned into a library."
    )


def test_join_after_function_word_and_stray_quotes():
    text = 'The minister spoke of "\n\nserious concerns\n\n".\n\nShe did not give details.'
    out = join_broken_lines(text)
    assert out == 'The minister spoke of "serious concerns".\n\nShe did not give details.'


def test_join_trailing_lone_punctuation():
    assert join_broken_lines("The vote was held in the capital\n\n.") == "The vote was held in the capital."


def test_headline_not_joined_to_paragraph():
    text = "Council approves new budget\n\nThe city council approved the budget on Thursday."
    assert join_broken_lines(text) == text


def test_menu_items_not_joined():
    text = "Home\nsports\nweather"
    assert join_broken_lines(text).count("\n\n") == 2


def test_hard_wrapped_paragraph_is_unwrapped():
    text = (
        "The committee met for three hours on Friday to discuss the plan for the\n"
        "new tram line, which would link the airport with the old town and the\n"
        "university campus by the end of the decade, according to the draft.\n"
    )
    out = join_broken_lines(text)
    assert "\n" not in out
    assert "for the new tram line" in out


def test_sentence_lines_stay_separate():
    text = "The first sentence ends here.\nA second one starts here."
    assert join_broken_lines(text) == "The first sentence ends here.\n\nA second one starts here."


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("15 June 2020", ("2020-06-15", "day")),
        ("June 15, 2020", ("2020-06-15", "day")),
        ("15/06/2020 à 10h42", ("2020-06-15", "day")),
        ("2020-06-15T10:42:00+02:00", ("2020-06-15", "day")),
        ("le 1er août 2019", ("2019-08-01", "day")),
        ("3 de marzo de 2021", ("2021-03-03", "day")),
        ("3. März 2021", ("2021-03-03", "day")),
        ("September 2019", ("2019-09", "month")),
        ("2018", ("2018", "year")),
        ("no date here", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_may_the_verb_is_not_a_month():
    assert find_dates("Officials may 12 times revise it") == []


def test_is_dateline():
    assert is_dateline("Published 15 June 2020, 10:42").value == "2020-06-15"
    assert is_dateline("Mis à jour le 4 juillet 2021 à 08h00").value == "2021-07-04"
    assert is_dateline("Monday, 6 July 2020") is not None
    assert is_dateline("The agreement signed on 6 July 2020 set out a timetable for elections.") is None


def test_comment_timestamps_bound_from_above():
    body = "The regional assembly voted on 3 May 2021 to extend the programme for another year."
    guess = date_from_text(body, comments=["Anna 5 May 2021 14:20 Good news.", "Ben 9 May 2021 08:01 Agreed."])
    assert guess.latest == "2021-05-05"
    assert guess.earliest == "2021-05-03"
    assert guess.published == "2021-05-05"
    assert guess.precision == "month" and guess.source == "inferred"


def test_future_dates_are_not_lower_bounds():
    body = "Ministers met on 2 June 2022 in the capital. They will meet again on 14 September 2022 in the port city."
    guess = date_from_text(body)
    assert guess.earliest == "2022-06-02"
    assert guess.published == "2022-06-02"


def test_relative_days_give_no_date():
    guess = date_from_text("The meeting this Sunday was cancelled, officials said last Wednesday.")
    assert guess.published is None and guess.precision is None


def test_year_less_dates_take_year_from_text():
    guess = date_from_text("On 4 March the court ruled. The law was passed on 2 February 2019.")
    assert guess.earliest == "2019-03-04"


def test_year_less_dates_without_any_year_are_dropped():
    guess = date_from_text("The ceasefire proposed last June 6 was rejected.")
    assert guess.published is None and guess.earliest is None


def test_comment_bound_gives_an_estimate_despite_an_old_lower_bound():
    body = "The bridge collapsed on 2 March 2019. Two years on, the new one is still not finished."
    guess = date_from_text(body, comments=["Petra 11 March 2021 09:12 Shameful delay."])
    assert guess.earliest == "2019-03-02" and guess.latest == "2021-03-11"
    assert guess.published == "2021-03-11"
    assert guess.precision == "month" and guess.source == "inferred"


# --- headlines, mastheads, menus ------------------------------------------------------------------

def test_byline_line_not_glued_to_headline():
    text = "Ferry service to the islands resumes 'for good'\n\nby Tomas Lindgren | 02.05.2022 - 08:40"
    assert join_broken_lines(text) == text
    assert join_broken_lines("Glaziers walk out at Dunmore plant\n\nby Ayesha Rahman") == (
        "Glaziers walk out at Dunmore plant\n\nby Ayesha Rahman"
    )
    # a sentence broken before "by" still joins
    assert join_broken_lines("The bill was drafted\nby the two opposition parties last spring.") == (
        "The bill was drafted by the two opposition parties last spring."
    )
    assert join_broken_lines("The treaty was signed\nby Marta Oyelaran, Ivo Brandt and two others.") == (
        "The treaty was signed by Marta Oyelaran, Ivo Brandt and two others."
    )


def test_headline_split_from_byline_gives_title_author_and_date():
    text = (
        "HARBOUR GAZETTE\n"
        "Start › Regions › Coast\n\n"
        "Ferry service to the islands resumes 'for good'\n\n"
        "by Tomas Lindgren | 02.05.2022 - 08:40 | Updated: 02.05.2022 - 11:15\n\n"
        "The ferry line to the northern islands resumed on Monday after the regional council agreed to fund it for ten years.\n\n"
        "Islanders had relied on a weekly supply boat since the old operator went bankrupt last autumn.\n\n"
        "Copyright 2022 Harbour Gazette. All rights reserved.\n"
    )
    res = clean_text(text)
    assert res.title == "Ferry service to the islands resumes 'for good'"
    assert res.author == "Tomas Lindgren"
    assert res.date.published == "2022-05-02" and res.date.source == "dateline"
    assert "Regions" not in res.text and "HARBOUR GAZETTE" not in res.text


def test_masthead_named_again_in_the_footer_is_not_the_title():
    text = (
        "The Dunmore Herald\n\n"
        "Glaziers walk out at Dunmore plant\n\n"
        "Workers at the glass plant in Dunmore stopped work on Thursday after talks on night-shift pay broke down.\n\n"
        "The company said it would meet union representatives again next week.\n\n"
        "The Dunmore Herald is now on WhatsApp. Join our channel for the morning headlines.\n"
    )
    res = clean_text(text)
    assert res.title == "Glaziers walk out at Dunmore plant"
    assert "WhatsApp" not in res.text


def test_title_comes_after_menus():
    text = (
        "Valmora Weekly\n"
        "Independent news from the valley\n"
        "Headlines   Features   Podcasts   Shop\n\n"
        "Orchards brace for a late frost\n\n"
        "Fruit growers across the valley lit fires between the rows on Wednesday night as temperatures dropped below zero.\n\n"
        "Growers fear losing up to a third of the cherry harvest if the cold lasts into the weekend, the farmers' union said.\n"
    )
    res = clean_text(text)
    assert res.title == "Orchards brace for a late frost"
    assert "Podcasts" not in res.text
    assert "Fruit growers across the valley" in res.text


@pytest.mark.parametrize(
    "line",
    [
        "Start › Regions › Coast",
        "Accueil » Société » Éducation",
        "Index / Economy / Markets",
        "Sport | Culture | Weather | Travel",
        "Inicio > España",
    ],
)
def test_breadcrumbs_and_menu_lines(line):
    assert rule_reason(line) == "navigation"


@pytest.mark.parametrize(
    "line",
    [
        "Opinion | Why the harbour strike matters to everyone",
        "Ports: who pays for the new quay?",
        "Wages rose by 4% in the region / analysts",
    ],
)
def test_headlines_are_not_menus(line):
    assert rule_reason(line) != "navigation"


# --- furniture families ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "line, reason",
    [
        ("— SPONSORED CONTENT —", "advertising"),
        ("[Advertisement]", "advertising"),
        ("Story continues below advertisement", "advertising"),
        ("Teilen: Facebook · X · WhatsApp · Link kopieren", "share"),
        ("Compartir en: WhatsApp | Telegram | Copiar enlace", "share"),
        ("The Dunmore Herald is on Telegram. Join our channel for alerts.", "share"),
        ("Follow the Valley Times on Instagram", "share"),
        ("Suivez-nous sur Instagram et Facebook", "share"),
        ("[Keep local reporting alive - become a member for €4 a month]", "subscription"),
        ("Support our journalism. Every contribution counts. Donate", "subscription"),
        ("Soutenez une rédaction indépendante : faites un don.", "subscription"),
        ("Opinions expressed by guest writers do not necessarily reflect the position of the editors.", "legal"),
        ("Toute reproduction, même partielle, est interdite sans autorisation écrite.", "legal"),
        ("Republishing of this material is allowed only with a link to the source.", "legal"),
        ("These pages may not be reproduced without the prior written permission of the publisher.", "legal"),
        ("Only part of our regional coverage appears on this website. Subscribers to the full service get the rest.",
         "boilerplate"),
        ("Spotted a typo? Highlight it and press Ctrl+Enter.", "boilerplate"),
        ("À lire aussi : Grève des dockers : ce que change l'accord", "related"),
        ("Leer también: La huelga del puerto termina tras nueve días", "related"),
        ("Lesen Sie auch: Hafenstreik nach neun Tagen beendet", "related"),
        ("Read more: Why ferry tickets cost so much", "related"),
        ("Dock workers leave the terminal gates on Tuesday. (Valmora Port Authority)", "caption"),
        ("Réagissez à cet article", "comments"),
        ("Have your say", "comments"),
    ],
)
def test_furniture_families(line, reason):
    assert rule_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The foundation plans to donate two ambulances to the clinic in April, its director said.",
        "The ministry said it would support independent candidates in the local elections.",
        "Turnout was higher than expected (about 61%), officials said.",
        "The mayor said the new line would open next year. Critics doubt it.",
        "Lire aussi le rapport complet, a conseillé la ministre aux députés.",
        "The harbour master is on Twitter most evenings, colleagues say.",
        "A stone memorial was built on this site in 1921.",
        "The scheme will support local firms' work on the new quay.",
    ],
)
def test_body_sentences_are_not_furniture(line):
    assert rule_reason(line) is None


def test_french_comments_after_reaction_marker_are_removed():
    text = (
        "Les dockers de Valmora reprennent le travail\n\n"
        "Les dockers du port de Valmora ont repris le travail mardi matin après neuf jours de grève, a annoncé leur syndicat.\n\n"
        "L'accord signé dans la nuit prévoit une hausse des salaires de six pour cent et la limitation des gardes de nuit.\n\n"
        "La direction du port estime que le retard accumulé sera résorbé d'ici la fin du mois.\n\n"
        "Partager : Facebook · X · E-mail · Copier le lien\n\n"
        "Réagissez à cet article\n\n"
        "Lucien R. — 14/03/2023 à 19h10\n"
        "Enfin une bonne nouvelle pour le port.\n\n"
        "Marine_B — 15/03/2023 à 08h02\n"
        "Il faudra voir si l'accord tient plus de six mois.\n"
    )
    res = clean_text(text)
    assert "bonne nouvelle pour le port" not in res.text
    assert "six mois" not in res.text
    assert "Copier le lien" not in res.text
    assert "La direction du port estime" in res.text
    assert {"comments", "share"} <= {r.reason for r in res.removed}


# The plain-text floors are enforced in tests/test_quality_gates.py.


def test_masthead_gives_the_site_name():
    raw = (
        "THE HARBOUR GAZETTE\n\n"
        "Ferry operators agree on a winter timetable for the islands\n\n"
        "The three ferry companies serving the northern islands agreed on Thursday to share a single "
        "winter timetable, ending years of overlapping departures and empty crossings.\n\n"
        "Passengers will be able to use one ticket on every boat from the first of December, the "
        "companies said in a joint statement.\n\n"
        "© 2021 The Harbour Gazette. All rights reserved.\n"
    )
    r = clean_text(raw)
    assert r.title == "Ferry operators agree on a winter timetable for the islands"
    assert r.site == "The Harbour Gazette"
    assert "HARBOUR GAZETTE" not in r.text


# a teaser page: the title, the lead cut off by the page in mid-sentence, then a promotion box
# and the group's furniture (the shape of one Italian outlet group's pages; written for the test)
TEASER = """\
Elezioni a Valmora: vittoria scontata per il presidente uscente
Seggi chiusi a mezzanotte, iniziato lo scrutinio. Nelle piazze i manifesti celebrano il governo. Le opposizioni hanno boicottato il voto e secondo gli analisti il risultato non cambierà la crisi del Paese, dove il 40% degli abitanti
Il mio album
Metti le tue foto in un album: stampalo!
Rete Notizie Valmora
Servizi, tv e consumi
"""


def test_teaser_keeps_its_cut_lead_and_drops_the_promotion():
    r = clean_text(TEASER)
    assert r.title == "Elezioni a Valmora: vittoria scontata per il presidente uscente"
    assert r.text.startswith("Seggi chiusi a mezzanotte, iniziato lo scrutinio.")
    assert "stampalo" not in r.text and "Rete Notizie" not in r.text


def test_cut_lead_rule_spares_captions_with_a_toggle():
    # "… more" / ". less" after a caption is a button, not a lead cut off by the page
    from storyline.stages.read.text import _cut_off

    caption = ("The defence ministers shake hands in Hanoi on Wednesday. The secretary is on a visit to "
               "strengthen the military relations with the Southeast Asian nation. less")
    assert not _cut_off(caption)
    assert not _cut_off(caption[: -len(" less")].rstrip(".") + " ... more")
    assert _cut_off(TEASER.splitlines()[1])


def _report_fr() -> str:
    return ("Le Caire accueille une conférence régionale\n\n"
            + " ".join(f"Le ministre égyptien des Affaires étrangères a reçu mardi la délégation numéro {k} "
                       "venue discuter de la sécurité aux frontières et du commerce entre les deux pays." for k in range(8))
            + "\n\n")


def test_a_long_reader_thread_with_no_marker_is_comments() -> None:
    # plain-text copies of blog posts: the report, then hundreds of readers' lines that speak
    # to each other ("je", "vous", "@Paul", "!") with no "Commentaires" heading before them
    voices = ["Je pense que vous avez raison, merci pour ce billet !", "@Paul : vous oubliez la crise de 2008.",
              "Moi, je ne crois pas un mot de ce que dit ce gouvernement.", "Et vous, que proposez-vous ?",
              "Mon grand-père disait déjà la même chose...", "Les chiffres du chômage sont publiés chaque mois."]
    thread = "\n".join(f"{voices[k % len(voices)]} (message {k})" for k in range(200))
    r = clean_text(_report_fr() + thread)
    assert "délégation numéro 7" in r.text
    assert "message 150" not in r.text and "@Paul" not in r.text
    assert any(x.reason == "comments" for x in r.removed)


def test_a_page_of_reader_comments_alone_is_all_comments() -> None:
    # a copy of an article's comment page: the headline, then readers answering each other by
    # name, with no report before them
    voices = ["@ Marc D.", "Vous confondez tout, relisez donc le rapport avant de juger !",
              "Je partage votre avis sur le fond, mais pas sur la méthode.", "@ Sophie",
              "Et vous croyez vraiment ce que raconte ce ministre ?", "Mon voisin pense exactement le contraire..."]
    thread = "\n".join(f"{voices[k % len(voices)]} ({k})" for k in range(180))
    r = clean_text("Le port de Saint-Aubin fermé trois jours\n" + thread)
    assert "Vous confondez" not in r.text and "@ Sophie" not in r.text
    assert any(x.reason == "comments" for x in r.removed)


def test_a_page_that_speaks_to_its_reader_throughout_keeps_its_voice() -> None:
    # a column or self-help blog in the first and second person from its first line: one voice
    lines = [f"Je vous explique aujourd'hui ma méthode numéro {k}, et vous verrez que votre travail avance !"
             for k in range(200)]
    r = clean_text("Ma méthode pour avancer\n\n" + "\n".join(lines))
    assert "méthode numéro 150" in r.text
    assert not any(x.reason == "comments" for x in r.removed)


# --- the headline found by what it names (_headline) -----------------------------------------

_MENU = "".join(f"Section {name}\n" for name in (
    "Home", "World", "Europe", "Africa", "Asia", "Americas", "Business", "Markets", "Energy", "Tech",
    "Science", "Health", "Sport", "Football", "Tennis", "Golf", "Culture", "Books", "Film", "Music",
    "Travel", "Food", "Style", "Opinion", "Letters", "Video", "Audio", "Podcasts", "Weather", "Puzzles",
) * 2)

HEADLINE_PAGES = {
    # a site's shop link stands on every page above the headline; only the headline names
    # what the report tells
    "shop link above": (
        "Boutique de la Gazette\n"
        "Les pêcheurs de Saint-Aubin obtiennent un moratoire sur les quotas\n"
        "Après trois jours de blocage du port, les pêcheurs de Saint-Aubin ont obtenu mardi un moratoire "
        "de six mois sur les nouveaux quotas, a annoncé la préfecture.\n"
        "Le moratoire doit permettre de réviser les quotas avec les représentants des pêcheurs avant l'été, "
        "selon le communiqué publié dans la soirée.\n",
        "Les pêcheurs de Saint-Aubin obtiennent un moratoire sur les quotas", "Boutique",
    ),
    # the deck under the headline names more of the lead, but the headline stands above it
    "deck below": (
        "THE VALMORA COURIER\n\n"
        "Harbour strike ends as dockers accept new pay offer\n\n"
        "Dockers in Valmora vote to end their stoppage once the port authority raises its pay offer to six percent\n\n"
        "By Ana Ferreira | 12.03.2021\n\n"
        "Dockers in Valmora voted on Saturday to accept a pay offer of six percent from the port authority, "
        "ending a strike that had kept the harbour closed for nine days.\n\n"
        "The dockers will return to work on Monday morning, their union said after the vote.\n",
        "Harbour strike ends as dockers accept new pay offer", None,
    ),
    # the headline stands under some sixty menu entries, far past the top of the page
    "long menu above": (
        _MENU + "\n"
        "Glacier lake outburst floods two mountain villages\n\n"
        "Published 4 May 2021\n\n"
        "A glacier lake above the villages of Orsa and Pelta burst its banks early on Tuesday, flooding both villages "
        "and cutting the only road into the valley, local officials said.\n\n"
        "No one was hurt, the officials said, as residents had been warned by sirens an hour before the water arrived.\n",
        "Glacier lake outburst floods two mountain villages", None,
    ),
}


@pytest.mark.parametrize("name", sorted(HEADLINE_PAGES))
def test_the_headline_is_the_line_that_names_the_report(name: str) -> None:
    text, title, not_in_body = HEADLINE_PAGES[name]
    res = clean_text(text)
    assert res.title == title
    if not_in_body:
        assert not_in_body not in res.text


def test_a_menu_buttons_label_run_into_the_masthead_is_not_part_of_the_outlet():
    from storyline.stages.read import outlet

    raw = (
        "Lakeside Tribune Navigation\n"
        "Council to review fishing quotas\n"
        "The regional council will review the new fishing quotas at its next meeting, its chair said on Monday.\n"
    )
    cues = [c for c in outlet.text_cues(raw, title="Council to review fishing quotas") if c.how == "masthead"]
    assert [c.name for c in cues] == ["Lakeside Tribune"]


def test_a_posts_date_before_the_copyright_mark_is_no_outlet():
    from storyline.stages.read import outlet

    raw = (
        "Council to review fishing quotas\n"
        "The regional council will review the new fishing quotas at its next meeting, its chair said on Monday.\n"
        "12 marzo 2019 (ultima modifica: 13 marzo 2019 09:40) © RIPRODUZIONE RISERVATA\n"
        "© 2019 Valmora Courier. All rights reserved.\n"
    )
    owners = [c.name for c in outlet.text_cues(raw, title="Council to review fishing quotas") if c.how == "copyright"]
    assert owners == ["Valmora Courier"]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Boutique le Point", "navigation"),  # the outlet's own shop
        ("Les sites du Groupe Figaro", "navigation"),  # its network of sites
        ("Nos journaux et magazines", "navigation"),
        ("Services Le Monde", "navigation"),
        ("La rédaction vous conseille", "related"),
        ("Agrandir le texte", "print"),
        ("Le Monde avec AFP et Reuters", "byline"),  # the outlet and the agencies it used
        ("Redazione con agenzie", "byline"),
        ("Source: Youtube / France 24", "credit"),
        ("Un cortège funèbre traverse la vieille ville, jeudi (Ammar Selim/AFP)", "caption"),
        ("4f1c2a9e-88aa-11e1.jpg Des soldats gardent un carrefour de la capitale.", "caption"),
        # a gallery's list of pictures, however long
        (" ".join(f"img-{k}.jpg Vue numéro {k} de la vieille ville après les combats de la semaine" for k in range(8)), "caption"),
    ],
)
def test_outlet_furniture_lines(line: str, reason: str) -> None:
    assert rule_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Les sites historiques de Palmyre",  # a heading about sites, no outlet's network
        "Nos services secrets ont failli",
        "Le président a répondu avec AFP en tête des questions",  # no credit: a sentence's words
        "Les services de sécurité ont tiré sur la foule",
        # a long paragraph of prose that names one picture file is no caption
        "Le ministère a publié mardi une carte des zones touchées, sous le nom de fichier carte-nord.png, "
        "et précise que les équipes de secours ont atteint quatre des six villages isolés depuis le séisme. "
        "Selon le gouverneur, les routes de montagne restent fermées, les écoles serviront d'abris jusqu'à "
        "la fin du mois et l'armée acheminera des tentes, de l'eau et des médicaments par hélicoptère.",
    ],
)
def test_lines_like_outlet_furniture_are_kept(line: str) -> None:
    assert rule_reason(line) is None


# a site's list of its latest stories copied above the report, with no header saying so
LATEST_ABOVE = """\
Vélo : ne laissez jamais votre antivol dans le panier, même pour une minute !
Comment les éoliennes flottantes changent la pêche en Bretagne
Trois recettes de saison pour un dîner sans four
« Nous devons repenser la ville autour de l'eau »
Faut-il encore acheter une voiture diesel ? Ce que disent les chiffres
Le marché de l'art retrouve des couleurs à Bâle
Cinq romans pour l'été : notre sélection
Lutte contre le bruit : Lyon teste des radars sonores

Valmora : le port rouvre après neuf jours de grève
Les dockers ont accepté vendredi une hausse de salaire de six pour cent proposée par l'autorité portuaire.
Par Jeanne Martel Publié le 14 mars 2023 à 09h15

Les dockers du port de Valmora ont repris le travail vendredi matin après que leur syndicat a accepté la nouvelle offre de l'autorité portuaire, mettant fin à une grève qui avait paralysé le trafic pendant neuf jours.
Des dizaines de navires attendaient au large depuis le début du conflit, et plusieurs armateurs avaient menacé de détourner leurs cargaisons vers les ports voisins.
"""

# the report's own list between two of its paragraphs: questions and answers, items of a plan
LIST_INSIDE = """\
Valmora council adopts its new transport plan after a long debate

The city council of Valmora adopted its transport plan for the next ten years on Tuesday evening, after a debate that lasted more than six hours and saw the opposition walk out twice.
The plan lists the measures the city will take first:
New tram line to the harbour district
Cheaper monthly passes for students
Bicycle lanes on the three main avenues
Night buses on weekends
A car-free old town on Sundays
More parking at the edge of the city
The mayor said the first works would begin in the autumn and that the tram line alone would cost about 400 million euros, most of it paid by the region and the state.
"""


def test_a_list_of_headlines_above_the_report_is_related_links_and_not_the_title() -> None:
    result = clean_text(LATEST_ABOVE)
    assert result.title == "Valmora : le port rouvre après neuf jours de grève"
    assert "antivol" not in result.text and "éoliennes" not in result.text and "diesel" not in result.text and "repenser la ville" not in result.text
    assert "Les dockers du port de Valmora ont repris le travail" in result.text
    related = [r.text for r in result.removed if r.reason == "related"]
    assert any("Cinq romans" in t for t in related)


def test_a_list_inside_the_report_is_the_reports_own() -> None:
    # (the scorer may still drop short items as it did before; they are not read as links)
    result = clean_text(LIST_INSIDE)
    assert not [r for r in result.removed if r.reason == "related"]
    assert result.title == "Valmora council adopts its new transport plan after a long debate"
