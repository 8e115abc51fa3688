"""attendance counts: each enrollment keeps how many lessons its learner came
to (present or late) and was excused from

The at-risk call list reads every seated learner of every running course.
Counting their attendance row by row took most of its time at 100,000
learners; the counts now sit on the enrollment, kept by triggers in the
store itself, so every way an attendance row is written (a scan, a desk's
outbox uploaded later, a paper sheet typed in, a correction, a void, a
lesson cancelled or restored, a second desk at the same moment) keeps them
right without the code that writes having to remember.

An attendance row counts for the enrollment of its learner in its lesson's
course while the row is not voided and the lesson not cancelled, whenever
the lesson starts (a report as of an earlier moment subtracts the later
lessons itself). An enrollment made after the attendance (a learner added
to a course they already sat in) counts what is there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 02:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

ARRIVED = "('present', 'late')"
EXCUSED = "'excused'"


def recount_sql(where: str = "", dialect: str = "sqlite") -> str:
    """Every enrollment's counts recomputed from its attendance (also used
    after a bulk load that ran without the triggers). On PostgreSQL, for
    counts still at their 0, one grouped pass: a subquery per enrollment
    there reads the whole attendance table when its statistics are old."""
    if dialect == "postgresql" and not where:
        return (
            "UPDATE enrollment SET arrived_count = c.arrived, excused_count = c.excused FROM ("
            f"SELECT e.id, count(*) FILTER (WHERE a.status IN {ARRIVED}) AS arrived, "
            f"count(*) FILTER (WHERE a.status = {EXCUSED}) AS excused "
            "FROM enrollment e JOIN lesson l ON l.course_id = e.course_id "
            "JOIN attendance a ON a.lesson_id = l.id AND a.learner_id = e.learner_id "
            "WHERE NOT l.cancelled AND a.voided_at IS NULL GROUP BY e.id) c "
            "WHERE c.id = enrollment.id")
    return (
        "UPDATE enrollment SET "
        f"arrived_count = ({_count('enrollment', ARRIVED, 'IN')}), "
        f"excused_count = ({_count('enrollment', EXCUSED, '=')})" + where)


def _count(row: str, statuses: str, op_: str) -> str:
    return ("SELECT count(*) FROM attendance a JOIN lesson l ON l.id = a.lesson_id "
            f"WHERE a.learner_id = {row}.learner_id AND l.course_id = {row}.course_id "
            f"AND l.cancelled = false AND a.voided_at IS NULL AND a.status {op_} {statuses}")


def _sqlite_step(row: str, sign: str) -> str:
    """Add (``+``) or take away (``-``) attendance row ``row`` (NEW/OLD)."""
    return (f"UPDATE enrollment SET "
            f"arrived_count = arrived_count {sign} ({row}.status IN {ARRIVED}), "
            f"excused_count = excused_count {sign} ({row}.status = {EXCUSED}) "
            f"WHERE {row}.voided_at IS NULL AND learner_id = {row}.learner_id AND course_id = "
            f"(SELECT course_id FROM lesson WHERE id = {row}.lesson_id AND cancelled = 0);")


def _sqlite_lesson_step(row: str, sign: str) -> str:
    """Add or take away every live attendance row of lesson ``row``."""
    def of(statuses: str, op_: str) -> str:
        return (f"(SELECT count(*) FROM attendance a WHERE a.lesson_id = {row}.id "
                "AND a.learner_id = enrollment.learner_id AND a.voided_at IS NULL "
                f"AND a.status {op_} {statuses})")
    return (f"UPDATE enrollment SET arrived_count = arrived_count {sign} {of(ARRIVED, 'IN')}, "
            f"excused_count = excused_count {sign} {of(EXCUSED, '=')} "
            f"WHERE {row}.cancelled = 0 AND course_id = {row}.course_id AND learner_id IN "
            f"(SELECT learner_id FROM attendance WHERE lesson_id = {row}.id "
            "AND voided_at IS NULL);")


SQLITE_TRIGGERS = {
    "attendance_counts_ai": "AFTER INSERT ON attendance BEGIN "
                            + _sqlite_step("NEW", "+") + " END",
    "attendance_counts_ad": "AFTER DELETE ON attendance BEGIN "
                            + _sqlite_step("OLD", "-") + " END",
    "attendance_counts_au": "AFTER UPDATE OF lesson_id, learner_id, status, voided_at "
                            "ON attendance BEGIN " + _sqlite_step("OLD", "-") + " "
                            + _sqlite_step("NEW", "+") + " END",
    "lesson_counts_au": "AFTER UPDATE OF cancelled, course_id ON lesson "
                        "WHEN OLD.cancelled IS NOT NEW.cancelled "
                        "OR OLD.course_id IS NOT NEW.course_id BEGIN "
                        + _sqlite_lesson_step("OLD", "-") + " "
                        + _sqlite_lesson_step("NEW", "+") + " END",
    "enrollment_counts_ai": "AFTER INSERT ON enrollment BEGIN "
                            + recount_sql(" WHERE id = NEW.id") + "; END",
    "enrollment_counts_au": "AFTER UPDATE OF learner_id, course_id ON enrollment BEGIN "
                            + recount_sql(" WHERE id = NEW.id") + "; END",
}

PG_FUNCTIONS = {
    "frontdesk_attendance_counts": f"""
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.voided_at IS NULL THEN
    UPDATE enrollment e SET
      arrived_count = e.arrived_count - (OLD.status IN {ARRIVED})::int,
      excused_count = e.excused_count - (OLD.status = {EXCUSED})::int
    FROM lesson l WHERE l.id = OLD.lesson_id AND NOT l.cancelled
      AND e.learner_id = OLD.learner_id AND e.course_id = l.course_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.voided_at IS NULL THEN
    UPDATE enrollment e SET
      arrived_count = e.arrived_count + (NEW.status IN {ARRIVED})::int,
      excused_count = e.excused_count + (NEW.status = {EXCUSED})::int
    FROM lesson l WHERE l.id = NEW.lesson_id AND NOT l.cancelled
      AND e.learner_id = NEW.learner_id AND e.course_id = l.course_id;
  END IF;
  RETURN NULL;
