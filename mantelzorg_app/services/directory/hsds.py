"""One sociale kaart service as an Open Referral HSDS 3.0 ``service`` object, and back.

An HSDS service carries its organisation, its location and address (``service_at_locations``), its
public phone, its opening hours (``schedules``), its languages and the wijken it serves
(``service_areas``) nested in it. What HSDS has no field for travels as ``attributes`` with a term
of our own taxonomy (``taxonomy.TAXONOMY``): the category (the term's stable id from ``taxonomy``),
the one line of the card (``summary``) and whether an organisation is informal help. Every object
keeps its HSDS id: our ``uid`` columns, or, for objects without a row of their own (a language, a
service area, an attribute, a partner contact), a UUID made from the service's id and what it is,
so the same service gives the same ids in every export.

The partner contact of Wie is wie goes out as the organisation's HSDS ``contacts`` only in the
coordinator's file (``partner_contacts=True``), never in the public API.

``from_hsds`` reads a record that ``services.directory.validation`` found clean; the wijken are
matched to the hub by ``services.directory.transfer``.
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from mantelzorg_app.models import Hub, Organization, Service, ServiceSchedule, Wijk
from mantelzorg_app.services.directory import entries, rules
from mantelzorg_app.services.directory.taxonomy import BY_TERM_ID, BY_VALUE, NAMESPACE, TAXONOMY

# How our own attributes are told apart (HSDS attribute.link_type is an open code list).
CATEGORY_LINK = "category"
SUMMARY_LINK = "summary"
INFORMAL_LINK = "informal"
SUMMARY_TERM = ("samenvatting", "Samenvatting", "Eén regel: wat zij doen.")
INFORMAL_TERM = ("informele_hulp", "Informele hulp", "Vrijwilligers en buren, geen beroepskrachten.")
ADDRESS_FIELDS = ("address_1", "city", "state_province", "postal_code", "country")
# The service's plain text fields, by the same name in HSDS and in our table.
TEXT_FIELDS = ("name", "description", "application_process", "fees_description", "eligibility_description")


def stable_id(*parts: str) -> str:
    """The HSDS id of an object without a row of its own: the same parts give the same id."""
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def _term(code: str, name: str, description: str) -> dict:
    return {
        "id": stable_id("term", code),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": TAXONOMY,
        "language": "nl",
    }


def _attribute(owner_uid: str, entity: str, link: str, term: dict, value: str = "") -> dict:
    found = {
        "id": stable_id("attribute", owner_uid, link),
        "link_id": owner_uid,
        "link_type": link,
        "link_entity": entity,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }
    return found | ({"value": value} if value else {})


def _category_term(value: str) -> dict:
    category = BY_VALUE[value]
    return {
        "id": category.term_id,
        "code": category.value,
        "name": category.label,
        "description": category.what,
        "taxonomy": TAXONOMY,
        "language": "nl",
    }


def stamp(moment: datetime) -> str:
    """An HSDS date-time: UTC, to the second, with a Z."""
    at = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return at.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _if(**values: str) -> dict:
    """Only the values that are set: an empty e-mail or URL is no valid HSDS value."""
    return {key: value for key, value in values.items() if value}


def organization_record(organization: Organization, *, partner_contacts: bool) -> dict:
    found = {
        "id": organization.uid,
        "name": organization.name,
        "description": organization.description,
        **_if(email=organization.email, website=organization.website),
    }
    if organization.informal:
        found["attributes"] = [
            _attribute(organization.uid, "organization", INFORMAL_LINK, _term(*INFORMAL_TERM), "true")
        ]
    if partner_contacts and (organization.partner_contact or organization.partner_phone):
        contact_id = stable_id("contact", organization.uid)
        contact = {"id": contact_id, "organization_id": organization.uid}
        contact |= _if(name=organization.partner_contact)
        if organization.partner_phone:
            phone = {"id": stable_id("contact-phone", organization.uid), "contact_id": contact_id}
            phone |= {"number": organization.partner_phone, "type": "voice"}
            contact["phones"] = [phone | _if(description=organization.partner_hours)]
        found["contacts"] = [contact]
    return found


def _schedule_record(service: Service, schedule: ServiceSchedule) -> dict:
    return {
        "id": schedule.uid or stable_id("schedule", service.uid, str(schedule.id)),
        "service_id": service.uid,
        "freq": schedule.freq,
        "byday": schedule.byday,
        "opens_at": schedule.opens_at,
        "closes_at": schedule.closes_at,
        **_if(description=schedule.description),
    }


def whole_hub(hub_name: str) -> str:
    """The name of the service area that is the whole hub: a wijk may bear the hub's own name
    (Poperinge's deelgemeente Poperinge)."""
    return f"Gemeente {hub_name}"


def _areas(service: Service, hub: Hub, wijken: dict[int, Wijk]) -> list[dict]:
    """The wijken the service serves by name; ``whole_hub`` when it serves the whole hub."""
    served = [wijken[int(i)] for i in service.area_wijk_ids.split() if i.isdigit() and int(i) in wijken]
    if not served:
        whole = {"id": stable_id("area", service.uid, "hub"), "service_id": service.uid}
        return [whole | {"name": whole_hub(hub.name)}]
    return [
        {
            "id": stable_id("area", service.uid, wijk.slug),
            "service_id": service.uid,
            "name": wijk.name,
            **_if(description=wijk.postcodes),
        }
        for wijk in served
    ]


def _location(service: Service, wijken: dict[int, Wijk]) -> list[dict]:
    if not (service.location_name or service.address_1):
        return []
    location_id = service.location_uid or stable_id("location", service.uid)
    location = {"id": location_id, "location_type": "physical", **_if(name=service.location_name)}
    if service.address_1:
        address = {"id": service.address_uid or stable_id("address", service.uid), "location_id": location_id}
        address |= {name: getattr(service, name) for name in ADDRESS_FIELDS}
        if service.wijk_id in wijken:  # the wijk the address is in: a postcode may lie in several
            address["region"] = wijken[service.wijk_id].name
        location["addresses"] = [address | {"address_type": "physical"}]
    at_id = service.service_at_location_uid or stable_id("service_at_location", service.uid)
    return [{"id": at_id, "service_id": service.uid, "location_id": location_id, "location": location}]


def service_record(
    service: Service,
    organization: Organization,
    schedules: list[ServiceSchedule],
    hub: Hub,
    wijken: dict[int, Wijk],
    *,
    partner_contacts: bool,
) -> dict:
    """The HSDS ``service`` object of one service, from rows already read (an export reads them all
    at once)."""
    found = {
        "id": service.uid,
        "organization_id": organization.uid,
        **{name: getattr(service, name) for name in TEXT_FIELDS},
        "status": service.status,
        **_if(url=service.url, email=service.email),
        "assured_date": service.checked_on.isoformat(),
        "last_modified": stamp(service.modified_at),
        "organization": organization_record(organization, partner_contacts=partner_contacts),
    }
    if service.phone:
        phone_id = service.phone_uid or stable_id("phone", service.uid)
        phone = {"id": phone_id, "service_id": service.uid, "number": service.phone}
        found["phones"] = [phone | {"type": "voice"}]
    found["schedules"] = [_schedule_record(service, schedule) for schedule in schedules]
    found["service_areas"] = _areas(service, hub, wijken)
    found["service_at_locations"] = _location(service, wijken)
    found["languages"] = [
        {
            "id": stable_id("language", service.uid, code),
            "service_id": service.uid,
            "name": rules.language_name(code, "nl"),  # HSDS's name; the code when Babel has none
            "code": code,
        }
        for code in service.languages.split()
    ]
    attributes = []
    if service.category in BY_VALUE:
        attributes.append(_attribute(service.uid, "service", CATEGORY_LINK, _category_term(service.category)))
    if service.summary:
        attributes.append(
            _attribute(service.uid, "service", SUMMARY_LINK, _term(*SUMMARY_TERM), service.summary)
        )
    found["attributes"] = attributes
    return found


def hub_wijken(session: Session, hub_id: int) -> dict[int, Wijk]:
    rows = session.exec(select(Wijk).where(Wijk.hub_id == hub_id).order_by(col(Wijk.id))).all()
    return {wijk.id: wijk for wijk in rows}


def to_hsds(session: Session, service: Service, *, partner_contacts: bool) -> dict:
    """The HSDS 3.0 ``service`` object of one service, with everything nested."""
    hub = session.get(Hub, service.hub_id)
    assert hub is not None
    return service_record(
        service,
        entries.organization_of(session, service),
        entries.schedules_of(session, service.id),
        hub,
        hub_wijken(session, service.hub_id),
        partner_contacts=partner_contacts,
    )


# Reading a record back ------------------------------------------------------------------------


@dataclass
class Parsed:
    """What one clean record holds, by our columns; ``areas`` are the names of its service areas
    (a wijk's, or the hub's for the whole hub), matched by ``transfer``."""

    organization: dict[str, object]
    service: dict[str, object]
    schedules: list[dict[str, str]] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    region: str = ""  # the address's region: the name of the wijk it is in, when it is one
    has_contacts: bool = False  # the file says who the partner contact is (or that there is none)


def text_of(record: dict, key: str) -> str:
    value = record.get(key)
    return value.strip() if isinstance(value, str) else ""


def list_of(record: dict, key: str) -> list[dict]:
    value = record.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _ours(attribute: dict, link: str) -> bool:
    term = attribute.get("taxonomy_term")
    return attribute.get("link_type") == link and (
        not isinstance(term, dict) or term.get("taxonomy") in (None, TAXONOMY)
    )


def category_of(record: dict) -> str | None:
    """The category a record names: an attribute whose term is one of ours, by id or code."""
    for attribute in list_of(record, "attributes"):
        term = attribute.get("taxonomy_term")
        ids = [attribute.get("taxonomy_term_id"), term.get("id") if isinstance(term, dict) else None]
        for term_id in ids:
            if isinstance(term_id, str) and term_id in BY_TERM_ID:
                return BY_TERM_ID[term_id].value
        code = term.get("code") if isinstance(term, dict) else None
        if isinstance(code, str) and code in BY_VALUE and term.get("taxonomy") in (None, TAXONOMY):
            return code
    return None


def _value_of(record: dict, link: str) -> str:
    for attribute in list_of(record, "attributes"):
        if _ours(attribute, link):
            return text_of(attribute, "value")
    return ""


def phone_of(record: dict) -> dict:
    phones = list_of(record, "phones")
    return phones[0] if phones else {}


def location_of(record: dict) -> tuple[dict, dict, dict]:
    """The first service_at_location, its location and the location's first address ({} for none)."""
    at = next(iter(list_of(record, "service_at_locations")), {})
    location = at.get("location") if isinstance(at.get("location"), dict) else {}
    address = next(iter(list_of(location, "addresses")), {})
    return at, location, address


def _time(value: str) -> str:
    """ "09:00" of "09:00" or "09:00:00"."""
    return value[:5]


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def moment_of(value: str) -> datetime | None:
    """An HSDS date-time, as an aware UTC moment; None when it is none."""
    try:
        found = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (found if found.tzinfo else found.replace(tzinfo=UTC)).astimezone(UTC)


def _organization(record: dict) -> tuple[dict[str, object], bool]:
    organization = record.get("organization") if isinstance(record.get("organization"), dict) else {}
    found: dict[str, object] = {
        "uid": text_of(organization, "id") or text_of(record, "organization_id"),
        "name": text_of(organization, "name"),
        "description": text_of(organization, "description"),
        "website": text_of(organization, "website"),
        "email": text_of(organization, "email"),
        "informal": _value_of(organization, INFORMAL_LINK).lower() == "true",
    }
    if "contacts" not in organization:
        return found, False
    contact = next(iter(list_of(organization, "contacts")), {})
    phone = next(iter(list_of(contact, "phones")), {})
    found |= {
        "partner_contact": text_of(contact, "name"),
        "partner_phone": text_of(phone, "number"),
        "partner_hours": text_of(phone, "description"),
    }
    return found, True


def from_hsds(record: dict) -> Parsed:
    """Our columns of one record that validation found clean (``validation.problems_of``)."""
    uid = text_of(record, "id")
    organization, has_contacts = _organization(record)
    phone = phone_of(record)
    at, location, address = location_of(record)
    languages = [text_of(language, "code") for language in list_of(record, "languages")]
    service: dict[str, object] = {
        "uid": uid,
        **{name: text_of(record, name) for name in TEXT_FIELDS},
        "status": text_of(record, "status") or "active",
        "category": category_of(record) or "",
        "summary": _value_of(record, SUMMARY_LINK),
        "url": text_of(record, "url"),
        "email": text_of(record, "email"),
        "languages": " ".join(code for code in languages if code) or "nl",
        "phone": text_of(phone, "number"),
        "phone_uid": text_of(phone, "id") or (stable_id("phone", uid) if phone else ""),
        "location_uid": text_of(location, "id"),
        "address_uid": text_of(address, "id"),
        "service_at_location_uid": text_of(at, "id"),
        "location_name": text_of(location, "name"),
        **{name: text_of(address, name) for name in ADDRESS_FIELDS},
    }
    if (checked := _date(text_of(record, "assured_date"))) is not None:
        service["checked_on"] = checked
    if (modified := moment_of(text_of(record, "last_modified"))) is not None:
        service["modified_at"] = modified
    schedules = [
        {
            "uid": text_of(schedule, "id"),
            "freq": text_of(schedule, "freq") or "WEEKLY",
            "byday": text_of(schedule, "byday").upper(),
            "opens_at": _time(text_of(schedule, "opens_at")),
            "closes_at": _time(text_of(schedule, "closes_at")),
            "description": text_of(schedule, "description"),
        }
        for schedule in list_of(record, "schedules")
    ]
    areas = [text_of(area, "name") for area in list_of(record, "service_areas") if text_of(area, "name")]
    region = text_of(address, "region")
    return Parsed(organization, service, schedules, areas, region=region, has_contacts=has_contacts)
