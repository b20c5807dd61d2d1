"""The volunteer's profile form keeps what this tab chose and typed across a reload, on the server,
until it is saved; another hub's page, or a save, reads the stored profile again."""

import asyncio

from sqlmodel import Session, select

from mantelzorg_app.models import VolunteerProfile
from tests.security.conftest import People, root_state, run_handler


def _tab(token: str, *calls: tuple, hub: str = "leusden"):
    from state.help.volunteering import ProfileState

    async def go():
        state = await (await root_state(token, hub)).get_state(ProfileState)
        for handler, *args in calls:
            await run_handler(state, handler, *args)
        return state

    return asyncio.run(go())


def test_a_reload_keeps_the_taps_and_the_typed_postcode_until_saved(db, people: People):
    volunteer = people.tokens["volunteer"]
    state = _tab(volunteer, ("load",))
    had_praten = "praten" in state.categories
    state = _tab(
        volunteer,
        ("load",),
        ("toggle", "categories", "praten"),
        ("keep_postcode", "3832 AB"),
        ("keep_postcode", ["not", "text"]),  # anything but text is ignored
        ("load",),  # the reload
    )
    assert ("praten" in state.categories) != had_praten
    assert state.postcode == "3832 AB"
    with Session(db) as session:  # nothing stored yet
        stored = session.exec(
            select(VolunteerProfile.postcode).where(
                VolunteerProfile.person_id == people.ids["volunteer_person"]
            )
        ).all()
    assert "3832 AB" not in stored

    state = _tab(
        volunteer,
        ("load",),
        ("keep_postcode", "3832 AB"),
        ("save", {"postcode": "3832 AB"}),
        ("load",),
    )
    assert state._form_hub is not None and state.postcode == "3832 AB"  # read from the stored profile
    with Session(db) as session:
        assert (
            "3832 AB"
            in session.exec(
                select(VolunteerProfile.postcode).where(
                    VolunteerProfile.person_id == people.ids["volunteer_person"]
                )
            ).all()
        )


def test_nobody_and_no_other_role_gets_a_form_to_keep(db, people: People):
    for token in (None, people.tokens["caregiver"]):
        state = _tab(token, ("load",), ("keep_postcode", "3832 AB"), ("toggle", "categories", "praten"))
        assert state.postcode == "" and state.categories == [] and state._form == {}
