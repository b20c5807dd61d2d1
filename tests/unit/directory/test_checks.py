"""The 6-month check: stale entries, one "Klopt dit nog?" a check, and "Ja, alles klopt" renews."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from mantelzorg_app.models import AuditEvent, Handoff, Membership, Organization, Role, Service
from mantelzorg_app.services.directory import checks
from mantelzorg_app.services.directory.checks import Outcome
from tests.unit.auth_fixtures import NOW, World, add_member, add_person, two_hubs

BASE = "https://leusden.example.org"
LINK = re.compile(r"https://leusden\.example\.org/kaart/klopt\?t=(\S+)")
TODAY = NOW.date()  # 3 March 2025
LONG_AGO = date(2024, 9, 3)  # exactly six months before


@pytest.fixture
def world(session: Session) -> World:
    return two_hubs(session)


def _organization(session: Session, hub_id: int, name: str) -> Organization:
    organization = Organization(hub_id=hub_id, uid=f"org-{name}", name=name)
    session.add(organization)
    session.commit()
    session.refresh(organization)
    return organization


def _service(
    session: Session, organization: Organization, name: str, checked_on: date, status: str = "active"
) -> Service:
    service = Service(
        hub_id=organization.hub_id,
        organization_id=organization.id,
        uid=f"svc-{name}",
        category="vervoer",
        name=name,
        status=status,
        checked_on=checked_on,
    )
    session.add(service)
    session.commit()
    session.refresh(service)
    return service


def _professional(session: Session, world: World, organization: Organization, name: str, *, pending=False):
    person = add_person(session, name, f"{name.lower()}@partner.example.org")
    membership = add_member(session, person, world.leusden, Role.professional, pending=pending)
    membership.organization_id = organization.id
    session.add(membership)
    session.commit()
    return person


def test_six_months_back_keeps_to_the_calendar():
    assert checks.stale_since(date(2025, 3, 3)) == date(2024, 9, 3)
    assert checks.stale_since(date(2025, 8, 31)) == date(2025, 2, 28)
    assert checks.stale_since(date(2025, 1, 15)) == date(2024, 7, 15)


def test_stale_is_active_entries_of_the_hub_checked_six_months_ago_or_longer(session: Session, world: World):
    vervoer = _organization(session, world.leusden.id, "Rijdende Buren")
    old = _service(session, vervoer, "Buurtauto", LONG_AGO)
    _service(session, vervoer, "Recent", LONG_AGO + timedelta(days=1))
    _service(session, vervoer, "Gestopt", LONG_AGO, status="inactive")
    elsewhere = _organization(session, world.poperinge.id, "Elders")
    _service(session, elsewhere, "Andere hub", LONG_AGO)

    assert [s.name for s in checks.stale(session, world.leusden.id, TODAY)] == [old.name]


def test_the_owners_are_asked_once_with_a_link_each(session: Session, world: World):
    vervoer = _organization(session, world.leusden.id, "Rijdende Buren")
    service = _service(session, vervoer, "Buurtauto", LONG_AGO)
    _professional(session, world, vervoer, "Petra")
    _professional(session, world, vervoer, "Joost")
    _professional(session, world, vervoer, "Wachter", pending=True)  # not granted: not asked
    other = _organization(session, world.leusden.id, "Anders")
    stranger = add_person(session, "Stefan", "stefan@partner.example.org")
    add_member(session, stranger, world.leusden, Role.professional).organization_id = other.id
    session.commit()

    asked = checks.ask_owners(session, NOW, BASE)

    assert sorted(m.to for m in asked) == ["joost@partner.example.org", "petra@partner.example.org"]
    assert all(m.subject == "Klopt dit nog?" and "Buurtauto" in m.body for m in asked)
    tokens = {LINK.search(m.body).group(1) for m in asked}
    assert len(tokens) == 2
    assert all(token not in repr(session.exec(select(Handoff)).all()) for token in tokens)  # digests only
    session.refresh(service)
    assert service.check_asked_on == TODAY
    assert checks.ask_owners(session, NOW, BASE) == []
    assert checks.ask_owners(session, NOW + timedelta(hours=1), BASE) == []


def test_sent_once_also_after_a_restart(engine: Engine, world: World):
    with Session(engine) as session:
        vervoer = _organization(session, world.leusden.id, "Rijdende Buren")
        _service(session, vervoer, "Buurtauto", LONG_AGO)
        _professional(session, world, vervoer, "Petra")
        assert len(checks.ask_owners(session, NOW, BASE)) == 1
    with Session(engine) as fresh:  # a new worker, or the app started again
        assert checks.ask_owners(fresh, NOW + timedelta(hours=1), BASE) == []
        assert checks.ask_owners(fresh, NOW + timedelta(days=40), BASE) == []


def test_an_organisation_without_a_professional_is_mailed_nobody_and_shown(session: Session, world: World):
    alone = _organization(session, world.leusden.id, "Zonder Mensen")
    service = _service(session, alone, "Inloop", LONG_AGO)

    assert checks.ask_owners(session, NOW, BASE) == []
    session.refresh(service)
    assert service.check_asked_on is None
    (shown,) = checks.overview(session, world.leusden.id, TODAY)
    assert (shown.service.name, shown.organization, shown.has_owner, shown.asked_on) == (
        "Inloop",
        "Zonder Mensen",
        False,
        None,
    )

    _professional(session, world, alone, "Nieuw")  # someone joins: the next run asks them
    assert [m.to for m in checks.ask_owners(session, NOW, BASE)] == ["nieuw@partner.example.org"]
    (shown,) = checks.overview(session, world.leusden.id, TODAY)
    assert shown.has_owner and shown.asked_on == TODAY


def test_ja_alles_klopt_renews_the_date_once_and_is_logged(session: Session, world: World):
    vervoer = _organization(session, world.leusden.id, "Rijdende Buren")
    service = _service(session, vervoer, "Buurtauto", LONG_AGO)
    petra = _professional(session, world, vervoer, "Petra")
    _professional(session, world, vervoer, "Joost")
    first, second = (LINK.search(m.body).group(1) for m in checks.ask_owners(session, NOW, BASE))
    later = NOW + timedelta(days=2)

    peeked = checks.peek(session, first, later)
    assert (peeked.outcome, peeked.service, peeked.slug) == (Outcome.ok, "Buurtauto", "leusden")
    session.refresh(service)
    assert service.checked_on == LONG_AGO, "looking changes nothing"

    answer = checks.still_right(session, first, later)

    assert answer.outcome == Outcome.ok and answer.words == ""
    session.refresh(service)
    assert service.checked_on == later.date() and service.check_asked_on is None
    assert checks.stale(session, world.leusden.id, later.date()) == []
    (event,) = session.exec(select(AuditEvent).where(AuditEvent.action == checks.SERVICE_CHECKED)).all()
    assert (event.actor_id, event.hub_id) == (petra.id, world.leusden.id)
    assert event.detail == f"service {service.id}"
    again = checks.still_right(session, first, later)
    assert again.outcome == Outcome.used and "al gebruikt" in again.words
    assert checks.still_right(session, second, later).outcome == Outcome.used  # the colleague's link too

    # Six months on, a new check: asked again.
    assert len(checks.ask_owners(session, later + timedelta(days=200), BASE)) == 2


def test_a_wrong_link_changes_nothing_and_says_why(session: Session, world: World):
    vervoer = _organization(session, world.leusden.id, "Rijdende Buren")
    service = _service(session, vervoer, "Buurtauto", LONG_AGO)
    petra = _professional(session, world, vervoer, "Petra")
    (mail,) = checks.ask_owners(session, NOW, BASE)
    token = LINK.search(mail.body).group(1)

    for forged in (None, "", "made-up", "x" * 5000, token + "x"):
        answer = checks.still_right(session, forged, NOW)
        assert answer.outcome == Outcome.unknown and answer.words and answer.service == ""
    expired = checks.still_right(session, token, NOW + timedelta(days=31))
    assert expired.outcome == Outcome.expired and "werkt niet meer" in expired.words

    # Petra left the organisation: her link no longer speaks for it.
    assert session.exec(select(Handoff)).one().email == petra.email
    mine = session.exec(select(Membership).where(Membership.person_id == petra.id)).one()
    mine.organization_id = None
    session.add(mine)
    session.commit()
    assert checks.still_right(session, token, NOW).outcome == Outcome.expired
    session.refresh(service)
    assert service.checked_on == LONG_AGO
    assert not session.exec(select(AuditEvent).where(AuditEvent.action == checks.SERVICE_CHECKED)).all()


def test_without_an_address_for_links_the_mail_says_to_open_the_app(session: Session, world: World):
    vervoer = _organization(session, world.leusden.id, "Rijdende Buren")
    _service(session, vervoer, "Buurtauto", LONG_AGO)
    _professional(session, world, vervoer, "Petra")

    (mail,) = checks.ask_owners(session, NOW, None)

    assert "Open de Mantelzorghub en log in." in mail.body and "klopt?t=" not in mail.body
    assert session.exec(select(Handoff)).all() == []


def test_the_hourly_run_asks_once(session: Session, world: World, monkeypatch: pytest.MonkeyPatch):
    from mantelzorg_app.services import housekeeping
    from mantelzorg_app.services.platform import mail

    vervoer = _organization(session, world.leusden.id, "Rijdende Buren")
    _service(session, vervoer, "Buurtauto", LONG_AGO)
    _professional(session, world, vervoer, "Petra")
    sent = []
    monkeypatch.setattr(mail, "send", sent.append)

    assert housekeeping.send_due_mails(session, NOW, BASE)["'Klopt dit nog?'"] == 1
    assert [m.subject for m in sent] == ["Klopt dit nog?"]
    assert housekeeping.send_due_mails(session, NOW + timedelta(hours=1), BASE)["'Klopt dit nog?'"] == 0


def test_the_coordinator_reads_mailed_only_once_the_mail_went(session: Session, world: World):
    vervoer = _organization(session, world.leusden.id, "Rijdende Buren")
    service = _service(session, vervoer, "Buurtauto", LONG_AGO)
    _professional(session, world, vervoer, "Petra")
    while_sending = []

    def send(message):  # what the coordinator's page reads while the mail is on its way
        (shown,) = checks.overview(session, world.leusden.id, TODAY)
        while_sending.append(shown.asked_on)
        assert checks.ask_owners(session, NOW, BASE, send=send) == []  # claimed: a second run skips it

    (went,) = checks.ask_owners(session, NOW, BASE, send=send)

    assert went.to == "petra@partner.example.org"
    assert while_sending == [None]  # "gaat binnen een uur weg", not "gestuurd"
    (shown,) = checks.overview(session, world.leusden.id, TODAY)
    assert shown.asked_on == TODAY
    session.refresh(service)
    assert service.check_asked_on == TODAY


def test_a_mail_that_could_not_be_sent_is_not_called_sent_and_goes_next_run(session: Session, world: World):
    from mantelzorg_app.services.platform import mail

    vervoer = _organization(session, world.leusden.id, "Rijdende Buren")
    service = _service(session, vervoer, "Buurtauto", LONG_AGO)
    _professional(session, world, vervoer, "Petra")

    def down(message):
        raise mail.MailError("the mail server is down")

    assert checks.ask_owners(session, NOW, BASE, send=down) == []
    session.refresh(service)
    assert service.check_asked_on is None
    (shown,) = checks.overview(session, world.leusden.id, TODAY)
    assert shown.asked_on is None and shown.has_owner

    sent = []
    later = NOW + timedelta(hours=1)
    assert [m.to for m in checks.ask_owners(session, later, BASE, send=sent.append)] == [
        "petra@partner.example.org"
    ]
    assert len(sent) == 1
    assert checks.overview(session, world.leusden.id, TODAY)[0].asked_on == later.date()


def test_a_check_renewed_while_its_mail_goes_starts_afresh(session: Session, world: World):
    vervoer = _organization(session, world.leusden.id, "Rijdende Buren")
    service = _service(session, vervoer, "Buurtauto", LONG_AGO)
    _professional(session, world, vervoer, "Petra")

    def send(message):  # meanwhile a change is approved: checked today, a new check begins
        service.checked_on, service.check_asked_on = TODAY, None
        session.add(service)
        session.commit()

    checks.ask_owners(session, NOW, BASE, send=send)

    session.refresh(service)
    assert (service.checked_on, service.check_asked_on) == (TODAY, None)
