"""Who published an article: the outlet, from its metadata or, when that says nothing, its text.

The input's own ``source`` wins; then the URL's host, named from a small table of well-known
outlets (``outlets.json``) or by a name the page gives that spells the host ("Bosphorus Times"
for bosphorustimes.example); then the page's site name. When none is known, the text is read
for the ways outlets sign their pages, each a *cue* with a weight:

==========================  ================================================  ======
cue                         example                                           weight
==========================  ================================================  ======
credit line                 "Text by: RFI", "Source: Reuters", "Originally    3
                            published at example.com"
copyright line              "© 2020 Harbour Ledger. All rights reserved."     3
                            (the owner after the mark, then before it; a
                            company "X S.p.A." 1.5; "© X" without a year
                            only on the page's last lines)
reprint / link notice       "… only with a hyperlink to example.com"          3
site domain                 "your example.fr account", "Support example.it",  3
                            "offered to you by example.fr", "By example.es"
part of                     "This post is part of X's special coverage"       3
invitation                  "Download the X app", "X is on Telegram",         2
                            "Subscribe to "X" in Telegram", "Suivez X",
                            "Abbonati al X per commentare", "About X",
                            "Search X", "No account on X?"
wire dateline               "TRIPOLI (AFP) -"                                 2
masthead                    a first line that is a name like "The X Times",   2
                            or a domain beside a section ("World | x.com")
footer                      a last line opened by a domain ("x.ch - …")       2
interview                   questions asked by a domain ("x.com : Why …?"),   2
                            twice or more, or by a known outlet once
byline                      "Par L'Obs": a byline that is a known outlet      2
page title                  "Headline | X" once the headline is known         2
==========================  ================================================  ======

A cue counts only when its value looks like an outlet: a name from the table, an
abbreviation in capitals, a name with a word outlets are named with (Times, Post, News,
Journal, Monitor, Courrier, Zeitung, Haber, …), or a web domain — never a person's name, a
pronoun ("Follow us") or a photo credit ("© EPA", "Photo: AFP", "Source of the Photo: …"), an
address ("Calle Mayor 1234"), a date, a platform's domain (wordpress.com, twitter.com) or a
country in capitals ("DAMASCO (SIRIA) -").
Cues naming the same outlet add up: spellings, an abbreviation and its expansion ("ADW",
"Anatolia Daily Wire"), a domain and the name it spells; the outlet with the most weight is
chosen, shown as the table names it, else by its fullest name. A file or folder name is
never an outlet (a folder named like a web domain, as crawlers save pages, is used last).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from .pubdate import names_day_and_month

__all__ = ["Cue", "choose_outlet", "text_cues", "title_cues", "html_cues", "known_outlet", "host_of", "outlet_like", "proper_case"]


@dataclass(frozen=True, slots=True)
class Cue:
    name: str  # as written (a name, an abbreviation or a domain)
    weight: float
    how: str  # which rule found it


# words outlets are named with (general knowledge of press titles, in the languages we read)
_OUTLET_WORDS = frozenset(
    """times news post daily wire review observer monitor journal agency press tribune herald gazette
    chronicle courier ledger dispatch brief reporter telegraph express standard guardian independent
    mirror star today weekly magazine insider bulletin digest sentinel globe mail echo voice radio tv
    television broadcasting network newswire newsroom bureau examiner inquirer record register report
    courrier monde presse quotidien dépêche depeche nouvel observateur echos écho parisien hebdo actu
    info infos télé tele agence libération
    diario periódico periodico noticias prensa crónica cronica heraldo correo gaceta semanario agencia
    corriere giornale gazzetta stampa notizie quotidiano agenzia
    zeitung nachrichten rundschau kurier anzeiger tagblatt blatt agentur welt
    haber haberleri gazete gazetesi ajans ajansı postası
    jornal notícias folha diário correio
    вести новости известия газета обозрение ведомости правда""".split()
)
# not an outlet, whatever the cue ("Follow us", "Source: agencies")
_GENERIC = frozenset(
    """us our we you nous notre nos nosotros нас наш the author author staff editor editors editorial
    admin agencies agency wires wire news desk newsdesk reporters correspondents team redaction
    rédaction redacción internet web website site online""".split()
)
_SMALL_WORDS = frozenset("of the and for on in at a an de des du la le les et d l del el y e di della delle dei al und von и".split())
# words of a page's footer links, never in an outlet's name as a copyright line gives it
_FOOTER = frozenset("""terms privacy cookie cookies policy contact sitemap imprint impressum legal advertise
    advertising careers subscribe subscription conditions mentions login logout signin register registrati
    accedi connexion""".split())
_COMPANY = re.compile(
    r"(?:[\s,]+(?:ltd\.?|limited|inc\.?|llc|plc|gmbh|ag|s\.?a\.?s?|sarl|s\.?p\.?a\.?|b\.?v\.?|n\.?v\.?|a\.?ş\.?|"
    r"co\.?|corp\.?|corporation|company|group|holdings?|media group|media network|publishing|publications?|"
    r"ediciones|edizioni|éditions|editorial|editrice|verlag))+\.?$",
    re.I,
)
_PHOTO = re.compile(
    r"\b(?:photos?|photographs?|photo credit|fotos?|fotoğraf|image|images|picture|pictures|pic|illustration|"
    r"infographic|video|vídeo|vidéo|imagen|imágenes|immagine|immagini|imagem|archives?|getty|shutterstock|фото|صورة)\b",
    re.I,
)
_DOMAIN = re.compile(r"\b(?:https?://)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})\b/?", re.I)
# platforms and services a page names in its furniture ("comment with your WordPress.com account",
# "Share on twitter.com"): never the outlet
_SERVICES = frozenset(
    """wordpress.com blogger.com blogspot.com facebook.com twitter.com x.com t.co google.com youtube.com
    youtu.be instagram.com linkedin.com gmail.com outlook.com hotmail.com yahoo.com apple.com
    microsoft.com disqus.com wikipedia.org medium.com tumblr.com whatsapp.com telegram.org""".split()
)
_NOT_TLDS = {"txt", "html", "htm", "json", "jsonl", "gz", "xml", "csv", "md", "d", "tmp", "pdf", "jpg", "png", "php", "asp", "aspx"}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,5}(?:/[A-Z][A-Z0-9&]{1,5})?$")
_YEARS = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–—/]\s*(?:19|20)?\d\d)?\b")
_RIGHTS = re.compile(
    r"all rights reserved|tous droits réservés|todos los derechos reservados|alle rechte vorbehalten|"
    r"tutti i diritti riservati|tüm hakları saklıdır|все права защищены|جميع الحقوق محفوظة|"
    r"some rights reserved|registered in [a-z ]+|(?:todos los |tutti i |tous (?:les )?)?(?:derechos|diritti|droits|rights)\s+(?:sono\s+|son\s+)?(?:reservados|riservati|réservés|reserved)|"
    r"riproduzione riservata|reproducción reservada|reproduction interdite",
    re.I,
)
_COPYRIGHT_MARK = re.compile(r"©|\(c\)|\bcopyright\b", re.I)

# a credit line: its label, then the outlet
_CREDIT = re.compile(
    r"^\s*(?:"
    r"(?:text|texte|source|sources|fuente|fonte|quelle|kaynak|источник|المصدر|via)\s*[:：]"
    r"|(?:text|texte|story|article)\s+(?:by|par|de|von|di)\s*[:：]?"
    r"|(?:published|distributed|provided|syndicated)\s+by\s*[:：]?|courtesy\s+of\s*[:：]?"
    r"|(?:this\s+(?:article|story|report)\s+)?(?:was\s+)?(?:originally\s+published|first\s+published|"
    r"first\s+appeared|originally\s+appeared|appeared\s+first)\s+(?:on|at|in|by)\s*[:：]?"
    r")\s*(?P<value>.+?)\s*[.;]?\s*$",
    re.I,
)
# reprinting is allowed only with a (hyper)link to the site: the link, in a line about reprints
_REPRINT = re.compile(
    r"\b(?:reprint|republi|reproduc|copying|redistribut|quoting|citing|use of (?:the )?materials|"
    r"перепечат|использовани|цитировани|reproducción|reproduction|nachdruck)",
    re.I,
)
_LINK_NOTICE = re.compile(
    r"\b(?:hyper)?link(?:s)?\s+(?:back\s+)?to\s+(?P<value>(?:https?://)?[\w.-]+\.[a-z]{2,24})\b"
    r"|\b(?:ссылк\w+|гиперссылк\w+)\s+на\s+(?P<value2>(?:https?://)?[\w.-]+\.[a-z]{2,24})\b",
    re.I,
)
_NAME = r"[\"“«„']?(?P<name>[^\"”»“«\n]{2,60}?)[\"”»']?"
_INVITATIONS = (
    re.compile(r"^\s*" + _NAME + r"\s+(?:is|are)\s+(?:now\s+)?(?:also\s+)?(?:on|available\s+on)\s+"
               r"(?:Telegram|WhatsApp|Twitter|X|Facebook|Instagram|YouTube|Google\s+News|Viber|Signal|LinkedIn|TikTok|Threads)\b", re.I),
    re.compile(r"\b(?:subscribe\s+to|follow|join|add)\s+" + _NAME + r"\s+(?:on|in|at)\s+"
               r"(?:Telegram|WhatsApp|Twitter|X|Facebook|Instagram|YouTube|Google\s+News|Viber|Signal|LinkedIn|TikTok|Threads)\b", re.I),
    re.compile(r"\b(?:download(?:ing)?|get(?:ting)?|install(?:ing)?|try(?:ing)?)\s+the\s+" + _NAME + r"\s+(?:mobile\s+)?(?:app|application|apps)\b", re.I),
    re.compile(r"\b(?:téléchargez|télécharger)\s+l['’]app(?:lication)?\s+(?:de\s+|du\s+|d['’])?" + _NAME + r"\s*(?:[.!,]|$)", re.I),
    re.compile(r"\b(?:suivez|rejoignez)\s+" + _NAME + r"\s+sur\s+(?:Telegram|WhatsApp|Twitter|X|Facebook|Instagram|YouTube|Google\s+(?:News|Actualités))\b", re.I),
    re.compile(r"\b(?:descarga|descargue)\s+la\s+app\s+de\s+" + _NAME + r"\s*(?:[.!,]|$)", re.I),
    re.compile(r"\bподписывайтесь\s+на\s+" + _NAME + r"\s+в\s+(?:Telegram|Телеграм|Дзен|VK|ВКонтакте)", re.I),
)
# the site names its own domain in its furniture: "your example.fr account", "Support
# example.it", "already registered at example.it?", "the whole example.fr site", "offered to you by
# example.fr", a byline line "12 June 2012 By www.example.es"
_D = r"((?:https?://)?(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,6})\b"
_SELF_DOMAIN = re.compile(
    r"\b(?:compte|account|cuenta|utenza|conto)\s+(?:(?:on|at|sur|en|su|de|di)\s+)?" + _D
    + r"|\b(?:sostieni|soutenez|apoya|support)\s+" + _D
    + r"|\b(?:registrat[oa]|iscritt[oa]|inscrit|registered|registrad[oa])\s+(?:a|ad|su|sur|à|on|at|en)\s+" + _D
    + r"|\b(?:tout le site|todo el sitio|tutto il sito|the whole site)\s+" + _D
    + r"|\b(?:offerte?|offered(?:\s+to\s+you)?|ofrecid[oa]|offert[oa])\s+(?:par|by|por|da)\s+" + _D
    + r"|^(?!.*\b(?:photos?|fotos?|foto|image|imagen|immagine|picture|video|vídeo)\b)(?:.{0,40}\s)?(?:by|par|por|di|da)\s+" + _D + r"\s*$",
    re.I,
)
# "Mundo | example.es": a domain standing alone in a top line, beside a section's name
_PIECES = re.compile(r"\s+[|•·–—-]\s+|\s+[|•·]|[|•·]\s+")
# a footer line opened by the site's domain: "XYZ example.ch - a unit of …", "example.fr"
_FOOT_DOMAIN = re.compile(r"^(?:[A-Z]{2,5}\s+)?" + _D + r"(?:\s+[-–—|]\s|\s*$)", re.I)
_FOOT = 4  # the page's last lines, where its footer stands
# a line that asks the reader to follow, subscribe to or learn about the outlet, alone:
# "Suivez Le Monde", "Abbonati al Post per commentare", "Acerca de RT", "Découvrez l'application X"
_CALLS = (
    re.compile(r"^(?:follow|suivez|segui|seguite|sigue\s+a|siga\s+a)\s+" + _NAME + r"\s*[.!]?$", re.I),
    re.compile(r"(?:^|(?<=[.!?])\s+)(?:subscribe\s+to|abonnez-vous\s+(?P<prep>à|au|a)|abbonati\s+(?P<prep2>a|ad|al|alla|allo)|"
               r"suscr[ií]b(?:ete|ite|ase)\s+(?P<prep3>a|al))\s+" + _NAME + r"(?:\s+(?:per|pour|para|to)\b.*|\s*[.!]?)$", re.I),
    re.compile(r"^(?:about|à propos de|a propos de|acerca de|sobre)\s+" + _NAME + r"\s*$", re.I),
    re.compile(r"^(?:search|cerca\s+(?:in|su)|rechercher\s+sur|buscar\s+en)\s+" + _NAME + r"\s*$", re.I),
    re.compile(r"\b(?:an?\s+account|un\s+compte|una\s+cuenta|un\s+account)\s+(?:on|at|sur|en|su)\s+" + _NAME + r"\s*[?.!]?$", re.I),
    re.compile(r"\b(?:découvrez|téléchargez)\s+l['’]app(?:lication)?\s+(?:de\s+|du\s+|d['’])?" + _NAME + r"\s*[.!]?$", re.I),
)
# an article contracted into the preposition before a name: "abbonati al Post" → "il Post"
_CONTRACTED = {"al": "Il", "allo": "Lo", "alla": "La", "au": "Le"}
# "This post is part of X's special coverage", "Ce billet fait partie du dossier de X sur …"
_PART_OF = re.compile(
    r"\b(?:(?:this|the)\s+(?:post|article|story|report)\s+is\s+part\s+of|(?:ce|cet)\s+(?:billet|article|post)\s+fait\s+partie\s+d[ue]|"
    r"est[ea]\s+(?:artículo|articulo|post|nota)\s+(?:forma|es)\s+parte\s+de(?:l|\s+la)?|"
    r"questo\s+(?:articolo|post)\s+fa\s+parte\s+d(?:el|ello|ella|i))\s+"
    r"(?:(?:dossier|special\s+coverage|coverage|series|couverture|cobertura|copertura|serie|speciale)\s+"
    r"(?:(?:spécial|special|especial|speciale|central)\s+)?(?:de\s+|of\s+|di\s+|del\s+|della\s+)?)?"
    r"[\"“«]?(?P<name>[^\"”»“«\n(]{2,40}?)(?:['’]s)?[\"”»]?\s+(?:special\s+coverage|coverage|series|sur|on|about|sobre|su|\()",
    re.I,
)
# an interview's questions, each opened by the outlet that asks them: "Example.com : Why …?"
_ASKS = re.compile(r"^" + _D + r"\s*:\s+\S", re.I)
# a byline that is a known outlet ("By The Guardian", "Par L'Obs"), and an interview's question
# put by a known outlet ("LE MONDE. - Why …?")
_BY_OUTLET = re.compile(r"^(?:by|par|por|di|da)\s+(?P<name>[^,;|\d]{2,40}?)\s*$", re.I)
_ASKED_BY = re.compile(r"^(?P<name>[^.:?]{2,40}?)\.?\s*[-–—:]\s+.+\?$")


# a wire dateline at the start of a paragraph: "TRIPOLI (AFP) -", "Paris, June 5 (Reuters) —"
_DATELINE = re.compile(
    r"^\s*[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*(?:[ -][A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*){0,3}(?:,\s*[^()\n]{1,30}?)?\s*"
    r"\((?P<value>[A-Za-z][A-Za-z&-]{1,14}(?:\s*/\s*[A-Za-z][A-Za-z&-]{1,14})?)\)\s*[-–—:_]"
)


# -- the table of well-known outlets -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Known:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    wire: bool = False  # a news or photo agency, whose name also credits pictures ("© Reuters")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, _Known], dict[str, _Known]]:
    """(by folded name or alias, by domain)."""
    data = json.loads(resources.files(__package__).joinpath("outlets.json").read_text(encoding="utf-8"))
    by_name: dict[str, _Known] = {}
    by_domain: dict[str, _Known] = {}
    for rec in data["outlets"]:
        k = _Known(rec["name"], tuple(rec.get("aliases", ())), tuple(rec.get("domains", ())), bool(rec.get("wire")))
        for n in (k.name, *k.aliases):
            by_name.setdefault(_fold(n), k)
        for d in k.domains:
            by_domain[d.lower()] = k
    return by_name, by_domain


def _wire(name: str) -> bool:
    """A news agency from the table (its name credits pictures too)."""
    known = known_outlet(name)
    return bool(known and _table()[0][_fold(known)].wire)


def known_outlet(name_or_domain: str) -> str | None:
    """The table's name for an outlet name, abbreviation or domain (or a host under it)."""
    by_name, by_domain = _table()
    hit = by_name.get(_fold(name_or_domain))
    if hit:
        return hit.name
    host = name_or_domain.lower().removeprefix("www.")
    while host:
        if host in by_domain:
            return by_domain[host].name
        host = host.partition(".")[2]
    return None


