"""Charts for the dashboard: QtCharts, readable in Chinese, each savable as PNG.

A chart is described by :class:`ChartData` (plain values the page computed
from the domain's figures) and shown by a :class:`ChartBox`, which draws it
with QtCharts, or, on an installation without the QtCharts add-on, with a
plain painted bar chart. Fonts are set from the application font (the
bundled CJK font), because QtCharts otherwise picks its own and Chinese
labels come out as boxes. The box's button and its right-click menu save
the chart as a PNG; ``choose_png_path`` is the seam tests replace.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPoint, QRectF, QSize, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6 import QtCharts
else:
    try:  # QtCharts ships in the PySide6-Addons wheel: an Essentials-only install lacks it
        from PySide6 import QtCharts
    except ImportError:  # pragma: no cover - depends on the installation
        QtCharts = None

HAS_QTCHARTS = QtCharts is not None
PALETTE = ("#2e86c1", "#27ae60", "#f39c12", "#c0392b", "#8e44ad", "#7f8c8d", "#16a085")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per category; None: nothing to show there
    colour: str = ""


@dataclass(frozen=True)
class ChartData:
    """What a chart shows, in the page's own (translated) words.

    ``kind``: "bar" (grouped columns), "hbar" (stacked horizontal bars, one
    per category), "line" (one point per category) or "pie" (the first
    series' values are the slices). ``percent``: the values are fractions,
    shown as 0–100 %.
    """

    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    percent: bool = False
    note: str = ""  # a line under the title ("40 of 120 courses shown")

    def value(self, series: int, category: int) -> float | None:
        return self.series[series].values[category]

    @property
    def empty(self) -> bool:
        return not self.categories or all(
            not v for s in self.series for v in s.values if v is not None)


def chart_font(size_delta: float = 0, bold: bool = False) -> QFont:
    """The application font (bundled CJK with its fallbacks), resized."""
    font = QFont(QApplication.font())
    if size_delta:
        font.setPointSizeF(max(6.0, font.pointSizeF() + size_delta))
    font.setBold(bold)
    return font


def _colour(data: ChartData, index: int) -> QColor:
    chosen = data.series[index].colour if index < len(data.series) else ""
    return QColor(chosen or PALETTE[index % len(PALETTE)])


def _shown(data: ChartData, value: float | None) -> float:
    """The value as drawn: percentages to one decimal (labels print what is drawn)."""
    if value is None:
        return 0.0
    return round(value * 100, 1) if data.percent else float(value)


def _label(data: ChartData, value: float | None) -> str:
    if value is None:
        return "—"
    if data.percent:
        return f"{value * 100:.0f}%"
    return f"{value:,.0f}"


# QtCharts ---------------------------------------------------------------------------


def nice_scale(top: float) -> tuple[float, float]:
    """An axis end at or above ``top`` and a tick step of 1, 2 or 5 × 10ⁿ (at least 1)."""
    rough = max(top, 1.0) / 5
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    step = max(step, 1.0)
    return math.ceil(max(top, 1.0) / step) * step, step


def _value_axis(data: ChartData, top: float) -> QtCharts.QValueAxis:
    axis = QtCharts.QValueAxis()
    axis.setLabelsFont(chart_font(-1))
    if data.percent:
        axis.setRange(0, 100)
        axis.setLabelFormat("%.0f%%")
        return axis
    upper, step = nice_scale(top * 1.08)  # room for the labels above the highest bar
    axis.setRange(0, upper)
    axis.setTickType(QtCharts.QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat("%.0f")
    return axis


def _category_axis(categories: Sequence[str]) -> QtCharts.QBarCategoryAxis:
    axis = QtCharts.QBarCategoryAxis()
    axis.append(list(categories))
    axis.setLabelsFont(chart_font(-1))
    return axis


def _bar_chart(chart: QtCharts.QChart, data: ChartData) -> None:
    horizontal = data.kind == "hbar"
    series = (QtCharts.QHorizontalStackedBarSeries() if horizontal
              else QtCharts.QBarSeries())
    for i, s in enumerate(data.series):
        bars = QtCharts.QBarSet(s.name)
        bars.append([_shown(data, v) for v in s.values])
        bars.setColor(_colour(data, i))
        bars.setBorderColor(_colour(data, i))
        bars.setLabelFont(chart_font(-2))
        series.append(bars)
    if not horizontal or len(data.series) == 1:  # stacked segments would crowd their labels
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%" if data.percent else "@value")
        series.setLabelsPosition(QtCharts.QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        for bars in series.barSets():
            bars.setLabelColor(QColor("#333333"))
    chart.addSeries(series)
    top = (max((sum(_shown(data, s.values[i]) for s in data.series)
                for i in range(len(data.categories))), default=1.0) if horizontal
           else max((_shown(data, v) for s in data.series for v in s.values), default=1.0))
    categories, values = _category_axis(data.categories), _value_axis(data, top)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if horizontal
                  else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal
                  else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values)


def _line_chart(chart: QtCharts.QChart, data: ChartData) -> None:
    categories = _category_axis(data.categories)
    values = _value_axis(data, max((_shown(data, v) for s in data.series for v in s.values),
                                   default=1.0))
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    for i, s in enumerate(data.series):
        line = QtCharts.QLineSeries()
        line.setName(s.name)
        for x, v in enumerate(s.values):
            if v is not None:  # a week nobody was expected: no point, not a zero
                line.append(float(x), _shown(data, v))
        line.setPen(QPen(_colour(data, i), 2.5))
        line.setPointsVisible(True)
        line.setPointLabelsVisible(len(data.categories) <= 16)
        line.setPointLabelsFormat("@yPoint%" if data.percent else "@yPoint")
        line.setPointLabelsFont(chart_font(-2))
        line.setPointLabelsClipping(False)
        chart.addSeries(line)
        line.attachAxis(categories)
        line.attachAxis(values)


def _pie_chart(chart: QtCharts.QChart, data: ChartData) -> None:
    # Names go in the legend, shares on the slices: labels outside a small
    # pie get cut short, and Chinese names do not shrink.
    pie = QtCharts.QPieSeries()
    values = data.series[0].values if data.series else ()
    total = sum(v or 0 for v in values)
    for i, (name, value) in enumerate(zip(data.categories, values, strict=True)):
        piece = pie.append(f"{name} {_label(data, value)}", float(value or 0))
        piece.setColor(QColor(PALETTE[i % len(PALETTE)]))
        piece.setLabelFont(chart_font(-1, bold=True))
        piece.setLabelColor(QColor("white"))
        piece.setLabelPosition(QtCharts.QPieSlice.LabelPosition.LabelInsideNormal)
        piece.setLabelVisible(bool(value))
        if total:
            piece.setLabel(f"{(value or 0) / total * 100:.0f}%")
    pie.setPieSize(0.75)
    chart.addSeries(pie)
    # The legend reads each slice's label: give it back the name and count.
    markers = chart.legend().markers(pie)
    for marker, name, value in zip(markers, data.categories, values, strict=True):
        marker.setLabel(f"{name} {_label(data, value)}")
    chart.legend().setFont(chart_font(0))


def build_chart(data: ChartData) -> QtCharts.QChart:
    """A QChart of ``data`` with every text in the application's font."""
    chart = QtCharts.QChart()
    chart.setTitle(data.title if not data.note else f"{data.title}<br><small>{data.note}</small>")
    chart.setTitleFont(chart_font(1, bold=True))
    chart.legend().setFont(chart_font(-1))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QtCharts.QChart.AnimationOption.NoAnimation)
    if data.kind == "pie":
        _pie_chart(chart, data)
    elif data.kind == "line":
        _line_chart(chart, data)
    else:
        _bar_chart(chart, data)
    chart.legend().setVisible(data.kind == "pie" or len(data.series) > 1)
    return chart


