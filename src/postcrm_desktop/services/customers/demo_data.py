"""Synthetic customers for `postcrm demo` and the benchmarks: fast, realistic, made up.

`fill_demo(ctx)` files `ctx.customers` customers: individuals (about 85%, names drawn by
surname frequency, valid mobiles, 18-digit resident IDs with a correct check digit and
matching birthday and gender), enterprises and institutions (a contact person each),
living in the branch's city (real districts and roads; some born elsewhere, as their ID
numbers say), filed during counter hours; owners among the account managers with a few
customers waiting for one, tiers, source channels, stages with the history of how each
customer got there, some activity dates (the contacts area sets them from the contacts
it writes), a tag catalogue of 20 tags in the five groups with tags given to about 40%
of the customers, and a few in the recycle bin.

A million customers must take minutes, not hours, so rows are written with raw
`executemany` in large transactions, bypassing the ORM. What the ORM hooks would have
written is written here in bulk too: version stamps from the branch clock, one change-log
row per inserted row (sync sends them like any other insert), the search index rows and
the yearly customer-number counters. Large fills generate rows in a second process while
this one writes, drop the four customer indexes whose keys arrive in random order and
build them again at the end, and write everything as one transaction without a rollback
journal, with a larger page cache (a fill that fails is simply started again on a new
file).

`ctx.shared["customer_ids"]` receives the new ids as a `CompactIds` sequence (16 bytes a
customer instead of a Python string each).
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import json
import marshal
import os
import pickle
import random
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any, overload
from zoneinfo import ZoneInfo

from sqlalchemy import select

from postcrm_desktop.core.customer_enums import TagGroup
from postcrm_desktop.core.hlc import MAX_COUNTER, HybridClock, Stamp
from postcrm_desktop.core.ids import uuid7
from postcrm_desktop.core.sla import DEFAULT_ZONE
from postcrm_desktop.core.validators import resident_id_check_digit
from postcrm_desktop.services.customers import demo_catalog as cat
from postcrm_desktop.services.customers.numbering import counter_key, format_number
from postcrm_desktop.services.demo import DemoContext
from postcrm_desktop.services.tx import transaction
from postcrm_desktop.store import search_index
from postcrm_desktop.store.engine import CACHE_KIB
from postcrm_desktop.store.models.customers import Tag
from postcrm_desktop.store.models.system import User
from postcrm_desktop.store.types import utcnow

BATCH = 25_000
BULK_CACHE_KIB = 256 * 1024  # page cache of the writing connection during a large fill
BULK_FROM = 50_000  # customers; smaller fills run in this process with the usual settings
HISTORY_DAYS = 3 * 365
ACTIVE_SHARE = 0.65
DELETED_SHARE = 0.003
ENTERPRISE_SHARE = 0.10
INSTITUTION_SHARE = 0.05
# About one customer in thirty waits for an owner (walk-ins filed at the counter, a
# manager who left); the list flags them for the branch admin to assign.
OWNER_WEIGHTS = (("manager1", 52), ("manager2", 40), ("admin", 5), (None, 3))
# Customers born elsewhere (their resident ID names another region) who live here.
BORN_ELSEWHERE_SHARE = 0.3
# Counter hours in the branch's zone: filing, contacts and stage changes happen then.
OPEN_FROM, OPEN_HOURS = 8.5, 9.0

# Indexes whose keys arrive in random order: built once after a large fill.
RANDOM_ORDER_INDEXES = ("ix_customers_mobile", "ix_customers_id_number",
                        "ix_customers_landline", "ix_customers_name_district",
                        "ix_customers_company")


class CompactIds(Sequence[str]):
    """Customer ids (32 hex characters each) kept as 16 raw bytes apiece."""

    def __init__(self) -> None:
        self._data = bytearray()

    def append(self, hex_id: str) -> None:
        self._data += bytes.fromhex(hex_id)

    def extend_raw(self, data: bytes) -> None:
        self._data += data

    def __len__(self) -> int:
        return len(self._data) // 16

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("customer id index out of range")
        return self._data[index * 16:(index + 1) * 16].hex()

    def __iter__(self) -> Iterator[str]:
        data = self._data
        for i in range(0, len(data), 16):
            yield data[i:i + 16].hex()


def _db_time(moment: datetime) -> str:
    """A naive UTC datetime as SQLAlchemy writes it on SQLite."""
    return moment.isoformat(sep=" ", timespec="microseconds")


def _json_time(db_text: str | None) -> str | None:
    """The change log's form of a stored time (`json_value`: aware ISO 8601)."""
    return None if db_text is None else db_text.replace(" ", "T") + "+00:00"


