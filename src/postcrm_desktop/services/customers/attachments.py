"""Files kept inside the encrypted database, attached to a customer or any other record.

Accepted: PDF; images (PNG, JPEG, GIF, BMP, WebP); Office documents (doc/docx, xls/xlsx,
ppt/pptx) and their WPS counterparts (wps, et, dps); up to 20 MB each. The extension
must be one of these and the content must start the way that kind of file starts
(a renamed program is refused). Opening a file is audited: the content leaves the
encrypted database.

Owners are generic: `("customer", id)` is built in, and other areas make their records
able to hold attachments with `register_owner("contact", check)`, where `check`
raises `NotFound`/`PermissionDenied` when the actor may not see (or, for a write,
change) that record. Adding or removing a customer's attachment announces the customer
as changed as well as the attachment.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from postcrm_desktop.core.errors import Conflict, NotFound, ValidationError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.access import require_visible
from postcrm_desktop.services.customers.types import AttachmentInfo
from postcrm_desktop.services.tx import announce, reading, transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.customers import Attachment, Customer

MAX_BYTES = 20 * 1024 * 1024
MAX_FILENAME = 255

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class FileKind:
    mime_type: str
    label: str
    signatures: tuple[bytes, ...]
    zip_folder: str = ""  # Office Open XML: the folder the package must contain


_OFFICE_DOC = "application/msword"
_OFFICE_XLS = "application/vnd.ms-excel"
_OFFICE_PPT = "application/vnd.ms-powerpoint"
_OOXML = "application/vnd.openxmlformats-officedocument."

ALLOWED: dict[str, FileKind] = {
    "pdf": FileKind("application/pdf", "PDF", (b"%PDF-",)),
    "png": FileKind("image/png", "PNG图片", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": FileKind("image/jpeg", "JPEG图片", (b"\xff\xd8\xff",)),
    "jpeg": FileKind("image/jpeg", "JPEG图片", (b"\xff\xd8\xff",)),
    "gif": FileKind("image/gif", "GIF图片", (b"GIF87a", b"GIF89a")),
    "bmp": FileKind("image/bmp", "BMP图片", (b"BM",)),
    "webp": FileKind("image/webp", "WebP图片", (b"RIFF",)),
    "doc": FileKind(_OFFICE_DOC, "Word文档", (_OLE2,)),
    "xls": FileKind(_OFFICE_XLS, "Excel表格", (_OLE2,)),
    "ppt": FileKind(_OFFICE_PPT, "PowerPoint演示文稿", (_OLE2,)),
    "docx": FileKind(_OOXML + "wordprocessingml.document", "Word文档", (_ZIP,), "word/"),
    "xlsx": FileKind(_OOXML + "spreadsheetml.sheet", "Excel表格", (_ZIP,), "xl/"),
    "pptx": FileKind(_OOXML + "presentationml.presentation", "PowerPoint演示文稿", (_ZIP,),
                     "ppt/"),
    "wps": FileKind("application/vnd.ms-works", "WPS文字文档", (_OLE2,)),
    "et": FileKind("application/vnd.ms-excel", "WPS表格", (_OLE2,)),
    "dps": FileKind("application/vnd.ms-powerpoint", "WPS演示文稿", (_OLE2,)),
}

ALLOWED_LABEL = ("PDF、图片（png/jpg/gif/bmp/webp）、Office文档（doc/docx/xls/xlsx/ppt/pptx）、"
                 "WPS文档（wps/et/dps）")

# owner entity -> check(session, actor, owner_id, write)
OwnerCheck = Callable[[Session, Actor, str, bool], None]
_OWNERS: dict[str, OwnerCheck] = {}


def register_owner(entity: str, check: OwnerCheck) -> None:
    """Let records of `entity` hold attachments; `check` guards every access."""
    _OWNERS[entity] = check


def _customer_check(s: Session, actor: Actor, owner_id: str, write: bool) -> None:
    actor.require(Perm.CUSTOMER_EDIT if write else Perm.CUSTOMER_VIEW)
    customer = s.get(Customer, owner_id)
    if customer is None:
        raise NotFound("客户不存在")
    require_visible(actor, customer.owner_id)
    if write and customer.deleted_at is not None:
        raise Conflict("客户在回收站中，请先恢复")


register_owner(Customer.__entity__, _customer_check)


def _announce_owner(s: Session, entity: str, owner_id: str) -> None:
    """A customer's attachments are part of its file: announce the customer as changed
    too, so a view of that customer (and only that one) reloads."""
    if entity == Customer.__entity__:
        announce(s, entity, owner_id)


def _check_owner(s: Session, actor: Actor, entity: str, owner_id: str, write: bool) -> None:
    check = _OWNERS.get(entity)
    if check is None:
        raise ValidationError("owner_entity", "该类记录不能添加附件")
    check(s, actor, owner_id, write)


def clean_filename(filename: str) -> str:
    """The file's own name (no folders), trimmed; refused when empty or odd."""
    name = unicodedata.normalize("NFC", filename or "").replace("\\", "/").split("/")[-1]
    name = name.strip()
    if not name.strip("."):
        raise ValidationError("filename", "附件缺少文件名")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in name):
        raise ValidationError("filename", "附件文件名不能包含控制字符")
    if len(name) > MAX_FILENAME:
        raise ValidationError("filename", f"附件文件名不能超过{MAX_FILENAME}个字")
    return name