# Without QtCharts: plain columns painted with QPainter ------------------------------


class PaintedChart(QWidget):
    """Grouped columns for any ChartData (a pie's slices become columns)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: ChartData | None = None
        self.setMinimumHeight(220)
        self.setAutoFillBackground(True)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.data is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        paint_columns(painter, QRectF(self.rect()), self.data)
        painter.end()


def paint_columns(painter: QPainter, area: QRectF, data: ChartData) -> None:
    painter.setFont(chart_font(1, bold=True))
    painter.setPen(QColor("#222222"))
    painter.drawText(area.adjusted(8, 4, -8, 0), Qt.AlignmentFlag.AlignHCenter, data.title)
    plot = area.adjusted(40, 40, -12, -44)
    values = [_shown(data, v) for s in data.series for v in s.values]
    top = 100.0 if data.percent else max([*values, 1.0])
    groups, per = max(len(data.categories), 1), max(len(data.series), 1)
    width = plot.width() / groups
    painter.setFont(chart_font(-2))
    for c, name in enumerate(data.categories):
        for i, s in enumerate(data.series):
            height = plot.height() * _shown(data, s.values[c]) / top
            bar = QRectF(plot.left() + c * width + 4 + i * (width - 8) / per,
                         plot.bottom() - height, (width - 8) / per - 2, height)
            painter.fillRect(bar, _colour(data, i))
            painter.drawText(bar.adjusted(-10, -16, 10, 0), Qt.AlignmentFlag.AlignHCenter,
                             _label(data, s.values[c]))
        painter.drawText(QRectF(plot.left() + c * width, plot.bottom() + 4, width, 36),
                         Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, name)
    painter.setPen(QColor("#888888"))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())


# The box on the page ----------------------------------------------------------------


def choose_png_path(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Ask where to save a chart; None when cancelled (the seam tests replace)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    title = QCoreApplication.translate("Charts", "Save chart as PNG")
    kinds = QCoreApplication.translate("Charts", "PNG images (*.png)")
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested_name),
                                          kinds)
    if not path:
        return None
    return Path(path if path.lower().endswith(".png") else path + ".png")


def _lazy_chart_view() -> Any:
    """A QChartView that builds its chart when it is first painted (or asked
    for it): a chart scrolled out of sight costs neither time nor memory until
    someone looks at it (the dashboard's lower charts, about 3 MB at 100,000
    learners)."""

    class LazyChartView(QtCharts.QChartView):
        def __init__(self) -> None:
            super().__init__()
            self.pending: ChartData | None = None

        def show_data(self, data: ChartData) -> None:
            self.pending = data
            self.viewport().update()

        def build(self) -> None:
            data, self.pending = self.pending, None
            if data is None:
                return
            old = super().chart()
            self.setChart(build_chart(data))
            if old is not None:
                old.deleteLater()

        def chart(self) -> QtCharts.QChart:
            self.build()
            return super().chart()

        def paintEvent(self, event: QPaintEvent) -> None:
            if self.pending is not None:
                self.build()
                self.viewport().update()  # the chart is drawn by the next paint
                return
            super().paintEvent(event)

    return LazyChartView()


class ChartBox(QWidget):
    """One chart with a save button and a right-click "Save as PNG…" menu."""

    saved = Signal(str)  # the file written
    save_failed = Signal(str)  # the file that could not be written

    def __init__(self, name: str, parent: QWidget | None = None, *,
                 min_height: int = 260) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.data: ChartData | None = None
        if HAS_QTCHARTS:
            self.view: Any = _lazy_chart_view()
            self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        else:  # pragma: no cover - depends on the installation
            self.view = PaintedChart()
        self.view.setMinimumHeight(min_height)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self.on_view_context_menu)
        self.save_button = QToolButton()
        self.save_button.setObjectName(f"{name}_save")
        self.save_button.setAutoRaise(True)
        self.save_button.clicked.connect(self.on_save_button_clicked)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addStretch(1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.save_button.setText(QCoreApplication.translate("Charts", "Save PNG…"))
        self.save_button.setToolTip(QCoreApplication.translate(
            "Charts", "Save this chart as a picture (PNG)"))

    def set_data(self, data: ChartData) -> None:
        self.data = data
        if isinstance(self.view, PaintedChart):  # pragma: no cover
            self.view.set_data(data)
            return
        self.view.show_data(data)  # built when first painted

    def image(self) -> QImage:
        """The chart as the user sees it (a chart never shown: 800 × 480 pixels)."""
        if not self.view.isVisible():
            self.view.resize(self.view.size().expandedTo(QSize(800, 480)))
        if not isinstance(self.view, PaintedChart):
            self.view.build()  # a chart not painted yet is drawn in full
        image: QImage = self.view.grab().toImage()
        return image

    def save_png(self, path: Path) -> bool:
        # PySide6 6.12 types the format as bytes, but the binding accepts only a str here.
        return bool(self.image().save(str(path), "PNG"))  # type: ignore[call-overload]

    def suggested_name(self) -> str:
        title = self.data.title if self.data else self.objectName()
        keep = "".join(ch for ch in title if ch.isalnum() or ch in "-_ +")
        return f"{keep.strip() or 'chart'}.png"

    @Slot()
    def on_save_button_clicked(self) -> None:
        path = choose_png_path(self, self.suggested_name())
        if path is None:
            return
        if self.save_png(path):
            self.saved.emit(str(path))
        else:
            self.save_failed.emit(str(path))

    @Slot(QPoint)
    def on_view_context_menu(self, at: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(QCoreApplication.translate("Charts", "Save as PNG…"),
                       self.on_save_button_clicked)
        menu.exec(self.view.mapToGlobal(at))
        menu.deleteLater()


__all__ = ["HAS_QTCHARTS", "ChartBox", "ChartData", "Series", "build_chart", "chart_font",
           "choose_png_path"]