class _Weighted:
    """Fast weighted draws: `draw(rng)` one value, `many(rng, k)` a list."""

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self.values = [v for v, _w in pairs]
        self.cum = list(itertools.accumulate(w for _v, w in pairs))

    def draw(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect(self.cum, rng.random() * self.cum[-1])]

    def many(self, rng: random.Random, k: int) -> list[Any]:
        return rng.choices(self.values, cum_weights=self.cum, k=k)


# Column orders of the rows the generator makes.
CUSTOMER_COLUMNS = (
    "id", "created_at", "created_by", "updated_at", "updated_by", "version", "site_id",
    "number", "customer_type", "name", "gender", "birthday", "id_number", "mobile",
    "landline", "email", "province", "city", "district", "address", "postal_code",
    "industry", "company", "source_channel", "owner_id", "department", "tier", "stage",
    "stage_changed_at", "needs", "notes", "last_activity_at", "deleted_at", "merged_into",
    "search_no",
)
PEOPLE_COLUMNS = ("id", "created_at", "created_by", "updated_at", "updated_by", "version",
                  "site_id", "customer_id", "name", "title", "phone", "position")
TAG_COLUMNS = ("id", "created_at", "created_by", "updated_at", "updated_by", "version",
               "site_id", "customer_id", "tag_id")
STAGE_COLUMNS = ("id", "created_at", "created_by", "updated_at", "updated_by", "version",
                 "site_id", "customer_id", "from_stage", "to_stage", "changed_at")
CHANGE_COLUMNS = ("version", "entity", "entity_id", "op", "changes", "site_id", "user_id", "at")

# What the change log holds of a row: every column but the bookkeeping and local ones
# (`store.changelog`), times in ISO 8601 with their zone.
_BOOKKEEPING = frozenset({"version", "site_id", "updated_at", "updated_by", "search_no"})
_TIMES = frozenset({"created_at", "stage_changed_at", "last_activity_at", "deleted_at",
                    "changed_at"})
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class _ChangeShape:
    def __init__(self, columns: Sequence[str]) -> None:
        keep = [i for i, c in enumerate(columns) if c not in _BOOKKEEPING]
        self.names = [columns[i] for i in keep]
        self.pick = itemgetter(*keep)
        self.times = [c for c in self.names if c in _TIMES]

    def json(self, row: Sequence[Any]) -> str:
        out = dict(zip(self.names, self.pick(row), strict=True))
        for name in self.times:
            if out[name] is not None:
                out[name] = _json_time(out[name])
        return _ENCODER.encode(out)


_CUSTOMER_SHAPE = _ChangeShape(CUSTOMER_COLUMNS)
_PEOPLE_SHAPE = _ChangeShape(PEOPLE_COLUMNS)
_TAG_SHAPE = _ChangeShape(TAG_COLUMNS)
_STAGE_SHAPE = _ChangeShape(STAGE_COLUMNS)


@dataclass(frozen=True)
class _Spec:
    """Everything the generator needs, picklable for the producer process."""

    customers: int
    seed: int
    tag_ids: tuple[str, ...]
    owners: tuple[tuple[tuple[str, str] | None, float], ...]  # ((user id, department), w)
    branch_code: str
    site: str
    actor_id: str | None
    clock_after: str  # stamps made here sort after this one
    first_search_no: int
    now: datetime  # naive UTC
    batch: int = BATCH


