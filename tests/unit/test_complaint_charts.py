"""Complaint charts are built without Qt, with the right bars and readable Chinese labels."""

from __future__ import annotations

import io
import sys
import warnings
from datetime import date
from pathlib import Path

import pytest
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

from postcrm_desktop.services.complaints import charts
from postcrm_desktop.services.complaints.stats import (
    ComplaintStats,
    Count,
    CrossTab,
    Phrase,
    TrendPoint,
)


def _stats(total: int = 9) -> ComplaintStats:
    empty = total == 0
    return ComplaintStats(
        period_from=date(2026, 10, 1), period_to=date(2026, 11, 30), total=total,
        by_type=[Count("enquiry", "咨询", 0 if empty else 2),
                 Count("complaint", "投诉", 0 if empty else 6),
                 Count("suggestion", "建议", 0 if empty else 1)],
        by_category=[Count("delay", "延误", 0 if empty else 4),
                     Count("loss", "丢失", 0 if empty else 1),
                     Count("damage", "破损", 0 if empty else 2),
                     Count("attitude", "服务态度", 0 if empty else 1),
                     Count("price", "价格", 0),
                     Count("other", "其他", 0 if empty else 1)],
        by_status=[Count(s, label, 0 if empty else n) for s, label, n in (
            ("new", "新建", 2), ("assigned", "已分派", 1), ("in_progress", "处理中", 1),
            ("resolved", "已解决", 2), ("revisited", "已回访", 1), ("closed", "已关闭", 2))],
        by_priority=[Count("urgent", "紧急", 0 if empty else 3),
                     Count("normal", "一般", 0 if empty else 5),
                     Count("low", "低", 0 if empty else 1)],
        resolved=5, resolved_on_time=4, overdue_open=1, on_time_rate=4 / 6,
        revisited=0 if empty else 3, average_satisfaction=None if empty else 4.0,
        satisfaction_counts={1: 0, 2: 0, 3: 1, 4: 1, 5: 0 if empty else 1},
        weekly=[TrendPoint(f"2026-W{w}", date(2026, 9, 28), 0 if empty else w % 3)
                for w in range(40, 49)],
        monthly=[TrendPoint("2026-10", date(2026, 10, 1), 0 if empty else 5),
                 TrendPoint("2026-11", date(2026, 11, 1), 0 if empty else 4)],
        top_phrases=[] if empty else [
            Phrase("物流信息", 4, {"延误": 4}), Phrase("包裹破损", 2, {"破损": 2}),
            Phrase("态度恶劣", 2, {"服务态度": 2})],
        category_by_district=CrossTab(
            ["延误", "破损"], ["天河区", "越秀区", "未填写"],
            [[0, 0, 0], [0, 0, 0]] if empty else [[3, 1, 0], [1, 1, 0]]),
        category_by_customer_type=CrossTab(["延误"], ["个人"], [[0 if empty else 4]]),
    )


def _bar_heights(fig: Figure) -> list[list[float]]:
    out = []
    for ax in fig.axes:
        for container in ax.containers:
            if isinstance(container, BarContainer):
                out.append([float(p.get_height()) for p in container.patches])
    return out


def _render(fig: Figure) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph warns: make it fail the test
        fig.savefig(buf, format="png")
    return buf.getvalue()


def test_charts_module_uses_no_pyplot_and_no_qt_backend() -> None:
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(charts))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in imported if m and ("PySide6" in m or "pyplot" in m
                                               or "backend" in m)}


def test_counts_figure_has_one_bar_per_type_category_and_status() -> None:
    fig = charts.counts_figure(_stats())
    assert len(fig.axes) == 3
    heights = _bar_heights(fig)
    assert heights == [[2, 6, 1], [4, 1, 2, 1, 0, 1], [2, 1, 1, 2, 1, 2]]
    labels = [t.get_text() for t in fig.axes[1].get_xticklabels()]
    assert labels == ["延误", "丢失", "破损", "服务态度", "价格", "其他"]
    assert _render(fig).startswith(b"\x89PNG")


