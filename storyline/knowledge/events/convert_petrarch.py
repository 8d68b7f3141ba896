"""Derive English trigger entries from the PETRARCH2/Phoenix CAMEO verb dictionary.

    python -m storyline.knowledge.events.convert_petrarch ../shared/data/petrarch2-dictionaries
    python -m storyline.knowledge.events.convert_petrarch DIR --out FILE --report-json REPORT

reads ``CAMEO.verbpatterns.150430.txt`` (and ``LICENSE``) from DIR and writes
``petrarch_triggers.jsonl`` beside this module: one trigger record per verb and per verb
pattern the coder can honour, each with the PLOVER type, mode and context that
``cameo.jsonl`` (the CAMEO-to-PLOVER table) gives the entry's CAMEO code. It prints a report
of what it kept and what it skipped, and why.

The dictionary (PETRARCH's format, see the header of the file):

- ``&NAME`` starts a synonym set, ``+WORD`` lines are its members (``_`` joins words; a
  trailing ``_`` asks for the exact word).
- ``--- NAME [code] ---`` starts a verb block; the lines after it are its verbs, each
  optionally with ``{irregular forms}`` and its own ``[code]`` (else the block's). A verb with
  ``+`` and ``_`` is a multi-word verb; ``+`` marks the verb word ("+CLEAR_UP", "RE_+ARREST").
- ``- words * words [code] # VERB <coder date>`` is a pattern: ``*`` stands for the verb,
  ``$``/``+``/``%`` for the source, the target and a compound actor, ``^`` skips a phrase,
  ``&NAME`` for any member of a synonym set. ``[---]`` codes nothing; ``[042:043]`` codes
  both directions (we keep the first).

What becomes a trigger:

- a verb that PETRARCH itself codes: the verb a block is named after, with the block's
  code, or any verb with its own ``[code]``. A VERB record, or a PHRASE for a multi-word
  verb ("crack down", "wage war"). The other verbs of a block are WordNet synonyms that
  merely inherit the block's code ("provide", "help", "establish" in blocks coded 060
  "material cooperation"; every verb of a block named after a concept, such as
  "GO_SOMEWHERE"): too loose to stand alone, they keep only their patterns. So do light
  verbs (:data:`LIGHT_VERBS`: "give", "take", "hold" …), whose event is their object.
  CAMEO 01 (statements) and 02 (appeals) have no PLOVER type and are dropped, as are verbs
  of blocks coded ``---``. A verb listed in several blocks belongs to the block named after
  it, else to the first (PETRARCH's default code for the verb).
- a pattern the matcher can honour: nothing but actor slots before the verb, and after it
  one word (a particle or preposition, an object noun: "impose curfew", "open fire"),
  possibly a synonym set (expanded: "abandon truce", "abandon armistice"…) and a final
  ``+`` after a preposition (that preposition introduces the target). It becomes the
  PHRASE "verb word" with the pattern's own CAMEO code: "lift sanctions" is not "impose
  sanctions". A pattern belongs to the verb(s) its comment names, else to the block's
  first verb. Skipped and counted: patterns with words before the verb, a ``^`` skip, an
  actor slot between words, more than one word after the verb, a synonym set of more than
  :data:`MAX_SYNSET` names (currencies, weapons, aircraft), a word no English dictionary
  knows (TABARI-era stems such as "RESUM", which PETRARCH matched as prefixes), ``[---]``,
  a code without PLOVER type, or the same type as its verb alone (redundant).

Codes map to PLOVER through ``cameo.jsonl``; where :data:`CAMEO_EXCEPTIONS` documents our
own reading of a code (163 sanctions are SANCTION, 0831 resignations RETREAT), it is used.
The word check reads the English spaCy model's lemmatizer tables, so rerun the converter
after a model update.

Entries of the hand-written ``triggers.jsonl`` override these at load time (same lemma, pos
and language: ours win); the loader does that, not this converter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "VERB_FILE", "OUT_PATH", "LIGHT_VERBS", "Block", "Pattern", "parse", "convert", "main",
]

VERB_FILE = "CAMEO.verbpatterns.150430.txt"
OUT_PATH = Path(__file__).resolve().parent / "petrarch_triggers.jsonl"

# Support verbs whose event lies in their object ("give aid", "take control", "make a deal"):
# alone they say nothing about the event type, so only their patterns become triggers.
LIGHT_VERBS = frozenset({
    "be", "have", "do", "go", "come", "get", "give", "take", "make", "put", "set", "keep", "hold", "let", "see",
    "bring", "run", "turn", "stand", "carry", "move", "lay", "draw", "pull", "push", "open", "face", "leave",
    "show", "find", "use", "work", "play", "follow",
})
# The mode of a CAMEO_EXCEPTIONS reading (163 sanctions are SANCTION 'discontinue'…).
EXCEPTION_MODES = {"163": "discontinue", "116": "convict", "0831": "resign", "192": "seize"}
# Content tokens after the verb a PHRASE may hold: one, a particle, preposition or object
# ("open fire", "impose curfew"). Longer patterns ("agree to dispatch troops") are clauses,
# which the phrase matcher, with its gaps, would match loosely; they also tripled the file.
MAX_PATTERN_WORDS = 1
# Longer synonym sets are lists of names (90 currencies, 115 weapons, 75 aircraft): a pattern
# with one is skipped rather than expanded into a hundred phrases.
MAX_SYNSET = 20
PREPOSITIONS = frozenset({
    "with", "to", "against", "on", "at", "in", "into", "for", "from", "over", "by", "upon", "toward", "towards",
    "of", "about", "through", "across", "onto", "off", "out", "up", "down", "back", "away",
})


@dataclass
class Verb:
    words: tuple[str, ...]  # lower case; one word for a plain verb
    code: str | None  # its own code, if any ("" when written [---])
    line: int


@dataclass
class Pattern:
    tokens: list[str]  # as written, upper case
    code: str | None  # None for [---]
    origin: list[str]  # verbs named in the comment
    line: int


@dataclass
class Block:
    name: str
    code: str | None
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)

    def heads(self, verb: Verb) -> bool:
        """Whether the block is named after this verb. A block named after a concept
        ("PHYSICAL_CONFLICT", "GO_SOMEWHERE") has no head: its code is the concept's."""
        return _key(self.name) == _key("_".join(verb.words))


