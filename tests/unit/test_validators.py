"""Form validators: phone numbers, resident IDs, postal codes, emails, names.

All numbers here are generated; none belongs to a person.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import phonenumbers
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from postcrm_desktop.core.customer_enums import Gender
from postcrm_desktop.core.errors import ValidationError
from postcrm_desktop.core.validators import (
    EARLIEST_BIRTHDATE,
    FIELD_LABELS,
    PROVINCE_CODES,
    field_label,
    optional,
    resident_id_birthdate,
    resident_id_check_digit,
    resident_id_from_15,
    resident_id_gender,
    resident_id_province,
    validate_email,
    validate_landline,
    validate_mobile,
    validate_name,
    validate_phone,
    validate_postal_code,
    validate_resident_id,
)

VALIDATORS = [validate_mobile, validate_landline, validate_phone, validate_resident_id,
              validate_postal_code, validate_email, validate_name]

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


def n_digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


# --- strategies ------------------------------------------------------------------------


@st.composite
def resident_ids(draw: st.DrawFn) -> tuple[str, date, Gender]:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    region = draw(n_digits(4))
    born = draw(st.dates(min_value=EARLIEST_BIRTHDATE, max_value=date.today()))
    seq = draw(n_digits(3))
    first17 = f"{province}{region}{born:%Y%m%d}{seq}"
    gender = Gender.MALE if int(seq[-1]) % 2 else Gender.FEMALE
    return first17 + resident_id_check_digit(first17), born, gender


def libphonenumber_mobile(digits: str) -> bool:
    """What libphonenumber's metadata says: a valid mainland mobile (or either) number."""
    try:
        number = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return False
    return (phonenumbers.is_valid_number(number)
            and phonenumbers.national_significant_number(number) == digits
            and phonenumbers.number_type(number) in (
                phonenumbers.PhoneNumberType.MOBILE,
                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE))


