"""Plain-text article cleaner: body, title, byline and date from copy-pasted web text.

Plain text copied from a news page carries the page's furniture with it: photo captions
and credits, bylines, reading times, "Read more" teasers, newsletter boxes, app badges,
tag lists, related headlines, share/print buttons and reader comments. No library cleans
plain text, so this module does, in four steps:

1. **Lines to units.** Lines broken in mid-sentence are re-joined (``join_broken_lines``):
   a line that does not end a sentence is joined to a following line that starts in lower
   case, or when it ends on a comma or a function word; stray quote marks and punctuation
   on their own line go back to their sentence; hard-wrapped paragraphs are unwrapped.
2. **Rules.** Multilingual (EN/FR/ES/DE/PT/IT) keyword families recognise short furniture
   blocks (each gives a ``reason``), and structural rules act on runs: everything after a
   comments marker is comments when comment-like blocks follow it; a long run of blocks
   that speak to someone (first and second person words, "@name", "!" and "?"), after a
   report that does not, is a reader thread with no marker (``_unmarked_thread``); headline-like lines
   after a "related" header are related links, and so is a run of six or more with no header
   above or below the report (``_headline_run``: a site's latest stories copied with the page);
   runs of bulleted short lines are tags;
   a short line before a photo credit is its caption.
3. **Scorer.** The remaining blocks are scored by a two-stage logistic regression over
   per-block features (length, stopword share, final punctuation, capitalisation, digits,
   URLs, keyword families, neighbourhood of short lines and prose, position); the weights
   (``textclean_weights.json``) were learned from rendered web pages by
   ``storyline/evaluate/train_textclean.py``. Two rules overrule it: the lead right under
   the title, cut off by the page after complete sentences, is kept (``_standfirst``), and a
   short exclamation under a short heading closing the kept blocks, a promotion box, is not
   (``_promo_box``).
4. **Title, author, date.** The title is the headline-like line (never a caption or credit)
   that names the body's opening: among the 15 blocks above the first kept paragraph, the
   one sharing most of its words with the lead, or the headline right above that one when
   it is its deck (``_headline``); failing that, the first headline-like line near the top
   followed by prose (``_find_title``). A byline gives the author; ``pubdate.date_from_text``
   reads the dateline or infers bounds from comment timestamps and dated past events.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

import numpy as np

from storyline import languages
from storyline.models import DateGuess, Removed
from .outlet import proper_case
from .pubdate import date_from_text, find_dates, is_dateline

__all__ = ["TextCleanResult", "clean_text", "join_broken_lines", "Unit", "split_units", "features", "FEATURES"]

VERSION = "textclean.v1"


@dataclass(frozen=True, slots=True)
class TextCleanResult:
    text: str  # clean body, paragraphs separated by "\n\n"
    title: str | None
    author: str | None  # from a byline when there is one
    date: DateGuess
    removed: tuple[Removed, ...]  # every dropped block: text, reason, offsets into the raw input
    site: str | None = None  # the outlet's name when the text starts with its masthead


# --- units ----------------------------------------------------------------------------------

@dataclass(slots=True)
class Unit:
    """A paragraph-like block: one or more raw lines joined back together."""

    text: str
    start: int
    end: int
    lines: int = 1
    indent: int = 0
    blank_before: bool = True
    gaps: int = 0  # runs of 2+ spaces or tabs inside the raw line (menu items laid out with spaces)


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_GAP = re.compile(r"(?:\t|[ \u00a0\u2000-\u200b\u202f\u3000]{2,})[ \t\u00a0\u2000-\u200b\u202f\u3000]*")
_FINAL = re.compile(r"[.!?…:;)\]。！？：；）」』]['\"”’»)]*$|[\"”’»]$")
_QUOTE_ONLY = re.compile(r"^[\"“”«»„‟'‘’\s]*[.,;:!?…)]*[\"“”«»„‟'‘’\s]*$")
_BULLET = re.compile(r"^(?:[•·▪●■◦►▸‣*+-]|[–—](?=\s)|\d{1,3}[.)](?=\s)|[a-z][.)](?=\s))")
_FUNCTION_END = frozenset(
    """a an the of to in on at by for with from as and or but nor than that which who whom whose
    into onto over under about between against during without within via per its their his her our
    is are was were be been has have had will would can could should may might must not also
    le la les un une des du de d l au aux et ou mais que qui dont en dans sur par pour avec sans sous
    entre vers chez son sa ses leur leurs est sont a ont été
    el los las una unos unas del al y o pero que quien en con sin sobre por para entre hacia su sus es son fue
    der die das den dem des ein eine einen einem einer und oder aber dass mit von zu im am auf aus bei nach
    für über unter vor zwischen ist sind war wurde hat haben
    o os as um uma do da dos das no na nos nas ao e ou mas com sem sobre para entre
    il lo gli i uno una dei degli delle della dello al allo alla ai agli alle nel nella con per tra fra è sono""".split()
)


def _raw_lines(raw: str) -> list[tuple[str, int, int, int, bool, int]]:
    """Non-empty lines as (text, start, end, indent, blank_before, gaps)."""
    out = []
    pos = 0
    blank = True
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip(" \t\u00a0\u200b\ufeff")
        if stripped:
            lead = len(body) - len(body.lstrip(" \t\u00a0\ufeff"))
            s = pos + lead
            out.append((_SPACES.sub(" ", stripped), s, s + len(stripped), lead, blank, len(_GAP.findall(stripped))))
            blank = False
        else:
            blank = True
        pos += len(line)
    return out


def _ends_sentence(text: str) -> bool:
    if not text or not _FINAL.search(text[-6:]):
        return False
    # a line ending on an opening quote ("spoke of “") does not end a sentence
    if text[-1] in "\"'" and text.count(text[-1]) % 2 == 1:
        return False
    return text[-1] not in "“«„"


# CJK characters count as one word each (those scripts do not put spaces between words)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[^\W_])+(?:['’-](?:(?![{_CJK}])[^\W_])+)*")
_CJK_CHAR = re.compile(rf"[{_CJK}]")


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


# "by Jane Doe", "par Claire Martin | 12.03.2021", "von Anna Berg – 3 min": a byline line, which
# starts in lower case but does not continue the headline above it
_NAME = r"(?:[^\W\d_][\w'’.-]*\s+){0,3}(?-i:[A-ZÀ-ÖØ-ÞĀ-Ž])[\w'’.-]*"
_BYLINE_LINE = re.compile(
    rf"^(?:by|par|por|von)\s+(?-i:[A-ZÀ-ÖØ-ÞĀ-Ž])[\w'’.-]*(?:\s+{_NAME})?(?=\s*(?:$|[|•·–—]|-\s|,?\s*\d))",
    re.IGNORECASE,
)


def _byline_line(a: str, b: str, blank_between: bool) -> bool:
    """``b`` is a byline under a headline ``a``, not the rest of a sentence broken after ``a``."""
    m = _BYLINE_LINE.match(b)
    if not m:
        return False
    rest = b[m.end() :].lstrip(" ,")
    if rest:  # a separator or a date must follow the name
        return rest[0] in "|•·–—-" or any(d.start == 0 for d in find_dates(rest))
    # a bare "by Name Surname": a byline when set apart by a blank line, or under a headline
    # that does not end on a word wanting more ("signed by", "the", ",")
    return blank_between or not (a.endswith(",") or (_words(a) and _words(a)[-1].lower() in _FUNCTION_END))


def _should_join(a: str, b: str, blank_between: bool, hard_wrap: bool) -> bool:
    if _QUOTE_ONLY.match(b):
        return True
    if _QUOTE_ONLY.match(a):
        return True
    if _ends_sentence(a):
        return False
    if _BULLET.match(b):
        return False
    if b[:1].islower() and _byline_line(a, b, blank_between):
        return False
    if hard_wrap and not blank_between:
        return True
    first = b[0]
    wa, wb = _words(a), _words(b)
    if first.islower():
        if len(wa) <= 3 and len(wb) <= 3 and not _ends_sentence(b):
            return False  # two menu items, not a broken sentence
        return True
    if a.endswith(",") and len(wa) >= 3:
        return True
    if wa and wa[-1].lower() in _FUNCTION_END and len(wa) >= (6 if blank_between else 3):
        return first.isalpha() or first in "\"“«'‘"
    if a[-1] in "\"“«„" and not _ends_sentence(a):
        return True
    return False


def _glue(a: str, b: str) -> str:
    if _QUOTE_ONLY.match(b):
        bs = b.strip()
        if bs and bs[0] in "\"'" and a.count(bs[0]) % 2 == 0:
            return a + " " + bs  # an opening quote, text follows
        return a.rstrip() + bs
    if _QUOTE_ONLY.match(a):
        return a.strip() + b
    if re.search(r"[^\W\d_]-$", a) and b[0].islower():
        return a + b
    return a + " " + b


_STRAIGHT_PAIR = re.compile(r"\"\s*([^\"]*?)\s*\"")


def _tidy_quotes(text: str) -> str:
    text = re.sub(r"([“«„])\s+", r"\1", text)
    text = re.sub(r"\s+([”»])", r"\1", text)
    return _STRAIGHT_PAIR.sub(lambda m: '"' + m.group(1) + '"', text)


def _hard_wrapped(lines: Sequence[str]) -> bool:
    if len(lines) < 3:
        return False
    widths = [len(x) for x in lines[:-1]]
    top = max(widths)
    if top < 45 or top > 120:
        return False
    near = sum(1 for w in widths if w >= 0.75 * top)
    return near >= 0.7 * len(widths)


def split_units(raw: str) -> list[Unit]:
    """Split raw text into units, re-joining broken lines."""
    lines = _raw_lines(raw)
    # hard-wrapped paragraphs: groups of lines with no blank line between
    wrapped: set[int] = set()
    group: list[int] = []
    for i, ln in enumerate(lines + [("", 0, 0, 0, True, 0)]):
        if ln[4] and group:
            if _hard_wrapped([lines[j][0] for j in group]):
                wrapped.update(group)
            group = []
        if i < len(lines):
            group.append(i)
    units: list[Unit] = []
    for i, (text, s, e, indent, blank, gaps) in enumerate(lines):
        if units:
            prev = units[-1]
            if _should_join(prev.text, text, blank, i in wrapped and (i - 1) in wrapped):
                prev.text = _glue(prev.text, text)
                prev.end = e
                prev.lines += 1
                prev.gaps += gaps
                continue
        units.append(Unit(text, s, e, 1, indent, blank, gaps))
    for u in units:
        if u.lines > 1:
            u.text = _tidy_quotes(u.text)
    return [u for u in units if not _QUOTE_ONLY.match(u.text) or re.search(r"\w", u.text)]


def join_broken_lines(text: str) -> str:
    """Re-join lines broken mid-sentence; paragraphs come back separated by a blank line."""
    return "\n\n".join(u.text for u in split_units(text))


# --- keyword families ----------------------------------------------------------------------

def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_AGENCY = (
    r"AFP|Reuters|AP|EPA|EFE|Getty(?: Images)?|Anadolu(?: Agency)?|AA|dpa|ANSA|Xinhua|TASS|"
    r"RIA Novosti|Sputnik|Shutterstock|iStock(?:photo)?|Bloomberg|SIPA|MaxPPP|Belga|Keystone|PA(?: Images)?|"
    r"Alamy|Wikimedia(?: Commons)?|ABACA|IMAGO|picture[- ]alliance|NurPhoto|ZUMA(?: Press)?|AFP PHOTO|"
    r"Europa Press|Agencia|Flickr|Unsplash|DR|Archives?|SANA|IRNA|Anews|EPA-EFE|LightRocket|Hans Lucas"
)
_CREDIT = re.compile(
    rf"^(?:[^\W\d_][\w.'’ -]{{1,60}}\s*/\s*(?:{_AGENCY})(?:\s*/\s*[\w.' -]+)?|(?:{_AGENCY})\s*/\s*[^\W\d_][\w.'’ -]{{1,60}}"
    rf"|\(?(?:{_AGENCY})\)?(?: photo)?|©.{{0,80}}|\((?:photo|foto|image|bild|credit)s?\s*:.*\))\.?$",
    re.IGNORECASE,
)
# the outlet's own network, shop and services, named in a page's header or footer: "Boutique le
# Point", "Les sites du Groupe Figaro", "Nos journaux et magazines", "Services Le Monde", "Our brands"
_OWN_MEDIA = re.compile(
    r"^\W*(?:(?i:boutique|shop|store|tienda|negozio|services?|servizi|servicios)\s+(?:du |de |del |of )?(?:l[ea] |the |il |el )?[A-ZÀ-Ý][^.!?:;]*"
    r"|(?i:les sites|nos sites|nos (?:journaux|magazines|titres|marques|services)|our (?:sites|brands|titles|newspapers|magazines)|"
    r"i nostri (?:siti|giornali|marchi)|nuestros (?:sitios|periódicos|medios))"
    r"(?:\s+(?i:du|de|des|of|del|dei)\s+(?:(?i:groupe|group|gruppo|grupo)\s+)?[A-ZÀ-Ý][^.!?:;]*|(?:\s+[^\W\d_A-ZÀ-Ý][\w'’-]*){0,2}))$"
)
# a story's credit to its outlet and the agencies it used: "Le Monde avec AFP et Reuters",
# "Redazione con agenzie", "Staff and agencies", "El País con EFE"
_AGENCY_BYLINE = re.compile(
    rf"^[A-ZÀ-Ý][\w'’.-]*\s+(?:(?:[A-ZÀ-Ý][\w'’.-]*|le|la|les|el|il|the|de|du|des|l'\w+)\s+){{0,3}}(?i:avec|with|con|mit|and|et)\s+(?:l'|les |la |le |las |los |le |the )?"
    rf"(?:(?:{_AGENCY})|(?i:agences?|agencies|agenzie|agencias|agenturen|wires))"
    rf"(?:\s*(?:,|et|and|e|y|und)\s*(?:l'|la |le |the )?(?:{_AGENCY}|(?i:agences?|agencies|agenzie|agencias)))*\W*$"
)
# "Source: Youtube / France 24", "Fonte: Ansa", "Quelle: dpa": a short line naming where a
# picture, a video or the story comes from
_SOURCE_CREDIT = _rx(r"^\W*(?:sources?|fuente|fonte|quelle|via)\s*:\s*[^.!?;:]{1,60}$")
# a picture's file name ("3b6b80b0-7283-11e0.jpg"): a page's image and its caption, never prose
_IMAGE_FILE = re.compile(r"[\w-]+\.(?:jpe?g|png|gif|webp|tiff?)\b", re.IGNORECASE)
def _image_block(text: str) -> bool:
    """A page's pictures: a block naming two picture files or more (a gallery's list, however
    long), or one in a block of at most 60 words (a caption); a long paragraph of prose that
    names one file stays."""
    found = _IMAGE_FILE.findall(text)
    return len(found) >= 2 or (len(found) == 1 and len(_words(text)) <= 60)


# a caption that ends on its credit in brackets, photographer and agency apart by a slash:
# "Ruins of a house, Aleppo, 16 February 2014 (KHALED KHATIB/AFP/Getty Images)"
_CREDIT_TAIL = re.compile(
    rf"\((?:[^()/]{{1,40}}/\s*)?(?:{_AGENCY})(?:\s*/[^()]{{1,40}})?\)\.?$|\([^()/]{{1,40}}/[^()]{{0,40}}(?:{_AGENCY})[^()]{{0,20}}\)\.?$"
)
_PHOTO_LABEL = _rx(
    r"\b(source of the photo|photo(?:graph)?s?\s*(?:credit)?\s*:|photo by|foto\s*:|bild\s*:|image\s*:|picture\s*:|"
    r"cr[ée]dits?(?: photo)?\s*:|photo d'illustration|fotografía\s*:|quelle\s*:\s*\w+\s*/|© )"
)
_PAREN_CAPTION = _rx(
    r"^\((?:drawing|illustration|illustrative (?:photo|image)|file(?: photo)?|archives?|photo|picture|image|"
    r"dessin|archive photo|foto|bild|imagen|video|vidéo|screenshot|capture d'écran|montage)[^)]{0,30}\)\.?$"
)
_BYLINE = re.compile(
    r"^(?:(?:text|texte|story|report|words|reporting|written|posted|published|compiled|edited)\s+by|by|par|por|von|di|"
    r"author|auteur|autor|autore|texte|redacción|redaktion)\s*:?\s+(?P<name>[^\W\d_].*)$",
    re.IGNORECASE,
)
_FOLLOW_TAIL = _rx(r"\s+(?:follow|suivre|seguir|folgen|segui)\s*$")
_READING = _rx(
    r"^(?:(?:reading time|temps de lecture|tiempo de lectura|lesezeit|lesedauer|tempo di lettura)\s*:?\s*)?"
    r"(?:about |environ |ca\. )?\d{1,3}\s*(?:min|mins|minutes?|minuten|minutos|minuti)\.?"
    r"(?:\s+(?:read|reading|de lecture|lectura|de leitura|lesezeit|lesen|di lettura))?$"
)
_ADVERT = _rx(
    r"^\W*(?:publicity|advertisement|advertising|advert|ads?|sponsored(?: content)?|promoted|partner content|"
    r"publicité|pub|publicidad|anuncio|anzeige|werbung|pubblicità|publicidade|paid content|contenu sponsorisé|"
    r"annonce|reklame|(?:story|article) continues (?:below|after)(?: (?:this|the))?(?: advertisement| ad)?|"
    r"la suite (?:après|sous) (?:cette )?(?:la )?publicité|continúa (?:después|debajo) de(?:l)? (?:la )?(?:publicidad|anuncio)|"
    r"weiter nach der (?:anzeige|werbung))\W*$"
)
_SUBSCRIBE = _rx(
    r"\b(newsletters?|subscribe|subscription|sign up for|sign-up|get (?:our|the) .{0,30} (?:in|to) your (?:inbox|mailbox)|"
    r"your (?:inbox|mailbox)|i subscribe|je m'abonne|abonnez-vous|s'abonner|abonnement|inscrivez-vous|"
    r"suscr[ií]b(?:ete|irse|ase)|suscripción|boletín|abonnieren|abonnement|anmelden|iscriviti|assine|inscreva-se)\b"
)
_APP = _rx(
    r"(badge|google[- ]?play|app ?store|apple store|download(?:ing)? (?:the|our) .{0,30}app(?:lication)?|"
    r"t[ée]l[ée]charg\w* l'application|d[ée]couvrez (?:notre |l')application|scarica l'app|attiva le notifiche|"
    r"descarga la app|laden sie die app|get the app)"
)
_PRINT = _rx(r"(agrandir le texte|réduire le texte|taille du texte|ajouter aux favoris|envoyer par (?:e-?mail|courriel)|"
             r"invia ad un amico|text size|print friendly|pdf\s*&\s*email|^print(?: this)?(?: article| page| story)?\W*$|^imprimer|^drucken|^imprimir|^stampa\W*$|^pdf\W*$)")
_SOCIAL = (
    r"facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|email|e-mail|mail|messenger|flipboard|"
    r"tumblr|vk|viber|mix|pocket|instagram|youtube|tiktok|google\+?|copy(?: the)? link|copier le lien|"
    r"copiar (?:el )?(?:enlace|link)|link kopieren|copia link|bluesky|threads|mastodon|print|sms|x"
)
_SHARE_WORD = r"share|shares|sharing|partager|partagez|partage|compartir|comparte|teilen|condividi|compartilhe"
_SHARE = _rx(
    rf"^(?:(?:{_SHARE_WORD})\b.{{0,40}}|(?:{_SHARE_WORD})\b(?:\s*(?:\w+\s*){{0,3}}[:\W]\s*)?(?:(?:{_SOCIAL})\W*){{1,12}}|"
    rf"(?:(?:{_SOCIAL})\W*){{1,12}}|\d+\s*(?:shares?|partages)|sharing is caring\W*|"
    rf"(?:follow us|suivez-nous|síguenos|folgen sie uns|seguici)\b.{{0,40}})$"
)
_RELATED = _rx(
    r"^(?:read more|read also|also read|see also|related(?: articles?| stories| posts| news| content| coverage)?|"
    r"on the same (?:subject|topic)|more (?:on|about) (?:this|the) (?:subject|topic|story)|more from .{1,30}|"
    r"more stories|you (?:may|might) also (?:like|be interested in)|recommended(?: for you)?|"
    r"most (?:read|popular|viewed)|popular (?:posts|stories)|trending(?: now)?|top stories|latest news|"
    r"à lire aussi|a lire aussi|lire aussi|lire la suite|voir aussi|sur le même sujet|dans la même rubrique|"
    r"la rédaction vous (?:conseille|recommande|propose)|lire notre dossier(?: complet)?|nos (?:dossiers|articles) sur le sujet|"
    r"da non perdere|ti potrebbero interessare(?: anche)?|potrebbe interessarti anche|leggi (?:i contributi|tutto)|"
    r"à voir aussi|les plus lus|lee también|leer más|te puede interesar|noticias relacionadas|más noticias|"
    r"lo más leído|lesen sie auch|mehr zum thema|auch interessant|weitere artikel|meistgelesen|leggi anche|"
    r"potrebbe interessarti|veja também|leia também|leia mais|next (?:post|article)|previous (?:post|article))\W*$"
)
_COMMENTS = _rx(
    r"(leave a (?:reply|comment)|post a comment|add a comment|write a comment|\b\d+\s+comments?\b|comments?\s*\(\d+\)|"
    r"^comments?\W*$|to (?:leave|post|write|add) (?:a )?comments?|(?:sign|log) in to (?:comment|reply)|dear reader|"
    r"join the (?:discussion|conversation)|show comments|view comments|(?:comment on|react to) this (?:article|story|post)|"
    r"^(?:have your say|your (?:say|comments?|reactions?|opinion)|what do you think\??)\W*$|"
    r"réagissez|commentez (?:cet|l')article|^(?:vos réactions|votre avis|vos commentaires)\W*$|"
    r"^(?:tu opinión|opina|ihre meinung|deine meinung|la tua opinione|sua opinião)\W*$|comenta (?:esta|la) noticia|"
    r"laisser un commentaire|laissez un commentaire|^commentaires?\W*$|\d+\s+commentaires?|^réagir\W*$|^réactions?\W*$|"
    r"deja (?:un|tu) comentario|^comentarios?\W*$|\d+\s+comentarios?|escribe un comentario|"
    r"^kommentare?\W*$|\d+\s+kommentare?|kommentar schreiben|^commenti\W*$|lascia un commento|^no comments\W*$|"
    r"^leave a response|^responses?\W*$|^reply\W*$|^discussion\W*$)"
)
_COMMENT_LIKE = _rx(
    r"(\b\d{1,2}\s*[:h]\s*\d{2}\b|\b(?:ago|il y a|hace|vor)\b|\b(?:reply|répondre|responder|antworten|rispondi|"
    r"offline|online|says|said|dit|écrit|schreibt|report|signaler|like|likes|j'aime)\b|^\s*\d+\.\s+\S)"
)
_AUTHOR_BOX = _rx(r"^(?:about (?:the )?author|about me|à propos de l'auteur|sobre el autor|über den autor|l'autore|author bio|biograph(?:y|ie))\W*$")
_COOKIE = _rx(r"\bcookies?\b|^(?:accept(?: all)?|accepter|akzeptieren|aceptar|ok, got it|i agree|j'accepte)\W*$")
_LEGAL = _rx(
    r"(all rights reserved|tous droits réservés|todos los derechos reservados|alle rechte vorbehalten|"
    r"tutti i diritti riservati|^copyright\b|©\s*\d{4}|\d{4}\s*©|privacy policy|terms of (?:use|service)|"
    r"politique de confidentialité|mentions légales|aviso legal|política de privacidad|impressum|datenschutz)"
)
_NAV = _rx(
    r"^(?:home|menu|search|skip to(?: main)? content|back to top|go to top|log ?in|log ?out|sign ?in|sign ?up|"
    r"register|my account|accueil|rechercher|connexion|inicio|buscar|startseite|suche|close|next|previous|"
    r"more|top|contact(?: us)?|about us|sitemap|rss|subscribe|faq|help)\W*$"
)
_TAGS_LABEL = _rx(r"^(?:tags?|keywords?|mots[- ]clés|etiquetas|schlagwörter|themen|topics?|categories|catégories|filed under)\s*:")
# "<outlet> is on Telegram", "join our channel", "follow <outlet> on X": invitations to social accounts
_NETWORK = r"telegram|whatsapp|signal|viber|facebook|twitter|x|instagram|youtube|tiktok|linkedin|vk|threads|bluesky|google news|mastodon"
_SOCIAL_INVITE = _rx(
    rf"(?:\b(?:is|are|we'?re)\s+(?:now\s+|also\s+)?(?:on|available on)\s+(?:{_NETWORK})(?:\s+(?:and|&)\s+\w+)?\W*(?:$|[.!]\s)|"
    rf"\bjoin (?:us|our|the) (?:on )?(?:[\w-]+ ){{0,2}}(?:channel|group|community|{_NETWORK})\b|"
    rf"\bfollow (?:us|[^\W\d_][\w&' -]{{0,40}}) on (?:{_NETWORK})\b|\bsubscribe to (?:us|our|the) (?:[\w-]+ ){{0,2}}channel\b|"
    rf"\b(?:rejoignez|suivez)[- ](?:nous|notre (?:chaîne|canal|groupe))|\b(?:est|sommes) (?:aussi |désormais )?sur (?:{_NETWORK})\b|"
    rf"\b(?:únete|síguenos|suscríbete) (?:a nuestro canal|en (?:{_NETWORK}))|\bestá (?:también )?en (?:{_NETWORK})\b|"
    rf"\bfolgen sie uns|\b(?:ist|sind) (?:jetzt |auch )?auf (?:{_NETWORK})\b|\bseguici su|\bsiga-nos)"
)
# "Support independent journalism", "become a patron", "Donate": appeals for money
_DONATE = _rx(
    r"(?:\bsupport (?:our|us|this) (?:work|journalism|reporting|newsroom|journalists)\b|"
    r"\bsupport (?:independent|quality|local|free|fearless|public[- ]interest) (?:[\w-]+ )?"
    r"(?:journalism|reporting|analysis|media|news|newsroom|journalists)\b|"
    r"\bbecome an? (?:patron|member|supporter|subscriber|friend|donor)\b|\bmake a (?:donation|contribution)\b|"
    r"^\W*donate\b|\bdonate(?: now| today| here| once| monthly)?\W*$|\b(?:funded|supported) by (?:its|our) readers\b|"
    r"\bpatreon\b|\bfaire un don\b|\bsoutenez[- ](?:nous|notre|le journalisme|une rédaction)|"
    r"\bdevenez (?:abonné|membre|donateur|mécène)|\bhaz(?:te)? (?:socio|una donación|miembro)|\bapoya (?:el|nuestro) periodismo|"
    r"\bjetzt (?:spenden|unterstützen)|\bunterstützen sie (?:uns|unabhängigen|unseren)|\bsostieni\b|\bapoie o jornalismo)"
)
# "The views expressed … do not necessarily reflect …", "Reproduction … prohibited": disclaimers
_DISCLAIMER = _rx(
    r"(?:\bdo(?:es)? not necessarily (?:represent|reflect)|\bviews expressed (?:here|in this|are|by)|"
    r"\bopinions expressed (?:here|in this|are|by)|\bn'engagen?t que\b|\bne (?:reflètent|représentent) pas nécessairement|"
    r"\bno (?:reflejan|representan) necesariamente|\b(?:geben|spiegeln) nicht (?:notwendigerweise|unbedingt|zwingend)|"
    r"\bnon riflettono necessariamente|\b(?:reproduction|reprinting|republication|republishing|copying|redistribution)\b"
    r".{0,60}\b(?:prohibited|forbidden|not permitted|allowed only|permitted only|only (?:with|allowed|permitted)|"
    r"interdite|prohibida|untersagt|vietata|proibida)|\b(?:without|except with) (?:the )?(?:prior |express )?written (?:permission|consent)|"
    r"\bmay not be (?:reproduced|republished|redistributed|copied|rewritten)|"
    r"\b(?:toute )?reproduction (?:même partielle )?(?:est )?interdite)"
)
# notes about the site or the service itself, not about the news
_SITE_NOTE = _rx(
    r"(?:\b(?:on|to|from|visit|at) (?:this|our) (?:web ?site|web ?page|app)\b|\bour site\b|"
    r"\bsubscribers? (?:to|of) (?:the|our) (?:full|premium|print|digital|complete)\b|\bsales (?:desk|team|department)\b|"
    r"\b(?:sur|de) (?:notre site|ce site (?:web|internet))\b|\b(?:réservée?s?) (?:à|aux) (?:nos )?abonnés|\ben (?:este|nuestro) sitio\b|"
    r"\bauf (?:dieser|unserer) (?:web)?seite\b|\bsu questo sito\b|\bneste site\b|"
    r"\bfound (?:a|an) (?:mistake|error|typo)\b|\bspotted (?:a|an) (?:mistake|error|typo)\b|\bctrl\s*\+\s*enter\b|"
    r"\bsignaler une erreur\b)"
)
# "Read also: <headline>", "Lire aussi : <titre>": a related link inline with its header
_RELATED_INLINE = _rx(
    r"^\W*(?:read (?:more|also)|also read|see also|related(?: article| story| coverage)?|more on this(?: story)?|"
    r"à lire aussi|a lire aussi|lire aussi|voir aussi|à voir aussi|sur le même sujet|lire également|"
    r"(?:consultez |lire |voir )?(?:notre )?dossier(?: spécial)?|(?:our )?special report|"
    r"lee también|leer también|lea también|leer más|lee más|ver también|te puede interesar|lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|"
    r"leggi anche|veja também|leia também|leia mais)\s*(?:[:：»>|–—-]|\.{3}|…)\s*\S"
)
# a photo caption that ends on its source in brackets: "Ministers meet in Rome on Friday. (Reuters)"
_CAPTION_SOURCE = re.compile(
    r"[.!?][\"”’»]?\s*\((?:(?:[Pp]hoto|[Ff]oto|[Ii]mage|[Pp]icture|[Ff]ile(?: photo)?|[Aa]rchives?|[Cc]redit)s?\s*:?\s*)?"
    r"(?:[A-ZÀ-Ý][\w.&'’-]*|via|de|du|of|the|for)(?:\s*[/&]?\s*(?:[A-ZÀ-Ý][\w.&'’-]*|via|de|du|of|the|for)){0,5}\)\.?$"
)
# breadcrumbs ("Home › World › Africa") and menus on one line ("News | Sport | Culture")
_MENU_SPLIT = re.compile(r"\s+[/|›»>·•]\s+|\s*[›»]\s*|\s+>\s*")
_MENU_BAD = re.compile(r"[:;,?!\"“”«]|\d")


def _menu_segments_ok(parts: Sequence[str], most_words: int) -> bool:
    for part in parts:
        w = _words(part)
        if not 1 <= len(w) <= most_words or _MENU_BAD.search(part) or not part[0].isupper():
            return False
    return True


def _menu_line(text: str) -> bool:
    """A breadcrumb trail or a one-line menu: short capitalised items between separators."""
    if _MENU_BAD.search(text) or _ends_sentence(text):
        return False
    parts = [p.strip() for p in _MENU_SPLIT.split(text)]
    seps = len(parts) - 1
    if seps < 1:
        return False
    if re.search(r"[›»>]", text):  # breadcrumb separators
        return _menu_segments_ok(parts, 4)
    if seps >= 2:
        return _menu_segments_ok(parts, 3)
    return _menu_segments_ok(parts, 2)


def _gap_menu(line: str) -> bool:
    """A menu laid out with runs of spaces: "News   Sport   Culture   Weather"."""
    parts = [p for p in _GAP.split(line.strip()) if p]
    return len(parts) >= 3 and _menu_segments_ok(parts, 3) and not _ends_sentence(line.strip())


_TAG_BULLET = re.compile(r"^[•·▪●■◦#]\s*\S")
_URL = re.compile(r"https?://|www\.|\b[\w.-]+\.(?:com|org|net|ru|fr|de|es|tr|uk|io|info)\b|@\w{2,}|\b[\w.+-]+@[\w-]+\.\w+")
_DIGITS = re.compile(r"\d")
_TIMESTAMP = re.compile(r"\b\d{1,2}\s*[:h]\s*\d{2}\b")

# function words of every language profile: their share tells prose from page furniture
# (the language is not known yet when a page is cleaned)
_STOPWORDS = frozenset(w for code in languages.languages() for w in languages.profile(code).stopwords)
# first and second person singular and the polite "you", by the profile whose stopwords the
# page uses most: readers address each other and the author; a report speaks of third
# parties (quotes aside). One language's words only: Italian "ma" and "i" are no French "ma"
# and English "I".
_PROFILE_WORDS = tuple((languages.profile(c).stopwords, languages.profile(c).conversational) for c in languages.languages())
_QUOTED = re.compile(r"[\"“«„][^\"”»“]{0,400}[\"”»“]")
THREAD_WINDOW = 20  # units read at a time for a reader thread
THREAD_OPEN = 0.5  # of the first window addressing someone (person words, "@", "!" or "?")
THREAD_SHARE = 0.4  # of all the units from there on
THREAD_MIN_UNITS = 150  # a thread is long: an interview's questions and answers (60-80 units) are not one
THREAD_AFTER_WORDS = 150  # of report before it
THREAD_REPLIES = 5  # ... or none, when this many units answer someone ("@ NAME"): a page of comments alone
REPORT_TALK = 0.3  # at most this share of the report's paragraphs address someone


# (max words, family, test, substrings one of which must occur for the test to be worth running)
_CHECKS = (
    (40, "photo", _PHOTO_LABEL.search, ("photo", "foto", "bild", "image", "picture", "crédit", "credit", "©", "quelle")),
    (14, "credit", _CREDIT.match, ()),
    (5, "paren", _PAREN_CAPTION.match, ("(",)),
    (8, "reading", _READING.match, ("min",)),
    (4, "advert", _ADVERT.match, ()),
    (12, "byline", _BYLINE.match, ()),
    (25, "app", _APP.search, ("badge", "play", "app", "download", "télécharg", "telecharg", "descarga",
                                 "découvrez", "decouvrez", "notifiche")),
    (8, "print", _PRINT.search, ("print", "pdf", "imprim", "druck", "stampa", "texte", "favoris", "mail", "courriel",
                                  "amico", "text size")),
    (6, "ownmedia", _OWN_MEDIA.match, ()),
    (10, "agencybyline", _AGENCY_BYLINE.match, ()),
    (10, "sourcecredit", _SOURCE_CREDIT.match, (":",)),
    (10**9, "imagefile", lambda t: _image_block(t), (".",)),
    (40, "credittail", _CREDIT_TAIL.search, ("/",)),
    (12, "share", _SHARE.match, ()),
    (8, "related", _RELATED.match, ()),
    (20, "comments", _COMMENTS.search, ("comment", "reply", "reader", "discussion", "conversation", "réag",
                                         "réaction", "comentario", "komment", "respon", "say", "your", "avis",
                                         "opini", "meinung", "think", "comenta", "react")),
    (6, "author", _AUTHOR_BOX.match, ()),
    (60, "cookie", _COOKIE.search, ("cookie", "accept", "akzept", "acept", "agree", "got it")),
    (30, "legal", _LEGAL.search, ("right", "droit", "derecho", "rechte", "diritti", "©", "privacy", "terms",
                                  "confidential", "légales", "legal", "impressum", "datenschutz", "privacidad")),
    (25, "subscribe", _SUBSCRIBE.search, ("newsletter", "subscri", "sign up", "sign-up", "inbox", "mailbox", "abonn",
                                          "inscr", "suscr", "boletín", "anmelden", "iscriviti", "assine")),
    (4, "nav", _NAV.match, ()),
    (25, "social", _SOCIAL_INVITE.search, ()),
    (40, "donate", _DONATE.search, ()),
    (50, "disclaimer", _DISCLAIMER.search, ()),
    (40, "sitenote", _SITE_NOTE.search, ()),
    (30, "relinline", _RELATED_INLINE.match, ()),
    (40, "captionsrc", lambda t: _CAPTION_SOURCE.search(t), ("(",)),
    (20, "menu", lambda t: _menu_line(t), ("/", "›", "»", ">", "|", "·", "•")),
    (25, "tagslabel", _TAGS_LABEL.match, (":",)),
    (10**9, "url", _URL.search, ("http", "www.", ".com", ".org", ".net", ".ru", ".fr", ".de", ".es", ".tr", ".uk",
                                 ".io", ".info", "@")),
    (10**9, "time", _TIMESTAMP.search, (":", "h")),
)


@lru_cache(maxsize=16384)
def _families(text: str) -> frozenset[str]:
    """Which keyword families a block matches (each regex gated by block length, run once)."""
    n = len(_words(text))
    low = text.lower()
    hits = set()
    for limit, name, test, stems in _CHECKS:
        if n <= limit and (not stems or any(st in low for st in stems)) and test(text):
            hits.add(name)
    return frozenset(hits)


def rule_reason(text: str) -> str | None:
    """The furniture family a block belongs to by its words alone, or None."""
    n = len(_words(text))
    if n == 0:
        return "boilerplate"
    f = _families(text)
    if not f or f <= {"url", "time"}:
        return None
    if "photo" in f:
        m = _PHOTO_LABEL.search(text)
        return "caption" if len(_words(text[: m.start()])) >= 3 else "credit"
    if "credit" in f:
        return "credit"
    if "paren" in f:
        return "caption"
    if "reading" in f:
        return "reading-time"
    if "advert" in f:
        return "advertising"
    if "byline" in f:
        if not _ends_sentence(text.rstrip(".")) or len(_words(_BYLINE.match(text).group("name"))) <= 5:
            return "byline"
    for fam, reason in (
        ("app", "app-badge"), ("print", "print"), ("share", "share"), ("related", "related"),
        ("comments", "comments"), ("author", "author-box"), ("cookie", "cookie"), ("legal", "legal"),
        ("subscribe", "subscription"), ("nav", "navigation"), ("tagslabel", "tags"),
        ("social", "share"), ("donate", "subscription"), ("disclaimer", "legal"), ("sitenote", "boilerplate"),
        ("relinline", "related"), ("captionsrc", "caption"), ("menu", "navigation"),
        ("ownmedia", "navigation"), ("agencybyline", "byline"), ("sourcecredit", "credit"),
        ("imagefile", "caption"), ("credittail", "caption"),
    ):
        if fam in f:
            return reason
    return None


# --- features --------------------------------------------------------------------------------

FEATURES = (
    "bias", "log_words", "long", "ends_sentence", "no_punct_end", "stopword_share", "cap_ratio",
    "digit_ratio", "has_url", "has_time", "has_date", "mean_word_len", "comma_rate", "bullet",
    "all_caps", "kw_comments", "kw_share", "kw_subscribe", "kw_related", "kw_legal", "kw_nav",
    "kw_credit", "kw_byline", "separators", "indent", "rel_pos", "short_window", "prose_window",
    "prev_prose", "next_prose", "prose_before", "prose_after", "duplicate", "joined",
)


def _is_prose(text: str, words: Sequence[str] | None = None) -> bool:
    return _prose(text)


# a sentence end inside a block: final punctuation, a space, then a capital (or an opening quote)
_INNER_END = re.compile(r"[.!?…][\"”’»)]*\s+[\"“«'‘]?[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯΑ-Ω]")
CUT_WORDS = 20  # a block cut off after complete sentences has at least this many words ...
CUT_TAIL = 4  # ... and its cut sentence this many


@lru_cache(maxsize=16384)
def _cut_off(text: str) -> bool:
    """A paragraph cut off in mid-sentence after one or more complete sentences: a teaser or
    standfirst truncated by the page ("Seggi chiusi a mezzanotte, iniziato lo scrutinio. A
    Damasco … è fuggita"), read as ending where it is cut. Long, running text (stopwords), a
    sentence end inside, and the last character a letter or digit."""
    if not text or not text[-1].isalnum():
        return False
    words = _words(text)
    ends = list(_INNER_END.finditer(text))
    if len(words) < CUT_WORDS or not ends:
        return False
    # the cut sentence itself runs on: not a caption's "… more" / ". less" toggle
    tail = re.split(r"[.!?…][\"”’»)]*\s", text)[-1]
    return len(_words(tail)) >= CUT_TAIL and _running(text, words)


@lru_cache(maxsize=16384)
def _prose(text: str) -> bool:
    words = _words(text)
    if len(words) < 8 or not _ends_sentence(text):
        return False
    if len(_CJK_CHAR.findall(text)) > 0.5 * len(words):
        return True
    return _running(text, words)


def _running(text: str, words: Sequence[str]) -> bool:
    """Running text, not a list of names or keywords: stopwords are at least 12% of its words."""
    return sum(1 for w in _words(text.lower()) if w in _STOPWORDS) >= 0.12 * len(words)


def features(units: Sequence[Unit]) -> list[list[float]]:
    """The feature vector (in ``FEATURES`` order) of each unit, in context."""
    n = len(units)
    words = [_words(u.text) for u in units]
    prose = [_is_prose(u.text, w) for u, w in zip(units, words)]
    short = [len(w) <= 4 for w in words]
    prose_words = [len(w) if p else 0 for w, p in zip(words, prose)]
    total_prose = sum(prose_words) or 1
    counts: dict[str, int] = {}
    for u in units:
        counts[u.text] = counts.get(u.text, 0) + 1
    rows = []
    before = 0
    for i, (u, w) in enumerate(zip(units, words)):
        t = u.text
        nw = len(w) or 1
        lo, hi = max(0, i - 3), min(n, i + 4)
        win = hi - lo - 1 or 1
        caps = sum(1 for x in w if x[0].isupper())
        stops = sum(1 for x in _words(t.lower()) if x in _STOPWORDS)
        chars = sum(map(len, w)) or 1
        digits = len(_DIGITS.findall(t))
        fam = _families(t)
        row = [
            1.0,
            math.log1p(len(w)),
            float(len(w) >= 10),
            float(_ends_sentence(t)),
            float(t[-1].isalnum()),
            stops / nw,
            caps / nw,
            min(1.0, digits / chars),
            float("url" in fam),
            float("time" in fam),
            float(bool(find_dates(t))) if digits else 0.0,
            min(12.0, chars / nw) / 12.0,
            min(1.0, t.count(",") / nw * 5),
            float(bool(_BULLET.match(t))),
            float(t.isupper() and len(t) > 3),
            float("comments" in fam),
            float("share" in fam),
            float("subscribe" in fam),
            float("related" in fam),
            float("legal" in fam or "cookie" in fam),
            float("nav" in fam),
            float("credit" in fam or "photo" in fam),
            float("byline" in fam),
            float(bool(re.search(r"[|»›/]", t)) and len(w) <= 15),
            float(u.indent > 0),
            i / max(1, n - 1),
            (sum(short[lo:hi]) - short[i]) / win,
            (sum(prose[lo:hi]) - prose[i]) / win,
            float(i > 0 and prose[i - 1]),
            float(i + 1 < n and prose[i + 1]),
            before / total_prose,
            (total_prose - before - prose_words[i]) / total_prose,
            float(counts[t] > 1),
            float(u.lines > 1),
        ]
        before += prose_words[i]
        rows.append(row)
    return rows


def stage2_features(rows: Sequence[Sequence[float]], p1: Sequence[float]) -> list[list[float]]:
    """Stage-one features plus the neighbours' stage-one scores."""
    n = len(p1)
    out = []
    for i, row in enumerate(rows):
        extra = [p1[i]]
        for k in (1, 3, 8):
            lo, hi = max(0, i - k), min(n, i + k + 1)
            m = hi - lo - 1
            extra.append((sum(p1[lo:hi]) - p1[i]) / m if m else 0.5)
        out.append(list(row) + extra)
    return out


@lru_cache(maxsize=1)
def _weights() -> dict:
    data = resources.files(__package__).joinpath("textclean_weights.json").read_text(encoding="utf-8")
    return json.loads(data)


def _predict(rows: Sequence[Sequence[float]], w: Sequence[float], mean: Sequence[float], scale: Sequence[float]) -> list[float]:
    x = np.asarray(rows, dtype=float)
    z = ((x - np.asarray(mean)) / np.asarray(scale)) @ np.asarray(w)
    return (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).tolist()


def score_units(units: Sequence[Unit], model: dict | None = None) -> list[float]:
    """Probability that each unit is article body, from the learned two-stage model."""
    if not units:
        return []
    model = model or _weights()
    rows = features(units)
    s1, s2 = model["stage1"], model["stage2"]
    p1 = _predict(rows, s1["w"], s1["mean"], s1["scale"])
    return _predict(stage2_features(rows, p1), s2["w"], s2["mean"], s2["scale"])


# --- structural rules -------------------------------------------------------------------------

def _conversational(units: Sequence[Unit]) -> frozenset[str]:
    """The person words of the language whose stopwords the page's first 5,000 words use most."""
    sample: list[str] = []
    for u in units:
        sample.extend(w.lower() for w in _words(u.text))
        if len(sample) >= 5000:
            break
    best = max(_PROFILE_WORDS, key=lambda sw: sum(1 for w in sample if w in sw[0]))
    return best[1]


def _addresses(text: str, person_words: frozenset[str]) -> bool:
    """Whether a unit speaks to or as a person, as a reader's comment does: a first or second
    person word outside quotes, an "@name", or an exclamation or question at its end."""
    t = text.strip()
    if t.startswith("@") or t.endswith(("!", "?", "..")):
        return True
    bare = _QUOTED.sub(" ", t).lower()
    return any(w in person_words for w in re.findall(r"[^\W\d_]+", bare))


def _unmarked_thread(units: Sequence[Unit], words: Sequence[Sequence[str]], prose: Sequence[bool],
                     reasons: list[str | None]) -> None:
    """Reader comments that no marker announces: from the first unit, after at least
    ``THREAD_AFTER_WORDS`` words of report (or before any, when ``THREAD_REPLIES`` units or
    more answer someone by "@name": a copy of an article's comment page, readers' replies right
    under the headline), that opens a window of ``THREAD_WINDOW`` units of which
    ``THREAD_OPEN`` address someone, when at least ``THREAD_MIN_UNITS`` units (not already
    furniture) follow and ``THREAD_SHARE`` of them address someone, everything is comments;
    unless more than ``REPORT_TALK`` of the report's paragraphs before it address someone too
    (a blog that talks to its reader throughout is one voice, and so is a column in the second
    person from its first line that answers no one by name). Plain-text copies of blog posts
    carry thousands of such lines (2 MB under one French post).
    """
    n = len(units)
    if n < THREAD_MIN_UNITS + 1:
        return
    person_words = _conversational(units)
    talk = [reasons[i] is None and _addresses(units[i].text, person_words) for i in range(n)]
    replies = sum(1 for i in range(n) if reasons[i] is None and units[i].text.lstrip().startswith("@"))
    seen = 0
    for i in range(n - THREAD_MIN_UNITS + 1):
        if (seen >= THREAD_AFTER_WORDS or (seen == 0 and replies >= THREAD_REPLIES)) and talk[i] and \
                sum(talk[i:i + THREAD_WINDOW]) >= THREAD_OPEN * THREAD_WINDOW:
            report = [k for k in range(i) if prose[k] and reasons[k] is None]
            if sum(talk[k] for k in report) > REPORT_TALK * len(report):
                return  # the page speaks to its reader from the start: a blog or a column, one voice
            rest = [k for k in range(i, n) if reasons[k] is None]
            if len(rest) >= THREAD_MIN_UNITS and sum(talk[k] for k in rest) >= THREAD_SHARE * len(rest):
                for k in rest:
                    reasons[k] = "comments"
            return
        if prose[i] and reasons[i] is None:
            seen += len(words[i])


def _headline_like(text: str) -> bool:
    w = _words(text)
    if not 1 <= len(w) <= 25:
        return False
    if _URL.search(text):
        return False
    return not _ends_sentence(text) or text.endswith("?") or len(w) <= 12


def _apply_structure(units: Sequence[Unit], reasons: list[str | None]) -> None:
    n = len(units)
    words = [_words(u.text) for u in units]
    prose = [_is_prose(u.text, w) for u, w in zip(units, words)]
    total_prose = sum(len(w) for w, p in zip(words, prose) if p)

    # photo captions: the sentence right before a credit line, and parenthetical labels
    for i in range(n):
        if reasons[i] != "credit":
            continue
        j = i - 1
        while j >= 0 and reasons[j] == "caption":
            j -= 1
        if j >= 0 and reasons[j] is None and len(words[j]) <= 30 and _ends_sentence(units[j].text):
            reasons[j] = "caption"

    # comments: everything after a marker, when comment-like blocks follow it
    seen = 0
    for i in range(n):
        if reasons[i] == "comments" and seen >= min(60, 0.4 * total_prose):
            tail = units[i + 1 :]
            tail_words = sum(len(w) for w in words[i + 1 :])
            comment_like = any(_COMMENT_LIKE.search(u.text) for u in tail[:8])
            if comment_like or tail_words <= 40 or all(r is not None for r in reasons[i + 1 :]):
                for k in range(i, n):
                    reasons[k] = "comments"
                break
        if prose[i] and reasons[i] is None:
            seen += len(words[i])

    # a reader thread with no marker before it (plain-text pages): a long run of units that
    # address someone, after the report
    _unmarked_thread(units, words, prose, reasons)

    # related headlines after a "related" header: a run of headline-like lines
    for i in range(n):
        if reasons[i] != "related" or len(words[i]) > 8:
            continue
        k = i + 1
        while k < n and (reasons[k] in (None, "related")) and _headline_like(units[k].text) and not prose[k]:
            reasons[k] = "related"
            k += 1

    _headline_run(units, words, prose, reasons)

    # tags: runs of short bulleted or hashtag lines
    i = 0
    while i < n:
        k = i
        while k < n and len(words[k]) <= 4 and _TAG_BULLET.match(units[k].text):
            k += 1
        if k - i >= 2:
            for j in range(i, k):
                reasons[j] = "tags"
        i = max(k, i + 1)


HEADLINE_RUN = 6  # (_headline_run) this many teaser lines in a row are a list of links ...
TEASER_WORDS = 25  # ... each at most this long
TEASER_MIN = 2  # ... and at least this long
TEASER_LETTERS = 0.7  # ... this share of its words without a digit
BODY_PARAGRAPH = 30  # (_headline_run) a paragraph this long is the report's ...
BODY_NEAR = 3  # ... and a run with one within this many blocks above and below it is inside the report
_LABEL = re.compile(r"^\w{1,3}\s*[:.)]\s")  # "Q: ...", "A: ...", "1. ...", "b) ...": items of the report's own list
_KICKER = re.compile(r"^[^:!?.]{2,40}\s?:\s")  # "Vente : ne laissez pas … !": a headline's topic before a colon
TEASER_TWO = 16  # ... and at most this long when it holds two sentences ("Notre-Dame... Faut-il reconstruire ?")


def _teaser_line(u: Unit, words: Sequence[str]) -> bool:
    """One line that reads as a link to another article: a headline (no sentence end, a
    question, an exclamation after a topic and a colon, or a dozen words at most) or a quotation standing alone as a headline ("« Il faut
    refonder les politiques culturelles »", "S'aimer comme on se confine : « … »"), on one line
    of at most ``TEASER_WORDS`` words, beginning with a capital, a digit or a quotation mark,
    holding a second sentence only when short."""
    text = u.text.strip()
    if u.lines != 1 or not TEASER_MIN <= len(words) <= TEASER_WORDS or not text or _LABEL.match(text):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“«'‘"):
        return False  # a headline begins with a capital: "— résume un diplomate" ends a quotation
    if sum(not any(c.isdigit() for c in w) for w in words) < TEASER_LETTERS * len(words):
        return False  # a row of figures (a score table, a timetable), not a headline
    if len(words) > TEASER_TWO and _INNER_END.search(text):
        return False  # two sentences of some length: a paragraph, not a headline
    if _headline_like(text) or (text.endswith("!") and _KICKER.match(text)):
        return True
    return text[-1] in "»”\"" and len(_QUOTED.findall(text)) == 1


def _headline_run(units: Sequence[Unit], words: Sequence[Sequence[str]], prose: Sequence[bool],
                  reasons: list[str | None]) -> None:
    """A run of ``HEADLINE_RUN`` or more blocks in a row that each read as a link to another
    article (``_teaser_line``), with no header saying so: a site's list of its latest or most
    read stories copied with the page, often above the headline ("Comment la filière hydrogène
    … / Paris veut adapter son PLU … / « Il faut refonder … »" over an Egypt report). No report
    is told in a column of headlines; each is marked as a related link. A run that is the
    whole page (nothing else kept) is left alone: there is nothing else to read. A run with a
    paragraph of the report (``BODY_PARAGRAPH`` words or more) among the ``BODY_NEAR`` blocks
    right above it and among those right below it stands inside the report: a list of its own
    (questions and answers, a game's features, a results table) is left alone."""
    n = len(units)
    long = [j for j in range(n) if reasons[j] is None and len(words[j]) >= BODY_PARAGRAPH and prose[j]]
    i = 0
    while i < n:
        k = i
        while k < n and reasons[k] in (None, "related") and _teaser_line(units[k], words[k]):
            k += 1
        inside = any(i - BODY_NEAR <= j < i for j in long) and any(k <= j < k + BODY_NEAR for j in long)
        if k - i >= HEADLINE_RUN and not inside and any(reasons[j] is None for j in (*range(i), *range(k, n))):
            for j in range(i, k):
                reasons[j] = "related"
        i = max(k, i + 1)


STANDFIRST_GAP = 2  # the lead stands at most this many blocks under the title


def _standfirst(i: int, units: Sequence[Unit], title_idx: int | None) -> bool:
    """Block ``i`` is the lead right under the title (``STANDFIRST_GAP`` blocks at most, none of
    them prose), cut off by the page after complete sentences (``_cut_off``): a teaser page
    gives a title, the standfirst's first lines and its furniture, and the scorer, which reads
    a block not ending a sentence as furniture, would keep the furniture alone."""
    if title_idx is None or not 0 < i - title_idx <= STANDFIRST_GAP or not _cut_off(units[i].text):
        return False
    return not any(_is_prose(units[j].text) for j in range(title_idx + 1, i))


PROMO_WORDS = 12  # a call to action is at most this long


def _promo_box(units: Sequence[Unit], reasons: list[str | None], title_idx: int | None) -> None:
    """A promotion box after the report: a short heading and one short exclamation under it
    ("Il mio libro / Metti le tue passioni in un libro: pubblicalo!", "Newsletter / Sign up
    now!"), with only furniture after it. The scorer reads the exclamation as a sentence; the
    box's shape says it is not the report's."""
    kept = [i for i, r in enumerate(reasons) if r is None and i != title_idx]
    if not kept:
        return
    i = kept[-1]
    text = units[i].text
    if not text.endswith("!") or len(_words(text)) > PROMO_WORDS or i == 0 or len(kept) < 2:
        return
    head = units[i - 1].text
    if reasons[i - 1] is None or len(_words(head)) > 4 or _ends_sentence(head):
        return
    reasons[i] = "boilerplate"


# --- title, author ----------------------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(_words(text.lower()))


def _title_candidate(text: str) -> bool:
    w = _words(text)
    if not 2 <= len(w) <= 30 or _URL.search(text):
        return False
    if text.rstrip().endswith((".", ",", ";", ":")) and not text.rstrip().endswith("..."):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“«'‘"):
        return False
    if is_dateline(text) is not None and len(w) <= 8:
        return False
    return True


def _author_from(text: str) -> str | None:
    m = _BYLINE.match(text)
    if not m:
        return None
    name = _FOLLOW_TAIL.sub("", m.group("name"))
    name = re.split(r"\s*[|•·,;–—]\s*|\s+-\s+|\s+(?:on|le|el|am|published|updated|publié)\s+\d", name)[0]
    name = name.strip(" .:")
    d = find_dates(name)
    if d:
        name = name[: d[0].start].strip(" ,.-|")
    return name or None


def _masthead(i: int, units: Sequence[Unit], reasons: Sequence[str | None]) -> bool:
    """The site's name at the top: a short ALL CAPS line, or a name the page's furniture repeats
    ("© 2021 The Valmora Courier", "The Valmora Courier is on Telegram")."""
    text = units[i].text
    n = len(_words(text))
    if n > 6:
        return False
    if text.isupper() and n <= 4:
        return True
    key = _norm(text)
    if len(key.split()) < 2:
        return False
    return any(
        r is not None and r not in ("comments", "related", "tags") and j != i and key in _norm(units[j].text)
        for j, (u, r) in enumerate(zip(units, reasons))
    )


TITLE_WINDOW = 15  # (_headline) the headline stands at most this many blocks above the body's first paragraph
TITLE_OVERLAP = 0.5  # ... at least this share of its words recur in the body's opening ...
TITLE_SHARED = 2  # ... and at least this many
TITLE_WORDS = 4  # a headline above its deck has at least this many words
LEAD_WORDS = 150  # the body's opening: its first kept paragraphs, this many words at least
TITLE_STEM = 4  # words are compared by their first letters: "floods" names "flooding"


def _content(text: str) -> set[str]:
    """The words of a block that carry its subject: lower-cased, not a function word of any
    profile, not a number, three letters or more."""
    return {w[:TITLE_STEM] for w in _words(text.lower()) if len(w) >= 3 and not w.isdigit() and w not in _STOPWORDS}


def _names_lead(text: str, lead: set[str], least: int = TITLE_SHARED) -> int:
    """How many of the lead's words a headline-like block names (0 when it is not
    headline-like, has fewer than ``least`` words, or names fewer than ``TITLE_SHARED`` or
    ``TITLE_OVERLAP`` of its words)."""
    if not _title_candidate(text):
        return 0
    words = _content(text)
    shared = len(words & lead)
    return shared if len(words) >= least and shared >= max(TITLE_SHARED, TITLE_OVERLAP * len(words)) else 0


def _headline(units: Sequence[Unit], reasons: Sequence[str | None], kept: Sequence[int]) -> int | None:
    """The headline by what it says: among the headline-like blocks up to ``TITLE_WINDOW``
    blocks above the body's first paragraph (``kept``: the blocks the model keeps), the one
    naming most of the words of the body's opening (``_names_lead``), the nearest on a tie. A
    site's name, a section label or a shop link above the headline ("Boutique le Point",
    "Skip to Article", "New York Post") names little of the report under it; the headline
    names what the lead tells. A deck under the headline often names more: when the block
    right above the best one is a headline of ``TITLE_WORDS`` words or more naming the lead
    too, it is the headline. Blocks that rules marked as related links count (a list of
    related stories often runs into the page's own headline); other blocks rules removed are
    neither candidates nor counted in the window. None when no block qualifies."""
    first = next((i for i in kept if _is_prose(units[i].text)), None)
    if first is None:
        return None
    lead: set[str] = set()
    size = 0
    for i in kept:
        if i >= first:
            lead |= _content(units[i].text)
            size += len(_words(units[i].text))
            if size >= LEAD_WORDS:
                break
    above = [i for i in range(first - 1, -1, -1) if reasons[i] in (None, "related")]
    best, most = None, 0
    for k, i in enumerate(above[:TITLE_WINDOW]):
        shared = _names_lead(units[i].text, lead)
        if shared > most:
            best, most = k, shared
    if best is None:
        return None
    if best + 1 < len(above) and _names_lead(units[above[best + 1]].text, lead, TITLE_WORDS):
        return above[best + 1]
    return above[best]


def _find_title(units: Sequence[Unit], reasons: Sequence[str | None]) -> int | None:
    n = min(len(units), 40)
    head = next((i for i in range(n) if reasons[i] is None and _is_prose(units[i].text)), n)
    cands = [i for i in range(head) if reasons[i] is None and _title_candidate(units[i].text)]
    # the headline comes after the site's name, menus and breadcrumbs
    menus = [i for i in range(head) if reasons[i] == "navigation"]
    if menus and any(c > menus[-1] for c in cands):
        start = menus[-1] + 1
        cands = [c for c in cands if c >= start]
    else:
        start = 0
    while len(cands) > 1 and _masthead(cands[0], units, reasons):
        start = cands.pop(0) + 1
    first = True
    for i in range(start, head):
        if reasons[i] is not None:
            continue
        if i in cands:
            nxt = [j for j in range(i + 1, min(len(units), i + 12)) if reasons[j] is None][:3]
            if nxt and (first or _is_prose(units[nxt[0]].text, _words(units[nxt[0]].text))):
                return i
        first = False
    return None


# --- the stage --------------------------------------------------------------------------------

_THRESHOLD_DEFAULT = 0.5


def clean_text(raw: str, *, title: str | None = None) -> TextCleanResult:
    """Clean copy-pasted article text: body paragraphs, title, author, date, removed blocks.

    ``title`` is a title known from elsewhere (e.g. JSON input): no title is searched for,
    and a first block equal to it is dropped from the body.
    """
    return clean_with_model(raw, title=title, model=_weights())


def clean_with_model(raw: str, *, title: str | None, model: dict) -> TextCleanResult:
    """``clean_text`` with explicit weights (used by the trainer's cross-validation)."""
    units = split_units(raw)
    n = len(units)
    reasons: list[str | None] = [rule_reason(u.text) for u in units]
    # a dateline near the top or bottom is furniture, recorded as a byline
    # (at the top, also a meta line that ends on a comment count: "May 3, 2021  Jane Doe  4 Comments")
    for i in list(range(min(n, 8))) + list(range(max(0, n - 4), n)):
        top_meta = i < 8 and reasons[i] == "comments"
        if (reasons[i] is None or top_meta) and len(_words(units[i].text)) <= 15 and is_dateline(units[i].text):
            reasons[i] = "byline"
    for i, u in enumerate(units):
        if reasons[i] is None and u.gaps >= 2 and u.lines == 1 and _gap_menu(raw[u.start : u.end]):
            reasons[i] = "navigation"
    _apply_structure(units, reasons)

    # title: a given one, found among the first blocks; else found after the scorer (below)
    title_idx: int | None = None
    found_title = title
    if title is not None:
        key = _norm(title)
        for i, u in enumerate(units[:10]):
            if _norm(u.text) == key:
                title_idx = i
                break
    top = title_idx  # the first headline-like line near the top: the site's name stands above it

    threshold = float(model.get("threshold", _THRESHOLD_DEFAULT))
    scores = score_units(units, model) if n else []
    if title is None:
        # the blocks the model keeps (before the title is known): the body whose opening the
        # headline names
        kept = [i for i in range(n) if reasons[i] is None and scores[i] >= threshold]
        top = _find_title(units, reasons)
        title_idx = _headline(units, reasons, kept)
        if title_idx is None:
            title_idx = top
        if title_idx is not None:
            found_title = units[title_idx].text.strip()
    for i, u in enumerate(units):
        if reasons[i] is None and scores[i] < threshold and i != title_idx:
            w = _words(u.text)
            if _is_prose(u.text, w) and scores[i] >= threshold * 0.5:
                continue  # a real sentence the model doubts: keep it
            if _standfirst(i, units, title_idx):
                continue  # the lead under the title, cut off by the page
            short_run = sum(1 for j in range(max(0, i - 2), min(n, i + 3)) if len(_words(units[j].text)) <= 4)
            reasons[i] = "navigation" if len(w) <= 5 and short_run >= 3 else "boilerplate"
    _promo_box(units, reasons, title_idx)

    author = None
    for i, u in enumerate(units):
        if reasons[i] == "byline":
            author = _author_from(u.text)
            if author:
                break

    body = [u.text for i, u in enumerate(units) if reasons[i] is None and i != title_idx]
    comments = [u.text for i, u in enumerate(units) if reasons[i] == "comments"]
    head = [u.text for i, u in enumerate(units[:10]) if reasons[i] in (None, "byline", "credit", "reading-time") and i != title_idx]
    tail = [u.text for i, u in enumerate(units) if i >= n - 4 and reasons[i] in (None, "byline")]
    date_text = "\n".join(
        u.text for i, u in enumerate(units) if reasons[i] in (None, "byline", "reading-time", "credit") or i == title_idx
    )
    date = date_from_text(date_text, comments=comments, header=head[:8] + tail)

    removed: list[Removed] = []
    for i, u in enumerate(units):
        r = reasons[i]
        if r is None or i == title_idx:
            continue
        if removed and removed[-1].reason == r and r in ("comments", "related", "tags", "navigation"):
            last = removed[-1]
            removed[-1] = Removed(raw[last.start : u.end], r, last.start, u.end)
        else:
            removed.append(Removed(raw[u.start : u.end], r, u.start, u.end))
    site = None
    # the site's name stands above the first headline-like line (a section label or a menu
    # entry may stand between it and the headline found)
    for i in range(min(top if top is not None else 0, 10)):
        text = units[i].text.strip()
        if len(_words(text)) >= 2 and not re.search(r"[/|›»>•·]", text) and _masthead(i, units, reasons):
            site = proper_case(text)
            break
    return TextCleanResult("\n\n".join(body), found_title, author, date, tuple(removed), site)
