"""Storyline's exceptions and error codes.

Every user-facing error carries a code and a message that names the cause
and the fix. The tree::

    StorylineError
     ├── InputError            a file or record that cannot be used (recorded, build goes on)
     │    ├── EmptyInput       E101
     │    ├── TooLarge         E102
     │    ├── BinaryInput      E103
     │    ├── EncodingError    E104
     │    ├── Unsupported      E105
     │    ├── MalformedRecord  E106, E107
     │    ├── NotFound         E108
     │    ├── Unreadable       E109
     │    └── NoArticle        E201
     ├── ConfigError           E301
     ├── StoreError            E401–E407
     ├── NoSuchArticle         E501
     ├── AmbiguousId           E502
     ├── OptionError           E503
     ├── SharedDataMissing     E601
     └── WebError              E700–E719

The CLI turns any ``StorylineError`` into one line and an exit code; the
pipeline records ``InputError`` as a failure and carries on.
"""

from __future__ import annotations

__all__ = [
    "StorylineError",
    "InputError",
    "EmptyInput",
    "TooLarge",
    "BinaryInput",
    "EncodingError",
    "Unsupported",
    "MalformedRecord",
    "NotFound",
    "Unreadable",
    "NoArticle",
    "ConfigError",
    "StoreError",
    "NoSuchArticle",
    "AmbiguousId",
    "OptionError",
    "SharedDataMissing",
    "WebError",
    "MESSAGES",
]

MESSAGES = {
    "E101": "{path}: the file is empty (or only white space). Remove it or give it content.",
    "E102": (
        "{path}: {size} bytes is over the {limit}-byte limit for one {what}. Split it, or raise "
        "the limit with --max-bytes / STORYLINE_MAX_BYTES."
    ),
    "E103": (
        "{path}: looks binary ({detail}), not text or HTML. Convert it to .txt/.html/.jsonl, "
        "or leave it out of the build."
    ),
    "E104": (
        "{path}: not UTF-8 and no charset could be detected. Re-save it as UTF-8 or pass "
        "--encoding NAME."
    ),
    "E105": (
        "{path}: unsupported file type '{suffix}'. Storyline reads .txt, .html, .htm (also .gz), "
        ".json and .jsonl; convert the file or leave it out."
    ),
    "E106": "{path}: {where} is not valid JSON ({detail}). Fix or delete it; the other records were read.",
    "E107": (
        "{path}: {where} has no 'text' or 'html' field{detail}. Each record needs one of them; "
        "the other records were read."
    ),
    "E108": "{path}: no such file or directory. Check the path.",
    "E109": "{path}: could not be read ({detail}). Check that it exists and is readable.",
    "E201": (
        "{path}: no article text was found ({detail}). If the page is an index or an error page, "
        "leave it out; if the text is already clean, build with --no-clean."
    ),
    "E301": "{detail}",
    "E401": (
        "{path}: is not a Storyline database ({detail}). Point --db at a new file or at one "
        "made by 'storyline build'."
    ),
    "E402": (
        "{path}: the database was made by a newer Storyline (schema {found} > {known}). "
        "Upgrade Storyline or use another --db."
    ),
    "E403": "bad search query '{query}': {detail}.",
    "E404": (
        "{path}: the database could not be read or written ({detail}). If another program is "
        "writing to it, wait and retry; if the file is damaged, build it again into a new --db."
    ),
    "E405": (
        "{path}: the database was made by an older Storyline (schema {found} < {known}) and could "
        "not be upgraded to be read ({detail}). Open it once with write access (e.g. 'storyline "
        "build' on it), or use a copy you can write."
    ),
    "E406": "{path}: the database cannot be opened here ({detail}). {fix}",
    "E407": (
        "{path}: no database there. Build one first ('storyline build PATH... --db {path}'), or "
        "point --db (or $STORYLINE_DB) at an existing one."
    ),
    "E700": (
        "the web view needs Starlette and uvicorn ({detail}). Install them: pip install "
        "starlette==1.10.0 uvicorn==0.54.0 (make install does)."
    ),
    "E701": "cannot serve on {host}:{port} ({detail}). Pick another --port, or stop what uses it.",
    "E702": "--tiles {url!r}: not a tile URL. Give an http(s) URL with {{z}}, {{x}} and {{y}}, e.g. https://tile.example.org/{{z}}/{{x}}/{{y}}.png.",
    "E501": (
        "no article with id or id prefix '{ident}' in {path}. List the ids with 'storyline articles "
        "--db {path}'."
    ),
    "E502": (
        "'{ident}' is ambiguous: {count} articles in {path} have ids starting with it. Give more "
        "characters of the id.{matches}"
    ),
}


class StorylineError(Exception):
    """Base of every error Storyline raises on purpose."""

    code = "E000"

    def __init__(self, message: str | None = None, **fields: object) -> None:
        self.fields = fields
        if message is None:
            template = MESSAGES.get(self.code, "{detail}")
            try:
                message = template.format(**fields)
            except KeyError:  # pragma: no cover - a missing field is a programming error
                message = f"{template} {fields}"
        super().__init__(f"[{self.code}] {message}")
        self.message = message

    def __reduce__(self) -> tuple:
        # rebuilt as raised, also across processes (a worker's ConfigError stops the build)
        return _restore, (type(self), self.code, self.message, self.fields)


def _restore(cls: type[StorylineError], code: str, message: str, fields: dict) -> StorylineError:
    exc = cls.__new__(cls)
    Exception.__init__(exc, f"[{code}] {message}")
    exc.code, exc.message, exc.fields = code, message, fields
    return exc


class InputError(StorylineError):
    """A file or record that cannot be used; recorded as a failure."""


class EmptyInput(InputError):
    code = "E101"


class TooLarge(InputError):
    code = "E102"


class BinaryInput(InputError):
    code = "E103"


class EncodingError(InputError):
    code = "E104"


class Unsupported(InputError):
    code = "E105"


class MalformedRecord(InputError):
    code = "E106"

    def __init__(self, code: str = "E106", **fields: object) -> None:
        self.code = code
        super().__init__(**fields)


class NotFound(InputError):
    code = "E108"


class Unreadable(InputError):
    code = "E109"


class NoArticle(InputError):
    code = "E201"


class ConfigError(StorylineError):
    code = "E301"


class StoreError(StorylineError):
    code = "E401"

    def __init__(self, code: str = "E401", **fields: object) -> None:
        self.code = code
        super().__init__(**fields)


class NoSuchArticle(StorylineError):
    """No article has the id (or id prefix) asked for."""

    code = "E501"


class AmbiguousId(StorylineError):
    """An id prefix that starts several articles' ids; ``ids`` holds theirs."""

    code = "E502"
    ids: tuple[str, ...] = ()


class OptionError(StorylineError):
    """A command-line value that names nothing: an actor no article names, an unknown country,
    a date that is not one. The message says which option and how to fix it."""

    code = "E503"


class SharedDataMissing(StorylineError):
    """Gold data ``storyline eval`` needs is not where it was looked for; the message names the
    path and how to point at the data."""

    code = "E601"


class WebError(StorylineError):
    """``storyline serve`` cannot start: the web libraries are missing (E700), the address is
    taken (E701), a bad --tiles URL (E702)."""

    code = "E700"

    def __init__(self, code: str = "E700", **fields: object) -> None:
        self.code = code
        super().__init__(**fields)