@dataclass
class _Batch:
    customers: list[tuple[Any, ...]] = field(default_factory=list)
    people: list[tuple[Any, ...]] = field(default_factory=list)
    tags: list[tuple[Any, ...]] = field(default_factory=list)
    stages: list[tuple[Any, ...]] = field(default_factory=list)
    changes: list[tuple[Any, ...]] = field(default_factory=list)
    docs: search_index.DocumentRows | None = None
    ids: bytes = b""
    last_stamp: str = ""

    def to_wire(self) -> tuple[Any, ...]:
        """Plain lists and tuples (marshal is several times faster than pickle)."""
        assert self.docs is not None
        return (self.customers, self.people, self.tags, self.stages, self.changes,
                self.docs.tri, self.docs.short, self.docs.keys, self.ids, self.last_stamp)

    @classmethod
    def from_wire(cls, data: tuple[Any, ...]) -> _Batch:
        customers, people, tags, stages, changes, tri, short, keys, ids, last = data
        return cls(customers, people, tags, stages, changes,
                   search_index.DocumentRows(tri, short, keys), ids, last)


class _Ids:
    """UUIDv7 ids in order, fast: one `uuid7()` per batch, then its random part counted up
    (RFC 9562's monotonic counter method)."""

    def __init__(self) -> None:
        self.value = 0

    def start_batch(self) -> None:
        # Bit 61 cleared: a batch never counts into the variant bits.
        self.value = uuid7().int & ~(1 << 61)

    def next(self) -> str:
        self.value += 1
        return f"{self.value:032x}"


class _Stamps:
    """Version stamps of this site in order: the hybrid clock's format, one counter step
    a row (the clock itself is asked once a batch)."""

    def __init__(self, clock: HybridClock) -> None:
        self.clock = clock
        self.ms = self.counter = 0
        self.site = clock.site

    def start_batch(self) -> None:
        now = self.clock.now()  # after every stamp handed out (see `last`)
        self.ms, self.counter = now.wall_ms, now.counter

    def next(self) -> str:
        self.counter += 1
        if self.counter > MAX_COUNTER:
            self.ms, self.counter = self.ms + 1, 0
        return f"{self.ms:016x}-{self.counter:04x}-{self.site}"

    def last(self) -> str:
        self.clock.observe(Stamp(self.ms, self.counter, self.site))
        return self.clock.now().encode()


