"""Validators for what a person types into a customer form.

Each validator takes the raw text, returns the normalized value to store, or raises
`ValidationError(field, message)` whose Chinese message names the field by its label
(`FIELD_LABELS`). Messages never repeat the value itself: phone and ID numbers are
personal data and messages end up in logs.

Normalized forms:
- mobile: 11 ASCII digits, `13812348000` (spaces, dashes, `+86`/`0086` removed), in a
  mobile range of libphonenumber's metadata
- landline: `020-12345678`, with extension `020-12345678-123`; the area code one that
  libphonenumber's metadata knows
- resident ID: 18 characters, trailing check character upper-case `X`
- postal code: 6 ASCII digits
- email: as typed, domain lower-cased
- name: trimmed, inner whitespace collapsed to one space (none between Chinese characters),
  middle dot variants unified to `·`
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import phonenumbers

from postcrm_desktop.core.customer_enums import Gender
from postcrm_desktop.core.errors import ValidationError
from postcrm_desktop.core.search_text import normalize_name

FIELD_LABELS: dict[str, str] = {
    "mobile": "手机号码",
    "mobile2": "备用手机号码",
    "landline": "固定电话",
    "phone": "电话号码",
    "fax": "传真号码",
    "contact_phone": "联系人电话",
    "id_number": "身份证号码",
    "resident_id": "身份证号码",
    "postal_code": "邮政编码",
    "email": "电子邮箱",
    "name": "姓名",
    "customer_name": "客户名称",
    "company_name": "单位名称",
    "company": "工作单位",
    "contact_name": "联系人姓名",
    "contact_title": "联系人职务",
    "title": "职务",
    "address": "地址",
    "province": "省份",
    "city": "城市",
    "district": "区县",
    "industry": "行业",
    "department": "部门",
    "needs": "需求描述",
    "notes": "备注",
    "birthday": "生日",
    "gender": "性别",
    "customer_type": "客户类型",
    "tier": "客户等级",
    "stage": "发展阶段",
    "tag": "标签",
    "tag_group": "标签分组",
    "source_channel": "来源渠道",
}


def field_label(field: str) -> str:
    """Chinese label of `field`, or the field name itself when it has none."""
    return FIELD_LABELS.get(field, field)


# GB/T 2260 province-level codes: the first two digits of a resident ID.
PROVINCE_CODES: dict[str, str] = {
    "11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
    "21": "辽宁", "22": "吉林", "23": "黑龙江",
    "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西",
    "37": "山东",
    "41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
    "50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
    "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
    "71": "台湾", "81": "香港", "82": "澳门", "83": "台湾居民居住证",
}

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
EARLIEST_BIRTHDATE = date(1900, 1, 1)

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fc\uff0d.·]+")
_DIGITS = re.compile(r"[0-9]+")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_MOBILE_TYPES = (phonenumbers.PhoneNumberType.MOBILE,
                 phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#|\*)\s*([0-9]{1,6})$", re.IGNORECASE)
_POSTAL = re.compile(r"[0-8][0-9]{5}")
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_DOMAIN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TLD = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
_LAYOUT_SPACES = "\t\n\r\x0b\x0c"
_MIDDLE_DOTS = "\u00b7\u2027\u2022\u2219\u22c5\u30fb\uff65\u0387\u16eb\u2e31\u318d"
_HAN = re.compile(
    r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
)


def _text(value: Any, field: str) -> str:
    """Raw input as text: None is empty, numbers are their digits, anything else refused."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ValidationError(field, f"{field_label(field)}格式不正确")


def _required(value: Any, field: str) -> str:
    text = unicodedata.normalize("NFKC", _text(value, field)).strip()
    if not text:
        raise ValidationError(field, f"请填写{field_label(field)}")
    return text


def _strip_country_code(compact: str) -> tuple[str, bool]:
    for prefix in ("+86", "0086"):
        if compact.startswith(prefix):
            return compact[len(prefix):], True
    return compact, False


# --- phone numbers ---------------------------------------------------------------------


def is_mobile_range(digits: str) -> bool:
    """Whether 11 `digits` fall in a range mainland operators give to mobile phones,
    per libphonenumber's metadata (kept up to date by its maintainers; data-only and
    IoT ranges such as 140-144 or 146/148 are not phones a customer answers)."""
    try:
        number = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return False
    return (phonenumbers.is_valid_number(number)
            and phonenumbers.national_significant_number(number) == digits
            and phonenumbers.number_type(number) in _MOBILE_TYPES)


