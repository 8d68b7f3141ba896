"""Language profiles: what Storyline knows about each language, as data.

One TOML file per language lives beside this module (``en.toml``, ``fr.toml``, …);
each says at its top where its facts come from. Stage code never names a language:
it asks ``profile(article.language)`` for the words and settings it needs, so adding
a language is a matter of writing one file (see ``docs/languages.md``).

>>> profile("es").months[5][0], profile("es-MX").code, profile(None).code
('junio', 'es', 'xx')

A language with no profile ("de-AT" without ``de.toml``, "und", None) gets the
**fallback profile** ``xx.toml``: no spaCy model, the rule sentence splitter with
nothing but sentence-final punctuation, the generic time rules (ISO and numeric dates,
years) and no word lists, so nothing language-specific is guessed.

Fields of :class:`Profile` (the TOML section each comes from in brackets):

``code``, ``name``, ``sources``
    ISO 639-1 code, English name, where the facts come from.
``spacy_model`` [analysis]
    the installed spaCy package that tags entities and parses (None: no model; the
    language then gets the rule sentence splitter and gazetteer entities only, and
    the code stage has no parse to read events from).
``spacy_blank`` [analysis]
    the spaCy language class whose tokenizer is used when there is no model.
``timex_rules`` [analysis]
    the time-expression rule family: "english" and "french" are hand-written rule
    sets in ``stages/annotate/timex.py``; "generic" finds ISO/numeric dates, years and absolute
    dates written with this profile's month names ("14 de junio de 2020").
    A hand-written family belongs to one profile, which lends it its word lists.
``word_order`` [analysis]
    the basic order of subject, verb and object in a main clause ("SVO", "SOV" or "VSO"):
    where a proposed event's verb is looked for when there is no parse
    (``stages/code/proposal.py``).
``sense_fallback`` [analysis]
    true or false: whether the coder's main verb keeps its one type when the words its lexicon
    entries require are missing (``Coder.main_verb_fallback``); true only where that was
    measured and kept (English, on PLV).
``nearest_actors`` [analysis]
    true or false: whether the language's events come from the sentence classifier with the
    nearest names as their actors (``stages/code/proposal.py``) — a language without a parser,
    or with one but no trigger lexicon (Spanish) — rather than from the trigger lexicon's rules,
    which find the actors in the parse (English, French). Where it is true, the resolve stage
    makes a nationality adjective or a country after a "to" preposition a candidate actor,
    since only their place in the sentence tells what they are. An article the model did not
    parse (the model not installed) is read as if it were true.
``nearest_targets`` [analysis]
    true or false: whether an event of the trigger lexicon's rules whose parse names no target
    takes the nearest names' target, as the classifier's events do (``Coder.nearest_target``):
    the first actor named after the trigger, else the last before it, that is neither the
    source nor of its country nor who reports the act. True in French, whose parser leaves
    many targets unattached; measured in English and left off there.
``adjective_position`` [analysis]
    "before" or "after": where an adjective stands beside its noun ("the Russian minister
    Sergey Lavrov" / "el ministro ruso Sergey Lavrov"). Without a parser, a nationality
    adjective describes a name only when the name comes close after it: within three words
    where adjectives come first ("российский министр иностранных дел Сергей Лавров"), within
    one where they follow their noun ("الطائرات الإسرائيلية مواقع لحركة حماس": the planes
    are Israel's, the positions Hamas's).
``sentence_final``, ``abbreviations``, ``cased`` [sentences]
    for the rule sentence splitter: characters that end a sentence ("?" and Arabic
    "؟"); words written with a final "." that do not end one ("Sr.", "т.е."); whether
    a sentence starts with a capital letter (False for Arabic: any letter may start one).
``nouns_capitalised`` [sentences]
    whether every noun is written with a capital (German), so that a capital inside a
    sentence marks no name (the stories stage compares names as written only where it does).
``determiners``, ``list_conjunctions``, ``compass_words``, ``honorifics``, ``stopwords``, ``conversational`` [words]
    articles stripped before names and skipped between a preposition and a name ("in
    the Sahel"); words that join a list ("Libya, Syria and Iraq" share a preposition);
    compass stems, matched as word prefixes ("in southeastern Serbia"); titles dropped
    before a person's name ("President", "Mme"); function words frequent in running text,
    by whose share the plain-text cleaner tells prose from page furniture.
``reporting_verbs``, ``negation``, ``modals``, ``obligation_modals``, ``demand_verbs`` [words]
    speech verbs as lemmas and common forms ("said the talks will resume": the
    report is not the event); negation cues; modal verbs; modals of obligation ("must",
    "doit"); verbs that make a "must" clause a demand ("insist", "exiger").
``habitual`` [words]
    adverbs of frequency, words or phrases ("repeatedly", "at various times", "à plusieurs
    reprises"): a sentence that has one tells a habit, not one datable act.
``future_modals``, ``reported_future_modals``, ``planned_cues``, ``obligation_verbs``, ``obligation_periphrases`` [words]
    modals that make a clause planned when the parser tags them as modals ("will",
    "'ll"; read only on a Penn Treebank tag set, so English); the future of reported
    speech ("said it would not lift the embargo": a refusal, as "will not lift"); without a parse, words or
    phrases just before an act (after it where the verb comes last) that make it planned
    ("pronti ad attaccare", "dispuestos a atacar", "saldırmaya hazırlanıyor"); verbs, as lemmas, that make
    their clause an obligation ("devoir"); phrases whose words, all dependents of a verb,
    make it one ("have to": "had to" is not listed, as before).
``personal_pronouns``, ``ethnic_words``, ``stative_passives`` [words]
    pronouns that stand for a person ("he", "elle"; any other pronoun stands for a
    country or group); words after which a country's name is an ethnic group, coded by
    where it lives ("ethnic Albanians"); verbs (lemmas) whose passive with no agent
    holds a view, so its subject is the source ("Israel is opposed to …").
``light_verbs``, ``finalize_verbs``, ``reversal_verbs``, ``command_verbs``, ``ceasing_verbs``, ``coercion_verbs``, ``captive_words``, ``receiving_verbs``, ``capital_nouns``, ``authored_nouns``, ``home_nouns``, ``adjectival_nouns`` [words]
    verbs whose object noun is the act ("held talks"); verbs that finalise an agreement
    ("reached a deal", "signed an accord": SUPPORT in PLOVER, not a promise's AGREE); verbs
    that undo the hostile act their object names ("lifted the embargo": a concession);
    ``command_verbs``, ``ceasing_verbs``: verbs by which an authority orders an act (an order
    is a REQUEST; an ordered act the lexicon knows is that act) and the verbs whose order
    stops the addressee's work or presence ("ordered the paper to close": COERCE); verbs
    that make someone act against their will ("forced the minister to resign": COERCE by
    whoever forced it, not the act forced); words that tell people held by captors
    ("hostages", "kidnapped"): freed by soldiers or police, a rescue (AID), not a release by
    the captor (RETREAT); nouns that keep their author
    ("an offer from Afghanistan"); nouns that stand for the speaker's own country ("his
    country"); nouns before which a name is an adjective naming who acts ("US officials").
``opposing_words``, ``side_nouns``, ``opposed_complements`` [alliances]
    beginnings of the words that make sides opposed ("opposing", "rival", "opposite",
    "opposés", "enfrentados", "противоборствующие") and of the nouns for a side in a conflict
    ("camp", "side", "faction", "bando", "сторона"), matched as word prefixes: co-actors who
    back "two opposing camps" back opposite sides (the alliance network, ``storyline/network.py``);
    the words after which an opposing word takes a complement, so names no sides ("forces
    opposées au régime").
``person_nouns`` [words]
    nouns (lemmas) that name people by what they are and not by a sector ("prisoner",
    "candidate", "otage"): a verb's object of this kind, with no actor named in it, is whom the
    act is done to, of the country where it happened or else of the source's (the code stage).
``prepositions``, ``locative_prepositions``, ``actor_prepositions``, ``target_prepositions`` [prepositions]
    every preposition that gives a name its hint ("prep:in"); those after which a
    country is a place ("talks in Libya"); those after which a name acts ("by Russia",
    "with Turkey"); those that introduce an event's target ("talks with Turkey").
``between_prepositions``, ``agent_prepositions``, ``author_prepositions``, ``genitive_prepositions`` [prepositions]
    the code stage's roles: the object names both parties, the first the source
    ("talks between Russia and Turkey"); the object is the source of a noun trigger
    ("the attack by Russia"); after a said thing the phrase keeps its author ("an offer
    from Afghanistan"); the object names the parties of a noun trigger with no source yet
    ("the meeting of the Russian and Turkish ministers") and the phrase is kept whole.
``patient_prepositions`` [prepositions]
    after the noun of a hostile, punitive or accusing act, the object undergoes it whatever
    the act's source ("the blockade of Serbia", "the arrest of X"); empty where the genitive
    names the doer as often as the one done to ("l'attaque des rebelles").
``undergoing_prepositions`` [prepositions]
    those before an act the clause's subject undergoes: "X came under attack by Y" makes X
    the target and Y the source.
``mediation_words`` [words], ``mediation_prepositions`` [prepositions]
    a third party's part in others' talks or agreement (CAMEO 045, PLOVER CONSULT): the
    verbs whose participle names the mediator ("a truce brokered by X", "an X-brokered
    deal") and the nouns that do after these prepositions ("under the auspices of X", "with
    Turkish mediation"; a two-word one as "thanks to"). The mediator is no party to the act
    it brokered; its own act (the verb's) has the parties as targets.
``comitative_prepositions``, ``partner_prepositions``, ``attribution_prepositions``, ``punished_prepositions``, ``topic_prepositions`` [prepositions]
    "with": after a hostile trigger without target prepositions of its own the object
    is an ally, not a target ("the blockade … with Albania's help"); those that name a
    cooperative act's partners on the verb that carries it ("held talks with Y"); those
    that say who says so ("according to X", "selon X"); those that name whom a punitive act
    is aimed at ("sanctions against X", "sanctions contre X": a call for it accuses X).
``comment_verbs`` [words]
    declining to do these is no rejection: "declined to comment" is CAMEO 012, which
    PLOVER drops; no event, and the classifier proposes none for the sentence.
``question_verbs``, ``question_words`` [words]
    "ask", "demander": a request (CAMEO 10) only when it asks for an act ("asked X to
    leave", "asked for help"); not when a question follows it ("asked why", "asked whether",
    "demandé pourquoi", a quoted question) and nothing asks for an act.
``participant_nouns`` [words]
    "protester", "manifestant": a protest trigger that names its participants tells a protest
    only as the doer of its clause ("protesters marched", "des milliers de manifestants ont
    défilé"), not where something is done to them ("police fired on protesters").
``casualty_nouns``, ``inclusion_verbs`` [words]
    "dead", "victim"; "include": those harmed are the doers of no act, so a subject said to be
    among the casualties ("were among the dead") or what the casualties are said to include
    ("the dead included X") is never a guessed source (``arguments.victim_spans``).
``warning_verbs``, ``warning_nouns``, ``threat_nouns`` [words], ``warning_prepositions`` [prepositions]
    "warn"; "warning"; "consequence", "retaliation"; "of", "about": a warning is a threat (PLOVER THREATEN) only when
    its content is an act: a clause that tells one or the speaker's own deed, a condition,
    someone warned, or one of the threat nouns ("warned of consequences"); a warning of an
    outcome no one is said to bring about ("warned of a humanitarian catastrophe", "warned
    that the camps would soon lack water") is a prediction, no event.
``facility_nouns`` [words]
    buildings and sites ("hospital", "school", "camp"): no actor, so a visit to one is no
    consultation (PLOVER CONSULT is a meeting of actors), and a protest at one is a
    demonstration there, not an objection to it (``objection_prepositions``).
``speech_nouns`` [words]
    what is said ("plea", "speech", "message"): a verb acting on one tells a statement, so
    no material act (AID, MOBILIZE) is read from it ("delivered a plea" gives no aid).
``press_words`` [words]
    what carries a report: interviews ("entretien"), the participles of citing ("cité par")
    and reporting forms the ``reporting_verbs`` list lacks ("rapporte", "riferisce"): a news
    outlet named just after one ("rapporte le Guardian", "un entretien à l'AFP") is the
    report's channel, not a party to the act it reports.
``press_people`` [words]
    a medium's people ("correspondent", "journaliste"): the outlet of one is the channel only
    when a reporting word says so too ("selon un journaliste de l'AFP", "an AFP correspondent
    said"), not in "arrested two AFP journalists".
``objection_prepositions`` [prepositions]
    "protested at the decision": a protest verb with one of these before what is no place
    is a verbal objection (PLOVER: ACCUSE disapprove), not a demonstration.
``subject_prepositions``, ``additive_prepositions`` [prepositions]
    what talks, calls and discussions are about ("talks on Syria", "pourparlers sur la
    Libye"): there a place or country is a topic, neither a talk's partner nor where it was
    held; and those that add to what is said ("discussed Libya, along with Syria"): no place
    of the act.
``background_prepositions`` [prepositions]
    those whose object is a circumstance of the act, not the act reported ("after the
    withdrawal", "amid tensions"): an event noun there ranks like one in a side clause.
``compound_quantifiers``, ``compound_nouns``, ``compound_words_between`` [compound_actors]
    "the two countries", "both sides", "les deux pays": a quantifier, at most
    ``compound_words_between`` other words, a plural noun naming the parties.
``day_first``, ``months``, ``month_abbreviations``, ``ambiguous_months``, ``weekdays`` [dates]
    whether "05/06/2020" is day first; for each of the 12 months every form of its name
    (the dictionary form first, then inflected ones: Russian "июня"); abbreviations per
    month (may be empty); forms that are also common words and count as a month only
    when capitalised ("May", Italian "set"); for each of the 7 weekdays, Monday first,
    every form of its name.
``day_suffixes``, ``month_prefixes``, ``year_prefixes``, ``year_suffixes`` [dates]
    what may stand around the parts of a written date: after the day ("1º", "1er"),
    between day and month ("14 de junio"), between month and year ("junio de 2020"),
    after the year ("2020 года", "2020 yılında").
``ago_before``, ``ago_after`` [dates], ``time_units`` [time_units]
    "hace" / "fa" / "назад" and the words of a day, week, month and year: a number and a
    unit after or before them ("hace tres días", "due giorni fa") is counted back from the
    article's date by the generic date rules (the English and French rules have their own);
    a name that begins with a day word and a genitive preposition is an occasion, no actor
    ("Día de la Ira", "Day of Rage").
``numbers`` [numbers]
    number words and their values ("trois" = 3).
``relative_days`` [relative_days]
    words for a day counted from the article's date ("ieri" = -1, "oggi" = 0), read by the
    generic date rules (the English and French rules have their own).
``irregular_forms`` [irregular_forms]
    lemma = its irregular inflected forms ("meet" = ["met"]): the sentence filter builds
    trigger stems from them as well as from the lemma.
``counterpart_nouns``, ``street_nouns`` [words]
    "counterpart", "homologue", "коллега", "نظيره": a country word by one of them names the
    holder of the office of the person the sentence names before ("his Turkish counterpart").
    Street nouns: "place", "piazza", "square", "улица": a name in or by one is a square or
    street, never a person or body the text names ("place Tahrir"). Document nouns ("law",
    "ley", "Kanunu"): a name that begins with one (or ends, in Turkish) is a law, a charter or
    a treaty, no actor ("Ley de Emergencia", "Carta Magna"). Occasion nouns ("festa",
    "guerra", "праздник"): a name that begins with one (or names a month: "Primo Maggio") is a
    holiday, a war or a massacre, no actor. Place heads ("bab", "wadi", "san"): a name that
    begins with one is a gate, valley, quarter or town, no actor. Sentence openers ("mentre",
    "однако", "ancak"): a word that opens a sentence with a capital and begins no name; a run
    of capitals leaves it out ("Mentre Annan" is Annan).
``proclitics``, ``joined_articles``, ``contracted_articles`` [names]
    for scripts that join little words to a name (Arabic): the conjunctions and prepositions
    written on the front of a word ("و", "ب", "ل"; listed as written, alone or stacked "وب"),
    stripped before a word is looked up as a name; the definite article written on it ("ال"),
    with or without which a name is found ("العراق", "الروسي"); and the article as written
    after a proclitic that swallows its first letter ("ل": "ل" + "العراق" = "للعراق").
``elisions``, ``suffix_separators`` [names]
    words elided before an apostrophe and a name ("l'", "dell'": "dell'Egitto" is "Egitto");
    characters after which the rest of a word is a case suffix ("'": Turkish "Libya'da").
``name_inflections``, ``adjective_inflections`` [names]
    ending = the endings that replace it in the other case forms, for the words of country
    names ("ия" = ["ии", "ию", "ией"]: Россия, России, Россию, Россией) and of nationality
    adjectives, listed in the dictionary form ("ский" = ["ская", "ского", …]; Spanish "o" =
    ["a", "os", "as"]); the longest ending a word has decides, a word in capitals is kept.
``person_inflections`` [names]
    the same for people's names, where they decline otherwise than other names (Russian
    surnames in -ов, -ин: Лавров, Лавровым; Путин, Путиным; -ский like an adjective); read
    before ``name_inflections``, which covers the rest (Эрдоган, Эрдоганом). Empty in most
    languages.
``modifiers_follow`` [names]
    whether a country word may follow the noun it qualifies ("el ejército ruso", "وزير
    الخارجية الروسي", "армия России"), so a sector word or role title before it counts too.
``acronyms_as_words`` [names]
    whether the language writes acronyms as words with one capital (Italian "Usa", "Onu",
    "Nato", "Ue"): a known acronym so written, not opening a sentence, is the acronym.
``verb_prefixes`` [names]
    the person and tense prefixes a verb writes on its front (Arabic present "ي", "ت", "ن",
    "أ" and future "سي", "ست"…: "يهاجم", "ستقصف"): a trigger stem written as the past stem
    ("هاجم", "قصف") also matches after them, once the proclitics are off ("وتقصف").
``complementizers``, ``reported_verb_endings`` [words]
    without a parse, the clause a speech verb reports (``stages/code/proposal.py``): the words
    that open it after a reporting verb ("что", "إن", "أن", "che"; "إنها" with its pronoun is no
    such word: the pronoun is the speaker), and, where the verb comes last, the endings of its
    verb ("-dığını", "-eceğini": "Türkiye'nin asker göndereceğini söyledi"). The clause's named
    subject does the act, as the rules read "said Turkey would send troops", unless the act is
    one of speech (an accusation, a threat, a demand), whose source is the speaker.
``place_endings`` [names]
    without a parse, where a locative preposition also says where an act goes, by the case it
    governs: the endings of a name in the case of where (Russian prepositional "в Ливии", "в
    Иране"); in another form the name is where the act goes ("направит войска в Ливию") and
    may be its target. Empty: a locative preposition always says where.
``oblique_endings``, ``oblique_heads``, ``agent_endings``, ``passive_auxiliaries`` [names]
    without a parse, the case that tells who acts (``stages/code/proposal.py``): endings of a
    name's last word in a case other than the subject's (Russian "России", "Россию",
    "Путину", "турецкой"); endings of the noun right after a name that has no case suffix of
    its own, which put the phrase the name qualifies out of the subject's case (Turkish
    "Irak hükümetine", "Kürt mevzilerini", "Türk yetkililerle"); endings of a name's last word
    that make it the doer of a passive (Russian instrumental: "обвинена Украиной",
    "обстреляны турецкой армией"), read only after one of ``passive_auxiliaries`` in its
    clause, as the ``agent`` prepositions are where the same preposition also means "from"
    (Italian "è stata accusata dall'Ucraina"; not "ha ritirato le truppe dalla Siria"). Empty:
    none (the agent prepositions alone then tell a passive's doer: Turkish "tarafından", Arabic
    "من قبل").

``postponed_cues``, ``cancelled_cues``, ``neutral_cues``, ``side_cues``, ``side_negators``, ``cue_fillers`` [contradictions]
    the read side's cue words (``storyline/contradictions.py``; ``docs/languages.md``): a
    called-off act told as postponed or as cancelled; an actor said to take no side (a phrase
    that says so, or a side-taking phrase after a negator, fillers allowed between the words).
    A word ending in "*" matches every word it begins.
``approximators``, ``lower_bounds``, ``upper_bounds``, ``count_units``, ``multipliers``, ``digit_groups``, ``decimal_marks`` [contradictions]
    a count a report gives: "about", "at least", "up to"; the unit nouns of each class (killed,
    wounded, troops); "thousand" = 1000; the characters that group thousands and mark decimals.
``gathering_nouns``, ``host_prepositions``, ``gathering_topic_links``, ``gathering_date_links``, ``gathering_date_suffixes``, ``venue_prepositions`` [contradictions]
    a named gathering's nouns by kind ("conference" = ["conference"], French ["conférence"]) and
    the words around its host and its date; the prepositions before a meeting's venue.

Every word is stored in lower case. :func:`fingerprint` hashes the files, so a stage
whose output depends on them re-runs when a profile changes; it leaves out the sections
no stage reads (``READ_SECTIONS``: ``[contradictions]`` and ``[alliances]``, read on read), so changing them
re-runs nothing.
"""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from ..errors import ConfigError

