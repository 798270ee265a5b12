"""An open branch: the database, the logged-in user, and the key to manage key slots."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from postcrm_desktop.services.actor import Actor
from postcrm_desktop.store.audit_anchor import AnchorCheck
from postcrm_desktop.store.engine import Database


@dataclass
class Branch:
    db: Database
    actor: Actor
    # Held only while logged in: adding users and resetting passwords wrap it again.
    master: bytes = field(repr=False)
    # The audit chain's head against its anchor in the key file, as found at login
    # (before the login's own audit rows moved the head on).
    anchor_check: AnchorCheck | None = None

    @property
    def path(self) -> Path:
        return self.db.path

    def session(self) -> Session:
        return self.db.session(self.actor.user_id)

    def close(self) -> None:
        self.db.close()
        self.master = b""