# -- words and names -------------------------------------------------------------------------


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).casefold().split())


def _squash(s: str) -> str:
    return re.sub(r"[^0-9a-zа-яё\u0600-\u06ff]+", "", _fold(s))


def _words(s: str) -> list[str]:
    return re.findall(r"[\w'’&-]+", s)


def proper_case(name: str) -> str:
    """A name written in capitals, in the case a title takes ("JOURNAL DES DEUX RIVES" →
    "Journal des Deux Rives"); abbreviations and names in mixed case are kept."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(_words(name)) < 2:
        return name
    out = []
    for i, w in enumerate(name.split()):
        low = w.lower()
        out.append(low if i and low in _SMALL_WORDS else w[:1] + w[1:].lower())
    return " ".join(out)


def _domain(value: str) -> str | None:
    m = _DOMAIN.fullmatch(value.strip().rstrip("/.,;"))
    if not m:
        m = _DOMAIN.fullmatch(urlsplit(value.strip()).hostname or "") if "//" in value else None
    if not m:
        return None
    d = m.group(1).lower().removeprefix("www.")
    if d.rsplit(".", 1)[-1] in _NOT_TLDS:
        return None
    return d


def _name_like(value: str) -> bool:
    words = _words(value)
    if not 1 <= len(words) <= 7 or len(value) > 70:
        return False
    if not (value[:1].isupper() or value[:1].isdigit()) and not _ACRONYM.match(value) and value.lower() not in ("dpa",):
        return False
    if _fold(value) in _GENERIC or re.search(r"[!?;:()]|\s[-–—]\s|\.\s", value):
        return False
    if any(_fold(w) in _FOOTER for w in words):
        return False
    # a name, not a phrase: at most one word in small letters besides "of", "de", "the", …
    if sum(1 for w in words if w[:1].islower() and _fold(w) not in _SMALL_WORDS and not _domain(w)) > 1:
        return False
    return sum(c.isalpha() for c in value) >= 2


def _outlet_like(value: str) -> bool:
    """A name from the table, an abbreviation, a name with an outlet word, or a domain."""
    if known_outlet(value) or _domain(value):
        return True
    if not _name_like(value):
        return False
    if _ACRONYM.match(value):
        return True
    return any(_fold(w) in _OUTLET_WORDS for w in _words(value))


def outlet_like(value: str) -> bool:
    """Whether a name could be an outlet's (see ``_outlet_like``): not a section's label."""
    return _outlet_like(value)


def _best_prefix(value: str) -> str | None:
    """The longest start of ``value`` that names an outlet ("RFI Follow" → "RFI";
    "Reuters, AFP" → "Reuters")."""
    value = value.strip().strip("\"“”«»'").strip()
    for part in re.split(r"\s*(?:[,|•·]|\s[-–—/]\s|\band\b|\bet\b|\bwith\b)\s*", value):
        part = _COMPANY.sub("", part.strip().rstrip(".")).strip()
        words = part.split()
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n]).rstrip(".,")
            if _outlet_like(cand):
                return _domain(cand) or cand
        break  # only the first of several credits
    return None


# -- cues in text ---------------------------------------------------------------------------


_COPYRIGHT_NOISE = re.compile(
    r"\ball contents\b|\bunless otherwise (?:noted|stated|indicated|specified)\b|"
    r"\b(?:powered|designed|developed|hosted|built|made)\s+(?:by|with)\b.*$|\bipso regulated\b|\ball\b\s*$|"
    # a company's tax or register number ends the owner's name ("Avvenire P.Iva 00…", "C.F. e P.IVA …")
    r"(?:\b|(?<=[a-z]))P\.\s?IVA\b.*$|\b(?:partita\s+iva|codice\s+fiscale|c\.\s?f\.|cif|nif|siren|siret|vat\s+(?:no|number|reg))\b.*$",
    re.I,
)
# a company's legal form, written anywhere in the owner's name ("SEIF S.p.A. - …", "EL PAIS S.A.",
# "Periódico X S.A. de C.V."): the owner is then a company, the outlet's publisher
_LEGAL_FORM = re.compile(
    r"(?:^|(?<=[\s,]))(?:s\.\s?p\.\s?a\.?|s\.\s?r\.\s?l\.?|s\.\s?a\.(?:\s+de\s+c\.\s?v\.?)?|s\.\s?a\.\s?s\.?|s\.\s?l\.|"
    r"sa(?:rl|s)?|spa|srl|ltd\.?|inc\.?|llc|plc|gmbh|bv|nv)(?=[\s,.;|]|$)",
    re.I,
)
# a postal address in a footer ("Zelmar Michelini 1287, CP.11100, Montevideo"): never an owner
_ADDRESS = re.compile(
    r"\b\d{3,}\b|\b(?:via|viale|piazza|corso|calle|avenida|paseo|plaza|rue|avenue|boulevard|street|road|"
    r"straße|strasse|cp|c\.p)\b|\b(?:av|bd|st|rd)\.",
    re.I,
)
# "Grupo EL COMERCIO", "Gruppo …", "Groupe …": the group's name, written as its outlet's
_GROUP_PREFIX = re.compile(r"^(?:grupo|gruppo|groupe|gruppe)\s+(?=\S)", re.I)


def _copyright(line: str, *, foot: bool = False) -> tuple[str, float] | None:
    """The owner a copyright line names, with its weight (3 for a name like an outlet's, 1.5
    for another, such as the company or group that owns the outlet), or None. The owner is read
    after the mark first ("Calle 12, Montevideo. Copyright EL DIARIO S.A. 2020"), then before
    it. ``foot``: one of the page's last lines, where "© Name" alone, without a year, is the
    site's own notice rather than a picture's credit."""
    mark = _COPYRIGHT_MARK.search(line)
    if not mark or _PHOTO.search(line):
        return None
    after = line[mark.end():]
    m = _DOMAIN.match(after.strip(" ®·:"))
    if m and _domain(m.group(0)):
        return _domain(m.group(0)), 3.0  # "© example.es Avenida …": a domain is never a photo's credit
    dated = bool(_YEARS.search(line) or _RIGHTS.search(line))
    if not dated and not foot:
        return None  # "© EPA": a photo agency's credit under a picture
    for side in (after, line[: mark.start()]):
        owner = _owner(side)
        if owner is None:
            continue
        if not dated and (owner[1] < 3 or _ACRONYM.match(owner[0]) or _wire(owner[0])):
            return None  # "© AFP", "© Reuters" at the foot, under the last picture
        return owner
    return None


def _owner(text: str) -> tuple[str, float] | None:
    rest = _COPYRIGHT_MARK.sub(" ", text).replace("®", " ")
    rest = _RIGHTS.sub(" ", rest)
    rest = _YEARS.sub(" ", rest)
    rest = _COPYRIGHT_NOISE.sub(" ", rest)
    company = bool(_LEGAL_FORM.search(rest))
    rest = _LEGAL_FORM.sub(" ", rest)
    for part in re.split(r"\.\s|\.(?=[A-Z])|\s{2,}|\s[-–—|/·•]\s|[|,;·•]", rest):
        part = _COMPANY.sub("", part.strip(" .-–—|&·•")).strip(" .&")
        part = re.sub(r"\s+(?:and|&)$", "", part)
        part = _GROUP_PREFIX.sub("", part)
        if not part or names_day_and_month(part) or _ADDRESS.search(part):
            continue  # a post's date before the mark ("31 luglio 2011 © RIPRODUZIONE RISERVATA") or an address owns nothing
        d = _domain(part)
        if d:
            return d, 3.0
        if known_outlet(part):
            return part, 3.0
        if company:
            return (part, 1.5) if _name_like(part) or _ACRONYM.match(part) else None
        if _ACRONYM.match(part):
            return part, 3.0
        if _name_like(part):
            return part, 3.0 if _outlet_like(part) else 1.5
        return None
    return None


def text_cues(text: str, *, title: str | None = None, masthead: bool = True) -> list[Cue]:
    """Every cue to the outlet in a text (the raw input, boilerplate and all); ``masthead``:
    also a name on one of the first lines (not for a web page's rendered text, whose first
    lines are menus)."""
    cues: list[Cue] = []
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title_key = _fold(title) if title else None
    asks: list[str] = []
    for i, line in enumerate(lines):
        m = _DATELINE.match(line)
        if m and i < 40:
            value = m.group("value").split("/")[0].strip()
            # an unknown agency's initials are short: "DAMASCO (SIRIA) -" names the place's country
            if known_outlet(value) or (_ACRONYM.match(value) and 3 <= len(value) <= 4):
                cues.append(Cue(value, 2, "dateline"))
        if len(line) > 300:
            continue  # a paragraph of the article, not a credit
        m = _CREDIT.match(line)
        if m and not _PHOTO.search(line):
            value = _best_prefix(m.group("value"))
            if value:
                cues.append(Cue(value, 3, "credit"))
        owner = _copyright(line, foot=i >= len(lines) - _FOOT)
        if owner:
            cues.append(Cue(owner[0], owner[1], "copyright"))
        for m in _LINK_NOTICE.finditer(line) if _REPRINT.search(line) else ():
            d = _domain(m.group("value") or m.group("value2"))
            if d:
                cues.append(Cue(d, 3, "link notice"))
        for rx in _INVITATIONS:
            for m in rx.finditer(line):
                name = m.group("name").strip(" \"'“”«»")
                if _outlet_like(name):
                    cues.append(Cue(_domain(name) or name, 2, "invitation"))
        for m in _SELF_DOMAIN.finditer(line):
            d = _domain(next(v for v in m.groups() if v))
            if d:
                cues.append(Cue(d, 3, "site domain"))
        if i < 3 or i >= len(lines) - _FOOT:
            for piece in _PIECES.split(line) if i < 3 else ():
                d = _domain(piece) if len(_PIECES.split(line)) > 1 else None
                if d:
                    cues.append(Cue(d, 2, "masthead"))
            m = _FOOT_DOMAIN.match(line) if i >= len(lines) - _FOOT else None
            if m and _domain(m.group(1)):
                cues.append(Cue(_domain(m.group(1)), 2, "footer"))
        for rx in _CALLS:
            m = rx.search(line) if len(line) <= 120 else None
            if m:
                name = m.group("name").strip(" \"'“”«»")
                prep = next((v for k, v in m.groupdict().items() if k.startswith("prep") and v), None)
                if prep and prep.lower() in _CONTRACTED and name[:1].isupper():
                    name = f"{_CONTRACTED[prep.lower()]} {name}"
                # a domain in small letters ("Acerca de EE.UU." names a country)
                d = _domain(name) if re.search(r"\.[a-z]{2,}", name) else None
                if d or (not _domain(name) and (known_outlet(name) or (_outlet_like(name) and not _ACRONYM.match(name)))):
                    cues.append(Cue(d or name, 2, "invitation"))
        m = _PART_OF.search(line)
        if m:
            name = m.group("name").strip()
            if _outlet_like(name):
                cues.append(Cue(_domain(name) or name, 3, "part of"))
        for rx, how in ((_BY_OUTLET, "byline"), (_ASKED_BY, "interview")):
            m = rx.match(line) if len(line) <= 200 else None
            if m and known_outlet(m.group("name").strip()):
                cues.append(Cue(m.group("name").strip(), 2, how))
        m = _ASKS.match(line)
        if m and _domain(m.group(1)):
            asks.append(_domain(m.group(1)))
        if masthead and i < 3 and (title_key is None or _fold(line) != title_key):
            name = _NAVIGATION_TAIL.sub("", line)
            if _masthead(name):
                cues.append(Cue(proper_case(name), 2, "masthead"))
    for d in sorted(set(asks)):
        if asks.count(d) >= 2:  # an interview: two questions or more asked by the same site
            cues.append(Cue(d, 2, "interview"))
    return [c for c in cues if not _service(c.name)]


def _service(name: str) -> bool:
    d = _domain(name)
    while d:
        if d in _SERVICES:
            return True
        d = d.partition(".")[2]
    return False


# a menu button's label run into the site's name on a page copied as text ("BBC News Mundo
# Navegación"): not part of the name
_NAVIGATION_TAIL = re.compile(r"\s+(?:navigation|navegación|navegacion|navigazione|navigação|menu|menú|menü)\s*$", re.I)


# section names a page's top lines carry ("World News", "Latest Politics"): never a masthead
_SECTION_WORDS = frozenset(
    """world news latest breaking top stories home international local national politics opinion
    analysis sport sports live video middle east africa europe asia americas economy business
    culture science health technology tech region regional daily today weekly special report
    monde actualité actualités international politique économie culture
    mundo noticias internacional política economía""".split()
)


def _masthead(line: str) -> bool:
    """A top line that is an outlet's name: two to six words, one of them a word outlets are
    named with and one that is not a section's ("Sahel Monitor", not "World News")."""
    words = _words(line)
    if not 2 <= len(words) <= 6 or not _name_like(line) or re.search(r"[\d/|›»>•·:]", line):
        return False
    if known_outlet(line):
        return True
    folded = [_fold(w) for w in words]
    return any(w in _OUTLET_WORDS for w in folded) and any(
        w not in _OUTLET_WORDS and w not in _SECTION_WORDS and w not in _SMALL_WORDS for w in folded
    )


