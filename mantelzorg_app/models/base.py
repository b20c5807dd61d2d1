"""Column helpers shared by every table: timezone-aware timestamps stored as UTC, space-separated lists."""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlmodel import Field


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(sa.types.TypeDecorator):
    """Stores aware datetimes as UTC and gives them back aware, on SQLite as on PostgreSQL.

    SQLite keeps no zone, so a plain ``DateTime(timezone=True)`` returns naive values there.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: give a timezone")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def created_at_field() -> datetime:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def split(value: str) -> list[str]:
    """A stored space-separated list."""
    return value.split()


def joined(values: Sequence[str], allowed: Sequence[str]) -> str:
    """Known values only, in their usual order, space-separated for storing."""
    return " ".join(v for v in allowed if v in values)
