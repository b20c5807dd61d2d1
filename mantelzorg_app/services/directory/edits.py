"""Partners keep their own entries: a professional proposes a change to their organisation's
service (or a new one); it shows only after the hub's coordinator approves it (Outpost: only
approved entries are published; ORServices: edit rights per organisation).

Who may: a professional whose membership in the actor's hub names the organisation, or the hub's
coordinator; the organisation must be in the actor's hub. Anyone else is refused and logged
(``authz.refuse``), whoever calls. A proposal is the whole entry as the form holds it
(``EDITABLE_FIELDS``, every value a string but ``area`` and ``languages``, lists), checked field by
field (``Invalid``, Dutch catalogue ids by field; ``{hub}`` in a message is the hub's name) and kept
as JSON in a ``ServiceEdit``: what is shown after approval is exactly what the coordinator saw.
One edit waits per service: a new proposal by its author replaces it; someone else's waits first.
Opening hours are one typed line a weekday ("9.00-17.00", "9.00-12.00, 13.00-17.00", "" closed);
approval turns them into weekly schedules and keeps the service's other (monthly) ones.

Nothing here commits: the State's ``act`` commits once, then sends the mails ``approve`` and
``refuse`` return to the author.
"""

import itertools
import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from mantelzorg_app import routes
from mantelzorg_app.models import (
    EditOutcome,
    Hub,
    Membership,
    Organization,
    Person,
    Role,
    Service,
    ServiceEdit,
    ServiceSchedule,
    Wijk,
)
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.directory import indexing, rules
from mantelzorg_app.services.directory.entries import schedules_of
from mantelzorg_app.services.directory.taxonomy import BY_VALUE
from mantelzorg_app.services.identity import authz
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import audit, database, i18n, mail, places
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

PROPOSED, APPROVED, REFUSED = "service-edit-proposed", "service-edit-approved", "service-edit-refused"
MAX_WAITING = 20  # waiting edits one person may have at a time
NOTE_MAX = 300
WEEKLY = "WEEKLY"

# The form's text fields, in its order, with the column's length limit.
TEXT_FIELDS = (
    "name",
    "summary",
    "description",
    "application_process",
    "fees_description",
    "eligibility_description",
    "phone",
    "email",
    "url",
    "location_name",
    "address_1",
    "postal_code",
    "city",
)
LIMITS = {name: rules.limit(Service, name) for name in TEXT_FIELDS}
# Opening hours, one typed line a weekday: the fields "hours_MO" ... "hours_SU"; their labels are
# the day's name in every language (``rules.day_names``).
DAYS = rules.DAY_CODES
HOURS_FIELDS = tuple(f"hours_{day}" for day in DAYS)
HOURS_MAX = 60  # typed characters of one day's line
EDITABLE_FIELDS = ("category", *TEXT_FIELDS, *HOURS_FIELDS, "area", "languages")
# The form's problems by field, in the form's order ("send": the button, for the whole proposal).
PROBLEM_FIELDS = (*EDITABLE_FIELDS, "send")

# The languages the form offers (their names: ``rules.language_names``); a service may hold others,
# which stay.
LANGUAGES = rules.LANGUAGE_CODES
LANGUAGES_MAX = 10

# The form's words for each field: its label (also "what changes" on the coordinator's list); a
# day's hours are labelled by the day's name (``label_in``).
LABELS = {
    "category": N_("Soort hulp"),
    "name": N_("Naam van de dienst"),
    "summary": N_("Wat u doet, in één zin"),
    "description": N_("Wat u doet, wat meer uitgelegd"),
    "application_process": N_("Wat gebeurt er als iemand belt?"),
    "fees_description": N_("Wat kost het?"),
    "eligibility_description": N_("Voor wie is het?"),
    "phone": N_("Telefoonnummer"),
    "email": N_("E-mailadres"),
    "url": N_("Website"),
    "location_name": N_("Naam van de plek"),
    "address_1": N_("Straat en huisnummer"),
    "postal_code": N_("Postcode"),
    "city": N_("Plaats"),
    "area": N_("Voor welke wijken?"),
    "languages": N_("Talen"),
}

