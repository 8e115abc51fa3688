"""The reports' codes in the desk's words: tiers, outcomes, risks, marks, figures.

Shared by the dashboard, the reports page and the follow-up list, so a
figure is called the same everywhere and formatted the same way (the test
that the dashboard and the funder report agree compares what is shown).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.reports.at_risk import Risk
from frontdesk.reports.attendance_grid import Mark
from frontdesk.reports.followup import OutcomeCounts
from frontdesk.reports.term import Totals
from frontdesk.vocab import LateEntryReason, OutcomeKind
from ui.kit.widgets import money

_OUTCOMES = {
    OutcomeKind.JOB: QT_TRANSLATE_NOOP("Reports", "Found a job"),
    OutcomeKind.BUSINESS: QT_TRANSLATE_NOOP("Reports", "Started a business"),
    OutcomeKind.STUDY: QT_TRANSLATE_NOOP("Reports", "Further study"),
    OutcomeKind.NO_CHANGE: QT_TRANSLATE_NOOP("Reports", "No change"),
    OutcomeKind.UNREACHABLE: QT_TRANSLATE_NOOP("Reports", "Not reachable"),
}
_RISKS = {Risk.CANNOT_REACH: QT_TRANSLATE_NOOP("Reports", "cannot reach it"),
          Risk.ONLY_JUST: QT_TRANSLATE_NOOP("Reports", "only just")}
_MARKS = {Mark.PRESENT: QT_TRANSLATE_NOOP("Reports", "present"),
          Mark.LATE: QT_TRANSLATE_NOOP("Reports", "late"),
          Mark.EXCUSED: QT_TRANSLATE_NOOP("Reports", "excused"),
          Mark.ABSENT: QT_TRANSLATE_NOOP("Reports", "absent")}
_LATE_REASONS = {LateEntryReason.PAPER_SHEET: QT_TRANSLATE_NOOP("Reports", "paper sign-in sheet"),
                 LateEntryReason.DESK_OUTAGE: QT_TRANSLATE_NOOP("Reports", "the desk was down")}
MARK_COLOURS = {Mark.PRESENT: "#c8ecd3", Mark.LATE: "#fde9b8", Mark.EXCUSED: "#d6e6f7",
                Mark.ABSENT: "#f7c6c0"}


translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Reports", text)


def outcome_text(kind: OutcomeKind) -> str:
    return _tr(str(_OUTCOMES[kind]))


def risk_text(risk: Risk) -> str:
    return _tr(str(_RISKS[risk]))


def mark_text(mark: Mark) -> str:
    return _tr(str(_MARKS[mark]))


def late_reason_text(reason: str) -> str:
    """A late entry's reason: a usual one in the desk's words, else as typed."""
    known = _LATE_REASONS.get(reason)  # type: ignore[call-overload]
    return _tr(str(known)) if known else reason


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def hours_text(minutes: int) -> str:
    return f"{minutes / 60:,.1f}"


def outcome_line(outcomes: OutcomeCounts) -> str:
    return " · ".join(f"{outcome_text(k)} {outcomes.count(k)}" for k in OutcomeKind)


@dataclass(frozen=True)
class Figure:
    """One headline figure: a stable key (for tests), its caption and its value."""

    key: str
    caption: str
    value: str


def headline_figures(totals: Totals) -> list[Figure]:
    """The figures both the dashboard and the funder report show for a range."""
    t, outcomes = totals, totals.outcomes
    return [
        Figure("courses", translate("Reports", "Courses held"), f"{t.courses:,}"),
        Figure("lessons", translate("Reports", "Lessons held"), f"{t.lessons:,}"),
        Figure("enrollments", translate("Reports", "Enrollments"), f"{t.enrollments:,}"),
        Figure("learners", translate("Reports", "Learners enrolled"), f"{t.learners:,}"),
        Figure("attended", translate("Reports", "Attendances"), f"{t.attended:,}"),
        Figure("hours", translate("Reports", "Learner-hours"), hours_text(t.learner_minutes)),
        Figure("subsidy", translate("Reports", "Subsidy (inclusive courses)"),
               money(t.subsidy_fen)),
        Figure("certificates", translate("Reports", "Certificates issued"),
               f"{t.certificates:,}"),
        Figure("job_or_business", translate("Reports", "Found a job or started a business"),
               f"{outcomes.job_or_business:,}"),
        Figure("followed_up", translate("Reports", "Learners followed up"),
               f"{outcomes.learners:,}"),
    ]


__all__ = ["MARK_COLOURS", "Figure", "headline_figures", "hours_text", "mark_text",
           "outcome_line", "outcome_text", "percent", "risk_text"]
