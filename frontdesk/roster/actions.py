"""Roster and courses' actions: learners, instructors, courses, lessons,
enrollment and the waiting list, import and export, searching."""

from __future__ import annotations

from frontdesk.actions import action
from frontdesk.roster import (
    course_lookup,
    courses,
    enrollment,
    export,
    importer,
    learners,
    lookup,
    no_shows,
    search,
)
from frontdesk.staff.roles import Action

# learners and instructors
add_learner = action(Action.LEARNER_EDIT)(learners.add_learner)
update_learner = action(Action.LEARNER_EDIT)(learners.update_learner)
get_learner = action(Action.ROSTER_VIEW, write=False)(learners.get_learner)
learner_by_code = action(Action.ROSTER_VIEW, write=False)(learners.learner_by_code)
learner_id_by_code = action(Action.ROSTER_VIEW, write=False)(learners.learner_id_by_code)
"""The id of the learner with this card code; refuses ``learner_not_found``."""
learner_for_card = action(Action.ROSTER_VIEW, write=False)(lookup.learner_for_card)
find_duplicate = action(Action.ROSTER_VIEW, write=False)(learners.find_duplicate)
search_learners = action(Action.ROSTER_VIEW, write=False)(search.search_learners)
count_learners = action(Action.ROSTER_VIEW, write=False)(search.count_learners)
add_instructor = action(Action.INSTRUCTOR_EDIT)(learners.add_instructor)
update_instructor = action(Action.INSTRUCTOR_EDIT)(learners.update_instructor)
list_instructors = action(Action.ROSTER_VIEW, write=False)(learners.list_instructors)

# courses and lessons
add_course = action(Action.COURSE_EDIT)(courses.add_course)
update_course = action(Action.COURSE_EDIT)(courses.update_course)
add_lesson = action(Action.COURSE_EDIT)(courses.add_lesson)
update_lesson = action(Action.COURSE_EDIT)(courses.update_lesson)
generate_lessons = action(Action.COURSE_EDIT)(courses.generate_lessons)
lessons_of = action(Action.ROSTER_VIEW, write=False)(courses.lessons_of)
get_course = action(Action.ROSTER_VIEW, write=False)(course_lookup.get_course)
course_summaries = action(Action.ROSTER_VIEW, write=False)(courses.course_summaries)
course_by_code = action(Action.ROSTER_VIEW, write=False)(courses.course_by_code_or_title)
course_id_by_code = action(Action.ROSTER_VIEW, write=False)(courses.course_id_by_code)
"""The id of the course with this code (or exact title); refuses ``course_not_found``."""
school_is_empty = action(None, write=False)(courses.school_is_empty)

# enrollment and the waiting list
enroll = action(Action.ENROLLMENT_EDIT)(enrollment.enroll)
withdraw = action(Action.ENROLLMENT_EDIT)(enrollment.withdraw)
"""Withdraw; a freed seat goes to the next on the waiting list (returned)."""
course_enrollments = action(Action.ROSTER_VIEW, write=False)(enrollment.course_enrollments)
learner_enrollments = action(Action.ROSTER_VIEW, write=False)(enrollment.learner_enrollments)
waitlist_order = action(Action.ROSTER_VIEW, write=False)(no_shows.waitlist_order)
attendance_rules = action(Action.ROSTER_VIEW, write=False)(no_shows.rules_for)
save_attendance_rules = action(Action.COURSE_EDIT)(no_shows.save_rules)
clear_course_rules = action(Action.COURSE_EDIT)(no_shows.clear_course_rules)

# import and export
preview_import = action(Action.IMPORT, write=False)(importer.preview_import)
commit_import = action(Action.IMPORT)(importer.commit_import)
export_roster = action(Action.EXPORT_MASKED, write=False)(export.export_roster)
"""The roster as .xlsx; full phone numbers need an administrator and are audited."""
schedule_clashes = action(Action.ROSTER_VIEW, write=False)(courses.schedule_clashes)
"""Lessons that would put a room or an instructor in two places at once."""
