"""Fast raw inserts of synthetic contacts, tasks and care dates (demo data, benchmarks).

These bypass the ORM, so they leave no change-log rows and no audit: use them only for
demo branches and benchmark databases, never for data people enter. Rows get the same
columns the ORM would write (UUIDv7 ids, UTC text timestamps, one HLC stamp per call).
Large fills drop the contact indexes first and build them again at the end, which is
several times faster than updating them row by row.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from lunardate import LunarDate

from postcrm_desktop.core.care_dates import is_leap
from postcrm_desktop.core.ids import new_id
from postcrm_desktop.services.branch import Branch

Progress = Callable[[str], None]
BATCH = 50_000
REBUILD_INDEXES_FROM = 200_000  # rows; below this, updating the indexes is cheaper

CONTACT_INDEXES = {
    "ix_contact_records_customer_at": "contact_records (customer_id, at, id)",
    "ix_contact_records_owner_at": "contact_records (owner_id, at, id)",
    "ix_contact_records_at": "contact_records (at, id)",
    "ix_contact_records_task": "contact_records (task_id)",
}

CHANNEL_WEIGHTS = (("phone", 40), ("visit", 12), ("counter", 25), ("wechat", 15),
                   ("sms", 5), ("email", 3))
CONTENTS = (
    "介绍定期储蓄新利率，客户表示考虑", "回访邮政快递寄递服务满意度", "推荐国债认购，客户已了解",
    "办理集邮预订，登记客户偏好", "企业客户咨询月结寄递协议", "提醒理财产品到期续存",
    "上门送达贺卡并了解近期需求", "柜台办理业务时推荐手机银行", "电话确认保险续保意向",
    "讨论代发工资业务合作", "了解客户对网点服务的意见", "介绍邮政电商助农产品",
)
FEEDBACKS = ("", "", "满意", "需要再考虑", "希望利率再高一些", "下周答复", "暂不需要",
             "对服务态度表示认可", "希望延长营业时间")
NEXT_STEPS = ("电话回访确认意向", "上门送资料", "邀请参加理财讲座", "寄送产品说明",
              "预约柜台办理", "回访满意度")
TASK_TITLES = ("确认国债认购意向", "跟进企业寄递协议", "提醒理财到期", "节日问候",
               "回访投诉处理结果", "邀请参加客户沙龙")


@dataclass(frozen=True)
class Seed:
    """What the fills need of a customer."""

    id: str
    owner_id: str | None
    stage: str
    customer_type: str
    birthday: date | None
    created_at: datetime


def ts(moment: datetime) -> str:
    """A UTC instant as the store keeps it (the text SQLAlchemy writes on SQLite)."""
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _parse(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def load_seeds(branch: Branch) -> list[Seed]:
    """Every active customer (not deleted, not merged)."""
    with branch.db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, owner_id, stage, customer_type, birthday, created_at FROM customers "
            "WHERE deleted_at IS NULL AND merged_into IS NULL ORDER BY id").fetchall()
    return [Seed(r[0], r[1], r[2], r[3], date.fromisoformat(r[4]) if r[4] else None,
                 _parse(r[5]) or datetime.now(UTC)) for r in rows]


class _Writer:
    """Raw executemany in big transactions on one pooled connection."""

    def __init__(self, branch: Branch) -> None:
        self.branch = branch
        self.stamp = branch.db.clock.now().encode()
        self.site = branch.db.clock.site

    def synced(self, at: datetime | str, by: str | None) -> tuple[Any, ...]:
        text = at if isinstance(at, str) else ts(at)
        return (new_id(), text, by, text, by, self.stamp, self.site)

    def run(self, sql: str, rows: Iterator[tuple[Any, ...]], progress: Progress,
            label: str, total: int) -> int:
        raw = self.branch.db.engine.raw_connection()
        done = 0
        try:
            cur = raw.cursor()
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= BATCH:
                    done += self._flush(cur, sql, batch)
                    progress(f"{label} {done:,}/{total:,}")
                    batch = []
            if batch:
                done += self._flush(cur, sql, batch)
            cur.close()
        finally:
            raw.close()
        return done

    @staticmethod
    def _flush(cur: Any, sql: str, batch: list[tuple[Any, ...]]) -> int:
        cur.execute("BEGIN")
        try:
            cur.executemany(sql, batch)
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")
        return len(batch)

    def execute(self, statements: Sequence[str]) -> None:
        raw = self.branch.db.engine.raw_connection()
        try:
            cur = raw.cursor()
            for sql in statements:
                cur.execute(sql)
            cur.close()
        finally:
            raw.close()


_SYNCED = "id, created_at, created_by, updated_at, updated_by, version, site_id"
CONTACT_SQL = (f"INSERT INTO contact_records ({_SYNCED}, customer_id, at, channel, owner_id, "
               "person, content, feedback, next_step, next_due_at, task_id) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
TASK_SQL = (f"INSERT INTO tasks ({_SYNCED}, customer_id, title, note, channel, due_at, source, "
            "rule_id, rule_anchor_at, assigned_to, status, done_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
CARE_SQL = (f"INSERT INTO care_dates ({_SYNCED}, customer_id, kind, calendar, month, day, leap, "
            "year, label) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")


def _channels(rng: random.Random, n: int) -> list[str]:
    names = [c for c, _ in CHANNEL_WEIGHTS]
    weights = [w for _, w in CHANNEL_WEIGHTS]
    return rng.choices(names, weights, k=n)


def working_hours(moment: datetime, tz: tzinfo, *, opens: time = time(8, 30),
                  hours: float = 9.0) -> datetime:
    """`moment` moved into the working hours of its local day in `tz` (its place within
    the day kept, so order within a day is kept); Sundays move to the Monday."""
    local = moment.astimezone(tz)
    fraction = (local - local.replace(hour=0, minute=0, second=0, microsecond=0)) \
        / timedelta(days=1)
    day = local.date() + timedelta(days=1 if local.weekday() == 6 else 0)
    start = datetime.combine(day, opens, tzinfo=tz)
    return (start + timedelta(hours=fraction * hours)).astimezone(UTC)


def fill_contacts(branch: Branch, seeds: Sequence[Seed], count: int, *,
                  rng: random.Random, until: datetime, span_days: int = 730,
                  staff: Sequence[str] = (), next_step_share: float = 0.08,
                  tz: tzinfo | None = None,
                  progress: Progress = lambda _m: None) -> tuple[int, int]:
    """`count` contacts spread over the `span_days` before `until`, each with a random
    customer already filed by then, by the customer's owner (else one of `staff`); with
    `tz`, in the working hours of that zone (Monday to Saturday). A share of them has a
    next step with its task: done (mostly on time) when due before `until`, open
    otherwise. Returns (contacts, tasks) written. Contacts are written in time order."""
    if not seeds or count <= 0:
        return 0, 0
    seeds = sorted(seeds, key=lambda seed: seed.created_at)
    filed = [seed.created_at for seed in seeds]
    writer = _Writer(branch)
    rebuild = count >= REBUILD_INDEXES_FROM
    if rebuild:
        writer.execute([f"DROP INDEX IF EXISTS {name}" for name in CONTACT_INDEXES])
    span = span_days * 86400
    start = until - timedelta(seconds=span)
    tasks: list[tuple[Any, ...]] = []

    def rows() -> Iterator[tuple[Any, ...]]:
        step = span / count
        chunk = 10_000
        for base in range(0, count, chunk):
            n = min(chunk, count - base)
            channels = _channels(rng, n)
            for i in range(n):
                at = start + timedelta(seconds=(base + i) * step + rng.random() * step)
                if tz is not None:
                    at = working_hours(at, tz)
                    if at > until:
                        at -= timedelta(days=1)
                known = bisect.bisect_right(filed, at)  # customers filed by then
                if known:
                    seed = seeds[rng.randrange(known)]
                else:  # before the first filing: some time after a customer's
                    seed = seeds[rng.randrange(len(seeds))]
                    at = seed.created_at + (until - seed.created_at) * rng.random()
                    if tz is not None and seed.created_at <= working_hours(at, tz) <= until:
                        at = working_hours(at, tz)
                owner = seed.owner_id or (rng.choice(staff) if staff else None)
                next_step, due_text, task_id = "", None, None
                if rng.random() < next_step_share:
                    next_step = rng.choice(NEXT_STEPS)
                    due_at = at + timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 8))
                    if tz is not None:
                        due_at = working_hours(due_at, tz)
                    due_text = ts(due_at)
                    task_id = new_id()
                    tasks.append(_next_step_task(writer, rng, task_id, seed.id, owner,
                                                 next_step, at, due_at, until))
                at_text = ts(at)
                yield (*writer.synced(at_text, owner), seed.id, at_text, channels[i], owner, "",
                       rng.choice(CONTENTS), rng.choice(FEEDBACKS), next_step, due_text,
                       task_id)

    # Foreign keys: the tasks a batch links to must exist first; write contacts with
    # the check deferred to each batch's commit.
    written = _run_with_tasks(writer, rows(), tasks, progress, count)
    if rebuild:
        progress("重建联系记录索引…")
        writer.execute([f"CREATE INDEX IF NOT EXISTS {name} ON {cols}"
                        for name, cols in CONTACT_INDEXES.items()])
    return written


def _next_step_task(writer: _Writer, rng: random.Random, task_id: str, customer_id: str,
                    owner: str | None, title: str, at: datetime, due_at: datetime,
                    until: datetime) -> tuple[Any, ...]:
    synced = list(writer.synced(at, owner))
    synced[0] = task_id
    status, done_at = "open", None
    if due_at < until - timedelta(days=3) or rng.random() < 0.3:
        roll = rng.random()
        if roll < 0.75:
            status, done_at = "done", due_at - timedelta(hours=rng.randint(1, 48))
        elif roll < 0.92:
            status, done_at = "done", due_at + timedelta(days=rng.randint(1, 5))
        else:
            status = "cancelled"
        done_at = min(done_at, until) if done_at else None
        if done_at is not None and done_at < at:
            done_at = at
    return (*synced, customer_id, title, "", None, ts(due_at), "contact", None, None, owner,
            status, ts(done_at) if done_at else None)


def _run_with_tasks(writer: _Writer, rows: Iterator[tuple[Any, ...]],
                    tasks: list[tuple[Any, ...]], progress: Progress,
                    total: int) -> tuple[int, int]:
    raw = writer.branch.db.engine.raw_connection()
    contacts = task_count = 0
    try:
        cur = raw.cursor()
        batch: list[tuple[Any, ...]] = []

        def flush() -> None:
            nonlocal contacts, task_count, batch
            cur.execute("BEGIN")
            try:
                if tasks:
                    cur.executemany(TASK_SQL, tasks)
                cur.executemany(CONTACT_SQL, batch)
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            cur.execute("COMMIT")
            contacts += len(batch)
            task_count += len(tasks)
            tasks.clear()
            batch = []
            progress(f"联系记录 {contacts:,}/{total:,}")

        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
        cur.close()
    finally:
        raw.close()
    return contacts, task_count


def set_last_activity(branch: Branch) -> None:
    """Each customer's last activity is their latest contact (none: no activity)."""
    with branch.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE customers SET last_activity_at = (SELECT MAX(at) FROM contact_records "
            "WHERE contact_records.customer_id = customers.id)")


