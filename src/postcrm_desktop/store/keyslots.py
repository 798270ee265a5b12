"""Key slots: the database master key, wrapped once per user, in a sidecar file.

The database is encrypted with a random 256-bit master key. The sidecar
(``<database>.keys``) holds that key wrapped with AES-256-GCM under a key derived from
each user's password with Argon2id (parameters stored per slot). Adding a user adds a
slot, a password change rewraps one slot, disabling a user removes theirs; the file is
replaced atomically. The recovery key is the master key itself, written for people
(base32 with a checksum): it opens the database even when the sidecar is lost.

The sidecar also keeps login throttling state and failed-login events that happened
while the database could not be opened; they are moved into the audit log at the next
successful login. An HMAC (keyed from the master key) over the slots detects a sidecar
edited outside the app.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from filelock import FileLock, Timeout

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.store.atomic import write_atomic

FORMAT = "postcrm-keyslots"
VERSION = 1
MASTER_KEY_BYTES = 32
TAG_BYTES, NONCE_BYTES, SALT_BYTES = 16, 12, (16, 64)
# Sane Argon2id costs: anything outside was not written by this app.
KDF_TIME_RANGE, KDF_MEMORY_RANGE, KDF_PARALLEL_RANGE = (1, 16), (1024, 1048576), (1, 8)
# A lock after too many wrong passwords lifts by itself after this long (admin setting).
DEFAULT_LOCK_MINUTES = 30
MIN_LOCK_MINUTES, MAX_LOCK_MINUTES = 1, 1440


class KeySlotError(PostCrmError):
    """The sidecar is missing, damaged or does not match."""


TAMPERED_MESSAGE = "密钥文件被程序以外的方式修改过，请使用恢复密钥恢复（postcrm recover）"


class KeyFileTampered(KeySlotError):
    """A slot's parameters are out of bounds or do not match its checksum."""

    def __init__(self, user: str) -> None:
        super().__init__(
            f"密钥文件被改动：用户 {user} 的密钥槽参数不正确（不计入密码错误次数）。"
            "请使用恢复密钥恢复（postcrm recover）"
        )


