"""What an area shows before it is built (or when its page cannot be opened)."""

from __future__ import annotations

from postcrm_desktop.ui.qt import QCoreApplication, Qt, QtWidgets, QWidget


class PlaceholderPage(QtWidgets.QWidget):
    def __init__(self, title: str, message: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholder_page")
        layout = QtWidgets.QVBoxLayout(self)
        layout.addStretch(1)
        heading = QtWidgets.QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QtWidgets.QLabel(message or QCoreApplication.translate(
            "Placeholder", "这一功能区尚未建成，将在后续版本中提供。"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setObjectName("placeholder_message")
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addStretch(2)


def create_placeholder(title: str, message: str = "") -> QWidget:
    return PlaceholderPage(title, message)
