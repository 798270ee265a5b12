"""Errors every layer can raise and every front end can show.

Messages are written for the person at the counter (zh_CN first); `field` names the
input that is wrong so a form can put the message beside it.
"""

from __future__ import annotations


class PostCrmError(Exception):
    """Base of every error the app shows to a user as a plain message.

    `detail` holds what a technician needs (e.g. SQLCipher's "HMAC verification failed
    for page 1221") and is shown only on request, under the plain sentence."""

    detail: str = ""

    def with_detail(self, detail: str) -> PostCrmError:
        self.detail = detail
        return self


class ValidationError(PostCrmError):
    """One input is wrong. `field` is the attribute name, `message` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class ValidationErrors(PostCrmError):
    """Several inputs of one form are wrong at once."""

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors

    def by_field(self) -> dict[str, str]:
        return {e.field: e.message for e in self.errors}


class PermissionDenied(PostCrmError):
    """The acting user's role does not grant the permission an action needs."""

    def __init__(self, permission: str, message: str | None = None) -> None:
        super().__init__(message or f"当前角色没有此操作的权限（{permission}）")
        self.permission = permission


class NotFound(PostCrmError):
    """A record the caller named does not exist (or was deleted)."""


class Conflict(PostCrmError):
    """The action is refused because of the record's current state."""
