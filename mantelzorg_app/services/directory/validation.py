"""Is an HSDS file fit to load into a hub's sociale kaart? Each problem in words for a person.

A file is a JSON array of HSDS 3.0 ``service`` objects. Each record is checked against the vendored
schemas (``hsds_schema/``, which ``$ref`` each other by file name: a Registry of the folder, so
nothing is fetched) and against our own rules: a category we know, a hub wijk or a postcode of the
hub, and the rules the partner's form keeps too (``rules``): a phone that dials, a website and an
e-mail address, a name and what they do, a whole address, texts that fit our columns, an
organisation with a name. A problem is a message id with values ("Dienst 12 'Thuiszorg Zuid': het
telefoonnummer klopt niet."), put in the reader's language by ``in_words``; where the schema finds
something wrong, the place in the record is said in words too ("het telefoonnummer", not
"phones 1 number").
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from mantelzorg_app.models import Organization, Service, ServiceSchedule, Wijk
from mantelzorg_app.services.directory import hsds, rules
from mantelzorg_app.services.directory.rules import dials
from mantelzorg_app.services.platform import i18n, places
from mantelzorg_app.services.platform.i18n import N_

SCHEMA_DIR = Path(__file__).parent / "hsds_schema"
# Where the vendored files are known in the Registry; the HSDS files $ref each other relative to it.
SCHEMA_BASE = "https://mantelzorghub.invalid/hsds/3.0/schema/"
MAX_BYTES = 5 * 1024 * 1024  # a hub's whole sociale kaart is far smaller
MAX_RECORDS = 2000
MAX_SCHEMA_PROBLEMS = 3  # of one record: the first few say enough
NAME_SHOWN = 60  # characters of a record's name in a message; a longer one is cut
_DAY = r"(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)"
_BYDAY = re.compile(rf"{_DAY}(,{_DAY})*")
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?")

NOT_JSON = N_("Het bestand is geen goed JSON-bestand. Er is niets geladen.")
NOT_A_LIST = N_("Het bestand moet een lijst van diensten zijn (een JSON-array). Er is niets geladen.")
TOO_BIG = N_("Het bestand is te groot. Het mag hoogstens {megabytes} MB zijn. Er is niets geladen.")
TOO_MANY = N_("Het bestand heeft meer dan {most} diensten. Er is niets geladen.")
NO_NAME_WORDS = N_("zonder naam")
NOT_AN_OBJECT = N_("Dienst {number}: dit is geen dienst (geen JSON-object).")
MISSING = N_("Dienst {number} '{name}': {field} ontbreekt.")
WRONG_VALUE = N_("Dienst {number} '{name}': {field} klopt niet.")
NO_NAME = N_("Dienst {number}: de naam ontbreekt.")
NO_DESCRIPTION = N_("Dienst {number} '{name}': er staat niet bij wat zij doen.")
UNKNOWN_CATEGORY = N_("Dienst {number} '{name}': de soort hulp kennen wij niet.")
BAD_PHONE = N_("Dienst {number} '{name}': het telefoonnummer klopt niet.")
BAD_PARTNER_PHONE = N_("Dienst {number} '{name}': het telefoonnummer van de contactpersoon klopt niet.")
UNKNOWN_WIJK = N_("Dienst {number} '{name}': de wijk '{wijk}' kennen wij niet in {hub}.")
NOT_IN_HUB = N_("Dienst {number} '{name}': er staat geen wijk of postcode van {hub} bij.")
BAD_HOURS = N_("Dienst {number} '{name}': de openingstijden kloppen niet.")
BAD_DATE = N_("Dienst {number} '{name}': de datum van de laatste controle klopt niet.")
BAD_LANGUAGE = N_("Dienst {number} '{name}': de taal '{code}' kennen wij niet.")
TOO_LONG = N_("Dienst {number} '{name}': {field} is te lang (meer dan {most} tekens).")
SAME_ID = N_("Dienst {number} '{name}': dezelfde id staat ook bij dienst {other}.")
BAD_URL = N_("Dienst {number} '{name}': {field} klopt niet. Het moet een adres met https:// of http:// zijn.")
BAD_EMAIL = WRONG_VALUE
NO_ORGANIZATION = N_("Dienst {number} '{name}': de naam van de organisatie ontbreekt.")
BAD_ADDRESS = N_("Dienst {number} '{name}': bij het adres ontbreekt de straat, de postcode of de plaats.")
BAD_POSTCODE = N_("Dienst {number} '{name}': de postcode klopt niet.")
ORGANIZATION_DIFFERS = N_(
    "Dienst {number} '{name}': de organisatie '{organization}' staat anders bij dienst {other}."
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong: in record ``number`` (1 for the first; 0 for the whole file) named ``name``."""

    number: int
    name: str
    msgid: str
    values: dict[str, object] = field(default_factory=dict)