MISSING_NAME = N_("Vul de naam van de dienst in.")
MISSING_SUMMARY = N_("Schrijf in één zin wat u doet.")
MISSING_DESCRIPTION = N_("Schrijf in een paar zinnen wat u doet.")
MISSING_CATEGORY = N_("Kies wat voor hulp het is.")
NO_CONTACT = N_("Vul een telefoonnummer, e-mailadres of website in. Dan kunnen mensen u bereiken.")
WRONG_PHONE, SHORT_PHONE = rules.WRONG_PHONE, rules.SHORT_PHONE
WRONG_EMAIL = N_("Dit lijkt geen e-mailadres. Kijk het nog eens na.")
WRONG_URL = N_("Dit lijkt geen website. Typ het adres zo: www.voorbeeld.nl")
MISSING_STREET = N_("Vul de straat en het huisnummer in.")
MISSING_POSTCODE = N_("Vul de postcode in.")
MISSING_CITY = N_("Vul de plaats in.")
WRONG_POSTCODE = N_("Dit lijkt geen postcode. Typ het zo: 3831 AB.")
POSTCODE_ELSEWHERE = N_("Deze postcode ligt niet in {hub}.")
WRONG_HOURS = N_("Deze tijden kloppen niet. Typ ze zo: 9.00-17.00. Dicht? Laat het leeg.")
WRONG_AREA = N_("Kies de wijken uit de lijst.")
WRONG_LANGUAGES = N_("Kies de talen uit de lijst.")
TOO_MANY = N_("U heeft al veel wijzigingen die wachten. Wacht tot de coördinator ze heeft bekeken.")
OTHER_WAITING = N_(
    "Een collega heeft al een wijziging van deze dienst gestuurd. Die bekijkt de coördinator eerst."
)
DECIDED = N_("Deze wijziging is al bekeken.")
MISSING_NOTE = N_("Schrijf waarom. Dan kan de partner het verbeteren.")
TOO_LONG = rules.TOO_LONG  # with {most}: the field's length (``LIMITS``, ``HOURS_MAX``, ``NOTE_MAX``)

_TIME = r"(\d{1,2})(?:[.:](\d{2}))?"
_SLOT = re.compile(rf"{_TIME}\s*(?:-|\u2013|tot|to)\s*{_TIME}")
_SLOTS_SPLIT = re.compile(r"\s*(?:,|;|&|\ben\b|\band\b)\s*")


@dataclass(frozen=True)
class Change:
    """One field of "what changes": its label (a msgid; "" for a day's hours, named by the day) and
    the old and new values. ``words``: the values are msgids too (a category), to translate; the
    languages are codes, named in each language; else shown as they are. An empty tuple is an empty
    field (closed, for a day's hours). ``in_words_all`` says it all in every language."""

    field: str
    label: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    words: bool = False

    def in_words(self, lang: str) -> tuple[str, str, str]:
        """The label, the old and the new value as one line each, in ``lang``."""
        label = label_in(self.field, lang)
        return label, self._line(self.old, lang), self._line(self.new, lang)

    def in_words_all(self) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        """``in_words`` in every language of the app: (label, old, new), each by language."""
        said = {lang: self.in_words(lang) for lang in i18n.LANGUAGES}
        return tuple({lang: said[lang][i] for lang in said} for i in range(3))

    def _line(self, values: tuple[str, ...], lang: str) -> str:
        if self.field == "languages":
            return ", ".join(rules.language_name(code, lang) for code in values)
        return ", ".join(i18n.gettext(lang, v) if self.words else v for v in values)


