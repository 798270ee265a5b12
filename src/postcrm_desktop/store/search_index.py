"""The local customer search index, kept in step with `customers` by a session hook.

Three tables (migration 0004, SQLite only, never synced), keyed by `customers.search_no`:

- `customer_fts_tri` — FTS5 `trigram`, contentless, full detail. Columns `name`, `phones`
  (mobile, landline and contact people's phones as bare digits), `addr` (province, city,
  district and address run together) and `company`. Answers text of 3+ characters and
  digit runs of 3+ (phone fragments) as a quoted phrase.
- `customer_fts_short` — FTS5 `unicode61`, contentless, `detail=none`: one bag of
  tokens per customer, every Chinese character of the name and every pair of adjacent
  Chinese characters of name, address and company. Answers 1-2 Chinese characters (the
  trigram table finds nothing that short) with a single-token lookup.
- `customer_pinyin(key, search_no)` WITHOUT ROWID — full pinyin (each likely reading)
  and initials of the name; `prefix_range` queries answer `zhangw` and `zw`.

Deleted and merged customers stay indexed: searches filter by the customers row, so the
recycle bin is searched with the same index and a restore needs no re-indexing.

`install(sessionmaker)` hooks every ORM flush: new customers get the next `search_no`;
inserts, updates (name, phones, address, company...) and deletes of customers, and changes
to contact people's phones, rewrite or remove the customer's index rows in the same
transaction. ORM bulk `update(Customer)`/`delete(Customer)` statements are followed too.
Raw SQL writes bypass the hook: bulk fills call `index_many` (or `rebuild`) themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session

from postcrm_desktop.core.pinyin_keys import (
    name_mixed_keys,
    name_pinyin_variants,
    text_initials,
    text_pinyin,
)
from postcrm_desktop.core.search_text import compact_name, normalize_name
from postcrm_desktop.store.models.customers import Customer, CustomerPerson

TRI = "customer_fts_tri"
SHORT = "customer_fts_short"
PINYIN = "customer_pinyin"

DDL = (
    f"CREATE VIRTUAL TABLE {TRI} USING fts5(name, phones, addr, company, content='', "
    "contentless_delete=1, tokenize='trigram')",
    f"CREATE VIRTUAL TABLE {SHORT} USING fts5(tokens, content='', contentless_delete=1, "
    "detail='none', tokenize='unicode61')",
    f"CREATE TABLE {PINYIN} (key TEXT NOT NULL, search_no INTEGER NOT NULL, "
    "PRIMARY KEY (key, search_no)) WITHOUT ROWID",
)
DROP = (f"DROP TABLE IF EXISTS {TRI}", f"DROP TABLE IF EXISTS {SHORT}",
        f"DROP TABLE IF EXISTS {PINYIN}")

# Customer attributes the index is built from; a change to any of them re-indexes the row.
INDEXED = ("name", "customer_type", "mobile", "landline", "province", "city", "district",
           "address", "company", "search_no")
_KEYED = ("name", "customer_type", "search_no")  # the pinyin keys depend on these
MAX_KEY = 64
CHUNK = 500

_HAN_RUN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]+")
_NOT_DIGIT = re.compile(r"[^0-9]+")


class IndexRow(NamedTuple):
    """What the index holds of one customer."""

    search_no: int
    name: str
    customer_type: str = "individual"
    mobile: str | None = None
    landline: str | None = None
    province: str = ""
    city: str = ""
    district: str = ""
    address: str = ""
    company: str = ""
    person_phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    tri: tuple[str, str, str, str]  # name, phones, addr, company
    short: str
    keys: frozenset[str]


# -- documents ---------------------------------------------------------------------------


def han_runs(text: str | None) -> list[str]:
    return _HAN_RUN.findall(text or "")


def bigrams(text: str | None) -> list[str]:
    return [run[i:i + 2] for run in han_runs(text) for i in range(len(run) - 1)]


def phone_digits(*phones: str | None) -> str:
    """Each phone as bare digits, space separated (a query never spans two numbers)."""
    runs = (_NOT_DIGIT.sub("", p or "") for p in phones)
    return " ".join(r for r in runs if r)


def full_address(province: str, city: str, district: str, address: str) -> str:
    return f"{province or ''}{city or ''}{district or ''}{address or ''}"


@lru_cache(maxsize=65536)
def pinyin_keys(name: str, customer_type: str = "individual") -> frozenset[str]:
    """Keys of a name in `customer_pinyin`: each likely reading in full, and initials;
    for a person also the surname in full with the given name's initials and the reverse.

    Organisations are also keyed as plain text (no surname readings): 单位 is `danwei`.
    """
    if not name:
        return frozenset()
    keys: set[str] = set()
    for full, initials in name_pinyin_variants(name):
        keys.update((full, initials))
    if customer_type == "individual":
        keys.update(name_mixed_keys(name))  # zhangsf, zsanfeng
    if customer_type != "individual":
        keys.update((text_pinyin(name), text_initials(name)))
    return frozenset(k[:MAX_KEY] for k in keys if k)


def short_tokens(name: str, addr: str, company: str) -> str:
    """The name's Chinese characters, and pairs of adjacent ones in all three texts."""
    out: list[str] = []
    find = _HAN_RUN.findall
    for run in find(name):
        out.extend(run)
        out.extend(map(str.__add__, run, run[1:]))
    for text in (addr, company):
        for run in find(text):
            out.extend(map(str.__add__, run, run[1:]))
    return " ".join(dict.fromkeys(out))