__all__ = [
    "Profile",
    "profile",
    "languages",
    "fingerprint",
    "primary",
    "alternation",
    "family",
    "load_profile",
    "PROFILES_DIR",
    "FALLBACK",
    "DEFAULT",
    "TIMEX_FAMILIES",
    "READ_SECTIONS",
    "build_part",
]

PROFILES_DIR = Path(__file__).resolve().parent
FALLBACK = "xx"  # the profile of a language Storyline has no profile for
# The language a library call assumes when its caller names none (``find_times(text)``,
# ``code_text(text)``). Articles always carry a language after the clean stage: "und"
# when it could not be identified, which gets the fallback profile.
DEFAULT = "en"
TIMEX_FAMILIES = ("english", "french", "generic")
WORD_ORDERS = ("SVO", "SOV", "VSO")


@dataclass(frozen=True, slots=True, eq=False)
class Profile:
    """Everything Storyline knows about one language (fields: see the module docstring)."""

    code: str
    name: str
    sources: tuple[str, ...]
    spacy_model: str | None
    spacy_blank: str
    timex_rules: str
    word_order: str
    adjective_position: str
    sense_fallback: bool
    nearest_actors: bool
    nearest_targets: bool
    sentence_final: str
    abbreviations: frozenset[str]
    cased: bool
    nouns_capitalised: bool
    determiners: tuple[str, ...]
    list_conjunctions: tuple[str, ...]
    compass_words: tuple[str, ...]
    honorifics: frozenset[str]
    stopwords: frozenset[str]
    conversational: frozenset[str]
    reporting_verbs: frozenset[str]
    negation: frozenset[str]
    modals: frozenset[str]
    obligation_modals: frozenset[str]
    demand_verbs: frozenset[str]
    future_modals: frozenset[str]
    reported_future_modals: frozenset[str]
    planned_cues: frozenset[str]
    habitual: frozenset[str]
    obligation_verbs: frozenset[str]
    obligation_periphrases: tuple[tuple[str, ...], ...]
    personal_pronouns: frozenset[str]
    ethnic_words: frozenset[str]
    stative_passives: frozenset[str]
    light_verbs: frozenset[str]
    finalize_verbs: frozenset[str]
    reversal_verbs: frozenset[str]
    command_verbs: frozenset[str]
    ceasing_verbs: frozenset[str]
    coercion_verbs: frozenset[str]
    captive_words: frozenset[str]
    receiving_verbs: frozenset[str]
    mediation_words: frozenset[str]
    capital_nouns: frozenset[str]
    authored_nouns: frozenset[str]
    home_nouns: frozenset[str]
    opposing_words: tuple[str, ...]
    side_nouns: tuple[str, ...]
    opposed_complements: frozenset[str]
    person_nouns: frozenset[str]
    adjectival_nouns: tuple[str, ...]
    prepositions: frozenset[str]
    locative_prepositions: frozenset[str]
    actor_prepositions: frozenset[str]
    target_prepositions: frozenset[str]
    between_prepositions: frozenset[str]
    agent_prepositions: frozenset[str]
    author_prepositions: frozenset[str]
    genitive_prepositions: frozenset[str]
    patient_prepositions: frozenset[str]
    comitative_prepositions: frozenset[str]
    partner_prepositions: frozenset[str]
    attribution_prepositions: frozenset[str]
    punished_prepositions: frozenset[str]
    topic_prepositions: frozenset[str]
    comment_verbs: frozenset[str]
    question_verbs: frozenset[str]
    question_words: frozenset[str]
    participant_nouns: frozenset[str]
    casualty_nouns: frozenset[str]
    inclusion_verbs: frozenset[str]
    warning_verbs: frozenset[str]
    warning_nouns: frozenset[str]
    threat_nouns: frozenset[str]
    facility_nouns: frozenset[str]
    speech_nouns: frozenset[str]
    press_words: frozenset[str]
    press_people: frozenset[str]
    objection_prepositions: frozenset[str]
    subject_prepositions: frozenset[str]
    additive_prepositions: frozenset[str]
    background_prepositions: frozenset[str]
    undergoing_prepositions: frozenset[str]
    mediation_prepositions: frozenset[str]
    warning_prepositions: frozenset[str]
    compound_quantifiers: tuple[str, ...]
    compound_nouns: tuple[str, ...]
    compound_words_between: int
    day_first: bool
    months: tuple[tuple[str, ...], ...]
    month_abbreviations: tuple[tuple[str, ...], ...]
    ambiguous_months: frozenset[str]
    weekdays: tuple[tuple[str, ...], ...]
    day_suffixes: tuple[str, ...]
    month_prefixes: tuple[str, ...]
    year_prefixes: tuple[str, ...]
    year_suffixes: tuple[str, ...]
    ago_before: tuple[str, ...]
    ago_after: tuple[str, ...]
    time_units: Mapping[str, tuple[str, ...]]
    numbers: Mapping[str, int]
    relative_days: Mapping[str, int]
    irregular_forms: Mapping[str, tuple[str, ...]]
    counterpart_nouns: frozenset[str]
    street_nouns: frozenset[str]
    document_nouns: frozenset[str]
    occasion_nouns: frozenset[str]
    place_heads: frozenset[str]
    sentence_openers: frozenset[str]
    proclitics: tuple[str, ...]
    joined_articles: tuple[str, ...]
    contracted_articles: tuple[str, ...]
    elisions: tuple[str, ...]
    suffix_separators: tuple[str, ...]
    name_inflections: Mapping[str, tuple[str, ...]]
    adjective_inflections: Mapping[str, tuple[str, ...]]
    person_inflections: Mapping[str, tuple[str, ...]]
    modifiers_follow: bool
    acronyms_as_words: bool
    verb_prefixes: tuple[str, ...]
    complementizers: frozenset[str]
    reported_verb_endings: tuple[str, ...]
    oblique_endings: tuple[str, ...]
    place_endings: tuple[str, ...]
    oblique_heads: tuple[str, ...]
    agent_endings: tuple[str, ...]
    passive_auxiliaries: frozenset[str]
    postponed_cues: frozenset[str]
    cancelled_cues: frozenset[str]
    neutral_cues: frozenset[str]
    side_cues: frozenset[str]
    side_negators: frozenset[str]
    cue_fillers: frozenset[str]
    approximators: frozenset[str]
    lower_bounds: frozenset[str]
    upper_bounds: frozenset[str]
    count_units: Mapping[str, tuple[str, ...]]
    multipliers: Mapping[str, int]
    digit_groups: str
    decimal_marks: str
    gathering_nouns: Mapping[str, tuple[str, ...]]
    host_prepositions: frozenset[str]
    venue_prepositions: frozenset[str]
    gathering_topic_links: frozenset[str]
    gathering_date_links: frozenset[str]
    gathering_date_suffixes: frozenset[str]

    @property
    def is_fallback(self) -> bool:
        return self.code == FALLBACK

    def month_names(self, *, abbreviations: bool = True) -> dict[str, int]:
        """Every form of every month name (and abbreviation) -> month number 1..12."""
        out: dict[str, int] = {}
        lists = list(self.months) + (list(self.month_abbreviations) if abbreviations else [])
        for i, forms in enumerate(lists):
            for form in forms:
                out.setdefault(form, i % 12 + 1)
        return out

    def weekday_names(self) -> dict[str, int]:
        """Every form of every weekday name -> ISO weekday 1 (Monday)..7."""
        return {form: i + 1 for i, forms in enumerate(self.weekdays) for form in forms}


