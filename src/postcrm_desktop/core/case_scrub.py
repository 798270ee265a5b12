"""Keeping customer data out of the case library's texts.

A case is read at every counter (and HQ publishes cases to every branch), so its texts
must not carry who the complaint was about. `scrub` rewrites a complaint's texts for a
case draft; `personal_data_in` finds what is left in a text a person typed, so the case
service can refuse it with a message naming the field.

What counts, found by shape (no check digit needed: a typo'd number is still personal):
- runs of 7 or more digits, spaces or dashes between them allowed (not a date) (phones, landlines
  without area code, ID numbers, bank cards, domestic waybill numbers), an 18-character
  ID ending in X, and letter-digit codes with 7+ digits (`EA123456785CN` waybills);
- e-mail addresses;
- the customer's own words given by the caller: name, contact people's names, the address,
  the company, the waybill number; and a person's surname followed by a form of address
  (王先生, 欧阳女士), since that names the caller as surely as the full name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from postcrm_desktop.core.pinyin_keys import COMPOUND_SURNAMES
from postcrm_desktop.core.search_text import MIDDLE_DOTS

REDACTED = "［已隐去］"
CUSTOMER = "客户"

# Forms of address that follow a surname at the counter.
HONORIFICS = ("先生", "女士", "小姐", "老师", "师傅", "阿姨", "大爷", "大姐", "大哥", "经理",
              "老板", "同志", "总")

# Full-width digits and letters count as well (typed with a Chinese input method).
_D = "0-9\uff10-\uff19"
_L = "A-Za-z\uff21-\uff3a\uff41-\uff5a"
_NUMBER = re.compile(
    rf"(?P<email>[{_L}{_D}._%+\-]+[@\uff20][{_L}{_D}\-]+(?:\.[{_L}{_D}\-]+)*\.[{_L}]{{2,}})"
    rf"|(?P<code>(?<![{_L}{_D}])[{_L}]{{0,4}}(?:[{_D}][ \-\u3000]?){{6,}}[{_D}]"
    rf"[XxＸｘ]?[{_L}]{{0,4}}(?![{_L}{_D}]))"
)
_DATE = re.compile(r"(?:19|20)[0-9]{2}[\-/.][0-9]{1,2}[\-/.][0-9]{1,2}")


@dataclass(frozen=True)
class Finding:
    kind: str  # "number", "email", "name" (a person or organisation), "known" (address...)
    text: str


def _is_number(m: re.Match[str]) -> bool:
    if m.lastgroup == "email":
        return True
    return not _DATE.fullmatch(unicodedata.normalize("NFKC", m.group(0)))


def surname_of(name: str) -> str:
    """A Chinese personal name's surname (two characters for 欧阳, 司马...), else ''."""
    name = "".join(unicodedata.normalize("NFKC", name or "").split())
    if len(name) < 2 or not all("\u3400" <= ch <= "\u9fff" for ch in name[:2]):
        return ""
    if name[:2] in COMPOUND_SURNAMES and len(name) >= 3:
        return name[:2]
    return name[0]


def _spaced(word: str) -> re.Pattern[str] | None:
    """`word` allowing any whitespace between its characters (张　三 is 张三), full-width
    and half-width forms alike, and a middle dot written any way or left out."""
    chars = [c for c in unicodedata.normalize("NFKC", word or "") if not c.isspace()]
    if len(chars) < 2:
        return None
    alts = []
    for c in chars:
        if c in MIDDLE_DOTS:  # any dot of a minority name, or none (买买提 • 艾力, 买买提艾力)
            alts.append(f"[{MIDDLE_DOTS}]?")
            continue
        wide = chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ""
        alts.append(f"[{re.escape(c)}{re.escape(wide)}]" if wide else re.escape(c))
    return re.compile(r"\s*".join(alts), re.IGNORECASE)


def _patterns(people: Iterable[str], names: Iterable[str], other: Iterable[str]
              ) -> list[tuple[str, re.Pattern[str], str]]:
    """(kind, pattern, replacement), longest words first."""
    people = [p for p in people if p]
    words = [(w, "name", CUSTOMER) for w in (*people, *names) if w] + \
            [(w, "known", REDACTED) for w in other if w]
    words.sort(key=lambda w: len(w[0]), reverse=True)
    out: list[tuple[str, re.Pattern[str], str]] = []
    for word, kind, replacement in words:
        pattern = _spaced(word)
        if pattern is not None:
            out.append((kind, pattern, replacement))
    for name in people:
        surname = surname_of(name)
        if surname:
            out.append(("name", re.compile(
                re.escape(surname) + "(?:" + "|".join(HONORIFICS) + ")"), CUSTOMER))
    return out


def personal_data_in(text: str, *, people: Iterable[str] = (), names: Iterable[str] = (),
                     other: Iterable[str] = ()) -> list[Finding]:
    """What in `text` looks like customer data (see the module text); [] when clean.

    `people`: personal names (the customer's, contact people's): the whole name, and the
    surname with a form of address; `names`: organisation names; `other`: the address,
    the waybill number and other words of the customer to find whole.
    """
    text = text or ""
    found = [Finding("email" if m.lastgroup == "email" else "number", m.group(0))
             for m in _NUMBER.finditer(text) if _is_number(m)]
    for kind, pattern, _replacement in _patterns(people, names, other):
        found += [Finding(kind, m.group(0)) for m in pattern.finditer(text)]
    return found


def scrub(text: str, *, people: Iterable[str] = (), names: Iterable[str] = (),
          other: Iterable[str] = ()) -> str:
    """`text` with names replaced by 客户 and numbers, e-mails and the other words by
    ［已隐去］ (arguments as for `personal_data_in`)."""
    out = text or ""
    for _kind, pattern, replacement in _patterns(people, names, other):
        out = pattern.sub(replacement, out)
    out = _NUMBER.sub(lambda m: REDACTED if _is_number(m) else m.group(0), out)
    # 张三先生 -> 客户先生 -> 客户 (not 客户总是: 总 alone stays)
    forms = "|".join(h for h in HONORIFICS if len(h) > 1)
    return re.sub(f"{CUSTOMER}(?:{CUSTOMER}|{forms})+", CUSTOMER, out)


__all__ = ["CUSTOMER", "HONORIFICS", "REDACTED", "Finding", "personal_data_in", "scrub",
           "surname_of"]
