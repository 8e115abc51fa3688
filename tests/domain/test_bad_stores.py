"""Stores that fail safe: every bad file gets words, never a traceback, never a write.

Each case runs the command line in-process, as a desk would from a shortcut
with a wrong --db; an exception escaping ``main`` fails the test as a
traceback would show on the desk.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from frontdesk.cli import main
from frontdesk.store.engine import StoreError, StoreProblem, open_store

PAGE = 4096


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(capsys, db: Path | str, *command: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    code = main(["--lang", "en", "--db", str(db), *command])
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    return code, text


def _siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def test_a_mistyped_path_is_no_store_and_makes_nothing(tmp_path, capsys):
    missing = tmp_path / "no-such-folder" / "school.sqlite3"
    code, text = _run(capsys, missing, "outstanding")
    assert code == 2 and f"No FrontDesk store at {missing}" in text
    assert not missing.parent.exists()
    typo = tmp_path / "schol.sqlite3"
    code, text = _run(capsys, typo, "pay", "--learner", "L1", "--course", "C1", "--amount",
                      "100", "--method", "cash")
    assert code == 2 and "No FrontDesk store at" in text and not typo.exists()


def test_a_zero_length_file_is_no_store_and_stays_empty(tmp_path, capsys):
    empty = tmp_path / "school.sqlite3"
    empty.touch()
    code, text = _run(capsys, empty, "outstanding")
    assert code == 2 and "No FrontDesk store at" in text
    assert empty.stat().st_size == 0 and _siblings(empty) == {"school.sqlite3"}


def test_init_and_demo_are_the_ways_to_make_a_store(tmp_path, capsys):
    new = tmp_path / "new" / "school.sqlite3"
    code, text = _run(capsys, new, "init")
    assert "Store ready" in text
    assert code == 0 and new.exists()
    assert _run(capsys, new, "outstanding")[0] == 0


def test_another_programs_database_is_refused_untouched(tmp_path, capsys):
    other = tmp_path / "photos.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, path TEXT)")
        conn.execute("INSERT INTO photo (path) VALUES ('a.jpg')")
    conn.close()
    before = _digest(other)
    code, text = _run(capsys, other, "outstanding")
    assert code == 2 and "This is not a FrontDesk store: photo" in text
    with pytest.raises(StoreError) as refused:
        open_store(other)
    assert refused.value.problem is StoreProblem.NOT_A_STORE
    assert _digest(other) == before  # header bytes 18, 19, 27, 95 too: no WAL set
    assert _siblings(other) == {"photos.db"}


def test_a_folder_given_as_the_store_or_the_backup(tmp_path, capsys, demo_store):
    code, text = _run(capsys, tmp_path, "outstanding")
    assert code == 2 and "This is not a FrontDesk store" in text
    path = demo_store.sqlite_path
    demo_store.dispose()
    code, text = _run(capsys, path, "restore", str(tmp_path), "--yes")
    assert code == 2 and str(tmp_path) in text


def test_a_truncated_copy_is_damaged_not_a_traceback(tmp_path, capsys, demo_store):
    path = demo_store.sqlite_path
    demo_store.dispose()
    cut = tmp_path / "cut.sqlite3"
    data = path.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    before = _digest(cut)
    for command in (["outstanding"], ["verify-store"], ["backup", "--to", str(tmp_path / "b")]):
        code, text = _run(capsys, cut, *command)
        assert code in (1, 2) and ("damaged" in text or "malformed" in text), text
    assert _digest(cut) == before


def test_pages_overwritten_after_opening_turn_into_the_same_words(tmp_path, capsys, demo_store):
    path = demo_store.sqlite_path
    with demo_store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    demo_store.dispose()
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    rng = random.Random(20)
    for n in rng.sample(range(2, pages), 20):
        data[n * PAGE:(n + 1) * PAGE] = rng.randbytes(PAGE)
    path.write_bytes(bytes(data))
    code, text = _run(capsys, path, "outstanding")
    assert code in (0, 2)
    if code == 2:
        assert "damaged" in text
    code, text = _run(capsys, path, "verify-store")
    assert code in (1, 2) and ("damaged" in text or "broken" in text or "changed" in text)


def test_restore_over_a_damaged_store_leaves_no_stray_wal(tmp_path, capsys, demo_store):
    path = demo_store.sqlite_path
    backups = tmp_path / "backups"
    assert _run(capsys, path, "backup", "--to", str(backups))[0] == 0
    [backup] = list(backups.iterdir())
    demo_store.dispose()
    data = bytearray(path.read_bytes())
    data[5 * PAGE:9 * PAGE] = b"\xa5" * (4 * PAGE)
    path.write_bytes(bytes(data))
    code, text = _run(capsys, path, "restore", str(backup), "--yes")
    assert code == 0 and "Restored" in text, text
    assert _run(capsys, path, "verify-store")[0] == 0  # the restored store is whole
    strays = [p.name for p in (*path.parent.iterdir(), *backups.iterdir())
              if p.name.endswith(("-wal", "-shm"))]
    assert strays == []


def test_fuzz_random_pages_never_a_traceback_never_a_write(tmp_path, capsys, demo_store):
    """200 stores with random pages overwritten: FrontDesk works or refuses in words."""
    pristine = demo_store.sqlite_path
    with demo_store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    demo_store.dispose()
    good = pristine.read_bytes()
    pages = len(good) // PAGE
    rng = random.Random(13)
    target = tmp_path / "fuzz.sqlite3"
    outcomes = {0: 0, 1: 0, 2: 0}
    for round_ in range(200):
        data = bytearray(good)
        # half the rounds: whole pages or their tails; half: a few bytes here and there
        for n in rng.sample(range(pages), rng.randint(1, 6)):
            start = n * PAGE + rng.randrange(PAGE)
            length = rng.randint(1, PAGE) if round_ % 2 else rng.randint(1, 8)
            data[start:start + length] = rng.randbytes(length)
        del data[len(good):]
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        target.write_bytes(bytes(data))
        before = _digest(target)
        command = ["verify-store"] if round_ % 10 == 0 else ["outstanding"]
        code, text = _run(capsys, target, *command)
        assert code in outcomes, (round_, code)
        if code == 2:
            assert text.strip(), round_  # refused with words
        assert _digest(target) == before, (round_, command, text[-300:])
        outcomes[code] += 1

    assert outcomes[2] > 0 and outcomes[0] > 0  # some damaged past use, some still fine
    shutil.rmtree(tmp_path, ignore_errors=True)
