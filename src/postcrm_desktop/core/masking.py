"""Masks for personal data shown to roles without the reveal permission, and in logs.

Masks keep the length of phone and ID numbers, so columns line up and a clerk can still
match the visible ends against a caller's card:

    mask_mobile("13812348000")            -> "138****8000"
    mask_landline("020-12345678")         -> "020-****5678"
    mask_resident_id("440106199001011234") -> "440106************"
    mask_birthday(date(1990, 3, 15))       -> "****-03-15"
    mask_name("张三丰") -> "张*丰"      mask_name("张三") -> "张*"
    mask_email("zhangsan@example.com")   -> "z******n@example.com"

Input that is not a well-formed number is still masked (`mask_middle`), never returned
in clear. `mask_text_for_log` finds numbers and addresses inside free text.

Masks hold against combination with everything else a role without the reveal permission
sees. The ID mask keeps only the region code, which the address gives away anyway: the
birth date, sequence and check digit are hidden together, because the birthday's month
and day are shown for greetings and the gender gives the sequence's parity. With the
birth year hidden too (`mask_birthday`, and no ages), at least 500 sequence numbers and
every plausible year of birth remain for each masked ID; a phone keeps 4 or more of its
digits hidden (10,000 candidates for a mobile). Searches follow the same rule: without
the reveal permission a phone matches only whole (`phone_keys`) or by the last 4 digits
the mask shows (`phone_tail`).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from postcrm_desktop.core.errors import ValidationError
from postcrm_desktop.core.validators import validate_landline, validate_mobile

MASK = "*"


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def mask_middle(text: Any, head: int = 3, tail: int = 4) -> str:
    """`text` with its middle replaced by `*`, length kept.

    Shows `head` characters at the start and `tail` at the end when at least as many
    characters stay hidden as `head + tail` would leave (11+ characters for 3 and 4);
    shorter text shows a quarter of its length at each end, and 3 characters or fewer
    are masked whole.
    """
    value = _as_text(text).strip()
    n = len(value)
    if n < head + tail + 4:
        head = tail = n // 4
    return value[:head] + MASK * (n - head - tail) + (value[n - tail:] if tail else "")


def mask_mobile(text: Any) -> str:
    """`138****8000` for any way of writing a mobile number; anything else via `mask_middle`."""
    try:
        number = validate_mobile(text)
    except ValidationError:
        return mask_middle(text)
    return number[:3] + MASK * 4 + number[-4:]


def mask_landline(text: Any) -> str:
    """`020-****5678` (area code and last 4 digits kept, extension kept)."""
    try:
        number = validate_landline(text)
    except ValidationError:
        return mask_middle(text)
    area, local, *extension = number.split("-")
    masked = f"{area}-{MASK * (len(local) - 4)}{local[-4:]}"
    return "-".join([masked, *extension])


_STORED_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_STORED_LANDLINE = re.compile(r"(0[1-9][0-9]{1,2})-([0-9]{7,8})((?:-[0-9]{1,6})?)")


def mask_phone(text: Any) -> str:
    """Mobile or landline mask, whichever the number is; `mask_middle` otherwise."""
    if isinstance(text, str):
        # Numbers as stored (`13812348000`, `020-12345678-12`): masked directly, as a list
        # page masks hundreds of them.
        if _STORED_MOBILE.fullmatch(text):
            return text[:3] + MASK * 4 + text[-4:]
        stored = _STORED_LANDLINE.fullmatch(text)
        if stored:
            area, local, extension = stored.groups()
            return f"{area}-{MASK * (len(local) - 4)}{local[-4:]}{extension}"
    try:
        validate_mobile(text)
    except ValidationError:
        pass
    else:
        return mask_mobile(text)
    try:
        validate_landline(text)
    except ValidationError:
        return mask_middle(text)
    return mask_landline(text)


def mask_resident_id(text: Any) -> str:
    """`440106************`: the region code kept, birth date, sequence and check digit hidden.

    The number need not pass the check digit (old records are masked too); a 15-digit
    first-generation number keeps the region code too (`440106*********`).
    """
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", _as_text(text))).upper()
    if re.fullmatch(r"[0-9]{17}[0-9X]", value) or re.fullmatch(r"[0-9]{15}", value):
        return value[:6] + MASK * (len(value) - 6)
    return mask_middle(text)


def mask_birthday(value: date | None) -> str:
    """`****-03-15`: month and day (for greetings) without the year, which with the month
    and day would give the birth date hidden in the ID mask. None gives ""."""
    if value is None:
        return ""
    return f"{MASK * 4}-{value.month:02d}-{value.day:02d}"


def _digits(text: Any) -> str:
    return re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", _as_text(text)))


def phone_tail(text: Any) -> str:
    """The last 4 digits a phone's mask shows ("8000" for both `138****8000` and
    `020-****8000-12`; a landline's extension is not part of it). "" if none."""
    try:
        number = validate_mobile(text)
    except ValidationError:
        pass
    else:
        return number[-4:]
    try:
        number = validate_landline(text)
    except ValidationError:
        digits = _digits(text)
        return digits[-4:] if len(digits) >= 4 else ""
    return number.split("-")[1][-4:]


