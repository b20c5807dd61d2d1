"""The public HSDS 3.0 API of a hub's sociale kaart, and the coordinator's download of its file.

Every object validates against the vendored schemas; the list pages as openapi.json's Page says;
an unknown hub or id is a 404 in JSON; no partner contacts or personal data ever; any site may read
the API, while the download is the coordinator's alone.
"""

import json

import pytest
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mantelzorg_app import hsds_routes
from mantelzorg_app.asgi import only_our_origin
from mantelzorg_app.models import AuditEvent, Hub, Organization, Person, Service
from mantelzorg_app.services.directory import validation
from mantelzorg_app.services.platform import cookies
from tests.security.conftest import People, refusals

API = "/api/hsds"
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@pytest.fixture
def client(db) -> TestClient:
    return TestClient(only_our_origin(Starlette(routes=hsds_routes.routes)), base_url="http://localhost")


def _active(db, slug: str) -> list[Service]:
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == slug)).one()
        return list(session.exec(select(Service).where(Service.hub_id == hub.id, Service.status == "active")))


def _secrets(db) -> list[str]:
    """What must never be in the API: partner contacts and every person's name and address."""
    with Session(db) as session:
        found = []
        for organization in session.exec(select(Organization)):
            found += [organization.partner_contact, organization.partner_phone, organization.partner_hours]
        for person in session.exec(select(Person)):
            found += [person.email, person.phone]
    return [secret for secret in found if secret and len(secret) > 3]