class _Generator:
    def __init__(self, spec: _Spec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.clock = HybridClock(spec.site, Stamp.decode(spec.clock_after))
        self.owner_draw = _Weighted(spec.owners)
        self.surnames = _Weighted(cat.SURNAMES)
        self.places = _Weighted([(d[:3], d[3]) for d in cat.BRANCH_DISTRICTS])
        self.birthplaces = _Weighted([(p[3], p[6]) for p in cat.PLACES])
        self.tiers = _Weighted(cat.TIER_WEIGHTS)
        self.stages = _Weighted(cat.STAGE_WEIGHTS)
        self.sources = _Weighted(cat.SOURCE_WEIGHTS)
        self.tag_counts = _Weighted(cat.TAG_COUNT_WEIGHTS)
        self.now = spec.now
        self.now_text = _db_time(spec.now)
        self.offset = ZoneInfo(DEFAULT_ZONE).utcoffset(spec.now) or timedelta(0)
        self.start = spec.now - timedelta(days=HISTORY_DAYS)
        self.step = (spec.now - self.start) / max(spec.customers, 1)
        self.seq_by_year: dict[int, int] = {}
        self.search_no = spec.first_search_no
        self.ids = _Ids()
        self.stamps = _Stamps(self.clock)
        self.keys: dict[tuple[str, str], frozenset[str]] = {}
        # Local new-year instants (naive UTC) of the years the fill spans, for the numbers.
        self.new_years = [(datetime(y, 1, 1).astimezone().astimezone(UTC).replace(tzinfo=None), y)
                          for y in range(self.start.year, spec.now.year + 2)]

    def keys_of(self, name: str, kind: str) -> frozenset[str]:
        found = self.keys.get((name, kind))
        if found is None:
            found = self.keys[(name, kind)] = search_index.pinyin_keys(name, kind)
        return found

    # -- pieces --------------------------------------------------------------------------

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.rng.random() * len(seq))]

    def person_name(self, male: bool) -> str:
        r = self.rng.random()
        surname = self.surnames.draw(self.rng)
        if r < 0.25:
            return surname + self.pick(cat.GIVEN_SINGLE_MALE if male else cat.GIVEN_SINGLE_FEMALE)
        if male:
            return surname + self.pick(cat.GIVEN_MALE_FIRST) + self.pick(cat.GIVEN_MALE_SECOND)
        return surname + self.pick(cat.GIVEN_FEMALE_FIRST) + self.pick(cat.GIVEN_FEMALE_SECOND)

    def mobile(self, i: int) -> str:
        # A different 8-digit tail for every customer (48271 is coprime with 10^8).
        tail = (i * 48271 + 7_654_321) % 100_000_000
        return f"{self.pick(cat.MOBILE_PREFIXES)}{tail:08d}"

    @staticmethod
    def landline(area: str, i: int) -> str:
        return f"{area}-{20_000_000 + (i * 69_621) % 70_000_000:08d}"

    def address(self, district: str) -> str:
        rnd = self.rng.random
        road = f"{self.pick(cat.DISTRICT_ROADS.get(district, cat.ROADS))}{int(rnd() * 999) + 1}号"
        if rnd() < 0.6:
            return f"{road}{self.pick(cat.ESTATES)}{int(rnd() * 30) + 1}栋" \
                   f"{int(rnd() * 32) + 1}{int(rnd() * 4) + 1:02d}室"
        return road

    def company_name(self, city: str) -> tuple[str, str, str]:
        """(short name, registered name, industry) of a made-up enterprise."""
        brand = self.pick(cat.BRAND_FIRST) + self.pick(cat.BRAND_SECOND)
        trade = self.pick(cat.TRADES)
        return brand + trade, f"{city.removesuffix('市')}{brand}{trade}有限公司", \
            self.pick(cat.INDUSTRIES)

    def resident_id(self, region: str, born: date, male: bool) -> str:
        seq = int(self.rng.random() * 500) * 2 + (1 if male else 0)
        first17 = f"{region}{born:%Y%m%d}{seq:03d}"
        return first17 + resident_id_check_digit(first17)

    def open_hours(self, moment: datetime) -> datetime:
        """`moment` (naive UTC) moved into the counter hours of its local day, keeping its
        order within the day; never after `now`."""
        local = moment + self.offset
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        fraction = (local - midnight) / timedelta(days=1)
        out = midnight + timedelta(hours=OPEN_FROM + fraction * OPEN_HOURS) - self.offset
        return out if out <= self.now else out - timedelta(days=1)

    def stage_path(self, stage: str, created: datetime) -> list[tuple[str | None, str, datetime]]:
        """How a customer came to `stage`: (from, to, when) from the filing on. Counter
        walk-ins are often filed as customers at once; others start as prospects."""
        rnd = self.rng.random
        if stage == "customer" and rnd() < 0.4:
            return [(None, "customer", created)]
        steps = {"prospect": ["prospect"],
                 "intent": ["prospect", "intent"],
                 "customer": ["prospect", "intent", "customer"] if rnd() < 0.6
                 else ["prospect", "customer"],
                 "lost": ["prospect", "lost"] if rnd() < 0.5 else ["prospect", "customer", "lost"]
                 }.get(stage, [stage])
        span = self.now - created
        moments = sorted(rnd() for _ in steps[1:])
        path: list[tuple[str | None, str, datetime]] = [(None, steps[0], created)]
        for before, after, share in zip(steps, steps[1:], moments, strict=False):
            at = max(path[-1][2] + timedelta(minutes=1),
                     self.open_hours(created + span * share))
            path.append((before, after, at))
        return path

    def number(self, created: datetime) -> str:
        year = self.start.year - 1
        for boundary, y in self.new_years:
            if created < boundary:
                break
            year = y
        seq = self.seq_by_year.get(year, 0) + 1
        self.seq_by_year[year] = seq
        return format_number(self.spec.branch_code, year, seq)

    # -- one batch -----------------------------------------------------------------------

    def batch(self, first: int, size: int) -> _Batch:
        spec, rng = self.spec, self.rng
        rnd = rng.random
        actor, site = spec.actor_id, spec.site
        out = _Batch()
        ids = bytearray()
        index: list[search_index.IndexRow] = []
        owners = self.owner_draw.many(rng, size)
        places = self.places.many(rng, size)
        tiers, stages = self.tiers.many(rng, size), self.stages.many(rng, size)
        sources, tag_counts = self.sources.many(rng, size), self.tag_counts.many(rng, size)
        individual_below = 1 - ENTERPRISE_SHARE - INSTITUTION_SHARE
        self.ids.start_batch()
        self.stamps.start_batch()
        for k in range(size):
            i = first + k
            created = self.open_hours(self.start + self.step * (i + rnd()))
            created_text = _db_time(created)
            stamp = self.stamps.next()
            cid = self.ids.next()
            ids += bytes.fromhex(cid)
            district, region, postal = places[k]
            province, city, area = cat.BRANCH_PROVINCE, cat.BRANCH_CITY, cat.BRANCH_AREA_CODE
            if rnd() < BORN_ELSEWHERE_SHARE:
                region = self.birthplaces.draw(rng)
            owner = owners[k]
            owner_id, department = owner if owner else (None, "")
            roll = rnd()
            gender = birthday = id_number = email = landline = mobile = None
            company = industry = ""
            people: list[tuple[str, str, str]] = []
            if roll < individual_below:
                kind = "individual"
                male = rnd() < 0.5
                name = self.person_name(male)
                gender = "M" if male else "F"
                born = date(1945 + int(rnd() * 62), int(rnd() * 12) + 1, int(rnd() * 28) + 1)
                birthday = born.isoformat()
                if rnd() < 0.9:
                    id_number = self.resident_id(region, born, male)
                if rnd() < 0.95:
                    mobile = self.mobile(i)
                if rnd() < 0.1:
                    landline = self.landline(area, i)
                if rnd() < 0.1:
                    email = f"user{i:07d}@example.com"
                if rnd() < 0.3:
                    company = self.company_name(city)[1]
                    industry = self.pick(cat.INDUSTRIES)
            elif roll < 1 - INSTITUTION_SHARE:
                kind = "enterprise"
                name, company, industry = self.company_name(city)
                landline = self.landline(area, i)
                if rnd() < 0.5:
                    mobile = self.mobile(i)
                people.append((self.person_name(rnd() < 0.5), self.pick(cat.TITLES),
                               self.mobile(i + 5_000_000)))
            else:
                kind = "institution"
                unit = self.pick(cat.INSTITUTIONS)
                name = f"{district}{unit}" if rnd() < 0.6 else f"{city}{unit}"
                industry = next((v for end, v in cat.INSTITUTION_INDUSTRY.items()
                                 if unit.endswith(end)), "居民服务")
                landline = self.landline(area, i)
                people.append((self.person_name(rnd() < 0.5), self.pick(cat.TITLES),
                               self.mobile(i + 7_000_000)))
            address = self.address(district)
            last_activity = None
            if rnd() < ACTIVE_SHARE:
                since = max(created, self.now - timedelta(days=400))
                last_activity = _db_time(since + (self.now - since) * rnd())
            deleted = None
            if rnd() < DELETED_SHARE:
                deleted = _db_time(self.now - timedelta(days=int(rnd() * 60) + 1))
            search_no = self.search_no
            self.search_no += 1
            path = self.stage_path(stages[k], created)
            row = (
                cid, created_text, actor, created_text, actor, stamp, site,
                self.number(created), kind, name, gender, birthday, id_number, mobile,
                landline, email, province, city, district, address, postal, industry, company,
                sources[k], owner_id, department, tiers[k], stages[k],
                _db_time(path[-1][2]), "", "", last_activity, deleted, None, search_no,
            )
            out.customers.append(row)
            out.changes.append(self.change("customer", cid, stamp, _CUSTOMER_SHAPE.json(row)))
            index.append(search_index.IndexRow(
                search_no, name, kind, mobile, landline, province, city, district, address,
                company, tuple(p[2] for p in people)))
            for before, after, at in path:
                at_text = _db_time(at)
                out.stages.append(self.child(_STAGE_SHAPE, "customer_stage_change", at_text,
                                             (cid, before, after, at_text), out))
            for position, (pname, title, phone) in enumerate(people):
                out.people.append(self.child(_PEOPLE_SHAPE, "customer_person", created_text,
                                             (cid, pname, title, phone, position), out))
            if tag_counts[k] and spec.tag_ids:
                for tag_id in rng.sample(spec.tag_ids, tag_counts[k]):
                    out.tags.append(self.child(_TAG_SHAPE, "customer_tag", created_text,
                                               (cid, tag_id), out))
        out.docs = search_index.document_rows(index, self.keys_of)
        out.ids = bytes(ids)
        out.last_stamp = self.stamps.last()
        return out

    def child(self, shape: _ChangeShape, entity: str, created_text: str,
              values: tuple[Any, ...], out: _Batch) -> tuple[Any, ...]:
        stamp = self.stamps.next()
        rid = self.ids.next()
        actor = self.spec.actor_id
        row = (rid, created_text, actor, created_text, actor, stamp, self.spec.site, *values)
        out.changes.append(self.change(entity, rid, stamp, shape.json(row)))
        return row

    def change(self, entity: str, entity_id: str, stamp: str, changes: str) -> tuple[Any, ...]:
        return (stamp, entity, entity_id, "insert", changes, self.spec.site,
                self.spec.actor_id, self.now_text)

    def batches(self) -> Iterator[_Batch]:
        size = self.spec.batch
        for first in range(0, self.spec.customers, size):
            yield self.batch(first, min(size, self.spec.customers - first))


