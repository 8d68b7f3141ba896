"""Search: what a user types, as a full-text query that cannot fail, widened to every spelling
of the actors and places it names.

The query language is small and forgiving:

- words match anywhere in titles and texts, accents and case aside (``cavusoglu`` finds
  ``Çavuşoğlu``); a word keeps its hyphens and apostrophes (``al-jufra``, ``N'Djamena``) and
  loses a possessive (``Erdoğan's`` is ``Erdoğan``); other punctuation is ignored;
- ``"quoted words"`` are a phrase; ``word*`` a prefix;
- ``AND`` (the default between words), ``OR``, ``NOT`` and ``-word`` (leave out), in capitals,
  with parentheses for grouping. Anything that does not parse (a lone operator, an unclosed
  parenthesis or quote) is read as plain words: a query never fails with a syntax error.

Each word or phrase also stands for the actors and places it names (``storyline.lookup``):
``sarraj`` finds the articles whose mentions resolve to Fayez al-Sarraj, however they spell him
("Saraj", "Serraj", "the Libyan prime minister"). Every hit says why it matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Union

from .errors import StoreError
from .knowledge import load_knowledge
from .lookup import Named, actors_named, places_named, words_of
from .models import Mention
from .store import Store

__all__ = ["Term", "parse", "fts_query", "search", "Hit"]

OPERATORS = ("AND", "OR", "NOT")
_EDGE = re.compile(r"^[^\w*]+|[^\w*]+$")  # punctuation around a word (keeps a trailing * for prefix)
_POSSESSIVE = re.compile(r"['’ʼ]s?$", re.I)


@dataclass(frozen=True, slots=True)
class Term:
    """A word or a phrase of the query: as typed, and as folded words."""

    text: str
    words: tuple[str, ...]
    prefix: bool = False
    phrase: bool = False

    def fts(self) -> str:
        """The term as a quoted FTS5 string (the index's tokenizer splits and folds it as it
        does the texts)."""
        return '"' + self.text.replace('"', " ") + '"' + ("*" if self.prefix else "")

    def shown(self) -> str:
        return f'"{self.text}"' if self.phrase or " " in self.text else self.text + ("*" if self.prefix else "")


# a parsed query: a term, ("and", positives, negatives) or ("or", items)
Node = Union[Term, tuple]


def _term(raw: str, *, phrase: bool = False) -> Term | None:
    prefix = False
    text = raw.strip()
    if not phrase:
        text = _EDGE.sub("", text)
        prefix = text.endswith("*")
        text = text.rstrip("*")
        text = _POSSESSIVE.sub("", text) if len(text) > 2 else text
    text = text.replace("*", " ").strip()
    words = words_of(text)
    if not words:
        return None
    return Term(text, words, prefix=prefix and not phrase, phrase=phrase)


def _tokens(query: str) -> list[Any]:
    """Terms, operators ("AND", "OR", "NOT", "-"), and parentheses."""
    out: list[Any] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "\"“”":
            end = min((j for j in (query.find(q, i + 1) for q in "\"“”") if j != -1), default=n)
            term = _term(query[i + 1 : end], phrase=True)
            if term is not None:
                out.append(term)
            i = end + 1
        elif ch in "()":
            out.append(ch)
            i += 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in "()\"“”":
                j += 1
            word = query[i:j]
            i = j
            if word in OPERATORS:
                out.append(word)
                continue
            if word.startswith("-") and len(word) > 1 and any(c.isalnum() for c in word):
                out.append("-")
                word = word[1:]
            term = _term(word)
            if term is not None:
                out.append(term)
            elif out and out[-1] == "-":
                out.pop()
    return out


class _Parser:
    def __init__(self, tokens: list[Any]) -> None:
        self.toks = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> Any:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> Any:
        tok = self.peek()
        self.i += 1
        return tok

    def parse_or(self) -> Node | None:
        items = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            items.append(self.parse_and())
        items = [x for x in items if x is not None]
        if not items:
            return None
        return items[0] if len(items) == 1 else ("or", items)

    def parse_and(self) -> Node | None:
        pos: list[Node] = []
        neg: list[Node] = []
        while True:
            tok = self.peek()
            if tok is None or tok == "OR" or (tok == ")" and self.depth > 0):
                break
            if tok == ")":  # a stray closing parenthesis
                self.take()
                continue
            if tok == "AND":
                self.take()
                continue
            if tok in ("NOT", "-"):
                self.take()
                node = self.parse_unary()
                if node is not None:
                    neg.append(node)
                continue
            node = self.parse_unary()
            if node is not None:
                pos.append(node)
        if not pos:
            if neg:
                raise _OnlyExclusions()
            return None
        if len(pos) == 1 and not neg:
            return pos[0]
        return ("and", pos, neg)

    def parse_unary(self) -> Node | None:
        tok = self.peek()
        if tok == "(":
            self.take()
            self.depth += 1
            node = self.parse_or()
            self.depth -= 1
            if self.peek() == ")":
                self.take()
            return node
        if isinstance(tok, Term):
            self.take()
            return tok
        if tok in ("NOT", "-", "AND"):  # "NOT NOT x", "x AND AND y": skip the extra operator
            self.take()
            return self.parse_unary()
        return None


class _OnlyExclusions(Exception):
    pass


def parse(query: str) -> Node | None:
    """The query as a tree of terms (None when it holds no word). Raises StoreError E403 only
    when every word is excluded ("NOT x" alone: nothing to look for)."""
    tokens = _tokens(query)
    try:
        return _Parser(tokens).parse_or()
    except _OnlyExclusions:
        raise StoreError("E403", query=query, detail="it only leaves words out; add a word to look for, as in 'libya NOT turkey'") from None


def terms(node: Node | None, *, negative: bool = False) -> list[tuple[Term, bool]]:
    """Every term of a query with whether it is left out."""
    if node is None:
        return []
    if isinstance(node, Term):
        return [(node, negative)]
    if node[0] == "or":
        return [t for item in node[1] for t in terms(item, negative=negative)]
    return [t for item in node[1] for t in terms(item, negative=negative)] + [
        t for item in node[2] for t in terms(item, negative=not negative)
    ]


def fts_query(node: Node) -> str:
    """The query as an FTS5 expression: every term quoted, operators and grouping explicit."""
    if isinstance(node, Term):
        return node.fts()
    if node[0] == "or":
        return "(" + " OR ".join(fts_query(x) for x in node[1]) + ")"
    expr = "(" + " AND ".join(fts_query(x) for x in node[1]) + ")"
    for x in node[2]:
        expr = f"({expr} NOT {fts_query(x)})"
    return expr


@dataclass(slots=True)
class Hit:
    """One article a query found, with why: the terms its text contains, and the actors and
    places it mentions that the terms name (with the words the article uses for them)."""

    id: str
    title: str | None
    published: str | None
    source: str | None
    snippet: str  # the words around the match, the matched ones in [brackets], on one line
    words: list[str] = field(default_factory=list)
    entities: list[tuple[Named, list[str]]] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "published": self.published, "source": self.source,
            "snippet": self.snippet, "matched_words": self.words,
            "matched_entities": [{"id": n.id, "name": n.name, "kind": n.kind, "spellings": s} for n, s in self.entities],
        }


def _snippet(text: str, start: int, end: int, width: int = 70) -> str:
    """The words around [start, end) with the span in [brackets], as FTS5's snippet marks."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    if lo > 0:
        lo = text.find(" ", lo, start) + 1 or lo
    if hi < len(text):
        cut = text.rfind(" ", end, hi)
        hi = cut if cut > 0 else hi
    body = text[lo:start] + "[" + text[start:end] + "]" + text[end:hi]
    return ("…" if lo > 0 else "") + " ".join(body.split()) + ("…" if hi < len(text) else "")


