"""The private conversation of a matched request: only the caregiver, the volunteer and the poster."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import Membership, OfferStatus, Person, Role, ThreadMessage
from mantelzorg_app.services.help import requests, threads
from mantelzorg_app.services.help.requests import OnBehalf
from mantelzorg_app.services.platform.problems import Invalid
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import (
    Help,
    actor,
    add_offer,
    ask,
    draft,
    help_world,
    matched,
    refused,
    without_vog,
)

LATER = NOW + timedelta(minutes=5)


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


@pytest.fixture
def posted(session: Session, world: Help):
    """Petra posted for Dana; Vera offered and Petra accepted. Gives the request and Dana's actor."""
    request = requests.create_on_behalf(
        session, world.professional, draft(world.centrum), OnBehalf("Dana", "dana@example.org", True), NOW
    )
    offer = add_offer(session, request, world.vera, OfferStatus.offered)
    request = requests.answer_offer(session, world.professional, offer.id, True, NOW)
    dana = session.get(Person, request.caregiver_id)
    return request, actor(dana, world.leusden, Role.caregiver)


def test_the_three_of_them_talk_in_order(session: Session, world: Help, posted):
    request, dana = posted
    threads.post(session, dana, request.id, "  Dinsdag om tien uur?  ", NOW)
    threads.post(session, world.volunteer, request.id, "Prima, tot dan.", LATER)
    threads.post(session, world.professional, request.id, "Fijn dat het lukt.", LATER)  # same moment

    for reader, mine in ((dana, 0), (world.volunteer, 1), (world.professional, 2)):
        thread = threads.read(session, reader, request.id)
        assert thread.request.id == request.id
        assert (thread.caregiver, thread.volunteer) == ("Dana", "Vera")
        assert [(name, text, when) for name, text, when, _ in thread.messages] == [
            ("Dana", "Dinsdag om tien uur?", NOW),
            ("Vera", "Prima, tot dan.", LATER),
            ("Petra", "Fijn dat het lukt.", LATER),
        ]
        assert [by_reader for *_, by_reader in thread.messages] == [i == mine for i in range(3)]


def test_a_new_thread_is_empty(session: Session, world: Help):
    request = matched(session, world)
    thread = threads.read(session, world.caregiver, request.id)
    assert (thread.caregiver, thread.volunteer, thread.messages) == ("Carla", "Vera", ())


def test_a_message_is_stored_as_typed_without_the_spaces_around(session: Session, world: Help, posted):
    request, dana = posted
    message = threads.post(session, dana, request.id, "\n Tot morgen!\nGroet, Dana \n", NOW)
    stored = session.get(ThreadMessage, message.id)
    assert (stored.request_id, stored.author_id, stored.text, stored.created_at) == (
        request.id,
        dana.person_id,
        "Tot morgen!\nGroet, Dana",
        NOW,
    )


def test_empty_and_too_long_messages_are_refused_plainly(session: Session, world: Help, posted):
    request, dana = posted
    for text in ("", "   ", "\n\t", "x" * (threads.TEXT_MAX + 1)):
        with pytest.raises(Invalid) as invalid:
            threads.post(session, dana, request.id, text, NOW)
        assert set(invalid.value.problems) == {"text"}
    assert session.exec(select(ThreadMessage)).all() == []


def test_a_message_may_be_as_long_as_allowed(session: Session, world: Help, posted):
    request, dana = posted
    assert len(threads.post(session, dana, request.id, "x" * threads.TEXT_MAX, NOW).text) == threads.TEXT_MAX


def test_nobody_else_reads_or_writes(session: Session, world: Help, posted):
    request, dana = posted
    threads.post(session, dana, request.id, "Dinsdag om tien uur?", NOW)
    strangers = (
        world.caregiver,  # another caregiver of the hub
        world.unvetted,  # another volunteer
        world.coordinator,  # staff, but not the one who posted
        actor(world.cora, world.leusden, Role.professional),
        actor(world.vera, world.poperinge, Role.volunteer),  # the volunteer, in another hub
        actor(world.petra, world.poperinge, Role.professional),
        world.elsewhere,
    )
    for stranger in strangers:
        with refused(session, "read-thread"):
            threads.read(session, stranger, request.id)
        with refused(session, "post-thread"):
            threads.post(session, stranger, request.id, "Hallo?", NOW)
    assert len(session.exec(select(ThreadMessage)).all()) == 1


