"""Waybill (mail item) numbers a complaint refers to.

International and EMS items use the UPU S10 form (`EA123456789CN`: two letters, eight
digits, a check digit, a two-letter country code), whose check digit is verified;
domestic parcel and registered-mail numbers are 10-20 digits or letters.
"""

from __future__ import annotations

import re
import unicodedata

from postcrm_desktop.core.errors import ValidationError

_S10 = re.compile(r"[A-Z]{2}(\d{8})(\d)[A-Z]{2}")
_PLAIN = re.compile(r"[0-9A-Z]{10,20}")
_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial: str) -> int:
    """The S10 check digit of an eight-digit serial number."""
    total = sum(int(d) * w for d, w in zip(serial, _WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: 0, 11: 5}.get(check, check)


def clean_waybill(text: str | None, field: str = "waybill_no") -> str:
    """The number in canonical form (upper case, no spaces), or "" when blank.

    Raises `ValidationError` for a number of the wrong shape or an S10 number whose
    check digit is wrong (usually a typing slip).
    """
    value = unicodedata.normalize("NFKC", text or "").upper()
    value = "".join(value.split()).replace("-", "")
    if not value:
        return ""
    s10 = _S10.fullmatch(value)
    if s10:
        if s10_check_digit(s10.group(1)) != int(s10.group(2)):
            raise ValidationError(field, f"邮件号 {value} 的校验位不正确，请核对")
        return value
    if not _PLAIN.fullmatch(value):
        raise ValidationError(field, "邮件号应为 10-20 位字母或数字，如 EA123456785CN")
    return value


__all__ = ["clean_waybill", "s10_check_digit"]
