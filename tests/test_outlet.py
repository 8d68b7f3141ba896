"""The outlet of a plain-text page: the general ways news sites sign their pages (all page
texts here are invented for the tests)."""

from __future__ import annotations

import pytest

from storyline.config import Settings
from storyline.models import Document
from storyline.stages.read import outlet
from storyline.stages.read.clean import clean

BODY = (
    "Ferry operators agree on a winter timetable\n"
    "The three ferry companies serving the northern islands agreed on Thursday to share a single "
    "winter timetable, ending years of overlapping departures and empty crossings.\n"
    "Passengers will be able to use one ticket on every boat from December, the companies said.\n"
)


def _outlet(text: str, title: str | None = "Ferry operators agree on a winter timetable") -> str | None:
    return outlet.choose_outlet(cues=outlet.text_cues(text, title=title))


@pytest.mark.parametrize(
    "footer, expected",
    [
        # the owner after the mark, not the street address before it
        ("Calle Mayor 1234, CP 28001, Valmora. Copyright ® EL HERALDO DEL SUR S.A. 1921 - 2021", "El Heraldo del Sur"),
        # a tax number glued to the owner's name
        ("Copyright 2021  ©Gazzetta di ValmoraP.Iva 01234567890", "Gazzetta di Valmora"),
        # a group's name, the outlet's own after "Grupo"
        ("© Derechos reservados 2021 Grupo EL NORTE DIARIO", "El Norte Diario"),
        # a company's legal form and an edition word are not part of the name
        ("Copyright © 1990-2021 The Valmora Courier Ediciones, S.L. Todos los derechos reservados", "The Valmora Courier"),
        # a domain right after the mark, with the address after it, and no year
        ("© VALMORANEWS.es Avenida del Puerto 25 - 28033 VALMORA", "valmoranews.es"),
        # the site's own notice on its last line, without a year
        ("© Le Courrier du Lac -", "Le Courrier du Lac"),
    ],
)
def test_copyright_lines_name_the_owner(footer: str, expected: str) -> None:
    assert _outlet(BODY + "Newsletter\n" + footer + "\n") == expected


@pytest.mark.parametrize(
    "footer",
    [
        "Zelmar Calle 1287, CP.11100, Valmora. Tutti i diritti sono riservati",  # an address and the rights: no owner
        "© AFP",  # a picture's credit under the last photo
        "© Derechos reservados 2021",  # the rights, nobody's name
    ],
)
def test_copyright_lines_that_name_no_outlet(footer: str) -> None:
    assert _outlet(BODY + footer + "\n") is None


def test_a_year_less_copyright_inside_the_page_is_a_picture_credit() -> None:
    text = "© Harbour Ledger\n" + BODY + "More from the islands\nWeather\nTides\nContact\nSitemap\n"
    assert [c for c in outlet.text_cues(text) if c.how == "copyright"] == []


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Veuillez saisir l'adresse mail qui a servi à créer votre compte CourrierDuLac.fr", "courrierdulac.fr"),
        ("Sostieni valmoraoggi.it: mai come ora abbiamo bisogno dei lettori", "valmoraoggi.it"),
        ("Sei già registrato ad valmoraoggi.it?", "valmoraoggi.it"),
        ("Tout le site courrierdulac.fr accessible en illimité", "courrierdulac.fr"),
        ("La lecture de cet article vous est offerte par CourrierDuLac.fr. Abonnez-vous.", "courrierdulac.fr"),
        ("3 de junio de 2012 Por www.heraldodelsur.es", "heraldodelsur.es"),
    ],
)
def test_the_site_names_its_own_domain_in_its_furniture(line: str, expected: str) -> None:
    assert [c.name for c in outlet.text_cues(BODY + line + "\n") if c.how == "site domain"] == [expected]


def test_a_platforms_domain_is_never_the_outlet() -> None:
    text = BODY + "Estás comentando usando tu cuenta de WordPress.com.\nSitio web ofrecido por WordPress.com.\n"
    assert outlet.text_cues(text) == []
    assert _outlet(text) is None