# field -> (TOML section, key, kind); kinds: str, str?, bool, int, set, list, phrases (list of
# word sequences), forms12/forms7 (lists of lists), map (word = number), forms_table (word = list)
_SCHEMA: dict[str, tuple[str | None, str, str]] = {
    "code": (None, "code", "str"),
    "name": (None, "name", "str"),
    "sources": (None, "sources", "list"),
    "spacy_model": ("analysis", "spacy_model", "str?"),
    "spacy_blank": ("analysis", "spacy_blank", "str"),
    "timex_rules": ("analysis", "timex_rules", "str"),
    "word_order": ("analysis", "word_order", "str"),
    "adjective_position": ("analysis", "adjective_position", "str"),
    "sense_fallback": ("analysis", "sense_fallback", "bool"),
    "nearest_actors": ("analysis", "nearest_actors", "bool"),
    "nearest_targets": ("analysis", "nearest_targets", "bool"),
    "sentence_final": ("sentences", "final", "str"),
    "abbreviations": ("sentences", "abbreviations", "set"),
    "cased": ("sentences", "cased", "bool"),
    "nouns_capitalised": ("sentences", "nouns_capitalised", "bool"),
    "determiners": ("words", "determiners", "list"),
    "list_conjunctions": ("words", "list_conjunctions", "list"),
    "compass_words": ("words", "compass", "list"),
    "honorifics": ("words", "honorifics", "set"),
    "stopwords": ("words", "stopwords", "set"),
    "conversational": ("words", "conversational", "set"),
    "reporting_verbs": ("words", "reporting_verbs", "set"),
    "negation": ("words", "negation", "set"),
    "modals": ("words", "modals", "set"),
    "obligation_modals": ("words", "obligation_modals", "set"),
    "demand_verbs": ("words", "demand_verbs", "set"),
    "future_modals": ("words", "future_modals", "set"),
    "reported_future_modals": ("words", "reported_future_modals", "set"),
    "planned_cues": ("words", "planned_cues", "set"),
    "habitual": ("words", "habitual", "set"),
    "obligation_verbs": ("words", "obligation_verbs", "set"),
    "obligation_periphrases": ("words", "obligation_periphrases", "phrases"),
    "personal_pronouns": ("words", "personal_pronouns", "set"),
    "ethnic_words": ("words", "ethnic_words", "set"),
    "stative_passives": ("words", "stative_passives", "set"),
    "light_verbs": ("words", "light_verbs", "set"),
    "finalize_verbs": ("words", "finalize_verbs", "set"),
    "reversal_verbs": ("words", "reversal_verbs", "set"),
    "command_verbs": ("words", "command_verbs", "set"),
    "ceasing_verbs": ("words", "ceasing_verbs", "set"),
    "coercion_verbs": ("words", "coercion_verbs", "set"),
    "captive_words": ("words", "captive_words", "set"),
    "receiving_verbs": ("words", "receiving_verbs", "set"),
    "mediation_words": ("words", "mediation_words", "set"),
    "capital_nouns": ("words", "capital_nouns", "set"),
    "authored_nouns": ("words", "authored_nouns", "set"),
    "home_nouns": ("words", "home_nouns", "set"),
    "person_nouns": ("words", "person_nouns", "set"),
    "adjectival_nouns": ("words", "adjectival_nouns", "list"),
    "prepositions": ("prepositions", "all", "set"),
    "locative_prepositions": ("prepositions", "locative", "set"),
    "actor_prepositions": ("prepositions", "actor", "set"),
    "target_prepositions": ("prepositions", "target", "set"),
    "between_prepositions": ("prepositions", "between", "set"),
    "agent_prepositions": ("prepositions", "agent", "set"),
    "author_prepositions": ("prepositions", "author", "set"),
    "genitive_prepositions": ("prepositions", "genitive", "set"),
    "patient_prepositions": ("prepositions", "patient", "set"),
    "comitative_prepositions": ("prepositions", "comitative", "set"),
    "partner_prepositions": ("prepositions", "partner", "set"),
    "attribution_prepositions": ("prepositions", "attribution", "set"),
    "punished_prepositions": ("prepositions", "punished", "set"),
    "topic_prepositions": ("prepositions", "topic", "set"),
    "comment_verbs": ("words", "comment_verbs", "set"),
    "question_verbs": ("words", "question_verbs", "set"),
    "question_words": ("words", "question_words", "set"),
    "participant_nouns": ("words", "participant_nouns", "set"),
    "casualty_nouns": ("words", "casualty_nouns", "set"),
    "inclusion_verbs": ("words", "inclusion_verbs", "set"),
    "warning_verbs": ("words", "warning_verbs", "set"),
    "warning_nouns": ("words", "warning_nouns", "set"),
    "threat_nouns": ("words", "threat_nouns", "set"),
    "facility_nouns": ("words", "facility_nouns", "set"),
    "speech_nouns": ("words", "speech_nouns", "set"),
    "press_words": ("words", "press_words", "set"),
    "press_people": ("words", "press_people", "set"),
    "objection_prepositions": ("prepositions", "objection", "set"),
    "subject_prepositions": ("prepositions", "subject", "set"),
    "additive_prepositions": ("prepositions", "additive", "set"),
    "background_prepositions": ("prepositions", "background", "set"),
    "undergoing_prepositions": ("prepositions", "undergoing", "set"),
    "mediation_prepositions": ("prepositions", "mediation", "set"),
    "warning_prepositions": ("prepositions", "warning", "set"),
    "compound_quantifiers": ("compound_actors", "quantifiers", "list"),
    "compound_nouns": ("compound_actors", "nouns", "list"),
    "compound_words_between": ("compound_actors", "words_between", "int"),
    "day_first": ("dates", "day_first", "bool"),
    "months": ("dates", "months", "forms12"),
    "month_abbreviations": ("dates", "month_abbreviations", "forms12"),
    "ambiguous_months": ("dates", "ambiguous_months", "set"),
    "weekdays": ("dates", "weekdays", "forms7"),
    "day_suffixes": ("dates", "day_suffixes", "list"),
    "month_prefixes": ("dates", "month_prefixes", "list"),
    "year_prefixes": ("dates", "year_prefixes", "list"),
    "year_suffixes": ("dates", "year_suffixes", "list"),
    "ago_before": ("dates", "ago_before", "list"),
    "ago_after": ("dates", "ago_after", "list"),
    "time_units": (None, "time_units", "forms_table"),
    "numbers": (None, "numbers", "map"),
    "relative_days": (None, "relative_days", "map"),
    "irregular_forms": (None, "irregular_forms", "forms_table"),
    "counterpart_nouns": ("words", "counterpart_nouns", "set"),
    "street_nouns": ("words", "street_nouns", "set"),
    "document_nouns": ("words", "document_nouns", "set"),
    "occasion_nouns": ("words", "occasion_nouns", "set"),
    "place_heads": ("words", "place_heads", "set"),
    "sentence_openers": ("words", "sentence_openers", "set"),
    "proclitics": ("names", "proclitics", "list"),
    "joined_articles": ("names", "joined_articles", "list"),
    "contracted_articles": ("names", "contracted_articles", "list"),
    "elisions": ("names", "elisions", "affixes"),
    "suffix_separators": ("names", "suffix_separators", "affixes"),
    "name_inflections": ("names", "name_inflections", "endings"),
    "adjective_inflections": ("names", "adjective_inflections", "endings"),
    "person_inflections": ("names", "person_inflections", "endings"),
    "modifiers_follow": ("names", "modifiers_follow", "bool"),
    "acronyms_as_words": ("names", "acronyms_as_words", "bool"),
    "verb_prefixes": ("names", "verb_prefixes", "list"),
    "complementizers": ("words", "complementizers", "set"),
    "reported_verb_endings": ("words", "reported_verb_endings", "list"),
    "oblique_endings": ("names", "oblique_endings", "list"),
    "place_endings": ("names", "place_endings", "list"),
    "oblique_heads": ("names", "oblique_heads", "list"),
    "agent_endings": ("names", "agent_endings", "list"),
    "passive_auxiliaries": ("names", "passive_auxiliaries", "set"),
    # read side only (storyline/contradictions.py): no stage reads them, so the build's
    # fingerprint leaves the section out (READ_SECTIONS)
    "postponed_cues": ("contradictions", "postponed", "set"),
    "cancelled_cues": ("contradictions", "cancelled", "set"),
    "neutral_cues": ("contradictions", "neutral", "set"),
    "side_cues": ("contradictions", "side_taking", "set"),
    "side_negators": ("contradictions", "negators", "set"),
    "cue_fillers": ("contradictions", "fillers", "set"),
    "approximators": ("contradictions", "approximately", "set"),
    "lower_bounds": ("contradictions", "at_least", "set"),
    "upper_bounds": ("contradictions", "at_most", "set"),
    "count_units": ("contradictions", "units", "forms_table"),
    "multipliers": ("contradictions", "multipliers", "map"),
    "digit_groups": ("contradictions", "digit_groups", "chars"),
    "decimal_marks": ("contradictions", "decimal_marks", "chars"),
    "gathering_nouns": ("contradictions", "gatherings", "forms_table"),
    "host_prepositions": ("contradictions", "host_prepositions", "set"),
    "venue_prepositions": ("contradictions", "venue_prepositions", "set"),
    "gathering_topic_links": ("contradictions", "topic_links", "set"),
    "gathering_date_links": ("contradictions", "date_links", "set"),
    "gathering_date_suffixes": ("contradictions", "date_suffixes", "set"),
    # read side only (storyline/network.py), left out of the fingerprint as well
    "opposing_words": ("alliances", "opposing", "list"),
    "side_nouns": ("alliances", "sides", "list"),
    "opposed_complements": ("alliances", "opposed_complements", "set"),
}

