"""Fees' actions: payments, refunds, waivers, corrections, receipts, the cash-up.

Every window and command that moves money goes through these (see
:mod:`frontdesk.actions`); the rules themselves live in :mod:`.ledger`,
:mod:`.balances`, :mod:`.cashup` and :mod:`.view`.
"""

from __future__ import annotations

from frontdesk.actions import action
from frontdesk.fees import balances, cashup, ledger, view
from frontdesk.staff.roles import Action

pay = action(Action.PAYMENT)(ledger.take_payment)
refund = action(Action.REFUND)(ledger.refund)
waive = action(Action.WAIVER)(ledger.waive)
correct = action(Action.ADJUSTMENT)(ledger.adjust)
reprint_receipt = action(Action.PAYMENT)(view.reprint_receipt)
"""Number a reprint (副本) of a receipt and hand back what it prints."""
receipt = action(Action.PAYMENT, write=False)(view.receipt_data)
refundable = action(Action.REFUND, write=False)(ledger.refundable_fen)

learner_fees = action(Action.PAYMENT, write=False)(view.learner_fees)
enrollment_fees = action(Action.PAYMENT, write=False)(view.enrollment_fees)
find_enrollment = action(Action.PAYMENT, write=False)(view.find_enrollment)
balance = action(Action.PAYMENT, write=False)(balances.balance)
outstanding = action(Action.ROSTER_VIEW, write=False)(view.outstanding)
"""Who still owes (a seated enrollment with a balance), with whom to call."""
charging_courses = action(Action.ROSTER_VIEW, write=False)(view.charging_courses)
"""The courses "who still owes" can be narrowed to."""

cashup_report = action(Action.PAYMENT, write=False)(cashup.cashup_report)
cashup_desks = action(Action.PAYMENT, write=False)(cashup.desks_for_day)
closings = action(Action.PAYMENT, write=False)(cashup.closings)
close_day = action(Action.CASHUP)(cashup.close_day)
"""Close a desk's (or the school's) day: the counted drawer against the ledger."""
