"""The chat's guarantees (services.chat.messages): numbered 1..n with no gap, a retry is one message,
``after`` catches up in order, blocked people left out, limits said in words, contact details held
back in rooms, badges."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from mantelzorg_app.models import ChatMessage, Conversation, Kind
from mantelzorg_app.services.chat import blocks, conversations, messages
from mantelzorg_app.services.help import requests
from mantelzorg_app.services.platform.problems import Invalid
from tests.unit.auth_fixtures import NOW
from tests.unit.chat.chat_fixtures import local_id, read, say, stored, texts
from tests.unit.help_fixtures import Help, help_world, matched, refused


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


@pytest.fixture
def pair(session: Session, world: Help) -> int:
    """Carla and Vera's conversation of a matched request."""
    chat = conversations.for_request(session, world.caregiver, matched(session, world).id, NOW).id
    session.commit()
    return chat


@pytest.fixture
def cafe(session: Session, world: Help) -> int:
    """The Leusden café, with Carla, Vera and Victor in it."""
    conversations.ensure_rooms(session, world.leusden.id, NOW)
    session.commit()
    room = session.exec(
        select(Conversation.id).where(
            Conversation.hub_id == world.leusden.id,
            Conversation.kind == Kind.room,
            Conversation.wijk_id == None,  # noqa: E711
        )
    ).one()
    for who in (world.caregiver, world.volunteer, world.unvetted, world.professional, world.coordinator):
        conversations.join(session, who, room, NOW)
    session.commit()
    return room


def _problem(invalid: pytest.ExceptionInfo[Invalid]) -> str:
    return invalid.value.problems["text"]


def test_numbers_run_1_to_n_without_a_gap_and_last_seq_follows(session: Session, world: Help, pair: int):
    for i in range(7):
        who = world.caregiver if i % 2 else world.volunteer
        message, new = say(session, who, pair, f"bericht {i}", NOW + timedelta(minutes=i))
        assert new and message.seq == i + 1
    assert stored(session, pair) == [(i + 1, f"bericht {i}") for i in range(7)]
    conversation = session.get(Conversation, pair)
    assert conversation.last_seq == 7 and conversation.last_message_at == NOW + timedelta(minutes=6)


def test_the_same_local_id_twice_is_one_message(session: Session, world: Help, pair: int):
    first, new = say(session, world.caregiver, pair, "Tot morgen!", local="retry-0001")
    again, new_again = say(session, world.caregiver, pair, "Tot morgen! (nog eens)", local="retry-0001")
    assert (new, new_again) == (True, False)
    assert again.id == first.id and again.seq == 1
    assert stored(session, pair) == [(1, "Tot morgen!")]
    assert session.get(Conversation, pair).last_seq == 1


def test_another_persons_local_id_is_refused(session: Session, world: Help, pair: int):
    say(session, world.caregiver, pair, "Van mij", local="carla-0001")
    with refused(session, "send-message"):
        say(session, world.volunteer, pair, "Ook van mij?", local="carla-0001")
    assert stored(session, pair) == [(1, "Van mij")]


JUNK_IDS = ["", "short", "x" * 37, "met spatie 1", "<script>1234", "ümlauts-123", None, 12345678]


@pytest.mark.parametrize("junk", JUNK_IDS)
def test_a_missing_or_odd_local_id_asks_to_reload(session: Session, world: Help, pair: int, junk):
    """chat.js did not load (or a form without it): said in words, not refused as an attack."""
    found = conversations.access(session, world.caregiver, pair, "send-message")
    with pytest.raises(Invalid) as invalid:
        messages.send(session, found, world.carla.id, "Hallo", junk, NOW)
    assert _problem(invalid) == messages.NO_LOCAL_ID
    session.commit()
    assert stored(session, pair) == []
    assert conversations.access(session, world.caregiver, pair, "send-message")  # still allowed


def test_a_retry_of_a_stored_message_answers_it_even_once_closed(session: Session, world: Help, pair: int):
    """The ack got lost, the conversation closed meanwhile: the retry still gets its message."""
    sent, _ = say(session, world.caregiver, pair, "Dank u!", local="late-ack-01")
    requests.stop(session, world.caregiver, session.get(Conversation, pair).request_id, NOW)
    again, new = say(session, world.caregiver, pair, "Dank u!", local="late-ack-01")
    assert (again.id, new) == (sent.id, False)
    with pytest.raises(Invalid) as invalid:
        say(session, world.caregiver, pair, "Dank u!", local="late-ack-02")
    assert _problem(invalid) == messages.CLOSED
    assert session.get(Conversation, pair).last_seq == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from("cv"), st.integers(0, 5)), min_size=1, max_size=25))