@functools.lru_cache(maxsize=1024)
def is_area_code(area: str) -> bool:
    """Whether `area` (`020`, `0755`) is a mainland area code in libphonenumber's metadata:
    some fixed-line number of 7 or 8 digits behind it is valid."""
    for length in (7, 8):
        for first in "2345678":
            local = (first + "1234567")[:length]
            try:
                number = phonenumbers.parse(area + local, "CN")
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in (
                    phonenumbers.PhoneNumberType.FIXED_LINE,
                    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
                return True
    return False


def validate_mobile(text: Any, field: str = "mobile") -> str:
    """Mainland mobile number: 11 digits in a mobile range (libphonenumber's metadata);
    returns the bare digits."""
    label = field_label(field)
    raw = _required(text, field)
    compact = _SEPARATORS.sub("", raw)
    if compact.startswith("(+86)") or compact.startswith("(0086)"):
        compact = compact.replace("(", "", 1).replace(")", "", 1)
    compact, _ = _strip_country_code(compact)
    if not compact.isascii() or not compact.isdigit():
        raise ValidationError(field, f"{label}只能包含数字")
    if len(compact) != 11 or compact[0] != "1":
        raise ValidationError(field, f"{label}必须是11位数字，以1开头")
    if not _MOBILE.fullmatch(compact):
        raise ValidationError(field, f"{label}的第二位应为3至9")
    if not is_mobile_range(compact):
        raise ValidationError(field, f"{label}的号段{compact[:3]}不是手机号段，请核对")
    return compact


def _area_length(digits: str) -> int:
    """Length of the area code that starts `digits` (010 and 02X are 3 digits, others 4)."""
    return 3 if digits[:2] in ("01", "02") else 4


def validate_landline(text: Any, field: str = "landline") -> str:
    """Fixed-line number with area code: `020-12345678`, `0755-1234567`, `-ext` kept.

    Accepts separators (spaces, dashes), `(020)`, `+86 20 ...`, and an extension after
    `-`, `转`, `分机`, `ext`, `x` or `#`. Without a separator between area code and number,
    010 and 02X are taken as 3-digit area codes and every other code as 4 digits.
    """
    label = field_label(field)
    example = "如020-12345678"
    raw = _required(text, field)
    extension = ""
    match = _EXTENSION.search(raw)
    if match:
        extension = match.group(1)
        raw = raw[: match.start()].rstrip(" -")
    raw = raw.replace("(", " ").replace(")", " ")
    raw = re.sub(r"^\s*\+\s*", "+", raw)
    compact_head = raw.replace(" ", "").replace("-", "")
    international = compact_head.startswith("+86") or compact_head.startswith("0086")
    if international:
        raw = re.sub(r"^\s*(?:\+\s*86|0086)", "", raw)
    groups = [g for g in _SEPARATORS.split(raw) if g]
    if not groups or not all(g.isascii() and g.isdigit() for g in groups):
        raise ValidationError(field, f"{label}只能包含数字和分隔符，{example}")
    if international and not groups[0].startswith("0"):
        groups[0] = "0" + groups[0]
    if not groups[0].startswith("0"):
        raise ValidationError(field, f"{label}需要带区号，区号以0开头，{example}")

    if len(groups[0]) in (3, 4) and len(groups) > 1:
        area, rest = groups[0], groups[1:]
    else:
        first = groups[0]
        cut = _area_length(first)
        if len(first) <= cut:
            raise ValidationError(field, f"{label}位数不对，{example}")
        area, rest = first[:cut], [first[cut:], *groups[1:]]
    if not re.fullmatch(r"0[1-9][0-9]{1,2}", area):
        raise ValidationError(field, f"{label}的区号应为3至4位，以0开头，{example}")
    if not is_area_code(area):
        raise ValidationError(field, f"{label}的区号{area}不存在，请核对，{example}")

    local = ""
    while rest and len(local) < 7:
        local += rest.pop(0)
    if len(local) == 7 and rest and len(local + rest[0]) == 8 and len(rest) > 1:
        local += rest.pop(0)  # 020-1234567-8-123 is not a grouping people write; take 8
    if len(local) not in (7, 8):
        raise ValidationError(field, f"{label}号码应为7至8位（不含区号），{example}")
    if rest:
        if extension or len(rest) != 1 or len(rest[0]) > 6:
            raise ValidationError(field, f"{label}位数不对，{example}")
        extension = rest[0]
    number = f"{area}-{local}"
    return f"{number}-{extension}" if extension else number


def validate_phone(text: Any, field: str = "phone") -> str:
    """A mobile number (returned as 11 digits) or a landline (returned as `020-12345678`)."""
    label = field_label(field)
    raw = _required(text, field)
    for validator in (validate_mobile, validate_landline):
        try:
            return validator(raw, field)
        except ValidationError:
            pass
    raise ValidationError(
        field, f"{label}应为11位手机号码，或带区号的固定电话（如020-12345678）"
    )


# --- resident ID -----------------------------------------------------------------------


def resident_id_check_digit(first17: str) -> str:
    """GB 11643 MOD 11-2 check character ("0"-"9" or "X") of the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("a resident ID check digit needs exactly 17 ASCII digits")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _id_shape(text: str) -> str:
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper()
    if len(compact) != 18 or not re.fullmatch(r"[0-9]{17}[0-9X]", compact):
        raise ValueError("not an 18-character resident ID")
    return compact


def resident_id_birthdate(id_number: str) -> date:
    """Birth date held in digits 7-14 of an 18-character ID (ValueError if not a date)."""
    compact = _id_shape(id_number)
    return date(int(compact[6:10]), int(compact[10:12]), int(compact[12:14]))


def resident_id_gender(id_number: str) -> Gender:
    """Gender held in the 17th digit: odd is male, even is female."""
    compact = _id_shape(id_number)
    return Gender.MALE if int(compact[16]) % 2 else Gender.FEMALE


def resident_id_province(id_number: str) -> str | None:
    """Province name of the ID's first two digits, or None if they are no province."""
    return PROVINCE_CODES.get(_id_shape(id_number)[:2])


def resident_id_from_15(old: str) -> str:
    """The 18-character form of a first-generation 15-digit ID (born 19xx)."""
    digits = re.sub(r"\s+", "", old)
    if len(digits) != 15 or not digits.isascii() or not digits.isdigit():
        raise ValueError("a first-generation resident ID has exactly 15 ASCII digits")
    first17 = digits[:6] + "19" + digits[6:]
    return first17 + resident_id_check_digit(first17)


def validate_resident_id(text: Any, field: str = "id_number", *,
                         today: date | None = None) -> str:
    """18-character mainland resident ID: province code, birth date, MOD 11-2 check."""
    label = field_label(field)
    raw = _required(text, field)
    compact = re.sub(r"\s+", "", raw).upper()
    if len(compact) == 15 and compact.isascii() and compact.isdigit():
        raise ValidationError(field, f"{label}应为18位，请使用第二代身份证号码")
    if len(compact) != 18:
        raise ValidationError(field, f"{label}应为18位")
    if not re.fullmatch(r"[0-9]{17}[0-9X]", compact):
        raise ValidationError(field, f"{label}前17位应为数字，最后一位为数字或X")
    if compact[:2] not in PROVINCE_CODES:
        raise ValidationError(field, f"{label}前两位不是有效的省份代码")
    try:
        born = resident_id_birthdate(compact)
    except ValueError:
        raise ValidationError(field, f"{label}中的出生日期无效") from None
    if born < EARLIEST_BIRTHDATE:
        raise ValidationError(field, f"{label}中的出生日期不能早于1900年")
    if born > (today or date.today()):
        raise ValidationError(field, f"{label}中的出生日期不能晚于今天")
    if resident_id_check_digit(compact[:17]) != compact[17]:
        raise ValidationError(field, f"{label}校验位不正确，请核对")
    return compact


# --- other fields ----------------------------------------------------------------------


def validate_postal_code(text: Any, field: str = "postal_code") -> str:
    """Six digits, the first 0-8."""
    label = field_label(field)
    compact = re.sub(r"\s+", "", _required(text, field))
    if not _POSTAL.fullmatch(compact):
        raise ValidationError(field, f"{label}应为6位数字，首位为0至8")
    return compact


def validate_email(text: Any, field: str = "email") -> str:
    """`local@domain.tld`; returns it trimmed with the domain in lower case."""
    label = field_label(field)
    raw = _required(text, field).replace("\u3002", ".")  # 。 typed with a Chinese IME
    bad = ValidationError(field, f"{label}格式不正确，如name@example.com")
    if len(raw) > 254 or raw.count("@") != 1:
        raise bad
    local, domain = raw.split("@")
    domain = domain.lower()
    if not local or len(local) > 64 or not _EMAIL_LOCAL.fullmatch(local):
        raise bad
    labels = domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.fullmatch(part) for part in labels):
        raise bad
    if not _TLD.fullmatch(labels[-1]):
        raise bad
    return f"{local}@{domain}"


