"""A chart is built when it is first seen: one scrolled out of sight costs
the desk nothing until someone scrolls to it, and saving it draws it in full."""

from __future__ import annotations

from PySide6 import QtCharts
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ui.kit.charts import ChartBox, ChartData, Series

DATA = ChartData("hbar", "报名与名额", ("C1 AI+图片设计", "C2 AI+营销获客"),
                 (Series("在读", (3.0, 2.0)),))


def _built(box: ChartBox) -> QtCharts.QChart:
    return QtCharts.QChartView.chart(box.view)  # what is there, without building it


def test_a_chart_out_of_sight_is_built_when_scrolled_to(qtbot):
    area = QScrollArea()
    body = QWidget()
    column = QVBoxLayout(body)
    filler = QWidget()
    filler.setMinimumHeight(2000)
    column.addWidget(filler)
    box = ChartBox("chart_lazy")
    column.addWidget(box)
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.resize(600, 400)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    box.set_data(DATA)
    qtbot.wait(200)
    assert _built(box).series() == []  # below the fold: nothing built yet
    area.ensureWidgetVisible(box)
    qtbot.waitUntil(lambda: len(_built(box).series()) == 1)
    assert _built(box).title() == "报名与名额"


def test_a_chart_never_shown_saves_in_full(qtbot, tmp_path):
    box = ChartBox("chart_unseen")
    qtbot.addWidget(box)
    box.set_data(DATA)
    target = tmp_path / "chart.png"
    assert box.save_png(target)
    assert len(_built(box).series()) == 1
    assert box.image().width() >= 800