def file_kind(filename: str, data: bytes) -> FileKind:
    """The accepted kind of `data` named `filename`, or `ValidationError` naming the file."""
    name = clean_filename(filename)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = ALLOWED.get(ext)
    if kind is None:
        raise ValidationError("attachment", f"文件“{name}”的类型不支持。可上传：{ALLOWED_LABEL}")
    if not data:
        raise ValidationError("attachment", f"文件“{name}”是空文件")
    if len(data) > MAX_BYTES:
        size_mb = len(data) / (1024 * 1024)
        raise ValidationError(
            "attachment", f"文件“{name}”大小为{size_mb:.1f} MB，超过20 MB的上限")
    mismatch = ValidationError(
        "attachment", f"文件“{name}”的内容与扩展名.{ext}不符（不是{kind.label}），不能上传")
    if not any(data.startswith(sig) for sig in kind.signatures):
        raise mismatch
    if ext == "webp" and data[8:12] != b"WEBP":
        raise mismatch
    if kind.zip_folder and not _ooxml_has(data, kind.zip_folder):
        raise mismatch
    return kind


def _ooxml_has(data: bytes, folder: str) -> bool:
    """Whether `data` is an Office Open XML package with `folder` (names only, nothing
    is unpacked)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


def _info(att: Attachment) -> AttachmentInfo:
    return AttachmentInfo(att.id, att.filename, att.mime_type, att.size, att.created_at)


def add_attachment(branch: Branch, owner_entity: str, owner_id: str, filename: str,
                   data: bytes) -> AttachmentInfo:
    name = clean_filename(filename)
    kind = file_kind(name, data)
    with branch.session() as s, transaction(s, branch.actor):
        _check_owner(s, branch.actor, owner_entity, owner_id, write=True)
        att = Attachment(owner_entity=owner_entity, owner_id=owner_id, filename=name,
                         mime_type=kind.mime_type, size=len(data),
                         sha256=hashlib.sha256(data).hexdigest(), data=data)
        s.add(att)
        s.flush()
        _announce_owner(s, owner_entity, owner_id)
        # No file name in the audit detail: names often carry a person's name.
        audit.append(s, "attachment.added", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity=owner_entity,
                     entity_id=owner_id,
                     detail={"attachment_id": att.id, "mime_type": kind.mime_type,
                             "size": len(data)})
        return _info(att)


def attachments_of(s: Session, owner_entity: str, owner_id: str) -> list[AttachmentInfo]:
    """Attachment descriptions (never their content), oldest first."""
    rows = s.execute(
        select(Attachment.id, Attachment.filename, Attachment.mime_type, Attachment.size,
               Attachment.created_at)
        .where(Attachment.owner_entity == owner_entity, Attachment.owner_id == owner_id)
        .order_by(Attachment.created_at, Attachment.id)
    ).all()
    return [AttachmentInfo(*row) for row in rows]


def list_attachments(branch: Branch, owner_entity: str, owner_id: str) -> list[AttachmentInfo]:
    with branch.session() as s, reading(s):
        _check_owner(s, branch.actor, owner_entity, owner_id, write=False)
        return attachments_of(s, owner_entity, owner_id)


def _get(s: Session, attachment_id: str) -> Attachment:
    att = s.get(Attachment, attachment_id)
    if att is None:
        raise NotFound("附件不存在或已删除")
    return att


def read_attachment(branch: Branch, attachment_id: str) -> bytes:
    """The file's content, for opening or saving; audited ("attachment.opened")."""
    with branch.session() as s, transaction(s, branch.actor):
        att = _get(s, attachment_id)
        _check_owner(s, branch.actor, att.owner_entity, att.owner_id, write=False)
        data = bytes(att.data)
        audit.append(s, "attachment.opened", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity=att.owner_entity,
                     entity_id=att.owner_id, detail={"attachment_id": att.id})
        return data


def remove_attachment(branch: Branch, attachment_id: str) -> None:
    with branch.session() as s, transaction(s, branch.actor):
        att = _get(s, attachment_id)
        _check_owner(s, branch.actor, att.owner_entity, att.owner_id, write=True)
        entity, owner_id = att.owner_entity, att.owner_id
        s.delete(att)
        _announce_owner(s, entity, owner_id)
        audit.append(s, "attachment.removed", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity=entity, entity_id=owner_id,
                     detail={"attachment_id": attachment_id})


__all__ = [
    "ALLOWED",
    "MAX_BYTES",
    "add_attachment",
    "attachments_of",
    "clean_filename",
    "file_kind",
    "list_attachments",
    "read_attachment",
    "register_owner",
    "remove_attachment",
]