def search(store: Store, query: str, *, limit: int = 20, names: bool = True) -> list[Hit]:
    """The articles a query finds, best first: those whose text matches the whole query in
    full-text rank order, then those found only through the actors and places it names (most
    mentions first). ``names=False`` searches the text only."""
    tree = parse(query)
    if tree is None:
        raise StoreError("E403", query=query, detail="it has no word to look for; give one, as in 'sarraj' or '\"joint statement\"'")
    kb = load_knowledge() if names else None
    actor_rows = store.actors() if names else []
    place_rows = store.places() if names else []
    text_ids: dict[Term, set[str]] = {}
    entity_mentions: dict[Term, dict[str, list[tuple[Named, Mention]]]] = {}
    for term, _neg in terms(tree):
        if term in text_ids:
            continue
        text_ids[term] = set(store.search_ids(term.fts()))
        found: dict[str, list[tuple[Named, Mention]]] = {}
        if names:
            named = {n.id: n for n in actors_named(store, term.words, prefix=term.prefix, kb=kb, rows=actor_rows)}
            named.update({n.id: n for n in places_named(store, term.words, prefix=term.prefix, kb=kb, rows=place_rows)})
            for m in store.mentions_of(named):
                found.setdefault(m.article_id, []).append((named[m.entity_id], m))
        entity_mentions[term] = found

    def matches(node: Node) -> set[str]:
        if isinstance(node, Term):
            return text_ids[node] | set(entity_mentions[node])
        if node[0] == "or":
            return set().union(*(matches(x) for x in node[1]))
        out = set.intersection(*(matches(x) for x in node[1]))
        for x in node[2]:
            out -= matches(x)
        return out

    found_ids = matches(tree)
    expr = fts_query(tree)
    every = store.search_ids(expr)
    ranked = [i for i in every if i in found_ids]
    by_text = set(ranked)
    positives = [t for t, neg in terms(tree) if not neg]

    def mention_count(article_id: str) -> int:
        return sum(len(entity_mentions[t].get(article_id, ())) for t in positives)

    rest = sorted(found_ids - by_text, key=lambda i: (-mention_count(i), i))
    order = (ranked + rest)[: limit or None]
    # FTS5's own snippets for the text hits shown: the first rows of the same ranking
    needed = [k for k, i in enumerate(every) if i in set(order)] if ranked else []
    snippets = {i: s for i, _t, s in store.search(expr, limit=needed[-1] + 1)} if needed else {}
    hits = []
    for article_id in order:
        article = store.article(article_id)
        if article is None:
            continue
        hit = Hit(article.id, article.title, article.published, article.source, " ".join(snippets.get(article_id, "").split()))
        seen: dict[str, tuple[Named, list[str]]] = {}
        first: Mention | None = None
        for t in positives:
            if article_id in text_ids[t] and t.shown() not in hit.words:
                hit.words.append(t.shown())
            for named, m in entity_mentions[t].get(article_id, ()):
                first = m if first is None or m.start < first.start else first
                entry = seen.setdefault(named.id, (named, []))
                if m.text not in entry[1]:
                    entry[1].append(m.text)
        hit.entities = list(seen.values())
        if not hit.snippet and first is not None:
            hit.snippet = _snippet(article.text, first.start, first.end)
        hits.append(hit)
    return hits