END""",
    "frontdesk_lesson_counts": f"""
BEGIN
  IF NOT OLD.cancelled THEN
    UPDATE enrollment e SET arrived_count = e.arrived_count - c.arrived,
                            excused_count = e.excused_count - c.excused
    FROM (SELECT learner_id, count(*) FILTER (WHERE status IN {ARRIVED}) AS arrived,
                 count(*) FILTER (WHERE status = {EXCUSED}) AS excused
          FROM attendance WHERE lesson_id = OLD.id AND voided_at IS NULL
          GROUP BY learner_id) c
    WHERE e.course_id = OLD.course_id AND e.learner_id = c.learner_id;
  END IF;
  IF NOT NEW.cancelled THEN
    UPDATE enrollment e SET arrived_count = e.arrived_count + c.arrived,
                            excused_count = e.excused_count + c.excused
    FROM (SELECT learner_id, count(*) FILTER (WHERE status IN {ARRIVED}) AS arrived,
                 count(*) FILTER (WHERE status = {EXCUSED}) AS excused
          FROM attendance WHERE lesson_id = NEW.id AND voided_at IS NULL
          GROUP BY learner_id) c
    WHERE e.course_id = NEW.course_id AND e.learner_id = c.learner_id;
  END IF;
  RETURN NULL;
END""",
    "frontdesk_enrollment_counts": f"""
BEGIN
  NEW.arrived_count := ({_count('NEW', ARRIVED, 'IN')});
  NEW.excused_count := ({_count('NEW', EXCUSED, '=')});
  RETURN NEW;
END""",
}

PG_TRIGGERS = {
    "attendance_counts": "AFTER INSERT OR UPDATE OF lesson_id, learner_id, status, voided_at "
                         "OR DELETE ON attendance FOR EACH ROW "
                         "EXECUTE FUNCTION frontdesk_attendance_counts()",
    "lesson_counts": "AFTER UPDATE OF cancelled, course_id ON lesson FOR EACH ROW "
                     "WHEN (OLD.cancelled IS DISTINCT FROM NEW.cancelled "
                     "OR OLD.course_id IS DISTINCT FROM NEW.course_id) "
                     "EXECUTE FUNCTION frontdesk_lesson_counts()",
    "enrollment_counts": "BEFORE INSERT OR UPDATE OF learner_id, course_id ON enrollment "
                         "FOR EACH ROW EXECUTE FUNCTION frontdesk_enrollment_counts()",
}
PG_TABLES = {"attendance_counts": "attendance", "lesson_counts": "lesson",
             "enrollment_counts": "enrollment"}


def create_triggers(dialect: str) -> None:
    if dialect == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    elif dialect == "postgresql":
        for name, body in PG_FUNCTIONS.items():
            op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger "
                       f"LANGUAGE plpgsql AS $fn${body}\n$fn$")
        for name, body in PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def upgrade() -> None:
    # Plain ALTER TABLE on SQLite too: a batch copy of enrollment would
    # trip the foreign keys pointing at it (and drop any trigger on it).
    for column in ('arrived_count', 'excused_count'):
        op.add_column('enrollment', sa.Column(column, sa.Integer(), nullable=False,
                                              server_default=sa.text('0')))
    dialect = op.get_bind().dialect.name
    op.execute(recount_sql(dialect=dialect))
    create_triggers(dialect)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        for name, table in PG_TABLES.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for name in PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    for column in ('excused_count', 'arrived_count'):
        op.drop_column('enrollment', column)
