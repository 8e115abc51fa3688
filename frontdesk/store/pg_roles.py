"""PostgreSQL roles: the owner migrates, the desks only add to the past.

A desk's login that owned the tables could disable their triggers or
rewrite the ledger. So the tables belong to an owner role that only
upgrades the schema, and the desks log in as a role granted, on the
append-only tables, nothing but SELECT and INSERT (see README, "Several
desks on PostgreSQL").
"""

from __future__ import annotations

import re

from frontdesk.store.models import Base

APPEND_ONLY = ("ledger_entry", "audit_event")
# Rows a desk may add and mark but never remove: retired public keys still verify.
KEEP_ROWS = ("signing_key",)
_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def desk_grants(role: str) -> list[str]:
    """The GRANT statements that let ``role`` run a desk and no more."""
    if not _ROLE.match(role):
        raise ValueError(f"not a plain role name: {role!r}")
    statements = [f"GRANT USAGE ON SCHEMA public TO {role}",
                  f"GRANT SELECT ON alembic_version TO {role}"]
    for table in Base.metadata.sorted_tables:
        rights = "SELECT, INSERT" if table.name in APPEND_ONLY else \
            "SELECT, INSERT, UPDATE" if table.name in KEEP_ROWS else \
            "SELECT, INSERT, UPDATE, DELETE"
        statements.append(f"GRANT {rights} ON {table.name} TO {role}")
    statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
    return statements