def test_any_interleaving_of_sends_and_retries_gives_1_to_n_each_id_once(session: Session, world: Help, plan):
    """Two people send; each step is a new message or a retry of one of theirs sent before."""
    session.rollback()
    for row in session.exec(select(ChatMessage)).all():
        session.delete(row)
    session.commit()
    chat = session.exec(select(Conversation.id).where(Conversation.kind == Kind.pair)).first()
    if chat is None:
        chat = conversations.for_request(session, world.caregiver, matched(session, world).id, NOW).id
    conversation = session.get(Conversation, chat)
    conversation.last_seq = 0
    session.add(conversation)
    session.commit()
    who = {"c": world.caregiver, "v": world.volunteer}
    sent: dict[str, list[str]] = {"c": [], "v": []}
    first_seq: dict[str, int] = {}
    for step, (person, retry) in enumerate(plan):
        mine = sent[person]
        local = mine[retry % len(mine)] if retry and mine else local_id()
        now = NOW + timedelta(minutes=step)  # far apart: no flood
        message, new = say(session, who[person], chat, f"{person}{step}", now, local=local)
        assert new == (local not in first_seq)
        first_seq.setdefault(local, message.seq)
        assert message.seq == first_seq[local]
        if new:
            mine.append(local)
    rows = session.exec(select(ChatMessage).where(ChatMessage.conversation_id == chat)).all()
    assert sorted(m.seq for m in rows) == list(range(1, len(first_seq) + 1))
    assert len({m.local_id for m in rows}) == len(rows) == len(first_seq)
    assert session.get(Conversation, chat).last_seq == len(first_seq)


def test_after_gives_exactly_the_later_ones_in_order(session: Session, world: Help, pair: int):
    for i in range(1, 11):
        say(session, world.volunteer, pair, f"m{i}", NOW + timedelta(minutes=i))
    assert texts(session, world.caregiver, pair, 7) == ["m8", "m9", "m10"]
    assert texts(session, world.caregiver, pair, 10) == []
    assert texts(session, world.caregiver, pair, 0) == [f"m{i}" for i in range(1, 11)]
    found = conversations.access(session, world.caregiver, pair, "read-conversation")
    assert [m.seq for m in messages.after(session, found, world.carla.id, 0, limit=3)] == [8, 9, 10]  # newest
    assert [m.seq for m in messages.after(session, found, world.carla.id, 2, limit=3)] == [3, 4, 5]  # next
    assert [m.seq for m in messages.before(session, found, world.carla.id, 8, limit=3)] == [5, 6, 7]
    assert [m.seq for m in messages.before(session, found, world.carla.id, 1)] == []


def test_blocked_authors_are_left_out(session: Session, world: Help, cafe: int):
    say(session, world.volunteer, cafe, "Goedemorgen!")
    say(session, world.unvetted, cafe, "Reclame!", NOW + timedelta(minutes=1))
    say(session, world.volunteer, cafe, "Koffie?", NOW + timedelta(minutes=2))
    blocks.block(session, world.caregiver, world.victor.id, NOW)
    session.commit()
    assert texts(session, world.caregiver, cafe) == ["Goedemorgen!", "Koffie?"]
    assert texts(session, world.caregiver, cafe, 1) == ["Koffie?"]
    found = conversations.access(session, world.caregiver, cafe, "read-conversation")
    assert [m.text for m in messages.before(session, found, world.carla.id, 3)] == ["Goedemorgen!"]
    assert texts(session, world.volunteer, cafe) == ["Goedemorgen!", "Reclame!", "Koffie?"]  # others still
    say(session, world.unvetted, cafe, "Hallo Carla", NOW + timedelta(minutes=3))  # he is not told
    assert texts(session, world.caregiver, cafe, 3) == []


