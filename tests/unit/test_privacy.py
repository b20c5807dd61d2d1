"""AVG/GDPR: the export holds all of one person and nothing of anyone else; a wipe leaves no trace."""

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, SQLModel, select

from mantelzorg_app import settings
from mantelzorg_app.models import AuditEvent, Consent, ExternalIdentity, Hub, Membership, Person, Role, Wijk
from mantelzorg_app.services import privacy
from mantelzorg_app.services.calendar import privacy as calendar_privacy
from mantelzorg_app.services.chat import privacy as chat_privacy
from mantelzorg_app.services.help import privacy as help_privacy
from mantelzorg_app.services.identity import handoffs, login_codes, sessions
from mantelzorg_app.services.news import privacy as news_privacy
from mantelzorg_app.services.platform import audit, mail

NOW = datetime.now(UTC)


@dataclass(frozen=True)
class Someone:
    person: Person
    token: str
    other_words: tuple[str, ...]  # what only this person's data holds


@pytest.fixture(autouse=True)
def _secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANTELZORG_SECRET_KEY", "unit-test-secret-key, not for production")


def _add(session: Session, *rows):
    for row in rows:
        session.add(row)
    session.commit()
    for row in rows:
        session.refresh(row)
    return rows


def _someone(
    session: Session, first_name: str, phone: str, memberships: list[tuple[Hub, Role, Wijk]], subject: str
) -> Someone:
    email = f"{first_name.lower()}@example.org"
    (person,) = _add(session, Person(first_name=first_name, email=email, phone=phone))
    _add(
        session,
        *(Membership(person_id=person.id, hub_id=h.id, role=r, wijk_id=w.id) for h, r, w in memberships),
        Consent(person_id=person.id, text_version=f"v-{first_name}"),
        ExternalIdentity(
            person_id=person.id, issuer=f"https://id.{first_name.lower()}.example", subject=subject
        ),
    )
    hub = memberships[0][0]
    token = sessions.start(session, person.id, sessions.EMAIL, NOW)
    login_codes.request(session, hub.id, email, f"client-of-{first_name}", NOW)
    handoffs.issue(session, handoffs.SIGN_UP, hub.id, email, NOW)
    audit.record(session, audit.SIGN_IN, hub_id=hub.id, actor_id=person.id, detail="email")
    return Someone(person, token, (first_name, email, phone, subject))


@pytest.fixture
def people(session: Session) -> tuple[Someone, Someone]:
    """Aafke: caregiver in Leusden, vetted volunteer in Poperinge. Bertus: coordinator in Leusden,
    caregiver in Poperinge, who looked at Aafke's details."""
    leusden, poperinge = _add(
        session,
        Hub(slug="leusden", name="Leusden", country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL"),
        Hub(
            slug="poperinge",
            name="Poperinge",
            country="BE",
            timezone="Europe/Brussels",
            speech_locale="nl-BE",
        ),
    )
    centrum, abele, watou = _add(
        session,
        Wijk(hub_id=leusden.id, slug="centrum", name="Centrum", kind="wijk"),
        Wijk(hub_id=poperinge.id, slug="abele", name="Abele", kind="deelgemeente"),
        Wijk(hub_id=poperinge.id, slug="watou", name="Watou", kind="deelgemeente"),
    )
    a = _someone(
        session,
        "Aafke",
        "06-00000011",
        [(leusden, Role.caregiver, centrum), (poperinge, Role.volunteer, abele)],
        "subject-aafke",
    )
    b = _someone(
        session,
        "Bertus",
        "06-00000022",
        [(leusden, Role.coordinator, centrum), (poperinge, Role.caregiver, watou)],
        "subject-bertus",
    )
    b = Someone(b.person, b.token, (*b.other_words, "Watou"))
    volunteer = session.exec(select(Membership).where(Membership.role == Role.volunteer)).one()
    volunteer.vog_checked_on = date(2026, 1, 15)
    session.add(volunteer)
    session.commit()
    audit.record(
        session, audit.VIEWED_CAREGIVER, hub_id=leusden.id, actor_id=b.person.id, subject_id=a.person.id
    )
    return a, b


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value))
    return set()


def test_export_holds_everything_of_the_person(session: Session, people) -> None:
    a, _ = people

    data = privacy.export(session, a.person.id)

    text = json.dumps(data)
    assert data["format_version"] == privacy.FORMAT_VERSION
    assert datetime.fromisoformat(data["exported_at"]).tzinfo is not None
    assert data["person"] | {"created_at": None} == {
        "first_name": "Aafke",
        "email": "aafke@example.org",
        "phone": "06-00000011",
        "created_at": None,
    }
    assert [
        (m["hub_slug"], m["hub_name"], m["role"], m["wijk"], m["vog_checked_on"]) for m in data["memberships"]
    ] == [
        ("leusden", "Leusden", "caregiver", "Centrum", None),
        ("poperinge", "Poperinge", "volunteer", "Abele", "2026-01-15"),
    ]
    assert [c["text_version"] for c in data["consents"]] == ["v-Aafke"]
    assert [s["kind"] for s in data["sessions"]] == ["email"]
    assert data["external_identities"][0] | {"created_at": None} == {
        "issuer": "https://id.aafke.example",
        "subject": "subject-aafke",
        "created_at": None,
    }
    assert [(e["action"], e["hub"], e["by_you"], e["about_you"]) for e in data["audit_events"]] == [
        ("sign-in", "leusden", True, False),
        ("viewed-caregiver", "leusden", False, True),
    ]
    assert [c["hub"] for c in data["login_codes"]] == ["leusden"]
    assert all(c["used_at"] is None and c["expires_at"] for c in data["login_codes"])
    assert all(word in text for word in a.other_words)


