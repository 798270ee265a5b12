"""The encrypted branch database: opening, creating, keying and migrating.

SQLCipher 4 through SQLAlchemy's `sqlite+pysqlcipher` dialect (the `sqlcipher3` driver).
Every pooled connection is keyed with the raw 256-bit master key as its first statement
(no passphrase KDF, so reconnects cost nothing), then probed: a wrong key only shows up
as "file is not a database" on the first read.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from sqlalchemy import URL, Engine, create_engine, event, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.faults import is_disk_full
from postcrm_desktop.core.hlc import HybridClock, Stamp
from postcrm_desktop.store import audit_anchor, case_index, changelog, search_index
from postcrm_desktop.store.file_modes import tighten_database_files
from postcrm_desktop.store.models.system import ChangeEntry, Meta

APP_MARKER = "postcrm-desktop"
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
CACHE_KIB = 65536  # 64 MiB page cache: most decryption cost of scans disappears


class DatabaseOpenError(PostCrmError):
    """The database cannot be opened; the message says why and what to do."""


class DatabaseMissing(DatabaseOpenError):
    pass


class NotOurDatabase(DatabaseOpenError):
    pass


class WrongKey(DatabaseOpenError):
    pass


class DatabaseTooNew(DatabaseOpenError):
    pass


class DatabaseInUse(DatabaseOpenError):
    pass


@dataclass(frozen=True)
class BranchInfo:
    db_id: str
    branch_code: str
    branch_name: str
    site_id: str


def _raw_key(master: bytes) -> str:
    # SQLCipher's raw-key form: x'<64 hex>' skips its own PBKDF2 entirely.
    return f"x'{master.hex()}'"


def make_engine(path: Path, master: bytes, *, pool_size: int = 4) -> Engine:
    url = URL.create("sqlite+pysqlcipher", password=_raw_key(master), database=str(path))
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=4,
        connect_args={"check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # The dialect has already issued PRAGMA key; the probe must come next.
        dbapi_conn.isolation_level = None  # let SQLAlchemy emit BEGIN itself
        cur = dbapi_conn.cursor()
        # SQLCipher writes failed page checks to stderr; callers get a clear error instead.
        cur.execute("PRAGMA cipher_log_level = NONE")
        try:
            cur.execute("SELECT count(*) FROM sqlite_master")
        except Exception as exc:
            if is_disk_full(exc) or _is_io_error(exc):
                raise  # a full disk is not a wrong key: let the caller say what it is
            raise WrongKey("数据库密钥不正确，或该文件不是 PostCRM 数据库") from exc
        for pragma in (
            "foreign_keys = ON",
            "temp_store = MEMORY",
            "secure_delete = ON",
            "journal_mode = WAL",
            "synchronous = NORMAL",
            "busy_timeout = 5000",
            f"cache_size = -{CACHE_KIB}",
        ):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def _is_io_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "disk i/o error" in text or "unable to open database file" in text


def check_file(path: Path) -> None:
    """Refuse files that are missing, empty or plainly not an encrypted PostCRM database."""
    if not path.exists():
        raise DatabaseMissing(f"找不到数据库文件：{path}。不会自动新建，请检查路径或从备份恢复")
    if path.stat().st_size == 0:
        raise NotOurDatabase(f"数据库文件是空的：{path}。不会覆盖它，请从备份恢复")
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head == PLAIN_SQLITE_HEADER:
        raise NotOurDatabase(f"{path.name} 是未加密的 SQLite 文件，不是 PostCRM 数据库")


class Database:
    """One open branch database: engine, session factory, site clock and instance lock."""

    def __init__(self, path: Path, engine: Engine, info: BranchInfo, clock: HybridClock,
                 lock: FileLock | None, anchor_key: bytes | None = None) -> None:
        self.path = path
        self.engine = engine
        self.info = info
        self.clock = clock
        self._lock = lock
        # With a key, every commit that added audit rows anchors the new head in the
        # key file; without one (building a new database) nothing is anchored.
        self.anchor_key = anchor_key
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        changelog.install(self.sessions, clock)
        search_index.install(self.sessions)
        self._install_anchor()

    def _install_anchor(self) -> None:
        @event.listens_for(self.sessions, "after_commit")
        def _anchor(session: Session) -> None:
            head = session.info.pop("audit_head", None)
            if head is not None and self.anchor_key is not None:
                audit_anchor.write_after_commit(self.path, self.anchor_key, self.info.db_id,
                                                *head)

        @event.listens_for(self.sessions, "after_rollback")
        def _forget(session: Session) -> None:
            session.info.pop("audit_head", None)
        case_index.install(self.sessions)

    @classmethod
    def open(cls, path: Path, master: bytes, *, migrate: bool = True,
             lock: bool = True) -> Database:
        path = Path(path)
        check_file(path)
        tighten_database_files(path)  # files from older versions or copied in by hand
        file_lock = acquire_instance_lock(path) if lock else None
        try:
            engine = make_engine(path, master)
            try:
                with engine.connect() as conn:
                    info = _read_branch_info(conn, path)
                if migrate:
                    from postcrm_desktop.store.migrate import upgrade

                    upgrade(engine)
                clock = _restore_clock(engine, info.site_id)
            except BaseException:
                engine.dispose()
                raise
        except BaseException:
            if file_lock is not None:
                file_lock.release()
            raise
        return cls(path, engine, info, clock, file_lock,
                   anchor_key=audit_anchor.anchor_key(master))

    def rekey(self, new_master: bytes) -> None:
        """Re-encrypt every page under `new_master` (SQLCipher's PRAGMA rekey, one
        transaction), then reconnect with it. No other connection may be in use."""
        self.engine.dispose()
        raw = self.engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cur.execute(f'PRAGMA rekey = "{_raw_key(new_master)}"')
            cur.close()
        finally:
            raw.close()
        self.engine.dispose()
        self.engine = make_engine(self.path, new_master)
        with self.engine.connect():
            pass  # the probe on connect proves the new key opens the file
        self.sessions.configure(bind=self.engine)
        self.anchor_key = audit_anchor.anchor_key(new_master)

    def session(self, user_id: str | None = None) -> Session:
        s = self.sessions()
        s.info["user_id"] = user_id
        return s

    @contextlib.contextmanager
    def connect(self) -> Iterator[Any]:
        with self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def acquire_instance_lock(path: Path) -> FileLock:
    """One app (or CLI command) per database file; a second one is refused at once."""
    lock = FileLock(str(lock_path(path)), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise DatabaseInUse(
            f"数据库 {path.name} 正被另一个 PostCRM 窗口或命令使用。请先关闭它再试"
        ) from None
    return lock


def _read_branch_info(conn: Any, path: Path) -> BranchInfo:
    try:
        rows = dict(conn.execute(select(Meta.key, Meta.value)).all())
    except (OperationalError, DatabaseError) as exc:
        raise NotOurDatabase(f"{path.name} 不是 PostCRM 数据库") from exc
    if rows.get("app") != APP_MARKER:
        raise NotOurDatabase(f"{path.name} 不是 PostCRM 数据库")
    return BranchInfo(rows["db_id"], rows["branch_code"], rows["branch_name"], rows["site_id"])


def _restore_clock(engine: Engine, site_id: str) -> HybridClock:
    with engine.connect() as conn:
        last = conn.execute(
            select(ChangeEntry.version).where(ChangeEntry.site_id == site_id)
            .order_by(ChangeEntry.seq.desc()).limit(1)
        ).scalar()
    return HybridClock(site_id, Stamp.decode(last) if last else None)


def raw_integrity_check(engine: Engine) -> list[str]:
    """SQLCipher's per-page HMAC check plus SQLite's structural check; [] when healthy."""
    problems: list[str] = []
    with engine.connect() as conn:
        problems += [r[0] for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
        ok = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check")]
        if ok != ["ok"]:
            problems += ok
    return problems