def test_changes_counts_what_can_change_in_held_lines_without_a_new_number(
    session: Session, world: Help, cafe: int
):
    first, _ = say(session, world.volunteer, cafe, "Goedemorgen!")
    second, _ = say(session, world.unvetted, cafe, "Reclame!", NOW + timedelta(minutes=1))
    session.commit()
    assert messages.changes(session, cafe, world.carla.id, first.seq) == (0, 0, 0)
    second.hidden_at = NOW  # the coordinator hid it
    session.add(second)
    session.commit()
    assert messages.changes(session, cafe, world.carla.id, first.seq) == (1, 0, 0)
    assert messages.changes(session, cafe, world.carla.id, second.seq + 1) == (0, 0, 0)  # not held
    first.author_id = None  # its author was wiped
    session.add(first)
    blocks.block(session, world.caregiver, world.victor.id, NOW)
    session.commit()
    assert messages.changes(session, cafe, world.carla.id, first.seq) == (1, 1, 1)
    assert messages.changes(session, cafe, world.vera.id, first.seq) == (1, 1, 0)  # Carla's blocks only


def test_a_burst_is_fine_a_flood_is_refused_in_words(session: Session, world: Help, pair: int):
    for i in range(messages.BURST):
        say(session, world.caregiver, pair, f"snel {i}", NOW + timedelta(seconds=i))
    with pytest.raises(Invalid) as invalid:
        say(session, world.caregiver, pair, "nog een", NOW + timedelta(seconds=messages.BURST))
    assert _problem(invalid) == messages.FLOOD
    say(session, world.volunteer, pair, "ik mag wel", NOW + timedelta(seconds=messages.BURST))  # per person
    later = NOW + messages.BURST_WINDOW + timedelta(seconds=1)
    say(session, world.caregiver, pair, "na even wachten", later)
    assert session.get(Conversation, pair).last_seq == messages.BURST + 2


def test_a_person_writes_at_most_so_many_messages_a_day(session: Session, world: Help, pair: int):
    session.add_all(
        ChatMessage(
            conversation_id=pair,
            seq=1000 + i,
            local_id=f"old-{i:08d}",
            author_id=world.carla.id,
            text="x",
            created_at=NOW - timedelta(hours=1),
        )
        for i in range(messages.PER_DAY - 1)
    )
    session.commit()
    say(session, world.caregiver, pair, "Nog één")
    with pytest.raises(Invalid) as invalid:
        say(session, world.caregiver, pair, "En nog één", NOW + timedelta(minutes=1))
    assert _problem(invalid) == messages.TOO_MANY
    say(session, world.volunteer, pair, "Ik mag nog")  # per person
    say(session, world.caregiver, pair, "Morgen weer", NOW + timedelta(hours=23))  # 24 hours on


def test_empty_and_too_long_messages_are_refused_plainly(session: Session, world: Help, pair: int):
    for text, problem in (
        ("", messages.EMPTY),
        ("   ", messages.EMPTY),
        ("\n\t", messages.EMPTY),
        ("x" * (messages.TEXT_MAX + 1), messages.TOO_LONG),
    ):
        with pytest.raises(Invalid) as invalid:
            say(session, world.caregiver, pair, text)
        assert _problem(invalid) == problem
    assert stored(session, pair) == []
    assert session.get(Conversation, pair).last_seq == 0  # no number used up


def test_a_message_is_stored_as_typed_without_the_spaces_around(session: Session, world: Help, pair: int):
    message, _ = say(session, world.caregiver, pair, "\n Tot morgen!\nGroet, Carla \n")
    assert (message.text, message.author_id, message.created_at) == (
        "Tot morgen!\nGroet, Carla",
        world.carla.id,
        NOW,
    )
    long, _ = say(
        session, world.caregiver, pair, " " + "x" * messages.TEXT_MAX + " ", NOW + timedelta(minutes=1)
    )
    assert len(long.text) == messages.TEXT_MAX


@pytest.mark.parametrize(
    "text",
    [
        "Bel me: 06-12345678",
        "mijn nummer is 0612345678",
        "+31 6 1234 5678",
        "+32 57 33 44 55",
        "033 - 123 45 67",
        "0031612345678",
        "mail naar carla@example.org",
        "c.de.vries+zorg@mail.leusden.nl",
    ],
)
def test_contact_details_are_seen(text: str):
    assert messages.has_contact_details(text)


@pytest.mark.parametrize(
    "text",
    [
        "Om 10.30 uur bij het gemeentehuis",
        "Op 12-03 om 14.00",
        "Huisnummer 12",
        "Ik ben 84 jaar",
        "@Vera hoi",
        "Koffie van 14.00 - 16.00 uur",
        "Op 27-11-2026",
        "Op 01.12.2026 om 09.00",
        "op 06-12-26 14.00",
        "09.30 - 11.00",
        "1990 1992",
        "Bel 112",
        "1234567890",  # no 0, + or 00 in front
        "012345678901234",  # too long for a Dutch or Belgian number
    ],
)
def test_ordinary_words_are_no_contact_details(text: str):
    assert not messages.has_contact_details(text)


