"""The public sociale kaart reads only the hub in the address: another hub's service id, junk, or a
service no longer active finds nothing, without an error, and nothing of the other hub is shown."""

import asyncio

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import Hub, Service
from tests.security.conftest import root_state, run_handler


def _services(db, slug: str) -> list[Service]:
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == slug)).one()
        found = list(session.exec(select(Service).where(Service.hub_id == hub_id)).all())
        session.expunge_all()
    return found


def _card(dienst: str, hub: str = "leusden"):
    from state.directory.service import ServiceState

    async def go():
        state = await (await root_state(None, hub, params={"dienst": dienst})).get_state(ServiceState)
        await run_handler(state, "load")
        return state

    return asyncio.run(go())


def test_the_list_holds_only_the_hubs_own_active_services(db):
    from state.directory.kaart import KaartState

    async def go():
        state = await (await root_state(None, "leusden")).get_state(KaartState)
        await run_handler(state, "load")
        return state

    state = asyncio.run(go())
    shown = {card["id"] for cards in state.cards.values() for card in cards}
    leusden = {str(s.id) for s in _services(db, "leusden") if s.status == "active"}
    assert shown == leusden
    assert not shown & {str(s.id) for s in _services(db, "poperinge")}


def test_a_card_of_the_hub_itself_shows(db):
    service = next(s for s in _services(db, "leusden") if s.status == "active" and s.phone)
    state = _card(str(service.id))
    assert state.known and state.card["name"] == service.name
    assert state.card["tel_href"].startswith("tel:")
    assert state.checked["nl"].startswith("Laatst gecontroleerd op ")


@pytest.mark.parametrize("dienst", ["other-hub", "", "0", "-1", "abc", "1 OR 1=1", "9" * 40, "١٢"])
def test_another_hubs_id_or_junk_finds_nothing(db, dienst):
    other = _services(db, "poperinge")[0]
    state = _card(str(other.id) if dienst == "other-hub" else dienst)
    assert state.loaded and not state.known
    assert state.card == {} and state.week == {} and state.now_line == {}


def test_a_service_that_is_no_longer_active_is_not_shown(db):
    service = _services(db, "leusden")[0]
    with Session(db) as session:
        stored = session.get(Service, service.id)
        stored.status = "defunct"
        session.add(stored)
        session.commit()
    assert not _card(str(service.id)).known
