"""Which legacy encoding a text is in, and whether bytes are text at all.

Bytes that are not UTF-8 (and carry no BOM or declared charset) can be read in many
8-bit code pages, and almost every byte string decodes in some of them. Two questions
decide:

1. **Which decoding reads like a language?** Every ASCII-compatible code page decodes
   ASCII bytes alike, so candidates differ only in the characters of the bytes above
   0x7F. Each candidate is scored on those characters in their context
   (:func:`plausibility`): a letter in a word of its own script and case scores; a control
   or unassigned character, a letter of another script inside a word ("GenĶve"), a
   capital inside a lower-case word ("RÚunion"), a symbol between two letters ("Gen×ve"),
   a box-drawing or half-width character in running text cost. The language identifier
   (fastText lid.176, a character n-gram model of 176 languages) then reads the words
   that hold those characters, and its confidence is added: "Réunion à Genève" reads as
   French, "RÚunion Ó Gen×ve" as nothing in particular.
2. **Does the best decoding read as text?** (:func:`not_text`) Text has words: mostly
   letters, spaces between them in the scripts that use spaces, few symbols and no
   control characters. Random or compressed bytes decode to a soup of letters and
   symbols with a space every few hundred characters; they are rejected as binary.

Candidates come from charset-normalizer and from a fixed list of the legacy code pages
news is found in (Western, Central European, Baltic, Turkish, Cyrillic, Greek, Arabic,
Hebrew); a decoding identical to a better-ranked one is the same reading.
"""

from __future__ import annotations

import codecs
import functools
import unicodedata
from dataclasses import dataclass

import charset_normalizer

__all__ = ["LEGACY", "Reading", "plausibility", "not_text", "best_reading"]

# Legacy code pages tried besides charset-normalizer's proposals, in order of preference
# when two read alike: Western (Windows, then ISO), Turkish, Central European, Baltic,
# Cyrillic (Windows, KOI8, ISO, DOS, Mac), Greek, Arabic, Hebrew.
LEGACY = (
    "cp1252", "latin_1", "iso8859_15", "cp1254", "iso8859_9", "cp1250", "iso8859_2", "cp1257",
    "cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866", "mac_cyrillic", "cp1253", "iso8859_7",
    "cp1256", "iso8859_6", "cp1255", "iso8859_8",
)

