"""One normalisation for names and the text searched for them, so both sides agree.

`normalize_name` is what a name is stored and indexed as, and what a search compares with:

- NFKC: full-width letters and digits become ASCII (`Ｔｏｍ` -> `Tom`), compatibility
  forms their usual characters;
- every run of whitespace (ASCII space, the full-width `　`, no-break and thin spaces,
  tabs) becomes one space, none at either end;
- no space between two Chinese characters (`张　三丰` -> `张三丰`), so a name typed with a
  space between surname and given name is the same name; Latin names keep theirs
  (`John Smith`);
- the middle dot of ethnic-minority and foreign names, written `·`, `・`, `•`, `‧`, `･`
  or another dot, is one `·` with no space around it (`买买提 • 艾力` -> `买买提·艾力`).

`compact_name` drops the middle dots too (`买买提艾力`), the form people type when they
leave the dot out. Both are pure functions of the text; other areas that search names
(the case library) use them the same way.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

MIDDLE_DOT = "\u00b7"
# Middle dot variants typed in names: · ・ • ‧ ･ ⋅ ∙ ᛫ ⸱ ㆍ and the Greek ano teleia.
MIDDLE_DOTS = "\u00b7\u30fb\u2022\u2027\uff65\u22c5\u2219\u16eb\u2e31\u318d\u0387"
HAN_CLASS = (r"\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af")

_DOTS = re.compile(f"\\s*[{MIDDLE_DOTS}]\\s*")
_HAN_GAP = re.compile(f"(?<=[{HAN_CLASS}]) (?=[{HAN_CLASS}])")


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def normalize_name(text: Any) -> str:
    """The stored and searched form of a person's or organisation's name (see above)."""
    value = unicodedata.normalize("NFKC", _text(text))
    value = " ".join(value.split())
    value = _DOTS.sub(MIDDLE_DOT, value)
    return _HAN_GAP.sub("", value)


def compact_name(text: Any) -> str:
    """`normalize_name` without middle dots and spaces between a dot's neighbours:
    `买买提·艾力` -> `买买提艾力`; Latin names keep their spaces."""
    return _HAN_GAP.sub("", normalize_name(text).replace(MIDDLE_DOT, " ").strip())


def normalize_query(text: Any) -> str:
    """A search text folded like names (NFKC, one kind of space, one middle dot), but
    with the spaces between Chinese words kept: they separate words the search looks for
    separately (`广州 张三`: an address and a name)."""
    value = unicodedata.normalize("NFKC", _text(text))
    value = " ".join(value.split())
    return _DOTS.sub(MIDDLE_DOT, value)


__all__ = ["MIDDLE_DOT", "MIDDLE_DOTS", "compact_name", "normalize_name", "normalize_query"]