def libphonenumber_area(area: str) -> bool:
    """An area code libphonenumber knows: a fixed-line number behind it is valid (400
    and 800 service numbers are not area codes)."""
    for local in ("2123456", "6123456", "21234567", "61234567", "81234567", "51234567",
                  "31234567", "41234567", "7123456", "8123456", "5123456"):
        try:
            number = phonenumbers.parse(area + local, "CN")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in (
                phonenumbers.PhoneNumberType.FIXED_LINE,
                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
            return True
    return False


@st.composite
def mobiles(draw: st.DrawFn) -> str:
    number = "1" + draw(st.sampled_from("3456789")) + draw(n_digits(9))
    assume(libphonenumber_mobile(number))
    return number


@st.composite
def spaced(draw: st.DrawFn, value: str, separators: str = " -") -> str:
    """`value` with random spaces/dashes between its characters."""
    out = []
    for i, ch in enumerate(value):
        if i and draw(st.integers(0, 3)) == 0:
            out.append(draw(st.text(alphabet=separators, min_size=1, max_size=2)))
        out.append(ch)
    return "".join(out)


@st.composite
def landlines(draw: st.DrawFn) -> tuple[str, str, str]:
    """(area code, local number, extension) with area codes as numbering plans use them."""
    if draw(st.booleans()):
        area = draw(st.sampled_from(["010", "020", "021", "022", "023", "024", "025", "027",
                                     "028", "029"]))
    else:
        area = "0" + draw(st.sampled_from("3456789")) + draw(n_digits(2))
        assume(libphonenumber_area(area))
    local = draw(st.sampled_from("2345678")) + draw(n_digits(draw(st.sampled_from([6, 7]))))
    ext = draw(st.one_of(st.just(""), st.text(alphabet="0123456789", min_size=1, max_size=5)))
    return area, local, ext


# --- field labels ----------------------------------------------------------------------


def test_field_labels() -> None:
    assert FIELD_LABELS["mobile"] == "手机号码"
    assert FIELD_LABELS["id_number"] == "身份证号码"
    assert field_label("postal_code") == "邮政编码"
    assert field_label("no_such_field") == "no_such_field"


@pytest.mark.parametrize(("validator", "field", "bad"), [
    (validate_mobile, "mobile", "97979"),
    (validate_landline, "landline", "97979"),
    (validate_phone, "phone", "97979"),
    (validate_resident_id, "id_number", "97979"),
    (validate_postal_code, "postal_code", "97979"),
    (validate_email, "email", "97979"),
    (validate_name, "name", "\x07"),
])
def test_messages_name_the_field(validator, field: str, bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        validator(bad)
    assert info.value.field == field
    assert FIELD_LABELS[field] in info.value.message
    assert bad not in info.value.message  # values are personal data: never echoed
    with pytest.raises(ValidationError) as info:
        validator(bad, field="contact_phone")
    assert info.value.field == "contact_phone"
    assert "联系人电话" in info.value.message


@pytest.mark.parametrize("validator", VALIDATORS)
@pytest.mark.parametrize("empty", ["", "   ", "\u3000", None])
def test_empty_is_refused_as_missing(validator, empty) -> None:
    with pytest.raises(ValidationError) as info:
        validator(empty)
    assert info.value.message.startswith("请填写")


@pytest.mark.parametrize("validator", VALIDATORS)
@given(text=st.one_of(st.text(max_size=40), st.text(alphabet="0123456789 -+()xX@.转#",
                                                     max_size=25)))
def test_random_text_raises_only_validation_error_and_is_idempotent(validator, text) -> None:
    try:
        value = validator(text)
    except ValidationError as error:
        assert error.message and error.field
        return
    assert isinstance(value, str)
    assert validator(value) == value


@pytest.mark.parametrize("validator", VALIDATORS)
def test_non_text_input_is_a_validation_error(validator) -> None:
    for value in (1.5, b"13812348000", ["x"], True):
        with pytest.raises(ValidationError):
            validator(value)


# --- mobile ----------------------------------------------------------------------------


@given(mobiles(), st.data())
def test_mobile_with_separators_and_country_code_normalizes(number: str, data) -> None:
    prefix = data.draw(st.sampled_from(["", "+86", "+86 ", "0086", "0086-", "+86-", "(+86)"]))
    text = data.draw(st.sampled_from(["", " ", "\t"])) + prefix + data.draw(spaced(number))
    assert validate_mobile(text) == number
    assert validate_phone(text) == number


def test_mobile_examples() -> None:
    assert validate_mobile("138-1234-8000") == "13812348000"
    assert validate_mobile("１３８ １２３４ ８０００") == "13812348000"  # full-width digits
    assert validate_mobile(13812348000) == "13812348000"
    for bad, message in [("1381234800", "手机号码必须是11位数字，以1开头"),
                         ("23812348000", "手机号码必须是11位数字，以1开头"),
                         ("12812348000", "手机号码的第二位应为3至9"),
                         ("1381234800a", "手机号码只能包含数字"),
                         ("\u0661\u0663\u0668\u0661\u0662\u0663\u0664\u0668\u0660\u0660\u0660",
                          "手机号码只能包含数字")]:
        with pytest.raises(ValidationError) as info:
            validate_mobile(bad)
        assert info.value.message == message


@given(st.text(alphabet="0123456789", min_size=1, max_size=15))
def test_mobile_accepts_exactly_the_numbering_plan(text: str) -> None:
    valid = len(text) == 11 and libphonenumber_mobile(text)
    try:
        assert validate_mobile(text) == text
        assert valid
    except ValidationError:
        assert not valid


@settings(max_examples=500)
@given(n_digits(10))
def test_eleven_digit_numbers_are_mobiles_exactly_when_libphonenumber_says_so(
        rest: str) -> None:
    number = "1" + rest
    try:
        validate_mobile(number)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == libphonenumber_mobile(number)


def test_data_only_ranges_are_refused_with_their_range_named() -> None:
    for number in ("14012345678", "14412345678", "14812345678", "17412345678"):
        with pytest.raises(ValidationError) as info:
            validate_mobile(number)
        assert info.value.message == f"手机号码的号段{number[:3]}不是手机号段，请核对"
    assert validate_mobile("14712345678") == "14712345678"  # a real mobile range
    assert validate_mobile("+86 199 1234 5678") == "19912345678"


# --- landline --------------------------------------------------------------------------


@given(landlines(), st.data())
def test_landline_forms_normalize(parts: tuple[str, str, str], data) -> None:
    area, local, ext = parts
    expected = f"{area}-{local}" + (f"-{ext}" if ext else "")
    style = data.draw(st.sampled_from(["dash", "space", "paren", "bare", "intl", "split"]))
    if style == "dash":
        text = f"{area}-{local}"
    elif style == "space":
        text = f"{area} {local}"
    elif style == "paren":
        text = f"({area}){local}"
    elif style == "bare":
        text = area + local
    elif style == "intl":
        text = f"+86 {area[1:]} {local}"
    else:
        text = f"{area}-{local[:-4]}-{local[-4:]}"
    if ext:
        marker = data.draw(st.sampled_from(["-", "转", " ext ", "x", "#", "分机"]))
        text += marker + ext
    assert validate_landline(text) == expected
    assert validate_phone(text) == expected


@given(st.sampled_from("3456789"), n_digits(2))
def test_area_codes_are_those_libphonenumber_knows(first: str, rest: str) -> None:
    area = "0" + first + rest
    try:
        validate_landline(f"{area}-62345678")
        accepted = True
    except ValidationError as exc:
        assert exc.message == f"固定电话的区号{area}不存在，请核对，如020-12345678"
        accepted = False
    assert accepted == libphonenumber_area(area)


def test_landline_examples() -> None:
    assert validate_landline("020-12345678") == "020-12345678"
    assert validate_landline("0755-1234567") == "0755-1234567"
    assert validate_landline("02012345678") == "020-12345678"
    assert validate_landline("07551234567") == "0755-1234567"
    assert validate_landline("010 1234 5678") == "010-12345678"
    assert validate_landline("020－12345678") == "020-12345678"  # full-width dash
    for bad in ["12345678", "020-123456", "020-123456789", "0201234567890", "00-12345678",
                "020-1234567a", "020-12345678-1234567", "0755"]:
        with pytest.raises(ValidationError) as info:
            validate_landline(bad)
        assert info.value.field == "landline"
        assert info.value.message.startswith("固定电话")


def test_phone_takes_either() -> None:
    assert validate_phone("13812348000") == "13812348000"
    assert validate_phone("020-12345678") == "020-12345678"
    assert validate_phone("+86 10 12345678") == "010-12345678"
    with pytest.raises(ValidationError) as info:
        validate_phone("5555")
    assert "11位手机号码" in info.value.message and "固定电话" in info.value.message


# --- resident ID -----------------------------------------------------------------------


@given(resident_ids())
@example(("11010519491231002X", date(1949, 12, 31), Gender.FEMALE))
def test_generated_ids_pass_and_round_trip(case: tuple[str, date, Gender]) -> None:
    id_number, born, gender = case
    assert validate_resident_id(id_number) == id_number
    assert validate_resident_id(id_number.lower()) == id_number
    assert resident_id_birthdate(id_number) == born
    assert resident_id_gender(id_number) is gender
    assert resident_id_province(id_number) == PROVINCE_CODES[id_number[:2]]


@given(resident_ids(), st.integers(0, 17), st.data())
def test_any_single_character_change_fails(case, position: int, data) -> None:
    id_number = case[0]
    alphabet = "0123456789X" if position == 17 else "0123456789"
    new = data.draw(st.sampled_from([c for c in alphabet if c != id_number[position]]))
    changed = id_number[:position] + new + id_number[position + 1:]
    with pytest.raises(ValidationError) as info:
        validate_resident_id(changed)
    assert info.value.field == "id_number"


@given(resident_ids(), st.integers(0, 15))
def test_adjacent_swap_fails(case, position: int) -> None:
    id_number = case[0]
    a, b = id_number[position], id_number[position + 1]
    assume(a != b)
    swapped = id_number[:position] + b + a + id_number[position + 2:]
    with pytest.raises(ValidationError):
        validate_resident_id(swapped)


def _with_check(first17: str) -> str:
    return first17 + resident_id_check_digit(first17)


def test_resident_id_rules_and_messages() -> None:
    def message(text: str, **kwargs) -> str:
        with pytest.raises(ValidationError) as info:
            validate_resident_id(text, **kwargs)
        return info.value.message

    assert message("44010619900101123") == "身份证号码应为18位"
    assert message("440106900101123") == "身份证号码应为18位，请使用第二代身份证号码"
    assert message("4401061990010112A4") == "身份证号码前17位应为数字，最后一位为数字或X"
    assert message(_with_check("99010619900101123")) == "身份证号码前两位不是有效的省份代码"
    assert message(_with_check("00010619900101123")) == "身份证号码前两位不是有效的省份代码"
    assert message(_with_check("44010619900230123")) == "身份证号码中的出生日期无效"
    assert message(_with_check("44010619901301123")) == "身份证号码中的出生日期无效"
    assert message(_with_check("44010618991231123")) == "身份证号码中的出生日期不能早于1900年"
    tomorrow = date.today() + timedelta(days=1)
    future = _with_check(f"440106{tomorrow:%Y%m%d}123")
    assert message(future) == "身份证号码中的出生日期不能晚于今天"
    good = _with_check("44010620000229123")
    assert validate_resident_id(good, today=date(2000, 2, 29)) == good
    assert message(good, today=date(2000, 2, 28)) == "身份证号码中的出生日期不能晚于今天"
    bad_check = good[:17] + ("0" if good[17] != "0" else "1")
    assert message(bad_check) == "身份证号码校验位不正确，请核对"
    assert validate_resident_id(f" {good[:6]} {good[6:14]} {good[14:]} ") == good


def test_check_digit_known_values() -> None:
    # GB 11643 worked example and a computed X case.
    assert resident_id_check_digit("11010519491231002") == "X"
    assert resident_id_check_digit("44010619900101123") in "0123456789X"
    for bad in ["1234", "1101051949123100X", "１１０１０５１９４９１２３１００２"]:
        with pytest.raises(ValueError):
            resident_id_check_digit(bad)


def test_helpers_refuse_malformed_ids() -> None:
    for bad in ["123", "11010519491331002X", "ABCDEFGHIJKLMNOPQR"]:
        with pytest.raises(ValueError):
            resident_id_birthdate(bad)
    with pytest.raises(ValueError):
        resident_id_gender("123")
    assert resident_id_province(_with_check("99010619900101123")) is None


@given(st.sampled_from(sorted(PROVINCE_CODES)), n_digits(4),
       st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)), n_digits(3))
