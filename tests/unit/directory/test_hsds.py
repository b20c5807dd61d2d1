"""HSDS 3.0 in and out: the demo export validates, export-import-export gives the same file, the same
file twice changes nothing, and a bad file loads nothing and says why in words."""

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from sqlmodel import Session, select

from mantelzorg_app.models import (
    Hub,
    Membership,
    Organization,
    Person,
    Role,
    SearchDocument,
    Service,
    ServiceSchedule,
    Wijk,
)
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.directory import edits, hsds, rules, transfer, validation
from mantelzorg_app.services.directory.validation import in_words, problems_of, read
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform.hubs import hub_by_slug

SCHEMAS = Path(validation.__file__).parent / "hsds_schema"


@pytest.fixture
def demo(session: Session) -> Session:
    load_demo(session)
    return session


def _hub(session: Session, slug: str) -> Hub:
    hub = hub_by_slug(session, slug)
    assert hub is not None
    return hub


def _empty_copy(session: Session, hub: Hub, slug: str) -> Hub:
    """A new hub of the same name and wijken, with no sociale kaart yet."""
    copy_hub = Hub(
        slug=slug, name=hub.name, country=hub.country, timezone=hub.timezone, speech_locale=hub.speech_locale
    )
    session.add(copy_hub)
    session.flush()
    for wijk in session.exec(select(Wijk).where(Wijk.hub_id == hub.id).order_by(Wijk.id)):
        session.add(
            Wijk(hub_id=copy_hub.id, slug=wijk.slug, name=wijk.name, kind=wijk.kind, postcodes=wijk.postcodes)
        )
    session.commit()
    return copy_hub


def _plain_validator() -> Draft202012Validator:
    """The vendored schemas read here on their own, with jsonschema: not through the app's code."""
    resources = [
        (path.name, DRAFT202012.create_resource(json.loads(path.read_text())))
        for path in SCHEMAS.glob("*.json")
        if path.name != "openapi.json"
    ]
    registry = Registry().with_resources(resources)
    return Draft202012Validator({"$ref": "service.json"}, registry=registry, format_checker=FormatChecker())


@pytest.mark.parametrize("slug", ["leusden", "poperinge"])
def test_the_demo_export_validates_against_the_vendored_hsds_schemas(demo: Session, slug: str):
    hub = _hub(demo, slug)
    records = transfer.export_hub(demo, hub.id)
    assert len(records) >= 10
    plain = _plain_validator()
    for record in records:
        errors = [error.message for error in plain.iter_errors(record)]
        assert not errors, (record["name"], errors)
        assert not validation.schema_errors(record)
    assert problems_of(records, hub.name, hsds.hub_wijken(demo, hub.id).values()) == []


def test_a_record_holds_what_the_card_shows(demo: Session):
    hub = _hub(demo, "leusden")
    record = next(r for r in transfer.export_hub(demo, hub.id) if r.get("service_at_locations"))
    service = demo.exec(select(Service).where(Service.uid == record["id"])).one()
    assert record["organization"]["id"] == record["organization_id"]
    assert record["assured_date"] == service.checked_on.isoformat()
    assert record["last_modified"].endswith("Z")
    address = record["service_at_locations"][0]["location"]["addresses"][0]
    assert address["postal_code"] == service.postal_code
    assert address["state_province"] == "Utrecht"
    categories = [a for a in record["attributes"] if a["link_type"] == hsds.CATEGORY_LINK]
    assert categories[0]["taxonomy_term"]["code"] == service.category
    assert [language["code"] for language in record["languages"]] == service.languages.split()


def test_export_twice_gives_the_same_bytes(demo: Session):
    hub = _hub(demo, "leusden")
    assert transfer.dump(transfer.export_hub(demo, hub.id)) == transfer.dump(
        transfer.export_hub(demo, hub.id)
    )


def _directory(session: Session, hub: Hub) -> list[tuple]:
    """A hub's sociale kaart without its own row ids: what a person sees and the ids HSDS keeps."""
    wijk_names = {w.id: w.name for w in session.exec(select(Wijk).where(Wijk.hub_id == hub.id))}
    found = []
    for service in session.exec(select(Service).where(Service.hub_id == hub.id).order_by(Service.uid)):
        organization = session.get(Organization, service.organization_id)
        fields = service.model_dump(
            exclude={"id", "hub_id", "organization_id", "created_at", "check_asked_on"}
        )
        fields["modified_at"] = hsds.stamp(service.modified_at)
        fields["wijk_id"] = wijk_names.get(service.wijk_id)
        fields["area_wijk_ids"] = [wijk_names[int(i)] for i in service.area_wijk_ids.split()]
        schedules = session.exec(
            select(ServiceSchedule)
            .where(ServiceSchedule.service_id == service.id)
            .order_by(ServiceSchedule.id)
        ).all()
        found.append(
            (
                fields,
                organization.model_dump(exclude={"id", "hub_id", "created_at"}),
                [s.model_dump(exclude={"id", "service_id"}) for s in schedules],
            )
        )
    return found


