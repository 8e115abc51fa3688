"""One door desk in a process of its own, for the server-outage test.

    python offline_desk_child.py STORE_URL FOLDER DESK

Reads one command a line on stdin and answers each with one JSON line:

* ``scan TOKEN``: the desk answers the scan (online through the store, or
  offline from its snapshot) at the real clock; the answer names the
  outcome, the time used, whether it was offline and how long it took;
* ``sync``: try the store now; upload the outbox when it answers;
* ``quit``.

Before each scan an offline desk tries the store again (every few seconds,
as the window does) and an online one refreshes its snapshot when a minute
old. This runs outside pytest: it imports only the standard library and
FrontDesk.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

from frontdesk.checkin.door import DoorDesk
from frontdesk.staff.actor import Actor


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def main() -> int:
    url, folder, name = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    desk = DoorDesk.open(url, folder)
    actor = Actor(desk=name)
    if desk.online:
        desk.refresh(actor, now())
    print(json.dumps({"ready": True, "online": desk.online, "pending": desk.pending()}),
          flush=True)
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "quit":
            break
        if command == "sync":
            online = desk.reconnect(actor, now(), force=True)
            print(json.dumps({"online": online, "pending": desk.pending(),
                              "differences": len(desk.differences)}), flush=True)
            continue
        if desk.online:
            desk.refresh(actor, now())
        else:
            desk.reconnect(actor, now())
        at = now()
        started = time.perf_counter()
        result = desk.scan(actor, argument, at)
        took = time.perf_counter() - started
        print(json.dumps({"outcome": result.outcome.value, "offline": result.offline,
                          "learner_id": result.learner_id, "at": at.isoformat(),
                          "seconds": took, "pending": desk.pending()}), flush=True)
    desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
