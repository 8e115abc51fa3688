"""search keys: one- and two-character look-ups by an index, in id order;
waiting lists by status

The school's waiting lists (the dashboard) are read through a new index on
enrollment (status, course), not by reading every enrollment.

A keystroke of one or two characters (a pinyin letter, initials, the first
digits of a phone or its last ones, one or two Chinese characters anywhere
in a name) matches thousands of learners, or, for two Chinese characters,
often none. A range over a column's index then sorts every match to find
the first page, and a name "contains" test reads the whole table. On SQLite,
``learner_key`` holds each learner's short keys, ``(key, learner_id)`` as
its primary key, so the first page of any short keystroke is one index
range already in id order. Triggers keep it in step with ``learner``.

Keys (a one-letter kind, then the value): ``p``/``i``: the first one and two
letters of the pinyin and of the initials; ``t``/``r``: the first one and
two digits of the phone and of the reversed phone; ``n``: every one and two
characters of the name that hold a non-ASCII character, ASCII letters in
lower case (as LIKE compares them). PostgreSQL keeps its column ranges.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 00:30:00
"""

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

POSITIONS = 200  # more than any stored name's length (names are at most 64)


def _keys(row: str, table: str = "") -> str:
    """A SELECT of (key, learner_id) for the learner ``row``: ``new`` in a
    trigger, or with ``table`` = "learner l, " every learner (row ``l``)."""
    def short(kind: str, column: str) -> str:
        source = f"FROM {table.rstrip(', ')} " if table else ""
        return (f"SELECT '{kind}' || substr({row}.{column}, 1, 1), {row}.id {source}"
                f"WHERE length({row}.{column}) >= 1 "
                f"UNION ALL SELECT '{kind}' || substr({row}.{column}, 1, 2), {row}.id {source}"
                f"WHERE length({row}.{column}) >= 2")

    one = f"substr({row}.name, p.i, 1)"
    two = f"substr({row}.name, p.i, 2)"
    return " UNION ALL ".join([
        short("p", "pinyin"), short("i", "initials"), short("t", "phone"),
        short("r", "phone_tail"),
        f"SELECT 'n' || lower({one}), {row}.id FROM {table}learner_key_pos p "
        f"WHERE p.i <= length({row}.name) AND unicode({one}) > 127",
        f"SELECT 'n' || lower({two}), {row}.id FROM {table}learner_key_pos p "
        f"WHERE p.i < length({row}.name) AND (unicode({one}) > 127 "
        f"OR unicode(substr({row}.name, p.i + 1, 1)) > 127)",
    ])


_COLUMNS = "name, phone, phone_tail, pinyin, initials"


def upgrade() -> None:
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.create_index('ix_enrollment_status_course', ['status', 'course_id'], unique=False)
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE TABLE learner_key_pos (i INTEGER PRIMARY KEY)")
    op.execute("INSERT INTO learner_key_pos (i) VALUES "
               + ", ".join(f"({i})" for i in range(1, POSITIONS + 1)))
    op.execute("CREATE TABLE learner_key (key TEXT NOT NULL, learner_id INTEGER NOT NULL, "
               "PRIMARY KEY (key, learner_id)) WITHOUT ROWID")
    op.execute("INSERT OR IGNORE INTO learner_key (key, learner_id) "
               + _keys("l", "learner l, "))
    op.execute("CREATE TRIGGER learner_key_ai AFTER INSERT ON learner BEGIN "
               f"INSERT OR IGNORE INTO learner_key (key, learner_id) {_keys('new')}; END")
    op.execute("CREATE TRIGGER learner_key_ad AFTER DELETE ON learner BEGIN "
               "DELETE FROM learner_key WHERE learner_id = old.id; END")
    op.execute(f"CREATE TRIGGER learner_key_au AFTER UPDATE OF {_COLUMNS} ON learner BEGIN "
               "DELETE FROM learner_key WHERE learner_id = old.id; "
               f"INSERT OR IGNORE INTO learner_key (key, learner_id) {_keys('new')}; END")


def downgrade() -> None:
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index('ix_enrollment_status_course')
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("learner_key_ai", "learner_key_ad", "learner_key_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS learner_key")
    op.execute("DROP TABLE IF EXISTS learner_key_pos")
