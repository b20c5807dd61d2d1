"""UTCDateTime: aware datetimes go in, aware UTC datetimes come out, also on SQLite. Stored lists."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.exc import StatementError
from sqlmodel import Session, select

from mantelzorg_app.models import Hub
from mantelzorg_app.models.base import UTCDateTime, joined, split, utcnow
from mantelzorg_app.services.help.vocabulary import DAYPART_VALUES

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _hub(**values) -> Hub:
    return Hub(
        slug="leusden",
        name="Leusden",
        country="NL",
        timezone="Europe/Amsterdam",
        speech_locale="nl-NL",
        **values,
    )


@pytest.mark.parametrize(
    "local",
    [
        datetime(2026, 1, 15, 9, 30, 15, 123456, tzinfo=AMSTERDAM),  # winter time, UTC+1
        datetime(2026, 7, 15, 23, 45, tzinfo=AMSTERDAM),  # summer time, UTC+2, other UTC date
    ],
)
def test_round_trip_gives_the_same_instant_in_utc(session: Session, local: datetime) -> None:
    session.add(_hub(created_at=local))
    session.commit()
    session.expire_all()  # read from the database, not from the identity map

    stored = session.exec(select(Hub)).one().created_at

    assert stored == local
    assert stored.tzinfo is UTC
    assert stored.utcoffset().total_seconds() == 0
    assert stored.replace(tzinfo=None) == local.astimezone(UTC).replace(tzinfo=None)


def test_default_created_at_is_aware_utc(session: Session) -> None:
    before = utcnow()
    session.add(_hub())
    session.commit()
    session.expire_all()

    stored = session.exec(select(Hub)).one().created_at

    assert stored.tzinfo is UTC
    assert before <= stored <= utcnow()


def test_naive_datetime_is_refused(session: Session) -> None:
    session.add(_hub(created_at=datetime(2026, 1, 15, 9, 30)))
    with pytest.raises(StatementError, match="naive datetime"):
        session.commit()


def test_none_passes_through() -> None:
    column_type = UTCDateTime()
    assert column_type.process_bind_param(None, None) is None
    assert column_type.process_result_value(None, None) is None


def test_naive_bind_raises_value_error() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        UTCDateTime().process_bind_param(datetime(2026, 1, 15), None)


def test_lists_are_stored_in_their_usual_order_and_read_back():
    assert joined(["avond", "x", "ochtend", "ochtend"], DAYPART_VALUES) == ("ochtend avond")
    assert split("ochtend avond") == ["ochtend", "avond"]
    assert split("") == []
