"""One transaction per service call, and the announcement of what it changed."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy.orm import Session

from postcrm_desktop.services import events
from postcrm_desktop.services.actor import Actor


@contextlib.contextmanager
def transaction(session: Session, actor: Actor) -> Iterator[Session]:
    """Run the body as one transaction; on commit, announce the changed ids.

    Anything the session read before (an autobegun read transaction) is ended first so
    the write starts fresh; pending unflushed writes would be a programming error.
    """
    if session.in_transaction():
        session.rollback()
    session.info["user_id"] = actor.user_id
    session.info["changed"] = {}
    with session.begin():
        yield session
    changed = session.info.pop("changed", {})
    events.publish(events.Changes({k: frozenset(v) for k, v in changed.items()}))


def announce(session: Session, entity: str, entity_id: str) -> None:
    """Have the running transaction announce `entity_id` too: for a record whose own row
    did not change but what hangs off it did (a customer's attachment, tags, people)."""
    session.info.setdefault("changed", {}).setdefault(entity, set()).add(entity_id)


@contextlib.contextmanager
def reading(session: Session) -> Iterator[Session]:
    """A read-only unit: whatever the body reads, no transaction stays open after it."""
    if session.in_transaction():
        session.rollback()
    try:
        yield session
    finally:
        session.rollback()