_CODE = re.compile(r"\[\s*([^\]]*?)\s*\]")
_FORMS = re.compile(r"\{[^}]*\}")


def _key(name: str) -> str:
    """A block or verb name without case, "_", "+" or "-" ("RE_ADMIT" is "readmit")."""
    return re.sub(r"[_+\-]", "", name.lower())


def _code(text: str) -> str | None:
    """The first code of ``[xxx]`` or ``[xxx:yyy]``; None for ``---``/``###`` or no digits."""
    first = text.split(":")[0].strip()
    return first if first.isdigit() else None


def parse(path: Path) -> tuple[dict[str, list[str]], list[Block]]:
    """The synonym sets (name -> member phrases, lower case) and the verb blocks of the file."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current_set: str | None = None
    in_verbs = False
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw.strip()
        if line.startswith("#######"):
            in_verbs = "VERB PATTERNS" in line
            current_set = None
            continue
        if not line or line.startswith("#"):
            if not line:
                current_set = None
            continue
        if not in_verbs:
            if line.startswith("&"):
                current_set = line[1:].split()[0].rstrip("_")
                synsets[current_set] = []
            elif line.startswith("+") and current_set is not None:
                member = line[1:].split("#")[0].strip().rstrip("_").replace("_", " ").lower()
                if member:
                    synsets[current_set].append(member)
            continue
        if line.startswith("---"):
            body = line.strip("-").strip()
            m = _CODE.search(body)
            name = (body[: m.start()] if m else body.split("#")[0]).split()[0]
            blocks.append(Block(name=name, code=_code(m.group(1)) if m else None, line=number))
            continue
        if not blocks:
            continue
        block = blocks[-1]
        text, _, comment = line.partition("#")
        if line.startswith("-"):
            m = _CODE.search(text)
            if m is None:
                continue
            origin = re.findall(r"(?:^|,)\s*([A-Z][A-Z_+-]*)", comment)
            block.patterns.append(Pattern(text[1 : m.start()].split(), _code(m.group(1)), origin, number))
            continue
        m = _CODE.search(text)
        own = (_code(m.group(1)) or "") if m else None
        head = _FORMS.sub(" ", _CODE.sub(" ", text)).split()
        if not head:
            continue
        word = head[0]
        if re.fullmatch(r"RE_\+[A-Z-]+", word):  # RE_+ARREST: "rearrest", one verb
            words: tuple[str, ...] = ("re" + word[4:].lower(),)
        else:
            words = tuple(w for w in word.replace("+", "").lower().split("_") if w)
        if words:
            block.verbs.append(Verb(words, own, number))
    return synsets, blocks


class _Converter:
    """Turns parsed blocks into trigger records, counting what it keeps and skips and why."""

    def __init__(self, plover: Callable[[str], tuple[str | None, str | None, str | None] | None],
                 is_word: Callable[[str], bool]) -> None:
        self.plover = plover
        self.is_word = is_word
        self.skipped: Counter[str] = Counter()  # verbs and patterns, one reason each
        self.kept: Counter[str] = Counter()  # records written, by origin
        self.records: dict[tuple[str, str], dict] = {}
        self.verb_type: dict[tuple[str, ...], str] = {}  # the type a kept verb triggers alone

    def typed(self, code: str) -> tuple[str, str | None, str | None] | str:
        """(type, mode, context) for a code, or the reason it has none."""
        mapped = self.plover(code)
        if mapped is None:
            return "CAMEO code not in cameo.jsonl"
        if mapped[0] is None:
            return "CAMEO code without PLOVER type (01, 02)"
        return mapped  # type: ignore[return-value]

    def record(self, lemma: str, pos: str, code: str, *, target_preps: tuple[str, ...] = (), origin: str) -> bool:
        typ, mode, context = self.typed(code)  # type: ignore[misc]
        if (lemma, pos) in self.records:
            self.skipped["record: same phrase as an earlier pattern (first kept)"] += 1
            return False
        rec = {"lemma": lemma, "pos": pos, "lang": "en", "type": typ, "cameo": code, "mode": mode, "context": context}
        if target_preps:
            rec["args"] = {"target_preps": list(target_preps)}
        self.records[(lemma, pos)] = rec
        self.kept[origin] += 1
        return True

    def run(self, synsets: dict[str, list[str]], blocks: list[Block]) -> list[dict]:
        # each verb's default: the block named after it, else the first block that lists it
        home: dict[tuple[str, ...], Verb] = {}
        for block in blocks:
            for verb in block.verbs:
                if verb.words not in home or block.heads(verb):
                    home[verb.words] = verb
        for block in blocks:
            for verb in block.verbs:
                why = self.verb(block, verb, home)
                if why:
                    self.skipped[f"verb: {why}"] += 1
        for block in blocks:
            for pattern in block.patterns:
                why = self.pattern(block, pattern, synsets)
                if why:
                    self.skipped[f"pattern: {why}"] += 1
        return list(self.records.values())

    def verb(self, block: Block, verb: Verb, home: dict[tuple[str, ...], Verb]) -> str | None:
        """Record one verb line; the reason when it gives no trigger of its own."""
        if home[verb.words] is not verb:
            return "listed again in another block (its own or first block counts)"
        code = verb.code if verb.code is not None else block.code
        if not code:
            return "block or verb coded --- (patterns only)"
        typed = self.typed(code)
        if isinstance(typed, str):
            return typed
        if len(verb.words) > 1:
            lemma, pos = " ".join(verb.words), "PHRASE"
        elif verb.words[0] in LIGHT_VERBS:
            return "light verb (patterns only)"
        elif verb.code is None and not block.heads(verb):
            return "synonym inheriting its block's code (patterns only)"
        elif not self.is_word(verb.words[0]):
            return "not an English word"
        else:
            lemma, pos = verb.words[0], "VERB"
        if self.record(lemma, pos, code, origin="multi-word verb" if pos == "PHRASE" else "verb"):
            self.verb_type[verb.words] = typed[0]
        return None

    def pattern(self, block: Block, pattern: Pattern, synsets: dict[str, list[str]]) -> str | None:
        """Record the phrases of one pattern; the reason when it gives none."""
        if pattern.code is None:
            return "[---] (codes nothing)"
        typed = self.typed(pattern.code)
        if isinstance(typed, str):
            return typed
        # "*_ON_+" -> "*", "ON", "+"
        tokens = [t for tok in pattern.tokens for t in tok.split("_") if t]
        if "*" not in tokens:
            return "no verb slot"
        star = tokens.index("*")
        before, after = tokens[:star], tokens[star + 1 :]
        if any(t not in ("$", "%") for t in before):
            return "words or target before the verb"
        if "^" in after:
            return "skip marker ^"
        while after and after[-1] in ("$", "%"):
            after.pop()
        preps: tuple[str, ...] = ()
        if after and after[-1] == "+":
            after.pop()
            if not after or after[-1].lower() not in PREPOSITIONS:
                return "target without a preposition"
            preps = (after[-1].lower(),)
            if len(after) > 1:  # "* SANCTIONS ON +": "impose sanctions", the target after "on"
                after.pop()
        if not after:
            return "nothing after the verb"
        if [t.lower() for t in after] == ["by"]:
            # "* BY +": the one named after "by" does the act (a passive); a phrase "attack by"
            # cannot say so, and would retype every "attack by X"
            return "passive agent pattern (by +)"
        if any(t in ("$", "+", "%", "*") for t in after):
            return "actor slot between words"
        if len(after) > MAX_PATTERN_WORDS:
            return "more than one word after the verb" if MAX_PATTERN_WORDS == 1 else \
                f"more than {MAX_PATTERN_WORDS} words after the verb"
        alternatives: list[list[str]] = [[]]
        for tok in after:
            if tok.startswith("&"):
                members = synsets.get(tok[1:].rstrip("_"))
                if not members:
                    return "unknown synonym set"
                if len(members) > MAX_SYNSET:
                    return f"synonym set of more than {MAX_SYNSET} names"
                alternatives = [a + m.split() for a in alternatives for m in members]
            else:
                alternatives = [a + [tok.rstrip("_").lower()] for a in alternatives]
        alternatives = [a for a in alternatives if all(self.is_word(w) for w in a)]
        if not alternatives:
            return "a word no dictionary knows (TABARI stem)"
        verbs = [v for v in self._pattern_verbs(block, pattern) if self.verb_type.get(v.words) != typed[0]]
        if not verbs:
            return "same type as its verb alone (redundant)"
        for verb in verbs:
            for words in alternatives:
                lemma = " ".join((*verb.words, *words))
                self.record(lemma, "PHRASE", pattern.code, target_preps=preps, origin="pattern")
        return None

    @staticmethod
    def _pattern_verbs(block: Block, pattern: Pattern) -> list[Verb]:
        named = {o.replace("+", "").lower().strip("_") for o in pattern.origin}
        verbs = [v for v in block.verbs if "_".join(v.words) in named]
        return verbs or block.verbs[:1]


def spacy_words() -> Callable[[str], bool]:
    """A word check from the English spaCy model's lemmatizer tables (WordNet's lemmas and the
    inflection rules): it knows "deport" and "sanctions", not the TABARI stems "resum" or
    "violat", which PETRARCH matched as prefixes and our matcher cannot."""
    from storyline import nlp

    lookups = nlp.model("en").get_pipe("lemmatizer").lookups
    index = {w for words in lookups.get_table("lemma_index").values() for w in words}
    rules = [tuple(r) for rs in lookups.get_table("lemma_rules").values() for r in rs]
    exceptions = {form for table in lookups.get_table("lemma_exc").values() for form in table}

    def known(w: str) -> bool:
        return w in index or w in exceptions or any(
            w.endswith(old) and w[: len(w) - len(old)] + new in index for old, new in rules if old)

    def is_word(w: str) -> bool:
        parts = w.split("-")
        return all(p.isalpha() and len(p) > 1 for p in parts) and (known(w) or all(known(p) for p in parts))

    return is_word


def convert(folder: Path, *, is_word: Callable[[str], bool] | None = None) -> tuple[dict, list[dict], dict]:
    """(_meta, records, report) for the dictionary in ``folder``."""
    from storyline.knowledge.events import CAMEO_EXCEPTIONS, load_event_knowledge

    source = folder / VERB_FILE
    if not source.is_file():
        raise SystemExit(f"{source}: not found; pass the folder of the PETRARCH2 dictionaries.")
    codes = load_event_knowledge().cameo_codes

    def plover(code: str) -> tuple[str | None, str | None, str | None] | None:
        rec = codes.get(code)
        if rec is None:
            return None
        if code.startswith(("01", "02")) or rec.plover is None:
            return None, None, None
        for prefix, (typ, _why) in CAMEO_EXCEPTIONS.items():
            if code.startswith(prefix) and typ != rec.plover:  # our documented reading (163 SANCTION…)
                return typ, EXCEPTION_MODES.get(prefix), rec.context
        return rec.plover, rec.mode, rec.context

    synsets, blocks = parse(source)
    conv = _Converter(plover, is_word or spacy_words())
    records = conv.run(synsets, blocks)
    records.sort(key=lambda r: (r["pos"] != "VERB", r["lemma"]))
    holder = _copyright(folder / "LICENSE")
    meta = {
        "what": "English trigger lexicon derived from the PETRARCH2/Phoenix CAMEO verb dictionary: verbs, multi-word "
                "verbs and verb + object/particle patterns, each mapped from its CAMEO code to PLOVER type, mode "
                "and context with cameo.jsonl. Entries of triggers.jsonl with the same lemma, pos and lang override "
                "these.",
        "source": f"{VERB_FILE} of the PETRARCH2 dictionaries (Phoenix / Open Event Data Alliance project), "
                  "converted by storyline/knowledge/events/convert_petrarch.py; CAMEO 01/02 and uncodable "
                  "patterns dropped (see docs/events.md).",
        "licence": f"MIT License, {holder}",
        "compiled": dt.date.today().isoformat(),
        "format": "{lemma, pos (VERB|PHRASE), lang, type, cameo, mode, context, args?}; see docs/events.md",
    }
    report = {
        "blocks": len(blocks), "verbs": sum(len(b.verbs) for b in blocks),
        "patterns": sum(len(b.patterns) for b in blocks), "synonym_sets": len(synsets),
        "patterns_used": sum(len(b.patterns) for b in blocks) - sum(
            n for why, n in conv.skipped.items() if why.startswith("pattern:")),
        "records": len(records), "by_pos": dict(Counter(r["pos"] for r in records)),
        "by_type": dict(sorted(Counter(r["type"] for r in records).items())),
        "kept": dict(conv.kept), "skipped": dict(sorted(conv.skipped.items())),
    }
    return meta, records, report


def _copyright(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else []:
        if line.strip().lower().startswith("copyright"):
            return line.strip()
    raise SystemExit(f"{path}: no copyright line; the licence of the dictionaries must be named.")


def write(path: Path, meta: dict, records: Iterable[dict]) -> None:
    lines = [json.dumps({"_meta": meta}, ensure_ascii=False)]
    lines += [json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path,
                        help="the PETRARCH2 dictionaries folder (../shared/data/petrarch2-dictionaries)")
    parser.add_argument("--out", type=Path, default=OUT_PATH,
                        help=f"output JSONL (default {OUT_PATH.name} beside this module)")
    parser.add_argument("--report-json", type=Path, help="also write the report as JSON")
    args = parser.parse_args(argv)
    meta, records, report = convert(args.folder)
    write(args.out, meta, records)
    if args.report_json:
        args.report_json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{args.out}: {report['records']} records {report['by_pos']} from {report['blocks']} verb blocks, "
          f"{report['verbs']} verbs, {report['patterns']} patterns ({report['patterns_used']} used)")
    print("kept:    " + ", ".join(f"{k} {v}" for k, v in report["kept"].items()))
    print("skipped:")
    for why, n in report["skipped"].items():
        print(f"  {n:6d}  {why}")
    print("by type: " + ", ".join(f"{k} {v}" for k, v in report["by_type"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
