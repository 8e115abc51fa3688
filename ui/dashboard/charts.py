"""The dashboard's charts, as ChartData built from the domain's term figures.

Pure functions of :class:`frontdesk.reports.term.TermFigures` (no query):
the page rebuilds a chart from what it already holds when the desk picks
another course, and tests read the values the chart shows.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from frontdesk.reports.term import CourseFigures, TermFigures
from frontdesk.vocab import FeeTier, OutcomeKind
from ui.kit.charts import ChartData, Series
from ui.kit.terms import tier_text
from ui.reports.words import outcome_text

MAX_COURSE_BARS = 60  # past that the chart is a wall; the note says how many are left out


translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal")


def week_label(monday: dt.date) -> str:
    return f"{monday:%m/%d}"


def course_label(course: CourseFigures) -> str:
    return f"{course.code} {course.title}"


def attendance_chart(figures: TermFigures, course_id: int | None = None) -> ChartData:
    """Attendance rate week by week: the whole school, or one course."""
    weeks = [w.week_start for w in figures.weeks]
    if course_id is None:
        rates = {w.week_start: w.rate for w in figures.weeks}
        name = translate("Dashboard", "Whole school")
        title = translate("Dashboard", "Attendance rate by week: whole school")
    else:
        course = next(c for c in figures.courses if c.course_id == course_id)
        rates = {w.week_start: w.rate for w in course.weeks}
        name = course_label(course)
        title = translate("Dashboard", "Attendance rate by week: {course}").format(
            course=course.title)
    return ChartData("line", title, tuple(week_label(w) for w in weeks),
                     (Series(name, tuple(rates.get(w) for w in weeks)),), percent=True)


def capacity_chart(figures: TermFigures) -> ChartData:
    """Seats taken, seats free and the waiting list of each course, against capacity."""
    courses = list(figures.courses)[:MAX_COURSE_BARS]
    note = ""
    if len(figures.courses) > len(courses):
        note = translate("Dashboard", "the first {shown} of {total} courses, by code").format(
            shown=len(courses), total=len(figures.courses))
    # Horizontal bars are drawn bottom-up: reversed, the first course is on top.
    courses.reverse()
    seated = tuple(float(min(c.seated, c.capacity)) for c in courses)
    free = tuple(float(max(0, c.capacity - c.seated)) for c in courses)
    waiting = tuple(float(c.waitlisted) for c in courses)
    return ChartData(
        "hbar", translate("Dashboard", "Enrollments against capacity"),
        tuple(course_label(c) for c in courses),
        (Series(translate("Dashboard", "Enrolled"), seated, "#2e86c1"),
         Series(translate("Dashboard", "Free seats"), free, "#abebc6"),
         Series(translate("Dashboard", "Waiting list"), waiting, "#f39c12")),
        note=note)


def tier_charts(figures: TermFigures) -> tuple[ChartData, ChartData]:
    """Free and inclusive: their share of the courses held and of the learners."""
    tiers = tuple(FeeTier)
    names = tuple(tier_text(t) for t in tiers)
    courses = tuple(float(figures.tier(t).courses) for t in tiers)
    learners = tuple(float(figures.tier(t).learners) for t in tiers)
    return (
        ChartData("pie", translate("Dashboard", "Courses held: free and inclusive"), names,
                  (Series(translate("Dashboard", "Courses"), courses),)),
        ChartData("pie", translate("Dashboard", "Learners: free and inclusive"), names,
                  (Series(translate("Dashboard", "Learners"), learners),)),
    )


def outcomes_chart(figures: TermFigures) -> ChartData:
    """Learners by the outcome of their latest follow-up call in the range."""
    outcomes = figures.totals.outcomes
    kinds = tuple(reversed(OutcomeKind))  # bars are drawn bottom-up: a job on top
    counts = tuple(float(outcomes.count(k)) for k in kinds)
    return ChartData("hbar", translate("Dashboard", "Follow-up outcomes"),
                     tuple(outcome_text(k) for k in kinds),
                     (Series(translate("Dashboard", "Learners"), counts, "#8e44ad"),))


def capacity_chart_height(figures: TermFigures) -> int:
    """Pixels the capacity chart needs to keep each course's bar readable."""
    return 140 + 26 * min(len(figures.courses), MAX_COURSE_BARS)


def attendance_rate(figures: TermFigures) -> float | None:
    """Attended / expected over the courses held (the school's rate for the range)."""
    expected = sum(c.expected for c in figures.held_courses)
    return figures.totals.attended / expected if expected else None


__all__ = ["MAX_COURSE_BARS", "attendance_chart", "attendance_rate", "capacity_chart",
           "capacity_chart_height", "outcomes_chart", "tier_charts", "week_label"]
