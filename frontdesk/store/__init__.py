"""The store: SQLAlchemy models, engine and schema migrations."""

# Revisions in order, oldest first. A store at a revision not listed here was
# written by a newer FrontDesk and is refused. A test checks this list against
# Alembic's own history, so start-up can compare with one query and import
# Alembic only when an upgrade is due.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006")
SCHEMA_HEAD = KNOWN_REVISIONS[-1]