def fill_tasks(branch: Branch, seeds: Sequence[Seed], count: int, *, rng: random.Random,
               now: datetime, tz: tzinfo | None = None,
               progress: Progress = lambda _m: None) -> int:
    """`count` open manual tasks on random customers: about a quarter overdue (up to 60
    days), a quarter due today (around `now`), the rest in the coming 30 days; with
    `tz`, the ones not due today fall in that zone's working hours."""
    if not seeds or count <= 0:
        return 0
    writer = _Writer(branch)

    def rows() -> Iterator[tuple[Any, ...]]:
        for i in range(count):
            seed = seeds[rng.randrange(len(seeds))]
            roll = i % 4
            if roll == 0:
                due_at = now - timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 8))
            elif roll == 1:
                due_at = now + timedelta(hours=rng.uniform(-6, 6))
            else:
                due_at = now + timedelta(days=rng.randint(1, 30), hours=rng.randint(0, 8))
            if tz is not None and roll != 1:
                due_at = working_hours(due_at, tz)
            created = min(now, due_at) - timedelta(days=rng.randint(1, 10))
            yield (*writer.synced(created, seed.owner_id), seed.id, rng.choice(TASK_TITLES), "",
                   rng.choice(("phone", "visit", None)), ts(due_at), "manual", None, None,
                   seed.owner_id, "open", None)

    return writer.run(TASK_SQL, rows(), progress, "跟进任务", count)