def test_a_domain_in_a_top_line_or_opening_a_footer_line() -> None:
    top = "Mundo | heraldodelsur.es\n" + BODY
    assert _outlet(top) == "heraldodelsur.es"
    foot = BODY + "Newsletter\nHDS heraldodelsur.es - unidad empresarial de Radio Valmora\n"
    assert [c.how for c in outlet.text_cues(foot)] == ["footer"]
    # a domain inside a sentence of the body is not the masthead
    assert _outlet("Le ministre a écrit sur courrierdulac.fr hier soir que tout allait bien.\n" + BODY) is None


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Suivez Le Courrier du Lac", "Le Courrier du Lac"),
        ("Questo articolo non è più commentabile. Abbonati al Corriere di Valmora per commentare.", "Il Corriere di Valmora"),
        ("Acerca de RT", "RT"),
        ("Découvrez l'application Le Courrier du Lac", "Le Courrier du Lac"),
        ("Cerca in Valmora News", "Valmora News"),
        ("Non hai un account su Valmora News?", "Valmora News"),
    ],
)
def test_a_line_that_asks_the_reader_to_follow_the_outlet(line: str, expected: str) -> None:
    assert _outlet(BODY + line + "\n") == expected


@pytest.mark.parametrize("line", ["Follow us", "Suivez Syrie", "Acerca de EE.UU.", "Abbonati a Damasco per leggere", "About ISIS"])
def test_calls_that_name_no_outlet(line: str) -> None:
    assert _outlet(BODY + line + "\n") is None


def test_a_post_part_of_an_outlets_coverage() -> None:
    text = "This post is part of Harbour Ledger's special coverage of the winter floods.\n" + BODY
    assert _outlet(text) == "Harbour Ledger"
    text = "Ce billet fait partie du dossier spécial de Global Voices sur les inondations de l'hiver.\n" + BODY
    assert _outlet(text) == "Global Voices"
    # a post part of a place's story names no outlet
    assert _outlet("This post is part of Valmora's long history of floods.\n" + BODY) is None


def test_an_interviews_questions_asked_by_the_site() -> None:
    qa = (
        "Valmoranews.com : Que cherche le ministre ?\nIl veut gagner du temps avant les élections.\n"
        "Valmoranews.com : Et l'opposition ?\nElle est divisée.\n"
    )
    assert _outlet(qa) == "valmoranews.com"
    assert _outlet("Valmoranews.com : Que cherche le ministre ?\nIl veut gagner du temps.\n") is None  # one question only


def test_a_country_in_capitals_in_a_dateline_is_no_agency() -> None:
    assert _outlet("VALMORA (SIRIA) - Le truppe sono entrate in città questa mattina.\n") is None
    assert _outlet("VALMORA (IPS) - Le truppe sono entrate in città questa mattina.\n") == "Inter Press Service"


def test_an_outlet_from_the_table_is_shown_as_the_table_names_it() -> None:
    assert outlet.choose_outlet(cues=[outlet.Cue("BFM TV", 3, "credit")]) == "BFMTV"
    assert outlet.choose_outlet(cues=[outlet.Cue("Cable News Network", 3, "copyright")]) == "CNN"


def test_a_section_label_in_capitals_above_the_headline_is_not_the_outlet() -> None:
    raw = (
        "GUERRA EN EL NORTE\n\n"
        "Los transbordadores acuerdan un horario de invierno para las islas\n\n"
        "Las tres compañías de transbordadores que sirven a las islas del norte acordaron el jueves "
        "compartir un único horario de invierno, poniendo fin a años de salidas superpuestas.\n\n"
        "Los pasajeros podrán usar un solo billete en todos los barcos desde diciembre, dijeron las "
        "compañías en un comunicado conjunto.\n"
    )
    doc = Document(id="t1", path="page.txt", format="text", content=raw)
    assert clean(doc, settings=Settings()).source is None
    named = raw.replace("GUERRA EN EL NORTE", "EL HERALDO DEL SUR")
    assert clean(Document(id="t2", path="page.txt", format="text", content=named), settings=Settings()).source == "El Heraldo del Sur"


def test_a_byline_or_a_question_put_by_a_known_outlet() -> None:
    assert _outlet("Par   L'Express\n" + BODY) == "L'Express"
    assert _outlet(BODY + "LE MONDE. - Que change ce nouvel horaire pour les îles ?\n") == "Le Monde"
    # a byline of a person, and a question put by a person, name no outlet
    assert _outlet("Par Jeanne Martin\n" + BODY + "JEANNE MARTIN. - Que change cet horaire ?\n") is None


@pytest.mark.parametrize("footer", ["© Reuters", "© Agence France-Presse", "Foto di www.valmorascatti.it", "Imagen por www.valmorafotos.es"])
def test_a_picture_credit_at_the_foot_is_no_outlet(footer: str) -> None:
    assert _outlet(BODY + "Newsletter\n" + footer + "\n") is None