def test_first_generation_ids_upgrade(province, region, born, seq) -> None:
    old = f"{province}{region}{born:%y%m%d}{seq}"
    new = resident_id_from_15(old)
    assert validate_resident_id(new) == new
    assert resident_id_birthdate(new) == born
    assert new[:6] == old[:6] and new[14:17] == old[12:15]


# --- postal code, email, name ----------------------------------------------------------


@given(st.text(alphabet="0123456789", min_size=0, max_size=8))
def test_postal_code_is_six_digits_first_zero_to_eight(text: str) -> None:
    valid = len(text) == 6 and text[0] != "9"
    try:
        assert validate_postal_code(text) == text
        assert valid
    except ValidationError as error:
        assert not valid or not text
        assert "邮政编码" in error.message


def test_postal_code_examples() -> None:
    assert validate_postal_code(" 510 000 ") == "510000"
    assert validate_postal_code("０１００１０") == "010010"
    for bad in ["51000a", "5100000", "910000", "51-000"]:
        with pytest.raises(ValidationError):
            validate_postal_code(bad)


@given(st.emails())
def test_generated_emails_pass(address: str) -> None:
    local, domain = address.rsplit("@", 1)
    assume(len(address) <= 254 and len(local) <= 64)
    assume(all(label and len(label) <= 63 for label in domain.split(".")))
    assert validate_email(address) == f"{local}@{domain.lower()}"


