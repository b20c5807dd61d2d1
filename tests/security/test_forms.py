"""A form's problems come back by field (state.actions.act) and write nothing; what is right clears them."""

import asyncio

from sqlmodel import Session, col, func, select

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
    """Each step is checked on the server before the next shows; a submit before the last step posts
    nothing; a reload keeps the step and what was typed; the last step posts the request."""
    from state.help.request_form import FIELDS, RequestFormState

    async def go() -> tuple:
        state = await (await root_state(people.tokens["caregiver"], "leusden")).get_state(RequestFormState)
        for call_ in (
            ("load",),
            ("toggle", "kinds", "vervoer"),
            ("go_on", {}),
            ("choose", "example", "-1"),
            ("submit", {}),  # not on the last step: nothing
            ("go_on", {"text": "  "}),
        ):
            await run_handler(state, *call_)
        seen = [(state.step, state.problems, state.problem_list, _count(db, HelpRequest))]
        for call_ in (
            ("keep", "tekst:vervoer", "Wie rijdt mee naar het ziekenhuis?"),
            ("toggle", "kinds", "forged"),
            ("go_on", {}),
            ("go_on", {}),  # when: anything goes
            ("go_on", {}),  # where: nothing chosen yet
        ):
            await run_handler(state, *call_)
        seen.append((state.step, state.problems["place"]))
        await run_handler(state, "load")  # a reload keeps the step and what was typed
        seen.append((state.step, state.postcode))
        await run_handler(state, "choose", "wijk", state.wijken[0]["id"])
        await run_handler(state, "go_on", {})
        went = await run_handler(state, "submit", {})
        return seen, state, went

    before = _count(db, HelpRequest)
    seen, state, went = asyncio.run(go())
    assert seen[0] == (
        "tekst:vervoer",
        {**dict.fromkeys(FIELDS, ""), "text": requests.NO_TEXT},
        [{"field": "text", "message": requests.NO_TEXT}],
        before,
    )
    assert seen[1:] == [("waar", requests.NO_PLACE), ("waar", "")]
    assert state.problems == dict.fromkeys(FIELDS, "") and state.problem_list == []
    assert _count(db, HelpRequest) == before + 1
    assert went is not None  # on to the requests page
    with Session(db) as session:
        newest = session.exec(select(HelpRequest).order_by(col(HelpRequest.id).desc())).first()
        assert (newest.category, newest.text) == ("vervoer", "Wie rijdt mee naar het ziekenhuis?")


def test_two_kinds_make_two_requests_in_the_language_shown(db, people: People):
    from state.help.request_form import RequestFormState
    from state.ui import UiState

    async def go():
        root = await root_state(people.tokens["caregiver"], "leusden")
        (await root.get_state(UiState)).lang = "en"
        state = await root.get_state(RequestFormState)
        await run_handler(state, "load")
        for call_ in (("toggle", "kinds", "oppas"), ("toggle", "kinds", "huishouden"), ("go_on", {})):
            await run_handler(state, *call_)
        assert state.step == "tekst:oppas" and state.sentences[0] == requests.EXAMPLES["oppas"][0]
        await run_handler(state, "go_on", {})
        await run_handler(state, "choose", "home_visit", "nee")
        for call_ in (("go_on", {}), ("go_on", {}), ("choose", "wijk", state.wijken[0]["id"]), ("go_on", {})):
            await run_handler(state, *call_)
        assert state.step == "controle" and len(state.rows) == 2
        return await run_handler(state, "submit", {})

    before = _count(db, HelpRequest)
    assert asyncio.run(go()) is not None
    with Session(db) as session:
        made = session.exec(select(HelpRequest).where(HelpRequest.id > 0).order_by(HelpRequest.id)).all()[
            before:
        ]
    assert [(r.category, r.home_visit) for r in made] == [("oppas", True), ("huishouden", False)]
    assert made[0].text == "Who can stay for an afternoon, so I can go out for a while?"


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