# -- the producer process ----------------------------------------------------------------
#
# A plain child interpreter (not `multiprocessing`, which would import the caller's main
# script again) reads the pickled `_Spec` on stdin and writes each batch to stdout as a
# length-prefixed marshal of plain lists, then the yearly counters. The pipe's small
# buffer keeps it at most one batch ahead of the writer.

_HEADER = struct.Struct("<Q")


def _send(stream: Any, item: object) -> None:
    data = marshal.dumps(item)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def _receive(stream: Any) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    size = _HEADER.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return marshal.loads(data)  # our own child process wrote it


def producer_main() -> None:
    """Entry point of the producer process."""
    spec = pickle.load(sys.stdin.buffer)  # written by the parent
    out = sys.stdout.buffer
    gen = _Generator(spec)
    for batch in gen.batches():
        _send(out, batch.to_wire())
    _send(out, ("done", gen.seq_by_year))


def _from_producer(spec: _Spec, counters: dict[int, int]) -> Iterator[_Batch]:
    """Batches generated by a second process (both cores busy: it generates, we write)."""
    package_root = str(Path(__file__).resolve().parents[3])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    code = f"from {__name__} import producer_main; producer_main()"
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, env=env)
    try:
        assert child.stdin is not None and child.stdout is not None
        pickle.dump(spec, child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        child.stdin.close()
        while True:
            try:
                item = _receive(child.stdout)
            except EOFError:
                raise RuntimeError(f"演示数据生成进程意外退出（{child.wait()}）") from None
            if item[0] == "done":
                counters.update(item[1])
                return
            yield _Batch.from_wire(item)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()


def _in_process(spec: _Spec, counters: dict[int, int]) -> Iterator[_Batch]:
    gen = _Generator(spec)
    yield from gen.batches()
    counters.update(gen.seq_by_year)


def _use_producer(spec: _Spec) -> bool:
    # A frozen (packaged) app cannot start a plain interpreter for the second process.
    return spec.customers >= BULK_FROM and not getattr(sys, "frozen", False)


# -- writing -----------------------------------------------------------------------------


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


_CUSTOMER_SQL = _insert_sql("customers", CUSTOMER_COLUMNS)
_PEOPLE_SQL = _insert_sql("customer_people", PEOPLE_COLUMNS)
_TAG_SQL = _insert_sql("customer_tags", TAG_COLUMNS)
_STAGE_SQL = _insert_sql("customer_stage_changes", STAGE_COLUMNS)
_CHANGE_SQL = _insert_sql("change_log", CHANGE_COLUMNS)


def _check_columns(cur: Any) -> None:
    """Refuse to run against a schema this generator does not fill completely."""
    cur.execute("PRAGMA table_info(customers)")
    missing = [r[1] for r in cur.fetchall()
               if r[1] not in CUSTOMER_COLUMNS and r[3] and r[4] is None]
    if missing:
        raise RuntimeError(f"demo customers do not fill required columns: {missing}")


def _write(raw: Any, cur: Any, batch: _Batch) -> None:
    cur.executemany(_CUSTOMER_SQL, batch.customers)
    if batch.people:
        cur.executemany(_PEOPLE_SQL, batch.people)
    if batch.tags:
        cur.executemany(_TAG_SQL, batch.tags)
    if batch.stages:
        cur.executemany(_STAGE_SQL, batch.stages)
    cur.executemany(_CHANGE_SQL, batch.changes)
    assert batch.docs is not None
    search_index.write_documents(raw, batch.docs)


def _make_tags(ctx: DemoContext) -> list[str]:
    """The tag catalogue (20 tags in the five groups), through the ORM like any edit."""
    branch = ctx.branch
    groups = {str(g) for g in TagGroup}
    with branch.session() as s, transaction(s, branch.actor):
        existing = {(t.tag_group, t.name): t.id for t in s.execute(select(Tag)).scalars()}
        for group, name, color in cat.TAGS:
            if group in groups and (group, name) not in existing:
                tag = Tag(tag_group=group, name=name, color=color)
                s.add(tag)
                s.flush()
                existing[(group, name)] = tag.id
        return [existing[(g, n)] for g, n, _c in cat.TAGS if (g, n) in existing]


def _owners(ctx: DemoContext) -> tuple[tuple[tuple[str, str] | None, float], ...]:
    """Owner draws: ((user id, department) or None, weight) of the demo owners present."""
    wanted = [n for n, _w in OWNER_WEIGHTS if n]
    with ctx.branch.session() as s:
        rows = s.execute(select(User.username, User.id, User.department)
                         .where(User.username.in_(wanted))).all()
    found = {r[0]: (r[1], r[2] or "") for r in rows}
    return tuple((found[n] if n else None, w) for n, w in OWNER_WEIGHTS if n is None or n in found)


def _save_counters(cur: Any, seq_by_year: dict[int, int]) -> None:
    """Numbering continues after the demo customers (`numbering.allocate_numbers`)."""
    for year, seq in seq_by_year.items():
        key = counter_key(year)
        cur.execute("SELECT value FROM meta WHERE key = ?", (key,))
        found = cur.fetchone()
        value = max(seq, int(found[0]) if found and str(found[0]).isdigit() else 0)
        cur.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(value)))