@pytest.mark.parametrize("slug", ["leusden", "poperinge"])
def test_export_import_into_an_empty_hub_export_again_gives_the_same_file(demo: Session, slug: str):
    hub = _hub(demo, slug)
    first = transfer.dump(transfer.export_hub(demo, hub.id))
    empty = _empty_copy(demo, hub, f"{slug}-kopie")
    report = transfer.import_records(demo, empty.id, json.loads(first))
    demo.commit()
    assert (report.added, report.changed, report.unchanged, report.problems) == (
        len(json.loads(first)),
        0,
        0,
        (),
    )
    assert transfer.dump(transfer.export_hub(demo, empty.id)) == first
    assert _directory(demo, empty) == _directory(demo, hub)
    searchable = demo.exec(select(SearchDocument).where(SearchDocument.hub_id == empty.id)).all()
    active = demo.exec(select(Service).where(Service.hub_id == empty.id, Service.status == "active")).all()
    assert {d.ref for d in searchable if d.kind == "service"} == {str(s.id) for s in active}


def _actor(session: Session, hub: Hub, role: Role) -> Actor:
    membership = session.exec(
        select(Membership).where(
            Membership.hub_id == hub.id,
            Membership.role == role,
            (Membership.organization_id != None) if role == Role.professional else True,  # noqa: E711
        )
    ).first()
    person = session.get(Person, membership.person_id)
    return Actor(person.id, person.first_name, hub.id, frozenset({role}))


