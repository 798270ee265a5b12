"""SQL for the sources of a parsed search (`search_query`): sets of `search_no`.

Every value reaches SQLite as a bound parameter; FTS5 gets one quoted phrase built by
`fts_phrase` from a word that holds only letters, digits, dashes or Chinese characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, column, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.selectable import TextualSelect

from postcrm_desktop.services.customers import search_query as q
from postcrm_desktop.services.customers.numbering import counter_key, local_year
from postcrm_desktop.store.models.system import Meta
from postcrm_desktop.store.search_index import PINYIN, SHORT, TRI, pinyin_keys


@dataclass(frozen=True)
class NumberContext:
    """This branch's code and the years it has numbered customers in (newest first)."""

    branch_code: str
    years: tuple[int, ...]


_YEAR_KINDS = frozenset({q.NUMBER_SEQ})


def number_context(s: Session, branch_code: str,
                   parts: list[q.Part] | None = None) -> NumberContext:
    """The context for `parts`; the years are read only when a part needs them (a bare
    sequence number), so most searches skip that query."""
    if parts is not None and not any(src.kind in _YEAR_KINDS for part in parts
                                     for src in part.sources):
        return NumberContext(branch_code, ())
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
        return (f"SELECT rowid AS search_no FROM {SHORT} WHERE {SHORT} MATCH "
                f"{p.add(q.fts_phrase(src.value))}")
    if src.kind in (q.TRI_TEXT, q.TRI_PHONES):
        cols = "{phones}" if src.kind == q.TRI_PHONES else "{name addr company}"
        phrase = f"{cols} : {q.fts_phrase(src.value)}"
        return f"SELECT rowid AS search_no FROM {TRI} WHERE {TRI} MATCH {p.add(phrase)}"
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


PINYIN_FUNCTION = "postcrm_pinyin_in"
_HAN_TEXT = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]+")


def _pinyin_in(name: str | None, customer_type: str | None, low: str, high: str) -> bool:
    """Whether a key of the name (as `search_index.pinyin_keys` gives them, the keys the
    index holds) falls in [low, high)."""
    return any(low <= key < high
               for key in pinyin_keys(name or "", customer_type or "individual"))


def register_functions(s: Session) -> None:
    """Make `PINYIN_FUNCTION` known to the session's connection (cheap; per statement run)."""
    s.connection().connection.create_function(PINYIN_FUNCTION, 4, _pinyin_in,
                                              deterministic=True)


def _source_check(src: q.Source, p: Params, ctx: NumberContext, table: str) -> str | None:
    """SQL true for a row of `table` (customers) that the source matches, checked for that
    row alone: no set of every match is built first (which, for a source matching much
    of the branch, costs more than the rows a list page reads). Pinyin keys are a pure
    function of the name, so they are computed for the row (`PINYIN_FUNCTION`). None when
    the source has no cheap spelling (the full-text ones)."""
    # A full-text lookup per row costs more than the set of its matches; but a text of
    # Chinese characters is found in the row's own texts just as the index finds it.
    if src.kind in (q.SHORT, q.TRI_TEXT) and _HAN_TEXT.fullmatch(src.value):
        value = p.add(src.value)
        name = f"instr(replace({table}.name, '·', ''), {value}) > 0"
        if src.kind == q.SHORT and len(src.value) == 1:
            return name  # a single character is a token of the name only
        addr = " || ".join(f"coalesce({table}.{c}, '')"
                           for c in ("province", "city", "district", "address"))
        return (f"{name} OR instr({table}.name, {value}) > 0 OR instr({addr}, {value}) > 0 "
                f"OR instr(coalesce({table}.company, ''), {value}) > 0")
    if src.kind == q.PINYIN:
        lo, hi = q.pinyin_range(src.value)
        return (f"{PINYIN_FUNCTION}(+{table}.name, {table}.customer_type, {p.add(lo)}, "
                f"{p.add(hi)})")
    if src.kind == q.NAME_EXACT:
        return f"+{table}.name = {p.add(src.value)}"
    if src.kind == q.ID_EXACT:
        return f"+{table}.id_number = {p.add(src.value)}"
    if src.kind in (q.NUMBER_PREFIX, q.NUMBER_SUFFIX, q.NUMBER_SEQ):
        return _number_where(src, p, ctx).replace("c.number", f"+{table}.number")
    return None


def wide_keys(part: q.Part, p: Params) -> str | None:
    """SELECT of the pinyin index rows of the part's pinyin sources (to count cheaply,
    without making them distinct), or None when it has none."""
    ranges = [q.pinyin_range(src.value) for src in part.sources if src.kind == q.PINYIN]
    if not ranges:
        return None
    return " UNION ALL ".join(
        f"SELECT 1 FROM {PINYIN} WHERE key >= {p.add(lo)} AND key < {p.add(hi)}"
        for lo, hi in ranges)


def part_row_check(part: q.Part, ctx: NumberContext, prefix: str,
                   table: str = "customers") -> TextClause | None:
    """The part as a check of each row of `table` (any of its sources, cheapest first),
    or None when a source cannot be checked row by row."""
    p = Params(prefix)
    order = {q.NAME_EXACT: 0, q.ID_EXACT: 0, q.NUMBER_SEQ: 0, q.NUMBER_PREFIX: 0,
             q.NUMBER_SUFFIX: 0, q.PINYIN: 1}
    checks = []
    for src in sorted(part.sources, key=lambda src: order.get(src.kind, 2)):
        check = _source_check(src, p, ctx, table)
        if check is None:
            return None
        checks.append(f"({check})")
    return text(f"({' OR '.join(checks)})").bindparams(**p.values)


def part_textual(part: q.Part, ctx: NumberContext, prefix: str) -> TextualSelect:
    """`part_set` as a Core selectable (for `column.in_(...)`); its parameter names start
    with `prefix`, unique within the statement."""
    p = Params(prefix)
    clause: TextClause = text(part_set(part, p, ctx)).bindparams(**p.values)
    return clause.columns(column("search_no", Integer))


__all__ = ["PINYIN_FUNCTION", "Driver", "NumberContext", "Params", "driver", "number_context",
           "part_row_check", "part_set", "part_textual", "register_functions", "source_set",
           "wide_keys"]
