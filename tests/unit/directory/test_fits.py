"""The two or three services on the Wegwijzer's result page: the help chosen, the wijk, the load."""

from types import SimpleNamespace

import pytest
from sqlmodel import Session

from mantelzorg_app.services.directory import fits
from tests.unit.directory.directory_fixtures import add_organization, add_service
from tests.unit.help_fixtures import help_world


@pytest.fixture
def kaart(session: Session) -> SimpleNamespace:
    help = help_world(session)
    leusden = help.leusden
    welzijn = add_organization(session, leusden, "Welzijn Leusden")
    thuiszorg = add_organization(session, leusden, "Thuiszorg Eemland")
    buren = add_organization(session, leusden, "Buren helpen buren", informal=True)
    cafe = add_organization(session, leusden, "Mantelzorgcafé Leusden", informal=True)
    services = SimpleNamespace(
        help=help,
        consulent=add_service(session, welzijn, "Consulent mantelzorg", "mantelzorgondersteuning"),
        cafe=add_service(session, cafe, "Het Mantelzorgcafé", "mantelzorgondersteuning"),
        lotgenoten=add_service(session, cafe, "Praatgroep", "lotgenoten"),
        boodschappen_zuid=add_service(
            session, buren, "Boodschappen in Zuid", "boodschappen", wijken=[help.zuid], phone="033 000 3333"
        ),
        boodschappen_centrum=add_service(
            session, buren, "Boodschappen in het Centrum", "boodschappen", wijken=[help.centrum]
        ),
        bezorgd=add_service(session, thuiszorg, "Boodschappen aan huis", "boodschappen"),
        vervoer=add_service(session, buren, "Vrijwilligers rijden", "vervoer"),
        regiotaxi=add_service(session, thuiszorg, "Regiotaxi", "vervoer"),
        huishouden=add_service(session, thuiszorg, "Hulp in huis", "huishoudelijke_hulp"),
        gesloten=add_service(session, buren, "Klusjes (gestopt)", "buurthulp", status="inactive"),
    )
    elsewhere = add_organization(session, help.poperinge, "OCMW Poperinge")
    services.poperinge = add_service(session, elsewhere, "Boodschappen Poperinge", "boodschappen")
    return services


def names(found) -> list[str]:
    return [s.name for s in found]


def test_the_help_chosen_gives_its_services_for_the_wijk_first(session, kaart):
    zuid = kaart.help.zuid.id
    found = fits.fitting(session, kaart.help.leusden.id, ["boodschappen"], zuid, heavy=False)
    # Zuid's own volunteers first, then the whole hub's; never the Centrum's, never Poperinge's
    assert names(found) == ["Boodschappen in Zuid", "Boodschappen aan huis"]


def test_an_unknown_wijk_gets_the_whole_hubs_services_only(session, kaart):
    found = fits.fitting(session, kaart.help.leusden.id, ["boodschappen"], None, heavy=False)
    assert names(found) == ["Boodschappen aan huis"]


def test_each_kind_of_help_chosen_shows_and_there_are_at_most_three(session, kaart):
    found = fits.fitting(
        session, kaart.help.leusden.id, ["boodschappen", "vervoer", "huishouden", "praten"], None, heavy=False
    )
    assert len(found) == 3
    # one of each in the taxonomy's order: support, household, transport (informal before professional)
    assert names(found) == ["Het Mantelzorgcafé", "Hulp in huis", "Vrijwilligers rijden"]


def test_a_heavy_load_puts_the_consulent_first(session, kaart):
    found = fits.fitting(session, kaart.help.leusden.id, ["vervoer"], kaart.help.zuid.id, heavy=True)
    assert found[0].id == kaart.consulent.id
    # then professional first within a category, but informal help too
    assert names(found) == ["Consulent mantelzorg", "Regiotaxi", "Vrijwilligers rijden"]


def test_a_heavy_load_without_help_chosen_still_gets_the_consulent(session, kaart):
    found = fits.fitting(session, kaart.help.leusden.id, [], None, heavy=True)
    assert names(found) == ["Consulent mantelzorg", "Het Mantelzorgcafé"]


def test_no_help_chosen_gives_the_support_for_caregivers(session, kaart):
    found = fits.fitting(session, kaart.help.leusden.id, [], None, heavy=False)
    assert names(found) == ["Het Mantelzorgcafé", "Consulent mantelzorg"]


def test_informal_and_professional_are_mixed(session, kaart):
    # One of each category in turn gives three volunteers' services (informal first); the last
    # that has a professional one in its own category makes way for it, so each category stays.
    found = fits.fitting(session, kaart.help.leusden.id, ["praten", "vervoer"], None, heavy=False)
    assert names(found) == ["Het Mantelzorgcafé", "Regiotaxi", "Praatgroep"]
    # heavy: three professional ones; the last with an informal one of its own category gives way
    found = fits.fitting(session, kaart.help.leusden.id, ["vervoer", "huishouden"], None, heavy=True)
    assert names(found) == ["Consulent mantelzorg", "Hulp in huis", "Vrijwilligers rijden"]


def test_all_informal_makes_way_for_a_professional(session, kaart):
    found = fits.fitting(session, kaart.help.leusden.id, ["praten"], None, heavy=False)
    assert names(found) == ["Het Mantelzorgcafé", "Praatgroep", "Consulent mantelzorg"]
    found = fits.fitting(
        session, kaart.help.leusden.id, ["boodschappen", "gezelschap"], kaart.help.zuid.id, False
    )
    assert names(found) == ["Boodschappen in Zuid", "Boodschappen aan huis"]  # nothing for gezelschap here


def test_the_same_answers_give_the_same_services(session, kaart):
    answers = (kaart.help.leusden.id, ["huishouden", "boodschappen", "vervoer"], kaart.help.centrum.id, False)
    first = [s.id for s in fits.fitting(session, *answers)]
    assert all([s.id for s in fits.fitting(session, *answers)] == first for _ in range(3))


def test_another_hub_gets_only_its_own(session, kaart):
    found = fits.fitting(session, kaart.help.poperinge.id, ["boodschappen"], None, heavy=True)
    assert names(found) == ["Boodschappen Poperinge"]


def test_serves_reads_the_wijken_a_service_is_for(kaart):
    zuid, centrum = kaart.help.zuid.id, kaart.help.centrum.id
    assert fits.serves(kaart.boodschappen_zuid, zuid) and not fits.serves(kaart.boodschappen_zuid, centrum)
    assert not fits.serves(kaart.boodschappen_zuid, None)
    assert fits.serves(kaart.bezorgd, None) and fits.serves(kaart.bezorgd, centrum)