def test_a_partners_approved_new_service_exports_and_loads_into_an_empty_hub(demo: Session):
    hub = _hub(demo, "leusden")
    partner, coordinator = _actor(demo, hub, Role.professional), _actor(demo, hub, Role.coordinator)
    organization_id = edits.organizations_of(demo, partner)[0].id
    form = {
        **edits.blank(),
        "category": "thuiszorg",
        "name": "Avondzorg",
        "summary": "Zorg bij u thuis in de avond.",
        "description": "Een verzorgende komt in de avond bij u thuis.",
        "phone": "(033) 123 45 67",
        "url": "www.avondzorg.example.org",
        "address_1": "Dorpsweg 2",
        "postal_code": "3831ab",
        "city": "Leusden",
        "hours_MO": "18-22",
    }
    edit = edits.propose(demo, partner, organization_id, None, form)
    edits.approve(demo, coordinator, edit.id)
    demo.commit()
    records = transfer.export_hub(demo, hub.id)
    record = next(r for r in records if r["name"] == "Avondzorg")
    address = record["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["city"], address["state_province"], address["country"]) == ("Leusden", "Utrecht", "NL")
    assert not [error.message for error in _plain_validator().iter_errors(record)]
    first = transfer.dump(records)
    empty = _empty_copy(demo, hub, "leusden-kopie")
    report = transfer.import_records(demo, empty.id, json.loads(first))
    demo.commit()
    assert report.problems == () and report.added == len(records)
    assert transfer.dump(transfer.export_hub(demo, empty.id)) == first
    # and the partner's form takes the loaded entry back as it is, the phone as typed
    copied = demo.exec(select(Service).where(Service.hub_id == empty.id, Service.name == "Avondzorg")).one()
    entry = edits.entry_of(demo, copied)
    assert entry["phone"] == "(033) 123 45 67"
    assert edits.cleaned(demo, empty, entry) == entry


def test_the_form_and_the_file_take_the_same_phone_numbers(demo: Session):
    hub, good = _one_good(demo)
    for number, fine in (("(033) 123 45 67", True), ("033 12a 456", False), ("033 1234", False)):
        record = copy.deepcopy(good)
        record["phones"][0]["number"] = number
        assert (_words(demo, hub, [record]) == []) is fine, number
        assert (rules.phone_problem(number) is None) is fine, number


def test_a_script_link_or_an_organisation_without_a_name_is_refused_in_words(demo: Session):
    hub, good = _one_good(demo)
    script = copy.deepcopy(good) | {"url": "javascript:alert(1)"}
    script["organization"]["website"] = "data:text/html,hoi"
    nameless = {key: value for key, value in copy.deepcopy(good).items() if key != "organization"}
    bad_email = copy.deepcopy(good) | {"email": "niet@"}
    long_name = copy.deepcopy(good) | {"name": "Heel " * 30, "status": "open"}
    name = good["name"]
    assert _words(demo, hub, [script, nameless, bad_email, long_name]) == [
        f"Dienst 1 '{name}': de website klopt niet. Het moet een adres met https:// of http:// zijn.",
        f"Dienst 1 '{name}': de website van de organisatie klopt niet. "
        "Het moet een adres met https:// of http:// zijn.",
        f"Dienst 2 '{name}': de naam van de organisatie ontbreekt.",
        f"Dienst 3 '{name}': het e-mailadres klopt niet.",
        f"Dienst 4 '{('Heel ' * 12).strip()}…': de status klopt niet.",
    ]


def test_where_the_schema_finds_a_problem_is_said_in_words():
    assert validation.field_words(["phones", 0, "number"]) == "het telefoonnummer"
    address = ["service_at_locations", 0, "location", "addresses", 0]
    assert validation.field_words([*address, "postal_code"]) == "de postcode"
    assert validation.field_words([*address, "address_type"]) == "het adres"
    assert validation.field_words(["schedules", 1, "byday"]) == "de openingstijden"
    assert validation.field_words(["iets_nieuws"]) == "iets_nieuws"


def test_importing_the_same_file_twice_changes_nothing(demo: Session):
    hub = _hub(demo, "leusden")
    records = transfer.export_hub(demo, hub.id)
    before = _directory(demo, hub)
    for _ in range(2):
        report = transfer.import_records(demo, hub.id, copy.deepcopy(records))
        demo.commit()
        assert (report.added, report.changed, report.unchanged) == (0, 0, len(records))
    assert _directory(demo, hub) == before


def test_a_changed_record_is_updated_and_found_under_its_new_name(demo: Session):
    hub = _hub(demo, "leusden")
    records = transfer.export_hub(demo, hub.id)
    records[0]["name"] = "Thuiszorg Zuid"
    records[0]["schedules"] = records[0]["schedules"][:0]
    report = transfer.import_records(demo, hub.id, records)
    demo.commit()
    assert (report.added, report.changed, report.unchanged) == (0, 1, len(records) - 1)
    service = demo.exec(
        select(Service).where(Service.hub_id == hub.id, Service.uid == records[0]["id"])
    ).one()
    assert service.name == "Thuiszorg Zuid"
    assert not demo.exec(select(ServiceSchedule).where(ServiceSchedule.service_id == service.id)).all()
    document = demo.exec(
        select(SearchDocument).where(
            SearchDocument.hub_id == hub.id,
            SearchDocument.kind == "service",
            SearchDocument.ref == str(service.id),
        )
    ).one()  # a ref is an id within its kind: the demo's activities have ids too
    assert document.title == "Thuiszorg Zuid"


def test_a_file_without_contacts_leaves_wie_is_wie_alone_and_contacts_go_only_into_the_file(demo: Session):
    hub = _hub(demo, "leusden")
    organization = demo.exec(
        select(Organization).where(Organization.hub_id == hub.id, Organization.partner_contact != "")
    ).first()
    service = demo.exec(select(Service).where(Service.organization_id == organization.id)).first()
    public = hsds.to_hsds(demo, service, partner_contacts=False)
    assert "contacts" not in json.dumps(public)
    assert organization.partner_contact not in json.dumps(public)
    private = hsds.to_hsds(demo, service, partner_contacts=True)
    assert private["organization"]["contacts"][0]["name"] == organization.partner_contact
    report = transfer.import_records(demo, hub.id, transfer.export_hub(demo, hub.id, partner_contacts=False))
    assert report.changed == 0
    demo.refresh(organization)
    assert organization.partner_contact


def _one_good(demo: Session) -> tuple[Hub, dict]:
    hub = _hub(demo, "leusden")
    return hub, transfer.export_hub(demo, hub.id)[0]


def _words(demo: Session, hub: Hub, records: object) -> list[str]:
    report = transfer.import_records(demo, hub.id, records)
    return [in_words(problem, "nl") for problem in report.problems]


def test_bad_records_load_nothing_and_each_problem_is_said_in_words(demo: Session):
    hub, good = _one_good(demo)
    new = copy.deepcopy(good) | {"id": "a2d9c6b4-1f7e-4c1a-9a57-3d1e2f4a5b6c", "name": "Nieuwe dienst"}
    bad_phone = copy.deepcopy(good) | {"id": "0b8f8c1e-5d2a-4f63-8f0e-2c4f7d9e1a3b", "name": "Thuiszorg Zuid"}
    bad_phone["phones"][0]["number"] = "bel ons"
    no_category = copy.deepcopy(good) | {"id": "5f2c9d8e-7a1b-4c3d-9e8f-0a1b2c3d4e5f", "attributes": []}
    far_away = copy.deepcopy(good) | {"id": "7c3e1a2b-9d8f-4e6a-b5c4-1d2e3f4a5b6c"}
    far_away["service_areas"] = [{"id": "1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6", "name": "Amersfoort"}]
    not_uuid = copy.deepcopy(good) | {"id": "12"}
    no_description = copy.deepcopy(good) | {"id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "description": " "}
    records = [new, bad_phone, no_category, far_away, not_uuid, "tekst", no_description, copy.deepcopy(new)]
    before = _directory(demo, hub)

    words = _words(demo, hub, records)

    name = good["name"]
    assert words == [
        "Dienst 2 'Thuiszorg Zuid': het telefoonnummer klopt niet.",
        f"Dienst 3 '{name}': de soort hulp kennen wij niet.",
        f"Dienst 4 '{name}': de wijk 'Amersfoort' kennen wij niet in Leusden.",
        f"Dienst 5 '{name}': de id klopt niet.",
        "Dienst 6: dit is geen dienst (geen JSON-object).",
        f"Dienst 7 '{name}': er staat niet bij wat zij doen.",
        "Dienst 8 'Nieuwe dienst': dezelfde id staat ook bij dienst 1.",
    ]
    assert _directory(demo, hub) == before
    assert not demo.exec(select(Service).where(Service.name == "Nieuwe dienst")).all()


def test_our_own_rules(demo: Session):
    hub, good = _one_good(demo)
    no_name = copy.deepcopy(good) | {"name": ""}
    missing = {key: value for key, value in copy.deepcopy(good).items() if key != "status"}
    long_text = copy.deepcopy(good) | {"fees_description": "€" * 401}
    wrong_hours = copy.deepcopy(good)
    wrong_hours["schedules"] = [
        {
            "id": "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a",
            "freq": "WEEKLY",
            "byday": "XX",
            "opens_at": "17:00",
            "closes_at": "9:00",
        }
    ]
    other_organization = copy.deepcopy(good) | {"id": "4d3c2b1a-0f9e-4d7c-8b6a-5f4e3d2c1b0a"}
    other_organization["organization"]["name"] = "Een andere naam"
    words = _words(demo, hub, [no_name, missing, long_text, wrong_hours, good, other_organization])
    name = good["name"]
    assert words == [
        "Dienst 1: de naam ontbreekt.",
        f"Dienst 2 '{name}': de status ontbreekt.",
        f"Dienst 3 '{name}': de tekst over wat het kost is te lang (meer dan 400 tekens).",
        f"Dienst 4 '{name}': de openingstijden kloppen niet.",
        f"Dienst 6 '{name}': de organisatie 'Een andere naam' staat anders bij dienst 5.",
    ]


def test_an_address_in_the_hub_is_enough_without_service_areas(demo: Session):
    hub, good = _one_good(demo)
    record = copy.deepcopy(good)
    record["service_areas"] = []
    assert record["service_at_locations"] or record.get("phones")
    if record["service_at_locations"]:
        assert _words(demo, hub, [record]) == []
    record["service_at_locations"] = []
    assert _words(demo, hub, [record]) == [
        f"Dienst 1 '{good['name']}': er staat geen wijk of postcode van Leusden bij."
    ]


@pytest.mark.parametrize(
    ("data", "msgid"),
    [
        (b"{niet af", validation.NOT_JSON),
        (b"\xff\xfe", validation.NOT_JSON),
        (b'{"id": 1}', validation.NOT_A_LIST),
        (b"[" + b" " * validation.MAX_BYTES + b"]", validation.TOO_BIG),
        (json.dumps([{}] * (validation.MAX_RECORDS + 1)).encode(), validation.TOO_MANY),
    ],
    ids=["half", "not-utf8", "object", "too-big", "too-many"],
)
def test_a_malformed_file_gets_one_clear_message(data: bytes, msgid: str):
    records, problems = read(data)
    assert records is None
    assert [problem.msgid for problem in problems] == [msgid]
    assert in_words(problems[0], "nl").endswith("Er is niets geladen.")


def test_an_empty_list_is_a_file_with_nothing_to_load(demo: Session):
    hub = _hub(demo, "leusden")
    assert read(b"[]") == ([], [])
    assert transfer.import_records(demo, hub.id, []) == transfer.Report()


@pytest.mark.parametrize(
    ("number", "dials"),
    [
        ("033-000 00 12", True),
        ("+31 33 000 00 12", True),
        ("057 00 00 02", True),
        ("14 033", True),
        ("(033) 000.00.12", True),
        ("bel ons", False),
        ("123", False),
        ("+31 33 000 00 12 34 56 78", False),
        ("", False),
    ],
)
def test_a_phone_that_dials(number: str, dials: bool):
    assert validation.dials(number) is dials


def test_the_report_in_words(demo: Session):
    assert transfer.report_in_words(transfer.Report(1, 2, 3), "nl") == [
        "Het bestand is geladen.",
        "Nieuw: 1. Veranderd: 2. Hetzelfde gebleven: 3.",
    ]
    refused = transfer.Report(problems=(validation.Problem(2, "", validation.NO_NAME),))
    assert transfer.report_in_words(refused, "nl") == [transfer.REFUSED, "Dienst 2: de naam ontbreekt."]
