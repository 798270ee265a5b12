"""Pinyin search keys for names, so `zhangsan` and `zs` find 张三.

Keys are lower-case ASCII letters and digits only, with no tones and no separators;
`ü` is written `v` (吕 -> `lv`, 略 -> `lve`), as input methods type it.

How a name becomes keys (`name_pinyin`):
- Each Chinese character with a reading gives its syllable to the full key and the
  syllable's first letter to the initials. Characters without a reading are skipped.
- Each run of ASCII letters and digits (after folding full-width forms and accents:
  `Ｊｏｓé` -> `jose`) is kept whole, lower-cased, in the full key and gives its first
  character to the initials: `张3` -> (`zhang3`, `z3`), `Tom张` -> (`tomzhang`, `tz`).
- Anything else (spaces, `·`, punctuation) only separates runs and gives nothing.
So `len(initials)` == Chinese characters with a reading + ASCII runs.
- `name_mixed_keys` adds the surname in full with the given name's initials and the
  reverse (张三丰 -> `zhangsf`, `zsanfeng`), as people type them.
- A name of 3+ Chinese characters starting with a compound surname (`COMPOUND_SURNAMES`)
  reads it as a surname (欧阳修 -> `ouyangxiu`, 尉迟恭 -> `yuchigong`); otherwise a first
  character in `SURNAME_READINGS` takes its surname reading (单 -> `shan`, 曾 -> `zeng`);
  any other characters are read in context by the pinyin library's phrase list.

The pinyin library is imported on first use, so importing this module stays cheap.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from typing import Any

from postcrm_desktop.core.search_text import MIDDLE_DOTS

# Readings of characters used as a (single-character) surname.
SURNAME_READINGS: dict[str, str] = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha",
    "朴": "piao", "盖": "ge", "乐": "yue", "翟": "zhai", "缪": "miao", "覃": "qin",
    "种": "chong", "召": "shao", "员": "yun", "繁": "po", "长": "chang", "重": "chong",
    "秘": "bi", "谌": "chen", "宿": "su", "沈": "shen", "折": "she", "隗": "wei",
    "冼": "xian", "褚": "chu", "阚": "kan", "那": "na", "句": "gou", "蕃": "pi",
    "𠮷": "ji",  # a variant of 吉 outside the BMP, unknown to the pinyin library
}

# Compound surnames and their readings, checked before single-character surnames.
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "长孙": ("zhang", "sun"),
    "令狐": ("ling", "hu"), "欧阳": ("ou", "yang"), "司马": ("si", "ma"),
    "诸葛": ("zhu", "ge"), "上官": ("shang", "guan"), "夏侯": ("xia", "hou"),
    "东方": ("dong", "fang"), "皇甫": ("huang", "fu"), "单于": ("chan", "yu"),
    "澹台": ("tan", "tai"), "公孙": ("gong", "sun"), "慕容": ("mu", "rong"),
    "宇文": ("yu", "wen"), "司徒": ("si", "tu"), "司空": ("si", "kong"),
    "轩辕": ("xuan", "yuan"), "呼延": ("hu", "yan"), "端木": ("duan", "mu"),
    "闻人": ("wen", "ren"), "赫连": ("he", "lian"), "独孤": ("du", "gu"),
    "南宫": ("nan", "gong"), "西门": ("xi", "men"), "太史": ("tai", "shi"),
    "申屠": ("shen", "tu"), "钟离": ("zhong", "li"), "拓跋": ("tuo", "ba"),
}

# Characters common in given names that are read more than one way, with the readings
# met in names (archaic readings the pinyin library also lists are left out).
NAME_HETERONYMS: dict[str, tuple[str, ...]] = {
    "朝": ("zhao", "chao"), "乐": ("le", "yue"), "长": ("chang", "zhang"),
    "重": ("zhong", "chong"), "行": ("xing", "hang"), "曾": ("zeng", "ceng"),
    "茜": ("qian", "xi"), "柏": ("bai", "bo"), "奇": ("qi", "ji"), "蔚": ("wei", "yu"),
    "晟": ("sheng", "cheng"), "盛": ("sheng", "cheng"), "莘": ("shen", "xin"),
    "传": ("chuan", "zhuan"), "觉": ("jue", "jiao"), "参": ("can", "shen"),
    "会": ("hui", "kuai"), "石": ("shi", "dan"), "阿": ("a", "e"), "俞": ("yu", "shu"),
    "省": ("sheng", "xing"), "藏": ("cang", "zang"), "露": ("lu", "lou"),
    "薄": ("bo", "bao"), "伽": ("jia", "qie", "ga"), "翟": ("zhai", "di"),
    "解": ("jie", "xie"), "单": ("dan", "shan"), "查": ("cha", "zha"), "区": ("qu", "ou"),
    "仇": ("chou", "qiu"), "朴": ("pu", "piao"), "盖": ("gai", "ge"), "召": ("zhao", "shao"),
    "都": ("du", "dou"), "厦": ("xia", "sha"), "率": ("shuai", "lv"), "差": ("cha", "chai"),
    "调": ("diao", "tiao"), "弹": ("dan", "tan"), "降": ("jiang", "xiang"),
    "强": ("qiang", "jiang"), "莎": ("sha", "suo"), "贲": ("ben", "bi"), "佛": ("fo", "fu"),
    "车": ("che", "ju"), "尉": ("wei", "yu"), "颉": ("jie", "xie"), "隽": ("juan", "jun"),
    "芾": ("fu", "fei"), "炅": ("gui", "jiong"), "缪": ("miao", "mou", "miu"),
    "蕃": ("fan", "bo", "pi"), "殷": ("yin", "yan"), "纶": ("lun", "guan"),
    "乘": ("cheng", "sheng"), "扁": ("bian", "pian"), "郇": ("xun", "huan"),
}

MAX_VARIANTS = 4
MAX_QUERY_LEN = 40

_ASCII_ALNUM = re.compile(r"[a-z0-9]+")
_HAN_RANGES = (
    (0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
)

# A unit of a name: ("han", char) or ("ascii", run).
_Unit = tuple[str, str]


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _HAN_RANGES)


@lru_cache(maxsize=4096)
def _ascii_fold(ch: str) -> str:
    """Lower-case ASCII letters/digits a character stands for ('' if none)."""
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed.lower() if c.isascii() and c.isalnum())


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    run: list[str] = []
    for ch in unicodedata.normalize("NFKC", text):
        if _is_han(ch):
            if run:
                units.append(("ascii", "".join(run)))
                run = []
            units.append(("han", ch))
            continue
        folded = _ascii_fold(ch)
        if folded:
            run.append(folded)
        elif run:
            units.append(("ascii", "".join(run)))
            run = []
    if run:
        units.append(("ascii", "".join(run)))
    return units


def _clean_syllable(syllable: str) -> str:
    folded = unicodedata.normalize("NFKD", syllable.replace("ü", "v")).lower()
    return "".join(c for c in folded if c.isascii() and c.isalnum())


def _lazy_pinyin(chars: str) -> list[str]:
    """One cleaned syllable per character of `chars` ('' where there is no reading)."""
    from pypinyin import Style, lazy_pinyin

    readings = lazy_pinyin(chars, style=Style.NORMAL, errors=lambda x: [""] * len(x))
    if len(readings) != len(chars):  # never expected; fall back to one call per character
        readings = [
            (lazy_pinyin(ch, style=Style.NORMAL, errors=lambda x: [""] * len(x)) or [""])[0]
            for ch in chars
        ]
    out = []
    for ch, reading in zip(chars, readings, strict=True):
        cleaned = _clean_syllable(reading) if reading != ch else ""
        out.append(cleaned)
    return out


def _surname_length(units: list[_Unit]) -> int:
    """Units the surname takes: 2 for a compound surname, 1 for a Chinese first character."""
    if not units or units[0][0] != "han":
        return 0
    if len(units) >= 2 and units[1][0] == "han" \
            and units[0][1] + units[1][1] in COMPOUND_SURNAMES \
            and sum(1 for kind, _ in units if kind == "han") >= 3:
        return 2
    return 1


def _readings(units: list[_Unit], as_name: bool) -> list[str]:
    """Primary syllable (or ASCII run) of every unit; '' for a character with no reading."""
    out: list[str] = [""] * len(units)
    start = 0
    surname = _surname_length(units) if as_name else 0
    if surname == 2:
        out[0], out[1] = COMPOUND_SURNAMES[units[0][1] + units[1][1]]
        start = 2
    elif surname == 1 and units[0][1] in SURNAME_READINGS:
        out[0] = SURNAME_READINGS[units[0][1]]
        start = 1
    i = start
    while i < len(units):
        kind, value = units[i]
        if kind == "ascii":
            out[i] = value
            i += 1
            continue
        j = i
        while j < len(units) and units[j][0] == "han":
            j += 1
        chars = "".join(u[1] for u in units[i:j])
        out[i:j] = _lazy_pinyin(chars)
        i = j
    return out


def _keys(parts: list[str]) -> tuple[str, str]:
    kept = [p for p in parts if p]
    return "".join(kept), "".join(p[0] for p in kept)


@lru_cache(maxsize=65536)
def _name_pinyin(name: str) -> tuple[str, str]:
    return _keys(_readings(_units(name), as_name=True))


def name_pinyin(name: Any) -> tuple[str, str]:
    """(full pinyin, initials) of a person's or organisation's name.

    `name_pinyin("张三") == ("zhangsan", "zs")`, `name_pinyin("单雄信") == ("shanxiongxin",
    "sxx")`. Empty or None gives `("", "")`. See the module text for the exact rules.
    """
    if not name:
        return "", ""
    return _name_pinyin(str(name))


def _variant_parts(units: list[_Unit]) -> list[list[str]]:
    """Syllables of each likely reading of a name, the primary first (see
    `name_pinyin_variants`), at most `MAX_VARIANTS` with distinct keys."""
    primary = _readings(units, as_name=True)
    first_given = _surname_length(units)
    options: list[tuple[int, list[str]]] = []
    for i in range(first_given, len(units)):
        kind, value = units[i]
        if kind != "han" or not primary[i]:
            continue
        others = [r for r in NAME_HETERONYMS.get(value, ()) if r != primary[i]]
        if others:
            options.append((i, others))
    variants = [primary]
    keys = [_keys(primary)]
    for changes in range(1, len(options) + 1):
        for chosen in itertools.combinations(options, changes):
            for picks in itertools.product(*(others for _, others in chosen)):
                parts = list(primary)
                for (i, _), reading in zip(chosen, picks, strict=True):
                    parts[i] = reading
                key = _keys(parts)
                if key not in keys:
                    keys.append(key)
                    variants.append(parts)
                if len(variants) >= MAX_VARIANTS:
                    return variants
    return variants


def name_pinyin_variants(name: Any) -> list[tuple[str, str]]:
    """Keys for the name's likely readings, the primary (`name_pinyin`) first.

    Characters after the surname that are read more than one way in names
    (`NAME_HETERONYMS`: 朝 zhao/chao, 乐 le/yue) give further variants, fewest changes
    first, at most `MAX_VARIANTS` in all and no two alike. The surname keeps its surname reading.
    """
    if not name:
        return [("", "")]
    return [_keys(parts) for parts in _variant_parts(_units(str(name)))]


def name_mixed_keys(name: Any) -> list[str]:
    """Keys for pinyin typed mixed: the surname in full and the given name as initials
    (张三丰 -> `zhangsf`, 欧阳修 -> `ouyangx`), or the reverse (`zsanfeng`, `oyxiu`), for
    each of the name's likely readings (`name_pinyin_variants`).

    A name with a middle dot splits there instead (买买提·艾力 -> `maimaitial`,
    `mmtaili`). A name without a Chinese surname followed by more of the name gives none.
    """
    if not name:
        return []
    text = str(name)
    units = _units(text)
    dotted = re.split(f"[{MIDDLE_DOTS}]", unicodedata.normalize("NFKC", text), maxsplit=1)
    if len(dotted) == 2 and _units(dotted[0]) and _units(dotted[1]):
        surname = len(_units(dotted[0]))  # 买买提·艾力: the part before the dot leads
    else:
        surname = _surname_length(units)
    if not surname or len(units) <= surname:
        return []
    out: list[str] = []
    for parts in _variant_parts(units):
        head = [p for p in parts[:surname] if p]
        tail = [p for p in parts[surname:] if p]
        if not head or not tail:
            continue
        for key in ("".join(head) + "".join(p[0] for p in tail),
                    "".join(p[0] for p in head) + "".join(tail)):
            if key not in out:
                out.append(key)
    return out


def text_pinyin(text: Any, sep: str = "") -> str:
    """Full pinyin of any text (addresses, company names), without surname readings.

    Same alphabet as the name keys; with `sep` the syllables and ASCII runs are joined by
    it (`text_pinyin("广州 abc", " ") == "guang zhou abc"`).
    """
    if not text:
        return ""
    return sep.join(p for p in _readings(_units(str(text)), as_name=False) if p)


def text_initials(text: Any) -> str:
    """Initials of any text by the same rules as `name_pinyin`, without surname readings."""
    if not text:
        return ""
    return _keys(_readings(_units(str(text)), as_name=False))[1]


def _pinyin_letters(query: str) -> str | None:
    """The query's letters if it is letters with optional spaces/apostrophes, else None."""
    text = unicodedata.normalize("NFKC", query).strip()
    text = re.sub(r"[\s'’]+", "", text)
    if 1 <= len(text) <= MAX_QUERY_LEN and text.isascii() and text.isalpha():
        return text.lower()
    return None