def phone_keys(text: Any) -> frozenset[str]:
    """The digit strings that name this phone whole: a mobile's 11 digits; a landline's
    area code and number (`02012345678`), its number alone (`12345678`), and both with the
    extension. A search without the reveal permission matches a phone only by one of these
    or by `phone_tail`."""
    try:
        return frozenset({validate_mobile(text)})
    except ValidationError:
        pass
    try:
        number = validate_landline(text)
    except ValidationError:
        digits = _digits(text)
        return frozenset({digits} if digits else ())
    area, local, *extension = number.split("-")
    keys = {area + local, local}
    if extension:
        keys |= {area + local + extension[0], local + extension[0]}
    return frozenset(keys)


def mask_name(text: Any) -> str:
    """First and last character kept: `张*丰`, `欧**娜`; two characters keep the first (`张*`)."""
    value = _as_text(text).strip()
    n = len(value)
    if n <= 1:
        return MASK * n
    if n == 2:
        return value[0] + MASK
    return value[0] + MASK * (n - 2) + value[-1]


def mask_email(text: Any) -> str:
    """Local part masked like a name (`z******n@example.com`), domain kept."""
    value = _as_text(text).strip()
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain:
        return mask_middle(value)
    return mask_name(local) + "@" + domain


_LOG_PATTERN = re.compile(
    r"(?P<email>(?<![A-Za-z0-9._%+*\-])[A-Za-z0-9._%+*\-]+@[A-Za-z0-9\-]{1,63}"
    r"(?:\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,63})"
    r"|(?P<id>(?<![0-9])[0-9]{17}[0-9Xx](?![0-9]))"
    r"|(?P<mobile>(?<![0-9])(?:(?:\+|00)86[ \-]?)?1[3-9][0-9](?:[ \-]?[0-9]{4}){2}(?![0-9]))"
    r"|(?P<landline>(?<![0-9])(?:\(0[0-9]{2,3}\) ?|0[0-9]{2,3}[ \-]?)"
    r"(?:[0-9]{7,8}|[0-9]{3,4}[ \-][0-9]{4})(?![0-9]))"
    r"|(?P<digits>(?<![0-9])[0-9]{11,}(?![0-9]))"
)

_LOG_MASKERS = {
    "email": mask_email,
    "id": mask_resident_id,
    "mobile": mask_mobile,
    "landline": mask_landline,
    "digits": mask_middle,
}


def _mask_match(match: re.Match[str]) -> str:
    kind = match.lastgroup or "digits"
    return _LOG_MASKERS[kind](match.group(0))


def mask_text_for_log(text: Any) -> str:
    """`text` with every mobile, landline, resident ID, email and long digit run masked.

    Numbers are found by shape (an ID need not pass its check digit); any run of 11 or
    more ASCII digits that is none of these is masked too, so a number glued to other
    digits never reaches a log in clear.
    """
    return _LOG_PATTERN.sub(_mask_match, _as_text(text))


__all__ = [
    "MASK",
    "mask_birthday",
    "mask_email",
    "mask_landline",
    "mask_middle",
    "mask_mobile",
    "mask_name",
    "mask_phone",
    "mask_resident_id",
    "mask_text_for_log",
    "phone_keys",
    "phone_tail",
]
