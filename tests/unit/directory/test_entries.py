"""The sociale kaart's one order, the same on SQLite and PostgreSQL (the HSDS API pages through it)."""

from sqlmodel import Session

from mantelzorg_app.services.directory import entries, transfer
from tests.unit.auth_fixtures import two_hubs
from tests.unit.directory.directory_fixtures import add_organization, add_service


def test_published_is_by_category_then_name_without_regard_to_case_then_id(session: Session):
    world = two_hubs(session)
    one = add_organization(session, world.leusden, "Eén")
    two = add_organization(session, world.leusden, "Twee")
    # added out of order; two services share a name, one only differs in case
    bus = add_service(session, one, "rolstoelbus", "vervoer")
    taxi = add_service(session, one, "Regiotaxi", "vervoer")
    first_twin = add_service(session, one, "Automaatje", "vervoer")
    second_twin = add_service(session, two, "Automaatje", "vervoer")
    cafe = add_service(session, one, "Mantelzorgcafé", "mantelzorgondersteuning")
    add_service(session, one, "Gestopt", "vervoer", status="inactive")

    shown = entries.published(session, world.leusden.id)

    assert [s.id for s in shown] == [cafe.id, first_twin.id, second_twin.id, taxi.id, bus.id]
    assert first_twin.id < second_twin.id
    # the download holds every service (also the stopped one) in the same order
    exported = [record["name"] for record in transfer.export_hub(session, world.leusden.id)]
    assert exported == ["Mantelzorgcafé", "Automaatje", "Automaatje", "Gestopt", "Regiotaxi", "rolstoelbus"]