def label_in(field: str, lang: str) -> str:
    """A field's label in ``lang``: a day's hours by the day's name."""
    if field.startswith("hours_"):
        return rules.day_name(field.removeprefix("hours_"), lang)
    return i18n.gettext(lang, LABELS[field])


@dataclass(frozen=True)
class Waiting:
    """A change waiting for the coordinator."""

    edit_id: int
    organization_id: int
    organization: str
    service_id: int | None  # None: a new service
    name: str  # the service's name as proposed
    author: str  # first name, "" when the author is gone
    author_id: int | None
    created_at: datetime
    changes: tuple[Change, ...]

    @property
    def is_new(self) -> bool:
        return self.service_id is None


# Who may edit what


def organizations_of(session: Session, actor: Actor) -> list[Organization]:
    """The organisations whose entries the actor keeps: a professional's own, every one of the hub
    for its coordinator; by name."""
    query = select(Organization).where(Organization.hub_id == actor.hub_id).order_by(col(Organization.name))
    if not actor.has(Role.coordinator):
        if not actor.has(Role.professional):
            return []
        query = query.where(col(Organization.id).in_(_own_organization_ids(session, actor)))
    return list(session.exec(query).all())


def _own_organization_ids(session: Session, actor: Actor) -> list[int]:
    return [
        found
        for found in session.exec(
            select(Membership.organization_id).where(
                Membership.person_id == actor.person_id,
                Membership.hub_id == actor.hub_id,
                Membership.role == Role.professional,
                ~col(Membership.pending),
            )
        ).all()
        if found is not None
    ]


def may_edit(session: Session, actor: Actor, organization_id: object) -> bool:
    """Whether the actor may propose changes to this organisation's entries."""
    organization = database.row(session, Organization, organization_id)
    if organization is None or organization.hub_id != actor.hub_id:
        return False
    if actor.has(Role.coordinator):
        return True
    return actor.has(Role.professional) and organization_id in _own_organization_ids(session, actor)


def check(session: Session, actor: Actor, organization_id: object, action: str = PROPOSED) -> Organization:
    """The organisation, when the actor may edit its entries; else refused and logged."""
    if not may_edit(session, actor, organization_id):
        authz.refuse(session, action, actor.hub_id, actor.person_id, "not this organisation")
    return database.row(session, Organization, organization_id)


def service_of(session: Session, actor: Actor, service_id: object, action: str = PROPOSED) -> Service:
    """The service, when the actor may edit its organisation's entries; else refused and logged."""
    service = database.row(session, Service, service_id)
    if service is None or service.hub_id != actor.hub_id:
        authz.refuse(session, action, actor.hub_id, actor.person_id, "not a service of this hub")
    check(session, actor, service.organization_id, action)
    return service


def own_waiting(session: Session, actor: Actor, edit_id: object, action: str = PROPOSED) -> ServiceEdit:
    """The actor's own waiting edit, of an organisation they may still edit; else refused and logged."""
    edit = database.row(session, ServiceEdit, edit_id)
    if (
        edit is None
        or edit.hub_id != actor.hub_id
        or edit.author_id != actor.person_id
        or edit.outcome != EditOutcome.waiting
    ):
        authz.refuse(session, action, actor.hub_id, actor.person_id, "not own waiting edit")
    check(session, actor, edit.organization_id, action)
    return edit


# The form's entry


def blank() -> dict:
    """A new service as the form starts it."""
    return {
        "category": "",
        **dict.fromkeys(TEXT_FIELDS, ""),
        **dict.fromkeys(HOURS_FIELDS, ""),
        "area": [],
        "languages": ["nl"],
    }


def entry_of(session: Session, service: Service) -> dict:
    """The service as the form shows it."""
    hours: dict[str, list[str]] = {day: [] for day in DAYS}
    for schedule in schedules_of(session, service.id):
        if schedule.freq != WEEKLY:
            continue
        for day in schedule.byday.split(","):
            if day in hours:
                hours[day].append(_slot_text(schedule.opens_at, schedule.closes_at))
    return {
        "category": service.category,
        **{name: getattr(service, name) or "" for name in TEXT_FIELDS},
        **{f"hours_{day}": ", ".join(sorted(slots, key=_slot_key)) for day, slots in hours.items()},
        "area": service.area_wijk_ids.split(),
        "languages": service.languages.split(),
    }