KeysOf = Callable[[str, str], frozenset[str]]


def document(row: IndexRow, keys_of: KeysOf = pinyin_keys) -> Document:
    """What the index holds of one customer (`keys_of`: a cache of `pinyin_keys`)."""
    addr = f"{row.province or ''}{row.city or ''}{row.district or ''}{row.address or ''}"
    phones = phone_digits(row.mobile, row.landline, *row.person_phones)
    name, company = normalize_name(row.name), row.company or ""
    compact = compact_name(name)
    # The name as stored and normalised, and without its middle dots (买买提艾力).
    indexed_name = name if compact == name else f"{name} {compact}"
    return Document((indexed_name, phones, addr, company),
                    short_tokens(indexed_name, addr, company),
                    keys_of(name, row.customer_type or "individual"))


# -- writing -----------------------------------------------------------------------------


def _cursor(conn: Any) -> Any:
    """A DBAPI cursor of a DBAPI connection (or SQLAlchemy's pooled proxy of one)."""
    return conn.cursor()


@dataclass
class DocumentRows:
    """Rows for the three index tables, ready for `write_documents`."""

    tri: list[tuple[Any, ...]]
    short: list[tuple[int, str]]
    keys: list[tuple[str, int]]


def document_rows(rows: Iterable[IndexRow], keys_of: KeysOf = pinyin_keys) -> DocumentRows:
    out = DocumentRows([], [], [])
    for row in rows:
        doc = document(row, keys_of)
        out.tri.append((row.search_no, *doc.tri))
        out.short.append((row.search_no, doc.short))
        out.keys.extend((k, row.search_no) for k in doc.keys)
    return out


def write_documents(conn: Any, docs: DocumentRows, *, replace: bool = False) -> None:
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    cur = _cursor(conn)
    try:
        cur.executemany(f"{verb} INTO {TRI}(rowid, name, phones, addr, company) "
                        "VALUES (?, ?, ?, ?, ?)", docs.tri)
        cur.executemany(f"{verb} INTO {SHORT}(rowid, tokens) VALUES (?, ?)", docs.short)
        cur.executemany(f"INSERT OR IGNORE INTO {PINYIN}(key, search_no) VALUES (?, ?)",
                        docs.keys)
    finally:
        cur.close()


def index_many(conn: Any, rows: Iterable[IndexRow], *, replace: bool = False) -> int:
    """Add index rows for customers not indexed yet (`replace` for ones that may be).

    `conn` is a DBAPI connection inside the caller's transaction. Returns rows indexed.
    """
    docs = document_rows(rows)
    write_documents(conn, docs, replace=replace)
    return len(docs.tri)


def bulk_settings(conn: Any, *, on: bool) -> None:
    """Larger FTS5 write buffers for a bulk fill (`on`), or the defaults again."""
    size = 64 * 1024 * 1024 if on else 1024 * 1024
    cur = _cursor(conn)
    try:
        for table in (TRI, SHORT):
            cur.execute(f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?)", (size,))
    finally:
        cur.close()


