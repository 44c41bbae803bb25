"""File → New: paper, date, 期号 and the page template (对开 4 or 8 pages) of a new edition."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QCoreApplication, QDate, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from newsdesk.model.edition import Edition
from newsdesk.model.templates import PAGE_TYPES, TEMPLATES, new_edition

MAX_NUMBER = 999_999  # 期号


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def to_date(value: QDate) -> _dt.date:
    return _dt.date(value.year(), value.month(), value.day())


def to_qdate(value: _dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class EditionFields(QWidget):
    """Paper, date and 期号, shared by the New dialog and the Edition Properties dialog."""

    def __init__(self, paper: str, date: _dt.date, number: int, parent=None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.paper = QLineEdit(paper)
        self.paper.setObjectName("paper")
        self.date = QDateEdit(to_qdate(date))
        self.date.setObjectName("date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.number = QSpinBox()
        self.number.setObjectName("number")
        self.number.setRange(1, MAX_NUMBER)
        self.number.setValue(min(max(number, 1), MAX_NUMBER))
        self.form.addRow(tr("Paper name:"), self.paper)
        self.form.addRow(tr("Date:"), self.date)
        self.form.addRow(tr("Issue number:"), self.number)

    def problem(self) -> str:
        """Why the values cannot be used ("" when they can), in the UI language."""
        if not self.paper.text().strip():
            return tr("Enter the paper's name.")
        return ""

    def values(self) -> tuple[str, _dt.date, int]:
        return self.paper.text().strip(), to_date(self.date.date()), self.number.value()


def template_summary(page_count: int) -> str:
    """版面: 1 要闻版（要闻）, 2 内页（综合，广告位） … for the dialog."""
    parts = []
    for i, spec in enumerate(TEMPLATES[page_count], 1):
        extra = tr(", booked ad space") if spec.ad_rows else ""
        parts.append(f"{i} {PAGE_TYPES[spec.kind]}（{spec.section}{extra}）")
    return "　".join(parts)


class NewEditionDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New Edition"))
        settings = QSettings()
        paper = str(settings.value("new/paper", "") or tr("Daily News"))
        number = int(settings.value("new/number", 0) or 0) + 1
        tomorrow = _dt.date.today() + _dt.timedelta(days=1)  # the desk makes tomorrow's paper
        self.fields = EditionFields(paper, tomorrow, number, self)
        self.template = QComboBox()
        self.template.setObjectName("template")
        for count in TEMPLATES:
            self.template.addItem(
                tr("Broadsheet (对开), %1 pages").replace("%1", str(count)), count
            )
        self.fields.form.addRow(tr("Template:"), self.template)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c81e1e")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.template.currentIndexChanged.connect(self._update)
        self.fields.paper.textChanged.connect(self._update)
        self._update()

    def page_count(self) -> int:
        return int(self.template.currentData())

    def _update(self) -> None:
        self.summary.setText(template_summary(self.page_count()))
        problem = self.fields.problem()
        self.error.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def accept(self) -> None:
        if self.fields.problem():
            return
        paper, _date, number = self.fields.values()
        settings = QSettings()
        settings.setValue("new/paper", paper)
        settings.setValue("new/number", number)
        super().accept()

    def edition(self) -> Edition:
        paper, date, number = self.fields.values()
        return new_edition(paper, date, number, self.page_count())
