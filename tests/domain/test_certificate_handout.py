"""A serial is spent only when the paper is made; the CLI and the windows share the rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from frontdesk.certificates.design import style_for
from frontdesk.certificates.handout import (
    CertificateBatch,
    SerialsTaken,
    commit_batch,
    hand_out,
    prepare_batch,
)
from frontdesk.certificates.issue import issue_certificates
from frontdesk.cli import main
from frontdesk.documents.certificate_staging import Staged, stage_certificates
from frontdesk.errors import DomainError
from frontdesk.store.engine import Store
from frontdesk.store.models import AuditEvent, Certificate, Counter
from tests.domain.test_eligibility import ADMIN, School


@pytest.fixture
def school(store: Store, now: dt.datetime) -> School:
    school = School(store, now).course(held=8)
    for name in ("张伟", "李娜", "王芳"):
        school.learner(name, attended=8)
    school.learner("赵敏", attended=3)
    return school


def _spent(store: Store) -> tuple[int, int]:
    with store.read() as s:
        counter = s.get(Counter, "certificate:2026")
        return (s.scalar(select(func.count()).select_from(Certificate)) or 0,
                counter.value if counter else 0)


def test_prepare_spends_nothing_and_commit_takes_the_serials_drawn(school: School) -> None:
    with school.store.write() as s:
        batch = prepare_batch(s, school.course_id, None, school.now)
    assert [c.serial for c in batch.contents] == ["SB-2026-0001", "SB-2026-0002",
                                                   "SB-2026-0003"]
    assert _spent(school.store) == (0, 0)
    with school.store.write() as s:
        issued = commit_batch(s, batch, ADMIN, school.now)
    assert [c.serial for c in issued] == ["SB-2026-0001", "SB-2026-0002", "SB-2026-0003"]
    assert _spent(school.store) == (3, 3)
    rows = school.rows()
    assert rows["李娜"].certificate is not None and rows["李娜"].certificate.print_count == 1


def test_another_desk_issuing_meanwhile_means_drawing_again(school: School,
                                                            store: Store) -> None:
    with store.write() as s:
        batch = prepare_batch(s, school.course_id, [school.enrollments["张伟"]], school.now)
    other = School(store, school.now).course(held=2, title="AI+营销获客")
    other.learner("钱多多", attended=2)
    with store.write() as s:
        issue_certificates(s, other.course_id, None, ADMIN, school.now)
    with pytest.raises(SerialsTaken), store.write() as s:
        commit_batch(s, batch, ADMIN, school.now)
    assert _spent(store) == (1, 1)  # only the other desk's


def test_hand_out_draws_again_when_serials_were_taken(school: School, store: Store) -> None:
    other = School(store, school.now).course(held=2, title="AI+营销获客")
    other.learner("钱多多", attended=2)
    drawn: list[list[str]] = []

    def draw(batch: CertificateBatch) -> list[str]:
        drawn.append([c.serial for c in batch.contents])
        if len(drawn) == 1:  # another desk issues while the first drawing is made
            with store.write() as s:
                issue_certificates(s, other.course_id, None, ADMIN, school.now)
        return drawn[-1]

    issued, serials = hand_out(store, school.course_id, None, ADMIN, lambda: school.now, draw)
    assert drawn[0][0] == "SB-2026-0001" and serials[0] == "SB-2026-0002"
    assert [c.serial for c in issued] == serials


def test_a_failed_or_cancelled_drawing_spends_nothing(school: School, store: Store,
                                                      tmp_path: Path) -> None:
    def broken(batch: CertificateBatch) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        hand_out(store, school.course_id, None, ADMIN, lambda: school.now, broken)
    assert _spent(store) == (0, 0)
    with store.write() as s:
        batch = prepare_batch(s, school.course_id, None, school.now)
        style = style_for(s)
    target = tmp_path / "out" / "证书.pdf"
    staged = stage_certificates(target, batch.contents, style, per_learner=False,
                                cancel=lambda: True)
    assert staged.cancelled and not target.exists()
    assert list((tmp_path / "out").iterdir()) == []  # no staging folder left behind
    assert _spent(store) == (0, 0)


def test_files_appear_only_once_issued(school: School, store: Store, tmp_path: Path) -> None:
    with store.read() as s:
        style = style_for(s)
    folder = tmp_path / "证书"
    seen: list[bool] = []

    def draw(batch: CertificateBatch) -> Staged:
        staged = stage_certificates(folder, batch.contents, style, per_learner=True)
        seen.append(any(p.suffix == ".pdf" for p in folder.iterdir()))
        return staged

    issued, staged = hand_out(store, school.course_id, None, ADMIN, lambda: school.now, draw)
    files = staged.publish()
    assert seen == [False] and len(files) == 3
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in files)
    assert files[0].name.startswith("SB-2026-000")
    assert len(issued) == 3


# Command line ----------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], store: Store, *args: str) -> tuple[int, str]:
    code = main(["--db", str(store.sqlite_path), "--lang", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_cli_half_way_shows_standing_and_refuses(store: Store, now: dt.datetime, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    school = School(store, now).course(held=9, upcoming=7)
    school.learner("张伟", attended=8)
    at = now.isoformat()
    code, text = run(capsys, store, "certificates", "--course", "C0001", "--at", at)
    assert code == 0
    assert "On track: 8 of 9 so far, 16 planned; needs 13." in text
    assert "0 of 1 learners have earned a certificate." in text
    pdf = tmp_path / "c.pdf"
    code, text = run(capsys, store, "certificates", "--course", "C0001", "--all-eligible",
                     "--out", str(pdf), "--at", at)
    assert code != 0 and not pdf.exists()
    assert "The course is still running (9 of 16 lessons held)" in text
    code, text = run(capsys, store, "certificates", "--course", "C0001", "--learner",
                     _code(school, "张伟"), "--out", str(pdf), "--at", at)
    assert code != 0 and "张伟: the course is still running" in text
    assert _spent(store) == (0, 0)
    code, text = run(capsys, store, "certificates", "--course", "C0001", "--all-eligible")
    assert code != 0 and "--out" in text
    # An admin marks it finished: judged over the 9 held, 8 needed.
    code, text = run(capsys, store, "finish-course", "--course", "C0001")
    assert code == 0 and "C0001 is marked finished after" in text
    code, text = run(capsys, store, "certificates", "--course", "C0001", "--all-eligible",
                     "--out", str(pdf), "--at", at)
    assert code == 0 and pdf.exists() and "issued SB-2026-0001" in text
    with store.read() as s:
        actions = s.scalars(select(AuditEvent.action)).all()
    assert "course.finished" in actions and "certificate.issue" in actions


def test_cli_refuses_a_name_no_font_draws_before_spending(school: School) -> None:
    with pytest.raises(DomainError), school.store.write() as s:
        prepare_batch(s, school.course_id, None, school.now, unprintable=lambda text: "张"
                      if "张" in text else "")
    assert _spent(school.store) == (0, 0)


def _code(school: School, name: str) -> str:
    from frontdesk.store.models import Learner

    with school.store.read() as s:
        learner = s.get(Learner, school.learners[name])
        assert learner is not None
        return learner.code
