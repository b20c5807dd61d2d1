"""The coordinator links a professional to an organisation on the beheer page; only then does the
professional see Mijn organisatie (on Home, and the organisation's services there). Forged links:
another hub's professional or organisation, junk ids, anyone but the hub's coordinator."""

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import Hub, Membership, Person, Role
from tests.security.conftest import People, call, call_in_turn, refusals


def _coordination():
    from state.help.coordination import CoordinationState

    return CoordinationState


def _link(people: People, membership, organization, who: str = "coordinator", hub: str = "leusden"):
    form = {"medewerker": str(membership), "organisatie": str(organization)}
    return call(_coordination(), "link_organization", form, token=people.tokens.get(who), hub=hub)[0]


def _fatima_links(db, people: People):
    with Session(db) as session:
        return session.get(Membership, people.ids["professional_membership"]).organization_id


def _partner_sees(people: People) -> tuple[str, list[str], bool]:
    from state.directory.partner import PartnerState
    from state.home import HomeState

    token = people.tokens["professional"]
    partner = call_in_turn(PartnerState, ("load",), token=token)
    home = call_in_turn(HomeState, ("load",), token=token)
    return partner.organization_name, [s["name"] for s in partner.services], home.partner


def test_a_linked_professional_sees_the_organisations_services(db, people: People):
    fatima, organization = people.ids["professional_membership"], people.ids["partner_organization"]
    state = call_in_turn(_coordination(), ("load",), token=people.tokens["coordinator"])
    row = next(r for r in state.professionals if r["id"] == str(fatima))
    assert row["organization"] == str(organization) and row["organization_name"] == "Partnerorganisatie"
    assert {"id": str(organization), "name": "Partnerorganisatie"} in state.organizations
    assert _partner_sees(people) == ("Partnerorganisatie", ["Partnermaaltijd"], True)

    state = _link(people, fatima, "")  # "Geen organisatie"
    assert state.done == "Opgeslagen." and _fatima_links(db, people) is None
    row = next(r for r in state.professionals if r["id"] == str(fatima))
    assert row["organization"] == "" and row["organization_name"] == ""
    assert _partner_sees(people)[1:] == ([], False)

    _link(people, fatima, organization)
    assert _fatima_links(db, people) == organization
    assert _partner_sees(people) == ("Partnerorganisatie", ["Partnermaaltijd"], True)


def _other_hub_professional(db) -> int:
    with Session(db) as session:
        return session.exec(
            select(Membership.id)
            .join(Hub, Hub.id == Membership.hub_id)
            .join(Person, Person.id == Membership.person_id)
            .where(Hub.slug == "poperinge", Membership.role == Role.professional, Person.first_name == "Koen")
        ).one()


@pytest.mark.parametrize(
    "forged",
    [
        "other hub professional",
        "other hub organisation",
        "volunteer",
        "coordinator",
        "junk membership",
        "junk organisation",
        "no form",
    ],
)
def test_forged_links_change_nothing_and_are_logged(db, people: People, forged: str):
    ours, theirs = people.ids["partner_organization"], people.ids["other_hub_partner_organization"]
    fatima = people.ids["professional_membership"]
    membership, organization = {
        "other hub professional": (_other_hub_professional(db), ours),
        "other hub organisation": (fatima, theirs),
        "volunteer": (people.ids["volunteer_membership"], ours),  # not a professional
        "coordinator": (people.ids["coordinator_membership"], ours),
        "junk membership": ("__class__", ours),
        "junk organisation": (fatima, "1; drop table"),
        "no form": (None, None),
    }[forged]
    _link(people, fatima, "")  # so that linking her again would change something
    before = refusals(db)
    with Session(db) as session:
        links = session.exec(select(Membership.id, Membership.organization_id).order_by(Membership.id)).all()
    if forged == "no form":
        call(_coordination(), "link_organization", "x", token=people.tokens["coordinator"])
    else:
        _link(people, membership, organization)
    with Session(db) as session:
        after = session.exec(select(Membership.id, Membership.organization_id).order_by(Membership.id)).all()
    assert after == links
    assert refusals(db) > before


def test_another_hubs_coordinator_cannot_link_their_own_professional_to_our_organisation(db, people):
    koen = _other_hub_professional(db)
    before = refusals(db)
    _link(people, koen, people.ids["partner_organization"], who="other_hub_coordinator", hub="poperinge")
    with Session(db) as session:
        assert session.get(Membership, koen).organization_id != people.ids["partner_organization"]
    assert refusals(db) > before
    # Their own organisation is theirs to link.
    theirs = people.ids["other_hub_partner_organization"]
    _link(people, koen, theirs, who="other_hub_coordinator", hub="poperinge")
    with Session(db) as session:
        assert session.get(Membership, koen).organization_id == theirs
