"""The staff page (admins): accounts and roles, passwords, disabling, this desk's lock.

Every change is one domain call, refused there for a role that may not
make it; the page is shown only to roles that may (``Action.STAFF``).
Before the school has any account the page offers to create the first
administrator instead. The lock settings belong to this computer
(QSettings), not to the school, and take effect within a minute.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.staff import accounts as staff_domain
from frontdesk.staff import actions as staff_actions
from frontdesk.staff import roles
from frontdesk.staff.accounts import StaffRow
from frontdesk.vocab import StaffRole
from ui.kit import widgets
from ui.kit.context import DeskContext
from ui.kit.desk_preferences import lock_minutes, save_desk_preferences, scan_while_locked
from ui.kit.form import FormDialog
from ui.kit.icons import icon
from ui.kit.page import Page
from ui.kit.rows_model import Column, RowsModel
from ui.kit.widgets import Banner
from ui.kit.words import describe
from ui.shell.sign_in import password_edit, role_text, same_password


def role_box(current: StaffRole = StaffRole.DESK) -> QComboBox:
    box = QComboBox()
    box.setObjectName("role")
    for role in StaffRole:
        box.addItem(role_text(role), role.value)
    box.setCurrentIndex(box.findData(current.value))
    return box


class AddStaffDialog(FormDialog[tuple[str, str, str, str], StaffRow]):
    def __init__(self, parent: QWidget | None, context: DeskContext) -> None:
        self.context = context
        super().__init__(parent, self._add)
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("username")
        self.username_edit.setMaxLength(staff_domain.MAX_USERNAME)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("display_name")
        self.role_box = role_box()
        self.password_edit, self.repeat_edit = password_edit(), password_edit()
        for widget in (self.username_edit, self.name_edit, self.role_box, self.password_edit,
                       self.repeat_edit):
            self.add_row(widget)
        self.setWindowTitle(self.tr("New staff account"))
        self.set_labels(self.tr("User name:"), self.tr("Full name:"), self.tr("Role:"),
                        self.tr("Password:"), self.tr("Password again:"))

    def value(self) -> tuple[str, str, str, str]:
        return (self.username_edit.text(), self.clean_name_field(self.name_edit),
                self.role_box.currentData(),
                same_password(self.password_edit, self.repeat_edit))

    def _add(self, value: tuple[str, str, str, str]) -> StaffRow:
        ctx = self.context
        return ctx.act(staff_actions.add_staff, *value, ctx.now())

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext) -> StaffRow | None:
        result: StaffRow | None = cls.run(cls(parent, context))
        return result


class ResetPasswordDialog(FormDialog[str, StaffRow]):
    def __init__(self, parent: QWidget | None, context: DeskContext, row: StaffRow) -> None:
        self.context, self.row = context, row
        super().__init__(parent, self._reset)
        self.password_edit, self.repeat_edit = password_edit(), password_edit()
        self.add_row(self.password_edit)
        self.add_row(self.repeat_edit)
        self.setWindowTitle(self.tr("New password for {name}").format(name=row.display_name))
        self.set_labels(self.tr("New password:"), self.tr("Password again:"))

    def value(self) -> str:
        return same_password(self.password_edit, self.repeat_edit)

    def _reset(self, password: str) -> StaffRow:
        ctx = self.context
        return ctx.act(staff_actions.reset_password, self.row.id, password, ctx.now())

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext, row: StaffRow) -> StaffRow | None:
        result: StaffRow | None = cls.run(cls(parent, context, row))
        return result


class RoleDialog(FormDialog[str, StaffRow]):
    def __init__(self, parent: QWidget | None, context: DeskContext, row: StaffRow) -> None:
        self.context, self.row = context, row
        super().__init__(parent, self._set)
        self.role_box = role_box(row.role)
        self.add_row(self.role_box)
        self.setWindowTitle(self.tr("Role of {name}").format(name=row.display_name))
        self.set_labels(self.tr("Role:"))

    def value(self) -> str:
        return str(self.role_box.currentData())

    def _set(self, role: str) -> StaffRow:
        ctx = self.context
        return ctx.act(staff_actions.set_role, self.row.id, role, ctx.now())

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext, row: StaffRow) -> StaffRow | None:
        result: StaffRow | None = cls.run(cls(parent, context, row))
        return result


class StaffPage(Page):
    icon_name = "staff"
    TITLE = QT_TRANSLATE_NOOP("Page", "Staff")
    first_admin_requested = Signal()

    @classmethod
    def allowed(cls, role: StaffRole | None) -> bool:
        return roles.allowed(role, roles.Action.STAFF)

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.tz = context.settings().tz()
        self._init_table()
        self._init_buttons()
        self._init_desk_box()
        self._init_layout()
        self.retranslate_ui()
        self.refresh()

    def _init_table(self) -> None:
        self.model: RowsModel[StaffRow] = RowsModel([
            Column(lambda: self.tr("User name"), lambda r: r.username),
            Column(lambda: self.tr("Name"), lambda r: r.display_name),
            Column(lambda: self.tr("Role"), lambda r: role_text(r.role)),
            Column(lambda: self.tr("State"), self.state_text),
            Column(lambda: self.tr("Since"),
                   lambda r: f"{r.created_at.astimezone(self.tz):%Y-%m-%d}"),
        ], tint=lambda r: "#8a8f98" if r.disabled else None)
        self.table = QTableView()
        self.table.setObjectName("staff")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((130, 160, 110, 200)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)

    def _init_buttons(self) -> None:
        def button(name: str, icon_name: str | None) -> QPushButton:
            b = QPushButton(icon(icon_name), "") if icon_name else QPushButton()
            b.setObjectName(name)
            return b

        self.add_button = button("add_staff", "add")
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.reset_button = button("reset_password", None)
        self.reset_button.clicked.connect(self.on_reset_button_clicked)
        self.role_button = button("set_role", None)
        self.role_button.clicked.connect(self.on_role_button_clicked)
        self.disable_button = button("disable", "withdraw")
        self.disable_button.clicked.connect(self.on_disable_button_clicked)
        self.enable_button = button("enable", None)
        self.enable_button.clicked.connect(self.on_enable_button_clicked)
        self.first_admin_button = button("first_admin", "add")
        self.first_admin_button.clicked.connect(self.first_admin_requested)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.banner = Banner()

    def _init_desk_box(self) -> None:
        self.desk_box = QGroupBox()
        self.lock_spin = QSpinBox()
        self.lock_spin.setObjectName("lock_minutes")
        self.lock_spin.setRange(0, 240)
        self.scan_check = QCheckBox()
        self.scan_check.setObjectName("scan_while_locked")
        self.lock_spin.setValue(round(lock_minutes()))
        self.scan_check.setChecked(scan_while_locked())
        self.lock_spin.valueChanged.connect(self.on_desk_preferences_changed)
        self.scan_check.toggled.connect(self.on_desk_preferences_changed)
        self.lock_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.lock_label)
        row.addWidget(self.lock_spin)
        row.addStretch(1)
        box = QVBoxLayout(self.desk_box)
        box.addLayout(row)
        box.addWidget(self.scan_check)

    def _init_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.empty_label, 1)
        top.addWidget(self.first_admin_button)
        for b in (self.add_button, self.reset_button, self.role_button, self.disable_button,
                  self.enable_button):
            top.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.desk_box)

    def retranslate_ui(self) -> None:
        self.add_button.setText(self.tr("New account…"))
        self.reset_button.setText(self.tr("Reset password…"))
        self.role_button.setText(self.tr("Change role…"))
        self.disable_button.setText(self.tr("Disable"))
        self.enable_button.setText(self.tr("Enable"))
        self.first_admin_button.setText(self.tr("Create the first administrator…"))
        self.desk_box.setTitle(self.tr("This desk ({desk})").format(desk=self.context.desk))
        self.lock_label.setText(self.tr("Lock the screen after this many minutes without use "
                                        "(0: never):"))
        self.scan_check.setText(self.tr("While locked, still answer learner card scans"))
        self.model.retranslate()
        self._update_buttons()

    def state_text(self, row: StaffRow) -> str:
        if row.disabled:
            return self.tr("Disabled")
        now = self.context.now()
        if row.locked(now) and row.locked_until is not None:
            until = row.locked_until.astimezone(self.tz)
            return self.tr("Locked out until {time}").format(time=f"{until:%H:%M}")
        if row.failed_attempts:
            return self.tr("Active ({n} wrong passwords)").format(n=row.failed_attempts)
        return self.tr("Active")

    # -- data ----------------------------------------------------------------------

    def refresh(self) -> None:
        chosen = self.current()
        self.model.set_rows(self.context.act(staff_actions.list_staff))
        if chosen is not None:
            for index, row in enumerate(self.model.rows):
                if row.id == chosen.id:
                    self.table.selectRow(index)
        self._update_buttons()

    def activate(self) -> None:
        self.refresh()

    def settings_changed(self) -> None:
        self.tz = self.context.settings().tz()
        self.refresh()

    def current(self) -> StaffRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        empty = not self.model.rows
        self.empty_label.setText(self.tr(
            "No staff accounts yet: everyone at this desk may do everything. Create the first "
            "administrator to make staff sign in.") if empty else "")
        self.first_admin_button.setVisible(empty)
        self.add_button.setVisible(not empty)
        row = self.current()
        me = row is not None and row.id == self.context.staff_id
        self.reset_button.setEnabled(row is not None)
        self.role_button.setEnabled(row is not None and not me)
        self.disable_button.setEnabled(row is not None and not row.disabled and not me)
        self.enable_button.setEnabled(row is not None and row.disabled)

    # -- slots ---------------------------------------------------------------------

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _a: QItemSelection, _b: QItemSelection) -> None:
        self._update_buttons()

    @Slot()
    def on_add_button_clicked(self) -> None:
        row = AddStaffDialog.ask(self, self.context)
        if row is not None:
            self.refresh()
            self.banner.ok(self.tr("Account {username} added.").format(username=row.username))

    @Slot()
    def on_reset_button_clicked(self) -> None:
        row = self.current()
        if row is not None and ResetPasswordDialog.ask(self, self.context, row) is not None:
            self.refresh()
            self.banner.ok(self.tr("New password set for {name}; tell them in person.").format(
                name=row.display_name))

    @Slot()
    def on_role_button_clicked(self) -> None:
        row = self.current()
        if row is not None and RoleDialog.ask(self, self.context, row) is not None:
            self.refresh()

    @Slot()
    def on_disable_button_clicked(self) -> None:
        row = self.current()
        if row is None or not widgets.confirm(self, self.tr("Disable account"), self.tr(
                "Disable the account of {name}? They can no longer sign in; what they did "
                "stays in the records.").format(name=row.display_name)):
            return
        self._change(staff_actions.disable_staff, row)

    @Slot()
    def on_enable_button_clicked(self) -> None:
        row = self.current()
        if row is not None:
            self._change(staff_actions.enable_staff, row)

    def _change(self, action: Callable[..., object], row: StaffRow) -> None:
        ctx = self.context
        try:
            ctx.act(action, row.id, ctx.now())
        except DomainError as error:
            self.banner.error(describe(error))
            return
        self.refresh()

    @Slot()
    def on_desk_preferences_changed(self) -> None:
        save_desk_preferences(self.lock_spin.value(), self.scan_check.isChecked())