def test_export_holds_nothing_of_anyone_else(session: Session, people) -> None:
    a, b = people

    data = privacy.export(session, a.person.id)

    text = json.dumps(data)
    assert not [word for word in b.other_words if word in text]
    assert not [key for key in _keys(data) if key == "id" or key.endswith("_id") or "digest" in key]
    assert a.token not in text


def test_export_is_logged(session: Session, people) -> None:
    a, _ = people
    privacy.export(session, a.person.id)
    (event,) = session.exec(select(AuditEvent).where(AuditEvent.action == audit.EXPORT)).all()
    assert (event.actor_id, event.subject_id) == (a.person.id, a.person.id)


def _all_rows(session: Session) -> dict[str, list[tuple]]:
    connection = session.connection()
    return {t.name: list(connection.execute(t.select()).all()) for t in SQLModel.metadata.sorted_tables}


def _counts(session: Session) -> Counter:
    return Counter((e.action, e.hub_id) for e in session.exec(select(AuditEvent)).all())


def test_delete_leaves_no_trace_of_the_person(session: Session, people) -> None:
    a, _ = people
    counts_before = _counts(session)

    assert privacy.delete(session, a.person.id) is True

    found = [
        (table, row)
        for table, rows in _all_rows(session).items()
        for row in rows
        if any(word.lower() in str(value).lower() for value in row for word in a.other_words)
    ]
    assert found == []
    assert sessions.person(session, a.token, NOW) is None
    assert privacy.export(session, a.person.id) is None
    assert privacy.delete(session, a.person.id) is False
    assert session.exec(select(AuditEvent).where(AuditEvent.actor_id == a.person.id)).all() == []
    assert session.exec(select(AuditEvent).where(AuditEvent.subject_id == a.person.id)).all() == []
    assert _counts(session) == counts_before + Counter({(audit.DELETE, None): 1})
    (deleted,) = session.exec(select(AuditEvent).where(AuditEvent.action == audit.DELETE)).all()
    assert (deleted.actor_id, deleted.subject_id, deleted.detail) == (None, None, "")


def test_delete_keeps_everyone_else(session: Session, people) -> None:
    a, b = people
    before = privacy.stored(session, b.person.id)

    privacy.delete(session, a.person.id)

    session.expire_all()
    after = privacy.stored(session, b.person.id)
    assert after == before
    assert sessions.person(session, b.token, NOW).id == b.person.id
    (viewed,) = session.exec(select(AuditEvent).where(AuditEvent.action == audit.VIEWED_CAREGIVER)).all()
    assert (viewed.actor_id, viewed.subject_id) == (b.person.id, None)


def test_delete_knows_every_table_that_points_at_a_person() -> None:
    """A new table with a person_id must be wiped too: add it to privacy.PERSON_TABLES (or to
    help_privacy.TABLES, chat_privacy.TABLES, calendar_privacy.TABLES or news_privacy.TABLES, with
    its rule in their forget, or to privacy.UNLINKED)."""
    pointing = {
        table.name
        for table in SQLModel.metadata.sorted_tables
        for key in table.foreign_keys
        if key.column.table.name == Person.__tablename__
    }
    handled = (
        *privacy.PERSON_TABLES,
        *help_privacy.TABLES,
        *chat_privacy.TABLES,
        *calendar_privacy.TABLES,
        *news_privacy.TABLES,
        *(table for table, _ in privacy.UNLINKED),
    )
    assert pointing == {model.__tablename__ for model in handled}


def test_delete_takes_the_outbox_mails_to_the_address(
    session: Session, people, monkeypatch, tmp_path
) -> None:
    a, b = people
    monkeypatch.delenv("MANTELZORG_SMTP_HOST", raising=False)  # to the outbox
    for to in (
        a.person.email,
        a.person.email.upper(),
        f"{a.person.first_name} <{a.person.email}>",
        b.person.email,
    ):
        mail.send(mail.Message(to=to, subject="Uw inlogcode", body="123456"))
    (tmp_path / "outbox" / "notes.txt").write_text(a.person.email)  # not a mail: left alone

    privacy.delete(session, a.person.id)

    left = sorted(p.name for p in settings.outbox().iterdir())
    assert len(left) == 2 and "notes.txt" in left
    (kept,) = settings.outbox().glob("*.eml")
    assert b.person.email in kept.read_text()


def test_an_unreadable_outbox_does_not_undo_a_wipe(session: Session, people, monkeypatch) -> None:
    a, _ = people
    monkeypatch.delenv("MANTELZORG_SMTP_HOST", raising=False)
    (settings.outbox() / "not-a-mail.eml").mkdir(parents=True)

    assert privacy.delete(session, a.person.id)
    assert session.get(Person, a.person.id) is None
