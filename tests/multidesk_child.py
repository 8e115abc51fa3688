"""One desk in a process of its own, for the several-desks tests.

    python multidesk_child.py STORE_URL DESK JOB_FILE

JOB_FILE is JSON: ``{"at": ISO time, "ops": [op, ...]}``, each op one user
action (``checkin``, ``pay``, ``withdraw`` or ``enroll``). The desk opens the
store and prints ``ready``. Before each op it waits for a ``go`` line on
stdin, so that the test can release two desks at the same instant, op by op.
It runs the op as one domain call in its own write transaction and prints
one JSON line for it: what the call returned, once the commit has returned,
or the refusal's code, once the transaction has rolled back. Anything else
(a driver error, a deadlock) is not caught: the process exits non-zero with
the traceback on stderr.

This runs outside pytest: it imports only the standard library and FrontDesk.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any

from frontdesk.checkin.scan import CheckInContext, check_in
from frontdesk.errors import DomainError
from frontdesk.fees.ledger import take_payment
from frontdesk.roster.enrollment import enroll, withdraw
from frontdesk.settings import load_settings
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store, open_store

Op = dict[str, Any]


class Desk:
    def __init__(self, store: Store, actor: Actor, at: dt.datetime) -> None:
        self.store, self.actor, self.at = store, actor, at
        with store.read() as s:
            self.context = CheckInContext.load(s)
            self.ratio = load_settings(s).inclusive_ratio_pct

    def checkin(self, op: Op) -> dict[str, Any]:
        with self.store.write() as s:
            r = check_in(s, op["token"], self.at, self.actor, context=self.context)
        return {"outcome": r.outcome.value, "learner_id": r.learner_id,
                "lesson_id": r.lesson.lesson_id if r.lesson else None,
                "attendance_id": r.attendance_id}

    def pay(self, op: Op) -> dict[str, Any]:
        with self.store.write() as s:
            r = take_payment(s, op["enrollment_id"], op["amount_fen"], op["method"], self.actor,
                             self.at, reference=op.get("reference"))
        return {"entry_id": r.entry_id, "receipt_no": r.receipt_no,
                "balance_fen": r.balance.balance_fen}

    def withdraw(self, op: Op) -> dict[str, Any]:
        with self.store.write() as s:
            r = withdraw(s, op["enrollment_id"], self.actor, self.at)
        return {"promoted": r.promoted.enrollment_id if r.promoted else None}

    def enroll(self, op: Op) -> dict[str, Any]:
        with self.store.write() as s:
            r = enroll(s, op["learner_id"], op["course_id"], self.ratio, self.actor, self.at)
        return {"enrollment_id": r.enrollment_id, "status": r.status.value,
                "waitlist_position": r.waitlist_position}

    def run(self, op: Op) -> dict[str, Any]:
        action: Callable[[Op], dict[str, Any]] = getattr(self, op["op"])
        try:
            done = action(op)
        except DomainError as refused:  # rolled back: nothing was written
            return {**op, "ok": False, "code": refused.code}
        return {**op, "ok": True, **done}


def main(url: str, desk: str, job_file: str) -> int:
    with open(job_file, encoding="utf-8") as fh:
        job = json.load(fh)
    store = open_store(url)
    try:
        worker = Desk(store, Actor(desk=desk), dt.datetime.fromisoformat(job["at"]))
        print("ready", flush=True)
        for op in job["ops"]:
            if sys.stdin.readline().strip() != "go":
                return 2
            print(json.dumps(worker.run(op), ensure_ascii=False), flush=True)
    finally:
        store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
