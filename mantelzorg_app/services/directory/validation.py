"""Is an HSDS file fit to load into a hub's sociale kaart? Each problem in words for a person.

A file is a JSON array of HSDS 3.0 ``service`` objects. Each record is checked against the vendored
schemas (``hsds_schema/``, which ``$ref`` each other by file name: a Registry of the folder, so
nothing is fetched) and against our own rules: a category we know, a hub wijk or a postcode of the
hub, a phone that dials, a name and what they do, texts that fit our columns. A problem is a
message id with values ("Dienst 12 'Thuiszorg Zuid': het telefoonnummer klopt niet."), put in the
reader's language by ``in_words``.
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
from mantelzorg_app.services.directory import hsds
from mantelzorg_app.services.platform import i18n, places
from mantelzorg_app.services.platform.i18n import N_

SCHEMA_DIR = Path(__file__).parent / "hsds_schema"
# Where the vendored files are known in the Registry; the HSDS files $ref each other relative to it.
SCHEMA_BASE = "https://mantelzorghub.invalid/hsds/3.0/schema/"
MAX_BYTES = 5 * 1024 * 1024  # a hub's whole sociale kaart is far smaller
MAX_RECORDS = 2000
MAX_SCHEMA_PROBLEMS = 3  # of one record: the first few say enough
PHONE_DIGITS = (5, 15)  # "14 033" up to the longest international number
_PHONE_SIGNS = re.compile(r"[\s\-./()]")
_DAY = r"(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)"
_BYDAY = re.compile(rf"{_DAY}(,{_DAY})*")
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?")
_LANGUAGE = re.compile(r"[a-z]{2,3}")

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
TOO_LONG = N_("Dienst {number} '{name}': de tekst bij {field} is te lang (meer dan {most} tekens).")
SAME_ID = N_("Dienst {number} '{name}': dezelfde id staat ook bij dienst {other}.")
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


def in_words(problem: Problem, lang: str) -> str:
    name = problem.name or i18n.gettext(lang, NO_NAME_WORDS)
    return i18n.gettext(lang, problem.msgid, number=problem.number, name=name, **problem.values)


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
    """Where in the record, 1-based: "phones 1 number"."""
    parts = [str(p + 1) if isinstance(p, int) else str(p) for p in error.absolute_path]
    return " ".join([*parts, missing]).strip()


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


def dials(number: str) -> bool:
    """A phone number a phone can call: digits (a + first for abroad) of a plausible length."""
    bare = _PHONE_SIGNS.sub("", number)
    digits = bare.removeprefix("+")
    return digits.isdigit() and PHONE_DIGITS[0] <= len(digits) <= PHONE_DIGITS[1]


def _schedule_fine(schedule: dict[str, str]) -> bool:
    opens, closes = schedule["opens_at"], schedule["closes_at"]
    return (
        _BYDAY.fullmatch(schedule["byday"]) is not None
        and _TIME.fullmatch(opens) is not None
        and _TIME.fullmatch(closes) is not None
        and opens < closes
    )


def _limit(table: type, column: str) -> int | None:
    found = table.__table__.c.get(column)
    return getattr(found.type, "length", None) if found is not None else None


def _too_long(parsed: hsds.Parsed) -> tuple[str, int] | None:
    """The first text longer than its column: (where it is in HSDS words, the most)."""
    rows = [
        *((Service, column, value, column) for column, value in parsed.service.items()),
        *((Organization, c, v, f"organization {c}") for c, v in parsed.organization.items()),
        *((ServiceSchedule, c, v, f"schedules {c}") for s in parsed.schedules for c, v in s.items()),
    ]
    for table, column, value, where in rows:
        limit = _limit(table, column)
        if isinstance(value, str) and limit and len(value) > limit:
            return ("attributes summary" if where == "summary" else where), limit
    return None


def _our_problems(number: int, record: dict, hub_name: str, wijken: list[Wijk]) -> list[Problem]:
    parsed = hsds.from_hsds(record)
    name = str(parsed.service["name"])
    found: list[Problem] = []

    def problem(msgid: str, **values: object) -> None:
        found.append(Problem(number, name, msgid, values))

    if not name:
        problem(NO_NAME)
    if not parsed.service["description"]:
        problem(NO_DESCRIPTION)
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
        if not _LANGUAGE.fullmatch(code):
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