# Where in a record, in words: by the HSDS path without list positions; a path not here is said by
# its nearest part that is, else as it is.
FIELD_WORDS = {
    "id": N_("de id"),
    "name": N_("de naam"),
    "description": N_("de beschrijving"),
    "status": N_("de status"),
    "url": N_("de website"),
    "email": N_("het e-mailadres"),
    "organization_id": N_("de organisatie"),
    "application_process": N_("de tekst over wat er gebeurt als iemand belt"),
    "fees_description": N_("de tekst over wat het kost"),
    "eligibility_description": N_("de tekst over voor wie het is"),
    "assured_date": N_("de datum van de laatste controle"),
    "last_modified": N_("de datum van de laatste wijziging"),
    "summary": N_("de korte zin over wat zij doen"),
    "attributes": N_("de soort hulp of de korte zin"),
    "phones": N_("het telefoonnummer"),
    "organization": N_("de organisatie"),
    "organization name": N_("de naam van de organisatie"),
    "organization description": N_("de beschrijving van de organisatie"),
    "organization website": N_("de website van de organisatie"),
    "organization email": N_("het e-mailadres van de organisatie"),
    "organization contacts": N_("de contactpersoon"),
    "organization contacts phones": N_("het telefoonnummer van de contactpersoon"),
    "organization partner_contact": N_("de contactpersoon"),
    "organization partner_phone": N_("het telefoonnummer van de contactpersoon"),
    "organization partner_hours": N_("de tijden van de contactpersoon"),
    "service_at_locations": N_("de plek"),
    "service_at_locations location name": N_("de naam van de plek"),
    "service_at_locations location addresses": N_("het adres"),
    "service_at_locations location addresses address_1": N_("de straat en het huisnummer"),
    "service_at_locations location addresses postal_code": N_("de postcode"),
    "service_at_locations location addresses city": N_("de plaats"),
    "schedules": N_("de openingstijden"),
    "languages": N_("de talen"),
    "service_areas": N_("de wijken"),
}
# Our columns of a service where they are in a record (for a text too long for its column).
_COLUMN_PATHS = {
    "location_name": "service_at_locations location name",
    "address_1": "service_at_locations location addresses address_1",
    "postal_code": "service_at_locations location addresses postal_code",
    "city": "service_at_locations location addresses city",
    "state_province": "service_at_locations location addresses",
    "country": "service_at_locations location addresses",
    "phone": "phones",
    "languages": "languages",
}


def field_words(path: Iterable[object]) -> str:
    """A place in a record (a jsonschema path, or our column's path) as words (a catalogue id)."""
    parts = [str(part) for part in path if not isinstance(part, int)]
    for end in range(len(parts), 0, -1):
        if (words := FIELD_WORDS.get(" ".join(parts[:end]))) is not None:
            return words
    return " ".join(parts)


def shown_name(name: str) -> str:
    """A record's name as a message shows it: cut after ``NAME_SHOWN`` characters."""
    name = " ".join(name.split())
    return name if len(name) <= NAME_SHOWN else name[: NAME_SHOWN - 1].rstrip() + "…"


def in_words(problem: Problem, lang: str) -> str:
    name = shown_name(problem.name) or i18n.gettext(lang, NO_NAME_WORDS)
    values = dict(problem.values)
    if isinstance(values.get("field"), str):
        values["field"] = i18n.gettext(lang, values["field"])
    return i18n.gettext(lang, problem.msgid, number=problem.number, name=name, **values)


# The schemas ------------------------------------------------------------------------------------


@cache
def registry() -> Registry:
    """Every vendored HSDS schema under its file name (below ``SCHEMA_BASE``): no network."""
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        if path.name == "openapi.json":
            continue
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((SCHEMA_BASE + path.name, DRAFT202012.create_resource(contents)))
    return Registry().with_resources(resources)


def _formats() -> FormatChecker:
    """jsonschema's checks, with date-time and uri checked without extra packages."""
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def _moment(value: object) -> bool:
        return not isinstance(value, str) or ("T" in value and hsds.moment_of(value) is not None)

    @checker.checks("uri")
    def _uri(value: object) -> bool:
        return not isinstance(value, str) or re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+", value) is not None

    return checker


