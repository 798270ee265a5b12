"""Finding cases: the search box of the case library, and suggestions for a complaint.

`search_cases` answers as the user types with the customer search's rules: the text is
parsed by `customers.search_query.parse` (Chinese substrings, pinyin full or initials,
digits, the same normalisation), and each source is read from the case index
(`store.case_index`) instead of the customer index. A case matches when it matches
every word; title hits come first, then the most recently changed.

`suggest_cases` is the small panel on the complaint intake and detail: cases of the same
category whose texts share enough words (pairs of Chinese characters, Latin words) with
what the complaint says, best first.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.cases.library import case_row
from postcrm_desktop.services.cases.types import CaseRow
from postcrm_desktop.services.complaints.categories import category_names
from postcrm_desktop.services.customers import search_query as q
from postcrm_desktop.services.customers.search_sql import Params
from postcrm_desktop.services.tx import reading
from postcrm_desktop.store import case_index as ix
from postcrm_desktop.store.models.cases import Case
from postcrm_desktop.store.search_index import bigrams

MAX_RESULTS = 200
SUGGEST_CANDIDATES = 2000
MIN_SCORE = 3  # shared word pairs a suggestion needs (a title pair counts twice)

_LATIN = re.compile(r"[a-z0-9]{3,}")


def _source_sql(src: q.Source, p: Params) -> str | None:
    """SELECT of the `search_no` of every case one source of the parsed text matches;
    None for sources that only mean something for customers (customer numbers)."""
    if src.kind == q.SHORT:
        phrase = p.add(q.fts_phrase(src.value))
        return f"SELECT rowid FROM {ix.SHORT} WHERE {ix.SHORT} MATCH {phrase}"
    if src.kind in (q.TRI_TEXT, q.TRI_PHONES):
        if len(src.value) < 3:
            return None
        return f"SELECT rowid FROM {ix.TRI} WHERE {ix.TRI} MATCH {p.add(q.fts_phrase(src.value))}"
    if src.kind == q.PINYIN:
        lo, hi = q.pinyin_range(src.value)
        return (f"SELECT search_no FROM {ix.PINYIN} WHERE key >= {p.add(lo)} "
                f"AND key < {p.add(hi)}")
    if src.kind == q.NAME_EXACT:
        return f"SELECT search_no FROM cases WHERE title = {p.add(src.value)}"
    return None


def _matching(s: Session, parts: list[q.Part]) -> list[int] | None:
    """`search_no` of the cases matching every part; None if a part cannot match at all."""
    p = Params()
    sets = []
    for part in parts:
        sqls = [sql for sql in (_source_sql(src, p) for src in part.sources) if sql]
        if not sqls:
            return None
        sets.append(" UNION ".join(sqls))
    sql = " INTERSECT ".join(f"SELECT * FROM ({one})" for one in sets)
    return [r[0] for r in s.execute(text(sql), p.values)]


def _fold(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", value or "").lower().split())


def _rank(c: Case, words: list[str]) -> tuple[int, int]:
    title, tags = _fold(c.title), _fold(c.tags)
    return (sum(w in title for w in words), sum(w in tags for w in words))


def search_cases(branch: Branch, query: str = "", *, category: str | None = None,
                 include_retired: bool = False, limit: int = 50) -> list[CaseRow]:
    """Cases matching the search text (every case when blank), title hits first, then
    the most recently changed; retired ones only with `include_retired`. Anyone logged
    in may read the case library."""
    limit = max(1, min(int(limit), MAX_RESULTS))
    parts = q.parse(query or "")
    with branch.session() as s, reading(s):
        stmt = select(Case)
        if category:
            stmt = stmt.where(Case.category == category)
        if not include_retired:
            stmt = stmt.where(Case.active.is_(True))
        if parts is not None:
            if not parts:
                return []
            nos = _matching(s, parts)
            if not nos:
                return []
            stmt = stmt.where(Case.search_no.in_(nos[:MAX_RESULTS * 20]))
        stmt = stmt.order_by(Case.active.desc(), Case.updated_at.desc(), Case.id.desc())
        if parts is None:
            cases = list(s.execute(stmt.limit(limit)).scalars())
        else:
            found = list(s.execute(stmt.limit(MAX_RESULTS * 5)).scalars())
            words = [_fold(p.word) for p in parts]
            # Stable sort: within equal rank the order above (newest first) stays.
            cases = sorted(found, key=lambda c: _rank(c, words), reverse=True)[:limit]
        names = category_names(s)
        return [case_row(branch, c, names) for c in cases]


def _terms(value: str) -> set[str]:
    folded = unicodedata.normalize("NFKC", value or "").lower()
    return set(bigrams(folded)) | set(_LATIN.findall(folded))


def suggest_cases(branch: Branch, category: str | None, description: str, *,
                  limit: int = 3, exclude: tuple[str, ...] = ()) -> list[CaseRow]:
    """Up to `limit` active cases of `category` (code) whose texts share enough of the
    description's words, best match first; [] until both are given."""
    words = _terms(description)
    if not category or not words:
        return []
    with branch.session() as s, reading(s):
        found = s.execute(
            select(Case).where(Case.category == category, Case.active.is_(True))
            .order_by(Case.updated_at.desc()).limit(SUGGEST_CANDIDATES)).scalars()
        scored: list[tuple[int, Any, Case]] = []
        for c in found:
            if c.id in exclude:
                continue
            title = _terms(c.title) | _terms(c.tags)
            body = _terms(f"{c.problem}\n{c.cause}\n{c.solution}")
            score = 2 * len(words & title) + len(words & (body - title))
            if score >= MIN_SCORE:
                scored.append((score, c.updated_at, c))
        scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
        names = category_names(s)
        return [case_row(branch, c, names) for _score, _at, c in scored[:max(0, limit)]]


__all__ = ["MIN_SCORE", "search_cases", "suggest_cases"]