def test_there_is_no_thread_before_the_match(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum)
    add_offer(session, request, world.vera, OfferStatus.offered)
    for reader in (world.caregiver, world.volunteer):
        with refused(session, "read-thread"):
            threads.read(session, reader, request.id)
        with refused(session, "post-thread"):
            threads.post(session, reader, request.id, "Hallo", NOW)
    with refused(session, "read-thread"):
        threads.read(session, world.caregiver, 10_000)
    assert session.exec(select(ThreadMessage)).all() == []


def test_the_thread_stays_readable_once_the_request_ends(session: Session, world: Help):
    request = matched(session, world)
    threads.post(session, world.volunteer, request.id, "Het was gezellig.", NOW)
    requests.stop(session, world.caregiver, request.id, LATER)
    assert [text for _, text, _, _ in threads.read(session, world.caregiver, request.id).messages] == [
        "Het was gezellig."
    ]


def test_nobody_writes_once_the_request_is_stopped_or_done(session: Session, world: Help, posted):
    request, dana = posted
    threads.post(session, world.volunteer, request.id, "Tot dinsdag.", NOW)
    requests.stop(session, dana, request.id, LATER)
    for writer in (dana, world.volunteer, world.professional):
        with refused(session, "post-thread"):
            threads.post(session, writer, request.id, "Nog één ding", LATER)
        thread = threads.read(session, writer, request.id)  # still their history
        assert [text for _, text, _, _ in thread.messages] == ["Tot dinsdag."]
        assert not thread.takes_messages


def test_a_volunteer_who_no_longer_qualifies_neither_reads_nor_writes(session: Session, world: Help):
    visit = matched(session, world, category="klusjes")  # help at home: needs a VOG
    shopping = matched(session, world)
    threads.post(session, world.caregiver, visit.id, "Kunt u dinsdag?", NOW)
    assert threads.read(session, world.volunteer, visit.id).takes_messages
    without_vog(session, world.vera)

    with refused(session, "read-thread"):
        threads.read(session, world.volunteer, visit.id)
    with refused(session, "post-thread"):
        threads.post(session, world.volunteer, visit.id, "Ja hoor", LATER)
    with refused(session, "post-thread"):  # the caregiver waits for a volunteer who may come
        threads.post(session, world.caregiver, visit.id, "Hallo?", LATER)
    assert not threads.read(session, world.caregiver, visit.id).takes_messages
    threads.post(session, world.volunteer, shopping.id, "Boodschappen doe ik nog.", LATER)  # no home visit

    for membership in session.exec(select(Membership).where(Membership.person_id == world.vera.id)):
        session.delete(membership)  # no longer a volunteer of the hub at all
    session.commit()
    with refused(session, "read-thread"):
        threads.read(session, world.volunteer, shopping.id)
    assert [text for _, text, _, _ in threads.read(session, world.caregiver, shopping.id).messages] == [
        "Boodschappen doe ik nog."
    ]


def test_a_person_writes_at_most_so_many_messages_a_day(session: Session, world: Help, posted):
    request, dana = posted
    session.add_all(
        ThreadMessage(
            request_id=request.id, author_id=dana.person_id, text="x", created_at=NOW - timedelta(hours=1)
        )
        for _ in range(threads.MESSAGES_PER_DAY - 1)
    )
    session.add(
        ThreadMessage(
            request_id=request.id, author_id=dana.person_id, text="x", created_at=NOW - timedelta(days=1)
        )
    )
    session.commit()
    threads.post(session, dana, request.id, "Nog één", NOW)

    with pytest.raises(Invalid) as invalid:
        threads.post(session, dana, request.id, "En nog één", NOW)
    assert invalid.value.problems == {"text": threads.TOO_MANY}
    threads.post(session, world.volunteer, request.id, "Ik mag nog", NOW)  # per person
    threads.post(session, dana, request.id, "Morgen weer", NOW + timedelta(hours=23))  # 24 hours on


def test_the_poster_sees_the_caregiver_by_the_name_they_typed(session: Session, world: Help):
    """Posting for an address that is already a caregiver here under another name tells the poster nothing."""
    caregiver = session.get(Person, world.caregiver.person_id)
    typed = OnBehalf("Mevrouw X", caregiver.email, True)
    request = requests.create_on_behalf(session, world.professional, draft(world.centrum), typed, NOW)
    offer = add_offer(session, request, world.vera, OfferStatus.offered)
    request = requests.answer_offer(session, world.professional, offer.id, True, NOW)
    threads.post(session, world.caregiver, request.id, "Dag allemaal.", NOW)

    seen_by_poster = threads.read(session, world.professional, request.id)
    assert seen_by_poster.caregiver == "Mevrouw X"
    assert [name for name, *_ in seen_by_poster.messages] == ["Mevrouw X"]
    assert threads.read(session, world.volunteer, request.id).caregiver == caregiver.first_name
