"""Search hits as text: one block per article, with what it matched."""

from __future__ import annotations

from typing import Any

import click

__all__ = ["format_hits", "split_words"]


def split_words(command: click.Command, ctx: click.Context, args: list[str]) -> list[str]:
    """The command line with the query's words after a '--', so that a word starting with '-'
    ("-turkey", "-- libya") is a word and the options around the words still work."""
    options: dict[str, bool] = {}  # option string -> takes a value
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            for opt in (*param.opts, *param.secondary_opts):
                options[opt] = not param.is_flag and not param.count
    kept: list[str] = []
    words: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            words += args[i + 1 :]
            break
        name = arg.split("=", 1)[0]
        if name in options:
            kept.append(arg)
            if options[name] and "=" not in arg and i + 1 < len(args):
                kept.append(args[i + 1])
                i += 1
        elif arg.startswith("--") and arg[2:3].isalpha():
            raise click.NoSuchOption(name, ctx=ctx)  # a mistyped option, not a word
        else:
            words.append(arg)
        i += 1
    return kept + ["--", *words] if words else kept


def why(hit: dict[str, Any]) -> str:
    """What a hit matched: the query's words its text holds, and the actors and places it
    mentions that they name, with the words the article uses."""
    parts = ["words " + ", ".join(hit["matched_words"])] if hit["matched_words"] else []
    for e in hit["matched_entities"]:
        said = ", ".join(f'"{s}"' for s in e["spellings"][:4]) + (" …" if len(e["spellings"]) > 4 else "")
        parts.append(f"{e['name']} ({e['id']}) as {said}")
    return "; ".join(parts)


def format_hits(hits: list[dict[str, Any]]) -> str:
    lines = []
    for hit in hits:
        head = "  ".join(x for x in (hit["id"], hit["published"] or "undated", hit["source"] or "", hit["title"] or "(no title)") if x)
        lines.append(head)
        if hit["snippet"]:
            lines.append(f"    {hit['snippet']}")
        lines.append(f"    matched: {why(hit)}")
    return "\n".join(lines)
