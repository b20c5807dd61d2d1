"""An activity shared into the chat (services.chat.sharing's CARDS["activity"]): the card comes
from the database, for an activity of the actor's hub that goes on; anything else is refused."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import ChatMessage
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.chat import conversations, sharing
from tests.unit.calendar.core_fixtures import activity
from tests.unit.chat.chat_fixtures import read
from tests.unit.help_fixtures import Help, help_world, matched, refused


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _pair(session: Session, world: Help) -> int:
    request = matched(session, world)
    conversation = conversations.for_request(session, world.caregiver, request.id, utcnow())
    session.commit()
    return conversation.id


def test_an_activity_goes_into_the_chat_as_its_card(session: Session, world: Help) -> None:
    pair = _pair(session, world)
    cafe = activity(session, world.leusden, utcnow() + timedelta(days=3), title="Mantelzorgcafé Leusden")

    message, new, _found = sharing.share(session, world.caregiver, "activity", str(cafe.id), pair, utcnow())
    session.commit()

    assert new and message.id
    (shown,) = read(session, world.volunteer, pair)
    assert shown.card == sharing.Card("activity", "Mantelzorgcafé Leusden", f"activiteit/{cafe.id}")


def test_another_hubs_a_cancelled_or_a_past_activity_is_refused(session: Session, world: Help) -> None:
    pair = _pair(session, world)
    now = utcnow()
    elsewhere = activity(session, world.poperinge, now + timedelta(days=3))
    cancelled = activity(session, world.leusden, now + timedelta(days=3), cancelled_at=now)
    past = activity(session, world.leusden, now - timedelta(days=3))
    ended_series = activity(session, world.leusden, now - timedelta(days=60), rrule="FREQ=WEEKLY;COUNT=3")

    for row in (elsewhere, cancelled, past, ended_series):
        with refused(session, sharing.ACTION):
            sharing.share(session, world.caregiver, "activity", row.id, pair, now)
    for forged in ("x", -1, None, 10**12):
        with refused(session, sharing.ACTION):
            sharing.share(session, world.caregiver, "activity", forged, pair, now)
    assert not session.exec(select(ChatMessage).where(ChatMessage.conversation_id == pair)).all()


def test_a_running_series_can_be_shared(session: Session, world: Help) -> None:
    pair = _pair(session, world)
    now = utcnow()
    series = activity(session, world.leusden, now - timedelta(days=60), rrule="FREQ=WEEKLY;COUNT=20")
    sharing.share(session, world.caregiver, "activity", series.id, pair, now)