_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—•·»/]|::)\s+")


def title_cues(page_titles: Iterable[str], title: str | None) -> list[Cue]:
    """The site's name in a page title around the headline ("Headline | Site", "Site - Headline")."""
    cues: list[Cue] = []
    key = _squash(title) if title else ""
    for page_title in page_titles:
        pieces = [p.strip(" |-–—•·»/:") for p in _TITLE_SEPARATORS.split(page_title.strip())]
        pieces = [p for p in pieces if p]
        if len(pieces) < 2:
            continue
        candidates = []
        if key:
            for n in range(1, len(pieces)):
                if _squash(" ".join(pieces[:n])) == key:
                    candidates.append(pieces[-1])
                if _squash(" ".join(pieces[n:])) == key:
                    candidates.append(pieces[0])
        elif len(_words(" ".join(pieces[:-1]))) >= 4:
            candidates.append(pieces[-1])
        for cand in candidates:
            cand = cand.strip()
            if _name_like(cand) and len(_words(cand)) <= 6:
                cues.append(Cue(cand, 2 if not _outlet_like(cand) else 2.5, "page title"))
                break
    return cues


def html_cues(html: str, *, title: str | None = None) -> list[Cue]:
    """The cues in a web page: its title around the headline, and its visible text (footer
    copyright, credits, invitations)."""
    import lxml.html
    from lxml import etree

    from ...htmltext import visible_text

    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    page_titles = [t.text_content().strip() for t in tree.xpath("//head/title")[:1]]
    page_titles += [str(v).strip() for v in tree.xpath(
        '//meta[@property="og:title" or @name="og:title" or @name="twitter:title"]/@content')]
    return title_cues([t for t in page_titles if t], title) + text_cues(visible_text(html), title=title, masthead=False)


