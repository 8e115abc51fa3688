"""Reports' actions: the dashboard, the funder report, attendance, call lists,
follow-up. Reading figures needs any signed-in role; full phone numbers on a
call list are the export's rule (an administrator's)."""

from __future__ import annotations

from frontdesk.actions import action
from frontdesk.reports import at_risk, attendance_grid, dashboard, followup, funder, term
from frontdesk.roster import no_shows
from frontdesk.staff.roles import Action

VIEW = Action.REPORTS_VIEW

dashboard_figures = action(VIEW, write=False)(dashboard.dashboard)
current_term = action(VIEW, write=False)(dashboard.current_term)
tonight_summary = action(VIEW, write=False)(dashboard.tonight_summary)
fees_today = action(VIEW, write=False)(dashboard.fees_today)
waiting_lists = action(VIEW, write=False)(dashboard.waiting_lists)
term_figures = action(VIEW, write=False)(term.term_figures)
funder_report = action(VIEW, write=False)(funder.funder_report)
course_grid = action(VIEW, write=False)(attendance_grid.course_grid)
learner_history = action(VIEW, write=False)(attendance_grid.learner_history)
lesson_sheet = action(VIEW, write=False)(attendance_grid.lesson_sheet)
at_risk_list = action(VIEW, write=False)(at_risk.at_risk)
no_show_list = action(VIEW, write=False)(no_shows.no_shows)
followups_due = action(VIEW, write=False)(followup.followups_due)
learner_followups = action(VIEW, write=False)(followup.learner_followups)
outcome_counts = action(VIEW, write=False)(followup.outcome_counts)
record_followup = action(Action.FOLLOWUP)(followup.record_followup)