def proposed(edit: ServiceEdit) -> dict:
    """The whole entry an edit proposes, as the form shows it."""
    return {**blank(), **json.loads(edit.fields)}


def other_hours(session: Session, service_id: int | None) -> bool:
    """Whether the service has opening hours the form does not show (not weekly): they stay."""
    return service_id is not None and any(s.freq != WEEKLY for s in schedules_of(session, service_id))


def _slot_text(opens: str, closes: str) -> str:
    return f"{_hm(opens)}-{_hm(closes)}"


def _hm(clock: str) -> str:
    hours, _, minutes = clock.partition(":")
    return f"{int(hours)}.{minutes or '00'}"


def _slot_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text))


def slots(text: str) -> list[tuple[str, str]] | None:
    """A day's typed line as ("09:00", "17:00") pairs, in order; [] for closed; None when wrong."""
    typed = " ".join(text.split()).lower()
    if not typed or typed in ("dicht", "gesloten", "closed", "-"):
        return []
    found = []
    for part in _SLOTS_SPLIT.split(typed):
        match = _SLOT.fullmatch(part)
        if not match:
            return None
        oh, om, ch, cm = match.groups()
        opens, closes = (int(oh), int(om or 0)), (int(ch), int(cm or 0))
        if not (_clock_ok(opens) and _clock_ok(closes)) or opens >= closes:
            return None
        found.append((f"{opens[0]:02d}:{opens[1]:02d}", f"{closes[0]:02d}:{closes[1]:02d}"))
    found.sort()
    if any(a[1] > b[0] for a, b in itertools.pairwise(found)):
        return None  # overlapping
    return found


def _clock_ok(clock: tuple[int, int]) -> bool:
    hours, minutes = clock
    return (0 <= hours <= 23 and 0 <= minutes <= 59) or clock == (24, 0)


# Checking a proposal


def cleaned(session: Session, hub: Hub, fields: object, current: dict | None = None) -> dict:
    """The proposal's entry, tidied, when every field is right; else ``Invalid`` with a message a
    field. ``current``: the entry as it is now (its other languages may stay)."""
    if not isinstance(fields, dict):
        fields = {}
    problems: dict[str, str] = {}
    entry = blank()
    for name in TEXT_FIELDS:
        value = fields.get(name, "")
        value = " ".join(value.split()) if name not in _LONG_TEXTS and isinstance(value, str) else value
        value = value.strip() if isinstance(value, str) else ""
        entry[name] = value
        if len(value) > LIMITS[name]:
            problems[name] = TOO_LONG
    category = fields.get("category", "")
    entry["category"] = category if isinstance(category, str) and category in BY_VALUE else ""
    if not entry["category"]:
        problems["category"] = MISSING_CATEGORY
    for name in rules.REQUIRED:
        if not entry[name]:
            problems.setdefault(name, MISSING[name])
    if not entry["summary"]:  # the card's one line; a file from elsewhere may have none
        problems.setdefault("summary", MISSING_SUMMARY)
    _contact(entry, problems)
    _address(session, hub, entry, problems)
    for name in HOURS_FIELDS:
        value = fields.get(name, "")
        value = value if isinstance(value, str) else ""
        found = slots(value) if len(value) <= HOURS_MAX else None
        if found is None:
            problems[name] = WRONG_HOURS
            entry[name] = value.strip()
        else:
            entry[name] = ", ".join(_slot_text(*slot) for slot in found)
    entry["area"] = _area(session, hub, fields.get("area", []), problems)
    entry["languages"] = _languages(fields.get("languages", []), current, problems)
    if problems:
        raise Invalid(problems)
    return entry


