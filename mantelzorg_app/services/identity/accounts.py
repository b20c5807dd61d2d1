"""People signing up: the least we need is a first name, their wijk and what they come for."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from mantelzorg_app.models import Consent, Membership, Person, Role, Wijk
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

# The consent text a person agrees to; a new text gets a new version.
CONSENT_VERSION = "2026-11-23"
CONSENT_TEXT = N_(
    "Ik geef toestemming dat Mantelzorghub mijn voornaam, e-mailadres en wijk bewaart. "
    "Ik kan mijn gegevens altijd zien, downloaden en wissen."
)
# What a person can say they come for at sign-up; a trekker waits for the coordinator.
SIGN_UP_ROLES = (Role.caregiver, Role.volunteer, Role.trekker)
FIRST_NAME_MAX = 60


@dataclass(frozen=True)
class SignUp:
    first_name: str
    wijk_id: int | None
    role: str
    consent: bool


def by_email(session: Session, email: str) -> Person | None:
    return session.exec(select(Person).where(Person.email == email)).first()


def sign_up(session: Session, hub_id: int, email: str, form: SignUp, now: datetime) -> Person:
    """Creates the person, their role in this hub and their consent; raises Invalid with every problem."""
    first_name = " ".join(form.first_name.split())
    problems = {}
    if not first_name:
        problems["first_name"] = N_("Vul uw voornaam in.")
    elif len(first_name) > FIRST_NAME_MAX:
        problems["first_name"] = N_("Deze naam is te lang. Gebruik alleen uw voornaam.")
    wijk = session.get(Wijk, form.wijk_id) if form.wijk_id is not None else None
    if wijk is None or wijk.hub_id != hub_id:
        problems["wijk"] = N_("Kies uw wijk of dorp.")
    if form.role not in SIGN_UP_ROLES:
        problems["role"] = N_("Kies waarvoor u komt.")
    if not form.consent:
        problems["consent"] = N_("Zonder uw toestemming kunnen wij u niet aanmelden.")
    if problems:
        raise Invalid(problems)
    person = by_email(session, email) or Person(first_name=first_name, email=email, created_at=now)
    session.add(person)
    session.flush()
    role = Role(form.role)
    session.add(
        Membership(
            person_id=person.id, hub_id=hub_id, role=role, wijk_id=wijk.id, pending=role == Role.trekker
        )
    )
    session.add(Consent(person_id=person.id, text_version=CONSENT_VERSION, given_at=now))
    session.commit()
    return person