# -- choosing ---------------------------------------------------------------------------------


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    return host.removeprefix("www.") if host else None


def _host_core(host: str) -> str:
    """The name part of a host: 'bosphorustimes' for www.bosphorustimes.example, 'sky' for news.sky.com."""
    labels = [x for x in host.lower().split(".") if x not in ("www", "m", "amp", "mobile")]
    generic = {"com", "org", "net", "co", "gov", "edu", "ac", "info", "example", "test", "news", "online"}
    while len(labels) > 1 and (labels[-1] in generic or len(labels[-1]) == 2):
        labels.pop()
    return re.sub(r"[^0-9a-z]", "", labels[-1]) if labels else ""


def _initials(name: str) -> str:
    words = [w for w in _words(name) if _fold(w) not in _SMALL_WORDS]
    return "".join(w[0] for w in words).casefold() if len(words) >= 2 else ""


def _forms(name: str) -> set[str]:
    """Keys under which a name, abbreviation or domain meets the others."""
    d = _domain(name)
    if d:
        known = known_outlet(d)
        core = _host_core(d)
        return {core, *(_forms(known) if known else set())}
    keys = {_squash(name)}
    stripped = re.sub(r"^(?:the|le|la|les|el|al|il|l['’]|al-)\s*", "", name.strip(), flags=re.I)
    keys.add(_squash(stripped))
    known = known_outlet(name)
    if known and _fold(known) != _fold(name):
        keys |= {_squash(known)} | {_squash(a) for a in _table()[0][_fold(known)].aliases}
    return {k for k in keys if k}


