"""Code: who did what to whom, when and where, according to whom — per sentence.

Only sentences that can carry an event are parsed: those with an actor
mention (or a compound phrase such as "the two countries") and a trigger
from the lexicon (``storyline/knowledge/events``). For each trigger the
parse gives the arguments — subject, object, "with/to/against" phrases,
passive agents, possessors of event nouns, the subject of a light verb
("held talks") — and the resolve stage's mentions inside them become the
source and target actors. The clause gives the status (planned, cancelled,
denied, hypothetical) and the attribution (who says so); the sentence's
time expressions and places give the date and location.

A second opinion comes from a classifier over multilingual sentence vectors
(``classifier.py``), trained on example sentences we wrote; it adjusts
the confidence, and codes sentences in languages without a parser.

The modules, by concern: ``lexicon`` (the trigger lexicon per language, trigger
matching), ``arguments`` (subjects, objects, prepositions, compound actors, pronouns),
``modality`` (status, attribution, governing triggers, demand frames), ``confidence``
(the rules' score, the classifier blend and its calibration), ``classifier`` (the
sentence-vector model), ``coder`` (one article's events); this module is the stage.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from collections.abc import Sequence
from typing import Any

from ... import languages
from ...models import Annotation, Article, EventMention, Resolution
from ...registry import EVENT_LEXICON, KNOWLEDGE, LANGUAGES, Stage
from . import confidence, proposal
from .coder import Coder
from .lexicon import COOPERATIVE, HOSTILE, fingerprint

__all__ = ["VERSION", "STAGE", "code", "code_text", "code_texts", "fingerprint", "plover_type"]

LOGGER = logging.getLogger(__name__)
VERSION = "code.v34"  # v34: without a parse, the nearest names read the grammar: a country or body in the title of the person named after it ("Fransa Cumhurbaşkanı Emmanuel Macron", "президента Сирии Башара Асада") is no actor of its own; a Turkish attribution postposition without a comma ("X'e göre Y vurdu") leaves the rest of its part to the act; the doer of a passive is the source and the name it is told of the target ("Ukrayna tarafından suçlandı", "من قبل", "è stata accusata dall'Ucraina", "обвинена Украиной"); a name out of the subject's case (Turkish case suffixes and postpositions, the case of the noun a bare name qualifies; Russian case endings) is not the source while one in it is named; a name in "nel nord della Siria", "на севере Сирии", "Suriye'nin kuzeyinde" is where, no party; the named subject of a clause a speech verb reports ("заявил, что Турция направит", "Türkiye'nin … göndereceğini söyledi"; the subject opening the clause, not a relative clause's) does its act, the speaker only of an accusation, a threat or a demand; with no other actor named, a place the act is aimed at (a bare object, or one a target preposition or case marks and no locative one: "hanno colpito Gaza", "Gazze'yi vurdu") is the target as its country, as the rules read "struck Gaza" (Russian "в Ливию", in the case of where it goes, too); the target is the next such name after the source before one before it; the French nearest target is never a name in small letters but a sector group ("la réunion"); a name in a circumstance fronted before the clause ("Dopo l'attacco di Israele, la Turchia…") is not the source; where the verb comes last and no name is in the subject's case, the subject is unnamed and the first name the target. v33: French arguments read on Universal Dependencies labels — a noun's "de" phrase is its case word's (nmod + case: "les accusations des États-Unis"), relative clauses are "acl:relcl", obliques have subtypes (obl:arg, obl:mod), compound prepositions split by the parser ("auprès de", "autour de") are prepositions; "au"/"aux" are target prepositions; a city after a preposition of both place and target ("à Ankara", "at Damascus") is a target only when no one else is; the parse filter knows French participles ("tué", "reçu"); where the profile says so (nearest_targets: French) a rules event the parse gives no target takes the nearest names' (its confidence still reads the parse's); a counterpart's nationality adjective the parser hung on the verb ("son homologue turc") is the phrase's; a city is no target of a joint act nor at the source's home; new French triggers (aid cut, ambassador withdrawn, raids, rockets and shots fired, clashes, aircraft shot down, a proposal welcomed, thanks). v32 (two v31 branches merged): a parsed language whose events come from the classifier (Spanish): a name in an adjunct fronted before the verb ("Tras la visita de X, Y criticó …") yields the source to the verb's subject, and the profile's planning cues still read the status; Turkish and Arabic mediation read without a parse; a warning noun of an outcome is no threat, a said act's "from" is its author; veiled threats ("will pay a heavy price", "would face consequences", "will regret") are the speaker's THREATEN. v30: a mediator is no party to what it brokered; a news outlet named as the channel of a report ("a déclaré à l'AFP", "told Reuters") is no party to the act; without a parse, a name told as killed or wounded is never who acts; the dead and wounded are never the doer; a warning of an outcome is no threat


def code(article: Article, annotation: Annotation, entities: Resolution) -> tuple[EventMention, ...]:
    """Every event the article's sentences tell, dated as far as the text goes without the
    article's date (``date_candidates``; the anchor stage gives the date)."""
    return code_batch([{"article": article, "annotation": annotation, "entities": entities}])[0]