# sections no build stage reads (the read side computes from the stored records): left out of
# :func:`fingerprint`, so that changing them re-runs nothing
READ_SECTIONS = ("contradictions", "alliances")


def _words(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(detail=f"{where}: must be a list of non-empty strings, not {value!r}.")
    return [v.strip().lower() for v in value]


def _forms(value: Any, n: int, where: str, *, empty_ok: bool) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or len(value) != n:
        got = len(value) if isinstance(value, list) else type(value).__name__
        raise ConfigError(detail=f"{where}: must list {n} entries (one list of forms each), not {got}.")
    out = []
    for i, forms in enumerate(value, 1):
        words = _words(forms, f"{where}[{i}]")
        if not words and not empty_ok:
            raise ConfigError(detail=f"{where}[{i}]: give at least one form (the dictionary form first).")
        out.append(tuple(words))
    return tuple(out)


def _convert(kind: str, value: Any, where: str) -> Any:
    if kind == "str":
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(detail=f"{where}: must be a non-empty string, not {value!r}.")
        return value.strip()
    if kind == "chars":  # characters, white space included ("," or " ."): kept as written
        if not isinstance(value, str):
            raise ConfigError(detail=f"{where}: must be a string of characters (\"\" for none), not {value!r}.")
        return value
    if kind == "str?":
        if not isinstance(value, str):
            raise ConfigError(detail=f"{where}: must be a string (\"\" for none), not {value!r}.")
        return value.strip() or None
    if kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError(detail=f"{where}: must be true or false, not {value!r}.")
        return value
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(detail=f"{where}: must be a whole number >= 0, not {value!r}.")
        return value
    if kind == "set":
        return frozenset(_words(value, where))
    if kind == "list":
        return tuple(dict.fromkeys(_words(value, where)))
    if kind == "forms12":
        return _forms(value, 12, where, empty_ok=True)
    if kind == "forms7":
        return _forms(value, 7, where, empty_ok=True)
    if kind == "map":
        if not isinstance(value, dict) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value.values()):
            raise ConfigError(detail=f"{where}: must be a table of words = whole numbers.")
        return MappingProxyType({k.strip().lower(): v for k, v in value.items()})
    if kind == "phrases":
        return tuple(dict.fromkeys(tuple(w.split()) for w in _words(value, where)))
    if kind == "affixes":  # written with an apostrophe: the typographic one is read as "'"
        return tuple(dict.fromkeys(w.replace("’", "'") for w in _words(value, where)))
    if kind == "endings":
        if not isinstance(value, dict):
            raise ConfigError(detail=f"{where}: must be a table of ending = list of the endings that replace it.")
        return MappingProxyType({k.strip().lower(): tuple(dict.fromkeys(_words(v, f"{where}.{k}")))
                                 for k, v in value.items()})
    if kind == "forms_table":
        if not isinstance(value, dict):
            raise ConfigError(detail=f"{where}: must be a table of lemma = list of forms.")
        return MappingProxyType({k.strip().lower(): tuple(dict.fromkeys(_words(v, f"{where}.{k}")))
                                 for k, v in value.items()})
    raise AssertionError(kind)  # pragma: no cover


