"""相关案例: a small panel of up to three cases matching a complaint's category and text,
each one click from the case. Shown on the complaint intake and the complaint detail;
hidden while nothing matches."""

from __future__ import annotations

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.services.cases.types import CaseRow
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.qt import QTimer, QtWidgets, QWidget, Signal

DELAY_MS = 400  # after the last keystroke in the description
LIMIT = 3


class CaseSuggestions(QtWidgets.QFrame):
    sig_open = Signal(str)  # a case id

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_suggestions")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.ctx = ctx
        self.rows: list[CaseRow] = []
        self._wanted: tuple[str | None, str, tuple[str, ...]] = (None, "", ())
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        self.heading = QtWidgets.QLabel(self.tr("相关案例（点击查看答复）"))
        self.heading.setStyleSheet("color: #1f3b63; font-weight: bold")
        layout.addWidget(self.heading)
        self.buttons: list[QtWidgets.QPushButton] = []
        for i in range(LIMIT):
            button = QtWidgets.QPushButton()
            button.setObjectName(f"case_suggestion_{i}")
            button.setFlat(True)
            button.setStyleSheet("text-align: left; color: #0b57d0")
            button.clicked.connect(lambda _c=False, n=i: self.open(n))
            layout.addWidget(button)
            self.buttons.append(button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.refresh_now)
        self.setVisible(False)

    def schedule(self, category: str | None, text: str, exclude: tuple[str, ...] = ()) -> None:
        """Look again after a pause in typing."""
        self._wanted = (category, text, exclude)
        self.timer.start()

    def refresh(self, category: str | None, text: str, exclude: tuple[str, ...] = ()) -> None:
        self._wanted = (category, text, exclude)
        self.refresh_now()

    def refresh_now(self) -> None:
        from postcrm_desktop.services import cases

        self.timer.stop()
        category, text, exclude = self._wanted
        try:
            rows = cases.suggest_cases(self.ctx.branch, category, text, limit=LIMIT,
                                       exclude=exclude)
        except PostCrmError:
            rows = []  # suggestions are a help, never in the way
        self.show_rows(rows)

    def show_rows(self, rows: list[CaseRow]) -> None:
        self.rows = rows[:LIMIT]
        for i, button in enumerate(self.buttons):
            if i < len(self.rows):
                r = self.rows[i]
                button.setText(f"▸ {r.title}")
                button.setToolTip(r.summary)
            button.setVisible(i < len(self.rows))
        self.setVisible(bool(self.rows))

    def titles(self) -> list[str]:
        return [r.title for r in self.rows]

    def open(self, n: int) -> None:
        if 0 <= n < len(self.rows):
            self.sig_open.emit(self.rows[n].id)


def show_case(ctx: PageContext, case_id: str, parent: QWidget | None) -> QtWidgets.QDialog:
    """Open a case to read beside the complaint (the complaint's form stays as it is)."""
    from postcrm_desktop.ui.pages.case_editor import CaseViewDialog

    dialog = CaseViewDialog(ctx, case_id, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


__all__ = ["CaseSuggestions", "show_case"]
