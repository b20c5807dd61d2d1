"""Wie is wie: the partners' contact people reach the hub's professionals and coordinators, and
nobody else: not the public card of a service, not the sociale kaart, not a caregiver's tab."""

import asyncio
import inspect
import json

import pytest
import reflex as rx
from sqlmodel import Session, select

from mantelzorg_app.models import Hub, Organization, Service
from tests.security.conftest import People, call, root_state, run_handler

SECRET_CONTACT, SECRET_PHONE, SECRET_HOURS = "Sanne Geheim", "033 999 0000", "op woensdagochtend"


@pytest.fixture
def service_id(db) -> int:
    """A Leusden service whose organisation has a contact person for partners."""
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        organization = Organization(
            hub_id=hub.id,
            uid="test-who-org",
            name="Aaa Testwelzijn",
            partner_contact=SECRET_CONTACT,
            partner_phone=SECRET_PHONE,
            partner_hours=SECRET_HOURS,
        )
        session.add(organization)
        session.flush()
        service = Service(
            hub_id=hub.id,
            organization_id=organization.id,
            uid="test-who-service",
            category="mantelzorgondersteuning",
            name="Testconsulent",
            summary="Een consulent voor de test.",
            phone="033 000 1234",
        )
        session.add(service)
        session.commit()
        return service.id


def _names(state_class: type[rx.State]) -> list[str]:
    """Every var of the state class: the browser's, the computed ones and the backend ``_x`` ones."""
    backend = [name for name in inspect.get_annotations(state_class) if name.startswith("_")]
    return [*state_class.base_vars, *state_class.computed_vars, *backend]


def _everything(state: rx.State) -> str:
    """Every var of the state, the backend ones too, as one text."""
    return json.dumps({name: getattr(state, name) for name in _names(type(state))}, default=str)


def _public_states():
    from state.directory.kaart import KaartState
    from state.directory.service import ServiceState

    return KaartState, ServiceState


def test_the_public_states_hold_no_partner_field():
    for state_class in _public_states():
        assert not [name for name in _names(state_class) if "partner" in name], state_class.__name__


@pytest.mark.parametrize("who", [None, "caregiver", "volunteer", "professional"])
def test_the_card_and_the_kaart_never_carry_the_partner_contact(db, people: People, service_id, who):
    """Not even for staff: the public pages show the public phone only; Wie is wie has the rest."""
    token = people.tokens[who] if who else None

    async def opened(state_class) -> str:
        root = await root_state(token, "leusden", params={"dienst": str(service_id)})
        state = await root.get_state(state_class)
        await run_handler(state, "load")
        return _everything(state)

    for state_class in _public_states():
        text = asyncio.run(opened(state_class))
        for secret in (SECRET_CONTACT, SECRET_PHONE, SECRET_HOURS):
            assert secret not in text, f"{state_class.__name__} as {who} holds {secret!r}"
    assert "033 000 1234" in asyncio.run(opened(_public_states()[1]))  # the public phone is there


def test_staff_see_the_contact_with_a_number_to_tap(db, people: People, service_id):
    from state.directory.who import WhoState

    for who in ("professional", "coordinator"):
        state, _ = call(WhoState, "load", token=people.tokens[who])
        assert state.allowed and state.signed_in
        row = next(r for r in state.rows if r.name == "Aaa Testwelzijn")
        assert (row.contact, row.phone, row.tel, row.hours) == (
            SECRET_CONTACT,
            SECRET_PHONE,
            "tel:0339990000",
            SECRET_HOURS,
        )
        assert row.public_phone == "033 000 1234"
        assert row.services == [
            {"id": str(service_id), "name": "Testconsulent", "category": "mantelzorgondersteuning"}
        ]


@pytest.mark.parametrize("who", [None, "caregiver", "volunteer", "other_hub_coordinator"])
def test_anyone_else_gets_no_contact_in_their_tab(db, people: People, service_id, who):
    from state.directory.who import WhoState

    state, _ = call(WhoState, "load", token=people.tokens[who] if who else None)
    assert not state.allowed and state.signed_in == (who is not None)
    assert SECRET_CONTACT not in _everything(state)


def test_the_filter_narrows_the_rows_to_one_category_and_back(db, people: People, service_id):
    from state.directory.who import WhoState

    async def picked(*categories) -> list[str]:
        state = await (await root_state(people.tokens["professional"], "leusden")).get_state(WhoState)
        await run_handler(state, "load")
        everyone = len(state.rows)
        for category in categories:
            await run_handler(state, "pick", category)
        assert everyone >= len(state.rows)
        return [row.name for row in state.rows]

    all_names = asyncio.run(picked())
    assert "Aaa Testwelzijn" in all_names
    assert asyncio.run(picked("nog-geen-categorie")) == all_names  # unknown: all again
    assert asyncio.run(picked(["lijst"])) == all_names
    support = asyncio.run(picked("mantelzorgondersteuning"))
    assert "Aaa Testwelzijn" in support
    assert asyncio.run(picked("mantelzorgondersteuning", "")) == all_names
    assert asyncio.run(picked("mantelzorgondersteuning", "mantelzorgondersteuning")) == all_names