@dataclass
class _Bulk:
    """How a large fill writes: the indexes it dropped, and whether it can be one
    transaction (no rollback journal: nothing is written twice)."""

    dropped: list[tuple[str, str]]
    one_transaction: bool


def _bulk_begin(cur: Any, raw: Any) -> _Bulk:
    """Settings for a large fill; drops the indexes to build again after."""
    journal = "wal"
    # Only this connection is open (see the caller); if another is, stay in WAL (slower).
    with contextlib.suppress(Exception):
        cur.execute("PRAGMA journal_mode = OFF")
        journal = str(cur.fetchone()[0]).lower()
    cur.execute("PRAGMA foreign_keys = OFF")  # every reference is made here, valid
    cur.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")  # the growing indexes stay cached
    search_index.bulk_settings(raw, on=True)
    marks = ",".join("?" * len(RANDOM_ORDER_INDEXES))
    cur.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({marks})",
                RANDOM_ORDER_INDEXES)
    dropped = [(r[0], r[1]) for r in cur.fetchall()]
    for name, _sql in dropped:
        cur.execute(f'DROP INDEX "{name}"')
    return _Bulk(dropped, journal == "off")


def _bulk_end(cur: Any, raw: Any, bulk: _Bulk, progress: Callable[[str], None]) -> None:
    if bulk.dropped:
        progress("重建客户索引…")
    for _name, sql in bulk.dropped:
        cur.execute(sql)
    search_index.bulk_settings(raw, on=False)
    progress("整理搜索索引…")
    search_index.optimize(raw)
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cur.execute("PRAGMA journal_mode = WAL")