def _same(a: str, b: str) -> bool:
    fa, fb = _forms(a), _forms(b)
    if fa & fb:
        return True
    ia, ib = _initials(a), _initials(b)
    return bool(ia and ia in fb or ib and ib in fa)


def _display(names: Sequence[tuple[str, float]]) -> str:
    for n, _ in names:
        known = known_outlet(n)
        if known:
            return known
    full = [(w, n) for n, w in names if not _domain(n) and not _ACRONYM.match(n)]
    if full:
        # the best-attested full name; among equals the one most cues give, then the shortest
        total: dict[str, float] = {}
        for w, n in full:
            total[n] = total.get(n, 0) + w
        return max(total, key=lambda n: (total[n], -len(n), n))
    acronyms = [n for n, _ in names if _ACRONYM.match(n)]
    return acronyms[0] if acronyms else names[0][0]


def _group(cues: Sequence[Cue]) -> list[tuple[float, list[tuple[str, float]]]]:
    groups: list[list[tuple[str, float]]] = []
    for cue in cues:
        for g in groups:
            if any(_same(cue.name, n) for n, _ in g):
                g.append((cue.name, cue.weight))
                break
        else:
            groups.append([(cue.name, cue.weight)])
    return sorted(((sum(w for _, w in g), g) for g in groups), key=lambda t: -t[0])


