"""What the search box's text asks for: each word routed to an index by its shape.

Nothing typed is ever passed on as query syntax. The text is cut into words of Chinese
characters, ASCII letters and digits (everything else only separates words), and each
word becomes a `Part` listing the `Source`s (index lookups) that can answer it:

- 1-2 Chinese characters: a token of the short-token table (`张伟`, a surname `张`);
  3+: a trigram phrase over name, address and company. Either also looks the name up whole.
- Digits: 3+ a phone fragment (trigram phrase over the phone digits); up to 6 also the
  sequence of a customer number (`123` finds `GZ01-2026-000123`). Dashes inside digits
  are dropped (`138-0013-8000`); `2026-0001` is also a number without its branch code.
- ASCII letters: pinyin prefixes, full or initials (`zhangw`, `zw`; `zhang san` is one
  word), and a trigram phrase when 3+ long (an English company name).
- Letters with digits (`GZ01-2026-0001`, `gz01`): customer number prefix, and trigram.
- Chinese with letters (`张s`, `欧阳x`): pinyin prefix of the name's reading.
- A whole resident ID number (18 characters, or 15 digits): that ID exactly.

Without the reveal permission (`fragments=False`) digits find a phone only whole (a mobile,
a landline with or without its area code: `PHONE_WHOLE`) or by the last 4 digits, which
the mask shows anyway (`PHONE_TAIL`); a fragment of the hidden middle finds nothing, so
the search box cannot rebuild a masked number.

A customer matches when it matches every part (a part: any of its sources). Parts that
cannot be looked up usefully (a lone 1-2 digit run next to other words, while typing
`张三 13...`) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from postcrm_desktop.core.errors import ValidationError
from postcrm_desktop.core.pinyin_keys import looks_like_pinyin, prefix_range, query_pinyin_forms
from postcrm_desktop.core.search_text import normalize_query
from postcrm_desktop.core.validators import validate_phone

MAX_QUERY_CHARS = 100
MAX_WORD = 40
MAX_PARTS = 6
MAX_SEQ_DIGITS = 6

# Source kinds.
SHORT = "short"  # value: the 1-2 character token
TRI_TEXT = "tri_text"  # value: phrase over name, address, company
TRI_PHONES = "tri_phones"  # value: digits
PINYIN = "pinyin"  # value: the lower-case form; range by prefix_range
NUMBER_PREFIX = "number_prefix"  # value: upper-case prefix of customers.number
NUMBER_SUFFIX = "number_suffix"  # value: "<year>-<digits>" after this branch's code
NUMBER_SEQ = "number_seq"  # value: the sequence digits (this branch, any year)
NAME_EXACT = "name_exact"  # value: the whole name
PHONE_WHOLE = "phone_whole"  # value: the digits of a whole phone number (`phone_keys`)
PHONE_TAIL = "phone_tail"  # value: the last 4 digits of a phone (`phone_tail`)
ID_EXACT = "id_exact"  # value: a whole resident ID number, normalised
# Sources that look at numbers a role without the reveal permission sees masked.
MASKED_KINDS = frozenset({TRI_PHONES, PHONE_WHOLE, PHONE_TAIL, ID_EXACT})
TAIL_DIGITS = 4

_HAN = r"\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
_WORD = re.compile(rf"[{_HAN}A-Za-z0-9\-]+")
_HAN_ONLY = re.compile(rf"[{_HAN}]+")
_HAN_DIGIT_EDGE = re.compile(rf"(?<=[{_HAN}])(?=[0-9])|(?<=[0-9])(?=[{_HAN}])")
_APOSTROPHE = re.compile(r"(?<=[A-Za-z])['’](?=[A-Za-z])")
_DIGITS_DASHED = re.compile(r"[0-9]+(?:-[0-9]+)*")
_NUMBER_SUFFIX = re.compile(r"(?:19|20)[0-9]{2}-[0-9]{1,6}")
_NUMBER_LIKE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]*)*")


@dataclass(frozen=True)
class Source:
    kind: str
    value: str


@dataclass(frozen=True)
class Part:
    """One word of the query and the index lookups that can answer it.

    `rank`: how few customers the word is likely to match (lower is fewer); the quick
    search reads the best-ranked part's index first and checks the others against it.
    `weak`: dropped when the query has other words.
    """

    word: str
    sources: tuple[Source, ...]
    rank: int
    weak: bool = False


def normalize(text: str) -> str:
    """Folded like names (`core.search_text.normalize_query`: NFKC, one kind of space,
    one middle dot), apostrophes inside pinyin dropped (`xi'an`), cut to
    `MAX_QUERY_CHARS`."""
    folded = normalize_query(text or "")[:MAX_QUERY_CHARS]
    return _APOSTROPHE.sub("", folded.replace("ü", "v"))


def words(text: str) -> list[str]:
    out: list[str] = []
    for chunk in _WORD.findall(text):
        for piece in _HAN_DIGIT_EDGE.split(chunk):
            if _HAN_ONLY.search(piece):
                out.extend(p for p in piece.split("-") if p)  # dashes beside Chinese: spaces
            else:
                piece = re.sub(r"-{2,}", "-", piece).strip("-")
                if piece:
                    out.append(piece)
    return [w[:MAX_WORD] for w in out]


def _pinyin_sources(word: str) -> list[Source]:
    return [Source(PINYIN, form) for form in query_pinyin_forms(word)]


def _han_part(word: str) -> Part:
    if len(word) <= 2:
        return Part(word, (Source(NAME_EXACT, word), Source(SHORT, word)),
                    rank=2 if len(word) == 2 else 6)
    return Part(word, (Source(NAME_EXACT, word), Source(TRI_TEXT, word)), rank=1)


def _whole_phone(digits: str) -> bool:
    """Digits that are a whole phone number: a mobile, a landline with its area code, or
    a landline's 7-8 digit number alone."""
    if len(digits) in (7, 8) and digits[0] not in "01":
        return True
    try:
        validate_phone(digits)
    except ValidationError:
        return False
    return True