def fill_demo(ctx: DemoContext) -> None:
    """File `ctx.customers` synthetic customers (see the module text)."""
    branch = ctx.branch
    progress: Callable[[str], None] = ctx.progress
    tag_ids = _make_tags(ctx)
    owners = _owners(ctx)
    ids = CompactIds()
    ctx.shared["customer_ids"] = ids
    if ctx.customers <= 0:
        return
    db = branch.db
    db.engine.dispose()  # a large fill changes the journal mode: no other connection open
    raw = db.engine.raw_connection()
    cur = raw.cursor()
    counters: dict[int, int] = {}
    try:
        _check_columns(cur)
        spec = _Spec(ctx.customers, ctx.rng.getrandbits(64), tuple(tag_ids), owners,
                     db.info.branch_code, db.clock.site, branch.actor.user_id,
                     db.clock.now().encode(), search_index.next_search_no(raw),
                     utcnow().replace(tzinfo=None), BATCH)
        bulk = _use_producer(spec)
        batches = _from_producer(spec, counters) if bulk else _in_process(spec, counters)
        cur.execute("PRAGMA synchronous = OFF")  # a demo fill is simply started again
        state = _bulk_begin(cur, raw) if bulk else None
        whole = state is not None and state.one_transaction
        finished = False
        try:
            if whole:
                cur.execute("BEGIN")
            done = 0
            for batch in batches:
                if not whole:
                    cur.execute("BEGIN")
                _write(raw, cur, batch)
                if not whole:
                    cur.execute("COMMIT")
                db.clock.observe(Stamp.decode(batch.last_stamp))
                ids.extend_raw(batch.ids)
                done += len(batch.customers)
                progress(f"客户 {done:,}/{ctx.customers:,}")
            if not whole:
                cur.execute("BEGIN")
            _save_counters(cur, counters)
            cur.execute("COMMIT")
            finished = True
        finally:
            if not finished and not whole and raw.dbapi_connection.in_transaction:
                cur.execute("ROLLBACK")
            # Without a journal a failed fill cannot be rolled back: leave it as it is.
            if state is not None and (finished or not whole):
                _bulk_end(cur, raw, state, progress)
            cur.execute("PRAGMA synchronous = NORMAL")
    finally:
        cur.close()
        raw.close()


__all__ = ["CUSTOMER_COLUMNS", "CompactIds", "fill_demo", "producer_main"]