@cache
def validator(schema: str = "service.json") -> Draft202012Validator:
    """A validator of one vendored HSDS object (``service.json``, ``organization.json``, ...)."""
    return Draft202012Validator(
        {"$ref": SCHEMA_BASE + schema}, registry=registry(), format_checker=_formats()
    )


def schema_errors(record: object, schema: str = "service.json") -> list[ValidationError]:
    """What the HSDS schema finds wrong with one object, in the order of where it is."""
    return sorted(validator(schema).iter_errors(record), key=lambda e: [str(p) for p in e.absolute_path])


def _where(error: ValidationError, missing: str = "") -> str:
    """Where in the record, in words: "het telefoonnummer" for "phones 1 number"."""
    return field_words([*error.absolute_path, *([missing] if missing else [])])


def _schema_problem(number: int, name: str, error: ValidationError) -> Problem:
    if error.validator == "required" and isinstance(error.instance, dict):
        absent = next((key for key in error.validator_value if key not in error.instance), "")
        return Problem(number, name, MISSING, {"field": _where(error, absent)})
    return Problem(number, name, WRONG_VALUE, {"field": _where(error) or "?"})


# A file ------------------------------------------------------------------------------------------


def read(data: bytes | str) -> tuple[list | None, list[Problem]]:
    """The records of a file's bytes, or the one problem that stops it."""
    if len(data) > MAX_BYTES:
        return None, [Problem(0, "", TOO_BIG, {"megabytes": MAX_BYTES // (1024 * 1024)})]
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        records = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None, [Problem(0, "", NOT_JSON)]
    if not isinstance(records, list):
        return None, [Problem(0, "", NOT_A_LIST)]
    if len(records) > MAX_RECORDS:
        return None, [Problem(0, "", TOO_MANY, {"most": MAX_RECORDS})]
    return records, []


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def wijk_ids_of(names: Iterable[str], hub_name: str, wijken: Iterable[Wijk]) -> tuple[str, list[str], bool]:
    """The wijk ids (space-separated, "" for the whole hub) the area names say, the names we do not
    know, and whether any name was one of the hub's wijken or the whole hub (``hsds.whole_hub``, or
    the hub's own name where no wijk bears it)."""
    by_name: dict[str, int] = {}
    for wijk in wijken:
        by_name.setdefault(_key(wijk.name), wijk.id)
        by_name.setdefault(_key(wijk.slug), wijk.id)
    ids: list[str] = []
    unknown: list[str] = []
    whole = False
    for name in names:
        if (found := by_name.get(_key(name))) is not None:
            if str(found) not in ids:
                ids.append(str(found))
        elif _key(name) in (_key(hub_name), _key(hsds.whole_hub(hub_name))):
            whole = True
        else:
            unknown.append(name)
    return ("" if whole else " ".join(ids)), unknown, whole or bool(ids)


def located_in(region: str, postcode: str, wijken: list[Wijk]) -> Wijk | None:
    """The wijk an address is in: the one its region names, else the first whose postcode areas
    hold its postcode; None when neither is of the hub."""
    named = next((w for w in wijken if _key(region) in (_key(w.name), _key(w.slug))), None)
    return named if region and named else places.wijk_of(wijken, None, postcode)


def _schedule_fine(schedule: dict[str, str]) -> bool:
    opens, closes = schedule["opens_at"], schedule["closes_at"]
    return (
        _BYDAY.fullmatch(schedule["byday"]) is not None
        and _TIME.fullmatch(opens) is not None
        and _TIME.fullmatch(closes) is not None
        and opens < closes
    )


def _too_long(parsed: hsds.Parsed) -> tuple[str, int] | None:
    """The first text longer than its column: (where it is, in words; the most)."""
    rows = [
        *((Service, c, v, _COLUMN_PATHS.get(c, c)) for c, v in parsed.service.items()),
        *((Organization, c, v, f"organization {c}") for c, v in parsed.organization.items()),
        *((ServiceSchedule, c, v, f"schedules {c}") for s in parsed.schedules for c, v in s.items()),
    ]
    for table, column, value, where in rows:
        if (most := rules.too_long(table, column, value)) is not None:
            return field_words(where.split()), most
    return None


def _our_problems(number: int, record: dict, hub_name: str, wijken: list[Wijk]) -> list[Problem]:
    parsed = hsds.from_hsds(record)
    name = str(parsed.service["name"])
    found: list[Problem] = []

    def problem(msgid: str, **values: object) -> None:
        found.append(Problem(number, name, msgid, values))

    missing = {"name": NO_NAME, "description": NO_DESCRIPTION}
    for column in rules.REQUIRED:
        if not parsed.service[column]:
            problem(missing[column])
    if not parsed.organization["name"]:
        problem(NO_ORGANIZATION)
    for value, where in (
        (parsed.service["url"], "url"),
        (parsed.organization["website"], "organization website"),
    ):
        if value and rules.website(str(value)) is None:
            problem(BAD_URL, field=field_words(where.split()))
    for value, where in (
        (parsed.service["email"], "email"),
        (parsed.organization["email"], "organization email"),
    ):
        if value and rules.email(str(value)) is None:
            problem(BAD_EMAIL, field=field_words(where.split()))
    address = [str(parsed.service[column]) for column in rules.ADDRESS]
    if any(address) and not all(address):
        problem(BAD_ADDRESS)
    elif address[1] and places.normalise(address[1]) is None:
        problem(BAD_POSTCODE)
    if hsds.category_of(record) is None:
        problem(UNKNOWN_CATEGORY)
    if any(not dials(hsds.text_of(phone, "number")) for phone in hsds.list_of(record, "phones")):
        problem(BAD_PHONE)
    partner_phone = str(parsed.organization.get("partner_phone", ""))
    if partner_phone and not dials(partner_phone):
        problem(BAD_PARTNER_PHONE)
    _, unknown, in_hub = wijk_ids_of(parsed.areas, hub_name, wijken)
    for wijk in unknown:
        problem(UNKNOWN_WIJK, wijk=wijk, hub=hub_name)
    postcode = str(parsed.service["postal_code"])
    if not in_hub and not unknown and located_in(parsed.region, postcode, wijken) is None:
        problem(NOT_IN_HUB, hub=hub_name)
    if any(not _schedule_fine(schedule) for schedule in parsed.schedules):
        problem(BAD_HOURS)
    if hsds.text_of(record, "assured_date") and "checked_on" not in parsed.service:
        problem(BAD_DATE)
    for code in str(parsed.service["languages"]).split():
        if not rules.LANGUAGE_CODE.fullmatch(code):
            problem(BAD_LANGUAGE, code=code)
    if (long := _too_long(parsed)) is not None:
        problem(TOO_LONG, field=long[0], most=long[1])
    return found


def _organization_shape(parsed: hsds.Parsed) -> dict:
    keys = ("name", "description", "website", "email", "informal")
    shape = {key: parsed.organization[key] for key in keys}
    if parsed.has_contacts:
        contact = ("partner_contact", "partner_phone", "partner_hours")
        shape |= {key: parsed.organization[key] for key in contact}
    return shape


def _across(clean: list[tuple[int, dict]]) -> list[Problem]:
    """What is wrong between records: the same service id twice, one organisation told two ways."""
    found: list[Problem] = []
    services: dict[str, int] = {}
    organizations: dict[str, tuple[int, dict]] = {}
    for number, record in clean:
        parsed = hsds.from_hsds(record)
        name = str(parsed.service["name"])
        uid = str(parsed.service["uid"])
        if uid in services:
            found.append(Problem(number, name, SAME_ID, {"other": services[uid]}))
        services.setdefault(uid, number)
        org_uid = str(parsed.organization["uid"])
        shape = _organization_shape(parsed)
        if org_uid in organizations:
            first, first_shape = organizations[org_uid]
            common = set(first_shape) & set(shape)
            if any(first_shape[key] != shape[key] for key in common):
                values = {"organization": parsed.organization["name"], "other": first}
                found.append(Problem(number, name, ORGANIZATION_DIFFERS, values))
        else:
            organizations[org_uid] = (number, shape)
    return found


def problems_of(records: object, hub_name: str, wijken: Iterable[Wijk]) -> list[Problem]:
    """Every problem of the records for the hub named ``hub_name`` with these wijken; [] when all
    are clean. Each record is checked against the HSDS schema first, then against our rules."""
    if not isinstance(records, list):
        return [Problem(0, "", NOT_A_LIST)]
    if len(records) > MAX_RECORDS:
        return [Problem(0, "", TOO_MANY, {"most": MAX_RECORDS})]
    wijken = list(wijken)
    found: list[Problem] = []
    clean: list[tuple[int, dict]] = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            found.append(Problem(number, "", NOT_AN_OBJECT))
            continue
        name = record.get("name") if isinstance(record.get("name"), str) else ""
        errors = schema_errors(record)
        if errors:
            found.extend(_schema_problem(number, name.strip(), e) for e in errors[:MAX_SCHEMA_PROBLEMS])
            continue
        ours = _our_problems(number, record, hub_name, wijken)
        found.extend(ours)
        if not ours:
            clean.append((number, record))
    return sorted(found + _across(clean), key=lambda problem: problem.number)