def code_batch(items: list[dict[str, Any]]) -> list[tuple[EventMention, ...]]:
    """``code`` over several articles (keyword arguments each), with one call to the sentence
    classifier for all their sentences: the encoder is several times faster on a batch.

    The classifier reads the sentences the rules coded (its opinion tempers their confidence)
    and the sentences that name an actor but got no event from the rules (it may propose one:
    ``proposal.py``)."""
    coders = [Coder(it["article"], it["annotation"], it["entities"]) for it in items]
    coded = [c.coded_sentences() for c in coders]
    opened = [proposal.open_sentences(c, cd) for c, cd in zip(coders, coded)]
    # coded sentences whose events all sit in side clauses: the proposer reads them too
    # (``proposal.main_reading``); they follow the open ones in its batch
    sided = [[i for i, evs in cd if evs and not any(e.main_clause for e in evs)] for cd in coded]
    texts = [
        confidence.classifier_texts(it["article"].text, it["annotation"].sentences, [i for i, _ in c] + o + s)
        for it, c, o, s in zip(items, coded, opened, sided)
    ]
    from .classifier import classifier, proposer

    # the coded sentences go to the fast classifier, the open ones to the proposer
    ncoded = [len(c) for c in coded]
    coded_texts = [t for ts, n in zip(texts, ncoded) for t in ts[:n]]
    open_texts = [t for ts, n in zip(texts, ncoded) for t in ts[n:]]
    probs = _opinions(classifier(), coded_texts, statuses=False)[0]
    open_probs, statuses = _opinions(proposer(), open_texts, statuses=True)
    out, at, at_open = [], 0, 0
    for coder, c, o, s in zip(coders, coded, opened, sided):
        events = list(confidence.blend_with(c, probs[at : at + len(c)]))
        at += len(c)
        for i in o:
            ev = proposal.propose(coder, i, open_probs[at_open], statuses[at_open] if statuses else None)
            at_open += 1
            if ev is not None:
                events.append(ev)
        readings = {}
        for i in s:
            ev = proposal.main_reading(coder, i, [e for e in events if e.sentence == i], open_probs[at_open],
                                       statuses[at_open] if statuses else None)
            at_open += 1
            if ev is not None:
                readings[i] = ev
        # stable: a sentence's own order stays
        calibrated = confidence.calibrate_all(sorted(events, key=lambda e: e.sentence))
        if readings:
            # the classifier's reading of a main clause the rules left uncoded ranks first
            reread = confidence.calibrate_all(list(readings.values()))
            by_sentence = {e.sentence: e for e in reread}
            merged: list[EventMention] = []
            for i in sorted({e.sentence for e in calibrated}):
                same = [e for e in calibrated if e.sentence == i]
                merged.extend(confidence.above_side_clauses(same, by_sentence[i]) if i in by_sentence else same)
            calibrated = tuple(merged)
        out.append(calibrated)
    return out


def _opinions(clf: Any, texts: list[str], *, statuses: bool) -> tuple[list[dict[str, float]], list[dict[str, float]] | None]:
    """The classifier's type probabilities for each text, and its status probabilities when
    asked (and it has a status head)."""
    if not texts:
        return [], None
    vectors = clf.embed(texts)
    probs = [dict(zip(clf.classes, map(float, row))) for row in clf.proba(vectors)]
    if not (statuses and clf.statuses):
        return probs, None
    return probs, [dict(zip(clf.statuses, map(float, row))) for row in clf.status_proba(vectors)]