def choose_outlet(
    *,
    given: str | None = None,
    url: str | None = None,
    site: str | None = None,
    cues: Sequence[Cue] = (),
    path: str | None = None,
) -> str | None:
    """The article's outlet: ``given`` (the input's own), else the URL's host or a folder in
    ``path`` named like a web domain (named from the table, or by the site name or cue that
    spells it), else the page's site name (``site``, from its metadata) or the best-attested
    cue; None when nothing names it."""
    if given and given.strip():
        return given.strip()
    host = host_of(url) or _domain_folder(path)
    named = [Cue(site.strip(), 4, "site name")] if site and site.strip() and site.strip() != host else []
    groups = _group([*named, *cues])
    if host:
        known = known_outlet(host)
        if known:
            return known
        for _, g in groups:
            if any(_same(host, n) for n, _ in g):
                return _display([(n, w) for n, w in g if not _domain(n)] or g)
        return named[0].name if named else host
    if groups and groups[0][0] >= 1.5:
        shown = _display(groups[0][1])
        return shown if known_outlet(shown) == shown else proper_case(shown)
    return None


def _domain_folder(path: str | None) -> str | None:
    """A folder named like a web domain in the input's path (as crawlers save pages)."""
    if not path or path == "-":
        return None
    for part in reversed(Path(re.sub(r":\d+$", "", path)).parts[:-1]):
        d = _domain(part)
        if d:
            return d
    return None