def remove(conn: Any, entries: Iterable[tuple[int, str, str]], *,
           keep_documents: bool = False) -> None:
    """Remove what the index holds for `(search_no, name, customer_type)` entries.

    The pinyin keys are found again from the name the customer had (the keys are a pure
    function of it). `keep_documents` leaves the FTS rows (they are about to be replaced).
    """
    entries = [e for e in entries if e[0] is not None]
    if not entries:
        return
    cur = _cursor(conn)
    try:
        cur.executemany(f"DELETE FROM {PINYIN} WHERE key = ? AND search_no = ?",
                        [(k, sn) for sn, name, kind in entries
                         for k in pinyin_keys(name or "", kind or "individual")])
        if not keep_documents:
            nos = [(sn,) for sn, _n, _k in entries]
            cur.executemany(f"DELETE FROM {TRI} WHERE rowid = ?", nos)
            cur.executemany(f"DELETE FROM {SHORT} WHERE rowid = ?", nos)
    finally:
        cur.close()


_ROW_COLUMNS = ("search_no", "name", "customer_type", "mobile", "landline", "province", "city",
                "district", "address", "company")


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _rows_where(conn: Any, column: str, values: Sequence[Any]) -> list[IndexRow]:
    """Index rows of the customers whose `column` is in `values`, read from the database."""
    out: list[IndexRow] = []
    cur = _cursor(conn)
    try:
        for part in _chunks(values):
            marks = ",".join("?" * len(part))
            cur.execute(f"SELECT id, {', '.join(_ROW_COLUMNS)} FROM customers "
                        f"WHERE {column} IN ({marks}) AND search_no IS NOT NULL", tuple(part))
            found = cur.fetchall()
            phones: dict[str, list[str]] = {}
            ids = [r[0] for r in found]
            if ids:
                cur.execute("SELECT customer_id, phone FROM customer_people WHERE customer_id "
                            f"IN ({','.join('?' * len(ids))}) AND phone IS NOT NULL "
                            "ORDER BY position", ids)
                for customer_id, phone in cur.fetchall():
                    phones.setdefault(customer_id, []).append(phone)
            for r in found:
                out.append(IndexRow(*r[1:], person_phones=tuple(phones.get(r[0], ()))))
    finally:
        cur.close()
    return out


def reindex_ids(conn: Any, customer_ids: Sequence[str]) -> int:
    """Rewrite the FTS rows and add the pinyin keys of these customers from the database.

    Old pinyin keys must have been removed first (`remove`) if the name changed.
    """
    rows = _rows_where(conn, "id", list(customer_ids))
    return index_many(conn, rows, replace=True)


def next_search_no(conn: Any) -> int:
    cur = _cursor(conn)
    try:
        cur.execute("SELECT max(search_no) FROM customers")
        top = cur.fetchone()[0]
    finally:
        cur.close()
    return (top or 0) + 1


def rebuild(conn: Any, *, batch: int = 20_000) -> int:
    """Empty the index and build it again from every customer (numbering any without a
    `search_no`). Returns customers indexed."""
    cur = _cursor(conn)
    try:
        for table in (TRI, SHORT):
            cur.execute(f"DELETE FROM {table}")
        cur.execute(f"DELETE FROM {PINYIN}")
        cur.execute("SELECT id FROM customers WHERE search_no IS NULL ORDER BY created_at, id")
        missing = [r[0] for r in cur.fetchall()]
        start = next_search_no(conn)
        cur.executemany("UPDATE customers SET search_no = ? WHERE id = ?",
                        [(start + i, cid) for i, cid in enumerate(missing)])
        cur.execute("SELECT max(search_no) FROM customers")
        top = cur.fetchone()[0] or 0
    finally:
        cur.close()
    done = 0
    for low in range(0, top + 1, batch):
        done += index_many(conn, _rows_where(conn, "search_no", range(low, low + batch)))
    optimize(conn)
    return done