def looks_like_pinyin(query: Any) -> bool:
    """True for 1-40 ASCII letters (spaces and apostrophes between them allowed:
    `zhang san`, `xi'an`); full-width letters count as letters."""
    return isinstance(query, str) and _pinyin_letters(query) is not None


def _u_as_v(form: str) -> str:
    """吕/女/略 are keyed `lv`/`nv`/`lve`; people often type `lu`/`nu`/`lue`."""
    return re.sub(r"([ln])u(?![aoi])", r"\1v", form)


def query_pinyin_forms(query: Any) -> list[str]:
    """Lower-case keys to look up as prefixes of the full-pinyin and initials keys.

    - Letters only (`ZhangS`, `zhang san`, `zs`): the letters lower-cased, then the same
      with `lu`/`nu` written `lv`/`nv` when that differs (`lu` finds 吕 too).
    - Chinese characters, alone or mixed with ASCII letters and digits (`张s`, `欧阳x`):
      the full pinyin of the query by the name rules (`zhangs`), then the other likely
      readings (`name_pinyin_variants`).
    - Anything else (digits only, other symbols, empty, a key longer than 40): `[]`.
    Every form is 1-40 characters of `[a-z0-9]`. Use `prefix_range` for the range query.
    """
    if not isinstance(query, str):
        return []
    letters = _pinyin_letters(query.replace("ü", "v").replace("u:", "v"))
    forms: list[str] = []
    if letters is not None:
        forms = [letters, _u_as_v(letters)]
    else:
        text = unicodedata.normalize("NFKC", query.replace("ü", "v")).strip()
        if not any(_is_han(ch) for ch in text):
            return []
        if not all(_is_han(ch) or (ch.isascii() and ch.isalnum()) or ch.isspace()
                   or ch in "'’·" for ch in text):
            return []
        forms = [full for full, _ in name_pinyin_variants(text)]
    out: list[str] = []
    for form in forms:
        if form and len(form) <= MAX_QUERY_LEN and _ASCII_ALNUM.fullmatch(form) \
                and form not in out:
            out.append(form)
    return out


def prefix_range(form: str) -> tuple[str, str]:
    """`(low, high)` such that `low <= key < high` holds exactly for keys starting with `form`."""
    if not form:
        raise ValueError("an empty prefix matches every key")
    return form, form[:-1] + chr(ord(form[-1]) + 1)


__all__ = [
    "COMPOUND_SURNAMES",
    "MAX_QUERY_LEN",
    "MAX_VARIANTS",
    "NAME_HETERONYMS",
    "SURNAME_READINGS",
    "looks_like_pinyin",
    "name_mixed_keys",
    "name_pinyin",
    "name_pinyin_variants",
    "prefix_range",
    "query_pinyin_forms",
    "text_initials",
    "text_pinyin",
]
