"""Records that hang off a customer, found from the schema rather than listed by hand.

Every table with a foreign key to `customers.id` (contacts, complaints, tasks... whatever
later areas add) is a dependant, and so are attachments whose owner is a customer or any
such dependant. Merge moves them, purge removes them, and neither needs a code change
when a new table arrives.

Synced tables are changed through the ORM so the change log (sync outbox) records every
move and every removal. Local tables (not `Synced`, e.g. an index a session hook keeps)
are left to the hook that maintains them on merge, and cleared with plain SQL on purge.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Table, and_, delete, select
from sqlalchemy.orm import Mapper, Session

import postcrm_desktop.store.models  # noqa: F401 - registers every mapped table
from postcrm_desktop.store.base import Base, Synced
from postcrm_desktop.store.models.customers import Attachment, Customer

CHUNK = 500


@dataclass(frozen=True)
class Reference:
    table: Table
    column: Column[Any]
    mapped: type[Any] | None  # the mapped class of `table`, if any

    @property
    def synced(self) -> bool:
        return self.mapped is not None and issubclass(self.mapped, Synced)

    @property
    def attr(self) -> str:
        """ORM attribute name of `column` (column and attribute names may differ)."""
        assert self.mapped is not None
        mapper: Mapper[Any] = self.mapped.__mapper__
        return mapper.get_property_by_column(self.column).key


def _mapped_classes() -> dict[str, type[Any]]:
    return {m.local_table.name: m.class_ for m in Base.registry.mappers  # type: ignore[union-attr]
            if isinstance(m.local_table, Table)}


def references_to(target: Table) -> list[Reference]:
    """Every (table, column) holding a foreign key to `target`'s primary key, in a
    stable order; `target` itself is left out."""
    mapped = _mapped_classes()
    out: list[Reference] = []
    for table in Base.metadata.sorted_tables:
        if table is target:
            continue
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            if fk.column.table is target:
                out.append(Reference(table, fk.parent, mapped.get(table.name)))
    return out


def customer_references() -> list[Reference]:
    return references_to(Customer.__table__)  # type: ignore[arg-type]


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def _unique_keys(ref: Reference) -> list[list[Column[Any]]]:
    """Other columns of each unique index/constraint that includes the reference column:
    moving a row whose other values already exist on the target would break it."""
    keys: list[list[Column[Any]]] = []
    groups: list[list[Column[Any]]] = [list(ix.columns) for ix in ref.table.indexes
                                       if ix.unique]
    groups += [list(c.columns) for c in ref.table.constraints
               if c.__class__.__name__ == "UniqueConstraint"]
    for cols in groups:
        if any(c is ref.column for c in cols):
            keys.append([c for c in cols if c is not ref.column])
    return keys


def move_references(s: Session, from_id: str, to_id: str) -> dict[str, int]:
    """Re-point every synced row referencing customer `from_id` to `to_id`.

    A row that would duplicate one the target already has under a unique index (the
    same tag twice) is removed instead. Returns rows moved per table.
    """
    moved: dict[str, int] = {}
    for ref in customer_references():
        if not ref.synced:
            continue
        assert ref.mapped is not None
        cls, attr = ref.mapped, ref.attr
        unique = _unique_keys(ref)
        rows = s.execute(select(cls).where(getattr(cls, attr) == from_id)).scalars().all()
        count = 0
        for row in rows:
            if _would_collide(s, ref, cls, attr, row, to_id, unique):
                _delete_owned_attachments(s, cls, [row.id])
                s.delete(row)
                continue
            setattr(row, attr, to_id)
            count += 1
        s.flush()
        if count:
            moved[ref.table.name] = moved.get(ref.table.name, 0) + count
    attachments = s.execute(
        select(Attachment).where(Attachment.owner_entity == Customer.__entity__,
                                 Attachment.owner_id == from_id)
    ).scalars().all()
    for att in attachments:
        att.owner_id = to_id
    s.flush()
    if attachments:
        moved[Attachment.__tablename__] = len(attachments)
    return moved


def _would_collide(s: Session, ref: Reference, cls: type[Any], attr: str, row: Any,
                   to_id: str, unique: list[list[Column[Any]]]) -> bool:
    mapper: Mapper[Any] = cls.__mapper__
    for others in unique:
        conds = [getattr(cls, attr) == to_id]
        for col in others:
            key = mapper.get_property_by_column(col).key
            value = getattr(row, key)
            if value is None:  # NULLs never collide under a unique index
                break
            conds.append(getattr(cls, key) == value)
        else:
            if s.execute(select(cls.id).where(and_(*conds)).limit(1)).first():
                return True
    return False


def _delete_owned_attachments(s: Session, cls: type[Any], ids: Sequence[str]) -> int:
    entity = getattr(cls, "__entity__", "") or ""
    if not entity or not ids:
        return 0
    count = 0
    for part in _chunks(ids):
        rows = s.execute(
            select(Attachment).where(Attachment.owner_entity == entity,
                                     Attachment.owner_id.in_(part))
        ).scalars().all()
        for row in rows:
            s.delete(row)
        count += len(rows)
    return count


def delete_dependants(s: Session, target: Table, ids: Sequence[str],
                      _path: tuple[str, ...] = ()) -> dict[str, int]:
    """Remove every row that depends on rows `ids` of `target`, deepest first.

    Synced rows are deleted through the ORM (each leaves a tombstone in the change log),
    with the attachments they own; local rows with plain SQL. Returns rows removed per
    table (attachments under `attachments`).
    """
    removed: dict[str, int] = {}

    def add(name: str, n: int) -> None:
        if n:
            removed[name] = removed.get(name, 0) + n

    if not ids:
        return removed
    for ref in references_to(target):
        if ref.table.name in _path:
            continue  # a cycle in the schema: its rows are reached from the other side
        if not ref.synced:
            for part in _chunks(ids):
                result = s.execute(delete(ref.table).where(ref.column.in_(part)))
                add(ref.table.name, int(getattr(result, "rowcount", 0) or 0))
            continue
        assert ref.mapped is not None
        cls, attr = ref.mapped, ref.attr
        rows: list[Any] = []
        for part in _chunks(ids):
            rows += s.execute(select(cls).where(getattr(cls, attr).in_(part))).scalars().all()
        if not rows:
            continue
        child_ids = [r.id for r in rows]
        for name, n in delete_dependants(s, ref.table, child_ids,
                                         (*_path, target.name)).items():
            add(name, n)
        add(Attachment.__tablename__, _delete_owned_attachments(s, cls, child_ids))
        for row in rows:
            s.delete(row)
        s.flush()
        add(ref.table.name, len(rows))
    return removed


def purge_customer_rows(s: Session, customer: Customer) -> dict[str, int]:
    """Remove `customer`, everything depending on it and its attachments."""
    removed = delete_dependants(s, Customer.__table__, [customer.id])  # type: ignore[arg-type]
    n = _delete_owned_attachments(s, Customer, [customer.id])
    if n:
        removed[Attachment.__tablename__] = removed.get(Attachment.__tablename__, 0) + n
    s.flush()
    s.delete(customer)
    s.flush()
    return removed


__all__ = [
    "Reference",
    "customer_references",
    "delete_dependants",
    "move_references",
    "purge_customer_rows",
    "references_to",
]
