"""The certificates page: who earned one, issuing and printing them, checking one.

Pick a course on the left: every enrolled learner is listed with eligible /
not yet (and why, in words) / issued (serial, when, prints) / revoked, and
the counts above. Issue and print one, the selection or everyone who earned
one (``ui.certificates.batch``: a progress bar, Cancel, then print or save);
an admin grants or clears an exception and revokes a certificate issued in
error. Below, a scan field checks any certificate's QR code. The design
dialog and the public key export are in the page's tool row; under it, an
admin sees when the verification page was last exported (``ui.certificates.
publish``), with a reminder after a revocation.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from frontdesk.certificates import actions as certificate_actions
from frontdesk.certificates.completion import CourseProgress
from frontdesk.certificates.eligibility import EligibilityRow, EligibilityState
from frontdesk.certificates.selection import PRINTABLE, earned_count, issuable
from frontdesk.certificates.verification import Verification
from frontdesk.checkin.routing import ScanKind, route
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.roster import actions as roster_actions
from frontdesk.roster.courses import CourseSummary
from frontdesk.staff.roles import Action
from frontdesk.vocab import EnrollmentStatus
from ui.certificates import batch as certificate_batch
from ui.certificates.batch import BatchCancelled
from ui.certificates.design_dialog import CertificateDesignDialog
from ui.certificates.publish import PublishRow
from ui.certificates.rows import EligibilityModel, eligibility_view
from ui.certificates.verify import VerifyBox, export_public_key
from ui.kit import widgets
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.page import Page
from ui.kit.widgets import Banner
from ui.kit.words import describe


class CertificatesPage(Page):
    icon_name = "certificates"
    keeps_scans = True
    TITLE = QT_TRANSLATE_NOOP("Page", "Certificates")

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.tz = context.settings().tz()
        self.rows: list[EligibilityRow] = []
        self.progress: CourseProgress | None = None
        self._init_courses()
        self._init_table()
        self._init_buttons()
        self._init_layout()
        self.retranslate_ui()
        self.refresh()

    # -- building ------------------------------------------------------------------

    def _init_courses(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.on_filter_edit_text_changed)
        self.course_list = QListWidget()
        self.course_list.setObjectName("course_list")
        self.course_list.currentRowChanged.connect(self.on_course_list_current_row_changed)

    def _init_table(self) -> None:
        self.model = EligibilityModel(self.tz)
        self.table = eligibility_view(self.model)
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)

    def _init_buttons(self) -> None:
        def button(name: str, slot: object) -> QPushButton:
            b = QPushButton(icon(name), "")
            b.clicked.connect(slot)
            return b

        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.heading.setFont(font)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts")
        self.counts_label.setWordWrap(True)
        self.issue_selected_button = button("certificates", self.on_issue_selected_clicked)
        self.issue_all_button = button("certificates", self.on_issue_all_clicked)
        self.grant_button = button("add", self.on_grant_clicked)
        self.clear_button = button("withdraw", self.on_clear_clicked)
        self.revoke_button = button("withdraw", self.on_revoke_clicked)
        self.finish_button = button("lesson", self.on_finish_clicked)
        self.finish_button.setObjectName("finish_course")
        self.design_button = button("settings", self.on_design_clicked)
        self.key_button = button("export", self.on_key_clicked)
        # Exceptions and revoking are an admin's (the domain refuses other roles).
        if not self.context.may(Action.CERTIFICATE_EXCEPTION):
            self.grant_button.hide()
            self.clear_button.hide()
        self.publish_row = PublishRow(self.context)
        if not self.context.may(Action.CERTIFICATE_REVOKE):
            self.revoke_button.hide()
            self.publish_row.hide()
        if not self.context.may(Action.COURSE_FINISH):
            self.finish_button.hide()
        self.banner = Banner()
        self.publish_row.exported.connect(self.banner.ok)
        self.publish_row.failed.connect(self.banner.error)
        self.verify_box = VerifyBox(self.context)
        self.verify_box.verified.connect(self.on_verify_box_verified)

    def _init_layout(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filter_edit)
        column.addWidget(self.course_list, 1)
        right = QWidget()
        body = QVBoxLayout(right)
        body.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.design_button)
        top.addWidget(self.key_button)
        body.addLayout(top)
        body.addWidget(self.publish_row)
        body.addWidget(self.counts_label)
        actions = QHBoxLayout()
        for b in (self.issue_selected_button, self.issue_all_button):
            actions.addWidget(b)
        actions.addStretch(1)
        for b in (self.grant_button, self.clear_button, self.revoke_button, self.finish_button):
            actions.addWidget(b)
        body.addLayout(actions)
        body.addWidget(self.banner)
        body.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.verify_box)

    def retranslate_ui(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Filter courses by code or title"))
        self._label_issue_selected()
        self.issue_all_button.setText(self.tr("Issue and print all earned…"))
        self.issue_all_button.setToolTip(self.tr(
            "Everyone who has earned a certificate: new ones are issued, issued ones are "
            "printed again with the same serial."))
        self.grant_button.setText(self.tr("Grant exception…"))
        self.clear_button.setText(self.tr("Clear exception"))
        self.revoke_button.setText(self.tr("Revoke…"))
        self.design_button.setText(self.tr("Certificate design…"))
        self.key_button.setText(self.tr("Export public key…"))
        self.key_button.setToolTip(self.tr(
            "Save the school's public key (.pem) to publish: with it anyone can check a "
            "certificate's QR code offline."))
        self._label_finish()
        self.model.retranslate()
        self.verify_box.retranslate_ui()
        self.publish_row.retranslate_ui()
        self._show_counts()

    # -- data -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the course list (keeping the chosen course) and its learners."""
        chosen = self.current_course_id()
        self.courses: list[CourseSummary] = self.context.act(roster_actions.course_summaries)
        self.course_list.blockSignals(True)
        self.course_list.clear()
        for course in self.courses:
            item = QListWidgetItem(f"{course.code}  {course.title}", self.course_list)
            item.setData(Qt.ItemDataRole.UserRole, course.id)
        self.course_list.blockSignals(False)
        self._apply_filter()
        if not self.select_course(chosen) and self.courses:
            self.select_course(self.courses[0].id)
        self.refresh_rows()

    def _apply_filter(self) -> None:
        text = self.filter_edit.text().strip().lower()
        for row, course in enumerate(self.courses):
            hidden = bool(text) and text not in course.code.lower() and \
                text not in course.title.lower()
            self.course_list.item(row).setHidden(hidden)

    def current_course_id(self) -> int | None:
        item = self.course_list.currentItem() if self.course_list.count() else None
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def current_course(self) -> CourseSummary | None:
        chosen = self.current_course_id()
        return next((c for c in self.courses if c.id == chosen), None)

    def select_course(self, course_id: int | None) -> bool:
        for row, course in enumerate(self.courses):
            if course.id == course_id:
                self.course_list.setCurrentRow(row)
                return True
        return False

    def refresh_rows(self) -> None:
        """Reload the chosen course's learners, keeping the selected ones selected."""
        kept = {r.enrollment_id for r in self.selected_rows()}
        course = self.current_course()
        now = self.context.now()
        self.rows = (self.context.act(certificate_actions.standing, course.id, now)
                     if course else [])
        self.progress = (self.context.act(certificate_actions.progress, course.id, now)
                         if course else None)
        self.model.set_rows(self.rows)
        self.heading.setText(f"{course.code}  {course.title}" if course else "")
        selection = self.table.selectionModel()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        for index, row in enumerate(self.rows):
            if row.enrollment_id in kept:
                selection.select(self.model.index(index, 0), flags)
        self._show_counts()
        self._enable()
        if self.publish_row.isVisibleTo(self):
            self.publish_row.refresh()

    def _show_counts(self) -> None:
        rows = getattr(self, "rows", [])
        if not rows:
            self.counts_label.setText(self.tr("No learner is enrolled in this course."))
            return
        earned = earned_count(rows)
        issued = sum(1 for r in rows if r.state == EligibilityState.ISSUED)
        progress = self.progress
        if progress is not None and not progress.complete:
            self.counts_label.setText(self.tr(
                "Course running: {held} of {planned} lessons held so far. Certificates are "
                "issued once it is complete, or earlier only by an admin's exception "
                "({earned} so far).").format(held=progress.held, planned=progress.planned,
                                            earned=earned))
            return
        self.counts_label.setText(self.tr(
            "{earned} of {total} have earned a certificate · {issued} issued · {waiting} to "
            "issue · {held} lessons held, {needs} needed").format(
                earned=earned, total=len(rows), issued=issued, waiting=earned - issued,
                held=rows[0].held, needs=rows[0].needs))

    def selected_rows(self) -> list[EligibilityRow]:
        picked = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.rows[i] for i in picked if i < len(self.model.rows)]

    def _enable(self) -> None:
        chosen = self.selected_rows()
        one = chosen[0] if len(chosen) == 1 else None
        self.issue_selected_button.setEnabled(any(issuable(r) for r in chosen))
        self._label_issue_selected()
        self.issue_all_button.setEnabled(any(r.state in PRINTABLE for r in self.rows))
        # After a revocation an exception may still earn the learner a replacement.
        self.grant_button.setEnabled(
            one is not None and one.status is not EnrollmentStatus.WITHDRAWN)
        self.clear_button.setEnabled(
            one is not None and one.exception_reason is not None
            and one.state != EligibilityState.ISSUED)
        self.revoke_button.setEnabled(one is not None and one.state == EligibilityState.ISSUED)
        self._label_finish()

    def _label_finish(self) -> None:
        """Mark finished while the course runs; reopen after a mark; nothing once it is over."""
        progress = getattr(self, "progress", None)
        if progress is not None and progress.finished_at is not None and not progress.over:
            self.finish_button.setText(self.tr("Reopen course…"))
            self.finish_button.setEnabled(True)
            return
        self.finish_button.setText(self.tr("Mark course finished…"))
        self.finish_button.setEnabled(progress is not None and not progress.complete
                                      and progress.held > 0)

    def _label_issue_selected(self) -> None:
        """The issue button offers a replacement when that is all the selection needs."""
        chosen = [r for r in self.selected_rows() if issuable(r)]
        if chosen and all(r.replaceable for r in chosen):
            self.issue_selected_button.setText(self.tr("Issue a replacement and print…"))
        else:
            self.issue_selected_button.setText(self.tr("Issue and print selected…"))

    def activate(self) -> None:
        self.refresh()

    def settings_changed(self) -> None:
        self.tz = self.model.tz = self.context.settings().tz()
        self.refresh()

    # -- issuing and printing -----------------------------------------------------------

    def issue(self, enrollment_ids: list[int] | None, skipped: int = 0) -> None:
        """Ask how, then issue and print or save; ``None`` means everyone who earned one."""
        course = self.current_course()
        if course is None:
            return
        count = len(enrollment_ids) if enrollment_ids is not None else \
            sum(1 for r in self.rows if r.state in PRINTABLE)
        output = certificate_batch.ask_output(self, count)
        if output is None:
            return
        try:
            message = certificate_batch.hand_out(self, self.context, course, enrollment_ids,
                                                 output)
        except BatchCancelled:
            message = None
            self.banner.warn(self.tr("Cancelled: no certificate was issued or counted, and no "
                                     "file was left behind."))
        except DomainError as error:
            message = None
            self.banner.error(describe(error))
        except OSError as error:
            message = None
            self.banner.error(self.tr("Could not write the certificates: {reason}").format(
                reason=error.strerror or error))
        self.refresh_rows()
        if message is not None:
            if skipped:
                message += " " + self.tr("{n} selected learners were skipped: not earned yet, "
                                         "or revoked.").format(n=skipped)
            self.banner.ok(message)

    # -- slots ------------------------------------------------------------------------------

    @Slot(str)
    def on_filter_edit_text_changed(self, _text: str) -> None:
        self._apply_filter()

    @Slot(int)
    def on_course_list_current_row_changed(self, _row: int) -> None:
        self.table.clearSelection()
        self.refresh_rows()

    @Slot(QItemSelection, QItemSelection)
    def on_table_selection_changed(self, _a: QItemSelection, _b: QItemSelection) -> None:
        self._enable()

    @Slot()
    def on_issue_selected_clicked(self) -> None:
        chosen = self.selected_rows()
        ids = [r.enrollment_id for r in chosen if issuable(r)]
        if ids:
            self.issue(ids, skipped=len(chosen) - len(ids))

    @Slot()
    def on_issue_all_clicked(self) -> None:
        self.issue(None)

    def _act(self, action: Callable[..., object], *args: object) -> bool:
        """One action at the desk's clock; a refusal goes to the banner."""
        ctx = self.context
        try:
            ctx.act(action, *args, ctx.now())
        except DomainError as error:
            self.banner.error(describe(error))
            return False
        finally:
            self.refresh_rows()
        return True

    @Slot()
    def on_grant_clicked(self) -> None:
        chosen = self.selected_rows()
        if len(chosen) != 1:
            return
        row = chosen[0]
        reason = widgets.ask_text(self, self.tr("Grant an exception"), self.tr(
            "Why may {name} have a certificate anyway? The reason is kept on the "
            "certificate's record, not printed.").format(name=row.learner_name),
            row.exception_reason or "")
        if reason is not None and self._act(certificate_actions.grant_exception,
                                              row.enrollment_id, reason):
            self.banner.ok(self.tr("Exception recorded: {name} may have a certificate.")
                           .format(name=row.learner_name))

    @Slot()
    def on_clear_clicked(self) -> None:
        chosen = self.selected_rows()
        if len(chosen) != 1 or not widgets.confirm(
                self, self.tr("Clear exception"),
                self.tr("Clear the exception for {name}? The usual rule applies again.")
                .format(name=chosen[0].learner_name)):
            return
        if self._act(certificate_actions.clear_exception, chosen[0].enrollment_id):
            self.banner.ok(self.tr("Exception cleared for {name}.")
                           .format(name=chosen[0].learner_name))

    @Slot()
    def on_revoke_clicked(self) -> None:
        chosen = self.selected_rows()
        info = chosen[0].certificate if len(chosen) == 1 else None
        if info is None or not widgets.confirm(
                self, self.tr("Revoke certificate"),
                self.tr("Revoke certificate {serial} of {name}? It will verify as revoked. "
                        "While the learner still meets the rule, a replacement with a new "
                        "serial can be issued.")
                .format(serial=info.serial, name=chosen[0].learner_name)):
            return
        reason = widgets.ask_text(self, self.tr("Revoke certificate"),
                                  self.tr("Why is it revoked? (for example: issued in error)"))
        if reason is not None and self._act(certificate_actions.revoke,
                                              info.certificate_id, reason):
            message = self.tr("Certificate {serial} revoked.").format(serial=info.serial)
            status = self.publish_row.status
            if status is not None and status.needs_export:
                message += " " + self.tr("Export the verification page again and upload it, "
                                         "so phones read it as revoked.")
            self.banner.ok(message)

    @Slot()
    def on_finish_clicked(self) -> None:
        course, progress = self.current_course(), self.progress
        if course is None or progress is None:
            return
        if progress.finished_at is not None:
            if widgets.confirm(self, self.tr("Reopen course"), self.tr(
                    "Take back the 'finished' mark of {code}? Certificates then wait for its "
                    "last planned lesson again.").format(code=course.code)) and \
                    self._act(certificate_actions.reopen, course.id):
                self.banner.ok(self.tr("{code} is running again.").format(code=course.code))
            return
        if widgets.confirm(self, self.tr("Mark course finished"), self.tr(
                "Mark {code} finished after {held} of {planned} lessons? Certificates are then "
                "issued to those who attended enough of the {held} lessons held.").format(
                    code=course.code, held=progress.held, planned=progress.planned)) and \
                self._act(certificate_actions.mark_finished, course.id):
            self.banner.ok(self.tr("{code} is marked finished: certificates can be issued.")
                           .format(code=course.code))

    @Slot()
    def on_design_clicked(self) -> None:
        if CertificateDesignDialog.ask(self, self.context) is not None:
            self.banner.ok(self.tr("Certificate design saved."))

    @Slot()
    def on_key_clicked(self) -> None:
        try:
            path = export_public_key(self, self.context)
        except DomainError as error:
            self.banner.error(describe(error))
            return
        except OSError as error:
            self.banner.error(self.tr("Could not write the key: {reason}").format(
                reason=error.strerror or error))
            return
        if path is not None:
            self.banner.ok(self.tr("Public key saved to {path}. Publish it: with it anyone can "
                                   "check your certificates offline.").format(path=path))

    def answer_scan(self, text: str) -> bool:
        """A certificate scanned anywhere on this page is checked here; a learner
        card goes on to the check-in page."""
        if route(text) is not ScanKind.CERTIFICATE:
            return False
        self.verify_box.check(text)
        return True

    @Slot(object)
    def on_verify_box_verified(self, result: Verification | None) -> None:
        # Point at the learner's row when the certificate is of the course on show.
        if result is None or result.certificate_id is None:
            return
        for index, row in enumerate(self.rows):
            if row.certificate and row.certificate.certificate_id == result.certificate_id:
                self.table.selectRow(index)
                return

