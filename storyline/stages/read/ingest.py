"""Ingest: files, directories and standard input → ``Document`` records.

Reads exactly what DESIGN.md lists: ``.txt``, ``.html``/``.htm`` (also
gzipped, as is ``.txt.gz``), ``.json`` (one object or a list of objects),
``.jsonl`` (one object per line) and ``-`` for JSONL on standard input.
Each unusable file or record becomes a ``Failure`` with a fix; the rest is
read. Ids are the given ``id`` or a hash of the content, so re-ingesting
the same article is a no-op.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ...errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    MalformedRecord,
    NotFound,
    TooLarge,
    Unreadable,
    Unsupported,
)
from ...models import Document, Failure
from .charset import best_reading, not_text

__all__ = [
    "VERSION", "Unit", "list_files", "read_inputs", "decode", "content_id", "database_files",
]

LOGGER = logging.getLogger(__name__)
VERSION = "ingest.v3"  # v3: doubly decoded UTF-8 put back (unmangled)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


class Unit:
    """One thing read: a document, or a failure, from one input path."""

    __slots__ = ("path", "file", "document", "failure")

    def __init__(
        self,
        path: str,
        document: Document | None = None,
        failure: Failure | None = None,
        *,
        file: str | None = None,
    ) -> None:
        self.path = path  # the unit: a file, or 'file:line' for a JSON record
        self.file = file or path  # the input file it came from
        self.document = document
        self.failure = failure


def _kind(path: Path) -> tuple[str, bool]:
    """(suffix without .gz, gzipped?)"""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), gz


# what SQLite keeps beside a database file while it is open or after a crash
DATABASE_COMPANIONS = ("-wal", "-shm", "-journal")


def database_files(db: str | os.PathLike[str]) -> frozenset[Path]:
    """The database file and its companions (``-wal``, ``-shm``, ``-journal``), resolved:
    what a build must not read as input when the database sits among its inputs."""
    base = Path(db).resolve()
    return frozenset({base, *(base.with_name(base.name + s) for s in DATABASE_COMPANIONS)})


def _skipped(path: Path, skip: frozenset[Path]) -> bool:
    if not skip or not any(path.name == p.name for p in skip):
        return False
    if path.resolve() in skip:
        LOGGER.info("%s: the database being built (or its companion); not read", path)
        return True
    return False


def list_files(paths: Iterable[str], *, skip: frozenset[Path] = frozenset()) -> Iterator[tuple[str, Path | None]]:
    """Expand the given paths (files, directories recursively, '-') in a stable order.

    Yields (path as given, Path) for files; ('-', None) for standard input;
    (path, None) with a missing path so that the caller records it. Files in ``skip``
    (resolved paths: the database being built and its companions) are left out.
    """
    for given in paths:
        if given == "-":
            yield "-", None
            continue
        p = Path(given)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    full = Path(root) / name
                    if not _skipped(full, skip):
                        yield str(full), full
        elif p.exists():
            if not _skipped(p, skip):
                yield given, p
        else:
            yield given, None


# file signatures of formats that are never text: (magic bytes, what it is)
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "gzip-compressed data: name it .txt.gz or .html.gz to have it read"),
    *((b"BZh" + bytes([d]), "bzip2-compressed data") for d in b"123456789"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x7fELF", "a program"),
)


def _sniff_binary(data: bytes) -> str | None:
    head = data[:8192]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if b"\x00" in head:
        # UTF-16/32 text has many NULs but also a regular pattern; those are decoded first
        return "NUL bytes"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.05:
        return f"{controls} control bytes in the first {len(head)}"
    return None


def _mostly_text_bytes(head: bytes) -> bool:
    """Whether bytes have the shape of text: spaces or line breaks between words."""
    return bool(head) and sum(1 for b in head if b in (9, 10, 13, 32)) / len(head) >= 0.05


def _garbled(text: str) -> str | None:
    """Why decoded text is not text (control or unassigned characters), or None."""
    sample = text[:4000]
    if not sample:
        return None
    bad = sum(
        1 for ch in sample
        if ch not in "\n\r\t\f" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")
    )
    if bad / len(sample) > 0.02:
        return f"{bad} control or unassigned characters in the first {len(sample)}"
    return None


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NULs on every other byte of ASCII text."""
    head = data[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(
    data: bytes, path: str, *, encoding: str = "", html: bool = False, check_text: bool = True
) -> tuple[str, str]:
    """Bytes → (text, encoding name). Raises EncodingError or BinaryInput.

    In order: ``encoding`` when given (binary signatures and NUL bytes are still refused); a BOM; UTF-16 without BOM; binary signatures, NUL and
    control bytes (E103); UTF-8; an HTML ``<meta charset>``; then the legacy code page whose
    reading reads most like a language (``charset.best_reading``). What is decoded must read
    as text (``charset.not_text``; for JSON, ``check_text`` False, only the decoding is
    checked): bytes no encoding reads as text are binary (E103), unless they have the shape
    of text (spaces between words) in an encoding we cannot tell (E104).
    """
    if encoding:
        # a forced encoding still does not make a PDF or an image text (UTF-16/32 has NULs)
        reason = _sniff_binary(data)
        if reason and not (reason == "NUL bytes" and re.match(r"(?i)utf[-_]?(16|32)", encoding)):
            raise BinaryInput(path=path, detail=reason)
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise EncodingError(
                f"{path}: could not decode as {encoding} ({exc}). Check --encoding, or leave "
                "it empty to detect the charset."
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name
            except UnicodeDecodeError:
                raise EncodingError(path=path) from None
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            if _garbled(text) is None:
                return text, utf16
    reason = _sniff_binary(data)
    if reason:
        raise BinaryInput(path=path, detail=reason)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # valid UTF-8 is text; plain text must still have words (random ASCII has none)
        why = not_text(text, guessed=False) if check_text and not html else None
        if why:
            raise BinaryInput(path=path, detail=f"no encoding reads it as text: {why}")
        return text, "utf-8"
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            name = m.group(1).decode("ascii", "replace")
            try:
                return data.decode(name), codecs.lookup(name).name
            except (LookupError, UnicodeDecodeError):
                pass
    return _guess_legacy(data, path, check_text=check_text)


def _guess_legacy(data: bytes, path: str, *, check_text: bool = True) -> tuple[str, str]:
    """The legacy code page whose reading reads most like a language (see ``charset``)."""
    reading = best_reading(data)
    if reading is None:
        raise EncodingError(path=path)
    text = data.decode(reading.encoding)
    why = not_text(text) if check_text else None
    if why:
        if _mostly_text_bytes(data[:8192]):
            raise EncodingError(path=path)
        raise BinaryInput(path=path, detail=f"no encoding reads it as text: {why}")
    LOGGER.debug("%s: read as %s (%s, score %.1f)", path, reading.encoding, reading.language, reading.score)
    return text, codecs.lookup(reading.encoding).name


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# the characters Windows-1252 reads from the bytes 0x80-0x9f
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
_CONT = "[\u0080-\u00bf" + re.escape(_CP1252_HIGH) + "]"
# a UTF-8 encoded character read back as Latin-1 or Windows-1252: a lead (Â-ß, à-ï, ð-ô) and
# its continuation bytes ("Ã©" for "é", "Ã\u00a0" for "à", "â€™" for "’")
_MANGLED = re.compile(f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}")


def unmangled(text: str) -> str:
    """Text that was UTF-8 and was decoded once more as Latin-1 or Windows-1252 before it was
    saved ("localitÃ\u00a0 di", "Ã‡avuÅŸoÄŸlu"), each such character put back ("località di",
    "Çavuşoğlu"). Only a run that is one whole UTF-8 character is put back, so real text that
    writes "Ã" or "â" before a letter stays as it is.

    >>> unmangled("la cittÃ\u00a0 di Aleppo, lâ€™esercito, Ã‡avuÅŸoÄŸlu, SÃO PAULO")
    'la città di Aleppo, l’esercito, Çavuşoğlu, SÃO PAULO'
    """
    if not _MANGLED.search(text):
        return text

    def back(m: re.Match[str]) -> str:
        raw = bytearray()
        for ch in m.group():
            try:
                raw += ch.encode("cp1252")
            except UnicodeEncodeError:
                raw += ch.encode("latin-1")  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: no cp1252 character
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return m.group()

    return _MANGLED.sub(back, text)


def content_id(text: str) -> str:
    """Stable id of an article from its content: 16 hex digits of SHA-1."""
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:16]


def _read_bytes(path: Path, given: str, limit: int, gz: bool) -> bytes:
    size = path.stat().st_size
    if size > limit and not gz:
        raise TooLarge(path=given, size=size, limit=limit, what="file")
    if gz:
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read(limit + 1)
        except (OSError, EOFError) as exc:
            raise BinaryInput(path=given, detail=f"not a valid gzip file: {exc}") from None
        if len(data) > limit:
            raise TooLarge(path=given, size=f"over {limit}", limit=limit, what="file (uncompressed)")
        return data
    return path.read_bytes()


def _document(
    *,
    path: str,
    fmt: str,
    content: str,
    encoding: str,
    fields: dict[str, Any] | None = None,
    no_clean: bool = False,
    line: int | None = None,
) -> Document:
    fields = fields or {}
    content = normalize(content)
    # the id is the text's as read, so a page read before its characters were put back keeps its id
    read_id = content_id(content)
    content = unicodedata.normalize("NFC", unmangled(content))
    if not content.strip():
        raise EmptyInput(path=path if line is None else f"{path}:{line}")

    def text_field(name: str) -> str | None:
        value = fields.get(name)
        if value is None:
            return None
        value = str(value).strip()
        return value or None

    given_id = text_field("id")
    url = text_field("url")
    return Document(
        id=given_id or read_id,
        path=path,
        format=fmt,
        content=content,
        encoding=encoding,
        url=url,
        source=text_field("source"),  # as given; the clean stage names the outlet otherwise
        title=text_field("title"),
        published=text_field("published"),
        language=text_field("language"),
        no_clean=no_clean,
        line=line,
    )


def _records(
    stream: IO[bytes], given: str, *, limit: int, no_clean: bool, encoding: str
) -> Iterator[Unit]:
    """JSONL records from a byte stream, one Unit per line (bad lines → failures)."""
    for number, raw in enumerate(stream, start=1):
        unit_path = f"{given}:{number}"
        try:
            if len(raw) > limit:
                raise TooLarge(path=unit_path, size=len(raw), limit=limit, what="JSONL record")
            if not raw.strip():
                continue
            text, _ = decode(raw, unit_path, encoding=encoding, check_text=False)
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                raise MalformedRecord("E106", path=given, where=f"line {number}", detail=exc.msg) from None
            yield from _from_object(obj, given, number, no_clean=no_clean)
        except InputError as exc:
            yield Unit(unit_path, failure=Failure(unit_path, "ingest", exc.code, str(exc)), file=given)


def _where(number: int | None) -> str:
    return "the record" if number is None else f"record {number}"


def _from_object(obj: Any, given: str, number: int | None, *, no_clean: bool) -> Iterator[Unit]:
    """One JSON record; ``number`` is its line or list position (None: the file is one record)."""
    unit_path = given if number is None else f"{given}:{number}"
    if not isinstance(obj, dict):
        raise MalformedRecord(
            "E106", path=given, where=_where(number), detail=f"expected an object, got {type(obj).__name__}"
        )
    body_html, body_text = obj.get("html"), obj.get("text")
    if isinstance(body_html, str) and body_html.strip():
        fmt, content = "html", body_html
    elif isinstance(body_text, str) and body_text.strip():
        fmt, content = "text", body_text
    else:
        detail = " (it is empty)" if ("text" in obj or "html" in obj) else ""
        raise MalformedRecord("E107", path=given, where=_where(number), detail=detail)
    doc = _document(
        path=given,
        fmt=fmt,
        content=content,
        encoding="utf-8",
        fields=obj,
        no_clean=no_clean,
        line=number,
    )
    yield Unit(unit_path, document=doc, file=given)


def _read_file(given: str, path: Path, *, limit: int, no_clean: bool, encoding: str) -> Iterator[Unit]:
    suffix, gz = _kind(path)
    if suffix not in SUPPORTED:
        raise Unsupported(path=given, suffix=suffix or path.name)
    if suffix in {".jsonl", ".ndjson"} or (suffix == ".json" and _is_jsonl(path, gz)):
        opener = gzip.open if gz else open
        with opener(path, "rb") as stream:  # type: ignore[operator]
            yield from _records(stream, given, limit=limit, no_clean=no_clean, encoding=encoding)
        return
    data = _read_bytes(path, given, limit, gz)
    if not data.strip():
        raise EmptyInput(path=given)
    is_html = suffix in HTML_SUFFIXES
    text, enc = decode(data, given, encoding=encoding, html=is_html, check_text=suffix != ".json")
    if suffix == ".json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MalformedRecord(
                "E106", path=given, where="the file", detail=f"{exc.msg} at line {exc.lineno}"
            ) from None
        items: list[tuple[int | None, Any]] = (
            list(enumerate(obj, start=1)) if isinstance(obj, list) else [(None, obj)]
        )
        for number, item in items:
            try:
                yield from _from_object(item, given, number, no_clean=no_clean)
            except InputError as exc:
                unit_path = given if number is None else f"{given}:{number}"
                yield Unit(unit_path, failure=Failure(unit_path, "ingest", exc.code, str(exc)), file=given)
        return
    fmt = "html" if is_html else "text"
    yield Unit(given, document=_document(path=given, fmt=fmt, content=text, encoding=enc, no_clean=no_clean))