def _id_number(word: str) -> str | None:
    value = word.upper()
    if re.fullmatch(r"[0-9]{17}[0-9X]|[0-9]{15}", value):
        return value
    return None


def _digits_part(word: str, fragments: bool) -> Part:
    digits = word.replace("-", "")
    sources: list[Source] = []
    if _NUMBER_SUFFIX.fullmatch(word):
        sources.append(Source(NUMBER_SUFFIX, word))
    if len(digits) <= MAX_SEQ_DIGITS and int(digits):
        sources.append(Source(NUMBER_SEQ, digits))
    if fragments:
        if len(digits) >= 3:
            sources.append(Source(TRI_PHONES, digits))
    else:
        if len(digits) == TAIL_DIGITS:
            sources.append(Source(PHONE_TAIL, digits))
        if _whole_phone(digits):
            sources.append(Source(PHONE_WHOLE, digits))
    id_number = _id_number(digits)
    if id_number is not None:
        sources.append(Source(ID_EXACT, id_number))
    rank = 1 if len(digits) >= 5 else 3
    return Part(word, tuple(sources), rank=rank, weak=len(digits) < 3)


def _letters_part(word: str) -> Part:
    sources = _pinyin_sources(word)
    if len(word) >= 3:
        sources.append(Source(TRI_TEXT, word))
    return Part(word, tuple(sources), rank=3 if len(word) >= 4 else 5)


def _alnum_part(word: str) -> Part:
    sources = [Source(NUMBER_PREFIX, word.upper())]
    id_number = _id_number(word)
    if id_number is not None:
        sources.append(Source(ID_EXACT, id_number))
    if len(word) >= 3:
        sources.append(Source(TRI_TEXT, word))
    return Part(word, tuple(sources), rank=1 if "-" in word or len(word) >= 6 else 3)


def _mixed_part(word: str) -> Part:
    sources = _pinyin_sources(word)
    if len(word) >= 3:
        sources.append(Source(TRI_TEXT, word))
    return Part(word, tuple(sources), rank=2)


def part_of(word: str, fragments: bool = True) -> Part | None:
    """The part for one word (as `words` cuts them), or None if nothing can answer it.
    `fragments`: phone digits may match anywhere in a number (the reveal permission)."""
    if not word:
        return None
    has_han = bool(_HAN_ONLY.search(word))
    if has_han:
        if _HAN_ONLY.fullmatch(word):
            return _han_part(word)
        part = _mixed_part(word)
    elif _DIGITS_DASHED.fullmatch(word):
        part = _digits_part(word, fragments)
    elif word.isalpha():
        part = _letters_part(word)
    elif _NUMBER_LIKE.fullmatch(word):
        part = _alnum_part(word)
    else:
        return None
    return part if part.sources else None


def parse(text: str, *, fragments: bool = True) -> list[Part] | None:
    """The parts of a search text; None when the text is blank (no condition at all).

    `[]` means the text asks for something no customer can match (only punctuation).
    `fragments=False` (no reveal permission): phones match whole or by the last 4 digits.
    """
    text = normalize(text)
    if not text.strip():
        return None
    if looks_like_pinyin(text) and re.search(r"[A-Za-z]\s+[A-Za-z]", text):
        # `zhang san`: one name typed as syllables, not two words.
        joined = re.sub(r"\s+", "", text).lower()
        phrase = " ".join(text.split())
        sources = [*_pinyin_sources(joined), Source(TRI_TEXT, phrase[:MAX_WORD])]
        return [Part(phrase, tuple(sources), rank=3)]
    compact = re.sub(r"[\s\-()]+", "", text)
    if compact.isascii() and compact.isdigit() and (_whole_phone(compact) or _id_number(compact)):
        # `139 1234 5678`, `(020) 8765 4321`: one number written in groups.
        whole = part_of(compact, fragments)
        return [whole] if whole is not None else []
    parts = [p for p in (part_of(w, fragments) for w in words(text)) if p is not None]
    strong = [p for p in parts if not p.weak]
    if strong:
        parts = strong
    unique: dict[tuple[Source, ...], Part] = {}
    for part in parts:
        unique.setdefault(part.sources, part)
    return sorted(unique.values(), key=lambda p: p.rank)[:MAX_PARTS]


def fts_phrase(text: str) -> str:
    """`text` as one quoted FTS5 phrase: whatever it holds is plain text to FTS5."""
    return '"' + text.replace('"', '""') + '"'


def pinyin_range(form: str) -> tuple[str, str]:
    return prefix_range(form)


__all__ = [
    "ID_EXACT",
    "MASKED_KINDS",
    "MAX_PARTS",
    "NAME_EXACT",
    "NUMBER_PREFIX",
    "NUMBER_SEQ",
    "NUMBER_SUFFIX",
    "PHONE_TAIL",
    "PHONE_WHOLE",
    "PINYIN",
    "SHORT",
    "TRI_PHONES",
    "TRI_TEXT",
    "Part",
    "Source",
    "fts_phrase",
    "normalize",
    "parse",
    "part_of",
    "pinyin_range",
    "words",
]
