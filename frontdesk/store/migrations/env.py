"""Alembic environment: runs on the engine FrontDesk hands over."""

from alembic import context

from frontdesk.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # pragma: no cover - the app always passes its engine
    from frontdesk.store.engine import make_engine, resolve_url

    engine = make_engine(resolve_url(None))

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