def test_the_root_says_what_the_api_is(client: TestClient):
    for path in (f"{API}/leusden", f"{API}/leusden/"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.json()["version"] == "3.0.0"
        assert response.json()["openapi_url"].startswith("https://")


def test_every_service_validates_and_holds_no_contacts(client: TestClient, db):
    active = _active(db, "leusden")
    body = client.get(f"{API}/leusden/services", params={"per_page": 100, "full": "true"}).json()
    assert set(body) == PAGE_KEYS
    assert body["total_items"] == len(active) == len(body["contents"])
    assert {record["id"] for record in body["contents"]} == {service.uid for service in active}
    text = json.dumps(body)
    assert '"contacts"' not in text
    for secret in _secrets(db):
        assert secret not in text
    for record in body["contents"]:
        assert validation.schema_errors(record) == [], record["name"]
        one = client.get(f"{API}/leusden/services/{record['id']}")
        assert one.status_code == 200
        assert one.json() == record
        assert one.headers["access-control-allow-origin"] == "*"
    assert all(s.uid not in text for s in _active(db, "poperinge"))


def test_the_list_pages_as_openapi_says(client: TestClient, db):
    total = len(_active(db, "leusden"))
    first = client.get(f"{API}/leusden/services", params={"per_page": 10}).json()
    pages = -(-total // 10)
    assert (first["total_items"], first["total_pages"], first["page_number"], first["size"]) == (
        total,
        pages,
        1,
        10,
    )
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    assert all(not isinstance(value, list) for record in first["contents"] for value in record.values())
    last = client.get(f"{API}/leusden/services", params={"page": pages, "per_page": 10}).json()
    assert last["last_page"] and not last["first_page"] and last["size"] == total - 10 * (pages - 1)
    seen = []
    for page in range(1, pages + 1):
        seen += [
            r["id"]
            for r in client.get(f"{API}/leusden/services", params={"page": page, "per_page": 10}).json()[
                "contents"
            ]
        ]
    assert len(seen) == len(set(seen)) == total
    beyond = client.get(f"{API}/leusden/services", params={"page": pages + 5, "per_page": 10}).json()
    assert beyond["contents"] == [] and beyond["size"] == 0 and beyond["last_page"]
    for record in first["contents"] + last["contents"]:
        assert validation.schema_errors(record) == []


@pytest.mark.parametrize(
    ("params", "per_page"),
    [({"per_page": 100000}, 100), ({"per_page": 0}, 1), ({"page": 0}, 50), ({}, 50)],
)
def test_page_and_per_page_are_bounded(client: TestClient, params: dict, per_page: int):
    body = client.get(f"{API}/leusden/services", params=params).json()
    assert body["page_number"] == 1
    assert body["size"] == min(per_page, body["total_items"])


@pytest.mark.parametrize("value", ["twee", "-1", "1.5", "9" * 40, "1e3"])
def test_a_page_that_is_no_number_is_a_bad_request(client: TestClient, value: str):
    response = client.get(f"{API}/leusden/services", params={"page": value})
    assert response.status_code == 400
    assert response.json()["error"] == "bad request"


@pytest.mark.parametrize(
    "path",
    [
        f"{API}/nergens",
        f"{API}/nergens/services",
        f"{API}/nergens/services/0b8f8c1e-5d2a-4f63-8f0e-2c4f7d9e1a3b",
        f"{API}/leusden/services/0b8f8c1e-5d2a-4f63-8f0e-2c4f7d9e1a3b",
        f"{API}/leusden/services/12",
        f"{API}/leusden/services/{'x' * 500}",
    ],
)
def test_an_unknown_hub_or_id_is_a_404_in_json(client: TestClient, path: str):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"] == "not found"


def test_another_hubs_service_is_not_found_here(client: TestClient, db):
    other = _active(db, "poperinge")[0]
    assert client.get(f"{API}/leusden/services/{other.uid}").status_code == 404
    assert client.get(f"{API}/poperinge/services/{other.uid}").status_code == 200


def test_a_service_that_is_not_active_is_not_shown(client: TestClient, db):
    service = _active(db, "leusden")[0]
    with Session(db) as session:
        row = session.get(Service, service.id)
        row.status = "inactive"
        session.add(row)
        session.commit()
    assert client.get(f"{API}/leusden/services/{service.uid}").status_code == 404
    body = client.get(f"{API}/leusden/services", params={"per_page": 100}).json()
    assert service.uid not in {record["id"] for record in body["contents"]}


def test_any_site_may_read_the_api(client: TestClient):
    response = client.get(f"{API}/leusden/services", headers={"origin": "https://elders.example"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"


def test_the_download_is_the_coordinators_whole_file(client: TestClient, db, people: People):
    client.cookies.set(cookies.SESSION, people.tokens["coordinator"])
    response = client.get(hsds_routes.download_path("leusden"))
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert 'filename="sociale-kaart-leusden.json"' in response.headers["content-disposition"]
    records = json.loads(response.text)
    assert '"contacts"' in response.text
    # The people fixture adds services with made-up ids of its own; the demo's are HSDS ids.
    demo = [record for record in records if not record["id"].endswith("-service")]
    assert len(demo) >= 40
    assert all(validation.schema_errors(record) == [] for record in demo)
    with Session(db) as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "export")).all()


@pytest.mark.parametrize(
    ("who", "hub"),
    [
        (None, "leusden"),
        ("caregiver", "leusden"),
        ("volunteer", "leusden"),
        ("professional", "leusden"),
        ("other_hub_coordinator", "leusden"),
        ("coordinator", "poperinge"),
        ("coordinator", "nergens"),
    ],
)
def test_anyone_else_is_refused_the_download_and_logged(client: TestClient, db, people: People, who, hub):
    if who:
        client.cookies.set(cookies.SESSION, people.tokens[who])
    before = refusals(db)
    response = client.get(hsds_routes.download_path(hub))
    assert response.status_code == 403
    assert "contacts" not in response.text and "coördinator" in response.text
    assert refusals(db) == before + 1


def test_another_origin_cannot_download_the_file(client: TestClient, people: People):
    client.cookies.set(cookies.SESSION, people.tokens["coordinator"])
    response = client.get(hsds_routes.download_path("leusden"), headers={"origin": "https://elders.example"})
    assert response.status_code == 403
    assert "contacts" not in response.text


def test_only_a_read_of_the_api_passes_another_origin(client: TestClient):
    response = client.post(f"{API}/leusden/services", headers={"origin": "https://elders.example"})
    assert response.status_code == 403