STAGE = Stage(
    "code", VERSION, "article", requires=("article", "annotation", "entities"), assigns=("coded",),
    depends=(KNOWLEDGE, LANGUAGES, EVENT_LEXICON), run=code, batch=code_batch,
    doc="events per sentence from the stored parses: type, arguments, status, attribution, place, candidate dates",
)


def code_text(
    text: str, *, published: str | None = None, language: str = languages.DEFAULT, with_actors: bool = False
) -> Any:
    """Code one piece of already clean text (annotate → resolve → code → anchor): for scorers and
    users. Returns the events, or (events, {actor id: actor}) ``with_actors``."""
    return code_texts([text], published=published, language=language, with_actors=with_actors)[0]


def code_texts(
    texts: Sequence[str],
    *,
    published: str | None | Sequence[str | None] = None,
    language: str = languages.DEFAULT,
    with_actors: bool = False,
) -> list[Any]:
    """:func:`code_text` over several texts, each its own article (``published``: one date
    for all, or a list with one per text): spaCy and the sentence classifier run once over
    the batch (about three times faster on short sentences); the same result as one by one."""
    from ..anchor import anchor
    from ..annotate import annotate_many
    from ..resolve import resolve

    dates = list(published) if isinstance(published, (list, tuple)) else [published] * len(texts)
    if len(dates) != len(texts):
        raise ValueError(f"{len(dates)} publication dates for {len(texts)} texts")
    articles = [
        Article(id="text", path="-", format="text", text=text, language=language, published=date,
                published_precision="day" if date else None)
        for text, date in zip(texts, dates)
    ]
    annotations = annotate_many(articles)
    entities = [resolve(article, ann) for article, ann in zip(articles, annotations)]
    coded = code_batch([{"article": article, "annotation": ann, "entities": ents}
                        for article, ann, ents in zip(articles, annotations, entities)])
    out = []
    for article, ann, ents, mentions in zip(articles, annotations, entities, coded):
        anchored = anchor(article, ann, ents, mentions)
        events, res = anchored["event_mentions"], anchored["resolution"]
        out.append((events, {a.id: a for a in res.actors}) if with_actors else events)
    return out


# CAMEO codes whose type Storyline keeps apart from the CAMEO-to-PLOVER table
# (knowledge.events.CAMEO_EXCEPTIONS), and the table's type, which the strict view follows
_TABLE_TYPES = {"163": "COERCE", "116": "ACCUSE"}


def plover_type(ev: EventMention) -> str:
    """The event's type in strict PLOVER/CAMEO terms, where an intention is its own event:
    a planned or hypothetical cooperative act ("will visit", "would allow inspectors") is an
    AGREE (CAMEO 03, express intent), a planned hostile one ("would tighten the blockade",
    "may impose martial law") a THREATEN (CAMEO 13); a cancelled meeting ("called off the talks")
    a REJECT (the manual's SANCTION ambiguities: "cancellation of meetings are REJECT"), another
    cancelled cooperative act ("suspended the aid programme") a SANCTION (CAMEO 16, reduce relations); a negated agreement or concession
    ("would not meet the demands") a REJECT; and where Storyline departs from the CAMEO-to-PLOVER
    table (``CAMEO_EXCEPTIONS``: sanctions, 163, and court findings, 116, are its SANCTION), the
    table's type (COERCE, ACCUSE), as PLOVER-coded news follows it. Storyline keeps the richer pair
    (type, status); this view is for comparison with PLOVER-coded data."""
    if ev.cameo in _TABLE_TYPES and ev.type != _TABLE_TYPES[ev.cameo]:
        ev = replace(ev, type=_TABLE_TYPES[ev.cameo])
    if ev.status == "cancelled" and ev.type == "CONSULT":
        return "REJECT"  # the manual: "cancellation of meetings are REJECT" (CAMEO 125)
    if ev.status == "cancelled" and ev.type in {"COOPERATE", "AID", "SUPPORT"}:
        return "SANCTION"  # a cancelled aid programme reduces relations (CAMEO 16)
    if ev.status == "denied" and ev.type in {"AGREE", "CONCEDE"}:
        return "REJECT"  # "would not meet the demands", "did not accept the plan" (CAMEO 12)
    if ev.status in ("planned", "hypothetical"):
        if ev.type in COOPERATIVE:
            return "AGREE"
        if ev.type in HOSTILE:
            return "THREATEN"
    return ev.type

