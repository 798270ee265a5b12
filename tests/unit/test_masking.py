"""Masks of phone numbers, resident IDs, names and emails, and masking inside log text.

Every number is generated; the key property is that a mask does not depend on the
hidden characters, so it cannot reveal them.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postcrm_desktop.core.masking import (
    mask_email,
    mask_landline,
    mask_middle,
    mask_mobile,
    mask_name,
    mask_phone,
    mask_resident_id,
    mask_text_for_log,
)
from postcrm_desktop.core.validators import PROVINCE_CODES, resident_id_check_digit


def n_digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


@st.composite
def mobiles(draw: st.DrawFn) -> str:
    return "1" + draw(st.sampled_from("3456789")) + draw(n_digits(9))


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    year = draw(st.integers(1900, 2020))
    first17 = (f"{province}{draw(n_digits(4))}{year}{draw(st.integers(1, 12)):02d}"
               f"{draw(st.integers(1, 28)):02d}{draw(n_digits(3))}")
    return first17 + resident_id_check_digit(first17)


@st.composite
def landlines(draw: st.DrawFn) -> str:
    area = draw(st.sampled_from(["010", "020", "021", "0755", "0571", "0931"]))
    local = draw(st.sampled_from("2345678")) + draw(n_digits(draw(st.sampled_from([6, 7]))))
    return f"{area}-{local}"


@st.composite
def emails(draw: st.DrawFn) -> str:
    local = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._",
                         min_size=1, max_size=20))
    local = local.strip("._") or "x"
    domain = draw(st.sampled_from(["example.com", "mail.example.cn", "qq.com"]))
    return f"{local}@{domain}"


def with_middle(value: str, start: int, end: int, middle: str) -> str:
    return value[:start] + middle + value[end:]


# --- examples --------------------------------------------------------------------------


def test_examples() -> None:
    assert mask_mobile("13812348000") == "138****8000"
    assert mask_mobile("+86 138-1234-8000") == "138****8000"
    assert mask_landline("020-12345678") == "020-****5678"
    assert mask_landline("0755-1234567") == "0755-***4567"
    assert mask_landline("02012345678-123") == "020-****5678-123"
    assert mask_phone("13812348000") == "138****8000"
    assert mask_phone("(020)12345678") == "020-****5678"
    assert mask_resident_id("440106199001011234") == "440106************"
    assert mask_resident_id("11010519491231002x") == "110105************"
    assert mask_resident_id("440106900101123") == "440106*********"
    assert mask_name("张三丰") == "张*丰"
    assert mask_name("张三") == "张*"
    assert mask_name("张") == "*"
    assert mask_name("欧阳娜娜") == "欧**娜"
    assert mask_name("") == ""
    assert mask_email("zhangsan@example.com") == "z******n@example.com"
    assert mask_email("ab@example.com") == "a*@example.com"


def test_malformed_input_is_still_masked() -> None:
    assert mask_mobile("1381234800") == "13******00"
    assert mask_mobile("12") == "**"
    assert mask_mobile(None) == ""
    assert mask_phone("99999999999999") == "999*******9999"
    assert mask_landline("12345678") == "12****78"
    assert mask_resident_id("44010619900101") == "440*******0101"
    assert mask_resident_id("abc") == "***"
    assert mask_email("not-an-email") == mask_middle("not-an-email")


@given(st.text(max_size=40).filter(lambda s: "*" not in s))
def test_mask_middle_keeps_length_and_hides_at_least_half(text: str) -> None:
    value = text.strip()
    masked = mask_middle(text)
    assert len(masked) == len(value)
    hidden = masked.count("*")
    assert hidden >= len(value) - 7
    assert masked.strip("*") == "" or value.startswith(masked.split("*")[0])
    assert hidden * 2 >= len(value) or len(value) >= 11


# --- properties: masks do not depend on the hidden characters ---------------------------


@given(mobiles(), n_digits(4))
def test_mobile_mask_hides_middle_and_keeps_length(number: str, other_middle: str) -> None:
    masked = mask_mobile(number)
    assert len(masked) == 11
    assert masked == number[:3] + "****" + number[7:]
    assert mask_mobile(with_middle(number, 3, 7, other_middle)) == masked
    assert mask_phone(number) == masked


@given(resident_ids(), n_digits(11), st.sampled_from("0123456789X"))
def test_id_mask_hides_birth_date_sequence_and_check_digit(id_number: str, other: str,
                                                           check: str) -> None:
    masked = mask_resident_id(id_number)
    assert len(masked) == 18
    assert masked[6:] == "*" * 12
    assert mask_resident_id(with_middle(id_number, 6, 17, other)[:17] + check) == masked


@given(landlines(), st.data())
def test_landline_mask_hides_middle_and_keeps_length(number: str, data) -> None:
    area, local = number.split("-")
    other = data.draw(n_digits(len(local) - 4))
    masked = mask_landline(number)
    assert len(masked) == len(number)
    assert masked.startswith(area + "-") and masked.endswith(local[-4:])
    assert mask_landline(f"{area}-{other}{local[-4:]}") == masked
    assert mask_phone(number) == masked


@given(st.text(min_size=3, max_size=20).map(str.strip).filter(lambda s: len(s) >= 3),
       st.text(min_size=1, max_size=1))
def test_name_mask_keeps_only_ends(name: str, other: str) -> None:
    masked = mask_name(name)
    assert len(masked) == len(name)
    assert masked[1:-1] == "*" * (len(name) - 2)
    assert mask_name(name[0] + other * (len(name) - 2) + name[-1]) == masked


@given(emails())
def test_email_mask_keeps_domain(address: str) -> None:
    local, domain = address.split("@")
    masked = mask_email(address)
    assert masked.endswith("@" + domain)
    assert len(masked) == len(address)
    assert masked[0] == "*" if len(local) == 1 else masked[0] == local[0]
    assert set(masked[1 : max(len(local) - 1, 1)]) <= {"*"}


# --- masking inside log text -----------------------------------------------------------

# Text around a number: anything but ASCII digits and characters that could make the
# number part of an address (`@`).
surrounding = st.text(
    alphabet=st.characters(blacklist_characters="0123456789@+-()", blacklist_categories=("Cs",)),
    max_size=15,
)
gap = st.sampled_from([" ", "，", "：", "\n", "\t", "|", "号码", "ID="])


@given(surrounding, gap, mobiles(), gap, surrounding, n_digits(4))
def test_log_mobile_masked(before, g1, number, g2, after, other) -> None:
    text = before + g1 + number + g2 + after
    masked = mask_text_for_log(text)
    assert number not in masked
    assert "138****8000" in mask_text_for_log(before + g1 + "13812348000" + g2 + after)
    assert mask_text_for_log(before + g1 + with_middle(number, 3, 7, other) + g2 + after) \
        == masked


@given(surrounding, gap, resident_ids(), gap, surrounding, n_digits(8))
def test_log_resident_id_masked(before, g1, id_number, g2, after, other) -> None:
    text = before + g1 + id_number + g2 + after
    masked = mask_text_for_log(text)
    assert id_number not in masked
    assert id_number[6:14] not in masked.replace(before, "").replace(after, "")
    assert mask_text_for_log(before + g1 + with_middle(id_number, 6, 14, other) + g2 + after) \
        == masked


@given(surrounding, gap, landlines(), gap, surrounding, st.sampled_from(["-", " ", "", "()"]))
def test_log_landline_masked(before, g1, number, g2, after, style) -> None:
    area, local = number.split("-")
    written = f"({area}){local}" if style == "()" else f"{area}{style}{local}"
    masked = mask_text_for_log(before + g1 + written + g2 + after)
    assert local not in masked
    assert f"{area}-" + "*" * (len(local) - 4) + local[-4:] in masked


@given(surrounding, gap, emails(), gap, surrounding)
def test_log_email_masked(before, g1, address, g2, after) -> None:
    masked = mask_text_for_log(before + g1 + address + g2 + after)
    assert mask_email(address) in masked or len(address.split("@")[0]) < 3
    local = address.split("@")[0]
    if len(local) >= 3:
        assert address not in masked


@given(st.text(alphabet="0123456789", min_size=11, max_size=40), surrounding, surrounding)
def test_log_long_digit_runs_masked(run, before, after) -> None:
    masked = mask_text_for_log(f"{before} {run} {after}")
    assert run not in masked


@given(st.text(max_size=200))
def test_log_masking_never_raises_and_is_stable(text: str) -> None:
    once = mask_text_for_log(text)
    assert mask_text_for_log(once) == once


def test_log_masking_examples() -> None:
    text = ("客户手机13812348000，电话(020)1234-5678，身份证44010619900101123X，"
            "邮箱 zhangsan@example.com 单号12345678901234567890 备用 +86 139 1234 5678 "
            "座机0755-1234567转8")
    assert mask_text_for_log(text) == (
        "客户手机138****8000，电话020-****5678，身份证440106************，"
        "邮箱 z******n@example.com 单号123*************7890 备用 139****5678 "
        "座机0755-***4567转8")
    for keep in ["共 1234567 条", "耗时 12.5 ms", "版本 2026-01-01", "没有号码"]:
        assert mask_text_for_log(keep) == keep
    assert mask_text_for_log(None) == ""
    once = mask_text_for_log(text)
    assert mask_text_for_log(once) == once  # a log line masked twice reads the same


@pytest.mark.parametrize("size", [10_000, 200_000])
def test_log_masking_of_long_text_finishes(size: int) -> None:
    # Long runs of characters that could start an address or a number must not make the
    # pattern backtrack: this completes in well under a second when the pattern is linear.
    for filler in ["a" * size, "1" * size, "a." * (size // 2), "-1" * (size // 2)]:
        out = mask_text_for_log(filler)
        assert len(out) == len(filler)
