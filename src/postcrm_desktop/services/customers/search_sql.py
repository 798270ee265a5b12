"""SQL for the sources of a parsed search (`search_query`): sets of `search_no`.

Every value reaches SQLite as a bound parameter; FTS5 gets one quoted phrase built by
`fts_phrase` from a word that holds only letters, digits, dashes or Chinese characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, column, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.selectable import TextualSelect

from postcrm_desktop.services.customers import search_query as q
from postcrm_desktop.services.customers.numbering import counter_key, local_year
from postcrm_desktop.store.models.system import Meta
from postcrm_desktop.store.search_index import PINYIN, SHORT, TRI


@dataclass(frozen=True)
class NumberContext:
    """This branch's code and the years it has numbered customers in (newest first)."""

    branch_code: str
    years: tuple[int, ...]


def number_context(s: Session, branch_code: str) -> NumberContext:
    prefix = counter_key(0)[:-1]
    keys = s.execute(select(Meta.key).where(Meta.key.like(prefix + "%"))).scalars()
    years = {local_year()}
    for key in keys:
        tail = key[len(prefix):]
        if tail.isdigit():
            years.add(int(tail))
    return NumberContext(branch_code, tuple(sorted(years, reverse=True)))


class Params:
    """Unique bound-parameter names for one statement."""

    def __init__(self, prefix: str = "p") -> None:
        self.prefix = prefix
        self.values: dict[str, Any] = {}

    def add(self, value: Any) -> str:
        name = f"{self.prefix}{len(self.values)}"
        self.values[name] = value
        return f":{name}"


def _seq_numbers(ctx: NumberContext, digits: str) -> list[str]:
    seq = int(digits)
    return [f"{ctx.branch_code}-{year:04d}-{seq:06d}" for year in ctx.years]


@dataclass(frozen=True)
class Driver:
    """A source read in its own index order: FROM (joined to `customers c`), WHERE, ORDER."""

    from_: str
    where: str
    order: str


def _phone_parts(col: str) -> tuple[str, str, str]:
    """SQL for (area code, number, extension) of a stored phone: `020-12345678-12` is
    split at its dashes; a mobile (no dash) is all number."""
    rest = f"substr({col}, instr({col}, '-') + 1)"
    area = f"substr({col}, 1, instr({col}, '-') - 1)"
    local = (f"(CASE WHEN instr({rest}, '-') > 0 THEN substr({rest}, 1, instr({rest}, '-') - 1)"
             f" ELSE {rest} END)")
    ext = (f"(CASE WHEN instr({rest}, '-') > 0 THEN substr({rest}, instr({rest}, '-') + 1)"
           " ELSE '' END)")
    return area, local, ext


def _phone_test(col: str, kind: str, value: str) -> str:
    """SQL true when the phone in `col` ends in `value` (the last 4 digits of its number,
    as its mask shows them) or is `value` whole (`core.masking.phone_keys`)."""
    area, local, ext = _phone_parts(col)
    if kind == q.PHONE_TAIL:
        return f"substr({local}, -4) = {value}"
    return (f"{value} IN ({area} || {local}, {local}, {area} || {local} || {ext}, "
            f"{local} || {ext})")


def _phone_match(src: q.Source, p: Params) -> str:
    """The trigram phrase finds candidates; the test keeps the ones whose phone ends in or
    is the digits (the phrase alone would match them anywhere in a number)."""
    phrase = p.add(f"{{phones}} : {q.fts_phrase(src.value)}")
    value = p.add(src.value)
    tests = " OR ".join((
        _phone_test("c.mobile", src.kind, value), _phone_test("c.landline", src.kind, value),
        "EXISTS (SELECT 1 FROM customer_people pp WHERE pp.customer_id = c.id AND "
        f"{_phone_test('pp.phone', src.kind, value)})"))
    return f"{TRI} MATCH {phrase} AND ({tests})"


