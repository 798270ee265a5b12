"""The most frequent problems: words and two-word phrases recurring across complaint texts.

Texts are segmented with jieba (a private `Tokenizer`, so words added here never change
segmentation elsewhere), with a few post-office words added so `快递员` or `虚假签收`
stay whole. Stop words, punctuation, numbers (waybill and phone numbers included) and
single characters are dropped; adjacent kept words also form phrases (`包裹` + `破损`
-> `包裹破损`), but never across a dropped word or punctuation. Counts are document
counts: a phrase repeated within one complaint counts once. A word is left out when a
phrase containing it occurs in just as many complaints (it adds nothing).
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from collections.abc import Iterable

import jieba

DOMAIN_WORDS = (
    "快递员", "投递员", "邮递员", "营业员", "柜台", "包裹", "邮件", "挂号信", "运单",
    "邮件号", "签收", "虚假签收", "代签收", "未签收", "破损", "丢件", "丢失", "延误",
    "派送", "投递", "未投递", "送货上门", "上门", "态度差", "态度恶劣", "服务态度",
    "资费", "邮费", "收费", "多收费", "理赔", "赔偿", "退件", "催件", "查询", "物流信息",
    "不更新", "快递柜", "驿站", "自提", "电话不接", "无人接听", "排队", "等待时间",
)

_STOP_TEXT = """
的 了 是 在 我 你 他 她 它 我们 你们 他们 她们 这 那 这个 那个 这些 那些 之 与 和 及 或 并
也 都 就 还 又 再 才 很 太 非常 十分 特别 比较 已经 已 曾 正在 将 会 能 可以 可能 应该 需要
要 想 让 把 被 给 对 对于 向 从 自 到 于 为 为了 因为 所以 但是 但 而 而且 如果 虽然 然后
之后 以后 以前 之前 时候 时 后 前 中 里 上 下 内 外 没有 没 不 无 未 有 个 次 件 天 号 月
年 日 一 一个 一下 一直 一些 什么 怎么 怎样 如何 为什么 哪里 多少 吗 呢 吧 啊 呀 哦 嗯 啦
客户 顾客 本人 先生 女士 表示 反映 反应 称 说 告知 要求 希望 请 请求 情况 问题 事情 今天
昨天 前天 明天 目前 现在 当时 至今 仍然 仍 依然 还是 结果 导致 造成 进行 出现 发生 觉得 认为
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
_HAS_DIGIT = re.compile(r"\d")

_tokenizer: jieba.Tokenizer | None = None
_lock = threading.Lock()


def tokenizer() -> jieba.Tokenizer:
    """The shared segmenter, built on first use (loading jieba's dictionary takes a
    moment)."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            for word in DOMAIN_WORDS:
                tk.add_word(word, freq=50_000)
            _tokenizer = tk
        return _tokenizer


def _kept(token: str) -> bool:
    return (len(token) >= 2 and token not in STOP_WORDS and not _HAS_DIGIT.search(token)
            and _KEEP.fullmatch(token) is not None)


def phrases_of(text: str) -> set[str]:
    """The words and adjacent two-word phrases of one text that can count as problems."""
    found: set[str] = set()
    previous: str | None = None
    for token in tokenizer().lcut(text or ""):
        token = token.strip()
        if not token:
            continue
        if _kept(token):
            found.add(token)
            if previous is not None:
                found.add(previous + token)
            previous = token
        else:
            previous = None
    return found


def rank_phrases(phrase_sets: Iterable[set[str]], limit: int = 20, min_count: int = 2
                 ) -> list[tuple[str, int]]:
    """The `limit` phrases found in the most texts (at least `min_count`), most first;
    ties go to the longer phrase, then in character order. `phrase_sets` holds
    `phrases_of(text)` of each text."""
    counts: Counter[str] = Counter()
    for found in phrase_sets:
        counts.update(found)
    frequent = {p: n for p, n in counts.items() if n >= min_count}
    # A word whose every occurrence sits inside one longer frequent phrase adds nothing.
    shown = {
        p: n for p, n in frequent.items()
        if not any(len(q) > len(p) and p in q and m == n for q, m in frequent.items())
    }
    ranked = sorted(shown.items(), key=lambda item: (-item[1], -len(item[0]), item[0]))
    return ranked[:limit]


def top_phrases(texts: Iterable[str], limit: int = 20, min_count: int = 2
                ) -> list[tuple[str, int]]:
    """`rank_phrases` over raw texts."""
    return rank_phrases((phrases_of(t) for t in texts), limit, min_count)


__all__ = ["DOMAIN_WORDS", "STOP_WORDS", "phrases_of", "rank_phrases", "tokenizer",
           "top_phrases"]