def normalize_names(conn: Any, *, batch: int = 20_000) -> tuple[int, int]:
    """Bring names stored before `normalize_name` (a space or a no-break or full-width
    space inside, full-width letters, middle dot variants) to their normalised form, and
    index what the index now holds of a name: the name without its middle dots, and for
    persons the mixed pinyin keys (`name_mixed_keys`). Returns (names changed, customers
    re-indexed). For a migration; `conn` is a DBAPI connection in its transaction."""
    changed: list[tuple[str, int | None, str, str, str]] = []
    dotted: list[str] = []

    def scan(rows: list[Any]) -> None:
        for cid, sn, name, kind in rows:
            new = normalize_name(name)
            if new and new != name:
                changed.append((cid, sn, name or "", kind or "individual", new))
            if "\u00b7" in new:
                dotted.append(cid)

    cur = _cursor(conn)
    try:
        select_rows = "SELECT id, search_no, name, customer_type FROM customers WHERE "
        cur.execute(select_rows + "search_no IS NULL")
        scan(cur.fetchall())
        cur.execute("SELECT max(search_no) FROM customers")
        top = cur.fetchone()[0] or 0
        for low in range(0, top + 1, batch):
            cur.execute(select_rows + "search_no >= ? AND search_no < ?", (low, low + batch))
            rows = cur.fetchall()
            scan(rows)
            keys = [(k[:MAX_KEY], sn) for _cid, sn, name, kind in rows
                    if (kind or "individual") == "individual"
                    for k in name_mixed_keys(normalize_name(name))]
            cur.executemany(f"INSERT OR IGNORE INTO {PINYIN}(key, search_no) VALUES (?, ?)",
                            keys)
        cur.executemany("UPDATE customers SET name = ? WHERE id = ?",
                        [(new, cid) for cid, _sn, _old, _kind, new in changed])
    finally:
        cur.close()
    remove(conn, [(sn, old, kind) for _cid, sn, old, kind, _new in changed if sn is not None],
           keep_documents=True)
    ids = sorted({c[0] for c in changed} | set(dotted))
    reindex_ids(conn, ids)
    return len(changed), len(ids)


def optimize(conn: Any) -> None:
    """Merge the FTS segments into one (after a bulk build: fewer lookups per query)."""
    cur = _cursor(conn)
    try:
        for table in (TRI, SHORT):
            cur.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    finally:
        cur.close()


# -- the session hook --------------------------------------------------------------------


@dataclass
class _Pending:
    """What one flush must do to the index once the rows are written."""

    customers: list[Customer]
    customer_ids: set[str]
    removed: set[str]


def _changed(obj: Any, names: Iterable[str]) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in names)


def _old_value(obj: Any, name: str) -> Any:
    """The value `name` had before this flush, if the session knows it (else None)."""
    history = inspect(obj).attrs[name].history
    if history.deleted:
        return history.deleted[0]
    if history.unchanged:
        return history.unchanged[0]
    return None


def _stored(conn: Any, ids: Sequence[str]) -> list[tuple[int, str, str]]:
    """`(search_no, name, customer_type)` as the database holds them now."""
    out: list[tuple[int, str, str]] = []
    cur = _cursor(conn)
    try:
        for part in _chunks(list(ids)):
            cur.execute("SELECT search_no, name, customer_type FROM customers WHERE id IN "
                        f"({','.join('?' * len(part))})", tuple(part))
            out += [tuple(r) for r in cur.fetchall()]  # type: ignore[misc]
    finally:
        cur.close()
    return out


def _person_owner_in_db(conn: Any, person_id: str) -> str | None:
    cur = _cursor(conn)
    try:
        cur.execute("SELECT customer_id FROM customer_people WHERE id = ?", (person_id,))
        found = cur.fetchone()
    finally:
        cur.close()
    return found[0] if found else None


def _dbapi(session: Session) -> Any:
    return session.connection().connection


def _before_flush(session: Session, ctx: Any) -> None:
    new = [o for o in session.new if isinstance(o, Customer)]
    dirty = [o for o in session.dirty if isinstance(o, Customer)
             and session.is_modified(o) and _changed(o, INDEXED)]
    gone = [o for o in session.deleted if isinstance(o, Customer)]
    people = [o for o in (*session.new, *session.dirty, *session.deleted)
              if isinstance(o, CustomerPerson)]
    if not (new or dirty or gone or people):
        return
    conn = _dbapi(session)
    # Kept on this flush's unit of work: a flush that fails leaves nothing behind.
    pending: _Pending = ctx.attributes.setdefault("search_index", _Pending([], set(), set()))

    unnumbered = [o for o in (*new, *dirty) if o.search_no is None]
    if unnumbered:
        start = next_search_no(conn)
        for i, obj in enumerate(unnumbered):
            obj.search_no = start + i
    pending.customers += new + dirty

    # Customers renamed (or renumbered) lose the keys of their old name; deleted ones
    # lose everything. The database still holds the values from before this flush.
    renumbered = [o.id for o in dirty if o.id and _changed(o, ("search_no",))]
    rekeyed = [o.id for o in dirty if o.id and o.id not in renumbered and _changed(o, _KEYED)]
    removed_ids = [o.id for o in gone if o.id]
    if renumbered:
        remove(conn, _stored(conn, renumbered))
    if rekeyed:
        remove(conn, _stored(conn, rekeyed), keep_documents=True)
    if removed_ids:
        remove(conn, _stored(conn, removed_ids))
        pending.removed.update(removed_ids)

    for person in people:
        if person in session.new:
            pending.customer_ids.add(person.customer_id)
            continue
        if person in session.deleted:
            owner = _old_value(person, "customer_id") or _person_owner_in_db(conn, person.id)
            if owner:
                pending.customer_ids.add(owner)
            continue
        if not _changed(person, ("phone", "customer_id")):
            continue
        before = _old_value(person, "customer_id") or _person_owner_in_db(conn, person.id)
        pending.customer_ids.update(i for i in (before, person.customer_id) if i)


