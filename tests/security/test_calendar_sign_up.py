"""Signing up, as a tab calls it: the activity page (ActivityState) signs up and cancels only the
signed-in person of the hub, for the activity and date this tab's server-side load found; Mijn
aanmeldingen (MyBookingsState) cancels only a booking of the caller's own list, and makes only the
caller's own private feed. Every forged call changes nothing and is logged as refused."""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from mantelzorg_app.models import Activity, Booking, BookingStatus, ChatMessage, Hub
from mantelzorg_app.services.calendar import feeds
from state.calendar.activity import ActivityState
from state.calendar.mine import MyBookingsState
from state.chat.share import ShareState
from tests.security.conftest import People, call, refusals, root_state, run_handler
from tests.security.test_chat_share import _pair


def _activity(db, slug: str, capacity: int | None = 2) -> int:
    """A one-date activity of the hub, three days ahead at 14.00 UTC, with this many places."""
    start = (datetime.now(UTC) + timedelta(days=3)).replace(hour=13, minute=0, second=0, microsecond=0)
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == slug)).one()
        activity = Activity(
            hub_id=hub_id,
            kind="cafe",
            title="Proefcafé",
            place="Bibliotheek",
            starts_at=start,
            capacity=capacity,
        )
        session.add(activity)
        session.commit()
        return activity.id


def _bookings(db, activity_id: int) -> list[tuple[int | None, str, int]]:
    with Session(db) as session:
        return list(
            session.exec(
                select(Booking.person_id, Booking.status, Booking.places)
                .where(Booking.activity_id == activity_id)
                .order_by(col(Booking.id))
            ).all()
        )


async def _tab(token: str | None, activity_id: int, hub: str = "leusden") -> ActivityState:
    root = await root_state(token, hub, params={"activiteit": str(activity_id)})
    state = await root.get_state(ActivityState)
    await run_handler(state, "load")
    return state


def _on_activity(token: str | None, activity_id: int, *calls: tuple, hub: str = "leusden") -> ActivityState:
    async def go():
        state = await _tab(token, activity_id, hub)
        for handler, *args in calls:
            await run_handler(state, handler, *args)
        return state

    return asyncio.run(go())


def test_a_visitor_and_someone_of_another_hub_sign_up_for_nothing(db, people: People):
    activity_id = _activity(db, "leusden")
    before = refusals(db)
    state = _on_activity(None, activity_id, ("sign_up",), ("cancel",))
    assert state.known and not state.signed_in  # the page reads; it says "Log in om u aan te melden"
    _on_activity(people.tokens["other_hub_coordinator"], activity_id, ("sign_up",), ("cancel",))
    assert _bookings(db, activity_id) == []
    assert refusals(db) >= before + 3


def test_another_hubs_activity_is_not_found_and_not_signed_up_for(db, people: People):
    theirs = _activity(db, "poperinge")
    state = _on_activity(people.tokens["caregiver"], theirs, ("sign_up",))
    assert not state.known and state.card == {}
    assert _bookings(db, theirs) == []
    # Jolien, Poperinge's coordinator, reads it in her own hub
    assert _on_activity(people.tokens["other_hub_coordinator"], theirs, hub="poperinge").known


def test_the_waiting_list_moves_up_after_a_cancellation_and_mails_who_got_the_place(
    db, people: People, tmp_path
):
    activity_id = _activity(db, "leusden", capacity=2)
    anna, carla = people.ids["caregiver_person"], people.ids["volunteer_person"]
    state = _on_activity(people.tokens["caregiver"], activity_id, ("sign_up",))
    assert state.status == BookingStatus.booked and state.label == "U komt"
    state = _on_activity(people.tokens["volunteer"], activity_id, ("toggle_someone",), ("sign_up",))
    assert state.status == BookingStatus.waiting
    assert state.label_n == "1"  # "U staat op de wachtlijst (nummer 1)"
    assert _bookings(db, activity_id) == [(anna, "booked", 1), (carla, "waiting", 2)]
    outbox = tmp_path / "outbox"
    before = len(list(outbox.glob("*.eml"))) if outbox.exists() else 0

    # "Ik kom niet meer" asks first: a cancel without the question changes nothing.
    _on_activity(people.tokens["volunteer"], activity_id, ("cancel",))
    assert _bookings(db, activity_id) == [(anna, "booked", 1), (carla, "waiting", 2)]
    # Carla cannot cancel Anna's place: her tab cancels only her own booking.
    _on_activity(people.tokens["volunteer"], activity_id, ("ask_cancel",), ("cancel",))
    assert _bookings(db, activity_id) == [(anna, "booked", 1), (carla, "cancelled", 2)]
    state = _on_activity(people.tokens["volunteer"], activity_id, ("toggle_someone",), ("sign_up",))
    state = _on_activity(people.tokens["caregiver"], activity_id, ("ask_cancel",), ("cancel",))
    assert state.status == "" and state.done
    rows = _bookings(db, activity_id)
    assert rows[0] == (anna, "cancelled", 1) and rows[-1] == (carla, "booked", 2)
    mails = sorted(outbox.glob("*.eml"))
    assert len(mails) == before + 1
    assert "U heeft een plek" in mails[-1].read_text()


