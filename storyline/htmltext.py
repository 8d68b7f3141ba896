"""Render HTML to its visible text, block by block, in reading order.

Used to turn a web page into the plain text a person would copy from it
(menus, captions, comments and all), to list what an extractor dropped,
and by the plain-text cleaner's scorer.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

__all__ = ["visible_blocks", "visible_text"]

_INVISIBLE = {
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object",
    "embed", "canvas", "select", "option", "datalist", "map", "audio", "video",
}
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption", "menu", "html",
    "legend", "center", "button", "label",
}
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


def _is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def visible_blocks(html: str) -> list[str]:
    """The page's visible text as a list of blocks (paragraph-like units)."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(current))
        for line in text.split("\n"):
            line = line.strip()
            if line:
                blocks.append(line)
        current.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _INVISIBLE or _is_hidden(el):
            # comments, processing instructions and invisible elements: skip content,
            # but keep the tail, which belongs to the parent
            if el.tail:
                current.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            flush()
        if tag == "br":
            current.append("\n")
        elif tag == "img":
            pass
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            current.append(el.tail)

    walk(root)
    flush()
    return blocks


def visible_text(html: str) -> str:
    """The visible text, one block per line."""
    return "\n".join(visible_blocks(html))
