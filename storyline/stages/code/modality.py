"""Modality: whether an act happened, and who says so.

The clause gives the status — planned ("will meet", "plans to"), cancelled ("the meeting
was postponed"), denied ("did not attack"), hypothetical ("may impose") or occurred — and
the attribution ("according to X", "X said"). A trigger governed by another in the same
clause is that trigger's content ("demanded the withdrawal" is a REQUEST, "refused to meet"
did not happen); "X said that Y must drop its barriers" is a REQUEST by X to Y.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ... import languages
from ...models import EventMention, Mention
from .arguments import OBJ, SUBJ, SUBJ_PASS, Arguments, prep_objects
from .confidence import clause_depth
from .lexicon import HOSTILE, UNDOING, Lexicon

__all__ = ["status", "attribution", "speaker", "demand", "as_request", "refusal", "as_reject", "govern", "merge_sentence"]


def status(tok: Any, doc: Any, lex: Lexicon, lang: str, *, undoing: bool = False) -> str:
    """occurred, planned, cancelled, denied or hypothetical, from the cues on the trigger and the
    verbs it hangs on (their auxiliaries, negations, adverbs, the words just before them).
    ``undoing``: the trigger's own word undoes a hostile act ("called off the strike",
    "cancelled the sanctions": a concession), so its cancelling sense is the act, no status."""
    chain = [tok] + list(tok.ancestors)[:3]
    words = set()
    for t in chain:
        words.add(t.lemma_.lower())
        words.add(t.lower_)  # "proposed to disarm", "scheduled to leave"
        for c in t.children:
            if c.dep_ in ("aux", "auxpass", "aux:pass", "aux:tense", "neg", "advmod", "mark", "amod", "xcomp", "cop", "advcl"):
                words.add(c.lemma_.lower())
                words.add(c.lower_)
    # a governing verb that cancels ("the meeting had to be postponed")
    governing = [c for c in tok.head.children if c.dep_ in ("xcomp", "conj")] if tok.head.i != tok.i else []
    cancelled = lex.cancelled.get(lang, set())
    for t in ([] if undoing else [tok]) + list(tok.ancestors)[:3] + governing:
        # the cue as lemma or as the word itself (the cue lists give French participles, whose
        # lemma is the infinitive: "a été reportée"), or with its particle ("has been put off")
        forms = {t.lemma_.lower(), t.lower_} | {f"{t.lemma_.lower()} {c.lower_}" for c in t.children
                                                if c.dep_ in ("prt", "compound:prt")}
        if forms & cancelled:
            return "cancelled"
    # multi-word cues just before the trigger or the verbs it hangs on ("plans to impose",
    # "is due to be held", "prepared to impose", "wants to join")
    window = " ".join(
        " ".join(x.lower_ for x in doc[max(0, t.i - 5) : t.i])
        for t in [tok] + [a for a in list(tok.ancestors)[:2] if a.pos_ in ("VERB", "AUX")]
    )
    window = f" {window} "

    def has(cues: set[str]) -> bool:
        return bool(words & cues) or any(" " in c and f" {c} " in window for c in cues)

    if has(lex.denied.get(lang, set())):
        return "denied"
    if words & lex.negation.get(lang, set()):
        return "denied"
    if has(lex.hypothetical.get(lang, set())) or (has(lex.hedge.get(lang, set())) and not _told_as_past(tok)):
        return "hypothetical"
    if has(lex.planned.get(lang, set())) or any(t.tag_ == "MD" and t.lower_ in languages.profile(lang).future_modals for t in chain):
        return "planned"
    if any("Tense=Fut" in str(t.morph) for t in chain[:2]):
        return "planned"
    if _bare_infinitive(tok, lex.speech.get(lang, set())):
        return "hypothetical"
    return "occurred"


def _told_as_past(tok: Any) -> bool:
    """Whether the trigger's verb tells a past act in the indicative ("have reportedly carried
    out an attack", "had allegedly detained", "was reportedly killed"). A hedge on such a verb
    says who vouches for the act, not that it may not have happened: the act occurred, as the
    PLOVER manual codes reported events; a hedge on an intention or a conditional ("aurait
    attaqué", "allegedly plans to") stays hypothetical."""
    verb = tok
    for _ in range(2):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or "Cnd" in verb.morph.get("Mood"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:pass", "auxpass", "aux:tense")]
    if any("Cnd" in a.morph.get("Mood") or a.tag_ == "MD" or "Fut" in a.morph.get("Tense") for a in auxes):
        return False
    if "Fin" in verb.morph.get("VerbForm"):
        return "Past" in verb.morph.get("Tense")
    return "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense") and any(
        "Fin" in a.morph.get("VerbForm") for a in auxes)


def _bare_infinitive(tok: Any, speech: set[str]) -> bool:
    """Whether the trigger's clause is headed by an infinitive with no subject and no
    auxiliary: an imperative or a bare call ("… said that 'call a truce just when …'",
    "Stop the war!"), which tells what someone wants done, not what was done. A controlled
    infinitive ("agreed to meet", xcomp) is the governing verb's business, and so is the bare
    infinitive a verb other than one of speech takes ("let free the prisoners": what was let
    happen happened)."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.dep_ in OBJ | SUBJ_PASS:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or "Inf" not in verb.morph.get("VerbForm"):
        return False
    if verb.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return False
    if verb.dep_ == "ccomp" and verb.head.pos_ in ("VERB", "AUX") and verb.head.lemma_.lower() not in speech:
        return False
    return not any(c.dep_ in SUBJ or c.dep_ in ("aux", "aux:pass", "auxpass", "aux:tense", "expl") for c in verb.children)


def attribution(tok: Any, offset: int, args: Arguments, lex: Lexicon) -> tuple[str | None, tuple[int, int] | None]:
    """(who says so, where the text names them): the subject of a speech verb above the
    trigger, or the object of "according to"; an actor id when it is one, else the words."""
    speech = lex.speech.get(args.lang, set())
    according = languages.profile(args.lang).attribution_prepositions
    for t in [tok] + list(tok.ancestors):
        if t is not tok and t.lemma_.lower() in speech:
            subj = [c for c in t.children if c.dep_ in SUBJ]
            if subj:
                ms = args.actors_of(subj[0], offset)
                left, right = subj[0].left_edge, subj[0].right_edge
                span = (offset + left.idx, offset + right.idx + len(right.text))
                return (ms[0].entity_id if ms else args.article.text[span[0] : span[1]]), span
        for c in t.children:
            if c.lower_ in according:
                objs = [g for g in c.subtree if g.dep_ in ("pobj", "obl", "nmod") or g.pos_ in ("PROPN", "NOUN")]
                if objs:
                    o = objs[-1]
                    ms = args.actors_of(o, offset)
                    span = (offset + o.left_edge.idx, offset + o.right_edge.idx + len(o.right_edge.text))
                    return (ms[0].entity_id if ms else args.article.text[span[0] : span[1]]), span
    return None, None


def speaker(tok: Any, offset: int, args: Arguments, lex: Lexicon) -> list[Mention]:
    """Who says the clause of the trigger: the subject of the nearest speech verb above it
    ("Kabul said the group was behind the attack") or warning verb (the profile's
    ``warning_verbs``: "Iran warned that Israel would pay a heavy price"); [] when none governs it."""
    says = lex.speech.get(args.lang, set()) | languages.profile(args.lang).warning_verbs
    for t in tok.ancestors:
        if t.lemma_.lower() in says:
            subj = [c for c in t.children if c.dep_ in SUBJ]
            return args.actors_of(subj[0], offset) if subj else args.subject(t, offset)
    return []


def demand(tok: Any, offset: int, args: Arguments, lex: Lexicon) -> tuple[list[Mention], list[Mention]] | None:
    """(speaker, addressee) when the trigger's clause says what someone must or should
    do and hangs on a speech verb; None otherwise."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    prof = languages.profile(args.lang)
    dependents = {c.lower_ for c in verb.children}
    if not any(c.lower_ in prof.obligation_modals for c in verb.children if c.dep_ in ("aux", "aux:pass", "auxpass")) and not (
        verb.lemma_.lower() in prof.obligation_verbs or any(dependents.issuperset(p) for p in prof.obligation_periphrases)
    ):
        return None
    head = verb
    for _ in range(3):
        if head.dep_ not in ("ccomp", "xcomp", "conj") or head.head.i == head.i:
            break
        head = head.head
        if head.lemma_.lower() in lex.speech.get(args.lang, set()) | prof.demand_verbs:
            speakers = [c for c in head.children if c.dep_ in SUBJ]
            # "staged rallies …, saying he must resign": the participle's subject is the clause's
            speaker = args.actors_of(speakers[0], offset) if speakers else args.subject(head, offset)
            addressee = args.subject(verb, offset)
            return (speaker, addressee) if speaker else None
    return None


def as_request(trig: Any) -> Any:
    """The trigger recoded as a REQUEST (CAMEO 10): what a demand frame makes of it."""
    return replace(trig, type="REQUEST", cameo="10", mode=None, context=trig.context)


def refusal(tok: Any, lang: str) -> bool:
    """Whether the trigger's verb is negated with a future modal ("will not lift the embargo
    until ...", "won't begin talks"), or with the future of reported speech in a clause a
    speech verb reports ("said it would not extradite him"): a refusal stated now, not an act
    that did not happen ("has not withdrawn", "did not meet" keep their type with status
    denied). The modals are the profile's ``future_modals`` and ``reported_future_modals``,
    read on the Penn Treebank ``MD`` tag (English)."""
    prof = languages.profile(lang)
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    kids = list(verb.children)
    negated = any(c.dep_ == "neg" or (c.lower_ in prof.negation and c.dep_ in ("advmod", "neg")) for c in kids)
    modal = any(c.tag_ == "MD" and (c.lemma_.lower() in prof.future_modals or c.lower_ in prof.future_modals) for c in kids)
    # "said it would not extradite him": the future of reported speech ("would") under a speech verb
    reported = verb.dep_ == "ccomp" and verb.head.lower_ in prof.reporting_verbs and any(
        c.tag_ == "MD" and c.lower_ in prof.reported_future_modals for c in kids)
    return negated and (modal or reported)


# a cooperative act refused -> (CAMEO code, mode, context) of the REJECT (CAMEO 12)
_REFUSED = {
    "CONSULT": ("125", "meet", "diplomatic"),
    "AID": ("121", "assist", None),
    "COOPERATE": ("121", "assist", None),
    "RETREAT": ("124", "change", None),
    "CONCEDE": ("124", "change", None),
}


def as_reject(trig: Any) -> Any:
    """The trigger of a cooperative act recoded as its refusal (PLOVER REJECT, CAMEO 12):
    "will not begin talks" turns down a meeting (125), "will not lift the embargo" refuses to
    give way (124)."""
    cameo, mode, context = _REFUSED.get(trig.type, ("120", None, None))
    return replace(trig, type="REJECT", cameo=cameo, mode=mode, context=context or trig.context)


# dependencies that end the reach of a governing trigger: a new clause or a list item
_CLAUSE_EDGES = {"relcl", "advcl", "conj", "parataxis", "appos", "acl:relcl", "csubj", "list", "dep"}
_HYPOTHETICAL_GOVERNORS = {"REQUEST", "REJECT", "THREATEN", "CONCEDE"}


def _purpose(t: Any) -> bool:
    """An infinitive of purpose under the verb ("demanded a meeting to discuss …")."""
    return t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def _governor(tok: Any, trigger_at: dict[int, EventMention], kind: str) -> EventMention | None:
    """The event of another type whose trigger governs ``tok`` within one clause: "demanded
    the withdrawal", "refused to meet", "signed an agreement for a ceasefire", "praised the
    agreement", "demanded a meeting … to discuss" (past a trigger of the same type). A
    conjunct shares its first conjunct's governor ("agreed to lay down arms and join the
    army": the joining is agreed to as well); the first conjunct is no governor of it."""
    t = tok
    for _ in range(6):
        if t.head.i == t.i:
            return None
        if t.dep_ == "conj":
            t = t.head  # a coordinate, not what governs it: climb on from the first conjunct
            continue
        if t.dep_ in _CLAUSE_EDGES and not _purpose(t):
            return None
        t = t.head
        if t.i in trigger_at and trigger_at[t.i].type != kind:
            return trigger_at[t.i]
    return None


def govern(hits: list[tuple[Any, EventMention]]) -> list[EventMention]:
    """What a sentence's triggers add up to. An event noun that is what another trigger acts
    on is that event's content, not an event of its own ("demanded the withdrawal of forces" is
    a REQUEST; "praised the ceasefire agreement" a SUPPORT). A verb governed by another trigger
    is kept but ranks below it, and is not a fact: "refused to meet", "threatened to shell" and
    "demanded that X withdraw" did not happen; "agreed to meet" is planned."""
    trigger_at = {tok.i: ev for tok, ev in hits}
    tok_of = {id(ev): tok for tok, ev in hits}
    commanded = _commanded(hits, trigger_at)
    # a promise of support is support ("pledged full support for X": PLOVER's SUPPORT is
    # "express support for"), not the promise's AGREE
    for tok, ev in hits:
        gov = _governor(tok, trigger_at, ev.type)
        if gov is not None and gov.type == "AGREE" and ev.type == "SUPPORT" and tok.pos_ not in ("VERB", "AUX"):
            trigger_at[tok_of[id(gov)].i] = replace(gov, type="SUPPORT", cameo=ev.cameo, mode=ev.mode)
    # a call for punishment of someone is an accusation of them ("called for sanctions against
    # X over Y": CAMEO 111-112, criticize or accuse; PLOVER's ACCUSE is "express disapproval,
    # accuse, blame"), not a request addressed to whoever would impose it
    for tok, ev in hits:
        gov = _governor(tok, trigger_at, ev.type)
        if gov is not None and gov.type == "REQUEST" and tok_of[id(gov)].i not in commanded and _punishment_of(tok, ev):
            trigger_at[tok_of[id(gov)].i] = replace(gov, type="ACCUSE", cameo="112", mode=None,
                                                    target=ev.target or gov.target,
                                                    target_spans=ev.target_spans if ev.target else gov.target_spans)
    hits = [(tok, trigger_at.get(tok.i, ev)) for tok, ev in hits]
    hits = [(tok, finalized(tok, ev, trigger_at)) for tok, ev in hits]
    hits = violent_repression(hits)
    hits = sent_to_help(hits)
    trigger_at = {tok.i: ev for tok, ev in hits}
    decided = (_decided(hits, trigger_at) | _joint(hits, trigger_at) | _documented(hits, trigger_at)
               | {i: id(trigger_at[i]) for i in commanded})
    out: list[EventMention] = []
    for tok, ev in hits:
        if tok.i in decided:
            # "agreed to impose sanctions", "ordered air strikes": the measure agreed on or
            # ordered is the event, not an AGREE or a REQUEST
            continue
        gov = _governor(tok, trigger_at, ev.type)
        verbal = tok.pos_ in ("VERB", "AUX")
        if tok.dep_ == "amod":
            continue  # "alleged bombers", "the banned movement", "the UN-recognized government": a description, not an act
        if gov is not None and id(gov) in decided.values():
            # the decision taken, the order given, the joint effort or the dispatch is the act: it
            # keeps its clause's status and ranks as the main act, done by whoever agreed on it,
            # ordered it, joined in it or sent its agents (the governor's source), aimed at the
            # governor's target when it names none of its own
            if gov.source:
                ev = replace(ev, source=gov.source, source_spans=gov.source_spans)
            if gov.target and not ev.target:
                ev = replace(ev, target=gov.target, target_spans=gov.target_spans)
            out.append(replace(ev, main_clause=gov.main_clause))
            continue
        if (gov is None and ev.type == "ACCUSE" and (ev.cameo or "").startswith("09") and _purpose(tok)
                and tok.head.i not in trigger_at):
            # "formed a working group to investigate X", "is working with Interpol to investigate":
            # the inquiry is what the unknown main verb is for (PLOVER: all investigations are
            # ACCUSE, whoever carries them out, as ``_joint`` reads a cooperation that carries one)
            out.append(replace(ev, main_clause=clause_depth(tok.head) == 0))
            continue
        doc_verb = document_verb(tok)
        if gov is None and doc_verb is not None and (doc_verb.i not in trigger_at or id(trigger_at[doc_verb.i]) in decided.values()):
            # "passed a resolution condemning X": the condemnation is what the clause tells
            out.append(replace(ev, main_clause=clause_depth(doc_verb) == 0))
            continue
        if gov is not None:
            if not verbal:
                continue
            status = ev.status
            if status == "occurred":
                if gov.type in _HYPOTHETICAL_GOVERNORS:
                    status = "hypothetical"
                elif gov.type == "AGREE":
                    status = "planned"
            # the governor's complement is not the clause's own event (``main_clause``)
            ev = replace(ev, status=status, confidence=round(max(0.05, ev.confidence - 0.15), 3), main_clause=False)
        out.append(ev)
    return merge_sentence(subsumed(out))


def violent_repression(hits: list[tuple[Any, EventMention]]) -> list[tuple[Any, EventMention]]:
    """A coercive act carried out by violence is an assault (CAMEO 175, "use tactics of violent
    repression", which the CAMEO-to-PLOVER table makes ASSAULT; PLOVER's COERCE is coercion
    "falling short of violence"): the coercion is told with the violence as its manner, a
    participle of the same clause ("cracked down on protesters, killing a dozen"; "raided the
    village, killing 30 people"), or as its means, what the verb it is the purpose of acts on
    ("used tear gas to break up the rally"). Not a violence told apart ("arrested the men after
    the clashes", "detained the suspects in the bombing that killed six": other acts, other
    doers)."""
    out = list(hits)
    for n, (tok, ev) in enumerate(hits):
        if ev.type != "COERCE" or ev.status != "occurred" or tok.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        # the manner: "…, killing a dozen" (a participle of the coercion's own clause)
        assaults = {t.i for t, e in hits if e.type == "ASSAULT" and e.status == "occurred"}
        manner = [t for t in verb.children if t.dep_ == "advcl" and t.tag_ == "VBG"
                  and not any(c.dep_ in ("mark", "nsubj") for c in t.children)
                  and (t.i in assaults or _assault_verb(t))]
        # the means: "used tear gas to break up the rally"
        means: list[EventMention] = []
        if verb.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            used = [c for c in verb.head.children if c.dep_ in _OBJECTS]
            used += [g for c in used for g in c.conjuncts]
            means = [e for t, e in hits if e.type == "ASSAULT" and any(t.i == u.i or t.head.i == u.i for u in used)
                     and not set(e.source) - set(ev.source)]
        if manner or means:
            mode = means[0].mode if means and means[0].cameo == "175" else None
            out[n] = (tok, replace(ev, type="ASSAULT", cameo="175", mode=mode))
    return out


def sent_to_help(hits: list[tuple[Any, EventMention]]) -> list[tuple[Any, EventMention]]:
    """Troops sent to help are military aid (PLOVER AID: "military and police assistance
    including arms and personnel"; CAMEO 072), not a show of force: a dispatch (MOBILIZE)
    whose purpose clause is an act of aid ("sent troops to Cameroon to help fight Boko Haram",
    "deployed soldiers to Mozambique to assist the army"). Troops massed on a border, with no
    help named, stay MOBILIZE."""
    aid_at = {t.i for t, e in hits if e.type == "AID"}
    out = list(hits)
    for n, (tok, ev) in enumerate(hits):
        if ev.type != "MOBILIZE" or tok.pos_ not in ("VERB", "AUX"):
            continue
        purposes = [c for c in tok.children if c.dep_ in ("advcl", "xcomp")
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        if any(c.i in aid_at for c in purposes):
            out[n] = (tok, replace(ev, type="AID", cameo="072", mode=None, context="military"))
    return out


def _assault_verb(tok: Any) -> bool:
    """A verb the lexicon knows as an assault whatever the sentence ("killing", "wounding")."""
    from .lexicon import lexicon

    lang = tok.doc.lang_ or ""
    return any(t.type == "ASSAULT" and t.pos == "VERB" and not t.requires
               for t in lexicon().single.get((lang, tok.lemma_.lower()), ()))


def _imprisonment(ev: EventMention) -> bool:
    return ev.type == "COERCE" and ev.cameo == "173"


def _conviction(ev: EventMention) -> bool:
    return ev.cameo == "116" or ev.mode == "convict"


# (the act that stands for the sentence, the act it takes in), from the PLOVER manual's
# ambiguities: "convictions that result in imprisonment should also be coded as COERCE"
# (SANCTION); "if a document reports a MOBILIZE event in the context of an ASSAULT, only the
# ASSAULT should be coded" (MOBILIZE)
_SUBSUMES = (
    (_imprisonment, _conviction),
    (lambda e: e.type == "ASSAULT", lambda e: e.type == "MOBILIZE"),
)


def subsumed(events: list[EventMention]) -> list[EventMention]:
    """A sentence's events with each act that another of the main clause takes in ranked as a
    side event (``main_clause`` false, so ``confidence.below_main_clause`` puts it below): "convicted
    the activist and sentenced him to five years in prison" is the imprisonment; "troops moved in
    and opened fire" the shooting. Only when the two share an actor."""
    out = list(events)
    for wins, loses in _SUBSUMES:
        tops = [e for e in events if e.main_clause and wins(e)]
        for i, ev in enumerate(out):
            if not loses(ev) or not ev.main_clause:
                continue
            actors = set(ev.source) | set(ev.target)
            if any(actors & (set(t.source) | set(t.target)) for t in tops):
                out[i] = replace(ev, main_clause=False)
    return out


def _token_of(hits: list[tuple[Any, EventMention]], ev: EventMention) -> Any:
    """The token of ``hits`` that carries this very event, or None."""
    return next((t for t, e in hits if e is ev), None)


def _decided(hits: list[tuple[Any, EventMention]], trigger_at: dict[int, EventMention]) -> dict[int, int]:
    """The AGREE verbs that settle a hostile measure (token index -> id of the AGREE event):
    "the ministers agreed to impose sanctions on X", "the allies agreed to expel the envoys".
    PLOVER's AGREE is a commitment to cooperate; an agreement among the actors to act against
    a third party is the decision of that act (CAMEO codes the sanction, the expulsion), told in
    the agreed verb. Only the profile's ``finalize_verbs`` ("agree", which settles a matter),
    not a promise or a readiness ("vowed to retaliate", "ready to impose": threats, which the
    planned status makes of them)."""
    out: dict[int, int] = {}
    for tok, ev in hits:
        if ev.type not in HOSTILE or tok.pos_ not in ("VERB", "AUX"):
            continue
        gov = _governor(tok, trigger_at, ev.type)
        if gov is None or gov.type != "AGREE":
            continue
        gov_tok = _token_of(hits, gov)
        if gov_tok is None or gov_tok.pos_ not in ("VERB", "AUX"):
            continue
        if gov_tok.lemma_.lower() in languages.profile(tok.doc.lang_ or "").finalize_verbs:
            out[gov_tok.i] = id(gov)
    return out


# cooperation not otherwise specified (CAMEO 060): "launched a joint X", "worked together to X"
_GENERIC_COOPERATION = {"06", "060"}
# acts that stay a COOPERATE when done jointly: PLOVER codes joint military operations and
# exercises as COOPERATE (MOBILIZE, "Potential ambiguities")
_JOINT_MILITARY = {"MOBILIZE", "ASSAULT"}
# the acts that may carry an investigation somewhere ("sent experts to investigate")
_CARRIERS = {"COOPERATE", "AID", "MOBILIZE", "CONSULT"}


def _joint(hits: list[tuple[Any, EventMention]], trigger_at: dict[int, EventMention]) -> dict[int, int]:
    """The generic cooperations (CAMEO 060) that are only the manner of a named act, and the
    dispatches that carry an investigation (token index -> id of the governing event):
    "launched a joint investigation into the attack", "set up a joint team to investigate",
    "sent forensic experts to investigate the crash". PLOVER codes "all investigations" as
    ACCUSE, whoever carries them out, together or abroad; joint military operations stay
    COOPERATE (the manual, under MOBILIZE)."""
    out: dict[int, int] = {}
    for tok, ev in hits:
        if ev.type in _JOINT_MILITARY or ev.type in ("COOPERATE", "AGREE"):
            continue
        gov = _governor(tok, trigger_at, ev.type)
        if gov is None:
            continue
        # "sent a team of experts to investigate the crash": an investigation is ACCUSE, whatever
        # carries it there (a dispatch read as aid, cooperation, a deployment or a visit)
        inquiry = ev.type == "ACCUSE" and (ev.cameo or "").startswith("09") and gov.type in _CARRIERS
        if not inquiry and (gov.type != "COOPERATE" or gov.cameo not in _GENERIC_COOPERATION):
            continue
        gov_tok = _token_of(hits, gov)
        if gov_tok is not None:
            out[gov_tok.i] = id(gov)
    return out


def _documented(hits: list[tuple[Any, EventMention]], trigger_at: dict[int, EventMention]) -> dict[int, int]:
    """The verbs that adopt, pass or weigh a document whose participle says an act (token index
    -> id of the verb's event): "adopted a resolution imposing an arms embargo", "is considering a
    resolution demanding …" (the profile's ``document_nouns``). The document is the body's act:
    the embargo imposed, the demand made, by whoever adopts it; the adoption itself (SUPPORT) or
    the weighing is its manner."""
    out: dict[int, int] = {}
    for tok, ev in hits:
        verb = document_verb(tok)
        gov = trigger_at.get(verb.i) if verb is not None else None
        if gov is not None and gov.type != ev.type and gov.type not in UNDOING:  # a veto is no adoption
            out[verb.i] = id(gov)
    return out


def document_verb(tok: Any) -> Any:
    """The verb that adopts, passes or weighs the document a trigger's participle belongs to
    ("passed a resolution condemning …", "adopted a resolution imposing an embargo"), or None."""
    said = tok.head if tok.dep_ in _OBJECTS and tok.pos_ == "NOUN" else tok  # "imposing an embargo"
    while said.dep_ == "conj" and said.head.i != said.i:
        said = said.head  # "recognising the killings as genocide and blaming the empire"
    if said.dep_ != "acl" or said.tag_ != "VBG":
        return None
    doc_noun = said.head
    if doc_noun.lemma_.lower() not in languages.profile(tok.doc.lang_ or "").document_nouns or doc_noun.dep_ not in _OBJECTS:
        return None
    return doc_noun.head if doc_noun.head.pos_ in ("VERB", "AUX") else None


def _commanded(hits: list[tuple[Any, EventMention]], trigger_at: dict[int, EventMention]) -> set[int]:
    """The orders (token indices of REQUEST triggers on the profile's ``command_verbs``) that
    govern an act the lexicon knows: "ordered air strikes on the camps", "ordered sanctions on
    Iran", "ordered the release of the prisoners". The authority does the act through its
    agents; the order is no request of its own (PLOVER's REQUEST covers orders only as what is
    asked: "ordered the minister to appear in court")."""
    out: set[int] = set()
    for tok, ev in hits:
        gov = _governor(tok, trigger_at, ev.type)
        if gov is None or gov.type != "REQUEST":
            continue
        gov_tok = _token_of(hits, gov)
        if gov_tok is not None and gov_tok.lemma_.lower() in languages.profile(tok.doc.lang_ or "").command_verbs:
            out.add(gov_tok.i)
    return out


_PUNITIVE = {"SANCTION", "COERCE"}


def _punishment_of(tok: Any, ev: EventMention) -> bool:
    """Whether an event noun is a punitive act aimed at someone named with "against"
    ("sanctions against Moscow"): the profile's ``punished_prepositions``, as the noun's
    preposition (English parse) or the case marker of its noun modifier (Universal
    Dependencies: "sanctions contre Moscou")."""
    if tok.pos_ != "NOUN" or ev.type not in _PUNITIVE:
        return False
    words = languages.profile(tok.doc.lang_ or "").punished_prepositions
    return any(prep in words for c in tok.children for prep, _ in prep_objects(c))


def finalized(tok: Any, ev: EventMention, trigger_at: dict[int, EventMention]) -> EventMention:
    """An agreement reached, signed or concluded is SUPPORT (CAMEO 057, "sign formal
    agreement"; PLOVER: "ratify, sign, or finalize an agreement"), not the AGREE of a promise
    to cooperate: "reached a deal", "agreed a trade agreement", "signed an accord", "agreed on
    the text of a deal". Only when
    it happened: "will sign an agreement" stays an intention (AGREE)."""
    if ev.type != "AGREE" or ev.status != "occurred":
        return ev
    prof = languages.profile(tok.doc.lang_ or "")
    verbs = prof.finalize_verbs
    if tok.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        if head.pos_ == "ADP" and tok.dep_ in ("pobj", "obl", "nmod"):
            head = head.head  # "agreed on a text"
        # "reached a deal", "agreed on a text", and in the passive "the deal was finalised"
        done = tok.dep_ in (*_OBJECTS, "pobj", "obl", *SUBJ_PASS) and head.lemma_.lower() in verbs
    elif tok.lemma_.lower() in verbs:
        objects = [c for c in tok.children if c.dep_ in _OBJECTS]
        objects += [g for c in tok.children if c.pos_ == "ADP" for g in c.children if g.dep_ in ("pobj", "obl")]
        # the agreement itself, or its text, terms or draft ("agreed on the text of a deal")
        objects += [g for o in list(objects) for c in o.children if c.lower_ in prof.genitive_prepositions
                    for g in c.children if g.dep_ in ("pobj", "nmod")]
        done = any(o.i in trigger_at and trigger_at[o.i].type == "AGREE" or _agreement_noun(o) for o in objects)
    else:
        done = False
    return replace(ev, type="SUPPORT", cameo="057", mode=None) if done else ev


_OBJECTS = ("dobj", "obj", "iobj", "dative")


def _agreement_noun(tok: Any) -> bool:
    """A noun the lexicon knows as an AGREE trigger ("agreement", "deal", "accord")."""
    from .lexicon import lexicon

    lang = tok.doc.lang_ or ""
    return tok.pos_ == "NOUN" and any(t.type == "AGREE" and t.pos == "NOUN" for t in lexicon().single.get((lang, tok.lemma_.lower()), ()))


def merge_sentence(found: list[EventMention]) -> list[EventMention]:
    """One event per type and actors in a sentence: "signed an agreement for a ceasefire" is
    one AGREE. Of two same-type events whose actors overlap, the better-argued one stays, but a
    main clause's act told with its target alone outranks a side clause's ("a prisoner died in
    custody after torture" is the death, whose victim the side noun only guesses as its doer),
    and a doer the text names one that is only the country where it happened, taken by
    convention ("three men died when the army shelled the school": the army shelled). An act
    whose doer the text does not name is the same-type act of the sentence whose doer it
    names, told by its dead: it joins it (its main clause, its target where that has none).
    A mediation (CAMEO 045) and the talks it mediates are two acts ("held talks mediated by X")."""
    def named(e: EventMention) -> bool:
        return bool(e.source) and not all(sp == e.location_span for sp in e.source_spans)

    def kin(a: EventMention, b: EventMention) -> bool:
        # a mediation (CAMEO 045) is the mediator's act, not the talks or the deal it brokered
        return a.type == b.type and (a.cameo == "045") == (b.cameo == "045")

    def rank(e: EventMention) -> tuple:
        # equally argued: the first trigger
        return (bool(e.source or e.target), e.main_clause and not e.source, named(e), bool(e.source), bool(e.target),
                -e.trigger[0])

    kept: list[EventMention] = []
    for ev in sorted(found, key=rank, reverse=True):
        # the place's country standing in for a doer ties the act to no other
        actors = (set(ev.source) if named(ev) else set()) | set(ev.target)
        same = next((n for n, k in enumerate(kept) if kin(k, ev)
                     and (actors & (set(k.source) | set(k.target)) or not actors)), None)
        if same is None:
            kept.append(ev)
        elif ev.main_clause and not named(ev) and named(kept[same]):
            kept[same] = replace(kept[same], main_clause=True)  # the act below, told in the main clause
    # "forty people died when bombs hit the school": an act whose doer the text does not name
    # (none, or the place's country standing in for one) is the same-type act whose doer it
    # names, told by its dead: they are its target where it has none
    for u in [e for e in kept if not named(e)]:
        # the nearest such act ("died … when bombs hit the school, full of people who had fled
        # the fighting": the bombs' hit, not the fighting)
        told = min((n for n, k in enumerate(kept) if kin(k, u) and named(k)),
                   key=lambda n: abs(kept[n].trigger[0] - u.trigger[0]), default=None)
        if told is None:
            continue
        k = kept[told]
        if not k.target and u.target:
            k = replace(k, target=u.target, target_spans=u.target_spans)
        kept[told] = replace(k, main_clause=k.main_clause or u.main_clause)
        kept.remove(u)
    return sorted(kept, key=lambda e: e.trigger[0])