def _is_jsonl(path: Path, gz: bool) -> bool:
    """A .json file whose first line is a complete object is read as JSONL."""
    opener = gzip.open if gz else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            first = fh.readline(1_000_000).strip()
            second = fh.readline(1_000_000).strip()
        if not first.startswith(b"{") or not second.startswith(b"{"):
            return False
        json.loads(first)
        return True
    except (OSError, ValueError):
        return False


def read_inputs(
    paths: Iterable[str],
    *,
    max_bytes: int,
    no_clean: bool = False,
    encoding: str = "",
    stdin: IO[bytes] | None = None,
    skip: frozenset[Path] = frozenset(),
) -> Iterator[Unit]:
    """Every document and failure from the given paths, in a stable order (files in ``skip``
    left out: see ``database_files``)."""
    for given, path in list_files(paths, skip=skip):
        if given == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _records(stream, "-", limit=max_bytes, no_clean=no_clean, encoding=encoding)
            continue
        try:
            if path is None:
                raise NotFound(path=given)
            yield from _read_file(given, path, limit=max_bytes, no_clean=no_clean, encoding=encoding)
        except InputError as exc:
            yield Unit(given, failure=Failure(given, "ingest", exc.code, str(exc)))
        except OSError as exc:
            err = Unreadable(path=given, detail=exc.strerror or str(exc))
            yield Unit(given, failure=Failure(given, "ingest", err.code, str(err)))
