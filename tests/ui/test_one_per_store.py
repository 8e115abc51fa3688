"""One FrontDesk per store on a desk: a second start hands over to the first."""

from __future__ import annotations

from ui.shell.one_per_store import DeskInstance, instance_key


def test_a_second_start_on_the_same_store_brings_the_first_to_the_front(qtbot, store, tmp_path):
    from frontdesk.store.engine import open_store

    key = instance_key(store)
    first = DeskInstance.claim(key)
    assert first is not None
    try:
        with qtbot.waitSignal(first.come_to_front, timeout=3000):
            assert DeskInstance.claim(key) is None  # the second start ends here
        other = open_store(tmp_path / "other.sqlite3")
        try:
            elsewhere = DeskInstance.claim(instance_key(other))  # another store: its own
            assert elsewhere is not None
            elsewhere.close()
        finally:
            other.dispose()
    finally:
        first.close()
    again = DeskInstance.claim(key)  # once the first has ended, a start goes ahead
    assert again is not None
    again.close()
