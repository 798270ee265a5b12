"""The local search index of the case library, kept in step with `cases` by a session hook.

Built from the same pieces as the customer index (`store.search_index`), keyed by
`cases.search_no` (migration 0011, SQLite only, never synced):

- `case_fts_tri` — FTS5 `trigram`, contentless: `title`, `body` (problem, cause and
  solution) and `tags`. Answers text of 3+ characters as a quoted phrase.
- `case_fts_short` — FTS5 `unicode61`, contentless, `detail=none`: every Chinese character
  of the title and tags and every pair of adjacent characters of all the texts
  (`search_index.short_tokens`). Answers 1-2 Chinese characters.
- `case_pinyin(key, search_no)` — full pinyin and initials of the title and of each tag,
  from every character on (`yanwu` and `yw` find 包裹延误), so pinyin finds a word inside
  the title, not only at its start; `prefix_range` queries as for customers.

Texts are indexed in the normal form of `core.search_text.normalize_name`, as queries are
parsed (`customers.search_query`). Retired cases stay indexed (the list can show them);
searches filter by the cases row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from postcrm_desktop.core.pinyin_keys import text_initials, text_pinyin
from postcrm_desktop.core.search_text import normalize_name
from postcrm_desktop.store.models.cases import Case
from postcrm_desktop.store.search_index import MAX_KEY, han_runs, short_tokens

TRI = "case_fts_tri"
SHORT = "case_fts_short"
PINYIN = "case_pinyin"

DDL = (
    f"CREATE VIRTUAL TABLE {TRI} USING fts5(title, body, tags, content='', "
    "contentless_delete=1, tokenize='trigram')",
    f"CREATE VIRTUAL TABLE {SHORT} USING fts5(tokens, content='', contentless_delete=1, "
    "detail='none', tokenize='unicode61')",
    f"CREATE TABLE {PINYIN} (key TEXT NOT NULL, search_no INTEGER NOT NULL, "
    "PRIMARY KEY (key, search_no)) WITHOUT ROWID",
    f"CREATE INDEX ix_{PINYIN}_no ON {PINYIN}(search_no)",
)
DROP = (f"DROP TABLE IF EXISTS {TRI}", f"DROP TABLE IF EXISTS {SHORT}",
        f"DROP TABLE IF EXISTS {PINYIN}")

INDEXED = ("title", "problem", "cause", "solution", "tags", "search_no")


def split_tags(tags: str | None) -> list[str]:
    """The keywords of `cases.tags` (one per line)."""
    return [t.strip() for t in (tags or "").splitlines() if t.strip()]


def pinyin_keys(title: str, tags: Iterable[str] = ()) -> frozenset[str]:
    """Full pinyin and initials of each run of Chinese characters of the title and tags,
    from every character of the run on; ASCII words of them as they are."""
    keys: set[str] = set()
    for text in (title, *tags):
        for run in han_runs(text):
            syllables = text_pinyin(run, " ").split()
            if len(syllables) != len(run):  # a character without a reading: whole run only
                keys.update((text_pinyin(run), text_initials(run)))
                continue
            for i in range(len(syllables)):
                rest = syllables[i:]
                keys.update(("".join(rest), "".join(s[0] for s in rest)))
        keys.update(w.lower() for w in text.split() if w.isascii() and w.isalpha())
    return frozenset(k[:MAX_KEY] for k in keys if k)


def body_text(problem: str, cause: str, solution: str) -> str:
    return "\n".join(t for t in (problem, cause, solution) if t)


def _cursor(conn: Any) -> Any:
    return conn.cursor()


def write(conn: Any, rows: Iterable[tuple[int, str, str, str, str, str]]) -> int:
    """Index `(search_no, title, problem, cause, solution, tags)` rows, replacing what the
    index held for those numbers. `conn`: a DBAPI connection in the caller's transaction."""
    tri, short, keys, nos = [], [], [], []
    for search_no, title, problem, cause, solution, tags in rows:
        # Indexed in the normal form searches use (`core.search_text`): full-width letters
        # folded, no space between Chinese characters (包裹　延误 is found as 包裹延误).
        title = normalize_name(title)
        tag_list = [normalize_name(t) for t in split_tags(tags)]
        body = normalize_name(body_text(problem, cause, solution))
        tag_text = "\n".join(tag_list)
        nos.append((search_no,))
        tri.append((search_no, title or "", body, tag_text))
        short.append((search_no, short_tokens(f"{title}\n{tag_text}", body, "")))
        keys += [(k, search_no) for k in pinyin_keys(title or "", tag_list)]
    cur = _cursor(conn)
    try:
        cur.executemany(f"DELETE FROM {PINYIN} WHERE search_no = ?", nos)
        cur.executemany(f"INSERT OR REPLACE INTO {TRI}(rowid, title, body, tags) "
                        "VALUES (?, ?, ?, ?)", tri)
        cur.executemany(f"INSERT OR REPLACE INTO {SHORT}(rowid, tokens) VALUES (?, ?)", short)
        cur.executemany(f"INSERT OR IGNORE INTO {PINYIN}(key, search_no) VALUES (?, ?)", keys)
    finally:
        cur.close()
    return len(nos)