MISSING = {"name": MISSING_NAME, "description": MISSING_DESCRIPTION}
assert set(MISSING) == set(rules.REQUIRED), "a required field has no message"
_LONG_TEXTS = ("description", "application_process", "fees_description", "eligibility_description")


def _contact(entry: dict, problems: dict[str, str]) -> None:
    phone, email, url = entry["phone"], entry["email"], entry["url"]
    if not (phone or email or url):
        problems.setdefault("phone", NO_CONTACT)
    if phone and "phone" not in problems and (wrong := rules.phone_problem(phone)) is not None:
        problems["phone"] = wrong
    if email and "email" not in problems:
        found = rules.email(email)
        if found is None:
            problems["email"] = WRONG_EMAIL
        else:
            entry["email"] = found
    if url and "url" not in problems:
        found = rules.website(url)
        if found is None or len(found) > LIMITS["url"]:
            problems["url"] = WRONG_URL
        else:
            entry["url"] = found


def _address(session: Session, hub: Hub, entry: dict, problems: dict[str, str]) -> None:
    street, typed, city = entry["address_1"], entry["postal_code"], entry["city"]
    if not (street or typed or city):
        return
    if not street:
        problems.setdefault("address_1", MISSING_STREET)
    if not city:
        problems.setdefault("city", MISSING_CITY)
    if not typed:
        problems.setdefault("postal_code", MISSING_POSTCODE)
        return
    if "postal_code" in problems:
        return
    found = places.normalise(typed)
    if found is None:
        problems["postal_code"] = WRONG_POSTCODE
        return
    entry["postal_code"] = found
    areas = {places.area(p) for w in _wijken(session, hub.id) for p in w.postcodes.split()}
    if areas and places.area(found) not in areas:
        problems["postal_code"] = POSTCODE_ELSEWHERE


def _wijken(session: Session, hub_id: int) -> list[Wijk]:
    return list(session.exec(select(Wijk).where(Wijk.hub_id == hub_id).order_by(col(Wijk.id))).all())


def _area(session: Session, hub: Hub, chosen: object, problems: dict[str, str]) -> list[str]:
    known = [str(w.id) for w in _wijken(session, hub.id)]
    if not isinstance(chosen, list) or not all(isinstance(v, str) and v in known for v in chosen):
        problems["area"] = WRONG_AREA
        return []
    return [v for v in known if v in chosen]


def _languages(chosen: object, current: dict | None, problems: dict[str, str]) -> list[str]:
    allowed = set(LANGUAGES) | set((current or {}).get("languages", []))
    if (
        not isinstance(chosen, list)
        or len(chosen) > LANGUAGES_MAX
        or not all(isinstance(v, str) and rules.LANGUAGE_CODE.fullmatch(v) and v in allowed for v in chosen)
    ):
        problems["languages"] = WRONG_LANGUAGES
        return []
    return list(dict.fromkeys(chosen))


# Proposing