def _after_flush(session: Session, ctx: Any) -> None:
    pending: _Pending | None = ctx.attributes.pop("search_index", None)
    if pending is None:
        return
    ids = {o.id for o in pending.customers} | pending.customer_ids
    ids -= pending.removed
    if ids:
        reindex_ids(_dbapi(session), sorted(i for i in ids if i))


def _set_columns(state: ORMExecuteState) -> set[str] | None:
    """Names of the columns an ORM UPDATE sets, or None when they cannot be told."""
    params = state.parameters
    if isinstance(params, list | tuple):
        return {str(k) for p in params for k in p}
    values = getattr(state.statement, "_values", None)
    if not values:
        return None
    names = {str(getattr(k, "key", None) or getattr(k, "name", None) or k) for k in values}
    return names | ({str(k) for k in params} if isinstance(params, dict) else set())


def _bulk_statement(state: ORMExecuteState) -> Any:
    """Follow ORM `update(Customer)` / `delete(Customer)` statements (no flush sees them)."""
    mapper = state.bind_mapper
    if mapper is None or not issubclass(mapper.class_, Customer):
        return None
    if state.is_update:
        touched = _set_columns(state)
        if touched is not None and not touched & set(INDEXED):
            return None  # e.g. last_activity_at: nothing the index holds
    session = state.session
    params = state.parameters
    if isinstance(params, list | tuple):  # UPDATE by primary key, one set per row
        ids = [p["id"] for p in params if "id" in p]
    else:
        query = select(Customer.id)
        where = getattr(state.statement, "whereclause", None)
        if where is not None:
            query = query.where(where)
        ids = list(session.execute(query, params or {}).scalars())
    conn = _dbapi(session)
    before = _stored(conn, ids) if ids else []
    result = state.invoke_statement()
    if not ids:
        return result
    if state.is_delete:
        remove(conn, before)
        return result
    remove(conn, before)
    cur = _cursor(conn)
    try:
        start = next_search_no(conn)
        cur.executemany("UPDATE customers SET search_no = ? WHERE id = ? "
                        "AND search_no IS NULL",
                        [(start + i, cid) for i, cid in enumerate(ids)])
    finally:
        cur.close()
    reindex_ids(conn, ids)
    return result


def install(session_factory: Any) -> None:
    """Attach the index hooks to a sessionmaker (once, next to the change-log hook)."""

    @event.listens_for(session_factory, "before_flush")
    def _on_before_flush(session: Session, ctx: Any, _instances: Any) -> None:
        _before_flush(session, ctx)

    @event.listens_for(session_factory, "after_flush")
    def _on_after_flush(session: Session, ctx: Any) -> None:
        _after_flush(session, ctx)

    @event.listens_for(session_factory, "do_orm_execute")
    def _on_execute(state: ORMExecuteState) -> Any:
        if state.is_update or state.is_delete:
            return _bulk_statement(state)
        return None


__all__ = [
    "DDL",
    "DROP",
    "INDEXED",
    "PINYIN",
    "SHORT",
    "TRI",
    "Document",
    "DocumentRows",
    "IndexRow",
    "bigrams",
    "bulk_settings",
    "document",
    "document_rows",
    "full_address",
    "han_runs",
    "index_many",
    "install",
    "next_search_no",
    "normalize_names",
    "optimize",
    "phone_digits",
    "pinyin_keys",
    "rebuild",
    "reindex_ids",
    "remove",
    "short_tokens",
    "write_documents",
]