class WrongPassword(PostCrmError):
    def __init__(self) -> None:
        super().__init__("用户名或密码错误")


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. About 0.4 s on a 2-core PC: slow for guessing, fine for a login."""

    time_cost: int = 4
    memory_kib: int = 131072
    parallelism: int = 1

    def derive(self, password: str, salt: bytes) -> bytes:
        return hash_secret_raw(
            password.encode("utf-8"),
            salt,
            self.time_cost,
            self.memory_kib,
            self.parallelism,
            32,
            Type.ID,
        )


# Tests lower this through `set_default_kdf`; every slot stores its own parameters,
# so a file made with one cost still opens when the default changes.
_default_kdf = KdfParams()


def set_default_kdf(params: KdfParams) -> None:
    global _default_kdf
    _default_kdf = params


def default_kdf() -> KdfParams:
    return _default_kdf


def sidecar_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keys")


def keyfile_lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keys.lock")


# Writers hold the lock for a read, a small change and an fsync'd rename; never for a
# key derivation. Waiting this long means something is stuck, not busy.
LOCK_TIMEOUT_S = 30.0


_held = threading.local()


@contextlib.contextmanager
def locked(db_path: Path) -> Iterator[None]:
    """Hold the key file's cross-process lock (other windows, CLI commands, threads).

    Re-entrant within one thread: a commit that updates the audit anchor may happen
    while the same thread already holds the lock (e.g. during login).
    """
    key = str(Path(db_path).resolve())
    depth: dict[str, int] = getattr(_held, "depth", None) or {}
    _held.depth = depth
    if depth.get(key):
        depth[key] += 1
        try:
            yield
        finally:
            depth[key] -= 1
        return
    lock = FileLock(str(keyfile_lock_path(Path(db_path))), timeout=LOCK_TIMEOUT_S,
                    mode=0o600, thread_local=False, is_singleton=False)
    try:
        lock.acquire()
    except Timeout:
        raise KeySlotError(
            "密钥文件正被另一个程序长时间占用，请关闭其他 PostCRM 窗口后再试"
        ) from None
    depth[key] = 1
    try:
        yield
    finally:
        depth[key] = 0
        lock.release()


@contextlib.contextmanager
def editing(db_path: Path, master: bytes | None = None) -> Iterator[KeyFile]:
    """One locked read-modify-write of the key file: read fresh, change, replace atomically.

    Nothing is written when the body raises, so a refused change leaves the file as it was.
    With `master`, a file edited outside the app is refused instead of being re-sealed.
    """
    db_path = Path(db_path)
    with locked(db_path):
        kf = KeyFile.load(db_path)
        if master is not None and not kf.verify_mac(master):
            raise KeySlotError(TAMPERED_MESSAGE)
        yield kf
        kf.save(db_path)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_master_key() -> bytes:
    return os.urandom(MASTER_KEY_BYTES)


def normalize_username(username: str) -> str:
    return username.strip().lower()


# --- recovery key -------------------------------------------------------------------

def recovery_key_from_master(master: bytes) -> str:
    """The master key for people: 55 base32 characters with a CRC, in groups of five."""
    crc = binascii.crc32(master).to_bytes(4, "big")[:2]
    text = base64.b32encode(master + crc).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


def master_from_recovery_key(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError) as exc:
        raise KeySlotError("恢复密钥格式不正确，请检查是否抄写有误") from exc
    master, crc = raw[:MASTER_KEY_BYTES], raw[MASTER_KEY_BYTES:]
    if len(master) != MASTER_KEY_BYTES or binascii.crc32(master).to_bytes(4, "big")[:2] != crc:
        raise KeySlotError("恢复密钥校验失败，请检查是否抄写有误")
    return master


# --- the sidecar --------------------------------------------------------------------

@dataclass
class Slot:
    user: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    # The checksum read from the file (None in files written before it existed).
    stored_check: str | None = field(default=None, compare=False)

    def check(self) -> str:
        """A checksum of the slot's fields: an edited salt or cost shows before hashing.

        It is not a secret MAC (the file's MAC needs the master key, so it can only be
        checked after a successful unwrap); it tells an edited slot from a wrong password.
        """
        body = json.dumps(self.to_json(with_check=False), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(body.encode()).hexdigest()[:32]

    def verify_sane(self) -> None:
        """Refuse a slot whose parameters were changed, before any costly key derivation."""
        k = self.kdf
        if not (
            KDF_TIME_RANGE[0] <= k.time_cost <= KDF_TIME_RANGE[1]
            and KDF_MEMORY_RANGE[0] <= k.memory_kib <= KDF_MEMORY_RANGE[1]
            and KDF_PARALLEL_RANGE[0] <= k.parallelism <= KDF_PARALLEL_RANGE[1]
            and SALT_BYTES[0] <= len(self.salt) <= SALT_BYTES[1]
            and len(self.nonce) == NONCE_BYTES
            and len(self.wrapped) == MASTER_KEY_BYTES + TAG_BYTES
        ) or (self.stored_check is not None and
              not hmac.compare_digest(self.stored_check, self.check())):
            raise KeyFileTampered(self.user)

    def to_json(self, *, with_check: bool = True) -> dict[str, Any]:
        data = {
            "user": self.user,
            "kdf": {
                "name": "argon2id",
                "t": self.kdf.time_cost,
                "m": self.kdf.memory_kib,
                "p": self.kdf.parallelism,
            },
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }
        if with_check:
            data["check"] = self.check()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        kdf = data["kdf"]
        if kdf.get("name") != "argon2id":
            raise KeySlotError(f"不支持的密钥派生算法：{kdf.get('name')}")
        return cls(
            user=str(data["user"]),
            kdf=KdfParams(int(kdf["t"]), int(kdf["m"]), int(kdf["p"])),
            salt=_unb64(data["salt"]),
            nonce=_unb64(data["nonce"]),
            wrapped=_unb64(data["wrapped"]),
            stored_check=str(data["check"]) if "check" in data else None,
        )


@dataclass
class Throttle:
    failures: int = 0
    last_failure: str | None = None
    locked: bool = False
    locked_at: str | None = None

    def lock_ends(self, lock_minutes: int) -> datetime | None:
        """When the lock lifts by itself; None when not locked."""
        if not self.locked:
            return None
        since = self.locked_at or self.last_failure
        if not since:
            return datetime.max.replace(tzinfo=UTC)  # no time recorded: only an admin lifts it
        return datetime.fromisoformat(since) + timedelta(minutes=lock_minutes)

    def locked_now(self, now: datetime, lock_minutes: int) -> bool:
        ends = self.lock_ends(lock_minutes)
        return ends is not None and now < ends

    def to_json(self) -> dict[str, Any]:
        return {"failures": self.failures, "last_failure": self.last_failure,
                "locked": self.locked, "locked_at": self.locked_at}


@dataclass
class KeyFile:
    db_id: str
    slots: dict[str, Slot] = field(default_factory=dict)
    throttle: dict[str, Throttle] = field(default_factory=dict)
    # How long a lock after too many failures lasts; the admin's setting, kept here
    # because it is needed before the database can be opened.
    lock_minutes: int = DEFAULT_LOCK_MINUTES
    pending_events: list[dict[str, str]] = field(default_factory=list)
    mac: bytes = b""
    # The audit chain's head as last committed, under a MAC from the master key
    # (store/audit_anchor.py): {"seq", "hash", "mac"}; None before the first one.
    anchor: dict[str, Any] | None = None

    # -- wrapping --

    def _aad(self, user: str) -> bytes:
        return f"{FORMAT}|{self.db_id}|{user}".encode()

    def build_slot(self, username: str, password: str, master: bytes) -> Slot:
        """The user's slot for this file, without changing the file.

        The slow key derivation happens here, so callers can do it before taking the
        key file's lock and then `put_slot` under it.
        """
        user = normalize_username(username)
        kdf = default_kdf()
        salt, nonce = os.urandom(16), os.urandom(12)
        kek = kdf.derive(password, salt)
        wrapped = AESGCM(kek).encrypt(nonce, master, self._aad(user))
        return Slot(user, kdf, salt, nonce, wrapped)

    def put_slot(self, slot: Slot, master: bytes) -> None:
        self.slots[slot.user] = slot
        self.seal(master)

    def set_password(self, username: str, password: str, master: bytes) -> None:
        """Add or rewrap the user's slot, then re-seal the file's MAC."""
        self.put_slot(self.build_slot(username, password, master), master)

    def remove_slot(self, username: str, master: bytes) -> None:
        self.slots.pop(normalize_username(username), None)
        self.seal(master)

    def unwrap(self, username: str, password: str) -> bytes:
        user = normalize_username(username)
        slot = self.slots.get(user)
        if slot is None:
            # Same cost and message as a wrong password: do not reveal which users exist.
            default_kdf().derive(password, b"\0" * 16)
            raise WrongPassword()
        slot.verify_sane()
        kek = slot.kdf.derive(password, slot.salt)
        try:
            master = AESGCM(kek).decrypt(slot.nonce, slot.wrapped, self._aad(user))
        except InvalidTag:
            raise WrongPassword() from None
        if not self.verify_mac(master):
            raise KeySlotError(TAMPERED_MESSAGE)
        return master

    # -- integrity --

    def _mac_body(self) -> bytes:
        body = {"db_id": self.db_id,
                "slots": [self.slots[u].to_json(with_check=False) for u in sorted(self.slots)]}
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()

    @staticmethod
    def _mac_key(master: bytes) -> bytes:
        return hashlib.sha256(b"postcrm-keyslots-mac|" + master).digest()

    def seal(self, master: bytes) -> None:
        self.mac = hmac.new(self._mac_key(master), self._mac_body(), hashlib.sha256).digest()

    def verify_mac(self, master: bytes) -> bool:
        want = hmac.new(self._mac_key(master), self._mac_body(), hashlib.sha256).digest()
        return hmac.compare_digest(want, self.mac)

    # -- throttling --

    def throttle_for(self, username: str) -> Throttle:
        return self.throttle.setdefault(normalize_username(username), Throttle())

    def record_event(self, username: str, event: str, at: datetime) -> None:
        self.pending_events.append({"user": normalize_username(username), "event": event,
                                    "at": at.isoformat(timespec="seconds")})

    # -- files --

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "db_id": self.db_id,
            "slots": [self.slots[u].to_json() for u in sorted(self.slots)],
            "mac": _b64(self.mac),
            "throttle": {u: t.to_json() for u, t in sorted(self.throttle.items())},
            "policy": {"lock_minutes": self.lock_minutes},
            "pending_events": self.pending_events,
            "audit_anchor": self.anchor,
        }
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyFile:
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("format") != FORMAT:
                raise KeySlotError("不是 PostCRM 密钥文件")
            if int(data.get("version", 0)) > VERSION:
                raise KeySlotError("密钥文件由更新版本的程序创建，请升级程序")
            kf = cls(db_id=str(data["db_id"]), mac=_unb64(data["mac"]))
            for item in data["slots"]:
                slot = Slot.from_json(item)
                kf.slots[slot.user] = slot
            for user, t in (data.get("throttle") or {}).items():
                kf.throttle[user] = Throttle(
                    int(t.get("failures", 0)), t.get("last_failure"), bool(t.get("locked")),
                    t.get("locked_at"),
                )
            policy = data.get("policy") or {}
            kf.lock_minutes = _bounded_lock_minutes(policy.get("lock_minutes"))
            kf.pending_events = list(data.get("pending_events") or [])
            anchor = data.get("audit_anchor")
            kf.anchor = dict(anchor) if isinstance(anchor, dict) else None
            return kf
        except KeySlotError:
            raise
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            raise KeySlotError(
                "密钥文件已损坏，无法读取。可使用恢复密钥恢复（postcrm recover）"
            ) from exc

    @classmethod
    def load(cls, db_path: Path) -> KeyFile:
        path = sidecar_path(db_path)
        if not path.exists():
            raise KeySlotError(
                f"找不到密钥文件 {path.name}。如果它丢失了，可使用恢复密钥恢复（postcrm recover）"
            )
        return cls.from_bytes(path.read_bytes())

    def save(self, db_path: Path) -> None:
        write_atomic(sidecar_path(db_path), self.to_bytes())


def _bounded_lock_minutes(value: Any) -> int:
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return DEFAULT_LOCK_MINUTES
    return max(MIN_LOCK_MINUTES, min(MAX_LOCK_MINUTES, minutes))