def propose(
    session: Session,
    actor: Actor,
    organization_id: object,
    service_id: int | None,
    fields: object,
    *,
    replaces: int | None = None,
) -> ServiceEdit:
    """Stores the proposal (the whole entry) as a waiting edit: of the service, or with ``service_id``
    None a new one (``replaces``: the actor's own waiting new one it takes the place of).
    Refused (and logged) unless the actor may edit the organisation and the service is its own;
    ``Invalid`` by field when a field is wrong, or ("send") when too many wait or a colleague's waits."""
    organization = check(session, actor, organization_id)
    current = None
    if service_id is not None:
        service = service_of(session, actor, service_id)
        if service.organization_id != organization.id:
            authz.refuse(session, PROPOSED, actor.hub_id, actor.person_id, "service of another organisation")
        current = entry_of(session, service)
    hub = session.get(Hub, actor.hub_id)
    entry = cleaned(session, hub, fields, current)
    if service_id is not None:
        edit = waiting_for(session, service_id)
        if edit is not None and edit.author_id != actor.person_id:
            raise Invalid({"send": OTHER_WAITING})
    elif replaces is not None:
        edit = own_waiting(session, actor, replaces)
        if edit.service_id is not None or edit.organization_id != organization.id:
            authz.refuse(session, PROPOSED, actor.hub_id, actor.person_id, "not a new service's edit")
    else:
        edit = None
    if edit is None:
        if waiting_count(session, actor.person_id) >= MAX_WAITING:
            raise Invalid({"send": TOO_MANY})
        edit = ServiceEdit(
            hub_id=actor.hub_id,
            organization_id=organization.id,
            service_id=service_id,
            author_id=actor.person_id,
            fields="",
        )
    edit.fields = json.dumps(entry, ensure_ascii=False, sort_keys=True)
    edit.created_at = utcnow()
    session.add(edit)
    session.flush()
    audit.record(
        session,
        PROPOSED,
        hub_id=actor.hub_id,
        actor_id=actor.person_id,
        subject_id=edit.id,
        detail=f"service {service_id or 'new'}",
    )
    return edit


def waiting_for(session: Session, service_id: int) -> ServiceEdit | None:
    """The service's edit that waits for the coordinator, if one does."""
    return session.exec(
        select(ServiceEdit).where(
            ServiceEdit.service_id == service_id, ServiceEdit.outcome == EditOutcome.waiting
        )
    ).first()


def waiting_count(session: Session, person_id: int) -> int:
    return session.exec(
        select(func.count())
        .select_from(ServiceEdit)
        .where(ServiceEdit.author_id == person_id, ServiceEdit.outcome == EditOutcome.waiting)
    ).one()


def services_of(session: Session, organization: Organization) -> list[Service]:
    """Every service of the organisation, by name (not only the active ones: its partner keeps them)."""
    return list(
        session.exec(
            select(Service)
            .where(Service.organization_id == organization.id, Service.hub_id == organization.hub_id)
            .order_by(col(Service.name), col(Service.id))
        ).all()
    )


def waiting_of(session: Session, organization_id: int) -> list[ServiceEdit]:
    """The organisation's edits waiting for the coordinator, oldest first."""
    return list(
        session.exec(
            select(ServiceEdit)
            .where(ServiceEdit.organization_id == organization_id, ServiceEdit.outcome == EditOutcome.waiting)
            .order_by(col(ServiceEdit.created_at), col(ServiceEdit.id))
        ).all()
    )


# The coordinator's side


def waiting(session: Session, hub_id: int) -> list[Waiting]:
    """The hub's edits waiting for the coordinator, oldest first, each with what changes."""
    rows = session.exec(
        select(ServiceEdit)
        .where(ServiceEdit.hub_id == hub_id, ServiceEdit.outcome == EditOutcome.waiting)
        .order_by(col(ServiceEdit.created_at), col(ServiceEdit.id))
    ).all()
    found = []
    for edit in rows:
        organization = session.get(Organization, edit.organization_id)
        author = session.get(Person, edit.author_id) if edit.author_id is not None else None
        service = session.get(Service, edit.service_id) if edit.service_id is not None else None
        new = proposed(edit)
        old = entry_of(session, service) if service is not None else blank()
        found.append(
            Waiting(
                edit_id=edit.id,
                organization_id=edit.organization_id,
                organization=organization.name if organization else "",
                service_id=edit.service_id,
                name=new["name"],
                author=author.first_name if author else "",
                author_id=edit.author_id,
                created_at=edit.created_at,
                changes=changes(session, hub_id, old, new),
            )
        )
    return found