def driver(src: q.Source, p: Params, ctx: NumberContext) -> Driver:
    """How the quick search reads one source, newest or best first, stopping early."""
    join = "CROSS JOIN customers c ON c.search_no = "
    if src.kind == q.SHORT:
        return Driver(f"{SHORT} {join}{SHORT}.rowid",
                      f"{SHORT} MATCH {p.add(q.fts_phrase(src.value))}", f"{SHORT}.rowid DESC")
    if src.kind in (q.TRI_TEXT, q.TRI_PHONES):
        cols = "{phones}" if src.kind == q.TRI_PHONES else "{name addr company}"
        phrase = f"{cols} : {q.fts_phrase(src.value)}"
        return Driver(f"{TRI} {join}{TRI}.rowid", f"{TRI} MATCH {p.add(phrase)}",
                      f"{TRI}.rowid DESC")
    if src.kind in (q.PHONE_TAIL, q.PHONE_WHOLE):
        return Driver(f"{TRI} {join}{TRI}.rowid", _phone_match(src, p), f"{TRI}.rowid DESC")
    if src.kind == q.ID_EXACT:
        return Driver("customers c", f"c.id_number = {p.add(src.value)}", "c.rowid DESC")
    if src.kind == q.PINYIN:
        lo, hi = q.pinyin_range(src.value)
        return Driver(f"{PINYIN} k {join}k.search_no",
                      f"k.key >= {p.add(lo)} AND k.key < {p.add(hi)}", "k.key, k.search_no")
    if src.kind == q.NAME_EXACT:
        return Driver("customers c", f"c.name = {p.add(src.value)}", "c.rowid DESC")
    return Driver("customers c", _number_where(src, p, ctx), "c.number")


def _number_where(src: q.Source, p: Params, ctx: NumberContext) -> str:
    if src.kind == q.NUMBER_PREFIX:
        lo, hi = q.pinyin_range(src.value)  # same rule: prefix -> [lo, hi)
        return f"c.number >= {p.add(lo)} AND c.number < {p.add(hi)}"
    if src.kind == q.NUMBER_SUFFIX:
        lo, hi = q.pinyin_range(f"{ctx.branch_code}-{src.value}")
        return f"c.number >= {p.add(lo)} AND c.number < {p.add(hi)}"
    if src.kind == q.NUMBER_SEQ:
        marks = ", ".join(p.add(n) for n in _seq_numbers(ctx, src.value))
        return f"c.number IN ({marks})"
    raise ValueError(f"unknown source kind {src.kind}")


def source_set(src: q.Source, p: Params, ctx: NumberContext) -> str:
    """SELECT of the `search_no` of every customer the source matches."""
    if src.kind == q.SHORT:
        return f"SELECT rowid FROM {SHORT} WHERE {SHORT} MATCH {p.add(q.fts_phrase(src.value))}"
    if src.kind in (q.TRI_TEXT, q.TRI_PHONES):
        cols = "{phones}" if src.kind == q.TRI_PHONES else "{name addr company}"
        phrase = f"{cols} : {q.fts_phrase(src.value)}"
        return f"SELECT rowid FROM {TRI} WHERE {TRI} MATCH {p.add(phrase)}"
    if src.kind in (q.PHONE_TAIL, q.PHONE_WHOLE):
        return (f"SELECT c.search_no FROM {TRI} CROSS JOIN customers c ON c.search_no = "
                f"{TRI}.rowid WHERE {_phone_match(src, p)}")
    if src.kind == q.ID_EXACT:
        return f"SELECT search_no FROM customers WHERE id_number = {p.add(src.value)}"
    if src.kind == q.PINYIN:
        lo, hi = q.pinyin_range(src.value)
        return f"SELECT search_no FROM {PINYIN} WHERE key >= {p.add(lo)} AND key < {p.add(hi)}"
    if src.kind == q.NAME_EXACT:
        return f"SELECT search_no FROM customers WHERE name = {p.add(src.value)}"
    return f"SELECT c.search_no FROM customers c WHERE {_number_where(src, p, ctx)}"


def part_set(part: q.Part, p: Params, ctx: NumberContext) -> str:
    """SELECT of the `search_no` of every customer matching any source of the part."""
    return " UNION ".join(source_set(src, p, ctx) for src in part.sources)


def part_textual(part: q.Part, ctx: NumberContext, prefix: str) -> TextualSelect:
    """`part_set` as a Core selectable (for `column.in_(...)`); its parameter names start
    with `prefix`, unique within the statement."""
    p = Params(prefix)
    clause: TextClause = text(part_set(part, p, ctx)).bindparams(**p.values)
    return clause.columns(column("search_no", Integer))


__all__ = ["Driver", "NumberContext", "Params", "driver", "number_context", "part_set",
           "part_textual", "source_set"]
