"""Fill sync columns and append to the change log on every flush, in the same transaction.

Services never stamp rows by hand: a session whose `info` carries the acting user id
gets version stamps, site id, created/updated columns and one `change_log` row per
insert, update and delete of a `Synced` row. The ids that changed are collected in
`session.info["changed"]` so the caller can announce them after commit.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from postcrm_desktop.core.hlc import HybridClock
from postcrm_desktop.store.base import Synced
from postcrm_desktop.store.models.system import ChangeEntry
from postcrm_desktop.store.types import utcnow

# Columns that describe the row rather than its content; they are not sent as changes.
_BOOKKEEPING = frozenset({"version", "site_id", "updated_at", "updated_by"})


def json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return None  # attachments travel separately, not inline in the change log
    return value


def _column_values(obj: Synced, names: Iterable[str]) -> dict[str, Any]:
    return {name: json_value(getattr(obj, name)) for name in names}


def _apply_defaults(obj: Synced) -> None:
    """Fill Python-side column defaults now, so the insert's change entry is complete."""
    for col in inspect(obj).mapper.columns:
        default = col.default
        if default is None or getattr(obj, col.key, None) is not None:
            continue
        if default.is_scalar:
            setattr(obj, col.key, default.arg)
        elif default.is_callable:
            setattr(obj, col.key, default.arg(None))


def _skipped(obj: Synced) -> frozenset[str]:
    return _BOOKKEEPING | obj.__local_columns__


def _changed_columns(obj: Synced) -> list[str]:
    state = inspect(obj)
    names = []
    skip = _skipped(obj)
    for attr in state.mapper.column_attrs:
        if attr.key in skip:
            continue
        if state.attrs[attr.key].history.has_changes():
            names.append(attr.key)
    return names


def install(session_factory: Any, clock: HybridClock) -> None:
    """Attach the hook to a sessionmaker; `clock` stamps every change of this site."""

    @event.listens_for(session_factory, "before_flush")
    def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
        user_id = session.info.get("user_id")
        changed: dict[str, set[str]] = session.info.setdefault("changed", {})
        now = utcnow()
        entries: list[ChangeEntry] = []

        for obj in list(session.new):
            if not isinstance(obj, Synced):
                continue
            stamp = clock.now().encode()
            _apply_defaults(obj)
            obj.created_at = obj.created_at or now
            obj.created_by = obj.created_by or user_id
            obj.updated_at, obj.updated_by = now, user_id
            obj.version, obj.site_id = stamp, clock.site
            skip = _skipped(obj)
            cols = [a.key for a in inspect(obj).mapper.column_attrs if a.key not in skip]
            entries.append(_entry(obj, "insert", _column_values(obj, cols), stamp, clock, user_id))

        for obj in list(session.dirty):
            if not isinstance(obj, Synced) or not session.is_modified(obj):
                continue
            cols = _changed_columns(obj)
            if not cols:
                continue
            stamp = clock.now().encode()
            obj.updated_at, obj.updated_by = now, user_id
            obj.version, obj.site_id = stamp, clock.site
            entries.append(_entry(obj, "update", _column_values(obj, cols), stamp, clock, user_id))

        for obj in list(session.deleted):
            if not isinstance(obj, Synced):
                continue
            stamp = clock.now().encode()
            entries.append(_entry(obj, "delete", None, stamp, clock, user_id))

        for entry in entries:
            changed.setdefault(entry.entity, set()).add(entry.entity_id)
            session.add(entry)


def _entry(
    obj: Synced,
    op: str,
    changes: dict[str, Any] | None,
    stamp: str,
    clock: HybridClock,
    user_id: str | None,
) -> ChangeEntry:
    return ChangeEntry(
        version=stamp,
        entity=obj.__entity__ or type(obj).__tablename__,
        entity_id=obj.id,
        op=op,
        changes=changes,
        site_id=clock.site,
        user_id=user_id,
    )