def remove(conn: Any, search_nos: Sequence[int]) -> None:
    nos = [(n,) for n in search_nos if n is not None]
    cur = _cursor(conn)
    try:
        for table in (TRI, SHORT):
            cur.executemany(f"DELETE FROM {table} WHERE rowid = ?", nos)
        cur.executemany(f"DELETE FROM {PINYIN} WHERE search_no = ?", nos)
    finally:
        cur.close()


_COLUMNS = "search_no, title, problem, cause, solution, tags"


def reindex_ids(conn: Any, ids: Sequence[str]) -> int:
    cur = _cursor(conn)
    try:
        rows = []
        for i in range(0, len(ids), 500):
            part = list(ids[i:i + 500])
            cur.execute(f"SELECT {_COLUMNS} FROM cases WHERE id IN ({','.join('?' * len(part))})"
                        " AND search_no IS NOT NULL", part)
            rows += cur.fetchall()
    finally:
        cur.close()
    return write(conn, rows)


def next_search_no(conn: Any) -> int:
    cur = _cursor(conn)
    try:
        cur.execute("SELECT max(search_no) FROM cases")
        top = cur.fetchone()[0]
    finally:
        cur.close()
    return (top or 0) + 1


def rebuild(conn: Any) -> int:
    """Empty the index and build it again from every case (numbering any without one)."""
    cur = _cursor(conn)
    try:
        for table in (TRI, SHORT, PINYIN):
            cur.execute(f"DELETE FROM {table}")
        cur.execute("SELECT id FROM cases WHERE search_no IS NULL ORDER BY created_at, id")
        missing = [r[0] for r in cur.fetchall()]
        start = next_search_no(conn)
        cur.executemany("UPDATE cases SET search_no = ? WHERE id = ?",
                        [(start + i, cid) for i, cid in enumerate(missing)])
        cur.execute(f"SELECT {_COLUMNS} FROM cases WHERE search_no IS NOT NULL")
        rows = cur.fetchall()
    finally:
        cur.close()
    return write(conn, rows)


# -- the session hook --------------------------------------------------------------------


def _changed(obj: Case) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in INDEXED)


def _before_flush(session: Session, ctx: Any) -> None:
    new = [o for o in session.new if isinstance(o, Case)]
    dirty = [o for o in session.dirty if isinstance(o, Case)
             and session.is_modified(o) and _changed(o)]
    gone = [o for o in session.deleted if isinstance(o, Case)]
    if not (new or dirty or gone):
        return
    conn = session.connection().connection
    unnumbered = [o for o in (*new, *dirty) if o.search_no is None]
    if unnumbered:
        start = next_search_no(conn)
        for i, obj in enumerate(unnumbered):
            obj.search_no = start + i
    renumbered = [inspect(o).attrs.search_no.history.deleted for o in dirty]
    old = [n for nos in renumbered for n in nos if n is not None]
    old += [o.search_no for o in gone if o.search_no is not None]
    if old:
        remove(conn, old)
    ctx.attributes.setdefault("case_index", set()).update(o for o in (*new, *dirty))


def _after_flush(session: Session, ctx: Any) -> None:
    pending: set[Case] | None = ctx.attributes.pop("case_index", None)
    if pending:
        reindex_ids(session.connection().connection, sorted(o.id for o in pending))


def install(session_factory: Any) -> None:
    """Attach the index hooks to a sessionmaker (next to the customer index's)."""

    @event.listens_for(session_factory, "before_flush")
    def _on_before_flush(session: Session, ctx: Any, _instances: Any) -> None:
        _before_flush(session, ctx)

    @event.listens_for(session_factory, "after_flush")
    def _on_after_flush(session: Session, ctx: Any) -> None:
        _after_flush(session, ctx)


__all__ = ["DDL", "DROP", "PINYIN", "SHORT", "TRI", "body_text", "install", "next_search_no",
           "pinyin_keys", "rebuild", "reindex_ids", "remove", "split_tags", "write"]