def validate_name(text: Any, field: str = "name", max_len: int = 50) -> str:
    """A person's or organisation's name.

    Normalised by `core.search_text.normalize_name`: full-width letters folded (NFKC),
    runs of whitespace one space, none between two Chinese characters (`张　三` ->
    `张三`), middle dot variants `·` (`阿依古丽·买买提`). Refused: empty, control or
    format characters, no letter at all, longer than `max_len` characters.
    """
    label = field_label(field)
    raw = _required(text, field)
    for ch in raw:
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Cs", "Co") and ch not in _LAYOUT_SPACES:
            raise ValidationError(field, f"{label}不能包含控制字符")
    name = normalize_name(raw)
    if not any(unicodedata.category(ch).startswith("L") for ch in name):
        raise ValidationError(field, f"{label}至少要包含一个汉字或字母")
    if len(name) > max_len:
        raise ValidationError(field, f"{label}不能超过{max_len}个字")
    return name


T = TypeVar("T")


def optional(validator: Callable[..., T], text: Any, field: str | None = None,
             **kwargs: Any) -> T | None:
    """`validator(text, field)` unless `text` is None, empty or only whitespace: then None."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if field is None:
        return validator(text, **kwargs)
    return validator(text, field, **kwargs)


__all__ = [
    "EARLIEST_BIRTHDATE",
    "FIELD_LABELS",
    "PROVINCE_CODES",
    "field_label",
    "optional",
    "resident_id_birthdate",
    "resident_id_check_digit",
    "resident_id_from_15",
    "resident_id_gender",
    "resident_id_province",
    "validate_email",
    "validate_landline",
    "validate_mobile",
    "validate_name",
    "validate_phone",
    "validate_postal_code",
    "validate_resident_id",
]
