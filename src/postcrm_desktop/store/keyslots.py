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
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from filelock import FileLock, Timeout

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.store.atomic import write_atomic

FORMAT = "postcrm-keyslots"
# 1: each slot wraps the master key itself and the recovery key is the master key.
# 2: each slot wraps the private half of its own X25519 key pair, and the master key is
#    sealed to every slot's public key (and to the recovery key's): rotating the master
#    key needs no password, only the public keys. Version 1 slots are still read and are
#    upgraded at their user's next login.
VERSION = 2
RECOVERY = "*recovery"
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
    """32 secret bytes for people: 55 base32 characters with a CRC, in groups of five.

    Since key file version 2 the bytes are a recovery secret whose key pair has the
    master key sealed to it; in version 1 files they were the master key itself.
    """
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


# --- sealing the master key to a public key -----------------------------------------

def _pub_bytes(priv: X25519PrivateKey) -> bytes:
    return priv.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _priv_bytes(priv: X25519PrivateKey) -> bytes:
    return priv.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def recovery_private_key(secret: bytes) -> X25519PrivateKey:
    raw = HKDF(hashes.SHA256(), 32, salt=None, info=b"postcrm-recovery-key").derive(secret)
    return X25519PrivateKey.from_private_bytes(raw)


@dataclass(frozen=True)
class Sealed:
    """The master key encrypted to one public key (ephemeral X25519, HKDF, AES-256-GCM)."""

    epk: bytes
    nonce: bytes
    ct: bytes

    def to_json(self) -> dict[str, str]:
        return {"epk": _b64(self.epk), "nonce": _b64(self.nonce), "ct": _b64(self.ct)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Sealed:
        return cls(_unb64(data["epk"]), _unb64(data["nonce"]), _unb64(data["ct"]))


def _seal_key(shared: bytes, epk: bytes, pub: bytes, aad: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None,
                info=b"postcrm-seal|" + epk + pub + aad).derive(shared)


def seal_to(pub: bytes, master: bytes, aad: bytes) -> Sealed:
    eph = X25519PrivateKey.generate()
    epk = _pub_bytes(eph)
    key = _seal_key(eph.exchange(X25519PublicKey.from_public_bytes(pub)), epk, pub, aad)
    nonce = os.urandom(NONCE_BYTES)
    return Sealed(epk, nonce, AESGCM(key).encrypt(nonce, master, aad))


def open_sealed(priv: X25519PrivateKey, sealed: Sealed, aad: bytes) -> bytes:
    """The master key; InvalidTag when this key pair was not the one sealed to."""
    pub = _pub_bytes(priv)
    key = _seal_key(priv.exchange(X25519PublicKey.from_public_bytes(sealed.epk)),
                    sealed.epk, pub, aad)
    return AESGCM(key).decrypt(sealed.nonce, sealed.ct, aad)


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
    # Version 2: `wrapped` holds the slot's X25519 private key, `pub` its public key,
    # and `sealed` the master key sealed to `pub`. Version 1: `wrapped` is the master key.
    pub: bytes | None = None
    sealed: Sealed | None = None

    @property
    def legacy(self) -> bool:
        return self.pub is None

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
            and (self.pub is None or (len(self.pub) == 32 and self.sealed is not None))
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
        if self.pub is not None and self.sealed is not None:
            data["pub"] = _b64(self.pub)
            data["sealed"] = self.sealed.to_json()
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
            pub=_unb64(data["pub"]) if "pub" in data else None,
            sealed=Sealed.from_json(data["sealed"]) if "sealed" in data else None,
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
    # The recovery key's public key and the master key sealed to it; `legacy_recovery`
    # when it was made from a version 1 file, whose recovery key is an old master key.
    recovery_pub: bytes | None = None
    recovery_sealed: Sealed | None = None
    legacy_recovery: bool = False
    # Rotations so far, and a rotation under way: the new master key sealed to each
    # public key, written before the database is re-encrypted (see services/keys.py).
    generation: int = 0
    next_sealed: dict[str, Sealed] | None = None
    next_generation: int = 0
    next_recovery_pub: bytes | None = None

    # -- wrapping --

    def _aad(self, user: str) -> bytes:
        return f"{FORMAT}|{self.db_id}|{user}".encode()

    def _seal_aad(self, user: str) -> bytes:
        return f"{FORMAT}|{self.db_id}|{user}|sealed".encode()

    def set_recovery(self, secret: bytes, master: bytes, *, legacy: bool = False) -> None:
        """Seal the master key to the recovery key (32 secret bytes)."""
        self.recovery_pub = _pub_bytes(recovery_private_key(secret))
        self.recovery_sealed = seal_to(self.recovery_pub, master, self._seal_aad(RECOVERY))
        self.legacy_recovery = legacy
        self.seal(master)

    def unwrap_recovery(self, secret: bytes) -> list[bytes]:
        """Master keys the recovery key opens here: the current one, then a pending one."""
        if self.recovery_pub is None or self.recovery_sealed is None:
            return []
        priv = recovery_private_key(secret)
        if _pub_bytes(priv) != self.recovery_pub:
            return []
        found = []
        pending = (self.next_sealed or {}).get(RECOVERY)
        if self.next_recovery_pub is not None:
            pending = None  # sealed to another recovery key
        for sealed in (self.recovery_sealed, pending):
            if sealed is not None:
                with contextlib.suppress(InvalidTag):
                    found.append(open_sealed(priv, sealed, self._seal_aad(RECOVERY)))
        return found

    def build_slot(self, username: str, password: str, master: bytes) -> Slot:
        """The user's slot for this file, without changing the file.

        The slow key derivation happens here, so callers can do it before taking the
        key file's lock and then `put_slot` under it.
        """
        user = normalize_username(username)
        kdf = default_kdf()
        salt, nonce = os.urandom(16), os.urandom(12)
        kek = kdf.derive(password, salt)
        priv = X25519PrivateKey.generate()
        wrapped = AESGCM(kek).encrypt(nonce, _priv_bytes(priv), self._aad(user))
        pub = _pub_bytes(priv)
        return Slot(user, kdf, salt, nonce, wrapped, pub=pub,
                    sealed=seal_to(pub, master, self._seal_aad(user)))

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
        """The current master key, from the user's slot."""
        return self.unwrap_keys(username, password)[0]

    def unwrap_keys(self, username: str, password: str) -> tuple[bytes, bytes | None]:
        """(current master key, the new one of a rotation under way or None)."""
        user = normalize_username(username)
        slot = self.slots.get(user)
        if slot is None:
            # Same cost and message as a wrong password: do not reveal which users exist.
            default_kdf().derive(password, b"\0" * 16)
            raise WrongPassword()
        slot.verify_sane()
        kek = slot.kdf.derive(password, slot.salt)
        try:
            inner = AESGCM(kek).decrypt(slot.nonce, slot.wrapped, self._aad(user))
        except InvalidTag:
            raise WrongPassword() from None
        pending = None
        if slot.legacy:
            master = inner
        else:
            assert slot.sealed is not None
            priv = X25519PrivateKey.from_private_bytes(inner)
            try:
                master = open_sealed(priv, slot.sealed, self._seal_aad(user))
            except InvalidTag:
                raise KeySlotError(TAMPERED_MESSAGE) from None
            nxt = (self.next_sealed or {}).get(user)
            if nxt is not None:
                with contextlib.suppress(InvalidTag):
                    pending = open_sealed(priv, nxt, self._seal_aad(user))
        if not self.verify_mac(master):
            raise KeySlotError(TAMPERED_MESSAGE)
        return master, pending

    # -- rotation --

    def prepare_rotation(self, new_master: bytes, new_recovery: bytes | None = None
                         ) -> list[str]:
        """Seal `new_master` to every public key, beside the current seals.

        With `new_recovery` (a new recovery secret), the new master key is sealed to it
        instead of the current recovery key, which stops working once the rotation is
        complete (used when the old recovery key was an old master key).

        Returns the users whose slot cannot be carried over (version 1 slots: no public
        key); they are dropped when the rotation completes and need a new password.
        """
        seals: dict[str, Sealed] = {}
        dropped = []
        self.next_recovery_pub = (None if new_recovery is None
                                  else _pub_bytes(recovery_private_key(new_recovery)))
        for user, slot in self.slots.items():
            if slot.pub is None:
                dropped.append(user)
            else:
                seals[user] = seal_to(slot.pub, new_master, self._seal_aad(user))
        recovery_pub = self.next_recovery_pub or self.recovery_pub
        if recovery_pub is not None:
            seals[RECOVERY] = seal_to(recovery_pub, new_master, self._seal_aad(RECOVERY))
        self.next_sealed = seals
        self.next_generation = self.generation + 1
        return sorted(dropped)

    def complete_rotation(self, new_master: bytes) -> list[str]:
        """The database now uses `new_master`: make the pending seals the current ones."""
        seals = self.next_sealed or {}
        dropped = []
        for user in list(self.slots):
            slot = self.slots[user]
            if user in seals and slot.pub is not None:
                slot.sealed = seals[user]
            else:
                del self.slots[user]
                dropped.append(user)
        if RECOVERY in seals:
            if self.next_recovery_pub is not None:
                self.recovery_pub, self.legacy_recovery = self.next_recovery_pub, False
            self.recovery_sealed = seals[RECOVERY]
        else:
            self.recovery_pub = self.recovery_sealed = None
        self.next_recovery_pub = None
        self.generation = max(self.generation + 1, self.next_generation)
        self.next_sealed, self.next_generation = None, 0
        self.seal(new_master)
        return sorted(dropped)

    # -- integrity --

    def _mac_body(self) -> bytes:
        body: dict[str, Any] = {
            "db_id": self.db_id,
            "slots": [self.slots[u].to_json(with_check=False) for u in sorted(self.slots)],
        }
        # Files written before recovery sealing keep their MAC until first rewritten.
        if self.recovery_pub is not None or self.generation:
            body["generation"] = self.generation
            body["recovery"] = self._recovery_json()
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()

    @staticmethod
    def _mac_key(master: bytes) -> bytes:
        return hashlib.sha256(b"postcrm-keyslots-mac|" + master).digest()

    def seal(self, master: bytes) -> None:
        self.mac = hmac.new(self._mac_key(master), self._mac_body(), hashlib.sha256).digest()

    def verify_mac(self, master: bytes) -> bool:
        want = hmac.new(self._mac_key(master), self._mac_body(), hashlib.sha256).digest()
        return hmac.compare_digest(want, self.mac)

    def _recovery_json(self) -> dict[str, Any] | None:
        if self.recovery_pub is None or self.recovery_sealed is None:
            return None
        return {"pub": _b64(self.recovery_pub), "sealed": self.recovery_sealed.to_json(),
                "legacy": self.legacy_recovery}

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
            "generation": self.generation,
            "recovery": self._recovery_json(),
            "rotation": None if self.next_sealed is None else {
                "generation": self.next_generation,
                "sealed": {u: sl.to_json() for u, sl in sorted(self.next_sealed.items())},
                "recovery_pub": (None if self.next_recovery_pub is None
                                 else _b64(self.next_recovery_pub)),
            },
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
            kf.generation = int(data.get("generation") or 0)
            rec = data.get("recovery")
            if rec:
                kf.recovery_pub = _unb64(rec["pub"])
                kf.recovery_sealed = Sealed.from_json(rec["sealed"])
                kf.legacy_recovery = bool(rec.get("legacy"))
            rot = data.get("rotation")
            if rot:
                kf.next_generation = int(rot["generation"])
                kf.next_sealed = {str(u): Sealed.from_json(v) for u, v in rot["sealed"].items()}
                if rot.get("recovery_pub"):
                    kf.next_recovery_pub = _unb64(rot["recovery_pub"])
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


# --- the recovery copy ------------------------------------------------------------------
# The recovery key's seal, kept also in a small file of its own, so the recovery key
# still opens the database when the key file is lost or damaged.

RECOVERY_FORMAT = "postcrm-recovery"


def recovery_copy_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".recovery")