@pytest.mark.parametrize(("kind", "bars"), [("weekly", 9), ("monthly", 2)])
def test_trend_figures_count_each_period(kind: str, bars: int) -> None:
    stats = _stats()
    fig = charts.build_chart(stats, kind)
    heights = _bar_heights(fig)
    points = stats.weekly if kind == "weekly" else stats.monthly
    assert heights == [[p.count for p in points]]
    assert len(heights[0]) == bars
    line = fig.axes[0].get_lines()[0]
    assert list(line.get_ydata()) == [p.count for p in points]
    _render(fig)


def test_satisfaction_and_phrases_figures() -> None:
    fig = charts.satisfaction_figure(_stats())
    assert _bar_heights(fig) == [[0, 0, 1, 1, 1]]
    assert "4.00" in fig.axes[0].get_title()
    _render(fig)
    fig = charts.phrases_figure(_stats())
    widths = [p.get_width() for p in fig.axes[0].containers[0].patches]
    assert widths == [2, 2, 4]  # most frequent on top (drawn last)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][-1] == "物流信息"
    _render(fig)


def test_crosstab_figure_stacks_categories_over_districts() -> None:
    fig = charts.build_chart(_stats(), "district")
    containers = fig.axes[0].containers
    assert len(containers) == 2  # one layer per category with complaints
    assert [p.get_height() for p in containers[0].patches] == [3, 1]  # empty column left out
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["天河区", "越秀区"]
    _render(fig)


@pytest.mark.parametrize("kind", list(charts.CHARTS))
def test_an_empty_period_draws_a_message_not_an_error(kind: str) -> None:
    fig = charts.build_chart(_stats(total=0), kind)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("没有" in t for t in texts)
    _render(fig)


def test_a_cjk_font_is_used_when_one_is_installed() -> None:
    family = charts.cjk_font_family()
    if family is None:
        pytest.skip("no CJK font installed on this machine")
    assert family in charts.CJK_FAMILIES
    fig = charts.counts_figure(_stats())
    _render(fig)  # no missing-glyph warnings
    assert charts.font_families()[0] == family


def test_export_writes_png_and_pdf(tmp_path: Path) -> None:
    fig = charts.counts_figure(_stats())
    png = charts.export_figure(fig, tmp_path / "chart.png")
    pdf = charts.export_figure(fig, tmp_path / "chart.pdf")
    bare = charts.export_figure(fig, tmp_path / "chart")
    assert png.read_bytes().startswith(b"\x89PNG")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert bare.suffix == ".png" and bare.exists()
    assert not list(tmp_path.glob("*.part"))
    with pytest.raises(ValueError):
        charts.export_figure(fig, tmp_path / "chart.gif")


def test_charts_need_no_qt_in_a_fresh_interpreter() -> None:
    import subprocess

    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt imported: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from postcrm_desktop.services.complaints import charts\n"
        "fig = charts.new_figure()\n"
        "fig.subplots().bar([0, 1], [1, 2])\n"
        "import io; fig.savefig(io.BytesIO(), format='png')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_titles_axes_and_labels_follow_the_interface_language() -> None:
    stats = _stats()
    fig = charts.build_chart(stats, "counts", "en")
    assert fig._suptitle is not None
    assert fig._suptitle.get_text() == "Complaints (2026-10-01 to 2026-11-30)"
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["By type", "By category", "By status"]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == [
        "Enquiry", "Complaint", "Suggestion"]
    weekly = charts.build_chart(stats, "weekly", "en").axes[0]
    assert weekly.get_ylabel() == "Complaints" and weekly.get_title().startswith(
        "Complaints per week (")
    assert charts.build_chart(stats, "satisfaction", "en").axes[0].get_title().startswith(
        "Satisfaction (average 4.00")
    empty = charts.build_chart(_stats(0), "weekly", "en").axes[0]
    assert [t.get_text() for t in empty.texts] == ["No complaints in this period"]
    chinese = charts.build_chart(stats, "counts")
    assert chinese._suptitle is not None and chinese._suptitle.get_text().startswith("投诉数量（")