@pytest.mark.parametrize(
    "text",
    [
        "(033) 123 45 67",
        "057 33 44 55",
        "0470 12 34 56",
        "0032 57 33 44 55",
        "06.12.34.56.78",
        "Huis 12, bel 06-12345678",
        "Op 06-12-26 bel me: 0612345678",
    ],
)
def test_numbers_beside_dates_and_in_other_shapes_are_seen(text: str):
    assert messages.contact_question(text) == messages.SHARE_CONTACT


@pytest.mark.parametrize("text", ["mail naar carla@example.org", "c.de.vries+zorg@mail.leusden.nl"])
def test_an_address_asks_about_an_address(text: str):
    assert messages.contact_question(text) == messages.SHARE_EMAIL


def test_contact_details_in_a_room_wait_for_a_yes(session: Session, world: Help, cafe: int, pair: int):
    with pytest.raises(Invalid) as invalid:
        say(session, world.caregiver, cafe, "Bel me op 06-12345678", local="share-00001")
    assert _problem(invalid) == messages.SHARE_CONTACT
    assert stored(session, cafe) == []
    message, new = say(
        session, world.caregiver, cafe, "Bel me op 06-12345678", local="share-00001", share_contact=True
    )
    assert new and message.seq == 1
    say(session, world.caregiver, pair, "Mijn nummer: 06-12345678")  # a 1:1 does not ask
    assert texts(session, world.volunteer, pair) == ["Mijn nummer: 06-12345678"]
    with pytest.raises(Invalid) as invalid:
        say(session, world.caregiver, cafe, "Mail me: carla@example.org")
    assert _problem(invalid) == messages.SHARE_EMAIL
    assert messages.SHARE_EMAIL in messages.HELD_BACK
    say(session, world.caregiver, cafe, "Koffie van 14.00 - 16.00 uur, op 27-11-2026")  # no question


def test_staff_and_vetted_volunteers_are_marked(session: Session, world: Help, cafe: int):
    people = (world.caregiver, world.volunteer, world.unvetted, world.professional, world.coordinator)
    for i, who in enumerate(people):
        say(session, who, cafe, f"Hallo van {who.first_name}", NOW + timedelta(minutes=i))
    shown = read(session, world.caregiver, cafe)
    assert [(m.author, m.badge) for m in shown] == [
        ("Carla", ""),
        ("Vera", "vetted"),
        ("Victor", ""),
        ("Petra", "staff"),
        ("Cora", "staff"),
    ]
    assert [m.mine for m in shown] == [True, False, False, False, False]


def test_a_card_a_hidden_message_and_a_wiped_author(session: Session, world: Help, pair: int):
    card = messages.Card("service", "Dagbesteding De Hoeve", "kaart/12")
    shared, _ = say(session, world.caregiver, pair, "", card=card)
    say(session, world.volunteer, pair, "Dat is een goed idee.", NOW + timedelta(minutes=1))
    gone, _ = say(session, world.volunteer, pair, "Iets onaardigs", NOW + timedelta(minutes=2))
    first, second, third = read(session, world.volunteer, pair)
    assert (first.text, first.card) == ("", card)
    assert shared.card_title == "Dagbesteding De Hoeve"

    row = session.get(ChatMessage, gone.id)
    row.hidden_at = NOW  # the coordinator hid it
    session.add(row)
    row = session.get(ChatMessage, second.id)
    row.author_id = None  # a wiped person
    session.add(row)
    session.commit()
    _, second, third = read(session, world.caregiver, pair)
    assert (second.author, second.badge, second.text, second.mine) == ("", "", "Dat is een goed idee.", False)
    assert (third.text, third.hidden, third.card) == ("", True, None)
    (line,) = [s for s in conversations.listing(session, world.caregiver) if s.id == pair]
    assert line.last_line == "Dat is een goed idee."  # the hidden one is not the last line


def test_sending_marks_it_read_for_the_sender(session: Session, world: Help, pair: int):
    say(session, world.volunteer, pair, "Een")
    say(session, world.caregiver, pair, "Twee", NOW + timedelta(minutes=1))
    assert conversations.unread_total(session, world.caregiver) == 0
    assert conversations.unread_total(session, world.volunteer) == 1