def fill_care_dates(branch: Branch, seeds: Sequence[Seed], *, rng: random.Random,
                    lunar_share: float = 0.3, anniversary_share: float = 0.5,
                    progress: Progress = lambda _m: None) -> int:
    """Birthdays of individual customers with a birthday on file (a share kept in the
    lunar calendar, as many customers celebrate), cooperation anniversaries of a share
    of organisations (from when they were filed), a few custom dates."""
    writer = _Writer(branch)

    def rows() -> Iterator[tuple[Any, ...]]:
        for seed in seeds:
            created = seed.created_at
            if seed.customer_type == "individual" and seed.birthday is not None:
                b = seed.birthday
                if rng.random() < lunar_share and 1900 <= b.year < 2100:
                    lunar = LunarDate.from_solar_date(b.year, b.month, b.day)
                    yield (*writer.synced(created, seed.owner_id), seed.id, "birthday",
                           "lunar", lunar.month, lunar.day, int(is_leap(lunar)),
                           lunar.year, "")
                else:
                    yield (*writer.synced(created, seed.owner_id), seed.id, "birthday",
                           "solar", b.month, b.day, 0, b.year, "")
            elif seed.customer_type != "individual" and rng.random() < anniversary_share:
                yield (*writer.synced(created, seed.owner_id), seed.id, "anniversary", "solar",
                       created.month, min(created.day, 28), 0, created.year, "")
            if rng.random() < 0.02:
                yield (*writer.synced(created, seed.owner_id), seed.id, "custom", "solar",
                       rng.randint(1, 12), rng.randint(1, 28), 0, None,
                       rng.choice(("开业纪念日", "结婚纪念日", "入会纪念日")))

    return writer.run(CARE_SQL, rows(), progress, "关怀日", len(seeds))


def custom_care_dates(branch: Branch, entries: Sequence[tuple[str, str | None, date]],
                      label: str) -> int:
    """Custom solar care dates: `(customer id, owner id, date)`; the date's year is kept
    as the first year."""
    writer = _Writer(branch)
    now = datetime.now(UTC)
    rows = ((*writer.synced(now, owner), cid, "custom", "solar", d.month, d.day, 0,
             d.year - 1 - i % 5, label) for i, (cid, owner, d) in enumerate(entries))
    return writer.run(CARE_SQL, iter(rows), lambda _m: None, "关怀日", len(entries))


__all__ = [
    "Seed",
    "custom_care_dates",
    "fill_care_dates",
    "fill_contacts",
    "fill_tasks",
    "load_seeds",
    "set_last_activity",
    "ts",
    "working_hours",
]