def load_profile(path: Path) -> Profile:
    """Read and validate one profile file; a problem raises ConfigError naming the fix."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(detail=f"{path}: not a readable TOML profile ({exc}). Fix the file or remove it.") from None
    values: dict[str, Any] = {}
    for field_name, (section, key, kind) in _SCHEMA.items():
        table = data if section is None else data.get(section)
        where = f"{path.name}: {section + '.' if section else ''}{key}"
        if not isinstance(table, dict) or key not in table:
            raise ConfigError(detail=f"{where} is missing. Every profile states every field; see docs/languages.md.")
        values[field_name] = _convert(kind, table[key], where)
    prof = Profile(**values)
    if prof.code != path.stem:
        raise ConfigError(detail=f"{path.name}: code {prof.code!r} must match the file name ({path.stem}.toml).")
    if prof.timex_rules not in TIMEX_FAMILIES:
        raise ConfigError(detail=f"{path.name}: analysis.timex_rules {prof.timex_rules!r} is not one of {', '.join(TIMEX_FAMILIES)}.")
    if not prof.is_fallback:
        for name, forms in (("months", prof.months), ("weekdays", prof.weekdays)):
            empty = [i for i, f in enumerate(forms, 1) if not f]
            if empty:
                raise ConfigError(detail=f"{path.name}: dates.{name} entries {empty} are empty; give at least "
                                         "the dictionary form of each.")
    if prof.adjective_position not in ("before", "after"):
        raise ConfigError(detail=f"{path.name}: analysis.adjective_position {prof.adjective_position!r} is not 'before' or 'after'.")
    if prof.word_order not in WORD_ORDERS:
        raise ConfigError(detail=f"{path.name}: analysis.word_order {prof.word_order!r} is not one of {', '.join(WORD_ORDERS)}.")
    if not prof.sentence_final:
        raise ConfigError(detail=f"{path.name}: sentences.final must name at least one character.")
    for name in ("locative_prepositions", "actor_prepositions"):
        extra = getattr(prof, name) - prof.prepositions
        if extra:
            raise ConfigError(detail=f"{path.name}: {sorted(extra)} in {name} must also be listed in prepositions.all.")
    return prof


@functools.lru_cache(maxsize=1)
def _all() -> Mapping[str, Profile]:
    out = {p.stem: load_profile(p) for p in sorted(PROFILES_DIR.glob("*.toml"))}
    if FALLBACK not in out:
        raise ConfigError(detail=f"{PROFILES_DIR}: the fallback profile {FALLBACK}.toml is missing.")
    owners: dict[str, str] = {}
    for code, prof in out.items():
        if prof.timex_rules != "generic":
            if prof.timex_rules in owners:
                raise ConfigError(detail=f"{code}.toml: the {prof.timex_rules!r} time rules already belong to "
                                         f"{owners[prof.timex_rules]}.toml; use \"generic\".")
            owners[prof.timex_rules] = code
    return MappingProxyType(out)


@functools.lru_cache(maxsize=256)
def primary(tag: str | None) -> str:
    """The primary language subtag of a language tag, lower case: "pt-BR" -> "pt";
    "und" for None or an empty tag."""
    code = re.split(r"[-_]", (tag or "").strip(), maxsplit=1)[0].lower()
    return code or "und"


def profile(lang: str | None) -> Profile:
    """The profile of a language tag ("es", "es-MX", "ES"); the fallback profile ("xx")
    for a language without a profile, "und" and None."""
    profiles = _all()
    return profiles.get(primary(lang)) or profiles[FALLBACK]


def languages() -> tuple[str, ...]:
    """The codes of every shipped profile, the fallback excepted, sorted."""
    return tuple(code for code in _all() if code != FALLBACK)


def family(rules: str) -> Profile:
    """The profile that owns a hand-written time rule family ("english"): its word lists
    (months, weekdays, numbers) are the family's."""
    for prof in _all().values():
        if prof.timex_rules == rules:
            return prof
    raise ConfigError(detail=f"no language profile uses the {rules!r} time rules; set analysis.timex_rules in one.")


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of every profile file, its read-side sections left out (:func:`build_part`):
    what a stage that reads profiles depends on."""
    h = hashlib.sha1()
    for path in sorted(PROFILES_DIR.glob("*.toml")):
        h.update(path.name.encode())
        h.update(build_part(path.read_text("utf-8")).encode("utf-8"))
    return h.hexdigest()[:16]


def build_part(text: str) -> str:
    r"""A profile file's text without its READ_SECTIONS (each from its header, its sub-tables
    included, to the next other table or the end) and the blank lines before them: a file
    whose other sections are unchanged keeps its fingerprint.

    >>> build_part('a = 1\n\n[contradictions]\nb = 2\n\n[contradictions.units]\nc = ["x"]\n\n[z]\n')
    'a = 1\n\n[z]\n'
    """
    for name in READ_SECTIONS:
        head = re.search(rf"(?m)^\[{re.escape(name)}\][ \t]*(?:#.*)?$", text)
        if head is None:
            continue
        nxt = re.compile(rf"(?m)^\[(?!{re.escape(name)}[.\]])")
        after = nxt.search(text, head.end())
        rest = text[after.start():] if after else ""
        text = text[:head.start()].rstrip("\n") + "\n" + ("\n" + rest if rest else "")
    return text


def alternation(words: Any, *, boundary: bool = False) -> str:
    """A regex alternation of words, longest first, white space matching any run of it;
    with ``boundary`` the group is fenced by ``(?<!\\w)`` and ``(?!\\w)``."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    body = "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) + ")" if unique else "(?!)"
    return rf"(?<!\w){body}(?!\w)" if boundary else body
