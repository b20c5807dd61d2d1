"""The organiser's list of a date (SignUpsState.load) with the address any browser can type: only who
organises the activity sees the names and phone numbers; anyone else is refused and logged."""

import asyncio

import pytest
from sqlmodel import Session

from mantelzorg_app.models import Activity
from state.calendar.sign_ups import SignUpsState
from tests.security.conftest import People, refusals, root_state, run_handler
from tests.security.sign_ups_fixtures import listed


def _open(token: str | None, params: dict, hub: str = "leusden") -> SignUpsState:
    async def go():
        state = await (await root_state(token, hub, params=params)).get_state(SignUpsState)
        await run_handler(state, "load")
        return state

    return asyncio.run(go())


def _shows_nothing(state: SignUpsState) -> None:
    assert not state.allowed
    assert state.booked == [] and state.waiting == [] and state.dates == []
    assert state.title == "" and state.activity_id == ""


def test_the_coordinator_sees_the_list_with_the_phone(db, people: People):
    found = listed("leusden")
    state = _open(people.tokens["coordinator"], {"activiteit": str(found["activity"]), "datum": found["key"]})
    assert state.allowed and state.known
    assert [(r.name, r.phone, r.tel_href) for r in state.booked] == [("Els", "06 12345678", "tel:0612345678")]
    assert state.date_key == found["key"]


def test_without_a_date_the_first_coming_one_is_shown(db, people: People):
    found = listed("leusden")
    state = _open(people.tokens["coordinator"], {"activiteit": str(found["activity"])})
    assert state.known and state.date_key == found["key"]


@pytest.mark.parametrize("who", ["nobody", "caregiver", "volunteer", "professional", "other_hub_coordinator"])
def test_anyone_else_is_refused(db, people: People, who: str):
    found = listed("leusden")
    before = refusals(db)
    state = _open(people.tokens.get(who), {"activiteit": str(found["activity"]), "datum": found["key"]})
    _shows_nothing(state)
    if who != "nobody":  # a visitor is asked to sign in; nothing was tried
        assert refusals(db) > before


def test_another_hubs_activity_is_refused(db, people: People):
    found = listed("poperinge")
    before = refusals(db)
    state = _open(people.tokens["coordinator"], {"activiteit": str(found["activity"]), "datum": found["key"]})
    _shows_nothing(state)
    assert refusals(db) > before
    # and Poperinge's coordinator sees it in her own hub
    assert _open(
        people.tokens["other_hub_coordinator"], {"activiteit": str(found["activity"])}, "poperinge"
    ).known


def test_the_professional_who_organises_it_sees_it(db, people: People):
    found = listed("leusden")
    with Session(db) as session:
        activity = session.get(Activity, found["activity"])
        activity.organiser_id = people.ids["professional_person"]
        session.add(activity)
        session.commit()
    assert _open(people.tokens["professional"], {"activiteit": str(found["activity"])}).known


@pytest.mark.parametrize("junk", ["", "abc", "1e3", "١٢", "9" * 30, "-1"])
def test_junk_in_the_address_shows_nothing_and_raises_nothing(db, people: People, junk: str):
    found = listed("leusden")
    state = _open(people.tokens["coordinator"], {"activiteit": junk, "datum": found["key"]})
    _shows_nothing(state)
    # a date that is no date key: the first coming date, as without one
    state = _open(people.tokens["coordinator"], {"activiteit": str(found["activity"]), "datum": junk or "x"})
    assert state.allowed and state.date_key == found["key"]
    # a date key that is not one of the activity's dates: no list
    state = _open(
        people.tokens["coordinator"], {"activiteit": str(found["activity"]), "datum": "20200101T100000Z"}
    )
    assert state.allowed and not state.known and state.booked == [] and state.dates != []


def test_the_coordinator_adds_someone_who_phoned_and_a_problem_keeps_what_was_typed(db, people: People):
    from tests.security.sign_ups_fixtures import phone_form

    found = listed("leusden")
    params = {"activiteit": str(found["activity"]), "datum": found["key"]}

    async def go():
        state = await (await root_state(people.tokens["coordinator"], "leusden", params=params)).get_state(
            SignUpsState
        )
        await run_handler(state, "load")
        await run_handler(state, "add", {**phone_form("leusden"), "phone": "bel mij"})
        kept = (state.name, state.phone, state.problems["phone"] != "", len(state.booked))
        await run_handler(state, "add", phone_form("leusden"))
        return state, kept

    state, kept = asyncio.run(go())
    assert kept == ("Henk", "bel mij", True, 1)
    assert [r.name for r in state.booked] == ["Els", "Henk"]
    assert (state.done_name, state.name, state.phone) == ("Henk", "", "")
    assert state.booked[1].by_phone and state.booked[1].tel_href == "tel:0331234567"
