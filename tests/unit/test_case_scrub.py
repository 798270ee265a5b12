"""Customer data kept out of case texts: numbers by shape, the customer's words by value."""

from __future__ import annotations

from postcrm_desktop.core.case_scrub import REDACTED, personal_data_in, scrub, surname_of


def test_phone_id_waybill_and_email_are_taken_out_dates_kept() -> None:
    text = ("客户来电 13812348000 / 020-8765 4321，身份证44010619900101123X，"
            "邮件号EA123456785CN，邮箱 test.user@example.com，全角１３８１２３４８０００，"
            "2026-11-24 寄出，重 3 公斤，第12号窗口")
    out = scrub(text)
    for secret in ("13812348000", "8765 4321", "44010619900101123X", "EA123456785CN",
                   "test.user@example.com", "１３８１２３４８０００"):
        assert secret not in out
    assert out.count(REDACTED) == 6
    assert "2026-11-24" in out and "3 公斤" in out and "12号窗口" in out


def test_the_customers_name_spaced_or_with_a_form_of_address_becomes_customer() -> None:
    text = "张三丰先生说包裹没到，张　三丰又来电；张女士要求回电。欧阳娜娜的同事也问过。"
    out = scrub(text, people=["张三丰", "欧阳娜娜"])
    assert "张" not in out and "欧阳" not in out and "三丰" not in out
    assert out.startswith("客户说包裹没到，客户又来电；客户要求回电。客户的同事")


def test_company_address_and_waybill_given_by_value() -> None:
    text = "测试科技有限公司在示例大道 100 号的件 1234567890AB 没到"
    found = personal_data_in(text, names=["测试科技有限公司"], other=["示例大道100号"])
    assert {f.kind for f in found} == {"name", "known", "number"}
    out = scrub(text, names=["测试科技有限公司"], other=["示例大道100号"])
    assert out == f"客户在{REDACTED}的件 {REDACTED} 没到"


def test_clean_text_has_no_findings_and_compound_surnames_are_known() -> None:
    assert personal_data_in("包裹延误五天，物流信息停在广州邮件处理中心") == []
    assert surname_of("欧阳娜娜") == "欧阳"
    assert surname_of("张三") == "张"
    assert surname_of("ACME") == ""
