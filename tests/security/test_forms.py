"""A form's problems come back by field (state.actions.act) and write nothing; what is right clears them."""

import asyncio

from sqlmodel import Session, func, select

from mantelzorg_app.models import HelpRequest, Membership
from mantelzorg_app.services.help import requests
from tests.security.conftest import People, root_state, run_handler


def _count(db, table) -> int:
    with Session(db) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def _tab(state_class, token: str, *calls: tuple) -> tuple:
    """Runs (handler, *args) in turn in one tab; the state and what each call returned."""

    async def go():
        state = await (await root_state(token, "leusden")).get_state(state_class)
        return state, [await run_handler(state, handler, *args) for handler, *args in calls]

    return asyncio.run(go())


def test_a_request_in_their_own_words_needs_words(db, people: People):
    from state.help.request_form import FIELDS, RequestFormState

    before = _count(db, HelpRequest)
    own_words = (("load",), ("choose", "category", "vervoer"), ("choose", "example", "-1"))
    state, _ = _tab(RequestFormState, people.tokens["caregiver"], *own_words, ("submit", {"text": "  "}))
    assert state.problems == {**dict.fromkeys(FIELDS, ""), "text": requests.NO_TEXT}
    assert state.problem_list == [{"field": "text", "message": requests.NO_TEXT}]
    assert _count(db, HelpRequest) == before

    state, answers = _tab(
        RequestFormState,
        people.tokens["caregiver"],
        *own_words,
        ("submit", {"text": "  "}),
        ("choose", "wijk", state.wijken[0]["id"]),
        ("submit", {"text": "Wie rijdt mee naar het ziekenhuis?"}),
    )
    assert state.problems == dict.fromkeys(FIELDS, "") and state.problem_list == []
    assert _count(db, HelpRequest) == before + 1
    assert answers[-1] is not None  # on to the requests page


def test_a_volunteer_profile_with_a_wrong_postcode_is_not_saved(db, people: People):
    from state.help.volunteering import PROFILE_FIELDS, ProfileState

    volunteer = people.tokens["volunteer"]
    state, answers = _tab(ProfileState, volunteer, ("load",), ("save", {"postcode": "niet een postcode"}))
    assert state.problems["postcode"] and set(state.problems) == set(PROFILE_FIELDS)
    assert answers[-1] is None  # stays on the form


def test_an_invitation_to_no_address_goes_nowhere(db, people: People):
    from state.help.coordination import INVITE_FIELDS, CoordinationState

    before = _count(db, Membership)
    state, answers = _tab(
        CoordinationState,
        people.tokens["coordinator"],
        ("invite", {"invite_first_name": "Zora", "invite_email": "geen adres"}),
    )
    assert state.problems["email"] and not state.problems["first_name"]
    assert set(state.problems) == set(INVITE_FIELDS)
    assert (state.done, answers[-1], _count(db, Membership)) == ("", None, before)
