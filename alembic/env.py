"""Alembic environment: the app's tables and database URL. Run via `python -m mantelzorg_app.manage`."""

from logging.config import fileConfig

from sqlmodel import SQLModel

import mantelzorg_app.models  # noqa: F401  registers every table
from alembic import context
from mantelzorg_app.models.search import is_full_text
from mantelzorg_app.services.platform.database import engine

if context.config.config_file_name:
    fileConfig(context.config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def include_name(name, type_, parent_names) -> bool:
    """The full-text tables and indexes are made by hand in their migration: autogenerate leaves them be."""
    return not is_full_text(name)


def run_migrations_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url") or None
    with engine(url).connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
