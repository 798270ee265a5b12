"""Charts of the complaint statistics as matplotlib `Figure`s, built without Qt.

The complaint page embeds them with `FigureCanvasQTAgg`; `export_figure` writes the same
figure to PNG or PDF. Every builder takes a `ComplaintStats` (plain data) and returns a
new `Figure` (no pyplot, so no global figure manager and no GUI backend).

Chinese labels need a CJK font: `cjk_font_family()` picks the first family that
matplotlib's font list knows from `CJK_FAMILIES`, and every text of a figure uses it
with DejaVu Sans behind it for Latin letters and digits, so rendering never warns about
missing glyphs. Without any CJK font installed the charts still build (labels then show
as boxes) and `cjk_font_family()` returns None.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager

from postcrm_desktop.core.complaint_enums import ComplaintType, Status
from postcrm_desktop.services.complaints.stats import ComplaintStats, Count, CrossTab, TrendPoint

# Preferred CJK families, best first (Linux, then Windows and macOS names).
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "DengXian",
    "PingFang SC", "Hiragino Sans GB", "Heiti SC", "Droid Sans Fallback", "AR PL UMing CN",
)
LATIN_FALLBACK = "DejaVu Sans"
EXPORT_FORMATS = ("png", "pdf")

# Chart kinds the page offers: key -> Chinese title.
CHARTS: dict[str, str] = {
    "counts": "分类统计",
    "weekly": "按周趋势",
    "monthly": "按月趋势",
    "satisfaction": "满意度分布",
    "phrases": "高频问题",
    "district": "分类 × 区县",
}

# The charts' own words in English (the interface language may be either).
_EN: dict[str, str] = {
    "分类统计": "By category", "按周趋势": "Weekly trend", "按月趋势": "Monthly trend",
    "满意度分布": "Satisfaction", "高频问题": "Frequent problems",
    "分类 × 区县": "Category × district", "所选期间没有投诉": "No complaints in this period",
    "按类型": "By type", "按分类": "By category", "按状态": "By status",
    "投诉数量": "Complaints", "投诉数": "Complaints", "每周投诉趋势": "Complaints per week",
    "每月投诉趋势": "Complaints per month", "所选期间没有回访记录": "No revisits in this period",
    "没有重复出现的问题用语": "No problem phrase occurs more than once",
    "涉及投诉数": "Complaints mentioning it", "各区县投诉分类": "Categories by district",
}


def _t(text: str, lang: str) -> str:
    return _EN.get(text, text) if lang.startswith("en") else text


def _english_counts(counts: Sequence[Count], enum: Any, lang: str) -> list[Count]:
    """Type and status bars labelled in English when the interface is."""
    if not lang.startswith("en"):
        return list(counts)
    out = []
    for c in counts:
        try:
            label = enum(c.code).label_en
        except ValueError:
            label = c.label
        out.append(Count(c.code, label, c.count))
    return out


_BAR = "#2f6db5"
_ACCENT = "#c0392b"
_MUTED = "#7f8c8d"


@functools.cache
def cjk_font_family() -> str | None:
    """The first CJK family of `CJK_FAMILIES` that matplotlib can use, else None."""
    known = {f.name for f in fontManager.ttflist}
    return next((name for name in CJK_FAMILIES if name in known), None)


def font_families() -> list[str]:
    """The family list every chart text uses: the CJK font, then the Latin fallback."""
    cjk = cjk_font_family()
    return [cjk, LATIN_FALLBACK] if cjk else [LATIN_FALLBACK]


def _prepare_fonts() -> None:
    # Texts created later by matplotlib itself (tick labels made at draw time) read the
    # global defaults, so the CJK family goes in front of the sans-serif list once.
    cjk = cjk_font_family()
    sans = list(rcParams["font.sans-serif"])
    if cjk and (not sans or sans[0] != cjk):
        rcParams["font.sans-serif"] = [cjk, *[n for n in sans if n != cjk]]
    rcParams["font.family"] = ["sans-serif"]
    # CJK fonts often lack U+2212 MINUS SIGN; an ASCII hyphen always renders.
    rcParams["axes.unicode_minus"] = False


def new_figure(width: float = 8.0, height: float = 4.5, dpi: int = 100) -> Figure:
    _prepare_fonts()
    return Figure(figsize=(width, height), dpi=dpi, layout="constrained")


def _style(ax: Axes, title: str) -> None:
    ax.set_title(title, fontfamily=font_families())
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    for label in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        label.set_fontfamily(font_families())


def _empty(ax: Axes, text: str = "所选期间没有投诉", lang: str = "zh_CN") -> None:
    ax.text(0.5, 0.5, _t(text, lang), ha="center", va="center", color=_MUTED,
            fontfamily=font_families(), transform=ax.transAxes)
    ax.set_axis_off()


def _bars(ax: Axes, counts: Sequence[Count], title: str, color: str = _BAR) -> None:
    labels = [c.label for c in counts]
    values = [c.count for c in counts]
    positions = list(range(len(values)))
    bars = ax.bar(positions, values, color=color)
    ax.set_xticks(positions, labels, rotation=30 if len(labels) > 5 else 0,
                  ha="right" if len(labels) > 5 else "center")
    ax.bar_label(bars, fontsize=8)
    ax.yaxis.get_major_locator().set_params(integer=True)
    _style(ax, title)


def counts_figure(stats: ComplaintStats, lang: str = "zh_CN") -> Figure:
    """Bars of the complaints by type, category and status."""
    fig = new_figure(10, 4.2)
    axes = fig.subplots(1, 3, width_ratios=[2, 4, 4])
    if stats.total == 0:
        for ax in axes:
            _empty(ax, lang=lang)
        return fig
    _bars(axes[0], _english_counts(stats.by_type, ComplaintType, lang), _t("按类型", lang))
    _bars(axes[1], stats.by_category, _t("按分类", lang))
    _bars(axes[2], _english_counts(stats.by_status, Status, lang), _t("按状态", lang),
          color="#16a085")
    fig.suptitle(_period_title(stats, "投诉数量", lang), fontfamily=font_families())
    return fig


def trend_figure(stats: ComplaintStats, by: str = "week", lang: str = "zh_CN") -> Figure:
    """Complaints received per ISO week (`by="week"`) or per month (`by="month"`)."""
    points: list[TrendPoint] = stats.weekly if by == "week" else stats.monthly
    fig = new_figure(9, 4)
    ax = fig.subplots()
    if not points or stats.total == 0:
        _empty(ax, lang=lang)
        return fig
    positions = list(range(len(points)))
    values = [p.count for p in points]
    ax.bar(positions, values, color=_BAR, alpha=0.35)
    ax.plot(positions, values, color=_BAR, marker="o", linewidth=1.8)
    labels = [p.period for p in points]
    step = max(1, len(labels) // 16)  # at most about 16 labels stay readable
    ax.set_xticks(positions[::step], labels[::step], rotation=45 if step > 1 or
                  len(labels) > 8 else 0, ha="right" if len(labels) > 8 else "center")
    ax.set_ylabel(_t("投诉数", lang), fontfamily=font_families())
    ax.yaxis.get_major_locator().set_params(integer=True)
    _style(ax, _period_title(stats, "每周投诉趋势" if by == "week" else "每月投诉趋势", lang))
    return fig


def satisfaction_figure(stats: ComplaintStats, lang: str = "zh_CN") -> Figure:
    """How many revisits gave each score 1-5, with the average in the title."""
    fig = new_figure(7, 4)
    ax = fig.subplots()
    if not stats.revisited:
        _empty(ax, "所选期间没有回访记录", lang)
        return fig
    scores = list(range(1, 6))
    values = [stats.satisfaction_counts.get(n, 0) for n in scores]
    colors = ["#c0392b", "#e67e22", "#f1c40f", "#7dbb42", "#27ae60"]
    bars = ax.bar(scores, values, color=colors)
    ax.bar_label(bars, fontsize=8)
    english = lang.startswith("en")
    ax.set_xticks(scores, [str(n) if english else f"{n}分" for n in scores])
    ax.yaxis.get_major_locator().set_params(integer=True)
    average = stats.average_satisfaction or 0.0
    _style(ax, f"Satisfaction (average {average:.2f}, {stats.revisited} revisits)" if english
           else f"满意度分布（平均 {average:.2f} 分，共 {stats.revisited} 次回访）")
    return fig


def phrases_figure(stats: ComplaintStats, top: int = 12, lang: str = "zh_CN") -> Figure:
    """Horizontal bars of the most frequent problem phrases, most frequent on top."""
    phrases = stats.top_phrases[:top]
    fig = new_figure(8, max(3.0, 0.32 * len(phrases) + 1.2))
    ax = fig.subplots()
    if not phrases:
        _empty(ax, "没有重复出现的问题用语", lang)
        return fig
    labels = [p.text for p in reversed(phrases)]
    values = [p.count for p in reversed(phrases)]
    positions = list(range(len(values)))
    bars = ax.barh(positions, values, color=_ACCENT)
    ax.set_yticks(positions, labels, fontsize=9)
    ax.bar_label(bars, fontsize=8)
    ax.set_xlabel(_t("涉及投诉数", lang), fontfamily=font_families())
    ax.xaxis.get_major_locator().set_params(integer=True)
    _style(ax, _period_title(stats, "高频问题", lang))
    ax.grid(axis="y", alpha=0)
    ax.grid(axis="x", alpha=0.3)
    return fig


def crosstab_figure(table: CrossTab, title: str, max_columns: int = 12,
                    lang: str = "zh_CN") -> Figure:
    """Stacked bars: one bar per column value (district, customer type), one colour per
    category. Only the `max_columns` largest columns are drawn."""
    fig = new_figure(9, 4.5)
    ax = fig.subplots()
    totals = table.column_totals
    if not table.rows or not any(totals):
        _empty(ax, lang=lang)
        return fig
    order = sorted(range(len(table.columns)), key=lambda j: -totals[j])[:max_columns]
    order = [j for j in order if totals[j] > 0]
    positions = list(range(len(order)))
    bottom = [0] * len(order)
    for i, category in enumerate(table.rows):
        values = [table.cells[i][j] for j in order]
        if not any(values):
            continue
        ax.bar(positions, values, bottom=bottom, label=category)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_xticks(positions, [table.columns[j] for j in order],
                  rotation=30 if len(order) > 6 else 0,
                  ha="right" if len(order) > 6 else "center")
    ax.yaxis.get_major_locator().set_params(integer=True)
    legend = ax.legend(fontsize=8, ncols=2, frameon=False)
    for text in legend.get_texts():
        text.set_fontfamily(font_families())
    _style(ax, title)
    return fig


def build_chart(stats: ComplaintStats, kind: str, lang: str = "zh_CN") -> Figure:
    """The chart `kind` (a key of `CHARTS`) of `stats`, titles and axes in `lang`."""
    if kind == "counts":
        return counts_figure(stats, lang)
    if kind == "weekly":
        return trend_figure(stats, "week", lang)
    if kind == "monthly":
        return trend_figure(stats, "month", lang)
    if kind == "satisfaction":
        return satisfaction_figure(stats, lang)
    if kind == "phrases":
        return phrases_figure(stats, lang=lang)
    if kind == "district":
        return crosstab_figure(stats.category_by_district,
                               _period_title(stats, "各区县投诉分类", lang), lang=lang)
    raise ValueError(f"unknown chart kind: {kind}")


def export_figure(fig: Figure, path: Path | str) -> Path:
    """Write `fig` to `path` as PNG or PDF (by the file's suffix; PNG when it has none).

    Written beside the target first and renamed, so a failed export never leaves half a
    file under the chosen name.
    """
    out = Path(path)
    fmt = out.suffix.lower().lstrip(".") or "png"
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unsupported export format: {fmt}")
    if not out.suffix:
        out = out.with_suffix(".png")
    _prepare_fonts()
    tmp = out.with_name(out.name + ".part")
    fig.savefig(tmp, format=fmt, dpi=150 if fmt == "png" else None)
    tmp.replace(out)
    return out


def _period_title(stats: ComplaintStats, what: str, lang: str = "zh_CN") -> str:
    if lang.startswith("en"):
        return f"{_t(what, lang)} ({stats.period_from:%Y-%m-%d} to {stats.period_to:%Y-%m-%d})"
    return f"{what}（{stats.period_from:%Y-%m-%d} 至 {stats.period_to:%Y-%m-%d}）"


__all__ = [
    "CHARTS",
    "CJK_FAMILIES",
    "EXPORT_FORMATS",
    "build_chart",
    "cjk_font_family",
    "counts_figure",
    "crosstab_figure",
    "export_figure",
    "font_families",
    "new_figure",
    "phrases_figure",
    "satisfaction_figure",
    "trend_figure",
]
