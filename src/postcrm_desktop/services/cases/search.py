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

from sqlalchemy import Integer, case, column, func, literal, select, text
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
SUGGEST_CANDIDATES = 40  # best-ranked by the index, then scored exactly
MAX_PAIRS = 64  # character pairs of a description looked up
SUMMARY_SOURCE = 80
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


def _matching(parts: list[q.Part]) -> Any:
    """A selectable of the `search_no` of the cases matching every part; None if a part
    cannot match at all."""
    p = Params()
    sets = []
    for part in parts:
        sqls = [sql for sql in (_source_sql(src, p) for src in part.sources) if sql]
        if not sqls:
            return None
        sets.append(" UNION ".join(sqls))
    sql = " INTERSECT ".join(f"SELECT * FROM ({one})" for one in sets)
    return text(sql).bindparams(**p.values).columns(column("search_no", Integer))


# What a list row needs: the start of the problem, not the whole texts.
_ROW_COLUMNS = (Case.id, Case.title, Case.category, Case.tags, Case.origin, Case.published_by,
                Case.active, Case.updated_at, Case.source_complaint_id,
                func.substr(Case.problem, 1, SUMMARY_SOURCE).label("problem"))


def _hits(column: Any, words: list[str]) -> Any:
    """How many of the words `column` holds (SQL), for ranking title hits first."""
    terms = [case((func.instr(func.lower(column), w) > 0, 1), else_=0) for w in words]
    return sum(terms[1:], terms[0]) if terms else literal(0)


def search_cases(branch: Branch, query: str = "", *, category: str | None = None,
                 include_retired: bool = False, limit: int = 50) -> list[CaseRow]:
    """Cases matching the search text (every case when blank), title hits first, then
    tag hits, then the most recently changed; retired ones only with `include_retired`.
    Anyone logged in may read the case library."""
    limit = max(1, min(int(limit), MAX_RESULTS))
    parts = q.parse(query or "")
    with branch.session() as s, reading(s):
        stmt = select(*_ROW_COLUMNS)
        if category:
            stmt = stmt.where(Case.category == category)
        if not include_retired:
            stmt = stmt.where(Case.active.is_(True))
        order: list[Any] = []
        if parts is not None:
            matching = _matching(parts) if parts else None
            if matching is None:
                return []
            stmt = stmt.where(Case.search_no.in_(matching))
            words = [w for w in ("".join(p.word.lower().split()) for p in parts) if w]
            order = [_hits(Case.title, words).desc(), _hits(Case.tags, words).desc()]
        stmt = stmt.order_by(*order, Case.active.desc(), Case.updated_at.desc(),
                             Case.id.desc()).limit(limit)
        found = s.execute(stmt).all()
        names = category_names(s)
        return [case_row(branch, r, names) for r in found]


def _terms(value: str) -> set[str]:
    folded = unicodedata.normalize("NFKC", value or "").lower()
    return set(bigrams(folded)) | set(_LATIN.findall(folded))


def _candidates(s: Session, category: str, words: set[str]) -> list[Case]:
    """Active cases of the category sharing the most of the words' Chinese character pairs
    (the short-token index, best first by bm25), at most `SUGGEST_CANDIDATES`."""
    pairs = sorted(w for w in words if len(w) == 2 and not w.isascii())[:MAX_PAIRS]
    if not pairs:
        return []
    match = " OR ".join(q.fts_phrase(w) for w in pairs)
    nos = text(
        f"SELECT f.rowid FROM {ix.SHORT} f JOIN cases c ON c.search_no = f.rowid "
        f"WHERE {ix.SHORT} MATCH :match AND c.category = :category AND c.active "
        f"ORDER BY bm25({ix.SHORT}) LIMIT :n"
    ).bindparams(match=match, category=category, n=SUGGEST_CANDIDATES)
    ranked = [r[0] for r in s.execute(nos)]
    if not ranked:
        return []
    found = {c.search_no: c for c in s.execute(
        select(Case).where(Case.search_no.in_(ranked))).scalars()}
    return [found[n] for n in ranked if n in found]


def suggest_cases(branch: Branch, category: str | None, description: str, *,
                  limit: int = 3, exclude: tuple[str, ...] = ()) -> list[CaseRow]:
    """Up to `limit` active cases of `category` (code) whose texts share enough of the
    description's words, best match first; [] until both are given."""
    words = _terms(description)
    if not category or not words:
        return []
    with branch.session() as s, reading(s):
        scored: list[tuple[int, Any, Case]] = []
        for c in _candidates(s, category, words):
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