def changes(session: Session, hub_id: int, old: dict, new: dict) -> tuple[Change, ...]:
    """What differs between two entries, field by field in the form's order."""
    names = {str(w.id): w.name for w in _wijken(session, hub_id)}
    found = []
    for name in EDITABLE_FIELDS:
        before, after = old.get(name, ""), new.get(name, "")
        if name == "languages":
            before, after = list(before), list(after)
        if before == after:
            continue
        if name == "category":
            shown = (_category_words(before), _category_words(after))
            found.append(Change(name, LABELS[name], *shown, words=True))
        elif name == "languages":
            found.append(Change(name, LABELS[name], tuple(before), tuple(after)))
        elif name == "area":
            shown = tuple(tuple(names.get(v, v) for v in value) for value in (before, after))
            found.append(Change(name, LABELS[name], *shown))
        else:
            found.append(Change(name, LABELS.get(name, ""), _one(before), _one(after)))
    return tuple(found)


def _category_words(value: str) -> tuple[str, ...]:
    return (BY_VALUE[value].label,) if value in BY_VALUE else ()


def _one(value: str) -> tuple[str, ...]:
    return (value,) if value else ()


def _decidable(session: Session, actor: Actor, edit_id: object, action: str) -> ServiceEdit:
    authz.require_role(session, actor, action, Role.coordinator)
    edit = database.row(session, ServiceEdit, edit_id)
    if edit is None or edit.hub_id != actor.hub_id:
        authz.refuse(session, action, actor.hub_id, actor.person_id, "not an edit of this hub")
    if edit.outcome != EditOutcome.waiting:
        raise Invalid({"edit": DECIDED})
    return edit


def approve(
    session: Session, actor: Actor, edit_id: object, *, base: str | None = None, now: datetime | None = None
) -> list[mail.Message]:
    """The coordinator's yes: the entry goes on the sociale kaart as proposed (a new service gets
    new ids), checked today, indexed again. Returns the mail to the author, to send after the commit.
    Refused (logged) for anyone but the hub's coordinator; ``Invalid`` ("edit") once decided."""
    edit = _decidable(session, actor, edit_id, APPROVED)
    moment = now or utcnow()
    entry = proposed(edit)
    if edit.service_id is None:
        service = Service(
            hub_id=edit.hub_id,
            organization_id=edit.organization_id,
            uid=str(uuid.uuid4()),
            category=entry["category"],
            name=entry["name"],
        )
    else:
        service = session.get(Service, edit.service_id)
        assert service is not None and service.hub_id == edit.hub_id
    _apply(session, service, entry)
    service.checked_on = moment.date()
    service.check_asked_on = None
    service.modified_at = moment
    session.add(service)
    session.flush()
    _apply_hours(session, service, entry)
    indexing.index_service(session, service)
    edit.service_id = service.id
    edit.outcome, edit.decided_by, edit.decided_at = EditOutcome.approved, actor.person_id, moment
    session.add(edit)
    audit.record(
        session,
        APPROVED,
        hub_id=actor.hub_id,
        actor_id=actor.person_id,
        subject_id=edit.id,
        detail=f"service {service.id}",
    )
    link = f"{base.rstrip('/')}/{_slug(session, edit)}/{routes.service_part(service.id)}" if base else ""
    body = N_(
        "Hallo {name},\n\nDe coördinator heeft uw wijziging van '{service}' goedgekeurd. "
        "Die staat nu op de sociale kaart. Dank u wel!"
    )
    subject = N_("Uw wijziging staat op de sociale kaart")
    return _to_author(session, edit, subject, body, link, service=service.name)