def test_mijn_aanmeldingen_cancels_only_the_callers_own(db, people: People):
    activity_id = _activity(db, "leusden", capacity=None)
    anna = people.ids["caregiver_person"]
    _on_activity(people.tokens["caregiver"], activity_id, ("sign_up",))
    _on_activity(people.tokens["volunteer"], activity_id, ("sign_up",))
    before, refused_before = _bookings(db, activity_id), refusals(db)

    call(MyBookingsState, "cancel", "0")  # nobody signed in
    for junk in ("-1", "x", None, True, ["0"], "1000", "1.0"):
        call(MyBookingsState, "cancel", junk, token=people.tokens["volunteer"])  # no list loaded
    assert _bookings(db, activity_id) == before
    assert refusals(db) > refused_before

    async def tab_of_anna_tapped_by_carla():
        """A tab that holds Anna's list, tapped with Carla's session (an owner check that did not run)."""
        state = await (await root_state(people.tokens["volunteer"], "leusden")).get_state(MyBookingsState)
        with Session(db) as session:
            state._booking_ids = list(
                session.exec(
                    select(Booking.id).where(Booking.activity_id == activity_id, Booking.person_id == anna)
                ).all()
            )
        await run_handler(state, "ask_cancel", "0")
        await run_handler(state, "cancel", "0")

    refused_before = refusals(db)
    asyncio.run(tab_of_anna_tapped_by_carla())
    assert _bookings(db, activity_id) == before
    assert refusals(db) > refused_before

    async def own():
        state = await (await root_state(people.tokens["caregiver"], "leusden")).get_state(MyBookingsState)
        await run_handler(state, "load")
        place = str([row["title"] for row in state.rows].index("Proefcafé"))
        await run_handler(state, "cancel", place)  # not asked "Zeker weten?" first: nothing
        assert "Proefcafé" in [row["title"] for row in state.rows]
        await run_handler(state, "ask_cancel", place)
        assert state.asking == place
        await run_handler(state, "cancel", place)
        return state

    state = asyncio.run(own())
    assert "Proefcafé" not in [row["title"] for row in state.rows]
    assert [status for person, status, _ in _bookings(db, activity_id) if person == anna] == ["cancelled"]


def test_the_private_feed_is_made_only_for_the_caller_and_shown_once(db, people: People):
    refused_before = refusals(db)
    state, _ = call(MyBookingsState, "make_feed")
    assert state.feed_url == "" and refusals(db) > refused_before

    async def made():
        state = await (await root_state(people.tokens["caregiver"], "leusden")).get_state(MyBookingsState)
        await run_handler(state, "make_feed")
        url = state.feed_url
        await run_handler(state, "load")
        return url, state

    url, state = asyncio.run(made())
    assert "/feeds/leusden/eigen/" in url and state.feed_url == "" and state.has_feed
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        assert feeds.holder(session, hub_id, secret) == people.ids["caregiver_person"]


def test_the_activity_goes_to_the_callers_own_volunteer_as_a_card(db, people: People):
    """The page's "Stuur naar mijn vrijwilliger": the card of this hub's activity, only into the
    caller's own conversation with her volunteer; another hub's activity makes no card."""
    activity_id, theirs = _activity(db, "leusden"), _activity(db, "poperinge")
    pair = _pair(db, people)

    async def send(item: int):
        state = await (await root_state(people.tokens["caregiver"], "leusden")).get_state(ShareState)
        await run_handler(state, "load")
        return await run_handler(state, "send", "activity", str(item), str(pair))

    refused_before = refusals(db)
    asyncio.run(send(theirs))
    assert refusals(db) > refused_before
    assert f"/leusden/praten/{pair}" in str(asyncio.run(send(activity_id)))
    with Session(db) as session:
        cards = session.exec(
            select(ChatMessage.card_kind, ChatMessage.card_title, ChatMessage.card_path).where(
                ChatMessage.conversation_id == pair, ChatMessage.card_kind == "activity"
            )
        ).all()
    assert cards == [("activity", "Proefcafé", f"activiteit/{activity_id}")]
