"""Attachments kept inside the encrypted database: types, size, permissions, audit."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select

from postcrm_desktop.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.attachments import (
    MAX_BYTES,
    add_attachment,
    file_kind,
    list_attachments,
    read_attachment,
    remove_attachment,
)
from postcrm_desktop.services.customers.records import (
    create_customer,
    delete_customer,
    get_customer,
)
from postcrm_desktop.store.models.system import ChangeEntry
from tests.unit.customer_data import audit_detail, audit_rows, changes, individual

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 24
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64


def ooxml(folder: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{folder}document.xml", "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(("name", "data", "mime"), [
    ("合同.pdf", PDF, "application/pdf"),
    ("照片.PNG", PNG, "image/png"),
    ("扫描件.jpg", JPEG, "image/jpeg"),
    ("扫描件.jpeg", JPEG, "image/jpeg"),
    ("动图.gif", b"GIF89a" + b"\x00" * 16, "image/gif"),
    ("位图.bmp", b"BM" + b"\x00" * 16, "image/bmp"),
    ("图.webp", WEBP, "image/webp"),
    ("旧表.xls", OLE2, "application/vnd.ms-excel"),
    ("旧文档.doc", OLE2, "application/msword"),
    ("文字.wps", OLE2, "application/vnd.ms-works"),
    ("方案.docx", ooxml("word/"), None),
    ("报表.xlsx", ooxml("xl/"), None),
    ("汇报.pptx", ooxml("ppt/"), None),
])
def test_accepted_kinds(name: str, data: bytes, mime: str | None) -> None:
    kind = file_kind(name, data)
    if mime:
        assert kind.mime_type == mime


@pytest.mark.parametrize(("name", "data"), [
    ("程序.exe", EXE),
    ("无扩展名", PDF),
    ("脚本.pdf.bat", PDF),
    ("伪装.pdf", EXE),
    ("伪装.png", JPEG),
    ("伪装.docx", ooxml("xl/")),
    ("伪装.xlsx", b"PK\x03\x04not really a zip"),
    ("伪装.webp", b"RIFF\x24\x00\x00\x00WAVEfmt "),
    ("伪装.doc", PDF),
    ("空文件.pdf", b""),
])
def test_unknown_or_disguised_files_are_refused_naming_the_file(name: str,
                                                                data: bytes) -> None:
    with pytest.raises(ValidationError) as info:
        file_kind(name, data)
    assert info.value.field == "attachment"
    assert name in info.value.message


def test_a_file_over_20_mb_is_refused(branch: Branch) -> None:
    cid = create_customer(branch, individual())
    big = PDF + b"\x00" * (MAX_BYTES - len(PDF) + 1)
    with pytest.raises(ValidationError) as info:
        add_attachment(branch, "customer", cid, "大文件.pdf", big)
    assert "大文件.pdf" in info.value.message and "20 MB" in info.value.message
    assert list_attachments(branch, "customer", cid) == []


def test_a_file_of_exactly_20_mb_is_kept(branch: Branch) -> None:
    cid = create_customer(branch, individual())
    data = PDF + b"\x00" * (MAX_BYTES - len(PDF))
    info = add_attachment(branch, "customer", cid, "刚好.pdf", data)
    assert info.size == MAX_BYTES
    assert read_attachment(branch, info.id) == data


def test_add_list_read_remove_with_audit_and_change_log(branch: Branch) -> None:
    cid = create_customer(branch, individual())
    info = add_attachment(branch, "customer", cid, r"C:\Users\某人\桌面\身份证复印件.pdf", PDF)
    assert info.filename == "身份证复印件.pdf" and info.mime_type == "application/pdf"
    assert list_attachments(branch, "customer", cid) == [info]
    assert get_customer(branch, cid).attachments == [info]
    assert read_attachment(branch, info.id) == PDF
    [added] = audit_rows(branch, "attachment.added", cid)
    assert audit_detail(added) == {"attachment_id": info.id, "mime_type": "application/pdf",
                                   "size": len(PDF)}
    assert "身份证" not in added.detail
    assert len(audit_rows(branch, "attachment.opened", cid)) == 1
    [insert] = changes(branch, "attachment", info.id)
    assert insert.op == "insert" and insert.changes["data"] is None  # content not inline
    remove_attachment(branch, info.id)
    assert list_attachments(branch, "customer", cid) == []
    assert len(audit_rows(branch, "attachment.removed", cid)) == 1
    with branch.session() as s:
        ops = s.execute(select(ChangeEntry.op).where(ChangeEntry.entity_id == info.id)
                        .order_by(ChangeEntry.seq)).scalars().all()
    assert ops == ["insert", "delete"]
    with pytest.raises(NotFound):
        read_attachment(branch, info.id)


def test_attachments_follow_customer_visibility(demo_login: object) -> None:
    m1: Branch = demo_login("manager1")  # type: ignore[operator]
    cid = create_customer(m1, individual())
    info = add_attachment(m1, "customer", cid, "合同.pdf", PDF)
    m2: Branch = demo_login("manager2")  # type: ignore[operator]
    with pytest.raises(PermissionDenied):
        read_attachment(m2, info.id)
    with pytest.raises(PermissionDenied):
        add_attachment(m2, "customer", cid, "另一个.pdf", PDF)
    with pytest.raises(PermissionDenied):
        list_attachments(m2, "customer", cid)
    analyst: Branch = demo_login("analyst1")  # type: ignore[operator]
    assert read_attachment(analyst, info.id) == PDF  # sees the branch, may open
    with pytest.raises(PermissionDenied):
        remove_attachment(analyst, info.id)  # but not change it


def test_unknown_owner_and_deleted_customer_are_refused(branch: Branch) -> None:
    with pytest.raises(ValidationError) as info:
        add_attachment(branch, "spaceship", "x", "a.pdf", PDF)
    assert info.value.field == "owner_entity"
    with pytest.raises(NotFound):
        add_attachment(branch, "customer", "0" * 32, "a.pdf", PDF)
    cid = create_customer(branch, individual())
    delete_customer(branch, cid)
    with pytest.raises(Conflict):
        add_attachment(branch, "customer", cid, "a.pdf", PDF)


def test_bad_file_names_are_refused(branch: Branch) -> None:
    cid = create_customer(branch, individual())
    for name in ("", "   ", "..", "a\x00.pdf", "长" * 252 + ".pdf"):
        with pytest.raises(ValidationError) as info:
            add_attachment(branch, "customer", cid, name, PDF)
        assert info.value.field == "filename"


def test_a_customers_attachment_change_announces_the_customer(branch: Branch) -> None:
    from postcrm_desktop.services import events

    cid = create_customer(branch, individual())
    heard: list[events.Changes] = []
    unsubscribe = events.subscribe(heard.append)
    try:
        info = add_attachment(branch, "customer", cid, "合同.pdf", PDF)
        remove_attachment(branch, info.id)
    finally:
        unsubscribe()
    assert [dict(c.entities) for c in heard] == [
        {"attachment": frozenset({info.id}), "customer": frozenset({cid})}] * 2