def refuse(
    session: Session,
    actor: Actor,
    edit_id: object,
    note: object,
    *,
    base: str | None = None,
    now: datetime | None = None,
) -> list[mail.Message]:
    """The coordinator's no, with the reason (``Invalid`` "note" without one). The sociale kaart
    stays as it was; returns the mail to the author with the reason."""
    edit = _decidable(session, actor, edit_id, REFUSED)
    reason = " ".join(note.split()) if isinstance(note, str) else ""
    if not reason:
        raise Invalid({"note": MISSING_NOTE})
    if len(reason) > NOTE_MAX:
        raise Invalid({"note": TOO_LONG})
    edit.outcome, edit.decided_by, edit.decided_at = EditOutcome.refused, actor.person_id, now or utcnow()
    edit.note = reason
    session.add(edit)
    audit.record(session, REFUSED, hub_id=actor.hub_id, actor_id=actor.person_id, subject_id=edit.id)
    link = f"{base.rstrip('/')}/{_slug(session, edit)}/{routes.PARTNER}" if base else ""
    body = N_(
        "Hallo {name},\n\nDe coördinator heeft uw wijziging van '{service}' niet op de sociale "
        "kaart gezet. De reden:\n\n{note}\n\nU kunt de dienst opnieuw wijzigen en versturen."
    )
    subject = N_("Uw wijziging staat nog niet op de sociale kaart")
    return _to_author(session, edit, subject, body, link, service=proposed(edit)["name"], note=reason)


def _apply(session: Session, service: Service, entry: dict) -> None:
    for name in TEXT_FIELDS:
        setattr(service, name, entry[name])
    hub = session.get(Hub, service.hub_id)
    # An HSDS address has a province and a country: the hub's, where the entry has none yet.
    service.country = service.country or hub.country
    service.state_province = service.state_province or rules.province(hub.slug)
    service.category = entry["category"]
    service.area_wijk_ids = " ".join(entry["area"])
    service.languages = " ".join(entry["languages"]) or "nl"
    if service.phone and not service.phone_uid:
        service.phone_uid = str(uuid.uuid4())
    if service.address_1 or service.location_name:
        for name in ("location_uid", "address_uid", "service_at_location_uid"):
            if not getattr(service, name):
                setattr(service, name, str(uuid.uuid4()))
    wijk = places.wijk_of(_wijken(session, service.hub_id), None, service.postal_code or None)
    service.wijk_id = wijk.id if wijk is not None else None


def _apply_hours(session: Session, service: Service, entry: dict) -> None:
    """The weekly schedules from the entry's days, days with the same hours together; a schedule
    that stays the same keeps its id and description; the other (monthly) ones stay."""
    wanted: dict[tuple[str, str], list[str]] = {}
    for day in DAYS:
        for slot in slots(entry[f"hours_{day}"]) or []:
            wanted.setdefault(slot, []).append(day)
    rows = {(",".join(days), opens, closes) for (opens, closes), days in wanted.items()}
    weekly = [s for s in schedules_of(session, service.id) if s.freq == WEEKLY]
    old = {(s.byday, s.opens_at, s.closes_at): s for s in weekly}
    for key, schedule in old.items():
        if key not in rows:
            session.delete(schedule)
    for key in sorted(rows - set(old)):
        byday, opens, closes = key
        session.add(
            ServiceSchedule(
                service_id=service.id, uid=str(uuid.uuid4()), byday=byday, opens_at=opens, closes_at=closes
            )
        )


def _slug(session: Session, edit: ServiceEdit) -> str:
    return session.get(Hub, edit.hub_id).slug


def _text(msgid: str, **values: str) -> str:
    return i18n.gettext(i18n.DEFAULT_LANGUAGE, msgid, **values)


def _to_author(
    session: Session, edit: ServiceEdit, subject: str, body: str, link: str, **values: str
) -> list[mail.Message]:
    """The author's mail (Dutch, as every mail of the app), or none when they are gone."""
    author = session.get(Person, edit.author_id) if edit.author_id is not None else None
    if author is None or not author.email:
        return []
    hub = session.get(Hub, edit.hub_id)
    text = _text(body, name=author.first_name, **values)
    where = f"\n\n{link}" if link else ""
    signature = _text(N_("Mantelzorghub {hub}"), hub=hub.name)
    return [mail.Message(author.email, _text(subject), f"{text}{where}\n\n{signature}")]