# encodings that never stand for ASCII text as ASCII (and so cannot be scored by their high bytes)
_NOT_ASCII_COMPATIBLE = {"utf_7", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"}
_ASCII = bytes([9, 10, 13, *range(0x20, 0x7F)])

# typographic characters of running text in every Western or Cyrillic code page
_TYPOGRAPHIC = set("“”‘’‚„«»‹›–—…•·°€£¥§©®™±×÷¿¡\u00a0\u202f½¼¾¹²³‰†‡¶¢¤¦¨¯´¸ªº№")
_INSIDE_WORD_OK = set("’ʼ·\u00ad\u2011")  # apostrophe, Catalan middle dot, soft and non-breaking hyphens
_FORMAT_OK = set("\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")  # soft hyphen, zero-width and direction marks
_SPACED_SCRIPTS_MIN = 0.02  # least share of spaces in text written in a script that uses spaces


_CJK_FAMILY = {"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "IDEOGRAPHIC", "HANGUL", "BOPOMOFO"}


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """The script of a letter, from its Unicode name: LATIN, CYRILLIC, ARABIC, CJK, …"""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "?"
    first = name.split(" ", 1)[0]
    if first in ("HALFWIDTH", "FULLWIDTH"):
        first = name.split(" ", 2)[1]
    # Japanese mixes kanji, hiragana and katakana in one word; Korean may mix hanja in
    return "CJK" if first in _CJK_FAMILY else first


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM"


def _char_score(text: str, i: int, main: str) -> float:
    """How plausible the non-ASCII character ``text[i]`` is where it stands, in [-3, 1];
    ``main`` is the script most of the text's letters are in."""
    ch = text[i]
    cat = unicodedata.category(ch)
    if ch == "\ufffd" or cat in ("Cc", "Cn", "Co", "Cs") or (cat == "Cf" and ch not in _FORMAT_OK):
        return -3.0
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if cat[0] in "LM":
        script = _script(ch)
        if "\uff61" <= ch <= "\uff9f":
            return -1.5  # half-width katakana: single bytes of Japanese code pages, rare in news
        if script in _UNSPACED:
            return 1.0 if script == main or main in _UNSPACED else 0.0
        if not prev.isalpha() and not nxt.isalpha() and cat[0] == "L":
            # a letter standing alone: a word in some languages ("à", "и"), else a misreading
            # of a symbol ("Home ť Egypt" for "Home » Egypt")
            if script != main:
                return -0.5
            return 0.25 if ch.islower() or not (i > 1 and text[i - 2].islower()) else -0.5
        score = 1.0
        for near in (prev, nxt):
            if near.isalpha() and not (near.isascii() and script == "LATIN") and _script(near) != script:
                score -= 1.5  # a letter of another script inside a word
        if ch.isupper() and prev.isalpha() and prev.islower():
            score -= 1.5  # a capital after a small letter inside a word ("GenĶve", "пЯХВЕР")
        elif ch.islower() and prev.isupper() and nxt.isupper() and i > 1 and text[i - 2].isupper():
            score -= 1.0  # a small letter inside a word in capitals ("RÉUNIoN")
        return max(-3.0, score)
    if cat == "Nd" or cat[0] == "Z":
        return 0.5
    # punctuation, symbols, other numbers
    if (prev.isalpha() and nxt.isalpha() and ch not in _INSIDE_WORD_OK
            and _script(prev) not in _UNSPACED and _script(nxt) not in _UNSPACED):
        return -2.0  # a symbol between two letters ("Gen×ve")
    if ch in _TYPOGRAPHIC or ch in _INSIDE_WORD_OK:
        return 0.5
    if "\u2500" <= ch <= "\u25ff" or "\u2200" <= ch <= "\u22ff" or "\u2320" <= ch <= "\u23ff":
        return -1.5  # box drawing, blocks, geometric shapes, maths: DOS code pages' graphics
    return -0.5


def main_script(text: str) -> str:
    """The script most letters of ``text`` are written in."""
    counts: dict[str, int] = {}
    for ch in text[:20000]:
        if ch.isalpha():
            s = "LATIN" if ch.isascii() else _script(ch)
            counts[s] = counts.get(s, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else "LATIN"


def plausibility(text: str, *, limit: int = 3000) -> tuple[float, int]:
    """(mean score of the non-ASCII characters, how many were scored), at most ``limit``."""
    main = main_script(text)
    total = 0.0
    n = 0
    for i, ch in enumerate(text):
        if ch.isascii():
            continue
        total += _char_score(text, i, main)
        n += 1
        if n >= limit:
            break
    return (total / n if n else 1.0), n


def _words_with_non_ascii(text: str, *, limit: int = 400) -> str:
    words = [w for w in text.split() if not w.isascii()]
    return " ".join(words[:limit])


def _language(text: str) -> tuple[str, float]:
    from .langid import identify

    return identify(text, max_chars=4000)


def _probability(text: str, language: str) -> float:
    """The language identifier's probability that ``text`` is in ``language``."""
    from .langid import _model

    sample = " ".join(text[:4000].split())
    if not sample:
        return 0.0
    labels, probs = _model().predict(sample, k=-1, threshold=0.0)
    return float(dict(zip(labels, probs)).get(f"__label__{language}", 0.0))


def not_text(text: str, *, guessed: bool = True) -> str | None:
    """Why decoded text does not read as text (random or compressed bytes), or None.

    Text has words: in the scripts that separate words with spaces there is a space every
    few words, and control, unassigned and private-use characters are rare. For a
    ``guessed`` decoding (a legacy code page chosen by its reading) its non-ASCII characters
    must also form words (:func:`plausibility`); valid UTF-8 is spared that test, since a
    table of numbers or a list of symbols is text even when it is no article.
    """
    sample = text[:20000]
    if not sample.strip():
        return None
    bad = sum(
        1 for ch in sample
        if ch not in "\n\r\t\f" and (ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    )
    if bad / len(sample) > 0.02:
        return f"{bad} control or unassigned characters in the first {len(sample)}"
    letters = [ch for ch in sample if ch.isalpha()]
    spaced = sum(1 for ch in letters if _script(ch) not in _UNSPACED) >= 0.5 * len(letters) if letters else True
    spaces = sum(1 for ch in sample if ch.isspace())
    if spaced and len(sample) >= 200 and spaces / len(sample) < _SPACED_SCRIPTS_MIN:
        return f"no words: {spaces} spaces in {len(sample)} characters"
    if spaced and len(sample.strip()) >= 32 and spaces == 0 and not sample.isascii():
        return f"no words: no space in {len(sample)} characters"
    if guessed:
        score, n = plausibility(sample)
        if n >= 32 and score < 0.0:
            return "its characters do not form words in any script"
        language, _ = _language(sample)
        common = _COMMON_LETTERS.get(language)
        letters = [ch.lower() for ch in sample if ch.isalpha() and not ch.isascii()]
        if common and len(letters) >= 200:
            share = sum(1 for ch in letters if ch in common) / len(letters)
            if share < 0.6:
                return f"its letters are not those of a language (only {share:.0%} are common {language} letters)"
    return None


# scripts written without spaces between words
_UNSPACED = {"CJK", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN", "YI"}


# The letters beyond ASCII each language writes (small letters), from the languages'
# standard alphabets (general knowledge; no corpus behind it). A reading is checked
# against the alphabet of the language the identifier finds in it: Turkish read in the
# Western code page keeps its language but shows 'ý', 'þ' and 'ð' where Turkish writes
# 'ı', 'ş' and 'ğ'.
_CYRILLIC_RU = "абвгдежзийклмнопрстуфхцчшщъыьэюяё"
_ALPHABETS = {
    "fr": "àâæçéèêëîïôœùûüÿ", "de": "äöüß", "es": "áéíóúüñ", "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóùú", "ca": "àçèéíïòóúü", "nl": "áàéèëïóöü", "sv": "åäöé", "da": "æøåé",
    "no": "æøåéèóòô", "fi": "äöåšž", "is": "áðéíóúýþæö", "tr": "çğıöşüâîû", "az": "çəğıöşü",
    "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ", "hr": "čćđšž", "bs": "čćđšž", "sr": "čćđšžабвгдђежзијклљмнњопрстћуфхцчџш",
    "sl": "čšž", "lt": "ąčęėįšųūž", "lv": "āčēģīķļņšūž", "et": "äõöüšž", "sq": "çë",
    "ru": _CYRILLIC_RU, "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя", "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "el": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰς",
    "ar": "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي", "fa": "ءآأؤئابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكةى",
    "ur": "ءآأؤئابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلںمنوہھیےۓيكة",
    "he": "אבגדהוזחטיכךלמםנןסעפףצץקרשת",
}


# The commonest letters of languages written in a script of their own, most frequent first
# (approximate letter frequencies, from general knowledge). In real text about four letters
# in five are among them; a reading in the wrong code page of the same script (Russian
# read as Greek, "Μθνθρςπ" for "Министр") keeps the script but not its statistics.
_COMMON_LETTERS = {
    "ru": "оеаинтсрвлкмдпу", "uk": "оанівтерсклудмп", "bg": "аоеинтрсвлкдпмз",
    "be": "аонірсвтыелкдмя", "sr": "аиоенрстјвкдулм", "mk": "аеоинтрсвлкдпмз",
    "el": "αοιετσνηυρκπμλω", "ar": "اليمونهرتبعدفكس", "fa": "ایردنموهتبسلکشز",
    "ur": "ایرکےنوہمتسلدبں", "he": "יוהמלארבשתנדכע",
}


@dataclass(frozen=True, slots=True)
class Reading:
    """One candidate decoding of a byte string, scored."""

    encoding: str  # Python codec name
    score: float  # plausibility of its non-ASCII characters plus the language identifier's confidence
    language: str
    text: str  # the decoded sample


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None


def _ascii_compatible(name: str) -> bool:
    if name in _NOT_ASCII_COMPATIBLE:
        return False
    try:
        return _ASCII.decode(name) == _ASCII.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


def _sample(data: bytes, size: int = 32768) -> bytes:
    """The first ``size`` bytes, cut after a line break (not inside a multi-byte character)."""
    if len(data) <= size:
        return data
    cut = data.rfind(b"\n", 0, size)
    return data[: cut + 1] if cut > size // 2 else data[:size]


def candidates(data: bytes) -> list[str]:
    """Codec names to try, charset-normalizer's proposals first (best first), then LEGACY."""
    names: list[str] = []
    try:
        matches = charset_normalizer.from_bytes(_sample(data, 65536))
    except Exception:  # pragma: no cover - the detector must never stop a build
        matches = []
    for m in list(matches)[:12]:
        for name in [m.encoding, *getattr(m, "could_be_from_charset", [])]:
            codec = _codec(name)
            if codec and codec not in names:
                names.append(codec)
    for name in LEGACY:
        codec = _codec(name)
        if codec and codec not in names:
            names.append(codec)
    return [n for n in names if _ascii_compatible(n)]


# How common each code page is for news that is not UTF-8 (a prior, in the units of the
# scores below: one well-placed character is worth 1). Western Windows first; the ISO and
# KOI8 twins close behind; DOS and Mac code pages and the rarer ISO parts far behind, so
# that a text with one accented letter ("António") is read in the common code page unless
# the others read clearly better.
_PRIOR = {
    "cp1252": 0.0, "latin_1": -0.1, "iso8859_15": -0.3,
    "cp1250": -0.5, "iso8859_2": -0.7, "cp1254": -0.5, "iso8859_9": -0.6, "cp1257": -1.0,
    "cp1251": -0.5, "koi8_r": -0.7, "koi8_u": -0.9, "iso8859_5": -1.0, "cp866": -1.0, "mac_cyrillic": -1.5,
    "cp1253": -0.8, "iso8859_7": -0.9, "cp1256": -0.5, "iso8859_6": -1.0, "cp1255": -0.8, "iso8859_8": -0.9,
    "gb18030": -1.0, "gbk": -1.0, "gb2312": -1.0, "big5": -1.0, "big5hkscs": -1.2, "shift_jis": -1.0,
    "cp932": -1.0, "euc_jp": -1.0, "euc_kr": -1.0, "cp949": -1.0, "iso2022_jp": -1.0, "tis_620": -1.0,
    "cp874": -1.0, "cp1258": -1.0,
}
_RARE = -2.0  # any other code page charset-normalizer proposes (DOS, Mac, rare ISO parts)
_EVIDENCE = 30  # characters (and words) past which more of the same does not add certainty


def _alphabet_fit(words: str, language: str) -> tuple[float, int]:
    """(mean of +1 for each non-ASCII letter in ``language``'s alphabet and -1 for each one
    not in it, how many letters), or (0, 0) for a language without an alphabet here."""
    alphabet = _ALPHABETS.get(language)
    if alphabet is None:
        return 0.0, 0
    letters = [ch.lower() for ch in words if ch.isalpha() and not ch.isascii()]
    if not letters:
        return 0.0, 0
    inside = sum(1 for ch in letters if ch in alphabet)
    return (2 * inside - len(letters)) / len(letters), len(letters)


def _frequency_fit(words: str, language: str) -> tuple[float, int]:
    """(how well the non-ASCII letters' frequencies fit ``language``, in [-1, 1]; how many
    letters), or (0, 0) for a language not in ``_COMMON_LETTERS``: +1 when at least four
    letters in five are among its commonest, -1 when two in five or fewer are."""
    common = _COMMON_LETTERS.get(language)
    if common is None:
        return 0.0, 0
    letters = [ch.lower() for ch in words if ch.isalpha() and not ch.isascii()]
    if not letters:
        return 0.0, 0
    share = sum(1 for ch in letters if ch in common) / len(letters)
    return max(-1.0, min(1.0, (share - 0.6) / 0.2)), len(letters)


def readings(data: bytes) -> list[Reading]:
    """Every candidate decoding of ``data`` that decodes, best first; a decoding identical to a
    better-ranked candidate's is the same reading and left out.

    A reading's score: the code page's prior, plus the mean plausibility of its non-ASCII
    characters and the language identifier's confidence in the words holding them, each
    weighted by how much evidence there is (up to ``_EVIDENCE`` characters or words).
    """
    sample = _sample(data)
    order = {_codec(name): i for i, name in enumerate(LEGACY)}
    # the words in ASCII read alike in every candidate: when there are enough of them, their
    # language is the text's, whatever the reading ("Home » Egypt" is English, not Slovak
    # because one reading has "Home ť Egypt")
    # (only when most of the text is ASCII: the Latin words in a Russian text say nothing)
    common = " ".join(w for w in sample.decode("latin_1").split() if w.isascii())
    ascii_letters = sum(1 for b in sample if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)
    high = sum(1 for b in sample if b >= 0x80)
    common_language, common_prob = (
        _language(common) if len(common.split()) >= 4 and ascii_letters >= 4 * high else ("und", 0.0)
    )
    scored: list[tuple[float, int, Reading]] = []
    for rank, name in enumerate(candidates(data)):
        try:
            text = sample.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        struct, n = plausibility(text)
        words = _words_with_non_ascii(text)
        # the language of the whole reading; how well the words that differ between readings
        # fit it, by the identifier and by the language's alphabet
        language = common_language if common_prob >= 0.5 else _language(text)[0]
        prob = _probability(words, language) if words else 0.0
        n_words = len(words.split())
        fit, n_letters = _alphabet_fit(words, language)
        freq, _ = _frequency_fit(words, language)
        score = (_PRIOR.get(name, _RARE) + min(n, _EVIDENCE) * struct + min(n_words, _EVIDENCE) * prob
                 + min(n_letters, _EVIDENCE) * (fit + freq))
        # ties (and identical decodings) go to the preferred code page (LEGACY order), then
        # to charset-normalizer's rank
        scored.append((round(score, 4), -order.get(name, len(LEGACY) + rank), Reading(name, round(score, 4), language, text)))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    out: list[Reading] = []
    seen: set[str] = set()
    for _, _, reading in scored:
        if reading.text not in seen:
            seen.add(reading.text)
            out.append(reading)
    return out


def best_reading(data: bytes) -> Reading | None:
    """The decoding that reads most like a language, or None when nothing decodes."""
    ranked = readings(data)
    for reading in ranked:
        try:
            data.decode(reading.encoding)
        except UnicodeDecodeError:
            continue
        return reading
    return None
