"""Partners keep their own entries: who may propose, what is checked, one waiting edit a service,
and the coordinator's yes or no (services.directory.edits)."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import (
    AuditEvent,
    EditOutcome,
    Hub,
    Membership,
    Organization,
    Person,
    Role,
    SearchDocument,
    Service,
    ServiceEdit,
    ServiceSchedule,
    Wijk,
)
from mantelzorg_app.services.directory import edits
from mantelzorg_app.services.identity.authz import Actor, Refused
from mantelzorg_app.services.platform.problems import Invalid

NOW = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)


@dataclass
class World:
    leusden: Hub
    poperinge: Hub
    centrum: Wijk
    zuid: Wijk
    thuiszorg: Organization  # Fatima's
    buurthulp: Organization  # Kees's
    elders: Organization  # in Poperinge
    service: Service  # Thuiszorg's, with hours
    elders_service: Service
    people: dict[str, Person]

    def actor(self, who: str, *roles: Role, hub: Hub | None = None) -> Actor:
        person = self.people[who]
        return Actor(person.id, person.first_name, (hub or self.leusden).id, frozenset(roles))

    @property
    def fatima(self) -> Actor:
        return self.actor("Fatima", Role.professional)

    @property
    def gerrit(self) -> Actor:
        return self.actor("Gerrit", Role.coordinator)


@pytest.fixture
def world(session: Session) -> World:
    leusden = Hub(
        slug="leusden", name="Leusden", country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL"
    )
    poperinge = Hub(
        slug="poperinge", name="Poperinge", country="BE", timezone="Europe/Brussels", speech_locale="nl-BE"
    )
    session.add_all([leusden, poperinge])
    session.flush()
    centrum = Wijk(hub_id=leusden.id, slug="centrum", name="Centrum", kind="wijk", postcodes="3831")
    zuid = Wijk(hub_id=leusden.id, slug="zuid", name="Zuid", kind="wijk", postcodes="3832 3833")
    watou = Wijk(hub_id=poperinge.id, slug="watou", name="Watou", kind="deelgemeente", postcodes="8978")
    thuiszorg = Organization(hub_id=leusden.id, uid="org-1", name="Thuiszorg Voorbeeld")
    buurthulp = Organization(hub_id=leusden.id, uid="org-2", name="Buurthulp Voorbeeld", informal=True)
    elders = Organization(hub_id=poperinge.id, uid="org-3", name="Thuiszorg Elders")
    session.add_all([centrum, zuid, watou, thuiszorg, buurthulp, elders])
    session.flush()
    service = Service(
        hub_id=leusden.id,
        organization_id=thuiszorg.id,
        uid="svc-1",
        category="thuiszorg",
        name="Wijkverpleging",
        summary="Verpleging bij u thuis.",
        description="Een verpleegkundige komt bij u thuis.",
        phone="033-000 0001",
        phone_uid="ph-1",
    )
    elders_service = Service(
        hub_id=poperinge.id,
        organization_id=elders.id,
        uid="svc-2",
        category="thuiszorg",
        name="Thuisverpleging",
    )
    session.add_all([service, elders_service])
    session.flush()
    session.add_all(
        [
            ServiceSchedule(
                service_id=service.id, uid="s-1", byday="MO,TU", opens_at="09:00", closes_at="17:00"
            ),
            ServiceSchedule(
                service_id=service.id,
                uid="s-2",
                freq="MONTHLY",
                byday="1WE",
                opens_at="19:00",
                closes_at="21:00",
            ),
        ]
    )
    people = {}
    for name, hub, role, organization in (
        ("Fatima", leusden, Role.professional, thuiszorg),
        ("Kees", leusden, Role.professional, buurthulp),
        ("Nora", leusden, Role.professional, None),
        ("Gerrit", leusden, Role.coordinator, None),
        ("Anna", leusden, Role.caregiver, None),
        ("Piet", poperinge, Role.professional, elders),
        ("Jolien", poperinge, Role.coordinator, None),
    ):
        person = Person(first_name=name, email=f"{name.lower()}@example.org")
        session.add(person)
        session.flush()
        session.add(
            Membership(
                person_id=person.id,
                hub_id=hub.id,
                role=role,
                organization_id=organization.id if organization else None,
            )
        )
        people[name] = person
    session.commit()
    return World(
        leusden, poperinge, centrum, zuid, thuiszorg, buurthulp, elders, service, elders_service, people
    )


def _form(**changed) -> dict:
    return {
        **edits.blank(),
        "category": "thuiszorg",
        "name": "Wijkverpleging",
        "summary": "Verpleging bij u thuis.",
        "description": "Een verpleegkundige komt bij u thuis.",
        "phone": "033-000 0001",
        "hours_MO": "9.00-17.00",
        "hours_TU": "9.00-17.00",
        **changed,
    }


def _refusals(session: Session) -> int:
    return len(session.exec(select(AuditEvent).where(AuditEvent.action == "refused")).all())


def test_the_organisations_professional_and_the_coordinator_may_edit(session, world):
    assert edits.may_edit(session, world.fatima, world.thuiszorg.id)
    assert edits.may_edit(session, world.gerrit, world.thuiszorg.id)
    assert edits.may_edit(session, world.gerrit, world.buurthulp.id)
    assert not edits.may_edit(session, world.fatima, world.buurthulp.id)  # another organisation
    assert not edits.may_edit(session, world.actor("Nora", Role.professional), world.thuiszorg.id)
    assert not edits.may_edit(session, world.actor("Anna", Role.caregiver), world.thuiszorg.id)
    assert not edits.may_edit(session, world.gerrit, world.elders.id)  # another hub's
    piet_here = world.actor("Piet", Role.professional)  # no role in Leusden
    assert not edits.may_edit(session, piet_here, world.elders.id)
    assert not edits.may_edit(session, world.fatima, "1") and not edits.may_edit(session, world.fatima, True)
    assert not edits.may_edit(session, world.fatima, 10**12)
    assert [o.name for o in edits.organizations_of(session, world.fatima)] == ["Thuiszorg Voorbeeld"]
    assert [o.name for o in edits.organizations_of(session, world.gerrit)] == [
        "Buurthulp Voorbeeld",
        "Thuiszorg Voorbeeld",
    ]
    assert edits.organizations_of(session, world.actor("Anna", Role.caregiver)) == []


@pytest.mark.parametrize(
    ("who", "roles", "organization", "hub"),
    [
        ("Kees", (Role.professional,), "thuiszorg", "leusden"),  # another organisation's professional
        ("Anna", (Role.caregiver,), "thuiszorg", "leusden"),
        ("Anna", (), "thuiszorg", "leusden"),
        ("Piet", (Role.professional,), "thuiszorg", "poperinge"),  # another hub's professional
        ("Jolien", (Role.coordinator,), "thuiszorg", "poperinge"),  # another hub's coordinator
        ("Fatima", (Role.professional,), "elders", "leusden"),  # an organisation of another hub
    ],
)
def test_anyone_else_is_refused_and_logged(session, world, who, roles, organization, hub):
    actor = world.actor(who, *roles, hub=getattr(world, hub))
    before = _refusals(session)
    with pytest.raises(Refused):
        edits.propose(session, actor, getattr(world, organization).id, None, _form())
    assert _refusals(session) == before + 1
    assert session.exec(select(ServiceEdit)).all() == []


def test_a_service_of_another_organisation_or_hub_is_refused(session, world):
    for organization, service in ((world.thuiszorg, world.elders_service), (world.buurthulp, world.service)):
        with pytest.raises(Refused):
            edits.propose(session, world.gerrit, organization.id, service.id, _form())
    with pytest.raises(Refused):
        edits.propose(session, world.fatima, world.thuiszorg.id, 999999, _form())
    assert session.exec(select(ServiceEdit)).all() == []


def test_the_form_shows_the_entry_with_its_weekly_hours(session, world):
    entry = edits.entry_of(session, world.service)
    assert entry["hours_MO"] == entry["hours_TU"] == "9.00-17.00"
    assert entry["hours_WE"] == ""  # the monthly evening is not a weekday line; it stays
    assert edits.other_hours(session, world.service.id)
    assert set(entry) == set(edits.EDITABLE_FIELDS)


def test_each_wrong_field_gets_its_own_message(session, world):
    wrong = _form(
        category="zwemmen",
        name="",
        summary="x" * 161,
        phone="033 12a 456",
        email="fatima bij voorbeeld",
        url="geen website",
        address_1="",
        postal_code="8970",
        hours_WE="9 tot 5",
        area=["999"],
        languages=["xx"],
    )
    with pytest.raises(Invalid) as raised:
        edits.propose(session, world.fatima, world.thuiszorg.id, world.service.id, wrong)
    assert raised.value.problems == {
        "category": edits.MISSING_CATEGORY,
        "name": edits.MISSING_NAME,
        "summary": "Dit is te lang. Gebruik niet meer dan {most} tekens.",
        "phone": "Dit telefoonnummer klopt niet. Typ alleen cijfers, spaties of een streepje.",
        "email": edits.WRONG_EMAIL,
        "url": edits.WRONG_URL,
        "address_1": edits.MISSING_STREET,
        "city": edits.MISSING_CITY,
        "postal_code": "Deze postcode ligt niet in {hub}.",
        "hours_WE": edits.WRONG_HOURS,
        "area": edits.WRONG_AREA,
        "languages": edits.WRONG_LANGUAGES,
    }
    assert session.exec(select(ServiceEdit)).all() == []


@pytest.mark.parametrize(
    ("changed", "field", "message"),
    [
        ({"phone": "", "email": "", "url": ""}, "phone", edits.NO_CONTACT),
        ({"phone": "033 1234"}, "phone", edits.SHORT_PHONE),
        ({"address_1": "Hoofdstraat 1", "city": "Leusden"}, "postal_code", edits.MISSING_POSTCODE),
        ({"address_1": "Hoofdstraat 1", "postal_code": "3831", "city": ""}, "city", edits.MISSING_CITY),
        (
            {"address_1": "Hoofdstraat 1", "postal_code": "ABCD", "city": "Leusden"},
            "postal_code",
            edits.WRONG_POSTCODE,
        ),
        ({"hours_MO": "9.00-12.00, 11.00-13.00"}, "hours_MO", edits.WRONG_HOURS),  # overlapping
        ({"hours_MO": "17-9"}, "hours_MO", edits.WRONG_HOURS),
        ({"area": "1"}, "area", edits.WRONG_AREA),  # not a list
    ],
)
def test_more_wrong_fields(session, world, changed, field, message):
    with pytest.raises(Invalid) as raised:
        edits.propose(session, world.fatima, world.thuiszorg.id, world.service.id, _form(**changed))
    assert raised.value.problems == {field: message}


def test_a_proposal_waits_tidied_and_the_card_stays_as_it_was(session, world):
    form = _form(
        phone=" 033 - 000 0002 ",
        email=" Fatima@Example.ORG",
        url="www.thuiszorg-voorbeeld.nl",
        address_1="Hoofdstraat  1",
        postal_code="3832ab",
        city="Leusden",
        hours_MO="9-12 en 13.00 tot 17.30",
        hours_TU="9.00-17.00",
        area=[str(world.zuid.id), str(world.centrum.id)],
        languages=["nl", "en"],
        junk="ignored",
    )
    edit = edits.propose(session, world.fatima, world.thuiszorg.id, world.service.id, form)
    session.commit()
    entry = edits.proposed(edit)
    assert entry["email"] == "fatima@example.org" and entry["url"] == "https://www.thuiszorg-voorbeeld.nl"
    assert entry["postal_code"] == "3832 AB" and entry["address_1"] == "Hoofdstraat 1"
    assert entry["hours_MO"] == "9.00-12.00, 13.00-17.30"
    assert entry["area"] == [str(world.centrum.id), str(world.zuid.id)]  # the hub's order
    assert "junk" not in json.loads(edit.fields)
    assert edit.outcome == EditOutcome.waiting and edit.author_id == world.people["Fatima"].id
    assert session.get(Service, world.service.id).phone == "033-000 0001"  # not before approval


def test_one_waiting_edit_a_service_a_new_proposal_replaces_the_authors(session, world):
    first = edits.propose(session, world.fatima, world.thuiszorg.id, world.service.id, _form(name="Een"))
    second = edits.propose(session, world.fatima, world.thuiszorg.id, world.service.id, _form(name="Twee"))
    assert first.id == second.id and edits.proposed(second)["name"] == "Twee"
    assert len(session.exec(select(ServiceEdit)).all()) == 1
    with pytest.raises(Invalid) as raised:  # the coordinator's proposal waits behind hers
        edits.propose(session, world.gerrit, world.thuiszorg.id, world.service.id, _form(name="Drie"))
    assert raised.value.problems == {"send": edits.OTHER_WAITING}


def test_a_waiting_new_service_is_replaced_only_by_its_author(session, world):
    new = edits.propose(session, world.fatima, world.thuiszorg.id, None, _form(name="Nieuw"))
    again = edits.propose(
        session, world.fatima, world.thuiszorg.id, None, _form(name="Nieuwer"), replaces=new.id
    )
    assert again.id == new.id and edits.proposed(again)["name"] == "Nieuwer"
    with pytest.raises(Refused):
        edits.propose(session, world.gerrit, world.thuiszorg.id, None, _form(), replaces=new.id)


def test_one_person_may_have_only_so_many_waiting(session, world, monkeypatch):
    monkeypatch.setattr(edits, "MAX_WAITING", 2)
    edits.propose(session, world.fatima, world.thuiszorg.id, None, _form(name="Een"))
    edits.propose(session, world.fatima, world.thuiszorg.id, None, _form(name="Twee"))
    with pytest.raises(Invalid) as raised:
        edits.propose(session, world.fatima, world.thuiszorg.id, None, _form(name="Drie"))
    assert raised.value.problems == {"send": edits.TOO_MANY}


def test_the_coordinator_sees_what_changes(session, world):
    form = _form(phone="033-000 0002", hours_WE="10-12", category="dagbesteding", languages=["nl", "en"])
    edits.propose(session, world.fatima, world.thuiszorg.id, world.service.id, form)
    edits.propose(session, world.fatima, world.thuiszorg.id, None, _form(name="Nieuw"))
    session.commit()
    change, new = edits.waiting(session, world.leusden.id)
    assert edits.waiting(session, world.poperinge.id) == []
    assert (change.name, change.author, change.organization, change.is_new) == (
        "Wijkverpleging",
        "Fatima",
        "Thuiszorg Voorbeeld",
        False,
    )
    assert {c.field: (c.old, c.new, c.words) for c in change.changes} == {
        "category": (("Zorg thuis",), ("Dagbesteding",), True),
        "phone": (("033-000 0001",), ("033-000 0002",), False),
        "hours_WE": ((), ("10.00-12.00",), False),
        "languages": (("nl",), ("nl", "en"), False),
    }
    said = {c.field: c.in_words_all() for c in change.changes}
    assert said["languages"] == (
        {"nl": "Talen", "en": "Languages"},
        {"nl": "Nederlands", "en": "Dutch"},
        {"nl": "Nederlands, Engels", "en": "Dutch, English"},
    )
    assert said["hours_WE"][0] == {"nl": "Woensdag", "en": "Wednesday"}  # Babel's day names
    assert said["category"][2]["nl"] == "Dagbesteding"
    assert new.is_new and {c.field for c in new.changes} >= {"name", "summary", "phone", "category"}


def test_approval_puts_it_on_the_card_checked_today_and_indexed(session, world):
    form = _form(
        phone="033-000 0002",
        hours_MO="9.00-17.00",
        hours_TU="9-12",
        address_1="Dorpsweg 2",
        postal_code="3831",
        city="Leusden",
    )
    edit = edits.propose(session, world.fatima, world.thuiszorg.id, world.service.id, form)
    session.commit()
    told = edits.approve(session, world.gerrit, edit.id, base="https://hub.example", now=NOW)
    session.commit()
    service = session.get(Service, world.service.id)
    assert service.phone == "033-000 0002" and service.checked_on == NOW.date()
    assert service.wijk_id == world.centrum.id and service.location_uid and service.address_uid
    assert (service.city, service.state_province, service.country) == ("Leusden", "Utrecht", "NL")
    schedules = {
        (s.freq, s.byday, s.opens_at, s.closes_at): s.uid
        for s in session.exec(select(ServiceSchedule).where(ServiceSchedule.service_id == service.id))
    }
    assert set(schedules) == {
        ("WEEKLY", "MO", "09:00", "17:00"),
        ("WEEKLY", "TU", "09:00", "12:00"),
        ("MONTHLY", "1WE", "19:00", "21:00"),  # kept with its id
    }
    assert schedules[("MONTHLY", "1WE", "19:00", "21:00")] == "s-2"
    assert session.get(ServiceEdit, edit.id).outcome == EditOutcome.approved
    assert session.exec(select(SearchDocument).where(SearchDocument.ref == str(service.id))).one()
    (message,) = told
    assert message.to == "fatima@example.org" and message.subject == "Uw wijziging staat op de sociale kaart"
    assert (
        "Hallo Fatima" in message.body
        and f"https://hub.example/leusden/sociale-kaart/{service.id}" in message.body
    )
    with pytest.raises(Invalid):  # decided once
        edits.approve(session, world.gerrit, edit.id)


def test_an_approved_new_service_gets_new_ids(session, world):
    edit = edits.propose(
        session, world.fatima, world.thuiszorg.id, None, _form(name="Nieuwe dienst", hours_FR="9-12")
    )
    edits.approve(session, world.gerrit, edit.id, now=NOW)
    session.commit()
    service = session.exec(select(Service).where(Service.name == "Nieuwe dienst")).one()
    assert service.organization_id == world.thuiszorg.id and service.hub_id == world.leusden.id
    assert len(service.uid) == 36 and service.phone_uid and service.country == "NL"
    assert session.get(ServiceEdit, edit.id).service_id == service.id


def test_only_the_hubs_coordinator_decides(session, world):
    edit = edits.propose(
        session, world.fatima, world.thuiszorg.id, world.service.id, _form(phone="033-000 0009")
    )
    session.commit()
    for actor in (world.fatima, world.actor("Jolien", Role.coordinator, hub=world.poperinge)):
        before = _refusals(session)
        with pytest.raises(Refused):
            edits.approve(session, actor, edit.id)
        with pytest.raises(Refused):
            edits.refuse(session, actor, edit.id, "Nee")
        assert _refusals(session) == before + 2
    with pytest.raises(Refused):
        edits.approve(session, world.gerrit, "1")
    assert session.get(ServiceEdit, edit.id).outcome == EditOutcome.waiting
    assert session.get(Service, world.service.id).phone == "033-000 0001"


def test_a_refusal_needs_a_reason_and_mails_it(session, world):
    edit = edits.propose(
        session, world.fatima, world.thuiszorg.id, world.service.id, _form(phone="033-000 0009")
    )
    session.commit()
    with pytest.raises(Invalid) as raised:
        edits.refuse(session, world.gerrit, edit.id, "  ")
    assert raised.value.problems == {"note": edits.MISSING_NOTE}
    (message,) = edits.refuse(session, world.gerrit, edit.id, "Dit nummer is van {de} huisarts.")
    session.commit()
    assert "Dit nummer is van {de} huisarts." in message.body and message.to == "fatima@example.org"
    assert session.get(ServiceEdit, edit.id).outcome == EditOutcome.refused
    assert session.get(Service, world.service.id).phone == "033-000 0001"
    # refused: she may propose again
    assert edits.propose(session, world.fatima, world.thuiszorg.id, world.service.id, _form()).id != edit.id


def test_hours_that_stay_keep_their_schedule(session, world):
    edit = edits.propose(
        session, world.fatima, world.thuiszorg.id, world.service.id, _form(phone="033-000 0003")
    )
    edits.approve(session, world.gerrit, edit.id, now=NOW)
    session.commit()
    uids = session.exec(
        select(ServiceSchedule.uid).where(ServiceSchedule.service_id == world.service.id)
    ).all()
    assert sorted(uids) == ["s-1", "s-2"]