def save_recovery_copy(db_path: Path, kf: KeyFile) -> None:
    rec = kf._recovery_json()
    if rec is None:
        return
    data = {"format": RECOVERY_FORMAT, "version": 1, "db_id": kf.db_id,
            "generation": kf.generation, "recovery": rec}
    write_atomic(recovery_copy_path(Path(db_path)),
                 json.dumps(data, indent=1).encode("utf-8"))


def load_recovery_copy(db_path: Path) -> KeyFile | None:
    """The recovery copy as a key file with no slots, or None when missing or damaged."""
    try:
        data = json.loads(recovery_copy_path(Path(db_path)).read_bytes())
        if data.get("format") != RECOVERY_FORMAT:
            return None
        kf = KeyFile(db_id=str(data["db_id"]), generation=int(data.get("generation") or 0))
        rec = data["recovery"]
        kf.recovery_pub = _unb64(rec["pub"])
        kf.recovery_sealed = Sealed.from_json(rec["sealed"])
        return kf
    except (OSError, ValueError, KeyError, TypeError, binascii.Error):
        return None


def _bounded_lock_minutes(value: Any) -> int:
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return DEFAULT_LOCK_MINUTES
    return max(MIN_LOCK_MINUTES, min(MAX_LOCK_MINUTES, minutes))