def test_email_examples() -> None:
    assert validate_email(" Li.Ming+crm@Example.COM ") == "Li.Ming+crm@example.com"
    assert validate_email("12345＠qq。com") == "12345@qq.com"
    assert validate_email("a@mail.xn--fiqs8s") == "a@mail.xn--fiqs8s"
    for bad in ["plain", "a@b", "a@b.c", "a@@b.com", "a b@c.com", ".a@b.com", "a.@b.com",
                "a..b@c.com", "a@-b.com", "a@b-.com", "a@b..com", "张三@qq.com",
                "a@b.c1", "x" * 65 + "@b.com", "a@" + "b" * 64 + ".com"]:
        with pytest.raises(ValidationError) as info:
            validate_email(bad)
        assert info.value.message == "电子邮箱格式不正确，如name@example.com"


def test_name_examples() -> None:
    assert validate_name("  张三丰 ") == "张三丰"
    assert validate_name("张　三") == "张三"
    assert validate_name("阿依古丽 ・ 买买提") == "阿依古丽·买买提"
    assert validate_name("阿依古丽•买买提") == "阿依古丽·买买提"
    assert validate_name("Li  \t Ming") == "Li Ming"
    assert validate_name("广州 邮政 ABC 公司") == "广州邮政 ABC 公司"
    assert validate_name("王" * 50) == "王" * 50
    with pytest.raises(ValidationError) as info:
        validate_name("王" * 51)
    assert info.value.message == "姓名不能超过50个字"
    with pytest.raises(ValidationError):
        validate_name("王" * 11, max_len=10)
    for bad in ["张\x00三", "张\u200b三", "张\x1b三", "\ufeff张三"]:
        with pytest.raises(ValidationError) as info:
            validate_name(bad)
        assert info.value.message == "姓名不能包含控制字符"
    for bad in ["123", "·", "--"]:
        with pytest.raises(ValidationError) as info:
            validate_name(bad)
        assert info.value.message == "姓名至少要包含一个汉字或字母"


@given(st.text(max_size=80), st.integers(1, 60))
def test_name_output_is_clean(text: str, max_len: int) -> None:
    try:
        name = validate_name(text, max_len=max_len)
    except ValidationError:
        return
    assert name == name.strip() and name
    assert "  " not in name
    assert len(name) <= max_len
    # unassigned code points stay allowed: newer Unicode adds rare Chinese characters
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in name)
    assert all(ch == " " or not ch.isspace() for ch in name)
    assert validate_name(name, max_len=max_len) == name


# --- optional --------------------------------------------------------------------------


def test_optional() -> None:
    assert optional(validate_mobile, None, "mobile") is None
    assert optional(validate_mobile, "", "mobile") is None
    assert optional(validate_mobile, " \u3000 ", "mobile") is None
    assert optional(validate_mobile, "138 1234 8000", "mobile") == "13812348000"
    assert optional(validate_postal_code, "510000") == "510000"
    assert optional(validate_name, "王五", "contact_name", max_len=2) == "王五"
    with pytest.raises(ValidationError) as info:
        optional(validate_mobile, "123", "contact_phone")
    assert info.value.field == "contact_phone"
