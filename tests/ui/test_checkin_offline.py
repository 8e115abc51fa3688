"""The check-in page of a desk on a shared store when the server goes away:
the banner says so, scans are answered and kept, and they go up when it is back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from frontdesk.checkin.door import DoorDesk
from frontdesk.checkin.tokens import reissue_card
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Attendance
from frontdesk.vocab import ARRIVED
from tests.domain.checkin_fixtures import local, make_evening
from tests.domain.test_offline import Flaky
from tests.ui.arrange import ArrangingDesk
from ui.checkin.page import CheckInPage
from ui.kit import i18n

WAIT_MS = 60_000  # generous: a loaded machine is slow, never wrong


def _scan(qtbot, page: CheckInPage, text: str) -> None:
    qtbot.keyClicks(page.scan_field, text)
    qtbot.keyClick(page.scan_field, Qt.Key.Key_Return)


def _tick(qtbot, page: CheckInPage) -> None:
    """The page's 10-second tick, and everything it set going off the GUI
    thread (keeping in touch, closing lessons, reading the side panels)
    finished and told to the page."""
    page.on_refresh_timer_timeout()
    qtbot.waitUntil(lambda: not (page.door_banner.worker.busy or page.closer.busy
                                 or page.side_reader.worker.busy), timeout=WAIT_MS)


def test_a_desk_keeps_checking_in_while_the_server_is_away(qtbot, store, tmp_path):
    i18n.install_language("zh_CN")
    evening = make_evening(store, local(18))
    flaky = Flaky(url=store.url, engine=store.engine)
    clock = {"now": local(18, 58)}
    desk = ArrangingDesk(flaky, desk="东门", clock=lambda: clock["now"])
    desk.door = DoorDesk(flaky, tmp_path / "door")
    page = CheckInPage(desk)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    page.activate()
    page.refresh_timer.stop()  # the test gives the page its ticks itself
    _tick(qtbot, page)  # takes the desk's first copy of tonight
    assert page.door_banner.text().startswith("在线")
    assert "刚刚更新" in page.door_banner.text()

    flaky.down = True  # 19:02, someone unplugs the wrong cable
    clock["now"] = local(19, 2)
    _scan(qtbot, page, evening.token("王芳"))
    assert "王芳" in page.outcome.headline.text()
    assert "服务器恢复后上传" in page.outcome.detail.text()
    assert page.door_banner.text().startswith("离线 · 1 条待上传")
    _tick(qtbot, page)  # the tables keep what they had; nothing is raised

    _scan(qtbot, page, evening.token("张伟"))
    with store.write() as s:  # meanwhile, 张伟's card is replaced at the office
        reissue_card(s, evening.learners["张伟"], Actor(desk="办公室"), local(19, 3))
    assert page.door_banner.text().startswith("离线 · 2 条待上传")

    flaky.down = False
    clock["now"] = local(19, 10)
    _tick(qtbot, page)  # the server answers: the waiting scans go up
    assert desk.door.online
    assert page.door_banner.text().startswith("在线")
    with store.read() as s:
        rows = s.execute(select(Attendance.learner_id, Attendance.at, Attendance.desk)
                         .where(Attendance.voided_at.is_(None),
                                Attendance.status.in_(ARRIVED))).all()
    assert rows == [(evening.learners["王芳"], local(19, 2), "东门")]
    # what the store read differently is shown, not dropped
    assert "张伟" in page.outcome.detail.text()
    assert "补卡" in page.outcome.detail.text() or "换过" in page.outcome.detail.text()
